import type { PositionKind } from '../domain/reply/reply.js';
import { countJobsByState, type JobState } from '../repositories/job.repository.js';
import { countAllCountedPositions } from '../repositories/reply.repository.js';
import type { ServiceContext } from './service-context.js';

/** The figures every instance must agree on, read from the database at scrape time. */
export interface StoredMetrics {
  /** Counted positions of every consultation, by position. */
  readonly countedPositions: readonly { readonly position: PositionKind; readonly count: number }[];
  /** Background jobs by state. */
  readonly jobs: Readonly<Record<JobState, number>>;
  /** E-mail jobs by state (done: sent, dead: failed for good). */
  readonly mails: Readonly<Record<JobState, number>>;
}

/**
 * What /metrics reports beyond the per-instance request figures. Read-only, no authorisation:
 * the route guards itself with the metrics token.
 */
export async function readMetrics(ctx: ServiceContext): Promise<StoredMetrics> {
  const [countedPositions, jobs, mails] = await Promise.all([
    countAllCountedPositions(ctx.db),
    countJobsByState(ctx.db),
    countJobsByState(ctx.db, 'mail'),
  ]);
  return { countedPositions, jobs, mails };
}
