import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type CompiledQuery, type Insertable } from 'kysely';
import pg from 'pg';
import { migrateToLatest, openDatabase } from '../src/db/connect.js';
import { dialectOf } from '../src/db/dialect.js';
import type { DB, ReplyVersionTable } from '../src/db/database.js';
import { CIRCULAR_79 } from '../src/db/seed/circular-79.data.js';
import { operatorActor, PUBLIC_ACTOR } from '../src/domain/policy/actor.js';
import { mutableClock, systemClock } from '../src/domain/time/clock.js';
import { countCountedPositions } from '../src/repositories/reply.repository.js';
import { computeResults } from '../src/services/compute-results.js';
import { createConsultation } from '../src/services/create-consultation.js';
import { issueConsultation } from '../src/services/issue-consultation.js';
import { seedMemberStates } from '../src/services/member-states.js';
import { serviceContext, type ServiceContext } from '../src/services/service-context.js';
import type { BenchDatabaseHandle } from './bench-databases.js';
import type { GrowthPoint, GrowthResult } from './bench-result.js';

/**
 * Growth of the results computation with the size of a consultation: synthetic closed
 * consultations of 100 texts with 10 to 10,000 respondents (10^3 to 10^6 counted per-text
 * positions), inserted directly in batches, then computeResults timed warm (median of a few
 * runs) in this process, exactly as the results route calls it.
 */

/** Texts per synthetic consultation (the most a circular may list through the API). */
export const GROWTH_TEXTS = 100;
/** Every AMEND_EVERY-th respondent amended its reply once: its first version is stored, not counted. */
const AMEND_EVERY = 10;
/** Bound-parameter budget per INSERT (SQLite allows 32,766, PostgreSQL 65,535). */
const PARAMS_PER_INSERT = 30_000;

const SYNTHETIC_PREFIX = 'Z';

