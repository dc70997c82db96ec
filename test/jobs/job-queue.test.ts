import os from 'node:os';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, parseDatabaseUrl } from '../../src/db/connect.js';
import type { DB } from '../../src/db/database.js';
import { claimNextJob, completeJob, findJob, insertJob, type Job } from '../../src/repositories/job.repository.js';
import { findConsultation } from '../../src/repositories/consultation.repository.js';
import { enqueueIssueJobs } from '../../src/services/jobs/enqueue.js';
import { serviceContext, type ServiceContext } from '../../src/services/service-context.js';
import type { JobHandler } from '../../src/services/jobs/handlers.js';
import { backoffMs, createWorker } from '../../src/services/jobs/worker.js';
import { describeEachDialect } from '../helpers/databases.js';
import { useWorld } from '../helpers/world.js';

/**
 * The job queue under the conditions it is built for: ids that make scheduling idempotent,
 * several workers (of one or several instances) on one database, handlers that fail, and
 * workers that die holding a job.
 */

const job = (
  id: string,
  now: number,
  overrides: Partial<{ kind: string; maxAttempts: number; runAt: number }> = {},
) => ({
  id,
  kind: overrides.kind ?? 'count',
  payload: { n: id },
  runAt: overrides.runAt ?? now,
  maxAttempts: overrides.maxAttempts ?? 5,
  consultationId: null,
});

