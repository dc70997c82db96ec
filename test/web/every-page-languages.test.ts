import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/i18n/i18n.js';
import { uploadAttachment } from '../../src/services/attachments.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { issueResultsNotice } from '../../src/services/issue-results-notice.js';
import { recordDecision } from '../../src/services/record-decision.js';
import { recordReply } from '../../src/services/record-reply.js';
import { saveReplyDraft } from '../../src/services/save-reply-draft.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { receiveMail } from '../../src/services/intake/mail-intake.js';
import { ENGLISH_FRAGMENTS, enteredInWorld, untranslated, visibleText } from '../helpers/untranslated.js';
import { consultationInput, focalPoint, replyInput, SECRETARIAT } from '../helpers/world.js';
import { useWeb, type Browser } from './web-harness.js';

/**
 * Every page a reader, a focal point and the secretariat can open, in each of the six languages,
 * for a consultation with a reply, a recorded paper form, a draft, the meeting's decisions (a
 * reservation, a request for more time, an opposition) and the results notice: no ISO timestamp,
 * no raw code, and outside English no English fragment, outside what the secretariat and the
 * States typed (issue 20). Each page is rendered once per language. SQLite only: the pages read
 * the same values from either database, and the storage tests cover PostgreSQL.
 */

const ID = 'tsb-79-2023';
const DRAFT_ID = 'tsb-80-2023';
const RESERVATION = 'Clause 7 of the text is not acceptable.';
const KR_COMMENTS = 'Korea proposes editorial corrections.';
const MAIL_SUBJECT = 'Reply of Korea';
const MAIL_FROM = 'Kim Min-jun <kim@msit.kr.test>';
const MAIL_TEXT = 'Our reply follows by fax.';

/** What the secretariat and the States typed: theirs, in the language they wrote it. */
function enteredContent(): string[] {
  return [
    ...enteredInWorld(),
    'C. Ministro',
    'Secretary of Telecommunications',
    'TSB Officer',
    'Kim Min-jun',
    RESERVATION,
    KR_COMMENTS,
    'scan-br.pdf',
    MAIL_SUBJECT,
    MAIL_FROM,
    MAIL_TEXT,
  ];
}

/**
 * What the test does not read, narrowly: a State's code in its own column beside the name (the
 * replies dashboard, as the secretariat files replies; the participants page), and the audit trail's actor and subject
 * cells and each action's code beside its words.
 */
function beside(html: string): string {
  return (
    html
      .replace(/<span[^>]*class="(?:outcome|participant)-code"[^>]*>[A-Z]{2}<\/span>/g, '')
      // The audit trail shows each event's actor id and subject key, and each action's code beside
      // its words, as the hash chain records them (what one searches and verifies by).
      .replace(/<td class="sec-wrap">[\s\S]*?<\/td>|<code[^>]*class="sec-audit-code"[^>]*>[^<]*<\/code>/g, '')
  );
}

