import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../domain/policy/actor.js';
import { PUBLIC_ACTOR } from '../../domain/policy/actor.js';
import { t, type Locale, type MessageId } from '../../i18n/i18n.js';
import { scriptHref } from './assets.js';
import type { PageContext } from './components/layout.js';
import { localeHref, requestLocale, urlLocale } from './locale-url.js';
import { safeNext } from './next-page.js';
import type { WebContext } from './web-session.js';

/** The reader's locale: the one named by the URL's prefix (`/fr/…`), else the default (locale-url.ts). */
export function localeOf(request: FastifyRequest): Locale {
  return requestLocale(request.raw);
}

/**
 * Who is reading: the signed-in person once their second factor is given, else the public. Pages
 * decide what to show with the same policy as the API (domain/policy).
 */
export function actorOfRequest(request: FastifyRequest): Actor {
  const session = request.webSession;
  return session?.verified ? session.actor : PUBLIC_ACTOR;
}

/** The frame of a page for this request: locale, stylesheet, and the signed-in person if verified. */
export function pageContext(web: WebContext, request: FastifyRequest): PageContext {
  const session = request.webSession;
  const locale = localeOf(request);
  const actor = actorOfRequest(request);
  return {
    locale,
    cssHref: web.stylesheet.href,
    jsHref: scriptHref(),
    signedIn: session?.verified
      ? {
          name: session.account.name,
          csrfToken: session.csrfToken,
          idleEndsAt: session.session.lastSeenAt + web.ctx.sessionIdleMs,
          endsAt: session.session.expiresAt,
          now: web.ctx.clock(),
        }
      : null,
    actor,
    // The path without query, for the language switcher (the same page in another language).
    path: request.url.split('?')[0] ?? '/',
    // Where signing in returns to (`?next=`, a path of this site only): the switcher keeps it.
    next: safeNext(new URLSearchParams(request.url.split('?')[1] ?? '').get('next')),
    href: (path: string) => localeHref(locale, path),
    localPath: (path: string) => (urlLocale(request.raw) === null ? path : localeHref(locale, path)),
    organisation: {
      name: web.organisation.names[locale] ?? web.organisation.names.default ?? null,
      logoHref: web.organisation.logo?.href ?? null,
    },
  };
}

/** The status messages a redirect may name (`?notice=…`); anything else is ignored. */
const NOTICES: Readonly<Record<string, MessageId>> = {
  'signed-out': 'notice.signedOut',
  'session-expired': 'notice.sessionExpired',
  'other-sessions-ended': 'notice.otherSessionsEnded',
  'token-revoked': 'notice.tokenRevoked',
  'language-set': 'notice.languageSet',
  'password-reset': 'notice.passwordReset',
};

/**
 * Registers more `?notice=` names (each page area adds its own at import time: saved, submitted,
 * issued…). A name registered twice with another message is a programming error.
 */
export function registerNotices(notices: Readonly<Record<string, MessageId>>): void {
  for (const [name, id] of Object.entries(notices)) {
    const existing = (NOTICES as Record<string, MessageId>)[name];
    if (existing !== undefined && existing !== id) throw new Error(`Notice ${name} is already ${existing}`);
    (NOTICES as Record<string, MessageId>)[name] = id;
  }
}

/** The message of a `?notice=` value, or null. */
export function noticeOf(locale: Locale, notice: string | undefined): string | null {
  const id = notice === undefined ? undefined : NOTICES[notice];
  return id === undefined ? null : t(locale, id);
}
