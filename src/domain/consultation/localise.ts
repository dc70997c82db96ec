import { UN_LANGUAGES } from '../member-states/designations.js';
import type { UnLanguage } from '../member-states/member-states.data.js';
import type {
  CircularListField,
  Consultation,
  ConsultationTranslation,
  DeterminedText,
  TextTranslation,
} from './consultation.js';

/**
 * Content in several languages (issue #8 item 6, issue 20 item 5): the circular's own fields
 * (subject, reference, meeting place, collective letter, addressees, copies, TSB notes) and each
 * determined text's title and summary are authoritative in the consultation's language of record; the other
 * UN languages carry translations that may be missing. A reader asking for a language gets the
 * translation when there is one, else the language of record, and is told so field by field.
 * Pure: no I/O.
 */

/** One localised field: the value shown, the language it is written in, and whether it fell back. */
export interface LocalisedField<T> {
  readonly value: T;
  /** The language `value` is written in (for the `lang` attribute of the element showing it). */
  readonly language: UnLanguage;
  /** True when the requested language has no translation and the language of record is shown instead. */
  readonly isFallback: boolean;
}

export interface LocalisedText {
  readonly id: string;
  readonly title: LocalisedField<string>;
  /** Null value when the text has no summary at all (a corrigendum may have none): nothing is missing then. */
  readonly summary: LocalisedField<string | null>;
}

/** The translatable fields. */
export type LocalisableField =
  | 'subject'
  | 'reference'
  | 'meetingPlace'
  | 'collectiveLetter'
  | 'addressees'
  | 'copies'
  | 'notes'
  | 'title'
  | 'summary';

/** A field shown in the language of record because the requested language has no translation. */
export interface MissingTranslation {
  readonly field: LocalisableField;
  /** The text whose title or summary is missing; null for a field of the circular. */
  readonly textId: string | null;
}

export interface LocalisedConsultation {
  /** The language the content was asked for (the language of record when the locale is not a UN language). */
  readonly language: UnLanguage;
  readonly languageOfRecord: UnLanguage;
  readonly subject: LocalisedField<string>;
  readonly reference: LocalisedField<string>;
  readonly meetingPlace: LocalisedField<string>;
  /** Null value when the circular names no collective letter: nothing is missing then. */
  readonly collectiveLetter: LocalisedField<string | null>;
  /** An empty list in the language of record is empty in every language: nothing is missing then. */
  readonly addressees: LocalisedField<readonly string[]>;
  readonly copies: LocalisedField<readonly string[]>;
  readonly notes: LocalisedField<readonly string[]>;
  /** In the order given. */
  readonly texts: readonly LocalisedText[];
  /**
   * Every field that fell back: the circular's fields first (subject, reference, meeting place,
   * collective letter, addressees, copies, notes), then each text's title and summary in order.
   */
  readonly missing: readonly MissingTranslation[];
}

/** The consultation's fields localiseConsultation reads. */
export type LocalisableConsultation = Pick<
  Consultation,
  'subject' | 'reference' | 'meeting' | 'addressees' | 'copies' | 'notes' | 'languageOfRecord' | 'translations'
>;

