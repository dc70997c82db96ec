import {
  CIRCULAR_FIELDS,
  type CircularField,
  type Consultation,
  type DeterminedText,
} from '../../domain/consultation/consultation.js';
import type { LoadedConsultation } from '../../domain/consultation/loaded-consultation.js';
import { AppError, type FieldProblem } from '../../domain/errors.js';
import type { UnLanguage } from '../../domain/member-states/member-states.data.js';
import type { Actor } from '../../domain/policy/actor.js';
import { authorize } from '../../domain/policy/policy.js';
import { buildXliff, checkAgainst, parseXliff, type XliffUnit } from '../../i18n/xliff.js';
import { appendAudit } from '../../repositories/audit.repository.js';
import type { ConsultationPatch, TextPatch } from '../../schemas/consultation.schema.js';
import { getConsultation } from '../get-consultation.js';
import { editText } from '../manage-texts.js';
import { assertRevision } from '../draft-guard.js';
import { loadConsultation } from '../load-consultation.js';
import { inOneTransaction, inTransaction, type ServiceContext } from '../service-context.js';
import { updateConsultation } from '../update-consultation.js';
import { messageFieldProblem, xliffFieldProblem } from './translation-problems.js';

/**
 * A circular's translatable fields through XLIFF 2.0, for a language service: the subject (and
 * whatever other field the consultation's translations hold), and each text's title and summary,
 * from the language of record into one other UN language; the reviewed file imported back through
 * the services that change a draft (updateConsultation, editText), which check and audit it.
 *
 * Unit ids: `subject`, `<field>` or `<field>.<n>` for a list field (one unit per line), and
 * `text.<text id>.title` / `text.<text id>.summary`. The file's one `<file id>` is the
 * consultation's id.
 */

const UN = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;

/** Where each translatable field of the circular (ConsultationTranslation) is in the language of record. */
export const CIRCULAR_SOURCE_FIELDS: Readonly<
  Record<CircularField, (c: Consultation) => string | readonly string[] | null>
> = {
  subject: (c) => c.subject,
  reference: (c) => c.reference,
  meetingPlace: (c) => c.meeting.place,
  collectiveLetter: (c) => c.meeting.collectiveLetter,
  addressees: (c) => c.addressees,
  copies: (c) => c.copies,
  notes: (c) => c.notes,
};

/**
 * The circular's own fields a file carries, in the order of the circular: every one the record
 * fills (no unit for a collective letter the circular does not name, nor for an empty list).
 */
function circularFields(consultation: Consultation): CircularField[] {
  return CIRCULAR_FIELDS.filter((field) => {
    const source = CIRCULAR_SOURCE_FIELDS[field](consultation);
    return source !== null && source.length > 0;
  });
}

function sourceValue(consultation: Consultation, field: CircularField): string | readonly string[] | null {
  return CIRCULAR_SOURCE_FIELDS[field](consultation);
}

/** A unit of the file: its id, the language of record's text, the current translation. */
interface CircularUnit {
  readonly id: string;
  readonly source: string;
  readonly target: string | null;
}

function unitsOf(loaded: LoadedConsultation, locale: UnLanguage): CircularUnit[] {
  const c = loaded.consultation;
  const translation = (c.translations[locale] ?? {}) as Readonly<Record<string, unknown>>;
  const units: CircularUnit[] = [];
  for (const field of circularFields(c)) {
    const source = sourceValue(c, field);
    const target = translation[field];
    if (typeof source === 'string')
      units.push({ id: field, source, target: typeof target === 'string' ? target : null });
    else if (Array.isArray(source))
      for (const [n, line] of source.entries())
        units.push({
          id: `${field}.${n}`,
          source: line,
          target: Array.isArray(target) && typeof target[n] === 'string' ? (target[n] as string) : null,
        });
  }
  for (const text of [...loaded.texts].sort((a, b) => a.order - b.order)) {
    const t = text.translations[locale] ?? {};
    units.push({ id: `text.${text.id}.title`, source: text.title, target: t.title ?? null });
    if (text.summary !== null)
      units.push({ id: `text.${text.id}.summary`, source: text.summary, target: t.summary ?? null });
  }
  return units;
}

