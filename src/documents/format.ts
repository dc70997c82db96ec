import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { DeterminedText } from '../domain/consultation/consultation.js';
import type { TallyFigure } from '../domain/procedure/presentation.js';
import { type DeadlineWording, deadlineWords } from '../domain/consultation/deadline.js';
import type { PageFurniture, PagePart } from './content.js';
import {
  deadlineClock,
  DEFAULT_LOCALE,
  formattedText,
  messageIds,
  messageSource,
  t,
  type Locale,
  type MessageId,
  type MessageValues,
} from '../i18n/i18n.js';

/**
 * Words and figures of the documents, in one language: dates as ITU letters write them
 * ("28 March 2023"), the deadline phrase ("2359 hours UTC on 16 August 2023"), the labels of
 * the determined texts ("Draft Corrigendum 1 to Recommendation ITU-T X.1333"), lists. Pure
 * functions of the data and the locale; every word comes from the catalogue (`doc.` ids).
 */

/**
 * The Intl locale of dates in documents. ITU's English documents write the day before the month
 * ("28 March 2023", British usage) whatever the reader's country, so English uses en-GB here.
 * Arabic documents write figures in Latin (European) digits, `ar-u-nu-latn`: the designations
 * (X.1353), clause numbers (9.4), the deadline's "2359", hashes and ISO instants they quote are in
 * those digits, and one letter should not mix two digit systems (docs/user-guide.md says so).
 */
const DATE_LOCALES: Readonly<Record<string, string>> = {
  ar: 'ar-u-nu-latn',
  zh: 'zh-CN',
  en: 'en-GB',
  fr: 'fr',
  ru: 'ru',
  es: 'es',
};
/** The Intl locale of numbers and lists: the locale itself, Arabic with Latin digits (above). */
const NUMBER_LOCALES: Readonly<Record<string, string>> = { ar: 'ar-u-nu-latn' };
const numberLocale = (locale: Locale) => NUMBER_LOCALES[locale] ?? locale;

const dayFormats = new Map<Locale, Intl.DateTimeFormat>();
const instantFormats = new Map<Locale, Intl.DateTimeFormat>();
const listFormats = new Map<Locale, Intl.ListFormat>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function dayFormat(locale: Locale): Intl.DateTimeFormat {
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(DATE_LOCALES[locale] ?? locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    dayFormats.set(locale, format);
  }
  return format;
}

const documentIntls = new Map<Locale, IntlShape>();
const intlCache = createIntlCache();

/** The catalogue of a locale whose figures documents write differently from the pages (Arabic: Latin digits in `#`). */
function documentIntl(locale: Locale): IntlShape | null {
  const intlLocale = NUMBER_LOCALES[locale];
  if (intlLocale === undefined) return null;
  let intl = documentIntls.get(locale);
  if (!intl) {
    const messages = Object.fromEntries(messageIds(locale).map((id) => [id, messageSource(locale, id as MessageId)]));
    intl = createIntl(
      {
        locale: intlLocale,
        defaultLocale: DEFAULT_LOCALE,
        messages,
        timeZone: 'UTC',
        onError: (error) => {
          if (process.env.NODE_ENV !== 'production') throw error;
        },
      },
      intlCache,
    );
    documentIntls.set(locale, intl);
  }
  return intl;
}

/** A message of the documents' catalogue (as `t`, with the documents' digits: Latin in Arabic too). */
export function msg(locale: Locale, id: MessageId, values?: MessageValues): string {
  const intl = documentIntl(locale);
  if (intl === null) return t(locale, id, values);
  return formattedText(intl.formatMessage({ id }, values));
}

const asInstant = (day: string | number) => (typeof day === 'number' ? day : Date.parse(`${day}T00:00:00Z`));

/** A calendar day (`2023-03-28`) or the day of an instant, as documents write it: "28 March 2023". */
export function formatDay(locale: Locale, day: string | number): string {
  return dayFormat(locale).format(asInstant(day));
}

/** The days of a meeting: "29 August – 8 September 2023". */
export function formatDayRange(locale: Locale, first: string, last: string): string {
  if (first === last) return formatDay(locale, first);
  if (locale !== 'zh') return dayFormat(locale).formatRange(asInstant(first), asInstant(last));
  // ICU's Chinese interval pattern for long dates falls back to numeric ones ("2023/8/29 – 2023/9/8"):
  // the range is built from the two dates instead, the second without its year when it is the same
  // ("2023年8月29日–9月8日").
  const end =
    first.slice(0, 4) === last.slice(0, 4) ? monthDayFormat(locale).format(asInstant(last)) : formatDay(locale, last);
  return `${formatDay(locale, first)}–${end}`;
}

const monthDayFormats = new Map<Locale, Intl.DateTimeFormat>();

function monthDayFormat(locale: Locale): Intl.DateTimeFormat {
  let format = monthDayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(DATE_LOCALES[locale] ?? locale, {
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    });
    monthDayFormats.set(locale, format);
  }
  return format;
}

/**
 * An instant to the second, in UTC, labelled so ("12 April 2023, 07:30:00 UTC"): when a reply
 * was received is a legal fact, shown in the zone the deadline is set in.
 */
export function formatInstant(locale: Locale, at: number): string {
  let format = instantFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(DATE_LOCALES[locale] ?? locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
    });
    instantFormats.set(locale, format);
  }
  return msg(locale, 'doc.instant', { when: format.format(at) });
}

/**
 * The deadline as the circular words it, "2359 hours UTC on 16 August 2023": the minute of the
 * last on-time instant (23:59:59.999 is 2359) and its day; with the wording `2400`, "2400 hours
 * UTC on 16 August 2023" (the end of that day; domain/consultation/deadline.ts).
 */
