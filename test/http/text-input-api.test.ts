import { beforeEach, expect, it } from 'vitest';
import type { ReplyInput } from '../../src/schemas/reply.schema.js';
import { describeEachDialect } from '../helpers/databases.js';
import { replyInput } from '../helpers/world.js';
import { expectProblem, useApi } from './api-harness.js';

/**
 * Text is refused at the edge when it could not be stored as sent or could be shown otherwise
 * than stored: ill-formed Unicode (a lone surrogate used to be accepted, stored as U+FFFD, and its
 * receipt then always failed as "changed after it was received"), controls, bidi embeddings,
 * overrides and isolates; one-line fields refuse line breaks, tabs, bidi marks and invisible
 * format characters as well. What is accepted is stored composed (NFC), and its receipt verifies.
 */

const ID = 'tsb-79-2023';
const REPLY = `/api/v1/consultations/${ID}/replies/KR`;
const VERIFY = '/api/v1/receipts/verify';

/** KR's reply commenting on X.1471 with `comments`, signed by `name`. */
const reply = (comments: string, name = 'Kim Min-jun'): ReplyInput =>
  replyInput(['x1333-cor1', 'x1353'], {
    positions: [
      { text: 'x1333-cor1', position: 'assigns_authority', option: 'no_comments' },
      { text: 'x1353', position: 'assigns_authority', option: 'no_comments' },
      { text: 'x1471', position: 'assigns_authority', option: 'comments_attached', comments },
    ],
    signatory: { name, title: 'Director, Ministry of Science and ICT' },
  });

describeEachDialect('text that could not be stored as sent, or could be shown otherwise, is refused', (dialect) => {
  const api = useApi(dialect);

  beforeEach(async () => {
    await api().world.openConsultation();
    api().world.clock.set('2023-05-02T10:00:00Z');
  });

  const versions = async () =>
    Number(
      (
        await api()
          .world.ctx.db.selectFrom('reply_version')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** PUTs the reply and expects a 400 naming exactly `field`. */
  async function expectRefused(body: ReplyInput, field: string): Promise<void> {
    const response = await api().send('PUT', REPLY, { token: api().tokens.kr, body });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([field]);
  }

  it('refuses a lone surrogate in the comments (400, naming the field) and stores nothing', async () => {
    await expectRefused(reply('Editorial: see clause 6 \ud800'), '/positions/2/comments');
    await expectRefused(reply('\udc00 low half alone'), '/positions/2/comments');
    await expectRefused(reply('Fine.', 'Kim \ud83d'), '/signatory/name');
    expect(await versions()).toBe(0);
  });

  it('refuses bidi embeddings, overrides and isolates and control characters, in comments as in names', async () => {
    for (const bad of ['\u202e', '\u202a', '\u2066', '\u2069', '\u0007', '\u001b[31m']) {
      await expectRefused(reply(`Comment ${bad}txet`), '/positions/2/comments');
      await expectRefused(reply('Fine.', `Kim ${bad}Min-jun`), '/signatory/name');
    }
    expect(await versions()).toBe(0);
  });

  it('refuses line breaks, tabs, bidi marks and invisible format characters in a name, and keeps them out of the record', async () => {
    for (const name of ['Kim\nMin-jun', 'Kim\tMin-jun', 'Kim\u200fMin-jun', 'Kim\u200bMin-jun', 'Kim\u2060Min-jun'])
      await expectRefused(reply('Fine.', name), '/signatory/name');
    expect(await versions()).toBe(0);
  });

  it('stores comments over several lines with tabs and bidi marks, and a name with a joiner, composed to NFC; the receipt verifies', async () => {
    const comments = 'Clause 6:\r\n\tcafe\u0301 — and in Arabic: \u200fالبند ٦\u200f.';
    const put = await api().send('PUT', REPLY, {
      token: api().tokens.kr,
      body: reply(comments, 'Rene\u0301 محمد\u200cرضا'),
    });
    expect(put.statusCode).toBe(201);
    const stored = await api().send('GET', REPLY, { token: api().tokens.kr });
    const [version] = stored.json<{
      versions: { signatory: { name: string }; positions: { text: string; comments: string | null }[] }[];
    }>().versions;
    expect(version?.signatory.name).toBe('René محمد\u200cرضا');
    expect(version?.positions.find((p) => p.text === 'x1471')?.comments).toBe(comments.normalize('NFC'));
    const receipt = await api().send('GET', `${REPLY}/versions/1/receipt`, { token: api().tokens.kr });
    expect(receipt.statusCode).toBe(200);
    const verified = await api().send('POST', VERIFY, { body: receipt.json() });
    expect(verified.json<{ ok: boolean }>().ok).toBe(true);
  });
});
