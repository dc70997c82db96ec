import Type, { type Static } from 'typebox';
import type { Consultation, DeterminedText, TextKind } from '../../domain/consultation/consultation.js';
import { TEXT_KINDS } from '../../domain/consultation/consultation.js';
import { isUnLanguage } from '../../domain/consultation/localise.js';
import { UN_LANGUAGES } from '../../domain/member-states/designations.js';
import type { UnLanguage } from '../../domain/member-states/member-states.data.js';
import { TAP_EDITIONS, DEFAULT_TAP_EDITION, tapClauses, citeClause } from '../../domain/procedure/tap/tap-clauses.js';
import { isIsoDay, toIsoDay } from '../../domain/time/instants.js';
import { t, type Locale, type MessageId } from '../../i18n/i18n.js';
import type { ConsultationInput, ConsultationPatch, TextInput, TextPatch } from '../../schemas/consultation.schema.js';
import { defaultTextId } from '../../services/consultation-input.js';
import type { FormError } from './components/form.js';

/**
 * The secretariat's forms: their body schemas (every field an optional, bounded string, as in
 * forms.schema.ts: a missing or empty field is answered by the page with its message at the
 * field) and the readers that turn a posted body into the values to show again, the problems
 * found (each naming its field, from the catalogue), and the input of the service.
 */

/** No NUL character: PostgreSQL cannot store or compare one, and no form needs it (answered 400). */
const NO_NUL = '^[^\\u0000]*$';
const Field = (maxLength: number) => Type.Optional(Type.String({ maxLength, pattern: NO_NUL }));
const Param = Type.String({ minLength: 1, maxLength: 100, pattern: NO_NUL });
const Csrf = Field(200);

/** The circular: every field of a consultation (src/schemas/consultation.schema.ts), as typed. */
export const CircularForm = Type.Object({
  _csrf: Csrf,
  revision: Field(20),
  bureau: Field(100),
  studyPeriod: Field(100),
  number: Field(100),
  date: Field(100),
  reference: Field(1000),
  studyGroup: Field(1000),
  meetingPlace: Field(1000),
  meetingFirstDay: Field(100),
  meetingLastDay: Field(100),
  collectiveLetter: Field(1000),
  subject: Field(4000),
  languageOfRecord: Field(10),
  // The subject in each UN language other than the language of record (the page shows five).
  'subject-ar': Field(4000),
  'subject-zh': Field(4000),
  'subject-en': Field(4000),
  'subject-fr': Field(4000),
  'subject-ru': Field(4000),
  'subject-es': Field(4000),
  deadlineDay: Field(100),
  deadlineTime: Field(100),
  addressees: Field(30_000),
  copies: Field(30_000),
  notes: Field(60_000),
  signatoryName: Field(1000),
  signatoryTitle: Field(2000),
  languagesAvailableOn: Field(100),
  resolutionEdition: Field(200),
  individualRepliesPublic: Field(10),
  eligibleStates: Field(2000),
});
export type CircularBody = Static<typeof CircularForm>;

/** A determined text of a draft circular. */
export const TextForm = Type.Object({
  _csrf: Csrf,
  designation: Field(1000),
  kind: Field(40),
  workItem: Field(1000),
  title: Field(4000),
  summary: Field(40_000),
  location: Field(1000),
  order: Field(40),
  a5Justification: Field(10),
  iprStatements: Field(40_000),
  // The title and summary in each UN language other than the language of record.
  'title-ar': Field(4000),
  'title-zh': Field(4000),
  'title-en': Field(4000),
  'title-fr': Field(4000),
  'title-ru': Field(4000),
  'title-es': Field(4000),
  'summary-ar': Field(40_000),
  'summary-zh': Field(40_000),
  'summary-en': Field(40_000),
  'summary-fr': Field(40_000),
  'summary-ru': Field(40_000),
  'summary-es': Field(40_000),
});
export type TextBody = Static<typeof TextForm>;

/**
 * The largest body of the circular and text forms: with a translation per language (Arabic or
 * Russian text is several bytes per character, and more once URL-encoded) they outgrow the 64 KiB
 * of the other forms. The fields' own maximum lengths still bound every value.
 */
export const CIRCULAR_FORM_BODY_LIMIT = 1024 * 1024;
/** The text form's: five summaries of up to 20,000 characters each, besides the title and summary. */
export const TEXT_FORM_BODY_LIMIT = 2 * 1024 * 1024;

/** The form field of a translation: `subject-fr`, `title-ar`, `summary-es`. */
export function translationFieldName<F extends 'subject' | 'title' | 'summary'>(
  field: F,
  language: UnLanguage,
): `${F}-${UnLanguage}` {
  return `${field}-${language}`;
}

