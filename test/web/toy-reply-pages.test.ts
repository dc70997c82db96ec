import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerProcedure } from '../../src/procedures/registry.js';
import { getStateReply } from '../../src/services/read-replies.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { TOY_LATE_BALLOT, TOY_PROCEDURE } from '../engine/toy-procedure.js';
import { describeEachDialect } from '../helpers/databases.js';
import { DEADLINE, focalPoint } from '../helpers/world.js';
import { decode, expectSeeOther, formOf, hiddenFields, postMultipart, useWeb, type Browser } from './web-harness.js';

/**
 * The focal point's reply pages of a consultation run under the toy procedure
 * (test/engine/toy-procedure.ts, registered from the test folder): the form shows the toy's
 * choices in the toy's words and none of TAP's, a missing choice is said in the toy's words, and
 * a ballot posted through the page is reviewed, submitted and stored in the toy's kinds.
 */

/** The radios of a form: `name=value` of each. */
function radios(html: string): string[] {
  return [...html.matchAll(/<input type="radio" id="([^"]+)" name="([^"]+)" value="([^"]+)"/g)].map(
    ([, id, name, value]) => `${id} ${name}=${value}`,
  );
}

/** TAP's words and kinds, in English: none may appear on a toy consultation's reply pages. */
const TAP_WORDS = [
  'assigns_authority',
  'does_not_assign_authority',
  'no_comments',
  'comments_attached',
  'assign authority',
  'assigns authority',
  'No comments or suggested changes',
  'Reasons for this opinion',
  'Select one of the two boxes',
  'Unclear',
];

