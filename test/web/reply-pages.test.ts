import type { LightMyRequestResponse } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { DEADLINE, focalPoint, replyInput } from '../helpers/world.js';
import {
  csrfOf,
  decode,
  expectSeeOther,
  formOf,
  hiddenFields,
  postMultipart,
  useWeb,
  type Browser,
  type FilePart,
  type Web,
} from './web-harness.js';

const ID = 'tsb-79-2023';
const FORM = `/en/my/consultations/${ID}/reply`;
const REVIEW = `${FORM}/review`;
const SUBMIT = `${FORM}/submit`;
const WITHDRAW = `${FORM}/withdraw`;
const DISCARD = `${FORM}/draft/discard`;
const HISTORY = `${FORM}/history`;

/** A small file whose content the server recognises as a PDF. */
const PDF = Buffer.from('%PDF-1.7\n% reasons of KR\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');
/** A Windows executable: refused whatever its name. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0)]);

/** What a browser would post from the form to `action`: hidden and text inputs, checked boxes, text areas. */
function formValues(html: string, action: string): Record<string, string> {
  const form = formOf(html, action);
  const fields: Record<string, string> = {};
  for (const [, attrs] of form.matchAll(/<input ([^>]*?)\/?>/g)) {
    const attr = (name: string) => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs!)?.[1];
    const type = attr('type') ?? 'text';
    const name = attr('name');
    if (name === undefined || type === 'file') continue;
    if ((type === 'radio' || type === 'checkbox') && !/(?:^|\s)checked(?:\s|$|=)/.test(attrs!)) continue;
    fields[name] = decode(attr('value') ?? '');
  }
  for (const [, attrs, content] of form.matchAll(/<textarea ([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = /name="([^"]*)"/.exec(attrs!)?.[1];
    if (name !== undefined) fields[name] = decode(content!);
  }
  return fields;
}

/** A complete answer to the three texts: no comments, does not assign (with reasons), comments attached. */
const COMPLETE: Record<string, string> = {
  'position-x1333-cor1': 'assigns_authority',
  'option-x1333-cor1': 'no_comments',
  'position-x1353': 'does_not_assign_authority',
  'reasons-x1353': 'The security analysis is not mature.',
  'changes-x1353': 'Align the threat model with X.1352.',
  'position-x1471': 'assigns_authority',
  'option-x1471': 'comments_attached',
  'comments-x1471': 'Editorial: clause 6 <cites> "X.1470" & more.',
  signatoryName: 'Kim Min-jun',
  signatoryTitle: 'Director, Ministry of Science and ICT',
  place: 'Sejong',
  signedOn: '2023-05-01',
};

/** A page's markup without its bidi isolation (`<bdi>`, inline: it changes no words). */
const unisolated = (html: string) => html.replace(/<\/?bdi[^>]*>/g, '');

/** The text of the error summary (tags stripped). */
function summaryOf(html: string): string {
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  return decode(summary.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
}

/** Each summary link leads to an element of the page. */
function expectLinkedSummary(html: string): void {
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0];
  expect(summary).toBeDefined();
  expect(html).toMatch(/<title>Error: /);
  for (const [, target] of summary!.matchAll(/href="#([^"]+)"/g))
    expect(html, `#${target}`).toContain(`id="${target}"`);
}

