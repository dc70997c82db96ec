import { describe, expect, it } from 'vitest';
import { recordDecision } from '../../src/services/record-decision.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { focalPoint, replyInput, SECRETARIAT } from '../helpers/world.js';
import { PAGE_BUDGET_BYTES, useRealBrowser } from './browser-harness.js';

/** The public pages in a real Chromium, with axe on every page and state, and their weight. */
describe('public pages in a real browser', () => {
  const b = useRealBrowser();

  it('walks home → circular → results (not yet, then after the deadline) → approved texts, and an unknown address; axe finds nothing; pages stay under budget', {
    timeout: 300_000,
  }, async () => {
    const { world } = b();
    const id = await world.openConsultation({ individualRepliesPublic: true });
    for (const [index, state] of ['KR', 'FR', 'DE', 'JP'].entries()) {
      const positions = replyInput().positions.map((p) =>
        index === 3 && p.text === 'x1471'
          ? { text: p.text, position: 'does_not_assign_authority' as const, reasons: 'Needs more work.' }
          : p,
      );
      await submitReply(world.ctx, {
        actor: focalPoint(state),
        consultationId: id,
        memberState: state,
        input: replyInput(undefined, { positions }),
        channel: 'api',
      });
    }

    const { page } = await b().newPerson();
    // The page script's clock agrees with the server's, as it does outside tests.
    await page.clock.setFixedTime(new Date('2023-03-28T08:00:00Z'));

    // A first visit without a language lands on the home page in the browser's language.
    await page.goto('/');
    await page.waitForURL(/\/en\/$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Member State consultations');
    await b().checkAccessibility(page, 'home');

    await page.getByRole('link', { name: 'TSB Circular 79', exact: true }).click();
    await page.waitForURL(new RegExp(`/en/consultations/${id}$`));
    await expect.poll(() => page.locator('h1').innerText()).toBe('TSB Circular 79');
    // The deadline in UTC (marked up for the script to add the reader's time) and the time left.
    await expect
      .poll(() => page.locator('#deadline time[data-local]').getAttribute('datetime'))
      .toBe('2023-08-16T23:59:59.999Z');
    await expect.poll(() => page.locator('#deadline').innerText()).toContain('2359 hours UTC on 16 August 2023');
    await expect.poll(() => page.locator('[data-countdown]').innerText()).toBe('141 days 15 hours');
    // The script adds the reader's own time (the browser is in Zurich: CEST in August).
    await expect
      .poll(() => page.locator('#deadline .local-time').innerText())
      .toMatch(/^ \(your time: 17 August 2023 at 01:59 (CEST|GMT\+2)\)$/);
    await b().checkAccessibility(page, 'consultation');
    // A reader whose clock reads UTC gets nothing added: the page's time is already theirs.
    {
      const utc = await b().newPerson({ timezoneId: 'UTC' });
      await utc.page.clock.setFixedTime(new Date('2023-03-28T08:00:00Z'));
      await utc.page.goto(`/en/consultations/${id}`);
      await expect.poll(() => utc.page.locator('[data-countdown]').innerText()).toBe('141 days 15 hours');
      expect(await utc.page.locator('.local-time').count()).toBe(0);
      await utc.context.close();
    }

    // Results before the deadline: a page saying when they come, and the way back.
    await page.goto(`/en/consultations/${id}/results`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('The results are not available yet');
    await b().checkAccessibility(page, 'results not yet available');
    await page.getByRole('link', { name: 'Back to the circular' }).click();
    await page.waitForURL(new RegExp(`/en/consultations/${id}$`));

    await page.goto('/en/consultations/no-such-circular');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Page not found');
    await b().checkAccessibility(page, 'unknown consultation');

    // After the deadline, and after the meeting decided.
    world.clock.set('2023-09-08T12:00:00Z');
    await page.clock.setFixedTime(new Date('2023-09-08T12:00:00Z'));
    await recordDecision(world.ctx, {
      actor: SECRETARIAT,
      consultationId: id,
      textId: 'x1333-cor1',
      input: { reservations: [{ state: 'FR', note: 'France reserves its position.' }] },
    });
    await recordDecision(world.ctx, {
      actor: SECRETARIAT,
      consultationId: id,
      textId: 'x1353',
      input: { moreTime: ['DE'] },
    });
    await page.goto('/en/');
    await b().checkAccessibility(page, 'home with a closed consultation');
    await page.getByRole('link', { name: 'Results of TSB Circular 79' }).click();
    await page.waitForURL(new RegExp(`/en/consultations/${id}/results$`));
    await expect
      .poll(() => page.locator('#explanation-x1471').innerText())
      .toContain('3 of 4 replies (75%) support the text');
    await expect.poll(() => page.locator('#state-replies tbody tr').count()).toBe(4);
    await b().checkAccessibility(page, 'results with decisions and public replies');

    await page.goto('/en/approved');
    await expect.poll(() => page.locator('#approved-texts tbody tr').count()).toBe(1);
    await b().checkAccessibility(page, 'approved texts');
    await page.getByRole('link', { name: 'TSB Circular 79' }).click();
    await page.waitForURL(new RegExp(`/en/consultations/${id}/results$`));

    for (const w of b().weights) expect(w.bytes, w.url).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    expect(b().weights.length).toBeGreaterThanOrEqual(8);
  });
});
