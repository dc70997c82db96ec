import Type, { type Static } from 'typebox';
import {
  CIRCULAR_FIELDS,
  CIRCULAR_LIST_FIELDS,
  CIRCULAR_TEXT_FIELDS,
  type CircularField as TranslatableField,
  type CircularListField,
  type Consultation,
  type DeterminedText,
} from '../../../domain/consultation/consultation.js';
import { isUnLanguage } from '../../../domain/consultation/localise.js';
import { type DeadlineWording, isDeadlineWording, readDeadline } from '../../../domain/consultation/deadline.js';
import type { FieldProblem } from '../../../domain/errors.js';
import { UN_LANGUAGES } from '../../../domain/member-states/designations.js';
import type { UnLanguage } from '../../../domain/member-states/member-states.data.js';
import { citeClauseIn, citeRoleIn } from '../../../i18n/citations.js';
import { DEFAULT_PROCEDURE_ID, procedureFor } from '../../../procedures/registry.js';
import { isIsoDay, startOfDay, toIsoDay } from '../../../domain/time/instants.js';
import { intlFor, t, type Locale, type MessageId } from '../../../i18n/i18n.js';
import {
  type ConsultationInput,
  ConsultationInputSchema,
  type ConsultationPatch,
} from '../../../schemas/consultation.schema.js';
import { maxLengthAt } from '../../../schemas/schema-problems.js';
import { RECORDED_ISSUE_FIELD } from '../../../services/consultation-input.js';
import type { FormError } from '../components/form.js';
import {
  Csrf,
  Field,
  inPageOrder,
  isChecked,
  languageWords,
  linesOf,
  perLanguage,
  pushOnce,
  revisionOf,
  textFieldMessage,
  translationError,
  translationFieldName,
  trim,
} from './secretariat.forms.js';

/**
 * The circular's form: its body, the values as typed (to show again), the service's input made of
 * them (createConsultation and updateConsultation check it against ConsultationInputSchema and
 * their rules, and answer every problem at once), and those problems at the form's fields in the
 * catalogue's words. The form's own syntax is read here: a whole number, a deadline given as a day,
 * a time (HH:MM, UTC) and the wording chosen, lines and paragraphs; nothing else is checked. The
 * deadline goes to the service as the API takes it (the minute stated, `…T23:59Z`), so the one
 * rule of domain/consultation/deadline.ts gives the same instant to the same circular on both.
 */

/** The circular: every field of a consultation (src/schemas/consultation.schema.ts), as typed. */
export const CircularForm = Type.Object({
  _csrf: Csrf,
  revision: Field(20),
  bureau: Field(100),
  studyPeriod: Field(100),
  number: Field(100),
  date: Field(100),
  announcedOn: Field(100),
  reference: Field(1000),
  studyGroup: Field(1000),
  meetingPlace: Field(1000),
  meetingFirstDay: Field(100),
  meetingLastDay: Field(100),
  collectiveLetter: Field(1000),
  subject: Field(4000),
  languageOfRecord: Field(10),
  deadlineDay: Field(100),
  deadlineTime: Field(100),
  deadlineWording: Field(10),
  addressees: Field(30_000),
  copies: Field(30_000),
  notes: Field(60_000),
  signatoryName: Field(1000),
  signatoryTitle: Field(2000),
  // The circular's own fields in each UN language other than the language of record (the page shows five).
  'subject-ar': Field(4000),
  'subject-zh': Field(4000),
  'subject-en': Field(4000),
  'subject-fr': Field(4000),
  'subject-ru': Field(4000),
  'subject-es': Field(4000),
  'reference-ar': Field(1000),
  'reference-zh': Field(1000),
  'reference-en': Field(1000),
  'reference-fr': Field(1000),
  'reference-ru': Field(1000),
  'reference-es': Field(1000),
  'meetingPlace-ar': Field(1000),
  'meetingPlace-zh': Field(1000),
  'meetingPlace-en': Field(1000),
  'meetingPlace-fr': Field(1000),
  'meetingPlace-ru': Field(1000),
  'meetingPlace-es': Field(1000),
  'collectiveLetter-ar': Field(1000),
  'collectiveLetter-zh': Field(1000),
  'collectiveLetter-en': Field(1000),
  'collectiveLetter-fr': Field(1000),
  'collectiveLetter-ru': Field(1000),
  'collectiveLetter-es': Field(1000),
  'addressees-ar': Field(30_000),
  'addressees-zh': Field(30_000),
  'addressees-en': Field(30_000),
  'addressees-fr': Field(30_000),
  'addressees-ru': Field(30_000),
  'addressees-es': Field(30_000),
  'copies-ar': Field(30_000),
  'copies-zh': Field(30_000),
  'copies-en': Field(30_000),
  'copies-fr': Field(30_000),
  'copies-ru': Field(30_000),
  'copies-es': Field(30_000),
  'notes-ar': Field(60_000),
  'notes-zh': Field(60_000),
  'notes-en': Field(60_000),
  'notes-fr': Field(60_000),
  'notes-ru': Field(60_000),
  'notes-es': Field(60_000),
  languagesAvailableOn: Field(100),
  resolutionEdition: Field(200),
  individualRepliesPublic: Field(10),
  eligibleStates: Field(2000),
  // A past circular entered as a record (the new circular's page only): when it was issued.
  enteredAfterwards: Field(10),
  issuedDay: Field(100),
  issuedTime: Field(100),
});
export type CircularBody = Static<typeof CircularForm>;

