import type { Executor } from '../db/dialect.js';

export interface IdempotencyRecord {
  readonly requestHash: string;
  readonly statusCode: number;
  readonly response: string;
}

export async function findIdempotencyRecord(
  db: Executor,
  actor: string,
  key: string,
): Promise<IdempotencyRecord | undefined> {
  const row = await db
    .selectFrom('idempotency_record')
    .select(['request_hash', 'status_code', 'response'])
    .where('actor', '=', actor)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? { requestHash: row.request_hash, statusCode: row.status_code, response: row.response } : undefined;
}

/**
 * Stores the outcome of a keyed request in the same transaction as its effect. A concurrent
 * request with the same key fails on the primary key, rolls back, and then reads this record.
 */
export async function insertIdempotencyRecord(
  db: Executor,
  actor: string,
  key: string,
  record: IdempotencyRecord,
  now: number,
): Promise<void> {
  await db
    .insertInto('idempotency_record')
    .values({
      actor,
      key,
      request_hash: record.requestHash,
      status_code: record.statusCode,
      response: record.response,
      created_at: now,
    })
    .execute();
}