/** Each UN language with an empty value (a form with no translation yet). */
function perLanguage<T>(value: () => T): Record<UnLanguage, T> {
  return Object.fromEntries(UN_LANGUAGES.map((language) => [language, value()])) as Record<UnLanguage, T>;
}

/** Removing a text: the first post asks, the second (`confirm=yes`) removes. */
export const RemoveTextForm = Type.Object({ _csrf: Csrf, confirm: Field(10) });

/** Issuing: the revision the preview showed. */
export const IssueForm = Type.Object({ _csrf: Csrf, revision: Field(20) });

/** An invitation. */
export const InviteForm = Type.Object({
  _csrf: Csrf,
  email: Field(1024),
  name: Field(1000),
  role: Field(40),
  admin: Field(10),
  memberState: Field(10),
  rank: Field(20),
  language: Field(10),
  /** `yes` on the "send a new invitation" button of an existing account. */
  resend: Field(10),
});
export type InviteBody = Static<typeof InviteForm>;

/** Forms that are a single button. */
export const SecCsrfOnlyForm = Type.Object({ _csrf: Csrf });

/** A consultation by id. */
export const ConsultationParams = Type.Object({ id: Param });
/** A text of a consultation. */
export const TextParams = Type.Object({ id: Param, textId: Param });
/** An account by id. */
export const AccountParams = Type.Object({ accountId: Param });

/** `?notice=` and, after an invitation, the invited account. */
export const AccountsQuery = Type.Object({ notice: Field(40), invited: Field(100) });
/** The audit trail's filters and page. */
export const AuditQuery = Type.Object({ consultation: Field(100), action: Field(100), page: Field(10) });

/* ------------------------------------------------------------------ the circular */

/** The circular form's values, as typed (or as stored, when the page opens). */
export interface CircularValues {
  readonly revision: string;
  readonly bureau: string;
  readonly studyPeriod: string;
  readonly number: string;
  readonly date: string;
  readonly reference: string;
  readonly studyGroup: string;
  readonly meetingPlace: string;
  readonly meetingFirstDay: string;
  readonly meetingLastDay: string;
  readonly collectiveLetter: string;
  readonly subject: string;
  /** A UN language code (as typed: checked by the reader). */
  readonly languageOfRecord: string;
  /** The subject per other language, as typed ('' when not translated). */
  readonly subjectTranslations: Readonly<Record<UnLanguage, string>>;
  readonly deadlineDay: string;
  readonly deadlineTime: string;
  readonly addressees: string;
  readonly copies: string;
  readonly notes: string;
  readonly signatoryName: string;
  readonly signatoryTitle: string;
  readonly languagesAvailableOn: string;
  readonly resolutionEdition: string;
  readonly individualRepliesPublic: boolean;
  readonly eligibleStates: string;
}

/** The editions of Resolution 1 a circular may follow (their clause numbering is known). */
export const RESOLUTION_EDITIONS: readonly string[] = Object.keys(TAP_EDITIONS);

/** A new circular's form: the usual addressees and copies of a TSB circular, the deadline at 2359 UTC. */
export function blankCircular(today: string): CircularValues {
  return {
    revision: '',
    bureau: 'TSB',
    studyPeriod: '',
    number: '',
    date: today,
    reference: '',
    studyGroup: '',
    meetingPlace: '',
    meetingFirstDay: '',
    meetingLastDay: '',
    collectiveLetter: '',
    subject: '',
    languageOfRecord: 'en',
    subjectTranslations: perLanguage(() => ''),
    deadlineDay: '',
    deadlineTime: '23:59',
    addressees: 'Administrations of Member States of the Union',
    copies: 'ITU-T Sector Members\nITU-T Associates\nITU Academia',
    notes: '',
    signatoryName: '',
    signatoryTitle: '',
    languagesAvailableOn: '',
    resolutionEdition: DEFAULT_TAP_EDITION,
    individualRepliesPublic: false,
    eligibleStates: '',
  };
}

/** The stored translations of a subject, per language ('' where none). */
function subjectTranslationsOf(translations: Consultation['translations']): Record<UnLanguage, string> {
  return Object.fromEntries(
    UN_LANGUAGES.map((language) => [language, translations[language]?.subject ?? '']),
  ) as Record<UnLanguage, string>;
}

