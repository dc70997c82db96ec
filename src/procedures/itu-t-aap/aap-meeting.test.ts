import { describe, expect, it } from 'vitest';
import { aapClauses } from './aap-clauses.js';
import { aapDeletionStatus, deletionWindowEnd } from './aap-deletion.js';
import {
  type AapDecisionInput,
  aapNoticeDueAt,
  checkMeetingAnnouncement,
  decideAapMeeting,
  moreTimeWindowEnd,
  namedInAapDecision,
  validateAapDecision,
} from './aap-meeting.js';

const clauses = aapClauses('10/2008');
const at = (iso: string) => Date.parse(iso);
const MS = 1;

/** A study group meeting: 4–13 June 2012. */
const LAST_DAY = '2012-06-13';
const DURING = at('2012-06-13T10:00:00Z');
/** 13 June + 28 days = 11 July 2012, end of day UTC. */
const WINDOW_LAST = at('2012-07-11T23:59:59.999Z');

const decision = (overrides: Partial<AapDecisionInput> = {}): AapDecisionInput => ({
  deferred: false,
  policyImplications: [],
  policyDoubt: false,
  policyRoute: null,
  opposing: [],
  abstaining: [],
  concerns: [],
  moreTime: [],
  formalOppositions: [],
  ...overrides,
});
const decide = (input: AapDecisionInput, now = DURING) => decideAapMeeting(input, LAST_DAY, now, clauses);
const outcome = (input: AapDecisionInput, now = DURING) => {
  const d = decide(input, now);
  return [d.outcome, d.clause];
};

describe('the decision at the meeting (§5)', () => {
  it('approves an unopposed text (§5.3), and one opposed by a single Member State (§5.4), with the concerns noted (§5.5)', () => {
    expect(outcome(decision())).toEqual(['approved', '§5.3']);
    const one = decision({ opposing: ['FR'], concerns: [{ state: 'DE', note: 'Clause 7 is premature.' }] });
    expect(outcome(one)).toEqual(['approved', '§5.4']);
    expect(decide(one)).toMatchObject({
      opposedBy: ['FR'],
      concerns: [{ state: 'DE', note: 'Clause 7 is premature.' }],
      mayRestartWithoutNewConsent: false,
      citation: 'Recommendation ITU-T A.8 (10/2008) §5.4',
    });
  });

  it('does not approve a text two Member States oppose (§5.4), and lets the chairman restart without a new consent (§5.8)', () => {
    const two = decide(decision({ opposing: ['FR', 'DE'] }));
    expect(two).toMatchObject({ outcome: 'not_approved', clause: '§5.4', opposedBy: ['FR', 'DE'] });
    expect(two.mayRestartWithoutNewConsent).toBe(true);
  });

  it('ignores abstaining Member States and Sector Members (§5.7): the text stays unopposed', () => {
    expect(outcome(decision({ abstaining: ['DE', 'ERICSSON'] }))).toEqual(['approved', '§5.3']);
    expect(outcome(decision({ opposing: ['FR'], abstaining: ['DE', 'ERICSSON'] }))).toEqual(['approved', '§5.4']);
  });

  it('sends the text where the meeting chooses when policy or regulatory implications are declared or in doubt (§5.2): TAP, or a restart (§5.8)', () => {
    expect(outcome(decision({ policyImplications: ['BR'], policyRoute: 'tap', opposing: ['FR', 'DE'] }))).toEqual([
      'switched_to_tap',
      '§5.2',
    ]);
    expect(outcome(decision({ policyDoubt: true, policyRoute: 'tap' }))).toEqual(['switched_to_tap', '§5.2']);
    expect(decide(decision({ policyImplications: ['BR'], policyRoute: 'restart' }))).toMatchObject({
      outcome: 'not_approved',
      clause: '§5.2',
      mayRestartWithoutNewConsent: true,
      opposedBy: ['BR'],
    });
  });

  it('defers a text with a major change (§5.2), before any opposition, and it may restart without a new consent (§5.8)', () => {
    expect(decide(decision({ deferred: true, opposing: ['FR', 'DE'] }))).toMatchObject({
      outcome: 'deferred',
      clause: '§5.2',
      mayRestartWithoutNewConsent: true,
    });
  });

  it('does not wait for more time when two Member States already oppose (§5.4 before §5.6)', () => {
    expect(outcome(decision({ opposing: ['FR', 'DE'], moreTime: ['CN'] }))).toEqual(['not_approved', '§5.4']);
  });

  describe('more time (§5.6): four weeks after the meeting', () => {
    it('ends at the end of the 28th day after the last day of the meeting', () => {
      expect(moreTimeWindowEnd(LAST_DAY)).toBe(WINDOW_LAST);
    });

    it('is pending through the window and approved after it without opposition', () => {
      const input = decision({ moreTime: ['CN'] });
      expect(decide(input, WINDOW_LAST)).toMatchObject({
        outcome: 'pending_more_time',
        clause: '§5.6',
        moreTimeWindowEndsAt: WINDOW_LAST,
      });
      expect(outcome(input, WINDOW_LAST + MS)).toEqual(['approved', '§5.6']);
    });

    it('counts an opposition only once it is received', () => {
      const input = decision({ moreTime: ['CN'], formalOppositions: [{ state: 'CN', receivedAt: WINDOW_LAST }] });
      expect(outcome(input, WINDOW_LAST - MS)).toEqual(['pending_more_time', '§5.6']);
    });

    it('is not approved when the opposition arrives on the last instant of the window, and may restart (§5.8)', () => {
      const input = decision({ moreTime: ['CN'], formalOppositions: [{ state: 'CN', receivedAt: WINDOW_LAST }] });
      expect(decide(input, WINDOW_LAST)).toMatchObject({
        outcome: 'not_approved',
        clause: '§5.6',
        opposedBy: ['CN'],
        mayRestartWithoutNewConsent: true,
      });
    });

    it('refuses an opposition received after the window, or from a State that did not ask for more time', () => {
      const late = decision({ moreTime: ['CN'], formalOppositions: [{ state: 'CN', receivedAt: WINDOW_LAST + MS }] });
      expect(validateAapDecision(late, LAST_DAY, clauses).map((p) => [p.field, p.clause])).toEqual([
        ['/formalOppositions/0/receivedAt', '§5.6'],
      ]);
      const other = decision({ moreTime: ['CN'], formalOppositions: [{ state: 'IN', receivedAt: DURING }] });
      expect(validateAapDecision(other, LAST_DAY, clauses).map((p) => [p.field, p.clause])).toEqual([
        ['/formalOppositions/0/state', '§5.6'],
      ]);
    });
  });
});