describe('the reply pages of a toy-procedure consultation', () => {
  let unregister: () => void = () => {};
  let unregisterLate: () => void = () => {};
  beforeAll(() => {
    unregister = registerProcedure(TOY_PROCEDURE);
    unregisterLate = registerProcedure(TOY_LATE_BALLOT);
  });
  afterAll(() => {
    unregister();
    unregisterLate();
  });

  describeEachDialect('reply pages', (dialect) => {
    const web = useWeb(dialect);
    let id: string;
    let kim: Browser;
    const form = () => `/en/my/consultations/${id}/reply`;

    beforeEach(async () => {
      id = await web().world.openConsultation({ procedure: 'toy-majority', resolutionEdition: '2026' });
      const { invitationPath } = await web().invite({ name: 'Kim Min-jun', memberState: 'KR' });
      kim = web().browser();
      await web().enrol(kim, invitationPath);
    });

    it('shows the toy’s one step on its circular page, in each language, and none of TAP’s', async () => {
      // The toy's catalogue names no instrument: its table's English name, with the clause as the page's language numbers it.
      for (const [locale, ballot, cited] of [
        ['en', 'Ballot', 'Toy rules (2026) §1'],
        ['fr', 'Scrutin', 'Toy rules (2026), §\u00a01'],
        ['ar', 'الاقتراع', 'Toy rules (2026)، الفقرة 1'],
      ] as const) {
        const page = await web().browser().get(`/${locale}/consultations/${id}`);
        expect(page.statusCode).toBe(200);
        const steps = page.body.split('id="phases-title">')[1]!.split('</section>')[0]!;
        expect(steps.match(/<li /g)).toHaveLength(1);
        expect(steps).toMatch(new RegExp(`aria-current="step">\\s*<strong>${ballot}</strong>`));
        expect(steps).toContain(cited);
      }
      const en = (await web().browser().get(`/en/consultations/${id}`)).body;
      for (const words of ['Study group meeting', 'Results notified', '§9.']) expect(en).not.toContain(words);
    });

    it('shows the toy’s choices and words, and none of TAP’s', async () => {
      const page = await kim.get(form());
      expect(page.statusCode).toBe(200);
      const html = formOf(page.body, form());
      expect(html).toContain('Yes, SG17 may adopt this text');
      expect(html).toContain('>No</label>');
      expect(html).toContain('Why (optional)');
      // The core's hint, as the toy has none of its own; no file block, as the toy takes no attachments.
      expect(html).toContain('Select one of the choices.');
      expect(html).not.toContain('type="file"');
      expect(radios(html).filter((r) => r.includes('x1353'))).toEqual([
        'field-x1353-position position-x1353=yes',
        'field-x1353-position-choice-no position-x1353=no',
      ]);
      // The free text of each choice is a field of the form, under its choice.
      expect(html).toContain('name="comments-x1353"');
      expect(html).toContain('name="reasons-x1353"');
      expect(html).not.toContain('name="option-x1353"');
      expect(html).not.toContain('name="changes-x1353"');
      for (const words of TAP_WORDS) expect(page.body, words).not.toContain(words);
    });

    it('says a missing choice in the toy’s words, then takes a ballot through the page and stores it', async () => {
      const opened = await kim.get(form());
      const base = {
        ...hiddenFields(opened.body, form()),
        signatoryName: 'Kim Min-jun',
        signatoryTitle: 'Director',
        action: 'review',
      };
      // X.1353 left without a choice, and a kind the toy does not have for X.1471: both asked for again.
      const missing = await postMultipart(web().app, kim, form(), {
        ...base,
        'position-x1471': 'assigns_authority',
        'position-x1333-cor1': 'yes',
      });
      expect(missing.statusCode).toBe(422);
      expect(decode(missing.body)).toContain('Vote yes or no on Draft new Recommendation ITU-T X.1353');
      expect(decode(missing.body)).toContain('Vote yes or no on Draft new Recommendation ITU-T X.1471');
      expect(missing.body).toContain('href="#field-x1353-position"');

      const reviewed = await postMultipart(web().app, kim, form(), {
        ...base,
        'position-x1333-cor1': 'yes',
        'position-x1353': 'no',
        'reasons-x1353': 'Not ready.',
        'position-x1471': 'yes',
      });
      expectSeeOther(reviewed, `${form()}/review`);
      const review = await kim.get(`${form()}/review`);
      expect(review.statusCode).toBe(200);
      expect(review.body).toContain('Voted yes');
      expect(review.body).toContain('Voted no');
      for (const words of TAP_WORDS) expect(review.body, words).not.toContain(words);

      const submitted = await kim.post(`${form()}/submit`, hiddenFields(review.body, `${form()}/submit`));
      expectSeeOther(submitted, `${form()}/receipt/1?notice=reply-submitted`);
      const receipt = await kim.get(`${form()}/receipt/1`);
      expect(receipt.statusCode).toBe(200);
      expect(receipt.body).toContain('Voted no');

      const stored = await web()
        .world.ctx.db.selectFrom('reply_position')
        .select(['text_id', 'position'])
        .where('consultation_id', '=', id)
        .orderBy('text_id')
        .execute();
      expect(stored).toEqual([
        { text_id: 'x1333-cor1', position: 'yes' },
        { text_id: 'x1353', position: 'no' },
        { text_id: 'x1471', position: 'yes' },
      ]);
      const reply = await getStateReply(web().world.ctx, {
        actor: focalPoint('KR'),
        consultationId: id,
        memberState: 'KR',
      });
      expect(reply.versions.at(-1)?.positions.find((p) => p.text === 'x1353')).toMatchObject({
        position: 'no',
        option: null,
        reasons: 'Not ready.',
      });
    });

    it('refuses a reply posted before the phase that takes replies, on the closed page in its words, saving nothing', async () => {
      const late = await web().world.openConsultation({
        procedure: 'toy-late-ballot',
        resolutionEdition: '2026',
        number: 80,
        reference: 'TSB Circular 80',
      });
      const lateForm = `/en/my/consultations/${late}/reply`;
      // The form is not offered before the ballot opens: the page says from when, with the clause.
      const opened = await kim.get(lateForm);
      expect(opened.statusCode).toBe(200);
      expect(opened.body).toContain('The form is not open yet');
      expect(decode(opened.body)).toContain('Replies to this consultation are taken from');
      expect(opened.body).toContain('<time datetime="2023-04-04T08:00:00.000Z"');
      expect(decode(opened.body)).toContain('(Toy rules (2026) §1)');
      expect(opened.body).not.toContain('name="position-x1353"');
      // "My replies" says the same, with no button to a form that is not open.
      const my = await kim.get('/en/my');
      const card = my.body.split(`id="consultation-${late}"`)[1]!.split('</article>')[0]!;
      expect(decode(card)).toContain('The form opens for replies on');
      expect(card).toContain('<time datetime="2023-04-04T08:00:00.000Z"');
      expect(card).not.toContain(`href="${lateForm}"`);
      // The circular's page is open (the consultation runs) and says from when replies are taken,
      // to the focal point and to a visitor alike, with no button to the form nor to sign in yet.
      for (const reader of [kim, web().browser('198.51.100.77')]) {
        const page = await reader.get(`/en/consultations/${late}`);
        expect(page.statusCode).toBe(200);
        const actions = decode(/<section aria-labelledby="actions-title"[\s\S]*?<\/section>/.exec(page.body)![0]);
        expect(actions).toContain('Replies to this consultation are taken from');
        expect(actions).toContain('<time datetime="2023-04-04T08:00:00.000Z"');
        expect(actions).toContain('(Toy rules (2026) §1)');
        expect(actions).not.toContain(`href="${lateForm}"`);
        expect(actions).not.toContain('/login');
        expect(actions).not.toContain('The deadline has passed');
        // Its status says so, with no countdown to a deadline whose replies have not begun.
        expect(decode(page.body)).toContain('Replies not open yet');
        expect(page.body).not.toContain('data-countdown=');
      }
      // A post made anyway (a form kept open from before) is refused the same way, saving nothing.
      const form = await kim.get(`/en/my/consultations/${id}/reply`);
      const posted = await postMultipart(web().app, kim, lateForm, {
        ...hiddenFields(form.body, `/en/my/consultations/${id}/reply`),
        signatoryName: 'Kim Min-jun',
        signatoryTitle: 'Director',
        action: 'review',
        'position-x1333-cor1': 'yes',
        'position-x1353': 'yes',
        'position-x1471': 'yes',
      });
      expect(posted.statusCode).toBe(409);
      expect(decode(posted.body)).toContain('This consultation does not take replies at this stage');
      const drafts = await web()
        .world.ctx.db.selectFrom('reply_draft')
        .select('member_state')
        .where('consultation_id', '=', late)
        .execute();
      expect(drafts).toEqual([]);
    });

    it("shows the secretariat's results page in the toy's words after the ballot, with no meeting to decide", async () => {
      await submitReply(web().world.ctx, {
        actor: focalPoint('KR'),
        consultationId: id,
        memberState: 'KR',
        input: {
          positions: [
            { text: 'x1353', position: 'yes' },
            { text: 'x1471', position: 'no' },
          ],
          signatory: { name: 'A. Official', title: 'Head of delegation' },
        },
        channel: 'api',
      });
      web().world.clock.set(Date.parse(DEADLINE) + 1);
      const { invitationPath } = await web().invite({ role: 'secretariat_admin' });
      const tsb = web().browser();
      await web().enrol(tsb, invitationPath);
      const page = await tsb.get(`/en/secretariat/consultations/${id}/results`);
      expect(page.statusCode, page.body).toBe(200);
      const text = decode(page.body.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
      expect(text).toContain('Passes');
      expect(text).toContain('1 of 1 votes are yes: a majority.');
      expect(text).toContain('0 of 1 votes are yes: no majority.');
      expect(text).not.toMatch(/decisions\.tally|meeting may|supporting repl/);
      for (const words of TAP_WORDS) expect(page.body, words).not.toContain(words);
    });
  });
});
