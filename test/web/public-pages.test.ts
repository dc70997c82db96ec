import { expect, it } from 'vitest';
import type { AccountRole } from '../../src/db/database.js';
import { CIRCULAR_79 } from '../../src/db/seed/circular-79.data.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { issueConsultation } from '../../src/services/issue-consultation.js';
import { recordDecision } from '../../src/services/record-decision.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { consultationInput, focalPoint, replyInput, SECRETARIAT } from '../helpers/world.js';
import { decode, textOf, useWeb, type Browser } from './web-harness.js';

/** The page-weight budget of issue #4 (HTML alone here, uncompressed: stricter than asked). */
const BUDGET_BYTES = 60 * 1024;

/** Ten Member States replying to the default three texts. */
const STATES = ['KR', 'FR', 'DE', 'JP', 'BR', 'CN', 'US', 'GB', 'IN', 'ZA'] as const;

/** The text of a page without tags, entities decoded, whitespace collapsed: what a reader reads. */
function readable(html: string): string {
  // Bidi isolation (<bdi>) is inline: it joins its neighbours without a space.
  return decode(
    html
      .replace(/<script[\s\S]*?<\/script>/g, '')
      .replace(/<\/?bdi[^>]*>/g, '')
      .replace(/<[^>]+>/g, ' '),
  ).replace(/\s+/g, ' ');
}

/** The text of the element with `id`, up to its own closing tag (`tag`), inline elements included. */
function elementText(html: string, id: string, tag = 'dd'): string {
  const match = new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</${tag}>`).exec(html);
  if (!match) throw new Error(`No element #${id}`);
  return readable(match[1]!).trim();
}

