import type { DeterminedText } from '../domain/consultation/consultation.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { appendAudit } from '../repositories/audit.repository.js';
import { deleteText, insertText, touchConsultation, updateText } from '../repositories/consultation.repository.js';
import { type TextInput, TextInputSchema, type TextPatch, TextPatchSchema } from '../schemas/consultation.schema.js';
import {
  checkTextsDistinct,
  checkTextTranslations,
  inputAndRuleProblems,
  textFromInput,
  throwIfProblems,
} from './consultation-input.js';
import { assertDraft } from './draft-guard.js';
import { loadConsultation } from './load-consultation.js';
import { inTransaction, type ServiceContext } from './service-context.js';

export interface TextOptions {
  readonly actor: Actor;
  readonly consultationId: string;
}

/**
 * Adds a determined text to a draft consultation.
 * @throws CONSULTATION_ISSUED, VALIDATION_FAILED with every problem at once: the input against
 *   TextInputSchema (a page hands over what was typed), a duplicate id (`/id`) or designation; a
 *   translation in the language of record or of a summary the text does not have
 */
export async function addText(
  ctx: ServiceContext,
  options: TextOptions & { readonly input: TextInput },
): Promise<DeterminedText> {
  authorize(options.actor, { action: 'consultation:write' });
  const now = ctx.clock();
  return inTransaction(ctx, async (trx) => {
    const loaded = await loadConsultation(trx, options.consultationId, options.actor, {
      lock: true,
      within: 'consultation:write',
    });
    assertDraft(loaded);
    const nextOrder = Math.max(0, ...loaded.texts.map((t) => t.order)) + 1;
    const text = textFromInput(options.consultationId, options.input, nextOrder);
    throwIfProblems(
      inputAndRuleProblems(TextInputSchema, options.input, [
        ...checkTextsDistinct([...loaded.texts, text]).map((p) => ({
          ...p,
          field: p.field.replace(/^\/texts\/\d+/, '') || '/',
        })),
        ...checkTextTranslations(text, loaded.consultation.languageOfRecord),
      ]),
    );
    await insertText(trx, text);
    await touchConsultation(trx, options.consultationId, now);
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'text.added',
      consultationId: options.consultationId,
      subject: `text:${options.consultationId}/${text.id}`,
      data: { designation: text.designation },
    });
    return text;
  });
}

/**
 * Changes a determined text of a draft consultation. `translations`, when given, replaces every
 * translation of the title and summary.
 * @throws NOT_FOUND, CONSULTATION_ISSUED, VALIDATION_FAILED (as addText's, the patch against
 *   TextPatchSchema)
 */
export async function editText(
  ctx: ServiceContext,
  options: TextOptions & { readonly textId: string; readonly patch: TextPatch },
): Promise<DeterminedText> {
  authorize(options.actor, { action: 'consultation:write' });
  const now = ctx.clock();
  return inTransaction(ctx, async (trx) => {
    const loaded = await loadConsultation(trx, options.consultationId, options.actor, {
      lock: true,
      within: 'consultation:write',
    });
    assertDraft(loaded);
    const current = loaded.texts.find((t) => t.id === options.textId);
    if (!current)
      throw new AppError('NOT_FOUND', `No text "${options.textId}" in consultation "${options.consultationId}"`);
    const p = options.patch;
    const next: DeterminedText = {
      ...current,
      ...(p.order !== undefined && { order: p.order }),
      ...(p.kind !== undefined && { kind: p.kind }),
      ...(p.designation !== undefined && { designation: p.designation }),
      ...(p.workItem !== undefined && { workItem: p.workItem }),
      ...(p.title !== undefined && { title: p.title }),
      ...(p.summary !== undefined && { summary: p.summary }),
      ...(p.location !== undefined && { location: p.location }),
      ...(p.locationUrl !== undefined && { locationUrl: p.locationUrl }),
      ...(p.a5Justification !== undefined && { a5Justification: p.a5Justification }),
      ...(p.iprStatements !== undefined && { iprStatements: p.iprStatements }),
      ...(p.translations !== undefined && { translations: p.translations }),
    };
    throwIfProblems(
      inputAndRuleProblems(TextPatchSchema, p, [
        ...checkTextsDistinct(loaded.texts.map((t) => (t.id === next.id ? next : t))).map((p) => ({
          ...p,
          field: '/designation',
        })),
        // Checked on the result: removing the summary while a translation of it remains is refused too.
        ...checkTextTranslations(next, loaded.consultation.languageOfRecord),
      ]),
    );
    await updateText(trx, next);
    await touchConsultation(trx, options.consultationId, now);
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'text.updated',
      consultationId: options.consultationId,
      subject: `text:${options.consultationId}/${next.id}`,
      data: { fields: Object.keys(p).sort() },
    });
    return next;
  });
}

/**
 * Removes a determined text from a draft consultation.
 * @throws NOT_FOUND, CONSULTATION_ISSUED
 */
export async function removeText(
  ctx: ServiceContext,
  options: TextOptions & { readonly textId: string },
): Promise<void> {
  authorize(options.actor, { action: 'consultation:write' });
  const now = ctx.clock();
  await inTransaction(ctx, async (trx) => {
    const loaded = await loadConsultation(trx, options.consultationId, options.actor, {
      lock: true,
      within: 'consultation:write',
    });
    assertDraft(loaded);
    if (!loaded.texts.some((t) => t.id === options.textId))
      throw new AppError('NOT_FOUND', `No text "${options.textId}" in consultation "${options.consultationId}"`);
    await deleteText(trx, options.consultationId, options.textId);
    await touchConsultation(trx, options.consultationId, now);
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'text.removed',
      consultationId: options.consultationId,
      subject: `text:${options.consultationId}/${options.textId}`,
      data: {},
    });
  });
}
