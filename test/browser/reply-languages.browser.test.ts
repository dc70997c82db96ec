import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/i18n.js';
import { PAGE_BUDGET_BYTES, useRealBrowser } from './browser-harness.js';
import {
  checkLocalisedPage,
  enrolInLocale,
  errorSummary,
  expectDesignationReadsWhole,
  isServed,
  signInInLocale,
  signOutInLocale,
  visit,
} from './languages-helpers.js';

/** A small file that is a PDF by its content: the reasons of a State that does not assign authority. */
const PDF = Buffer.from('%PDF-1.7\n% reasons of Korea\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');

const ID = 'tsb-79-2023';

/** What the focal point types, in the language of the pages (with Latin designations inside, as people write them). */
const TYPED = {
  ar: {
    reasons: 'التحليل الأمني لعملية النشر دون تدخل (X.ztd-iot) ليس ناضجاً بعد.',
    changes: 'مواءمة نموذج التهديدات مع التوصية X.1352.',
    comments: 'تعليقات تحريرية على البند 6.',
    name: 'كيم مين جون',
    title: 'مدير، وزارة العلوم وتكنولوجيا المعلومات والاتصالات',
    place: 'سيجونغ',
  },
  zh: {
    reasons: '零接触部署流程（X.ztd-iot）的安全分析尚不成熟。',
    changes: '使威胁模型与 X.1352 建议书保持一致。',
    comments: '对第 6 条的编辑性意见。',
    name: '金敏俊',
    title: '科学技术信息通信部司长',
    place: '世宗',
  },
} as const;

/**
 * Issue #8: the focal point's reply journey in Arabic and in Chinese, in a real Chromium, with
 * axe on every page and error state. The same journey as reply.browser.test.ts (in English),
 * found by names and ids only: enrolment and sign-in with 2FA, what the State owes, the Annex 2
 * form submitted empty (the error summary), then filled for every text — one "does not assign
 * authority" with reasons in the page's language and a PDF —, a draft saved and reopened, the
 * review, the submission and the receipt, the history.
 */
