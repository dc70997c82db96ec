import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/i18n.js';
import { addContact } from '../../src/services/contacts.js';
import { SECRETARIAT } from '../helpers/world.js';
import { enrolInBrowser, useRealBrowser } from './browser-harness.js';

/** Issue #16 item 4 in a real Chromium: "remind now" from a State's page, and its reminders, in English and Arabic. */
describe('reminding a State, in a real browser', () => {
  const b = useRealBrowser();

  it('reminds Brazil now from its page and lists the reminder; the Arabic page says the same; axe finds nothing', {
    timeout: 120_000,
  }, async () => {
    const { world } = b();
    const id = await world.openConsultation();
    await addContact(world.ctx, {
      actor: SECRETARIAT,
      email: 'fp@mcom.br.test',
      name: 'Ana',
      role: 'focal_point',
      memberState: 'BR',
    });
    const { invitationPath } = await b().invite({
      email: 'officer@itu.test',
      name: 'Officer',
      role: 'secretariat_staff',
    });
    const { page } = await b().newPerson();
    await enrolInBrowser(b(), page, invitationPath);

    await page.goto(`/en/secretariat/consultations/${id}/replies/BR`);
    expect(await page.locator('#reminders').innerText()).toContain(
      'No reminder has been sent to Brazil (Federative Republic of) yet.',
    );
    await b().checkAccessibility(page, 'a State not yet reminded');
    await page.getByRole('button', { name: 'Remind Brazil (Federative Republic of) now' }).click();
    await page.waitForURL(/notice=outcome-reminder-sent#reminders$/);
    expect(await page.getByRole('status').first().innerText()).toContain('The reminder is on its way');
    expect(await page.locator('#reminders-list').innerText()).toContain('Sent by hand (“Remind now”)');
    await b().checkAccessibility(page, 'a State reminded');

    await page.goto(`/ar/secretariat/consultations/${id}/replies/BR`);
    expect(await page.locator('#reminders-list').innerText()).toContain(t('ar', 'outcome.remind.byHand'));
    expect(await page.getByRole('button', { name: /الآن$/ }).count()).toBe(1);
    await b().checkAccessibility(page, 'a State reminded, in Arabic');
  });
});
