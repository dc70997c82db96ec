import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { addDays, startOfDay } from '../../domain/time/instants.js';
import { aapClauses } from './aap-clauses.js';
import type { AapDecisionInput } from './aap-meeting.js';
import { type AapComment, type AapTextFacts, aapTextStatus, LAST_CALL_DAYS } from './aap-path.js';

/**
 * Invariants of a text's path that hold whatever was recorded, checked on generated facts: the
 * examples in aap-path.test.ts fix the boundaries, these guard the combinations nobody wrote down.
 */
const clauses = aapClauses('10/2008');
const DAY = 86_400_000;
const BASE = '2012-03-01';
/** A day within some 200 days of the base. */
const day = fc.integer({ min: 0, max: 200 }).map((n) => addDays(BASE, n));
const instant = fc.integer({ min: 0, max: 220 * DAY }).map((ms) => startOfDay(BASE) + ms);
const comment: fc.Arbitrary<AapComment> = fc.record({
  from: fc.constantFrom('FR', 'DE', 'ERICSSON'),
  receivedAt: instant,
  classification: fc.constantFrom('typographical' as const, 'substantive' as const, null),
});
const codes = fc.subarray(['FR', 'DE', 'CN', 'BR']);
const decision: fc.Arbitrary<AapDecisionInput> = fc.record({
  deferred: fc.boolean(),
  policyImplications: fc.subarray(['BR']),
  policyDoubt: fc.boolean(),
  policyRoute: fc.constantFrom('tap' as const, 'restart' as const, null),
  opposing: codes,
  abstaining: fc.subarray(['ERICSSON', 'IN']),
  concerns: fc.constant([]),
  moreTime: fc.subarray(['JP']),
  formalOppositions: fc.array(fc.record({ state: fc.constant('JP'), receivedAt: instant }), { maxLength: 1 }),
});
const anyFacts: fc.Arbitrary<AapTextFacts> = fc.record({
  consentedOn: fc.constant(BASE),
  lastCallAnnouncedOn: fc.option(day, { nil: null }),
  lastCallComments: fc.array(comment, { maxLength: 3 }),
  judgement: fc.option(
    fc.record({ on: day, route: fc.constantFrom('meeting' as const, 'comment_resolution' as const) }),
    { nil: null },
  ),
  additionalReview: fc.option(
    fc.record({ announcedOn: day, revisedText: fc.constant('TD 1'), lastCallCommentsAttached: fc.constant(true) }),
    { nil: null },
  ),
  additionalReviewComments: fc.array(comment, { maxLength: 3 }),
  meeting: fc.option(
    fc
      .tuple(day, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 10 }))
      .map(([announcedOn, wait, length]) => ({
        announcedOn,
        firstDay: addDays(announcedOn, wait),
        lastDay: addDays(announcedOn, wait + length),
      })),
    { nil: null },
  ),
  decision: fc.option(decision, { nil: null }),
});

/**
 * A text that reaches a meeting the way A.8 sends it there: a substantive Last Call comment, the
 * judgement for the meeting after the Last Call, the meeting announced after it, and a decision
 * (so that the meeting's outcomes, rare among arbitrary facts, are checked as often as the rest).
 */
const toMeeting: fc.Arbitrary<AapTextFacts> = fc
  .record({
    announced: fc.integer({ min: 0, max: 40 }),
    commentDay: fc.integer({ min: 0, max: LAST_CALL_DAYS }),
    judgedAfter: fc.integer({ min: 1, max: 20 }),
    meetingAfter: fc.integer({ min: 0, max: 20 }),
    wait: fc.integer({ min: 0, max: 40 }),
    length: fc.integer({ min: 0, max: 10 }),
    decision: fc.option(decision, { nil: null }),
  })
  .map(({ announced, commentDay, judgedAfter, meetingAfter, wait, length, decision }) => {
    const lastCallAnnouncedOn = addDays(BASE, announced);
    const judgedOn = addDays(lastCallAnnouncedOn, LAST_CALL_DAYS + judgedAfter);
    const meetingAnnouncedOn = addDays(judgedOn, meetingAfter);
    return {
      consentedOn: BASE,
      lastCallAnnouncedOn,
      lastCallComments: [
        {
          from: 'FR',
          receivedAt: startOfDay(addDays(lastCallAnnouncedOn, commentDay)),
          classification: 'substantive' as const,
        },
      ],
      judgement: { on: judgedOn, route: 'meeting' as const },
      additionalReview: null,
      additionalReviewComments: [],
      meeting: {
        announcedOn: meetingAnnouncedOn,
        firstDay: addDays(meetingAnnouncedOn, wait),
        lastDay: addDays(meetingAnnouncedOn, wait + length),
      },
      decision,
    };
  });
const facts = fc.oneof(anyFacts, toMeeting);

describe('a text’s path, on any recorded facts', () => {
  test.prop([facts, instant, fc.integer({ min: 0, max: 120 * DAY })])(
    'once approved, stays approved as time passes',
    (f, t, later) => {
      if (aapTextStatus(f, t, clauses).step === 'approved')
        expect(aapTextStatus(f, t + later, clauses).step).toBe('approved');
    },
  );

  test.prop([facts, instant])('cites a clause of its table, and a period that has not ended', (f, t) => {
    const status = aapTextStatus(f, t, clauses);
    expect(Object.values(clauses)).toContain(status.clause);
    if (status.until !== null) expect(status.until).toBeGreaterThanOrEqual(t);
  });

  test.prop([facts, instant])('is consented, with code C, exactly until the Last Call starts', (f, t) => {
    const before = f.lastCallAnnouncedOn === null || t < startOfDay(f.lastCallAnnouncedOn);
    expect(aapTextStatus(f, t, clauses).code === 'C').toBe(before);
  });

  test.prop([toMeeting, fc.integer({ min: 0, max: 200 * DAY })])(
    'reaches the meeting: SG until its first day, then as decided, and never back to an earlier step',
    (f, offset) => {
      const t = startOfDay(f.judgement!.on) + offset;
      const status = aapTextStatus(f, t, clauses);
      if (t < startOfDay(f.meeting!.firstDay) || f.decision === null) expect(status.code).toBe('SG');
      else expect(['approved', 'more_time', 'not_approved', 'deferred', 'switched_to_tap']).toContain(status.step);
    },
  );

  test.prop([facts, instant])('is approved within the Last Call only after it, never during it', (f, t) => {
    const status = aapTextStatus(f, t, clauses);
    if (status.step === 'last_call') expect(status.code).toBe('LC');
    if (f.lastCallAnnouncedOn !== null && t >= startOfDay(f.lastCallAnnouncedOn) && status.step !== 'last_call')
      expect(t).toBeGreaterThanOrEqual(startOfDay(addDays(f.lastCallAnnouncedOn, LAST_CALL_DAYS + 1)));
  });
});