describe('a recorded decision is consistent (§5.4–§5.7)', () => {
  const problems = (input: AapDecisionInput) =>
    validateAapDecision(input, LAST_DAY, clauses).map((p) => [p.field, p.code ?? null, p.clause ?? null]);

  it('accepts a consistent decision: one Member State opposing needs no concern of its own', () => {
    expect(problems(decision({ opposing: ['FR'] }))).toEqual([]);
    expect(problems(decision({ opposing: ['FR'], concerns: [{ state: 'ERICSSON', note: 'Premature.' }] }))).toEqual([]);
  });

  it('notes a concern only for a delegation that does not oppose (§5.5), with its note', () => {
    expect(problems(decision({ opposing: ['FR'], concerns: [{ state: 'FR', note: 'Premature.' }] }))).toEqual([
      ['/concerns/0/state', null, '§5.5'],
    ]);
    expect(problems(decision({ concerns: [{ state: 'DE', note: ' ' }] }))).toEqual([
      ['/concerns/0/note', null, '§5.5'],
    ]);
  });

  it('asks for the route when implications are declared or in doubt (POLICY_ROUTE_MISSING, §5.2), and refuses a route without them', () => {
    expect(problems(decision({ policyImplications: ['BR'] }))).toEqual([
      ['/policyRoute', 'POLICY_ROUTE_MISSING', '§5.2'],
    ]);
    expect(problems(decision({ policyDoubt: true }))).toEqual([['/policyRoute', 'POLICY_ROUTE_MISSING', '§5.2']]);
    expect(problems(decision({ policyRoute: 'tap' }))).toEqual([['/policyRoute', null, '§5.2']]);
  });

  it('refuses a State that opposes and abstains (§5.7) or opposes and asks for more time (§5.6), and one listed twice', () => {
    expect(
      problems(
        decision({
          opposing: ['FR', 'DE'],
          abstaining: ['FR'],
          moreTime: ['DE', 'CN', 'CN'],
        }),
      ),
    ).toEqual([
      ['/moreTime/2', 'STATE_LISTED_TWICE', null],
      ['/abstaining/0', null, '§5.7'],
      ['/moreTime/0', null, '§5.6'],
    ]);
  });

  it('names as opposing (for the core to refuse a Sector Member, §5.4) only what the Member States alone may do', () => {
    const named = namedInAapDecision(
      decision({
        policyImplications: ['BR'],
        policyRoute: 'tap',
        opposing: ['FR'],
        abstaining: ['ERICSSON'],
        concerns: [{ state: 'FR', note: 'x' }],
        moreTime: ['CN'],
        formalOppositions: [{ state: 'CN', receivedAt: DURING }],
      }),
    );
    expect(named.map((m) => [m.code, m.field, m.opposes])).toEqual([
      ['BR', '/policyImplications/0', true],
      ['FR', '/opposing/0', true],
      ['ERICSSON', '/abstaining/0', false],
      ['FR', '/concerns/0/state', false],
      ['CN', '/moreTime/0', true],
      ['CN', '/formalOppositions/0/state', true],
    ]);
  });
});

