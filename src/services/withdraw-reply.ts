import { canonicalJson, sha256Hex } from '../domain/canonical.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { loadConsultation } from './load-consultation.js';
import { writeReplyVersion } from './reply-writer.js';
import type { ServiceContext } from './service-context.js';
import { assertOpen, withIdempotency, type SubmitReplyResult } from './submit-reply.js';

export interface WithdrawReplyOptions {
  readonly actor: Actor;
  readonly consultationId: string;
  readonly memberState: string;
  readonly channel: 'web' | 'api';
  readonly expectedVersion?: number | undefined;
  readonly idempotencyKey?: string | undefined;
}

/**
 * Withdraws a State's reply before the deadline: a new version with no positions, so the State
 * no longer counts among the replies (the earlier versions stay on record).
 * @throws ROLE_MAY_NOT_REPLY, NOT_YOUR_MEMBER_STATE, NOT_FOUND, CONSULTATION_NOT_OPEN,
 *   DEADLINE_PASSED, PHASE_NOT_ACCEPTING, NO_CURRENT_REPLY, STALE_REPLY
 */
export async function withdrawReply(ctx: ServiceContext, options: WithdrawReplyOptions): Promise<SubmitReplyResult> {
  authorize(options.actor, { action: 'reply:submit', memberState: options.memberState });
  const requestHash = sha256Hex(
    canonicalJson({
      op: 'withdraw',
      c: options.consultationId,
      s: options.memberState,
      v: options.expectedVersion ?? null,
    }),
  );
  return withIdempotency(ctx, options.actor, options.idempotencyKey, requestHash, async (trx) => {
    const now = ctx.clock();
    const loaded = await loadConsultation(trx, options.consultationId, options.actor, { within: 'reply:submit' });
    await assertOpen(trx, loaded, now);
    return writeReplyVersion(trx, {
      loaded,
      memberState: options.memberState,
      actor: options.actor,
      status: 'withdrawn',
      receivedAt: now,
      now,
      channel: options.channel,
      signature: { signatoryName: options.actor.label, signatoryTitle: 'Focal point', place: null, signedOn: null },
      positions: [],
      flags: [],
      originalFile: null,
      simulated: false,
      expectedVersion: options.expectedVersion,
      requireCurrent: true,
      auditAction: 'reply.withdrawn',
    });
  });
}
