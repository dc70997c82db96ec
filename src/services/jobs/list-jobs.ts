import type { Actor } from '../../domain/policy/actor.js';
import { authorize } from '../../domain/policy/policy.js';
import { AppError } from '../../domain/errors.js';
import {
  countJobsByState,
  findJob,
  listJobs as findJobs,
  type Job,
  type JobState,
} from '../../repositories/job.repository.js';
import type { ServiceContext } from '../service-context.js';

/**
 * Background jobs and e-mail deliveries, for the secretariat: one row per e-mail and recipient,
 * with its state, attempts, last error and where it went.
 * @throws FORBIDDEN
 */
export async function listJobs(
  ctx: ServiceContext,
  options: {
    actor: Actor;
    kind?: string | undefined;
    state?: JobState | undefined;
    consultationId?: string | undefined;
    limit?: number | undefined;
  },
): Promise<{ jobs: Job[]; counts: Record<JobState, number> }> {
  authorize(options.actor, { action: 'job:read' });
  const [jobs, counts] = await Promise.all([
    findJobs(ctx.db, {
      limit: options.limit ?? 100,
      ...(options.kind !== undefined && { kind: options.kind }),
      ...(options.state !== undefined && { state: options.state }),
      ...(options.consultationId !== undefined && { consultationId: options.consultationId }),
    }),
    countJobsByState(ctx.db),
  ]);
  return { jobs, counts };
}

/** One job. @throws FORBIDDEN, NOT_FOUND */
export async function getJob(ctx: ServiceContext, options: { actor: Actor; jobId: string }): Promise<Job> {
  authorize(options.actor, { action: 'job:read' });
  const job = await findJob(ctx.db, options.jobId);
  if (!job) throw new AppError('NOT_FOUND', 'No such job');
  return job;
}
