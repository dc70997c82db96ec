import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../../domain/errors.js';
import { t, type Locale, type MessageId } from '../../i18n/i18n.js';
import type { ServiceContext } from '../../services/service-context.js';
import { toAppError } from '../problem.js';
import { accountRoutes } from './account.routes.js';
import { loadStylesheet } from './assets.js';
import { authenticatorRoutes } from './authenticator.routes.js';
import { clearSessionCookie } from './cookies.js';
import { isSameSiteRequest } from './csrf.js';
import { AssetParams } from './forms.schema.js';
import { invalidInvitationView, invitationRoutes } from './invitation.routes.js';
import { pageContext } from './page-context.js';
import { MessagePage, type MessageView } from './pages/message.page.js';
import { seeOther, sendPage } from './render.js';
import { signInRoutes } from './sign-in.routes.js';
import { sessionHooks, webContext, type WebContext } from './web-session.js';

export interface WebRoutesOptions {
  readonly ctx: ServiceContext;
  /**
   * Session and CSRF cookies are `Secure` and `__Host-`-prefixed (default true). Browsers treat
   * http://localhost as secure, so only plain HTTP on another host needs false.
   */
  readonly secureCookies?: boolean;
}

/** The error codes whose page has its own title and text in the catalogue. */
const CATALOGUED_ERRORS = ['CSRF_FAILED', 'NOT_FOUND', 'VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'INTERNAL'] as const;
type CataloguedError = (typeof CATALOGUED_ERRORS)[number];
const isCatalogued = (code: ErrorCode): code is CataloguedError => (CATALOGUED_ERRORS as readonly string[]).includes(code);

/** The page of an error that no form handled: its own words, or the generic ones. */
function errorView(locale: Locale, code: ErrorCode): MessageView {
  const known: CataloguedError = isCatalogued(code) ? code : 'INTERNAL';
  const title = isCatalogued(code) ? t(locale, `error.${known}.title` as MessageId) : t(locale, 'error.title');
  return { title, body: t(locale, `error.${known}.body` as MessageId), link: { href: '/login', text: t(locale, 'error.home') } };
}

/**
 * The server-rendered pages: sign-in with a second factor, the invitation link, enrolment of the
 * authenticator, the account page. An encapsulated plugin: its cookies, form parsing, CSRF checks
 * and HTML error pages stay out of the JSON API, which takes no cookies at all.
 */
export const webRoutes: FastifyPluginAsyncTypebox<WebRoutesOptions> = async (app, options) => {
  const web: WebContext = webContext(options.ctx, options.secureCookies ?? true, loadStylesheet());
  const hooks = sessionHooks(web);

  // Pages are not part of the API: keep them out of the OpenAPI document.
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  app.decorateRequest('webSession', null);
  app.decorateRequest('webSessionEnded', false);

  // First CSRF layer, before the body is even read: unsafe requests from another site are refused.
  app.addHook('onRequest', async (request) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && !isSameSiteRequest(request)) {
      throw new AppError('CSRF_FAILED', 'Cross-site form post refused');
    }
  });

  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unexpected error on a page');
    const page = { ...pageContext(web, request), signedIn: null };
    // A session that ended between two pages: back to sign-in, saying so.
    if (appError.code === 'SESSION_EXPIRED') {
      clearSessionCookie(reply, web.secureCookies);
      return seeOther(reply, '/login?notice=session-expired');
    }
    if (appError.code === 'INVITATION_INVALID') return sendPage(reply, 410, <MessagePage page={page} view={invalidInvitationView(page.locale)} />);
    if (appError.code === 'SERVICE_UNAVAILABLE') reply.header('retry-after', '5');
    return sendPage(reply, appError.status, <MessagePage page={page} view={errorView(page.locale, appError.code)} />);
  });

  // The stylesheet: under its fingerprinted name, immutable for a year; under its plain name
  // (bookmarks, tools) revalidated each time.
  app.get('/assets/:file', { schema: { params: AssetParams } }, async (request, reply) => {
    const { stylesheet } = web;
    if (request.params.file === stylesheet.fileName) reply.header('cache-control', 'public, max-age=31536000, immutable');
    else if (request.params.file === 'app.css') reply.header('cache-control', 'no-cache');
    else throw new AppError('NOT_FOUND', 'No such asset');
    return reply.type(stylesheet.contentType).header('x-content-type-options', 'nosniff').send(stylesheet.body);
  });

  await app.register(signInRoutes, { web, hooks });
  await app.register(invitationRoutes, { web, hooks });
  await app.register(authenticatorRoutes, { web, hooks });
  await app.register(accountRoutes, { web, hooks });
};
