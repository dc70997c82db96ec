import zlib from 'node:zlib';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import compress from '@fastify/compress';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { ERROR_CATALOGUE } from '../domain/errors.js';
import { normaliseInputText } from '../domain/text/input-text.js';
import { addSchemaFormats } from '../schemas/formats.js';
import { checkDatabase } from '../services/check-database.js';
import { changeTokenReader } from '../services/content-changes.js';
import type { Organisation, TrustProxy } from '../config.js';
import type { ServiceContext } from '../services/service-context.js';
import { adminRoutes, attachmentRoutes } from './api/admin.routes.js';
import { PROBLEM_SCHEMA } from '../schemas/responses.schema.js';
import { consultationRoutes } from './api/consultations.routes.js';
import { replyRoutes } from './api/replies.routes.js';
import { resultRoutes } from './api/results.routes.js';
import { documentRoutes } from './api/documents.routes.js';
import { keyRoutes } from './api/keys.routes.js';
import { procedureRoutes } from './api/procedures.routes.js';
import { resolveActor } from './auth.js';
import { answerClientError, problemType, sendFrameworkProblem, sendProblem } from './problem.js';
import { registerMetrics } from './metrics.js';
import { createPublicCache, type PublicCache } from './public-cache.js';
import { lazySchemaController } from './lazy-schemas.js';
import { AppError } from '../domain/errors.js';
import { stripLocalePrefix } from './web/locale-url.js';
import { sendNotFoundPage, webRoutes } from './web/web.routes.js';

export interface BuildAppOptions {
  readonly ctx: ServiceContext;
  /** Largest JSON body in bytes. */
  readonly bodyLimit?: number;
  /** Requests per minute per client address on /api (0: unlimited). */
  readonly rateLimitPerMinute?: number;
  /** Receipt verifications per minute per client address (default 30; 0: unlimited). */
  readonly receiptVerifyPerMinute?: number;
  /** Folder of the .eml files written when no SMTP server is configured. */
  readonly mailDir?: string;
  /** Bearer token for /metrics (null or omitted: none, and /metrics answers nobody unless `metricsPublic`). */
  readonly metricsToken?: string | null;
  /** /metrics answers without a token (METRICS_PUBLIC; only when no token is set). */
  readonly metricsPublic?: boolean;
  /** Which reverse proxies' X-Forwarded-For to believe (none by default; never every hop). */
  readonly trustProxy?: TrustProxy;
  /** Fastify logger setting (false in tests). */
  readonly logger?: FastifyServerOptions['logger'];
  readonly version?: string;
  /** Session and CSRF cookies of the web pages are Secure and `__Host-` prefixed (default true). */
  readonly secureCookies?: boolean;
  /** Where files posted with page forms wait while their request is answered (default: the system's temporary folder). */
  readonly uploadTempDir?: string;
  /**
   * Public answers kept in memory for readers who are not signed in (src/http/public-cache.ts;
   * PUBLIC_CACHE_ENTRIES, default 1000; 0: off).
   */
  readonly publicCacheEntries?: number;
  /** Most bytes those answers may take, compressed forms included (PUBLIC_CACHE_MB; default 64 MiB). */
  readonly publicCacheBytes?: number;
  /** A public response cache made by the caller (tests read its figures); replaces the two settings above. */
  readonly publicCache?: PublicCache;
  /** The site's public address (PUBLIC_URL): links in the files the API serves (calendar files). */
  readonly publicUrl?: string;
  /** The organisation's name by language and the path of its logo (ORG_NAME, ORG_LOGO), for the pages' header. */
  readonly organisation?: Organisation;
}

/**
 * The security headers of every answer, as helmet writes them with Assent's policy: a strict
 * Content-Security-Policy (no inline script or style, no framing, forms to this site only), a
 * same-origin referrer policy, and helmet's other defaults. HSTS is sent per request, over HTTPS only.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = (() => {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  })({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return Object.freeze(headers);
})();

/** Keys the pino logger must never print. */
export const LOG_REDACTIONS = ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token', '*.secret'];

