import { pendingAuditSummary } from '../repositories/audit.repository.js';
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
  /**
   * Audit events committed and not yet sealed into the chain, and the age of the oldest in
   * seconds (0 when none): both stay near 0 unless sealing fails (services/audit-seal.ts).
   */
  readonly auditPending: { readonly count: number; readonly oldestAgeSeconds: number };
}

/**
 * What /metrics reports beyond the per-instance request figures. Read-only, no authorisation:
 * the route guards itself with the metrics token (or is opened by METRICS_PUBLIC), so nothing
 * here may be more than anyone may see — no position of a consultation before its deadline
 * (the results are those of the replies received by the deadline).
 */
export async function readMetrics(ctx: ServiceContext): Promise<StoredMetrics> {
  const now = ctx.clock();
  const [countedPositions, replyVersions, jobs, mails, pending] = await Promise.all([
    countClosedCountedPositions(ctx.db, now),
    countReplyVersions(ctx.db),
    countJobsByState(ctx.db),
    countJobsByState(ctx.db, 'mail'),
    pendingAuditSummary(ctx.db),
  ]);
  const auditPending = {
    count: pending.count,
    oldestAgeSeconds: pending.oldestAt === null ? 0 : Math.max(0, (now - pending.oldestAt) / 1000),
  };
  return { countedPositions, replyVersions, jobs, mails, auditPending };
}
