import type { ConsultationFields } from '../repositories/consultation.repository.js';
import {
  CIRCULAR_LIST_FIELDS,
  type CircularListField,
  type Consultation,
  type DeterminedText,
} from '../domain/consultation/consultation.js';
import {
  DEFAULT_DEADLINE_WORDING,
  type DeadlineWording,
  isDeadlineWording,
  readDeadline,
  wordingProblems,
} from '../domain/consultation/deadline.js';
import { isUnLanguage } from '../domain/consultation/localise.js';
import { AppError, type FieldProblem } from '../domain/errors.js';
import type { StoredMemberState } from '../domain/member-states/member-state.js';
import type { UnLanguage } from '../domain/member-states/member-states.data.js';
import { consultedClass } from '../domain/procedure/participants.js';
import { isIsoDay, toIsoDay } from '../domain/time/instants.js';
import type { TSchema } from 'typebox';
import type { ConsultationInput, TextInput } from '../schemas/consultation.schema.js';
import { inputProblems } from '../schemas/schema-problems.js';
import { citeClauseOf } from '../domain/procedure/procedure.js';
import { DEFAULT_PROCEDURE_ID, PROCEDURES, isKnownProcedure, procedureFor } from '../procedures/registry.js';

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

/**
 * Semantic checks the schema cannot express: real calendar days; their order (the meeting after
 * the circular and not ending before it starts, the deadline before the meeting's first day as
 * the procedure's reply-period rule has it, the announcement not after the circular nor on or
 * after the meeting's first day: DATES_OUT_OF_ORDER); a procedure some module implements
 * (UNKNOWN_PROCEDURE) and an edition of its instrument whose clauses it knows (UNKNOWN_EDITION), each naming the known ones. Order is
 * checked between real days only. The deadline as stated is `deadlineFromInput`'s to check: a
 * deadline it refused (NaN) is left alone here.
 */
export function checkConsultationFields(c: ConsultationFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, value] of [
    ['/date', c.date],
    ['/announcedOn', c.announcedOn],
    ['/meeting/firstDay', c.meeting.firstDay],
    ['/meeting/lastDay', c.meeting.lastDay],
    ['/languagesAvailableOn', c.languagesAvailableOn],
  ] as const) {
    if (value !== null && !isIsoDay(value)) problems.push({ field, message: `${value} is not a calendar day` });
  }
  const firstDay = isIsoDay(c.meeting.firstDay) ? c.meeting.firstDay : null;
  if (firstDay !== null && isIsoDay(c.meeting.lastDay) && c.meeting.lastDay < firstDay)
    problems.push({
      field: '/meeting/lastDay',
      message: 'The meeting cannot end before it starts',
      code: 'DATES_OUT_OF_ORDER',
    });
  // The announcement may precede the circular (a collective letter), never follow it.
  if (c.announcedOn !== null && isIsoDay(c.announcedOn)) {
    if (isIsoDay(c.date) && c.announcedOn > c.date)
      problems.push({
        field: '/announcedOn',
        message:
          'The announcement cannot come after the circular (leave it empty when the circular is the announcement)',
        code: 'DATES_OUT_OF_ORDER',
      });
    else if (firstDay !== null && c.announcedOn >= firstDay)
      problems.push({
        field: '/announcedOn',
        message: 'The announcement must come before the first day of the meeting',
        code: 'DATES_OUT_OF_ORDER',
      });
  }
  if (Number.isFinite(c.deadlineAt) && firstDay !== null && toIsoDay(c.deadlineAt) >= firstDay)
    problems.push({
      field: '/deadline',
      ...withReplyPeriodClause('The deadline must fall before the first day of the meeting', c),
      code: 'DATES_OUT_OF_ORDER',
    });
  if (firstDay !== null && isIsoDay(c.date) && firstDay <= c.date)
    problems.push({
      field: '/meeting/firstDay',
      message: 'The meeting must come after the date of the circular',
      code: 'DATES_OUT_OF_ORDER',
    });
  if (!isKnownProcedure(c.procedure))
    problems.push({
      field: '/procedure',
      message: `Not a procedure Assent implements (${Object.keys(PROCEDURES).join('; ')})`,
      code: 'UNKNOWN_PROCEDURE',
    });
  else {
    const { editions, name } = PROCEDURES[c.procedure]!;
    if (!editions.includes(c.resolutionEdition))
      problems.push({
        field: '/resolutionEdition',
        message: `Not an edition whose clauses are known for ${name} (${editions.join('; ')})`,
        code: 'UNKNOWN_EDITION',
      });
  }
  return problems;
}