/** A stored circular as its form shows it. */
export function circularValues(c: Consultation, revision: number): CircularValues {
  const deadline = new Date(c.deadlineAt).toISOString();
  return {
    revision: String(revision),
    bureau: c.bureau,
    studyPeriod: c.studyPeriod,
    number: String(c.number),
    date: c.date,
    reference: c.reference,
    studyGroup: c.studyGroup,
    meetingPlace: c.meeting.place,
    meetingFirstDay: c.meeting.firstDay,
    meetingLastDay: c.meeting.lastDay,
    collectiveLetter: c.meeting.collectiveLetter ?? '',
    subject: c.subject,
    languageOfRecord: c.languageOfRecord,
    subjectTranslations: subjectTranslationsOf(c.translations),
    deadlineDay: deadline.slice(0, 10),
    deadlineTime: deadline.slice(11, 16),
    addressees: c.addressees.join('\n'),
    copies: c.copies.join('\n'),
    notes: c.notes.join('\n\n'),
    signatoryName: c.signatory.name,
    signatoryTitle: c.signatory.title,
    languagesAvailableOn: c.languagesAvailableOn ?? '',
    resolutionEdition: c.resolutionEdition,
    individualRepliesPublic: c.settings.individualRepliesPublic,
    eligibleStates: (c.settings.eligibleStates ?? []).join(' '),
  };
}

const trim = (value: string | undefined) => (value ?? '').trim();
const isChecked = (value: string | undefined) => value !== undefined && value !== '' && value !== 'no';
/** Non-empty lines. */
const linesOf = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
/** Paragraphs separated by an empty line. */
const paragraphsOf = (value: string) =>
  value
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\r\n/g, '\n').trim())
    .filter((p) => p !== '');
/** No NUL character (PostgreSQL cannot store it; no form needs it). */
const hasNul = (value: string) => value.includes('\u0000');

