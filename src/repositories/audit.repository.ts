import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../db/database.js';
import { dialectOf, type Executor } from '../db/dialect.js';
import { chainHash, GENESIS_HASH, type StoredChainRow } from '../domain/audit/audit-chain.js';
import { CHECKPOINT_INTERVAL } from '../domain/audit/audit-checkpoint.js';
import type { AuditEvent, StoredAuditEvent } from '../domain/audit/audit-event.js';
import { insertJob } from './job.repository.js';
import { setVersionAuditPosition } from './reply.repository.js';
import { fromJson, jsonMemberText, textContains, toJson } from './json-column.js';

export type { AuditEvent, StoredAuditEvent } from '../domain/audit/audit-event.js';

/** Key of the PostgreSQL advisory lock that serialises sealing into the chain. */
const AUDIT_CHAIN_LOCK = 0x41554454; // "AUDT"

/** Most pending rows sealed by one statement batch. */
export const SEAL_BATCH = 500;

/** The record whose audit position the sealer sets when it seals the event. */
export interface AuditPositionOf {
  /** A reply version: consultation, State, version (its `audit_seq`, `audit_hash`; the receipt names them). */
  readonly replyVersion: readonly [consultationId: string, memberState: string, version: number];
}

/** Transactions that wrote pending events, for `inTransaction` to seal them (services/audit-seal.ts). */
const appendedIn = new WeakSet<object>();
/** Transactions that chain their events as they record them (AUDIT_SEAL=before-commit). */
const chainingIn = new WeakSet<object>();

/** An event as the chain receives it: its data already in its stored (JSON) form. */
interface ChainInput extends Omit<AuditEvent, 'data'> {
  readonly data: string;
  readonly positionOf: AuditPositionOf | null;
}

/**
 * Makes `trx` chain the events it records at once, under the chain's lock held until it commits
 * (AUDIT_SEAL=before-commit: SQLite's default, whose writers are serial anyway, so the lock costs
 * no waiting and nothing goes through `audit_pending`).
 */
export function chainAsRecorded(trx: Executor): void {
  chainingIn.add(trx);
}

/**
 * Records an event of the trail. Must run inside the transaction of the change it records, so
 * the event commits with the change or not at all. With AUDIT_SEAL=before-commit the event is
 * chained here (`chainAsRecorded`). Otherwise it is written to `audit_pending`, numbered in
 * insertion order and with nothing read from the chain, so concurrent writers do not wait on
 * each other, and the sealer (`sealPendingAudit`) chains it after the commit, with every event
 * pending then (services/audit-seal.ts). Neither table is ever updated in place.
 */
export async function appendAudit(db: Executor, event: AuditEvent, options: { positionOf?: AuditPositionOf } = {}) {
  const input: ChainInput = { ...event, data: toJson(event.data), positionOf: options.positionOf ?? null };
  if (chainingIn.has(db)) {
    await chainEvents(db, [input]);
    return;
  }
  await db
    .insertInto('audit_pending')
    .values({
      at: input.at,
      actor: input.actor,
      action: input.action,
      consultation_id: input.consultationId,
      subject: input.subject,
      data: input.data,
      position_of: input.positionOf === null ? null : toJson(input.positionOf),
    })
    .execute();
  appendedIn.add(db);
}

/** Whether `trx` recorded events that wait to be sealed. */
export function appendedAudit(trx: Executor): boolean {
  return appendedIn.has(trx);
}

/**
 * Appends events to the chain, in order: each gets the next `seq`, the previous row's hash as
 * `prev_hash`, and its `hash` (domain/audit/audit-chain.ts); the record it positions gets that
 * seq and hash; every CHECKPOINT_INTERVAL rows a signed checkpoint is queued (the job signs it
 * after this commits). On PostgreSQL a transaction-scoped advisory lock, held until commit,
 * makes appenders take turns, so two never chain a row to the same predecessor; SQLite
 * transactions are serial already.
 */
