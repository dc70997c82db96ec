import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_CATALOGUE, type ErrorCode } from '../../domain/errors.js';
import { normaliseInputText } from '../../domain/text/input-text.js';
import { t, type Locale, type MessageId } from '../../i18n/i18n.js';
import type { ServiceContext } from '../../services/service-context.js';
import { toAppError } from '../problem.js';
import { accountRoutes } from './account.routes.js';
import type { Organisation } from '../../config.js';
import { allAssets, loadIcon, loadStylesheet, logoAsset, scriptHref, stylesheetHref } from './assets.js';
import { safeNext, withNext } from './next-page.js';
import { authenticatorRoutes } from './authenticator.routes.js';
import { clearSessionCookie, cookieNames } from './cookies.js';
import type { PublicCache } from '../public-cache.js';
import { isSameSiteRequest } from './csrf.js';
import { AssetParams } from './forms.schema.js';
import { invalidInvitationView, invitationRoutes } from './invitation.routes.js';
import { invalidPasswordResetView, passwordResetRoutes } from './password-reset.routes.js';
import { localeHref } from './locale-url.js';
import { registerWebMultipart } from './multipart.js';
import { localeOf, pageContext } from './page-context.js';
import type { PageContext } from './components/layout.js';
import { PUBLIC_ACTOR } from '../../domain/policy/actor.js';
import { MessagePage, type MessageView } from './pages/message.page.js';
import { publicRoutes } from './public.routes.js';
import { documentPageRoutes } from './documents.routes.js';
import { replyRoutes } from './reply.routes.js';
import { seeOther, sendPage } from './render.js';
import { secretariatOutcomeRoutes } from './secretariat-outcome.routes.js';
import { secretariatRoutes } from './secretariat.routes.js';
import { signInRoutes } from './sign-in.routes.js';
import { sessionHooks, webContext, type WebContext } from './web-session.js';

export interface WebRoutesOptions {
  readonly ctx: ServiceContext;
  /**
   * Session and CSRF cookies are `Secure` and `__Host-`-prefixed (default true). Browsers treat
   * http://localhost as secure, so only plain HTTP on another host needs false.
   */
  readonly secureCookies?: boolean;
  /** Where multipart forms' files wait while a request is answered (default: the system's temporary folder). */
  readonly uploadTempDir?: string;
  /** The public response cache: the public pages, for readers without a session, are served from it. */
  readonly publicCache?: PublicCache;
  /** The organisation's name by language and the path of its logo (ORG_NAME, ORG_LOGO). */
  readonly organisation?: Organisation;
  /** The site's public address (PUBLIC_URL), for the links of e-mails previewed on the pages. */
  readonly publicUrl?: string;
}

/** The error codes whose page has its own title and text in the catalogue. */
const CATALOGUED_ERRORS = [
  'CSRF_FAILED',
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
  'RESULTS_NOT_AVAILABLE',
  'NOT_YOUR_MEMBER_STATE',
  'PDF_UNAVAILABLE',
  'NOTICE_NOT_ALLOWED',
  'CONFLICT',
  'MALFORMED_REQUEST',
  'REQUEST_TIMEOUT',
  'URI_TOO_LONG',
  'HEADERS_TOO_LARGE',
] as const;
type CataloguedError = (typeof CATALOGUED_ERRORS)[number];
const isCatalogued = (code: ErrorCode): code is CataloguedError =>
  (CATALOGUED_ERRORS as readonly string[]).includes(code);

/** The page of an error that no form handled: its own words, or the generic ones. */
export function errorView(locale: Locale, code: ErrorCode): MessageView {
  const known: CataloguedError = isCatalogued(code) ? code : fallbackOf(code);
  const title = t(locale, `error.${known}.title` as MessageId);
  return {
    title,
    body: t(locale, `error.${known}.body` as MessageId),
    link: { href: localeHref(locale, '/'), text: t(locale, 'error.home') },
  };
}

/** The words of an error without its own: by its status (a refusal, a missing thing, a conflict), else the generic ones. */
function fallbackOf(code: ErrorCode): CataloguedError {
  const { status } = ERROR_CATALOGUE[code];
  if (status === 401 || status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409 || status === 412 || status === 422) return 'CONFLICT';
  if (status === 400) return 'VALIDATION_FAILED';
  return 'INTERNAL';
}

/** The page of an address that matches no route (the app's not-found handler sends it for non-API paths). */
export function sendNotFoundPage(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const locale = localeOf(request);
  const page: PageContext = {
    locale,
    cssHref: stylesheetHref(),
    jsHref: scriptHref(),
    signedIn: null,
    actor: PUBLIC_ACTOR,
    path: '/',
    href: (p) => localeHref(locale, p),
    localPath: (p) => localeHref(locale, p),
  };
  return sendPage(reply, 404, <MessagePage page={page} view={errorView(locale, 'NOT_FOUND')} />);
}

/**
 * The server-rendered pages: sign-in with a second factor, the invitation link, "Forgot your
 * password?" and its link, enrolment of the authenticator, the account page. An encapsulated plugin: its cookies, form parsing, CSRF checks
 * and HTML error pages stay out of the JSON API, which takes no cookies at all.
 */
