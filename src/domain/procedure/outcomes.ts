/**
 * The results vocabulary of the engine: what a procedure's decision rule on the replies returns per
 * text, and what a meeting decided. Today's shapes are those of a two-sided ballot (support and
 * non-support, with unclear forms set aside) and of a study-group meeting; a procedure with other
 * figures adds them here, never in the core's callers.
 */
/** Counts of the counted replies for one text. */
export interface PositionCounts {
  /** Replies that support the text (for TAP, those that assign authority, with or without comments). */
  readonly support: number;
  /** Replies that do not support the text (for TAP, those that do not assign authority). */
  readonly nonSupport: number;
  /** Recorded forms whose position cannot be read (e.g. both boxes or neither ticked): excluded from the count until clarified. */
  readonly unclear: number;
}

export type ConsultationOutcome = 'may_proceed' | 'not_at_this_meeting';

/** Why the outcome is what it is. */
export type OutcomeBasis = 'no_replies' | 'threshold_met' | 'threshold_not_met';

export interface TextTally {
  /** The denominator: replies received by the deadline that took a position (not all Member States). */
  readonly replies: number;
  readonly support: number;
  readonly nonSupport: number;
  /** Unclear forms, shown but not counted. */
  readonly unclear: number;
  /** support/replies in per cent with two decimals, for display only; null with no replies. Never used to decide. */
  readonly percent: string | null;
  readonly outcome: ConsultationOutcome;
  readonly basis: OutcomeBasis;
  /** The share of the counted replies the rule needs, for display only (the rule compares in integers). */
  readonly threshold: number;
  /** How many more supporting replies would have been needed to reach the threshold (0 when it passes). */
  readonly neededMoreSupport: number;
  /** Clause number applied (the procedure's consultationPasses or consultationFails rule), as its clause table writes it. */
  readonly clause: string;
  /** Clause written for people, with the instrument and edition. */
  readonly citation: string;
}

/** A reservation by a delegation that does not oppose (the procedure's meetingReservation rule). */
export interface Reservation {
  readonly state: string;
  readonly note: string;
}

/** Formal opposition sent to the Director within the window after the meeting (the procedure's afterMeeting rule) that followed a request for more time. */
export interface FormalOpposition {
  readonly state: string;
  readonly receivedAt: number;
  readonly reasons: string | null;
}

/** What the study group meeting did with one text, as recorded by the secretariat. */
export interface MeetingDecisionInput {
  /** The meeting deferred approval (e.g. a change with major impact: the procedure's meetingDeferral rule). */
  readonly deferred: boolean;
  /** Member State delegations opposing approval (the procedure's meetingUnopposed rule). */
  readonly opposing: readonly string[];
  /** Delegations that declared they abstain: ignored for the unopposed test (the procedure's meetingAbstention rule). */
  readonly abstaining: readonly string[];
  readonly reservations: readonly Reservation[];
  /** Delegations that asked for more time during the meeting (the procedure's afterMeeting rule). */
  readonly moreTime: readonly string[];
  readonly formalOppositions: readonly FormalOpposition[];
}

export const MEETING_OUTCOMES = ['approved', 'not_approved', 'pending_more_time', 'deferred'] as const;
export type MeetingOutcome = (typeof MEETING_OUTCOMES)[number];

export interface MeetingDecision {
  readonly outcome: MeetingOutcome;
  readonly clause: string;
  readonly citation: string;
  /** End of the window for formal opposition after the meeting (the procedure's afterMeeting rule; 4 weeks for TAP), when more time was asked for. */
  readonly moreTimeWindowEndsAt: number | null;
  /** The chairman may restart the procedure from the issue of a circular (its issue rule) without a new determination, after a formal opposition. */
  readonly mayRestartWithoutNewDetermination: boolean;
  /** States whose opposition decided the outcome. */
  readonly opposedBy: readonly string[];
  readonly reservations: readonly Reservation[];
}