/** A deadline being set must still be ahead: one already passed could never be met (DEADLINE_PASSED). */
export function checkDeadlineAhead(deadlineAt: number, now: number): FieldProblem[] {
  return Number.isFinite(deadlineAt) && deadlineAt <= now
    ? [{ field: '/deadline', message: 'The deadline has already passed', code: 'DEADLINE_PASSED' }]
    : [];
}

/** Where the issue instant of a consultation entered afterwards is given and refused. */
export const RECORDED_ISSUE_FIELD = '/enteredAfterwards/issuedAt';

/**
 * The issue of a past consultation entered afterwards, as the records give it: not in the future
 * (ISSUED_IN_FUTURE), not before the day of the circular (ISSUED_BEFORE_CIRCULAR), before the
 * deadline (ISSUED_AFTER_DEADLINE), all at `/enteredAfterwards/issuedAt`. An instant that is not a
 * real one (NaN) is the schema's to refuse; a refused deadline (NaN) is not compared.
 */
export function checkRecordedIssue(
  issuedAt: number,
  c: Pick<Consultation, 'date' | 'deadlineAt'>,
  now: number,
): FieldProblem[] {
  if (!Number.isFinite(issuedAt)) return [];
  const field = RECORDED_ISSUE_FIELD;
  if (issuedAt > now)
    return [
      { field, message: 'A record is of a circular already issued: not in the future', code: 'ISSUED_IN_FUTURE' },
    ];
  if (isIsoDay(c.date) && toIsoDay(issuedAt) < c.date)
    return [
      {
        field,
        message: `The circular cannot have been issued before its date (${c.date})`,
        code: 'ISSUED_BEFORE_CIRCULAR',
      },
    ];
  if (Number.isFinite(c.deadlineAt) && issuedAt >= c.deadlineAt)
    return [
      {
        field,
        message: `The circular was issued before its deadline (${new Date(c.deadlineAt).toISOString()})`,
        code: 'ISSUED_AFTER_DEADLINE',
      },
    ];
  return [];
}

/**
 * The participants a consultation is limited to (a regional group) must be registered, and of a
 * class its procedure consults: for TAP, Member States only (UNKNOWN_MEMBER_STATE at each other
 * code). An unknown procedure's list is left alone: its own problem is at `/procedure`.
 */
export function checkEligibleStates(
  eligibleStates: readonly string[] | null,
  participants: readonly StoredMemberState[],
  procedureId: string,
  pointer = '/eligibleStates',
): FieldProblem[] {
  if (!isKnownProcedure(procedureId)) return [];
  const classes = procedureFor(procedureId).participantClasses;
  const known = new Set(
    participants.filter((p) => consultedClass(classes, p.participantClass) !== undefined).map((p) => p.code),
  );
  return (eligibleStates ?? []).flatMap((code, index) =>
    known.has(code)
      ? []
      : [
          {
            field: `${pointer}/${index}`,
            message: `No Member State "${code}"${classes.length > 1 ? ', nor a participant of a class this procedure consults' : ''}`,
            code: 'UNKNOWN_MEMBER_STATE' as const,
          },
        ],
  );
}

/**
 * Every problem of an input: its schema's and its rules'. Services check their input against the
 * request schema too, so that a page can hand over what a person typed and show every problem at
 * once; a rule's problem replaces the schema's at the same field (it says more: "2023-02-30 is not
 * a calendar day" rather than its form).
 */
