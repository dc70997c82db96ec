import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { type DeadlineWords, deadlineWords, type StatedDeadline } from '../domain/consultation/deadline.js';
import { startOfDay } from '../domain/time/instants.js';
import { CATALOGUE_FILES } from './catalogues.js';

/**
 * Every string a person reads comes from an ICU MessageFormat catalogue, one per locale, kept as
 * one file per area (`messages/<locale>/<area>.json`, flat ids → ICU MF1) so that work on one
 * area does not touch another's file. English is the reference catalogue: its key set types the
 * ids, so a missing message is a compile error, and the other five UN languages are checked
 * against it. Ids are unique across areas (test/web/i18n.test.ts).
 */

/** The English catalogue's areas, by file name. */
export const ENGLISH_AREAS = CATALOGUE_FILES.en;
type EnglishCatalogue = UnionToIntersection<(typeof ENGLISH_AREAS)[keyof typeof ENGLISH_AREAS]>;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** One locale's areas merged into one catalogue (ids are unique across areas). */
function merged(areas: Readonly<Record<string, Readonly<Record<string, string>>>>): Record<string, string> {
  return Object.assign({}, ...Object.values(areas)) as Record<string, string>;
}

/** The locales with a complete catalogue, in the UN order (Arabic, Chinese, English, French, Russian, Spanish). */
export const LOCALES = Object.keys(CATALOGUE_FILES) as (keyof typeof CATALOGUE_FILES)[];
export type Locale = keyof typeof CATALOGUE_FILES;
/** The locale of unprefixed URLs, and the fallback of every other catalogue. */
export const DEFAULT_LOCALE: Locale = 'en';

/** The id of a message of the English catalogue. */
export type MessageId = keyof EnglishCatalogue & string;

/** Values for a message's placeholders. */
export type MessageValues = Readonly<Record<string, string | number | Date>>;

// Every other locale has English's key set (test/web/i18n.test.ts and scripts/check-catalogue.ts check it).
const CATALOGUES = Object.fromEntries(LOCALES.map((locale) => [locale, merged(CATALOGUE_FILES[locale])])) as Readonly<
  Record<Locale, Readonly<Record<MessageId, string>>>
>;

/** Text direction per locale: a constant map is clearer than Intl.Locale#textInfo (stack notes §3.6). */
const DIRECTIONS: Readonly<Record<string, 'ltr' | 'rtl'>> = { ar: 'rtl' };

/**
 * The locale dates are written in: English as ITU writes it, day before month and 24-hour times
 * ("28 March 2023", en-GB), as the documents and e-mails do; the others as their catalogue. Lists
 * and numbers keep the catalogue's locale (ITU's English keeps the serial comma of "X, Y, and Z").
 */
const DATE_LOCALES: Readonly<Record<Locale, string>> = {
  ar: 'ar',
  zh: 'zh',
  en: 'en-GB',
  fr: 'fr',
  ru: 'ru',
  es: 'es',
};

/** The BCP 47 tag `Intl` writes `locale`'s dates with (`en` is `en-GB`). */
export function dateLocaleOf(locale: Locale): string {
  return DATE_LOCALES[locale];
}

// One IntlShape per locale, sharing one formatter cache: creating formatters is the costly part.
const cache = createIntlCache();
const intls = new Map<Locale, IntlShape>();

/** Catalogue errors (a malformed message, a missing value) fail loudly, except in production. */
function onError(error: unknown): void {
  if (process.env.NODE_ENV !== 'production') throw error;
}

function intlOf(locale: Locale): IntlShape {
  let intl = intls.get(locale);
  if (!intl) {
    intl = createIntl(
      {
        locale,
        defaultLocale: DEFAULT_LOCALE,
        messages: CATALOGUES[locale],
        timeZone: 'UTC',
        onError,
      },
      cache,
    );
    if (DATE_LOCALES[locale] !== locale) {
      const dates = createIntl(
        { locale: DATE_LOCALES[locale], defaultLocale: DEFAULT_LOCALE, timeZone: 'UTC', onError },
        cache,
      );
      intl = {
        ...intl,
        formatDate: dates.formatDate,
        formatDateToParts: dates.formatDateToParts,
        formatTime: dates.formatTime,
        formatTimeToParts: dates.formatTimeToParts,
        formatDateTimeRange: dates.formatDateTimeRange,
      };
    }
    intls.set(locale, intl);
  }
  return intl;
}

