import { type PhaseDefinition, type PhaseWindow, phaseAccepts } from '../procedure/phases.js';

/**
 * The lifecycle of a consultation follows from its procedure's phases, its data and the clock;
 * nothing needs to run at the deadline for the consultation to close.
 *
 * draft ──issue──▶ open ──the phase that takes replies ends──▶ closed ──all decisions recorded──▶ decided ──notice──▶ notified
 *
 * Open covers the whole time until the last phase that takes replies ends, including before it
 * starts when its start is dated (a procedure whose replies open some time after the issue): the
 * consultation is running, and the phase says from when replies are taken. A phase for replies
 * that waits for an event (an Additional Review that may never be announced) does not keep a
 * consultation open.
 *
 * It is the coarse status lists group by; the procedure's own phase (e.g. TAP's more-time window)
 * is `phasePosition` of the consultation's timeline.
 */
export const CONSULTATION_STATES = ['draft', 'open', 'closed', 'decided', 'notified'] as const;
export type ConsultationState = (typeof CONSULTATION_STATES)[number];

export interface ConsultationStateFacts {
  readonly issuedAt: number | null;
  /** The procedure's phases, and the consultation's timeline of them (the procedure's `timeline`). */
  readonly phases: readonly PhaseDefinition[];
  readonly timeline: readonly PhaseWindow[];
  /** True when every text that may be considered has a recorded meeting decision. */
  readonly decisionsComplete: boolean;
  readonly resultsNoticeAt: number | null;
}

/** The consultation's state at instant `now`: open while a phase that takes replies runs, or is dated to start later. */
export function consultationState(facts: ConsultationStateFacts, now: number): ConsultationState {
  if (facts.issuedAt === null) return 'draft';
  if (facts.resultsNoticeAt !== null) return 'notified';
  // Before its issue instant (asked of a record entered afterwards) a consultation was not yet running.
  if (
    now >= facts.issuedAt &&
    (phaseAccepts(facts.phases, facts.timeline, 'reply', now) || replyPhaseDated(facts, now))
  )
    return 'open';
  return facts.decisionsComplete ? 'decided' : 'closed';
}

/** Whether a phase that takes replies is dated to start after `now`. */
function replyPhaseDated(facts: ConsultationStateFacts, now: number): boolean {
  return facts.timeline.some(
    (window) =>
      window.startsAt !== null &&
      window.startsAt > now &&
      facts.phases.some((phase) => phase.id === window.id && phase.accepts.includes('reply')),
  );
}

/**
 * Only replies "received by the due date" count (the procedure's consultationFails rule). The deadline is the last on-time
 * instant: a reply at 23:59:59.999 on the deadline day is on time, one at 00:00:00.000 the next
 * day is late.
 */
export function isOnTime(receivedAt: number, deadlineAt: number): boolean {
  return receivedAt <= deadlineAt;
}
