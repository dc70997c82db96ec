import { describe, expect, it } from 'vitest';
import { endOfDay } from '../../domain/time/instants.js';
import { tapClauses } from './tap-clauses.js';
import {
  WINDOW_DAYS,
  decideAtMeeting,
  moreTimeWindowEnd,
  namedInTapDecision,
  resultsNoticeDueAt,
  validateMeetingDecision,
} from './tap-meeting.js';
import type { MeetingDecisionInput } from '../../domain/procedure/outcomes.js';

const clauses = tapClauses('Rev. Geneva, 2022');

/** SG17, Goyang, 29 Aug – 8 Sep 2023 (Circular 79). */
const LAST_DAY = '2023-09-08';
/** 8 Sep + 28 days = 6 Oct 2023, end of day UTC. */
const WINDOW_END = Date.parse('2023-10-06T23:59:59.999Z');
/** During the meeting, when the decision is taken. */
const AT_MEETING = Date.parse('2023-09-08T15:00:00.000Z');

function decision(overrides: Partial<MeetingDecisionInput> = {}): MeetingDecisionInput {
  return {
    deferred: false,
    opposing: [],
    abstaining: [],
    reservations: [],
    moreTime: [],
    formalOppositions: [],
    ...overrides,
  };
}

function decide(input: MeetingDecisionInput, now = AT_MEETING) {
  return decideAtMeeting(input, LAST_DAY, now, clauses);
}

function validate(input: MeetingDecisionInput) {
  return validateMeetingDecision(input, LAST_DAY, clauses);
}

