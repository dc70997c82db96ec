import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import core from './messages/en/core.json' with { type: 'json' };
import documents from './messages/en/documents.json' with { type: 'json' };
import mail from './messages/en/mail.json' with { type: 'json' };
import outcome from './messages/en/outcome.json' with { type: 'json' };
import publicPages from './messages/en/public.json' with { type: 'json' };
import reply from './messages/en/reply.json' with { type: 'json' };
import secretariat from './messages/en/secretariat.json' with { type: 'json' };

/**
 * Every string a person reads comes from an ICU MessageFormat catalogue, one per locale, kept as
 * one file per area (`messages/<locale>/<area>.json`, flat ids → ICU MF1) so that work on one
 * area does not touch another's file. English is the reference catalogue: its key set types the
 * ids, so a missing message is a compile error, and the other five UN languages are checked
 * against it. Ids are unique across areas (test/web/i18n.test.ts).
 */

/** The English catalogue's areas, by file name. */
export const ENGLISH_AREAS = { core, public: publicPages, reply, secretariat, documents, mail, outcome } as const;
const en = { ...core, ...publicPages, ...reply, ...secretariat, ...documents, ...mail, ...outcome };

/** The locales with a catalogue. */
export const LOCALES = ['en'] as const;
export type Locale = (typeof LOCALES)[number];
/** The locale of unprefixed URLs, and the fallback of every other catalogue. */
export const DEFAULT_LOCALE: Locale = 'en';

/** The id of a message of the English catalogue. */
export type MessageId = keyof typeof en;

/** Values for a message's placeholders. */
export type MessageValues = Readonly<Record<string, string | number | Date>>;

const CATALOGUES: Readonly<Record<Locale, Readonly<Record<MessageId, string>>>> = { en };

/** Text direction per locale: a constant map is clearer than Intl.Locale#textInfo (stack notes §3.6). */
const DIRECTIONS: Readonly<Record<string, 'ltr' | 'rtl'>> = { ar: 'rtl' };

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
    intl = createIntl({ locale, defaultLocale: DEFAULT_LOCALE, messages: CATALOGUES[locale], timeZone: 'UTC', onError }, cache);
    intls.set(locale, intl);
  }
  return intl;
}

/** The message `id` of `locale`'s catalogue, formatted with `values`. */
export function t(locale: Locale, id: MessageId, values?: MessageValues): string {
  const formatted: unknown = intlOf(locale).formatMessage({ id }, values);
  return Array.isArray(formatted) ? formatted.join('') : String(formatted);
}

/** `ltr` or `rtl`, for the `dir` attribute of `<html>`. */
export function dirOf(locale: string): 'ltr' | 'rtl' {
  return DIRECTIONS[locale.split('-')[0]!] ?? 'ltr';
}

/**
 * An instant as people read it, in UTC and labelled so ("March 28, 2023 at 08:00 UTC"): the
 * server clock decides, and UTC is the zone of deadlines (docs/procedure.md).
 */
export function formatUtc(locale: Locale, at: number): string {
  const when = intlOf(locale).formatDate(at, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
  return t(locale, 'time.utc', { when });
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
