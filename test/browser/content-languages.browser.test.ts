import { describe, expect, it } from 'vitest';
import { createConsultation } from '../../src/services/create-consultation.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { consultationInput, focalPoint, replyInput, SECRETARIAT } from '../helpers/world.js';
import { enrolInBrowser, PAGE_BUDGET_BYTES, useRealBrowser } from './browser-harness.js';

/**
 * A circular's content in several languages in a real Chromium (issue #8 items 4 and 6): content
 * in another language than the page's, marked and announced by one notice; an Arabic page with
 * English content and Latin designations inside; the secretariat's translation fields, with a
 * refusal at its field. axe on every page and state.
 */
describe('content languages in a real browser', () => {
  const b = useRealBrowser();

  /** Circular 79 written in French, its subject translated into English. */
  const frenchRecord = () =>
    consultationInput({
      languageOfRecord: 'fr',
      subject: 'Consultation des États Membres sur des projets de Recommandation déterminés',
      translations: { en: { subject: 'Member State consultation on determined draft Recommendations' } },
      texts: [
        { kind: 'corrigendum', designation: 'X.1333 Cor.1', title: 'Outils d’accès à distance', location: 'R34' },
        {
          kind: 'new',
          designation: 'X.1353',
          workItem: 'X.ztd-iot',
          title: 'Déploiement sans intervention',
          summary: 'Un résumé.',
          location: 'R35',
        },
      ],
    });

  it('announces and marks content shown in its language of record, in English and in Arabic pages', {
    timeout: 300_000,
  }, async () => {
    const { world } = b();
    const french = await world.openConsultation(frenchRecord());
    const english = await world.openConsultation(consultationInput({ number: 81, reference: 'TSB Circular 81' }));
    await submitReply(world.ctx, {
      actor: focalPoint('KR'),
      consultationId: french,
      memberState: 'KR',
      input: replyInput(['x1333-cor1', 'x1353']),
      channel: 'api',
    });

    const { page } = await b().newPerson();
    await page.goto(`/en/consultations/${french}`);
    await expect.poll(() => page.locator('#content-notice').innerText()).toContain('shown in French');
    expect(await page.locator('.text-title[lang="fr"]').count()).toBe(2);
    expect(await page.locator('.content-notice').count()).toBe(1);
    await b().checkAccessibility(page, 'French circular read in English');

    // An Arabic page: right to left, with the English content and the Latin designations isolated.
    await page.goto(`/ar/consultations/${english}`);
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('p.lead').getAttribute('lang')).toBe('en');
    expect(await page.locator('p.lead').getAttribute('dir')).toBe('ltr');
    // The designation is laid out left to right inside the right-to-left heading.
    const direction = await page
      .locator('bdi[dir="ltr"]', { hasText: 'X.1353' })
      .first()
      .evaluate((el) => getComputedStyle(el).direction);
    expect(direction).toBe('ltr');
    await b().checkAccessibility(page, 'English circular in an Arabic page');

    // The focal point's reply form, titles in French.
    const { invitationPath } = await b().invite({ email: 'kim@msit.kr.test', name: 'Kim Min-jun', memberState: 'KR' });
    const person = await b().newPerson();
    await enrolInBrowser(b(), person.page, invitationPath);
    await person.page.goto(`/en/my/consultations/${french}/reply`);
    await expect.poll(() => person.page.locator('.reply-text-title[lang="fr"]').count()).toBe(2);
    expect(await person.page.locator('.content-notice').count()).toBe(1);
    await b().checkAccessibility(person.page, 'reply form with French titles');
    await person.page.goto(`/ar/my/consultations/${french}/reply/receipt/1`);
    await expect.poll(() => person.page.locator('#receipt-hash').getAttribute('dir')).toBe('ltr');
    await b().checkAccessibility(person.page, 'receipt in Arabic');

    for (const { url, bytes } of b().weights) expect(bytes, url).toBeLessThan(PAGE_BUDGET_BYTES);
  });

  it('gives the secretariat a language of record and the translations, with a refusal at its field', {
    timeout: 300_000,
  }, async () => {
    const { world } = b();
    const draft = await createConsultation(world.ctx, { actor: SECRETARIAT, input: frenchRecord() });
    const { invitationPath } = await b().invite({
      email: 'officer@tsb.itu.test',
      name: 'TSB Officer',
      role: 'secretariat_admin',
    });
    const { page } = await b().newPerson();
    await enrolInBrowser(b(), page, invitationPath);

    await page.goto(`/en/secretariat/consultations/${draft.id}`);
    expect(await page.getByLabel('Language of record').inputValue()).toBe('fr');
    // The English translation is given: its details are open, the others closed.
    expect(await page.getByLabel('Subject in English').inputValue()).toBe(
      'Member State consultation on determined draft Recommendations',
    );
    await page.locator('summary', { hasText: 'Español' }).click();
    await page.getByLabel('Subject in Spanish').fill('Consulta a los Estados Miembros');
    await b().checkAccessibility(page, 'circular with translations');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.waitForURL(/notice=sec-saved/);

    // A translated summary for a corrigendum, which has none: refused at that field.
    await page.goto(`/en/secretariat/consultations/${draft.id}/texts/x1333-cor1`);
    await page.locator('summary', { hasText: 'English' }).click();
    await page.getByLabel('Summary in English').fill('A summary of nothing');
    await page.getByRole('button', { name: 'Save the text' }).click();
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toContain('This text has no summary in French to translate');
    // The summary's link leads to the field, shown open with its message.
    expect(await page.getByRole('alert').getByRole('link').first().getAttribute('href')).toBe('#field-summary-en');
    expect(await page.locator('#field-summary-en-error').isVisible()).toBe(true);
    expect(await page.getByLabel('Summary in English').inputValue()).toBe('A summary of nothing');
    await b().checkAccessibility(page, 'text with a refused translation');
  });
});
