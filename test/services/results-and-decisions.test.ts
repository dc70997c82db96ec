import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/policy/actor.js';
import type { DecisionInput } from '../../src/schemas/decision.schema.js';
import type { ReplyInput } from '../../src/schemas/reply.schema.js';
import { computeResults } from '../../src/services/compute-results.js';
import { getConsultation } from '../../src/services/get-consultation.js';
import { issueResultsNotice } from '../../src/services/issue-results-notice.js';
import { resultsMail } from '../../src/services/jobs/mail-messages.js';
import { setEligibility } from '../../src/services/member-states.js';
import { recordDecision } from '../../src/services/record-decision.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { DEADLINE, focalPoint, OBSERVER, PUBLIC, replyInput, SECRETARIAT, useWorld } from '../helpers/world.js';
import { auditActions, countRows, statesThatMayReply, tableCounts } from './probes.js';
import { withFigures } from '../helpers/tally.js';

const ID = 'tsb-79-2023';
/** After the deadline, before the meeting's first day (2023-08-29). */
const BETWEEN_DEADLINE_AND_MEETING = '2023-08-28T23:59:59.999Z';
/** During the meeting. */
const AT_MEETING = '2023-08-30T10:00:00Z';
/** End of the 4-week window after the meeting's last day, 2023-09-08 + 28 days (§9.5.5). */
const MORE_TIME_WINDOW_END = '2023-10-06T23:59:59.999Z';

const SUPPORT_X1353: ReplyInput = replyInput(['x1353']);
const OPPOSE_X1353: ReplyInput = replyInput([], {
  positions: [{ text: 'x1353', position: 'does_not_assign_authority', reasons: 'Not mature.' }],
});

