import { describe, expect, it } from 'vitest';
import type { AccountRole } from '../../src/db/database.js';
import { createApiToken } from '../../src/services/api-tokens.js';
import { issueConsultation } from '../../src/services/issue-consultation.js';
import { addText } from '../../src/services/manage-texts.js';
import { describeEachDialect } from '../helpers/databases.js';
import { consultationInput, SECRETARIAT } from '../helpers/world.js';
import { type Browser, csrfOf, decode, expectSeeOther, useWeb } from './web-harness.js';

/**
 * The circular form states the deadline as the circular does: a day, a time (HH:MM, UTC) and the
 * wording ("HHMM hours UTC" or "2400 hours UTC", the end of the day), and the day the meeting was
 * announced when that came before the circular. It hands the service the same input as the API,
 * so the same circular gets the same instant on both; pages print the deadline back as worded.
 */

/** The fields of a valid circular as the form posts it (Circular 80 of 2023, meeting 29 August). */
const CIRCULAR: Readonly<Record<string, string>> = {
  bureau: 'TSB',
  studyPeriod: '2022-2024',
  number: '80',
  date: '2023-03-28',
  reference: 'TSB Circular 80',
  studyGroup: 'SG17',
  subject: 'Member State consultation on determined draft Recommendation X.1999',
  meetingPlace: 'Geneva, Switzerland',
  meetingFirstDay: '2023-08-29',
  meetingLastDay: '2023-09-08',
  collectiveLetter: 'Collective letter 6/17',
  announcedOn: '',
  deadlineDay: '2023-08-16',
  deadlineWording: 'hhmm',
  deadlineTime: '23:59',
  addressees: 'Administrations of Member States of the Union',
  copies: 'ITU-T Sector Members',
  notes: 'TSB NOTE 1 – No A.5 justification.',
  signatoryName: 'Seizo Onoe',
  signatoryTitle: 'Director of the Telecommunication Standardization Bureau',
  languagesAvailableOn: '',
  resolutionEdition: 'Rev. Geneva, 2022',
  eligibleStates: '',
};
const NEW = (lang: string) => `/${lang}/secretariat/consultations/new`;
const PAGE = (id: string) => `/en/secretariat/consultations/${id}`;

/** The text of a page, tags stripped, for sentences that cross elements. */
const plain = (html: string) => decode(html.replace(/<[^>]+>/g, ''));

