import { describe, expect, it } from 'vitest';
import type { MeetingDecisionInput } from '../../domain/procedure/outcomes.js';
import { type PhaseFacts, phaseAccepts, phasePosition } from '../../domain/procedure/phases.js';
import { endOfDay, startOfDay } from '../../domain/time/instants.js';
import { tapClauses } from './tap-clauses.js';
import { TAP_PHASES, tapTimeline } from './tap-phases.js';

const clauses = tapClauses('Rev. Geneva, 2022');

/** Circular 79: issued 28 March 2023, replies by 2359 hours UTC on 16 August 2023, SG17 29 Aug – 8 Sep 2023. */
const ISSUED = Date.parse('2023-03-28T09:00:00.000Z');
const DEADLINE = endOfDay('2023-08-16');
const MEETING_START = startOfDay('2023-08-29');
const MEETING_END = endOfDay('2023-09-08');
/** 8 Sep + 28 days (§9.5.5, §9.6.1). */
const WINDOW_END = endOfDay('2023-10-06');

const NO_MORE_TIME: MeetingDecisionInput = {
  deferred: false,
  opposing: [],
  abstaining: [],
  reservations: [],
  moreTime: [],
  formalOppositions: [],
};

function facts(overrides: Partial<PhaseFacts> = {}): PhaseFacts {
  return {
    issuedAt: ISSUED,
    deadlineAt: DEADLINE,
    meeting: { firstDay: '2023-08-29', lastDay: '2023-09-08' },
    decisions: [],
    resultsNoticeAt: null,
    ...overrides,
  };
}

const timeline = (f: PhaseFacts = facts()) => tapTimeline(f, clauses);
const currentAt = (now: number, f?: PhaseFacts) => phasePosition(timeline(f), now).current?.id ?? null;
const nextAt = (now: number, f?: PhaseFacts) => phasePosition(timeline(f), now).next?.id ?? null;

