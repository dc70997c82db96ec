import { sql } from 'kysely';
import { dialectOf, type Executor } from '../db/dialect.js';
import { chainHash, GENESIS_HASH, type StoredChainRow } from '../domain/audit/audit-chain.js';
import { CHECKPOINT_INTERVAL } from '../domain/audit/audit-checkpoint.js';
import type { AuditEvent, StoredAuditEvent } from '../domain/audit/audit-event.js';
import { insertJob } from './job.repository.js';
import { fromJson, toJson } from './json-column.js';

export type { AuditEvent, StoredAuditEvent } from '../domain/audit/audit-event.js';

/** Key of the PostgreSQL advisory lock that serialises appends to the chain. */
const AUDIT_CHAIN_LOCK = 0x41554454; // "AUDT"

/**
 * Appends an event to the hash-chained trail. Must run inside the transaction of the change it
 * records: on PostgreSQL a transaction-scoped advisory lock serialises appenders until commit,
 * so two instances never chain two rows to the same predecessor (SQLite transactions are serial
 * already). The table is append-only: nothing updates or deletes rows.
 */
export async function appendAudit(db: Executor, event: AuditEvent): Promise<{ seq: number; hash: string }> {
  if (dialectOf(db) === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(db);
  const last = await db
    .selectFrom('audit_event')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const data = fromJson<Record<string, unknown>>(toJson(event.data));
  const hash = chainHash(prevHash, {
    seq,
    at: event.at,
    actor: event.actor,
    action: event.action,
    consultationId: event.consultationId,
    subject: event.subject,
    data,
  });
  await db
    .insertInto('audit_event')
    .values({
      seq,
      at: event.at,
      actor: event.actor,
      action: event.action,
      consultation_id: event.consultationId,
      subject: event.subject,
      data: toJson(data),
      prev_hash: prevHash,
      hash,
    } as never)
    .execute();
  // Every CHECKPOINT_INTERVAL rows the chain gets a signed checkpoint (the job signs it after
  // this commits), so verifying a receipt never needs more than that many rows.
  if (seq % CHECKPOINT_INTERVAL === 0)
    await insertJob(
      db,
      {
        id: `audit-checkpoint:${seq}`,
        kind: 'audit-checkpoint',
        payload: { seq },
        runAt: event.at,
        maxAttempts: 8,
        consultationId: null,
      },
      event.at,
    );
  return { seq, hash };
}

function toStored(row: {
  seq: number;
  at: number;
  actor: string;
  action: string;
  consultation_id: string | null;
  subject: string;
  data: string;
  prev_hash: string | null;
  hash: string | null;
}): StoredAuditEvent & StoredChainRow {
  return {
    seq: Number(row.seq),
    at: Number(row.at),
    actor: row.actor,
    action: row.action,
    consultationId: row.consultation_id,
    subject: row.subject,
    data: fromJson(row.data),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export async function listAudit(
  db: Executor,
  filter: { consultationId?: string; subject?: string; afterSeq?: number; limit: number },
): Promise<StoredAuditEvent[]> {
  const rows = await db
    .selectFrom('audit_event')
    .selectAll()
    .$if(filter.consultationId !== undefined, (qb) => qb.where('consultation_id', '=', filter.consultationId!))
    .$if(filter.subject !== undefined, (qb) => qb.where('subject', '=', filter.subject!))
    .$if(filter.afterSeq !== undefined, (qb) => qb.where('seq', '>', filter.afterSeq!))
    .orderBy('seq')
    .limit(filter.limit)
    .execute();
  return rows.map(toStored);
}

/** A page of the whole chain, in sequence order, for verification. */
export async function chainPage(db: Executor, afterSeq: number, limit: number): Promise<StoredChainRow[]> {
  const rows = await db
    .selectFrom('audit_event')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toStored);
}

/** One row by sequence number. */
export async function findAuditRow(
  db: Executor,
  seq: number,
): Promise<(StoredAuditEvent & StoredChainRow) | undefined> {
  const row = await db.selectFrom('audit_event').selectAll().where('seq', '=', seq).executeTakeFirst();
  return row ? toStored(row) : undefined;
}