/** The deadline instant a day and a time (`HH:MM`, UTC) name: the end of that minute (Circular 79's "2359 hours UTC" is 23:59:59.999). */
export function deadlineInstant(day: string, time: string): number | null {
  if (!isIsoDay(day) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  return Date.parse(`${day}T${time}:59.999Z`);
}

/** The circular's timing facts, when the typed dates are real days (the warnings need them all). */
export function timingFactsOf(
  values: CircularValues,
): { circularDate: string; meetingFirstDay: string; deadlineAt: number; languagesAvailableOn: string | null } | null {
  const deadlineAt = deadlineInstant(values.deadlineDay.trim(), values.deadlineTime.trim());
  const languages = values.languagesAvailableOn.trim();
  if (!isIsoDay(values.date.trim()) || !isIsoDay(values.meetingFirstDay.trim()) || deadlineAt === null) return null;
  if (languages !== '' && !isIsoDay(languages)) return null;
  return {
    circularDate: values.date.trim(),
    meetingFirstDay: values.meetingFirstDay.trim(),
    deadlineAt,
    languagesAvailableOn: languages === '' ? null : languages,
  };
}

/** The label of each circular field (messages name the field). */
export const CIRCULAR_LABELS = {
  bureau: 'sec.circular.bureau.label',
  studyPeriod: 'sec.circular.studyPeriod.label',
  number: 'sec.circular.number.label',
  date: 'sec.circular.date.label',
  reference: 'sec.circular.reference.label',
  studyGroup: 'sec.circular.studyGroup.label',
  meetingPlace: 'sec.circular.meetingPlace.label',
  meetingFirstDay: 'sec.circular.meetingFirstDay.label',
  meetingLastDay: 'sec.circular.meetingLastDay.label',
  collectiveLetter: 'sec.circular.collectiveLetter.label',
  subject: 'sec.circular.subject.label',
  languageOfRecord: 'sec.circular.languageOfRecord.label',
  deadlineDay: 'sec.circular.deadlineDay.label',
  deadlineTime: 'sec.circular.deadlineTime.label',
  addressees: 'sec.circular.addressees.label',
  copies: 'sec.circular.copies.label',
  notes: 'sec.circular.notes.label',
  signatoryName: 'sec.circular.signatoryName.label',
  signatoryTitle: 'sec.circular.signatoryTitle.label',
  languagesAvailableOn: 'sec.circular.languagesAvailableOn.label',
  resolutionEdition: 'sec.circular.resolutionEdition.label',
  individualRepliesPublic: 'sec.circular.individualRepliesPublic.label',
  eligibleStates: 'sec.circular.eligibleStates.label',
} as const satisfies Record<string, MessageId>;
export type CircularField = keyof typeof CIRCULAR_LABELS;

/** What the circular form reader found. */
export interface ReadCircular {
  readonly values: CircularValues;
  readonly errors: FormError[];
  /** The service's input, when there is no error. */
  readonly input: ConsultationInput | null;
  /** The revision the form was read at, if it carried one. */
  readonly revision: number | undefined;
}

/** The subject's translations as the form posted them: null when it posted none (a client without those fields: they stay as they are). */
function postedSubjectTranslations(body: CircularBody): Record<UnLanguage, string> | null {
  const posted = UN_LANGUAGES.some((language) => body[translationFieldName('subject', language)] !== undefined);
  if (!posted) return null;
  return Object.fromEntries(
    UN_LANGUAGES.map((language) => [language, trim(body[translationFieldName('subject', language)])]),
  ) as Record<UnLanguage, string>;
}

/** The label of a translated field, naming the language in the reader's words ("Subject in French"). */
export function translationLabel(locale: Locale, field: 'subject' | 'title' | 'summary', language: UnLanguage): string {
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(language) ?? language;
  return t(
    locale,
    field === 'subject'
      ? 'sec.translations.subject.label'
      : field === 'title'
        ? 'sec.translations.title.label'
        : 'sec.translations.summary.label',
    { language: name },
  );
}

/**
 * Reads the circular form: required fields, sizes, real days and their order, the deadline in
 * the future and before the meeting (Res. 1 §9.4.1), Member State codes, the language of record
 * and the subject's translations. The same rules as the service's (consultation-input.ts),
 * checked here to answer each at its field in the reader's language; the service checks them
 * again (and alone refuses a translation into the language of record, which the page then shows
 * at that translation). `stored`: the circular being edited, whose language of record and
 * translations stay when a client posts none.
 */
export function readCircularForm(
  locale: Locale,
  body: CircularBody,
  now: number,
  knownStates: ReadonlySet<string>,
  stored?: Pick<Consultation, 'languageOfRecord' | 'translations'>,
): ReadCircular {
  const postedTranslations = postedSubjectTranslations(body);
  const storedTranslations = stored ? subjectTranslationsOf(stored.translations) : perLanguage(() => '');
  const values: CircularValues = {
    revision: trim(body.revision),
    bureau: trim(body.bureau),
    studyPeriod: trim(body.studyPeriod),
    number: trim(body.number),
    date: trim(body.date),
    reference: trim(body.reference),
    studyGroup: trim(body.studyGroup),
    meetingPlace: trim(body.meetingPlace),
    meetingFirstDay: trim(body.meetingFirstDay),
    meetingLastDay: trim(body.meetingLastDay),
    collectiveLetter: trim(body.collectiveLetter),
    subject: trim(body.subject),
    languageOfRecord:
      body.languageOfRecord === undefined ? (stored?.languageOfRecord ?? 'en') : trim(body.languageOfRecord),
    subjectTranslations: postedTranslations ?? storedTranslations,
    deadlineDay: trim(body.deadlineDay),
    deadlineTime: trim(body.deadlineTime),
    addressees: (body.addressees ?? '').trim(),
    copies: (body.copies ?? '').trim(),
    notes: (body.notes ?? '').trim(),
    signatoryName: trim(body.signatoryName),
    signatoryTitle: trim(body.signatoryTitle),
    languagesAvailableOn: trim(body.languagesAvailableOn),
    resolutionEdition: trim(body.resolutionEdition) || DEFAULT_TAP_EDITION,
    individualRepliesPublic: isChecked(body.individualRepliesPublic),
    eligibleStates: trim(body.eligibleStates).toUpperCase(),
  };
  const errors: FormError[] = [];
  const label = (field: CircularField) => t(locale, CIRCULAR_LABELS[field]);
  const add = (field: CircularField, id: MessageId, values: Record<string, string | number> = {}) => {
    if (!errors.some((e) => e.field === `field-${field}`))
      errors.push({ field: `field-${field}`, message: t(locale, id, values) });
  };
  /** A required one-line field of at most `max` characters. */
  const line = (field: CircularField, max: number, missing: MessageId) => {
    const value = values[field] as string;
    if (value === '') add(field, missing);
    else if (value.length > max || hasNul(value)) add(field, 'sec.field.tooLong', { field: label(field), max });
  };
  const optionalLine = (field: CircularField, max: number) => {
    const value = values[field] as string;
    if (value.length > max || hasNul(value)) add(field, 'sec.field.tooLong', { field: label(field), max });
  };
  const day = (field: CircularField, missing: MessageId) => {
    const value = values[field] as string;
    if (value === '') add(field, missing);
    else if (!isIsoDay(value)) add(field, 'sec.field.day.invalid', { field: label(field) });
  };

  line('bureau', 20, 'sec.circular.bureau.missing');
  if (!/^\d{4}-\d{4}$/.test(values.studyPeriod)) add('studyPeriod', 'sec.circular.studyPeriod.invalid');
  const number = /^\d{1,6}$/.test(values.number) ? Number(values.number) : Number.NaN;
  if (!(number >= 1 && number <= 100_000)) add('number', 'sec.circular.number.invalid');
  day('date', 'sec.circular.date.missing');
  line('reference', 200, 'sec.circular.reference.missing');
  line('studyGroup', 50, 'sec.circular.studyGroup.missing');
  line('subject', 2000, 'sec.circular.subject.missing');
  if (!isUnLanguage(values.languageOfRecord)) add('languageOfRecord', 'sec.circular.languageOfRecord.invalid');
  // The translations, right after the subject as on the page.
  for (const language of UN_LANGUAGES) {
    const value = values.subjectTranslations[language];
    if (value.length > 2000 || hasNul(value)) {
      errors.push({
        field: `field-${translationFieldName('subject', language)}`,
        message: t(locale, 'sec.field.tooLong', { field: translationLabel(locale, 'subject', language), max: 2000 }),
      });
    }
  }
  line('meetingPlace', 200, 'sec.circular.meetingPlace.missing');
  day('meetingFirstDay', 'sec.circular.meetingFirstDay.missing');
  day('meetingLastDay', 'sec.circular.meetingLastDay.missing');
  optionalLine('collectiveLetter', 200);
  if (values.deadlineDay === '') add('deadlineDay', 'sec.circular.deadlineDay.missing');
  else if (!isIsoDay(values.deadlineDay)) add('deadlineDay', 'sec.field.day.invalid', { field: label('deadlineDay') });
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(values.deadlineTime)) add('deadlineTime', 'sec.circular.deadlineTime.invalid');
  if (values.languagesAvailableOn !== '' && !isIsoDay(values.languagesAvailableOn))
    add('languagesAvailableOn', 'sec.field.day.invalid', { field: label('languagesAvailableOn') });
  line('signatoryName', 200, 'sec.circular.signatoryName.missing');
  line('signatoryTitle', 500, 'sec.circular.signatoryTitle.missing');
  if (!RESOLUTION_EDITIONS.includes(values.resolutionEdition))
    add('resolutionEdition', 'sec.circular.resolutionEdition.invalid');

  const addressees = linesOf(values.addressees);
  if (addressees.length > 50 || addressees.some((a) => a.length > 500 || hasNul(a)))
    add('addressees', 'sec.circular.lines.invalid', { field: label('addressees') });
  const copies = linesOf(values.copies);
  if (copies.length > 50 || copies.some((a) => a.length > 500 || hasNul(a)))
    add('copies', 'sec.circular.lines.invalid', { field: label('copies') });
  const notes = paragraphsOf(values.notes);
  if (notes.length > 20 || notes.some((n) => n.length > 5000 || hasNul(n))) add('notes', 'sec.circular.notes.invalid');

  const codes = values.eligibleStates === '' ? [] : values.eligibleStates.split(/[\s,;]+/).filter((c) => c !== '');
  const unknown = codes.filter((code) => !knownStates.has(code));
  if (unknown.length > 0)
    add('eligibleStates', 'sec.circular.eligibleStates.unknown', { codes: unknown.slice(0, 10).join(', ') });

  // The order of the dates and the deadline (Res. 1 §9.4.1), once each date is a real day.
  const deadlineAt = deadlineInstant(values.deadlineDay, values.deadlineTime);
  const clause = citeClause(
    tapClauses(values.resolutionEdition),
    tapClauses(values.resolutionEdition).consultationPeriod,
  );
  if (
    isIsoDay(values.meetingFirstDay) &&
    isIsoDay(values.meetingLastDay) &&
    values.meetingLastDay < values.meetingFirstDay
  )
    add('meetingLastDay', 'sec.circular.meetingLastDay.beforeFirst');
  if (isIsoDay(values.date) && isIsoDay(values.meetingFirstDay) && values.meetingFirstDay <= values.date)
    add('meetingFirstDay', 'sec.circular.meetingFirstDay.beforeDate');
  if (deadlineAt !== null) {
    if (deadlineAt <= now) add('deadlineDay', 'sec.circular.deadlineDay.past');
    else if (isIsoDay(values.meetingFirstDay) && toIsoDay(deadlineAt) >= values.meetingFirstDay)
      add('deadlineDay', 'sec.circular.deadlineDay.afterMeeting', { clause });
  }

  const revision = /^\d{1,9}$/.test(values.revision) ? Number(values.revision) : undefined;
  if (errors.length > 0 || deadlineAt === null) return { values, errors, input: null, revision };
  const translations: NonNullable<ConsultationInput['translations']> = {};
  for (const language of UN_LANGUAGES) {
    const subject = values.subjectTranslations[language];
    if (subject !== '') translations[language] = { subject };
  }
  const input: ConsultationInput = {
    bureau: values.bureau,
    studyPeriod: values.studyPeriod,
    number,
    date: values.date,
    reference: values.reference,
    studyGroup: values.studyGroup,
    meeting: {
      place: values.meetingPlace,
      firstDay: values.meetingFirstDay,
      lastDay: values.meetingLastDay,
      collectiveLetter: values.collectiveLetter === '' ? null : values.collectiveLetter,
    },
    subject: values.subject,
    // Only what the form posted: a client without these fields leaves them as they are.
    ...(body.languageOfRecord !== undefined && { languageOfRecord: values.languageOfRecord as UnLanguage }),
    ...(postedTranslations !== null && { translations }),
    deadline: new Date(deadlineAt).toISOString(),
    addressees,
    copies,
    notes,
    signatory: { name: values.signatoryName, title: values.signatoryTitle },
    languagesAvailableOn: values.languagesAvailableOn === '' ? null : values.languagesAvailableOn,
    resolutionEdition: values.resolutionEdition,
    individualRepliesPublic: values.individualRepliesPublic,
    eligibleStates: codes.length === 0 ? null : [...new Set(codes)],
  };
  return { values, errors, input, revision };
}

