import zlib from 'node:zlib';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, parseDatabaseUrl, SQLITE_OTHER_WRITERS_CHECK_MS } from '../../src/db/connect.js';
import { buildApp } from '../../src/http/app.js';
import { createPublicCache, type PublicCache } from '../../src/http/public-cache.js';
import { changeTokenReader, POSTGRES_OTHER_WRITERS_CHECK_MS } from '../../src/services/content-changes.js';
import { recordDecision } from '../../src/services/record-decision.js';
import { serviceContext } from '../../src/services/service-context.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { DEADLINE, focalPoint, replyInput, SECRETARIAT, useWorld } from '../helpers/world.js';
import { createApiToken } from '../../src/services/api-tokens.js';

const ID = 'tsb-79-2023';
const PAGE = `/consultations/${ID}`;
const JSON_VIEW = `/api/v1/consultations/${ID}`;
const RESULTS = `/api/v1/consultations/${ID}/results`;
const RESULTS_PAGE = `/fr/consultations/${ID}/results`;
/** A day of the SG17 meeting (Goyang, 29 August – 8 September 2023): results are public, decisions open. */
const DURING_MEETING = '2023-08-30T09:00:00Z';

/**
 * The public response cache (src/http/public-cache.ts) in a real app over a real database: what
 * the public reads twice is rendered once; a write by this instance, by another connection or
 * instance, and the clock passing a deadline each make the next read fresh; a signed-in reader or
 * a token holder never gets a stored answer.
 */
