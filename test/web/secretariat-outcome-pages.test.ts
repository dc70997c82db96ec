import { findConsultation } from '../../src/repositories/consultation.repository.js';
import type { LightMyRequestResponse } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReplyInput } from '../../src/schemas/reply.schema.js';
import { computeResults } from '../../src/services/compute-results.js';
import { addContact } from '../../src/services/contacts.js';
import { listJobs } from '../../src/services/jobs/list-jobs.js';
import { readAuditTrail } from '../../src/services/list-audit-events.js';
import { setEligibility } from '../../src/services/member-states.js';
import { listReplies } from '../../src/services/read-replies.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { withdrawReply } from '../../src/services/withdraw-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { focalPoint, replyInput, SECRETARIAT } from '../helpers/world.js';
import { readXlsx } from '../helpers/xlsx.js';
import {
  csrfOf,
  decode,
  expectSeeOther,
  postMultipart as postMultipartFiles,
  useWeb,
  type Browser,
} from './web-harness.js';
import { generateDocument } from '../../src/services/documents/generate-document.js';
import { fill, tick } from '../documents/form-filling.js';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A small, real PDF header: judged a PDF by its content. */
export const SCAN_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
/** The start of a Windows executable: not a file a reply may carry. */
const EXECUTABLE = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);

/** A reply not assigning authority to one text, with reasons. */
/** The session's CSRF token, from any form of a page (the header's sign-out form is on every page). */
const sessionToken = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

const dissent = (text: string): ReplyInput => ({
  positions: [{ text, position: 'does_not_assign_authority', reasons: 'Not mature.' }],
  signatory: { name: 'B. Official', title: 'Head of Standards' },
});

