import { createHash } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { StateReplyView } from '../../src/schemas/responses.schema.js';
import { buildApp } from '../../src/http/app.js';
import { createApiToken, createPersonalToken } from '../../src/services/api-tokens.js';
import { inviteAccount } from '../../src/services/identity/accounts.js';
import { serviceContext } from '../../src/services/service-context.js';
import { describeEachDialect } from '../helpers/databases.js';
import { docxParts, zip } from '../helpers/office-packages.js';
import { consultationInput, replyInput, SECRETARIAT } from '../helpers/world.js';
import { expectProblem } from '../http/api-harness.js';
import { fillPath, isWrite, pathParameters, registeredRoutes } from './route-table.js';
import {
  defaultTarget,
  FR_REASONS,
  fullSnapshot,
  pathValues,
  PDF,
  prepareRequest,
  useSecurityApi,
  type SecurityApi,
} from './security-harness.js';

/**
 * What an attacker tries against the JSON API, and what must hold each time: stale or foreign
 * credentials are refused outright (never downgraded to public access); a disabled account or a
 * narrowly scoped token gets no more than it should, and staff never see an administrator's
 * invitation; one State can neither read nor change another State's reply; observers and the
 * public change nothing; hostile strings in paths, queries and bodies never reach SQL as code,
 * never cause a 5xx, never leak SQL or stack traces, and are stored byte for byte; uploads are
 * judged by content and size; secrets never come back; a forged receipt learns nothing; every
 * response carries the security headers. Every test runs on SQLite and on PostgreSQL, each on a
 * database of its own.
 */

const DAY_MS = 86_400_000;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Strings shaped to break out of a SQL literal or statement (ASCII and Unicode quotes). */
const SQL_PAYLOADS = [
  "' OR '1'='1",
  '1; DROP TABLE reply;--',
  '"); --',
  "' UNION SELECT token_hash FROM api_token --",
  '’ OR ‘1’=‘1’ --',
  '＇); DROP TABLE consultation; --',
  'ʼ OR 1=1 /*',
];

/** Strings shaped to run script if a response were ever rendered as HTML. */
const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  "</textarea><svg onload=alert('x')>",
];

/** What a response must never contain: SQL, driver names and messages, stack frames, source paths. */
const LEAK_PATTERNS: readonly RegExp[] = [
  /SQLITE_[A-Z_]+/,
  /\bsqlite/i,
  /\bpostgres/i,
  /\bsyntax error\b/i,
  /\bnear "/i,
  /\brelation "/i,
  /\bselect\b[\s\S]{0,200}\bfrom\b/i,
  /\binsert into\b/i,
  /\bdelete from\b/i,
  /\bat [\w.<>$]+ \(.*:\d+:\d+\)/,
  /node_modules|\.ts:\d+|\.js:\d+/,
  /"stack"\s*:/,
  /\bkysely\b/i,
];

/** The patterns a response body matches once the payload it was sent (raw, JSON-escaped or URL-encoded) is taken out. */
function leaksIn(response: LightMyRequestResponse, payload: string): string[] {
  let body = response.body;
  for (const form of [payload, JSON.stringify(payload).slice(1, -1), encodeURIComponent(payload)])
    body = body.split(form).join('');
  return LEAK_PATTERNS.filter((pattern) => pattern.test(body)).map(String);
}

/** The problem code of a response, or what it is instead. */
function codeOf(response: LightMyRequestResponse): string {
  try {
    return String(response.json<{ code?: unknown }>().code);
  } catch {
    return `(not JSON: ${String(response.headers['content-type'])})`;
  }
}

/** A response as one line, for assertions that list every offender at once. */
const line = (label: string, response: LightMyRequestResponse) =>
  `${label} → ${response.statusCode} ${String(response.headers['content-type'] ?? '')}`;

