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
