import type { AccountRole } from '../../domain/identity/account.js';

/**
 * Where a person goes after signing in (issue #16 items 5 and 6): back to the page that sent them to
 * sign in, else to their work. A `next` address travels through the sign-in forms as a query
 * parameter and a hidden field; only a path of this site is followed, so the sign-in page can never
 * send anyone elsewhere (an open redirect).
 */

/** The most characters of a `next` address followed (a page with its query; anything longer is dropped). */
const NEXT_MAX = 1000;

/** The sign-in pages themselves: returning to one after signing in would go round in circles. */
const SIGN_IN_PAGES = /^\/(?:[a-z]{2}\/)?(?:login|logout)(?:[/?#]|$)/;

/**
 * The `next` address if it may be followed: a path of this site (one leading slash, no scheme, no
 * `//` or backslash that a browser would read as another host), printable, not a sign-in page.
 * Null otherwise.
 */
export function safeNext(value: string | undefined | null): string | null {
  if (value === undefined || value === null || value.length === 0 || value.length > NEXT_MAX) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a control character or a space is refused
  if (/[\u0000-\u0020\u007f]/.test(value)) return null;
  if (SIGN_IN_PAGES.test(value)) return null;
  return value;
}

/**
 * The path and query of the page a form was posted from, from its Referer when that is this very
 * host (pages send it to their own origin only: `referrer` is `same-origin`); null otherwise.
 */
export function refererPath(referer: string | undefined, host: string | undefined): string | null {
  if (referer === undefined || host === undefined || referer.length > NEXT_MAX * 2) return null;
  try {
    const url = new URL(referer);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.host !== host) return null;
    return `${url.pathname}${url.search}`;
  } catch {
    return null;
  }
}

/** An address with `next` added to its query, when there is one to keep. */
export function withNext(path: string, next: string | null): string {
  if (next === null) return path;
  return `${path}${path.includes('?') ? '&' : '?'}next=${encodeURIComponent(next)}`;
}

/** Each role's work: the secretariat's circulars, what a focal point's State owes, the consultations for an observer. */
export function landingPage(role: AccountRole): string {
  switch (role) {
    case 'secretariat_admin':
    case 'secretariat_staff':
      return '/secretariat';
    case 'focal_point':
      return '/my';
    case 'observer':
      return '/';
  }
}
