import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, expect, it } from 'vitest';
import { documentPath } from '../../src/documents/document.js';
import { createPdfEngine, defaultPdfEngine } from '../../src/documents/pdf.js';
import { sha256Hex } from '../../src/domain/canonical.js';
import { PUBLIC_ACTOR } from '../../src/domain/policy/actor.js';
import { documentRoutes } from '../../src/http/api/documents.routes.js';
import { sendProblem } from '../../src/http/problem.js';
import { PROBLEM_SCHEMA } from '../../src/schemas/responses.schema.js';
import { describeEachDialect } from '../helpers/databases.js';
import { expectProblem, useApi } from '../http/api-harness.js';
import { docxText, normalise, pdfPages } from './document-harness.js';
import { AFTER_DEADLINE, ID, openWithReplies } from './scenario.js';

/**
 * The documents' API: `GET /api/v1/consultations/:id/documents/<kind>[/<state>]?format=&locale=&version=`,
 * on SQLite and PostgreSQL, through the whole app (authentication, the policy, problem documents).
 */

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

afterAll(async () => defaultPdfEngine().close());

describeEachDialect('documents API', (dialect) => {
  const api = useApi(dialect);

  it('serves the circular as DOCX and PDF with its type, file name and ETag (the SHA-256 of the body); the second request is byte-identical', async () => {
    await openWithReplies(api().world);
    const docx = await api().send('GET', documentPath('circular', ID));
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe(DOCX);
    expect(docx.headers['content-disposition']).toBe('attachment; filename="tsb-79-2023-circular-en.docx"');
    expect(docx.headers.etag).toBe(`"${sha256Hex(docx.rawPayload)}"`);
    expect(docx.headers['cache-control']).toBe('private, no-cache');
    expect(normalise(docxText(docx.rawPayload))).toContain('2359 hours UTC on 16 August 2023');

    const pdf = await api().send('GET', documentPath('circular', ID, { format: 'pdf', locale: 'en' }));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('inline; filename="tsb-79-2023-circular-en.pdf"');
    expect(pdf.headers.etag).toBe(`"${sha256Hex(pdf.rawPayload)}"`);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(normalise((await pdfPages(pdf.rawPayload)).join('\n'))).toContain(
      'Member State response to TSB Circular 79:',
    );

    const again = await api().send('GET', documentPath('circular', ID, { format: 'pdf' }));
    expect(Buffer.compare(again.rawPayload, pdf.rawPayload)).toBe(0);
    expect(again.headers.etag).toBe(pdf.headers.etag);
  });

  it('answers 304 to If-None-Match with the current ETag, and the document to a stale one', async () => {
    await openWithReplies(api().world);
    const first = await api().send('GET', documentPath('receipt', ID, { memberState: 'KR' }), {
      token: api().tokens.kr,
    });
    const etag = String(first.headers.etag);
    const cached = await api().send('GET', documentPath('receipt', ID, { memberState: 'KR', version: 1 }), {
      token: api().tokens.kr,
      headers: { 'if-none-match': etag },
    });
    expect(cached.statusCode).toBe(304);
    expect(cached.rawPayload).toHaveLength(0);
    const stale = await api().send('GET', documentPath('receipt', ID, { memberState: 'KR' }), {
      token: api().tokens.kr,
      headers: { 'if-none-match': '"0000"' },
    });
    expect(stale.statusCode).toBe(200);
    expect(Buffer.compare(stale.rawPayload, first.rawPayload)).toBe(0);
  });

  it("serves KR's filled reply form to KR's focal point and the secretariat; FR, an observer and the public get problem documents", async () => {
    await openWithReplies(api().world);
    const path = documentPath('reply', ID, { memberState: 'KR' });
    for (const token of [api().tokens.kr, api().tokens.secretariat]) {
      const response = await api().send('GET', path, { token });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toBe('attachment; filename="tsb-79-2023-reply-KR-v1-en.docx"');
    }
    expectProblem(await api().send('GET', path, { token: api().tokens.fr }), 403, 'NOT_YOUR_MEMBER_STATE');
    expectProblem(await api().send('GET', path, { token: api().tokens.observer }), 403, 'FORBIDDEN');
    expectProblem(await api().send('GET', path), 401, 'UNAUTHENTICATED');
    expectProblem(
      await api().send('GET', documentPath('reply', ID, { memberState: 'KR', version: 7 }), { token: api().tokens.kr }),
      404,
      'NOT_FOUND',
    );
  });

  it('refuses the results report before the deadline (409 RESULTS_NOT_AVAILABLE) and the notice before the decisions (409 NOTICE_NOT_ALLOWED)', async () => {
    await openWithReplies(api().world);
    for (const token of [undefined, api().tokens.secretariat]) {
      expectProblem(
        await api().send('GET', documentPath('results-report', ID), token === undefined ? {} : { token }),
        409,
        'RESULTS_NOT_AVAILABLE',
      );
    }
    api().world.clock.set(AFTER_DEADLINE);
    const report = await api().send('GET', documentPath('results-report', ID, { format: 'pdf' }));
    expect(report.statusCode).toBe(200);
    expect(normalise((await pdfPages(report.rawPayload)).join('\n'))).toContain(
      'Individual replies to this consultation are confidential',
    );
    expectProblem(
      await api().send('GET', documentPath('results-notice', ID), { token: api().tokens.secretariat }),
      409,
      'NOTICE_NOT_ALLOWED',
    );
    expectProblem(await api().send('GET', documentPath('results-notice', ID)), 409, 'NOTICE_NOT_ALLOWED');
  });

  it('refuses unknown formats, languages, parameters and versions with 400 VALIDATION_FAILED', async () => {
    await openWithReplies(api().world);
    const base = `/api/v1/consultations/${ID}/documents`;
    for (const url of [
      `${base}/circular?format=odt`,
      `${base}/circular?locale=xx`,
      `${base}/circular?state=KR`,
      `${base}/reply/KR?version=0`,
      `${base}/reply/kr`,
    ]) {
      expectProblem(await api().send('GET', url, { token: api().tokens.secretariat }), 400, 'VALIDATION_FAILED');
    }
    expectProblem(await api().send('GET', `${base}/minutes`, { token: api().tokens.secretariat }), 404, 'NOT_FOUND');
  });
});