describeEachDialect('public response cache', (dialect) => {
  const world = useWorld(dialect);
  let app: FastifyInstance;
  let cache: PublicCache;
  const others: { close(): Promise<unknown> }[] = [];

  const build = async (maxEntries = 100, rateLimitPerMinute = 0) => {
    const { ctx } = world();
    cache = createPublicCache({ token: changeTokenReader(ctx), clock: ctx.clock, maxEntries, maxBytes: 16 << 20 });
    app = await buildApp({ ctx, logger: false, rateLimitPerMinute, publicCache: cache });
  };
  const get = (url: string, headers: InjectOptions['headers'] = {}) => app.inject({ method: 'GET', url, headers });
  /**
   * A read expected from memory. On PostgreSQL the change token is the cluster's snapshot, which
   * every commit moves, other tests' in other databases included: such a read may be rendered
   * again instead (never stale, only slower), so it is retried until one comes from memory. On
   * SQLite the first read must.
   */
  const fromMemory = async (url: string, headers: InjectOptions['headers'] = {}) => {
    for (let attempt = 0; attempt < (dialect === 'sqlite' ? 1 : 50); attempt++) {
      const before = cache.stats().hits;
      const response = await get(url, headers);
      if (cache.stats().hits > before) return response;
    }
    throw new Error(`${url} was not served from memory`);
  };
  /** Renders counted since `before`: exactly `n` on SQLite; at least `n` on PostgreSQL (see fromMemory). */
  const expectMisses = (before: number, n: number) =>
    dialect === 'sqlite'
      ? expect(cache.stats().misses).toBe(before + n)
      : expect(cache.stats().misses).toBeGreaterThanOrEqual(before + n);

  beforeEach(async () => {
    await world().openConsultation();
    world().clock.set('2023-05-02T10:00:00Z');
    await build();
  });
  afterEach(async () => {
    await app.close();
    for (const other of others.splice(0)) await other.close();
  });

  it("serves the public's second read from memory, byte for byte, with an ETag that answers 304", async () => {
    for (const url of [PAGE, JSON_VIEW, '/fr/', '/fr/approved', '/api/v1/consultations']) {
      const first = await get(url);
      expect(first.statusCode, url).toBe(200);
      const second = await fromMemory(url);
      expect(second.body, url).toBe(first.body);
      expect(second.headers['content-type']).toBe(first.headers['content-type']);
      expect(second.headers['cache-control']).toBe('public, no-cache');
      expect(first.headers['cache-control']).toBe('public, no-cache');
      expect(second.headers.etag).toBe(first.headers.etag);
      // The security headers are there on a stored answer too.
      expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    }
    const page = await get(PAGE);
    const revalidated = await get(PAGE, { 'if-none-match': String(page.headers.etag) });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    // The API's own ETag is the circular's revision (If-Match on edits): served as it is, never a 304.
    const json = await get(JSON_VIEW);
    expect(json.headers.etag).toMatch(/^"\d+"$/);
    expect((await get(JSON_VIEW, { 'if-none-match': String(json.headers.etag) })).statusCode).toBe(200);
    // Only a 200 is kept: not the redirect of `/`, not a page that is not found.
    const entries = cache.stats().entries;
    expect((await get('/')).statusCode).toBe(303);
    expect((await get('/consultations/no-such-circular')).statusCode).toBe(404);
    expect((await get('/consultations/no-such-circular')).headers['cache-control']).toBe('no-store');
    expect(cache.stats().entries).toBe(entries);
  });

  it('a write by this instance is seen by the next read', async () => {
    world().clock.set(DURING_MEETING);
    const before = (await get(RESULTS)).json<{ texts: { decision: unknown }[] }>();
    expect(before.texts.every((t) => t.decision === null)).toBe(true);
    expect((await get(RESULTS)).body).toBe(JSON.stringify(before));
    const token = await createApiToken(world().ctx, { actor: SECRETARIAT, role: 'secretariat', label: 'TSB' });
    const put = await app.inject({
      method: 'PUT',
      url: `${RESULTS.replace('/results', '')}/decisions/x1353`,
      headers: { authorization: `Bearer ${token.secret}` },
      payload: {},
    });
    expect(put.statusCode).toBe(200);
    const misses = cache.stats().misses;
    const after = (await get(RESULTS)).json<{ texts: { text: { id: string }; decision: unknown }[] }>();
    expectMisses(misses, 1);
    expect(after.texts.find((t) => t.text.id === 'x1353')?.decision).toMatchObject({ outcome: 'approved' });
  });

  it('a write through another connection (another process or instance) is seen by the next read', async () => {
    world().clock.set(DURING_MEETING);
    const page = await get(RESULTS_PAGE);
    expect(page.statusCode).toBe(200);
    expect((await get(RESULTS_PAGE)).body).toBe(page.body);
    const hits = cache.stats().hits;
    // A second connection of its own: on SQLite a second handle on the file, on PostgreSQL a second pool.
    const otherDb = openDatabase(parseDatabaseUrl(world().database.url, '/nonexistent'));
    others.push({ close: () => otherDb.destroy() });
    const other = serviceContext(otherDb, world().clock.now);
    await recordDecision(other, { actor: SECRETARIAT, consultationId: ID, textId: 'x1353', input: {} });
    // Another connection's commits are seen within SQLITE_OTHER_WRITERS_CHECK_MS on SQLite,
    // POSTGRES_OTHER_WRITERS_CHECK_MS on PostgreSQL.
    const window = dialect === 'sqlite' ? SQLITE_OTHER_WRITERS_CHECK_MS : POSTGRES_OTHER_WRITERS_CHECK_MS;
    await new Promise((resolve) => setTimeout(resolve, window + 5));
    const fresh = await get(RESULTS_PAGE);
    expect(cache.stats().hits).toBe(hits);
    expect(fresh.body).not.toBe(page.body);
    // And then it is kept again.
    expect((await fromMemory(RESULTS_PAGE)).body).toBe(fresh.body);
  });

  it('the change token read answers for its window, but never past a service write of this process', async () => {
    world().clock.set(DURING_MEETING);
    const read = changeTokenReader(world().ctx, { maxAgeMs: 60_000 });
    const first = await read();
    // Another instance's commit: seen once the window has passed, not before.
    const otherDb = openDatabase(parseDatabaseUrl(world().database.url, '/nonexistent'));
    others.push({ close: () => otherDb.destroy() });
    await recordDecision(serviceContext(otherDb, world().clock.now), {
      actor: SECRETARIAT,
      consultationId: ID,
      textId: 'x1353',
      input: {},
    });
    expect(await read()).toBe(first);
    // This process's own service write: the next read is fresh.
    await recordDecision(world().ctx, { actor: SECRETARIAT, consultationId: ID, textId: 'x1471', input: {} });
    const afterOwnWrite = await read();
    expect(afterOwnWrite).not.toBe(first);
    expect(await read()).toBe(afterOwnWrite);
  });

  it('the clock: a page is kept within the minute, and is not served past the deadline', async () => {
    const open = await get(PAGE);
    world().clock.set(Date.parse('2023-05-02T10:00:30Z'));
    expect((await get(PAGE)).body).toBe(open.body);
    // The countdown ("106 days 13 hours") moves with the minutes: a new minute, a new page.
    world().clock.set(Date.parse('2023-05-02T10:01:00Z'));
    const hits = cache.stats().hits;
    await get(PAGE);
    expect(cache.stats().hits).toBe(hits);
    // One millisecond before the deadline the page is the open one; one after, the closed one.
    world().clock.set(Date.parse(DEADLINE));
    const last = await get(JSON_VIEW);
    expect(last.json<{ state: string }>().state).toBe('open');
    world().clock.set(Date.parse(DEADLINE) + 1);
    expect((await get(JSON_VIEW)).json<{ state: string }>().state).not.toBe('open');
  });

  it('a deadline that passes while a page is being read ends that page at once', async () => {
    // A clock that moves a millisecond at every reading, from just before the deadline: the
    // service sees the circular closed while the route began before the deadline.
    await app.close();
    const { ctx } = world();
    let at = Date.parse(DEADLINE) - 1;
    const stepping = () => at++;
    const steppingCtx = serviceContext(ctx.db, stepping);
    cache = createPublicCache({
      token: changeTokenReader(steppingCtx),
      clock: stepping,
      maxEntries: 100,
      maxBytes: 1 << 20,
    });
    app = await buildApp({ ctx: steppingCtx, logger: false, rateLimitPerMinute: 0, publicCache: cache });
    await get(JSON_VIEW);
    at = Date.parse(DEADLINE) + 30_000;
    const later = await get(JSON_VIEW);
    expect(later.json<{ state: string }>().state).not.toBe('open');
    expect(cache.stats().hits).toBe(0);
  });

  it('a reader with a session cookie or a token is never served a stored answer, and gets no-store', async () => {
    const token = await createApiToken(world().ctx, { actor: SECRETARIAT, role: 'secretariat', label: 'TSB' });
    await get(PAGE);
    const stored = await get(JSON_VIEW);
    const before = cache.stats();
    const withCookie = await get(PAGE, { cookie: 'assent_session=not-a-session' });
    const withSecureCookie = await get(PAGE, { cookie: '__Host-assent_session=x; other=1' });
    for (const response of [withCookie, withSecureCookie]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers.etag).toBeUndefined();
    }
    const withToken = await get(JSON_VIEW, { authorization: `Bearer ${token.secret}` });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.headers['cache-control']).not.toBe('public, no-cache');
    // Personal readers neither read nor fill the cache.
    expect(cache.stats()).toEqual(before);
    // The secretariat sees the timing checks the public does not: a different answer, not the stored one.
    expect(withToken.body).not.toBe(stored.body);
    // Other cookies (the anonymous CSRF cookie) do not make a reader personal.
    expect((await get(PAGE, { cookie: 'assent_csrf=abc' })).headers['cache-control']).toBe('public, no-cache');
  });

  it('a stored API answer still counts against the rate limit', async () => {
    // Enough room on PostgreSQL for reads from memory between other tests' commits (see fromMemory).
    const limit = dialect === 'sqlite' ? 3 : 60;
    await app.close();
    await build(100, limit);
    const statuses: number[] = [];
    for (let i = 0; i < limit + 2; i++) statuses.push((await get(JSON_VIEW)).statusCode);
    expect(statuses).toEqual([...Array<number>(limit).fill(200), 429, 429]);
    // Answers served from memory were among the 200s, and were counted.
    if (dialect === 'sqlite') expect(cache.stats().hits).toBe(limit - 1);
    else expect(cache.stats().hits).toBeGreaterThan(0);
  });

  it('one entry per page: variants of the address share it, a query string the route does not take is not kept', async () => {
    await get(PAGE);
    // The same page, its id written with an escaped hyphen.
    expect((await fromMemory(PAGE.replace('tsb-79', 'tsb%2D79'))).statusCode).toBe(200);
    // A tracking parameter: answered fresh, never kept, so such variants cannot push the real pages out.
    const { entries, hits } = cache.stats();
    const tracked = await get(`${PAGE}?utm_source=newsletter`);
    expect(tracked.statusCode).toBe(200);
    expect(cache.stats()).toMatchObject({ entries, hits });
    // The API's ?lang= is part of the route: each language is its own entry.
    const fr = await get(`${JSON_VIEW}?lang=fr`);
    expect((await fromMemory(`${JSON_VIEW}?lang=fr`)).body).toBe(fr.body);
    expect(cache.stats().entries).toBe(entries + 1);
  });

  it('a reply before the deadline changes nothing the public sees, yet the next read is fresh', async () => {
    const page = await get(PAGE);
    await submitReply(world().ctx, {
      actor: focalPoint('KR'),
      consultationId: ID,
      memberState: 'KR',
      input: replyInput(),
      channel: 'api',
    });
    const misses = cache.stats().misses;
    // A reader holding the page is told it has not changed, although it was rendered again.
    const revalidated = await get(PAGE, { 'if-none-match': String(page.headers.etag) });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    expectMisses(misses, 1);
    expect((await get(PAGE)).body).toBe(page.body);
  });

  it('keeps each answer compressed once per encoding the readers ask for', async () => {
    // The first reader's answer is compressed by @fastify/compress, with one Vary.
    const first = await get(`/fr${PAGE}`, { 'accept-encoding': 'gzip' });
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers.vary).toBe('Cookie, accept-encoding');
    const plain = await get(PAGE);
    for (const [encoding, inflate] of [
      ['br', zlib.brotliDecompressSync],
      ['gzip', zlib.gunzipSync],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const response = await get(PAGE, { 'accept-encoding': `${encoding}, identity;q=0.5` });
        expect(response.headers['content-encoding']).toBe(encoding);
        expect(response.headers.vary).toBe('Cookie, accept-encoding');
        expect(inflate(response.rawPayload).toString('utf8')).toBe(plain.body);
      }
    }
    expect((await get(PAGE, { 'accept-encoding': 'br;q=0, gzip;q=0' })).headers['content-encoding']).toBeUndefined();
    expect(cache.stats().bytes).toBeGreaterThan(Buffer.byteLength(plain.body));
  });

  it('is bounded: the least recently used answer goes first; with no entries allowed it is off', async () => {
    await app.close();
    await build(2);
    await get(PAGE);
    await get(JSON_VIEW);
    await get(PAGE);
    await get('/fr/');
    expect(cache.stats().entries).toBe(2);
    await fromMemory(PAGE);
    // The API's answer was the least recently used: it went, and is rendered again.
    const hits = cache.stats().hits;
    await get(JSON_VIEW);
    expect(cache.stats().hits).toBe(hits);
    expect(cache.stats().entries).toBe(2);

    await app.close();
    await build(0);
    await get(PAGE);
    const page = await get(PAGE);
    expect(cache.stats()).toMatchObject({ hits: 0, entries: 0 });
    expect(page.headers['cache-control']).toBe('no-store');
  });
});