describeEachDialect('secretariat outcome pages', (dialect) => {
  const web = useWeb(dialect);
  let id: string;
  let officer: Browser;
  const base = () => `/en/secretariat/consultations/${id}`;

  /** A form posted as multipart/form-data (the recorded-reply form carries a file), with the browser's cookies. */
  async function postMultipart(
    browser: Browser,
    url: string,
    fields: Record<string, string>,
    file?: { name: string; content: Buffer; type?: string },
  ): Promise<LightMyRequestResponse> {
    const boundary = '----assent-test-boundary';
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries(fields))
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    if (file) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="scan"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/pdf'}\r\n\r\n`,
        ),
      );
      parts.push(file.content, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const cookie = [...browser.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    return web().app.inject({
      method: 'POST',
      url,
      payload: Buffer.concat(parts),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie, 'user-agent': 'TestBrowser/1.0' },
      remoteAddress: '198.51.100.1',
    });
  }

  /** The record form of the page, posted with its CSRF token and `fields` over sensible defaults. */
  async function record(
    fields: Record<string, string>,
    file: { name: string; content: Buffer; type?: string } | null = { name: 'scan.pdf', content: SCAN_PDF },
  ) {
    const page = await officer.get(`${base()}/replies/record`);
    expect(page.statusCode).toBe(200);
    const defaults = {
      _csrf: csrfOf(page.body, `${base()}/replies/record`),
      memberState: 'BR',
      receivedAt: '2023-03-28T08:45',
      channel: 'paper',
      'position-x1353': 'assigns_authority',
      'option-x1353': 'no_comments',
      signatoryName: 'C. Ministro',
      signatoryTitle: 'Secretary of Telecommunications',
    };
    return postMultipart(officer, `${base()}/replies/record`, { ...defaults, ...fields }, file ?? undefined);
  }

  const repliesOf = async () =>
    (await listReplies(web().world.ctx, { actor: SECRETARIAT, consultationId: id })).rows.filter(
      (r) => r.latest !== null,
    );

  let seed: string;
  /** Moves the clock (e.g. past the deadline) and signs the officer in again: sessions end after 30 idle minutes. */
  async function jumpTo(instant: string) {
    web().world.clock.set(instant);
    await web().signIn(officer, 'officer@itu.test', seed);
  }

  beforeEach(async () => {
    id = await web().world.openConsultation();
    web().world.clock.advance(60 * 60 * 1000);
    const ctx = web().world.ctx;
    const submit = (state: string, input: ReplyInput) =>
      submitReply(ctx, { actor: focalPoint(state), consultationId: id, memberState: state, input, channel: 'web' });
    await submit('KR', replyInput());
    await submit('FR', replyInput());
    await submit('DE', dissent('x1471'));
    await submit('JP', dissent('x1471'));
    const { invitationPath } = await web().invite({
      role: 'secretariat_staff',
      email: 'officer@itu.test',
      name: 'TSB Officer',
    });
    officer = web().browser();
    ({ seed } = await web().enrol(officer, invitationPath));
  });

  describe('who may see them', () => {
    it('sends a visitor without a session to sign in, for every page and form', async () => {
      const visitor = web().browser('198.51.100.9');
      for (const path of ['/replies', '/replies/record', '/results', '/decisions']) {
        const response = await visitor.get(`${base()}${path}`);
        expect(response.statusCode, path).toBe(303);
        expect(response.headers.location).toBe(
          `/en/login?next=${encodeURIComponent(`/secretariat/consultations/${id}${path}`)}`,
        );
      }
      for (const path of ['/replies/record', '/decisions', '/notice']) {
        const response = await visitor.post(`${base()}${path}`, { _csrf: 'x' });
        expect(response.headers.location, path).toBe('/en/login');
      }
    });

    it('answers a focal point and an observer with the 403 page, and lets them change nothing', async () => {
      for (const [role, memberState] of [
        ['focal_point', 'KR'],
        ['observer', undefined],
      ] as const) {
        const { invitationPath } = await web().invite({
          role,
          ...(memberState && { memberState }),
          email: `${role}@example.test`,
        });
        const person = web().browser('198.51.100.20');
        await web().enrol(person, invitationPath);
        for (const path of [
          '/replies',
          '/replies/record',
          '/replies/KR',
          '/comments',
          '/results',
          '/results?format=csv',
          '/decisions',
        ]) {
          const response = await person.get(`${base()}${path}`);
          expect(response.statusCode, `${role} ${path}`).toBe(403);
          expect(response.headers['content-type']).toMatch(/^text\/html/);
        }
        // The secretariat's file route is the secretariat's, whatever the file.
        const file = await person.get(`/en/secretariat/files/${'0'.repeat(64)}`);
        expect(file.statusCode, `${role} file`).toBe(403);
        const token = sessionToken((await person.get('/en/account')).body);
        expect((await person.post(`${base()}/notice`, { _csrf: token })).statusCode).toBe(403);
        expect((await person.post(`${base()}/decisions`, { _csrf: token, text: 'x1353' })).statusCode).toBe(403);
        expect(
          (
            await postMultipart(
              person,
              `${base()}/replies/record`,
              { _csrf: token, memberState: 'KR' },
              { name: 'a.pdf', content: SCAN_PDF },
            )
          ).statusCode,
        ).toBe(403);
      }
      expect(await repliesOf()).toHaveLength(4);
    });

    it('answers an unknown consultation with the not-found page', async () => {
      expect((await officer.get('/en/secretariat/consultations/no-such/replies')).statusCode).toBe(404);
    });
  });

  describe('the replies dashboard', () => {
    it('lists every eligible State, who replied and how, per text, with counts', async () => {
      const page = await officer.get(`${base()}/replies`);
      expect(page.statusCode).toBe(200);
      const body = decode(page.body);
      expect(body).toContain('<h1>Replies to TSB Circular 79</h1>');
      // Every Member State that may reply (Palestine, an observer, may not).
      const rows = page.body.match(/<tr id="state-[A-Z]{2}"/g) ?? [];
      expect(rows.length).toBe(194);
      expect(page.body).not.toContain('id="state-PS"');
      expect(body).toMatch(/<dt>Replied<\/dt><dd>4<\/dd>/);
      expect(body).toMatch(/<dt>Not replied<\/dt><dd>190 /);
      const korea = /<tr id="state-KR">([\s\S]*?)<\/tr>/.exec(body)![1]!;
      expect(korea).toContain('Version 1, by web form');
      expect(korea).toContain('Assigns authority, no comments');
      const germany = /<tr id="state-DE">([\s\S]*?)<\/tr>/.exec(body)![1]!;
      expect(germany).toContain('Does not assign authority');
      expect(germany).toContain('No position');
      expect(/<tr id="state-BR">([\s\S]*?)<\/tr>/.exec(body)![1]).toContain('Not replied');
    });

    it('filters with a plain GET form: not replied, a text and a position, a channel', async () => {
      const notReplied = await officer.get(`${base()}/replies?status=not-replied`);
      expect(notReplied.body).not.toContain('id="state-KR"');
      expect(notReplied.body).toContain('id="state-BR"');
      expect(decode(notReplied.body)).toContain('Showing 190 of 194 Member States.');

      const dissenting = await officer.get(`${base()}/replies?text=x1471&position=does_not_assign_authority`);
      const shown = [...dissenting.body.matchAll(/<tr id="state-([A-Z]{2})"/g)].map((m) => m[1]);
      expect(shown.sort()).toEqual(['DE', 'JP']);
      expect(dissenting.body).toMatch(/<option value="x1471" selected/);
      expect(dissenting.body).toContain('Clear the filters');

      const byPaper = await officer.get(`${base()}/replies?channel=paper`);
      expect(decode(byPaper.body)).toContain('No Member State matches these filters.');
      // Unknown filter values are ignored, not an error.
      expect((await officer.get(`${base()}/replies?status=maybe&channel=pigeon`)).statusCode).toBe(200);
    });

    it('works in the unprefixed default language too', async () => {
      const page = await officer.get(`/secretariat/consultations/${id}/replies`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`action="/en/secretariat/consultations/${id}/replies"`);
    });

    it('offers the replies, who has not replied and the results as CSV and Excel files, in the page’s language', async () => {
      const page = decode((await officer.get(`${base()}/replies`)).body);
      // A page of wide tables takes more of a large screen (item 11); a State's reply reads at its measure.
      expect(page).toMatch(/<body class="wide"[ >]/);
      expect(decode((await officer.get(`${base()}/replies/KR`)).body)).toMatch(/<body( data-session[^>]*)?>/);
      const links = [...page.matchAll(/<a href="([^"]+format=[^"]+)"/g)].map((m) => m[1]!);
      expect(links).toEqual([
        `${base()}/replies?format=csv`,
        `${base()}/replies?format=xlsx`,
        `${base()}/replies?rows=not-replied&format=csv`,
      ]);
      const csv = await officer.get(links[0]!);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="${id}-replies.csv"`);
      // Four States replied, on each of the three texts.
      expect(
        csv.body
          .replace(/^\uFEFF/, '')
          .trimEnd()
          .split('\r\n'),
      ).toHaveLength(1 + 4 * 3);
      expect(csv.body).toContain('Not mature.');
      const missing = await officer.get(links[2]!);
      expect(missing.body).not.toMatch(/^\uFEFF?KR,/m);
      expect(missing.body).toMatch(/^BR,Brazil/m);
      const workbook = await officer.get(links[1]!);
      expect(readXlsx(workbook.rawPayload).map((sheet) => sheet.name)).toEqual(['Replies', 'Not replied']);

      const arabic = await officer.get(`/ar/secretariat/consultations/${id}/results?format=xlsx`);
      expect(arabic.statusCode).toBe(200);
      const [results] = readXlsx(arabic.rawPayload);
      expect(results!.rightToLeft).toBe(true);
      expect(results!.rows.map((row) => row[0])).toEqual(['النص', 'X.1333 Cor.1', 'X.1353', 'X.1471']);
      expect(decode((await officer.get(`${base()}/results`)).body)).toContain(`href="${base()}/results?format=csv"`);
      // A format the page does not offer is refused, not answered with the page.
      expect((await officer.get(`${base()}/replies?format=pdf`)).statusCode).toBe(400);
    });
  });

  describe("a State's reply", () => {
    it('shows every version newest first, marks what changed from the one before, and links its files and documents', async () => {
      await submitReply(web().world.ctx, {
        actor: focalPoint('KR'),
        consultationId: id,
        memberState: 'KR',
        channel: 'web',
        input: replyInput(['x1333-cor1', 'x1471'], {
          positions: [
            ...replyInput(['x1333-cor1', 'x1471']).positions,
            { text: 'x1353', position: 'does_not_assign_authority', reasons: 'On reflection, not mature.' },
          ],
        }),
      });
      const dashboard = decode((await officer.get(`${base()}/replies`)).body);
      expect(dashboard).toContain(`<a href="${base()}/replies/KR">Korea (Republic of)</a>`);
      const page = await officer.get(`${base()}/replies/KR`);
      expect(page.statusCode).toBe(200);
      const html = decode(page.body);
      expect(html).toContain('<h1>Reply of Korea (Republic of) to TSB Circular 79</h1>');
      expect(html).toContain('Version 2 counts. 2 versions, newest first.');
      expect(html.indexOf('id="version-2"')).toBeLessThan(html.indexOf('id="version-1"'));
      const v2 = html.slice(html.indexOf('id="version-2"'), html.indexOf('id="version-1"'));
      expect(v2).toContain('Changed from version 1: X.1353.');
      // X.1353's position and reasons changed; X.1471's did not.
      const x1353 = v2.slice(v2.indexOf('id="version-2-x1353"'), v2.indexOf('id="version-2-x1471"'));
      expect(x1353.match(/>Changed</g)).toHaveLength(2);
      expect(x1353).toContain('On reflection, not mature.');
      expect(v2.slice(v2.indexOf('id="version-2-x1471"'))).not.toContain('>Changed<');
      expect(html).toContain(`href="/en/documents/${id}/reply/KR?format=pdf&version=1"`);
      expect(html).toMatch(/Content hash \(SHA-256\)<\/dt><dd><span dir="ltr" class="outcome-code">[0-9a-f]{64}</);

      const none = await officer.get(`${base()}/replies/BR`);
      expect(none.statusCode).toBe(200);
      expect(decode(none.body)).toContain('Brazil (Federative Republic of) has not replied.');
      expect((await officer.get(`${base()}/replies/ZZ`)).statusCode).toBe(404);
    });

    it('compares a reply sent again after a withdrawal with the last one that took positions, not with the withdrawal', async () => {
      const ctx = web().world.ctx;
      await withdrawReply(ctx, { actor: focalPoint('FR'), consultationId: id, memberState: 'FR', channel: 'web' });
      await submitReply(ctx, {
        actor: focalPoint('FR'),
        consultationId: id,
        memberState: 'FR',
        channel: 'web',
        input: replyInput(),
      });
      const html = decode((await officer.get(`${base()}/replies/FR`)).body);
      expect(html).toContain('Version 3 counts. 3 versions, newest first.');
      const v3 = html.slice(html.indexOf('id="version-3"'), html.indexOf('id="version-2"'));
      expect(v3).toContain('No position or words changed from version 1.');
      expect(v3).not.toContain('>Changed<');
      const v2 = html.slice(html.indexOf('id="version-2"'), html.indexOf('id="version-1"'));
      expect(v2).toContain('Withdrawn');
      expect(v2).not.toContain('Changed from');
    });
  });

  describe('reminding a State', () => {
    it('reminds a State that owes texts now, lists every reminder on its page, and says why when none was sent', async () => {
      const ctx = web().world.ctx;
      const contact = await addContact(ctx, {
        actor: SECRETARIAT,
        email: 'fp@mcom.br.test',
        name: 'Ana',
        role: 'focal_point',
        memberState: 'BR',
      });
      const before = decode((await officer.get(`${base()}/replies/BR`)).body);
      expect(before).toContain('No reminder has been sent to Brazil (Federative Republic of) yet.');
      const action = `${base()}/replies/BR/remind`;
      expect(before).toContain('Remind Brazil (Federative Republic of) now');

      const sent = await officer.post(action, { _csrf: csrfOf(before, action) });
      expectSeeOther(sent, `${base()}/replies/BR?notice=outcome-reminder-sent#reminders`);
      const after = decode((await officer.get(`${base()}/replies/BR?notice=outcome-reminder-sent`)).body);
      expect(after).toContain('The reminder is on its way to the State’s focal points');
      const list = /<table class="table" id="reminders-list">[\s\S]*?<\/table>/.exec(after)![0];
      expect(list).toContain('Sent by hand (“Remind now”)');
      expect(list).toContain('Waiting to be sent');
      // One mail job per focal point, naming the State, and the audit row of who reminded.
      const jobs = await listJobs(ctx, { actor: SECRETARIAT, kind: 'mail', consultationId: id });
      const reminder = jobs.jobs.find((j) => j.payload.message === 'reminder' && j.payload.memberState === 'BR');
      expect(reminder?.payload).toMatchObject({ contactId: contact.id, byHand: true, daysBefore: 142 });
      const audit = await readAuditTrail(ctx, { actor: SECRETARIAT, consultationId: id });
      expect(audit.find((e) => e.action === 'consultation.reminder-sent')?.data).toMatchObject({
        memberState: 'BR',
        recipients: 1,
      });

      // Korea answered every text; China has no focal-point contact: nothing is sent, and the page says why.
      const kr = decode((await officer.get(`${base()}/replies/KR`)).body);
      expectSeeOther(
        await officer.post(`${base()}/replies/KR/remind`, { _csrf: csrfOf(kr, `${base()}/replies/KR/remind`) }),
        `${base()}/replies/KR?notice=outcome-reminder-nothing-owed#reminders`,
      );
      expectSeeOther(
        await officer.post(`${base()}/replies/CN/remind`, { _csrf: csrfOf(kr, `${base()}/replies/KR/remind`) }),
        `${base()}/replies/CN?notice=outcome-reminder-no-contacts#reminders`,
      );
      expect((await listJobs(ctx, { actor: SECRETARIAT, kind: 'mail', consultationId: id })).jobs).toHaveLength(
        jobs.jobs.length,
      );

      // After the deadline there is nothing to remind of: no form, and a post is refused.
      await jumpTo('2023-08-17T10:00:00Z');
      const late = decode((await officer.get(`${base()}/replies/BR`)).body);
      expect(late).not.toContain('Remind Brazil');
      expect(late).toContain('Sent by hand (“Remind now”)');
      const refused = await officer.post(action, {
        _csrf: csrfOf(decode((await officer.get(`${base()}/replies`)).body), '/en/logout'),
      });
      expect(refused.statusCode).toBe(422);
    });
  });

  describe('the comments', () => {
    it('shows, text by text, what each State wrote, by name, and how many replies wrote nothing', async () => {
      const page = await officer.get(`${base()}/comments`);
      expect(page.statusCode).toBe(200);
      const html = decode(page.body);
      expect(html).toContain(`href="${base()}/comments" aria-current="page"`);
      const section = (text: string) => {
        const from = html.indexOf(`id="comments-${text}"`);
        return html.slice(from, html.indexOf('</section>', from));
      };
      // Germany and Japan gave reasons on X.1471; France and Korea took positions without comments.
      const x1471 = section('x1471');
      expect(
        [...x1471.matchAll(/<article class="comment-entry" id="comment-x1471-([A-Z]{2})-v1"/g)].map((m) => m[1]),
      ).toEqual(['DE', 'JP']);
      expect(x1471).toContain('Not mature.');
      expect(x1471).toContain('2 other Member States took a position on this text without writing anything.');
      expect(section('x1353')).toContain('No Member State wrote anything on this text.');
      expect(html).toContain('2 Member States wrote something on the texts shown.');

      const germany = decode((await officer.get(`${base()}/comments?state=DE&text=x1471`)).body);
      expect(germany).toContain('1 Member State wrote something on the texts shown.');
      expect(germany).not.toContain('id="comments-x1353"');
      expect(germany).toMatch(/<option value="DE" selected>/);
      // By region (UN M49): Japan in Asia, Germany in Europe; none from Africa.
      const asia = decode((await officer.get(`${base()}/comments?region=asia`)).body);
      expect([...asia.matchAll(/id="comment-x1471-([A-Z]{2})-v1"/g)].map((m) => m[1])).toEqual(['JP']);
      expect(asia).toMatch(/<option value="asia" selected>Asia<\/option>/);
      const europe = decode((await officer.get(`${base()}/comments?region=europe`)).body);
      expect([...europe.matchAll(/id="comment-x1471-([A-Z]{2})-v1"/g)].map((m) => m[1])).toEqual(['DE']);
      expect(decode((await officer.get(`${base()}/comments?region=africa`)).body)).toContain(
        'No Member State that wrote something matches.',
      );
      const byPaper = decode((await officer.get(`${base()}/comments?channel=paper`)).body);
      expect(byPaper).toContain('No Member State that wrote something matches.');
      // Values the page does not offer are ignored, not an error.
      expect((await officer.get(`${base()}/comments?state=ZZ&position=maybe&region=atlantis`)).statusCode).toBe(200);
      // A position with its sub-option, the longest value the filter offers, on both pages.
      for (const page of ['comments', 'replies']) {
        const subOption = await officer.get(`${base()}/${page}?position=assigns_authority:comments_attached`);
        expect(subOption.statusCode, page).toBe(200);
        expect(decode(subOption.body)).toMatch(/<option value="assigns_authority:comments_attached" selected>/);
      }
    });

    it('links the scan of a recorded form and any file attached, which the secretariat may open and nobody else', async () => {
      const recorded = await record({
        memberState: 'BR',
        'position-x1353': 'does_not_assign_authority',
        'option-x1353': '',
        'reasons-x1353': 'Needs a security review.\nSecond line.',
      });
      expect(recorded.statusCode, recorded.body).toBe(303);
      const html = decode((await officer.get(`${base()}/comments?text=x1353`)).body);
      expect(html).toContain('id="comment-x1353-BR-v1"');
      expect(html).toContain('Needs a security review.\nSecond line.');
      const href = /href="(\/en\/secretariat\/files\/[0-9a-f]{64})"/.exec(html)?.[1];
      expect(href).toBeDefined();
      expect(html).toContain('scan.pdf');
      const file = await officer.get(href!);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['cache-control']).toBe('private, no-store');
      expect(file.headers['content-disposition']).toBe("attachment; filename*=UTF-8''scan.pdf");
      expect(file.rawPayload.equals(SCAN_PDF)).toBe(true);
      expect((await web().browser('198.51.100.9').get(href!)).headers.location).toMatch(/^\/en\/login\?next=/);
    });
  });

  describe('recording a reply received on paper', () => {
    it('fills the form from a returned reply form, listing what it read and what to look at, and records nothing yet', async () => {
      const page = await officer.get(`${base()}/replies/record`);
      expect(page.body).toContain('id="field-readForm"');
      const blank = (
        await generateDocument(web().world.ctx, {
          actor: SECRETARIAT,
          consultationId: id,
          kind: 'circular',
          format: 'docx',
        })
      ).bytes;
      const returned = tick(
        fill(blank, {
          'signatory.name': 'C. Ministro',
          'signatory.title': 'Secretary',
          state: 'Brazil (Federative Republic of)',
        }),
        [
          'assent:x1353:assigns_authority',
          'assent:x1353:does_not_assign_authority',
          'assent:x1471:does_not_assign_authority',
        ],
      );
      const read = await postMultipartFiles(
        web().app,
        officer,
        `${base()}/replies/record/read`,
        { _csrf: csrfOf(page.body, `${base()}/replies/record/read`) },
        [{ field: 'form', filename: 'reply-BR.docx', type: DOCX_TYPE, bytes: Buffer.from(returned) }],
      );
      expect(read.statusCode).toBe(200);
      const body = decode(read.body);
      const result = /<section class="notice stack" role="status"[\s\S]*?<\/section>/.exec(body)![0];
      expect(result).toContain('Read from reply-BR.docx');
      expect(result).toContain('Check each value below');
      expect(result).toContain(
        'Member State: Brazil (Federative Republic of) (typed “Brazil (Federative Republic of)”).',
      );
      expect(result).toContain('Signatory: C. Ministro, Secretary.');
      expect(result).toContain('X.1353: both boxes are ticked: proposed as unclear.');
      expect(result).toContain('X.1333 Cor.1: no box is ticked: no position.');
      // The form below, filled from the file: the State chosen, the boxes ticked, the signatory typed.
      expect(body).toMatch(/<option value="BR" selected/);
      expect(body).toMatch(/name="position-x1353" value="unclear"[^>]*checked/);
      expect(body).toMatch(/name="position-x1471" value="does_not_assign_authority"[^>]*checked/);
      expect(body).toContain('value="C. Ministro"');
      expect((await repliesOf()).filter((r) => r.state.code === 'BR')).toEqual([]);

      const refused = await postMultipartFiles(
        web().app,
        officer,
        `${base()}/replies/record/read`,
        { _csrf: csrfOf(page.body, `${base()}/replies/record/read`) },
        [{ field: 'form', filename: 'letter.docx', type: DOCX_TYPE, bytes: Buffer.from('Dear Director') }],
      );
      expect(refused.statusCode).toBe(400);
      expect(decode(refused.body)).toContain(
        '<a href="#field-readForm">The file is not a Word document (.docx) or a PDF.</a>',
      );
    });

    it('records the form with its scan, and the dashboard shows it', async () => {
      const response = await record({
        'position-x1471': 'does_not_assign_authority',
        'reasons-x1471': 'See the attached letter.',
      });
      expectSeeOther(response, `${base()}/replies?notice=outcome-recorded`);
      const page = await officer.get(`${base()}/replies?notice=outcome-recorded&channel=paper`);
      expect(page.body).toContain('The reply was recorded.');
      const brazil = decode(/<tr id="state-BR">([\s\S]*?)<\/tr>/.exec(page.body)![1]!);
      expect(brazil).toContain('Version 1, by paper (post or hand delivery)');
      expect(brazil).toContain('<time datetime="2023-03-28T08:45:00.000Z"');
      const [stored] = (await repliesOf()).filter((r) => r.state.code === 'BR');
      expect(stored!.latest!.channel).toBe('paper');
      expect(stored!.latest!.originalFile).toMatch(/^[0-9a-f]{64}$/);
      expect(stored!.countedVersion).toBe(1);
    });

    it('re-renders with the input kept, a summary and messages, and stores nothing, on bad input', async () => {
      const cases: [Record<string, string>, 'pdf' | 'exe' | 'none', string, string][] = [
        [{ memberState: 'ZZ' }, 'pdf', 'field-memberState', 'There is no Member State with the code ZZ'],
        [{ memberState: 'PS' }, 'pdf', 'field-memberState', 'Palestine may not reply to this consultation'],
        [{ memberState: '' }, 'pdf', 'field-memberState', 'Choose the Member State that sent the form'],
        [
          { receivedAt: '2023-12-01T10:00' },
          'pdf',
          'field-receivedAt',
          'The form cannot have been received in the future',
        ],
        [{ receivedAt: '2023-02-30T10:00' }, 'pdf', 'field-receivedAt', 'Enter a real date and time'],
        [
          { receivedAt: '2023-03-01T10:00' },
          'pdf',
          'field-receivedAt',
          'The form cannot have been received before the circular was issued',
        ],
        [{ 'position-x1353': '' }, 'pdf', 'field-positions', 'Give the position on at least one text'],
        [{ 'reasons-x1353': 'Why not' }, 'pdf', 'field-x1353-reasons', 'go with “does not assign authority”'],
        [{ channel: 'pigeon' }, 'pdf', 'field-channel', 'Choose how the form arrived'],
        [{ signatoryName: '' }, 'pdf', 'field-signatoryName', 'Enter the name of the person who signed the form'],
        [{}, 'exe', 'field-scan', 'The file must be a PDF'],
        [{}, 'none', 'field-scan', 'Choose the scan of the original form'],
      ];
      for (const [fields, file, field, message] of cases) {
        const scan = {
          pdf: { name: 'scan.pdf', content: SCAN_PDF },
          exe: { name: 'setup.exe', content: EXECUTABLE },
          none: null,
        }[file];
        const response = await record({ place: 'Brasília', ...fields }, scan);
        const body = decode(response.body);
        expect(response.statusCode, message).toBe(400);
        expect(body, message).toContain(`<a href="#${field}">`);
        expect(body, message).toContain(message);
        expect(body).toMatch(/<title>Error: /);
        // What was typed is kept (the file must be chosen again, which the hint says).
        expect(body).toContain('value="Brasília"');
        expect(body).toContain('Choose the file again');
      }
      expect(await repliesOf()).toHaveLength(4);
    });

    it('keeps no file of a form the service refuses: the scan is stored with the reply, or not at all', async () => {
      const files = async () =>
        (await web().world.ctx.db.selectFrom('attachment_upload').select('sha256').execute()).length;
      const before = await files();
      for (const fields of [{ memberState: 'PS' }, { memberState: 'ZZ' }, { receivedAt: '2023-12-01T10:00' }]) {
        const response = await record(fields);
        expect(response.statusCode).toBe(400);
      }
      expect(await files()).toBe(before);
      expectSeeOther(await record({}), `${base()}/replies?notice=outcome-recorded`);
      expect(await files()).toBe(before + 1);
    });

    it('keeps a form received after the deadline, flagged and not counted', async () => {
      await jumpTo('2023-08-20T10:00:00Z');
      const response = await record({
        memberState: 'BR',
        receivedAt: '2023-08-18T08:00',
        'position-x1471': 'assigns_authority',
        'option-x1471': 'no_comments',
      });
      expectSeeOther(response, `${base()}/replies?notice=outcome-recorded-late`);
      const page = await officer.get(`${base()}/replies?notice=outcome-recorded-late`);
      const body = decode(page.body);
      expect(body).toContain('it is kept on record, flagged, and not counted');
      const brazil = /<tr id="state-BR">([\s\S]*?)<\/tr>/.exec(body)![1]!;
      expect(brazil).toContain('Late: not counted');
      expect(brazil).toContain('No version counts.');
      const results = await computeResults(web().world.ctx, { actor: SECRETARIAT, consultationId: id });
      expect(results.texts.find((r) => r.text.id === 'x1353')!.tally.replies).toBe(2);
    });

    it("records a form whose comments came as a table: rows on request (nothing recorded), a row without its comment refused at its cell, then recorded and shown on the State's page", async () => {
      const shown = await record({ rows: 'x1471' });
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toContain('name="table-1-change-x1471"');
      expect(shown.body).toContain('Choose the file again');
      expect(await repliesOf()).toHaveLength(4);
      const rows = {
        'position-x1471': 'does_not_assign_authority',
        'table-0-clause-x1471': '8.3',
        'table-0-comment-x1471': 'The threat model omits replay attacks.',
        'table-0-change-x1471': 'Add replay to Table 2.',
      };
      const refused = await record({ ...rows, 'table-0-comment-x1471': '' });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('<a href="#field-x1471-table-0-comment">');
      expect(decode(refused.body)).toContain('Row 1 of the comments on X.1471: write the comment, or empty the row');
      expectSeeOther(await record(rows), `${base()}/replies?notice=outcome-recorded`);
      const page = decode((await officer.get(`${base()}/replies/BR`)).body);
      expect(page).toContain('<table class="rows rows-view">');
      expect(page).toContain('The threat model omits replay attacks.');
      expect(page).toContain('Add replay to Table 2.');
    });

    it('records an unclear form, flagged and shown as such', async () => {
      const response = await record({ 'position-x1353': 'unclear', 'option-x1353': '' });
      expectSeeOther(response, `${base()}/replies?notice=outcome-recorded-unclear`);
      const brazil = decode(
        /<tr id="state-BR">([\s\S]*?)<\/tr>/.exec((await officer.get(`${base()}/replies`)).body)![1]!,
      );
      expect(brazil).toContain('Unclear: to clarify');
      expect(brazil).toContain('Unclear (not counted)');
    });
  });

  describe('results, decisions and the notice', () => {
    it('shows a provisional tally before the deadline, labelled as such', async () => {
      const page = await officer.get(`${base()}/results`);
      expect(page.statusCode).toBe(200);
      const body = decode(page.body);
      expect(body).toContain('Provisional tally');
      expect(body).toContain('Provisional outcome');
    });

    it('shows the final results with "needs N more supporting replies" and the clause', async () => {
      await jumpTo('2023-08-20T10:00:00Z');
      const body = decode((await officer.get(`${base()}/results`)).body);
      expect(body).toContain('these are the final results');
      const x1471 = /<tr id="result-x1471">([\s\S]*?)<\/tr>/.exec(body)![1]!;
      // 2 of 4 support: 3 more supporting replies would have reached 70 % (5 of 7).
      expect(x1471).toContain('Not at this meeting');
      expect(x1471).toContain('Needs 3 more supporting replies.');
      // The procedure's figures, one column each: 4 replies, 2 in support, 50 %, 3 more needed.
      expect(x1471).toMatch(/data-figure="replies">4</);
      expect(x1471).toMatch(/data-figure="support">2</);
      expect(x1471).toMatch(/data-figure="neededMore">3</);
      expect(x1471).toContain('§9.4.6');
      expect(x1471).toContain('50.00%');
      const x1353 = /<tr id="result-x1353">([\s\S]*?)<\/tr>/.exec(body)![1]!;
      expect(x1353).toContain('May be considered at the meeting');
      expect(x1353).toContain('§9.4.5');
    });

    it('refuses a decision before the deadline and the notice before the decisions, with clear messages', async () => {
      const page = await officer.get(`${base()}/decisions`);
      expect(decode(page.body)).toContain('The consultation is open: the meeting decides after the deadline');
      const token = sessionToken(page.body);
      const early = await officer.post(`${base()}/decisions`, { _csrf: token, text: 'x1353' });
      expect(early.statusCode).toBe(409);
      expect(decode(early.body)).toContain(
        'The consultation is still open: the meeting decides on X.1353 after the deadline',
      );

      await jumpTo('2023-08-30T10:00:00Z');
      const closed = await officer.get(`${base()}/decisions`);
      const notice = await officer.post(`${base()}/notice`, { _csrf: csrfOf(closed.body, `${base()}/notice`) });
      expect(notice.statusCode).toBe(409);
      const body = decode(notice.body);
      expect(body).toContain(
        '<a href="#text-x1333-cor1">Record the meeting’s decision on X.1333 Cor.1 before issuing the results notice</a>',
      );
      expect(body).toContain('X.1353 before issuing');
      expect(body).not.toContain('X.1471 before issuing');
      // The text that fell short has no form: the meeting may not consider it.
      expect(closed.body).not.toContain('id="form-x1471"');
      const refused = await officer.post(`${base()}/decisions`, {
        _csrf: csrfOf(closed.body, `${base()}/decisions`),
        text: 'x1471',
      });
      expect(refused.statusCode).toBe(409);
      expect(decode(refused.body)).toContain('X.1471 did not obtain the support needed');
    });

    it('refuses a contradictory decision with a message at the field, keeping what was chosen', async () => {
      await jumpTo('2023-08-30T10:00:00Z');
      const response = await officer.submit(`${base()}/decisions`, `${base()}/decisions`, {
        text: 'x1353',
        opposing: 'GB',
        abstaining: ['GB', 'IT'],
        reservationState: ['GB', ''],
        reservationNote: ['Reservation on clause 7', ''],
      });
      expect(response.statusCode).toBe(422);
      const body = decode(response.body);
      expect(body).toContain(
        '<a href="#field-x1353-abstaining">United Kingdom of Great Britain and Northern Ireland (GB) cannot both oppose and abstain on X.1353 (WTSA Resolution 1 (Rev. Geneva, 2022) §9.5.6)</a>',
      );
      expect(body).toContain(
        '<a href="#field-x1353-res-0-state">United Kingdom of Great Britain and Northern Ireland (GB) opposes X.1353: only a delegation that does not oppose may register a reservation (WTSA Resolution 1 (Rev. Geneva, 2022) §9.5.4)</a>',
      );
      expect(body).toMatch(/<option value="IT" selected/);
      expect(body).toContain('value="Reservation on clause 7"');
      const missingNote = await officer.submit(`${base()}/decisions`, `${base()}/decisions`, {
        text: 'x1353',
        reservationState: ['CH', ''],
        reservationNote: ['', ''],
      });
      expect(missingNote.statusCode).toBe(400);
      expect(decode(missingNote.body)).toContain(
        'Give the note of the reservation of Switzerland (Confederation of) (CH) on X.1353',
      );
    });

    it('adds a reservation row on request, keeping everything typed and recording nothing', async () => {
      await jumpTo('2023-08-30T10:00:00Z');
      const decisions = decode((await officer.get(`${base()}/decisions`)).body);
      // Two empty rows to start with, and the usual decision in one step while none is recorded.
      expect(decisions).toContain('name="reservationRows" value="2"');
      expect(decisions).toContain('Record X.1353 as approved, unopposed');
      const added = await officer.submit(`${base()}/decisions`, `${base()}/decisions`, {
        text: 'x1353',
        moreTime: 'CN',
        reservationState: ['US', 'JP'],
        reservationNote: ['Annex A', 'Clause 6'],
        reservationRows: '2',
        addReservation: 'yes',
      });
      expect(added.statusCode).toBe(200);
      const form = /<form method="post"[^>]*id="form-x1353"[\s\S]*?<\/form>/.exec(decode(added.body))![0];
      expect(form).toContain('value="Annex A"');
      expect(form).toContain('value="Clause 6"');
      expect(form).toMatch(/<option value="CN" selected/);
      // Two filled rows and two empty ones; the first empty one has the focus.
      expect(form).toContain('name="reservationRows" value="4"');
      expect(form).toMatch(/<input[^>]*id="field-x1353-res-2-state"[^>]*autofocus/);
      expect(form).toContain('id="field-x1353-res-3-state"');
      expect(form).not.toContain('id="field-x1353-res-4-state"');
      const results = await computeResults(web().world.ctx, { actor: SECRETARIAT, consultationId: id });
      expect(results.texts.find((r) => r.text.id === 'x1353')!.decisionRecord).toBeNull();
      // A text the consultation does not have has no form to come back to.
      const unknown = await officer.submit(`${base()}/decisions`, `${base()}/decisions`, {
        text: 'x9999',
        addReservation: 'yes',
      });
      expect(unknown.statusCode).toBe(404);
    });

    it('records "approved, unopposed" in one step, and offers it only while no decision is recorded', async () => {
      await jumpTo('2023-08-30T10:00:00Z');
      const page = (await officer.get(`${base()}/decisions`)).body;
      const unopposed = /<form method="post"[^>]*id="unopposed-x1333-cor1"[\s\S]*?<\/form>/.exec(page)![0];
      const fields = [...unopposed.matchAll(/<input type="hidden" name="([^"]+)"/g)].map((m) => m[1]);
      expect(fields).toEqual(['_csrf', 'text']);
      expectSeeOther(
        await officer.submit(`${base()}/decisions`, `${base()}/decisions`, { text: 'x1333-cor1' }),
        `${base()}/decisions?notice=outcome-decision-recorded`,
      );
      const after = decode((await officer.get(`${base()}/decisions`)).body);
      const section = /<section class="outcome-decision" id="text-x1333-cor1"[\s\S]*?<\/section>/.exec(after)![0];
      expect(section).toContain('Approved');
      expect(section).not.toContain('as approved, unopposed');
    });

    it('refuses an observer or a State whose right is suspended named in a decision, at its field, in the reader’s language', async () => {
      await setEligibility(web().world.ctx, {
        actor: SECRETARIAT,
        code: 'IT',
        mayReply: false,
        note: 'Right to reply suspended',
        since: null,
      });
      await jumpTo('2023-08-30T10:00:00Z');
      const fields = {
        text: 'x1353',
        opposing: ['GB', 'PS'],
        reservationState: ['IT', ''],
        reservationNote: ['Reservation on clause 7', ''],
      };
      const response = await officer.submit(`${base()}/decisions`, `${base()}/decisions`, fields);
      expect(response.statusCode).toBe(422);
      const body = decode(response.body);
      expect(body).toContain(
        '<a href="#field-x1353-opposing">State of Palestine (PS) is an observer, not a Member State: it has no voice in the decision on X.1353 and may not be named in it (WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.1)</a>',
      );
      expect(body).toContain(
        '<a href="#field-x1353-res-0-state">The right of Italy (IT) to reply is suspended: it has no voice in the decision on X.1353 and may not be named in it (WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.1)</a>',
      );
      expect(body).toMatch(/<option value="GB" selected/);
      expect(body).toContain('value="Reservation on clause 7"');
      const fr = `/fr/secretariat/consultations/${id}/decisions`;
      const french = await officer.submit(fr, fr, fields);
      expect(french.statusCode).toBe(422);
      expect(decode(french.body)).toContain(
        'Palestine (PS) : cet observateur n’est pas un Etat Membre ; il n’a pas voix dans la décision concernant X.1353',
      );
      const results = await computeResults(web().world.ctx, { actor: SECRETARIAT, consultationId: id });
      expect(results.texts.find((r) => r.text.id === 'x1353')?.decision ?? null).toBeNull();
    });

    it('saves the results report’s TD number and Questions, and says at its field what is too long, keeping what was typed', async () => {
      await jumpTo('2023-09-07T10:00:00Z');
      const page = await officer.get(`${base()}/decisions`);
      const form = /<section aria-labelledby="report-title" id="results-report"[\s\S]*?<\/section>/.exec(page.body)![0];
      expect(form).toContain('id="field-reportTd"');
      expect(form).toContain('id="field-reportQuestions"');
      const saved = await officer.post(`${base()}/report-header`, {
        _csrf: csrfOf(page.body, `${base()}/report-header`),
        td: 'SG17-TD1234',
        questions: '6/17, 10/17',
      });
      expectSeeOther(saved, `${base()}/decisions?notice=outcome-report-header-saved#results-report`);
      const after = decode((await officer.get(`${base()}/decisions?notice=outcome-report-header-saved`)).body);
      expect(after).toContain('The header of the results report was saved.');
      expect(after).toContain('value="SG17-TD1234"');
      expect((await findConsultation(web().world.ctx.db, id))?.consultation.resultsReport).toEqual({
        td: 'SG17-TD1234',
        questions: '6/17, 10/17',
      });
      const refused = await officer.post(`${base()}/report-header`, {
        _csrf: sessionToken(after),
        td: 'T'.repeat(61),
        questions: '6/17',
      });
      expect(refused.statusCode).toBe(400);
      expect(decode(refused.body)).toContain('<a href="#field-reportTd">Enter a number of at most 60 characters.</a>');
      expect(refused.body).toContain(`value="${'T'.repeat(61)}"`);
      expect((await findConsultation(web().world.ctx.db, id))?.consultation.resultsReport.td).toBe('SG17-TD1234');
    });

    it('records decisions with a reservation and more time, shows the outcome and window, then issues the notice', async () => {
      await jumpTo('2023-09-07T10:00:00Z');
      const first = await officer.submit(`${base()}/decisions`, `${base()}/decisions`, {
        text: 'x1353',
        moreTime: 'CN',
        reservationState: ['US', ''],
        reservationNote: ['Reserves its position on Annex A', ''],
      });
      expectSeeOther(first, `${base()}/decisions?notice=outcome-decision-recorded`);
      const page = decode((await officer.get(`${base()}/decisions?notice=outcome-decision-recorded`)).body);
      expect(page).toContain('The decision was recorded.');
      const x1353 = /<section class="outcome-decision" id="text-x1353"[\s\S]*?<\/section>/.exec(page)![0];
      expect(x1353).toContain('Pending: more time was requested');
      expect(x1353).toContain('United States of America: Reserves its position on Annex A');
      expect(x1353).toContain('6 October 2023 at 23:59 UTC');
      // The formal-opposition row of the State that asked for more time.
      expect(x1353).toContain("Formal opposition from China (People's Republic of): received at");

      expectSeeOther(
        await officer.submit(`${base()}/decisions`, `${base()}/decisions`, { text: 'x1333-cor1' }),
        `${base()}/decisions?notice=outcome-decision-recorded`,
      );
      const ready = await officer.get(`${base()}/decisions`);
      expect(decode(ready.body)).toContain('the results notice can be issued');
      // The e-mail the notice will send, as it would go now, decisions included.
      const mail = decode(/<details class="sec-mail" id="mail-results">[\s\S]*?<\/details>/.exec(ready.body)![0]);
      expect(mail).toContain('The e-mail the notice sends to the focal points and observers, as it would go now');
      expect(mail).toContain('TSB Circular 79');
      expect(mail).toContain('X.1353');
      expect(mail).toContain('United States of America');
      // A reference too long comes back at its field, as typed, and issues nothing.
      const tooLong = await officer.post(`${base()}/notice`, {
        _csrf: csrfOf(ready.body, `${base()}/notice`),
        reference: 'x'.repeat(101),
      });
      expect(tooLong.statusCode).toBe(400);
      expect(decode(tooLong.body)).toContain(
        '<a href="#field-noticeReference">Enter a reference of at most 100 characters.</a>',
      );
      expect(tooLong.body).toContain(`value="${'x'.repeat(101)}"`);
      const issued = await officer.post(`${base()}/notice`, {
        _csrf: csrfOf(ready.body, `${base()}/notice`),
        reference: 'TSB Circular 140',
      });
      expectSeeOther(issued, `${base()}/results?notice=outcome-notice-issued`);
      const consultation = await findConsultation(web().world.ctx.db, id);
      expect(consultation?.consultation.resultsNoticeReference).toBe('TSB Circular 140');
      const results = decode((await officer.get(`${base()}/results?notice=outcome-notice-issued`)).body);
      expect(results).toContain('The results notice was issued.');
      expect(results).toContain('Meeting decision: Pending: more time was requested');
      const after = decode((await officer.get(`${base()}/decisions`)).body);
      expect(after).toContain('The results notice has been issued: the decisions are final.');
      expect(after).not.toContain('<form method="post" action="/en/secretariat/consultations/tsb-79-2023/decisions"');
      // Issued once.
      const again = await officer.post(`${base()}/notice`, { _csrf: sessionToken(after) });
      expect(again.statusCode).toBe(409);
      expect(decode(again.body)).toContain('The results notice has already been issued');
      // Recording a reply is closed too.
      expect(decode((await officer.get(`${base()}/replies/record`)).body)).toContain(
        'replies can no longer change the results',
      );
      const frozen = await postMultipart(
        officer,
        `${base()}/replies/record`,
        {
          _csrf: sessionToken(after),
          memberState: 'BR',
          receivedAt: '2023-08-10T10:00',
          channel: 'paper',
          'position-x1353': 'assigns_authority',
          signatoryName: 'C. Ministro',
          signatoryTitle: 'Secretary',
        },
        { name: 'scan.pdf', content: SCAN_PDF },
      );
      expect(frozen.statusCode).toBe(409);
      expect(decode(frozen.body)).toContain('replies can no longer change the results');
      expect((await repliesOf()).map((r) => r.state.code).sort()).toEqual(['DE', 'FR', 'JP', 'KR']);
    });
  });
});