/** Every field of a circular, as a patch (the whole form is saved). */
export function patchOf(input: ConsultationInput): ConsultationPatch {
  const { id: _id, texts: _texts, isDemo: _demo, ...patch } = input;
  return patch;
}

/** Where a field problem of the consultation services (a JSON pointer) is shown on the form. */
export function circularFieldOfPointer(pointer: string): CircularField | null {
  const map: Record<string, CircularField> = {
    '/bureau': 'bureau',
    '/studyPeriod': 'studyPeriod',
    '/number': 'number',
    '/date': 'date',
    '/reference': 'reference',
    '/studyGroup': 'studyGroup',
    '/meeting/place': 'meetingPlace',
    '/meeting/firstDay': 'meetingFirstDay',
    '/meeting/lastDay': 'meetingLastDay',
    '/meeting/collectiveLetter': 'collectiveLetter',
    '/subject': 'subject',
    '/deadline': 'deadlineDay',
    '/languagesAvailableOn': 'languagesAvailableOn',
    '/signatory': 'signatoryName',
    '/eligibleStates': 'eligibleStates',
  };
  return map[pointer] ?? null;
}

/* ------------------------------------------------------------------ texts */

/** The text form's values, as typed. */
export interface TextValues {
  readonly designation: string;
  readonly kind: string;
  readonly workItem: string;
  readonly title: string;
  readonly summary: string;
  readonly location: string;
  readonly order: string;
  readonly a5Justification: boolean;
  readonly iprStatements: string;
  /** The title and summary per other language, as typed ('' where not translated). */
  readonly translations: Readonly<Record<UnLanguage, { readonly title: string; readonly summary: string }>>;
}

