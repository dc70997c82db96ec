import { expect, it } from 'vitest';
import { submitReply } from '../../src/services/submit-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { focalPoint, replyInput } from '../helpers/world.js';
import { useWeb } from './web-harness.js';

/** Document downloads from the pages act as the person signed in, under the documents' own rules. */
describeEachDialect('document downloads from the pages', (dialect) => {
  const web = useWeb(dialect);

  it("gives a focal point its own State's filled form and receipt, never another State's; the circular to everyone", async () => {
    const id = await web().world.openConsultation();
    await submitReply(web().world.ctx, {
      actor: focalPoint('KR'),
      consultationId: id,
      memberState: 'KR',
      input: replyInput(),
      channel: 'web',
    });
    await submitReply(web().world.ctx, {
      actor: focalPoint('FR'),
      consultationId: id,
      memberState: 'FR',
      input: replyInput(),
      channel: 'web',
    });
    const { invitationPath } = await web().invite({ name: 'Kim', memberState: 'KR' });
    const kim = web().browser();
    await web().enrol(kim, invitationPath);

    const own = await kim.get(`/en/documents/${id}/reply/KR?format=docx`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toContain('wordprocessingml');
    expect(own.headers['content-disposition']).toMatch(/^attachment; filename=".+\.docx"$/);
    expect(own.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    // Stored once: the same bytes again.
    expect((await kim.get(`/en/documents/${id}/reply/KR?format=docx`)).headers.etag).toBe(own.headers.etag);
    expect((await kim.get(`/en/documents/${id}/receipt/KR?format=docx`)).statusCode).toBe(200);

    const other = await kim.get(`/en/documents/${id}/reply/FR?format=docx`);
    expect(other.statusCode).toBe(403);
    expect(other.headers['content-type']).toMatch(/^text\/html/);
    expect(other.body).toContain('This belongs to another Member State');

    // The receipt page links the State's documents, and the links work.
    const receipt = await kim.get(`/en/my/consultations/${id}/reply/receipt/1`);
    const formLink = /href="([^"]*\/documents\/[^"]*\/reply\/KR\?format=docx[^"]*)"/
      .exec(receipt.body)?.[1]
      ?.replace(/&amp;/g, '&');
    expect(formLink).toBe(`/en/documents/${id}/reply/KR?format=docx&version=1`);
    expect((await kim.get(formLink!)).statusCode).toBe(200);

    const visitor = web().browser();
    // The circular's page links its documents in the page's language.
    const consultation = await visitor.get(`/en/consultations/${id}`);
    expect(consultation.body).toContain(`href="/en/documents/${id}/circular?format=pdf"`);
    expect(consultation.body).toContain(`href="/en/documents/${id}/circular?format=docx"`);
    expect(consultation.body).not.toContain('/results-report?');
    expect((await visitor.get(`/en/documents/${id}/circular?format=docx`)).statusCode).toBe(200);
    const signIn = await visitor.get(`/en/documents/${id}/reply/KR?format=docx`);
    expect({ status: signIn.statusCode, location: signIn.headers.location }).toEqual({
      status: 303,
      location: `/en/login?next=${encodeURIComponent(`/documents/${id}/reply/KR?format=docx`)}`,
    });
    expect((await visitor.get(`/en/documents/${id}/results-report?format=docx`)).statusCode).toBe(409);
  });
});
