import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { nextPhaseChange, type PhaseWindow } from '../domain/procedure/phases.js';
import type { Clock } from '../domain/time/clock.js';
import type { ChangeTokenReader } from '../services/content-changes.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's answer to a reader who is not signed in may be kept and served again
     * (src/http/public-cache.ts); the handler says until when with `cacheUntil`.
     */
    publicCache?: boolean;
  }
}

/**
 * The public response cache. The pages and JSON that everyone reads (the home page, a circular,
 * its results, the approved texts, and their API twins) are the same for every reader who is not
 * signed in, and they are what thousands of delegates open the morning a circular is issued or
 * its results appear. Each is rendered once and served from memory while two things hold:
 *
 * - **Nothing was written since.** Before it serves a stored answer, the cache reads the
 *   database's change token (repositories/change-token.repository.ts), which moves on every
 *   commit by any process or instance; the token is read before the page is rendered, so an answer
 *   is never stored under a token newer than its data. Every instance checks for itself: several
 *   instances behind one PostgreSQL serve another instance's commit within 20 ms, their own
 *   service writes at once (services/content-changes.ts).
 * - **The clock has not passed what the page depends on.** The route gives the instant its page
 *   stops being true (`cacheUntil`): the next change of phase (a deadline, a meeting's first day)
 *   or of a countdown, and at most the next whole minute, since words like "Overdue" follow the day.
 *
 * Only readers without a session cookie or an Authorization header are served from it: what a
 * signed-in person sees is theirs (`no-store`, as before). Stored answers are marked
 * `public, no-cache` with an ETag, so a browser or a proxy revalidates each time and gets a 304
 * when nothing changed; each is kept compressed per encoding once asked for. The store is bounded
 * (entries and bytes, least recently used out first).
 */
export interface PublicCacheOptions {
  readonly token: ChangeTokenReader;
  readonly clock: Clock;
  /** Most answers kept (0: the cache is off). */
  readonly maxEntries: number;
  /** Most bytes kept, bodies and their compressed forms together. */
  readonly maxBytes: number;
}

/** How a scope decides that a request is personal, and what its answers vary on. */
export interface PublicCacheScope {
  /** True for a request whose answer may depend on who sends it (a session cookie, a token). */
  personal(request: FastifyRequest): boolean;
  /** The request header besides Accept-Encoding that decides who is reading (`Cookie`, `Authorization`). */
  readonly varyOn: string;
}

export interface PublicCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly entries: number;
  readonly bytes: number;
}

export interface PublicCache {
  /** Adds the cache's hooks to a scope (the API's, the pages'): its routes with `config.publicCache` use it. */
  install(app: FastifyInstance, scope: PublicCacheScope): void;
  stats(): PublicCacheStats;
}

type Encoding = 'br' | 'gzip';

interface Entry {
  readonly token: string;
  /** The clock when the token was read (the answer describes that instant or later). */
  readonly renderedAt: number;
  /** The first instant at which the answer may no longer be true. */
  readonly until: number;
  readonly contentType: string;
  /** The answer's Content-Disposition (a file's name), where it has one. */
  readonly disposition: string | null;
  readonly etag: string;
  /** The ETag is the route's own (e.g. a revision): it is served as it is, and not used for 304s. */
  readonly ownEtag: boolean;
  readonly vary: string;
  readonly body: Buffer;
  readonly encoded: Map<Encoding, Buffer>;
  size: number;
}

/** Smaller bodies travel as they are (as @fastify/compress's threshold). */
const COMPRESS_THRESHOLD = 1024;
const CACHE_CONTROL = 'public, no-cache';

/** Which route asked, until when (set by the handler), and the fill each cacheable request started. */
const untils = new WeakMap<FastifyReply, number>();

/**
 * Lets the answer being sent be kept until `until` (exclusive), for readers who are not signed in.
 * Without it a route's answer is never stored, even with `config.publicCache`.
 */
export function cacheUntil(reply: FastifyReply, until: number): void {
  untils.set(reply, until);
}

