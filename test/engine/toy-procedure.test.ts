import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figureValue } from '../../src/domain/procedure/outcomes.js';
import { registerProcedure } from '../../src/procedures/registry.js';
import { computeResults } from '../../src/services/compute-results.js';
import { issueResultsNotice } from '../../src/services/issue-results-notice.js';
import { resultsMail } from '../../src/services/jobs/mail-messages.js';
import { submitReply } from '../../src/services/submit-reply.js';
import type { ReplyInput } from '../../src/schemas/reply.schema.js';
import { describeEachDialect } from '../helpers/databases.js';
import { DEADLINE, focalPoint, PUBLIC, SECRETARIAT, useWorld } from '../helpers/world.js';
import { TOY_LATE_BALLOT, TOY_PROCEDURE } from './toy-procedure.js';

/** A toy procedure's ballot, as a member would cast it (its positions are not TAP's). */
function ballot(votes: Record<string, 'yes' | 'no' | 'maybe'>): ReplyInput {
  return {
    positions: Object.entries(votes).map(([text, position]) => ({ text, position })),
    signatory: { name: 'A. Official', title: 'Head of delegation' },
  } as unknown as ReplyInput;
}

describeEachDialect('a procedure registered from the test folder runs through the services unchanged', (dialect) => {
  const world = useWorld(dialect);
  let unregister: () => void = () => {};
  beforeAll(() => {
    unregister = registerProcedure(TOY_PROCEDURE);
  });
  afterAll(() => unregister());

  async function vote(state: string, votes: Record<string, 'yes' | 'no' | 'maybe'>, id: string) {
    return submitReply(world().ctx, {
      actor: focalPoint(state),
      consultationId: id,
      memberState: state,
      input: ballot(votes),
      channel: 'api',
    });
  }

  it('creates, issues and takes replies under the toy rules; the majority decides without a meeting; the notice follows', async () => {
    const { ctx, clock } = world();
    const id = await world().openConsultation({ procedure: 'toy-majority', resolutionEdition: '2026' });
    clock.set('2023-05-02T09:00:00Z');
    await vote('KR', { x1353: 'yes', x1471: 'no' }, id);
    await vote('FR', { x1353: 'yes', x1471: 'no' }, id);
    await vote('DE', { x1353: 'no', x1471: 'yes' }, id);

    clock.set(Date.parse(DEADLINE) + 1);
    const results = await computeResults(ctx, { actor: PUBLIC, consultationId: id });
    const byText = Object.fromEntries(results.texts.map((t) => [t.text.id, t.tally]));
    // The toy's own outcomes, bases and figures: the core carries them as they are.
    expect(byText.x1353).toMatchObject({
      replies: 3,
      passes: true,
      outcome: 'passes',
      basis: 'majority',
      clause: '§2',
    });
    expect(figureValue(byText.x1353!, 'yes')).toBe(2);
    expect(figureValue(byText.x1353!, 'no')).toBe(1);
    expect(byText.x1353!.citation).toBe('Toy rules (2026) §2');
    expect(byText.x1471).toMatchObject({ passes: false, outcome: 'fails', basis: 'no_majority' });
    expect(figureValue(byText.x1471!, 'yes')).toBe(1);
    expect(byText['x1333-cor1']).toMatchObject({ replies: 0, passes: false, outcome: 'fails', basis: 'no_votes' });
    // No meeting: nothing is awaited once the ballot closes.
    expect(results.state).toBe('decided');

    const notified = await issueResultsNotice(ctx, { actor: SECRETARIAT, consultationId: id });
    expect(notified.state).toBe('notified');

    // The results mail: the votes are the result, each text with the toy's outcome and rule; no meeting.
    const mail = resultsMail('en', results.loaded.consultation, results.texts, 'https://assent.example');
    expect(mail.subject).toBe('TSB Circular 79: results of the consultation');
    expect(mail.text).toContain('- X.1353: Passes (Toy rules (2026) §2): 2 of 3 votes are yes: a majority.');
    expect(mail.text).toContain('- X.1471: Fails (Toy rules (2026) §2): 1 of 3 votes are yes: no majority.');
    expect(mail.text).not.toMatch(/meeting|support|authority/i);
  });

  it("refuses a position the toy does not define with the toy's own code and field, storing nothing", async () => {
    const id = await world().openConsultation({ procedure: 'toy-majority', resolutionEdition: '2026' });
    world().clock.set('2023-05-02T09:00:00Z');
    await expect(vote('KR', { x1353: 'maybe' }, id)).rejects.toMatchObject({
      errors: [expect.objectContaining({ field: '/positions/0/position', code: 'POSITION_NOT_ALLOWED', clause: '§1' })],
    });
    const stored = await world()
      .ctx.db.selectFrom('reply_version')
      .select('member_state')
      .where('consultation_id', '=', id)
      .execute();
    expect(stored).toEqual([]);
  });

  it('refuses an edition the toy does not know, naming its editions (UNKNOWN_EDITION)', async () => {
    await expect(
      world().openConsultation({ procedure: 'toy-majority', resolutionEdition: 'Rev. Geneva, 2022' }),
    ).rejects.toMatchObject({
      errors: [expect.objectContaining({ field: '/resolutionEdition', code: 'UNKNOWN_EDITION' })],
    });
  });

  it('refuses a procedure nobody registered (UNKNOWN_PROCEDURE), naming the known ones', async () => {
    await expect(world().openConsultation({ procedure: 'toy-unknown' })).rejects.toMatchObject({
      errors: [
        expect.objectContaining({
          field: '/procedure',
          code: 'UNKNOWN_PROCEDURE',
          message: expect.stringContaining('itu-t-tap; toy-majority'),
        }),
      ],
    });
  });

  describe('a procedure whose ballot opens after the circular is issued', () => {
    let unregisterLate: () => void = () => {};
    beforeAll(() => {
      unregisterLate = registerProcedure(TOY_LATE_BALLOT);
    });
    afterAll(() => unregisterLate());

    it('refuses a reply before the phase that accepts replies, with its own code and clause; takes it in the phase; refuses it after', async () => {
      const { ctx, clock } = world();
      const id = await world().openConsultation({ procedure: 'toy-late-ballot', resolutionEdition: '2026' });
      const issuedAt = clock.now();
      const opensAt = issuedAt + 7 * 86_400_000;
      clock.set(opensAt - 1);
      const early = await vote('KR', { x1353: 'yes' }, id).catch((error: unknown) => error);
      expect(early).toMatchObject({ code: 'PHASE_NOT_ACCEPTING', clause: 'Toy rules (2026) §1' });
      expect(String((early as Error).message)).toContain(new Date(opensAt).toISOString());
      // Nothing was stored: no reply counts.
      expect((await computeResults(ctx, { actor: SECRETARIAT, consultationId: id })).texts[0]!.tally.replies).toBe(0);

      clock.set(opensAt);
      const receipt = await vote('KR', { x1353: 'yes' }, id);
      expect(receipt.receipt.version).toBe(1);
      expect((await computeResults(ctx, { actor: SECRETARIAT, consultationId: id })).state).toBe('open');

      clock.set(Date.parse(DEADLINE) + 1);
      await expect(vote('KR', { x1353: 'no' }, id)).rejects.toMatchObject({ code: 'DEADLINE_PASSED' });
    });
  });
});
