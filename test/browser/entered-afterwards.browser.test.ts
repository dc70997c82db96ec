import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createConsultation } from '../../src/services/create-consultation.js';
import { issueConsultation } from '../../src/services/issue-consultation.js';
import { consultationInput, SECRETARIAT } from '../helpers/world.js';
import { enrolInBrowser, useRealBrowser } from './browser-harness.js';

/** A past circular entered as a record through the secretariat's pages, in a real Chromium, with axe. */
describe('a past circular entered afterwards, on the pages in a real browser', () => {
  const b = useRealBrowser();

  const errorSummary = (page: Page) => page.getByRole('alert').innerText();

  it('the new circular’s record fields and the record’s notice day are labelled, refused at their field, and accessible', {
    timeout: 180_000,
  }, async () => {
    b().world.clock.set('2024-06-03T09:00:00Z');
    const { invitationPath } = await b().invite({
      email: 'staff@tsb.itu.test',
      name: 'TSB Staff',
      role: 'secretariat_staff',
    });
    const { page } = await b().newPerson();
    await enrolInBrowser(b(), page, invitationPath);

    await page.goto('/en/secretariat/consultations/new');
    await page.getByLabel('This is a past circular, entered as a record').check();
    await page.getByLabel('Day the circular was issued (UTC)').fill('2023-08-20');
    await page.getByLabel('Time the circular was issued (UTC)').fill('10:00');
    await page.getByLabel('Study period').fill('2022-2024');
    await page.getByLabel('Number of the circular').fill('79');
    // The form offers today as the circular's date: a past circular has its own.
    await page.getByLabel('Date of the circular').fill('2023-03-28');
    await page.getByLabel('Reference', { exact: true }).fill('TSB Circular 79');
    await page.getByLabel('Study group').fill('SG17');
    await page
      .getByLabel('Subject', { exact: true })
      .fill('Member State consultation on determined draft Recommendations');
    await page.getByLabel('Place of the meeting', { exact: true }).fill('Goyang, Korea');
    await page.getByLabel('First day of the meeting').fill('2023-08-29');
    await page.getByLabel('Last day of the meeting').fill('2023-09-08');
    await page.getByLabel('Deadline for replies (day, UTC)').fill('2023-08-16');
    await page.getByLabel('Signed by').fill('Seizo Onoe');
    await page.getByLabel('Title of the signatory').fill('Director of the Telecommunication Standardization Bureau');
    await page.getByRole('button', { name: 'Create the draft' }).click();
    // Issued after its deadline: refused at the day, the rest kept; the past deadline is no problem for a record.
    await expect.poll(() => errorSummary(page)).toContain('The circular must have been issued before its deadline');
    expect(await errorSummary(page)).not.toContain('The deadline has already passed');
    expect(await page.getByLabel('This is a past circular, entered as a record').isChecked()).toBe(true);
    expect(await page.locator('#record-chosen').innerText()).toContain('nothing will be sent to anyone');
    await b().checkAccessibility(page, 'new past circular with errors');
    await page.getByRole('alert').getByRole('link').first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-issuedDay');

    await page.getByLabel('Day the circular was issued (UTC)').fill('2023-03-28');
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.waitForURL(/\/secretariat\/consultations\/tsb-79-2023\?notice=sec-created/);
    expect(await page.locator('main').innerText()).toContain('Entered afterwards on 3 June 2024');

    // The results notice of a record (Circular 80, issued and past its meeting) asks the day it was issued.
    const { ctx } = b().world;
    await createConsultation(ctx, {
      actor: SECRETARIAT,
      input: consultationInput({
        number: 80,
        reference: 'TSB Circular 80',
        enteredAfterwards: { issuedAt: '2023-03-28T10:00Z' },
      }),
    });
    await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: 'tsb-80-2023' });
    await page.goto('/en/secretariat/consultations/tsb-80-2023/decisions');
    await page.getByLabel('Day the notice was issued (UTC)').fill('2023-09-01');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Issue the results notice' }).click();
    await expect
      .poll(() => errorSummary(page))
      .toContain('cannot be dated before the meeting ended (8 September 2023)');
    expect(await page.getByLabel('Day the notice was issued (UTC)').inputValue()).toBe('2023-09-01');
    await b().checkAccessibility(page, 'record’s results notice with an error');
  });
});