describe('TAP phases (WTSA Resolution 1, Section 9)', () => {
  it('consultation (§9.4.1) from the issue to the deadline, meeting (§9.5.3) over its days, then the notice due 4 weeks after (§9.6.1)', () => {
    expect(timeline()).toEqual([
      { id: 'consultation', startsAt: ISSUED, endsAt: DEADLINE, dueBy: null, clause: '§9.4.1' },
      { id: 'meeting', startsAt: MEETING_START, endsAt: MEETING_END, dueBy: null, clause: '§9.5.3' },
      { id: 'notified', startsAt: null, endsAt: null, dueBy: WINDOW_END, clause: '§9.6.1' },
    ]);
  });

  it('takes replies from the issue instant to the deadline instant, both included, and not a millisecond after', () => {
    for (const [now, open] of [
      [ISSUED - 1, false],
      [ISSUED, true],
      [DEADLINE, true],
      [DEADLINE + 1, false],
    ] as const)
      expect(phaseAccepts(TAP_PHASES, timeline(), 'reply', now)).toBe(open);
  });

  it('is between phases from the deadline to the meeting, with the meeting next', () => {
    expect(currentAt(DEADLINE + 1)).toBeNull();
    expect(nextAt(DEADLINE + 1)).toBe('meeting');
    expect(currentAt(MEETING_START - 1)).toBeNull();
    expect(currentAt(MEETING_START)).toBe('meeting');
    expect(currentAt(MEETING_END)).toBe('meeting');
  });

  it('after the meeting, waits for the notice: no current phase, the notice next with its due date', () => {
    const position = phasePosition(timeline(), MEETING_END + 1);
    expect(position.current).toBeNull();
    expect(position.next).toMatchObject({ id: 'notified', startsAt: null, dueBy: WINDOW_END });
  });

  it('opens the more-time window (§9.5.5) only once a delegation asked for more time: to 4 weeks after the meeting, the notice due 4 weeks later', () => {
    const f = facts({ decisions: [NO_MORE_TIME, { ...NO_MORE_TIME, moreTime: ['KR'] }] });
    expect(timeline(f).map((w) => w.id)).toEqual(['consultation', 'meeting', 'more_time', 'notified']);
    expect(timeline(f)[2]).toEqual({
      id: 'more_time',
      startsAt: MEETING_END + 1,
      endsAt: WINDOW_END,
      dueBy: null,
      clause: '§9.5.5',
    });
    expect(timeline(f)[3]!.dueBy).toBe(WINDOW_END + 28 * 86_400_000);
    expect(currentAt(MEETING_END, f)).toBe('meeting');
    expect(currentAt(MEETING_END + 1, f)).toBe('more_time');
    expect(currentAt(WINDOW_END, f)).toBe('more_time');
    expect(currentAt(WINDOW_END + 1, f)).toBeNull();
    expect(phaseAccepts(TAP_PHASES, timeline(f), 'formal_opposition', WINDOW_END)).toBe(true);
    expect(phaseAccepts(TAP_PHASES, timeline(f), 'formal_opposition', WINDOW_END + 1)).toBe(false);
    expect(timeline(facts()).some((w) => w.id === 'more_time')).toBe(false);
  });

  it('is notified from the notice on, for good', () => {
    const notice = Date.parse('2023-09-20T10:00:00.000Z');
    const f = facts({ resultsNoticeAt: notice });
    expect(currentAt(notice - 1, f)).toBeNull();
    expect(currentAt(notice, f)).toBe('notified');
    expect(currentAt(notice + 10 * 365 * 86_400_000, f)).toBe('notified');
    expect(nextAt(notice, f)).toBeNull();
  });

  it('a notice issued while more time runs leaves the window as §9.5.5 sets it: opposition is still taken to its end', () => {
    const notice = Date.parse('2023-09-20T10:00:00.000Z');
    const f = facts({ decisions: [{ ...NO_MORE_TIME, moreTime: ['KR'] }], resultsNoticeAt: notice });
    expect(timeline(f).find((w) => w.id === 'more_time')!.endsAt).toBe(WINDOW_END);
    expect(currentAt(notice, f)).toBe('more_time');
    expect(phaseAccepts(TAP_PHASES, timeline(f), 'formal_opposition', WINDOW_END)).toBe(true);
    expect(currentAt(WINDOW_END + 1, f)).toBe('notified');
  });

  it('a notice dated on the meeting’s last day leaves the meeting its days', () => {
    const notice = startOfDay('2023-09-08');
    const f = facts({ resultsNoticeAt: notice });
    expect(timeline(f).find((w) => w.id === 'meeting')).toMatchObject({ startsAt: MEETING_START, endsAt: MEETING_END });
    expect(currentAt(notice, f)).toBe('meeting');
    expect(currentAt(MEETING_END + 1, f)).toBe('notified');
  });

  it('a draft is in no phase whatever the clock: its consultation waits for the issue', () => {
    const f = facts({ issuedAt: null });
    for (const now of [ISSUED, DEADLINE, MEETING_START, WINDOW_END + 1]) {
      expect(currentAt(now, f)).toBeNull();
      expect(nextAt(now, f)).toBe('consultation');
    }
  });

  it('cites the clause of each window in the consultation edition', () => {
    const old = tapTimeline(facts(), tapClauses('Rev. Hammamet, 2016'));
    expect(old.map((w) => w.clause)).toEqual(['§9.4.1', '§9.5.3', '§9.6.1']);
  });

  it('every window is one of the declared phases, in the declared order', () => {
    const f = facts({ decisions: [{ ...NO_MORE_TIME, moreTime: ['KR'] }] });
    const order = TAP_PHASES.map((p) => p.id);
    const ids = timeline(f).map((w) => w.id);
    expect(ids.every((id) => order.includes(id))).toBe(true);
    expect([...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(ids);
  });
});
