import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEADLINE } from '../helpers/world.js';
import {
  enrolInBrowser,
  PAGE_BUDGET_BYTES,
  signInInBrowser,
  useRealBrowser,
  type RealBrowser,
} from './browser-harness.js';

/** A small file that is a PDF by its content: the reasons of a State that does not assign authority. */
const PDF = Buffer.from('%PDF-1.7\n% reasons of Korea\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');
/** A Windows executable named like a PDF: refused by its content. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0)]);

const ID = 'tsb-79-2023';
const FORM = `/en/my/consultations/${ID}/reply`;

/** Invites a focal point of Korea, enrols them (authenticator), signs out and signs in again with the second factor. */
async function focalPointOfKorea(b: RealBrowser): Promise<{ page: Page; seed: string }> {
  const { invitationPath } = await b.invite({ email: 'kim@msit.kr.test', name: 'Kim Min-jun', memberState: 'KR' });
  const { page } = await b.newPerson();
  const seed = await enrolInBrowser(b, page, invitationPath);
  await page.locator('main a.button').click();
  await page.waitForURL(/\/account$/);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/login/);
  b.world.clock.advance(30_000);
  await signInInBrowser(b, page, 'kim@msit.kr.test', seed);
  // A focal point lands on what its State owes.
  await page.waitForURL(/\/my$/);
  return { page, seed };
}

/** The error summary's text, once it is there. */
const alertText = (page: Page) => page.getByRole('alert').innerText();

/**
 * Journey 2 of issue #4 in a real Chromium: a focal point signs in with 2FA, opens what the
 * State owes, fills the Annex 2 reply for every text (one "does not assign authority" with
 * reasons and a PDF), saves a draft, comes back, meets the bad-input states, reviews, submits,
 * reads the receipt, amends and reads the history. axe on every page and error state; every
 * page under the weight budget.
 */