describe('the encoding a reader gets', () => {
  it('follows Accept-Encoding: Brotli first at equal weight, gzip when preferred or alone, identity otherwise', async () => {
    const { chooseEncoding } = await import('../../src/http/public-cache.js');
    expect(chooseEncoding('gzip, deflate, br', 5000)).toBe('br');
    expect(chooseEncoding('gzip;q=1, br;q=0.5', 5000)).toBe('gzip');
    expect(chooseEncoding('gzip', 5000)).toBe('gzip');
    expect(chooseEncoding('*', 5000)).toBe('br');
    expect(chooseEncoding('*;q=0, gzip', 5000)).toBe('gzip');
    expect(chooseEncoding('identity', 5000)).toBe('identity');
    expect(chooseEncoding(undefined, 5000)).toBe('identity');
    expect(chooseEncoding('br', 100)).toBe('identity');
  });

  it('a countdown in minutes changes on the minute before the deadline, then never', async () => {
    const { nextCountdownTick, nextMinute } = await import('../../src/http/public-cache.js');
    const deadline = Date.parse(DEADLINE);
    // 90 s left reads "1 minute" until 59.999 s are left, then "0 minutes"; the text goes at the deadline.
    expect(nextCountdownTick(deadline, deadline - 90_000)).toBe(deadline - 59_999);
    expect(nextCountdownTick(deadline, deadline - 60_000)).toBe(deadline - 59_999);
    expect(nextCountdownTick(deadline, deadline - 30_000)).toBe(deadline);
    expect(nextCountdownTick(deadline, deadline)).toBeNull();
    expect(nextMinute(Date.parse('2023-05-02T10:00:30Z'))).toBe(Date.parse('2023-05-02T10:01:00Z'));
    expect(nextMinute(Date.parse('2023-05-02T10:01:00Z'))).toBe(Date.parse('2023-05-02T10:02:00Z'));
  });
});
