import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/i18n.js';
import type { ReplyInput } from '../../src/schemas/reply.schema.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { recordDecision } from '../../src/services/record-decision.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { receiveMail } from '../../src/services/intake/mail-intake.js';
import { consultationInput, focalPoint, replyInput, SECRETARIAT } from '../helpers/world.js';
import { PAGE_BUDGET_BYTES, useRealBrowser } from './browser-harness.js';
import {
  checkLocalisedPage,
  enrolInLocale,
  enrolledAccount,
  errorSummary,
  expectDesignationReadsWhole,
  isServed,
  signInInLocale,
  signOutInLocale,
  UN_LOCALES,
  visit,
} from './languages-helpers.js';

/** Not assigning authority to one text, with reasons. */
const dissent = (text: string): ReplyInput => ({
  positions: replyInput().positions.map((p) =>
    p.text === text ? { text, position: 'does_not_assign_authority' as const, reasons: 'The text is not mature.' } : p,
  ),
  signatory: { name: 'B. Official', title: 'Head of Standards' },
});

const TEXTS = ['x1333-cor1', 'x1353', 'x1471'] as const;

/**
 * Every kind of page, in every served language, in a real Chromium (issue #8: "axe reporting zero
 * violations on every page in all six languages"): the public pages before and after the
 * deadline, the invitation and sign-in pages with their error states, the focal point's pages
 * from the form (empty and with errors) to the receipt and history, and the secretariat's pages
 * (circulars, a circular's form with an error, preview, accounts, audit, replies, recording a
 * reply with an error, results, decisions). On each page: `<html lang dir>`, the language
 * switcher, axe; at the end every page's weight against the budget. Fields and buttons are found
 * by name, id and form action only, so the same walk runs in every language.
 */
