import type { FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, t, type Locale, type MessageId } from '../../i18n/i18n.js';
import type { PageContext } from './components/layout.js';
import type { WebContext } from './web-session.js';

/**
 * The reader's locale. Only the English catalogue exists yet; the other UN languages will come
 * with a `/{lang}/…` prefix (stack notes §3.6), and this is the one place that will read it.
 */
export function localeOf(_request: FastifyRequest): Locale {
  return DEFAULT_LOCALE;
}

/** The frame of a page for this request: locale, stylesheet, and the signed-in person if verified. */
export function pageContext(web: WebContext, request: FastifyRequest): PageContext {
  const session = request.webSession;
  return {
    locale: localeOf(request),
    cssHref: web.stylesheet.href,
    signedIn: session?.verified ? { name: session.account.name, csrfToken: session.csrfToken } : null,
  };
}

/** The status messages a redirect may name (`?notice=…`); anything else is ignored. */
const NOTICES: Readonly<Record<string, MessageId>> = {
  'signed-out': 'notice.signedOut',
  'session-expired': 'notice.sessionExpired',
  'other-sessions-ended': 'notice.otherSessionsEnded',
  'token-revoked': 'notice.tokenRevoked',
};

/** The message of a `?notice=` value, or null. */
export function noticeOf(locale: Locale, notice: string | undefined): string | null {
  const id = notice === undefined ? undefined : NOTICES[notice];
  return id === undefined ? null : t(locale, id);
}