export function inputAndRuleProblems(schema: TSchema, input: unknown, rules: readonly FieldProblem[]): FieldProblem[] {
  const ruled = new Set(rules.map((p) => p.field));
  return [...inputProblems(schema, input).filter((p) => !ruled.has(p.field)), ...rules];
}

/** Throws VALIDATION_FAILED with every problem, when there are any. */
export function throwIfProblems(problems: FieldProblem[], message = 'Some fields are not valid'): void {
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', message, { errors: problems });
}

/** An ISO instant as epoch ms, or NaN when it is not a real one. */
export function instantOf(value: string): number {
  const ms = Date.parse(value);
  // Date.parse rolls impossible days over (2023-04-31 → 1 May): the day written must be the day parsed.
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value.slice(0, 10) ? ms : Number.NaN;
}

/** Parses an ISO instant (already checked by the schema to end in Z). */
export function parseInstant(value: string, field: string): number {
  const ms = instantOf(value);
  if (Number.isNaN(ms))
    throw new AppError('VALIDATION_FAILED', `${field} is not a valid instant`, {
      errors: [{ field, message: `${value} is not a valid instant` }],
    });
  return ms;
}

/** A deadline as stated in an input, the instant it closes and the wording chosen, with the problems that stop it. */
export interface DeadlineFromInput {
  /** The last on-time instant; NaN when the deadline stated is refused. */
  readonly deadlineAt: number;
  readonly deadlineWording: DeadlineWording;
  readonly problems: readonly FieldProblem[];
}

/**
 * The deadline of a consultation input (`deadline`, `deadlineWording`), for the API, the CLI and
 * the pages alike (a page builds the same input from its day, time and wording): the one rule of
 * domain/consultation/deadline.ts `readDeadline`, a minute stated closing at its end. A wording
 * that is not one (the schema's to refuse) reads as the default.
 */
export function deadlineFromInput(deadline: string, wording: string | undefined): DeadlineFromInput {
  const deadlineWording = isDeadlineWording(wording) ? wording : DEFAULT_DEADLINE_WORDING;
  const reading = readDeadline(deadline, deadlineWording);
  return { deadlineAt: reading.deadlineAt, deadlineWording, problems: reading.problems };
}

/**
 * The deadline of a draft after a patch: a new deadline and/or wording read by the same rule; a
 * wording given alone is checked against the stored instant (which is not read again: only what
 * is given changes), a deadline given alone keeps the stored wording. Null when neither is given.
 */
export function patchedDeadline(
  current: Pick<Consultation, 'deadlineAt' | 'deadlineWording'>,
  patch: { readonly deadline?: string | undefined; readonly deadlineWording?: string | undefined },
): DeadlineFromInput | null {
  if (patch.deadline !== undefined)
    return deadlineFromInput(patch.deadline, patch.deadlineWording ?? current.deadlineWording);
  if (patch.deadlineWording === undefined) return null;
  const deadlineWording = isDeadlineWording(patch.deadlineWording) ? patch.deadlineWording : current.deadlineWording;
  return {
    deadlineAt: current.deadlineAt,
    deadlineWording,
    problems: wordingProblems(current.deadlineAt, deadlineWording),
  };
}