describe('decideAtMeeting (Res. 1 §9.5)', () => {
  it('an unopposed text is approved under §9.5.3', () => {
    expect(decide(decision())).toEqual({
      outcome: 'approved',
      clause: '§9.5.3',
      citation: 'WTSA Resolution 1 (Rev. Geneva, 2022) §9.5.3',
      moreTimeWindowEndsAt: null,
      mayRestartWithoutNewDetermination: false,
      opposedBy: [],
      reservations: [],
    });
  });

  it('opposition by one Member State is enough to refuse approval (§9.5.3) and names that State', () => {
    const result = decide(decision({ opposing: ['FR'] }));
    expect(result).toMatchObject({
      outcome: 'not_approved',
      clause: '§9.5.3',
      opposedBy: ['FR'],
      moreTimeWindowEndsAt: null,
    });
    expect(result.mayRestartWithoutNewDetermination).toBe(true);
  });

  it('an abstaining delegation is ignored for the unopposed test (§9.5.6)', () => {
    expect(decide(decision({ abstaining: ['DE'] })).outcome).toBe('approved');
    // Even a State recorded as both opposing and abstaining (which validation flags) does not block.
    expect(decide(decision({ opposing: ['DE'], abstaining: ['DE'] })).outcome).toBe('approved');
    expect(decide(decision({ opposing: ['DE', 'FR'], abstaining: ['DE'] })).opposedBy).toEqual(['FR']);
  });

  it('a reservation is recorded with the decision and does not block approval (§9.5.4)', () => {
    const reservations = [{ state: 'US', note: 'The United States reserves its position on clause 7.' }];
    expect(decide(decision({ reservations }))).toMatchObject({ outcome: 'approved', clause: '§9.5.3', reservations });
  });

  it('a text the meeting deferred is deferred under §9.5.2, whatever else was recorded', () => {
    expect(decide(decision({ deferred: true }))).toMatchObject({
      outcome: 'deferred',
      clause: '§9.5.2',
      moreTimeWindowEndsAt: null,
      opposedBy: [],
    });
    expect(decide(decision({ deferred: true, opposing: ['FR'] })).outcome).toBe('deferred');
  });

  describe('more time (§9.5.5)', () => {
    const moreTime = decision({ moreTime: ['BR'] });

    it('the window for formal opposition ends at the end of the meeting’s last day + 28 days: 2023-10-06T23:59:59.999Z', () => {
      expect(WINDOW_DAYS).toBe(28);
      expect(moreTimeWindowEnd(LAST_DAY)).toBe(WINDOW_END);
      expect(new Date(moreTimeWindowEnd(LAST_DAY)).toISOString()).toBe('2023-10-06T23:59:59.999Z');
    });

    it('is pending during the meeting and up to the last instant of the window', () => {
      for (const now of [AT_MEETING, endOfDay('2023-09-20'), WINDOW_END]) {
        expect(decide(moreTime, now)).toMatchObject({
          outcome: 'pending_more_time',
          clause: '§9.5.5',
          moreTimeWindowEndsAt: WINDOW_END,
          mayRestartWithoutNewDetermination: false,
        });
      }
    });

    it('is approved one millisecond after the window when no formal opposition arrived', () => {
      expect(decide(moreTime, WINDOW_END + 1)).toMatchObject({
        outcome: 'approved',
        clause: '§9.5.5',
        moreTimeWindowEndsAt: WINDOW_END,
        opposedBy: [],
      });
    });

    it('is not approved (§9.5.5.2) when the State that asked for more time formally opposes in time, and may restart without a new determination', () => {
      const input = decision({
        moreTime: ['BR'],
        formalOppositions: [{ state: 'BR', receivedAt: WINDOW_END, reasons: 'See attached.' }],
      });
      for (const now of [WINDOW_END, WINDOW_END + 1]) {
        expect(decide(input, now)).toMatchObject({
          outcome: 'not_approved',
          clause: '§9.5.5.2',
          citation: 'WTSA Resolution 1 (Rev. Geneva, 2022) §9.5.5.2',
          opposedBy: ['BR'],
          moreTimeWindowEndsAt: WINDOW_END,
          mayRestartWithoutNewDetermination: true,
        });
      }
    });

    it('formal opposition received after the window does not stop approval', () => {
      const input = decision({
        moreTime: ['BR'],
        formalOppositions: [{ state: 'BR', receivedAt: WINDOW_END + 1, reasons: null }],
      });
      expect(decide(input, WINDOW_END + 2).outcome).toBe('approved');
    });

    it('formal opposition from a State that did not ask for more time does not stop approval', () => {
      const input = decision({
        moreTime: ['BR'],
        formalOppositions: [{ state: 'AR', receivedAt: WINDOW_END - 1, reasons: null }],
      });
      expect(decide(input, WINDOW_END + 1).outcome).toBe('approved');
    });
  });
});

