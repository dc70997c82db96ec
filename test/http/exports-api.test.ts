import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import { describeEachDialect } from '../helpers/databases.js';
import { useWorld } from '../helpers/world.js';
import { readXlsx } from '../helpers/xlsx.js';
import { expectProblem, useApi } from './api-harness.js';

const ID = 'tsb-79-2023';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const BOM = '\uFEFF';

/** A CSV file's records, for files whose fields hold no line breaks (the test's own data). */
const records = (body: string) =>
  body
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')),
    )
    .map((fields) => fields.slice(0, -1));

describeEachDialect('exports of replies and results (?format=csv|xlsx)', (dialect) => {
  const api = useApi(dialect);

  beforeEach(async () => {
    await api().world.openConsultation();
    api().world.clock.set('2023-05-02T10:00:00Z');
    const upload = await api().send('POST', '/api/v1/attachments?filename=KR%20comments.pdf', {
      token: api().tokens.kr,
      headers: { 'content-type': 'application/pdf' },
      body: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1'),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const attachment = upload.json<{ sha256: string }>().sha256;
    const kr = await api().send('PUT', `/api/v1/consultations/${ID}/replies/KR`, {
      token: api().tokens.kr,
      body: {
        positions: [
          {
            text: 'x1333-cor1',
            position: 'assigns_authority',
            option: 'comments_attached',
            comments: 'See the file.',
            attachment,
          },
          {
            text: 'x1353',
            position: 'does_not_assign_authority',
            reasons: '=HYPERLINK("https://evil.example","click") is not mature, "quoted", and, commas',
            possibleChanges: '@SUM(A1) +1 -1',
          },
        ],
        signatory: { name: 'A. Official', title: 'Director, Ministry of ICT' },
        place: 'Seoul',
        signedOn: '2023-05-01',
      },
    });
    expect(kr.statusCode, kr.body).toBe(201);
  });

  const get = (url: string, token = api().tokens.secretariat) => api().send('GET', url, { token });

  it('gives the secretariat one CSV row per State that replied and text, with a byte order mark, CRLF and formulas neutralised', async () => {
    const response = await get(`/api/v1/consultations/${ID}/replies?format=csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${ID}-replies.csv"`);
    // Replies and names: kept by no browser or proxy.
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.body.startsWith(BOM)).toBe(true);
    expect(response.body.endsWith('\r\n')).toBe(true);
    const [head, ...rows] = records(response.body);
    expect(head!.slice(0, 8)).toEqual([
      'Code',
      'Member State',
      'Text',
      'Title',
      'Position',
      'Position (code)',
      'Comments',
      'Reasons',
    ]);
    // KR only, one row per text of the circular; the text it left without a position says so.
    expect(rows.map((r) => [r[0], r[2]])).toEqual([
      ['KR', 'X.1333 Cor.1'],
      ['KR', 'X.1353'],
      ['KR', 'X.1471'],
    ]);
    const column = (name: string) => head!.indexOf(name);
    const x1353 = rows[1]!;
    expect(x1353[column('Position (code)')]).toBe('does_not_assign_authority');
    expect(x1353[column('Reasons')]).toBe(
      `'=HYPERLINK("https://evil.example","click") is not mature, "quoted", and, commas`,
    );
    expect(x1353[column('Possible changes')]).toBe("'@SUM(A1) +1 -1");
    expect(x1353[column('Member State')]).toBe('Korea (Republic of)');
    expect(x1353[column('Version')]).toBe('1');
    expect(x1353[column('Counted')]).toBe('yes');
    expect(x1353[column('Received (UTC)')]).toBe('2023-05-02 10:00:00');
    expect(x1353[column('Channel')]).toBe('API');
    expect(x1353[column('Signatory')]).toBe('A. Official');
    // Entered through an API token: its label, for the secretariat.
    expect(x1353[column('Entered by')]).toBe('Focal point KR');
    expect(rows[0]![column('Position (code)')]).toBe('assigns_authority:comments_attached');
    // The attachment by the name it was uploaded with, not its hash.
    expect(rows[0]![column('Attachment')]).toBe('KR comments.pdf');
    expect(rows[2]![column('Position')]).toBe('No position');
    expect(rows[2]![column('Position (code)')]).toBe('');
  });

  it('shows the version that counts beside a later one received after the deadline, so that the counted rows add up to the results', async () => {
    const scan = await api().send('POST', '/api/v1/attachments?filename=late%20fax.pdf', {
      token: api().tokens.secretariat,
      headers: { 'content-type': 'application/pdf' },
      body: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n% late\n', 'latin1'),
    });
    api().world.clock.set('2023-08-20T09:00:00Z');
    const late = await api().send('POST', `/api/v1/consultations/${ID}/replies/KR/recorded`, {
      token: api().tokens.secretariat,
      body: {
        channel: 'fax',
        receivedAt: '2023-08-18T10:00:00.700Z',
        originalFile: scan.json<{ sha256: string }>().sha256,
        positions: [{ text: 'x1471', position: 'does_not_assign_authority', reasons: 'Changed our mind.' }],
        signatory: { name: 'A. Official', title: 'Director, Ministry of ICT' },
      },
    });
    expect(late.statusCode, late.body).toBe(201);
    const [head, ...rows] = records((await get(`/api/v1/consultations/${ID}/replies?format=csv`)).body);
    const column = (name: string) => head!.indexOf(name);
    expect(rows.map((r) => [r[column('Version')], r[2], r[column('Counted')]])).toEqual([
      ['1', 'X.1333 Cor.1', 'yes'],
      ['1', 'X.1353', 'yes'],
      ['1', 'X.1471', 'yes'],
      ['2', 'X.1333 Cor.1', 'no'],
      ['2', 'X.1353', 'no'],
      ['2', 'X.1471', 'no'],
    ]);
    const v2 = rows[5]!;
    expect(v2[column('Notes')]).toBe('Received after the deadline');
    expect(v2[column('Original form')]).toBe('late fax.pdf');
    expect(v2[column('Received (UTC)')]).toBe('2023-08-18 10:00:00');
    // The counted rows agree with the results: X.1353 has one reply not assigning authority.
    const results = (await get(`/api/v1/consultations/${ID}/results`)).json<{
      texts: { text: { id: string }; figures: { name: string; value: number | null }[] }[];
    }>();
    const figure = (text: string, name: string) =>
      results.texts.find((t) => t.text.id === text)!.figures.find((f) => f.name === name)!.value;
    expect(figure('x1353', 'nonSupport')).toBe(1);
    expect(figure('x1471', 'nonSupport')).toBe(0);
    // The workbook keeps the time to the second: 10:00:00.700 is not shown as 10:00:01.
    const [sheet] = readXlsx((await get(`/api/v1/consultations/${ID}/replies?format=xlsx`)).rawPayload);
    const received = sheet!.rows[0]!.indexOf('Received (UTC)');
    expect(Number(sheet!.rows[6]![received])).toBeCloseTo(
      (Date.UTC(2023, 7, 18, 10) - Date.UTC(1899, 11, 30)) / 86_400_000,
      8,
    );
  });

  it('lists the States that have not replied with ?rows=not-replied, in the language asked for', async () => {
    const response = await get(`/api/v1/consultations/${ID}/replies?format=csv&rows=not-replied&lang=fr`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${ID}-not-replied.csv"`);
    const [head, ...rows] = records(response.body);
    expect(head).toEqual(['Code', 'Etat Membre']);
    const json = (await get(`/api/v1/consultations/${ID}/replies`)).json<{ summary: { notReplied: number } }>();
    expect(rows).toHaveLength(json.summary.notReplied);
    expect(rows.some((r) => r[0] === 'KR')).toBe(false);
    expect(rows.find((r) => r[0] === 'FR')?.[1]).toBe('France');
  });

  it('gives a workbook with a sheet of replies and one of non-repliers, dates as dates, text never as a formula', async () => {
    const response = await get(`/api/v1/consultations/${ID}/replies?format=xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${ID}-replies.xlsx"`);
    const [replies, notReplied] = readXlsx(response.rawPayload);
    expect(replies!.name).toBe('Replies');
    expect(notReplied!.name).toBe('Not replied');
    expect(replies!.rightToLeft).toBe(false);
    const head = replies!.rows[0]!;
    const x1353 = replies!.rows[2]!;
    // Stored as text as typed: a workbook's string cell is never evaluated.
    expect(x1353[head.indexOf('Reasons')]).toMatch(/^=HYPERLINK\(/);
    // 2023-05-02 10:00:00 UTC as a spreadsheet serial date, formatted as a date and time.
    const received = head.indexOf('Received (UTC)');
    expect(Number(x1353[received])).toBeCloseTo(45048 + 10 / 24, 6);
    expect([...replies!.formats.values()]).toContain('yyyy-mm-dd hh:mm:ss');
    expect(notReplied!.rows.length - 1).toBeGreaterThan(150);
  });

  it('reads right to left in Arabic, with Arabic headings and sheet names', async () => {
    const [replies] = readXlsx((await get(`/api/v1/consultations/${ID}/replies?format=xlsx&lang=ar`)).rawPayload);
    expect(replies!.rightToLeft).toBe(true);
    expect(replies!.name).toBe('الردود');
    expect(replies!.rows[0]).toContain('التعليقات');
  });

  it('gives a focal point its own State only, and the public nothing before the deadline, as the JSON list does', async () => {
    const own = records((await get(`/api/v1/consultations/${ID}/replies?format=csv`, api().tokens.kr)).body);
    expect(new Set(own.slice(1).map((r) => r[0]))).toEqual(new Set(['KR']));
    // Who entered it is named for the secretariat only; others read the recorded id, as in the JSON.
    expect(own[1]![own[0]!.indexOf('Entered by')]).toMatch(/^token:/);
    const other = records((await get(`/api/v1/consultations/${ID}/replies?format=csv`, api().tokens.fr)).body);
    expect(other.slice(1)).toEqual([]);
    const publicly = await api().send('GET', `/api/v1/consultations/${ID}/replies?format=csv`);
    expect(publicly.statusCode).toBe((await api().send('GET', `/api/v1/consultations/${ID}/replies`)).statusCode);
    expect(publicly.statusCode).toBeGreaterThanOrEqual(400);
  });

  it('exports the results per text with the procedure’s figures, and refuses an unknown format or language', async () => {
    const response = await get(`/api/v1/consultations/${ID}/results?format=csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${ID}-results.csv"`);
    const [head, ...rows] = records(response.body);
    expect(head!.slice(0, 2)).toEqual(['Text', 'Title']);
    expect(head).toContain('Outcome');
    expect(head).toContain('Meeting decision');
    expect(rows.map((r) => r[0])).toEqual(['X.1333 Cor.1', 'X.1353', 'X.1471']);
    const json = (await get(`/api/v1/consultations/${ID}/results`)).json<{
      texts: { figures: { name: string; value: number | null; format: string }[] }[];
    }>();
    const figures = json.texts[1]!.figures;
    expect(rows[1]!.slice(2, 2 + figures.length)).toEqual(
      figures.map((f) => (f.value === null ? '' : f.format === 'percent' ? f.value.toFixed(2) : String(f.value))),
    );
    const [sheet] = readXlsx((await get(`/api/v1/consultations/${ID}/results?format=xlsx`)).rawPayload);
    expect(sheet!.name).toBe('Results');
    expect(sheet!.rows).toHaveLength(4);
    expectProblem(await get(`/api/v1/consultations/${ID}/results?format=pdf`), 400, 'VALIDATION_FAILED');
    expectProblem(await get(`/api/v1/consultations/${ID}/replies?format=csv&lang=xx`), 400, 'VALIDATION_FAILED');
    expectProblem(await get(`/api/v1/consultations/${ID}/replies?rows=everything`), 400, 'VALIDATION_FAILED');
  });
});

describeEachDialect('the audit trail as a file (GET /api/v1/audit?format=)', (dialect) => {
  const api = useApi(dialect);

  it('gives the secretariat every event, oldest first, in the language asked for, and nobody else anything', async () => {
    await api().world.openConsultation();
    const json = await api().send('GET', '/api/v1/audit?limit=1000', { token: api().tokens.secretariat });
    const events = json.json<{ items: { seq: number; action: string; hash: string }[] }>().items;
    expect(events.length).toBeGreaterThan(3);
    const csv = await api().send('GET', '/api/v1/audit?format=csv&lang=es', { token: api().tokens.secretariat });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="audit.csv"');
    const [head, ...rows] = records(csv.body);
    expect(head!.slice(0, 3)).toEqual(['N.º', 'Hora (UTC)', 'Autor']);
    expect(rows.map((r) => Number(r[0]))).toEqual(events.map((e) => e.seq));
    expect(rows.map((r) => r[5])).toEqual(events.map((e) => e.action));
    expect(rows.map((r) => r[9])).toEqual(events.map((e) => e.hash));
    // After an event, and at most `limit` of them, as the JSON pages.
    const page = await api().send('GET', `/api/v1/audit?format=csv&after=${events[0]!.seq}&limit=2`, {
      token: api().tokens.secretariat,
    });
    expect(
      records(page.body)
        .slice(1)
        .map((r) => Number(r[0])),
    ).toEqual(events.slice(1, 3).map((e) => e.seq));
    const one = await api().send('GET', `/api/v1/audit?format=xlsx&consultation=${ID}`, {
      token: api().tokens.secretariat,
    });
    expect(one.headers['content-disposition']).toBe(`attachment; filename="audit-${ID}.xlsx"`);
    expect(readXlsx(one.rawPayload)[0]!.rows.length).toBeGreaterThan(1);
    for (const token of [api().tokens.kr, api().tokens.observer])
      expectProblem(await api().send('GET', '/api/v1/audit?format=csv', { token }), 403, 'FORBIDDEN');
    expectProblem(await api().send('GET', '/api/v1/audit?format=csv'), 401, 'UNAUTHENTICATED');
  });
});

describe('exports of the demo', () => {
  const world = useWorld('sqlite');
  let app: FastifyInstance;
  let secretariat: string;

  beforeEach(async () => {
    const tokens = await seedDemo(world().ctx);
    secretariat = tokens!.secretariat;
    app = await buildApp({ ctx: world().ctx, logger: false, rateLimitPerMinute: 0 });
  });
  afterEach(async () => {
    await app.close();
  });

  it("works for Circular 79: every simulated reply's rows, in CSV and in a workbook; the public gets the results after the deadline", async () => {
    const auth = { authorization: `Bearer ${secretariat}` };
    const json = (await app.inject({ method: 'GET', url: `/api/v1/consultations/${ID}/replies`, headers: auth })).json<{
      summary: { replied: number };
      items: { latest: unknown }[];
    }>();
    expect(json.summary.replied).toBeGreaterThan(0);
    const csv = await app.inject({
      method: 'GET',
      url: `/api/v1/consultations/${ID}/replies?format=csv`,
      headers: auth,
    });
    expect(csv.statusCode).toBe(200);
    const [head, ...rows] = records(csv.body);
    const texts = new Set(rows.map((r) => r[2])).size;
    expect(rows).toHaveLength(json.summary.replied * texts);
    // The original form by the name it was uploaded with, not its hash.
    const original = head!.indexOf('Original form');
    expect(rows.find((r) => r[0] === 'BR')![original]).toBe('simulated-reply-BR-circular-79.txt');
    const xlsx = await app.inject({
      method: 'GET',
      url: `/api/v1/consultations/${ID}/replies?format=xlsx`,
      headers: auth,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(readXlsx(xlsx.rawPayload)[0]!.rows).toHaveLength(rows.length + 1);
    // After Circular 79's deadline its results are public.
    world().clock.set('2023-09-20T00:00:00Z');
    const results = await app.inject({ method: 'GET', url: `/api/v1/consultations/${ID}/results?format=csv&lang=zh` });
    expect(results.statusCode).toBe(200);
    const [resultsHead] = records(results.body);
    expect(resultsHead![0]).toBe('文本');
    // A share says so in its heading: the cells hold numbers such as 90.91.
    expect(resultsHead!.some((h) => h.endsWith(' (%)'))).toBe(true);
    // The circular's public page links to both files in its language.
    const page = await app.inject({ method: 'GET', url: `/ar/consultations/${ID}` });
    for (const format of ['csv', 'xlsx'])
      expect(page.body).toContain(`href="/api/v1/consultations/${ID}/results?format=${format}&amp;lang=ar"`);
    // Served again from the public cache, still as a named download.
    expect(results.headers['cache-control']).toBe('public, no-cache');
    const again = await app.inject({ method: 'GET', url: `/api/v1/consultations/${ID}/results?format=csv&lang=zh` });
    expect(again.body).toBe(results.body);
    // The JSON of the same results is another answer of the cache, not the file.
    const asJson = await app.inject({ method: 'GET', url: `/api/v1/consultations/${ID}/results` });
    expect(asJson.headers['content-type']).toMatch(/^application\/json/);
    expect(asJson.headers['content-disposition']).toBeUndefined();
    expect(again.headers['content-disposition']).toBe(`attachment; filename="${ID}-results.csv"`);
  });
});
