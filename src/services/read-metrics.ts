import { countJobsByState, type JobState } from '../repositories/job.repository.js';
import { countClosedCountedPositions, countReplyVersions } from '../repositories/reply.repository.js';
import type { ServiceContext } from './service-context.js';

/** The figures every instance must agree on, read from the database at scrape time. */
export interface StoredMetrics {
  /**
   * Counted positions, by position, of the consultations whose deadline has passed: never those
   * of an open consultation, whose tally the results keep back until its deadline.
   */
  readonly countedPositions: readonly { readonly position: string; readonly count: number }[];
  /** Reply versions received, all consultations together: activity, not the tally. */
  readonly replyVersions: number;
  /** Background jobs by state. */
  readonly jobs: Readonly<Record<JobState, number>>;
  /** E-mail jobs by state (done: sent, dead: failed for good). */
  readonly mails: Readonly<Record<JobState, number>>;
}

/**
 * What /metrics reports beyond the per-instance request figures. Read-only, no authorisation:
 * the route guards itself with the metrics token (or is opened by METRICS_PUBLIC), so nothing
 * here may be more than anyone may see — no position of a consultation before its deadline
 * (the results are those of the replies received by the deadline).
 */
export async function readMetrics(ctx: ServiceContext): Promise<StoredMetrics> {
  const [countedPositions, replyVersions, jobs, mails] = await Promise.all([
    countClosedCountedPositions(ctx.db, ctx.clock()),
    countReplyVersions(ctx.db),
    countJobsByState(ctx.db),
    countJobsByState(ctx.db, 'mail'),
  ]);
  return { countedPositions, replyVersions, jobs, mails };
}
