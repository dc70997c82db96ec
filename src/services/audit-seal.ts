import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/database.js';
import { dialectOf, type Executor } from '../db/dialect.js';
import { chainAsRecorded, lastPendingId, SEAL_BATCH, sealPendingAudit } from '../repositories/audit.repository.js';
import { findVersionAuditPosition } from '../repositories/reply.repository.js';

/**
 * When a writing transaction's audit events get their place in the chain:
 * - `before-commit`: in the writer's transaction, as it records them, under the chain's lock,
 *   which is then held until it commits. Chain order is commit order, and the records it
 *   positions carry their audit position when they commit. The default on SQLite, whose writers
 *   are serial anyway (nothing goes through `audit_pending`).
 * - `after-commit`: right after the commit, in a transaction of its own that seals every pending
 *   event at once, so writers never wait on each other for the chain and concurrent commits are
 *   sealed in batches. The default on PostgreSQL (issue #17: writes without a global lock).
 */
export type AuditSealMode = 'before-commit' | 'after-commit';

/** The mode a database gets unless configured (`AUDIT_SEAL`). */
export function defaultAuditSealMode(db: Executor): AuditSealMode {
  return dialectOf(db) === 'postgres' ? 'after-commit' : 'before-commit';
}

/** Starts a writer's transaction in `mode`: with before-commit, it chains its events as it records them. */
export function beginWriter(trx: Transaction<DB>, mode: AuditSealMode): void {
  if (mode === 'before-commit') chainAsRecorded(trx);
}

interface SealRuns {
  running: Promise<void> | null;
  next: Promise<void> | null;
}
const runsByDatabase = new WeakMap<object, SealRuns>();

/**
 * Seals every event committed before the call, in transactions of its own, and resolves when
 * they are in the chain. Calls that arrive while a run is under way share the next run (which
 * starts after it and so sees their commits): under a burst, one transaction seals the events of
 * many writers. Other instances seal too; the chain's lock makes them take turns.
 */
export function sealAudit(db: Kysely<DB>): Promise<void> {
  let runs = runsByDatabase.get(db);
  if (!runs) {
    runs = { running: null, next: null };
    runsByDatabase.set(db, runs);
  }
  const state = runs;
  if (state.running === null) {
    state.running = sealAll(db).finally(() => {
      state.running = null;
    });
    return state.running;
  }
  state.next ??= state.running
    .catch(() => undefined)
    .then(() => {
      state.next = null;
      return sealAudit(db);
    });
  return state.next;
}

/**
 * Seals the events written before the run started, a batch per transaction; events written
 * meanwhile are the next run's, so a caller never waits for a stream of later writes. READ
 * COMMITTED on PostgreSQL whatever the server's default: after the lock, each statement must see
 * what the previous sealer committed.
 */
async function sealAll(db: Kysely<DB>): Promise<void> {
  const upTo = await lastPendingId(db);
  if (upTo === 0) return;
  const builder = db.transaction();
  const transaction = dialectOf(db) === 'postgres' ? builder.setIsolationLevel('read committed') : builder;
  while ((await transaction.execute((trx) => sealPendingAudit(trx, SEAL_BATCH, upTo))) === SEAL_BATCH);
}

/**
 * Where in the chain a reply version was recorded (the receipt and the reply document name it).
 * A version committed a moment ago may still wait for its seal: it is sealed first, so nothing is
 * ever answered or stored without its position. Undefined: no such version, or (inside a
 * transaction, where nothing can be sealed) not sealed yet.
 */
export async function sealedVersionPosition(
  db: Kysely<DB>,
  consultationId: string,
  memberState: string,
  version: number,
): Promise<{ seq: number; hash: string } | undefined> {
  const position = () => findVersionAuditPosition(db, consultationId, memberState, version);
  const found = await position();
  if (found || db.isTransaction) return found;
  await sealAudit(db);
  return position();
}