/** Parses a Content-Security-Policy header into its directives and their sources. */
function parseCsp(header: unknown): Map<string, string[]> {
  const policy = new Map<string, string[]>();
  for (const directive of String(header ?? '').split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

/** The sources a fetch directive allows, falling back to default-src as browsers do. */
function sourcesFor(policy: Map<string, string[]>, directive: string): string[] {
  return policy.get(directive) ?? policy.get('default-src') ?? [];
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describeEachDialect('attacks on the API', (dialect) => {
  const a = useSecurityApi(dialect);
  const replyUrl = (state: string) => `/api/v1/consultations/${a().fixtures.open}/replies/${state}`;

  describe('stale and foreign credentials', () => {
    it('refuses a revoked token with 401, even on a route the public may read', async () => {
      expect((await a().send('GET', '/api/v1/consultations', { token: a().tokens.spare })).statusCode).toBe(200);
      expect(
        (await a().send('DELETE', `/api/v1/tokens/${a().fixtures.spareTokenId}`, { token: a().tokens.secretariat }))
          .statusCode,
      ).toBe(204);
      for (const url of [
        '/api/v1/consultations',
        `/api/v1/consultations/${a().fixtures.open}`,
        '/api/v1/member-states',
      ]) {
        const response = await a().send('GET', url, { token: a().tokens.spare });
        expectProblem(response, 401, 'UNAUTHENTICATED');
        expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
      }
    });

    it('refuses a token one day after it expired: created for one day, presented two days later → 401', async () => {
      const { secret } = await createApiToken(a().ctx, {
        actor: SECRETARIAT,
        role: 'focal_point',
        memberState: 'KR',
        label: 'One-day token',
        expiresInDays: 1,
      });
      expect((await a().send('GET', replyUrl('KR'), { token: secret })).statusCode).toBe(200);
      a().world.clock.advance(2 * DAY_MS);
      const before = await fullSnapshot(a().ctx.db);
      expectProblem(await a().send('GET', '/api/v1/consultations', { token: secret }), 401, 'UNAUTHENTICATED');
      expectProblem(await a().send('GET', replyUrl('KR'), { token: secret }), 401, 'UNAUTHENTICATED');
      expectProblem(
        await a().send('PUT', replyUrl('KR'), { token: secret, body: replyInput() }),
        401,
        'UNAUTHENTICATED',
      );
      expect(await fullSnapshot(a().ctx.db)).toEqual(before);
    });

    it('refuses "Authorization: Basic …" with 401 instead of treating the caller as the public', async () => {
      const basic = `Basic ${Buffer.from('tsb-officer:hunter2').toString('base64')}`;
      for (const url of ['/api/v1/consultations', '/api/v1/member-states', '/api/v1/tokens']) {
        expectProblem(await a().send('GET', url, { headers: { authorization: basic } }), 401, 'UNAUTHENTICATED');
      }
    });

    it('refuses malformed and unknown bearer credentials with 401', async () => {
      const kr = a().tokens.kr;
      for (const authorization of [
        'Bearer',
        'Bearer ',
        `Bearer ${kr} extra`,
        `Bearer ${kr}x`,
        `Bearer ${kr.slice(0, -1)}`,
        `Bearer assent_${'A'.repeat(43)}`,
        `Token ${kr}`,
        kr,
      ]) {
        const response = await a().send('GET', '/api/v1/consultations', { headers: { authorization } });
        expect({ authorization, status: response.statusCode, code: codeOf(response) }).toEqual({
          authorization,
          status: 401,
          code: 'UNAUTHENTICATED',
        });
      }
    });
  });

  describe('accounts, staff and scoped tokens', () => {
    it("stops a disabled account's personal token at once: 401 on its next request", async () => {
      expect((await a().send('GET', '/api/v1/audit', { token: a().tokens.staff })).statusCode).toBe(200);
      const disabled = await a().send('PATCH', `/api/v1/accounts/${a().fixtures.staffAccountId}`, {
        token: a().tokens.secretariat,
        body: { disabled: true },
      });
      expect(disabled.statusCode).toBe(200);
      expectProblem(await a().send('GET', '/api/v1/audit', { token: a().tokens.staff }), 401, 'UNAUTHENTICATED');
      expectProblem(
        await a().send('GET', '/api/v1/consultations', { token: a().tokens.staff }),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('refuses a write to a personal token scoped to "read" (403), though its account may write', async () => {
      const invited = await inviteAccount(a().ctx, {
        actor: SECRETARIAT,
        email: 'focal.kr@mic.example.kr',
        name: 'KR focal point',
        role: 'focal_point',
        memberState: 'KR',
      });
      const { secret } = await createPersonalToken(a().ctx, {
        account: invited.account,
        label: 'Read only',
        scopes: ['read'],
        expiresInDays: 30,
      });
      expect((await a().send('GET', replyUrl('KR'), { token: secret })).statusCode).toBe(200);
      const before = await fullSnapshot(a().ctx.db);
      expectProblem(await a().send('PUT', replyUrl('KR'), { token: secret, body: replyInput() }), 403, 'FORBIDDEN');
      expectProblem(await a().send('DELETE', replyUrl('KR'), { token: secret }), 403, 'FORBIDDEN');
      expectProblem(
        await a().send('POST', '/api/v1/attachments?filename=a.pdf', {
          token: secret,
          body: PDF,
          headers: { 'content-type': 'application/pdf' },
        }),
        403,
        'FORBIDDEN',
      );
      expect(await fullSnapshot(a().ctx.db)).toEqual(before);
    });

    it("does not let a staff member read an administrator's invitation link from the job queue", async () => {
      const invited = await a().send('POST', '/api/v1/accounts/invitations', {
        token: a().tokens.secretariat,
        body: { email: 'new.admin@itu.example', name: 'A new administrator', role: 'secretariat_admin' },
      });
      expect(invited.statusCode).toBe(201);
      const secret = invited.json<{ invitationPath: string }>().invitationPath.split('/').pop()!;
      expect(secret.length).toBeGreaterThan(20);
      const jobs = await a().send('GET', '/api/v1/jobs?limit=1000', { token: a().tokens.staff });
      expect(jobs.statusCode).toBe(200);
      const seen: [label: string, body: string][] = [['GET /api/v1/jobs', jobs.body]];
      for (const job of jobs.json<{ items: { id: string }[] }>().items) {
        seen.push([
          `GET /api/v1/jobs/${job.id}`,
          (await a().send('GET', `/api/v1/jobs/${encodeURIComponent(job.id)}`, { token: a().tokens.staff })).body,
        ]);
      }
      expect(
        seen.filter(([, body]) => body.includes(secret)).map(([label]) => `${label} shows the invitation secret`),
      ).toEqual([]);
    });
  });

  describe('one Member State against another', () => {
    it("refuses KR reading FR's reply, its list entry and its receipt (403 NOT_YOUR_MEMBER_STATE), and never shows FR's reasons", async () => {
      const reply = await a().send('GET', replyUrl('FR'), { token: a().tokens.kr });
      expectProblem(reply, 403, 'NOT_YOUR_MEMBER_STATE');
      const receipt = await a().send('GET', `${replyUrl('FR')}/versions/1/receipt`, { token: a().tokens.kr });
      expectProblem(receipt, 403, 'NOT_YOUR_MEMBER_STATE');
      const list = await a().send('GET', `/api/v1/consultations/${a().fixtures.open}/replies`, {
        token: a().tokens.kr,
      });
      expect(list.statusCode).toBe(200);
      expect(list.json<{ items: { memberState: string }[] }>().items.map((i) => i.memberState)).toEqual(['KR']);
      for (const response of [reply, receipt, list]) expect(response.body).not.toContain(FR_REASONS);
    });

    it("refuses KR writing FR's reply — PUT, DELETE, POST …/recorded, with or without an Idempotency-Key — with 403, and nothing changes", async () => {
      const before = await fullSnapshot(a().ctx.db);
      const recorded = prepareRequest(a(), 'POST /api/v1/consultations/:id/replies/:state/recorded').body;
      for (const headers of [{}, { 'idempotency-key': 'kr-acting-for-fr-1' }]) {
        expectProblem(
          await a().send('PUT', replyUrl('FR'), { token: a().tokens.kr, body: replyInput(), headers }),
          403,
          'NOT_YOUR_MEMBER_STATE',
        );
        expectProblem(
          await a().send('DELETE', replyUrl('FR'), { token: a().tokens.kr, headers }),
          403,
          'NOT_YOUR_MEMBER_STATE',
        );
        expectProblem(
          await a().send('POST', `${replyUrl('FR')}/recorded`, { token: a().tokens.kr, body: recorded, headers }),
          403,
          'FORBIDDEN',
        );
      }
      expect(await fullSnapshot(a().ctx.db)).toEqual(before);
    });
  });

  describe('observers and the public', () => {
    /** Write-method routes open to all by design: checking a receipt reads and never writes. */
    const OPEN_WRITE_ROUTES = new Set(['POST /api/v1/receipts/verify']);
    /** The API's write routes, from the router (the pages' forms are covered by the matrix: no session, no change). */
    const writeRoutes = () =>
      registeredRoutes(a().app).filter(
        (route) => route.pattern.startsWith('/api/') && isWrite(route.method) && !OPEN_WRITE_ROUTES.has(route.key),
      );

    it('refuses the public every write route of the API with 401 UNAUTHENTICATED, and nothing changes', async () => {
      const routes = writeRoutes();
      expect(routes.length).toBeGreaterThan(15);
      const before = await fullSnapshot(a().ctx.db);
      const answers = [];
      for (const route of routes) {
        const request = prepareRequest(a(), route.key);
        const response = await a().send(route.method, request.url, {
          body: request.body,
          ...(request.headers && { headers: request.headers }),
        });
        answers.push(`${route.key} → ${response.statusCode} ${codeOf(response)}`);
      }
      expect(answers).toEqual(routes.map((route) => `${route.key} → 401 UNAUTHENTICATED`));
      expect(await fullSnapshot(a().ctx.db)).toEqual(before);
    });

    it('refuses an observer every write route of the API with 403, and nothing changes', async () => {
      const routes = writeRoutes();
      const before = await fullSnapshot(a().ctx.db);
      const answers = [];
      for (const route of routes) {
        const request = prepareRequest(a(), route.key);
        const response = await a().send(route.method, request.url, {
          token: a().tokens.observer,
          body: request.body,
          ...(request.headers && { headers: request.headers }),
        });
        const code = codeOf(response);
        answers.push(`${route.key} → ${response.statusCode} ${code === 'ROLE_MAY_NOT_REPLY' ? 'FORBIDDEN' : code}`);
      }
      // ROLE_MAY_NOT_REPLY (Res. 1 §9.4.1) is the reply routes' way of saying FORBIDDEN.
      expect(answers).toEqual(routes.map((route) => `${route.key} → 403 FORBIDDEN`));
      expect(await fullSnapshot(a().ctx.db)).toEqual(before);
    });
  });

  describe('SQL injection', () => {
    it('answers SQL-shaped values in every path parameter of every route without a 5xx, SQL text or stack trace, and changes nothing', async () => {
      const before = await fullSnapshot(a().ctx.db);
      const offenders: string[] = [];
      let sent = 0;
      for (const route of registeredRoutes(a().app)) {
        for (const parameter of pathParameters(route.pattern)) {
          for (const payload of SQL_PAYLOADS) {
            const request = prepareRequest(a(), route.key);
            const values = pathValues(a(), defaultTarget(route.key));
            values[parameter] = parameter === '*' ? encodeURIComponent(payload) : payload;
            const url =
              fillPath(route.pattern, values) +
              (request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '');
            const response = await a().send(route.method, url, {
              token: a().tokens.secretariat,
              body: request.body,
              ...(request.headers && { headers: request.headers }),
            });
            sent += 1;
            const leaks = leaksIn(response, payload);
            if (response.statusCode >= 500 || leaks.length > 0)
              offenders.push(`${line(`${route.key} with :${parameter} = ${payload}`, response)} ${leaks.join(' ')}`);
          }
        }
      }
      expect(sent).toBeGreaterThan(100);
      expect(offenders).toEqual([]);
      expect(await fullSnapshot(a().ctx.db)).toEqual(before);
    });

    it('answers SQL-shaped values in every documented query parameter without a 5xx, SQL text or stack trace', async () => {
      const spec = (await a().send('GET', '/api/v1/openapi.json')).json<{
        paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
      }>();
      const offenders: string[] = [];
      const tried: string[] = [];
      for (const [path, operations] of Object.entries(spec.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
          for (const parameter of (operation.parameters ?? []).filter((p) => p.in === 'query')) {
            tried.push(`${key}?${parameter.name}`);
            for (const payload of SQL_PAYLOADS) {
              const request = prepareRequest(a(), key);
              const url = `${request.url.split('?')[0]}?${parameter.name}=${encodeURIComponent(payload)}`;
              const response = await a().send(method.toUpperCase() as HTTPMethods, url, {
                token: a().tokens.secretariat,
                body: request.body,
                ...(request.headers && { headers: request.headers }),
              });
              const leaks = leaksIn(response, payload);
              if (response.statusCode >= 500 || leaks.length > 0)
                offenders.push(`${line(`${key}?${parameter.name}=${payload}`, response)} ${leaks.join(' ')}`);
            }
          }
        }
      }
      expect(tried).toEqual(
        expect.arrayContaining([
          'GET /api/v1/audit?consultation',
          'GET /api/v1/jobs?kind',
          'GET /api/v1/contacts?state',
          'POST /api/v1/attachments?filename',
        ]),
      );
      expect(offenders).toEqual([]);
      // The fixtures are all still there: no statement was ever run from a payload.
      const replies = await a().send('GET', replyUrl('KR'), { token: a().tokens.kr });
      expect(replies.json<StateReplyView>().versions.map((v) => v.version)).toEqual([1]);
      expect(
        (await a().send('GET', '/api/v1/consultations', { token: a().tokens.secretariat })).json<{ items: unknown[] }>()
          .items,
      ).toHaveLength(3);
    });

    it('stores SQL-shaped free text byte for byte in every free-text field and returns it unchanged', async () => {
      const { mismatches, failures } = await storeAndReadBack(a(), SQL_PAYLOADS);
      expect(failures).toEqual([]);
      expect(mismatches).toEqual([]);
    });

    it('answers a NUL character in a path parameter, a query parameter or a free-text field with a 4xx (or stores it), never a 5xx', async () => {
      const nul = 'a\u0000b';
      const answers = [
        line(
          'DELETE /api/v1/tokens/a%00b',
          await a().send('DELETE', '/api/v1/tokens/a%00b', { token: a().tokens.secretariat }),
        ),
        line(
          'GET /api/v1/jobs?kind=a%00b',
          await a().send('GET', '/api/v1/jobs?kind=a%00b', { token: a().tokens.secretariat }),
        ),
        line(
          'POST /api/v1/contacts name',
          await a().send('POST', '/api/v1/contacts', {
            token: a().tokens.secretariat,
            body: { email: 'nul@example.org', name: nul, role: 'observer' },
          }),
        ),
        line(
          'PUT …/replies/KR place',
          await a().send('PUT', replyUrl('KR'), { token: a().tokens.kr, body: replyInput(undefined, { place: nul }) }),
        ),
      ];
      expect(answers.filter((answer) => / → 5\d\d /.test(answer))).toEqual([]);
    });
  });

  describe('script injection', () => {
    it('stores script-shaped free text verbatim and returns it only inside JSON, never as HTML', async () => {
      const { mismatches, failures, responses } = await storeAndReadBack(a(), XSS_PAYLOADS);
      expect(failures).toEqual([]);
      expect(mismatches).toEqual([]);
      expect(
        responses
          .filter((r) => !/^application\/(problem\+)?json/.test(String(r.response.headers['content-type'])))
          .map((r) => line(r.label, r.response)),
      ).toEqual([]);
    });

    it('sends x-content-type-options: nosniff with every response that carries stored free text', async () => {
      const { responses } = await storeAndReadBack(a(), XSS_PAYLOADS.slice(0, 1));
      expect(
        responses
          .filter((r) => r.response.headers['x-content-type-options'] !== 'nosniff')
          .map((r) => line(r.label, r.response)),
      ).toEqual([]);
    });

    it('answers a script in the URL of an unknown route with a JSON problem, not HTML', async () => {
      const response = await a().send('GET', `/api/v1/${encodeURIComponent('<script>alert(1)</script>')}`);
      expectProblem(response, 404, 'NOT_FOUND');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    });

    it('refuses an uploaded HTML or SVG file with 415, whatever its declared type, and stores nothing', async () => {
      const before = await fullSnapshot(a().ctx.db);
      for (const [name, body, type] of [
        [
          'comments.html',
          '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>',
          'text/html',
        ],
        ['logo.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'image/svg+xml'],
        ['notes.txt', 'Our comments.\n<script>alert(1)</script>\n', 'text/plain'],
      ] as const) {
        const upload = await a().send('POST', `/api/v1/attachments?filename=${name}`, {
          token: a().tokens.kr,
          body,
          headers: { 'content-type': type },
        });
        expectProblem(upload, 415, 'UNSUPPORTED_MEDIA_TYPE');
      }
      expect(await fullSnapshot(a().ctx.db)).toEqual(before);
    });

    it('refuses a JSON body carrying __proto__ with 400, and nothing changes', async () => {
      const before = await fullSnapshot(a().ctx.db);
      const response = await a().send('POST', '/api/v1/contacts', {
        token: a().tokens.secretariat,
        body: '{"email":"proto@example.org","name":"P","role":"observer","__proto__":{"role":"secretariat"}}',
        headers: { 'content-type': 'application/json' },
      });
      expect(response.statusCode).toBe(400);
      expect(await fullSnapshot(a().ctx.db)).toEqual(before);
    });
  });

  describe('uploads and files', () => {
    const upload = (content: Buffer, filename = 'report.pdf', contentType = 'application/pdf') =>
      a().send('POST', `/api/v1/attachments?filename=${encodeURIComponent(filename)}`, {
        token: a().tokens.kr,
        body: content,
        headers: { 'content-type': contentType },
      });

    it('refuses an ELF executable renamed .pdf and sent as application/pdf with 415, and stores nothing', async () => {
      const elf = Buffer.concat([
        Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
        Buffer.alloc(8),
        Buffer.from([0x02, 0x00, 0x3e, 0x00, 0x01, 0x00, 0x00, 0x00]),
        Buffer.alloc(40),
      ]);
      const before = await fullSnapshot(a().ctx.db);
      expectProblem(await upload(elf), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(await fullSnapshot(a().ctx.db)).toEqual(before);
    });

    it('refuses a Windows PE ("MZ") executable renamed .pdf and sent as application/pdf with 415, and stores nothing', async () => {
      const header = Buffer.alloc(128);
      header.write('MZ', 0, 'latin1');
      header.writeUInt32LE(0x80, 0x3c);
      const pe = Buffer.concat([
        header,
        Buffer.from('PE\0\0', 'latin1'),
        Buffer.from('This program cannot be run in DOS mode.\r\n', 'latin1'),
        Buffer.alloc(32),
      ]);
      const before = await fullSnapshot(a().ctx.db);
      expectProblem(await upload(pe), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(await fullSnapshot(a().ctx.db)).toEqual(before);
    });

    it('refuses an upload over the attachment limit with 413 PAYLOAD_TOO_LARGE and stores nothing; one at the limit is accepted', async () => {
      const app = await buildApp({
        ctx: serviceContext(a().ctx.db, a().world.clock.now, { attachmentMaxBytes: 2048 }),
        logger: false,
        rateLimitPerMinute: 0,
      });
      const pdfOf = (size: number) => Buffer.concat([PDF, Buffer.alloc(size - PDF.length, 0x20)]);
      const send = (content: Buffer) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/attachments?filename=scan.pdf',
          headers: { authorization: `Bearer ${a().tokens.kr}`, 'content-type': 'application/pdf' },
          payload: content,
        });
      try {
        const before = await fullSnapshot(a().ctx.db);
        expectProblem(await send(pdfOf(4096)), 413, 'PAYLOAD_TOO_LARGE');
        expectProblem(await send(pdfOf(2049)), 413, 'PAYLOAD_TOO_LARGE');
        expect(await fullSnapshot(a().ctx.db)).toEqual(before);
        expect((await send(pdfOf(2048))).statusCode).toBe(201);
      } finally {
        await app.close();
      }
    });

    it('judges the type by content, not by the declared type: plain text sent as application/pdf is stored as text/plain, a shell script is refused', async () => {
      const response = await upload(Buffer.from('Comments on X.1353: align clause 6 with X.1250.\n'), 'invoice.pdf');
      expect(response.statusCode).toBe(201);
      expect(response.json<{ mediaType: string }>().mediaType).toMatch(/^text\/plain/);
      expectProblem(await upload(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'invoice.pdf'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('refuses a ZIP with a word/ folder and an executable, a DOCX with macros, and a zip bomb, with 415, storing nothing', async () => {
      const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
      const block = Buffer.alloc(64 * 1024 * 1024);
      const compressed = deflateRawSync(block, { level: 9 });
      const bomb = zip([
        ...docxParts(),
        ...Array.from({ length: 16 }, (_, i) => ({
          name: `word/media/zeros${i}.xml`,
          data: Buffer.alloc(0),
          compressed,
          declaredSize: block.length,
          crc: crc32(block),
        })),
      ]);
      const before = await fullSnapshot(a().ctx.db);
      for (const [name, bytes] of [
        ['word-folder.docx', zip([{ name: 'word/setup.exe', data: exe }])],
        ['exe-inside.docx', zip(docxParts({ extra: [{ name: 'word/embeddings/setup.exe', data: exe }] }))],
        ['macros.docx', zip(docxParts({ extra: [{ name: 'word/vbaProject.bin', data: Buffer.from('macro') }] }))],
        ['bomb.docx', bomb],
      ] as const) {
        const response = await upload(bytes, name, DOCX);
        expect({ name, status: response.statusCode }).toEqual({ name, status: 415 });
      }
      expect(await fullSnapshot(a().ctx.db)).toEqual(before);
      expect((await upload(zip(docxParts()), 'comments.docx', DOCX)).statusCode).toBe(201);
    });

    it('stores a path-traversal file name without its directories', async () => {
      const names: [sent: string, stored: string][] = [
        ['../../etc/passwd', 'passwd'],
        ['..\\..\\windows\\win.ini', 'win.ini'],
        ['/etc/shadow', 'shadow'],
        ['....//....//etc/hosts', 'hosts'],
        ['..', 'attachment'],
      ];
      for (const [index, [sent, stored]] of names.entries()) {
        const response = await upload(Buffer.concat([PDF, Buffer.from(`% upload ${index}\n`)]), sent);
        expect(response.statusCode).toBe(201);
        const { filename, sha256: sha } = response.json<{ filename: string; sha256: string }>();
        expect({ sent, filename }).toEqual({ sent, filename: stored });
        const download = await a().send('GET', `/api/v1/attachments/${sha}`, { token: a().tokens.kr });
        expect(String(download.headers['content-disposition'])).not.toMatch(/\/|\\|%2F|%5C/i);
      }
      const rows = await a().ctx.db.selectFrom('attachment_upload').select('filename').execute();
      expect(rows.filter((row) => /[\\/]/.test(row.filename))).toEqual([]);
    });

    it('serves no file outside the documentation folder through /api/docs/static, and answers such paths with a 4xx, not a 5xx', async () => {
      const answers: string[] = [];
      for (const url of [
        '/api/docs/static/..%2f..%2fpackage.json',
        '/api/docs/static/%2e%2e/%2e%2e/package.json',
        '/api/docs/static/..%5c..%5cpackage.json',
        '/api/docs/static/....//....//package.json',
      ]) {
        const response = await a().send('GET', url);
        answers.push(
          `${url} → ${response.statusCode >= 400 && response.statusCode < 500 ? '4xx' : response.statusCode}${response.body.includes('"dependencies"') ? ', package.json served' : ''}`,
        );
      }
      expect(answers.filter((answer) => !answer.endsWith('→ 4xx'))).toEqual([]);
    });
  });

  describe('secrets', () => {
    it('never echoes the Authorization header or a token secret in an error response', async () => {
      const kr = a().tokens.kr;
      const unknown = `assent_${'Z'.repeat(43)}`;
      const basic = `Basic ${Buffer.from('tsb-officer:hunter2').toString('base64')}`;
      const cases: [label: string, secret: string, response: LightMyRequestResponse][] = [
        ['unknown token', unknown, await a().send('GET', '/api/v1/consultations', { token: unknown })],
        [
          'Basic credentials',
          basic,
          await a().send('GET', '/api/v1/consultations', { headers: { authorization: basic } }),
        ],
        [
          'Basic password',
          'hunter2',
          await a().send('GET', '/api/v1/consultations', { headers: { authorization: basic } }),
        ],
        ['focal point on a secretariat route', kr, await a().send('GET', '/api/v1/tokens', { token: kr })],
        [
          'focal point with an invalid body',
          kr,
          await a().send('POST', '/api/v1/tokens', { token: kr, body: { role: 'god' } }),
        ],
        ['focal point on an unknown route', kr, await a().send('GET', '/api/v1/secrets', { token: kr })],
        [
          'malformed JSON',
          a().tokens.secretariat,
          await a().send('POST', '/api/v1/contacts', {
            token: a().tokens.secretariat,
            body: '{"email":',
            headers: { 'content-type': 'application/json' },
          }),
        ],
        [
          'revoked token',
          a().tokens.spare,
          await (async () => {
            await a().send('DELETE', `/api/v1/tokens/${a().fixtures.spareTokenId}`, { token: a().tokens.secretariat });
            return a().send('GET', '/api/v1/consultations', { token: a().tokens.spare });
          })(),
        ],
      ];
      for (const [label, secret, response] of cases) {
        expect({ label, error: response.statusCode >= 400 }).toEqual({ label, error: true });
        const everything = `${JSON.stringify(response.headers)}\n${response.body}`;
        expect({ label, echoed: everything.includes(secret) || everything.includes(sha256(secret)) }).toEqual({
          label,
          echoed: false,
        });
      }
    });

    it('never returns a token secret or its hash from the token list or the audit trail', async () => {
      const tokens = await a().send('GET', '/api/v1/tokens', { token: a().tokens.secretariat });
      const audit = await a().send('GET', '/api/v1/audit?limit=1000', { token: a().tokens.secretariat });
      expect([tokens.statusCode, audit.statusCode]).toEqual([200, 200]);
      for (const secret of Object.values(a().tokens)) {
        for (const response of [tokens, audit]) {
          expect(response.body).not.toContain(secret);
          expect(response.body).not.toContain(sha256(secret));
        }
      }
    });

    it('sends a new token secret once, marked cache-control: no-store', async () => {
      const response = await a().send('POST', '/api/v1/tokens', {
        token: a().tokens.secretariat,
        body: { role: 'observer', label: 'Once' },
      });
      expect(response.statusCode).toBe(201);
      expect(response.headers['cache-control']).toBe('no-store');
      const { secret } = response.json<{ secret: string }>();
      expect((await a().send('GET', '/api/v1/tokens', { token: a().tokens.secretariat })).body).not.toContain(secret);
    });

    it('refuses /metrics without the metrics token when one is configured, API tokens included', async () => {
      const metricsToken = 'metrics-scraper-secret-0123456789';
      const app = await buildApp({ ctx: a().ctx, logger: false, rateLimitPerMinute: 0, metricsToken });
      try {
        const get = (authorization?: string) =>
          app.inject({ method: 'GET', url: '/metrics', headers: authorization === undefined ? {} : { authorization } });
        expectProblem(await get(), 401, 'UNAUTHENTICATED');
        expectProblem(await get(`Bearer ${a().tokens.secretariat}`), 401, 'UNAUTHENTICATED');
        expectProblem(await get('Bearer metrics-scraper-secret-wrong'), 401, 'UNAUTHENTICATED');
        expect((await get(`Bearer ${metricsToken}`)).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    });
  });

  describe('receipts', () => {
    it("tells whoever submits a forged receipt nothing about a reply they may not read: FR's version 1 and a version that does not exist get the same answer", async () => {
      // KR holds a genuine receipt of its own reply and edits it to point at FR's.
      const genuine = (await a().send('GET', `${replyUrl('KR')}/versions/1/receipt`, { token: a().tokens.kr })).json<
        Record<string, unknown>
      >();
      const forged = (version: number) => ({ ...genuine, memberState: 'FR', version });
      const existing = await a().send('POST', '/api/v1/receipts/verify', { body: forged(1) });
      const missing = await a().send('POST', '/api/v1/receipts/verify', { body: forged(99) });
      expect([existing.statusCode, missing.statusCode]).toEqual([200, 200]);
      const frHash = (
        await a()
          .ctx.db.selectFrom('reply_version')
          .select('content_hash')
          .where('member_state', '=', 'FR')
          .executeTakeFirstOrThrow()
      ).content_hash;
      expect(existing.body).not.toContain(frHash);
      expect(existing.json()).toEqual(missing.json());
    });
  });

  describe('security headers', () => {
    const SAFE_REFERRER_POLICIES = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];

    it("sends nosniff, a CSP with default-src 'none' or 'self' and frame-ancestors 'none', and a referrer policy on API responses, errors and pages", async () => {
      const responses: [string, LightMyRequestResponse][] = [
        ['GET /api/v1/consultations', await a().send('GET', '/api/v1/consultations')],
        [
          'GET /api/v1/consultations/:id',
          await a().send('GET', `/api/v1/consultations/${a().fixtures.open}`, { token: a().tokens.kr }),
        ],
        ['GET /api/v1/tokens (401)', await a().send('GET', '/api/v1/tokens')],
        ['GET /api/v1/tokens (403)', await a().send('GET', '/api/v1/tokens', { token: a().tokens.kr })],
        [
          'POST /api/v1/contacts (400)',
          await a().send('POST', '/api/v1/contacts', { token: a().tokens.secretariat, body: {} }),
        ],
        ['GET /api/v1/circulars (404)', await a().send('GET', '/api/v1/circulars')],
        ['GET /api/v1/openapi.json', await a().send('GET', '/api/v1/openapi.json')],
        ['GET /api/problems', await a().send('GET', '/api/problems')],
        ['GET /health', await a().send('GET', '/health')],
        ['GET /', await a().send('GET', '/')],
      ];
      for (const [label, response] of responses) {
        const csp = parseCsp(response.headers['content-security-policy']);
        expect({
          label,
          nosniff: response.headers['x-content-type-options'],
          defaultSrc: csp.get('default-src'),
          frameAncestors: csp.get('frame-ancestors'),
          referrerPolicy: SAFE_REFERRER_POLICIES.includes(String(response.headers['referrer-policy'])),
        }).toEqual({
          label,
          nosniff: 'nosniff',
          defaultSrc: expect.toSatisfy(
            (sources: string[] | undefined) =>
              sources !== undefined && sources.length === 1 && ["'none'", "'self'"].includes(sources[0]!),
          ),
          frameAncestors: ["'none'"],
          referrerPolicy: true,
        });
      }
    });

    it('serves /api/docs with a CSP that lets swagger-ui load its scripts, styles, images and the OpenAPI document from this origin, and no inline script', async () => {
      let response = await a().send('GET', '/api/docs');
      for (let hops = 0; response.statusCode >= 300 && response.statusCode < 400 && hops < 3; hops += 1) {
        response = await a().send(
          'GET',
          new URL(String(response.headers.location), 'http://localhost/api/docs/').pathname,
        );
      }
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      const csp = parseCsp(response.headers['content-security-policy']);
      expect({
        script: sourcesFor(csp, 'script-src').includes("'self'"),
        style: sourcesFor(csp, 'style-src').includes("'self'"),
        images: sourcesFor(csp, 'img-src').includes("'self'") && sourcesFor(csp, 'img-src').includes('data:'),
        fetches: sourcesFor(csp, 'connect-src').includes("'self'"),
        objects: sourcesFor(csp, 'object-src'),
      }).toEqual({ script: true, style: true, images: true, fetches: true, objects: ["'none'"] });
      // Every script is a file from this origin, which script-src 'self' allows.
      const scripts = [...response.body.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]!);
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.filter((attributes) => !/\bsrc="\.?\/[^"]*"/.test(attributes))).toEqual([]);
      for (const src of [
        '/api/docs/static/swagger-ui-bundle.js',
        '/api/docs/static/swagger-initializer.js',
        '/api/docs/json',
      ]) {
        expect({ src, status: (await a().send('GET', src)).statusCode }).toEqual({ src, status: 200 });
      }
    });
  });
});

interface StoredText {
  readonly label: string;
  readonly response: LightMyRequestResponse;
}

/**
 * Writes each payload into every free-text field the API takes — a reply's comments, reasons,
 * possible changes, signatory, place; a consultation's subject, signatory, meeting place, notes,
 * text title and summary; a contact's name; a token's label; a Member State's eligibility note;
 * a meeting decision's notes and reservation (after the deadline) — reads each back, and lists
 * the fields whose value came back different, the writes that failed, and every response.
 */
async function storeAndReadBack(api: SecurityApi, payloads: readonly string[]) {
  const mismatches: string[] = [];
  const failures: string[] = [];
  const responses: StoredText[] = [];
  const send = async (label: string, method: HTTPMethods, url: string, token: string | undefined, body?: unknown) => {
    const response = await api.send(method, url, { token, body });
    responses.push({ label, response });
    if (response.statusCode >= 400) failures.push(`${line(label, response)} ${response.body.slice(0, 300)}`);
    return response;
  };
  const compare = (payload: string, read: Record<string, unknown>) => {
    for (const [field, value] of Object.entries(read))
      if (value !== payload) mismatches.push(`${field}: sent ${JSON.stringify(payload)}, got ${JSON.stringify(value)}`);
  };
  const { open } = api.fixtures;
  const { secretariat, kr } = api.tokens;

  for (const [index, payload] of payloads.entries()) {
    const replyUrl = `/api/v1/consultations/${open}/replies/KR`;
    await send(`PUT reply (${payload})`, 'PUT', replyUrl, kr, {
      positions: [
        { text: 'x1333-cor1', position: 'assigns_authority', option: 'comments_attached', comments: payload },
        { text: 'x1353', position: 'does_not_assign_authority', reasons: payload, possibleChanges: payload },
        { text: 'x1471', position: 'assigns_authority', option: 'no_comments' },
      ],
      signatory: { name: payload, title: payload },
      place: payload,
      signedOn: '2023-05-01',
    });
    const reply = (await send('GET reply', 'GET', replyUrl, kr)).json<StateReplyView>().versions.at(-1);
    const position = (text: string) => reply?.positions.find((p) => p.text === text);
    compare(payload, {
      'reply comments': position('x1333-cor1')?.comments,
      'reply reasons': position('x1353')?.reasons,
      'reply possibleChanges': position('x1353')?.possibleChanges,
      'reply signatory name': reply?.signatory.name,
      'reply signatory title': reply?.signatory.title,
      'reply place': reply?.place,
    });

    const base = consultationInput({ number: 200 + index, reference: `TSB Circular ${200 + index}` });
    const created = await send(`POST consultation (${payload})`, 'POST', '/api/v1/consultations', secretariat, {
      ...base,
      subject: payload,
      signatory: { name: payload, title: payload },
      meeting: { ...base.meeting, place: payload },
      notes: [payload],
      texts: [{ kind: 'new', designation: 'X.9001', title: payload, summary: payload, location: 'R1' }],
    });
    const id = created.json<{ id?: string }>().id ?? 'missing';
    const consultation = (await send('GET consultation', 'GET', `/api/v1/consultations/${id}`, secretariat)).json<{
      subject?: string;
      signatory?: { name: string; title: string };
      meeting?: { place: string };
      notes?: string[];
      texts?: { title: string; summary: string | null }[];
    }>();
    compare(payload, {
      'consultation subject': consultation.subject,
      'consultation signatory name': consultation.signatory?.name,
      'consultation signatory title': consultation.signatory?.title,
      'consultation meeting place': consultation.meeting?.place,
      'consultation note': consultation.notes?.[0],
      'text title': consultation.texts?.[0]?.title,
      'text summary': consultation.texts?.[0]?.summary,
    });

    const contact = await send(`POST contact (${payload})`, 'POST', '/api/v1/contacts', secretariat, {
      email: `contact${index}@example.org`,
      name: payload,
      role: 'observer',
    });
    const contacts = (await send('GET contacts', 'GET', '/api/v1/contacts', secretariat)).json<{
      items: { id: string; name: string }[];
    }>().items;
    compare(payload, { 'contact name': contacts.find((c) => c.id === contact.json<{ id?: string }>().id)?.name });

    const token = await send(`POST token (${payload})`, 'POST', '/api/v1/tokens', secretariat, {
      role: 'observer',
      label: payload,
    });
    const tokens = (await send('GET tokens', 'GET', '/api/v1/tokens', secretariat)).json<{
      items: { id: string; label: string }[];
    }>().items;
    compare(payload, {
      'token label': tokens.find((t) => t.id === token.json<{ token?: { id: string } }>().token?.id)?.label,
    });

    await send(`PUT eligibility (${payload})`, 'PUT', '/api/v1/member-states/DE/eligibility', secretariat, {
      mayReply: true,
      note: payload,
    });
    const states = (await send('GET member-states', 'GET', '/api/v1/member-states', undefined)).json<{
      items: { code: string; eligibilityNote: string | null }[];
    }>().items;
    compare(payload, { 'eligibility note': states.find((s) => s.code === 'DE')?.eligibilityNote });
  }

  // Meeting decisions are recorded after the deadline, during the meeting (Res. 1 §9.5).
  api.at('after');
  for (const payload of payloads) {
    await send(`PUT decision (${payload})`, 'PUT', `/api/v1/consultations/${open}/decisions/x1471`, secretariat, {
      notes: payload,
      reservations: [{ state: 'FR', note: payload }],
    });
    const decisions = (await send('GET decisions', 'GET', `/api/v1/consultations/${open}/decisions`, undefined)).json<{
      items: {
        text: string;
        decision: { reservations: { note: string }[]; recorded: { notes: string | null } | null } | null;
      }[];
    }>().items;
    const decision = decisions.find((d) => d.text === 'x1471')?.decision;
    compare(payload, {
      'decision notes': decision?.recorded?.notes,
      'decision reservation note': decision?.reservations[0]?.note,
    });
  }
  api.at('before');
  return { mismatches, failures, responses };
}
