import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { endOfDay, startOfDay } from '../time/instants.js';
import type { PhaseDefinition } from '../procedure/phases.js';
import { CONSULTATION_STATES, consultationState, isOnTime, type ConsultationStateFacts } from './consultation-state.js';

/** Circular 79: issued 28 March 2023, replies by "2359 hours UTC on 16 August 2023". */
const DEADLINE = endOfDay('2023-08-16');

/** A consultation phase from issue to the deadline, then a meeting phase that takes no reply. */
const PHASES: PhaseDefinition[] = [
  { id: 'consultation', name: 'Consultation', actors: 'Members reply', accepts: ['reply'] },
  { id: 'meeting', name: 'Meeting', actors: 'The meeting decides', accepts: ['meeting_decision'] },
];

function facts(overrides: Partial<ConsultationStateFacts> = {}): ConsultationStateFacts {
  const issuedAt = overrides.issuedAt === undefined ? startOfDay('2023-03-28') : overrides.issuedAt;
  return {
    issuedAt,
    phases: PHASES,
    timeline: [
      { id: 'consultation', startsAt: issuedAt, endsAt: DEADLINE, dueBy: null, clause: '§1' },
      { id: 'meeting', startsAt: startOfDay('2023-08-29'), endsAt: endOfDay('2023-09-08'), dueBy: null, clause: '§2' },
    ],
    decisionsComplete: false,
    resultsNoticeAt: null,
    ...overrides,
  };
}

describe('isOnTime (only replies received by the due date count)', () => {
  it('the deadline instant of "2359 hours UTC on 16 August 2023" is 2023-08-16T23:59:59.999Z', () => {
    expect(new Date(DEADLINE).toISOString()).toBe('2023-08-16T23:59:59.999Z');
  });

  it('a reply at 23:59:59.999 on the deadline day is on time', () => {
    expect(isOnTime(Date.parse('2023-08-16T23:59:59.999Z'), DEADLINE)).toBe(true);
  });

  it('a reply at 00:00:00.000 the day after the deadline is late', () => {
    expect(isOnTime(Date.parse('2023-08-17T00:00:00.000Z'), DEADLINE)).toBe(false);
    expect(isOnTime(DEADLINE + 1, DEADLINE)).toBe(false);
  });

  it('a reply earlier on the deadline day is on time', () => {
    expect(isOnTime(Date.parse('2023-08-16T00:00:00.000Z'), DEADLINE)).toBe(true);
  });

  test.prop([fc.integer(), fc.integer(), fc.integer()])(
    'is monotone in the receipt time: a reply received earlier than an on-time reply is on time',
    (a, b, deadline) => {
      const [earlier, later] = a <= b ? [a, b] : [b, a];
      if (isOnTime(later, deadline)) expect(isOnTime(earlier, deadline)).toBe(true);
      if (!isOnTime(earlier, deadline)) expect(isOnTime(later, deadline)).toBe(false);
    },
  );

  test.prop([fc.integer(), fc.integer(), fc.integer()])(
    'is monotone in the deadline: a later deadline never makes an on-time reply late',
    (receivedAt, a, b) => {
      const [earlier, later] = a <= b ? [a, b] : [b, a];
      if (isOnTime(receivedAt, earlier)) expect(isOnTime(receivedAt, later)).toBe(true);
    },
  );

  test.prop([fc.integer({ min: -1e15, max: 1e15 })])('the deadline instant is the last on-time instant', (deadline) => {
    expect(isOnTime(deadline, deadline)).toBe(true);
    expect(isOnTime(deadline + 1, deadline)).toBe(false);
  });
});

describe('consultationState', () => {
  it('is draft while the circular has not been issued, whatever the clock says', () => {
    expect(consultationState(facts({ issuedAt: null }), startOfDay('2023-03-01'))).toBe('draft');
    expect(consultationState(facts({ issuedAt: null }), DEADLINE + 1)).toBe('draft');
  });

  it('is open from issue up to and including the deadline instant', () => {
    expect(consultationState(facts(), startOfDay('2023-03-28'))).toBe('open');
    expect(consultationState(facts(), DEADLINE)).toBe('open');
  });

  it('is closed one millisecond after the deadline while decisions are missing', () => {
    expect(consultationState(facts(), DEADLINE + 1)).toBe('closed');
  });

  it('is decided after the deadline once every decision is recorded', () => {
    expect(consultationState(facts({ decisionsComplete: true }), DEADLINE + 1)).toBe('decided');
  });

  it('stays open until the deadline even when decisions are marked complete', () => {
    expect(consultationState(facts({ decisionsComplete: true }), DEADLINE)).toBe('open');
  });

  it('is open from issue while its phase for replies is still to come, and closed once it has ended', () => {
    const issuedAt = startOfDay('2023-03-28');
    const opens = startOfDay('2023-04-04');
    const late = facts({
      timeline: [
        { id: 'consultation', startsAt: opens, endsAt: DEADLINE, dueBy: null, clause: '§1' },
        {
          id: 'meeting',
          startsAt: startOfDay('2023-08-29'),
          endsAt: endOfDay('2023-09-08'),
          dueBy: null,
          clause: '§2',
        },
      ],
    });
    expect(consultationState(late, issuedAt)).toBe('open');
    expect(consultationState(late, opens - 1)).toBe('open');
    expect(consultationState(late, opens)).toBe('open');
    expect(consultationState(late, DEADLINE + 1)).toBe('closed');
    // A phase for replies that waits for an event (no start yet) may never come: it keeps nothing open.
    const waiting = facts({
      timeline: [
        { id: 'consultation', startsAt: issuedAt, endsAt: DEADLINE, dueBy: null, clause: '§1' },
        { id: 'consultation', startsAt: null, endsAt: null, dueBy: null, clause: '§1' },
      ],
    });
    expect(consultationState(waiting, DEADLINE)).toBe('open');
    expect(consultationState(waiting, DEADLINE + 1)).toBe('closed');
  });

  it('is closed, not open, in a phase that takes no reply (the meeting)', () => {
    expect(consultationState(facts(), startOfDay('2023-09-01'))).toBe('closed');
  });

  it('is not open before its issue instant, even when issued (a record entered afterwards)', () => {
    expect(consultationState(facts(), startOfDay('2023-03-28') - 1)).toBe('closed');
  });

  it('is notified once the results notice has been issued', () => {
    const notice = Date.parse('2023-09-15T10:00:00.000Z');
    expect(consultationState(facts({ decisionsComplete: true, resultsNoticeAt: notice }), notice)).toBe('notified');
  });

  test.prop([fc.integer({ min: -1e13, max: 1e13 }), fc.integer({ min: 0, max: 1e12 }), fc.boolean(), fc.boolean()])(
    'never moves backwards in the draft → open → closed → decided → notified order as time passes',
    (now, step, decisionsComplete, notified) => {
      const f = facts({ decisionsComplete, resultsNoticeAt: notified ? DEADLINE + 1000 : null });
      const before = CONSULTATION_STATES.indexOf(consultationState(f, now));
      const after = CONSULTATION_STATES.indexOf(consultationState(f, now + step));
      expect(after).toBeGreaterThanOrEqual(before);
    },
  );
});