describeEachDialect('public pages', (dialect) => {
  const web = useWeb(dialect);

  /**
   * Replies of ten States to the three texts: X.1333 Cor.1 10 of 10 (100 %), X.1353 7 of 10
   * (exactly 70 %: passes), X.1471 6 of 10 (60 %: fails; 4 more would have been needed).
   */
  async function replyTenStates(consultationId: string): Promise<void> {
    const { ctx } = web().world;
    for (const [index, state] of STATES.entries()) {
      const position = (supports: boolean, text: string) =>
        supports
          ? { text, position: 'assigns_authority' as const, option: 'no_comments' as const }
          : {
              text,
              position: 'does_not_assign_authority' as const,
              reasons: 'The text needs more work on its security considerations.',
            };
      const input = replyInput(undefined, {
        positions: [position(true, 'x1333-cor1'), position(index < 7, 'x1353'), position(index < 6, 'x1471')],
      });
      await submitReply(ctx, { actor: focalPoint(state), consultationId, memberState: state, input, channel: 'api' });
    }
  }

  /** A browser signed in with a new account of `role` (invitation, authenticator, sign-in done). */
  async function signedIn(role: AccountRole, memberState?: string): Promise<Browser> {
    const browser = web().browser();
    const { invitationPath } = await web().invite({ role, ...(memberState && { memberState }) });
    await web().enrol(browser, invitationPath);
    return browser;
  }

  it('sends / without a language to the home page in the language of Accept-Language, falling back to English', async () => {
    const visitor = web().browser();
    for (const [acceptLanguage, home] of [
      ['en-GB,en;q=0.9', '/en/'],
      ['fr-CA,fr;q=0.9,de;q=0.5', '/fr/'],
      ['de-CH,de;q=0.9', '/en/'],
      ['', '/en/'],
    ] as const) {
      const response = await visitor.get('/', acceptLanguage === '' ? {} : { 'accept-language': acceptLanguage });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(home);
      expect(String(response.headers.vary)).toMatch(/accept-language/i);
    }
    const home = await visitor.get('/en/');
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.body).toContain('<html lang="en" dir="ltr">');
    expect(textOf(home.body, 'how-title')).toBe('How a consultation works');
  });

  it('lists open and closed consultations with links, and hides drafts from everyone but the secretariat', async () => {
    const { ctx, clock } = web().world;
    // Issued in January, closed the day before "now".
    clock.set('2023-01-10T08:00:00Z');
    const closed = await web().world.openConsultation({
      number: 70,
      reference: 'TSB Circular 70',
      date: '2023-01-10',
      deadline: '2023-03-27T23:59:59.999Z',
      meeting: { place: 'Geneva', firstDay: '2023-04-11', lastDay: '2023-04-20', collectiveLetter: null },
    });
    clock.set('2023-03-28T08:00:00Z');
    const open = await web().world.openConsultation();
    const draft = (
      await createConsultation(ctx, {
        actor: SECRETARIAT,
        input: consultationInput({ number: 81, reference: 'TSB Circular 81 (draft)' }),
      })
    ).id;
    expect(clock.now()).toBe(Date.parse('2023-03-28T08:00:00Z'));

    const home = await web().browser().get('/en/');
    expect(home.statusCode).toBe(200);
    const [openPart, closedPart] = home.body.split('id="closed-title"');
    expect(openPart).toContain(`href="/en/consultations/${open}"`);
    expect(openPart).not.toContain(`href="/en/consultations/${closed}"`);
    expect(readable(openPart!)).toContain('2359 hours UTC on 16 August 2023');
    expect(openPart).toContain('data-countdown="2023-08-16T23:59:59.999Z"');
    // 141 days and 15 hours 59 minutes before the deadline: the two largest units.
    expect(readable(openPart!)).toContain('141 days 15 hours');
    expect(closedPart).toContain(`href="/en/consultations/${closed}"`);
    expect(closedPart).toContain(`href="/en/consultations/${closed}/results"`);
    expect(readable(closedPart!)).toContain('Closed: results available');
    expect(home.body).not.toContain(draft);
    expect(home.body).not.toContain('TSB Circular 81 (draft)');
    expect(home.body).toContain('href="/en/approved"');

    const secretariat = await signedIn('secretariat_staff');
    const seen = await secretariat.get('/en/');
    expect(seen.body).toContain(`href="/en/consultations/${draft}"`);
    expect(textOf(seen.body, 'drafts-title')).toBe('Drafts not yet issued');
    expect((await secretariat.get(`/en/consultations/${draft}`)).statusCode).toBe(200);
    expect((await web().browser().get(`/en/consultations/${draft}`)).statusCode).toBe(404);
  });

  it('shows the circular: every determined text, the deadline in UTC with a countdown, the procedure with its clauses, the TSB notes', async () => {
    const id = await web().world.openConsultation({
      notes: [
        'TSB NOTE 1 – Except for X.1471, no ITU-T A.5 justifications have been submitted.',
        'TSB NOTE 2 – No IPR statement received.',
      ],
    });
    const page = await web().browser().get(`/en/consultations/${id}`);
    expect(page.statusCode).toBe(200);
    const text = readable(page.body);
    expect(textOf(page.body, 'main').length).toBeGreaterThan(0);
    expect(page.body).toContain('<h1>TSB Circular 79</h1>');
    for (const heading of [
      'Draft corrigendum ITU-T X.1333 Cor.1',
      'Draft new Recommendation ITU-T X.1353 (X.ztd-iot)',
      'Draft new Recommendation ITU-T X.1471 (X.websec-7)',
    ]) {
      expect(text).toContain(heading);
    }
    for (const title of ['Remote access tools', 'Zero-touch deployment', 'Reference monitor'])
      expect(text).toContain(title);
    for (const location of ['Document R34', 'Document R35', 'Document R36']) expect(text).toContain(location);
    expect(textOf(page.body, 'deadline')).toBe('2359 hours UTC on 16 August 2023');
    expect(page.body).toContain('<time datetime="2023-08-16T23:59:59.999Z" data-local');
    expect(page.body).toContain('data-countdown="2023-08-16T23:59:59.999Z"');
    expect(text).toContain('Goyang, Korea, 29 August 2023 to 8 September 2023');
    expect(text).toContain('If 70% or more of the replies from Member States support consideration for approval');
    expect(text).toContain('WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.5');
    expect(text).toContain('WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.4');
    expect(text).toContain('TSB NOTE 1 – Except for X.1471');
    expect(text).toContain('TSB NOTE 2 – No IPR statement received.');
    expect(text).toContain('Open for replies');
    // Before the deadline the public is told results come later; no reply or secretariat link.
    expect(text).toContain('The results are published here after the deadline.');
    expect(page.body).not.toContain('/my/consultations/');
    expect(page.body).not.toContain('/secretariat/consultations/');
  });

  it("shows the circular's steps (its procedure's phases) with their days, the current one marked, as time and decisions move it", async () => {
    const { ctx, clock } = web().world;
    const id = await web().world.openConsultation();
    const steps = (body: string) => readable(body.split('id="phases-title">')[1]!.split('</section>')[0]!).trim();
    const open = (await web().browser().get(`/en/consultations/${id}`)).body;
    expect(elementText(open, 'phase')).toBe('Consultation of Member States: 28 March 2023 to 16 August 2023');
    expect(steps(open)).toBe(
      'Steps of this consultation Consultation of Member States Now 28 March 2023 to 16 August 2023 WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.1 ' +
        'Study group meeting To come 29 August 2023 to 8 September 2023 WTSA Resolution 1 (Rev. Geneva, 2022) §9.5.3 ' +
        'Results notified To come due by 6 October 2023 WTSA Resolution 1 (Rev. Geneva, 2022) §9.6.1',
    );
    expect(open).toMatch(
      /<li class="phase-step phase-current" aria-current="step">\s*<strong>Consultation of Member States<\/strong>/,
    );
    expect(open.match(/aria-current="step"/g)).toHaveLength(1);

    // Between the deadline and the meeting: no current step, the meeting next.
    clock.set('2023-08-20T12:00:00Z');
    const between = (await web().browser().get(`/en/consultations/${id}`)).body;
    expect(elementText(between, 'phase')).toBe(
      'Between steps. Next: Study group meeting (29 August 2023 to 8 September 2023)',
    );
    expect(between).not.toContain('aria-current="step"');

    // A delegation asks for more time at the meeting: the window appears, and is the step after it.
    clock.set('2023-09-08T12:00:00Z');
    await recordDecision(ctx, { actor: SECRETARIAT, consultationId: id, textId: 'x1353', input: { moreTime: ['DE'] } });
    clock.set('2023-09-20T12:00:00Z');
    const window = (await web().browser().get(`/en/consultations/${id}`)).body;
    expect(elementText(window, 'phase')).toBe('More time for formal opposition: 9 September 2023 to 6 October 2023');
    expect(steps(window)).toContain('Study group meeting Ended 29 August 2023 to 8 September 2023');
    expect(steps(window)).toContain('Results notified To come due by 3 November 2023');

    // The same in French, with the procedure's own words for each step.
    const fr = (await web().browser().get(`/fr/consultations/${id}`)).body;
    expect(elementText(fr, 'phase')).toBe(
      'Délai supplémentaire pour une opposition formelle : du 9 septembre 2023 au 6 octobre 2023',
    );
    expect(steps(fr)).toContain('Réunion de la Commission d’études Terminée');

    // The notice not issued by its due day: the step says it is late.
    clock.set('2023-11-04T00:00:00Z');
    const late = (await web().browser().get(`/en/consultations/${id}`)).body;
    expect(elementText(late, 'phase')).toBe('Between steps. Next: Results notified (was due by 3 November 2023)');
    // Its tag says so too, not "To come".
    expect(steps(late)).toContain('Results notified Overdue was due by 3 November 2023');
    expect(late).toContain('<span class="tag phase-tag-overdue">Overdue</span>');
  });

  it('gives a focal point the call to reply and the secretariat its own link', async () => {
    const id = await web().world.openConsultation();
    const kr = await signedIn('focal_point', 'KR');
    const page = await kr.get(`/en/consultations/${id}`);
    expect(page.body).toContain(`href="/en/my/consultations/${id}/reply"`);
    expect(page.body).not.toContain('/secretariat/consultations/');

    const secretariat = await signedIn('secretariat_staff');
    const seen = await secretariat.get(`/en/consultations/${id}`);
    expect(seen.body).toContain(`href="/en/secretariat/consultations/${id}"`);
    expect(seen.body).toContain(`href="/en/consultations/${id}/results"`);
    expect(seen.body).not.toContain('/my/consultations/');

    // After the deadline the call to reply gives way to a sentence (a new session: the first one timed out meanwhile).
    web().world.clock.set('2023-08-17T00:00:00Z');
    const late = await (await signedIn('focal_point', 'KR')).get(`/en/consultations/${id}`);
    expect(late.body).not.toContain('/my/consultations/');
    expect(readable(late.body)).toContain('The deadline has passed: replies are closed.');
  });

  it('answers an unknown consultation with the not-found page, in HTML', async () => {
    for (const path of [
      '/en/consultations/no-such-circular',
      '/en/consultations/NO%20SUCH',
      '/en/consultations/no-such-circular/results',
    ]) {
      const response = await web().browser().get(path);
      expect(response.statusCode, path).toBe(404);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toContain('<h1>Page not found</h1>');
    }
  });

  it('refuses results before the deadline with a page saying when they come (409), and gives the secretariat provisional figures', async () => {
    const id = await web().world.openConsultation();
    await replyTenStates(id);
    const early = await web().browser().get(`/en/consultations/${id}/results`);
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('<h1>The results are not available yet</h1>');
    const text = readable(early.body);
    expect(text).toContain('The results of TSB Circular 79 are published when its deadline has passed');
    expect(text).toContain('2359 hours UTC on 16 August 2023');
    expect(early.body).toContain(`href="/en/consultations/${id}"`);
    expect(text).not.toContain('7 of 10');

    const secretariat = await signedIn('secretariat_staff');
    const provisional = await secretariat.get(`/en/consultations/${id}/results`);
    expect(provisional.statusCode).toBe(200);
    expect(readable(provisional.body)).toContain('Provisional: the deadline has not passed');
  });

  it('shows the results after the deadline: the figures, the share, the outcome and the rule in words with its clause', async () => {
    const id = await web().world.openConsultation();
    await replyTenStates(id);
    web().world.clock.set('2023-08-17T00:00:00Z');
    const page = await web().browser().get(`/en/consultations/${id}/results`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Results: TSB Circular 79</h1>');

    expect(elementText(page.body, 'explanation-x1333-cor1')).toBe(
      '10 of 10 replies (100%) support the text: at least 70% are needed (WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.5). It goes to the meeting for decision.',
    );
    // Exactly 70 %: passes (Res. 1 §9.4.5, "70 per cent or more").
    expect(elementText(page.body, 'explanation-x1353')).toBe(
      '7 of 10 replies (70%) support the text: at least 70% are needed (WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.5). It goes to the meeting for decision.',
    );
    expect(elementText(page.body, 'explanation-x1471')).toBe(
      '6 of 10 replies (60%) support the text: at least 70% are needed (WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.6). The meeting may not consider it. 4 more supporting replies would have been needed.',
    );
    const x1471 = readable(page.body.split('id="result-x1471"')[1]!.split('</section>')[0]!);
    expect(x1471).toContain('Replies received by the deadline 10');
    expect(x1471).toContain('Supporting: assign authority 6');
    expect(x1471).toContain('Not supporting: do not assign authority 4');
    expect(x1471).toContain('Share of support 60%');
    expect(x1471).toContain('Not considered at this meeting');
    expect(x1471).toContain('This text was not put to the meeting.');
    // Replies stay confidential unless the circular publishes them.
    expect(readable(page.body)).toContain('Individual replies are not published for this consultation');
    expect(page.body).not.toContain('Korea (Republic of)');
  });

  it('lists the replying States and their positions when the circular publishes them', async () => {
    const id = await web().world.openConsultation({ individualRepliesPublic: true });
    await replyTenStates(id);
    web().world.clock.set('2023-08-17T00:00:00Z');
    const page = await web().browser().get(`/en/consultations/${id}/results`);
    const table = page.body.split('id="state-replies"')[1]!.split('</table>')[0]!;
    expect(table.match(/<tr>/g)?.length).toBe(STATES.length + 1);
    expect(readable(table)).toContain('Korea (Republic of) Supports Supports Supports');
    expect(readable(table)).toContain('South Africa (Republic of) Supports Does not support Does not support');
  });

  it("shows the meeting's decisions, and lists the approved texts with their reservations", async () => {
    const { ctx, clock } = web().world;
    const id = await web().world.openConsultation();
    await replyTenStates(id);
    expect(readable((await web().browser().get('/en/approved')).body)).toContain('No text has been approved yet.');

    clock.set('2023-09-08T12:00:00Z');
    await recordDecision(ctx, {
      actor: SECRETARIAT,
      consultationId: id,
      textId: 'x1333-cor1',
      input: { reservations: [{ state: 'FR', note: 'France reserves its position on clause 7.' }] },
    });
    await recordDecision(ctx, { actor: SECRETARIAT, consultationId: id, textId: 'x1353', input: { moreTime: ['DE'] } });
    const during = readable((await web().browser().get(`/en/consultations/${id}/results`)).body);
    expect(during).toContain('Approved');
    expect(during).toContain(
      'No Member State delegation opposed it, so the meeting approved it (WTSA Resolution 1 (Rev. Geneva, 2022) §9.5.3).',
    );
    expect(during).toContain('France: France reserves its position on clause 7.');
    expect(during).toContain('Waiting: more time was asked for');
    expect(during).toContain(
      'Germany (Federal Republic of) asked for more time to consider it. Unless formal opposition reaches the Director of the TSB by 6 October 2023 at 23:59 UTC, it will be approved',
    );

    const approved = await web().browser().get('/en/approved');
    expect(approved.statusCode).toBe(200);
    const rows = approved.body.split('id="approved-texts"')[1]!;
    expect(readable(rows)).toContain('Draft corrigendum ITU-T X.1333 Cor.1 Remote access tools TSB Circular 79');
    expect(rows).toContain(`href="/en/consultations/${id}/results"`);
    expect(readable(rows)).toContain('France: France reserves its position on clause 7.');
    expect(rows).not.toContain('X.1353');

    // After the four-week window without formal opposition, X.1353 is approved too.
    clock.set('2023-10-07T00:00:00Z');
    const later = readable((await web().browser().get('/en/approved')).body);
    expect(later).toContain('X.1353');
    expect(readable((await web().browser().get(`/en/consultations/${id}/results`)).body)).toContain(
      'no formal opposition arrived within four weeks',
    );
  });

  it('mirrors Circular 79: its six texts with titles, summaries and locations, both TSB notes, the meeting and the deadline', async () => {
    const { ctx } = web().world;
    const { id } = await createConsultation(ctx, { actor: SECRETARIAT, input: CIRCULAR_79 });
    await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: id });
    const page = await web().browser().get(`/en/consultations/${id}`);
    const text = readable(page.body);
    expect(page.body).toContain('<h1>TSB Circular 79, SG17/XY</h1>');
    for (const t of CIRCULAR_79.texts ?? []) {
      expect(text).toContain(t.title);
      expect(text).toContain(`Document ${t.location}`);
      for (const paragraph of (t.summary ?? '').split('\n').filter(Boolean))
        expect(text).toContain(paragraph.trim().replace(/\s+/g, ' '));
    }
    expect(text).toContain('Draft corrigendum ITU-T X.1333 Cor.1');
    expect(text).toContain('Draft new Recommendation ITU-T X.1817 (X.5Gsec-message)');
    for (const note of CIRCULAR_79.notes) expect(text).toContain(note);
    expect(text).toContain('Goyang, Korea, 29 August 2023 to 8 September 2023');
    expect(text).toContain('Collective letter 5/17');
    expect(text).toContain('Seizo Onoe, Director of the Telecommunication Standardization Bureau');
    expect(textOf(page.body, 'deadline')).toBe('2359 hours UTC on 16 August 2023');
    // The public is shown the way in for focal points.
    expect(page.body).toContain('href="/en/login"');
  });

  it('lists consultations newest first', async () => {
    const older = await web().world.openConsultation({ number: 60, reference: 'TSB Circular 60', date: '2023-02-01' });
    const newer = await web().world.openConsultation({ number: 79, reference: 'TSB Circular 79', date: '2023-03-28' });
    const home = (await web().browser().get('/en/')).body;
    expect(home.indexOf(`/en/consultations/${newer}"`)).toBeGreaterThan(0);
    expect(home.indexOf(`/en/consultations/${newer}"`)).toBeLessThan(home.indexOf(`/en/consultations/${older}"`));
  });

  it('gives every public page one <h1>, a <main>, no inline script or style, and keeps it under 60 KB', async () => {
    const { ctx, clock } = web().world;
    const { id } = await createConsultation(ctx, {
      actor: SECRETARIAT,
      input: { ...CIRCULAR_79, individualRepliesPublic: true },
    });
    await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: id });
    const visitor = web().browser();
    await visitor.get('/en/');
    await visitor.get(`/en/consultations/${id}`);
    await visitor.get(`/en/consultations/${id}/results`);
    await visitor.get('/en/consultations/unknown');
    clock.set('2023-09-08T12:00:00Z');
    await recordDecision(ctx, { actor: SECRETARIAT, consultationId: id, textId: 'x1333-cor1', input: {} });
    await visitor.get(`/en/consultations/${id}/results`);
    await visitor.get('/en/approved');
    expect(visitor.pages.map((p) => p.response.statusCode)).toEqual([200, 200, 409, 404, 200, 200]);
    for (const { url, response } of visitor.pages) {
      expect(response.body.match(/<h1[ >]/g)?.length, url).toBe(1);
      expect(response.body, url).toContain('<main id="main"');
      expect(response.body, url).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=/);
      expect(Buffer.byteLength(response.body), url).toBeLessThan(BUDGET_BYTES);
    }
  });

  it('keeps text typed into a circular inert: a script in the subject is shown, never run', async () => {
    const attack = '<script>alert("subject")</script><img src=x onerror=alert(1)>';
    const id = await web().world.openConsultation({
      subject: attack,
      texts: [
        {
          kind: 'new',
          designation: 'X.1',
          title: '<b onmouseover=alert(2)>Title</b>',
          summary: 'A summary.',
          location: 'R1',
        },
      ],
    });
    for (const path of ['/en/', `/en/consultations/${id}`]) {
      const page = await web().browser().get(path);
      expect(page.body, path).not.toContain('<script>alert');
      expect(page.body, path).not.toContain('<img src=x');
      expect(page.body, path).not.toContain('<b onmouseover');
      expect(page.body, path).toContain('&lt;script>alert(&quot;subject&quot;)&lt;/script>');
    }
  });
});
