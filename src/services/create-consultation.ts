import type { Consultation } from '../domain/consultation/consultation.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { appendAudit } from '../repositories/audit.repository.js';
import { findConsultation, insertConsultation, insertText } from '../repositories/consultation.repository.js';
import type { ConsultationInput } from '../schemas/consultation.schema.js';
import {
  checkConsultationFields,
  checkConsultationTranslations,
  checkTextsDistinct,
  checkTextTranslations,
  consultationFromInput,
  textFromInput,
  throwIfProblems,
} from './consultation-input.js';
import { inTransaction, type ServiceContext } from './service-context.js';

export interface CreateConsultationOptions {
  readonly actor: Actor;
  readonly input: ConsultationInput;
}

/**
 * Creates a draft consultation (a circular not yet issued), with its texts when given.
 * @throws FORBIDDEN / UNAUTHENTICATED unless the actor is the secretariat
 * @throws VALIDATION_FAILED when days are not real days or out of order, or a translation is in
 *   the language of record or translates a summary the text does not have
 * @throws CONFLICT when the id or the bureau/study period/number is taken
 */
export async function createConsultation(
  ctx: ServiceContext,
  options: CreateConsultationOptions,
): Promise<Consultation> {
  authorize(options.actor, { action: 'consultation:write' });
  const fields = consultationFromInput(options.input);
  const texts = (options.input.texts ?? []).map((text, index) => textFromInput(fields.id, text, index + 1));
  throwIfProblems([
    ...checkConsultationFields(fields),
    ...checkConsultationTranslations(fields),
    ...checkTextsDistinct(texts),
    ...texts.flatMap((text, index) =>
      checkTextTranslations(text, fields.languageOfRecord, `/texts/${index}/translations`),
    ),
  ]);
  const now = ctx.clock();
  return inTransaction(ctx, async (trx) => {
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
