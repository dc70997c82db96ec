import type { Actor } from '../domain/policy/actor.js';
import { deleteReplyDraft } from '../repositories/reply-draft.repository.js';
import { loadConsultation } from './load-consultation.js';
import { authorizeDraft } from './read-reply-draft.js';
import type { ServiceContext } from './service-context.js';

export interface DiscardReplyDraftOptions {
  readonly actor: Actor;
  readonly consultationId: string;
  readonly memberState: string;
  /**
   * Discard only this revision: after a submission, the draft that was submitted goes, but a
   * colleague's later save stays.
   */
  readonly revision?: number | undefined;
}

/**
 * Discards the State's draft reply (the State's focal points only). Allowed after the deadline
 * too: a draft that can no longer be sent is only clutter. No audit row, as for saving a draft
 * (a draft is not the record; see saveReplyDraft). Returns whether a draft was discarded.
 * @throws UNAUTHENTICATED, ROLE_MAY_NOT_REPLY, NOT_YOUR_MEMBER_STATE, NOT_FOUND
 */
export async function discardReplyDraft(ctx: ServiceContext, options: DiscardReplyDraftOptions): Promise<boolean> {
  authorizeDraft(options.actor, options.memberState);
  await loadConsultation(ctx.db, options.consultationId, options.actor);
  return deleteReplyDraft(ctx.db, options.consultationId, options.memberState, options.revision);
}
