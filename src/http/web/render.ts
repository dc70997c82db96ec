import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { isLocale } from '../../i18n/i18n.js';
import { localeHref, urlLocale } from './locale-url.js';

/**
 * Sends a rendered page. Pages are pure functions of a view-model rendered synchronously; preact
 * escapes every text and attribute value, so text typed by people (account names, labels) is
 * inert. `no-store`: these pages carry personal data, one-time secrets and CSRF tokens, and must
 * not be kept by the browser's history cache or a shared proxy. The public's pages, read without a
 * session, are the exception: the public response cache marks them `public, no-cache` with an
 * ETag (src/http/public-cache.ts).
 */
export function sendPage(reply: FastifyReply, status: number, page: VNode): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>${renderToString(page)}`);
}

/** Whether a path starts with one of the pages' languages (`/fr/…`), not merely two letters (`/my`). */
function namesLocale(location: string): boolean {
  const first = /^\/([a-z]{2})(?:[/?#]|$)/.exec(location)?.[1];
  return first !== undefined && isLocale(first);
}

/**
 * A 303 See Other: after a POST the browser GETs the next page (post-redirect-get). A site path
 * stays in the language of the request: from `/fr/login`, `seeOther(reply, '/account')` goes to
 * `/fr/account` (a path that already names a language is left as it is).
 */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  const locale = urlLocale(reply.request.raw);
  const target =
    locale !== null && location.startsWith('/') && !namesLocale(location) ? localeHref(locale, location) : location;
  return reply.header('cache-control', 'no-store').redirect(target, 303);
}