async function chainEvents(trx: Executor, events: readonly ChainInput[]): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom('audit_event')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = Number(last?.seq ?? 0);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = events.map((event) => {
    seq += 1;
    const hash = chainHash(prevHash, {
      seq,
      at: event.at,
      actor: event.actor,
      action: event.action,
      consultationId: event.consultationId,
      subject: event.subject,
      data: fromJson<Record<string, unknown>>(event.data),
    });
    const row = {
      seq,
      at: event.at,
      actor: event.actor,
      action: event.action,
      consultation_id: event.consultationId,
      subject: event.subject,
      data: event.data,
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  for (let from = 0; from < rows.length; from += 100)
    await trx
      .insertInto('audit_event')
      .values(rows.slice(from, from + 100) as never)
      .execute();
  for (const [i, row] of rows.entries()) {
    const positionOf = events[i]!.positionOf;
    if (positionOf?.replyVersion) {
      const [consultationId, memberState, version] = positionOf.replyVersion;
      await setVersionAuditPosition(trx, consultationId, memberState, version, { seq: row.seq, hash: row.hash });
    }
    // Every CHECKPOINT_INTERVAL rows the chain gets a signed checkpoint, so verifying a receipt
    // never needs more than that many rows.
    if (row.seq % CHECKPOINT_INTERVAL === 0)
      await insertJob(
        trx,
        {
          id: `audit-checkpoint:${row.seq}`,
          kind: 'audit-checkpoint',
          payload: { seq: row.seq },
          runAt: row.at,
          maxAttempts: 8,
          consultationId: null,
        },
        row.at,
      );
  }
}

/**
 * Seals up to `limit` pending events into the chain, in the order they were written (`id`),
 * and returns how many (`chainEvents`, under the lock, which is taken before they are read).
 * Run it in a READ COMMITTED transaction of its own, after the writers committed: each statement
 * must see the rows the previous sealer committed. `upToId` bounds a run to the events written
 * before it started.
 */
export async function sealPendingAudit(trx: Executor, limit = SEAL_BATCH, upToId?: number): Promise<number> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const pending = await trx
    .selectFrom('audit_pending')
    .selectAll()
    .$if(upToId !== undefined, (qb) => qb.where('id', '<=', upToId!))
    .orderBy('id')
    .limit(limit)
    .execute();
  if (pending.length === 0) return 0;
  const deleted = await trx
    .deleteFrom('audit_pending')
    .where(
      'id',
      'in',
      pending.map((row) => row.id),
    )
    .executeTakeFirst();
  // Another sealer took them (which the lock forbids): never chain an event twice.
  if (Number(deleted.numDeletedRows) !== pending.length)
    throw new Error(
      `audit seal: ${pending.length} pending events read, ${deleted.numDeletedRows} removed; nothing sealed`,
    );
  await chainEvents(
    trx,
    pending.map((row) => ({
      at: Number(row.at),
      actor: row.actor,
      action: row.action,
      consultationId: row.consultation_id,
      subject: row.subject,
      data: row.data,
      positionOf: row.position_of === null ? null : fromJson<AuditPositionOf>(row.position_of),
    })),
  );
  return pending.length;
}

/**
 * The chain head and the pending events, read in one statement (one snapshot): what changes
 * whenever an event is written or sealed. Equal markers before and after a read mean that nothing
 * was written or sealed in between.
 */
export async function chainMarker(
  db: Executor,
): Promise<{ head: { seq: number; hash: string } | undefined; pending: number; key: string }> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('audit_event').select('seq').orderBy('seq', 'desc').limit(1).as('seq'),
      eb.selectFrom('audit_event').select('hash').orderBy('seq', 'desc').limit(1).as('hash'),
      eb
        .selectFrom('audit_pending')
        .select((inner) => inner.fn.countAll().as('n'))
        .as('pending'),
      eb
        .selectFrom('audit_pending')
        .select((inner) => inner.fn.max('id').as('m'))
        .as('last'),
    ])
    .executeTakeFirstOrThrow();
  const head = row.seq === null || row.hash === null ? undefined : { seq: Number(row.seq), hash: row.hash };
  const pending = Number(row.pending ?? 0);
  return { head, pending, key: `${head?.seq ?? 0}:${head?.hash ?? ''}:${pending}:${Number(row.last ?? 0)}` };
}

/** How many events wait to be sealed, and when the oldest was written (metrics). */
export async function pendingAuditSummary(db: Executor): Promise<{ count: number; oldestAt: number | null }> {
  const row = await db
    .selectFrom('audit_pending')
    .select((eb) => [eb.fn.countAll().as('count'), eb.fn.min('at').as('oldest')])
    .executeTakeFirst();
  return { count: Number(row?.count ?? 0), oldestAt: row?.oldest == null ? null : Number(row.oldest) };
}

