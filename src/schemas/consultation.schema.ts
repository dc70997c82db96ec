import Type, { type Static, type TSchema } from 'typebox';
import { FreeText, ISO_INSTANT_PATTERN, IsoDay, Line, Slug, StateCode, WebAddress } from './common.schema.js';

/** The six UN languages (Arabic, Chinese, English, French, Russian, Spanish): content languages. */
const unLanguage = (description: string) =>
  Type.Union(
    [
      Type.Literal('ar'),
      Type.Literal('zh'),
      Type.Literal('en'),
      Type.Literal('fr'),
      Type.Literal('ru'),
      Type.Literal('es'),
    ],
    { description },
  );
export const UnLanguageSchema = unLanguage('One of the six UN languages: ar, zh, en, fr, ru, es');

/** An object keyed by UN language code only (any other key is refused); every language optional. */
const perLanguage = <T extends TSchema>(schema: T, description: string) =>
  Type.Object(
    {
      ar: Type.Optional(schema),
      zh: Type.Optional(schema),
      en: Type.Optional(schema),
      fr: Type.Optional(schema),
      ru: Type.Optional(schema),
      es: Type.Optional(schema),
    },
    { additionalProperties: false, description },
  );

/** A determined text's title and/or summary in one language other than the language of record. */
const TextTranslationSchema = Type.Object(
  {
    title: Type.Optional(Line(1000)),
    summary: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000, format: 'multi-line-text' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** Translations of a text's title and summary; replaces all of them when given in a patch. */
export const TextTranslationsSchema = perLanguage(
  TextTranslationSchema,
  'Title and summary per UN language other than the language of record (a missing one is shown in the language of record, with a notice). In a patch, replaces every translation.',
);

/**
 * The circular's own fields in one language other than the language of record (issue 20 item 5);
 * a list is translated entry for entry (as many entries as the record's: TRANSLATION_LIST_LENGTH).
 */
const ConsultationTranslationSchema = Type.Object(
  {
    subject: Type.Optional(Line(2000)),
    reference: Type.Optional(Line(200)),
    meetingPlace: Type.Optional(Line(200)),
    collectiveLetter: Type.Optional(Line(200)),
    addressees: Type.Optional(Type.Array(Line(500), { maxItems: 50 })),
    copies: Type.Optional(Type.Array(Line(500), { maxItems: 50 })),
    notes: Type.Optional(Type.Array(FreeText(5000), { maxItems: 20 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** Translations of the circular's own fields; replaces all of them when given in a patch. */
export const ConsultationTranslationsSchema = perLanguage(
  ConsultationTranslationSchema,
  'The subject, reference, meeting place, collective letter, addressees, copies and notes per UN language other than the language of record (a missing one is shown in the language of record, with a notice). A list has as many entries as the one of record (TRANSLATION_LIST_LENGTH); a collective letter is translated only when the circular names one (TRANSLATION_WITHOUT_RECORD). In a patch, replaces every translation.',
);

export const TextKindSchema = Type.Union(
  [Type.Literal('new'), Type.Literal('revised'), Type.Literal('corrigendum'), Type.Literal('amendment')],
  {
    description: 'new, revised, corrigendum or amendment (approval may also be sought for an amendment of a text)',
  },
);

const textFields = {
  kind: TextKindSchema,
  designation: Line(100),
  workItem: Type.Optional(Type.Union([Line(100), Type.Null()])),
  title: Line(1000),
  summary: Type.Optional(Type.Union([FreeText(20_000), Type.Null()])),
  location: Line(200),
  locationUrl: Type.Optional(Type.Union([WebAddress, Type.Null()])),
  a5Justification: Type.Optional(Type.Boolean()),
  iprStatements: Type.Optional(Type.Array(Line(2000), { maxItems: 50 })),
  translations: Type.Optional(TextTranslationsSchema),
};

/** A determined text to add to a draft consultation. */
export const TextInputSchema = Type.Object(
  { id: Type.Optional(Slug), order: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), ...textFields },
  { additionalProperties: false, title: 'TextInput' },
);
export type TextInput = Static<typeof TextInputSchema>;

/** Changes to a determined text of a draft consultation (only the fields given change). */
export const TextPatchSchema = Type.Partial(
  Type.Object({ order: Type.Integer({ minimum: 1, maximum: 1000 }), ...textFields }, { additionalProperties: false }),
  { additionalProperties: false, minProperties: 1 },
);
export type TextPatch = Static<typeof TextPatchSchema>;

const consultationFields = {
  procedure: Type.Optional(
    Type.String({
      pattern: '^[a-z0-9][a-z0-9-]{0,63}$',
      description: 'Approval procedure id, one of GET /api/v1/procedures (default itu-t-tap)',
    }),
  ),
  resolutionEdition: Type.Optional(Line(100)),
  bureau: Line(20),
  studyPeriod: Type.String({ pattern: '^\\d{4}-\\d{4}$', description: 'Study period, e.g. 2022-2024' }),
  number: Type.Integer({ minimum: 1, maximum: 100_000 }),
  date: IsoDay,
  announcedOn: Type.Optional(
    Type.Union([IsoDay, Type.Null()], {
      description:
        'The day the meeting and its texts were announced, when that precedes the circular (e.g. the collective letter): the announcement period of the procedure (TAP: 3 months before the meeting) runs from it. Null or absent: the date of the circular. Not after the circular nor on or after the first day of the meeting (DATES_OUT_OF_ORDER)',
    }),
  ),
  reference: Line(200),
  studyGroup: Line(50),
  meeting: Type.Object(
    {
      place: Line(200),
      firstDay: IsoDay,
      lastDay: IsoDay,
      collectiveLetter: Type.Optional(Type.Union([Line(200), Type.Null()])),
    },
    { additionalProperties: false },
  ),
  subject: Line(2000),
  languageOfRecord: Type.Optional(
    unLanguage(
      'The language the subject, titles and summaries are written in and authoritative in (default en); the others are translations',
    ),
  ),
  translations: Type.Optional(ConsultationTranslationsSchema),
  deadline: Type.String({
    pattern: ISO_INSTANT_PATTERN,
    format: 'utc-instant',
    description:
      'The deadline for replies, stated to the minute in UTC as the circular states it, and closing at the END of that minute: "2359 hours UTC on 16 August 2023" is 2023-08-16T23:59Z (or 2023-08-16T23:59:00Z), stored as 2023-08-16T23:59:59.999Z; the last millisecond of a minute (…T23:59:59.999Z) is taken as it is. Any other instant (…T23:59:30Z) is refused (DEADLINE_NOT_A_MINUTE)',
    examples: ['2023-08-16T23:59Z'],
  }),
  deadlineWording: Type.Optional(
    Type.Union([Type.Literal('hhmm'), Type.Literal('2400')], {
      description:
        'How the circular words the deadline: hhmm ("2359 hours UTC on 16 August 2023", the default) or 2400 ("2400 hours UTC on 16 August 2023", older circulars: only for a deadline at the end of a day, else DEADLINE_WORDING_MISMATCH). In a patch without it, the wording stays as it is',
    }),
  ),
  addressees: Type.Array(Line(500), { maxItems: 50 }),
  copies: Type.Array(Line(500), { maxItems: 50 }),
  notes: Type.Array(FreeText(5000), { maxItems: 20 }),
  signatory: Type.Object({ name: Line(200), title: Line(500) }, { additionalProperties: false }),
  languagesAvailableOn: Type.Optional(Type.Union([IsoDay, Type.Null()])),
  individualRepliesPublic: Type.Optional(Type.Boolean()),
  eligibleStates: Type.Optional(Type.Union([Type.Array(StateCode, { minItems: 1, maxItems: 250 }), Type.Null()])),
  isDemo: Type.Optional(Type.Boolean()),
};

/**
 * A past consultation entered afterwards, as a record of an earlier circular: when it was issued.
 * The deadline and the meeting may then be past; issuing the record sends no e-mail.
 */
export const EnteredAfterwardsSchema = Type.Object(
  {
    issuedAt: Type.String({
      pattern: ISO_INSTANT_PATTERN,
      format: 'utc-instant',
      description:
        'When the circular was issued, in UTC, from the records: not in the future (ISSUED_IN_FUTURE), not before the day of the circular (ISSUED_BEFORE_CIRCULAR), before the deadline (ISSUED_AFTER_DEADLINE)',
      examples: ['2023-06-05T00:00Z'],
    }),
  },
  {
    additionalProperties: false,
    description:
      'Enter a past consultation as a record of an earlier circular (marked entered afterwards): the same rules as a new circular, but the deadline and the meeting may be past; issuing it (POST …/issue) issues it at issuedAt and sends no e-mail. Absent: a circular run live in Assent',
  },
);

/** A new draft consultation (a circular), optionally with its texts; or a past one entered afterwards, as a record. */
export const ConsultationInputSchema = Type.Object(
  {
    id: Type.Optional(Slug),
    ...consultationFields,
    texts: Type.Optional(Type.Array(TextInputSchema, { maxItems: 100 })),
    enteredAfterwards: Type.Optional(EnteredAfterwardsSchema),
  },
  { additionalProperties: false, title: 'ConsultationInput' },
);
export type ConsultationInput = Static<typeof ConsultationInputSchema>;

/** Changes to a draft consultation (only the fields given change). */
export const ConsultationPatchSchema = Type.Partial(Type.Object(consultationFields, { additionalProperties: false }), {
  additionalProperties: false,
  minProperties: 1,
});
export type ConsultationPatch = Static<typeof ConsultationPatchSchema>;