export function formatDeadline(locale: Locale, deadlineAt: number, wording: DeadlineWording = 'hhmm'): string {
  const words = deadlineWords(deadlineAt, wording);
  return msg(locale, 'doc.deadline', { time: deadlineClock(locale, words, msg), day: formatDay(locale, words.day) });
}

/** A whole number with the locale's grouping. */
export function formatNumber(locale: Locale, value: number): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(numberLocale(locale));
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

/**
 * A figure of a procedure's tally as the documents print it: a count with the locale's grouping, a
 * share with two decimals ("69.57 %"), or "—" when not applicable (a share with no replies).
 */
export function documentFigureValue(locale: Locale, figure: TallyFigure): string {
  if (figure.value === null) return '—';
  if (figure.format === 'percent') return msg(locale, 'doc.percent', { value: figure.value.toFixed(2) });
  return formatNumber(locale, figure.value);
}

/** "A, B, and C" in the locale's way. */
export function formatList(locale: Locale, items: readonly string[]): string {
  let format = listFormats.get(locale);
  if (!format) {
    format = new Intl.ListFormat(numberLocale(locale), { type: 'conjunction', style: 'long' });
    listFormats.set(locale, format);
  }
  return format.format(items);
}

/** `X.1333 Cor.1` → base `X.1333`, number 1 (also `Amd.2`, `Amendment 2`, `Corrigendum 1`). */
function splitSupplement(designation: string): { base: string; n: string } | null {
  const match = /^(.*?)[\s,]+(?:Cor\.?|Corrigendum|Amd\.?|Amendment)\s*(\d+)$/i.exec(designation.trim());
  return match ? { base: match[1]!, n: match[2]! } : null;
}

/**
 * How a circular names a determined text: "Draft new Recommendation ITU-T X.1353 (X.ztd-iot)",
 * "Draft Corrigendum 1 to Recommendation ITU-T X.1333".
 */
export function textLabel(locale: Locale, text: Pick<DeterminedText, 'kind' | 'designation' | 'workItem'>): string {
  const supplement =
    text.kind === 'corrigendum' || text.kind === 'amendment' ? splitSupplement(text.designation) : null;
  const kind = supplement ? text.kind : text.kind === 'new' || text.kind === 'revised' ? text.kind : 'other';
  const label = msg(locale, 'doc.text.label', {
    kind,
    designation: text.designation,
    base: supplement?.base ?? text.designation,
    n: supplement?.n ?? '',
  });
  return text.workItem ? `${label} (${text.workItem})` : label;
}

/** "X.1333 Cor.1, X.1353 (X.ztd-iot), … and X.1817 (X.5Gsec-message)", as the subject and Annex 1 list them. */
export function designationList(
  locale: Locale,
  texts: readonly Pick<DeterminedText, 'designation' | 'workItem'>[],
): string {
  return formatList(
    locale,
    texts.map((text) => (text.workItem ? `${text.designation} (${text.workItem})` : text.designation)),
  );
}

/**
 * "Determined draft new Recommendations ITU-T X.1333 Cor.1, …": the kinds named by what the
 * list holds (corrigenda and amendments go with the Recommendations they correct).
 */
export function determinedTexts(
  locale: Locale,
  texts: readonly Pick<DeterminedText, 'kind' | 'designation' | 'workItem'>[],
): string {
  const hasNew = texts.some((x) => x.kind === 'new' || x.kind === 'corrigendum' || x.kind === 'amendment');
  const hasRevised = texts.some((x) => x.kind === 'revised');
  const kinds = hasNew && hasRevised ? 'mixed' : hasRevised ? 'revised' : hasNew ? 'new' : 'other';
  return msg(locale, 'doc.determinedTexts', { kinds, list: designationList(locale, texts) });
}

/** A summary's lines: paragraphs, and runs of lines starting with a bullet ("·", "•", "-") as lists. */
export function summaryParts(
  summary: string,
): ({ readonly type: 'paragraph'; readonly text: string } | { readonly type: 'bullets'; readonly items: string[] })[] {
  const parts: ({ type: 'paragraph'; text: string } | { type: 'bullets'; items: string[] })[] = [];
  for (const raw of summary.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const bullet = /^[·•\-–]\s+(.*)$/.exec(line);
    if (bullet) {
      const last = parts.at(-1);
      if (last?.type === 'bullets') last.items.push(bullet[1]!);
      else parts.push({ type: 'bullets', items: [bullet[1]!] });
    } else {
      parts.push({ type: 'paragraph', text: line });
    }
  }
  return parts;
}

/** The number of a study group code: `SG17` → `17`. */
export function studyGroupNumber(studyGroup: string): string {
  return /(\d+)/.exec(studyGroup)?.[1] ?? studyGroup;
}

/** Stand-ins for the page numbers while the message is formatted: private-use characters no catalogue contains. */
const PAGE_MARK = '\uE000';
const PAGES_MARK = '\uE001';

/**
 * A document's page furniture in `locale`: the running header of the pages after the first (the
 * document's reference, and "Page 2 of 6" with the numbers left to the renderer) and the first
 * page's footer, if any.
 */
export function pageFurniture(locale: Locale, reference: string, firstPageFooter: string | null = null): PageFurniture {
  const words = msg(locale, 'doc.page.ofPages', { page: PAGE_MARK, pages: PAGES_MARK });
  const pageOf = words
    .split(/([\uE000\uE001])/u)
    .filter((part) => part !== '')
    .map(
      (part): PagePart =>
        part === PAGE_MARK ? { count: 'page' } : part === PAGES_MARK ? { count: 'pages' } : { text: part },
    );
  return { runningHeader: { reference, pageOf }, firstPageFooter };
}