/** The instant of the next whole minute after `now`. */
export function nextMinute(now: number): number {
  return (Math.floor(now / 60_000) + 1) * 60_000;
}

/**
 * The next instant after `now` at which a countdown to `deadlineAt` in whole minutes changes its
 * text (the whole minutes left drop one instant after a multiple of a minute is left; the text goes
 * at the deadline itself); null once the deadline has passed.
 */
export function nextCountdownTick(deadlineAt: number, now: number): number | null {
  if (deadlineAt <= now) return null;
  return Math.min(now + ((deadlineAt - now) % 60_000) + 1, deadlineAt);
}

/** A consultation as a public answer shows it: its phases and its deadline (a view or its results). */
export interface ShownConsultation {
  readonly timeline: readonly PhaseWindow[];
  readonly loaded: { readonly consultation: { readonly deadlineAt: number } };
}

/**
 * Until when a public answer showing these consultations stays true: the next change of phase of
 * any of them, the next tick of a countdown to a deadline, and at most the next whole minute.
 * `now` must be read before the consultations were (before the service call): a phase that
 * changes while they are read is then still ahead of `now`, and ends the answer's life.
 */
export function publicAnswerUntil(now: number, shown: readonly ShownConsultation[]): number {
  let until = nextMinute(now);
  for (const consultation of shown) {
    for (const at of [
      nextPhaseChange(consultation.timeline, now),
      nextCountdownTick(consultation.loaded.consultation.deadlineAt, now),
    ])
      if (at !== null && at < until) until = at;
  }
  return until;
}

/** The encoding to send: the client's preferred of Brotli and gzip, identity when it takes neither. */
export function chooseEncoding(header: string | undefined, size: number): Encoding | 'identity' {
  if (header === undefined || size < COMPRESS_THRESHOLD) return 'identity';
  const q: Record<string, number> = {};
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (name === '') continue;
    let value = 1;
    for (const param of params) {
      const m = /^q=([0-9.]+)$/.exec(param);
      if (m) value = Number(m[1]);
    }
    q[name] = Number.isFinite(value) ? value : 0;
  }
  const of = (name: Encoding) => q[name] ?? q['*'] ?? 0;
  const br = of('br');
  const gzip = of('gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
}

/** True when an If-None-Match header names this ETag (or `*`), by weak comparison (RFC 9110 §13.1.2). */
function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === opaque;
  });
}

function compress(body: Buffer, encoding: Encoding): Buffer {
  return encoding === 'br'
    ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })
    : zlib.gzipSync(body);
}

/**
 * The key of a cacheable request: the language prefix the URL had (Fastify's rewriteUrl took it
 * off), the route, its decoded parameters, and the query string only where the route declares one
 * (its schema refuses what it does not know). A request to a route without one that carries a query
 * string anyway (`?utm_source=…`) is answered fresh and not kept: such variants cannot crowd the
 * real pages out. Null: not to be cached.
 */
function cacheKey(request: FastifyRequest): string | null {
  const [path = '', query] = splitQuery(request.originalUrl);
  const declaresQuery = request.routeOptions.schema?.querystring !== undefined;
  if (query !== undefined && !declaresQuery) return null;
  const [routed = ''] = splitQuery(request.url);
  const prefix = path.endsWith(routed) ? path.slice(0, path.length - routed.length) : path;
  return `${prefix} ${request.routeOptions.url} ${JSON.stringify(request.params)} ${query ?? ''}`;
}

function splitQuery(url: string): [string, string | undefined] {
  const at = url.indexOf('?');
  return at === -1 ? [url, undefined] : [url.slice(0, at), url.slice(at + 1)];
}

