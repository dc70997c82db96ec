import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import { describeEachDialect } from '../helpers/databases.js';
import { consultationInput, SECRETARIAT, useWorld } from '../helpers/world.js';
import { expectProblem } from './api-harness.js';

/** The lines of an iCalendar file, unfolded (RFC 5545 §3.1). */
const lines = (body: string) => body.replace(/\r\n /g, '').split('\r\n');

describeEachDialect('calendar files (GET /api/v1/consultations/{id}/calendar.ics)', (dialect) => {
  const world = useWorld(dialect);
  let app: FastifyInstance;

  beforeEach(async () => {
    await seedDemo(world().ctx);
    app = await buildApp({
      ctx: world().ctx,
      logger: false,
      rateLimitPerMinute: 0,
      publicUrl: 'https://assent.example',
    });
  });
  afterEach(async () => {
    await app.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it("gives anyone Circular 79's deadline, with a reminder a day before, and the SG17 meeting in Goyang, all day", async () => {
    const response = await get('/api/v1/consultations/tsb-79-2023/calendar.ics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="tsb-79-2023.ics"');
    for (const line of response.body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const all = lines(response.body);
    expect(all[0]).toBe('BEGIN:VCALENDAR');
    expect(all).toContain('X-WR-CALNAME:TSB Circular 79\\, SG17/XY');
    expect(all).toContain('UID:deadline.tsb-79-2023@assent');
    // 2359 hours UTC on 16 August 2023.
    expect(all).toContain('DTSTART:20230816T235959Z');
    expect(all).toContain('SUMMARY:Deadline for replies: TSB Circular 79\\, SG17/XY');
    expect(all).toContain('TRIGGER:-P1D');
    expect(all).toContain('URL:https://assent.example/en/consultations/tsb-79-2023');
    expect(all).toContain('UID:meeting.tsb-79-2023@assent');
    // 29 August to 8 September 2023 inclusive: DTEND is the day after.
    expect(all).toContain('DTSTART;VALUE=DATE:20230829');
    expect(all).toContain('DTEND;VALUE=DATE:20230909');
    expect(all).toContain('LOCATION:Goyang\\, Korea');
    expect(all.find((l) => l.startsWith('SUMMARY:Study Group 17'))).toBe(
      'SUMMARY:Study Group 17 (Security) meeting\\, Goyang\\, Korea (TSB Circular 79\\, SG17/XY)',
    );
  });

  it('speaks the language asked for, and links to the page in it', async () => {
    const all = lines((await get('/api/v1/consultations/tsb-79-2023/calendar.ics?lang=fr')).body);
    expect(all.find((l) => l.startsWith('SUMMARY:Date limite'))).toMatch(/^SUMMARY:Date limite de réponse : /);
    expect(all).toContain('URL:https://assent.example/fr/consultations/tsb-79-2023');
    const arabic = lines((await get('/api/v1/consultations/tsb-79-2023/calendar.ics?lang=ar')).body);
    expect(arabic.some((l) => l.startsWith('SUMMARY:الموعد النهائي للردود'))).toBe(true);
  });

  it("the circular's public page links to the file in the page's language, and the link works", async () => {
    for (const locale of ['en', 'ar'] as const) {
      const page = await get(`/${locale}/consultations/tsb-79-2023`);
      expect(page.statusCode).toBe(200);
      const href = `/api/v1/consultations/tsb-79-2023/calendar.ics?lang=${locale}`;
      expect(page.body).toContain(`href="${href}"`);
      const file = await get(href);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('text/calendar; charset=utf-8');
    }
  });

  it('gives every issued consultation in one file to subscribe to, with the UIDs of their own files, and no draft', async () => {
    await createConsultation(world().ctx, {
      actor: SECRETARIAT,
      input: consultationInput({ id: 'tsb-99-2026', number: 99 }),
    });
    const response = await get('/api/v1/consultations/calendar.ics?lang=fr');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="consultations.ics"');
    const all = lines(response.body);
    expect(all).toContain('X-WR-CALNAME:Consultations : dates limites et réunions');
    const uids = all.filter((l) => l.startsWith('UID:'));
    expect(uids).toContain('UID:deadline.tsb-79-2023@assent');
    expect(uids).toContain('UID:meeting.tsb-79-2023@assent');
    expect(uids.some((uid) => uid.includes('tsb-99-2026'))).toBe(false);
    expect(all).toContain('URL:https://assent.example/fr/consultations/tsb-79-2023');
    // Circular 79's events are the very ones of its own file.
    const own = lines((await get('/api/v1/consultations/tsb-79-2023/calendar.ics?lang=fr')).body);
    const event = (from: string[], uid: string) =>
      from.slice(from.indexOf(uid) - 1, from.indexOf('END:VEVENT', from.indexOf(uid)));
    expect(event(all, 'UID:deadline.tsb-79-2023@assent')).toEqual(event(own, 'UID:deadline.tsb-79-2023@assent'));
  });

  it('gives the circulars issued as an Atom feed, newest first, linked from the home page in its language', async () => {
    const response = await get('/api/v1/consultations/feed.atom?lang=es');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const xml = response.body;
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="es">/,
    );
    expect(xml).toContain('<title>Circulares publicadas</title>');
    expect(xml).toContain(
      '<link rel="self" type="application/atom+xml" href="https://assent.example/api/v1/consultations/feed.atom?lang=es"/>',
    );
    const entries = [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1]!);
    expect(entries.length).toBeGreaterThanOrEqual(2);
    const published = entries.map((e) => /<published>([^<]+)<\/published>/.exec(e)![1]!);
    expect(published).toEqual([...published].sort().reverse());
    const circular79 = entries.find((e) => e.includes('<id>https://assent.example/consultations/tsb-79-2023</id>'))!;
    expect(circular79).toContain(
      '<link rel="alternate" type="text/html" href="https://assent.example/es/consultations/tsb-79-2023"/>',
    );
    expect(circular79).toContain('<published>2023-03-28T08:00:00Z</published>');
    expect(circular79).toContain('<summary>Plazo de respuesta: 16 de agosto de 2023 a las 23.59 horas UTC</summary>');
    for (const entry of entries) expect(entry).toMatch(/<updated>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/updated>/);

    const home = await get('/es/');
    expect(home.body).toContain(
      '<link rel="alternate" type="application/atom+xml" href="/api/v1/consultations/feed.atom?lang=es"',
    );
    expect(home.body).toContain('href="/api/v1/consultations/calendar.ics?lang=es"');
  });

  it('refuses a language that is not a UN language, and hides a draft from the public as it hides the draft itself', async () => {
    expectProblem(await get('/api/v1/consultations/tsb-79-2023/calendar.ics?lang=xx'), 400, 'VALIDATION_FAILED');
    await createConsultation(world().ctx, {
      actor: SECRETARIAT,
      input: consultationInput({ id: 'tsb-99-2026', number: 99 }),
    });
    const draft = await get('/api/v1/consultations/tsb-99-2026/calendar.ics');
    expect(draft.statusCode).toBe((await get('/api/v1/consultations/tsb-99-2026')).statusCode);
    expect(draft.statusCode).toBeGreaterThanOrEqual(400);
    expectProblem(await get('/api/v1/consultations/nothing-here/calendar.ics'), 404, 'NOT_FOUND');
  });
});
