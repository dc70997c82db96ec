import { addMonths, endOfDay, startOfDay } from '../../domain/time/instants.js';
import type { AapClauses } from './aap-clauses.js';

/** Months after the deletion's circular in which an objection sends it back to the study group (§8.2.1). */
export const DELETION_OBJECTION_MONTHS = 3;

/** What was recorded about the deletion of an AAP Recommendation (§8.2.1). */
export interface AapDeletionFacts {
  /** Member States opposing the deletion at the meeting (abstentions already left out). */
  readonly opposing: readonly string[];
  /** The day of the circular announcing the agreed deletion; null until issued. */
  readonly circularOn: string | null;
  /** Objections received from Member States or Sector Members, with when. */
  readonly objections: readonly { readonly from: string; readonly receivedAt: number }[];
}

export type AapDeletionStep =
  | 'not_agreed'
  | 'awaiting_circular'
  | 'objection_window'
  | 'back_to_study_group'
  | 'deleted';

export interface AapDeletionStatus {
  readonly step: AapDeletionStep;
  readonly clause: string;
  /** The last instant of the objection window, once the circular is out. */
  readonly windowEndsAt: number | null;
}

/**
 * The last instant of the objection window: the end of the day (UTC) three calendar months after
 * the circular's day (a day the month lacks is its last day: 30 November → 28 or 29 February).
 */
export function deletionWindowEnd(circularOn: string): number {
  return endOfDay(addMonths(circularOn, DELETION_OBJECTION_MONTHS));
}

/**
 * Where a deletion stands at `now` (Rec. A.8 §8.2.1): agreed at the meeting unopposed or with no
 * more than one Member State opposing (the §5.4 criterion), else not agreed; once the circular is
 * out, an objection from a Member State or a Sector Member within three months sends the matter
 * back to the study group; without one, the deletion takes effect when the window ends.
 */
export function aapDeletionStatus(facts: AapDeletionFacts, now: number, clauses: AapClauses): AapDeletionStatus {
  if (new Set(facts.opposing).size > 1) return { step: 'not_agreed', clause: clauses.deletion, windowEndsAt: null };
  if (facts.circularOn === null || now < startOfDay(facts.circularOn))
    return { step: 'awaiting_circular', clause: clauses.deletion, windowEndsAt: null };
  const windowEndsAt = deletionWindowEnd(facts.circularOn);
  const objected = facts.objections.some(
    (o) => o.receivedAt >= startOfDay(facts.circularOn!) && o.receivedAt <= windowEndsAt && o.receivedAt <= now,
  );
  if (objected) return { step: 'back_to_study_group', clause: clauses.deletion, windowEndsAt };
  return { step: now <= windowEndsAt ? 'objection_window' : 'deleted', clause: clauses.deletion, windowEndsAt };
}