/** A new text's form, placed at the end of Annex 1. */
export function blankText(nextOrder: number): TextValues {
  return {
    designation: '',
    kind: 'new',
    workItem: '',
    title: '',
    summary: '',
    location: '',
    order: String(nextOrder),
    a5Justification: false,
    iprStatements: '',
    translations: perLanguage(() => ({ title: '', summary: '' })),
  };
}

/** A text's stored translations, per language ('' where none). */
function textTranslationsOf(
  translations: DeterminedText['translations'],
): Record<UnLanguage, { title: string; summary: string }> {
  return Object.fromEntries(
    UN_LANGUAGES.map((language) => [
      language,
      { title: translations[language]?.title ?? '', summary: translations[language]?.summary ?? '' },
    ]),
  ) as Record<UnLanguage, { title: string; summary: string }>;
}

/** A stored text as its form shows it. */
export function textValues(text: DeterminedText): TextValues {
  return {
    designation: text.designation,
    kind: text.kind,
    workItem: text.workItem ?? '',
    title: text.title,
    summary: text.summary ?? '',
    location: text.location,
    order: String(text.order),
    a5Justification: text.a5Justification,
    iprStatements: text.iprStatements.join('\n'),
    translations: textTranslationsOf(text.translations),
  };
}

export const TEXT_LABELS = {
  designation: 'sec.text.designation.label',
  kind: 'sec.text.kind.legend',
  workItem: 'sec.text.workItem.label',
  title: 'sec.text.title.label',
  summary: 'sec.text.summary.label',
  location: 'sec.text.location.label',
  order: 'sec.text.order.label',
  a5Justification: 'sec.text.a5Justification.label',
  iprStatements: 'sec.text.iprStatements.label',
} as const satisfies Record<string, MessageId>;
export type TextField = keyof typeof TEXT_LABELS;