/** True for the six UN language codes (lower case, no region). */
export function isUnLanguage(value: string): value is UnLanguage {
  return (UN_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The content language a locale asks for: its primary subtag when that is a UN language
 * ("fr-CH" → fr), else the language of record (a reader of an unsupported language gets the
 * authoritative text, never a translation chosen at random).
 */
export function contentLanguageOf(locale: string, languageOfRecord: UnLanguage): UnLanguage {
  const primary = locale.trim().split(/[-_]/u)[0]?.toLowerCase() ?? '';
  return isUnLanguage(primary) ? primary : languageOfRecord;
}

/** A translation counts only when it has visible characters (a blank one is treated as missing). */
function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function pick<T extends string | null>(
  record: T,
  translated: string | undefined,
  language: UnLanguage,
  languageOfRecord: UnLanguage,
): LocalisedField<T | string> {
  if (language === languageOfRecord) return { value: record, language: languageOfRecord, isFallback: false };
  if (present(translated)) return { value: translated, language, isFallback: false };
  return { value: record, language: languageOfRecord, isFallback: true };
}

/**
 * A list in `language`: the translation when it has the record's number of entries, each with
 * visible characters (the services refuse any other: TRANSLATION_LIST_LENGTH, TRANSLATION_BLANK),
 * else the record. An empty record is empty
 * in every language and never falls back.
 */
function pickList(
  record: readonly string[],
  translated: readonly string[] | undefined,
  language: UnLanguage,
  languageOfRecord: UnLanguage,
): LocalisedField<readonly string[]> {
  if (language === languageOfRecord || record.length === 0)
    return { value: record, language: languageOfRecord, isFallback: false };
  if (translated !== undefined && translated.length === record.length && translated.every((entry) => present(entry)))
    return { value: translated, language, isFallback: false };
  return { value: record, language: languageOfRecord, isFallback: true };
}

/**
 * One determined text's title and summary in `language`, falling back to the language of record
 * per field. A text without a summary in the language of record has none in any language (a
 * translated summary of nothing is ignored; the services refuse to store one).
 */
export function localiseText(
  text: Pick<DeterminedText, 'id' | 'title' | 'summary' | 'translations'>,
  languageOfRecord: UnLanguage,
  language: UnLanguage,
): LocalisedText {
  const translation: TextTranslation | undefined = text.translations[language];
  const title = pick(text.title, translation?.title, language, languageOfRecord);
  const summary: LocalisedField<string | null> =
    text.summary === null
      ? { value: null, language: languageOfRecord, isFallback: false }
      : pick(text.summary, translation?.summary, language, languageOfRecord);
  return { id: text.id, title, summary };
}

/**
 * The subject, titles and summaries of a consultation in the language of `locale` (a BCP 47 tag
 * or a UN language code), each falling back to the language of record when not translated, with
 * the list of fields that fell back so a page can say "not yet available in <language>; shown in
 * <language of record>" and mark each field with the language it is actually written in.
 */
export function localiseConsultation(
  consultation: LocalisableConsultation,
  texts: readonly Pick<DeterminedText, 'id' | 'title' | 'summary' | 'translations'>[],
  locale: string,
): LocalisedConsultation {
  const languageOfRecord = consultation.languageOfRecord;
  const language = contentLanguageOf(locale, languageOfRecord);
  const translation: ConsultationTranslation | undefined = consultation.translations[language];
  const one = (record: string, translated: string | undefined) =>
    pick(record, translated, language, languageOfRecord) as LocalisedField<string>;
  const list = (field: CircularListField) =>
    pickList(consultation[field], translation?.[field], language, languageOfRecord);
  const letter = consultation.meeting.collectiveLetter;
  const fields = {
    subject: one(consultation.subject, translation?.subject),
    reference: one(consultation.reference, translation?.reference),
    meetingPlace: one(consultation.meeting.place, translation?.meetingPlace),
    collectiveLetter:
      letter === null
        ? ({ value: null, language: languageOfRecord, isFallback: false } as LocalisedField<string | null>)
        : one(letter, translation?.collectiveLetter),
    addressees: list('addressees'),
    copies: list('copies'),
    notes: list('notes'),
  };
  const localisedTexts = texts.map((text) => localiseText(text, languageOfRecord, language));
  const missing: MissingTranslation[] = [];
  for (const [field, value] of Object.entries(fields))
    if (value.isFallback) missing.push({ field: field as LocalisableField, textId: null });
  for (const text of localisedTexts) {
    if (text.title.isFallback) missing.push({ field: 'title', textId: text.id });
    if (text.summary.isFallback) missing.push({ field: 'summary', textId: text.id });
  }
  return { language, languageOfRecord, ...fields, texts: localisedTexts, missing };
}

/**
 * The consultation as read in the language of `locale`: the same record with its own fields
 * (subject, reference, meeting place, collective letter, addressees, copies, notes) replaced by
 * their translation where there is one, for the documents and e-mails that print the circular as
 * one language. `localised` says, field by field, which language each value is written in.
 */
export function consultationIn<C extends LocalisableConsultation>(
  consultation: C,
  locale: string,
): { readonly consultation: C; readonly localised: LocalisedConsultation } {
  const localised = localiseConsultation(consultation, [], locale);
  return {
    consultation: {
      ...consultation,
      subject: localised.subject.value,
      reference: localised.reference.value,
      meeting: {
        ...consultation.meeting,
        place: localised.meetingPlace.value,
        collectiveLetter: localised.collectiveLetter.value,
      },
      addressees: localised.addressees.value,
      copies: localised.copies.value,
      notes: localised.notes.value,
    },
    localised,
  };
}