async function count(web: Web, table: 'reply_version' | 'reply_draft' | 'attachment'): Promise<number> {
  const row = await web.world.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachDialect('focal point reply pages', (dialect) => {
  const web = useWeb(dialect);
  let kim: Browser;
  const people = new Map<Browser, { email: string; seed: string }>();

  /** Invites and enrols a person (signed in, second factor given). */
  async function person(options: {
    name: string;
    memberState?: string;
    role?: 'focal_point' | 'secretariat_staff' | 'observer';
  }): Promise<Browser> {
    const { invitationPath, account } = await web().invite(options);
    const browser = web().browser();
    const { seed } = await web().enrol(browser, invitationPath);
    people.set(browser, { email: account.email, seed });
    return browser;
  }

  /**
   * Posts the reply form of `page` (else as opened now in `browser`) with what it holds, changed
   * by `changes` (null: the field is not sent, as a radio group left unticked).
   */
  async function postForm(
    browser: Browser,
    action: 'save' | 'review',
    changes: Record<string, string | null>,
    files: FilePart[] = [],
    page?: string,
  ): Promise<LightMyRequestResponse> {
    const html = page ?? (await browser.get(FORM)).body;
    const fields: Record<string, string> = { ...formValues(html, FORM), action };
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) delete fields[name];
      else fields[name] = value;
    }
    return postMultipart(web().app, browser, FORM, fields, files);
  }

  /** Signs `browser` in again (after the clock moved past the session's lifetime). */
  async function signInAgain(browser: Browser): Promise<void> {
    const who = people.get(browser)!;
    web().world.clock.advance(30_000);
    await web().signIn(browser, who.email, who.seed);
  }

  beforeEach(async () => {
    await web().world.openConsultation();
    kim = await person({ name: 'Kim Min-jun', memberState: 'KR' });
  });

  describe('the journey of a focal point', () => {
    it('lists what the State owes, saves a draft with a file, comes back, reviews, submits, gets a receipt, amends, withdraws and sees the history', async () => {
      const my = await kim.get('/en/my');
      expect(my.statusCode).toBe(200);
      expect(my.body).toContain('Replies of Korea (Republic of)');
      expect(my.body).toContain('No reply yet');
      expect(my.body).toContain('3 texts of 3:');
      expect(unisolated(my.body)).toContain('Draft new Recommendation ITU-T X.1353 (X.ztd-iot)');
      expect(my.body).toContain('<time datetime="2023-08-16T23:59:59.999Z" data-local');
      expect(my.body).toContain('data-countdown="2023-08-16T23:59:59.999Z"');
      expect(my.body).toContain('141 days 15 hours');
      expect(my.body).toContain(`href="${FORM}"`);

      // An empty form, mirroring Annex 2, posted as multipart.
      const empty = await kim.get(FORM);
      expect(empty.statusCode).toBe(200);
      expect(formOf(empty.body, FORM)).toContain('enctype="multipart/form-data"');
      expect(empty.body).toContain('assigns authority to SG17 to consider this text for approval');
      expect(empty.body).toContain('does not assign authority to SG17 to consider this text for approval');
      expect(empty.body).not.toContain('checked');
      expect(hiddenFields(empty.body, FORM)).toMatchObject({ basedOnVersion: '0', draftRevision: '0' });
      // Each text names the document consulted (no address given for these: no link).
      expect(empty.body).toContain(
        '<p class="reply-document">The text consulted: Document <bdi dir="ltr">R35</bdi></p>',
      );

      // A partial draft: only X.1353, with its reasons as a file.
      const saved = await postForm(
        kim,
        'save',
        { 'position-x1353': 'does_not_assign_authority', 'reasons-x1353': 'Draft reasons' },
        [{ field: 'file-x1353', filename: 'reasons.pdf', type: 'application/pdf', bytes: PDF }],
      );
      expectSeeOther(saved, `${FORM}?notice=draft-saved`);
      expect(await count(web(), 'reply_draft')).toBe(1);
      expect(await count(web(), 'reply_version')).toBe(0);

      // Later: the draft is there, with its file kept.
      web().world.clock.advance(60_000);
      const back = await kim.get(`${FORM}?notice=draft-saved`);
      expect(back.body).toContain('Your draft is saved.');
      expect(unisolated(back.body)).toContain('Stored with this text: reasons.pdf');
      expect(back.body).toContain('Draft reasons</textarea>');
      expect(back.body).toMatch(
        /id="field-x1353-position-choice-does-not-assign-authority" name="position-x1353" value="does_not_assign_authority" checked/,
      );
      expect(hiddenFields(back.body, FORM)).toMatchObject({ draftRevision: '1', 'keptName-x1353': 'reasons.pdf' });
      expect((await kim.get('/en/my')).body).toContain('A draft is saved, last at');

      // Review: the whole reply, the file kept from the draft.
      const review = await postForm(kim, 'review', { ...COMPLETE }, [], back.body);
      expectSeeOther(review, REVIEW);
      const reviewPage = await kim.get(REVIEW);
      expect(reviewPage.statusCode).toBe(200);
      expect(reviewPage.body).toContain('Check the reply before submitting');
      expect(reviewPage.body).toContain('Does not assign authority to SG17 to consider this text for approval');
      expect(reviewPage.body).toContain('The security analysis is not mature.');
      expect(reviewPage.body).toContain('reasons.pdf');
      // Text typed by people is inert.
      expect(reviewPage.body).toContain('Editorial: clause 6 &lt;cites>');
      expect(reviewPage.body).toContain(`href="${FORM}"`);
      expect(formOf(reviewPage.body, SUBMIT)).toContain(
        'data-confirm="Submit this reply of Korea (Republic of) to TSB Circular 79?"',
      );

      const submitted = await kim.post(SUBMIT, hiddenFields(reviewPage.body, SUBMIT));
      expectSeeOther(submitted, `${FORM}/receipt/1?notice=reply-submitted`);
      expect(await count(web(), 'reply_draft')).toBe(0);

      const receipt = await kim.get(`${FORM}/receipt/1?notice=reply-submitted`);
      expect(receipt.statusCode).toBe(200);
      expect(receipt.body).toContain('Your reply was received.');
      expect(receipt.body).toContain('Receipt for version 1 of the reply of Korea (Republic of)');
      expect(receipt.body).toContain('<time datetime="2023-03-28T08:01:00.000Z"');
      expect(receipt.body).toContain('Yes: this is the version that counts.');
      expect(receipt.body).toMatch(/id="receipt-hash">[0-9a-f]{64}</);
      expect(unisolated(receipt.body)).toContain('Ed25519, key receipts-1:');
      // Where and when the form was signed, the day in words, joined as the language joins them.
      expect(unisolated(receipt.body)).toContain('(Sejong, 1 May 2023)');
      const signed = await kim.get(`${FORM}/receipt/1/signed`);
      expect(signed.statusCode).toBe(200);
      expect(signed.headers['content-disposition']).toBe(`attachment; filename="receipt-${ID}-KR-v1.json"`);
      const document = JSON.parse(signed.body) as {
        contentSha256: string;
        memberState: string;
        attachments: { role: string }[];
      };
      expect(document).toMatchObject({ memberState: 'KR', version: 1, status: 'submitted', receivedByDeadline: true });
      expect(receipt.body).toContain(`id="receipt-hash">${document.contentSha256}<`);
      expect(document.attachments).toEqual([expect.objectContaining({ role: 'position:x1353' })]);

      const owed = await kim.get('/en/my');
      expect(owed.body).toContain('Submitted: version 1');
      expect(owed.body).toContain('None: your reply covers all 3 texts.');
      expect(unisolated(owed.body)).toContain('Amend or withdraw the reply to TSB Circular 79');

      // Amend: the form is pre-filled from the version, its file kept.
      web().world.clock.advance(60_000);
      const amend = await kim.get(FORM);
      expect(hiddenFields(amend.body, FORM)).toMatchObject({
        basedOnVersion: '1',
        draftRevision: '0',
        'keptName-x1353': 'reasons.pdf',
      });
      expect(amend.body).toContain('The security analysis is not mature.</textarea>');
      expect(amend.body).toContain('Withdraw the reply');
      expectSeeOther(await postForm(kim, 'review', { 'reasons-x1353': 'Reasons, revised.' }, [], amend.body), REVIEW);
      const amendedReview = await kim.get(REVIEW);
      expect(amendedReview.body).toContain('It replaces the version submitted before.');
      expectSeeOther(
        await kim.post(SUBMIT, hiddenFields(amendedReview.body, SUBMIT)),
        `${FORM}/receipt/2?notice=reply-submitted`,
      );

      // Withdraw, with a confirmation when scripts run.
      const beforeWithdrawal = await kim.get(FORM);
      expect(formOf(beforeWithdrawal.body, WITHDRAW)).toContain('data-confirm=');
      expectSeeOther(
        await kim.post(WITHDRAW, hiddenFields(beforeWithdrawal.body, WITHDRAW)),
        `${FORM}/receipt/3?notice=reply-withdrawn`,
      );
      const withdrawal = await kim.get(`${FORM}/receipt/3`);
      expect(withdrawal.body).toContain('Reply withdrawn');
      expect(withdrawal.body).toContain('No: the reply was withdrawn by this version.');

      const history = await kim.get(HISTORY);
      expect(history.statusCode).toBe(200);
      expect(unisolated(history.body)).toContain(
        '<caption>Versions of the reply of Korea (Republic of) to TSB Circular 79, newest first</caption>',
      );
      expect(history.body.match(/<tr id="version-\d">/g)).toEqual([
        '<tr id="version-3">',
        '<tr id="version-2">',
        '<tr id="version-1">',
      ]);
      expect(history.body).toContain('these pages, by Kim Min-jun');
      for (const v of [1, 2, 3]) expect(history.body).toContain(`href="${FORM}/receipt/${v}"`);
      expect(history.body).not.toContain('class="tag"');
      // What each version changed: version 2 the reasons on X.1353 only.
      const changes = (v: number) =>
        decode(new RegExp(`<tr id="version-${v}">([\\s\\S]*?)</tr>`).exec(history.body)?.[1] ?? '').replace(
          /<[^>]+>/g,
          '',
        );
      expect(changes(1)).toContain('First version');
      expect(changes(2)).toContain('X.1353: Reasons');
      expect(changes(2)).not.toContain('X.1471');
      expect(changes(3)).toContain('Withdraws the reply');
    });

    it('discards a draft on request, and shows the closed form after the deadline with the version that counts', async () => {
      await submitReply(web().world.ctx, {
        actor: focalPoint('KR'),
        consultationId: ID,
        memberState: 'KR',
        input: replyInput(),
        channel: 'api',
      });
      expectSeeOther(
        await postForm(kim, 'save', { 'comments-x1471': 'Thinking about it' }),
        `${FORM}?notice=draft-saved`,
      );
      const form = await kim.get(FORM);
      expect(formOf(form.body, DISCARD)).toContain('data-confirm=');
      expectSeeOther(await kim.post(DISCARD, hiddenFields(form.body, DISCARD)), `${FORM}?notice=draft-discarded`);
      expect(await count(web(), 'reply_draft')).toBe(0);

      web().world.clock.set(Date.parse(DEADLINE) + 1);
      await signInAgain(kim);
      const closed = await kim.get(FORM);
      expect(closed.statusCode).toBe(200);
      expect(closed.body).toContain('The form is closed');
      expect(closed.body).toContain('Version 1 counts, received at');
      expect(closed.body).not.toContain(`action="${FORM}"`);
      expect(closed.body).not.toContain('class="error-summary"');
      const my = await kim.get('/en/my');
      expect(my.body).toContain('Closed consultations');
      expect(my.body).toContain('The reply that counts is version 1, received at');
      expect((await kim.get(REVIEW)).body).toContain('The form is closed');
    });
  });

  describe('bad input', () => {
    it('names a form with no box ticked at all and a missing signatory, keeping everything typed; nothing is saved', async () => {
      const { signatoryName: _n, ...rest } = COMPLETE;
      const none = Object.fromEntries(Object.entries(rest).filter(([name]) => !/^(position|option)-/.test(name)));
      const response = await postForm(kim, 'review', { ...none, 'comments-x1471': 'Kept comments' });
      expect(response.statusCode).toBe(422);
      expectLinkedSummary(response.body);
      const summary = summaryOf(response.body);
      expect(summary).toContain(
        'Give a position on at least one text: you may answer the others in a later version before the deadline',
      );
      expect(summary).toContain('Enter the name of the official who signs the reply');
      // Once, at the first text.
      expect(response.body).toContain('href="#field-x1333-cor1-position"');
      expect(response.body).not.toContain('href="#field-x1471-position"');
      expect(response.body).toContain('id="field-signatoryName-error"');
      // What was typed stays.
      expect(response.body).toContain('Kept comments</textarea>');
      expect(response.body).toContain('The security analysis is not mature.</textarea>');
      expect(response.body).toContain('value="Director, Ministry of Science and ICT"');
      expect(await count(web(), 'reply_draft')).toBe(0);
    });

    it('takes a partial reply (TAP: each text has its own outcome): the review says which texts have no position, and an amendment which earlier position stops counting', async () => {
      const { 'position-x1471': _p, 'option-x1471': _o, 'comments-x1471': _c, ...partial } = COMPLETE;
      expectSeeOther(await postForm(kim, 'review', partial), REVIEW);
      const review = await kim.get(REVIEW);
      const text = decode(review.body);
      expect(text).toContain(
        'One text has no position in this reply. You may answer them in a later version before the deadline.',
      );
      expect(text).toContain('No position on this text');
      expectSeeOther(
        await kim.post(SUBMIT, hiddenFields(review.body, SUBMIT)),
        `${FORM}/receipt/1?notice=reply-submitted`,
      );
      // Amending: X.1353 left without a position; version 1's "does not assign" stops counting.
      const { 'position-x1353': _q, 'reasons-x1353': _r, 'changes-x1353': _s, ...fewer } = partial;
      expectSeeOther(
        await postForm(kim, 'review', { ...fewer, 'position-x1353': null, 'reasons-x1353': '', 'changes-x1353': '' }),
        REVIEW,
      );
      const amend = decode((await kim.get(REVIEW)).body);
      expect(amend).toContain('2 texts have no position in this reply.');
      expect(amend).toContain(
        'Version 1 gave “Does not assign authority to SG17 to consider this text for approval”: that position will no longer count.',
      );
    });

    it('asks for the reasons of "does not assign authority" (text or file) at the field (POSITION_INCOMPLETE)', async () => {
      const response = await postForm(kim, 'review', { ...COMPLETE, 'reasons-x1353': '  ', 'changes-x1353': '' });
      expect(response.statusCode).toBe(422);
      expectLinkedSummary(response.body);
      expect(summaryOf(response.body)).toContain(
        'Give the reasons for not assigning authority to Draft new Recommendation ITU-T X.1353 (X.ztd-iot): type them, use the table, or attach a file',
      );
      expect(response.body).toContain('id="field-x1353-reasons-error"');
      expect(await count(web(), 'reply_draft')).toBe(0);
      // A file alone is enough.
      const withFile = await postForm(kim, 'review', { ...COMPLETE, 'reasons-x1353': '' }, [
        { field: 'file-x1353', filename: 'reasons.pdf', type: 'application/pdf', bytes: PDF },
      ]);
      expectSeeOther(withFile, REVIEW);
    });

    it('points out comments given with "no comments", and a missing sub-option', async () => {
      const response = await postForm(kim, 'review', {
        ...COMPLETE,
        'comments-x1333-cor1': 'Stray comment',
        'option-x1471': '',
      });
      expect(response.statusCode).toBe(422);
      const summary = summaryOf(response.body);
      expect(summary).toContain(
        'You selected “no comments or suggested changes” for Draft Corrigendum ITU-T X.1333 Cor.1: clear the comments',
      );
      expect(summary).toContain(
        'Select “no comments or suggested changes” or “comments and suggested changes are attached” for Draft new Recommendation ITU-T X.1471',
      );
      expectLinkedSummary(response.body);
    });

    it('refuses a file whose content is not accepted (UNSUPPORTED_MEDIA_TYPE), whatever its name, keeping the other input; no draft is saved', async () => {
      const response = await postForm(kim, 'save', { ...COMPLETE }, [
        { field: 'file-x1353', filename: 'reasons.pdf', type: 'application/pdf', bytes: EXE },
        { field: 'file-x1471', filename: 'comments.pdf', type: 'application/pdf', bytes: PDF },
      ]);
      expect(response.statusCode).toBe(422);
      expectLinkedSummary(response.body);
      expect(summaryOf(response.body)).toContain(
        'The file “reasons.pdf” for Draft new Recommendation ITU-T X.1353 (X.ztd-iot) is not a PDF',
      );
      expect(response.body).toContain('id="field-x1353-file-error"');
      expect(response.body).toContain('A file you chose could not be stored: choose it again');
      // The good file was stored and stays attached; the bad one must be chosen again.
      expect(unisolated(response.body)).toContain('Stored with this text: comments.pdf');
      expect(unisolated(response.body)).not.toContain('Stored with this text: reasons.pdf');
      expect(response.body).toContain('The security analysis is not mature.</textarea>');
      expect(await count(web(), 'reply_draft')).toBe(0);
    });

    it('refuses a file over the size limit (tooLarge) at its field', async () => {
      // An app whose limit is 1 kB.
      const small = await buildApp({
        ctx: { ...web().world.ctx, attachmentMaxBytes: 1024 },
        logger: false,
        rateLimitPerMinute: 0,
      });
      try {
        const page = await kim.get(FORM);
        const response = await postMultipart(
          small,
          kim,
          FORM,
          { ...hiddenFields(page.body, FORM), ...COMPLETE, action: 'review' },
          [
            {
              field: 'file-x1353',
              filename: 'big.pdf',
              type: 'application/pdf',
              bytes: Buffer.concat([PDF, Buffer.alloc(2048, 0x20)]),
            },
          ],
        );
        expect(response.statusCode).toBe(422);
        expect(summaryOf(response.body)).toContain(
          'The file “big.pdf” for Draft new Recommendation ITU-T X.1353 (X.ztd-iot) is larger than 1 kB: choose a smaller file',
        );
        expect(response.body).toContain('at most 1 kB');
        expect(await count(web(), 'reply_draft')).toBe(0);
        expect(await count(web(), 'attachment')).toBe(0);
      } finally {
        await small.close();
      }
    });

    it('refuses a form built on a reply that changed meanwhile (STALE_REPLY), re-showing it; the next review replaces the reply knowingly', async () => {
      const opened = await kim.get(FORM);
      expectSeeOther(await postForm(kim, 'review', { ...COMPLETE }, [], opened.body), REVIEW);
      const review = await kim.get(REVIEW);
      // Meanwhile, another tab (a program of the State) submits version 1.
      await submitReply(web().world.ctx, {
        actor: focalPoint('KR'),
        consultationId: ID,
        memberState: 'KR',
        input: replyInput(),
        channel: 'api',
      });
      const refused = await kim.post(SUBMIT, hiddenFields(review.body, SUBMIT));
      expect(refused.statusCode).toBe(409);
      expect(summaryOf(refused.body)).toContain(
        'Your State’s reply changed after this form was opened: version 1 was submitted by a program using the API',
      );
      expectLinkedSummary(refused.body);
      expect(refused.body).toContain('The security analysis is not mature.</textarea>');
      expect(hiddenFields(refused.body, FORM)).toMatchObject({ basedOnVersion: '1' });
      expect(await count(web(), 'reply_version')).toBe(1);

      expectSeeOther(await postForm(kim, 'review', {}, [], refused.body), REVIEW);
      const again = await kim.get(REVIEW);
      expectSeeOther(
        await kim.post(SUBMIT, hiddenFields(again.body, SUBMIT)),
        `${FORM}/receipt/2?notice=reply-submitted`,
      );
    });

    it('refuses a draft save over a colleague’s newer save, and a submission of a draft changed since its review', async () => {
      const lee = await person({ name: 'Lee Seo-yeon', memberState: 'KR' });
      const kimsForm = await kim.get(FORM);
      const leesForm = await lee.get(FORM);
      expectSeeOther(
        await postForm(lee, 'save', { 'comments-x1471': 'Lee was here' }, [], leesForm.body),
        `${FORM}?notice=draft-saved`,
      );
      const stale = await postForm(kim, 'save', { 'comments-x1471': 'Kim was here' }, [], kimsForm.body);
      expect(stale.statusCode).toBe(409);
      expect(summaryOf(stale.body)).toContain('Lee Seo-yeon saved this draft at');
      expect(stale.body).toContain('Kim was here</textarea>');
      expect(hiddenFields(stale.body, FORM)).toMatchObject({ draftRevision: '1' });
      // Saving again replaces Lee's draft knowingly.
      expectSeeOther(await postForm(kim, 'review', { ...COMPLETE }, [], stale.body), REVIEW);
      const review = await kim.get(REVIEW);
      expectSeeOther(await postForm(lee, 'save', { place: 'Seoul' }), `${FORM}?notice=draft-saved`);
      const refused = await kim.post(SUBMIT, hiddenFields(review.body, SUBMIT));
      expect(refused.statusCode).toBe(409);
      expect(summaryOf(refused.body)).toContain('The draft changed after you reviewed it');
      expect(await count(web(), 'reply_version')).toBe(0);
    });

    it('refuses every post after the deadline (DEADLINE_PASSED) on the closed form, saving nothing', async () => {
      // Forms opened ten minutes before the deadline, posted a millisecond after it.
      web().world.clock.set(Date.parse(DEADLINE) - 10 * 60_000);
      await signInAgain(kim);
      const opened = await kim.get(FORM);
      expectSeeOther(await postForm(kim, 'review', { ...COMPLETE }, [], opened.body), REVIEW);
      const review = await kim.get(REVIEW);
      await submitReply(web().world.ctx, {
        actor: focalPoint('KR'),
        consultationId: ID,
        memberState: 'KR',
        input: replyInput(),
        channel: 'api',
      });
      const amend = await kim.get(FORM);
      web().world.clock.set(Date.parse(DEADLINE) + 1);
      const drafts = await web().world.ctx.db.selectFrom('reply_draft').selectAll().execute();

      const late = [
        await postForm(kim, 'save', { ...COMPLETE }, [], opened.body),
        await kim.post(SUBMIT, hiddenFields(review.body, SUBMIT)),
        await kim.post(WITHDRAW, hiddenFields(amend.body, WITHDRAW)),
      ];
      for (const response of late) {
        expect(response.statusCode).toBe(422);
        expect(summaryOf(response.body)).toContain(
          'The deadline for replies passed at 2359 hours UTC on 16 August 2023: nothing was saved or sent',
        );
        expect(response.body).toContain('The form is closed');
        expectLinkedSummary(response.body);
      }
      expect(await count(web(), 'reply_version')).toBe(1);
      expect(await web().world.ctx.db.selectFrom('reply_draft').selectAll().execute()).toEqual(drafts);
    });

    it('answers a form without its version fields, or a forged token, without saving', async () => {
      const response = await postMultipart(web().app, kim, FORM, {
        _csrf: csrfOf((await kim.get(FORM)).body, FORM),
        action: 'save',
      });
      expect(response.statusCode).toBe(400);
      const forged = await postMultipart(web().app, kim, FORM, {
        _csrf: 'forged',
        basedOnVersion: '0',
        draftRevision: '0',
        action: 'save',
      });
      expect(forged.statusCode).toBe(403);
      expect(await count(web(), 'reply_draft')).toBe(0);
    });
  });

  describe('the comments table (issue #16 item 7)', () => {
    const ROW_OF_X1471 = {
      'table-0-clause-x1471': '6.2',
      'table-0-comment-x1471': 'The key length is not stated.',
      'table-0-change-x1471': 'State 256 bits.',
      // A row left empty between two: dropped, the rows closing up.
      'table-1-clause-x1471': '',
      'table-1-comment-x1471': '  ',
      'table-1-change-x1471': '',
      'table-2-clause-x1471': '',
      'table-2-comment-x1471': 'General: align the terms with X.1252.',
      'table-2-change-x1471': '',
    };

    it('is folded with no inputs; "Show rows to fill in" gives that text two rows, keeping what was typed and saving nothing', async () => {
      const form = await kim.get(FORM);
      expect(form.body).toContain('<details data-comment-table="x1353"><summary id="field-x1353-table">');
      expect(form.body).toContain('<button type="submit" name="rows" value="x1353" class="button button-secondary">');
      expect(form.body).not.toContain('name="table-0-clause-');
      const shown = await postMultipart(web().app, kim, FORM, {
        ...formValues(form.body, FORM),
        'reasons-x1353': 'Kept reasons',
        rows: 'x1353',
      });
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toMatch(/<details open(="")? data-comment-table="x1353">/);
      expect(shown.body).toMatch(/<input [^>]*id="field-x1353-table-0-clause"[^>]*autofocus/);
      expect(shown.body).toContain('name="table-1-change-x1353"');
      expect(shown.body).not.toContain('name="table-2-clause-x1353"');
      // The other texts' tables stay folded, and what was typed stays.
      expect(shown.body).not.toContain('name="table-0-clause-x1471"');
      expect(shown.body).toContain('Kept reasons</textarea>');
      expect(await count(web(), 'reply_draft')).toBe(0);
    });

    it('takes rows as the comments of a text: reviewed, submitted, on the receipt, and shown again to amend with two spare rows', async () => {
      expectSeeOther(await postForm(kim, 'review', { ...COMPLETE, 'comments-x1471': '', ...ROW_OF_X1471 }), REVIEW);
      const review = await kim.get(REVIEW);
      expect(review.body).toContain('<table class="rows rows-view">');
      expect(review.body).toContain('The key length is not stated.');
      expectSeeOther(
        await kim.post(SUBMIT, hiddenFields(review.body, SUBMIT)),
        `${FORM}/receipt/1?notice=reply-submitted`,
      );
      const [version] = (
        await web().world.ctx.db.selectFrom('reply_position').select('detail').where('text_id', '=', 'x1471').execute()
      ).map((row) => JSON.parse(row.detail));
      expect(version.commentTable).toEqual([
        { clause: '6.2', comment: 'The key length is not stated.', proposedChange: 'State 256 bits.' },
        { clause: null, comment: 'General: align the terms with X.1252.', proposedChange: null },
      ]);
      const receipt = await kim.get(`${FORM}/receipt/1`);
      expect(receipt.body).toContain('General: align the terms with X.1252.');
      const amend = await kim.get(FORM);
      expect(amend.body).toMatch(/<input [^>]*value="6.2"[^>]*name="table-0-clause-x1471"/);
      expect(amend.body).toMatch(/name="table-1-comment-x1471"[^>]*>General: align the terms with X.1252.<\/textarea>/);
      expect(amend.body).toContain('name="table-3-comment-x1471"');
      expect(amend.body).not.toContain('name="table-4-comment-x1471"');
    });

    it('points out a row without its comment at its cell, and rows under "no comments" at the table, keeping the rows', async () => {
      const response = await postForm(kim, 'review', {
        ...COMPLETE,
        'table-0-clause-x1471': '7.1',
        'table-0-comment-x1471': '',
        'table-0-change-x1471': 'Delete the note.',
        'table-0-comment-x1333-cor1': 'A stray row.',
      });
      expect(response.statusCode).toBe(422);
      expectLinkedSummary(response.body);
      const summary = summaryOf(response.body);
      expect(summary).toContain(
        'Row 1 of the comments on Draft new Recommendation ITU-T X.1471 (X.websec-7): write the comment, or empty the row',
      );
      expect(summary).toContain(
        'You selected “no comments or suggested changes” for Draft Corrigendum ITU-T X.1333 Cor.1: clear the comments',
      );
      expect(response.body).toContain('href="#field-x1471-table-0-comment"');
      expect(response.body).toContain('href="#field-x1333-cor1-table"');
      expect(response.body).toContain('id="field-x1471-table-0-comment-error"');
      expect(response.body).toMatch(/name="table-0-change-x1471"[^>]*>Delete the note.<\/textarea>/);
      expect(await count(web(), 'reply_draft')).toBe(0);
    });
  });

  describe('markup', () => {
    it('gives every reply page one <h1>, labelled inputs, a CSRF token in each form, unique ids, no inline script or style, and an error summary leading to fields', async () => {
      const visited: { url: string; html: string }[] = [];
      const visit = async (url: string) => visited.push({ url, html: (await kim.get(url)).body });
      await visit('/en/my');
      await visit(FORM);
      const errors = await postForm(kim, 'review', { 'comments-x1333-cor1': 'x' }, [
        { field: 'file-x1353', filename: 'x.pdf', type: 'application/pdf', bytes: EXE },
      ]);
      visited.push({ url: `${FORM} (errors)`, html: errors.body });
      const rows = await postMultipart(web().app, kim, FORM, { ...formValues(errors.body, FORM), rows: 'x1353' });
      expect(rows.body).toContain('name="table-1-change-x1353"');
      visited.push({ url: `${FORM} (comments table)`, html: rows.body });
      expectSeeOther(
        await postForm(kim, 'review', { ...COMPLETE }, [
          { field: 'file-x1353', filename: 'reasons.pdf', type: 'application/pdf', bytes: PDF },
        ]),
        REVIEW,
      );
      await visit(REVIEW);
      expectSeeOther(
        await kim.post(SUBMIT, hiddenFields(visited.at(-1)!.html, SUBMIT)),
        `${FORM}/receipt/1?notice=reply-submitted`,
      );
      await visit(`${FORM}/receipt/1`);
      await visit(HISTORY);
      await visit(FORM);
      for (const { url, html } of visited) {
        expect(html.startsWith('<!doctype html><html lang="en" dir="ltr">'), url).toBe(true);
        expect(html.match(/<h1[\s>]/g)?.length, url).toBe(1);
        expect(html.replace(/<script src="\/assets\/app\.[0-9a-f]{8}\.js" defer><\/script>/, ''), url).not.toMatch(
          /<script|<style|\sstyle=|\son[a-z]+=/i,
        );
        const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
        expect(
          ids.filter((id, i) => ids.indexOf(id) !== i),
          `${url}: duplicate ids`,
        ).toEqual([]);
        for (const input of [...(html.match(/<input [^>]*>/g) ?? []), ...(html.match(/<textarea [^>]*>/g) ?? [])]) {
          if (input.includes('type="hidden"')) continue;
          const id = /\sid="([^"]+)"/.exec(input)?.[1];
          expect(id, `${url}: ${input}`).toBeDefined();
          // A cell of the comments table is labelled by its column heading and its row number.
          const labelledBy = /aria-labelledby="([^"]+)"/.exec(input)?.[1]?.split(' ');
          if (labelledBy) for (const label of labelledBy) expect(html, `${url}: #${label}`).toContain(`id="${label}"`);
          else expect(html, `${url}: label of #${id}`).toContain(`<label for="${id}">`);
          for (const described of /aria-describedby="([^"]+)"/.exec(input)?.[1]?.split(' ') ?? [])
            expect(html, `${url}: #${described}`).toContain(`id="${described}"`);
        }
        for (const form of html.match(/<form [^>]*>[\s\S]*?<\/form>/g) ?? []) {
          expect(form, url).toMatch(/^<form method="post" action="\/en\//);
          expect(form, url).toMatch(/<input type="hidden" name="_csrf" value="[A-Za-z0-9_-]{43}"\/>/);
        }
      }
      expectLinkedSummary(errors.body);
    });
  });

  describe('weight', () => {
    it('keeps the form of a six-text circular, with an error at every text, under 60 KB of HTML and CSS (uncompressed)', async () => {
      const texts = ['X.1333 Cor.1', 'X.1353', 'X.1471', 'X.1645', 'X.1771', 'X.1817'].map((designation, i) => ({
        kind: i === 0 ? ('corrigendum' as const) : ('new' as const),
        designation,
        title: `A determined text with a title of ordinary length, number ${i + 1}`,
        ...(i > 0 && { summary: 'A summary.', workItem: `X.item-${i}` }),
        location: `R${33 + i}`,
      }));
      const id = await web().world.openConsultation({ number: 80, reference: 'TSB Circular 80', texts });
      const form = `/en/my/consultations/${id}/reply`;
      const page = await kim.get(form);
      // "Does not assign authority" without reasons on every text: a problem at each, and the signature's two.
      const choices = Object.fromEntries(
        [...new Set([...page.body.matchAll(/name="(position-[^"]+)"/g)].map((m) => m[1]!))].map((name) => [
          name,
          'does_not_assign_authority',
        ]),
      );
      expect(Object.keys(choices)).toHaveLength(6);
      const response = await postMultipart(web().app, kim, form, {
        ...hiddenFields(page.body, form),
        ...choices,
        action: 'review',
      });
      expect(response.statusCode).toBe(422);
      expect(response.body.match(/class="field-error"/g)?.length).toBe(8);
      const css = await kim.get('/assets/app.css');
      expect(Buffer.byteLength(response.body) + css.rawPayload.length).toBeLessThan(60 * 1024);
    });
  });

  describe('authorisation', () => {
    it("never shows or changes Korea's draft, reply, receipt or history to a focal point of France", async () => {
      // Korea: a submitted reply and a draft of an amendment.
      const opened = await kim.get(FORM);
      expectSeeOther(
        await postForm(
          kim,
          'review',
          { ...COMPLETE, 'reasons-x1353': 'KR secret reasons' },
          [{ field: 'file-x1353', filename: 'kr-reasons.pdf', type: 'application/pdf', bytes: PDF }],
          opened.body,
        ),
        REVIEW,
      );
      const review = await kim.get(REVIEW);
      expectSeeOther(
        await kim.post(SUBMIT, hiddenFields(review.body, SUBMIT)),
        `${FORM}/receipt/1?notice=reply-submitted`,
      );
      expectSeeOther(
        await postForm(kim, 'save', { 'comments-x1471': 'KR draft comments' }),
        `${FORM}?notice=draft-saved`,
      );
      const kept = hiddenFields((await kim.get(FORM)).body, FORM);

      const marie = await person({ name: 'Marie Dupont', memberState: 'FR' });
      const pages = [
        await marie.get('/en/my'),
        await marie.get(FORM),
        await marie.get(HISTORY),
        await marie.get(REVIEW),
      ];
      for (const page of pages) {
        expect(page.body).not.toContain('KR secret reasons');
        expect(page.body).not.toContain('KR draft comments');
        expect(page.body).not.toContain('kr-reasons.pdf');
        expect(page.body).not.toContain('Korea');
      }
      expect(pages[0]!.body).toContain('Replies of France');
      expect(pages[1]!.body).toContain('No reply yet');
      expect(pages[2]!.body).toContain('Your State has not replied to this consultation.');
      expect(pages[3]!.statusCode).toBe(303);
      expect((await marie.get(`${FORM}/receipt/1`)).statusCode).toBe(404);
      expect((await marie.get(`${FORM}/receipt/1/signed`)).statusCode).toBe(404);
      // A consultation that does not exist (or is not issued) is not found, as for anyone.
      expect((await marie.get('/en/my/consultations/no-such-consultation/reply')).statusCode).toBe(404);

      // Posting Korea's revision and file from France's session changes nothing of Korea's.
      const before = {
        versions: await count(web(), 'reply_version'),
        draft: await web().world.ctx.db.selectFrom('reply_draft').selectAll().execute(),
      };
      expect((await marie.post(SUBMIT, { _csrf: csrfOf(pages[1]!.body, FORM), draftRevision: '1' })).statusCode).toBe(
        409,
      );
      expect(
        (await marie.post(WITHDRAW, { _csrf: csrfOf(pages[1]!.body, FORM), basedOnVersion: '1' })).statusCode,
      ).toBe(409);
      expect((await marie.post(DISCARD, { _csrf: csrfOf(pages[1]!.body, FORM), draftRevision: '1' })).statusCode).toBe(
        409,
      );
      // Citing Korea's stored file is refused: it is not France's.
      const stolen = await postForm(marie, 'save', {
        'kept-x1353': kept['kept-x1353']!,
        'keptName-x1353': 'stolen.pdf',
        'position-x1353': 'does_not_assign_authority',
      });
      expect(stolen.statusCode).toBe(422);
      expect(summaryOf(stolen.body)).toContain('could not be found among your State’s files');
      expect(await count(web(), 'reply_version')).toBe(before.versions);
      expect(
        await web().world.ctx.db.selectFrom('reply_draft').where('member_state', '=', 'KR').selectAll().execute(),
      ).toEqual(before.draft);
    });

    it('refuses the secretariat and observers (FORBIDDEN), and sends a visitor to sign in', async () => {
      const staff = await person({ name: 'A TSB officer', role: 'secretariat_staff' });
      const observer = await person({ name: 'An observer', role: 'observer' });
      for (const browser of [staff, observer]) {
        for (const url of ['/en/my', FORM, REVIEW, HISTORY, `${FORM}/receipt/1`]) {
          const response = await browser.get(url);
          expect(response.statusCode, url).toBe(403);
          expect(response.body, url).toContain('<h1>');
        }
        const page = await browser.get('/en/account');
        expect(
          (
            await browser.post(SUBMIT, {
              _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!,
              draftRevision: '1',
            })
          ).statusCode,
        ).toBe(403);
      }
      const visitor = web().browser();
      // Sent to sign in, with the page to come back to.
      expect((await visitor.get('/en/my')).headers.location).toBe('/en/login?next=%2Fmy');
      expect((await visitor.get(FORM)).headers.location).toBe(
        `/en/login?next=${encodeURIComponent(FORM.replace(/^\/en/, ''))}`,
      );
    });
  });
});
