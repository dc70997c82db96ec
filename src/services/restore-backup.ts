import path from 'node:path';
import { openSqliteBackup, replaceSqliteFile } from '../db/backup.js';
import type { DatabaseTarget } from '../db/connect.js';
import { systemClock } from '../domain/time/clock.js';
import { serviceContext } from './service-context.js';
import { verifyAuditChain, type ChainVerification } from './verify-audit-chain.js';

/** Checks that a file is an Assent database and that its audit chain verifies. Read-only. */
export async function inspectBackup(file: string): Promise<{ migrations: number; chain: ChainVerification }> {
  const { db, migrations } = await openSqliteBackup(file);
  try {
    return { migrations, chain: await verifyAuditChain(serviceContext(db, systemClock), { seal: false }) };
  } finally {
    await db.destroy();
  }
}

/**
 * Restores a backup over the configured SQLite database, after checking it (an Assent database
 * whose audit chain verifies): a backup whose trail was tampered with is never put in place. The
 * server must be stopped; the file swap itself is db/backup.ts's (a failure half-way leaves the
 * old database in place). PostgreSQL is restored with pg_restore (docs/operations.md).
 */
export async function restoreBackup(
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
  replaceSqliteFile(from, to, options);
  return { chain };
}
