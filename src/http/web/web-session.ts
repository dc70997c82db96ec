import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../domain/errors.js';
import { randomSecret } from '../../services/identity/secrets.js';
import { resolveSession, signOut, type Client, type ResolvedSession } from '../../services/identity/sign-in.js';
import type { ServiceContext } from '../../services/service-context.js';
import type { Asset } from './assets.js';
import { clearSessionCookie, cookieNames, setCsrfCookie, type CookieNames } from './cookies.js';
import { CSRF_FIELD, isValidCsrfToken, sessionCsrfToken } from './csrf.js';
import { landingPage, refererPath, safeNext, withNext } from './next-page.js';
import { seeOther } from './render.js';

/** A live session behind the request's cookie. */
export interface WebSession extends ResolvedSession {
  /** The cookie's secret (the services take it to find the session again). */
  readonly secret: string;
  /** The CSRF token of this session's forms. */
  readonly csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The web session, once `loadSession` ran: null without a cookie or when the session ended. */
    webSession: WebSession | null;
    /** True when the request carried a session cookie whose session had ended (the cookie is then cleared). */
    webSessionEnded: boolean;
    /** True once `loadSession` ran for this request (it runs once, however many hooks ask). */
    webSessionLoaded: boolean;
  }
}

/** What the web routes share: the services, the cookie policy and the stylesheet. */
export interface WebContext {
  readonly ctx: ServiceContext;
  readonly secureCookies: boolean;
  readonly cookies: CookieNames;
  readonly stylesheet: Asset;
  /** The site's public address (PUBLIC_URL), for links written into e-mails; null: the request's own. */
  readonly publicUrl: string | null;
  /** The organisation's name by language (`default` for the others) and logo, for the header. */
  readonly organisation: { readonly names: Readonly<Record<string, string>>; readonly logo: Asset | null };
}

/** The shared context of the web routes, built once when the plugin registers. */
export function webContext(
  ctx: ServiceContext,
  secureCookies: boolean,
  stylesheet: Asset,
  organisation: WebContext['organisation'] = { names: {}, logo: null },
  publicUrl: string | null = null,
): WebContext {
  return { ctx, secureCookies, cookies: cookieNames(secureCookies), stylesheet, organisation, publicUrl };
}

/** The requesting browser, for the session row and the per-address sign-in throttle. */
export function clientOf(request: FastifyRequest): Client {
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
}

/** The page a session waiting for its second factor must go to. */
export function pendingStep(session: WebSession): '/account/authenticator' | '/login/verify' {
  return session.account.totpEnabledAt === null ? '/account/authenticator' : '/login/verify';
}

/**
 * The anonymous CSRF value of this browser, for the forms used before there is a session
 * (double submit): the cookie's, or a new one set now. A malformed cookie is replaced.
 */