describeEachDialect('job queue', (dialect) => {
  const world = useWorld(dialect);
  /** A second pool on the same database: what another app instance holds. */
  let other: { db: Kysely<DB>; ctx: ServiceContext } | undefined;

  beforeEach(() => {
    const target = parseDatabaseUrl(world().database.url, os.tmpdir(), 5);
    const db = openDatabase(target);
    other = { db, ctx: serviceContext(db, world().clock.now) };
  });
  afterEach(async () => {
    await other?.db.destroy();
    other = undefined;
  });

  it('enqueues a job with a deterministic id once, however often and from wherever it is scheduled', async () => {
    const { ctx, clock } = world();
    const now = clock.now();
    expect(await insertJob(ctx.db, job('notify:once', now), now)).toBe(true);
    expect(await insertJob(ctx.db, job('notify:once', now), now)).toBe(false);
    // The same id scheduled at once by both instances: still one row.
    const both = await Promise.all([
      insertJob(ctx.db, job('notify:twice', now), now),
      insertJob(other!.db, job('notify:twice', now), now),
    ]);
    expect(both.filter(Boolean)).toHaveLength(1);

    // Issuing schedules the notice and the reminder slots; scheduling them again (a retried
    // transaction, the other instance) adds nothing.
    const id = await world().openConsultation();
    const before = await ctx.db
      .selectFrom('job')
      .select('id')
      .where('consultation_id', '=', id)
      .orderBy('id')
      .execute();
    expect(before.map((r) => r.id)).toEqual([
      `notify-issue:${id}`,
      `reminder:${id}:14d`,
      `reminder:${id}:2d`,
      `reminder:${id}:30d`,
      `reminder:${id}:7d`,
    ]);
    const { consultation } = (await findConsultation(ctx.db, id))!;
    const again = (db: Kysely<DB>) =>
      db.transaction().execute((trx) => enqueueIssueJobs(trx, consultation, [30, 14, 7, 2], clock.now()));
    if (dialect === 'postgres') await Promise.all([again(ctx.db), again(other!.db)]);
    else {
      // SQLite serialises writers; two connections in one thread cannot wait for each other (the
      // busy wait of one would block the thread that must commit the other), so one after the other.
      await again(ctx.db);
      await again(other!.db);
    }
    expect(
      await ctx.db.selectFrom('job').select('id').where('consultation_id', '=', id).orderBy('id').execute(),
    ).toEqual(before);

    const rows = await ctx.db
      .selectFrom('job')
      .select(['id', 'state', 'attempts'])
      .where('id', 'in', ['notify:once', 'notify:twice'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'notify:once', state: 'queued', attempts: 0 },
      { id: 'notify:twice', state: 'queued', attempts: 0 },
    ]);
  });

  it('runs every job exactly once when two workers of two instances race over the queue', async () => {
    const { ctx, clock } = world();
    const now = clock.now();
    const N = 60;
    for (let i = 0; i < N; i += 1) await insertJob(ctx.db, job(`count:${String(i).padStart(3, '0')}`, now), now);

    const runs = new Map<string, string[]>();
    const handler =
      (worker: string): JobHandler =>
      async (j) => {
        runs.set(j.id, [...(runs.get(j.id) ?? []), worker]);
        // Let the other worker in while this one holds its job.
        await new Promise((resolve) => setImmediate(resolve));
        return { by: worker };
      };
    const a = createWorker(ctx, { id: 'worker-a', handlers: { count: handler('worker-a') } });
    const b = createWorker(other!.ctx, { id: 'worker-b', handlers: { count: handler('worker-b') } });

    const [ranA, ranB] = await Promise.all([a.drain(N * 2), b.drain(N * 2)]);

    expect(ranA + ranB).toBe(N);
    // Both took part: the race really happened.
    expect(ranA).toBeGreaterThan(0);
    expect(ranB).toBeGreaterThan(0);
    expect(runs.size).toBe(N);
    expect([...runs.values()].filter((by) => by.length !== 1)).toEqual([]);
    const rows = await ctx.db
      .selectFrom('job')
      .select(['id', 'state', 'attempts', 'locked_by'])
      .where('kind', '=', 'count')
      .execute();
    expect(rows).toHaveLength(N);
    for (const row of rows) {
      expect(row.state).toBe('done');
      expect(row.attempts).toBe(1);
      expect(row.locked_by).toBe(runs.get(row.id)![0]);
    }
  });

  it('re-queues a failing job with back-off and marks it dead with the last error after its last attempt', async () => {
    const { ctx, clock } = world();
    const now = clock.now();
    await insertJob(ctx.db, job('flaky:1', now, { kind: 'flaky', maxAttempts: 3 }), now);
    let calls = 0;
    const outcomes: string[] = [];
    const worker = createWorker(ctx, {
      id: 'worker-a',
      handlers: {
        flaky: async () => {
          calls += 1;
          throw new Error(`SMTP said no (attempt ${calls})`);
        },
      },
      onAttempt: (_job, outcome) => outcomes.push(outcome),
    });

    // Attempt 1: back to the queue, due again after backoffMs(1) = 30 s.
    expect((await worker.runOnce())?.id).toBe('flaky:1');
    let row = (await findJob(ctx.db, 'flaky:1'))!;
    expect(row).toMatchObject({
      state: 'queued',
      attempts: 1,
      lastError: 'SMTP said no (attempt 1)',
      runAt: now + backoffMs(1),
      finishedAt: null,
    });
    expect(backoffMs(1)).toBe(30_000);
    expect(await worker.runOnce()).toBeUndefined();
    clock.advance(backoffMs(1) - 1);
    expect(await worker.runOnce()).toBeUndefined();

    // Attempt 2, when its time has come: the back-off doubles.
    clock.advance(1);
    const second = clock.now();
    expect((await worker.runOnce())?.id).toBe('flaky:1');
    row = (await findJob(ctx.db, 'flaky:1'))!;
    expect(row).toMatchObject({
      state: 'queued',
      attempts: 2,
      lastError: 'SMTP said no (attempt 2)',
      runAt: second + backoffMs(2),
    });
    expect(backoffMs(2)).toBe(60_000);

    // Attempt 3 is the last: dead, with the error kept, and never run again.
    clock.advance(backoffMs(2));
    expect((await worker.runOnce())?.id).toBe('flaky:1');
    row = (await findJob(ctx.db, 'flaky:1'))!;
    expect(row).toMatchObject({
      state: 'dead',
      attempts: 3,
      lastError: 'SMTP said no (attempt 3)',
      finishedAt: clock.now(),
    });
    clock.advance(24 * 3_600_000);
    expect(await worker.runOnce()).toBeUndefined();
    expect(calls).toBe(3);
    expect(outcomes).toEqual(['retry', 'retry', 'dead']);
  });

  it('lets another worker take over a job whose worker died holding it, once its lease has expired', async () => {
    const { ctx, clock } = world();
    const now = clock.now();
    await insertJob(ctx.db, job('orphan:1', now), now);
    // A worker of the other instance claims the job for 60 s and dies without finishing it.
    const claimed = (await claimNextJob(other!.db, 'worker-dead', now, 60_000)) as Job;
    expect(claimed).toMatchObject({ id: 'orphan:1', state: 'running', attempts: 1, lockedBy: 'worker-dead' });

    const ran: string[] = [];
    const survivor = createWorker(ctx, {
      id: 'worker-alive',
      handlers: {
        count: async (j) => {
          ran.push(j.id);
          return { ok: true };
        },
      },
    });
    // While the lease holds, the job is not taken.
    clock.advance(60_000);
    expect(await survivor.runOnce()).toBeUndefined();
    // One millisecond after the lease: taken over and finished.
    clock.advance(1);
    expect((await survivor.runOnce())?.id).toBe('orphan:1');
    expect(ran).toEqual(['orphan:1']);
    expect(await findJob(ctx.db, 'orphan:1')).toMatchObject({
      state: 'done',
      attempts: 2,
      lockedBy: 'worker-alive',
      result: { ok: true },
    });

    // Should the first worker wake up after all, its "done" no longer counts: the job is not its own.
    expect(await completeJob(other!.db, 'orphan:1', 'worker-dead', { late: true }, clock.now())).toBe(false);
    expect(await findJob(ctx.db, 'orphan:1')).toMatchObject({ lockedBy: 'worker-alive', result: { ok: true } });
  });
});
