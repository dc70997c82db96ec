import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { deleteReplyDraft, findReplyDraft } from '../repositories/reply-draft.repository.js';
import { loadConsultation } from './load-consultation.js';
import { authorizeDraft, replyInputOfDraft, signatureProblems } from './read-reply-draft.js';
import { adoptStateAttachments } from './save-reply-draft.js';
import { inTransaction, type ServiceContext } from './service-context.js';
import { assertOpen, submitReply, type SubmitReplyResult } from './submit-reply.js';

export interface SubmitReplyDraftOptions {
  readonly actor: Actor;
  readonly consultationId: string;
  readonly memberState: string;
  /** The draft revision the person reviewed: exactly that is submitted, or nothing. */
  readonly draftRevision: number;
}

/**
 * Submits the State's draft as the State's reply (a new version, channel `web`), exactly as it
 * was reviewed: the draft must still be at the reviewed revision, and the State's reply still at
 * the version the draft was started from (otherwise STALE_REPLY: a colleague or another tab
 * changed one of them meanwhile, and the person must look again). The positions are checked by
 * submitReply as any reply is. Once the version is stored the draft is discarded, unless a
 * colleague saved a newer revision meanwhile. Files of the draft uploaded by a colleague are
 * adopted first, so that whichever focal point of the State submits may cite them.
 * @throws UNAUTHENTICATED, ROLE_MAY_NOT_REPLY, NOT_YOUR_MEMBER_STATE, NOT_FOUND, STALE_REPLY
 *   (errors[0].field `/draft` when the draft changed), VALIDATION_FAILED (signature), and every
 *   error of submitReply (DEADLINE_PASSED, PHASE_NOT_ACCEPTING, STATE_NOT_ELIGIBLE, POSITION_INCOMPLETE, NO_POSITIONS…)
 */
export async function submitReplyDraft(
  ctx: ServiceContext,
  options: SubmitReplyDraftOptions,
): Promise<SubmitReplyResult> {
  authorizeDraft(options.actor, options.memberState);
  const loaded = await loadConsultation(ctx.db, options.consultationId, options.actor);
  const draft = await findReplyDraft(ctx.db, options.consultationId, options.memberState);
  if (!draft || draft.revision !== options.draftRevision) {
    const message = draft
      ? `The draft was saved again (revision ${draft.revision}) after you reviewed revision ${options.draftRevision}`
      : 'The draft is no longer there: it was submitted or discarded after you reviewed it';
    throw new AppError('STALE_REPLY', `${message}. Review it again.`, { errors: [{ field: '/draft', message }] });
  }
  await assertOpen(ctx.db, loaded, ctx.clock());
  const signature = signatureProblems(draft.content);
  if (signature.length > 0) throw new AppError('VALIDATION_FAILED', 'The reply is not signed', { errors: signature });
  const files = Object.values(draft.content.positions).flatMap((p) => (p.attachment ? [p.attachment] : []));
  if (files.length > 0)
    await inTransaction(ctx, (trx) => adoptStateAttachments(trx, options.actor, files, ctx.clock()));
  const result = await submitReply(ctx, {
    actor: options.actor,
    consultationId: options.consultationId,
    memberState: options.memberState,
    input: replyInputOfDraft(
      draft,
      loaded.texts.map((t) => t.id),
      loaded.procedure.replyForm,
    ),
    channel: 'web',
  });
  await deleteReplyDraft(ctx.db, options.consultationId, options.memberState, draft.revision);
  return result;
}