export function anonymousCsrfToken(web: WebContext, request: FastifyRequest, reply: FastifyReply): string {
  const existing = request.cookies[web.cookies.csrf];
  if (existing !== undefined && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const value = randomSecret();
  setCsrfCookie(reply, web.secureCookies, value);
  return value;
}

/** The hidden `_csrf` field of a parsed form body. */
function csrfFieldOf(request: FastifyRequest): unknown {
  const body = request.body as Record<string, unknown> | null | undefined;
  return body?.[CSRF_FIELD];
}

/** The route hooks of the web pages (preHandlers: the form body is parsed by then). */
export function sessionHooks(web: WebContext) {
  const { ctx } = web;

  /**
   * Resolves the session cookie, once per request (the multipart reader asks before the body is
   * read, the route's hooks ask again). An ended session clears the cookie; other failures propagate.
   */
  async function loadSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (request.webSessionLoaded) return;
    request.webSessionLoaded = true;
    request.webSession = null;
    request.webSessionEnded = false;
    const secret = request.cookies[web.cookies.session];
    if (secret === undefined || secret === '') return;
    try {
      const resolved = secret.length > 200 ? null : await resolveSession(ctx, secret);
      if (resolved === null) throw new AppError('SESSION_EXPIRED');
      request.webSession = {
        ...resolved,
        secret,
        csrfToken: sessionCsrfToken(ctx.secretKey, resolved.session.csrfSecret),
      };
    } catch (error) {
      if (!isAppError(error) || error.code !== 'SESSION_EXPIRED') throw error;
      request.webSessionEnded = true;
      clearSessionCookie(reply, web.secureCookies);
    }
  }

  /**
   * Where a request without a live session goes: the sign-in page, saying why when a session just
   * ended, and (for a page asked for, not a form posted) which page to return to afterwards.
   */
  function toSignIn(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    // A form posted after the session ended returns to the page it was on (its Referer, same
    // origin only), where the script offers back what was typed.
    const next =
      request.method === 'GET'
        ? safeNext(request.url)
        : safeNext(refererPath(request.headers.referer, request.headers.host));
    return seeOther(reply, withNext(request.webSessionEnded ? '/login?notice=session-expired' : '/login', next));
  }

  /** Pages of a signed-in person: a live session that has given its second factor (or needs none). */
  async function requireVerified(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
    const session = request.webSession;
    if (!session) return toSignIn(request, reply);
    // A session waiting for its second factor reaches only the step it waits for (and sign-out).
    if (!session.verified) return seeOther(reply, pendingStep(session));
  }

  /** The second step of signing in: a session waiting for a code of an enrolled authenticator. */
  async function requireVerifyStep(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
    const session = request.webSession;
    if (!session) return toSignIn(request, reply);
    if (session.verified) return seeOther(reply, landingPage(session.account.role));
    if (pendingStep(session) !== '/login/verify') return seeOther(reply, pendingStep(session));
  }

  /** Enrolment: any live session whose account has no confirmed authenticator yet. */
  async function requireEnrolStep(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
    const session = request.webSession;
    if (!session) return toSignIn(request, reply);
    if (session.account.totpEnabledAt !== null || session.account.totpSecret === null) {
      return seeOther(reply, session.verified ? '/account' : '/login/verify');
    }
  }

  /** Pages of the secretariat (staff and administrators). @throws FORBIDDEN for anyone else signed in */
  async function requireSecretariat(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
    const redirected: FastifyReply | void = await requireVerified(request, reply);
    if (redirected !== undefined) return redirected;
    if (request.webSession!.actor.kind !== 'secretariat')
      throw new AppError('FORBIDDEN', 'Pages of the secretariat only');
  }

  /** Pages of the secretariat's administrators (accounts, invitations). @throws FORBIDDEN */
  async function requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
    const redirected: FastifyReply | void = await requireSecretariat(request, reply);
    if (redirected !== undefined) return redirected;
    const actor = request.webSession!.actor;
    if (actor.kind !== 'secretariat' || !actor.admin) throw new AppError('FORBIDDEN', 'Pages of administrators only');
  }

  /** Pages of a Member State's focal points. @throws FORBIDDEN for anyone else signed in */
  async function requireFocalPoint(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
    const redirected: FastifyReply | void = await requireVerified(request, reply);
    if (redirected !== undefined) return redirected;
    if (request.webSession!.actor.kind !== 'focal_point') throw new AppError('FORBIDDEN', 'Pages of focal points only');
  }

  /** The form's token must be the session's (after one of the require hooks). @throws CSRF_FAILED */
  async function verifySessionCsrf(request: FastifyRequest): Promise<void> {
    if (!isValidCsrfToken(request.webSession?.csrfToken, csrfFieldOf(request))) {
      throw new AppError('CSRF_FAILED', 'The form token is missing or belongs to another session');
    }
  }

  /** Forms used before there is a session: the token must equal the CSRF cookie (double submit). @throws CSRF_FAILED */
  async function verifyAnonymousCsrf(request: FastifyRequest): Promise<void> {
    if (!isValidCsrfToken(request.cookies[web.cookies.csrf], csrfFieldOf(request))) {
      throw new AppError('CSRF_FAILED', 'The form token does not match the CSRF cookie');
    }
  }

  /**
   * The CSRF token of the request's session when it is signed in with its second factor given,
   * else null: what a multipart form must carry as its first field before its body is read.
   */
  async function verifiedFormToken(request: FastifyRequest, reply: FastifyReply): Promise<string | null> {
    await loadSession(request, reply);
    const session = request.webSession;
    return session?.verified ? session.csrfToken : null;
  }

  /** Ends the session the browser still holds before another begins (no two sessions in one browser). */
  async function endPreviousSession(request: FastifyRequest): Promise<void> {
    const secret = request.cookies[web.cookies.session];
    if (secret !== undefined && secret !== '' && secret.length <= 200) await signOut(ctx, secret);
  }

  return {
    loadSession,
    requireVerified,
    requireVerifyStep,
    requireEnrolStep,
    requireSecretariat,
    requireAdmin,
    requireFocalPoint,
    verifySessionCsrf,
    verifyAnonymousCsrf,
    verifiedFormToken,
    endPreviousSession,
  };
}

export type SessionHooks = ReturnType<typeof sessionHooks>;