export const webRoutes: FastifyPluginAsyncTypebox<WebRoutesOptions> = async (app, options) => {
  const logo = options.organisation?.logo ? logoAsset(options.organisation.logo) : null;
  const web: WebContext = webContext(
    options.ctx,
    options.secureCookies ?? true,
    loadStylesheet(),
    { names: options.organisation?.names ?? {}, logo },
    options.publicUrl ?? null,
  );
  const hooks = sessionHooks(web);

  // Pages are not part of the API: keep them out of the OpenAPI document.
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });

  await app.register(cookie);
  // Once cookies are parsed: a reader with a session cookie (valid or not) is never served a stored page.
  options.publicCache?.install(app, {
    personal: (request) =>
      request.headers.authorization !== undefined ||
      request.cookies[cookieNames(true).session] !== undefined ||
      request.cookies[cookieNames(false).session] !== undefined,
    varyOn: 'Cookie',
  });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  app.decorateRequest('webSession', null);
  app.decorateRequest('webSessionEnded', false);
  app.decorateRequest('webSessionLoaded', false);
  // Multipart bodies (the only ones with files) are read only for a signed-in session whose form
  // token comes first: decided in preValidation, before a byte of the body is consumed.
  registerWebMultipart(app, {
    maxFileBytes: options.ctx.attachmentMaxBytes,
    ...(options.uploadTempDir !== undefined && { tempDir: options.uploadTempDir }),
    sessionToken: hooks.verifiedFormToken,
  });
  // Form text arrives well-formed and composed (NFC), without controls (but line breaks and tabs)
  // or bidi embeddings, overrides and isolates: the API's function (domain/text/input-text.ts).
  // Passwords are left exactly as typed: never shown, and what is stored is a hash of them.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined || request.body === null) return;
    const { value, problems } = normaliseInputText(request.body, { skip: (field) => /password/i.test(field) });
    if (problems.length > 0)
      throw new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
        errors: problems,
      });
    request.body = value;
  });

  // First CSRF layer, before the body is even read: unsafe requests from another site are refused.
  app.addHook('onRequest', async (request) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && !isSameSiteRequest(request)) {
      throw new AppError('CSRF_FAILED', 'Cross-site form post refused');
    }
  });

  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unexpected error on a page');
    const page = pageContext(web, request);
    // A session that ended between two pages: back to sign-in, saying so.
    if (appError.code === 'SESSION_EXPIRED') {
      clearSessionCookie(reply, web.secureCookies);
      return seeOther(
        reply,
        withNext('/login?notice=session-expired', request.method === 'GET' ? safeNext(request.url) : null),
      );
    }
    // Something only a signed-in person may have (another State's reply document, say): sign in first.
    if (appError.code === 'UNAUTHENTICATED')
      return seeOther(reply, withNext('/login', request.method === 'GET' ? safeNext(request.url) : null));
    if (appError.code === 'INVITATION_INVALID')
      return sendPage(reply, 410, <MessagePage page={page} view={invalidInvitationView(page.locale)} />);
    if (appError.code === 'PASSWORD_RESET_INVALID')
      return sendPage(
        reply,
        410,
        <MessagePage page={page} view={invalidPasswordResetView(page.locale, page.localPath)} />,
      );
    if (appError.code === 'SERVICE_UNAVAILABLE') reply.header('retry-after', '5');
    return sendPage(reply, appError.status, <MessagePage page={page} view={errorView(page.locale, appError.code)} />);
  });

  // The stylesheet and the script: under their fingerprinted names, immutable for a year; under
  // their plain names (bookmarks, tools) revalidated each time.
  app.get('/assets/:file', { schema: { params: AssetParams } }, async (request, reply) => {
    const { file } = request.params;
    const asset = [...allAssets(), ...(logo ? [logo] : [])].find((a) => a.fileName === file || a.plainName === file);
    if (!asset) throw new AppError('NOT_FOUND', 'No such asset');
    reply.header('cache-control', asset.fileName === file ? 'public, max-age=31536000, immutable' : 'no-cache');
    return reply.type(asset.contentType).header('x-content-type-options', 'nosniff').send(asset.body);
  });

  // Browsers and tools that look for the icon at the conventional address, whatever the page says.
  app.get('/favicon.ico', async (_request, reply) => {
    const icon = loadIcon();
    reply.header('cache-control', 'public, max-age=86400');
    return reply.type(icon.contentType).header('x-content-type-options', 'nosniff').send(icon.body);
  });

  await app.register(signInRoutes, { web, hooks });
  await app.register(invitationRoutes, { web, hooks });
  await app.register(passwordResetRoutes, { web, hooks });
  await app.register(authenticatorRoutes, { web, hooks });
  await app.register(accountRoutes, { web, hooks });
  await app.register(replyRoutes, { web, hooks });
  await app.register(secretariatRoutes, { web, hooks });
  await app.register(secretariatOutcomeRoutes, { web, hooks });
  await app.register(publicRoutes, { web, hooks });
  await app.register(documentPageRoutes, { web, hooks });
};
