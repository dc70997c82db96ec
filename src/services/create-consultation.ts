import type { Consultation } from '../domain/consultation/consultation.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { appendAudit } from '../repositories/audit.repository.js';
import { findConsultation, insertConsultation, insertText } from '../repositories/consultation.repository.js';
import { listMemberStates } from '../repositories/member-state.repository.js';
import { type ConsultationInput, ConsultationInputSchema } from '../schemas/consultation.schema.js';
import {
  checkConsultationFields,
  checkConsultationTranslations,
  checkDeadlineAhead,
  checkRecordedIssue,
  checkEligibleStates,
  checkTextsDistinct,
  checkTextTranslations,
  consultationFromInput,
  deadlineFromInput,
  inputAndRuleProblems,
  instantOf,
  textFromInput,
  throwIfProblems,
} from './consultation-input.js';
import { inTransaction, type ServiceContext } from './service-context.js';

export interface CreateConsultationOptions {
  readonly actor: Actor;
  readonly input: ConsultationInput;
  /**
   * Refuse a deadline already passed (DEADLINE_PASSED): a person preparing a new circular means a
   * deadline ahead. Off by default: the CLI and the API may record a past circular as a draft
   * (issuing it would be refused). Never applied to a past consultation entered afterwards.
   */
  readonly deadlineAhead?: boolean;
}

/**
 * Creates a draft consultation (a circular not yet issued), with its texts when given. With
 * `input.enteredAfterwards`, a past consultation entered as a record of an earlier circular: the
 * same input and the same rules, but the deadline and the meeting may be past, and its issue
 * instant from the records is checked (checkRecordedIssue) and kept until it is issued
 * (issueConsultation issues it then, with no e-mail).
 * @throws FORBIDDEN / UNAUTHENTICATED unless the actor is the secretariat
 * @throws VALIDATION_FAILED with every problem at once: the input against ConsultationInputSchema
 *   (a page hands over what was typed), days that are not real days or out of order
 *   (DATES_OUT_OF_ORDER, also an announcement after the circular), a deadline that is not a minute
 *   (DEADLINE_NOT_A_MINUTE) or worded "2400 hours UTC" without being the end of a day
 *   (DEADLINE_WORDING_MISMATCH), a deadline already passed with `deadlineAhead` (DEADLINE_PASSED), for a record an
 *   issue in the future, before the circular's day or at or after the deadline (ISSUED_IN_FUTURE,
 *   ISSUED_BEFORE_CIRCULAR, ISSUED_AFTER_DEADLINE at `/enteredAfterwards/issuedAt`), a regional list naming
 *   one that is not a participant of a class the procedure consults (UNKNOWN_MEMBER_STATE), an unknown edition of Resolution 1, a translation in the language
 *   of record or of a summary the text does not have
 * @throws CONFLICT when the id or the bureau/study period/number is taken
 */
export async function createConsultation(
  ctx: ServiceContext,
  options: CreateConsultationOptions,
): Promise<Consultation> {
  authorize(options.actor, { action: 'consultation:write' });
  const fields = consultationFromInput(options.input);
  const texts = (options.input.texts ?? []).map((text, index) => textFromInput(fields.id, text, index + 1));
  const now = ctx.clock();
  const record = options.input.enteredAfterwards;
  const recordedIssuedAt = record === undefined ? null : instantOf(record.issuedAt);
  return inTransaction(ctx, async (trx) => {
    const participants = await listMemberStates(trx);
    throwIfProblems(
      inputAndRuleProblems(ConsultationInputSchema, options.input, [
        ...deadlineFromInput(options.input.deadline, options.input.deadlineWording).problems,
        ...checkConsultationFields(fields),
        // A record's deadline is history: it may be past. Its issue instant is checked instead.
        ...(recordedIssuedAt !== null
          ? checkRecordedIssue(recordedIssuedAt, fields, now)
          : options.deadlineAhead === true
            ? checkDeadlineAhead(fields.deadlineAt, now)
            : []),
        ...checkEligibleStates(fields.settings.eligibleStates, participants, fields.procedure),
        ...checkConsultationTranslations(fields),
        ...checkTextsDistinct(texts),
        ...texts.flatMap((text, index) =>
          checkTextTranslations(text, fields.languageOfRecord, `/texts/${index}/translations`),
        ),
      ]),
    );
    if (await findConsultation(trx, fields.id))
      throw new AppError('CONFLICT', `A consultation "${fields.id}" already exists`);
    await insertConsultation(trx, fields, now, recordedIssuedAt === null ? null : { issuedAt: recordedIssuedAt });
    for (const text of texts) await insertText(trx, text);
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'consultation.created',
      consultationId: fields.id,
      subject: `consultation:${fields.id}`,
      data: {
        reference: fields.reference,
        texts: texts.map((t) => t.id),
        ...(recordedIssuedAt !== null && { enteredAfterwards: { issuedAt: new Date(recordedIssuedAt).toISOString() } }),
      },
    });
    const created = await findConsultation(trx, fields.id);
    return created!.consultation;
  });
}
