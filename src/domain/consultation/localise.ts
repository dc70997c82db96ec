import { UN_LANGUAGES } from '../member-states/designations.js';
import type { UnLanguage } from '../member-states/member-states.data.js';
import type { Consultation, DeterminedText, TextTranslation } from './consultation.js';

/**
 * Content in several languages (issue #8 item 6): the circular's subject and each determined
 * text's title and summary are authoritative in the consultation's language of record; the other
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
export type LocalisableField = 'subject' | 'title' | 'summary';

/** A field shown in the language of record because the requested language has no translation. */
export interface MissingTranslation {
  readonly field: LocalisableField;
  /** The text whose title or summary is missing; null for the subject. */
  readonly textId: string | null;
}

export interface LocalisedConsultation {
  /** The language the content was asked for (the language of record when the locale is not a UN language). */
  readonly language: UnLanguage;
  readonly languageOfRecord: UnLanguage;
  readonly subject: LocalisedField<string>;
  /** In the order given. */
  readonly texts: readonly LocalisedText[];
  /** Every field that fell back, subject first, then each text's title and summary in order. */
  readonly missing: readonly MissingTranslation[];
}

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
  consultation: Pick<Consultation, 'subject' | 'languageOfRecord' | 'translations'>,
  texts: readonly Pick<DeterminedText, 'id' | 'title' | 'summary' | 'translations'>[],
  locale: string,
): LocalisedConsultation {
  const languageOfRecord = consultation.languageOfRecord;
  const language = contentLanguageOf(locale, languageOfRecord);
  const subject = pick(consultation.subject, consultation.translations[language]?.subject, language, languageOfRecord);
  const localisedTexts = texts.map((text) => localiseText(text, languageOfRecord, language));
  const missing: MissingTranslation[] = [];
  if (subject.isFallback) missing.push({ field: 'subject', textId: null });
  for (const text of localisedTexts) {
    if (text.title.isFallback) missing.push({ field: 'title', textId: text.id });
    if (text.summary.isFallback) missing.push({ field: 'summary', textId: text.id });
  }
  return { language, languageOfRecord, subject, texts: localisedTexts, missing };
}