describe('every page in the six languages [sqlite]', () => {
  const web = useWeb('sqlite');

  it('shows no ISO timestamp, raw code or English fragment outside what people typed', async () => {
    const { ctx, clock } = web().world;
    await web().world.openConsultation();
    await createConsultation(ctx, {
      actor: SECRETARIAT,
      input: consultationInput({ number: 80, reference: 'TSB Circular 80' }),
    });
    clock.set('2023-04-03T09:00:00Z');
    // KR replies online with comments, then starts an amendment (a draft); BR's paper form is recorded.
    await submitReply(ctx, {
      actor: focalPoint('KR'),
      consultationId: ID,
      memberState: 'KR',
      channel: 'web',
      input: replyInput(['x1353', 'x1471'], {
        positions: [
          {
            text: 'x1333-cor1',
            position: 'assigns_authority',
            option: 'comments_attached',
            comments: KR_COMMENTS,
          },
        ],
      }),
    });
    const draft = { position: 'assigns_authority', option: 'no_comments' } as const;
    const empty = { comments: '', reasons: '', possibleChanges: '', attachment: null };
    await saveReplyDraft(ctx, {
      actor: focalPoint('KR'),
      consultationId: ID,
      memberState: 'KR',
      basedOnVersion: 1,
      expectedRevision: 0,
      content: {
        positions: Object.fromEntries(['x1333-cor1', 'x1353', 'x1471'].map((text) => [text, { ...draft, ...empty }])),
        signatoryName: 'Kim Min-jun',
        signatoryTitle: 'Director, Ministry of ICT',
        place: 'Capital',
        signedOn: '2023-05-01',
      },
    });
    const scan = await uploadAttachment(ctx, {
      actor: SECRETARIAT,
      filename: 'scan-br.pdf',
      content: Buffer.from('%PDF-1.4\n% paper form of BR\n%%EOF\n', 'latin1'),
    });
    await recordReply(ctx, {
      actor: SECRETARIAT,
      consultationId: ID,
      memberState: 'BR',
      input: {
        channel: 'paper',
        receivedAt: '2023-04-03T08:30:00Z',
        originalFile: scan.sha256,
        positions: replyInput().positions,
        signatory: { name: 'C. Ministro', title: 'Secretary of Telecommunications' },
      },
    });

    // A message received by e-mail, waiting in the inbox: from an address registered for no State, without a form.
    const mail = await receiveMail(
      ctx,
      { authservId: null, requireAuthentication: false, maxBytes: 1_000_000 },
      {
        raw: Buffer.from(
          `From: ${MAIL_FROM}\r\nSubject: ${MAIL_SUBJECT}\r\nDate: Mon, 3 Apr 2023 08:00:00 +0000\r\n\r\n${MAIL_TEXT}\r\n`,
        ),
        channel: 'pipe',
      },
    );

    const people: { browser: Browser; email: string; seed: string }[] = [];
    for (const [email, name, role] of [
      ['officer@itu.test', 'TSB Officer', 'secretariat_admin'],
      ['kim@msit.kr.test', 'Kim Min-jun', 'focal_point'],
    ] as const) {
      const browser = web().browser();
      const { invitationPath } = await web().invite({ email, name, role, memberState: 'KR' });
      people.push({ browser, email, seed: (await web().enrol(browser, invitationPath)).seed });
    }
    const [officer, kim] = people.map((person) => person.browser) as [Browser, Browser];

    const entered = enteredContent();
    const failures: string[] = [];
    let englishSeen = 0;
    const check = async (browser: Browser, paths: readonly string[]) => {
      for (const locale of LOCALES)
        for (const path of paths) {
          const page = await browser.get(`/${locale}${path}`);
          expect(page.statusCode, `${locale}${path}`).toBe(200);
          const text = visibleText(beside(page.body));
          if (locale === 'en') englishSeen += ENGLISH_FRAGMENTS.filter((fragment) => text.includes(fragment)).length;
          for (const found of untranslated(text, locale, entered)) failures.push(`${locale}${path}: ${found}`);
        }
    };

    /** A form posted with what is wrong, in each language: its error summary and page (a 4xx). */
    const checkRefused = async (
      browser: Browser,
      path: string,
      fields: Readonly<Record<string, string | readonly string[]>>,
    ) => {
      for (const locale of LOCALES) {
        const page = await browser.submit(`/${locale}${path}`, `/${locale}${path}`, fields);
        expect(Math.floor(page.statusCode / 100), `${locale}${path} posted`).toBe(4);
        expect(page.body, `${locale}${path} posted`).toContain('class="error-summary"');
        const text = visibleText(beside(page.body));
        for (const found of untranslated(text, locale, entered)) failures.push(`${locale}${path} (posted): ${found}`);
      }
    };

    // While the consultation is open: the reply form, its review and the form recording a paper reply.
    const my = `/my/consultations/${ID}/reply`;
    const sec = `/secretariat/consultations/${ID}`;
    await check(kim, ['/my', my, `${my}/review`]);
    await check(officer, [`${sec}/replies/record`]);
    // Error states: a circular posted empty (every field's own message), a paper reply recorded
    // without a State, channel, date or positions.
    await checkRefused(officer, '/secretariat/consultations/new', { number: 'x', deadlineTime: '25:00' });
    await checkRefused(officer, `${sec}/replies/record`, {});

    // At the meeting: X.1333 Cor.1 approved with FR's reservation, more time on X.1353 for DE, X.1471 opposed by CN; then the notice.
    clock.set('2023-09-05T10:00:00Z');
    await recordDecision(ctx, {
      actor: SECRETARIAT,
      consultationId: ID,
      textId: 'x1333-cor1',
      input: { reservations: [{ state: 'FR', note: RESERVATION }] },
    });
    await recordDecision(ctx, { actor: SECRETARIAT, consultationId: ID, textId: 'x1353', input: { moreTime: ['DE'] } });
    await recordDecision(ctx, { actor: SECRETARIAT, consultationId: ID, textId: 'x1471', input: { opposing: ['CN'] } });
    // A contradictory decision and an observer named as opposing: refused at their fields, the States named.
    await web().signIn(people[0]!.browser, people[0]!.email, people[0]!.seed);
    await checkRefused(officer, `${sec}/decisions`, {
      text: 'x1353',
      opposing: ['GB', 'PS'],
      abstaining: ['GB'],
      reservationState: ['GB', 'CH'],
      reservationNote: ['Reservation on clause 7', ''],
    });
    clock.set('2023-09-12T10:00:00Z');
    await issueResultsNotice(ctx, { actor: SECRETARIAT, consultationId: ID });
    // Sessions end after 30 idle minutes: both sign in again.
    for (const person of people) await web().signIn(person.browser, person.email, person.seed);

    await check(web().browser(), ['', `/consultations/${ID}`, `/consultations/${ID}/results`, '/approved']);
    await check(kim, ['/my', my, `${my}/receipt/1`, `${my}/history`]);
    await check(officer, [
      '/secretariat',
      '/secretariat/consultations/new',
      sec,
      `/secretariat/consultations/${DRAFT_ID}/preview`,
      `/secretariat/consultations/${DRAFT_ID}/texts/x1353`,
      `${sec}/replies`,
      `${sec}/comments`,
      `${sec}/replies/KR`,
      `${sec}/decisions`,
      `${sec}/results`,
      '/secretariat/audit',
      '/secretariat/accounts',
      '/secretariat/participants',
      '/secretariat/participants/PS',
      '/secretariat/languages',
      '/secretariat/inbox',
      `/secretariat/inbox/${mail.id}`,
    ]);
    // The fragment check sees English where English is written (about 500 runs in these pages).
    expect(englishSeen).toBeGreaterThan(300);
    expect(failures).toEqual([]);
  });
});
