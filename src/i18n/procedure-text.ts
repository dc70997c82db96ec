import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { ProcedureCatalogues, TallyFigure } from '../domain/procedure/presentation.js';
import { figureMessageKey } from '../domain/procedure/presentation.js';
import { DEFAULT_LOCALE, formattedText, intlFor, type Locale, type MessageValues, t } from './i18n.js';

/**
 * A procedure's own words (src/procedures/<id>/messages), in the reader's language. The core's
 * pages, documents and mails call this with a procedure's message key; a locale without the key
 * falls back to English, and a key English lacks is an error outside production (like a missing
 * core message), else the key itself.
 */

/** What the formatter needs of a procedure: its id (the cache key) and its catalogues. */
export interface ProcedureWords {
  readonly id: string;
  readonly messages: ProcedureCatalogues;
}

// One IntlShape per procedure catalogue and locale (keyed by the catalogue object, so that a
// procedure registered again with other words gets its own), sharing one formatter cache.
const cache = createIntlCache();
const intls = new WeakMap<object, Map<string, IntlShape>>();

function intlOf(procedure: ProcedureWords, locale: string): IntlShape {
  let byLocale = intls.get(procedure.messages);
  if (!byLocale) {
    byLocale = new Map();
    intls.set(procedure.messages, byLocale);
  }
  let intl = byLocale.get(locale);
  if (!intl) {
    intl = createIntl(
      {
        locale,
        defaultLocale: DEFAULT_LOCALE,
        messages: { ...procedure.messages[DEFAULT_LOCALE], ...procedure.messages[locale] },
        timeZone: 'UTC',
        onError: (error) => {
          if (process.env.NODE_ENV !== 'production') throw error;
        },
      },
      cache,
    );
    byLocale.set(locale, intl);
  }
  return intl;
}

/** True when the procedure has a message `key` (in English, the reference). */
export function hasProcedureText(procedure: ProcedureWords, key: string): boolean {
  return procedure.messages[DEFAULT_LOCALE]?.[key] !== undefined;
}

/**
 * The body consulted as a sentence of `locale` names it, from its code: the English circular's
 * "SG17"; "la Commission d’études 17", "la Comisión de Estudio 17", "ИК17", "第17研究组",
 * "لجنة الدراسات 17" (the catalogue's `studyGroup.inSentence`). A code that is not a numbered
 * study group ("TSAG") is written as it is.
 */
export function bodyInSentence(locale: Locale, code: string): string {
  const n = /^SG\s*(\d+)$/i.exec(code.trim())?.[1] ?? 'none';
  return t(locale, 'studyGroup.inSentence', { code, n });
}

/**
 * The procedure's message `key` in `locale`, formatted with `values`. The core passes `{body}` as
 * the code of the body consulted ("SG17"); it reaches the message written for the reader's
 * language (`bodyInSentence`), so every page, document and e-mail names it alike.
 */
export function procedureText(locale: Locale, procedure: ProcedureWords, key: string, values?: MessageValues): string {
  if (!hasProcedureText(procedure, key)) {
    if (process.env.NODE_ENV !== 'production')
      throw new Error(`The procedure "${procedure.id}" has no message "${key}"`);
    return key;
  }
  const body = values?.body;
  const named = typeof body === 'string' ? { ...values, body: bodyInSentence(locale, body) } : values;
  return formattedText(intlOf(procedure, locale).formatMessage({ id: key }, named));
}

/** A figure's value as the reader reads it: a count, a per cent with two decimals, or "not applicable". */
export function formatFigureValue(locale: Locale, figure: TallyFigure): string {
  if (figure.value === null) return t(locale, 'figure.notApplicable');
  if (figure.format === 'percent')
    return intlFor(locale).formatNumber(figure.value / 100, {
      style: 'percent',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
  return intlFor(locale).formatNumber(figure.value);
}

/** A figure's label (a column heading), in the reader's language: "Replies". */
export function figureLabel(locale: Locale, procedure: ProcedureWords, figure: Pick<TallyFigure, 'name'>): string {
  return procedureText(locale, procedure, figureMessageKey(figure.name));
}

/**
 * A sentence of a page or document in the procedure's own words where it has the message `key`
 * (its rule said its way: a majority, not a share), else the core's sentence.
 */
export function procedureSentence(
  locale: Locale,
  procedure: ProcedureWords,
  key: string,
  values: Readonly<Record<string, string | number>>,
  core: () => string,
): string {
  return hasProcedureText(procedure, key) ? procedureText(locale, procedure, key, values) : core();
}
