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

/** Rows read per call while walking the whole trail (the largest page). */
const TRAIL_BATCH = 1000;

/**
 * The whole audit trail the actor may read, oldest first, optionally of one consultation and after
 * a sequence number, read in pages of 1,000 rows (for the secretariat's pages and exports).
 * @throws FORBIDDEN
 */
export async function readAuditTrail(
  ctx: ServiceContext,
  options: { actor: Actor; consultationId?: string | undefined; afterSeq?: number | undefined },
): Promise<StoredAuditEvent[]> {
  const all: StoredAuditEvent[] = [];
  for (;;) {
    const batch = await listAuditEvents(ctx, {
      actor: options.actor,
      consultationId: options.consultationId,
      afterSeq: all.at(-1)?.seq ?? options.afterSeq,
      limit: TRAIL_BATCH,
    });
    all.push(...batch);
    if (batch.length < TRAIL_BATCH) return all;
  }
}