describe('notices and announcements (§4.6, §6.2)', () => {
  it('wants the notice within two weeks of the close of the meeting, or of the §5.6 window', () => {
    expect(new Date(aapNoticeDueAt(LAST_DAY, false)).toISOString()).toBe('2012-06-27T23:59:59.999Z');
    expect(new Date(aapNoticeDueAt(LAST_DAY, true)).toISOString()).toBe('2012-07-25T23:59:59.999Z');
  });

  it('warns of a meeting announced less than three weeks before its first day (§4.6), as a timing check', () => {
    // The meeting opens on 4 June 2012: 14 May is exactly three weeks before.
    expect(checkMeetingAnnouncement('2012-05-14', '2012-06-04', clauses)).toMatchObject({
      rule: 'announcement',
      severity: 'ok',
      clause: '§4.6',
    });
    expect(checkMeetingAnnouncement('2012-05-15', '2012-06-04', clauses)).toMatchObject({
      rule: 'announcement',
      severity: 'warning',
      clause: '§4.6',
      citation: 'Recommendation ITU-T A.8 (10/2008) §4.6',
      message: expect.stringContaining('by 2012-05-14'),
      params: { announcedOn: '2012-05-15', meetingFirstDay: '2012-06-04', latest: '2012-05-14' },
    });
  });
});

describe('deletion (§8.2.1)', () => {
  const circularOn = '2012-06-29';
  const LAST = at('2012-09-29T23:59:59.999Z');

  it('runs three calendar months from the circular, a missing day clamped to the month end', () => {
    expect(deletionWindowEnd(circularOn)).toBe(LAST);
    expect(new Date(deletionWindowEnd('2012-11-30')).toISOString()).toBe('2013-02-28T23:59:59.999Z');
    expect(new Date(deletionWindowEnd('2011-11-30')).toISOString()).toBe('2012-02-29T23:59:59.999Z');
  });

  it('is not agreed with two Member States opposing at the meeting (the §5.4 criterion)', () => {
    expect(
      aapDeletionStatus({ opposing: ['FR', 'DE'], circularOn: null, objections: [] }, DURING, clauses),
    ).toMatchObject({
      step: 'not_agreed',
      clause: '§8.2.1',
    });
  });

  it('awaits its circular, then waits three months, then takes effect without objection', () => {
    const agreed = { opposing: ['FR'], circularOn, objections: [] };
    expect(aapDeletionStatus({ ...agreed, circularOn: null }, DURING, clauses).step).toBe('awaiting_circular');
    expect(aapDeletionStatus(agreed, LAST, clauses)).toMatchObject({
      step: 'objection_window',
      clause: '§8.2.1',
      windowEndsAt: LAST,
    });
    expect(aapDeletionStatus(agreed, LAST + MS, clauses).step).toBe('deleted');
  });

  it('goes back to the study group on an objection from a Member State or a Sector Member within the window, not after it', () => {
    const objected = { opposing: [], circularOn, objections: [{ from: 'ERICSSON', receivedAt: LAST }] };
    expect(aapDeletionStatus(objected, LAST, clauses).step).toBe('back_to_study_group');
    expect(aapDeletionStatus(objected, LAST + 10 * MS, clauses).step).toBe('back_to_study_group');
    const late = { opposing: [], circularOn, objections: [{ from: 'FR', receivedAt: LAST + MS }] };
    expect(aapDeletionStatus(late, LAST + 10 * MS, clauses).step).toBe('deleted');
  });
});
