import { describe, expect, it } from 'vitest';
import type { AccountRole } from '../../src/db/database.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { updateConsultation } from '../../src/services/update-consultation.js';
import { describeEachDialect } from '../helpers/databases.js';
import { consultationInput, focalPoint, replyInput, SECRETARIAT } from '../helpers/world.js';
import { readXlsx } from '../helpers/xlsx.js';
import { csrfOf, decode, expectSeeOther, useWeb, type Browser } from './web-harness.js';

/** The fields of a valid circular as the form posts them (Circular 80 of 2023, meeting 29 August). */
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
  deadlineDay: '2023-08-16',
  deadlineTime: '23:59',
  addressees: 'Administrations of Member States of the Union',
  copies: 'ITU-T Sector Members\nITU Academia',
  notes: 'TSB NOTE 1 – No A.5 justification.\n\nTSB NOTE 2 – No IPR statement.',
  signatoryName: 'Seizo Onoe',
  signatoryTitle: 'Director of the Telecommunication Standardization Bureau',
  languagesAvailableOn: '',
  resolutionEdition: 'Rev. Geneva, 2022',
  eligibleStates: '',
};
const ID = 'tsb-80-2023';
const NEW = '/en/secretariat/consultations/new';
const PAGE = `/en/secretariat/consultations/${ID}`;
const TEXT = {
  designation: 'X.1999',
  kind: 'new',
  workItem: 'X.test',
  title: 'A test Recommendation',
  summary: 'What it does.',
  location: 'R40',
  order: '',
};

/** The text of a page, tags stripped, for sentences that cross elements. */
const plain = (html: string) => decode(html.replace(/<[^>]+>/g, ''));

/** Every form of a page that posts to `action`. */
const formsTo = (html: string, action: string) =>
  [...html.matchAll(/<form[^>]*>[\s\S]*?<\/form>/g)]
    .map((m) => m[0])
    .filter((form) => form.includes(`action="${action}"`));

/** The revision a page's circular form carries. */
const revisionOf = (html: string) => /name="revision" value="(\d+)"/.exec(html)![1]!;