/** Builds the stored fields of a consultation from API/CLI input (a refused deadline is NaN: see deadlineFromInput). */
export function consultationFromInput(input: ConsultationInput): ConsultationFields {
  const deadline = deadlineFromInput(input.deadline, input.deadlineWording);
  return {
    id: input.id ?? defaultConsultationId(input.bureau, input.number, input.date),
    procedure: input.procedure ?? DEFAULT_PROCEDURE_ID,
    resolutionEdition: input.resolutionEdition ?? defaultEditionOf(input.procedure ?? DEFAULT_PROCEDURE_ID),
    bureau: input.bureau,
    studyPeriod: input.studyPeriod,
    number: input.number,
    date: input.date,
    announcedOn: input.announcedOn ?? null,
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
    // A refused deadline is NaN; deadlineFromInput's problems say why, with the other problems.
    deadlineAt: deadline.deadlineAt,
    deadlineWording: deadline.deadlineWording,
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
    locationUrl: input.locationUrl ?? null,
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

/**
 * The circular's translations fit the consultation: their languages are not the language of
 * record; a list (addressees, copies, notes) is translated entry for entry, so it has as many
 * entries as the one of record (TRANSLATION_LIST_LENGTH: a reader would otherwise be shown a list
 * that says something else), none of them blank (TRANSLATION_BLANK); a collective letter is translated only when the circular names one
 * (TRANSLATION_WITHOUT_RECORD, as a text's summary).
 */
export function checkConsultationTranslations(
  c: Pick<Consultation, 'languageOfRecord' | 'translations' | 'meeting' | CircularListField>,
): FieldProblem[] {
  const problems = languageProblems(c.translations, c.languageOfRecord, '/translations');
  for (const [language, translation] of Object.entries(c.translations)) {
    if (translation === undefined) continue;
    for (const field of CIRCULAR_LIST_FIELDS) {
      const entries = translation[field];
      const blank = entries?.findIndex((entry) => entry.trim() === '') ?? -1;
      if (blank >= 0)
        problems.push({
          field: `/translations/${language}/${field}/${blank}`,
          code: 'TRANSLATION_BLANK',
          message: `Entry ${blank + 1} of the ${field} in ${language} is blank: give its translation, or leave the whole list untranslated`,
        });
      else if (entries !== undefined && entries.length !== c[field].length)
        problems.push({
          field: `/translations/${language}/${field}`,
          code: 'TRANSLATION_LIST_LENGTH',
          message: `The ${field} are translated entry for entry: ${c[field].length} in the language of record (${c.languageOfRecord}), ${entries.length} given`,
        });
    }
    if (translation.collectiveLetter !== undefined && c.meeting.collectiveLetter === null)
      problems.push({
        field: `/translations/${language}/collectiveLetter`,
        code: 'TRANSLATION_WITHOUT_RECORD',
        message: `The circular names no collective letter in its language of record (${c.languageOfRecord}) to translate`,
      });
  }
  return problems;
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
          code: 'TRANSLATION_WITHOUT_RECORD',
          message: `The text has no summary in its language of record (${languageOfRecord}) to translate`,
        });
    }
  }
  return problems;
}

/** Two texts of one consultation may not share an id or a designation (CONFLICT at the later one). */
export function checkTextsDistinct(texts: readonly DeterminedText[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const ids = new Set<string>();
  const designations = new Set<string>();
  texts.forEach((text, index) => {
    if (ids.has(text.id))
      problems.push({ field: `/texts/${index}/id`, message: `Two texts have the id "${text.id}"`, code: 'CONFLICT' });
    if (designations.has(text.designation))
      problems.push({
        field: `/texts/${index}/designation`,
        message: `Two texts are designated "${text.designation}"`,
        code: 'CONFLICT',
      });
    ids.add(text.id);
    designations.add(text.designation);
  });
  return problems;
}

/**
 * A problem's message and clause for the rule on the reply period (the deadline before the
 * meeting), cited from the consultation's procedure and edition (the default procedure's for an
 * id no module implements, which is refused on its own); the bare message when it has no such rule.
 */
function withReplyPeriodClause(message: string, c: ConsultationFields): { message: string; clause?: string } {
  const procedure = procedureFor(isKnownProcedure(c.procedure) ? c.procedure : DEFAULT_PROCEDURE_ID);
  const clause = procedure.clauseFor('replyPeriod', c.resolutionEdition);
  return clause === null
    ? { message }
    : { message: `${message} (${citeClauseOf(procedure, c.resolutionEdition, clause)})`, clause };
}

/** The default edition of a procedure; for an unknown id, an empty edition (refused as UNKNOWN_PROCEDURE by the checks). */
function defaultEditionOf(procedureId: string): string {
  return isKnownProcedure(procedureId) ? PROCEDURES[procedureId]!.defaultEdition : '';
}
