import { randomUUID } from 'node:crypto';
import { claimNextJob, completeJob, failJob, type Job } from '../../repositories/job.repository.js';
import { sealAudit } from '../audit-seal.js';
import { translateStorageError, type ServiceContext } from '../service-context.js';
import type { JobHandler } from './handlers.js';

export interface WorkerOptions {
  readonly handlers: Readonly<Record<string, JobHandler>>;
  /** Identifies this worker in claims (instance and process). */
  readonly id?: string;
  /** How long a claim holds before another worker may take the job over (a crashed worker's jobs return). */
  readonly leaseMs?: number;
  /** Pause between polls when the queue is empty. */
  readonly pollMs?: number;
  /** Called after each attempt (metrics, logs). */
  readonly onAttempt?: (job: Job, outcome: 'done' | 'retry' | 'dead', error?: unknown) => void;
}

export interface Worker {
  readonly id: string;
  /** Claims and runs one due job; returns it, or undefined when none was due. */
  runOnce(): Promise<Job | undefined>;
  /** Runs due jobs until none is left (tests, the CLI); returns how many ran. */
  drain(limit?: number): Promise<number>;
  /** Starts polling in the background. */
  start(): void;
  /** Stops polling and waits for the job in hand to finish. */
  stop(): Promise<void>;
}

/** Delay before the next attempt: 30 s, 1 min, 2 min… up to 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * A job worker: the same code on SQLite and PostgreSQL, one per app instance. Jobs are claimed
 * with a lease (claimNextJob), run, then marked done, or re-queued with back-off, or dead with
 * the last error after the last attempt. Handlers may run more than once (a crash between the
 * work and the "done" mark), so they are idempotent or harmless to repeat.
 */
export function createWorker(ctx: ServiceContext, options: WorkerOptions): Worker {
  const id = options.id ?? `worker:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 120_000;
  const pollMs = options.pollMs ?? 1000;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();

  async function runOnce(): Promise<Job | undefined> {
    const job = await claimNextJob(ctx.db, id, ctx.clock(), leaseMs);
    if (!job) return undefined;
    const handler = options.handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      const result = await handler(job);
      await completeJob(ctx.db, job.id, id, result, ctx.clock());
      options.onAttempt?.(job, 'done');
    } catch (error) {
      const translated = translateStorageError(error);
      const message = (translated instanceof Error ? translated.message : String(translated)).slice(0, 2000);
      const now = ctx.clock();
      const retryAt = job.attempts < job.maxAttempts ? now + backoffMs(job.attempts) : null;
      await failJob(ctx.db, job.id, id, message, retryAt, now);
      options.onAttempt?.(job, retryAt === null ? 'dead' : 'retry', error);
    }
    return job;
  }

  async function loop(): Promise<void> {
    if (!running) return;
    let ran: Job | undefined;
    try {
      const attempt = runOnce();
      current = attempt;
      ran = await attempt;
      // When idle, seal audit events a writer left pending (it stopped between commit and seal):
      // one indexed read when there are none.
      if (!ran) {
        const sweep = sealAudit(ctx.db);
        current = sweep;
        await sweep;
      }
    } catch {
      // The database may be briefly unreachable: try again at the next poll.
    }
    if (running) timer = setTimeout(() => void loop(), ran ? 0 : pollMs);
  }

  return {
    id,
    runOnce,
    async drain(limit = 10_000) {
      let count = 0;
      while (count < limit && (await runOnce())) count += 1;
      return count;
    },
    start() {
      if (running) return;
      running = true;
      timer = setTimeout(() => void loop(), 0);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await current.catch(() => undefined);
    },
  };
}
