import type { Consultation, DeterminedText } from '../domain/consultation/consultation.js';
import { isUnLanguage } from '../domain/consultation/localise.js';
import { AppError, type FieldProblem } from '../domain/errors.js';
import type { UnLanguage } from '../domain/member-states/member-states.data.js';
import { DEFAULT_TAP_EDITION } from '../domain/procedure/tap/tap-clauses.js';
import { isIsoDay } from '../domain/time/instants.js';
import type { ConsultationInput, TextInput } from '../schemas/consultation.schema.js';

type ConsultationFields = Omit<Consultation, 'issuedAt' | 'resultsNoticeAt' | 'createdAt' | 'updatedAt'>;

/** The default id of a consultation: bureau, number and year, e.g. `tsb-79-2023`. */
export function defaultConsultationId(bureau: string, number: number, date: string): string {
  return `${bureau.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${number}-${date.slice(0, 4)}`;
}

/** The default id of a text: its designation as a slug, e.g. `X.1333 Cor.1` → `x1333-cor1`. */
export function defaultTextId(designation: string): string {
  const slug = designation
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'text' : slug.slice(0, 64);
}

/** Semantic checks the schema cannot express (real calendar days, day order). */
export function checkConsultationFields(c: ConsultationFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, value] of [
    ['/date', c.date],
    ['/meeting/firstDay', c.meeting.firstDay],
    ['/meeting/lastDay', c.meeting.lastDay],
    ['/languagesAvailableOn', c.languagesAvailableOn],
  ] as const) {
    if (value !== null && !isIsoDay(value)) problems.push({ field, message: `${value} is not a calendar day` });
  }
  if (c.meeting.lastDay < c.meeting.firstDay)
    problems.push({ field: '/meeting/lastDay', message: 'The meeting cannot end before it starts' });
  if (!Number.isFinite(c.deadlineAt)) problems.push({ field: '/deadline', message: 'Not a valid instant' });
  else if (new Date(c.deadlineAt).toISOString().slice(0, 10) >= c.meeting.firstDay)
    problems.push({
      field: '/deadline',
      message: 'The deadline must fall before the first day of the meeting (Res. 1 §9.4.1)',
    });
  if (c.meeting.firstDay <= c.date)
    problems.push({ field: '/meeting/firstDay', message: 'The meeting must come after the date of the circular' });
  return problems;
}

/** Throws VALIDATION_FAILED with every problem, when there are any. */
export function throwIfProblems(problems: FieldProblem[], message = 'Some fields are not valid'): void {
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', message, { errors: problems });
}

/** Parses an ISO instant (already checked by the schema to end in Z). */
export function parseInstant(value: string, field: string): number {
  const ms = Date.parse(value);
  // Date.parse rolls impossible days over (2023-04-31 → 1 May): the day written must be the day parsed.
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== value.slice(0, 10))
    throw new AppError('VALIDATION_FAILED', `${field} is not a valid instant`, {
      errors: [{ field, message: `${value} is not a valid instant` }],
    });
  return ms;
}

/** Builds the stored fields of a consultation from API/CLI input. */
export function consultationFromInput(input: ConsultationInput): ConsultationFields {
  return {
    id: input.id ?? defaultConsultationId(input.bureau, input.number, input.date),
    procedure: input.procedure ?? 'itu-t-tap',
    resolutionEdition: input.resolutionEdition ?? DEFAULT_TAP_EDITION,
    bureau: input.bureau,
    studyPeriod: input.studyPeriod,
    number: input.number,
    date: input.date,
    reference: input.reference,
    studyGroup: input.studyGroup,
    meeting: {
      place: input.meeting.place,
      firstDay: input.meeting.firstDay,
      lastDay: input.meeting.lastDay,
      collectiveLetter: input.meeting.collectiveLetter ?? null,
    },
    subject: input.subject,
    languageOfRecord: input.languageOfRecord ?? 'en',
    translations: input.translations ?? {},
    deadlineAt: parseInstant(input.deadline, '/deadline'),
    addressees: input.addressees,
    copies: input.copies,
    notes: input.notes,
    signatory: input.signatory,
    languagesAvailableOn: input.languagesAvailableOn ?? null,
    settings: {
      individualRepliesPublic: input.individualRepliesPublic ?? false,
      eligibleStates: input.eligibleStates ?? null,
    },
    isDemo: input.isDemo ?? false,
  };
}

/** Builds a determined text from input; `order` defaults to the end. */
export function textFromInput(consultationId: string, input: TextInput, defaultOrder: number): DeterminedText {
  return {
    id: input.id ?? defaultTextId(input.designation),
    consultationId,
    order: input.order ?? defaultOrder,
    kind: input.kind,
    designation: input.designation,
    workItem: input.workItem ?? null,
    title: input.title,
    summary: input.summary ?? null,
    location: input.location,
    a5Justification: input.a5Justification ?? false,
    iprStatements: input.iprStatements ?? [],
    translations: input.translations ?? {},
  };
}

/**
 * Translation keys must be UN languages other than the language of record (whose content is the
 * record itself, so a "translation" into it would be a second, conflicting original). `prefix` is
 * the pointer of the `translations` object, e.g. `/translations` or `/texts/2/translations`.
 */
function languageProblems(translations: object, languageOfRecord: UnLanguage, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(translations)) {
    if (!isUnLanguage(key))
      problems.push({
        field: `${prefix}/${key}`,
        message: `"${key}" is not one of the six UN languages (ar, zh, en, fr, ru, es)`,
      });
    else if (key === languageOfRecord)
      problems.push({
        field: `${prefix}/${key}`,
        message: `${key} is the language of record: its subject, titles and summaries are the fields themselves, not a translation`,
      });
  }
  return problems;
}

/** The subject's translations fit the consultation's language of record. */
export function checkConsultationTranslations(
  c: Pick<Consultation, 'languageOfRecord' | 'translations'>,
): FieldProblem[] {
  return languageProblems(c.translations, c.languageOfRecord, '/translations');
}

/**
 * A text's translations fit the language of record, and a summary is translated only when the
 * text has one (a corrigendum may have none: a translated summary of nothing would be shown alone).
 */
export function checkTextTranslations(
  text: Pick<DeterminedText, 'summary' | 'translations'>,
  languageOfRecord: UnLanguage,
  prefix = '/translations',
): FieldProblem[] {
  const problems = languageProblems(text.translations, languageOfRecord, prefix);
  if (text.summary === null) {
    for (const [language, translation] of Object.entries(text.translations)) {
      if (translation?.summary !== undefined)
        problems.push({
          field: `${prefix}/${language}/summary`,
          message: `The text has no summary in its language of record (${languageOfRecord}) to translate`,
        });
    }
  }
  return problems;
}

/** Two texts of one consultation may not share an id or a designation. */
export function checkTextsDistinct(texts: readonly DeterminedText[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const ids = new Set<string>();
  const designations = new Set<string>();
  texts.forEach((text, index) => {
    if (ids.has(text.id)) problems.push({ field: `/texts/${index}/id`, message: `Two texts have the id "${text.id}"` });
    if (designations.has(text.designation))
      problems.push({
        field: `/texts/${index}/designation`,
        message: `Two texts are designated "${text.designation}"`,
      });
    ids.add(text.id);
    designations.add(text.designation);
  });
  return problems;
}
