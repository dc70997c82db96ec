import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { enrolInBrowser, PAGE_BUDGET_BYTES, signInInBrowser, useRealBrowser } from './browser-harness.js';

/** The secretariat's pages in a real Chromium: a circular from nothing to issued, an invitation, the audit trail. */
describe('secretariat pages in a real browser', () => {
  const b = useRealBrowser();

  /** The text of the page's error summary, once it shows. */
  const errorSummary = (page: Page) => page.getByRole('alert').innerText();

  it('an administrator signs in with 2FA, creates a circular with two texts, sees a timing warning, fixes an error, previews and issues it, invites a focal point and checks the audit trail', {
    timeout: 300_000,
  }, async () => {
    const { invitationPath } = await b().invite({
      email: 'officer@tsb.itu.test',
      name: 'TSB Officer',
      role: 'secretariat_admin',
    });
    const { context, page } = await b().newPerson();
    const seed = await enrolInBrowser(b(), page, invitationPath);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/login/);
    b().world.clock.advance(30_000);
    await signInInBrowser(b(), page, 'officer@tsb.itu.test', seed);
    // The secretariat lands on its circulars.
    await page.waitForURL(/\/secretariat$/);

    // The circulars: none yet.
    await page.goto('/en/secretariat');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Circulars');
    await b().checkAccessibility(page, 'circulars (empty)');
    await page.getByRole('link', { name: 'New circular' }).click();
    await page.waitForURL(/\/secretariat\/consultations\/new$/);
    await b().checkAccessibility(page, 'new circular');

    // Bad input first: no reference, a deadline already past.
    await page.getByLabel('Study period').fill('2022-2024');
    await page.getByLabel('Number of the circular').fill('80');
    await page.getByLabel('Study group').fill('SG17');
    await page
      .getByLabel('Subject', { exact: true })
      .fill('Member State consultation on determined draft Recommendations X.1998 and X.1999');
    await page.getByLabel('Place of the meeting', { exact: true }).fill('Geneva, Switzerland');
    await page.getByLabel('First day of the meeting').fill('2023-08-29');
    await page.getByLabel('Last day of the meeting').fill('2023-09-08');
    await page.getByLabel('Deadline for replies (day, UTC)').fill('2023-03-01');
    await page.getByLabel('Signed by').fill('Seizo Onoe');
    await page.getByLabel('Title of the signatory').fill('Director of the Telecommunication Standardization Bureau');
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await expect.poll(() => errorSummary(page)).toContain('Enter the reference of the circular');
    expect(await errorSummary(page)).toContain('The deadline has already passed');
    expect(await page.getByLabel('Study group').inputValue()).toBe('SG17');
    await b().checkAccessibility(page, 'new circular with errors');

    // Fixed; the deadline of 22 August is later than the §9.4.1 limit: a warning, which does not block.
    await page.getByLabel('Reference', { exact: true }).fill('TSB Circular 80');
    await page.getByLabel('Deadline for replies (day, UTC)').fill('2023-08-22');
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.waitForURL(/\/secretariat\/consultations\/tsb-80-2023\?notice=sec-created/);
    await expect.poll(() => page.locator('#timing-deadline').innerText()).toContain('§9.4.1');
    expect(await page.locator('#timing-deadline').innerText()).toContain('Warning:');
    await b().checkAccessibility(page, 'draft circular with a timing warning');

    // Issuing before there is any text is refused, saying what is missing.
    await page.getByRole('link', { name: 'Preview and issue' }).first().click();
    await page.waitForURL(/\/preview$/);
    expect(await page.locator('.sec-checklist').innerText()).toContain('Add at least one text');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Issue the circular' }).click();
    await expect.poll(() => errorSummary(page)).toContain('The circular was not issued: it is not complete yet.');
    await b().checkAccessibility(page, 'preview with the issue refused');
    await page.getByRole('link', { name: 'Draft', exact: true }).click();
    await page.waitForURL(/\/tsb-80-2023$/);

    // Two texts; a duplicate designation is refused on the way.
    for (const text of [
      {
        designation: 'X.1998',
        workItem: 'X.first',
        title: 'A first Recommendation',
        summary: 'What the first one does.',
        location: 'R41',
        kind: 'Draft new Recommendation',
      },
      {
        designation: 'X.1999',
        workItem: 'X.second',
        title: 'A second Recommendation',
        summary: 'What the second one does.',
        location: 'R42',
        kind: 'Draft revised Recommendation',
      },
    ]) {
      await page.getByRole('link', { name: 'Add a text' }).click();
      await page.waitForURL(/\/texts\/new$/);
      await page.getByLabel('Designation').fill(text.designation);
      await page.getByLabel('Work item (optional)').fill(text.workItem);
      await page.getByLabel(text.kind).check();
      await page.getByLabel('Title', { exact: true }).fill(text.title);
      await page.getByLabel('Summary (optional)').fill(text.summary);
      await page.getByLabel('Location of the text').fill(text.location);
      if (text.designation === 'X.1999') {
        await page.getByLabel('Designation').fill('X.1998');
        await page.getByRole('button', { name: 'Add the text' }).click();
        await expect.poll(() => errorSummary(page)).toContain('already designated X.1998');
        await b().checkAccessibility(page, 'text form with errors');
        await page.getByLabel('Designation').fill(text.designation);
      } else {
        await b().checkAccessibility(page, 'new text');
      }
      await page.getByRole('button', { name: 'Add the text' }).click();
      await page.waitForURL(/notice=sec-text-added/);
    }
    await expect.poll(() => page.locator('main table').innerText()).toContain('X.1999');

    // Removing a text asks first.
    await page.getByRole('link', { name: 'Change X.1999' }).click();
    await page.getByRole('button', { name: 'Remove the text X.1999' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Remove X.1999?');
    await b().checkAccessibility(page, 'remove a text: confirmation');
    await page.getByRole('link', { name: 'No, keep it' }).click();
    await page.getByRole('link', { name: 'Back to the circular' }).click();
    await page.waitForURL(/\/tsb-80-2023$/);

    // Someone saves the circular in another tab meanwhile: this tab's save is refused, its input kept.
    const other = await context.newPage();
    await other.goto('/en/secretariat/consultations/tsb-80-2023');
    await other.getByLabel('Collective letter with the meeting’s agenda (optional)').fill('Collective letter 6/17');
    await other.getByRole('button', { name: 'Save the draft' }).click();
    await other.waitForURL(/notice=sec-saved/);
    await other.close();
    await page.getByLabel('Deadline for replies (day, UTC)').fill('2023-08-16');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await expect.poll(() => errorSummary(page)).toContain('Someone else saved this circular after you opened it.');
    expect(await page.getByLabel('Deadline for replies (day, UTC)').inputValue()).toBe('2023-08-16');
    await b().checkAccessibility(page, 'stale circular form');

    // Saved again, deliberately: the deadline is back within the rule and the warning goes.
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.waitForURL(/notice=sec-saved/);
    expect(await page.locator('#timing-deadline').innerText()).toContain('Meets the rule:');
    await page.getByRole('link', { name: 'Preview and issue' }).first().click();
    await page.waitForURL(/\/preview$/);
    await expect
      .poll(() => page.locator('main').innerText())
      .toContain('Nothing stops this circular from being issued.');
    expect(await page.locator('.sec-letter').innerText()).toContain('What the second one does.');
    // The e-mails issuing sends, opened to be read before issuing.
    await page.getByText('To the focal points of the consulted Member States').click();
    await page.getByText('To observers, for information').click();
    expect(await page.locator('#mail-focal_point').innerText()).toContain('Reply for your State on Assent');
    await b().checkAccessibility(page, 'preview');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Issue the circular' }).click();
    await page.waitForURL(/notice=sec-issued/);
    await expect.poll(() => page.getByRole('status').innerText()).toContain('The circular was issued.');
    await b().checkAccessibility(page, 'issued circular');
    // An issued circular's texts can no longer change.
    await page.goto('/en/secretariat/consultations/tsb-80-2023/texts/new');
    await expect.poll(() => errorSummary(page)).toContain('TSB Circular 80 has been issued');
    await b().checkAccessibility(page, 'issued circular refusing a change');
    await page.goto('/en/secretariat');
    await expect
      .poll(() => page.locator('section[aria-labelledby="group-open"]').innerText())
      .toContain('TSB Circular 80');
    await b().checkAccessibility(page, 'circulars');

    // Invite a focal point of Korea; an empty form first.
    await page.goto('/en/secretariat/accounts');
    await b().checkAccessibility(page, 'accounts');
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await expect.poll(() => errorSummary(page)).toContain('Choose the role of the person');
    await b().checkAccessibility(page, 'invitation with errors');
    await page.getByLabel('E-mail address').fill('kim@msit.kr.test');
    await page.getByLabel('Full name').fill('Kim Min-jun');
    await page.getByLabel('Focal point of a Member State').check();
    await page.getByLabel('Member State', { exact: true }).selectOption('KR');
    await page.getByLabel('Primary focal point').check();
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.waitForURL(/\?invited=/);
    await expect
      .poll(() => page.getByRole('status').innerText())
      .toContain('An invitation e-mail to Kim Min-jun (kim@msit.kr.test) is queued');
    expect(await page.content()).not.toContain('/invitations/');
    await b().checkAccessibility(page, 'accounts after an invitation');

    // The audit trail, newest first, and its chain.
    await page.getByRole('link', { name: 'Audit trail' }).first().click();
    await page.waitForURL(/\/secretariat\/audit$/);
    await expect.poll(() => page.locator('main table tbody tr').first().innerText()).toContain('account.invited');
    await b().checkAccessibility(page, 'audit trail');
    await page.getByLabel('Circular').selectOption('tsb-80-2023');
    await page.getByRole('button', { name: 'Show the events' }).click();
    await page.waitForURL(/consultation=tsb-80-2023/);
    expect(await page.locator('main table').innerText()).toContain('consultation.issued');
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.waitForURL(/\/secretariat\/audit\/verify/);
    await expect.poll(() => page.getByRole('status').innerText()).toContain('Intact.');
    await b().checkAccessibility(page, 'audit chain verified');

    // A row changed behind the application's back is named.
    await b().world.ctx.db.updateTable('audit_event').set({ actor: 'someone-else' }).where('seq', '=', 2).execute();
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Row 2 was changed after it was written');
    await b().checkAccessibility(page, 'audit chain broken');

    for (const w of b().weights) expect(w.bytes, w.url).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    expect(b().weights.length).toBeGreaterThanOrEqual(15);
  });
});
