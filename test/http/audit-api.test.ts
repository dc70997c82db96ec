import { beforeEach, expect, it } from 'vitest';
import { appendAudit } from '../../src/repositories/audit.repository.js';
import { inTransaction } from '../../src/services/service-context.js';
import { describeEachDialect } from '../helpers/databases.js';
import { expectProblem, useApi } from './api-harness.js';

const ID = 'tsb-79-2023';

/** The first column (the event's number) of each record of an audit CSV, after its heading. */
const numbers = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .slice(1)
    .map((line) => Number(line.split(',')[0]));

describeEachDialect('the audit trail filtered (GET /api/v1/audit?action=&who=&state=&from=&to=)', (dialect) => {
  const api = useApi(dialect);
  /** Events Korea's and France's focal points (their API tokens) did on 2 and 3 May 2023. */
  let written: { seq: number; action: string; actor: string; at: number }[] = [];

  beforeEach(async () => {
    const { ctx } = api().world;
    const events = [
      ['2023-05-02T09:00:00Z', 'reply.submitted', `reply:${ID}/KR/1`],
      ['2023-05-02T23:59:59.999Z', 'reply.submitted', `reply:${ID}/FR/1`],
      ['2023-05-03T00:00:00Z', 'reply.withdrawn', `reply:${ID}/KR/1`],
      ['2023-05-03T10:00:00Z', 'reply.submitted', `reply:${ID}/KR/2`],
    ] as const;
    for (const [at, action, subject] of events)
      await inTransaction(ctx, (trx) =>
        appendAudit(trx, { at: Date.parse(at), actor: 'token:kr', action, consultationId: ID, subject, data: {} }),
      );
    const all = await api().send('GET', '/api/v1/audit?limit=1000', { token: api().tokens.secretariat });
    written = all
      .json<{ items: { seq: number; action: string; actor: string; at: string }[] }>()
      .items.filter((e) => e.actor === 'token:kr')
      .map((e) => ({ ...e, at: Date.parse(e.at) }));
    expect(written).toHaveLength(4);
  });

  const get = (query: string, token = api().tokens.secretariat) =>
    api().send('GET', `/api/v1/audit?${query}`, { token });
  const seqs = async (query: string) => {
    const response = await get(query);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: { seq: number }[] }>().items.map((e) => e.seq);
  };

  it('selects by action, who, State and days, all together, and pages what they select', async () => {
    const [kr1, fr1, withdrawn, kr2] = written.map((e) => e.seq);
    expect(await seqs('action=reply.submitted&who=token%3Akr')).toEqual([kr1, fr1, kr2]);
    expect(await seqs('state=KR&who=token%3Akr')).toEqual([kr1, withdrawn, kr2]);
    expect(await seqs('state=KR&from=2023-05-03&to=2023-05-03')).toEqual([withdrawn, kr2]);
    expect(await seqs('who=token%3Akr&to=2023-05-02')).toEqual([kr1, fr1]);
    expect(await seqs('action=reply.submitted&state=FR&consultation=tsb-79-2023')).toEqual([fr1]);
    // `after` and `limit` page through the events the filters select.
    expect(await seqs('state=KR&who=token%3Akr&limit=1')).toEqual([kr1]);
    expect(await seqs(`state=KR&who=token%3Akr&after=${kr1}&limit=1`)).toEqual([withdrawn]);
    // Compared whole: a LIKE wildcard is a character like any other.
    expect(await seqs('who=token%3A%25')).toEqual([]);
    expect(await seqs('action=reply._ubmitted')).toEqual([]);
  });

  it('exports the selected events as CSV and XLSX, oldest first', async () => {
    const [kr1, , withdrawn, kr2] = written.map((e) => e.seq);
    const csv = await get('state=KR&who=token%3Akr&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(numbers(csv.body)).toEqual([kr1, withdrawn, kr2]);
    expect(numbers((await get(`state=KR&who=token%3Akr&format=csv&after=${kr1}&limit=1`)).body)).toEqual([withdrawn]);
    const xlsx = await get('action=reply.withdrawn&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="audit.xlsx"');
  });

  it('refuses a filter that is not valid, or days out of order, with VALIDATION_FAILED at the parameter', async () => {
    for (const [query, field] of [
      ['state=kr', '/querystring/state'],
      ['state=K', '/querystring/state'],
      ['state=KR%20X', '/querystring/state'],
      ['from=2023-02-30', '/querystring/from'],
      ['from=yesterday', '/querystring/from'],
      ['to=2023-5-3', '/querystring/to'],
      ['from=2023-05-03&to=2023-05-02', '/querystring/to'],
      [`who=${'x'.repeat(201)}`, '/querystring/who'],
      ['action=', '/querystring/action'],
      ['action=a%0Ab', '/querystring/action'],
    ] as const) {
      const problem = expectProblem(await get(query), 400, 'VALIDATION_FAILED');
      expect(
        problem.errors?.map((e) => e.field),
        query,
      ).toContain(field);
    }
    const reversed = expectProblem(await get('from=2023-05-03&to=2023-05-02'), 400, 'VALIDATION_FAILED');
    expect(reversed.errors).toEqual([
      expect.objectContaining({ field: '/querystring/to', code: 'DATES_OUT_OF_ORDER' }),
    ]);
  });

  it('is for the secretariat only, filtered or not', async () => {
    for (const token of [api().tokens.kr, api().tokens.fr, api().tokens.observer]) {
      expectProblem(await get('state=KR', token), 403, 'FORBIDDEN');
      expectProblem(await get('state=KR&format=csv', token), 403, 'FORBIDDEN');
    }
    expectProblem(await api().send('GET', '/api/v1/audit?state=KR'), 401, 'UNAUTHENTICATED');
  });
});