const isKind = (value: string): value is TextKind => (TEXT_KINDS as readonly string[]).includes(value);

/**
 * Reads the text form: required fields and sizes, and a designation no other text of the
 * circular has (two texts may not share a designation, nor the short name made from it); the
 * title and summary in other languages (sizes here; the service refuses a translation into the
 * language of record, or of a summary the text does not have, and the page shows it at its field).
 * `others`: the circular's other texts; `stored`: the text being edited, whose translations stay
 * when a client posts none.
 */
export function readTextForm(
  locale: Locale,
  body: TextBody,
  others: readonly DeterminedText[],
  options: { readonly isNew: boolean; readonly stored?: Pick<DeterminedText, 'translations'> },
): { values: TextValues; errors: FormError[]; input: TextInput | null } {
  const translationsPosted = UN_LANGUAGES.some(
    (language) =>
      body[translationFieldName('title', language)] !== undefined ||
      body[translationFieldName('summary', language)] !== undefined,
  );
  const translationValues = translationsPosted
    ? (Object.fromEntries(
        UN_LANGUAGES.map((language) => [
          language,
          {
            title: trim(body[translationFieldName('title', language)]),
            summary: (body[translationFieldName('summary', language)] ?? '').trim(),
          },
        ]),
      ) as Record<UnLanguage, { title: string; summary: string }>)
    : options.stored
      ? textTranslationsOf(options.stored.translations)
      : perLanguage(() => ({ title: '', summary: '' }));
  const values: TextValues = {
    designation: trim(body.designation),
    kind: trim(body.kind),
    workItem: trim(body.workItem),
    title: trim(body.title),
    summary: (body.summary ?? '').trim(),
    location: trim(body.location),
    order: trim(body.order),
    a5Justification: isChecked(body.a5Justification),
    iprStatements: (body.iprStatements ?? '').trim(),
    translations: translationValues,
  };
  const errors: FormError[] = [];
  const label = (field: TextField) => t(locale, TEXT_LABELS[field]);
  const add = (field: TextField, id: MessageId, v: Record<string, string | number> = {}) => {
    if (!errors.some((e) => e.field === `field-${field}`))
      errors.push({ field: `field-${field}`, message: t(locale, id, v) });
  };
  const tooLong = (field: TextField, max: number) => {
    const value = values[field] as string;
    if (value.length > max || hasNul(value)) add(field, 'sec.field.tooLong', { field: label(field), max });
  };
  if (values.designation === '') add('designation', 'sec.text.designation.missing');
  tooLong('designation', 100);
  if (!isKind(values.kind)) add('kind', 'sec.text.kind.missing');
  tooLong('workItem', 100);
  if (values.title === '') add('title', 'sec.text.title.missing');
  tooLong('title', 1000);
  tooLong('summary', 20_000);
  // The translations, after the title and summary as on the page.
  for (const language of UN_LANGUAGES) {
    for (const [field, max] of [
      ['title', 1000],
      ['summary', 20_000],
    ] as const) {
      const value = values.translations[language][field];
      if (value.length > max || hasNul(value))
        errors.push({
          field: `field-${translationFieldName(field, language)}`,
          message: t(locale, 'sec.field.tooLong', { field: translationLabel(locale, field, language), max }),
        });
    }
  }
  if (values.location === '') add('location', 'sec.text.location.missing');
  tooLong('location', 200);
  const order = values.order === '' ? undefined : /^\d{1,4}$/.test(values.order) ? Number(values.order) : Number.NaN;
  if (order !== undefined && !(order >= 1 && order <= 1000)) add('order', 'sec.text.order.invalid');
  const ipr = linesOf(values.iprStatements);
  if (ipr.length > 50 || ipr.some((line) => line.length > 2000 || hasNul(line)))
    add('iprStatements', 'sec.text.iprStatements.invalid');

  if (values.designation !== '') {
    const same = others.find((o) => o.designation === values.designation);
    // A new text's short name is made from its designation; a text keeps its own when renamed.
    const sameId = options.isNew ? others.find((o) => o.id === defaultTextId(values.designation)) : undefined;
    if (same) add('designation', 'sec.text.designation.duplicate', { designation: values.designation });
    else if (sameId && sameId.designation !== values.designation)
      add('designation', 'sec.text.designation.sameId', { designation: values.designation, other: sameId.designation });
  }
  if (errors.length > 0 || !isKind(values.kind)) return { values, errors, input: null };
  const translations: NonNullable<TextInput['translations']> = {};
  for (const language of UN_LANGUAGES) {
    const { title, summary } = values.translations[language];
    if (title !== '' || summary !== '')
      translations[language] = { ...(title !== '' && { title }), ...(summary !== '' && { summary }) };
  }
  return {
    values,
    errors,
    input: {
      kind: values.kind,
      designation: values.designation,
      workItem: values.workItem === '' ? null : values.workItem,
      title: values.title,
      summary: values.summary === '' ? null : values.summary,
      location: values.location,
      a5Justification: values.a5Justification,
      iprStatements: ipr,
      ...(order !== undefined && { order }),
      // Only what the form posted: a client without these fields leaves them as they are.
      ...(translationsPosted && { translations }),
    },
  };
}