/**
 * The largest body of the circular form: with the circular's own fields translated into five
 * languages (Arabic or Russian text is several bytes per character, and more once URL-encoded) it
 * outgrows the 64 KiB of the other forms. The fields' own maximum lengths still bound every value.
 */
export const CIRCULAR_FORM_BODY_LIMIT = 4 * 1024 * 1024;

/** The circular form's values, as typed (or as stored, when the page opens). */
export interface CircularValues {
  readonly revision: string;
  readonly bureau: string;
  readonly studyPeriod: string;
  readonly number: string;
  readonly date: string;
  /** The day of the announcement ('' when the circular is the announcement). */
  readonly announcedOn: string;
  readonly reference: string;
  readonly studyGroup: string;
  readonly meetingPlace: string;
  readonly meetingFirstDay: string;
  readonly meetingLastDay: string;
  readonly collectiveLetter: string;
  readonly subject: string;
  /** A UN language code (as typed: checked by the service). */
  readonly languageOfRecord: string;
  /**
   * The circular's own fields per other language, as typed ('' when not translated): lists one
   * entry per line, notes one paragraph each, separated by a blank line.
   */
  readonly translations: Readonly<Record<UnLanguage, TranslatedValues>>;
  readonly deadlineDay: string;
  /** `HH:MM` (UTC); not needed when the wording is `2400`. */
  readonly deadlineTime: string;
  /** `hhmm` or `2400` (as posted: checked by the service). */
  readonly deadlineWording: string;
  readonly addressees: string;
  readonly copies: string;
  readonly notes: string;
  readonly signatoryName: string;
  readonly signatoryTitle: string;
  readonly languagesAvailableOn: string;
  readonly resolutionEdition: string;
  readonly individualRepliesPublic: boolean;
  readonly eligibleStates: string;
  /** A past circular entered afterwards, as a record of an earlier circular (chosen on the new circular's page). */
  readonly enteredAfterwards: boolean;
  /** The day the record's circular was issued (UTC), as typed. */
  readonly issuedDay: string;
  /** The time it was issued, `HH:MM` (UTC), as typed: empty is the start of the day. */
  readonly issuedTime: string;
}

/** The procedure a circular entered on these pages follows (the API and CLI may name another). */
const FORM_PROCEDURE = procedureFor(DEFAULT_PROCEDURE_ID);

/** The editions a circular may follow (their clause numbering is known). */
export const RESOLUTION_EDITIONS: readonly string[] = FORM_PROCEDURE.editions;

