/**
 * The lifecycle of a consultation follows from its data and the clock; nothing needs to run at
 * the deadline for the consultation to close.
 *
 * draft ──issue──▶ open ──deadline passes──▶ closed ──all decisions recorded──▶ decided ──notice──▶ notified
 */
export const CONSULTATION_STATES = ['draft', 'open', 'closed', 'decided', 'notified'] as const;
export type ConsultationState = (typeof CONSULTATION_STATES)[number];

export interface ConsultationStateFacts {
  readonly issuedAt: number | null;
  readonly deadlineAt: number;
  /** True when every text that may be considered has a recorded meeting decision. */
  readonly decisionsComplete: boolean;
  readonly resultsNoticeAt: number | null;
}

/** The consultation's state at instant `now`. */
export function consultationState(facts: ConsultationStateFacts, now: number): ConsultationState {
  if (facts.issuedAt === null) return 'draft';
  if (facts.resultsNoticeAt !== null) return 'notified';
  if (isOnTime(now, facts.deadlineAt)) return 'open';
  return facts.decisionsComplete ? 'decided' : 'closed';
}

/**
 * Only replies "received by the due date" count (the procedure's consultationFails rule). The deadline is the last on-time
 * instant: a reply at 23:59:59.999 on the deadline day is on time, one at 00:00:00.000 the next
 * day is late.
 */
export function isOnTime(receivedAt: number, deadlineAt: number): boolean {
  return receivedAt <= deadlineAt;
}
