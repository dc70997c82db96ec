import type { Selectable } from 'kysely';
import type { JobTable } from '../db/database.js';
import { dialectOf, type Executor } from '../db/dialect.js';
import type { Job, JobState } from '../domain/jobs/job.js';
import { fromJson, jsonMemberText, textContains, toJson } from './json-column.js';

export type { Job, JobState } from '../domain/jobs/job.js';

function toJob(row: Selectable<JobTable>): Job {
  return {
    id: row.id,
    kind: row.kind,
    payload: fromJson(row.payload),
    state: row.state,
    runAt: Number(row.run_at),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lockedBy: row.locked_by,
    lastError: row.last_error,
    result: row.result === null ? null : fromJson(row.result),
    consultationId: row.consultation_id,
    createdAt: Number(row.created_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  };
}

export interface NewJob {
  readonly id: string;
  readonly kind: string;
  readonly payload: Record<string, unknown>;
  readonly runAt: number;
  readonly maxAttempts: number;
  readonly consultationId: string | null;
}

/**
 * Enqueues a job in the caller's transaction. An id that exists already is left alone (returns
 * false): deterministic ids make scheduling idempotent across retries and instances.
 */
export async function insertJob(db: Executor, job: NewJob, now: number): Promise<boolean> {
  const result = await db
    .insertInto('job')
    .values({
      id: job.id,
      kind: job.kind,
      payload: toJson(job.payload),
      state: 'queued',
      run_at: job.runAt,
      attempts: 0,
      max_attempts: job.maxAttempts,
      locked_until: null,
      locked_by: null,
      last_error: null,
      result: null,
      consultation_id: job.consultationId,
      created_at: now,
      updated_at: now,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Claims the next due job for `worker` until `now + leaseMs`: a queued job whose time has come,
 * or a running one whose lease expired (its worker died). On PostgreSQL the candidate row is
 * locked with FOR UPDATE SKIP LOCKED, so concurrent workers of several instances each get a
 * different job; SQLite serialises writers. Exactly one claimer wins a given job.
 */
export async function claimNextJob(
  db: Executor,
  worker: string,
  now: number,
  leaseMs: number,
  kinds?: readonly string[],
): Promise<Job | undefined> {
  const pg = dialectOf(db) === 'postgres';
  const candidate = db
    .selectFrom('job')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', now)]),
        eb.and([eb('state', '=', 'running'), eb('locked_until', '<', now)]),
      ]),
    )
    .$if(kinds !== undefined, (qb) => qb.where('kind', 'in', kinds!))
    .orderBy('run_at')
    .orderBy('id')
    .limit(1)
    .$if(pg, (qb) => qb.forUpdate().skipLocked());
  const row = await db
    .updateTable('job')
    .set((eb) => ({
      state: 'running',
      locked_by: worker,
      locked_until: now + leaseMs,
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', candidate)
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', now)]),
        eb.and([eb('state', '=', 'running'), eb('locked_until', '<', now)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
  return row ? toJob(row) : undefined;
}

/** Marks a claimed job done (only if `worker` still holds it). */
export async function completeJob(
  db: Executor,
  id: string,
  worker: string,
  result: Record<string, unknown> | null,
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('job')
    .set({
      state: 'done',
      result: result === null ? null : toJson(result),
      last_error: null,
      locked_until: null,
      finished_at: now,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A failed attempt: back to the queue at `retryAt`, or dead with the last error when none is left. */
export async function failJob(
  db: Executor,
  id: string,
  worker: string,
  error: string,
  retryAt: number | null,
  now: number,
): Promise<void> {
  await db
    .updateTable('job')
    .set(
      retryAt === null
        ? { state: 'dead', last_error: error, locked_until: null, finished_at: now, updated_at: now }
        : { state: 'queued', last_error: error, locked_until: null, run_at: retryAt, updated_at: now },
    )
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .where('state', '=', 'running')
    .execute();
}

export async function findJob(db: Executor, id: string): Promise<Job | undefined> {
  const row = await db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJob(row) : undefined;
}

export async function listJobs(
  db: Executor,
  filter: {
    kind?: string;
    state?: JobState;
    consultationId?: string;
    /**
     * String members the payload holds (`{ message: 'reminder', memberState: 'KR' }`), matched in
     * the stored JSON text: a narrowing for the database; callers still check the payload read.
     */
    payloadHas?: Readonly<Record<string, string>>;
    limit: number;
  },
): Promise<Job[]> {
  const rows = await db
    .selectFrom('job')
    .selectAll()
    .$if(filter.kind !== undefined, (qb) => qb.where('kind', '=', filter.kind!))
    .$if(filter.state !== undefined, (qb) => qb.where('state', '=', filter.state!))
    .$if(filter.consultationId !== undefined, (qb) => qb.where('consultation_id', '=', filter.consultationId!))
    .$if(filter.payloadHas !== undefined, (qb) =>
      Object.entries(filter.payloadHas!).reduce(
        (q, [key, value]) => q.where(textContains(db, 'job.payload', jsonMemberText(key, value))),
        qb,
      ),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(filter.limit)
    .execute();
  return rows.map(toJob);
}

/** Jobs per state (for metrics and the operator). */
export async function countJobsByState(db: Executor, kind?: string): Promise<Record<JobState, number>> {
  const rows = await db
    .selectFrom('job')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .$if(kind !== undefined, (qb) => qb.where('kind', '=', kind!))
    .groupBy('state')
    .execute();
  const counts: Record<JobState, number> = { queued: 0, running: 0, done: 0, dead: 0 };
  for (const row of rows) counts[row.state] = Number(row.n);
  return counts;
}

/** Replaces a job's payload (to remove a secret once it is no longer needed, e.g. a sent invitation link). */
export async function replaceJobPayload(
  db: Executor,
  id: string,
  payload: Record<string, unknown>,
  now: number,
): Promise<void> {
  await db
    .updateTable('job')
    .set({ payload: toJson(payload), updated_at: now })
    .where('id', '=', id)
    .execute();
}
