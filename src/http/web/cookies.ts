import type { FastifyReply } from 'fastify';

/**
 * The two cookies of the web pages. Both carry the `__Host-` prefix, which browsers accept only
 * with Secure, Path=/ and no Domain: a sibling sub-domain can then neither set nor overwrite them
 * (no cookie tossing). Without `secure` (plain-HTTP development behind no proxy) the prefix would
 * make browsers drop the cookie, so the names lose it.
 */
export interface CookieNames {
  /** The session: its random secret; only its SHA-256 is stored (services/identity/sign-in.ts). */
  readonly session: string;
  /** The anonymous double-submit CSRF value of the forms used before there is a session. */
  readonly csrf: string;
}

/** The cookie names under a cookie policy: `__Host-` prefixed when Secure. */
export function cookieNames(secure: boolean): CookieNames {
  return secure
    ? { session: '__Host-assent_session', csrf: '__Host-assent_csrf' }
    : { session: 'assent_session', csrf: 'assent_csrf' };
}

/**
 * Sets the session cookie. SameSite=Lax: a link from an e-mail to a page still arrives signed in,
 * while cross-site form posts carry no cookie. No Max-Age: the browser forgets it when it closes,
 * and the server enforces the idle and absolute timeouts in any case.
 */
export function setSessionCookie(reply: FastifyReply, secure: boolean, secret: string): void {
  reply.setCookie(cookieNames(secure).session, secret, { httpOnly: true, secure, sameSite: 'lax', path: '/' });
}

/** Clears the session cookie (sign-out, an expired or unknown session). */
export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(cookieNames(secure).session, { httpOnly: true, secure, sameSite: 'lax', path: '/' });
}

/** Sets the anonymous CSRF cookie: Strict, since only this site's own forms need to send it back. */
export function setCsrfCookie(reply: FastifyReply, secure: boolean, value: string): void {
  reply.setCookie(cookieNames(secure).csrf, value, { httpOnly: true, secure, sameSite: 'strict', path: '/' });
}