/** A synthetic respondent code. member_state.code has no length check, so 'Z00001' is a valid key for the bench. */
export function syntheticState(index: number): string {
  return `${SYNTHETIC_PREFIX}${String(index + 1).padStart(5, '0')}`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Least-squares slope of ln(y) against ln(x). */
export function logLogSlope(points: readonly { x: number; y: number }[]): number {
  const usable = points.filter((p) => p.x > 0 && p.y > 0);
  if (usable.length < 2) return NaN;
  const xs = usable.map((p) => Math.log(p.x));
  const ys = usable.map((p) => Math.log(p.y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return num / den;
}

async function insertBatched<T extends keyof DB>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.floor(PARAMS_PER_INSERT / perRow));
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

/** The synthetic respondents, shared by every size (inserted once). Real codes (ZA, ZM, ZW) are two letters, so `Z_____` matches only ours. */
async function ensureSyntheticStates(db: Kysely<DB>, count: number, now: number): Promise<void> {
  const existing = await db
    .selectFrom('member_state')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('code', 'like', `${SYNTHETIC_PREFIX}_____`)
    .executeTakeFirstOrThrow();
  const have = Number(existing.n);
  const rows: Insertable<DB['member_state']>[] = [];
  for (let i = have; i < count; i++) {
    const code = syntheticState(i);
    rows.push({
      code,
      iso3: code,
      name_en: `Synthetic State ${i + 1}`,
      names: JSON.stringify({ en: `Synthetic State ${i + 1}` }),
      membership: 'member_state' as const,
      may_reply: 1 as const,
      eligibility_note: null,
      eligibility_since: null,
      updated_at: now,
    });
  }
  await db.transaction().execute((trx) => insertBatched(trx as unknown as Kysely<DB>, 'member_state', rows));
}

const REASONS = 'Synthetic reasons: the text overlaps with work under study and should be aligned first.';
const COMMENTS = 'Synthetic comments: editorial corrections to clauses 6 and 7.';
const detail = (option: string | null, comments: string | null, reasons: string | null) =>
  JSON.stringify({ option, comments, reasons, possibleChanges: null });
const DETAIL_NO_COMMENTS = detail('no_comments', null, null);
const DETAIL_COMMENTS = detail('comments_attached', COMMENTS, null);
const DETAIL_REASONS = detail(null, null, REASONS);

/** Creates one closed synthetic consultation of `positions` counted positions; returns its id and row counts. */
async function createSyntheticConsultation(
  ctx: ServiceContext,
  positions: number,
): Promise<{ id: string; respondents: number; stored: number }> {
  const respondents = Math.max(1, Math.round(positions / GROWTH_TEXTS));
  const id = `growth-${positions}`;
  const history = mutableClock('2024-01-10T08:00:00Z');
  const past: ServiceContext = { ...ctx, clock: history.now };
  const operator = operatorActor('bench');
  const texts = Array.from({ length: GROWTH_TEXTS }, (_, i) => ({
    id: `t${String(i + 1).padStart(3, '0')}`,
    kind: 'new' as const,
    designation: `Z.${9000 + i}`,
    workItem: `Z.synthetic-${i + 1}`,
    title: `Synthetic determined text ${i + 1}`,
    summary: 'A synthetic summary for the benchmark.',
    location: `R${i + 1}`,
  }));
  await createConsultation(past, {
    actor: operator,
    input: {
      ...CIRCULAR_79,
      id,
      bureau: 'GROWTH',
      studyPeriod: '2024-2026',
      // A circular's number is at most 100,000: the size's power of ten keeps each one distinct.
      number: Math.max(1, Math.round(Math.log10(positions))),
      date: '2024-01-10',
      reference: `Synthetic consultation of ${positions} positions (benchmark)`,
      meeting: { place: 'Geneva (benchmark)', firstDay: '2024-06-03', lastDay: '2024-06-12', collectiveLetter: null },
      deadline: '2024-05-16T23:59:59.999Z',
      isDemo: true,
      texts,
    },
  });
  await issueConsultation(past, { actor: operator, consultationId: id });

  const receivedAt = Date.parse('2024-05-01T10:00:00Z');
  const replies: Insertable<DB['reply']>[] = [];
  const versions: Insertable<ReplyVersionTable>[] = [];
  for (let r = 0; r < respondents; r++) {
    const state = syntheticState(r);
    const counted = r % AMEND_EVERY === 0 ? 2 : 1;
    replies.push({
      consultation_id: id,
      member_state: state,
      current_version: counted,
      counted_version: counted,
      updated_at: receivedAt,
    });
    for (let v = 1; v <= counted; v++) {
      versions.push({
        consultation_id: id,
        member_state: state,
        version: v,
        status: 'submitted',
        received_at: receivedAt + v * 60_000,
        channel: 'api',
        entered_by: `token:synthetic-${state}`,
        signatory_name: `Head of administration ${state}`,
        signatory_title: 'Director-General',
        place: null,
        signed_on: '2024-05-01',
        original_file: null,
        flags: '[]',
        simulated: 1,
        content_hash: `${state}-${v}`.padEnd(64, '0'),
      });
    }
  }
  const postgres = dialectOf(ctx.db) === 'postgres';
  const superuser =
    postgres &&
    (await sql<{ s: boolean }>`select rolsuper as s from pg_roles where rolname = current_user`.execute(ctx.db)).rows[0]
      ?.s === true;
  await ctx.db.transaction().execute(async (trx) => {
    const db = trx as unknown as Kysely<DB>;
    // PostgreSQL checks each foreign key of each inserted row with a trigger: two million lookups
    // for 10^6 positions. The synthetic rows are consistent by construction, so a superuser
    // session skips those triggers for this transaction (SQLite's checks are cheap and stay on).
    if (superuser) await sql`set local session_replication_role = replica`.execute(db);
    await insertBatched(db, 'reply', replies);
    await insertBatched(db, 'reply_version', versions);
    // Without statistics on the rows just written, PostgreSQL joined reply for every generated
    // position by scanning it (10^6 positions: over ten minutes, against 8 s with them).
    if (postgres) await sql`analyze reply, reply_version, determined_text`.execute(db);
    // One position per version and text, generated by the database (INSERT … SELECT over
    // reply_version ⨝ determined_text): a million rows in seconds on both dialects. The mix is
    // deterministic: 80 % assigns without comments, 8 % with comments, 12 % does not assign.
    const respondent = sql<number>`(cast(substr(v.member_state, 2) as integer) - 1)`;
    const roll = sql<number>`((${respondent} * 31 + (t.ord - 1) * 17 + v.version * 7) % 100)`;
    await db
      .insertInto('reply_position')
      .columns(['consultation_id', 'member_state', 'version', 'text_id', 'position', 'detail', 'attachment', 'counted'])
      .expression(
        db
          .selectFrom('reply_version as v')
          .innerJoin('determined_text as t', 't.consultation_id', 'v.consultation_id')
          .innerJoin('reply as r', (join) =>
            join.onRef('r.consultation_id', '=', 'v.consultation_id').onRef('r.member_state', '=', 'v.member_state'),
          )
          .select([
            'v.consultation_id',
            'v.member_state',
            'v.version',
            't.id',
            sql<string>`case when ${roll} < 88 then 'assigns_authority' else 'does_not_assign_authority' end`.as(
              'position',
            ),
            // The position's detail as repositories/procedure-records.ts stores it (migration 0013).
            sql<string>`case when ${roll} < 80 then cast(${DETAIL_NO_COMMENTS} as text) when ${roll} < 88 then cast(${DETAIL_COMMENTS} as text) else cast(${DETAIL_REASONS} as text) end`.as(
              'detail',
            ),
            sql<null>`cast(null as text)`.as('attachment'),
            // The counted version's positions carry the mark results are computed from (migration 0006).
            sql<0 | 1>`case when v.version = r.counted_version then 1 else 0 end`.as('counted'),
          ])
          .where('v.consultation_id', '=', id),
      )
      .execute();
  });
  return { id, respondents, stored: versions.length * GROWTH_TEXTS };
}

/** The SQL countCountedPositions sends, captured from a Kysely instance with a logger. */
async function captureAggregateQuery(handle: BenchDatabaseHandle, consultationId: string): Promise<CompiledQuery> {
  let captured: CompiledQuery | undefined;
  const log = (event: { level: string; query: CompiledQuery }) => {
    captured ??= event.query;
  };
  if (handle.target.kind === 'sqlite') {
    const database = new SQLite(handle.target.file, { readonly: true });
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database }), log });
    await countCountedPositions(db, consultationId);
    await db.destroy();
  } else {
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: handle.target.url, max: 1 }) }),
      log,
    });
    await countCountedPositions(db, consultationId);
    await db.destroy();
  }
  if (!captured) throw new Error('the aggregate query was not captured');
  return captured;
}