describe('the focal point reply pages in a real browser', () => {
  const b = useRealBrowser();

  it('replies to every text with reasons and an attachment, through a draft, the review and the receipt; amends; reads the history', {
    timeout: 300_000,
  }, async () => {
    await b().world.openConsultation();
    const { page } = await focalPointOfKorea(b());
    // Submitting asks for confirmation (data-confirm): accept it.
    page.on('dialog', (dialog) => void dialog.accept());

    await page.goto('/en/my');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Replies of Korea (Republic of)');
    expect(await page.locator('main').innerText()).toContain('3 texts of 3');
    await b().checkAccessibility(page, 'what my State owes');
    await page.getByRole('link', { name: 'Reply to TSB Circular 79' }).click();
    await page.waitForURL(/\/reply$/);
    await b().checkAccessibility(page, 'empty reply form');

    // Bad input: review with nothing filled in.
    await page.getByRole('button', { name: 'Review before submitting' }).click();
    await expect
      .poll(() => alertText(page))
      .toContain(
        'Give a position on at least one text: you may answer the others in a later version before the deadline',
      );
    expect(await alertText(page)).toContain('Enter the name of the official who signs the reply');
    await b().checkAccessibility(page, 'reply form: nothing chosen');

    // A choice's sub-options and fields show once it is chosen (every field shows without the script).
    expect(await page.locator('#field-x1353-reasons').isVisible()).toBe(false);
    expect(await page.locator('#field-x1353-option').isVisible()).toBe(false);
    // The same answer for every text, from the first.
    await page.locator('#field-x1333-cor1-position').check();
    expect(await page.locator('#field-x1333-cor1-option').isVisible()).toBe(true);
    expect(await page.locator('#field-x1333-cor1-reasons').isVisible()).toBe(false);
    await page.locator('#field-x1333-cor1-option').check();
    await page.getByRole('button', { name: 'Give this answer for every text' }).click();
    await expect
      .poll(() => page.locator('.reply-same-status').innerText())
      .toBe('The answer to text 1 was given for the 2 other texts: check each before you review the reply.');
    for (const text of ['x1353', 'x1471']) {
      expect(await page.locator(`#field-${text}-position`).isChecked()).toBe(true);
      expect(await page.locator(`#field-${text}-option`).isChecked()).toBe(true);
      expect(await page.locator(`#field-${text}-option`).isVisible()).toBe(true);
    }
    await b().checkAccessibility(page, 'reply form: the same answer for every text');

    // Every text: no comments; does not assign, with reasons and a PDF; comments attached.
    await page.locator('#field-x1353-position-choice-does-not-assign-authority').check();
    expect(await page.locator('#field-x1353-reasons').isVisible()).toBe(true);
    expect(await page.locator('#field-x1353-option').isVisible()).toBe(false);
    await page
      .getByLabel('Reasons for this opinion')
      .nth(1)
      .fill('The security analysis of the zero-touch flow is not mature.');
    await page.locator('#field-x1353-changes').fill('Align the threat model with X.1352.');
    await page
      .locator('#field-x1353-file')
      .setInputFiles({ name: 'reasons-kr.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('#field-x1471-position').check();
    await page.locator('#field-x1471-option-choice-comments-attached').check();
    await page.locator('#field-x1471-comments').fill('Editorial comments on clause 6.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/notice=draft-saved/);
    expect(await page.getByRole('status').innerText()).toContain('Your draft is saved.');
    expect(await page.locator('main').innerText()).toContain('Stored with this text: reasons-kr.pdf');
    await b().checkAccessibility(page, 'draft saved');

    // Later: the State's page says a draft is there; the form comes back as it was left.
    b().world.clock.advance(10 * 60_000);
    await page.goto('/en/my');
    expect(await page.locator('main').innerText()).toContain('A draft is saved, last at');
    await page.getByRole('link', { name: 'Continue the draft reply to TSB Circular 79' }).click();
    await page.waitForURL(/\/reply$/);
    expect(await page.locator('#field-x1353-position-choice-does-not-assign-authority').isChecked()).toBe(true);
    expect(await page.locator('#field-x1353-reasons').inputValue()).toBe(
      'The security analysis of the zero-touch flow is not mature.',
    );

    // Bad input: a file that is not what its name says; the rest is kept.
    await page
      .locator('#field-x1471-file')
      .setInputFiles({ name: 'comments.pdf', mimeType: 'application/pdf', buffer: EXE });
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect
      .poll(() => alertText(page))
      .toContain('The file “comments.pdf” for Draft new Recommendation ITU-T X.1471 (X.websec-7) is not a PDF');
    expect(await page.locator('#field-x1471-comments').inputValue()).toBe('Editorial comments on clause 6.');
    await b().checkAccessibility(page, 'reply form: unsupported file');

    // Bad input: "does not assign" without reasons or file.
    await page.locator('#field-x1353-reasons').fill('');
    await page.locator('#field-x1353-remove').check();
    await page.getByRole('button', { name: 'Review before submitting' }).click();
    await expect
      .poll(() => alertText(page))
      .toContain('Give the reasons for not assigning authority to Draft new Recommendation ITU-T X.1353 (X.ztd-iot)');
    await b().checkAccessibility(page, 'reply form: reasons missing');
    // The error summary leads to the field.
    await page.getByRole('alert').getByRole('link').first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-x1353-reasons');

    await page.locator('#field-x1353-reasons').fill('The security analysis of the zero-touch flow is not mature.');
    await page
      .locator('#field-x1353-file')
      .setInputFiles({ name: 'reasons-kr.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByLabel('Name of the signatory').fill('Kim Min-jun');
    await page.getByLabel('Official role or title').fill('Director, Ministry of Science and ICT');
    await page.getByLabel('Place (optional)').fill('Sejong');
    await page.getByLabel('Date signed (optional)').fill('2023-03-28');
    await page.getByRole('button', { name: 'Review before submitting' }).click();
    await page.waitForURL(/\/reply\/review$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Check the reply before submitting');
    const review = await page.locator('main').innerText();
    expect(review).toContain('Does not assign authority to SG17 to consider this text for approval');
    expect(review).toContain('reasons-kr.pdf');
    expect(review).toContain('Editorial comments on clause 6.');
    await b().checkAccessibility(page, 'review');

    await page.getByRole('button', { name: 'Submit reply' }).click();
    await page.waitForURL(/\/reply\/receipt\/1\?notice=reply-submitted$/);
    expect(await page.getByRole('status').innerText()).toContain('Your reply was received.');
    expect(await page.locator('#receipt-hash').innerText()).toMatch(/^[0-9a-f]{64}$/);
    await b().checkAccessibility(page, 'receipt');
    const download = await page.request.get(`${FORM}/receipt/1/signed`);
    expect(((await download.json()) as { memberState: string }).memberState).toBe('KR');

    // Amend: the form again, pre-filled from version 1.
    await page.goto('/en/my');
    expect(await page.locator('main').innerText()).toContain('Submitted: version 1');
    await page.getByRole('link', { name: 'Amend or withdraw the reply to TSB Circular 79' }).click();
    await page.waitForURL(/\/reply$/);
    expect(await page.locator('main').innerText()).toContain('Stored with this text: reasons-kr.pdf');
    await b().checkAccessibility(page, 'reply form: amending');
    await page.locator('#field-x1471-option').check();
    await page.locator('#field-x1471-comments').fill('');
    await page.getByRole('button', { name: 'Review before submitting' }).click();
    await page.waitForURL(/\/reply\/review$/);
    await page.getByRole('button', { name: 'Submit reply' }).click();
    await page.waitForURL(/\/reply\/receipt\/2\?notice=reply-submitted$/);

    await page.getByRole('link', { name: 'History of the reply' }).click();
    await page.waitForURL(/\/reply\/history$/);
    const rows = page.locator('table.reply-history tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().innerText()).toContain('Counts');
    await b().checkAccessibility(page, 'history');

    for (const w of b().weights) expect(w.bytes, w.url).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    expect(b().weights.length).toBeGreaterThanOrEqual(12);
  });

  for (const locale of ['en', 'ar'] as const) {
    it(`[${locale}] gives comments as a table: opened, rows pasted from a spreadsheet, a row added, kept across a reload, reviewed; axe on each state`, {
      timeout: 120_000,
    }, async () => {
      await b().world.openConsultation();
      const { page } = await focalPointOfKorea(b());
      const form = `/${locale}/my/consultations/${ID}/reply`;
      await page.goto(form);
      const cell = (row: number, column: 'clause' | 'comment' | 'change') =>
        page.locator(`[name="table-${row}-${column}-x1471"]`);
      const rows = page.locator('details[data-comment-table="x1471"] tbody tr');
      // Folded, and without the server's button: the script builds the rows when it is opened.
      expect(await page.locator('button[name="rows"]').count()).toBe(0);
      expect(await rows.count()).toBe(0);
      await page.locator('#field-x1471-position').check();
      await page.locator('#field-x1471-option-choice-comments-attached').check();
      await page.locator('#field-x1471-table').click();
      await expect.poll(() => rows.count()).toBe(2);
      await b().checkAccessibility(page, `${locale}: comments table opened`);

      // Three rows copied from a spreadsheet, one with a line break in a quoted cell: the table grows.
      await cell(0, 'clause').focus();
      await page.evaluate(() => {
        const data = new DataTransfer();
        data.setData(
          'text/plain',
          '6.2\tThe key length is not stated.\tState 256 bits.\r\n\t"General: align the terms\nwith X.1252."\t\r\n7.1\tTypo.\tFix it.\r\n',
        );
        document.activeElement!.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      });
      await expect.poll(() => rows.count()).toBe(3);
      expect(await cell(0, 'change').inputValue()).toBe('State 256 bits.');
      expect(await cell(1, 'clause').inputValue()).toBe('');
      expect(await cell(1, 'comment').inputValue()).toBe('General: align the terms\nwith X.1252.');
      expect(await cell(2, 'comment').inputValue()).toBe('Typo.');
      expect(await page.locator('details[data-comment-table="x1471"] [role="status"]').innerText()).toContain('3');
      // One more row, by the button; the focus goes to it.
      await page.locator('details[data-comment-table="x1471"] .comment-add').click();
      await expect.poll(() => rows.count()).toBe(4);
      await expect
        .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).name))
        .toBe('table-3-clause-x1471');
      await b().checkAccessibility(page, `${locale}: comments table filled`);

      // The page left unsaved and opened again: what was typed is offered back, rows included.
      await page.waitForTimeout(600);
      await page.reload();
      await page.locator('.keep-notice button').first().click();
      await expect.poll(() => cell(2, 'comment').inputValue()).toBe('Typo.');
      expect(await cell(1, 'comment').inputValue()).toBe('General: align the terms\nwith X.1252.');

      // The other texts, the signature, then the review lists the rows.
      for (const text of ['x1333-cor1', 'x1353']) {
        await page.locator(`#field-${text}-position`).check();
        await page.locator(`#field-${text}-option`).check();
      }
      await page.locator('#field-signatoryName').fill('Kim Min-jun');
      await page.locator('#field-signatoryTitle').fill('Director, Ministry of Science and ICT');
      await page.locator('button[name="action"][value="review"]').click();
      await page.waitForURL(/\/reply\/review$/);
      const table = page.locator('table.rows-view');
      await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
      expect(await table.innerText()).toContain('The key length is not stated.');
      await b().checkAccessibility(page, `${locale}: review with a comments table`);
      for (const w of b().weights) expect(w.bytes, w.url).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    });
  }

  it('closes the form at the deadline and says so; a late post is refused on the page', {
    timeout: 300_000,
  }, async () => {
    await b().world.openConsultation();
    b().world.clock.set(Date.parse(DEADLINE) - 15 * 60_000);
    const { page } = await focalPointOfKorea(b());
    await page.goto(FORM);
    await page.locator('#field-x1333-cor1-position').check();

    // The deadline passes while the form is open.
    b().world.clock.set(Date.parse(DEADLINE) + 1);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect
      .poll(() => alertText(page))
      .toContain('The deadline for replies passed at 2359 hours UTC on 16 August 2023: nothing was saved or sent');
    expect(await page.locator('main').innerText()).toContain('The form is closed');
    await b().checkAccessibility(page, 'late post refused');

    await page.goto(FORM);
    expect(await page.locator('main').innerText()).toContain('The form is closed');
    expect(await page.locator('form[enctype="multipart/form-data"]').count()).toBe(0);
    await b().checkAccessibility(page, 'closed form');
    await page.goto('/en/my');
    await b().checkAccessibility(page, 'what my State owes, closed');
    for (const w of b().weights) expect(w.bytes, w.url).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
  });
});
