import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/i18n.js';
import { enrolInBrowser, PASSWORD, useRealBrowser, type RealBrowser } from './browser-harness.js';

/**
 * Issue #16 item 5 in a real Chromium: a focal point typing a reply is warned before the session
 * ends and may stay signed in; if it ends all the same, the form posted sends them to sign in,
 * back to the form, where what they typed is offered back. In English and Arabic, axe on each state.
 */

const ID = 'tsb-79-2023';
const MINUTE = 60_000;

/** Signs in on the page's own form in `locale` (password, then the authenticator's code). */
async function signIn(b: RealBrowser, page: Page, seed: string): Promise<void> {
  await page.locator('#field-email').fill('kim@msit.kr.test');
  await page.locator('#field-password').fill(PASSWORD);
  await page.locator('main form button[type="submit"]').first().click();
  await page.waitForURL(/\/login\/verify/);
  await page.locator('#field-code').fill(b.code(seed));
  await page.locator('main form button[type="submit"]').first().click();
}

describe('a session while a focal point types, in a real browser', () => {
  const b = useRealBrowser();

  for (const locale of ['en', 'ar'] as const) {
    it(`[${locale}] warns before the session ends, stays signed in, and gives back what was typed after signing in again`, {
      timeout: 180_000,
    }, async () => {
      const { world } = b();
      await world.openConsultation();
      const { invitationPath } = await b().invite({ email: 'kim@msit.kr.test', name: 'Kim', memberState: 'KR' });
      const { page } = await b().newPerson();
      const seed = await enrolInBrowser(b(), page, invitationPath);
      const form = `/${locale}/my/consultations/${ID}/reply`;

      // A computer whose clock is 29 minutes fast does not warn early: the server's clock decides.
      await page.clock.setFixedTime(new Date(world.clock.now() + 29 * MINUTE));
      await page.goto(form);
      expect(await page.locator('.session-banner').isVisible()).toBe(false);

      // 28 minutes after the page was served: the banner says when the session ends. (The script
      // compares on the server's clock, so the reader's clock agrees with it at first.)
      await page.clock.setFixedTime(new Date(world.clock.now()));
      await page.goto(form);
      const servedAt = world.clock.now();
      const banner = page.locator('.session-banner');
      expect(await banner.isVisible()).toBe(false);
      await page.clock.setFixedTime(new Date(servedAt + 28 * MINUTE));
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await expect.poll(() => banner.isVisible()).toBe(true);
      // In the reader's clock (the browser is in Zurich), as the browser writes times in the page's language.
      const ends = await page.evaluate(
        ([at, lang]) =>
          new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at),
        [servedAt + 30 * MINUTE, locale === 'en' ? 'en-GB' : locale] as const,
      );
      expect(ends).toBe(
        locale === 'en' ? '10:30' : await page.evaluate(() => `${new Intl.NumberFormat('ar').format(10)}:30`),
      );
      expect(await banner.getByRole('alert').innerText()).toBe(
        t(locale, 'session.warning', { time: '{time}' }).replace('{time}', ends),
      );
      await b().checkAccessibility(page, `session about to end (${locale})`);
      // Staying signed in: the server sees the person now, and the session ends 30 minutes later.
      world.clock.advance(2 * MINUTE);
      await banner.getByRole('button', { name: t(locale, 'session.stay') }).click();
      await expect.poll(() => banner.isVisible()).toBe(false);

      // Typing, then the session ends all the same (the computer was left for the night).
      await page.locator('#field-x1353-position-choice-does-not-assign-authority').check();
      await page.locator('#field-x1353-reasons').fill('The threat model is incomplete.');
      await page.locator('#field-signatoryName').fill('Kim Min-jun');
      // What is typed is kept as it is typed (after a short pause).
      await expect.poll(() => page.evaluate(() => Object.keys(sessionStorage).length)).toBe(1);
      world.clock.advance(45 * MINUTE);
      await page.locator('button[name="action"][value="save"]').click();
      await page.waitForURL(/\/login\?notice=session-expired&next=/);
      await b().checkAccessibility(page, `signed out while typing (${locale})`);
      world.clock.advance(MINUTE);
      await signIn(b(), page, seed);
      await page.waitForURL(new RegExp(`${form}$`));

      // Back on the form: what was typed is offered back, and restored on request.
      const notice = page.locator('.keep-notice');
      await expect.poll(() => notice.isVisible()).toBe(true);
      expect(await page.locator('#field-x1353-reasons').inputValue()).toBe('');
      await b().checkAccessibility(page, `typing offered back (${locale})`);
      await notice.getByRole('button', { name: t(locale, 'keep.restore') }).click();
      expect(await page.locator('#field-x1353-reasons').inputValue()).toBe('The threat model is incomplete.');
      expect(await page.locator('#field-x1353-reasons').isVisible()).toBe(true);
      expect(await page.locator('#field-signatoryName').inputValue()).toBe('Kim Min-jun');
      expect(await notice.innerText()).toContain(t(locale, 'keep.restored'));
      await page.locator('button[name="action"][value="save"]').click();
      await page.waitForURL(/notice=draft-saved/);
      // Saved: the form shows what was kept, so nothing more is offered, and nothing is left in the tab.
      expect(await page.locator('.keep-notice').count()).toBe(0);
      expect(await page.evaluate(() => Object.keys(sessionStorage).length)).toBe(0);
    });
  }
});