/** EXPLAIN QUERY PLAN (SQLite) or EXPLAIN (ANALYZE, BUFFERS) (PostgreSQL) of the aggregate query. */
async function explainAggregate(handle: BenchDatabaseHandle, consultationId: string): Promise<string[]> {
  const query = await captureAggregateQuery(handle, consultationId);
  const header = [`-- ${query.sql}`, `-- parameters: ${JSON.stringify(query.parameters)}`];
  if (handle.target.kind === 'sqlite') {
    const database = new SQLite(handle.target.file, { readonly: true });
    try {
      const rows = database.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as {
        id: number;
        parent: number;
        detail: string;
      }[];
      const depth = new Map<number, number>([[0, 0]]);
      return [
        ...header,
        ...rows.map((row) => {
          const level = (depth.get(row.parent) ?? 0) + 1;
          depth.set(row.id, level);
          return `${'  '.repeat(level - 1)}${row.detail}`;
        }),
      ];
    } finally {
      database.close();
    }
  }
  const client = new pg.Client({ connectionString: handle.target.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers) ${query.sql}`,
      query.parameters as unknown[],
    );
    return [...header, ...rows.map((r) => r['QUERY PLAN'])];
  } finally {
    await client.end();
  }
}

/**
 * Builds one synthetic consultation per size in a fresh database and times computeResults on
 * each: one discarded warm-up call, then `runs` timed calls (their median is the figure).
 */
export async function runGrowth(options: {
  readonly handle: BenchDatabaseHandle;
  readonly sizes: readonly number[];
  readonly runs: number;
  readonly log?: (line: string) => void;
}): Promise<GrowthResult> {
  const { handle, sizes, runs } = options;
  const log = options.log ?? (() => undefined);
  const db = openDatabase(handle.target);
  try {
    await migrateToLatest(db);
    const ctx = serviceContext(db, systemClock);
    await seedMemberStates(ctx);
    await ensureSyntheticStates(db, Math.max(...sizes.map((s) => Math.round(s / GROWTH_TEXTS))), systemClock());
    const points: GrowthPoint[] = [];
    let largest = '';
    for (const size of sizes) {
      const t0 = performance.now();
      const created = await createSyntheticConsultation(ctx, size);
      // PostgreSQL's autovacuum would analyse the new rows within a minute; do it now. SQLite
      // never gathers statistics unless told, and Assent does not tell it, so neither does the bench.
      if (handle.kind === 'postgres') await sql`analyze reply, reply_version, reply_position`.execute(db);
      const loadSeconds = (performance.now() - t0) / 1000;
      const time = async (work: () => Promise<unknown>) => {
        const start = performance.now();
        await work();
        return performance.now() - start;
      };
      const results = () => computeResults(ctx, { actor: PUBLIC_ACTOR, consultationId: created.id });
      const check = await results();
      const counted = check.texts.reduce((sum, t) => sum + t.tally.replies + t.tally.unclear, 0);
      if (counted !== size) throw new Error(`growth ${size}: the results count ${counted} positions, expected ${size}`);
      const runsMs: number[] = [];
      for (let i = 0; i < runs; i++) runsMs.push(await time(results));
      await countCountedPositions(db, created.id);
      const aggregateMs: number[] = [];
      for (let i = 0; i < runs; i++) aggregateMs.push(await time(() => countCountedPositions(db, created.id)));
      const point: GrowthPoint = {
        positions: size,
        texts: GROWTH_TEXTS,
        respondents: created.respondents,
        storedPositions: created.stored,
        runsMs: runsMs.map((v) => Math.round(v * 100) / 100),
        medianMs: Math.round(median(runsMs) * 100) / 100,
        aggregateMedianMs: Math.round(median(aggregateMs) * 100) / 100,
        loadSeconds: Math.round(loadSeconds * 10) / 10,
      };
      log(
        `  growth ${handle.kind} ${size.toExponential(0)} positions: ${point.medianMs} ms (aggregate ${point.aggregateMedianMs} ms; loaded in ${point.loadSeconds} s)`,
      );
      points.push(point);
      largest = created.id;
    }
    const plan = await explainAggregate(handle, largest);
    const last = points.slice(-2);
    return {
      database: handle.kind,
      points,
      slope: Math.round(logLogSlope(points.map((p) => ({ x: p.positions, y: p.medianMs }))) * 1000) / 1000,
      lastSegmentSlope:
        last.length === 2
          ? Math.round(logLogSlope(last.map((p) => ({ x: p.positions, y: p.medianMs }))) * 1000) / 1000
          : NaN,
      plan,
    };
  } finally {
    await db.destroy();
  }
}
