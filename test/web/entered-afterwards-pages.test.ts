import { describe, expect, it } from 'vitest';
import { circularContent } from '../../src/documents/circular.js';
import { computeResults } from '../../src/services/compute-results.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { getConsultation } from '../../src/services/get-consultation.js';
import { issueConsultation } from '../../src/services/issue-consultation.js';
import { addText } from '../../src/services/manage-texts.js';
import { recordDecision } from '../../src/services/record-decision.js';
import { describeEachDialect } from '../helpers/databases.js';
import { consultationInput, SECRETARIAT } from '../helpers/world.js';
import { type Browser, decode, expectSeeOther, formOf, useWeb } from './web-harness.js';

/** The fields of Circular 79 of 2023 as the new circular's form posts them (deadline 16 August, meeting 29 August). */
const CIRCULAR: Readonly<Record<string, string>> = {
  bureau: 'TSB',
  studyPeriod: '2022-2024',
  number: '79',
  date: '2023-03-28',
  reference: 'TSB Circular 79',
  studyGroup: 'SG17',
  subject: 'Member State consultation on determined draft Recommendations',
  meetingPlace: 'Goyang, Korea',
  meetingFirstDay: '2023-08-29',
  meetingLastDay: '2023-09-08',
  collectiveLetter: 'Collective letter 5/17',
  announcedOn: '',
  deadlineDay: '2023-08-16',
  deadlineWording: 'hhmm',
  deadlineTime: '23:59',
  addressees: 'Administrations of Member States of the Union',
  copies: 'ITU-T Sector Members',
  notes: '',
  signatoryName: 'Seizo Onoe',
  signatoryTitle: 'Director of the Telecommunication Standardization Bureau',
  languagesAvailableOn: '',
  resolutionEdition: 'Rev. Geneva, 2022',
  eligibleStates: '',
};
const NEW = (lang: string) => `/${lang}/secretariat/consultations/new`;

const ID = 'tsb-79-2023';

