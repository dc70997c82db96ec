import type { MeetingDecisionInput } from './outcomes.js';

/**
 * Phases as the procedure defines them. A consultation goes through its procedure's phases in
 * order; each has its own window (start, end), who may act in it and what it accepts. The
 * procedure turns a consultation's dates and recorded facts into a timeline of windows (a pure
 * function of data), and the phase at an instant follows from that timeline and the clock: nothing
 * runs when a phase ends. Phases need not touch: between two of them (e.g. from TAP's deadline to
 * the meeting's first day) a consultation is between phases, and the next one is known.
 */

/** What a phase accepts. */
export const PHASE_ACTIONS = [
  /** Participants' replies, counted by the decision rule. */
  'reply',
  /** The secretariat records the meeting's decisions. */
  'meeting_decision',
  /** Formal opposition after the meeting (e.g. TAP's more-time window). */
  'formal_opposition',
  /** The secretariat issues the results notice. */
  'results_notice',
] as const;
export type PhaseAction = (typeof PHASE_ACTIONS)[number];

/** A phase of a consultation as the procedure defines it (GET /api/v1/procedures lists them). */
export interface PhaseDefinition {
  /** The phase's id; its words are the procedure's message `phase.<id>`. */
  readonly id: string;
  /** Its name in English (the API and the CLI). */
  readonly name: string;
  /** Who may act in this phase, in English, with its clause. */
  readonly actors: string;
  /** What the phase accepts. */
  readonly accepts: readonly PhaseAction[];
}

/** The facts a procedure's timeline reads. */
export interface PhaseFacts {
  /** When the consultation was issued (its recorded instant for one entered afterwards); null for a draft. */
  readonly issuedAt: number | null;
  /** The last on-time instant for a reply. */
  readonly deadlineAt: number;
  /** The meeting's first and last days (UTC calendar days), for a procedure with a meeting. */
  readonly meeting: { readonly firstDay: string; readonly lastDay: string };
  /** The meeting decisions recorded so far (they can open a window after the meeting). */
  readonly decisions: readonly MeetingDecisionInput[];
  /** When the results notice was issued; null until it is. */
  readonly resultsNoticeAt: number | null;
}

/** One phase of one consultation: its window in time, with the clause that sets it. */
export interface PhaseWindow {
  /** One of the procedure's phase ids. */
  readonly id: string;
  /** First instant of the phase; null while it waits for an event (issue, the notice). */
  readonly startsAt: number | null;
  /** Last instant of the phase (inclusive); null for one that lasts until an event, or for good. */
  readonly endsAt: number | null;
  /** When the rules want the phase to have started by (e.g. the notice's due date); null when they set no date. */
  readonly dueBy: number | null;
  /** The clause number that sets the window, as the procedure's clause table writes it. */
  readonly clause: string;
}

/** Where a consultation stands in its timeline at an instant. */
export interface PhasePosition {
  /** The phase whose window holds the instant; null before the first, between two, or after the last. */
  readonly current: PhaseWindow | null;
  /** The first phase after the instant (started later, or waiting for its event); null when none is left. */
  readonly next: PhaseWindow | null;
}

/** Whether a window holds instant `now` (both ends inclusive; an open end holds every later instant). */
export function windowHolds(window: PhaseWindow, now: number): boolean {
  return window.startsAt !== null && window.startsAt <= now && (window.endsAt === null || now <= window.endsAt);
}

/**
 * The first instant after `now` at which a timeline reads differently: a window starts, one ends
 * (the instant after its last), or one falls due (its due instant, and the one after it, when a
 * step not started becomes overdue). Null when nothing in it is dated after `now`.
 * What a page shows of the phases stays true until then (the public response cache keeps it so long).
 */
export function nextPhaseChange(timeline: readonly PhaseWindow[], now: number): number | null {
  let next: number | null = null;
  for (const window of timeline) {
    const { startsAt, endsAt, dueBy } = window;
    for (const at of [startsAt, endsAt === null ? null : endsAt + 1, dueBy, dueBy === null ? null : dueBy + 1]) {
      if (at !== null && at > now && (next === null || at < next)) next = at;
    }
  }
  return next;
}

/**
 * The phase at instant `now` and the one after it. Windows are in the procedure's order. Each keeps
 * the span its clause gives it, so two may overlap (TAP: a results notice issued while a more-time
 * window still runs); the current phase is then the first that holds `now`, the one in which
 * something can still be done.
 */
export function phasePosition(timeline: readonly PhaseWindow[], now: number): PhasePosition {
  const currentIndex = timeline.findIndex((window) => windowHolds(window, now));
  const after = timeline.slice(currentIndex + 1);
  const next = after.find((window) => window.startsAt === null || window.startsAt > now) ?? null;
  return { current: currentIndex === -1 ? null : timeline[currentIndex]!, next };
}

/**
 * The window in which an action is accepted at instant `now`: the first window holding `now` whose
 * phase accepts it (where windows overlap, e.g. TAP's more-time window and the notice, what either
 * accepts is accepted); null between phases, before issue, or when no phase holding `now` accepts it.
 */
export function acceptingWindow(
  definitions: readonly PhaseDefinition[],
  timeline: readonly PhaseWindow[],
  action: PhaseAction,
  now: number,
): PhaseWindow | null {
  const accepts = (window: PhaseWindow) =>
    definitions.find((definition) => definition.id === window.id)?.accepts.includes(action) ?? false;
  return timeline.find((window) => windowHolds(window, now) && accepts(window)) ?? null;
}

/** Whether an action is accepted at instant `now` (false between phases and before issue). */
export function phaseAccepts(
  definitions: readonly PhaseDefinition[],
  timeline: readonly PhaseWindow[],
  action: PhaseAction,
  now: number,
): boolean {
  return acceptingWindow(definitions, timeline, action, now) !== null;
}

/** Why an action is refused at an instant. */
export interface PhaseRefusal {
  /**
   * `ended`: every window that accepts it has ended (TAP: a reply after the deadline);
   * `not_yet`: a window that accepts it is still to come (it starts later, or waits for its event);
   * `never`: no window of this consultation accepts it.
   */
  readonly reason: 'ended' | 'not_yet' | 'never';
  /** The window concerned: the next one that will accept it (not_yet), the last that did (ended); null for never. */
  readonly window: PhaseWindow | null;
}

/**
 * Why an action is refused at instant `now`, or null when it is accepted (the rule every write
 * bound to a phase goes through: a reply is taken only while a phase that accepts replies runs).
 * A window still to come wins over one that has ended: the action will be accepted again.
 */
export function phaseRefusal(
  definitions: readonly PhaseDefinition[],
  timeline: readonly PhaseWindow[],
  action: PhaseAction,
  now: number,
): PhaseRefusal | null {
  if (acceptingWindow(definitions, timeline, action, now) !== null) return null;
  const accepting = timeline.filter((window) =>
    definitions.some((definition) => definition.id === window.id && definition.accepts.includes(action)),
  );
  const toCome = accepting.find((window) => window.startsAt === null || window.startsAt > now);
  if (toCome) return { reason: 'not_yet', window: toCome };
  const ended = accepting.at(-1);
  return ended ? { reason: 'ended', window: ended } : { reason: 'never', window: null };
}