/** The highest pending id (0: none), the bound of a seal run. */
export async function lastPendingId(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('audit_pending')
    .select((eb) => eb.fn.max('id').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
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

/**
 * Which events a read of the trail selects: every condition given holds (services/list-audit-events.ts
 * reads the filters into one; domain/audit/audit-filters.ts says what each means).
 */
export interface AuditSelection {
  readonly consultationId?: string | undefined;
  readonly subject?: string | undefined;
  /** The action's code, compared whole. */
  readonly action?: string | undefined;
  /** Who acted, the recorded id, compared whole. */
  readonly actor?: string | undefined;
  /** A Member State code (two capitals) the event concerns (`concernsState`). */
  readonly state?: string | undefined;
  /** Instants (epoch ms): `at` at or after `atFrom` and before `atBefore`. */
  readonly atFrom?: number | undefined;
  readonly atBefore?: number | undefined;
  /** Only events numbered after this one. */
  readonly afterSeq?: number | undefined;
}

/** Whether the event's `column` holds `text` anywhere (textContains: the same on both dialects). */
function contains(db: Executor, column: 'subject' | 'data', text: string): RawBuilder<SqlBool> {
  return textContains(db, `audit_event.${column}`, text);
}

/** Whether `column` begins with `prefix`, case included (`substr`, the same on both dialects). */
function startsWith(column: 'subject', prefix: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`substr(${sql.ref(`audit_event.${column}`)}, 1, ${sql.lit(prefix.length)}) = ${prefix}`;
}

/**
 * Whether an event concerns the Member State `code` (two capitals), as statesOfEvent
 * (domain/audit/audit-filters.ts) reads an event, in SQL that runs the same on both dialects:
 * - its subject is one of the State's reply versions, `reply:<consultation>/<code>/<version>`
 *   (consultation ids are slugs, without `/`, so `/<code>/` can only be the State);
 * - its subject is the State itself, `member-state:<code>` (its eligibility);
 * - its data records `"memberState":"<code>"`: the column holds the data as json-column.ts encodes
 *   it (JSON.stringify: no space around the colon, every quote inside a string escaped as `\"`),
 *   so that text occurs only as a key `memberState` with that value, never inside a string; it is
 *   encoded by the same function to be looked for. (At any depth, where statesOfEvent reads the
 *   top level only: the services write `memberState` at the top level of the data, nowhere else.)
 * - it was done by the account of one of the State's focal points (`account:<id>`), read from the
 *   accounts in the same statement.
 */
function concernsState(db: Executor, eb: ExpressionBuilder<DB, 'audit_event'>, code: string): Expression<SqlBool> {
  return eb.or([
    eb.and([startsWith('subject', 'reply:'), contains(db, 'subject', `/${code}/`)]),
    eb('subject', '=', `member-state:${code}`),
    contains(db, 'data', jsonMemberText('memberState', code)),
    eb(
      'actor',
      'in',
      eb
        .selectFrom('account')
        .select(sql<string>`'account:' || ${sql.ref('account.id')}`.as('actor'))
        .where('account.member_state', '=', code),
    ),
  ]);
}

/** The events `selection` selects, as a query to select from. */
function selectAudit(db: Executor, selection: AuditSelection) {
  const s = selection;
  return db
    .selectFrom('audit_event')
    .$if(s.consultationId !== undefined, (qb) => qb.where('consultation_id', '=', s.consultationId!))
    .$if(s.subject !== undefined, (qb) => qb.where('subject', '=', s.subject!))
    .$if(s.action !== undefined, (qb) => qb.where('action', '=', s.action!))
    .$if(s.actor !== undefined, (qb) => qb.where('actor', '=', s.actor!))
    .$if(s.atFrom !== undefined, (qb) => qb.where('at', '>=', s.atFrom!))
    .$if(s.atBefore !== undefined, (qb) => qb.where('at', '<', s.atBefore!))
    .$if(s.state !== undefined, (qb) => qb.where((eb) => concernsState(db, eb, s.state!)))
    .$if(s.afterSeq !== undefined, (qb) => qb.where('seq', '>', s.afterSeq!));
}

/**
 * The events `selection` selects, in sequence order (newest first when asked), `offset` of them
 * skipped, at most `limit`.
 */
export async function listAudit(
  db: Executor,
  selection: AuditSelection & { limit: number; offset?: number; newestFirst?: boolean },
): Promise<StoredAuditEvent[]> {
  const rows = await selectAudit(db, selection)
    .selectAll()
    .orderBy('seq', selection.newestFirst === true ? 'desc' : 'asc')
    .limit(selection.limit)
    .$if((selection.offset ?? 0) > 0, (qb) => qb.offset(selection.offset!))
    .execute();
  return rows.map(toStored);
}

/** How many events `selection` selects. */
export async function countAudit(db: Executor, selection: AuditSelection): Promise<number> {
  const row = await selectAudit(db, selection)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * What the filters of the trail (of one consultation, or all) can offer, each value once: the
 * actions, who acted, and the subjects and data that may name a Member State (reply versions,
 * States, data with a `memberState`), for statesOfEvent to read. Full scans, but only distinct
 * values leave the database, not the trail.
 */
export async function auditFacets(
  db: Executor,
  filter: { consultationId?: string | undefined },
): Promise<{
  actions: string[];
  actors: string[];
  stateSubjects: string[];
  stateData: Record<string, unknown>[];
}> {
  const base = () => selectAudit(db, { consultationId: filter.consultationId });
  const actions = await base().select('action').distinct().execute();
  const actors = await base().select('actor').distinct().execute();
  const subjects = await base()
    .select('subject')
    .distinct()
    .where((eb) => eb.or([startsWith('subject', 'reply:'), startsWith('subject', 'member-state:')]))
    .execute();
  const data = await base()
    .select('data')
    .distinct()
    .where(contains(db, 'data', `${toJson('memberState')}:"`))
    .execute();
  return {
    actions: actions.map((r) => r.action),
    actors: actors.map((r) => r.actor),
    stateSubjects: subjects.map((r) => r.subject),
    stateData: data.map((r) => fromJson<Record<string, unknown>>(r.data)),
  };
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
