import type { Selectable } from 'kysely';
import type { AuditCheckpointTable } from '../db/database.js';
import type { Executor } from '../db/dialect.js';
import type { StoredChainRow } from '../domain/audit/audit-chain.js';
import type { Checkpoint } from '../domain/audit/audit-checkpoint.js';
import { fromJson } from './json-column.js';

function toCheckpoint(row: Selectable<AuditCheckpointTable>): Checkpoint {
  return {
    seq: Number(row.seq),
    hash: row.hash,
    keyId: row.key_id,
    signature: row.signature,
    createdAt: Number(row.created_at),
  };
}

/** Stores a checkpoint unless one vouches for that row already (two workers, or the CLI beside a worker). */
export async function insertCheckpointIfAbsent(db: Executor, checkpoint: Checkpoint): Promise<void> {
  await db
    .insertInto('audit_checkpoint')
    .values({
      seq: checkpoint.seq,
      hash: checkpoint.hash,
      key_id: checkpoint.keyId,
      signature: checkpoint.signature,
      created_at: checkpoint.createdAt,
    })
    .onConflict((oc) => oc.column('seq').doNothing())
    .execute();
}

/** The first checkpoint at or after row `seq`, if any. */
export async function findCheckpointFrom(db: Executor, seq: number): Promise<Checkpoint | undefined> {
  const row = await db
    .selectFrom('audit_checkpoint')
    .selectAll()
    .where('seq', '>=', seq)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  return row ? toCheckpoint(row) : undefined;
}

/** The last checkpoint (optionally: before row `seq`), if any. */
export async function findLastCheckpoint(db: Executor, beforeSeq?: number): Promise<Checkpoint | undefined> {
  const row = await db
    .selectFrom('audit_checkpoint')
    .selectAll()
    .$if(beforeSeq !== undefined, (qb) => qb.where('seq', '<', beforeSeq!))
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toCheckpoint(row) : undefined;
}

/** Every checkpoint, in order (one per thousand audit rows: small). */
export async function listCheckpoints(db: Executor): Promise<Checkpoint[]> {
  const rows = await db.selectFrom('audit_checkpoint').selectAll().orderBy('seq').execute();
  return rows.map(toCheckpoint);
}

/** The last row of the audit chain (its head), or undefined for an empty trail. */
export async function findChainHead(db: Executor): Promise<{ seq: number; hash: string } | undefined> {
  const row = await db
    .selectFrom('audit_event')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && row.hash !== null ? { seq: Number(row.seq), hash: row.hash } : undefined;
}

/** The audit rows `fromSeq` to `toSeq` (both included), in order, for verifying a segment. */
export async function chainSegment(db: Executor, fromSeq: number, toSeq: number): Promise<StoredChainRow[]> {
  const rows = await db
    .selectFrom('audit_event')
    .selectAll()
    .where('seq', '>=', fromSeq)
    .where('seq', '<=', toSeq)
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    at: Number(row.at),
    actor: row.actor,
    action: row.action,
    consultationId: row.consultation_id,
    subject: row.subject,
    data: fromJson(row.data),
    prevHash: row.prev_hash,
    hash: row.hash,
  }));
}
