import type { Transaction } from 'kysely';
import type { DB } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { isIsoDay } from '../domain/time/instants.js';
import { findAttachmentMeta } from '../repositories/attachment.repository.js';
import { listDecisions } from '../repositories/decision.repository.js';
import type { RecordedReplyInput } from '../schemas/reply.schema.js';
import { checkAttachmentContent, storeAttachment } from './attachments.js';
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
 * the original file. The form counts if TSB received it by the deadline (a reply after it does not count), even
 * when it is keyed in later; one received after the deadline is kept on record, flagged, and not
 * counted. Gaps the procedure tolerates on a signed form (no sub-option, no reasons) are flagged
 * rather than refused.
 * @throws FORBIDDEN, NOT_FOUND, CONSULTATION_NOT_OPEN, VALIDATION_FAILED (not a real instant or
 *   day; RECEIVED_IN_FUTURE, RECEIVED_BEFORE_ISSUE at `/receivedAt`), UNKNOWN_ATTACHMENT,
 *   UNKNOWN_MEMBER_STATE, STATE_NOT_ELIGIBLE, RESULTS_FROZEN, REPLY_OUT_OF_ORDER, and the position
 *   errors of submitReply
 */
export async function recordReply(ctx: ServiceContext, options: RecordReplyOptions): Promise<ReplyReceipt> {
  authorize(options.actor, { action: 'reply:record' });
  const receivedAt = parseInstant(options.input.receivedAt, '/receivedAt');
  const sha256 = options.input.originalFile;
  return inTransaction(ctx, (trx) =>
    recordInTransaction(trx, ctx.clock(), options, receivedAt, {
      async check() {
        if (!(await findAttachmentMeta(trx, sha256)))
          throw new AppError('UNKNOWN_ATTACHMENT', 'Upload the original file first', {
            errors: [
              {
                field: '/originalFile',
                message: `No uploaded attachment with SHA-256 ${sha256}`,
                code: 'UNKNOWN_ATTACHMENT',
              },
            ],
          });
      },
      store: async () => sha256,
    }),
  );
}

export interface RecordReplyWithOriginalOptions extends Omit<RecordReplyOptions, 'input'> {
  readonly input: Omit<RecordedReplyInput, 'originalFile'>;
  /** The scan or file of the form as received; null when none was given. */
  readonly original: { readonly filename: string; readonly content: Uint8Array } | null;
}

/**
 * Records a reply received by e-mail, fax or paper together with its original (the page's form
 * carries the scan): the file is judged with the rest of the form and stored in the same
 * transaction as the reply, so a refused form leaves no file behind.
 * @throws what recordReply throws, the original's problems at `/originalFile` instead of
 *   UNKNOWN_ATTACHMENT for a missing one: UNKNOWN_ATTACHMENT (none given), VALIDATION_FAILED
 *   (empty), PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE
 */
export async function recordReplyWithOriginal(
  ctx: ServiceContext,
  options: RecordReplyWithOriginalOptions,
): Promise<ReplyReceipt> {
  authorize(options.actor, { action: 'reply:record' });
  authorize(options.actor, { action: 'attachment:upload' });
  const receivedAt = parseInstant(options.input.receivedAt, '/receivedAt');
  const { original } = options;
  let mediaType = '';
  return inTransaction(ctx, (trx) => {
    const now = ctx.clock();
    return recordInTransaction(trx, now, options, receivedAt, {
      async check() {
        if (original === null)
          throw new AppError('UNKNOWN_ATTACHMENT', 'Give the original file of the form', {
            errors: [{ field: '/originalFile', message: 'Give the original file', code: 'UNKNOWN_ATTACHMENT' }],
          });
        mediaType = checkAttachmentContent(original.content, ctx.attachmentMaxBytes, '/originalFile');
      },
      store: async () => (await storeAttachment(trx, { actor: options.actor, ...original!, mediaType, now })).sha256,
    });
  });
}

/** How a recording checks, then stores, its original file. */
interface OriginalFile {
  check(): Promise<void>;
  store(): Promise<string>;
}

/**
 * The recording itself, in the caller's transaction: every check first (in the order of
 * recordReply's @throws), then the original and the version are written.
 */
async function recordInTransaction(
  trx: Transaction<DB>,
  now: number,
  options: Omit<RecordReplyOptions, 'input'> & { readonly input: Omit<RecordedReplyInput, 'originalFile'> },
  receivedAt: number,
  original: OriginalFile,
): Promise<ReplyReceipt> {
  const loaded = await loadConsultation(trx, options.consultationId, options.actor, {
    lock: true,
    within: 'reply:record',
  });
  const { consultation } = loaded;
  if (consultation.issuedAt === null)
    throw new AppError('CONSULTATION_NOT_OPEN', `Consultation "${consultation.id}" has not been issued`);
  if (receivedAt > now)
    throw new AppError('VALIDATION_FAILED', 'The form cannot have been received in the future', {
      errors: [
        {
          field: '/receivedAt',
          message: 'Give the instant TSB received the form, not a future one',
          code: 'RECEIVED_IN_FUTURE',
        },
      ],
    });
  if (receivedAt < consultation.issuedAt)
    throw new AppError('VALIDATION_FAILED', 'The form cannot have been received before the circular was issued', {
      errors: [
        {
          field: '/receivedAt',
          message: `The circular was issued at ${new Date(consultation.issuedAt).toISOString()}`,
          code: 'RECEIVED_BEFORE_ISSUE',
        },
      ],
    });
  const signedOn = options.input.signedOn ?? null;
  if (signedOn !== null && !isIsoDay(signedOn))
    throw new AppError('VALIDATION_FAILED', `${signedOn} is not a calendar day`, {
      errors: [{ field: '/signedOn', message: `${signedOn} is not a calendar day` }],
    });
  if ((await listDecisions(trx, consultation.id)).length > 0 || consultation.resultsNoticeAt !== null)
    throw new AppError(
      'RESULTS_FROZEN',
      'The meeting has recorded decisions on this consultation; replies can no longer change the results',
    );
  await original.check();
  await assertEligible(trx, loaded, options.memberState);
  const withdrawal = options.input.withdrawal === true;
  if (withdrawal && options.input.positions.length > 0)
    throw new AppError('VALIDATION_FAILED', 'A withdrawal carries no positions', {
      errors: [{ field: '/positions', message: 'Leave positions empty for a withdrawal' }],
    });
  const checked = withdrawal
    ? { positions: [], flags: [] }
    : await checkPositions(trx, loaded, options.input.positions, options.input.channel, options.actor);
  const originalFile = await original.store();
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
      signedOn,
    },
    positions: checked.positions,
    flags: checked.flags,
    originalFile,
    simulated: options.simulated ?? false,
    requireCurrent: withdrawal,
    auditAction: 'reply.recorded',
  });
}
