import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { findAttachmentMeta } from '../repositories/attachment.repository.js';
import { listDecisions } from '../repositories/decision.repository.js';
import type { RecordedReplyInput } from '../schemas/reply.schema.js';
import { parseInstant } from './consultation-input.js';
import { loadConsultation } from './load-consultation.js';
import { assertEligible, checkPositions, writeReplyVersion, type ReplyReceipt } from './reply-writer.js';
import { inTransaction, type ServiceContext } from './service-context.js';

export interface RecordReplyOptions {
  readonly actor: Actor;
  readonly consultationId: string;
  readonly memberState: string;
  readonly input: RecordedReplyInput;
  /** Demo data only: the reply never happened. */
  readonly simulated?: boolean;
}

/**
 * Records a reply the secretariat received by e-mail, fax or paper, on the State's behalf, with
 * the original file. The form counts if TSB received it by the deadline (Res. 1 §9.4.6), even
 * when it is keyed in later; one received after the deadline is kept on record, flagged, and not
 * counted. Gaps the procedure tolerates on a signed form (no sub-option, no reasons) are flagged
 * rather than refused.
 * @throws FORBIDDEN, NOT_FOUND, CONSULTATION_NOT_OPEN, VALIDATION_FAILED (received in the future
 *   or before the circular), UNKNOWN_ATTACHMENT, UNKNOWN_MEMBER_STATE, STATE_NOT_ELIGIBLE,
 *   RESULTS_FROZEN, REPLY_OUT_OF_ORDER, and the position errors of submitReply
 */
export async function recordReply(ctx: ServiceContext, options: RecordReplyOptions): Promise<ReplyReceipt> {
  authorize(options.actor, { action: 'reply:record' });
  const receivedAt = parseInstant(options.input.receivedAt, '/receivedAt');
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock();
    const loaded = await loadConsultation(trx, options.consultationId, options.actor, { lock: true });
    const { consultation } = loaded;
    if (consultation.issuedAt === null)
      throw new AppError('CONSULTATION_NOT_OPEN', `Consultation "${consultation.id}" has not been issued`);
    if (receivedAt > now)
      throw new AppError('VALIDATION_FAILED', 'The form cannot have been received in the future', {
        errors: [{ field: '/receivedAt', message: 'Give the instant TSB received the form, not a future one' }],
      });
    if (receivedAt < consultation.issuedAt)
      throw new AppError('VALIDATION_FAILED', 'The form cannot have been received before the circular was issued', {
        errors: [
          {
            field: '/receivedAt',
            message: `The circular was issued at ${new Date(consultation.issuedAt).toISOString()}`,
          },
        ],
      });
    if ((await listDecisions(trx, consultation.id)).length > 0 || consultation.resultsNoticeAt !== null)
      throw new AppError(
        'RESULTS_FROZEN',
        'The meeting has recorded decisions on this consultation; replies can no longer change the results',
      );
    if (!(await findAttachmentMeta(trx, options.input.originalFile)))
      throw new AppError('UNKNOWN_ATTACHMENT', 'Upload the original file first', {
        errors: [
          { field: '/originalFile', message: `No uploaded attachment with SHA-256 ${options.input.originalFile}` },
        ],
      });
    await assertEligible(trx, loaded, options.memberState);
    const withdrawal = options.input.withdrawal === true;
    if (withdrawal && options.input.positions.length > 0)
      throw new AppError('VALIDATION_FAILED', 'A withdrawal carries no positions', {
        errors: [{ field: '/positions', message: 'Leave positions empty for a withdrawal' }],
      });
    const checked = withdrawal
      ? { positions: [], flags: [] }
      : await checkPositions(trx, loaded, options.input.positions, options.input.channel, options.actor);
    return writeReplyVersion(trx, {
      loaded,
      memberState: options.memberState,
      actor: options.actor,
      status: withdrawal ? 'withdrawn' : 'submitted',
      receivedAt,
      now,
      channel: options.input.channel,
      signature: {
        signatoryName: options.input.signatory.name,
        signatoryTitle: options.input.signatory.title,
        place: options.input.place ?? null,
        signedOn: options.input.signedOn ?? null,
      },
      positions: checked.positions,
      flags: checked.flags,
      originalFile: options.input.originalFile,
      simulated: options.simulated ?? false,
      requireCurrent: withdrawal,
      auditAction: 'reply.recorded',
    });
  });
}