/** A new circular's form: the usual addressees and copies of a TSB circular, the deadline at 2359 UTC. */
export function blankCircular(today: string): CircularValues {
  return {
    revision: '',
    bureau: 'TSB',
    studyPeriod: '',
    number: '',
    date: today,
    announcedOn: '',
    reference: '',
    studyGroup: '',
    meetingPlace: '',
    meetingFirstDay: '',
    meetingLastDay: '',
    collectiveLetter: '',
    subject: '',
    languageOfRecord: 'en',
    translations: perLanguage(noTranslation),
    deadlineDay: '',
    deadlineTime: '23:59',
    deadlineWording: 'hhmm',
    addressees: 'Administrations of Member States of the Union',
    copies: 'ITU-T Sector Members\nITU-T Associates\nITU Academia',
    notes: '',
    signatoryName: '',
    signatoryTitle: '',
    languagesAvailableOn: '',
    resolutionEdition: FORM_PROCEDURE.defaultEdition,
    individualRepliesPublic: false,
    eligibleStates: '',
    enteredAfterwards: false,
    issuedDay: '',
    issuedTime: '',
  };
}

/** The circular's own fields in one other language, as the form holds them. */
export type TranslatedValues = Readonly<Record<TranslatableField, string>>;

/** A language without translation. */
const noTranslation = (): TranslatedValues =>
  Object.fromEntries(CIRCULAR_FIELDS.map((field) => [field, ''])) as TranslatedValues;

/** How the form writes a translated list: addressees and copies one per line, notes one paragraph each. */
const listText = (field: CircularListField, entries: readonly string[] | undefined) =>
  (entries ?? []).join(field === 'notes' ? '\n\n' : '\n');

/** The stored translations of the circular's own fields, per language ('' where none). */
function translationsOf(translations: Consultation['translations']): Record<UnLanguage, TranslatedValues> {
  return Object.fromEntries(
    UN_LANGUAGES.map((language) => {
      const given = translations[language];
      const values: Record<string, string> = {};
      for (const field of CIRCULAR_TEXT_FIELDS) values[field] = given?.[field] ?? '';
      for (const field of CIRCULAR_LIST_FIELDS) values[field] = listText(field, given?.[field]);
      return [language, values as TranslatedValues];
    }),
  ) as Record<UnLanguage, TranslatedValues>;
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
    announcedOn: c.announcedOn ?? '',
    reference: c.reference,
    studyGroup: c.studyGroup,
    meetingPlace: c.meeting.place,
    meetingFirstDay: c.meeting.firstDay,
    meetingLastDay: c.meeting.lastDay,
    collectiveLetter: c.meeting.collectiveLetter ?? '',
    subject: c.subject,
    languageOfRecord: c.languageOfRecord,
    translations: translationsOf(c.translations),
    deadlineDay: deadline.slice(0, 10),
    deadlineTime: deadline.slice(11, 16),
    deadlineWording: c.deadlineWording,
    addressees: c.addressees.join('\n'),
    copies: c.copies.join('\n'),
    notes: c.notes.join('\n\n'),
    signatoryName: c.signatory.name,
    signatoryTitle: c.signatory.title,
    languagesAvailableOn: c.languagesAvailableOn ?? '',
    resolutionEdition: c.resolutionEdition,
    individualRepliesPublic: c.settings.individualRepliesPublic,
    eligibleStates: (c.settings.eligibleStates ?? []).join(' '),
    enteredAfterwards: c.enteredAfterwardsAt !== null,
    issuedDay: c.recordedIssuedAt === null ? '' : toIsoDay(c.recordedIssuedAt),
    issuedTime: c.recordedIssuedAt === null ? '' : new Date(c.recordedIssuedAt).toISOString().slice(11, 16),
  };
}

/** A time typed as the form asks it: hours and minutes, `HH:MM` (UTC). */
const isFormTime = (value: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

/** Paragraphs separated by an empty line. */
const paragraphsOf = (value: string) =>
  value
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\r\n/g, '\n').trim())
    .filter((p) => p !== '');

/** Member State codes as typed: separated by spaces, commas or semicolons. */
const codesOf = (value: string) => (value === '' ? [] : value.split(/[\s,;]+/).filter((c) => c !== ''));

/**
 * The deadline as the service takes it, from the day, the time and the wording typed: the minute
 * stated (`2023-08-16T23:59Z`), which closes at its end. "2400 hours UTC on D" is the end of D, the
 * same instant as 2359: the time typed is not needed then.
 */
export function statedDeadline(
  values: Pick<CircularValues, 'deadlineDay' | 'deadlineTime' | 'deadlineWording'>,
): string {
  const time = values.deadlineWording === '2400' ? '23:59' : values.deadlineTime;
  return `${values.deadlineDay}T${time}Z`;
}

