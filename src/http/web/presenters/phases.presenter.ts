import { type PhaseWindow, windowHolds } from '../../../domain/procedure/phases.js';
import { citeClauseIn } from '../../../i18n/citations.js';
import { toIsoDay } from '../../../domain/time/instants.js';
import { intlFor, type Locale, type MessageId, t } from '../../../i18n/i18n.js';
import { procedureText } from '../../../i18n/procedure-text.js';
import type { ConsultationView } from '../../../services/get-consultation.js';

/**
 * A consultation's phases for the pages: each step of its procedure's timeline with its days and
 * clause, whether it has ended, is under way or is to come, and one line saying where the
 * consultation stands. The days are calendar days, UTC: a window ending at the deadline ends on
 * the deadline's day.
 */

/** `overdue`: not started although the rules wanted it started by a day now past (TAP: a results notice not yet issued 4 weeks after the meeting). */
export type PhaseStepState = 'ended' | 'current' | 'upcoming' | 'overdue';

export interface PhaseStepView {
  readonly id: string;
  /** The phase's name in the procedure's words. */
  readonly name: string;
  /** Its days: "28 March 2023 to 16 August 2023", "due by 6 October 2023", "not started". */
  readonly when: string;
  readonly state: PhaseStepState;
  /** The consultation's current phase (`aria-current`): the first under way where two overlap. */
  readonly isCurrent: boolean;
  /** The word for the state ("Now", "Ended", "To come"). */
  readonly stateLabel: string;
  /** The clause that sets the window, with the instrument and edition, in the reader's language (isolated, its direction its own). */
  readonly citation: string;
}

export interface PhasesView {
  readonly steps: readonly PhaseStepView[];
  /** Where the consultation stands: the current step and its days, or the next one; null after the last. */
  readonly now: string | null;
}

function dayOf(locale: Locale, instant: number): string {
  return intlFor(locale).formatDate(instant, { dateStyle: 'long', timeZone: 'UTC' });
}

/** A window's days in words; a step still waiting after the day it was due says it is late. */
function whenOf(locale: Locale, window: PhaseWindow, now: number): string {
  const from = window.startsAt === null ? null : dayOf(locale, window.startsAt);
  const to = window.endsAt === null ? null : dayOf(locale, window.endsAt);
  if (from !== null && to !== null)
    return toIsoDay(window.startsAt!) === toIsoDay(window.endsAt!)
      ? from
      : t(locale, 'public.phases.window', { from, to });
  if (from !== null) return t(locale, 'public.phases.from', { from });
  if (window.dueBy !== null)
    return t(locale, window.dueBy < now ? 'public.phases.overdue' : 'public.phases.dueBy', {
      due: dayOf(locale, window.dueBy),
    });
  if (to !== null) return t(locale, 'public.phases.until', { to });
  return t(locale, 'public.phases.waiting');
}

/** The word of each state, as its tag says it. */
const STATE_LABELS: Readonly<Record<PhaseStepState, MessageId>> = {
  ended: 'public.phases.ended',
  current: 'public.phases.current',
  upcoming: 'public.phases.upcoming',
  overdue: 'public.phases.overdue.tag',
};

/** Under way while its window holds `now` (two may, where a procedure's windows overlap); late once the day it was due by has passed. */
function stateOf(window: PhaseWindow, now: number): PhaseStepState {
  if (windowHolds(window, now)) return 'current';
  if (window.endsAt !== null && window.endsAt < now) return 'ended';
  return window.dueBy !== null && window.dueBy < now ? 'overdue' : 'upcoming';
}

/** The steps of a consultation at `now`; none for a draft, whose windows wait for the issue. */
export function presentPhases(locale: Locale, view: ConsultationView, now: number): PhasesView {
  const { timeline, phase } = view;
  const { procedure, consultation } = view.loaded;
  if (consultation.issuedAt === null) return { steps: [], now: null };
  const edition = consultation.resolutionEdition;
  const nameOf = (window: PhaseWindow) => procedureText(locale, procedure, `phase.${window.id}`);
  const steps = timeline.map((window) => {
    const state = stateOf(window, now);
    return {
      id: window.id,
      name: nameOf(window),
      when: whenOf(locale, window, now),
      state,
      isCurrent: phase.current === window,
      stateLabel: t(locale, STATE_LABELS[state]),
      citation: citeClauseIn(locale, procedure, edition, window.clause),
    };
  });
  const nowLine =
    phase.current !== null
      ? t(locale, 'public.phases.now', { phase: nameOf(phase.current), when: whenOf(locale, phase.current, now) })
      : phase.next !== null
        ? t(locale, 'public.phases.between', { phase: nameOf(phase.next), when: whenOf(locale, phase.next, now) })
        : null;
  return { steps, now: nowLine };
}