describe('every page in every served language, in a real browser', () => {
  const b = useRealBrowser();

  const missing = UN_LOCALES.filter((l) => !isServed(l));
  if (missing.length > 0) {
    console.warn(
      `\n!!!!! languages.browser.test.ts: NOT SERVED (no complete catalogue), NOT TESTED: ${missing.join(', ')} !!!!!\n`,
    );
  }

  for (const locale of UN_LOCALES.filter(isServed)) {
    it(`[${locale}] walks the public, sign-in, focal point and secretariat pages: lang/dir, language switcher, axe, weight`, {
      timeout: 600_000,
    }, async () => {
      const world = b().world;
      const seen: string[] = [];
      const check = async (page: Page, label: string, switcherPath?: string) =>
        seen.push(await checkLocalisedPage(b(), page, locale, label, { ...(switcherPath && { switcherPath }) }));

      // ---- Set-up through the services: an issued circular with replies of three States, a draft circular,
      // an administrator with an authenticator, and an invitation for a focal point of Korea.
      const id = await world.openConsultation({ individualRepliesPublic: true });
      const draft = await createConsultation(world.ctx, {
        actor: SECRETARIAT,
        input: consultationInput({ number: 80, reference: 'TSB Circular 80' }),
      });
      world.clock.advance(60 * 60_000);
      const submit = (state: string, input: ReplyInput) =>
        submitReply(world.ctx, {
          actor: focalPoint(state),
          consultationId: id,
          memberState: state,
          input,
          channel: 'web',
        });
      await submit('FR', replyInput());
      await submit('DE', dissent('x1471'));
      await submit('JP', replyInput());
      const adminSeed = await enrolledAccount(b(), {
        email: 'officer@tsb.itu.test',
        name: 'TSB Officer',
        role: 'secretariat_admin',
      });
      const { invitationPath } = await b().invite({
        email: 'kim@msit.kr.test',
        name: 'Kim Min-jun',
        memberState: 'KR',
      });

      // ---- The public pages, before the deadline.
      const { page: visitor } = await b().newPerson();
      await visit(visitor, locale, '/');
      await check(visitor, 'home');
      await visit(visitor, locale, `/consultations/${id}`);
      // A text's heading as the eye meets it: "ITU-T X.1353" reads as typed (not "X.1353 ITU-T").
      await expectDesignationReadsWhole(visitor, 'h3#text-x1353', 'X.1353');
      await expectDesignationReadsWhole(visitor, 'h3#text-x1333-cor1', 'X.1333 Cor.1');
      await check(visitor, 'consultation');
      await visit(visitor, locale, `/consultations/${id}/results`, 409);
      await check(visitor, 'results before the deadline');
      await visit(visitor, locale, '/approved');
      await check(visitor, 'approved texts (none yet)');
      await visit(visitor, locale, '/consultations/no-such-circular', 404);
      await check(visitor, 'unknown circular (404)');
      await visit(visitor, locale, '/no/such/page', 404);
      await check(visitor, 'unknown address (404)', '/');
      await visit(visitor, locale, '/login');
      expect(await visitor.locator('h1').innerText()).toBe(t(locale, 'login.title'));
      await check(visitor, 'sign-in');
      await visitor.locator('form[action$="/login"] button[type="submit"]').click();
      await expect.poll(() => errorSummary(visitor)).not.toBe('');
      await check(visitor, 'sign-in with errors');
      await visitor.locator('input[name="email"]').fill('nobody@example.test');
      await visitor.locator('input[name="password"]').fill('not the password');
      await visitor.locator('form[action$="/login"] button[type="submit"]').click();
      await expect.poll(() => errorSummary(visitor)).toContain(t(locale, 'login.invalidCredentials'));
      await check(visitor, 'sign-in refused');

      // ---- The focal point: enrolment, sign-in with 2FA, and a reply from the empty form to the history.
      const { page: fp } = await b().newPerson();
      fp.on('dialog', (dialog) => void dialog.accept());
      const fpSeed = await enrolInLocale(b(), fp, locale, invitationPath, (label) => check(fp, label));
      await signOutInLocale(fp, locale);
      await check(fp, 'signed out');
      world.clock.advance(30_000);
      await signInInLocale(b(), fp, locale, 'kim@msit.kr.test', fpSeed, async (label) => {
        expect(await fp.locator('h1').innerText()).toBe(t(locale, 'verify.title'));
        await check(fp, label);
      });
      // Signed in, a focal point lands on what its State owes; the account page is one link away.
      await check(fp, 'landing: what my State owes');
      await visit(fp, locale, '/account');
      await check(fp, 'account');
      await visit(fp, locale, '/my');
      await check(fp, 'what my State owes');
      await fp.locator(`main a.button[href$="/my/consultations/${id}/reply"]`).click();
      await fp.waitForURL(new RegExp(`/${locale}/my/consultations/${id}/reply$`));
      await check(fp, 'reply form');
      await fp.locator('button[name="action"][value="review"]').click();
      await expect.poll(() => errorSummary(fp)).not.toBe('');
      // A partial reply is allowed: one problem for no text answered, then the signatory's name and title.
      expect(await fp.locator('.error-summary a').count()).toBe(3);
      expect(await errorSummary(fp)).toContain(t(locale, 'reply.error.noneChosen'));
      await check(fp, 'reply form with errors');
      for (const text of TEXTS) {
        await fp.locator(`#field-${text}-position`).check();
        await fp.locator(`#field-${text}-option`).check();
      }
      await fp.locator('#field-signatoryName').fill('Kim Min-jun');
      await fp.locator('#field-signatoryTitle').fill('Director, Ministry of Science and ICT');
      await fp.locator('button[name="action"][value="save"]').click();
      await fp.waitForURL(/notice=draft-saved$/);
      expect(await fp.locator('.notice[role="status"]').innerText()).toContain(t(locale, 'reply.notice.draftSaved'));
      await check(fp, 'draft saved');
      await fp.locator('button[name="action"][value="review"]').click();
      await fp.waitForURL(/\/reply\/review$/);
      expect(await fp.locator('h1').innerText()).toBe(t(locale, 'reply.review.title'));
      await check(fp, 'review');
      await fp.locator('form[action$="/reply/submit"] button[type="submit"]').click();
      await fp.waitForURL(/\/reply\/receipt\/1\?notice=reply-submitted$/);
      expect(await fp.locator('#receipt-hash').innerText()).toMatch(/^[0-9a-f]{64}$/);
      await check(fp, 'receipt');
      await fp.locator('main a[href$="/reply/history"]').first().click();
      await fp.waitForURL(/\/reply\/history$/);
      expect(await fp.locator('table.reply-history tbody tr').count()).toBe(1);
      await check(fp, 'history');
      await visit(fp, locale, '/my');
      await check(fp, 'what my State owes, replied');

      // ---- After the deadline, while the meeting sits: the secretariat's pages.
      world.clock.set('2023-08-30T09:00:00Z');
      const { page: tsb } = await b().newPerson();
      tsb.on('dialog', (dialog) => void dialog.accept());
      await signInInLocale(b(), tsb, locale, 'officer@tsb.itu.test', adminSeed);
      await visit(tsb, locale, '/secretariat');
      expect(await tsb.locator('h1').innerText()).toBe(t(locale, 'sec.circulars.title'));
      await check(tsb, 'circulars');
      await visit(tsb, locale, '/secretariat/consultations/new');
      await check(tsb, 'new circular');
      await visit(tsb, locale, `/secretariat/consultations/${draft.id}`);
      await check(tsb, 'draft circular');
      await tsb.locator('#field-reference').fill('');
      await tsb.locator('form.sec-form button[type="submit"]').click();
      await expect.poll(() => errorSummary(tsb)).not.toBe('');
      expect(await tsb.locator('#field-reference').getAttribute('aria-invalid')).toBe('true');
      await check(tsb, 'draft circular with an error');
      await visit(tsb, locale, `/secretariat/consultations/${draft.id}/texts/new`);
      await check(tsb, 'new text');
      await visit(tsb, locale, `/secretariat/consultations/${draft.id}/preview`);
      // The e-mails issuing sends, open (in the page's language).
      for (const summary of await tsb.locator('.sec-mail summary').all()) await summary.click();
      await check(tsb, 'preview');
      await visit(tsb, locale, `/secretariat/consultations/${id}`);
      await check(tsb, 'issued circular');
      await visit(tsb, locale, '/secretariat/accounts');
      await check(tsb, 'accounts');
      await visit(tsb, locale, '/secretariat/audit');
      await check(tsb, 'audit trail');
      await visit(tsb, locale, '/secretariat/participants?q=pa');
      await check(tsb, 'participants');
      await visit(tsb, locale, '/secretariat/participants/PS');
      await check(tsb, "a participant's right to reply");
      await visit(tsb, locale, '/secretariat/languages?language=fr');
      await check(tsb, 'languages review');
      // A reply received by e-mail, waiting in the inbox: the inbox, the message, setting it aside without a reason.
      const mail = await receiveMail(
        world.ctx,
        { authservId: null, requireAuthentication: false, maxBytes: 1_000_000 },
        {
          raw: Buffer.from(
            'From: Kim Min-jun <kim@msit.kr.test>\r\nSubject: Reply of Korea\r\n\r\nOur reply follows by fax.\r\n',
          ),
          channel: 'pipe',
        },
      );
      await visit(tsb, locale, '/secretariat/inbox');
      expect(await tsb.locator('h1').innerText()).toBe(t(locale, 'sec.inbox.title'));
      await check(tsb, 'replies received by e-mail');
      await visit(tsb, locale, `/secretariat/inbox/${mail.id}`);
      await check(tsb, 'a message received by e-mail');
      await tsb.locator('form[action$="/dismiss"] button[type="submit"]').click();
      await expect.poll(() => errorSummary(tsb)).not.toBe('');
      await check(tsb, 'a message set aside without a reason');
      await visit(tsb, locale, `/secretariat/consultations/${id}/replies`);
      await expect.poll(() => tsb.locator('#state-KR').count()).toBe(1);
      await check(tsb, 'replies dashboard');
      await visit(tsb, locale, `/secretariat/consultations/${id}/comments`);
      await check(tsb, 'comments');
      await visit(tsb, locale, `/secretariat/consultations/${id}/replies/KR`);
      await check(tsb, "a State's reply");
      await visit(tsb, locale, `/secretariat/consultations/${id}/replies/record`);
      await check(tsb, 'record a reply');
      await tsb.locator('form[action$="/replies/record"] button[type="submit"]').click();
      await expect.poll(() => errorSummary(tsb)).not.toBe('');
      await check(tsb, 'record a reply, with errors');
      await visit(tsb, locale, `/secretariat/consultations/${id}/results`);
      await check(tsb, 'results (secretariat)');
      await visit(tsb, locale, `/secretariat/consultations/${id}/decisions`);
      await check(tsb, 'decisions');

      // ---- The meeting decided; the public pages after the deadline.
      await recordDecision(world.ctx, {
        actor: SECRETARIAT,
        consultationId: id,
        textId: 'x1333-cor1',
        input: { reservations: [{ state: 'FR', note: 'France reserves its position.' }] },
      });
      await recordDecision(world.ctx, {
        actor: SECRETARIAT,
        consultationId: id,
        textId: 'x1353',
        input: { moreTime: ['DE'] },
      });
      await visit(tsb, locale, `/secretariat/consultations/${id}/decisions`);
      await check(tsb, 'decisions recorded');
      await visitor.clock.setFixedTime(new Date(world.clock.now()));
      await visit(visitor, locale, '/');
      await check(visitor, 'home after the deadline');
      await visit(visitor, locale, `/consultations/${id}`);
      await check(visitor, 'consultation after the deadline');
      await visit(visitor, locale, `/consultations/${id}/results`);
      await expect.poll(() => visitor.locator('#state-replies tbody tr').count()).toBe(4);
      await check(visitor, 'results after the deadline');
      await visit(visitor, locale, '/approved');
      await expect.poll(() => visitor.locator('#approved-texts tbody tr').count()).toBe(1);
      await check(visitor, 'approved texts');

      for (const w of b().weights) expect(w.bytes, w.url).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
      expect(seen.length).toBeGreaterThanOrEqual(40);
      console.info(
        `[${locale}] ${seen.length} page states checked (lang/dir, switcher, axe), ${b().weights.length} loads weighed`,
      );
    });
  }
});
