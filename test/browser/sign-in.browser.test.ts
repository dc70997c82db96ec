import { describe, expect, it } from 'vitest';
import { enrolInBrowser, PAGE_BUDGET_BYTES, signInInBrowser, useRealBrowser } from './browser-harness.js';

/** The sign-in pages in a real Chromium, with axe on every page and state. */
describe('sign-in pages in a real browser', () => {
  const b = useRealBrowser();

  it('walks invitation, enrolment, sign-out and sign-in with 2FA; axe finds nothing; pages stay under budget', {
    timeout: 300_000,
  }, async () => {
    const { invitationPath } = await b().invite({ email: 'kim@msit.kr.test', name: 'Kim Min-jun' });
    const { page } = await b().newPerson();

    await page.goto(invitationPath);
    await b().checkAccessibility(page, 'invitation');
    // Bad input first: the error summary and the fields' messages.
    await page.getByRole('button', { name: 'Save the password and continue' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('There is a problem');
    await b().checkAccessibility(page, 'invitation with errors');

    const seed = await enrolInBrowser(b(), page, invitationPath);
    await b().checkAccessibility(page, 'recovery codes');
    await page.locator('main a.button').click();
    await page.waitForURL(/\/account$/);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/login/);
    await b().checkAccessibility(page, 'signed out');

    b().world.clock.advance(30_000);
    await signInInBrowser(b(), page, 'kim@msit.kr.test', seed);
    // A focal point lands on what its State owes; the account page is one link away.
    await page.waitForURL(/\/my$/);
    await page.goto('/en/account');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Your account');
    await b().checkAccessibility(page, 'account');

    for (const w of b().weights) expect(w.bytes, w.url).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    expect(b().weights.length).toBeGreaterThanOrEqual(5);
  });
});