describe('the focal point replies in Arabic and in Chinese, in a real browser', () => {
  const b = useRealBrowser();

  for (const locale of ['ar', 'zh'] as const) {
    if (!isServed(locale)) {
      console.warn(
        `\n!!!!! reply-languages.browser.test.ts: ${locale} is NOT SERVED (no complete catalogue in src/i18n/catalogues.ts): its reply journey is NOT TESTED !!!!!\n`,
      );
      it.skip(`[${locale}] the reply journey (${locale} not served)`, () => undefined);
      continue;
    }
    const typed = TYPED[locale];

    it(`[${locale}] signs in with 2FA, meets the errors of an empty form, replies to every text with reasons and a PDF, through a draft, the review and the receipt`, {
      timeout: 180_000,
    }, async () => {
      const world = b().world;
      const seen: string[] = [];
      const check = async (page: Page, label: string) => seen.push(await checkLocalisedPage(b(), page, locale, label));
      await world.openConsultation();
      const { invitationPath } = await b().invite({
        email: 'kim@msit.kr.test',
        name: 'Kim Min-jun',
        memberState: 'KR',
      });
      const form = `/my/consultations/${ID}/reply`;

      // Enrolment and sign-in with the second factor, in the language of the pages.
      const { page } = await b().newPerson({ locale: locale === 'ar' ? 'ar-EG' : 'zh-CN' });
      page.on('dialog', (dialog) => void dialog.accept());
      const seed = await enrolInLocale(b(), page, locale, invitationPath, (label) => check(page, label));
      await signOutInLocale(page, locale);
      world.clock.advance(30_000);
      await signInInLocale(b(), page, locale, 'kim@msit.kr.test', seed, (label) => check(page, label));
      await visit(page, locale, '/account');
      await check(page, 'account');

      // What the State owes, then the form.
      await visit(page, locale, '/my');
      await check(page, 'what my State owes');
      await page.locator(`main a.button[href$="${form}"]`).click();
      await page.waitForURL(new RegExp(`/${locale}${form}$`));
      await check(page, 'empty reply form');
      // Each text's heading as the eye meets it: "ITU-T X.1353" reads as typed (not "X.1353 ITU-T").
      await expectDesignationReadsWhole(page, '#text-x1353 .reply-text-heading', 'X.1353');
      await expectDesignationReadsWhole(page, '#text-x1333-cor1 .reply-text-heading', 'X.1333 Cor.1');

      // Bad input: the empty form sent for review: no text answered (one problem, a partial reply
      // being allowed) and the signatory's name and title, in the page's language.
      await page.locator('button[name="action"][value="review"]').click();
      await expect.poll(() => errorSummary(page)).not.toBe('');
      expect((await page.title()).startsWith(t(locale, 'form.errorPrefix'))).toBe(true);
      const summary = await errorSummary(page);
      expect(summary).not.toMatch(/Select|Enter the name|Give a position/);
      expect(summary).toContain(t(locale, 'reply.error.noneChosen'));
      expect(await page.locator('.error-summary a').count()).toBe(3);
      await check(page, 'reply form: nothing chosen');
      // The error summary leads to the field.
      await page.locator('.error-summary a').first().click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-x1333-cor1-position');

      // Nothing chosen: no choice's fields show yet; the button giving one answer to every text speaks the page's language.
      expect(await page.locator('#field-x1353-reasons').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: t(locale, 'reply.fields.same') }).count()).toBe(1);
      // Every text: no comments; does not assign, with reasons, possible changes and a PDF; comments attached.
      await page.locator('#field-x1333-cor1-position').check();
      await page.locator('#field-x1333-cor1-option').check();
      await page.locator('#field-x1353-position-choice-does-not-assign-authority').check();
      await page.locator('#field-x1353-reasons').fill(typed.reasons);
      await page.locator('#field-x1353-changes').fill(typed.changes);
      await page
        .locator('#field-x1353-file')
        .setInputFiles({ name: 'reasons-kr.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.locator('#field-x1471-position').check();
      await page.locator('#field-x1471-option-choice-comments-attached').check();
      await page.locator('#field-x1471-comments').fill(typed.comments);
      await page.locator('#field-signatoryName').fill(typed.name);
      await page.locator('#field-signatoryTitle').fill(typed.title);
      await page.locator('#field-place').fill(typed.place);
      await page.locator('#field-signedOn').fill('2023-03-28');
      await page.locator('button[name="action"][value="save"]').click();
      await page.waitForURL(/notice=draft-saved$/);
      expect(await page.locator('.notice[role="status"]').innerText()).toContain(t(locale, 'reply.notice.draftSaved'));
      expect(await page.locator('main').innerText()).toContain(
        t(locale, 'reply.fields.file.kept', { filename: 'reasons-kr.pdf' }),
      );
      await check(page, 'draft saved');

      // Later, the draft comes back as it was left.
      world.clock.advance(10 * 60_000);
      await visit(page, locale, '/my');
      await page.locator(`main a.button[href$="${form}"]`).click();
      await page.waitForURL(new RegExp(`/${locale}${form}$`));
      expect(await page.locator('#field-x1353-position-choice-does-not-assign-authority').isChecked()).toBe(true);
      expect(await page.locator('#field-x1353-reasons').inputValue()).toBe(typed.reasons);
      expect(await page.locator('#field-signatoryName').inputValue()).toBe(typed.name);
      await check(page, 'draft reopened');

      // The review shows what will be sent, in the page's language, with what was typed.
      await page.locator('button[name="action"][value="review"]').click();
      await page.waitForURL(new RegExp(`/${locale}${form}/review$`));
      expect(await page.locator('h1').innerText()).toBe(t(locale, 'reply.review.title'));
      const review = await page.locator('main').innerText();
      expect(review).toContain(typed.reasons);
      expect(review).toContain(typed.comments);
      expect(review).toContain('reasons-kr.pdf');
      expect(review).toContain(typed.name);
      await check(page, 'review');

      await page.locator('form[action$="/reply/submit"] button[type="submit"]').click();
      await page.waitForURL(new RegExp(`/${locale}${form}/receipt/1\\?notice=reply-submitted$`));
      expect(await page.locator('.notice[role="status"]').innerText()).toContain(t(locale, 'reply.notice.submitted'));
      expect(await page.locator('#receipt-hash').innerText()).toMatch(/^[0-9a-f]{64}$/);
      // The hash reads left to right even in a right-to-left page.
      expect(await page.locator('#receipt-hash').evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
      await check(page, 'receipt');
      const signed = await page.request.get(`/${locale}${form}/receipt/1/signed`);
      expect(((await signed.json()) as { memberState: string }).memberState).toBe('KR');

      await page.locator('main a[href$="/reply/history"]').first().click();
      await page.waitForURL(new RegExp(`/${locale}${form}/history$`));
      expect(await page.locator('table.reply-history tbody tr').count()).toBe(1);
      await check(page, 'history');
      await visit(page, locale, '/my');
      await check(page, 'what my State owes, replied');

      for (const w of b().weights) expect(w.bytes, w.url).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
      expect(seen.length).toBeGreaterThanOrEqual(15);
      console.info(
        `[${locale}] reply journey: ${seen.length} page states checked (lang/dir, switcher, axe), ${b().weights.length} loads weighed`,
      );
    });
  }
});