function checkTargetLanguage(loaded: LoadedConsultation, locale: string, path: string): UnLanguage {
  if (!(UN as readonly string[]).includes(locale) || locale === loaded.consultation.languageOfRecord)
    throw new AppError('VALIDATION_FAILED', `Not a language to translate this circular into: ${locale}`, {
      errors: [
        xliffFieldProblem({
          code: 'XLIFF_WRONG_LANGUAGE',
          path,
          detail: `${locale}: a UN language other than ${loaded.consultation.languageOfRecord}`,
        }),
      ],
    });
  return locale as UnLanguage;
}

/**
 * The translatable fields of consultation `consultationId` as XLIFF 2.0 from its language of
 * record into `locale`: a unit with a translation has state `translated`, one without none.
 */
export async function exportCircularTranslation(
  ctx: ServiceContext,
  options: { actor: Actor; consultationId: string; locale: string },
): Promise<{ xliff: string; units: number }> {
  authorize(options.actor, { action: 'consultation:write' });
  const { loaded } = await getConsultation(ctx, { actor: options.actor, consultationId: options.consultationId });
  const locale = checkTargetLanguage(loaded, options.locale, 'locale');
  const units = unitsOf(loaded, locale);
  const xliffUnits: XliffUnit[] = units.map((u) => ({
    id: u.id,
    source: u.source,
    target: u.target,
    state: u.target === null ? 'initial' : 'translated',
    notes: [],
  }));
  return {
    xliff: buildXliff({
      srcLang: loaded.consultation.languageOfRecord,
      trgLang: locale,
      files: [{ id: loaded.consultation.id, original: `consultation:${loaded.consultation.id}`, units: xliffUnits }],
    }),
    units: units.length,
  };
}

export interface CircularImportResult {
  readonly consultationId: string;
  readonly locale: UnLanguage;
  /** The unit ids whose translation changed. */
  readonly changed: readonly string[];
}

/**
 * Imports a translated (reviewed) file of a circular's fields. Everything is checked first, and
 * any problem refuses the whole file with every problem at its unit: the XLIFF, the languages
 * (source the language of record, target another UN language), known units with their source
 * unchanged since the export, no empty target, and a list field given whole or not at all. A
 * circular no longer in draft refuses the change (CONSULTATION_ISSUED), as the services do.
 * Then the changed translations go through updateConsultation (the circular's fields, checked
 * against its schema) and editText (each text's), each writing its audit row, and one more audit
 * row, `translation.imported`, names the reviewer, the language and the units changed: all in one
 * transaction, so that a refusal by any step (a concurrent edit, a rule) leaves nothing applied.
 */
