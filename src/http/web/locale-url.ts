import type { IncomingMessage } from 'node:http';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '../../i18n/i18n.js';

/**
 * The language of a page is in its URL (`/fr/consultations/…`): a link can be shared in its
 * language, and a search engine or a cache never mixes two. The prefix is taken off before
 * routing (Fastify's `rewriteUrl`), so each route is declared once, and kept on the raw request
 * for `localeOf`. Unprefixed paths are served in the default language; only the home page `/`
 * chooses a language from `Accept-Language`, by redirecting (locale-negotiation.ts).
 */

/** The raw request, with the locale its URL named (set by `stripLocalePrefix`). */
type LocalisedMessage = IncomingMessage & { assentLocale?: Locale };

const PREFIX = /^\/([a-z]{2})(?=\/|\?|$)/;

/** Fastify's `rewriteUrl`: `/fr/x?y` → `/x?y` (locale kept on the request); other URLs unchanged. The API is never prefixed. */
export function stripLocalePrefix(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const match = PREFIX.exec(url);
  if (!match || !isLocale(match[1]!)) return url;
  (request as LocalisedMessage).assentLocale = match[1];
  const rest = url.slice(match[0].length);
  return rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
}

/** The locale named by the request's URL prefix, or null when it had none. */
export function urlLocale(request: IncomingMessage): Locale | null {
  return (request as LocalisedMessage).assentLocale ?? null;
}

/** The locale of the page: its URL's, or the default. */
export function requestLocale(request: IncomingMessage): Locale {
  return urlLocale(request) ?? DEFAULT_LOCALE;
}

/** A site path in `locale`: `href('fr', '/consultations/x')` → `/fr/consultations/x`. */
export function localeHref(locale: Locale, path: string): string {
  if (!path.startsWith('/')) throw new Error(`A site path starts with /: ${path}`);
  return path === '/' ? `/${locale}/` : `/${locale}${path}`;
}

/**
 * A site path (with its query) in `locale`: its locale prefix replaced, or added where it has
 * none (`/fr/my/x?y` → `/ar/my/x?y`, `/my` → `/ar/my`).
 */
export function inLocale(locale: Locale, path: string): string {
  const match = /^\/([a-z]{2})(?=[/?#]|$)(.*)$/.exec(path);
  if (match && isLocale(match[1]!)) return `/${locale}${match[2] === '' ? '/' : match[2]}`;
  return localeHref(locale, path);
}

/**
 * The locale to send a first visitor to: the best of `Accept-Language` (by q-value, then order;
 * `fr-CA` matches `fr`) among the locales with a catalogue, else the default.
 */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranges = acceptLanguage
    .split(',')
    .slice(0, 30)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.q > 0 && r.tag !== '')
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    const primary = tag.split('-')[0]!;
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}

/** Every locale with a catalogue (the language switcher lists them). */
export const PAGE_LOCALES: readonly Locale[] = LOCALES;