/** Every field of a text, as a patch. */
export function textPatchOf(input: TextInput): TextPatch {
  const { id: _id, ...patch } = input;
  return patch;
}

/* ------------------------------------------------------------------ invitations */

/** The roles an invitation may give, as the form names them. */
export const INVITE_ROLES = ['secretariat', 'focal_point', 'observer'] as const;
export type InviteRole = (typeof INVITE_ROLES)[number];
/** The languages of an account's e-mails: the six languages of the Union. */
export const ACCOUNT_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;

export interface InviteValues {
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly admin: boolean;
  readonly memberState: string;
  readonly rank: string;
  readonly language: string;
}

export const BLANK_INVITE: InviteValues = {
  email: '',
  name: '',
  role: '',
  admin: false,
  memberState: '',
  rank: 'alternate',
  language: 'en',
};

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** What the invitation service takes. */
export interface InviteInput {
  readonly email: string;
  readonly name: string;
  readonly role: 'secretariat_admin' | 'secretariat_staff' | 'focal_point' | 'observer';
  readonly memberState?: string;
  readonly rank?: 'primary' | 'alternate';
  readonly language: string;
}

/**
 * Reads the invitation form. The Member State and the rank belong to focal points and the
 * administrator flag to the secretariat: for other roles they are ignored (without script every
 * field is on the page, whatever role is chosen).
 */
export function readInviteForm(
  locale: Locale,
  body: InviteBody,
  knownStates: ReadonlySet<string>,
): { values: InviteValues; errors: FormError[]; input: InviteInput | null } {
  const values: InviteValues = {
    email: trim(body.email).toLowerCase(),
    name: trim(body.name),
    role: trim(body.role),
    admin: isChecked(body.admin),
    memberState: trim(body.memberState).toUpperCase(),
    rank: trim(body.rank) || 'alternate',
    language: trim(body.language) || 'en',
  };
  const errors: FormError[] = [];
  const add = (field: string, id: MessageId) => errors.push({ field: `field-${field}`, message: t(locale, id) });
  if (values.email === '') add('email', 'sec.invite.email.missing');
  else if (!EMAIL.test(values.email) || values.email.length > 254) add('email', 'sec.invite.email.invalid');
  if (values.name === '') add('name', 'sec.invite.name.missing');
  else if (values.name.length > 200) add('name', 'sec.invite.name.tooLong');
  const role = (INVITE_ROLES as readonly string[]).includes(values.role) ? (values.role as InviteRole) : null;
  if (role === null) add('role', 'sec.invite.role.missing');
  if (role === 'focal_point') {
    if (values.memberState === '') add('memberState', 'sec.invite.memberState.missing');
    else if (!knownStates.has(values.memberState)) add('memberState', 'sec.invite.memberState.unknown');
    if (values.rank !== 'primary' && values.rank !== 'alternate') add('rank', 'sec.invite.rank.missing');
  }
  if (!(ACCOUNT_LANGUAGES as readonly string[]).includes(values.language))
    add('language', 'sec.invite.language.invalid');
  if (errors.length > 0 || role === null) return { values, errors, input: null };
  const serviceRole = role === 'secretariat' ? (values.admin ? 'secretariat_admin' : 'secretariat_staff') : role;
  return {
    values,
    errors,
    input: {
      email: values.email,
      name: values.name,
      role: serviceRole,
      language: values.language,
      ...(role === 'focal_point' && { memberState: values.memberState, rank: values.rank as 'primary' | 'alternate' }),
    },
  };
}