describeEachDialect('secretariat pages', (dialect) => {
  const web = useWeb(dialect);

  /** A browser signed in (second factor given) with an account of `role`. */
  async function signedIn(role: AccountRole, memberState?: string): Promise<Browser> {
    const { invitationPath } = await web().invite({ role, ...(memberState !== undefined && { memberState }) });
    const browser = web().browser();
    await web().enrol(browser, invitationPath);
    return browser;
  }

  /** Creates circular 80 through the form; returns the browser's next page. */
  async function createCircular(browser: Browser, fields: Record<string, string> = {}) {
    return browser.submit(NEW, NEW, { ...CIRCULAR, ...fields });
  }

  const consultations = () =>
    web().world.ctx.db.selectFrom('consultation').select(['id', 'subject', 'revision', 'issued_at']).execute();
  const texts = () =>
    web()
      .world.ctx.db.selectFrom('determined_text')
      .select(['id', 'designation', 'title'])
      .where('consultation_id', '=', ID)
      .orderBy('ord')
      .execute();

  describe('who may open them', () => {
    it('sends the public to sign in, from every page', async () => {
      const visitor = web().browser();
      for (const path of [
        '/en/secretariat',
        NEW,
        '/en/secretariat/accounts',
        '/en/secretariat/audit',
        '/en/secretariat/audit/verify',
      ]) {
        const response = await visitor.get(path);
        expect(response.statusCode, path).toBe(303);
        expect(String(response.headers.location), path).toMatch(/^\/(en\/)?login/);
      }
    });

    it('answers focal points and observers with the 403 page, on reading and on posting', async () => {
      await web().world.openConsultation();
      for (const browser of [await signedIn('focal_point', 'KR'), await signedIn('observer')]) {
        for (const path of [
          '/en/secretariat',
          NEW,
          '/en/secretariat/consultations/tsb-79-2023',
          '/en/secretariat/accounts',
          '/en/secretariat/audit',
        ]) {
          const response = await browser.get(path);
          expect(response.statusCode, path).toBe(403);
          expect(response.body).toContain('You cannot use this page');
        }
        const account = await browser.get('/account');
        const token = csrfOf(account.body, '/account/tokens');
        expect((await browser.post(NEW, { _csrf: token, ...CIRCULAR })).statusCode).toBe(403);
        expect(
          (
            await browser.post('/en/secretariat/accounts/invitations', {
              _csrf: token,
              email: 'x@y.test',
              name: 'X',
              role: 'observer',
            })
          ).statusCode,
        ).toBe(403);
      }
      expect(await consultations()).toHaveLength(1);
    });

    it('lets staff run circulars and read the audit trail, and keeps accounts for administrators', async () => {
      const staff = await signedIn('secretariat_staff');
      expect((await staff.get('/en/secretariat')).statusCode).toBe(200);
      expect((await staff.get(NEW)).statusCode).toBe(200);
      expect((await staff.get('/en/secretariat/audit')).statusCode).toBe(200);
      const refused = await staff.get('/en/secretariat/accounts');
      expect(refused.statusCode).toBe(403);
      expect((await staff.get('/en/secretariat')).body).not.toContain('href="/en/secretariat/accounts"');

      const admin = await signedIn('secretariat_admin');
      const accounts = await admin.get('/en/secretariat/accounts');
      expect(accounts.statusCode).toBe(200);
      expect(accounts.body).toContain('<h1>Accounts</h1>');
      expect((await admin.get('/en/secretariat')).body).toContain('href="/en/secretariat/accounts"');
    });
  });

  describe('the circulars', () => {
    it('lists drafts, open and closed circulars with deadline, replies received and links', async () => {
      await web().world.openConsultation();
      await createConsultation(web().world.ctx, {
        actor: SECRETARIAT,
        input: consultationInput({ number: 81, reference: 'TSB Circular 81', texts: [] }),
      });
      for (const state of ['KR', 'FR'])
        await submitReply(web().world.ctx, {
          actor: focalPoint(state),
          consultationId: 'tsb-79-2023',
          memberState: state,
          input: replyInput(),
          channel: 'api',
        });
      const admin = await signedIn('secretariat_admin');
      const page = await admin.get('/en/secretariat');
      expect(page.statusCode).toBe(200);
      const html = page.body;
      expect(html).toContain('<a class="button" href="/en/secretariat/consultations/new">New circular</a>');
      const drafts = html.slice(html.indexOf('id="group-draft"'), html.indexOf('id="group-open"'));
      const open = html.slice(html.indexOf('id="group-open"'), html.indexOf('id="group-closed"'));
      expect(drafts).toContain('TSB Circular 81');
      expect(drafts).toContain('href="/en/secretariat/consultations/tsb-81-2023/preview"');
      expect(open).toContain('TSB Circular 79');
      expect(open).toContain(
        '<time datetime="2023-08-16T23:59:59.999Z" data-local data-local-label="your time: ">2359 hours UTC on 16 August 2023</time></td><td>2</td>',
      );
      expect(open).toContain('href="/en/secretariat/consultations/tsb-79-2023/replies"');
      expect(html).toContain('No circulars are waiting for the meeting’s decisions.');
    });
  });

  describe('a new circular', () => {
    it('creates a draft from every field, then shows it with its timing checks citing their clauses', async () => {
      const admin = await signedIn('secretariat_admin');
      const blank = await admin.get(NEW);
      expect(blank.body).toContain('value="TSB"');
      expect(blank.body).toContain('The timing rules are checked once');
      expectSeeOther(await createCircular(admin), `${PAGE}?notice=sec-created`);
      const [stored] = await consultations();
      expect(stored).toMatchObject({ id: ID, subject: CIRCULAR.subject, issued_at: null });

      const page = await admin.get(`${PAGE}?notice=sec-created`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('The draft circular was created.');
      expect(page.body).toContain('<h1>TSB Circular 80 (draft)</h1>');
      expect(page.body).toContain('value="Collective letter 6/17"');
      expect(page.body).toMatch(
        /<textarea[^>]*name="notes"[^>]*>TSB NOTE 1 – No A.5 justification.\n\nTSB NOTE 2 – No IPR statement.<\/textarea>/,
      );
      // §9.4.1: 16 August leaves 7 working days before 29 August; the latest is the end of 17 August.
      expect(plain(page.body)).toContain(
        'Meets the rule: The deadline (16 August 2023) leaves 7 working days before the meeting: the latest deadline allowed is the end of 17 August 2023 (WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.1).',
      );
      expect(page.body).toMatch(/id="field-deadlineDay"[^>]*aria-describedby="field-deadlineDay-hint timing-deadline"/);
    });

    it('warns next to the dates when a rule is broken, and saves all the same (warnings never block)', async () => {
      const admin = await signedIn('secretariat_admin');
      // A meeting on 1 June is less than 3 months after a circular of 28 March (§9.3.3).
      const fields = { meetingFirstDay: '2023-06-01', meetingLastDay: '2023-06-09', deadlineDay: '2023-05-15' };
      expectSeeOther(await createCircular(admin, fields), `${PAGE}?notice=sec-created`);
      const page = await admin.get(PAGE);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('The dates break 1 timing rule.');
      expect(plain(page.body)).toContain(
        'Warning: The circular (28 March 2023) comes less than 3 months before the meeting (1 June 2023): the meeting should start on 28 June 2023 or later (WTSA Resolution 1 (Rev. Geneva, 2022) §9.3.3).',
      );
      expect(page.body).toMatch(
        /id="field-meetingFirstDay"[^>]*aria-describedby="field-meetingFirstDay-hint timing-announcement"/,
      );
      // The same warning on a form sent back for another reason, computed from what was typed.
      const bounced = await createCircular(admin, { ...fields, number: '81', reference: '' });
      expect(bounced.statusCode).toBe(400);
      expect(bounced.body).toContain('comes less than 3 months before the meeting');
    });

    it('re-renders with every problem at its field, keeps what was typed, and saves nothing', async () => {
      const admin = await signedIn('secretariat_admin');
      const response = await createCircular(admin, {
        reference: '',
        number: 'eighty',
        date: '2023-02-30',
        subject: '   ',
        deadlineTime: '24:00',
        signatoryName: '',
        eligibleStates: 'KR XX',
      });
      expect(response.statusCode).toBe(400);
      const html = decode(response.body);
      expect(html).toContain('<title>Error: New circular – Assent</title>');
      expect(html).toContain(
        '<a href="#field-reference">Enter the reference of the circular, such as TSB Circular 79</a>',
      );
      expect(html).toContain(
        '<a href="#field-number">Enter the number of the circular as a whole number from 1 to 100000, such as 79</a>',
      );
      expect(html).toContain(
        '<a href="#field-date">Enter “Date of the circular” as a real day written year-month-day, such as 2023-08-29</a>',
      );
      expect(html).toContain('<a href="#field-subject">Enter the subject of the circular</a>');
      expect(html).toContain(
        '<a href="#field-deadlineTime">Enter the time of the deadline in UTC as hours and minutes, such as 23:59</a>',
      );
      expect(html).toContain('<a href="#field-signatoryName">Enter the name of the person who signs the circular</a>');
      expect(html).toContain('<a href="#field-eligibleStates">These are not codes of Member States: XX.');
      expect(response.body).toMatch(
        /id="field-number"[^>]*aria-describedby="field-number-hint field-number-error"[^>]*aria-invalid="true"/,
      );
      expect(response.body).toContain('value="eighty"');
      expect(response.body).toContain('value="Geneva, Switzerland"');
      expect(await consultations()).toHaveLength(0);
    });

    it('refuses a deadline in the past and a deadline on or after the first day of the meeting, citing §9.4.1', async () => {
      const admin = await signedIn('secretariat_admin');
      const past = await createCircular(admin, { deadlineDay: '2023-03-27' });
      expect(past.statusCode).toBe(400);
      expect(decode(past.body)).toContain(
        '<a href="#field-deadlineDay">The deadline has already passed: choose a deadline in the future</a>',
      );
      const late = await createCircular(admin, { deadlineDay: '2023-08-29' });
      expect(late.statusCode).toBe(400);
      expect(decode(late.body)).toContain(
        '<a href="#field-deadlineDay">The deadline must fall before the first day of the meeting (WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.1)</a>',
      );
      const order = await createCircular(admin, { meetingLastDay: '2023-08-28' });
      expect(decode(order.body)).toContain(
        '<a href="#field-meetingLastDay">The last day of the meeting cannot come before its first day</a>',
      );
      expect(await consultations()).toHaveLength(0);
    });

    it('shows what people typed as text, never as markup', async () => {
      const admin = await signedIn('secretariat_admin');
      const payload = '<script>alert(1)</script>';
      await createCircular(admin, { subject: payload, reference: `TSB Circular 80 <img src=x onerror=alert(2)>` });
      for (const path of ['/en/secretariat', PAGE, `${PAGE}/preview`, '/en/secretariat/audit']) {
        const page = await admin.get(path);
        expect(page.statusCode, path).toBe(200);
        expect(page.body, path).not.toContain('<script>alert');
        expect(page.body, path).not.toMatch(/<img src=x/i);
      }
      expect((await admin.get(PAGE)).body).toContain('&lt;script>alert(1)&lt;/script></textarea>');
    });

    it('answers a NUL character in a field, a path or a filter with a 4xx, never a 5xx', async () => {
      const admin = await signedIn('secretariat_admin');
      expect((await createCircular(admin, { subject: 'A\u0000B' })).statusCode).toBe(400);
      expect((await admin.get('/en/secretariat/consultations/a%00b')).statusCode).toBe(400);
      expect((await admin.get('/en/secretariat/audit?consultation=%00')).statusCode).toBe(400);
      expect(
        (
          await admin.submit('/en/secretariat/accounts', '/en/secretariat/accounts/invitations', {
            email: 'a\u0000@b.test',
            name: 'X',
            role: 'observer',
          })
        ).statusCode,
      ).toBe(400);
      expect(await consultations()).toHaveLength(0);
    });

    it('says so when the number is taken', async () => {
      const admin = await signedIn('secretariat_admin');
      await createCircular(admin);
      const again = await createCircular(admin, { subject: 'Another subject' });
      expect(again.statusCode).toBe(409);
      expect(decode(again.body)).toContain(
        '<a href="#field-number">There is already a circular TSB 80 of 2023: check the bureau, the number and the date</a>',
      );
    });
  });

  describe('editing a draft', () => {
    it('saves every field with the revision it was opened at', async () => {
      const admin = await signedIn('secretariat_admin');
      await createCircular(admin);
      const page = await admin.get(PAGE);
      const response = await admin.post(PAGE, {
        _csrf: csrfOf(page.body, PAGE),
        ...CIRCULAR,
        revision: revisionOf(page.body),
        subject: 'A better subject',
        deadlineDay: '2023-08-22',
        individualRepliesPublic: 'yes',
        eligibleStates: 'kr fr',
      });
      expectSeeOther(response, `${PAGE}?notice=sec-saved`);
      const after = await admin.get(`${PAGE}?notice=sec-saved`);
      expect(after.body).toContain('The draft circular was saved.');
      expect(after.body).toContain('>A better subject</textarea>');
      expect(after.body).toContain('value="KR FR"');
      expect(after.body).toMatch(
        /id="field-individualRepliesPublic" name="individualRepliesPublic" value="yes" checked/,
      );
      // 22 August is later than the end of 17 August: a warning, next to the deadline and summarised at the top.
      expect(plain(after.body)).toContain(
        'Warning: The deadline (22 August 2023) is later than the end of 17 August 2023: it must leave 7 working days before the meeting (WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.1).',
      );
      expect(after.body).toContain('The dates break 1 timing rule.');
    });

    it('refuses a stale form (saved meanwhile in another tab) with a clear message, keeping what was typed', async () => {
      const admin = await signedIn('secretariat_admin');
      await createCircular(admin);
      const tab1 = await admin.get(PAGE);
      const tab2 = await admin.get(PAGE);
      expectSeeOther(
        await admin.post(PAGE, {
          _csrf: csrfOf(tab1.body, PAGE),
          ...CIRCULAR,
          revision: revisionOf(tab1.body),
          subject: 'Saved in tab 1',
        }),
        `${PAGE}?notice=sec-saved`,
      );
      const stale = await admin.post(PAGE, {
        _csrf: csrfOf(tab2.body, PAGE),
        ...CIRCULAR,
        revision: revisionOf(tab2.body),
        subject: 'Typed in tab 2',
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain(
        'Someone else saved this circular after you opened it. Your changes were not saved.',
      );
      expect(stale.body).toContain('Typed in tab 2');
      expect(Number(revisionOf(stale.body))).toBeGreaterThan(Number(revisionOf(tab2.body)));
      expect((await consultations())[0]!.subject).toBe('Saved in tab 1');
    });

    it('refuses to change an issued circular or its texts, saying why', async () => {
      await web().world.openConsultation();
      const admin = await signedIn('secretariat_admin');
      const path = '/en/secretariat/consultations/tsb-79-2023';
      const page = await admin.get(path);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('name="revision"');
      const token = csrfOf((await admin.get('/account')).body, '/account/tokens');
      const edit = await admin.post(path, {
        _csrf: token,
        ...CIRCULAR,
        reference: 'TSB Circular 79',
        number: '79',
        revision: '1',
      });
      expect(edit.statusCode).toBe(409);
      expect(decode(edit.body)).toContain(
        'TSB Circular 79 has been issued: the circular and its texts can no longer be changed (WTSA Resolution 1 (Rev. Geneva, 2022) §9.3.1). Nothing was saved.',
      );
      expect((await admin.post(`${path}/texts/new`, { _csrf: token, ...TEXT })).statusCode).toBe(409);
      expect((await admin.get(`${path}/texts/x1353`)).statusCode).toBe(409);
      expect((await admin.post(`${path}/texts/x1353/remove`, { _csrf: token, confirm: 'yes' })).statusCode).toBe(409);
      expect((await admin.post(`${path}/issue`, { _csrf: token })).statusCode).toBe(409);
      expectSeeOther(await admin.get(`${path}/preview`), path);
    });
  });

  describe('texts of a draft', () => {
    it('keeps the web address of a text, refuses one that is not http or https at its field, and links it once issued', async () => {
      const admin = await signedIn('secretariat_admin');
      await createCircular(admin);
      const NEW_TEXT = `${PAGE}/texts/new`;
      const refused = await admin.submit(NEW_TEXT, NEW_TEXT, { ...TEXT, locationUrl: 'javascript:alert(1)' });
      expect(refused.statusCode).toBe(400);
      expect(decode(refused.body)).toContain(
        '<a href="#field-locationUrl">Enter a web address that starts with https:// or http://, without spaces</a>',
      );
      expect(refused.body).toContain('value="javascript:alert(1)"');
      expect(await texts()).toEqual([]);
      const url = 'https://www.itu.int/md/T22-SG17-R-0040/en';
      expectSeeOther(
        await admin.submit(NEW_TEXT, NEW_TEXT, { ...TEXT, locationUrl: url }),
        `${PAGE}?notice=sec-text-added`,
      );
      expect(decode((await admin.get(`${PAGE}/texts/x1999`)).body)).toContain(`value="${url}"`);
      // Issued: the circular's page links the document where Member States read it.
      const ready = await admin.get(`${PAGE}/preview`);
      await admin.post(`${PAGE}/issue`, {
        _csrf: csrfOf(ready.body, `${PAGE}/issue`),
        revision: /name="revision" value="(\d+)"/.exec(ready.body)![1]!,
      });
      const pub = decode((await admin.get('/en/consultations/tsb-80-2023')).body);
      expect(pub).toContain(`<a href="${url}">Document <bdi dir="ltr">R40</bdi></a>`);
    });

    it('adds, changes and removes texts (removal asks first), and refuses a duplicate designation', async () => {
      const admin = await signedIn('secretariat_admin');
      await createCircular(admin);
      const NEW_TEXT = `${PAGE}/texts/new`;
      expectSeeOther(await admin.submit(NEW_TEXT, NEW_TEXT, TEXT), `${PAGE}?notice=sec-text-added`);
      expectSeeOther(
        await admin.submit(NEW_TEXT, NEW_TEXT, {
          ...TEXT,
          designation: 'X.1999 Cor.1',
          kind: 'corrigendum',
          summary: '',
          title: 'A corrigendum',
        }),
        `${PAGE}?notice=sec-text-added`,
      );
      expect(await texts()).toEqual([
        { id: 'x1999', designation: 'X.1999', title: 'A test Recommendation' },
        { id: 'x1999-cor1', designation: 'X.1999 Cor.1', title: 'A corrigendum' },
      ]);

      const duplicate = await admin.submit(NEW_TEXT, NEW_TEXT, { ...TEXT, title: 'Again' });
      expect(duplicate.statusCode).toBe(400);
      expect(duplicate.body).toContain(
        '<a href="#field-designation">Another text of this circular is already designated X.1999: each text has its own designation</a>',
      );
      expect(duplicate.body).toContain('>Again</textarea>');
      const missing = await admin.submit(NEW_TEXT, NEW_TEXT, {
        designation: '',
        kind: '',
        title: '',
        location: '',
        order: 'first',
      });
      expect(missing.statusCode).toBe(400);
      for (const link of [
        '#field-designation">Enter the designation',
        '#field-kind">Choose the kind of text',
        '#field-title">Enter the title',
        '#field-location">Enter the location',
        '#field-order">Enter the number in Annex 1',
      ])
        expect(missing.body).toContain(`<a href="${link}`);
      expect(await texts()).toHaveLength(2);

      const EDIT = `${PAGE}/texts/x1999`;
      const editPage = await admin.get(EDIT);
      expect(editPage.body).toContain('<h1>X.1999 in TSB Circular 80</h1>');
      expectSeeOther(
        await admin.submit(EDIT, EDIT, { ...TEXT, title: 'A better title' }),
        `${PAGE}?notice=sec-text-saved`,
      );
      const clash = await admin.submit(EDIT, EDIT, { ...TEXT, designation: 'X.1999 Cor.1' });
      expect(clash.statusCode).toBe(400);
      expect(decode(clash.body)).toContain('Another text of this circular is already designated X.1999 Cor.1');

      const REMOVE = `${PAGE}/texts/x1999-cor1/remove`;
      const ask = await admin.submit(`${PAGE}/texts/x1999-cor1`, REMOVE, {});
      expect(ask.statusCode).toBe(200);
      expect(ask.body).toContain('<h1>Remove X.1999 Cor.1?</h1>');
      expect(await texts()).toHaveLength(2);
      expectSeeOther(
        await admin.post(REMOVE, { _csrf: csrfOf(ask.body, REMOVE), confirm: 'yes' }),
        `${PAGE}?notice=sec-text-removed`,
      );
      expect(await texts()).toEqual([{ id: 'x1999', designation: 'X.1999', title: 'A better title' }]);
      expect((await admin.get(`${PAGE}/texts/x1999-cor1`)).statusCode).toBe(404);
    });
  });

  describe('preview and issue', () => {
    it('lists what blocks issuing, refuses an incomplete circular, and issues it once complete', async () => {
      const admin = await signedIn('secretariat_admin');
      await createCircular(admin);
      const PREVIEW = `${PAGE}/preview`;
      const ISSUE = `${PAGE}/issue`;
      const empty = await admin.get(PREVIEW);
      expect(empty.body).toContain('Add at least one text: a circular lists at least one determined text.');
      await admin.submit(`${PAGE}/texts/new`, `${PAGE}/texts/new`, { ...TEXT, summary: '' });

      const preview = await admin.get(PREVIEW);
      expect(preview.statusCode).toBe(200);
      expect(decode(preview.body)).toContain(
        'Give the summary of X.1999 (WTSA Resolution 1 (Rev. Geneva, 2022) §9.3.4).',
      );
      expect(preview.body).toContain('Member States are kindly requested to reply by');
      expect(preview.body).toContain('data-confirm="Issue TSB Circular 80 now?');
      const refused = await admin.post(ISSUE, {
        _csrf: csrfOf(preview.body, ISSUE),
        revision: /name="revision" value="(\d+)"/.exec(preview.body)![1]!,
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('The circular was not issued: it is not complete yet.');
      expect(decode(refused.body)).toContain('Give the summary of X.1999');
      expect((await consultations())[0]!.issued_at).toBeNull();

      await admin.submit(`${PAGE}/texts/x1999`, `${PAGE}/texts/x1999`, TEXT);
      const ready = await admin.get(PREVIEW);
      expect(ready.body).toContain('Nothing stops this circular from being issued.');
      expect(ready.body).toContain('What it does.');
      // The e-mails issuing sends, as they will read: the request to focal points, with the reply
      // form's address, and the observers' copy; in French on the French page.
      const mails = decode(ready.body.split('id="mails-title">')[1]!.split('</section>')[0]!);
      const toFocalPoints = mails.split('id="mail-focal_point"')[1]!.split('</details>')[0]!;
      expect(toFocalPoints).toContain('To the focal points of the consulted Member States');
      expect(toFocalPoints).toContain('TSB Circular 80: Member State consultation, replies due');
      expect(toFocalPoints).toContain(
        'Reply for your State on Assent (sign in first): http://localhost:80/en/my/consultations/tsb-80-2023/reply',
      );
      expect(toFocalPoints).toContain('X.1999');
      const toObservers = mails.split('id="mail-observer"')[1]!.split('</details>')[0]!;
      expect(toObservers).toContain('For information');
      expect(toObservers).not.toContain('/reply');
      // Later: the receipt of a reply and the first reminder, for an example State.
      const receipt = mails.split('id="mail-receipt"')[1]!.split('</details>')[0]!;
      expect(receipt).toContain('The receipt of a reply, to the State’s contacts');
      expect(receipt).toContain('[Member State]');
      expect(receipt).toContain('[the SHA-256 of the reply]');
      expect(receipt).toContain('X.1999');
      const reminder = mails.split('id="mail-reminder"')[1]!.split('</details>')[0]!;
      expect(reminder).toContain('The first reminder, 30 days before the deadline');
      expect(reminder).toContain('/en/my/consultations/tsb-80-2023/reply');
      const french = decode((await admin.get(PREVIEW.replace('/en/', '/fr/'))).body);
      expect(french).toContain('Les courriers électroniques de cette circulaire');
      expect(french).toContain('[État Membre]');
      expect(french).toContain('/fr/my/consultations/tsb-80-2023/reply');
      expectSeeOther(
        await admin.post(ISSUE, {
          _csrf: csrfOf(ready.body, ISSUE),
          revision: /name="revision" value="(\d+)"/.exec(ready.body)![1]!,
        }),
        `${PAGE}?notice=sec-issued`,
      );
      const issued = await admin.get(`${PAGE}?notice=sec-issued`);
      expect(issued.body).toContain('The circular was issued.');
      expect(issued.body).toContain('Open for replies');
      // Once issued, the circular's steps: replies now, then the meeting and the notice.
      const steps = decode(issued.body.split('id="phases-title">')[1]!.split('</section>')[0]!);
      expect(steps).toMatch(/aria-current="step">\s*<strong>Consultation of Member States<\/strong>/);
      expect(steps).toContain('<strong>Study group meeting</strong>');
      expect(steps).toContain('<strong>Results notified</strong>');
      expect(issued.body).toContain(`href="${PAGE}/replies"`);
      expect((await consultations())[0]!.issued_at).not.toBeNull();
    });

    it('does not issue from a preview that is out of date', async () => {
      const admin = await signedIn('secretariat_admin');
      await createCircular(admin);
      await admin.submit(`${PAGE}/texts/new`, `${PAGE}/texts/new`, TEXT);
      const preview = await admin.get(`${PAGE}/preview`);
      await updateConsultation(web().world.ctx, {
        actor: SECRETARIAT,
        consultationId: ID,
        patch: { subject: 'Changed meanwhile' },
      });
      const stale = await admin.post(`${PAGE}/issue`, {
        _csrf: csrfOf(preview.body, `${PAGE}/issue`),
        revision: /name="revision" value="(\d+)"/.exec(preview.body)![1]!,
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain('The circular was changed after you opened this preview, so it was not issued.');
      expect(stale.body).toContain('Changed meanwhile');
      expect((await consultations())[0]!.issued_at).toBeNull();
    });
  });

  describe('accounts and invitations', () => {
    const ACCOUNTS = '/en/secretariat/accounts';
    const INVITE = '/en/secretariat/accounts/invitations';

    it('finds accounts by name, e-mail, Member State or role, whatever the case and the accents', async () => {
      await web().invite({
        role: 'focal_point',
        memberState: 'CI',
        name: 'Aïcha Koné',
        email: 'a.kone@telecom.ci.test',
      });
      await web().invite({
        role: 'focal_point',
        memberState: 'FR',
        name: 'Jean Martin',
        email: 'j.martin@finances.fr.test',
      });
      const admin = await signedIn('secretariat_admin');
      const found = async (q: string) => {
        const page = decode((await admin.get(`${ACCOUNTS}?q=${encodeURIComponent(q)}`)).body);
        // The search stays in its field.
        expect(page).toContain(`value="${q}" class="input" id="field-q" name="q"`);
        return [...page.matchAll(/<span dir="ltr" class="sec-email">([^<]+)<\/span>/g)].map((m) => m[1]);
      };
      expect(await found('aicha')).toEqual(['a.kone@telecom.ci.test']);
      expect(await found('KONE telecom')).toEqual(['a.kone@telecom.ci.test']);
      expect(await found('france')).toEqual(['j.martin@finances.fr.test']);
      expect(await found('nobody-at-all')).toEqual([]);
      const none = decode((await admin.get(`${ACCOUNTS}?q=nobody-at-all`)).body);
      expect(none).toMatch(/No account matches of \d+\. <a href="\/en\/secretariat\/accounts">Show every account<\/a>/);
      // Without a search, every account, and no count line.
      const all = decode((await admin.get(ACCOUNTS)).body);
      expect(all).not.toContain('id="accounts-shown"');
      expect([...all.matchAll(/class="sec-email"/g)].length).toBeGreaterThanOrEqual(3);
    });

    it('invites a focal point: the e-mail is queued, its link is never on a page', async () => {
      const admin = await signedIn('secretariat_admin');
      const form = await admin.get(ACCOUNTS);
      expect(form.body).toMatch(/<option value="KR">Korea \(Republic of\)<\/option>/);
      const response = await admin.post(INVITE, {
        _csrf: csrfOf(form.body, INVITE),
        email: 'Lee@Msit.kr.test',
        name: 'Lee Ji-eun',
        role: 'focal_point',
        memberState: 'KR',
        rank: 'primary',
        language: 'en',
      });
      expect(response.statusCode).toBe(303);
      const location = String(response.headers.location);
      expect(location).toMatch(/^\/en\/secretariat\/accounts\?invited=/);
      const after = await admin.get(location);
      expect(after.body).toContain('An invitation e-mail to Lee Ji-eun (lee@msit.kr.test) is queued for sending.');
      expect(after.body).not.toContain('/invitations/');
      expect(after.body).toContain('Focal point (primary)');
      expect(after.body).toContain('Invited: has not chosen a password yet');
      const jobs = await web()
        .world.ctx.db.selectFrom('job')
        .select(['id', 'kind'])
        .where('kind', '=', 'invitation')
        .execute();
      expect(jobs.length).toBeGreaterThanOrEqual(2);
    });

    it('refuses bad input, an address already in use, and a focal point without a State', async () => {
      const admin = await signedIn('secretariat_admin');
      const bad = await admin.submit(ACCOUNTS, INVITE, { email: 'not-an-address', name: '', role: '' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('<a href="#field-email">Enter an e-mail address in the right format');
      expect(bad.body).toContain('<a href="#field-name">Enter the full name of the person to invite</a>');
      expect(bad.body).toContain('<a href="#field-role">Choose the role of the person</a>');
      expect(bad.body).toContain('value="not-an-address"');

      const stateless = await admin.submit(ACCOUNTS, INVITE, {
        email: 'fp@gov.fr.test',
        name: 'A focal point',
        role: 'focal_point',
        memberState: '',
      });
      expect(stateless.body).toContain('<a href="#field-memberState">Choose the Member State of the focal point</a>');

      const existing = (await web().world.ctx.db.selectFrom('account').select('email').execute())[0]!.email;
      const taken = await admin.submit(ACCOUNTS, INVITE, {
        email: existing,
        name: 'Someone',
        role: 'secretariat',
        admin: 'yes',
      });
      expect(taken.statusCode).toBe(409);
      expect(decode(taken.body)).toContain(`<a href="#field-email">${existing} already has an account`);
      expect(await web().world.ctx.db.selectFrom('account').select('id').execute()).toHaveLength(1);
    });

    it('makes a secretariat administrator with the flag, and sends a new invitation only from the account’s row', async () => {
      const admin = await signedIn('secretariat_admin');
      expect(
        (
          await admin.submit(ACCOUNTS, INVITE, {
            email: 'chief@tsb.itu.test',
            name: 'Chief',
            role: 'secretariat',
            admin: 'yes',
            memberState: 'KR',
          })
        ).statusCode,
      ).toBe(303);
      const chief = await web()
        .world.ctx.db.selectFrom('account')
        .select(['id', 'role', 'member_state'])
        .where('email', '=', 'chief@tsb.itu.test')
        .executeTakeFirstOrThrow();
      expect(chief).toMatchObject({ role: 'secretariat_admin', member_state: null });
      const page = await admin.get(ACCOUNTS);
      const row = formsTo(page.body, INVITE).find((form) => form.includes('value="chief@tsb.itu.test"'))!;
      expect(row).toContain('name="resend" value="yes"');
      expect(row).toContain('data-confirm="Send Chief a new invitation?');
      const fields = Object.fromEntries(
        [...row.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, decode(m[2]!)]),
      );
      expect((await admin.post(INVITE, fields)).statusCode).toBe(303);
      const invitations = await web()
        .world.ctx.db.selectFrom('invitation')
        .select(['id', 'revoked_at'])
        .where('account_id', '=', chief.id)
        .execute();
      expect(invitations).toHaveLength(2);
      expect(invitations.filter((i) => i.revoked_at === null)).toHaveLength(1);
    });

    it('disables and enables an account; a disabled person is signed out', async () => {
      const admin = await signedIn('secretariat_admin');
      const fp = await signedIn('focal_point', 'KR');
      expect((await fp.get('/account')).statusCode).toBe(200);
      const page = await admin.get(ACCOUNTS);
      const disable = /action="(\/en\/secretariat\/accounts\/[^"]+\/disable)"/.exec(page.body)![1]!;
      expectSeeOther(
        await admin.post(disable, { _csrf: csrfOf(page.body, disable) }),
        `${ACCOUNTS}?notice=sec-account-disabled`,
      );
      expect((await fp.get('/account')).statusCode).toBe(303);
      const after = await admin.get(`${ACCOUNTS}?notice=sec-account-disabled`);
      expect(after.body).toContain('The account was disabled');
      const enable = disable.replace(/disable$/, 'enable');
      expectSeeOther(
        await admin.post(enable, { _csrf: csrfOf(after.body, enable) }),
        `${ACCOUNTS}?notice=sec-account-enabled`,
      );
      expect((await admin.get(ACCOUNTS)).body).not.toContain(`action="${enable}"`);
    });
  });

  describe('the audit trail', () => {
    it('shows the newest events first, filters them, pages them, and verifies the chain', async () => {
      await web().world.openConsultation();
      for (let i = 0; i < 55; i++)
        await updateConsultation(web().world.ctx, {
          actor: SECRETARIAT,
          consultationId: 'tsb-79-2023',
          patch: { subject: `Subject ${i}` },
        }).catch(() => undefined);
      await createConsultation(web().world.ctx, {
        actor: SECRETARIAT,
        input: consultationInput({ number: 81, reference: 'TSB Circular 81', texts: [] }),
      });
      for (let i = 0; i < 55; i++)
        await updateConsultation(web().world.ctx, {
          actor: SECRETARIAT,
          consultationId: 'tsb-81-2023',
          patch: { subject: `Subject ${i}` },
        });
      const staff = await signedIn('secretariat_staff');
      const all = await staff.get('/en/secretariat/audit');
      expect(all.statusCode).toBe(200);
      const seqs = [...all.body.matchAll(/<tr id="event-(\d+)"/g)].map((m) => Number(m[1]));
      expect(seqs).toHaveLength(50);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      expect(all.body).toContain('href="/en/secretariat/audit?page=2"');

      const filtered = await staff.get(
        '/en/secretariat/audit?consultation=tsb-81-2023&action=consultation.updated&page=2',
      );
      expect(filtered.body).toContain('Events, newest first: 55 events, page 2 of 2');
      expect(filtered.body).toContain(
        'href="/en/secretariat/audit?consultation=tsb-81-2023&amp;action=consultation.updated"',
      );
      expect(filtered.body).toMatch(/<option value="consultation.updated" selected>/);

      // The filters' whole selection as a file, oldest first, whatever page is shown.
      const href = '/en/secretariat/audit?consultation=tsb-81-2023&action=consultation.updated&format=csv';
      expect(filtered.body).toContain(`href="${href.replace(/&/g, '&amp;')}"`);
      const csv = await staff.get(href);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-disposition']).toBe('attachment; filename="audit-tsb-81-2023.csv"');
      const lines = csv.body
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines[0]).toMatch(/^No\.,Time \(UTC\),Who,Name,Action,Action \(code\),Consultation,/);
      const numbers = lines.slice(1).map((line) => Number(line.split(',')[0]));
      expect(numbers).toHaveLength(55);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(lines.slice(1).every((line) => line.includes(',consultation.updated,tsb-81-2023,'))).toBe(true);
      const workbook = await staff.get(href.replace('format=csv', 'format=xlsx'));
      expect(readXlsx(workbook.rawPayload)[0]!.rows).toHaveLength(56);

      // By who acted and by day (UTC), kept through the pages and the download.
      const byDay = decode(
        (await staff.get('/en/secretariat/audit?consultation=tsb-81-2023&from=2023-03-28&to=2023-03-28')).body,
      );
      expect(byDay).toContain('Events, newest first: 56 events, page 1 of 2');
      expect(byDay).toContain(
        'href="/en/secretariat/audit?consultation=tsb-81-2023&from=2023-03-28&to=2023-03-28&page=2"',
      );
      expect(byDay).toContain('value="2023-03-28" class="input" id="field-from"');
      const later = decode((await staff.get('/en/secretariat/audit?from=2023-03-29')).body);
      expect(later).toContain('No events match.');
      expect(later).not.toContain('id="audit-downloads"');
      // Who acted, by the recorded id: staff are not offered names (administrators are), the filter still applies.
      const bySecretariat = decode((await staff.get('/en/secretariat/audit?who=test%3Asecretariat')).body);
      const count = (html: string) => Number(/Events, newest first: (\d+) events/.exec(html)![1]);
      const everyone = count(decode((await staff.get('/en/secretariat/audit')).body));
      expect(count(bySecretariat)).toBeGreaterThan(55);
      expect(count(bySecretariat)).toBeLessThan(everyone);
      expect(decode((await staff.get('/en/secretariat/audit?who=nobody')).body)).toContain('No events match.');
      // A day that is not one is ignored, as the other filters' unknown values are.
      expect((await staff.get('/en/secretariat/audit?from=yesterday')).statusCode).toBe(200);

      const ok = await staff.get('/en/secretariat/audit/verify');
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('Intact.');

      await web()
        .world.ctx.db.updateTable('audit_event')
        .set({ subject: 'consultation:forged' })
        .where('seq', '=', 3)
        .execute();
      const broken = await staff.get('/en/secretariat/audit/verify');
      expect(broken.body).toContain('Broken.');
      expect(broken.body).toContain('Row 3 was changed after it was written');
      expect(broken.body).toMatch(/<tr id="event-3" class="sec-broken">/);
    });
  });
});
