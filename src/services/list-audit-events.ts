import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { listAudit, type StoredAuditEvent } from '../repositories/audit.repository.js';
import type { ServiceContext } from './service-context.js';

/**
 * The audit trail, oldest first, optionally for one consultation, paged by sequence number.
 * @throws FORBIDDEN, VALIDATION_FAILED
 */
export async function listAuditEvents(
  ctx: ServiceContext,
  options: {
    actor: Actor;
    consultationId?: string | undefined;
    afterSeq?: number | undefined;
    limit?: number | undefined;
  },
): Promise<StoredAuditEvent[]> {
  authorize(options.actor, { action: 'audit:read' });
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new AppError('VALIDATION_FAILED', 'limit is between 1 and 1000', {
      errors: [{ field: '/limit', message: 'Between 1 and 1000' }],
    });
  return listAudit(ctx.db, {
    limit,
    ...(options.consultationId !== undefined && { consultationId: options.consultationId }),
    ...(options.afterSeq !== undefined && { afterSeq: options.afterSeq }),
  });
}
