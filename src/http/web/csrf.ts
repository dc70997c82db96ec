import { createHmac } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sameSecret } from '../../services/identity/secrets.js';

/**
 * Cross-site request forgery defences of the web forms, in two layers:
 *
 * 1. Every unsafe request is refused when the browser says it comes from another site
 *    (`Sec-Fetch-Site: cross-site`) or names an `Origin` whose host is not this one.
 * 2. Every form carries a hidden `_csrf` token. With a session, the token is an HMAC of the
 *    session's own random `csrfSecret` under the server key: it changes with each session
 *    (rotation at sign-in and after the second factor), cannot be computed without the key, and a
 *    token of one session is worthless in another. Before there is a session (sign-in,
 *    invitation), the token is a random value that must equal the one in a `__Host-` cookie
 *    (double submit); the prefix keeps sub-domains from planting that cookie.
 */

/** The name of the hidden form field. */
export const CSRF_FIELD = '_csrf';

/** The token of a session's forms: base64url(HMAC-SHA256(server key, session.csrfSecret)). */
export function sessionCsrfToken(secretKey: Buffer, csrfSecret: string): string {
  return createHmac('sha256', secretKey).update(csrfSecret, 'utf8').digest('base64url');
}

/** Constant-time check of a form's token against the expected one (false when either is missing). */
export function isValidCsrfToken(expected: string | undefined, given: unknown): boolean {
  if (typeof expected !== 'string' || expected === '' || typeof given !== 'string' || given === '') return false;
  return sameSecret(expected, given);
}

/**
 * False when the request says it comes from another site: `Sec-Fetch-Site: cross-site`, or an
 * `Origin` (including the opaque `null`) whose host and port differ from the `Host` the request
 * was sent to. Requests without either header (old browsers, tools) pass on to the token check.
 */
export function isSameSiteRequest(request: FastifyRequest): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const host = request.headers.host;
  if (host === undefined) return false;
  try {
    const from = new URL(origin);
    // Normalise the Host header with the origin's scheme, so "example.org:443" equals "https://example.org".
    return from.host === new URL(`${from.protocol}//${host}`).host;
  } catch {
    return false;
  }
}