describe('validateMeetingDecision', () => {
  it('finds no problem in a consistent decision', () => {
    const input = decision({
      opposing: [],
      abstaining: ['DE'],
      reservations: [{ state: 'US', note: 'Reservation on clause 7.' }],
      moreTime: ['BR'],
      formalOppositions: [{ state: 'BR', receivedAt: WINDOW_END, reasons: null }],
    });
    expect(validate(input)).toEqual([]);
  });

  it('flags a State that both opposes and abstains (§9.5.3 vs §9.5.6)', () => {
    expect(validate(decision({ opposing: ['FR'], abstaining: ['DE', 'FR'] }))).toEqual([
      { field: '/abstaining/1', message: 'FR cannot both oppose and abstain', clause: '§9.5.6' },
    ]);
  });

  it('flags a reservation by an opposing State (§9.5.4)', () => {
    const problems = validate(decision({ opposing: ['FR'], reservations: [{ state: 'FR', note: 'Reserved.' }] }));
    expect(problems).toEqual([expect.objectContaining({ field: '/reservations/0/state', clause: '§9.5.4' })]);
  });

  it('flags a reservation with an empty or blank note', () => {
    expect(validate(decision({ reservations: [{ state: 'US', note: '' }] }))).toEqual([
      { field: '/reservations/0/note', message: 'A reservation needs its note', clause: '§9.5.4' },
    ]);
    expect(validate(decision({ reservations: [{ state: 'US', note: '   \n' }] })).map((p) => p.field)).toEqual([
      '/reservations/0/note',
    ]);
  });

  it('flags a request for more time by an opposing State (§9.5.5)', () => {
    expect(validate(decision({ opposing: ['FR'], moreTime: ['FR'] }))).toEqual([
      expect.objectContaining({ field: '/moreTime/0', clause: '§9.5.5' }),
    ]);
  });

  it('flags formal opposition from a State that did not ask for more time', () => {
    const problems = validate(
      decision({ moreTime: ['BR'], formalOppositions: [{ state: 'AR', receivedAt: WINDOW_END, reasons: null }] }),
    );
    expect(problems).toEqual([expect.objectContaining({ field: '/formalOppositions/0/state', clause: '§9.5.5' })]);
  });

  it('flags formal opposition received one millisecond after the window, and accepts it at the last instant', () => {
    const late = validate(
      decision({ moreTime: ['BR'], formalOppositions: [{ state: 'BR', receivedAt: WINDOW_END + 1, reasons: null }] }),
    );
    expect(late).toEqual([expect.objectContaining({ field: '/formalOppositions/0/receivedAt', clause: '§9.5.5' })]);
    expect(late[0]?.message).toContain('2023-10-06T23:59:59.999Z');
    expect(
      validate(
        decision({ moreTime: ['BR'], formalOppositions: [{ state: 'BR', receivedAt: WINDOW_END, reasons: null }] }),
      ),
    ).toEqual([]);
  });

  it('flags a State listed twice in any list, at the second occurrence', () => {
    const problems = validate(
      decision({
        opposing: ['FR', 'FR'],
        abstaining: ['DE', 'DE'],
        moreTime: ['BR', 'BR'],
        reservations: [
          { state: 'US', note: 'a' },
          { state: 'US', note: 'b' },
        ],
        formalOppositions: [
          { state: 'BR', receivedAt: WINDOW_END, reasons: null },
          { state: 'BR', receivedAt: WINDOW_END, reasons: null },
        ],
      }),
    );
    expect(problems.map((p) => p.field)).toEqual([
      '/opposing/1',
      '/abstaining/1',
      '/moreTime/1',
      '/reservations/1',
      '/formalOppositions/1',
    ]);
    expect(problems.every((p) => p.message.includes('appears twice'))).toBe(true);
  });
});

describe('resultsNoticeDueAt (§9.6.1)', () => {
  it('is 4 weeks after the meeting closes when nobody asked for more time: 2023-10-06T23:59:59.999Z', () => {
    expect(new Date(resultsNoticeDueAt(LAST_DAY, false)).toISOString()).toBe('2023-10-06T23:59:59.999Z');
  });

  it('is 4 weeks after the end of the §9.5.5 window when more time was asked for: 2023-11-03T23:59:59.999Z', () => {
    expect(new Date(resultsNoticeDueAt(LAST_DAY, true)).toISOString()).toBe('2023-11-03T23:59:59.999Z');
  });
});

describe('namedInTapDecision (who a decision names, and whether as opposing)', () => {
  it('names every delegation at its field: opposing, more time and formal opposition oppose (§9.5.3, §9.5.5); abstaining and reservations do not (§9.5.6, §9.5.4)', () => {
    const named = namedInTapDecision(
      decision({
        opposing: ['FR'],
        abstaining: ['IT'],
        reservations: [{ state: 'DE', note: 'Clause 7' }],
        moreTime: ['CN'],
        formalOppositions: [{ state: 'CN', receivedAt: AT_MEETING, reasons: null }],
      }),
    );
    expect(named.map((m) => [m.code, m.field, m.opposes])).toEqual([
      ['FR', '/opposing/0', true],
      ['IT', '/abstaining/0', false],
      ['CN', '/moreTime/0', true],
      ['DE', '/reservations/0/state', false],
      ['CN', '/formalOppositions/0/state', true],
    ]);
  });

  it('names nobody in an unopposed decision', () => {
    expect(namedInTapDecision(decision())).toEqual([]);
  });
});
