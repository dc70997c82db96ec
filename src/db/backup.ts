import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { ensurePrivateDir, ensurePrivateFile, tightenPrivateFile } from '../platform/private-files.js';
import { openDatabase, migrationStatus } from './connect.js';
import type { DatabaseTarget } from './connect.js';
import type { DB } from './database.js';

/**
 * Online backup of the SQLite database into a new file (`VACUUM INTO`: a consistent snapshot
 * taken while the server runs, compacted). PostgreSQL is backed up with pg_dump
 * (docs/operations.md).
 */
export async function backupSqlite(target: DatabaseTarget, file: string): Promise<{ file: string; bytes: number }> {
  if (target.kind !== 'sqlite')
    throw new Error(
      'assent backup copies the SQLite database; for PostgreSQL use pg_dump -Fc (see docs/operations.md)',
    );
  const out = path.resolve(file);
  if (fs.existsSync(out)) throw new Error(`${out} exists already; choose a new file name`);
  // A backup holds everything the database holds: created 0600 (VACUUM INTO fills an empty file).
  ensurePrivateDir(path.dirname(out), { own: false });
  ensurePrivateFile(out);
  const db = openDatabase(target);
  try {
    await sql`vacuum into ${out}`.execute(db);
  } finally {
    await db.destroy();
  }
  return { file: out, bytes: fs.statSync(out).size };
}

/**
 * Opens a backup file and counts the migrations applied to it. Throws when the file is missing or
 * is not an Assent database (no migration applied). The caller destroys the returned database.
 */
export async function openSqliteBackup(file: string): Promise<{ db: Kysely<DB>; migrations: number }> {
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
  const db = openDatabase({ kind: 'sqlite', file });
  try {
    const migrations = (await migrationStatus(db)).filter((m) => m.executedAt !== null).length;
    if (migrations === 0) throw new Error(`${file} is not an Assent database (no migrations applied)`);
    return { db, migrations };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/**
 * Puts the SQLite file `from` in place of the database file `to` (the server must be stopped).
 * The file is copied next to the target and renamed over it, so a failure half-way leaves the old
 * database in place; the old database's WAL and shared-memory files are removed with it.
 * Refuses to replace an existing database unless `force`.
 */
export function replaceSqliteFile(from: string, to: string, options: { force: boolean }): void {
  if (fs.existsSync(to) && !options.force)
    throw new Error(`${to} exists; stop the server and add --force to replace it`);
  ensurePrivateDir(path.dirname(to), { own: false });
  const temp = `${to}.restoring`;
  fs.copyFileSync(from, temp);
  tightenPrivateFile(temp);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${to}${suffix}`, { force: true });
  fs.renameSync(temp, to);
}
