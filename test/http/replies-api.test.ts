import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/domain/errors.js';
import type { ProblemDocument } from '../../src/http/problem.js';
import type { ReceiptView, ResultsView, StateReplyView } from '../../src/schemas/responses.schema.js';
import type { ReplyInput } from '../../src/schemas/reply.schema.js';
import { describeEachDialect } from '../helpers/databases.js';
import { DEADLINE, replyInput } from '../helpers/world.js';
import { expectProblem, storageSnapshot, storedVersions, useApi, type Api, type ApiRequest } from './api-harness.js';
import { withFigures } from '../helpers/tally.js';

const ID = 'tsb-79-2023';
const replyUrl = (state: string) => `/api/v1/consultations/${ID}/replies/${state}`;

/** KR's amendment: X.1353 only, not assigning authority, with the reasons §9.4.4 asks for. */
const OPPOSE_X1353: ReplyInput = replyInput([], {
  positions: [
    {
      text: 'x1353',
      position: 'does_not_assign_authority',
      reasons: 'Not mature.',
      possibleChanges: 'Align with X.1250.',
    },
  ],
});

const PDF = Buffer.from('%PDF-1.4\n% scan of the Annex 2 form\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');

describeEachDialect('replies API', (dialect) => {
  const api = useApi(dialect);

  beforeEach(async () => {
    await api().world.openConsultation();
    api().world.clock.set('2023-05-02T10:00:00Z');
  });

  const put = (body: unknown, extra: { state?: string; token?: string; headers?: Record<string, string> } = {}) =>
    api().send('PUT', replyUrl(extra.state ?? 'KR'), {
      token: extra.token ?? api().tokens.kr,
      body,
      ...(extra.headers && { headers: extra.headers }),
    });

  /** The secretariat's view of the results, text by text: [replies, support, nonSupport]. */
  const figures = async () => {
    const response = await api().send('GET', `/api/v1/consultations/${ID}/results`, {
      token: api().tokens.secretariat,
    });
    expect(response.statusCode).toBe(200);
    const results = response.json<ResultsView>();
    return {
      final: results.final,
      byText: Object.fromEntries(
        results.texts.map((t) => {
          const figures = withFigures(t);
          return [t.text.id, [t.replies, figures.support, figures.nonSupport]];
        }),
      ),
    };
  };

  describe('submitting, amending and withdrawing', () => {
    it('stores the first reply of the focal point of KR as version 1: 201 with a receipt that counts', async () => {
      const response = await put(replyInput());
      expect(response.statusCode).toBe(201);
      expect(response.json<ReceiptView>()).toEqual({
        consultationId: ID,
        memberState: 'KR',
        version: 1,
        status: 'submitted',
        receivedAt: '2023-05-02T10:00:00.000Z',
        channel: 'api',
        counted: true,
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        flags: [],
        replayed: false,
      });
      expect(await storedVersions(api().world.ctx.db, ID, 'KR')).toEqual([{ version: 1, status: 'submitted' }]);
    });

    it("counts the reply in the secretariat's provisional results before the deadline (final: false)", async () => {
      expect(await figures()).toEqual({
        final: false,
        byText: { 'x1333-cor1': [0, 0, 0], x1353: [0, 0, 0], x1471: [0, 0, 0] },
      });
      await put(replyInput());
      expect(await figures()).toEqual({
        final: false,
        byText: { 'x1333-cor1': [1, 1, 0], x1353: [1, 1, 0], x1471: [1, 1, 0] },
      });
    });

    it('stores an amendment as version 2 (200), and the results reflect only the latest version', async () => {
      await put(replyInput());
      const amended = await put(OPPOSE_X1353);
      expect(amended.statusCode).toBe(200);
      expect(amended.json<ReceiptView>()).toMatchObject({
        version: 2,
        status: 'submitted',
        counted: true,
        replayed: false,
      });
      // Version 2 covers X.1353 only: KR no longer counts for the other texts.
      expect(await figures()).toEqual({
        final: false,
        byText: { 'x1333-cor1': [0, 0, 0], x1353: [1, 0, 1], x1471: [0, 0, 0] },
      });
    });

    it('withdraws with a plain DELETE (no body): a new version that does not count, and KR leaves the results', async () => {
      await put(replyInput());
      const response = await api().send('DELETE', replyUrl('KR'), { token: api().tokens.kr });
      expect(response.statusCode).toBe(200);
      expect(response.json<ReceiptView>()).toMatchObject({
        memberState: 'KR',
        version: 2,
        status: 'withdrawn',
        counted: false,
      });
      expect(await figures()).toEqual({
        final: false,
        byText: { 'x1333-cor1': [0, 0, 0], x1353: [0, 0, 0], x1471: [0, 0, 0] },
      });
    });

    it('shows every version of the reply, oldest first, to its focal point and to the secretariat', async () => {
      await put(replyInput());
      api().world.clock.set('2023-06-01T09:00:00Z');
      await put(OPPOSE_X1353);
      api().world.clock.set('2023-07-01T09:00:00Z');
      const withdrawn = await api().send('DELETE', replyUrl('KR'), {
        token: api().tokens.kr,
        headers: { 'if-match': '"2"' },
      });
      expect(withdrawn.statusCode).toBe(200);
      for (const token of [api().tokens.kr, api().tokens.secretariat]) {
        const response = await api().send('GET', replyUrl('KR'), { token });
        expect(response.statusCode).toBe(200);
        const reply = response.json<StateReplyView>();
        expect(reply).toMatchObject({ consultationId: ID, memberState: 'KR', currentVersion: 3, countedVersion: null });
        expect(
          reply.versions.map((v) => [
            v.version,
            v.status,
            v.receivedAt,
            v.positions.map((p) => `${p.text}:${p.position}`),
          ]),
        ).toEqual([
          [
            1,
            'submitted',
            '2023-05-02T10:00:00.000Z',
            ['x1333-cor1:assigns_authority', 'x1353:assigns_authority', 'x1471:assigns_authority'],
          ],
          [2, 'submitted', '2023-06-01T09:00:00.000Z', ['x1353:does_not_assign_authority']],
          [3, 'withdrawn', '2023-07-01T09:00:00.000Z', []],
        ]);
        expect(reply.versions[1]?.positions[0]).toMatchObject({
          reasons: 'Not mature.',
          possibleChanges: 'Align with X.1250.',
        });
      }
    });

    it('takes a comments table with a position and gives it back; a row without its comment is 422 COMMENT_ROW_INCOMPLETE at its cell, a clause with a line break 400', async () => {
      const rows = [
        { clause: '6.2', comment: 'The key length is not stated.', proposedChange: 'State 256 bits.' },
        { clause: null, comment: 'General: align the terms with X.1252.', proposedChange: null },
      ];
      const withRows = (commentTable: unknown) =>
        replyInput([], {
          positions: [{ text: 'x1353', position: 'assigns_authority', option: 'comments_attached', commentTable }],
        } as unknown as Partial<ReplyInput>);
      const incomplete = await put(withRows([rows[0], { clause: '7', comment: ' ', proposedChange: 'Delete.' }]));
      expect(expectProblem(incomplete, 422, 'COMMENT_ROW_INCOMPLETE').errors).toEqual([
        expect.objectContaining({ field: '/positions/0/commentTable/1/comment', code: 'COMMENT_ROW_INCOMPLETE' }),
      ]);
      const broken = await put(withRows([{ clause: '6\n2', comment: 'Two lines.' }]));
      expect(expectProblem(broken, 400, 'VALIDATION_FAILED').errors?.[0]).toMatchObject({
        field: '/positions/0/commentTable/0/clause',
        message: expect.stringContaining('no line break'),
      });
      expect((await put(withRows(rows))).statusCode).toBe(201);
      const reply = (await api().send('GET', replyUrl('KR'), { token: api().tokens.kr })).json<StateReplyView>();
      expect(reply.versions[0]?.positions[0]?.commentTable).toEqual(rows);
    });

    it('accepts a reply received at exactly the deadline instant, 2359 hours UTC on 16 August 2023', async () => {
      api().world.clock.set(DEADLINE);
      const response = await put(replyInput());
      expect(response.statusCode).toBe(201);
      expect(response.json<ReceiptView>()).toMatchObject({ receivedAt: DEADLINE, counted: true, flags: [] });
    });

    it('replays a retried PUT with the same Idempotency-Key: the same receipt with replayed:true, and one version stored', async () => {
      const headers = { 'idempotency-key': 'kr-reply-2023-05-02' };
      const first = await put(replyInput(), { headers });
      expect(first.statusCode).toBe(201);
      const before = await storageSnapshot(api().world.ctx.db);
      api().world.clock.set('2023-05-02T10:05:00Z');
      const retry = await put(replyInput(), { headers });
      expect(retry.statusCode).toBe(201);
      expect(retry.json<ReceiptView>()).toEqual({ ...first.json<ReceiptView>(), replayed: true });
      expect(await storedVersions(api().world.ctx.db, ID, 'KR')).toEqual([{ version: 1, status: 'submitted' }]);
      expect(await storageSnapshot(api().world.ctx.db)).toEqual(before);
    });
  });

  describe('refused requests: a problem document, and nothing stored', () => {
    const FIRST_KEY = 'kr-first-reply';

    beforeEach(async () => {
      // KR has a reply on record (version 1, sent with an Idempotency-Key): a refusal must leave it as it is.
      const first = await put(replyInput(), { headers: { 'idempotency-key': FIRST_KEY } });
      expect(first.statusCode).toBe(201);
    });

    interface Refusal {
      readonly name: string;
      readonly status: number;
      readonly code: ErrorCode;
      readonly request: (api: Api) => { method: 'PUT' | 'DELETE'; url: string } & ApiRequest;
      /** The server clock at the request (default 2023-05-02T10:00Z). */
      readonly at?: number;
      readonly check?: (problem: ProblemDocument, headers: Record<string, unknown>) => void;
    }

    const asKr = (body: unknown, headers?: Record<string, string>) => (a: Api) => ({
      method: 'PUT' as const,
      url: replyUrl('KR'),
      token: a.tokens.kr,
      body,
      ...(headers && { headers }),
    });

    const refusals: Refusal[] = [
      {
        name: 'refuses a reply received one millisecond after the deadline with 422 DEADLINE_PASSED, citing §9.4.6',
        status: 422,
        code: 'DEADLINE_PASSED',
        at: Date.parse(DEADLINE) + 1,
        request: asKr(OPPOSE_X1353),
        check: (p) => expect(p.clause).toMatch(/§9\.4\.6$/),
      },
      {
        name: 'refuses a withdrawal one millisecond after the deadline with 422 DEADLINE_PASSED',
        status: 422,
        code: 'DEADLINE_PASSED',
        at: Date.parse(DEADLINE) + 1,
        request: (a) => ({ method: 'DELETE', url: replyUrl('KR'), token: a.tokens.kr, body: {} }),
        check: (p) => expect(p.clause).toMatch(/§9\.4\.6$/),
      },
      {
        name: 'refuses the focal point of KR replying for FR with 403 NOT_YOUR_MEMBER_STATE',
        status: 403,
        code: 'NOT_YOUR_MEMBER_STATE',
        request: (a) => ({ method: 'PUT', url: replyUrl('FR'), token: a.tokens.kr, body: replyInput() }),
      },
      {
        name: "refuses the focal point of FR withdrawing KR's reply with 403 NOT_YOUR_MEMBER_STATE",
        status: 403,
        code: 'NOT_YOUR_MEMBER_STATE',
        request: (a) => ({ method: 'DELETE', url: replyUrl('KR'), token: a.tokens.fr, body: {} }),
      },
      {
        name: 'refuses an observer with 403 ROLE_MAY_NOT_REPLY (only Member States reply, §9.4.1)',
        status: 403,
        code: 'ROLE_MAY_NOT_REPLY',
        request: (a) => ({ method: 'PUT', url: replyUrl('KR'), token: a.tokens.observer, body: replyInput() }),
      },
      {
        name: 'refuses the secretariat with 403 ROLE_MAY_NOT_REPLY (it records forms, it does not reply)',
        status: 403,
        code: 'ROLE_MAY_NOT_REPLY',
        request: (a) => ({ method: 'PUT', url: replyUrl('KR'), token: a.tokens.secretariat, body: replyInput() }),
      },
      {
        name: 'refuses a reply without a token with 401 UNAUTHENTICATED and a WWW-Authenticate challenge',
        status: 401,
        code: 'UNAUTHENTICATED',
        request: () => ({ method: 'PUT', url: replyUrl('KR'), body: replyInput() }),
        check: (_p, headers) => expect(headers['www-authenticate']).toMatch(/^Bearer /),
      },
      {
        name: 'refuses a withdrawal without a token with 401 UNAUTHENTICATED and a WWW-Authenticate challenge',
        status: 401,
        code: 'UNAUTHENTICATED',
        request: () => ({ method: 'DELETE', url: replyUrl('KR'), body: {} }),
        check: (_p, headers) => expect(headers['www-authenticate']).toMatch(/^Bearer /),
      },
      {
        name: 'refuses an unknown bearer token with 401 UNAUTHENTICATED, never falling back to the public',
        status: 401,
        code: 'UNAUTHENTICATED',
        request: () => ({ method: 'PUT', url: replyUrl('KR'), token: `assent_${'A'.repeat(43)}`, body: replyInput() }),
        check: (_p, headers) => expect(headers['www-authenticate']).toMatch(/^Bearer /),
      },
      {
        name: 'refuses an Authorization header that is not a bearer token with 401 UNAUTHENTICATED',
        status: 401,
        code: 'UNAUTHENTICATED',
        request: () => ({
          method: 'PUT',
          url: replyUrl('KR'),
          headers: { authorization: 'Basic a3I6c2VjcmV0' },
          body: replyInput(),
        }),
        check: (_p, headers) => expect(headers['www-authenticate']).toMatch(/^Bearer /),
      },
      {
        name: 'refuses a position on a text that is not in the consultation with 422 UNKNOWN_TEXT',
        status: 422,
        code: 'UNKNOWN_TEXT',
        request: asKr(replyInput(['x1353', 'x9999'])),
        check: (p) => expect(p.errors?.[0]?.field).toBe('/positions/1/text'),
      },
      {
        name: 'refuses two positions for one text with 422 DUPLICATE_POSITION',
        status: 422,
        code: 'DUPLICATE_POSITION',
        request: asKr(replyInput([], { positions: [...replyInput(['x1353']).positions, ...OPPOSE_X1353.positions] })),
        check: (p) => expect(p.errors?.[0]?.field).toBe('/positions/1/text'),
      },
      {
        name: 'refuses a reply with no position with 422 NO_POSITIONS',
        status: 422,
        code: 'NO_POSITIONS',
        request: asKr(replyInput([])),
        check: (p) => expect(p.errors?.[0]?.field).toBe('/positions'),
      },
      {
        name: 'refuses "does not assign authority" without reasons with 422 POSITION_INCOMPLETE naming /positions/0/reasons (§9.4.4)',
        status: 422,
        code: 'POSITION_INCOMPLETE',
        request: asKr(replyInput([], { positions: [{ text: 'x1353', position: 'does_not_assign_authority' }] })),
        check: (p) => {
          expect(p.errors?.[0]).toMatchObject({ field: '/positions/0/reasons', clause: '§9.4.4' });
          expect(p.clause).toBe('§9.4.4');
        },
      },
      {
        name: 'refuses a body that is not well-formed JSON with 400 MALFORMED_JSON',
        status: 400,
        code: 'MALFORMED_JSON',
        request: asKr('{"positions": [', { 'content-type': 'application/json' }),
      },
      {
        name: 'refuses an unknown field with 400 VALIDATION_FAILED naming the field',
        status: 400,
        code: 'VALIDATION_FAILED',
        request: asKr({ ...replyInput(), colour: 'red' }),
        check: (p) =>
          expect(p.errors).toEqual([{ field: '/colour', message: expect.stringContaining('Unknown field') }]),
      },
      {
        name: 'refuses an unknown field inside a position with 400 VALIDATION_FAILED naming its path',
        status: 400,
        code: 'VALIDATION_FAILED',
        request: asKr({
          ...replyInput(['x1353']),
          positions: [{ text: 'x1353', position: 'assigns_authority', option: 'no_comments', vote: 'yes' }],
        }),
        check: (p) => expect(p.errors?.map((e) => e.field)).toContain('/positions/0/vote'),
      },
      {
        name: 'refuses a Member State code that is not two capital letters with 400 VALIDATION_FAILED naming the parameter',
        status: 400,
        code: 'VALIDATION_FAILED',
        request: (a) => ({ method: 'PUT', url: replyUrl('kr'), token: a.tokens.kr, body: replyInput() }),
        check: (p) => expect(p.errors?.[0]?.field).toBe('/params/state'),
      },
      {
        name: 'refuses a body over 1 MiB with 413 PAYLOAD_TOO_LARGE',
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        request: asKr(JSON.stringify({ ...replyInput(), place: 'x'.repeat(1024 * 1024) }), {
          'content-type': 'application/json',
        }),
      },
      {
        name: 'refuses a body sent as application/xml with 415 UNSUPPORTED_MEDIA_TYPE',
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        request: asKr('<reply/>', { 'content-type': 'application/xml' }),
      },
      {
        name: 'refuses a form-encoded body (curl -d without a content type) with 415 UNSUPPORTED_MEDIA_TYPE',
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        request: asKr('positions=x1353', { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      {
        name: 'refuses a JSON document sent as text/plain with 415 UNSUPPORTED_MEDIA_TYPE',
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        request: asKr(JSON.stringify(OPPOSE_X1353), { 'content-type': 'text/plain' }),
      },
      {
        name: 'refuses an Idempotency-Key reused with a different body with 422 IDEMPOTENCY_KEY_REUSED',
        status: 422,
        code: 'IDEMPOTENCY_KEY_REUSED',
        request: asKr(OPPOSE_X1353, { 'idempotency-key': FIRST_KEY }),
      },
      {
        name: 'refuses an amendment made to a version that is no longer current with 412 STALE_REPLY',
        status: 412,
        code: 'STALE_REPLY',
        request: asKr({ ...OPPOSE_X1353, expectedVersion: 0 }),
      },
      {
        name: 'refuses a withdrawal naming a stale version with 412 STALE_REPLY',
        status: 412,
        code: 'STALE_REPLY',
        request: (a) => ({ method: 'DELETE', url: replyUrl('KR'), token: a.tokens.kr, headers: { 'if-match': '"7"' } }),
      },
    ];

    for (const { name, status, code, request, at, check } of refusals) {
      it(name, async () => {
        const { world } = api();
        const before = await storageSnapshot(world.ctx.db);
        if (at !== undefined) world.clock.set(at);
        const { method, url, ...rest } = request(api());
        const response = await api().send(method, url, rest);
        const problem = expectProblem(response, status, code);
        check?.(problem, response.headers);
        expect(await storageSnapshot(world.ctx.db)).toEqual(before);
      });
    }
  });

  describe('forms received by fax, e-mail or paper (secretariat)', () => {
    const upload = (content: Buffer, contentType: string, filename: string) =>
      api().send('POST', `/api/v1/attachments?filename=${encodeURIComponent(filename)}`, {
        token: api().tokens.secretariat,
        headers: { 'content-type': contentType },
        body: content,
      });

    it('stores an uploaded PDF scan sent as raw bytes: 201 with its SHA-256', async () => {
      const response = await upload(PDF, 'application/pdf', 'scan.pdf');
      expect(response.statusCode).toBe(201);
      const sha256 = createHash('sha256').update(PDF).digest('hex');
      expect(response.json()).toEqual({ sha256, mediaType: 'application/pdf', filename: 'scan.pdf', size: PDF.length });
      expect(response.headers.location).toBe(`/api/v1/attachments/${sha256}`);
    });

    it("records France's faxed form, received before the deadline, with its original file: 201, counted", async () => {
      const { sha256 } = (await upload(PDF, 'application/pdf', 'scan.pdf')).json<{ sha256: string }>();
      const response = await api().send('POST', `${replyUrl('FR')}/recorded`, {
        token: api().tokens.secretariat,
        body: {
          channel: 'fax',
          receivedAt: '2023-04-20T14:30:00Z',
          originalFile: sha256,
          positions: replyInput().positions,
          signatory: { name: 'J. Dupont', title: 'Directeur général des entreprises' },
          place: 'Paris',
          signedOn: '2023-04-19',
        },
      });
      expect(response.statusCode).toBe(201);
      expect(response.json<ReceiptView>()).toMatchObject({
        memberState: 'FR',
        version: 1,
        status: 'submitted',
        channel: 'fax',
        receivedAt: '2023-04-20T14:30:00.000Z',
        counted: true,
        replayed: false,
      });
      const reply = (await api().send('GET', replyUrl('FR'), { token: api().tokens.fr })).json<StateReplyView>();
      expect(reply.versions[0]).toMatchObject({
        channel: 'fax',
        originalFile: sha256,
        signatory: { name: 'J. Dupont' },
      });
      // France's focal point may fetch the scan its reply cites.
      const scan = await api().send('GET', `/api/v1/attachments/${sha256}`, { token: api().tokens.fr });
      expect(scan.statusCode).toBe(200);
      expect(scan.headers['content-type']).toBe('application/pdf');
      expect(scan.rawPayload.equals(PDF)).toBe(true);
    });

    it('refuses an executable (0x7f ELF) with 415 UNSUPPORTED_MEDIA_TYPE and stores nothing, whatever its declared type', async () => {
      const before = await storageSnapshot(api().world.ctx.db);
      const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]);
      for (const declared of ['application/octet-stream', 'application/pdf']) {
        const problem = expectProblem(await upload(elf, declared, 'scan.pdf'), 415, 'UNSUPPORTED_MEDIA_TYPE');
        expect(problem.errors?.[0]?.field).toBe('/file');
      }
      expect(await storageSnapshot(api().world.ctx.db)).toEqual(before);
    });
  });
});