describeEachDialect('deadlines and the announcement on the pages', (dialect) => {
  const web = useWeb(dialect);

  async function signedIn(role: AccountRole = 'secretariat_admin'): Promise<Browser> {
    const { invitationPath } = await web().invite({ role });
    const browser = web().browser();
    await web().enrol(browser, invitationPath);
    return browser;
  }

  const createCircular = (browser: Browser, fields: Record<string, string> = {}, lang = 'en') =>
    browser.submit(NEW(lang), NEW(lang), { ...CIRCULAR, ...fields });

  const storedDeadline = async (id: string) => {
    const row = await web()
      .world.ctx.db.selectFrom('consultation')
      .select(['deadline_at', 'deadline_wording', 'announced_on'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return {
      at: new Date(Number(row.deadline_at)).toISOString(),
      wording: row.deadline_wording,
      announced: row.announced_on,
    };
  };

  /** Creates a circular through the API, as a client states it. */
  async function createThroughApi(overrides: Parameters<typeof consultationInput>[0]) {
    const { secret } = await createApiToken(web().world.ctx, { actor: SECRETARIAT, role: 'secretariat', label: 'TSB' });
    const response = await web().app.inject({
      method: 'POST',
      url: '/api/v1/consultations',
      headers: { authorization: `Bearer ${secret}` },
      payload: consultationInput({ texts: [], ...overrides }),
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  }

  describe('the same circular gets the same instant through the API and through the page', () => {
    it('2359 hours UTC on 16 August 2023: …T23:59Z to the API, 2023-08-16 and 23:59 on the page', async () => {
      const admin = await signedIn();
      expectSeeOther(await createCircular(admin), `${PAGE('tsb-80-2023')}?notice=sec-created`);
      const viaApi = await createThroughApi({
        number: 81,
        reference: 'TSB Circular 81',
        deadline: '2023-08-16T23:59Z',
      });
      expect(await storedDeadline('tsb-80-2023')).toEqual({
        at: '2023-08-16T23:59:59.999Z',
        wording: 'hhmm',
        announced: null,
      });
      expect(await storedDeadline(viaApi)).toEqual(await storedDeadline('tsb-80-2023'));
    });

    it('2400 hours UTC on 16 August 2023: the wording chosen on both, the time on the page not needed', async () => {
      const admin = await signedIn();
      expectSeeOther(
        await createCircular(admin, { deadlineWording: '2400', deadlineTime: '' }),
        `${PAGE('tsb-80-2023')}?notice=sec-created`,
      );
      const viaApi = await createThroughApi({
        number: 81,
        reference: 'TSB Circular 81',
        deadline: '2023-08-16T23:59Z',
        deadlineWording: '2400',
      });
      expect(await storedDeadline('tsb-80-2023')).toEqual({
        at: '2023-08-16T23:59:59.999Z',
        wording: '2400',
        announced: null,
      });
      expect(await storedDeadline(viaApi)).toEqual(await storedDeadline('tsb-80-2023'));
    });
  });

  describe('the form', () => {
    it('offers the two wordings and the announcement day, and shows the stored choice again', async () => {
      const admin = await signedIn();
      const blank = await admin.get(NEW('en'));
      expect(blank.body).toMatch(/<legend>How the circular words the deadline<\/legend>/);
      expect(blank.body).toMatch(/id="field-deadlineWording" name="deadlineWording" value="hhmm" checked/);
      expect(decode(blank.body)).toContain('2400 hours UTC (end of day)');
      expect(blank.body).toContain('id="field-announcedOn"');
      expect(decode(blank.body)).toContain('Leave empty when this circular is the announcement');
      await createCircular(admin, { deadlineWording: '2400', announcedOn: '2023-03-01' });
      const page = await admin.get(PAGE('tsb-80-2023'));
      expect(page.body).toMatch(/name="deadlineWording" value="2400" checked/);
      expect(page.body).toMatch(/value="2023-03-01"[^>]*id="field-announcedOn"/);
    });

    it('runs the announcement rule from the announcement day typed, and says so next to the dates', async () => {
      const admin = await signedIn();
      // A circular of 1 June for a meeting on 29 August: less than 3 months, unless announced earlier.
      await createCircular(admin, { date: '2023-06-01', announcedOn: '2023-05-15' });
      const page = await admin.get(PAGE('tsb-80-2023'));
      expect(plain(page.body)).toContain(
        'Meets the rule: The announcement (15 May 2023), before the circular, comes at least 3 months before the meeting (29 August 2023)',
      );
      expect(page.body).not.toContain('The dates break');
    });

    it('places the problems of the announcement and the wording in the error summary and at their fields, and saves nothing', async () => {
      const admin = await signedIn();
      const response = await createCircular(admin, { announcedOn: '2023-04-01', deadlineWording: 'noon' });
      expect(response.statusCode).toBe(400);
      const html = decode(response.body);
      expect(html).toContain(
        '<a href="#field-announcedOn">The announcement must come on or before the date of the circular, and before the first day of the meeting</a>',
      );
      expect(html).toContain('<a href="#field-deadlineWording">Choose how the circular words the deadline</a>');
      expect(response.body).toMatch(/id="field-announcedOn"[^>]*aria-invalid="true"/);
      expect(response.body).toContain('id="field-deadlineWording-error"');
      const notADay = await createCircular(admin, { announcedOn: '2023-02-30' });
      expect(decode(notADay.body)).toContain('<a href="#field-announcedOn">Enter “Day the meeting was announced');
      expect(await web().world.ctx.db.selectFrom('consultation').select('id').execute()).toEqual([]);
    });

    it('says the problems in the reader’s language, chosen by their code', async () => {
      const admin = await signedIn();
      const response = await createCircular(admin, { announcedOn: '2023-04-01' }, 'fr');
      expect(response.statusCode).toBe(400);
      expect(decode(response.body)).toContain(
        '<a href="#field-announcedOn">L’annonce doit dater au plus tard du jour de la circulaire et précéder le premier jour de la réunion</a>',
      );
    });
  });

  describe('the deadline printed as the circular words it', () => {
    it('prints "2400 hours UTC" on the secretariat’s and the public pages when so chosen', async () => {
      const admin = await signedIn();
      await createCircular(admin, { deadlineWording: '2400', announcedOn: '2023-03-01' });
      const list = await admin.get('/en/secretariat');
      expect(list.body).toContain('2400 hours UTC on 16 August 2023</time>');
      const preview = await admin.get(`${PAGE('tsb-80-2023')}/preview`);
      expect(plain(preview.body)).toContain('2400 hours UTC on 16 August 2023');
      // Issued, the circular's page lists its facts, with the announcement.
      const { ctx } = web().world;
      await addText(ctx, {
        actor: SECRETARIAT,
        consultationId: 'tsb-80-2023',
        input: {
          kind: 'new',
          designation: 'X.1999',
          title: 'A test Recommendation',
          summary: 'What it does.',
          location: 'R40',
        },
      });
      await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: 'tsb-80-2023' });
      const circular = plain((await admin.get(PAGE('tsb-80-2023'))).body);
      expect(circular).toContain('Meeting announced on1 March 2023');
      expect(circular).toContain('Deadline for replies2400 hours UTC on 16 August 2023');
      const page = await web().browser().get('/fr/consultations/tsb-80-2023');
      expect(plain(page.body)).toContain('16 août 2023 à 24\u00a0h\u00a000 UTC');
    });

    it('keeps "HHMM hours UTC" for every other deadline', async () => {
      const admin = await signedIn();
      await createCircular(admin, { deadlineTime: '12:00' });
      expect((await admin.get('/en/secretariat')).body).toContain('1200 hours UTC on 16 August 2023</time>');
      const page = await admin.get(PAGE('tsb-80-2023'));
      expect(page.body).toContain('value="12:00"');
      expect(csrfOf(page.body, PAGE('tsb-80-2023'))).not.toBe('');
    });
  });
});
