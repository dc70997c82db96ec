import { describe, expect, it } from 'vitest';
import type { ReplyInput } from '../../src/schemas/reply.schema.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { focalPoint, replyInput } from '../helpers/world.js';
import { enrolInBrowser, PAGE_BUDGET_BYTES, useRealBrowser } from './browser-harness.js';

/** A small file that is a PDF by its content: the scan of a form received on paper. */
const SCAN = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Not assigning authority to one text, with reasons. */
const dissent = (text: string): ReplyInput => ({
  positions: [{ text, position: 'does_not_assign_authority', reasons: 'The text is not mature.' }],
  signatory: { name: 'B. Official', title: 'Head of Standards' },
});

/**
 * Journey 3 of issue #4 in a real Chromium: after the deadline, the secretariat follows the
 * replies, records a form received on paper with its scan, reads the results, records the
 * meeting's decisions and issues the results notice; the public results then say the same.
 * axe on every page and error state; every page under the weight budget.
 */
describe('the secretariat records the outcome, in a real browser', () => {
  const b = useRealBrowser();

  it('follows the replies, records a paper reply, records decisions, issues the notice', {
    timeout: 300_000,
  }, async () => {
    const world = b().world;
    const id = await world.openConsultation();
    world.clock.advance(60 * 60 * 1000);
    const submit = (state: string, input: ReplyInput) =>
      submitReply(world.ctx, {
        actor: focalPoint(state),
        consultationId: id,
        memberState: state,
        input,
        channel: 'web',
      });
    await submit('KR', replyInput());
    await submit('FR', replyInput());
    await submit('DE', dissent('x1471'));
    await submit('JP', dissent('x1471'));

    // The deadline (16 August) has passed; the meeting (29 August – 8 September) is under way.
    world.clock.set('2023-08-30T09:00:00Z');
    const { invitationPath } = await b().invite({
      email: 'officer@itu.test',
      name: 'TSB Officer',
      role: 'secretariat_staff',
    });
    const { page } = await b().newPerson();
    await enrolInBrowser(b(), page, invitationPath);
    const base = `/en/secretariat/consultations/${id}`;

    // The replies dashboard, then who has not replied, with the GET filter form.
    await page.goto(`${base}/replies`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Replies to TSB Circular 79');
    await b().checkAccessibility(page, 'replies dashboard');
    await page.getByLabel('Reply', { exact: true }).selectOption('not-replied');
    await page.getByRole('button', { name: 'Apply the filters' }).click();
    await page.waitForURL(/status=not-replied/);
    expect(await page.locator('#state-KR').count()).toBe(0);
    expect(await page.locator('#state-BR').count()).toBe(1);
    await b().checkAccessibility(page, 'replies dashboard, filtered');

    // A form received on paper by the deadline, keyed in later: first with nothing filled in.
    await page.goto(`${base}/replies/record`);
    await b().checkAccessibility(page, 'record a reply');
    await page.getByRole('button', { name: 'Record the reply' }).click();
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toContain('Choose the Member State that sent the form');
    await b().checkAccessibility(page, 'record a reply, with errors');
    await page.getByLabel('Member State', { exact: true }).selectOption('BR');
    // The fax header read 12:00 in Geneva (UTC+02:00 in August): stored and shown as 10:00 UTC.
    await page.getByLabel('Received by TSB at', { exact: true }).fill('2023-08-15T12:00');
    expect(await page.getByLabel('Time zone of that time').inputValue()).toBe('Z');
    await page.getByLabel('Time zone of that time').selectOption('+02:00');
    await page.getByLabel('paper (post or hand delivery)').check();
    for (const text of ['x1333-cor1', 'x1353']) {
      await page.locator(`#field-${text}-position`).check();
      await page.locator(`#field-${text}-option`).check();
    }
    await page.getByLabel('Name of the signatory').fill('C. Ministro');
    await page.getByLabel('Official role or title').fill('Secretary of Telecommunications');
    await page
      .getByLabel('Scan of the original form')
      .setInputFiles({ name: 'brazil-reply.pdf', mimeType: 'application/pdf', buffer: SCAN });
    await page.getByRole('button', { name: 'Record the reply' }).click();
    await page.waitForURL(/notice=outcome-recorded$/);
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('The reply was recorded.');
    await expect.poll(() => page.locator('#state-BR').innerText()).toContain('by paper');
    expect(await page.locator('#state-BR').innerText()).toContain('15 August 2023 at 10:00 UTC');
    await b().checkAccessibility(page, 'replies dashboard after recording');

    // Results: X.1471 has 2 of 4 replies in support and needed 3 more.
    await page.getByRole('link', { name: 'Results', exact: true }).click();
    await page.waitForURL(/\/results$/);
    await expect.poll(() => page.locator('#result-x1471').innerText()).toContain('Needs 3 more supporting replies.');
    expect(await page.locator('#result-x1353').innerText()).toContain('May be considered at the meeting');
    await b().checkAccessibility(page, 'results');

    // Decisions: a contradictory one first, then a reservation and a request for more time.
    await page.goto(`${base}/decisions`);
    await b().checkAccessibility(page, 'decisions');
    // The State pickers: a search box by name or code (the select is hidden and carries the choice).
    await expect.poll(() => page.locator('#field-x1333-cor1-opposing').isHidden()).toBe(true);
    const opposing = page.getByRole('combobox', { name: /opposing approval of X\.1333 Cor\.1/ });
    await opposing.fill('united k');
    await expect
      .poll(() => page.locator('#field-x1333-cor1-opposing-listbox').getByRole('option').allInnerTexts())
      .toEqual(['United Kingdom of Great Britain and Northern Ireland (GB)']);
    await opposing.press('Enter');
    await expect
      .poll(() =>
        page
          .locator('#field-x1333-cor1-opposing')
          .evaluate((el) => Array.from((el as HTMLSelectElement).selectedOptions, (o) => o.value)),
      )
      .toEqual(['GB']);
    const abstaining = page.locator('#field-x1333-cor1-abstaining-search');
    await abstaining.fill('gb');
    await page
      .locator('#field-x1333-cor1-abstaining-listbox')
      .getByRole('option', { name: /\(GB\)$/ })
      .click();
    await b().checkAccessibility(page, 'decisions, States chosen with the pickers');
    await page.getByRole('button', { name: 'Record the decision on X.1333 Cor.1' }).click();
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toContain(
        'United Kingdom of Great Britain and Northern Ireland (GB) cannot both oppose and abstain on X.1333 Cor.1',
      );
    await b().checkAccessibility(page, 'decisions, contradictory');
    // The refused form comes back with the States chosen; each can be removed.
    const removeGb = { name: 'Remove United Kingdom of Great Britain and Northern Ireland (GB)' };
    await page.locator('#form-x1333-cor1 .picker').first().getByRole('button', removeGb).click();
    await page.locator('#form-x1333-cor1 .picker').nth(1).getByRole('button', removeGb).click();
    expect(await page.locator('#field-x1333-cor1-opposing option:checked').count()).toBe(0);
    // The usual decision in one step.
    await page.getByRole('button', { name: 'Record X.1333 Cor.1 as approved, unopposed' }).click();
    await page.waitForURL(/notice=outcome-decision-recorded/);
    expect(await page.getByRole('button', { name: 'Record X.1333 Cor.1 as approved, unopposed' }).count()).toBe(0);
    const moreTime = page.locator('#field-x1353-moreTime-search');
    await moreTime.fill('chin');
    await moreTime.press('Enter');
    await page.locator('#field-x1353-res-0-state').fill('US');
    await page.locator('#field-x1353-res-0-note').fill('Reserves its position on Annex A');
    await page.locator('#field-x1353-res-1-state').fill('JP');
    await page.locator('#field-x1353-res-1-note').fill('Reserves its position on clause 6');
    // A third reservation: one more row, with everything typed kept and nothing saved yet.
    await page.locator('#form-x1353').getByRole('button', { name: 'Add another reservation' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-x1353-res-2-state');
    expect(await page.locator('#field-x1353-res-1-note').inputValue()).toBe('Reserves its position on clause 6');
    expect(await page.locator('#form-x1353 .picker-chosen').nth(2).innerText()).toContain(
      "China (People's Republic of) (CN)",
    );
    expect(await page.locator('#decision-x1353').innerText()).toContain('No decision recorded');
    await page.locator('#field-x1353-res-2-state').fill('FR');
    await page.locator('#field-x1353-res-2-note').fill('Reserves its position on clause 7');
    await b().checkAccessibility(page, 'decisions, a reservation row added');
    await page.getByRole('button', { name: 'Record the decision on X.1353' }).click();
    await page.waitForURL(/notice=outcome-decision-recorded/);
    const x1353 = await page.locator('#decision-x1353').innerText();
    expect(x1353).toContain('Pending: more time was requested');
    expect(x1353).toContain('United States of America: Reserves its position on Annex A');
    expect(x1353).toContain('Japan: Reserves its position on clause 6');
    expect(x1353).toContain('France: Reserves its position on clause 7');
    expect(x1353).toContain('6 October 2023 at 23:59 UTC');
    expect(await page.locator('#decision-x1333-cor1').innerText()).toContain('Approved');
    await b().checkAccessibility(page, 'decisions recorded');

    // In Arabic, the pickers search the Arabic names, and say so in Arabic.
    await page.goto(`${base.replace('/en/', '/ar/')}/decisions`);
    const arabic = page.locator('#field-x1353-abstaining-search');
    await arabic.fill('ألمان');
    await expect
      .poll(() => page.locator('#field-x1353-abstaining-listbox').getByRole('option').allInnerTexts())
      .toEqual(['ألمانيا (DE)']);
    await arabic.press('Enter');
    await expect
      .poll(() => page.locator('#form-x1353 .picker').nth(1).getByRole('button').getAttribute('aria-label'))
      .toBe('إزالة ألمانيا (DE)');
    await arabic.fill('zz');
    await expect.poll(() => page.locator('#form-x1353 .picker-status').nth(1).innerText()).toBe('لا توجد دولة مطابقة');
    await b().checkAccessibility(page, 'decisions in Arabic, a State chosen with the picker');
    await page.goto(`${base}/decisions`);

    // The results notice, confirmed in the browser's dialog.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Issue the results notice' }).click();
    await page.waitForURL(/notice=outcome-notice-issued/);
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('The results notice was issued.');
    await b().checkAccessibility(page, 'results after the notice');

    // Anyone may now read the public results, and they agree.
    const { page: visitor } = await b().newPerson();
    const response = await visitor.goto(`/en/consultations/${id}/results`);
    if (response?.status() !== 404) {
      expect(response?.status()).toBe(200);
      const text = await visitor.locator('main').innerText();
      expect(text).toContain('X.1471');
      expect(text).toContain('§9.4.6');
      expect(text).toContain('§9.5.5');
      await b().checkAccessibility(visitor, 'public results');
    }

    for (const w of b().weights) expect(w.bytes, w.url).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    expect(b().weights.length).toBeGreaterThanOrEqual(10);
  });
});