describeEachDialect('pages of a past consultation entered afterwards', (dialect) => {
  const web = useWeb(dialect);

  const readable = (html: string) => decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

  it('say on the consultation and its results that it was entered afterwards, in the reader’s language', async () => {
    const { ctx, clock } = web().world;
    clock.set('2024-06-03T09:00:00Z');
    await createConsultation(ctx, {
      actor: SECRETARIAT,
      input: consultationInput({ enteredAfterwards: { issuedAt: '2023-03-28T10:00Z' } }),
    });
    await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
    const page = readable((await web().browser().get(`/en/consultations/${ID}`)).body);
    expect(page).toContain('Entered afterwards on 3 June 2024 from the records of the secretariat');
    const results = readable((await web().browser().get(`/en/consultations/${ID}/results`)).body);
    expect(results).toContain('Entered afterwards on 3 June 2024 from the records of the secretariat');
    const french = readable((await web().browser().get(`/fr/consultations/${ID}`)).body);
    expect(french).toContain('Saisie après coup le 3 juin 2024');
  });

  it('say it on the secretariat circular page too', async () => {
    const { ctx, clock } = web().world;
    clock.set('2024-06-03T09:00:00Z');
    await createConsultation(ctx, {
      actor: SECRETARIAT,
      input: consultationInput({ enteredAfterwards: { issuedAt: '2023-03-28T10:00Z' } }),
    });
    const { invitationPath } = await web().invite({ role: 'secretariat_staff' });
    const staff = web().browser();
    await web().enrol(staff, invitationPath);
    const draft = readable((await staff.get(`/en/secretariat/consultations/${ID}`)).body);
    expect(draft).toContain('Entered afterwards on 3 June 2024 from the records of the secretariat');
  });

  it('and so does the circular as a document, in each language', async () => {
    const { ctx, clock } = web().world;
    clock.set('2024-06-03T09:00:00Z');
    await createConsultation(ctx, {
      actor: SECRETARIAT,
      input: consultationInput({ enteredAfterwards: { issuedAt: '2023-03-28T10:00Z' } }),
    });
    await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
    const { loaded } = await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
    const marks = (locale: 'en' | 'fr') =>
      circularContent(locale, { consultation: loaded.consultation, texts: loaded.texts })
        .blocks.filter((b) => b.type === 'mark')
        .map((b) => (b as { text: string }).text);
    expect(marks('en')).toContain('Entered afterwards on 3 June 2024 from the records of the secretariat');
    expect(marks('fr').join(' ')).toContain('Saisie après coup le 3 juin 2024');
  });

  it('say nothing of the kind on a consultation run live', async () => {
    await web().world.openConsultation();
    const page = readable((await web().browser().get(`/en/consultations/${ID}`)).body);
    expect(page).not.toContain('Entered afterwards');
  });

  async function staff(): Promise<Browser> {
    const { invitationPath } = await web().invite({ role: 'secretariat_staff' });
    const browser = web().browser();
    await web().enrol(browser, invitationPath);
    return browser;
  }

  /** The jobs queued for the consultation (e-mail and results), without the audit's own nor the staff's invitation. */
  const jobKinds = async () =>
    (await web().world.ctx.db.selectFrom('job').select('kind').execute())
      .map((j) => j.kind)
      .filter((k) => k !== 'audit-checkpoint' && k !== 'invitation');

  describe('the new circular’s page enters a past circular as a record', () => {
    it('offers the choice with the instant it was issued, and says what a record means', async () => {
      const browser = await staff();
      const blank = decode((await browser.get(NEW('en'))).body);
      expect(blank).toMatch(/type="checkbox" id="field-enteredAfterwards" name="enteredAfterwards" value="yes"/);
      expect(blank).not.toMatch(/id="field-enteredAfterwards"[^>]*checked/);
      expect(blank).toContain('This is a past circular, entered as a record');
      expect(blank).toContain('nothing is sent to anyone');
      expect(blank).toContain('id="field-issuedDay"');
      expect(blank).toContain('id="field-issuedTime"');
      expect(blank).not.toContain('id="record-chosen"');
      const french = decode((await browser.get(NEW('fr'))).body);
      expect(french).toContain('Il s’agit d’une circulaire passée, saisie après coup d’après les archives');
    });

    it('stores it as typed, marked entered afterwards, and issuing it sends nothing', async () => {
      const { clock, ctx } = web().world;
      clock.set('2024-06-03T09:00:00Z');
      const browser = await staff();
      const created = await browser.submit(NEW('en'), NEW('en'), {
        ...CIRCULAR,
        enteredAfterwards: 'yes',
        issuedDay: '2023-03-28',
        issuedTime: '10:00',
      });
      expectSeeOther(created, `/en/secretariat/consultations/${ID}?notice=sec-created`);
      const { loaded } = await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(loaded.consultation).toMatchObject({
        reference: 'TSB Circular 79',
        deadlineAt: Date.parse('2023-08-16T23:59:59.999Z'),
        meeting: { firstDay: '2023-08-29', lastDay: '2023-09-08' },
        enteredAfterwardsAt: Date.parse('2024-06-03T09:00:00Z'),
        recordedIssuedAt: Date.parse('2023-03-28T10:00:00Z'),
        issuedAt: null,
      });
      const draft = readable((await browser.get(`/en/secretariat/consultations/${ID}`)).body);
      expect(draft).toContain('Entered afterwards on 3 June 2024 from the records of the secretariat');
      // A draft's own form does not offer the choice again: a circular is a record from its creation.
      expect((await browser.get(`/en/secretariat/consultations/${ID}`)).body).not.toContain('field-enteredAfterwards');

      // The time left empty is the start of the day.
      await browser.submit(NEW('en'), NEW('en'), {
        ...CIRCULAR,
        number: '78',
        reference: 'TSB Circular 78',
        enteredAfterwards: 'yes',
        issuedDay: '2023-03-29',
        issuedTime: '',
      });
      const other = await getConsultation(ctx, { actor: SECRETARIAT, consultationId: 'tsb-78-2023' });
      expect(other.loaded.consultation.recordedIssuedAt).toBe(Date.parse('2023-03-29T00:00:00Z'));

      // Issued once it has its text: dated from the records, and nothing queued to send.
      await addText(ctx, {
        actor: SECRETARIAT,
        consultationId: ID,
        input: { kind: 'corrigendum', designation: 'X.1333 Cor.1', title: 'Remote access tools', location: 'R34' },
      });
      // The issue page says nothing will be sent, and so does the page after issuing.
      const PREVIEW = `/en/secretariat/consultations/${ID}/preview`;
      const preview = readable((await browser.get(PREVIEW)).body);
      expect(preview).toContain('entered as a record: once issued it is dated from the records');
      expect(preview).not.toContain('the focal points are e-mailed');
      const sent = await browser.submit(PREVIEW, `/en/secretariat/consultations/${ID}/issue`, {});
      expectSeeOther(sent, `/en/secretariat/consultations/${ID}?notice=sec-recorded`);
      const after = readable((await browser.get(`/en/secretariat/consultations/${ID}?notice=sec-recorded`)).body);
      expect(after).toContain('The circular was entered as a record, dated from the records. Nothing was sent.');
      const { loaded: issued } = await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(issued.consultation.issuedAt).toBe(Date.parse('2023-03-28T10:00:00Z'));
      expect(await jobKinds()).toEqual([]);
    });

    it('refuses an issue after the deadline or before the circular, or none, at the field, keeping what was typed', async () => {
      web().world.clock.set('2024-06-03T09:00:00Z');
      const browser = await staff();
      const post = (fields: Record<string, string>) =>
        browser.submit(NEW('en'), NEW('en'), { ...CIRCULAR, enteredAfterwards: 'yes', ...fields });

      const late = await post({ issuedDay: '2023-08-17', issuedTime: '08:00' });
      expect(late.statusCode).toBe(400);
      const lateBody = decode(late.body);
      expect(lateBody).toContain(
        '<a href="#field-issuedDay">The circular must have been issued before its deadline for replies</a>',
      );
      expect(lateBody).toMatch(/value="2023-08-17"[^>]*id="field-issuedDay"/);
      expect(lateBody).toMatch(/value="08:00"[^>]*id="field-issuedTime"/);
      expect(lateBody).toMatch(/id="field-enteredAfterwards"[^>]*checked/);
      // The page says plainly what a record means once it is chosen.
      expect(readable(late.body)).toContain(
        'This circular is entered as a record of a past circular: nothing will be sent to anyone',
      );

      const early = decode((await post({ issuedDay: '2023-03-27', issuedTime: '' })).body);
      expect(early).toContain(
        '<a href="#field-issuedDay">The circular cannot have been issued before its date (28 March 2023)</a>',
      );

      const future = decode((await post({ issuedDay: '2024-06-04', issuedTime: '' })).body);
      expect(future).toContain('<a href="#field-issuedDay">A past circular has already been issued');

      const none = await post({ issuedDay: '', issuedTime: '' });
      expect(none.statusCode).toBe(400);
      expect(decode(none.body)).toContain('<a href="#field-issuedDay">Enter the day the past circular was issued</a>');

      const badTime = decode((await post({ issuedDay: '2023-03-28', issuedTime: '25:00' })).body);
      expect(badTime).toContain('<a href="#field-issuedTime">Enter the time the circular was issued in UTC');

      const spanish = decode(
        (await browser.submit(NEW('es'), NEW('es'), { ...CIRCULAR, enteredAfterwards: 'yes', issuedDay: '2023-08-17' }))
          .body,
      );
      expect(spanish).toContain('La circular debe haberse publicado antes de que venza su plazo de respuesta');

      expect(await web().world.ctx.db.selectFrom('consultation').select('id').execute()).toEqual([]);
    });

    it('still refuses a past deadline for a circular that is not a record, whatever issue day is typed', async () => {
      web().world.clock.set('2024-06-03T09:00:00Z');
      const browser = await staff();
      const refused = await browser.submit(NEW('en'), NEW('en'), { ...CIRCULAR, issuedDay: '2023-03-28' });
      expect(refused.statusCode).toBe(400);
      expect(decode(refused.body)).toContain(
        '<a href="#field-deadlineDay">The deadline has already passed: choose a deadline in the future</a>',
      );
      expect(refused.body).not.toContain('id="record-chosen"');
      expect(await web().world.ctx.db.selectFrom('consultation').select('id').execute()).toEqual([]);
    });
  });

  describe('the results notice of a record', () => {
    const NOTICE = `/en/secretariat/consultations/${ID}/notice`;
    const DECISIONS = `/en/secretariat/consultations/${ID}/decisions`;

    /** Circular 79 entered afterwards and issued, each text the meeting could consider decided. */
    async function decidedRecord(enteredAfterwards = true) {
      const { ctx, clock } = web().world;
      clock.set('2024-06-03T09:00:00Z');
      if (enteredAfterwards)
        await createConsultation(ctx, {
          actor: SECRETARIAT,
          input: consultationInput({ enteredAfterwards: { issuedAt: '2023-03-28T10:00Z' } }),
        });
      else {
        clock.set('2023-03-28T10:00:00Z');
        await createConsultation(ctx, { actor: SECRETARIAT, input: consultationInput() });
      }
      await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
      clock.set('2024-06-03T09:00:00Z');
      const results = await computeResults(ctx, { actor: SECRETARIAT, consultationId: ID });
      for (const { text, tally } of results.texts)
        if (tally.outcome === 'may_proceed')
          await recordDecision(ctx, { actor: SECRETARIAT, consultationId: ID, textId: text.id, input: {} });
    }

    it('asks the day it was issued, refuses a day before the meeting ended or in the future at the field, and sends nothing', async () => {
      await decidedRecord();
      const browser = await staff();
      const page = decode((await browser.get(DECISIONS)).body);
      const form = formOf(page, NOTICE);
      expect(form).toContain('id="field-issuedOn"');
      expect(form).toContain('Day the notice was issued (UTC)');
      expect(form).toContain('Record the results notice of this past consultation? Nothing is sent');

      const early = await browser.submit(DECISIONS, NOTICE, { issuedOn: '2023-09-07' });
      expect(early.statusCode).toBe(400);
      const earlyBody = decode(early.body);
      expect(earlyBody).toContain(
        '<a href="#field-issuedOn">The results notice cannot be dated before the meeting ended (8 September 2023)</a>',
      );
      expect(earlyBody).toMatch(/value="2023-09-07"[^>]*id="field-issuedOn"/);
      const future = decode((await browser.submit(DECISIONS, NOTICE, { issuedOn: '2024-06-04' })).body);
      expect(future).toContain('<a href="#field-issuedOn">The results notice cannot be dated in the future</a>');
      const notADay = decode((await browser.submit(DECISIONS, NOTICE, { issuedOn: '2023-02-30' })).body);
      expect(notADay).toContain('<a href="#field-issuedOn">Enter the day the notice was issued as a real day');
      const russian = decode(
        (
          await browser.submit(DECISIONS.replace('/en/', '/ru/'), NOTICE.replace('/en/', '/ru/'), {
            issuedOn: '2024-06-04',
          })
        ).body,
      );
      expect(russian).toContain('Уведомление о результатах не может быть датировано будущим числом');

      const issued = await browser.submit(DECISIONS, NOTICE, { issuedOn: '2023-09-20' });
      expectSeeOther(issued, `/en/secretariat/consultations/${ID}/results?notice=outcome-notice-recorded`);
      const after = readable((await browser.get(String(issued.headers.location))).body);
      expect(after).toContain('The results notice was recorded with its day from the records. Nothing was sent.');
      const { loaded } = await getConsultation(web().world.ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(loaded.consultation.resultsNoticeAt).toBe(Date.parse('2023-09-20T00:00:00Z'));
      expect(await jobKinds()).toEqual([]);
    });

    it('is not asked of a consultation run live, whose notice is issued now', async () => {
      await decidedRecord(false);
      const browser = await staff();
      const form = formOf((await browser.get(DECISIONS)).body, NOTICE);
      expect(form).not.toContain('field-issuedOn');
      // A day posted anyway is refused at the field, nothing issued.
      const refused = await browser.submit(DECISIONS, NOTICE, { issuedOn: '2023-09-20' });
      expect(refused.statusCode).toBe(400);
      expect(decode(refused.body)).toContain(
        'Only a consultation entered afterwards takes the day of its results notice',
      );
      const { loaded } = await getConsultation(web().world.ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(loaded.consultation.resultsNoticeAt).toBeNull();
    });
  });
});
