import { beforeEach, describe, expect, it } from 'vitest';
import type { ResultsView, TextResultView } from '../../src/schemas/responses.schema.js';
import type { ReplyInput } from '../../src/schemas/reply.schema.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { DEADLINE, focalPoint, replyInput } from '../helpers/world.js';
import { expectProblem, storageSnapshot, statesThatMayReply, useApi } from './api-harness.js';
import { withFigures } from '../helpers/tally.js';

const ID = 'tsb-79-2023';
const RESULTS = `/api/v1/consultations/${ID}/results`;
const decisionUrl = (textId: string) => `/api/v1/consultations/${ID}/decisions/${textId}`;

const SUPPORT_X1353: ReplyInput = replyInput(['x1353']);
const OPPOSE_X1353: ReplyInput = replyInput([], {
  positions: [{ text: 'x1353', position: 'does_not_assign_authority', reasons: 'Not mature.' }],
});

/** The first instant after 2359 UTC on 16 August 2023. */
const AFTER_DEADLINE = Date.parse(DEADLINE) + 1;
/** A day of the SG17 meeting (Goyang, 29 August – 8 September 2023). */
const DURING_MEETING = '2023-08-30T09:00:00Z';

describeEachDialect('results API', (dialect) => {
  const api = useApi(dialect);

  beforeEach(async () => {
    await api().world.openConsultation();
    api().world.clock.set('2023-05-02T10:00:00Z');
  });

  /** Replies recorded through the service (fast); the test reads them back over HTTP. */
  const replies = async (states: readonly string[], input: ReplyInput) => {
    for (const state of states) {
      await submitReply(api().world.ctx, {
        actor: focalPoint(state),
        consultationId: ID,
        memberState: state,
        input,
        channel: 'api',
      });
    }
  };

  /** `support` of `total` States support X.1353, the others do not assign authority. */
  const x1353Replies = async (support: number, total: number) => {
    const states = statesThatMayReply(total);
    await replies(states.slice(0, support), SUPPORT_X1353);
    await replies(states.slice(support), OPPOSE_X1353);
  };

  const publicResults = async () => {
    const response = await api().send('GET', RESULTS);
    expect(response.statusCode).toBe(200);
    return response.json<ResultsView>();
  };
  const textResult = (results: ResultsView, textId: string): TextResultView =>
    results.texts.find((t) => t.text.id === textId)!;

  describe('who may read results, and when', () => {
    it('refuses results before the deadline to a focal point, an observer and the public with 409 RESULTS_NOT_AVAILABLE', async () => {
      await x1353Replies(7, 10);
      api().world.clock.set(DEADLINE);
      const { kr, observer } = api().tokens;
      for (const token of [kr, observer, undefined]) {
        const who = token === undefined ? {} : { token };
        expectProblem(await api().send('GET', RESULTS, who), 409, 'RESULTS_NOT_AVAILABLE');
        expectProblem(
          await api().send('GET', `/api/v1/consultations/${ID}/decisions`, who),
          409,
          'RESULTS_NOT_AVAILABLE',
        );
      }
    });

    it('gives everyone the final results once the deadline has passed (final: true)', async () => {
      await x1353Replies(7, 10);
      api().world.clock.set(AFTER_DEADLINE);
      const { kr, observer, secretariat } = api().tokens;
      for (const token of [kr, observer, secretariat, undefined]) {
        const response = await api().send('GET', RESULTS, token === undefined ? {} : { token });
        expect(response.statusCode).toBe(200);
        expect(response.json<ResultsView>()).toMatchObject({
          consultationId: ID,
          final: true,
          state: 'closed',
          deadline: DEADLINE,
        });
      }
    });
  });

  describe('the 70 % rule (Res. 1 §9.4.5–9.4.6)', () => {
    it('7 of 10 replies supporting: approval may be considered at the meeting (§9.4.5)', async () => {
      await x1353Replies(7, 10);
      api().world.clock.set(AFTER_DEADLINE);
      const x1353 = textResult(await publicResults(), 'x1353');
      expect(withFigures(x1353)).toMatchObject({
        replies: 10,
        support: 7,
        nonSupport: 3,
        unclear: 0,
        percent: 70,
        passes: true,
        outcome: 'may_proceed',
        basis: 'threshold_met',
        neededMore: 0,
        clause: '§9.4.5',
        decision: null,
      });
      expect(x1353.citation).toMatch(/^WTSA Resolution 1 .*§9\.4\.5$/);
      expect(x1353.explanation).toContain('7 of 10 replies (70.00 %)');
    });

    it('16 of 23 replies supporting (69.57 %): not at this meeting (§9.4.6), one more supporting reply needed', async () => {
      await x1353Replies(16, 23);
      api().world.clock.set(AFTER_DEADLINE);
      const x1353 = textResult(await publicResults(), 'x1353');
      expect(withFigures(x1353)).toMatchObject({
        replies: 23,
        support: 16,
        nonSupport: 7,
        percent: 69.57,
        passes: false,
        outcome: 'not_at_this_meeting',
        basis: 'threshold_not_met',
        neededMore: 1,
        clause: '§9.4.6',
      });
      expect(x1353.explanation).toContain('1 more supporting reply would have been needed');
    });

    it('a text without any reply may be considered (§9.4.5, "or if there are no replies")', async () => {
      await x1353Replies(7, 10);
      api().world.clock.set(AFTER_DEADLINE);
      expect(withFigures(textResult(await publicResults(), 'x1471'))).toMatchObject({
        replies: 0,
        support: 0,
        percent: null,
        outcome: 'may_proceed',
        basis: 'no_replies',
        clause: '§9.4.5',
      });
    });
  });

  describe("the meeting's decisions and the results notice (secretariat)", () => {
    const decide = (textId: string, body: object = {}) =>
      api().send('PUT', decisionUrl(textId), { token: api().tokens.secretariat, body });

    beforeEach(async () => {
      await x1353Replies(7, 10);
    });

    it('records an unopposed decision once the meeting has started: approved (§9.5.3)', async () => {
      api().world.clock.set(DURING_MEETING);
      const response = await decide('x1353');
      expect(response.statusCode).toBe(200);
      const result = response.json<TextResultView>();
      expect(result).toMatchObject({
        text: { id: 'x1353' },
        outcome: 'may_proceed',
        decision: { outcome: 'approved', clause: '§9.5.3', opposedBy: [] },
      });
      expect(result.decision?.recorded).toMatchObject({ opposing: [], recordedAt: '2023-08-30T09:00:00.000Z' });
      const listed = (await api().send('GET', `/api/v1/consultations/${ID}/decisions`)).json<{
        items: { text: string; decision: { outcome: string } | null }[];
      }>();
      expect(listed.items.map((i) => [i.text, i.decision?.outcome ?? null])).toEqual([
        ['x1333-cor1', null],
        ['x1353', 'approved'],
        ['x1471', null],
      ]);
    });

    it('records a decision opposed by the delegation of France: not approved (§9.5.3)', async () => {
      api().world.clock.set(DURING_MEETING);
      const response = await decide('x1353', { opposing: ['FR'] });
      expect(response.statusCode).toBe(200);
      expect(response.json<TextResultView>().decision).toMatchObject({
        outcome: 'not_approved',
        clause: '§9.5.3',
        opposedBy: ['FR'],
        mayRestartWithoutNewDetermination: true,
      });
    });

    it('refuses Palestine, an observer, named as opposing with 422 DECISION_CONFLICT: NOT_A_PARTICIPANT at its field, storing nothing', async () => {
      api().world.clock.set(DURING_MEETING);
      const before = await storageSnapshot(api().world.ctx.db);
      const problem = expectProblem(
        await decide('x1353', { opposing: ['FR', 'PS'], reservations: [{ state: 'DE', note: 'Clause 7' }] }),
        422,
        'DECISION_CONFLICT',
      );
      expect(problem.errors).toEqual([
        {
          field: '/opposing/1',
          code: 'NOT_A_PARTICIPANT',
          clause: '§9.4.1',
          message: expect.stringMatching(
            /^State of Palestine \(PS\) is not a participant in this consultation and may not be named as opposing: Observer, not a Member State/,
          ),
        },
      ]);
      expect(problem.detail).toBe('The decision names a delegation that is not a participant in this consultation: PS');
      expect(await storageSnapshot(api().world.ctx.db)).toEqual(before);
    });

    it('refuses a decision before the meeting starts with 409 DECISION_NOT_ALLOWED, storing nothing', async () => {
      api().world.clock.set('2023-08-28T23:59:59.999Z');
      const before = await storageSnapshot(api().world.ctx.db);
      expectProblem(await decide('x1353'), 409, 'DECISION_NOT_ALLOWED');
      expect(await storageSnapshot(api().world.ctx.db)).toEqual(before);
    });

    it('refuses a decision on a text that may not be considered at this meeting with 409 DECISION_NOT_ALLOWED citing §9.4.6', async () => {
      await replies(statesThatMayReply(12).slice(10), OPPOSE_X1353); // 7 of 12: 58.33 %
      api().world.clock.set(DURING_MEETING);
      const problem = expectProblem(await decide('x1353'), 409, 'DECISION_NOT_ALLOWED');
      expect(problem.clause).toMatch(/§9\.4\.6$/);
    });

    it('refuses a decision recorded by anyone but the secretariat', async () => {
      api().world.clock.set(DURING_MEETING);
      expectProblem(
        await api().send('PUT', decisionUrl('x1353'), { token: api().tokens.kr, body: {} }),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await api().send('PUT', decisionUrl('x1353'), { token: api().tokens.observer, body: {} }),
        403,
        'FORBIDDEN',
      );
      expectProblem(await api().send('PUT', decisionUrl('x1353'), { body: {} }), 401, 'UNAUTHENTICATED');
    });

    it('issues the results notice once every text that may be considered has its decision: 200, state notified', async () => {
      api().world.clock.set(DURING_MEETING);
      for (const text of ['x1333-cor1', 'x1353', 'x1471']) expect((await decide(text)).statusCode).toBe(200);
      api().world.clock.set('2023-09-15T10:00:00Z');
      const response = await api().send('POST', `/api/v1/consultations/${ID}/results-notice`, {
        token: api().tokens.secretariat,
      });
      expect(response.statusCode).toBe(200);
      const notice = response.json<ResultsView>();
      expect(notice).toMatchObject({
        consultationId: ID,
        state: 'notified',
        final: true,
        resultsNoticeAt: '2023-09-15T10:00:00.000Z',
      });
      expect(notice.texts.map((t) => t.decision?.outcome)).toEqual(['approved', 'approved', 'approved']);
      expect((await publicResults()).state).toBe('notified');
      // The notice is issued once.
      expectProblem(
        await api().send('POST', `/api/v1/consultations/${ID}/results-notice`, { token: api().tokens.secretariat }),
        409,
        'NOTICE_NOT_ALLOWED',
      );
    });

    it('issues the notice under its own reference and sets the report’s TD header, both shown with the consultation', async () => {
      api().world.clock.set(DURING_MEETING);
      const header = await api().send('PUT', `/api/v1/consultations/${ID}/results-report/header`, {
        token: api().tokens.secretariat,
        body: { td: 'SG17-TD1234', questions: '6/17, 10/17' },
      });
      expect(header.statusCode).toBe(200);
      expect(header.json()).toEqual({ td: 'SG17-TD1234', questions: '6/17, 10/17' });
      expectProblem(
        await api().send('PUT', `/api/v1/consultations/${ID}/results-report/header`, {
          token: api().tokens.secretariat,
          body: { td: 'T'.repeat(61) },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api().send('PUT', `/api/v1/consultations/${ID}/results-report/header`, {
          token: api().tokens.kr,
          body: { td: 'TD 1' },
        }),
        403,
        'FORBIDDEN',
      );
      for (const text of ['x1333-cor1', 'x1353', 'x1471']) expect((await decide(text)).statusCode).toBe(200);
      api().world.clock.set('2023-09-15T10:00:00Z');
      const tooLong = expectProblem(
        await api().send('POST', `/api/v1/consultations/${ID}/results-notice`, {
          token: api().tokens.secretariat,
          body: { reference: 'x'.repeat(101) },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expect(tooLong.errors?.map((e) => e.field)).toEqual(['/reference']);
      const issued = await api().send('POST', `/api/v1/consultations/${ID}/results-notice`, {
        token: api().tokens.secretariat,
        body: { reference: 'TSB Circular 140' },
      });
      expect(issued.statusCode).toBe(200);
      const consultation = await api().send('GET', `/api/v1/consultations/${ID}`, { token: api().tokens.secretariat });
      expect(consultation.json()).toMatchObject({
        resultsNoticeReference: 'TSB Circular 140',
        resultsReport: { td: 'SG17-TD1234', questions: '6/17, 10/17' },
      });
    });

    it('refuses the results notice while a text that may be considered has no decision, naming it', async () => {
      api().world.clock.set(DURING_MEETING);
      await decide('x1353');
      const problem = expectProblem(
        await api().send('POST', `/api/v1/consultations/${ID}/results-notice`, { token: api().tokens.secretariat }),
        409,
        'NOTICE_NOT_ALLOWED',
      );
      expect(problem.errors?.map((e) => e.field)).toEqual(['/texts/x1333-cor1/decision', '/texts/x1471/decision']);
      expect((await publicResults()).state).toBe('closed');
    });
  });
});
