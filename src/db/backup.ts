import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { ensurePrivateDir, ensurePrivateFile, tightenPrivateFile } from '../platform/private-files.js';
import { openDatabase, migrationStatus } from './connect.js';
import type { DatabaseTarget } from './connect.js';
import { verifyAuditChain, type ChainVerification } from '../services/verify-audit-chain.js';
import { serviceContext } from '../services/service-context.js';
import { systemClock } from '../domain/time/clock.js';

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

/** Checks that a file is an Assent database and that its audit chain verifies. */
export async function inspectBackup(file: string): Promise<{ migrations: number; chain: ChainVerification }> {
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
  const db = openDatabase({ kind: 'sqlite', file });
  try {
    const migrations = (await migrationStatus(db)).filter((m) => m.executedAt !== null).length;
    if (migrations === 0) throw new Error(`${file} is not an Assent database (no migrations applied)`);
    return { migrations, chain: await verifyAuditChain(serviceContext(db, systemClock)) };
  } finally {
    await db.destroy();
  }
}

/**
 * Restores a backup over the configured SQLite database, after checking it (an Assent database
 * whose audit chain verifies). The server must be stopped. The file is copied next to the
 * target and renamed over it, so a failure half-way leaves the old database in place.
 */
export async function restoreSqlite(
  target: DatabaseTarget,
  file: string,
  options: { force: boolean },
): Promise<{ chain: ChainVerification }> {
  if (target.kind !== 'sqlite')
    throw new Error(
      'assent restore writes the SQLite database; for PostgreSQL use pg_restore, then assent audit verify (see docs/operations.md)',
    );
  const from = path.resolve(file);
  const to = path.resolve(target.file);
  const { chain } = await inspectBackup(from);
  if (!chain.ok)
    throw new Error(
      `the backup's audit chain does not verify (first bad row: ${chain.break?.seq}); refusing to restore it`,
    );
  if (fs.existsSync(to) && !options.force)
    throw new Error(`${to} exists; stop the server and add --force to replace it`);
  ensurePrivateDir(path.dirname(to), { own: false });
  const temp = `${to}.restoring`;
  fs.copyFileSync(from, temp);
  tightenPrivateFile(temp);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${to}${suffix}`, { force: true });
  fs.renameSync(temp, to);
  return { chain };
}
