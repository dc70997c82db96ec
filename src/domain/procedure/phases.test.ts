import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  nextPhaseChange,
  type PhaseDefinition,
  type PhaseWindow,
  phaseAccepts,
  phasePosition,
  phaseRefusal,
} from './phases.js';

const DEFINITIONS: PhaseDefinition[] = [
  { id: 'a', name: 'A', actors: 'members', accepts: ['reply'] },
  { id: 'b', name: 'B', actors: 'meeting', accepts: ['meeting_decision'] },
  { id: 'c', name: 'C', actors: 'secretariat', accepts: [] },
];
const w = (id: string, startsAt: number | null, endsAt: number | null): PhaseWindow => ({
  id,
  startsAt,
  endsAt,
  dueBy: null,
  clause: '§1',
});
const TIMELINE = [w('a', 100, 199), w('b', 300, 399), w('c', null, null)];

describe('phasePosition', () => {
  it('is in the window that holds the instant, both ends included', () => {
    expect(phasePosition(TIMELINE, 100).current?.id).toBe('a');
    expect(phasePosition(TIMELINE, 199).current?.id).toBe('a');
    expect(phasePosition(TIMELINE, 300).current?.id).toBe('b');
    expect(phasePosition(TIMELINE, 399).current?.id).toBe('b');
  });

  it('is in no phase before the first, between two, and after the last, and names the next', () => {
    expect(phasePosition(TIMELINE, 99)).toEqual({ current: null, next: TIMELINE[0] });
    expect(phasePosition(TIMELINE, 200)).toEqual({ current: null, next: TIMELINE[1] });
    expect(phasePosition(TIMELINE, 400)).toEqual({ current: null, next: TIMELINE[2] });
    expect(phasePosition([w('a', 100, 199)], 200)).toEqual({ current: null, next: null });
  });

  it('a window with an open end holds every later instant; one waiting for its event holds none', () => {
    expect(phasePosition([w('a', 100, null)], 1e15).current?.id).toBe('a');
    expect(phasePosition([w('a', null, null)], 1e15)).toEqual({ current: null, next: w('a', null, null) });
  });

  it('where two windows overlap, is in the first (where something can still be done)', () => {
    const overlapping = [w('a', 100, 199), w('b', 150, null)];
    expect(phasePosition(overlapping, 160)).toEqual({ current: overlapping[0], next: null });
    expect(phasePosition(overlapping, 200).current).toBe(overlapping[1]);
  });

  test.prop([fc.integer({ min: 0, max: 500 })])('the current phase, if any, holds the instant', (now) => {
    const { current, next } = phasePosition(TIMELINE, now);
    if (current !== null)
      expect(current.startsAt! <= now && (current.endsAt === null || now <= current.endsAt)).toBe(true);
    if (next !== null) expect(next.startsAt === null || next.startsAt > now).toBe(true);
  });
});

describe('phaseAccepts', () => {
  it('is what the phase at the instant accepts, and nothing between phases', () => {
    expect(phaseAccepts(DEFINITIONS, TIMELINE, 'reply', 150)).toBe(true);
    expect(phaseAccepts(DEFINITIONS, TIMELINE, 'reply', 250)).toBe(false);
    expect(phaseAccepts(DEFINITIONS, TIMELINE, 'meeting_decision', 350)).toBe(true);
    expect(phaseAccepts(DEFINITIONS, TIMELINE, 'reply', 350)).toBe(false);
  });
});

describe('phaseAccepts where windows overlap', () => {
  it('accepts what any window holding the instant accepts, not only the first', () => {
    // A reply window that reopens while the meeting's window still runs (as a later review phase could).
    const overlapping = [w('b', 100, 300), w('a', 200, 400)];
    expect(phasePosition(overlapping, 250).current?.id).toBe('b');
    expect(phaseAccepts(DEFINITIONS, overlapping, 'reply', 250)).toBe(true);
    expect(phaseAccepts(DEFINITIONS, overlapping, 'reply', 150)).toBe(false);
  });
});

describe('phaseRefusal', () => {
  it('is null while a window that accepts the action holds the instant, its end included', () => {
    expect(phaseRefusal(DEFINITIONS, TIMELINE, 'reply', 150)).toBeNull();
    expect(phaseRefusal(DEFINITIONS, TIMELINE, 'reply', 199)).toBeNull();
  });

  it('names the window that ended when none is left to come', () => {
    expect(phaseRefusal(DEFINITIONS, TIMELINE, 'reply', 200)).toEqual({ reason: 'ended', window: TIMELINE[0] });
    expect(phaseRefusal(DEFINITIONS, TIMELINE, 'reply', 350)).toEqual({ reason: 'ended', window: TIMELINE[0] });
  });

  it('names the window to come: one that starts later, or one waiting for its event', () => {
    expect(phaseRefusal(DEFINITIONS, TIMELINE, 'meeting_decision', 150)).toEqual({
      reason: 'not_yet',
      window: TIMELINE[1],
    });
    const draft = [w('a', null, 200), w('b', null, null)];
    expect(phaseRefusal(DEFINITIONS, draft, 'reply', 150)).toEqual({ reason: 'not_yet', window: draft[0] });
    // A second reply window to come wins over the first that ended.
    const reopening = [w('a', 100, 200), w('b', 300, 400), w('a', 500, 600)];
    expect(phaseRefusal(DEFINITIONS, reopening, 'reply', 350)).toEqual({ reason: 'not_yet', window: reopening[2] });
  });

  it('says never when no window of the consultation accepts the action', () => {
    expect(phaseRefusal(DEFINITIONS, TIMELINE, 'formal_opposition', 150)).toEqual({ reason: 'never', window: null });
  });
});

describe('nextPhaseChange', () => {
  it('is the next start, the instant after an end, or a due date, whichever comes first after now', () => {
    expect(nextPhaseChange(TIMELINE, 0)).toBe(100);
    expect(nextPhaseChange(TIMELINE, 100)).toBe(200);
    expect(nextPhaseChange(TIMELINE, 199)).toBe(200);
    expect(nextPhaseChange(TIMELINE, 200)).toBe(300);
    expect(nextPhaseChange(TIMELINE, 399)).toBe(400);
    expect(nextPhaseChange([{ ...w('a', 100, null), dueBy: 150 }], 120)).toBe(150);
    expect(nextPhaseChange([{ ...w('a', 100, null), dueBy: 150 }], 150)).toBe(151);
  });

  it('is null when nothing is dated after now (a window waiting for its event, an open end)', () => {
    expect(nextPhaseChange(TIMELINE, 400)).toBeNull();
    expect(nextPhaseChange([w('a', 100, null)], 100)).toBeNull();
    expect(nextPhaseChange([], 0)).toBeNull();
  });

  test.prop([
    fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })), { maxLength: 5 }),
    fc.integer({ min: 0, max: 1000 }),
  ])('nothing changes strictly between now and the next change: the phase position is the same', (spans, now) => {
    const timeline = spans.map(([a, b], i) => w(String(i), Math.min(a, b), Math.max(a, b)));
    const next = nextPhaseChange(timeline, now) ?? 2000;
    for (const at of [now, Math.floor((now + next - 1) / 2), next - 1])
      if (at >= now) expect(phasePosition(timeline, at)).toEqual(phasePosition(timeline, now));
  });
});