/**
 * A request's address as the log may keep it: the secret of a single-use link (an invitation, a
 * password reset, an authenticator link) is a credential, so its path segment is masked. Whoever
 * reads the logs must not be able to take an account with them.
 */
export function loggableUrl(url: string): string {
  return url.replace(/\/(invitations|password-reset)\/[^/?#]+/g, '/$1/[redacted]');
}

/** The request as each log line shows it (Fastify's own fields), its link secrets masked. */
export const LOG_SERIALIZERS = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: loggableUrl(request.url),
      host: request.hostname,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort ?? 0,
    };
  },
};

/**
 * Builds the Fastify application without listening (tests use `inject`, main.ts listens).
 * The JSON API lives under /api/v1, authenticated by bearer tokens, every error an RFC 9457
 * problem document; its OpenAPI document is /api/v1/openapi.json and the human docs /api/docs.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { ctx } = options;
  const publicCache: PublicCache =
    options.publicCache ??
    createPublicCache({
      token: changeTokenReader(ctx),
      clock: ctx.clock,
      maxEntries: options.publicCacheEntries ?? 1000,
      maxBytes: options.publicCacheBytes ?? 64 * 1024 * 1024,
    });
  const lazySchemas = lazySchemaController();
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Unknown fields are refused (not silently removed) and nothing is coerced: a client learns
    // of its mistake instead of having a different request carried out.
    // The schemas' formats (days, instants, one-line and multi-line text) are the domain's checks,
    // the same the CLI and the pages use (schemas/formats.ts).
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: true },
      onCreate: addSchemaFormats,
    },
    return503OnClosing: true,
    // Each route's schemas compiled on its first request, not all at start (src/http/lazy-schemas.ts).
    schemaController: lazySchemas.controller,
    // What fails before routing, or before Node has a request at all, is a problem document too.
    frameworkErrors: sendFrameworkProblem,
    clientErrorHandler: answerClientError,
    // The proxies' addresses, never `true`: trusting every hop would let a client choose its
    // address (request.ip, which the sign-in lock and the rate limit count) by sending X-Forwarded-For.
    trustProxy: options.trustProxy ? [...options.trustProxy] : false,
    genReqId: () => crypto.randomUUID(),
    // Pages carry their language in the URL (`/fr/…`); the prefix is taken off before routing.
    rewriteUrl: (request) => stripLocalePrefix(request),
  }).withTypeProvider<TypeBoxTypeProvider>();
  lazySchemas.attach(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Assent API',
        version: options.version ?? '0.1.0',
        description:
          'Member State consultations on draft texts — the ITU-T Traditional Approval Procedure (WTSA Resolution 1, Section 9). Errors are RFC 9457 problem documents with a stable `code` (catalogue: /api/problems).',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token (assent token create)' },
        },
      },
      security: [{ bearer: [] }],
    },
    // Shared schemas keep their $id as the component name (e.g. #/components/schemas/Problem).
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  });
  // Strict security headers everywhere: no inline script or style, no framing, no referrer
  // outside the site. The API answers JSON only, so its pages need nothing else. Computed once:
  // they do not depend on the request (no nonces), and @fastify/helmet rebuilt them, CSP parsing
  // included, on every request (a tenth of the cost of a page served from memory).
  const headers = SECURITY_HEADERS;
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  // HSTS only on requests that came over HTTPS (directly, or per X-Forwarded-Proto from a trusted
  // proxy: request.protocol believes the header only then). Over plain HTTP browsers must ignore
  // it (RFC 6797 §8.1), and sending it there says the server does not know how it is reached.
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  // Pages, assets and JSON travel compressed to browsers that ask (a slow connection gains most).
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  // The API docs (swagger-ui) get their own CSP with the hashes of swagger-ui's inline code.
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.addSchema(PROBLEM_SCHEMA);

  app.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));
  // The API (and machine paths) answer a problem document; anything else is a page, so a person
  // who mistypes an address gets a page in their language.
  app.setNotFoundHandler((request, reply) => {
    const error = new AppError('NOT_FOUND', `No route ${request.method} ${request.url}`);
    if (/^\/(api|metrics|health)(\/|$)/.test(request.url)) return sendProblem(error, request, reply);
    return sendNotFoundPage(request, reply);
  });

  await app.register(
    async (api) => {
      // Set on every request by the onRequest hook below (null until then; objects may not be shared decorations).
      api.decorateRequest('actor', null as never);
      // The API speaks JSON only: a JSON document sent as text/plain is refused with 415, not parsed.
      api.removeContentTypeParser('text/plain');
      // Registered even when the API-wide limit is off: routes that cost more than a read (receipt
      // verification) keep their own limit (`config.rateLimit`).
      const perMinute = options.rateLimitPerMinute ?? 600;
      await api.register(rateLimit, { global: perMinute > 0, max: perMinute > 0 ? perMinute : 1, timeWindow: 60_000 });
      api.addHook('onRequest', async (request) => {
        request.actor = await resolveActor(ctx, request);
      });
      // After the rate limit and the actor: a stored public answer still counts against the limit.
      // The API takes no cookies: a request without a token is the public's.
      publicCache.install(api, {
        personal: (request) => request.headers.authorization !== undefined,
        varyOn: 'Authorization',
      });
      // Text arrives well-formed and composed (NFC), without controls or bidi overrides, before
      // the schema sees it: the same function the pages and the CLI use (domain/text/input-text.ts).
      api.addHook('preValidation', async (request) => {
        if (request.body === undefined) return;
        const { value, problems } = normaliseInputText(request.body);
        if (problems.length > 0)
          throw new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
            errors: problems,
          });
        request.body = value;
      });
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      await api.register(consultationRoutes, { ctx, publicUrl: options.publicUrl });
      await api.register(replyRoutes, { ctx, receiptVerifyPerMinute: options.receiptVerifyPerMinute ?? 30 });
      await api.register(resultRoutes, { ctx });
      await api.register(adminRoutes, { ctx, mailDir: options.mailDir ?? 'data/mail' });
      await api.register(attachmentRoutes, { ctx });
      await api.register(documentRoutes, { ctx });
      await api.register(procedureRoutes);
    },
    { prefix: '/api/v1' },
  );

  app.get('/api/problems', { schema: { hide: true } }, async () => ({
    items: Object.entries(ERROR_CATALOGUE).map(([code, entry]) => ({
      type: problemType(code as keyof typeof ERROR_CATALOGUE),
      code,
      status: entry.status,
      title: entry.title,
    })),
  }));

  await app.register(webRoutes, {
    ctx,
    publicCache,
    secureCookies: options.secureCookies ?? true,
    ...(options.organisation !== undefined && { organisation: options.organisation }),
    ...(options.publicUrl !== undefined && { publicUrl: options.publicUrl }),
    ...(options.uploadTempDir !== undefined && { uploadTempDir: options.uploadTempDir }),
  });

  registerMetrics(app, ctx, {
    token: options.metricsToken ?? null,
    open: options.metricsPublic ?? false,
    publicCache: publicCache.stats,
  });

  await app.register(keyRoutes, { ctx });

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/health/ready', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await checkDatabase(ctx);
      return { status: 'ready' };
    } catch {
      return reply
        .code(503)
        .type('application/problem+json')
        .send({
          type: problemType('SERVICE_UNAVAILABLE'),
          title: 'Database unreachable',
          status: 503,
          code: 'SERVICE_UNAVAILABLE',
          detail: 'The database does not answer',
          instance: '/health/ready',
        });
    }
  });

  await app.ready();
  return app;
}