describeEachDialect('results and meeting decisions', (dialect) => {
  const world = useWorld(dialect);

  /** Each State replies through its own focal point: the first `support` assign authority to X.1353, the rest do not. */
  const replies = async (states: readonly string[], support: number) => {
    for (const [index, state] of states.entries()) {
      await submitReply(world().ctx, {
        actor: focalPoint(state),
        consultationId: ID,
        memberState: state,
        input: index < support ? SUPPORT_X1353 : OPPOSE_X1353,
        channel: 'api',
      });
    }
  };

  const results = (actor: Actor = SECRETARIAT) => computeResults(world().ctx, { actor, consultationId: ID });
  const resultOf = async (textId: string, actor: Actor = SECRETARIAT) =>
    (await results(actor)).texts.find((t) => t.text.id === textId)!;
  const decide = (textId: string, input: DecisionInput = {}) =>
    recordDecision(world().ctx, { actor: SECRETARIAT, consultationId: ID, textId, input });

  describe('the 70 % rule through real replies (Res. 1 §9.4.5–9.4.6)', () => {
    it('lets a text with 7 supporting replies of 10 proceed (exactly 70 %, §9.4.5)', async () => {
      const { clock } = world();
      await world().openConsultation();
      await replies(statesThatMayReply(10), 7);
      clock.set(Date.parse(DEADLINE) + 1);
      expect(withFigures((await resultOf('x1353', PUBLIC)).tally)).toMatchObject({
        replies: 10,
        support: 7,
        nonSupport: 3,
        percent: 70,
        outcome: 'may_proceed',
        basis: 'threshold_met',
        neededMore: 0,
        clause: '§9.4.5',
        citation: 'WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.5',
      });
    });

    it('keeps a text with 16 supporting replies of 23 (69.57 %) from this meeting (§9.4.6); one more would have sufficed', async () => {
      const { clock } = world();
      await world().openConsultation();
      await replies(statesThatMayReply(23), 16);
      clock.set(Date.parse(DEADLINE) + 1);
      expect(withFigures((await resultOf('x1353', PUBLIC)).tally)).toMatchObject({
        replies: 23,
        support: 16,
        nonSupport: 7,
        percent: 69.57,
        outcome: 'not_at_this_meeting',
        basis: 'threshold_not_met',
        neededMore: 1,
        clause: '§9.4.6',
      });
    });

    it('lets a text with no replies proceed (§9.4.5 "or if there are no replies")', async () => {
      const { clock } = world();
      await world().openConsultation();
      clock.set(Date.parse(DEADLINE) + 1);
      for (const text of (await results(PUBLIC)).texts) {
        expect(withFigures(text.tally)).toMatchObject({
          replies: 0,
          support: 0,
          percent: null,
          outcome: 'may_proceed',
          basis: 'no_replies',
          clause: '§9.4.5',
        });
      }
    });

    it('counts replies, not Member States: 1 supporting reply of 1 passes although 193 States said nothing', async () => {
      const { clock } = world();
      await world().openConsultation();
      await replies(['FR'], 1);
      clock.set(Date.parse(DEADLINE) + 1);
      expect(withFigures((await resultOf('x1353')).tally)).toMatchObject({
        replies: 1,
        support: 1,
        percent: 100,
        outcome: 'may_proceed',
      });
    });
  });

  describe('who sees results, and when', () => {
    it('refuses results with RESULTS_NOT_AVAILABLE to a focal point, an observer and the public until the deadline has passed', async () => {
      const { clock } = world();
      await world().openConsultation();
      await replies(['FR'], 1);
      for (const at of ['2023-05-01T00:00:00Z', DEADLINE]) {
        clock.set(at);
        for (const actor of [focalPoint('FR'), focalPoint('DE'), OBSERVER, PUBLIC]) {
          await expect(results(actor)).rejects.toMatchObject({ code: 'RESULTS_NOT_AVAILABLE' });
        }
      }
      clock.advance(1);
      for (const actor of [focalPoint('FR'), OBSERVER, PUBLIC]) {
        await expect(results(actor)).resolves.toMatchObject({ final: true, state: 'closed' });
      }
    });

    it('shows the secretariat provisional results (final: false) before the deadline, and final ones after', async () => {
      const { clock } = world();
      await world().openConsultation();
      await replies(['FR', 'DE'], 1);
      const provisional = await results();
      expect(provisional).toMatchObject({
        final: false,
        state: 'open',
        resultsNoticeDueAt: null,
        computedAt: clock.now(),
      });
      expect(withFigures(provisional.texts.find((t) => t.text.id === 'x1353')!.tally)).toMatchObject({
        replies: 2,
        support: 1,
      });
      clock.set(Date.parse(DEADLINE) + 1);
      const final = await results();
      // The notice is due within 4 weeks of the meeting's close (§9.6.1).
      expect(final).toMatchObject({
        final: true,
        state: 'closed',
        resultsNoticeDueAt: Date.parse(MORE_TIME_WINDOW_END),
      });
    });
  });

  describe('recording what the meeting decided (Res. 1 §9.5)', () => {
    it('refuses a decision before the deadline with DECISION_NOT_ALLOWED', async () => {
      const { ctx } = world();
      await world().openConsultation();
      const before = await tableCounts(ctx.db);
      await expect(decide('x1353')).rejects.toMatchObject({ code: 'DECISION_NOT_ALLOWED' });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it("refuses a decision after the deadline but before the meeting's first day, and accepts one from 00:00 UTC that day", async () => {
      const { ctx, clock } = world();
      await world().openConsultation();
      clock.set(BETWEEN_DEADLINE_AND_MEETING);
      const before = await tableCounts(ctx.db);
      await expect(decide('x1353')).rejects.toMatchObject({ code: 'DECISION_NOT_ALLOWED' });
      expect(await tableCounts(ctx.db)).toEqual(before);
      clock.set('2023-08-29T00:00:00.000Z');
      await expect(decide('x1353')).resolves.toMatchObject({ outcome: 'approved' });
    });

    it('refuses a decision on a text that failed the 70 % rule with DECISION_NOT_ALLOWED citing §9.4.6', async () => {
      const { ctx, clock } = world();
      await world().openConsultation();
      await replies(['FR', 'DE'], 1);
      clock.set(AT_MEETING);
      const before = await tableCounts(ctx.db);
      await expect(decide('x1353')).rejects.toMatchObject({
        code: 'DECISION_NOT_ALLOWED',
        clause: expect.stringContaining('§9.4.6'),
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('answers NOT_FOUND for a text that is not in the consultation', async () => {
      const { clock } = world();
      await world().openConsultation();
      clock.set(AT_MEETING);
      await expect(decide('x9999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('approves an unopposed text (§9.5.3), writes an audit row and shows the decision with the results', async () => {
      const { ctx, clock } = world();
      await world().openConsultation();
      await replies(['FR'], 1);
      clock.set(AT_MEETING);
      await expect(decide('x1353')).resolves.toMatchObject({
        outcome: 'approved',
        clause: '§9.5.3',
        opposedBy: [],
        moreTimeWindowEndsAt: null,
      });
      expect((await resultOf('x1353', PUBLIC)).decision).toMatchObject({ outcome: 'approved' });
      expect((await auditActions(ctx.db)).at(-1)).toBe('decision.recorded');
    });

    it('approves despite abstentions and reservations, which are recorded (§9.5.4, §9.5.6)', async () => {
      const { clock } = world();
      await world().openConsultation();
      clock.set(AT_MEETING);
      const decision = await decide('x1353', {
        abstaining: ['US'],
        reservations: [{ state: 'FR', note: 'Concerns about clause 7.' }],
      });
      expect(decision).toMatchObject({
        outcome: 'approved',
        reservations: [{ state: 'FR', note: 'Concerns about clause 7.' }],
      });
    });

    it('does not approve a text one Member State opposes (§9.5.3)', async () => {
      const { clock } = world();
      await world().openConsultation();
      clock.set(AT_MEETING);
      await expect(decide('x1353', { opposing: ['US'] })).resolves.toMatchObject({
        outcome: 'not_approved',
        clause: '§9.5.3',
        opposedBy: ['US'],
        mayRestartWithoutNewDetermination: true,
      });
    });

    it('records a deferral by the meeting (§9.5.2)', async () => {
      const { clock } = world();
      await world().openConsultation();
      clock.set(AT_MEETING);
      await expect(decide('x1353', { deferred: true })).resolves.toMatchObject({
        outcome: 'deferred',
        clause: '§9.5.2',
      });
    });

    it('keeps a text pending while the 4-week window runs after a request for more time, then approves it (§9.5.5)', async () => {
      const { clock } = world();
      await world().openConsultation();
      clock.set(AT_MEETING);
      await expect(decide('x1353', { moreTime: ['FR'] })).resolves.toMatchObject({
        outcome: 'pending_more_time',
        clause: '§9.5.5',
        moreTimeWindowEndsAt: Date.parse(MORE_TIME_WINDOW_END),
      });
      clock.set(MORE_TIME_WINDOW_END);
      expect((await resultOf('x1353')).decision).toMatchObject({ outcome: 'pending_more_time' });
      clock.advance(1);
      expect((await resultOf('x1353')).decision).toMatchObject({ outcome: 'approved', clause: '§9.5.5' });
      // With more time asked for, the notice is due 4 weeks after the window (§9.6.1).
      expect((await results()).resultsNoticeDueAt).toBe(Date.parse(MORE_TIME_WINDOW_END) + 28 * 86_400_000);
    });

    it('does not approve a text whose Member State sent formal opposition within the window (§9.5.5.2)', async () => {
      const { clock } = world();
      await world().openConsultation();
      clock.set(AT_MEETING);
      await decide('x1353', { moreTime: ['FR'] });
      clock.set('2023-09-25T10:00:00Z');
      const decision = await decide('x1353', {
        moreTime: ['FR'],
        formalOppositions: [{ state: 'FR', receivedAt: '2023-09-20T10:00:00.000Z', reasons: 'Security concerns.' }],
      });
      expect(decision).toMatchObject({
        outcome: 'not_approved',
        clause: '§9.5.5.2',
        opposedBy: ['FR'],
        mayRestartWithoutNewDetermination: true,
      });
      clock.set('2023-11-01T00:00:00Z');
      expect((await resultOf('x1353')).decision).toMatchObject({ outcome: 'not_approved' });
    });

    it('replaces an earlier decision on the same text when recorded again', async () => {
      const { ctx, clock } = world();
      await world().openConsultation();
      clock.set(AT_MEETING);
      await decide('x1353');
      await decide('x1353', { opposing: ['US'] });
      expect(await countRows(ctx.db, 'meeting_decision')).toBe(1);
      expect((await resultOf('x1353')).decision).toMatchObject({ outcome: 'not_approved' });
    });

    const conflicts: { name: string; input: DecisionInput }[] = [
      { name: 'a State that both opposes and abstains', input: { opposing: ['US'], abstaining: ['US'] } },
      {
        name: 'a reservation by an opposing State',
        input: { opposing: ['US'], reservations: [{ state: 'US', note: 'N' }] },
      },
      {
        name: 'formal opposition from a State that did not ask for more time',
        input: { formalOppositions: [{ state: 'FR', receivedAt: '2023-09-20T10:00:00.000Z' }] },
      },
      {
        name: 'formal opposition received after the 4-week window',
        input: { moreTime: ['FR'], formalOppositions: [{ state: 'FR', receivedAt: '2023-10-07T00:00:00.000Z' }] },
      },
      { name: 'a State listed twice', input: { opposing: ['US', 'US'] } },
    ];
    for (const { name, input } of conflicts) {
      it(`refuses ${name} with DECISION_CONFLICT and records nothing`, async () => {
        const { ctx, clock } = world();
        await world().openConsultation();
        clock.set(AT_MEETING);
        const before = await tableCounts(ctx.db);
        await expect(decide('x1353', input)).rejects.toMatchObject({ code: 'DECISION_CONFLICT' });
        expect(await tableCounts(ctx.db)).toEqual(before);
      });
    }

    it('refuses an unknown State code in any list with UNKNOWN_MEMBER_STATE naming the field', async () => {
      const { ctx, clock } = world();
      await world().openConsultation();
      clock.set(AT_MEETING);
      const before = await tableCounts(ctx.db);
      await expect(decide('x1353', { abstaining: ['FR', 'ZZ'] })).rejects.toMatchObject({
        code: 'UNKNOWN_MEMBER_STATE',
        errors: [expect.objectContaining({ field: '/abstaining/1' })],
      });
      await expect(decide('x1353', { reservations: [{ state: 'QQ', note: 'N' }] })).rejects.toMatchObject({
        code: 'UNKNOWN_MEMBER_STATE',
        errors: [expect.objectContaining({ field: '/reservations/0/state' })],
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it("checks the decision against the consultation's own procedure's schema (VALIDATION_FAILED at each field), writing nothing", async () => {
      const { ctx, clock } = world();
      await world().openConsultation();
      clock.set(AT_MEETING);
      const before = await tableCounts(ctx.db);
      const sent: unknown = { opposing: ['fr'], approved: true, formalOppositions: [{ state: 'FR' }] };
      const refused = await recordDecision(ctx, {
        actor: SECRETARIAT,
        consultationId: ID,
        textId: 'x1353',
        input: sent,
      })
        .then(() => null)
        .catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect((refused as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual([
        '/approved',
        '/formalOppositions/0/receivedAt',
        '/opposing/0',
      ]);
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    describe('only participants have a voice: an observer or a non-participant named in a decision is refused', () => {
      /** Refused with DECISION_CONFLICT and nothing written: the NOT_A_PARTICIPANT problems it carries. */
      const refusedOutsiders = async (input: DecisionInput) => {
        const { ctx } = world();
        const before = await tableCounts(ctx.db);
        const refused = await decide('x1353', input).then(
          () => null,
          (error: unknown) =>
            error as { code: string; errors: { field: string; code?: string; message: string; clause?: string }[] },
        );
        expect(refused).toMatchObject({ code: 'DECISION_CONFLICT' });
        expect(await tableCounts(ctx.db)).toEqual(before);
        return refused!.errors.filter((e) => e.code === 'NOT_A_PARTICIPANT');
      };
      const AT = '2023-08-30T09:00:00.000Z';
      const lists: { name: string; input: (state: string) => DecisionInput; fields: string[] }[] = [
        { name: 'opposing', input: (s) => ({ opposing: ['FR', s] }), fields: ['/opposing/1'] },
        { name: 'abstaining', input: (s) => ({ abstaining: [s] }), fields: ['/abstaining/0'] },
        { name: 'asking for more time', input: (s) => ({ moreTime: [s] }), fields: ['/moreTime/0'] },
        {
          name: 'reserving',
          input: (s) => ({
            reservations: [
              { state: 'DE', note: 'Clause 7' },
              { state: s, note: 'Clause 7' },
            ],
          }),
          fields: ['/reservations/1/state'],
        },
        {
          name: 'formally opposing',
          input: (s) => ({ moreTime: ['FR', s], formalOppositions: [{ state: s, receivedAt: AT }] }),
          fields: ['/moreTime/1', '/formalOppositions/0/state'],
        },
      ];

      for (const { name, input, fields } of lists) {
        it(`refuses Palestine, an observer, ${name} with NOT_A_PARTICIPANT at each entry, citing §9.4.1, and writes nothing`, async () => {
          const { clock } = world();
          await world().openConsultation();
          clock.set(AT_MEETING);
          const problems = await refusedOutsiders(input('PS'));
          expect(problems.map((p) => p.field)).toEqual(fields);
          for (const problem of problems) {
            expect(problem.clause).toBe('§9.4.1');
            expect(problem.message).toContain('Palestine (PS) is not a participant in this consultation');
            expect(problem.message).toContain('Observer, not a Member State');
          }
        });
      }

      it('refuses a Member State whose rights are suspended, with the secretariat’s note, in any list', async () => {
        const { ctx, clock } = world();
        await world().openConsultation();
        await setEligibility(ctx, {
          actor: SECRETARIAT,
          code: 'DE',
          mayReply: false,
          note: 'Right to reply suspended (CS No. 169)',
          since: null,
        });
        clock.set(AT_MEETING);
        const problems = await refusedOutsiders({ opposing: ['DE'], reservations: [{ state: 'DE', note: 'N' }] });
        expect(problems.map((p) => p.field)).toEqual(['/opposing/0', '/reservations/0/state']);
        expect(problems[0]!.message).toBe(
          'Germany (Federal Republic of) (DE) is not a participant in this consultation and may not be named as opposing: Right to reply suspended (CS No. 169)',
        );
      });

      it('refuses a State outside a regional circular’s consulted States, citing the §9.2.1 NOTE, one problem per entry', async () => {
        const { clock } = world();
        await world().openConsultation({ eligibleStates: ['BJ', 'CI', 'SN'] });
        clock.set(AT_MEETING);
        const problems = await refusedOutsiders({
          opposing: ['FR'],
          abstaining: ['SN', 'DE'],
          moreTime: ['GB'],
          reservations: [{ state: 'US', note: 'N' }],
          formalOppositions: [{ state: 'GB', receivedAt: AT }],
        });
        expect(problems.map((p) => p.field)).toEqual([
          '/opposing/0',
          '/abstaining/1',
          '/moreTime/0',
          '/reservations/0/state',
          '/formalOppositions/0/state',
        ]);
        for (const problem of problems) expect(problem.clause).toBe('§9.2.1 NOTE');
        expect(problems[0]!.message).toContain('France (FR) is not a participant in this consultation');
        expect(problems[0]!.message).toContain('not among the Member States consulted by this circular');
      });

      it('still records what a regional circular’s consulted States decided', async () => {
        const { clock } = world();
        await world().openConsultation({ eligibleStates: ['BJ', 'CI', 'SN'] });
        clock.set(AT_MEETING);
        await expect(decide('x1353', { opposing: ['SN'], abstaining: ['CI'] })).resolves.toMatchObject({
          outcome: 'not_approved',
          opposedBy: ['SN'],
        });
      });
    });

    it('lets only the secretariat record decisions', async () => {
      const { clock } = world();
      await world().openConsultation();
      clock.set(AT_MEETING);
      await expect(
        recordDecision(world().ctx, { actor: focalPoint('FR'), consultationId: ID, textId: 'x1353', input: {} }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        recordDecision(world().ctx, { actor: PUBLIC, consultationId: ID, textId: 'x1353', input: {} }),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });

  describe('the results notice (Res. 1 §9.6.1)', () => {
    it('refuses the notice with NOTICE_NOT_ALLOWED while the consultation is open', async () => {
      const { ctx } = world();
      await world().openConsultation();
      await expect(issueResultsNotice(ctx, { actor: SECRETARIAT, consultationId: ID })).rejects.toMatchObject({
        code: 'NOTICE_NOT_ALLOWED',
      });
    });

    it('waits for a decision on every text that may proceed, then issues once: state notified, decisions final', async () => {
      const { ctx, clock } = world();
      await world().openConsultation();
      await replies(['FR', 'DE'], 1); // X.1353: 1 of 2, fails; the other two texts: no replies, may proceed.
      clock.set(AT_MEETING);
      await decide('x1333-cor1');
      const before = await tableCounts(ctx.db);
      await expect(issueResultsNotice(ctx, { actor: SECRETARIAT, consultationId: ID })).rejects.toMatchObject({
        code: 'NOTICE_NOT_ALLOWED',
        errors: [expect.objectContaining({ field: '/texts/x1471/decision' })],
      });
      expect(await tableCounts(ctx.db)).toEqual(before);
      await decide('x1471', { opposing: ['US'] });
      clock.set('2023-09-15T10:00:00Z');
      const notice = await issueResultsNotice(ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(notice.state).toBe('notified');
      expect(notice.loaded.consultation.resultsNoticeAt).toBe(clock.now());
      expect(notice.texts.map((t) => [t.text.id, t.decision?.outcome ?? t.tally.outcome])).toEqual([
        ['x1333-cor1', 'approved'],
        ['x1353', 'not_at_this_meeting'],
        ['x1471', 'not_approved'],
      ]);
      expect((await getConsultation(ctx, { actor: PUBLIC, consultationId: ID })).state).toBe('notified');
      expect((await auditActions(ctx.db)).at(-1)).toBe('notice.issued');

      // The results mail: the meeting's decision per text, and TAP's rule for the text it did not consider.
      const mail = resultsMail('en', notice.loaded.consultation, notice.texts, 'https://assent.example');
      expect(mail.subject).toBe('TSB Circular 79: results of the Member State consultation and of the SG17 meeting');
      expect(mail.text).toContain('- X.1333 Cor.1: approved (WTSA Resolution 1 (Rev. Geneva, 2022) §9.5.3)');
      expect(mail.text).toContain(
        '- X.1353: not considered at this meeting (WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.6): 1 of 2 replies (50.00%) assign authority: fewer than 70%.',
      );
      expect(mail.text).toContain('- X.1471: not approved');

      const after = await tableCounts(ctx.db);
      await expect(issueResultsNotice(ctx, { actor: SECRETARIAT, consultationId: ID })).rejects.toMatchObject({
        code: 'NOTICE_NOT_ALLOWED',
      });
      await expect(decide('x1333-cor1', { opposing: ['US'] })).rejects.toMatchObject({ code: 'DECISION_NOT_ALLOWED' });
      expect(await tableCounts(ctx.db)).toEqual(after);
    });

    it('lets only the secretariat issue the notice', async () => {
      const { ctx, clock } = world();
      await world().openConsultation();
      clock.set(AT_MEETING);
      await expect(issueResultsNotice(ctx, { actor: focalPoint('FR'), consultationId: ID })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(issueResultsNotice(ctx, { actor: OBSERVER, consultationId: ID })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    });
  });
});
