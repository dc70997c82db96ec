import { describe, expect, it } from 'vitest';
import { ITU_GENEVA_HOLIDAYS } from '../../domain/calendar/itu-geneva-holidays.js';
import { endOfDay } from '../../domain/time/instants.js';
import { PROCEDURES, procedureFor } from '../registry.js';
import type { EligibilityFacts } from '../../domain/procedure/procedure.js';
import { TAP_PROCEDURE, tapEligibility } from './tap-procedure.js';
import { resultsNoticeDueAt } from './tap-meeting.js';

const EDITION = 'Rev. Geneva, 2022';

function facts(overrides: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return { participantClass: 'member-state', mayReply: true, note: null, consultedStates: null, ...overrides };
}

describe('tapEligibility (only Member States reply: Res. 1 §9.4.1, §9.4.3)', () => {
  it('a Member State that may reply is eligible when every Member State is consulted', () => {
    expect(tapEligibility('CH', facts(), EDITION)).toEqual({ eligible: true, reason: null, clause: null });
  });

  it('an organisation of another class (a Sector Member) is refused, citing §9.4.3, even when it may reply', () => {
    expect(tapEligibility('ERICSSON', facts({ participantClass: 'sector-member' }), EDITION)).toEqual({
      eligible: false,
      reason:
        'ERICSSON is not a Member State: only Member States reply to a consultation under the Traditional Approval Procedure',
      clause: '§9.4.3',
    });
  });

  it('consults the Member States alone, counts their replies, and any of them may oppose at the meeting (§9.5.3)', () => {
    expect(TAP_PROCEDURE.participantClasses).toEqual([{ id: 'member-state', counted: true, mayOppose: true }]);
  });

  it('an observer (mayReply false) is refused with its own note and the §9.4.1 citation', () => {
    const note = 'Palestine is an observer (PP Resolution 99) and does not reply to Member State consultations.';
    expect(tapEligibility('PS', facts({ mayReply: false, note }), EDITION)).toEqual({
      eligible: false,
      reason: note,
      clause: '§9.4.1',
    });
  });

  it('a State that may not reply and has no note is refused with a generic reason naming it', () => {
    const answer = tapEligibility('XX', facts({ mayReply: false }), EDITION);
    expect(answer.eligible).toBe(false);
    expect(answer.reason).toContain('XX');
    expect(answer.clause).toBe('§9.4.1');
  });

  it('a regional consultation refuses a State outside its consulted list, citing the §9.2.1 NOTE', () => {
    const regional = facts({ consultedStates: ['BJ', 'CI', 'SN'] });
    const answer = tapEligibility('FR', regional, EDITION);
    expect(answer).toMatchObject({ eligible: false, clause: '§9.2.1 NOTE' });
    expect(answer.reason).toContain('FR');
    expect(tapEligibility('SN', regional, EDITION)).toEqual({ eligible: true, reason: null, clause: null });
  });

  it('a State that may not reply is refused even when it is on the consulted list', () => {
    expect(tapEligibility('SN', facts({ mayReply: false, consultedStates: ['SN'] }), EDITION)).toMatchObject({
      eligible: false,
      clause: '§9.4.1',
    });
  });

  it('an empty consulted list refuses everyone', () => {
    expect(tapEligibility('SN', facts({ consultedStates: [] }), EDITION).eligible).toBe(false);
  });

  it('cites the clause as the consultation’s edition numbers it', () => {
    expect(tapEligibility('PS', facts({ mayReply: false }), 'Rev. Hammamet, 2016').clause).toBe('§9.4.1');
  });
});

describe('TAP_PROCEDURE', () => {
  it('is registered as itu-t-tap and offers the two boxes of the form plus "unclear"', () => {
    expect(TAP_PROCEDURE.id).toBe('itu-t-tap');
    expect(TAP_PROCEDURE.positionKinds).toEqual(['assigns_authority', 'does_not_assign_authority', 'unclear']);
  });

  it('applies the 70 % rule with the edition’s citation', () => {
    expect(TAP_PROCEDURE.tally({ assigns_authority: 16, does_not_assign_authority: 7 }, EDITION)).toMatchObject({
      outcome: 'not_at_this_meeting',
      citation: 'WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.6',
    });
  });

  it('checks Circular 79 timing without warnings', () => {
    const checks = TAP_PROCEDURE.checkTiming(
      {
        circularDate: '2023-03-28',
        announcedOn: null,
        meetingFirstDay: '2023-08-29',
        deadlineAt: endOfDay('2023-08-16'),
        languagesAvailableOn: null,
      },
      EDITION,
      ITU_GENEVA_HOLIDAYS,
    );
    expect(checks.filter((c) => c.severity === 'warning')).toEqual([]);
  });

  it('checks replies and decides at the meeting through the same rules', () => {
    expect(
      TAP_PROCEDURE.checkReply([{ text: 'x1353', position: 'unclear' }], ['x1353'], 'web', EDITION).problems,
    ).toHaveLength(1);
    const input = {
      deferred: false,
      opposing: ['FR'],
      abstaining: [],
      reservations: [],
      moreTime: [],
      formalOppositions: [],
    };
    expect(TAP_PROCEDURE.validateMeetingDecision(input, '2023-09-08', EDITION)).toEqual([]);
    expect(
      TAP_PROCEDURE.decideAtMeeting(input, '2023-09-08', Date.parse('2023-09-08T12:00:00Z'), EDITION).outcome,
    ).toBe('not_approved');
    expect(TAP_PROCEDURE.resultsNoticeDueAt('2023-09-08', [input])).toBe(Date.parse('2023-10-06T23:59:59.999Z'));
    // With more time asked for, the notice follows the 4-week window (§9.5.5, §9.6.1).
    expect(TAP_PROCEDURE.resultsNoticeDueAt('2023-09-08', [{ ...input, opposing: [], moreTime: ['FR'] }])).toBe(
      resultsNoticeDueAt('2023-09-08', true),
    );
  });
});

describe('procedureFor (registry)', () => {
  it('returns the TAP procedure for itu-t-tap', () => {
    expect(procedureFor('itu-t-tap')).toBe(TAP_PROCEDURE);
    expect(PROCEDURES['itu-t-tap']).toBe(TAP_PROCEDURE);
  });

  it('refuses an id no code implements with UNKNOWN_PROCEDURE (a 4xx problem), naming the known ids', () => {
    expect(() => procedureFor('itu-t-aap')).toThrow('Unknown procedure "itu-t-aap"; known: itu-t-tap');
    expect(() => procedureFor('')).toThrow(expect.objectContaining({ code: 'UNKNOWN_PROCEDURE', status: 422 }));
  });

  it('does not resolve inherited object keys as procedures', () => {
    expect(() => procedureFor('toString')).toThrow(/Unknown procedure/);
    expect(() => procedureFor('__proto__')).toThrow(/Unknown procedure/);
  });
});