it('answers a PDF request with 503 PDF_UNAVAILABLE when the server has no Chromium, and the DOCX of the same document with 200', async () => {
  const { createTestDatabase } = await import('../helpers/databases.js');
  const { serviceContext } = await import('../../src/services/service-context.js');
  const { mutableClock } = await import('../../src/domain/time/clock.js');
  const { seedMemberStates } = await import('../../src/services/member-states.js');
  const { createConsultation } = await import('../../src/services/create-consultation.js');
  const { issueConsultation } = await import('../../src/services/issue-consultation.js');
  const { consultationInput, SECRETARIAT } = await import('../helpers/world.js');
  const database = await createTestDatabase('sqlite');
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  try {
    const ctx = serviceContext(database.db, mutableClock('2023-03-28T08:00:00Z').now);
    await seedMemberStates(ctx);
    const { id } = await createConsultation(ctx, { actor: SECRETARIAT, input: consultationInput() });
    await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: id });
    app.addSchema(PROBLEM_SCHEMA);
    app.decorateRequest('actor', null as never);
    app.addHook('onRequest', async (request) => {
      request.actor = PUBLIC_ACTOR;
    });
    app.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));
    await app.register(documentRoutes, { ctx, pdf: createPdfEngine({ locate: async () => null }), prefix: '/api/v1' });
    const pdf = await app.inject({ url: documentPath('circular', id, { format: 'pdf' }) });
    const problem = expectProblem(pdf, 503, 'PDF_UNAVAILABLE');
    expect(problem.detail).toMatch(/No Chromium was found/);
    expect((await app.inject({ url: documentPath('circular', id, { format: 'docx' }) })).statusCode).toBe(200);
  } finally {
    await app.close();
    await database.destroy();
  }
});