export async function importCircularTranslation(
  ctx: ServiceContext,
  options: { actor: Actor; xliff: string; reviewer: string },
): Promise<CircularImportResult> {
  authorize(options.actor, { action: 'consultation:write' });
  const refuse = (problems: readonly FieldProblem[]): never => {
    throw new AppError('VALIDATION_FAILED', 'The file is refused: nothing was changed', { errors: problems });
  };
  const parsed = parseXliff(options.xliff);
  if (parsed.document === null) return refuse(parsed.problems.map((p) => xliffFieldProblem(p)));
  const document = parsed.document;
  if (document.files.length !== 1)
    return refuse([
      xliffFieldProblem({ code: 'XLIFF_MALFORMED', path: 'xliff', detail: 'one <file>: the consultation' }),
    ]);
  const file = document.files[0]!;
  const { loaded } = await getConsultation(ctx, { actor: options.actor, consultationId: file.id });
  const consultation = loaded.consultation;
  const locale = checkTargetLanguage(loaded, document.trgLang, 'xliff/@trgLang');
  const units = new Map(unitsOf(loaded, locale).map((u) => [u.id, u]));

  const problems: FieldProblem[] = checkAgainst(document, {
    srcLang: consultation.languageOfRecord,
    trgLang: locale,
    sourceOf: (fileId, id) => (fileId === consultation.id ? units.get(id)?.source : undefined),
  }).map((p) => xliffFieldProblem(p));
  const given = new Map<string, string>();
  for (const unit of file.units) {
    if (unit.target === null) continue;
    if (unit.target.trim() === '')
      problems.push(messageFieldProblem(`${file.id}/${unit.id}`, { code: 'MESSAGE_EMPTY', detail: '' }));
    given.set(unit.id, unit.target);
  }
  // A list field (addressees.0, addressees.1…) is translated whole or not at all.
  const listFields = new Set(
    [...units.keys()]
      .filter((id) => /\.\d+$/.test(id) && !id.startsWith('text.'))
      .map((id) => id.replace(/\.\d+$/, '')),
  );
  for (const field of listFields) {
    const ids = [...units.keys()].filter((id) => id.replace(/\.\d+$/, '') === field && /\.\d+$/.test(id));
    const count = ids.filter((id) => given.has(id)).length;
    if (count > 0 && count < ids.length)
      problems.push(
        xliffFieldProblem({
          code: 'XLIFF_MALFORMED',
          path: `${file.id}/${field}`,
          detail: `every line of ${field}, or none`,
        }),
      );
  }
  if (problems.length > 0) return refuse(problems);
  if (consultation.issuedAt !== null) throw new AppError('CONSULTATION_ISSUED');

  const changed = [...given].filter(([id, target]) => units.get(id)?.target !== target).map(([id]) => id);
  if (changed.length === 0) return { consultationId: consultation.id, locale, changed };

  await inOneTransaction(ctx, async (inner) => {
    // The circular as it was read for the file's units, or a refusal: a change made since (to its
    // fields or a text's) is never overwritten with what was read before it.
    const current = await loadConsultation(inner.db, consultation.id, options.actor, {
      lock: true,
      within: 'consultation:write',
    });
    assertRevision(current, loaded.revision);
    // The circular's own fields.
    const ownChanged = changed.filter((id) => !id.startsWith('text.'));
    if (ownChanged.length > 0) {
      const current = { ...((consultation.translations[locale] ?? {}) as Record<string, unknown>) };
      for (const field of circularFields(consultation)) {
        const source = sourceValue(consultation, field);
        if (typeof source === 'string' && given.has(field)) current[field] = given.get(field);
        else if (Array.isArray(source) && given.has(`${field}.0`))
          current[field] = source.map((_, n) => given.get(`${field}.${n}`)!);
      }
      const translations = { ...consultation.translations, [locale]: current } as ConsultationPatch['translations'];
      await updateConsultation(inner, {
        actor: options.actor,
        consultationId: consultation.id,
        patch: { translations } as ConsultationPatch,
        expectedRevision: loaded.revision,
      });
    }
    // Each text's title and summary.
    for (const text of loaded.texts) {
      const title = given.get(`text.${text.id}.title`);
      const summary = given.get(`text.${text.id}.summary`);
      if (!changed.includes(`text.${text.id}.title`) && !changed.includes(`text.${text.id}.summary`)) continue;
      await editText(inner, {
        actor: options.actor,
        consultationId: consultation.id,
        textId: text.id,
        patch: { translations: textTranslations(text, locale, title, summary) } as TextPatch,
      });
    }
    await inTransaction(inner, (trx) =>
      appendAudit(trx, {
        at: ctx.clock(),
        actor: options.actor.id,
        action: 'translation.imported',
        consultationId: consultation.id,
        subject: `consultation:${consultation.id}`,
        data: { locale, reviewer: options.reviewer, units: changed },
      }),
    );
  });
  return { consultationId: consultation.id, locale, changed };
}

function textTranslations(
  text: DeterminedText,
  locale: UnLanguage,
  title: string | undefined,
  summary: string | undefined,
): TextPatch['translations'] {
  const current = text.translations[locale] ?? {};
  return {
    ...text.translations,
    [locale]: {
      ...current,
      ...(title !== undefined && { title }),
      ...(summary !== undefined && { summary }),
    },
  } as TextPatch['translations'];
}