/**
 * The instant a record's circular was issued, as the service takes it (`…T10:00Z`), from the day
 * and the time typed; no time is the start of the day. Whether it is a real instant, and one the
 * record's rules allow, is the service's to say at `/enteredAfterwards/issuedAt`.
 */
export function statedIssue(values: Pick<CircularValues, 'issuedDay' | 'issuedTime'>): string {
  return `${values.issuedDay}T${values.issuedTime === '' ? '00:00' : values.issuedTime}Z`;
}

/** The wording typed, when it is one (anything else is the service's to refuse). */
const wordingOf = (values: Pick<CircularValues, 'deadlineWording'>): DeadlineWording =>
  isDeadlineWording(values.deadlineWording) ? values.deadlineWording : 'hhmm';

/** The circular's timing facts, when the typed dates are real days (the warnings shown next to them need them all). */
export function timingFactsOf(values: CircularValues): {
  circularDate: string;
  announcedOn: string | null;
  meetingFirstDay: string;
  deadlineAt: number;
  languagesAvailableOn: string | null;
} | null {
  // The instant the service would store, by the same rule (deadline.ts).
  const time = values.deadlineTime.trim();
  const deadline =
    values.deadlineWording === '2400' || isFormTime(time)
      ? readDeadline(
          statedDeadline({ ...values, deadlineDay: values.deadlineDay.trim(), deadlineTime: time }),
          wordingOf(values),
        )
      : null;
  const deadlineAt = deadline !== null && Number.isFinite(deadline.deadlineAt) ? deadline.deadlineAt : null;
  const languages = values.languagesAvailableOn.trim();
  const announced = values.announcedOn.trim();
  if (!isIsoDay(values.date.trim()) || !isIsoDay(values.meetingFirstDay.trim()) || deadlineAt === null) return null;
  if (languages !== '' && !isIsoDay(languages)) return null;
  if (announced !== '' && !isIsoDay(announced)) return null;
  return {
    circularDate: values.date.trim(),
    announcedOn: announced === '' ? null : announced,
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
  announcedOn: 'sec.circular.announcedOn.label',
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
  deadlineWording: 'sec.circular.deadlineWording.label',
  addressees: 'sec.circular.addressees.label',
  copies: 'sec.circular.copies.label',
  notes: 'sec.circular.notes.label',
  signatoryName: 'sec.circular.signatoryName.label',
  signatoryTitle: 'sec.circular.signatoryTitle.label',
  languagesAvailableOn: 'sec.circular.languagesAvailableOn.label',
  resolutionEdition: 'sec.circular.resolutionEdition.label',
  individualRepliesPublic: 'sec.circular.individualRepliesPublic.label',
  eligibleStates: 'sec.circular.eligibleStates.label',
  enteredAfterwards: 'sec.circular.record.label',
  issuedDay: 'sec.circular.issuedDay.label',
  issuedTime: 'sec.circular.issuedTime.label',
} as const satisfies Record<string, MessageId>;
export type CircularField = keyof typeof CIRCULAR_LABELS;

/** What the reader makes of a posted circular. */
export interface ReadCircular {
  readonly values: CircularValues;
  /** The service's input, as typed: createConsultation and updateConsultation check it. */
  readonly input: ConsultationInput;
  /** The revision the form was read at, if it carried one. */
  readonly revision: number | undefined;
}

/** The translations as the form posted them: null when it posted none (a client without those fields: they stay as they are). */
function postedTranslations(body: CircularBody): Record<UnLanguage, TranslatedValues> | null {
  const posted = UN_LANGUAGES.some((language) =>
    CIRCULAR_FIELDS.some((field) => body[translationFieldName(field, language)] !== undefined),
  );
  if (!posted) return null;
  return Object.fromEntries(
    UN_LANGUAGES.map((language) => [
      language,
      Object.fromEntries(
        CIRCULAR_FIELDS.map((field) => {
          const typed = body[translationFieldName(field, language)];
          // A list keeps its lines as typed (trimmed at the ends only), like the fields of record.
          return [
            field,
            (CIRCULAR_LIST_FIELDS as readonly string[]).includes(field) ? (typed ?? '').trim() : trim(typed),
          ];
        }),
      ),
    ]),
  ) as Record<UnLanguage, TranslatedValues>;
}

/** The service's translations from the form's: a field left empty is not translated. */
function translationsInput(values: CircularValues): NonNullable<ConsultationInput['translations']> {
  const translations: Record<string, Record<string, string | string[]>> = {};
  for (const language of UN_LANGUAGES) {
    const typed = values.translations[language];
    const given: Record<string, string | string[]> = {};
    for (const field of CIRCULAR_TEXT_FIELDS) if (typed[field] !== '') given[field] = typed[field];
    for (const field of CIRCULAR_LIST_FIELDS) {
      const entries = field === 'notes' ? paragraphsOf(typed[field]) : linesOf(typed[field]);
      if (entries.length > 0) given[field] = entries;
    }
    if (Object.keys(given).length > 0) translations[language] = given;
  }
  return translations as NonNullable<ConsultationInput['translations']>;
}

/**
 * Reads the circular form into the service's input. `stored`: the circular being edited, whose
 * language of record, translations and deadline wording stay when a client posts none.
 */
export function readCircularForm(
  body: CircularBody,
  stored?: Pick<Consultation, 'languageOfRecord' | 'translations' | 'deadlineWording'>,
): ReadCircular {
  const posted = postedTranslations(body);
  const values: CircularValues = {
    revision: trim(body.revision),
    bureau: trim(body.bureau),
    studyPeriod: trim(body.studyPeriod),
    number: trim(body.number),
    date: trim(body.date),
    announcedOn: trim(body.announcedOn),
    reference: trim(body.reference),
    studyGroup: trim(body.studyGroup),
    meetingPlace: trim(body.meetingPlace),
    meetingFirstDay: trim(body.meetingFirstDay),
    meetingLastDay: trim(body.meetingLastDay),
    collectiveLetter: trim(body.collectiveLetter),
    subject: trim(body.subject),
    languageOfRecord:
      body.languageOfRecord === undefined ? (stored?.languageOfRecord ?? 'en') : trim(body.languageOfRecord),
    translations: posted ?? (stored ? translationsOf(stored.translations) : perLanguage(noTranslation)),
    deadlineDay: trim(body.deadlineDay),
    deadlineTime: trim(body.deadlineTime),
    deadlineWording:
      body.deadlineWording === undefined ? (stored?.deadlineWording ?? 'hhmm') : trim(body.deadlineWording),
    addressees: (body.addressees ?? '').trim(),
    copies: (body.copies ?? '').trim(),
    notes: (body.notes ?? '').trim(),
    signatoryName: trim(body.signatoryName),
    signatoryTitle: trim(body.signatoryTitle),
    languagesAvailableOn: trim(body.languagesAvailableOn),
    resolutionEdition: trim(body.resolutionEdition) || FORM_PROCEDURE.defaultEdition,
    individualRepliesPublic: isChecked(body.individualRepliesPublic),
    eligibleStates: trim(body.eligibleStates).toUpperCase(),
    enteredAfterwards: isChecked(body.enteredAfterwards),
    issuedDay: trim(body.issuedDay),
    issuedTime: trim(body.issuedTime),
  };
  const codes = codesOf(values.eligibleStates);
  const input: ConsultationInput = {
    bureau: values.bureau,
    studyPeriod: values.studyPeriod,
    // Not a whole number: NaN, which the schema refuses at /number.
    number: /^\d{1,9}$/.test(values.number) ? Number(values.number) : Number.NaN,
    date: values.date,
    // Empty: the circular is the announcement.
    announcedOn: values.announcedOn === '' ? null : values.announcedOn,
    reference: values.reference,
    studyGroup: values.studyGroup,
    meeting: {
      place: values.meetingPlace,
      firstDay: values.meetingFirstDay,
      lastDay: values.meetingLastDay,
      collectiveLetter: values.collectiveLetter === '' ? null : values.collectiveLetter,
    },
    subject: values.subject,
    // Only what the form posted: a client without these fields leaves them as they are. A code
    // that is not a UN language is the schema's to refuse.
    ...(body.languageOfRecord !== undefined && { languageOfRecord: values.languageOfRecord as UnLanguage }),
    ...(posted !== null && { translations: translationsInput(values) }),
    // The minute typed, as the API takes it: the service closes it at its end (Circular 79's
    // "2359 hours UTC" is 23:59:59.999). A wording that is not one is the schema's to refuse.
    deadline: statedDeadline(values),
    deadlineWording: values.deadlineWording as DeadlineWording,
    addressees: linesOf(values.addressees),
    copies: linesOf(values.copies),
    notes: paragraphsOf(values.notes),
    signatory: { name: values.signatoryName, title: values.signatoryTitle },
    languagesAvailableOn: values.languagesAvailableOn === '' ? null : values.languagesAvailableOn,
    resolutionEdition: values.resolutionEdition,
    individualRepliesPublic: values.individualRepliesPublic,
    eligibleStates: codes.length === 0 ? null : [...new Set(codes)],
    // A record of an earlier circular: its deadline and meeting may be past, nothing is sent.
    ...(values.enteredAfterwards && { enteredAfterwards: { issuedAt: statedIssue(values) } }),
  };
  return { values, input, revision: revisionOf(values.revision) };
}

/** Every field of a circular, as a patch (the whole form is saved). */
export function patchOf(input: ConsultationInput): ConsultationPatch {
  // Whether a circular is a record is chosen when it is created: a draft's form does not change it.
  const { id: _id, texts: _texts, isDemo: _demo, enteredAfterwards: _record, ...patch } = input;
  return patch;
}

/** A one-line field of the form: its pointer in the service's input and its message when left empty. */
const TEXT_FIELDS: Readonly<Record<string, readonly [CircularField, MessageId | null]>> = {
  '/bureau': ['bureau', 'sec.circular.bureau.missing'],
  '/reference': ['reference', 'sec.circular.reference.missing'],
  '/studyGroup': ['studyGroup', 'sec.circular.studyGroup.missing'],
  '/subject': ['subject', 'sec.circular.subject.missing'],
  '/meeting/place': ['meetingPlace', 'sec.circular.meetingPlace.missing'],
  '/meeting/collectiveLetter': ['collectiveLetter', null],
  '/signatory': ['signatoryName', 'sec.circular.signatoryName.missing'],
  '/signatory/name': ['signatoryName', 'sec.circular.signatoryName.missing'],
  '/signatory/title': ['signatoryTitle', 'sec.circular.signatoryTitle.missing'],
};

/** A day of the form: its pointer, and its message when left empty. */
const DAY_FIELDS: Readonly<Record<string, readonly [CircularField, MessageId | null]>> = {
  '/date': ['date', 'sec.circular.date.missing'],
  '/announcedOn': ['announcedOn', null],
  '/meeting/firstDay': ['meetingFirstDay', 'sec.circular.meetingFirstDay.missing'],
  '/meeting/lastDay': ['meetingLastDay', 'sec.circular.meetingLastDay.missing'],
  '/languagesAvailableOn': ['languagesAvailableOn', null],
};

/** Fields refused whatever was wrong with them, with their message. */
const WHOLE_FIELDS: Readonly<Record<string, readonly [CircularField, MessageId]>> = {
  '/studyPeriod': ['studyPeriod', 'sec.circular.studyPeriod.invalid'],
  '/number': ['number', 'sec.circular.number.invalid'],
  '/resolutionEdition': ['resolutionEdition', 'sec.circular.resolutionEdition.invalid'],
};

/** The fields in the order the page shows them: the error summary lists problems in that order. */
const PAGE_ORDER: readonly string[] = [
  'enteredAfterwards',
  'issuedDay',
  'issuedTime',
  'bureau',
  'studyPeriod',
  'number',
  'date',
  'reference',
  'studyGroup',
  'languageOfRecord',
  'subject',
  'meetingPlace',
  'meetingFirstDay',
  'meetingLastDay',
  'collectiveLetter',
  'announcedOn',
  'deadlineDay',
  'deadlineWording',
  'deadlineTime',
  'languagesAvailableOn',
  'resolutionEdition',
  'addressees',
  'copies',
  'notes',
  'signatoryName',
  'signatoryTitle',
  ...UN_LANGUAGES.flatMap((language) => CIRCULAR_FIELDS.map((field) => translationFieldName(field, language))),
  'eligibleStates',
];

/** The record's rules on its issue instant, by code (createConsultation's checkRecordedIssue). */
const RECORDED_ISSUE_REFUSED: Readonly<Record<string, MessageId>> = {
  ISSUED_IN_FUTURE: 'sec.circular.issuedDay.future',
  ISSUED_BEFORE_CIRCULAR: 'sec.circular.issuedDay.beforeCircular',
  ISSUED_AFTER_DEADLINE: 'sec.circular.issuedDay.afterDeadline',
};

/** Days out of order (DATES_OUT_OF_ORDER), at the field each rule names. */
const ORDER: Readonly<Record<string, readonly [CircularField, MessageId]>> = {
  '/meeting/lastDay': ['meetingLastDay', 'sec.circular.meetingLastDay.beforeFirst'],
  '/meeting/firstDay': ['meetingFirstDay', 'sec.circular.meetingFirstDay.beforeDate'],
  '/deadline': ['deadlineDay', 'sec.circular.deadlineDay.afterMeeting'],
  '/announcedOn': ['announcedOn', 'sec.circular.announcedOn.outOfOrder'],
};

/**
 * The problems of createConsultation or updateConsultation at the circular form's fields, in the
 * catalogue's words: the first of each field. `texts`: the circular's texts, whose translations
 * into a new language of record stop the change (`/languageOfRecord`).
 */
export function circularErrors(
  locale: Locale,
  problems: readonly FieldProblem[],
  values: CircularValues,
  texts: readonly DeterminedText[] = [],
): FormError[] {
  const errors: FormError[] = [];
  const label = (field: CircularField) => t(locale, CIRCULAR_LABELS[field]);
  const at = (field: CircularField, message: string) => pushOnce(errors, { field: `field-${field}`, message });
  const unknownStates: string[] = [];
  const max = (pointer: string) => maxLengthAt(ConsultationInputSchema, pointer);
  // The entries of a list in the language of record, as the form gives them to the service.
  const listCount = (field: CircularListField) =>
    (field === 'notes' ? paragraphsOf(values.notes) : linesOf(values[field])).length;
  for (const problem of problems) {
    const pointer = problem.field.replace(/\/\d+$/, '');
    const translation = translationError(
      locale,
      problem,
      'subject',
      values.languageOfRecord,
      // A list's limit is its entries'.
      (field) =>
        max(`/translations/en/${field}${(CIRCULAR_LIST_FIELDS as readonly string[]).includes(field) ? '/0' : ''}`) ?? 0,
      (field) => listCount(field),
    );
    if (translation) pushOnce(errors, translation);
    else if (problem.code === 'DATES_OUT_OF_ORDER' && ORDER[problem.field]) {
      const [field, id] = ORDER[problem.field]!;
      const edition = values.resolutionEdition;
      const clause =
        problem.clause === undefined
          ? citeRoleIn(locale, FORM_PROCEDURE, 'replyPeriod', edition)
          : citeClauseIn(locale, FORM_PROCEDURE, edition, problem.clause);
      at(field, t(locale, id, { clause }));
    } else if (problem.field === '/deadline') deadlineErrors(problem);
    else if (problem.field === RECORDED_ISSUE_FIELD || problem.field === '/enteredAfterwards')
      recordedIssueErrors(problem);
    else if (problem.field === '/deadlineWording')
      at(
        'deadlineWording',
        t(
          locale,
          problem.code === 'DEADLINE_WORDING_MISMATCH'
            ? 'sec.circular.deadlineWording.mismatch'
            : 'sec.circular.deadlineWording.invalid',
        ),
      );
    else if (TEXT_FIELDS[problem.field]) {
      const [field, missing] = TEXT_FIELDS[problem.field]!;
      at(field, textFieldMessage(locale, problem, values[field] as string, label(field), missing, max(problem.field)));
    } else if (DAY_FIELDS[problem.field]) {
      const [field, missing] = DAY_FIELDS[problem.field]!;
      at(
        field,
        values[field] === '' && missing !== null
          ? t(locale, missing)
          : t(locale, 'sec.field.day.invalid', { field: label(field) }),
      );
    } else if (WHOLE_FIELDS[problem.field]) {
      const [field, id] = WHOLE_FIELDS[problem.field]!;
      at(field, t(locale, id));
    } else if (pointer === '/notes') at('notes', t(locale, 'sec.circular.notes.invalid'));
    else if (pointer === '/addressees' || pointer === '/copies') {
      const field = pointer === '/addressees' ? 'addressees' : 'copies';
      at(field, t(locale, 'sec.circular.lines.invalid', { field: label(field) }));
    } else if (pointer === '/eligibleStates') {
      const index = /\/(\d+)$/.exec(problem.field);
      // The service was given each code once, in the order typed.
      const codes = [...new Set(codesOf(values.eligibleStates))];
      unknownStates.push(index ? (codes[Number(index[1])] ?? '') : values.eligibleStates);
    } else if (problem.field === '/languageOfRecord') languageOfRecordError();
    else pushOnce(errors, { message: t(locale, 'sec.field.rejectedForm') });
  }
  const unknown = [...new Set(unknownStates.filter((code) => code !== ''))];
  if (unknownStates.length > 0)
    at(
      'eligibleStates',
      t(locale, 'sec.circular.eligibleStates.unknown', {
        codes: intlFor(locale).formatList(unknown.slice(0, 10), { type: 'conjunction' }),
      }),
    );
  return errors.length > 0 ? inPageOrder(errors, PAGE_ORDER) : [{ message: t(locale, 'sec.field.rejectedForm') }];

  /**
   * The deadline is typed as a day, a wording and a time (not needed with "2400 hours UTC"): a
   * problem of the instant is shown at the part that is wrong.
   */
  function deadlineErrors(problem: FieldProblem) {
    const timed = values.deadlineWording !== '2400';
    if (problem.code === 'DEADLINE_PASSED') at('deadlineDay', t(locale, 'sec.circular.deadlineDay.past'));
    else if (problem.code === 'DEADLINE_NOT_A_MINUTE')
      at('deadlineTime', t(locale, 'sec.circular.deadlineTime.notMinute'));
    else {
      if (values.deadlineDay === '') at('deadlineDay', t(locale, 'sec.circular.deadlineDay.missing'));
      if (timed && !isFormTime(values.deadlineTime)) at('deadlineTime', t(locale, 'sec.circular.deadlineTime.invalid'));
      else if (values.deadlineDay !== '')
        at('deadlineDay', t(locale, 'sec.field.day.invalid', { field: label('deadlineDay') }));
    }
  }

  /**
   * The issue of a record, typed as a day and a time (UTC): the record's rules at the day, by code
   * (ISSUED_IN_FUTURE, ISSUED_BEFORE_CIRCULAR, ISSUED_AFTER_DEADLINE); an instant that is not one
   * at the part that is wrong.
   */
  function recordedIssueErrors(problem: FieldProblem) {
    const message = RECORDED_ISSUE_REFUSED[problem.code ?? ''];
    if (message !== undefined) {
      const date = isIsoDay(values.date.trim())
        ? intlFor(locale).formatDate(startOfDay(values.date.trim()), { dateStyle: 'long', timeZone: 'UTC' })
        : values.date;
      // A record's draft edited later has no issue fields (a circular is a record from its
      // creation): the change that broke the rule is the circular's date or its deadline.
      const field = values.enteredAfterwards
        ? 'issuedDay'
        : problem.code === 'ISSUED_AFTER_DEADLINE'
          ? 'deadlineDay'
          : 'date';
      at(field, t(locale, message, { date }));
      return;
    }
    if (values.issuedDay === '') at('issuedDay', t(locale, 'sec.circular.issuedDay.missing'));
    else if (values.issuedTime !== '' && !isFormTime(values.issuedTime))
      at('issuedTime', t(locale, 'sec.circular.issuedTime.invalid'));
    else at('issuedDay', t(locale, 'sec.field.day.invalid', { field: label('issuedDay') }));
  }

  /** Not a UN language; or a language some text is already translated into, which cannot become the language of record. */
  function languageOfRecordError() {
    const language = values.languageOfRecord;
    if (!isUnLanguage(language)) {
      at('languageOfRecord', t(locale, 'sec.circular.languageOfRecord.invalid'));
      return;
    }
    const translated = texts
      .filter((text) => text.translations[language] !== undefined)
      .map((text) => text.designation);
    at(
      'languageOfRecord',
      t(locale, 'sec.circular.languageOfRecord.translatedTexts', {
        designations: new Intl.ListFormat([locale], { type: 'conjunction' }).format(translated),
        count: translated.length,
        language: languageWords(locale, language),
      }),
    );
  }
}
