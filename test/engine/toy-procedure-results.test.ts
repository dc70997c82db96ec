import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerProcedure } from '../../src/procedures/registry.js';
import { docxText, normalise } from '../documents/document-harness.js';
import { DEADLINE, consultationInput } from '../helpers/world.js';
import { useApi } from '../http/api-harness.js';
import { TOY_PROCEDURE } from './toy-procedure.js';

/**
 * The results of a consultation run under the toy procedure (test/engine/toy-procedure.ts), as
 * the public results page, the secretariat's pages, the results report and the API give them: the
 * toy's figures and readings in its own words, none of TAP's.
 */
describe("a toy procedure's results read in its own words", () => {
  let unregister: () => void = () => {};
  beforeAll(() => {
    unregister = registerProcedure(TOY_PROCEDURE);
  });
  afterAll(() => unregister());
  const api = useApi('sqlite');

  /** TAP's words: its options, its figures, its threshold. */
  const TAP_WORDS = [/assign/i, /authority/i, /\b70\b/, /both boxes/i, /considered/i];
  const noTapWords = (text: string) => TAP_WORDS.filter((pattern) => pattern.test(text)).map(String);
  /** The page's text without its markup. */
  const textOf = (html: string) =>
    normalise(
      html
        .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&#x27;|&#39;/g, "'")
        .replace(/&amp;/g, '&'),
    );

  /** A toy ballot, public replies, KR yes/no and FR yes/yes, after its deadline. */
  async function decidedBallot(): Promise<string> {
    const { send, tokens, world } = api();
    const created = await send('POST', '/api/v1/consultations', {
      token: tokens.secretariat,
      body: consultationInput({ procedure: 'toy-majority', resolutionEdition: '2026', individualRepliesPublic: true }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await send('POST', `/api/v1/consultations/${id}/issue`, { token: tokens.secretariat })).statusCode).toBe(
      200,
    );
    world.clock.set('2023-05-02T09:00:00Z');
    const ballot = (votes: Record<string, string>) => ({
      positions: Object.entries(votes).map(([text, position]) => ({ text, position })),
      signatory: { name: 'A. Official', title: 'Head of delegation' },
    });
    for (const [state, token, votes] of [
      ['KR', tokens.kr, { x1353: 'yes', x1471: 'no' }],
      ['FR', tokens.fr, { x1353: 'yes', x1471: 'yes' }],
    ] as const) {
      const sent = await send('PUT', `/api/v1/consultations/${id}/replies/${state}`, { token, body: ballot(votes) });
      expect(sent.statusCode, sent.body).toBe(201);
    }
    world.clock.set(Date.parse(DEADLINE) + 1);
    return id;
  }

  it('gives the figures the toy declares in the API, by name, next to the fields every procedure has', async () => {
    const id = await decidedBallot();
    const results = await api().send('GET', `/api/v1/consultations/${id}/results`);
    expect(results.statusCode, results.body).toBe(200);
    const x1471 = results
      .json<{ texts: { text: { id: string }; outcome: string; basis: string; figures: unknown[] }[] }>()
      .texts.find((t) => t.text.id === 'x1471')!;
    // A tie: the toy's own outcome and basis, not TAP's.
    expect(x1471).toMatchObject({ outcome: 'fails', basis: 'no_majority' });
    expect(x1471).not.toHaveProperty('support');
    expect(x1471.figures).toEqual([
      { name: 'votes', value: 2, format: 'count' },
      { name: 'yes', value: 1, format: 'count' },
      { name: 'no', value: 1, format: 'count' },
    ]);
  });

  it("shows the public results page with the toy's figure labels and readings, and none of TAP's words", async () => {
    const id = await decidedBallot();
    for (const [locale, words] of [
      ['en', ['Votes cast', 'Ayes', 'Noes', 'Voted yes', 'Voted no']],
      ['fr', ['Votes exprimés', 'Pour', 'Contre', 'A voté oui', 'A voté non']],
    ] as const) {
      const page = await api().send('GET', `/${locale}/consultations/${id}/results`);
      expect(page.statusCode, page.body).toBe(200);
      const text = textOf(page.body);
      for (const word of words) expect(text).toContain(word);
      expect(noTapWords(text)).toEqual([]);
    }
    const text = textOf((await api().send('GET', `/en/consultations/${id}/results`)).body);
    // X.1471: 2 votes, 1 aye, 1 no.
    expect(text).toMatch(/Votes cast 2 Ayes 1 Noes 1/);
    expect(text).toContain('Toy rules (2026) §2');
    // No meeting: the outcome is the result, in the toy's words, and no meeting's decision is awaited.
    expect(text).toContain('Passes');
    expect(text).toContain('Fails');
    expect(text).not.toContain('Goes to the meeting');
    expect(text).not.toContain('Decision of the meeting');
    expect(text).not.toContain('has not recorded its decision');
    // Its rule in its own sentences, and a state that is the replies' doing.
    expect(text).toContain('2 of 2 votes are yes, a majority: the text passes');
    expect(text).toContain('1 of 2 votes are yes, no majority: the text fails');
    expect(text).toContain('Decided by the replies');
    expect(text).not.toMatch(/meeting (may|for decision)|Decided by the meeting|supporting repl/);
  });

  it("writes the results report with the toy's figures as columns and its readings as the groups of States", async () => {
    const id = await decidedBallot();
    const { send, tokens } = api();
    const report = await send('GET', `/api/v1/consultations/${id}/documents/results-report?format=docx`, {
      token: tokens.secretariat,
    });
    expect(report.statusCode, report.body).toBe(200);
    const text = normalise(docxText(report.rawPayload));
    for (const word of ['Votes cast', 'Ayes', 'Noes']) expect(text).toContain(word);
    // The groups of States per text, one per choice of the toy's form, in its reading.
    expect(text).toContain('Voted yes (2): France and Korea (Republic of)');
    expect(text).toContain('Voted no (1): Korea (Republic of)');
    expect(text).toContain('Voted no (0): —');
    expect(text).toContain('Passes');
    expect(text).toContain('Fails');
    expect(text).toContain('A text passes when more members vote yes than no (Toy rules (2026) §2)');
    expect(text).not.toMatch(/considered for approval at the meeting/);
    expect(noTapWords(text)).toEqual([]);
  });

  it("writes the circular and states the rule on the public page in the toy's words, none of TAP's", async () => {
    const id = await decidedBallot();
    const { send, tokens } = api();
    const circular = await send('GET', `/api/v1/consultations/${id}/documents/circular?format=docx`, {
      token: tokens.secretariat,
    });
    expect(circular.statusCode, circular.body).toBe(200);
    const text = normalise(docxText(circular.rawPayload));
    // The letter's paragraphs on the procedure and the request are the toy's; it states no share.
    expect(text).toContain('The members vote on the texts below under the toy rules (2026).');
    expect(text).toContain('Each member is asked to vote yes or no on each text by');
    expect(text).not.toMatch(/Traditional Approval|Plenary session/);
    expect(noTapWords(text)).toEqual([]);

    const page = await send('GET', `/en/consultations/${id}`);
    expect(page.statusCode, page.body).toBe(200);
    const pageText = textOf(page.body);
    expect(pageText).toMatch(/Procedure Toy ballot, Toy rules \(2026\)/);
    expect(pageText).toMatch(
      /A text passes when more members vote yes than no \(\s*Toy rules \(2026\) §2\s*\); otherwise it fails\./,
    );
    expect(pageText).not.toMatch(/Traditional Approval|Section 9|does not give authority/);
    expect(noTapWords(pageText)).toEqual([]);
  });

  it('writes the results notice with the outcome of the votes as the result: passed texts approved, the others not, citing the rule', async () => {
    const id = await decidedBallot();
    const { send, tokens } = api();
    const issued = await send('POST', `/api/v1/consultations/${id}/results-notice`, { token: tokens.secretariat });
    expect(issued.statusCode, issued.body).toBe(200);
    const notice = await send('GET', `/api/v1/consultations/${id}/documents/results-notice?format=docx`, {
      token: tokens.secretariat,
    });
    expect(notice.statusCode, notice.body).toBe(200);
    const text = normalise(docxText(notice.rawPayload));
    // X.1353 (2 yes) passes, X.1471 (a tie) fails (§2).
    expect(text).toMatch(/X\.1353(?:(?!X\.1471).)*Passes/su);
    expect(text).toMatch(/X\.1471(?:(?!X\.1353).)*Fails/su);
    expect(text).toMatch(/X\.1471(?:(?!X\.1353).)*not approved by the replies \(Toy rules \(2026\) §2\)/su);
    expect(text).not.toContain('No decision recorded');
    expect(text).not.toContain('not considered at this meeting');
    expect(noTapWords(text)).toEqual([]);
  });
});
