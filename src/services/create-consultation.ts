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
  checkEligibleStates,
  checkTextsDistinct,
  checkTextTranslations,
  consultationFromInput,
  deadlineFromInput,
  inputAndRuleProblems,
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
   * (issuing it would be refused).
   */
  readonly deadlineAhead?: boolean;
}

/**
 * Creates a draft consultation (a circular not yet issued), with its texts when given.
 * @throws FORBIDDEN / UNAUTHENTICATED unless the actor is the secretariat
 * @throws VALIDATION_FAILED with every problem at once: the input against ConsultationInputSchema
 *   (a page hands over what was typed), days that are not real days or out of order
 *   (DATES_OUT_OF_ORDER, also an announcement after the circular), a deadline that is not a minute
 *   (DEADLINE_NOT_A_MINUTE) or worded "2400 hours UTC" without being the end of a day
 *   (DEADLINE_WORDING_MISMATCH), a deadline already passed with `deadlineAhead` (DEADLINE_PASSED), States that are not Member
 *   States (UNKNOWN_MEMBER_STATE), an unknown edition of Resolution 1, a translation in the language
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
  return inTransaction(ctx, async (trx) => {
    const known = new Set((await listMemberStates(trx)).map((s) => s.code));
    throwIfProblems(
      inputAndRuleProblems(ConsultationInputSchema, options.input, [
        ...deadlineFromInput(options.input.deadline, options.input.deadlineWording).problems,
        ...checkConsultationFields(fields),
        ...(options.deadlineAhead === true ? checkDeadlineAhead(fields.deadlineAt, now) : []),
        ...checkEligibleStates(fields.settings.eligibleStates, known),
        ...checkConsultationTranslations(fields),
        ...checkTextsDistinct(texts),
        ...texts.flatMap((text, index) =>
          checkTextTranslations(text, fields.languageOfRecord, `/texts/${index}/translations`),
        ),
      ]),
    );
    if (await findConsultation(trx, fields.id))
      throw new AppError('CONFLICT', `A consultation "${fields.id}" already exists`);
    await insertConsultation(trx, fields, now);
    for (const text of texts) await insertText(trx, text);
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'consultation.created',
      consultationId: fields.id,
      subject: `consultation:${fields.id}`,
      data: { reference: fields.reference, texts: texts.map((t) => t.id) },
    });
    const created = await findConsultation(trx, fields.id);
    return created!.consultation;
  });
}