/** The message `id` of `locale`'s catalogue, formatted with `values`. */
export function t(locale: Locale, id: MessageId, values?: MessageValues): string {
  return formattedText(intlOf(locale).formatMessage({ id }, values));
}

/**
 * The text of a formatted message, with one full stop where a value ending in an abbreviation's
 * (Russian "16 августа 2023 г.", "etc.") closes a sentence that adds its own: in every language
 * the abbreviation's stop ends the sentence too ("…2023 г.", never "…2023 г..").
 */
export function formattedText(formatted: unknown): string {
  const text = Array.isArray(formatted) ? formatted.join('') : String(formatted);
  return text.includes('..') ? text.replace(/(?<=\p{L})\.\.(?!\.)/gu, '.') : text;
}

/** `ltr` or `rtl`, for the `dir` attribute of `<html>`. */
export function dirOf(locale: string): 'ltr' | 'rtl' {
  return DIRECTIONS[locale.split('-')[0]!] ?? 'ltr';
}

/**
 * An instant as people read it, in UTC and labelled so ("28 March 2023 at 08:00 UTC"): the
 * server clock decides, and UTC is the zone of deadlines (docs/procedure.md).
 */
export function formatUtc(locale: Locale, at: number): string {
  const when = intlOf(locale).formatDate(at, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  });
  return t(locale, 'time.utc', { when });
}

/**
 * A deadline as the circular words it, in the reader's language: "2359 hours UTC on 16 August
 * 2023", or "2400 hours UTC on 16 August 2023" when the circular chose that wording
 * (domain/consultation/deadline.ts). The day is the UTC day the deadline ends on.
 */
export function formatDeadline(locale: Locale, deadline: StatedDeadline): string {
  const words = deadlineWords(deadline.deadlineAt, deadline.deadlineWording);
  const day = intlOf(locale).formatDate(startOfDay(words.day), {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
  return t(locale, 'time.deadline', { time: deadlineClock(locale, words), day });
}

/**
 * The time of a deadline in the reader's language's style: the English circular's "2359" (its
 * "2359 hours UTC"), "23 h 59" in French, "23.59" in Spanish, "23:59" in Arabic, Chinese and
 * Russian ("2400": "24 h 00", "24.00", "24:00"). `format` is the catalogue lookup (documents pass
 * theirs, for their digits).
 */
export function deadlineClock(
  locale: Locale,
  words: Pick<DeadlineWords, 'hours' | 'minutes'>,
  format: (locale: Locale, id: MessageId, values?: MessageValues) => string = t,
): string {
  return format(locale, 'time.clock', { hours: words.hours, minutes: words.minutes });
}

/** The `datetime` attribute of a `<time>` element: ISO 8601 in UTC. */
export function isoInstant(at: number): string {
  return new Date(at).toISOString();
}

/** True when `value` names a locale with a catalogue. */
export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** The reader's locale as `Intl` formats numbers and dates for it. */
export function intlFor(locale: Locale): IntlShape {
  return intlOf(locale);
}

/** Every message id of a locale's catalogue (tests compare key sets). */
export function messageIds(locale: Locale): string[] {
  return Object.keys(CATALOGUES[locale]);
}

/** The raw ICU source of a message (tests parse it). */
export function messageSource(locale: Locale, id: MessageId): string {
  return CATALOGUES[locale][id];
}

/**
 * Where and when a form was signed, as the language joins the two ("Geneva, 16 August 2023",
 * Arabic "جنيف، …", Chinese "日内瓦，…"); one of them alone as it is; empty without either.
 */
export function placeAndDate(locale: Locale, place: string | null, date: string | null): string {
  const given = (value: string | null) => value !== null && value !== '';
  if (given(place) && given(date)) return t(locale, 'signature.placeAndDate', { place: place!, date: date! });
  return given(place) ? place! : given(date) ? date! : '';
}

/**
 * A language's name in the reader's words ("French", "anglais"); what was given, as it is, when it
 * is no language tag at all (a tampered form's language of record: Intl refuses it with a RangeError).
 */
export function languageWords(locale: Locale, language: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}
