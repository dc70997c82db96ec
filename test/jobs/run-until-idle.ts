import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/database.js';
import type { Clock } from '../../src/domain/time/clock.js';
import type { Worker } from '../../src/services/jobs/worker.js';

/**
 * Runs workers the way app instances run them — each polling in the background — until no job
 * is due or running, then stops them. Unlike `Promise.all(workers.map((w) => w.drain()))`, a
 * worker that finds the queue empty for a moment keeps polling, so every worker takes part.
 *
 * (On SQLite this is also the only honest way to run two connections in one process: a drain
 * started in the same tick interleaves two transactions at the microtask level, and the second
 * connection's busy wait then blocks the very thread that must commit the first. Two real
 * instances are two processes, where SQLite's busy timeout does its job.)
 */
export async function runUntilIdle(
  workers: readonly Worker[],
  db: Kysely<DB>,
  clock: Clock,
  timeoutMs = 20_000,
): Promise<void> {
  for (const worker of workers) worker.start();
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const busy = await db
        .selectFrom('job')
        .select('id')
        .where((eb) =>
          eb.or([eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', clock())]), eb('state', '=', 'running')]),
        )
        .limit(1)
        .execute();
      if (busy.length === 0) return;
      if (Date.now() > deadline) throw new Error(`jobs still due or running after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}
