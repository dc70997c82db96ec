import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { deliverMail, linkIn } from '../identity/identity-harness.js';
import { enrolInBrowser, PAGE_BUDGET_BYTES, type RealBrowser, useRealBrowser } from './browser-harness.js';

const NEW_PASSWORD = 'a brand new passphrase for the browser';

/** The path of the one link of `kind` e-mailed since the last call. */
async function mailedLink(b: RealBrowser, kind: 'password-reset' | 'invitations'): Promise<string> {
  const mails = await deliverMail(b.world.ctx);
  expect(mails).toHaveLength(1);
  const { locale, secret } = linkIn(mails[0]!, kind);
  return `/${locale}/${kind}/${secret}`;
}

/**
 * "Forgot your password?" from the sign-in page to the account page, in `locale`, by the fields'
 * ids (the labels are in the page's language): the request, the neutral answer, the e-mailed
 * link with a mistake first, then the new password and the authenticator's code. Axe on each page.
 */
async function resetPassword(b: RealBrowser, page: Page, locale: 'en' | 'ar', email: string, seed: string) {
  await page.goto(`/${locale}/login`);
  await page.locator(`a[href="/${locale}/password-reset"]`).click();
  await page.waitForURL(new RegExp(`/${locale}/password-reset$`));
  await b.checkAccessibility(page, `${locale}: forgot password`);
  await page.locator('#field-email').fill(email);
  await page.locator('main form button[type="submit"]').click();
  await expect.poll(() => page.locator('main [role="status"]').count()).toBe(1);
  await b.checkAccessibility(page, `${locale}: link sent`);

  const link = await mailedLink(b, 'password-reset');
  expect(link.startsWith(`/${locale}/password-reset/`)).toBe(true);
  await page.goto(link);
  await b.checkAccessibility(page, `${locale}: new password`);
  // Different passwords and no code: the summary names both fields, nothing is spent.
  await page.locator('#field-password').fill(NEW_PASSWORD);
  await page.locator('#field-password-confirm').fill(`${NEW_PASSWORD}!`);
  await page.locator('main form button[type="submit"]').click();
  await expect.poll(() => page.locator('.error-summary li').count()).toBe(2);
  await b.checkAccessibility(page, `${locale}: new password with errors`);

  b.world.clock.advance(30_000);
  await page.locator('#field-password').fill(NEW_PASSWORD);
  await page.locator('#field-password-confirm').fill(NEW_PASSWORD);
  await page.locator('#field-code').fill(b.code(seed));
  await page.locator('main form button[type="submit"]').click();
  await page.waitForURL(new RegExp(`/${locale}/account\\?notice=password-reset$`));
  await b.checkAccessibility(page, `${locale}: signed in after the reset`);
}

describe('account recovery in a real browser', () => {
  const b = useRealBrowser();

  it('walks "Forgot your password?" in English and in Arabic, and an administrator\'s authenticator reset; axe finds nothing; pages stay under budget', {
    timeout: 300_000,
  }, async () => {
    // English: a focal point who forgot their password.
    const english = await b().invite({ email: 'kim@msit.kr.test', name: 'Kim Min-jun' });
    const kim = await b().newPerson();
    const kimSeed = await enrolInBrowser(b(), kim.page, english.invitationPath);
    await deliverMail(b().world.ctx);
    const visitor = await b().newPerson();
    await resetPassword(b(), visitor.page, 'en', 'kim@msit.kr.test', kimSeed);
    await expect
      .poll(() => visitor.page.locator('main [role="status"]').innerText())
      .toBe('Your password has been changed, and your other sessions were signed out.');
    // The session of the enrolment ended with the reset.
    await kim.page.goto('/en/account');
    await kim.page.waitForURL(/\/en\/login\?notice=session-expired/);

    // Arabic, right to left.
    const arabic = await b().invite({ email: 'amal@tra.ae.test', name: 'Amal', memberState: 'AE' });
    const amal = await b().newPerson({ locale: 'ar' });
    const amalSeed = await enrolInBrowser(b(), amal.page, arabic.invitationPath);
    await deliverMail(b().world.ctx);
    await b().world.ctx.db.updateTable('account').set({ language: 'ar' }).where('id', '=', arabic.account.id).execute();
    const arVisitor = await b().newPerson({ locale: 'ar' });
    await resetPassword(b(), arVisitor.page, 'ar', 'amal@tra.ae.test', amalSeed);
    expect(await arVisitor.page.locator('html').getAttribute('dir')).toBe('rtl');
    await expect
      .poll(() => arVisitor.page.locator('main [role="status"]').innerText())
      .toBe('تم تغيير كلمة المرور، وتم تسجيل الخروج من جلساتك الأخرى.');

    // An administrator resets Kim's lost authenticator; Kim sets up a new one from the e-mailed link.
    const officer = await b().invite({ email: 'officer@itu.test', name: 'TSB Officer', role: 'secretariat_admin' });
    const tsb = await b().newPerson();
    await enrolInBrowser(b(), tsb.page, officer.invitationPath);
    await deliverMail(b().world.ctx);
    await tsb.page.goto('/en/secretariat/accounts');
    await tsb.page.getByRole('link', { name: 'Reset authenticator Kim Min-jun' }).click();
    await tsb.page.waitForURL(/\/authenticator-reset$/);
    await b().checkAccessibility(tsb.page, 'reset authenticator');
    tsb.page.on('dialog', (dialog) => void dialog.accept());
    await tsb.page.getByRole('button', { name: 'Reset the authenticator and e-mail the link' }).click();
    await expect.poll(() => tsb.page.locator('.error-summary').innerText()).toContain('Enter the reason for the reset');
    await b().checkAccessibility(tsb.page, 'reset authenticator with errors');
    await tsb.page.getByLabel('Reason').fill('Phone lost; identity checked by telephone');
    await tsb.page.getByRole('button', { name: 'Reset the authenticator and e-mail the link' }).click();
    await tsb.page.waitForURL(/\/secretariat\/accounts\?notice=sec-authenticator-reset$/);
    await b().checkAccessibility(tsb.page, 'accounts after the reset');

    const link = await mailedLink(b(), 'invitations');
    await visitor.page.goto(link);
    await b().checkAccessibility(visitor.page, 'authenticator link');
    await visitor.page.getByLabel('Password').fill(NEW_PASSWORD);
    await visitor.page.getByRole('button', { name: 'Continue' }).click();
    await visitor.page.waitForURL(/\/account\/authenticator$/);
    const newSeed = ((await visitor.page.locator('#totp-key').textContent()) ?? '').replace(/\s+/g, '');
    expect(newSeed).not.toBe(kimSeed);
    b().world.clock.advance(30_000);
    await visitor.page.getByLabel(/code/i).first().fill(b().code(newSeed));
    await visitor.page.getByRole('button', { name: /confirm/i }).click();
    await expect.poll(() => visitor.page.locator('main li code').count()).toBe(10);

    for (const w of b().weights) expect(w.bytes, w.url).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    expect(b().weights.length).toBeGreaterThanOrEqual(15);
  });
});