export function createPublicCache(options: PublicCacheOptions): PublicCache {
  const entries = new Map<string, Entry>();
  const fills = new WeakMap<FastifyRequest, { key: string; token: string; at: number; vary: string }>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.size;
  };
  const keep = (key: string, entry: Entry) => {
    drop(key);
    if (entry.size > options.maxBytes) return;
    entries.set(key, entry);
    bytes += entry.size;
    for (const oldest of entries.keys()) {
      if (entries.size <= options.maxEntries && bytes <= options.maxBytes) break;
      drop(oldest);
    }
  };

  const serve = (request: FastifyRequest, reply: FastifyReply, key: string, entry: Entry) => {
    reply.header('cache-control', CACHE_CONTROL).header('vary', entry.vary).header('etag', entry.etag);
    if (!entry.ownEtag && matches(request.headers['if-none-match'], entry.etag)) return reply.code(304).send();
    reply.code(200).type(entry.contentType);
    if (entry.disposition !== null) reply.header('content-disposition', entry.disposition);
    const encoding =
      request.headers['x-no-compression'] === undefined
        ? chooseEncoding(request.headers['accept-encoding'], entry.body.length)
        : 'identity';
    if (encoding === 'identity') return reply.send(entry.body);
    let encoded = entry.encoded.get(encoding);
    if (!encoded) {
      encoded = compress(entry.body, encoding);
      entry.encoded.set(encoding, encoded);
      entry.size += encoded.length;
      bytes += encoded.length;
      keep(key, entry);
    }
    return reply.header('content-encoding', encoding).send(encoded);
  };

  return {
    stats: () => ({ hits, misses, entries: entries.size, bytes }),
    install(app, scope) {
      if (options.maxEntries <= 0) return;
      // Lower case: @fastify/compress adds its own `accept-encoding` unless it finds this one.
      const vary = `${scope.varyOn}, accept-encoding`;
      const lookup = async (request: FastifyRequest, reply: FastifyReply) => {
        if (request.method !== 'GET' || scope.personal(request)) return;
        const key = cacheKey(request);
        if (key === null) return;
        const token = await options.token();
        const now = options.clock();
        const entry = entries.get(key);
        if (entry && entry.token === token && entry.renderedAt <= now && now < entry.until) {
          hits += 1;
          // Most recently used last: eviction takes the first.
          entries.delete(key);
          entries.set(key, entry);
          return serve(request, reply, key, entry);
        }
        misses += 1;
        fills.set(request, { key, token, at: now, vary });
      };
      // The lookup joins each cacheable route's own onRequest hooks, after those registered before
      // (the API's rate limit adds its check there): a stored answer still counts against the limit.
      app.addHook('onRoute', (route) => {
        if (route.config?.publicCache !== true) return;
        const own =
          route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
        route.onRequest = [...own, lookup] as NonNullable<typeof route.onRequest>;
      });
      app.addHook('onSend', async (request, reply, payload) => {
        const fill = fills.get(request);
        if (fill === undefined) return payload;
        fills.delete(request);
        const until = untils.get(reply);
        if (until === undefined || until <= fill.at || reply.statusCode !== 200 || reply.hasHeader('set-cookie'))
          return payload;
        if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
        const body = Buffer.from(payload);
        const own = reply.getHeader('etag');
        // Weak: the identity, Brotli and gzip forms share it (they are the same answer, RFC 9110 §8.8.1).
        const etag =
          typeof own === 'string' ? own : `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
        keep(fill.key, {
          token: fill.token,
          renderedAt: fill.at,
          until,
          contentType: String(reply.getHeader('content-type') ?? 'application/octet-stream'),
          disposition: reply.hasHeader('content-disposition') ? String(reply.getHeader('content-disposition')) : null,
          etag,
          ownEtag: typeof own === 'string',
          vary: fill.vary,
          body,
          encoded: new Map(),
          size: body.length + fill.key.length,
        });
        reply.header('cache-control', CACHE_CONTROL).header('vary', fill.vary).header('etag', etag);
        // A reader who already holds this answer (rendered again after an unrelated write) gets a 304.
        if (typeof own !== 'string' && matches(request.headers['if-none-match'], etag)) {
          reply.code(304).removeHeader('content-type');
          return null;
        }
        return payload;
      });
    },
  };
}
