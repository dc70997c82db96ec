import type { TallyFigure } from './presentation.js';

/**
 * The results vocabulary of the engine: what a procedure's decision rule on the replies returns per
 * text, and what a meeting decided. The tally is generic: the procedure names its outcomes, the
 * basis of each, and its own figures (TAP: replies, support, share, more needed; a majority vote:
 * votes, yes, no); the core reads only whether the text passes and prints the rest in the
 * procedure's words.
 */

/** An outcome a procedure's rule on the replies may give a text (GET /api/v1/procedures lists them). */
export interface TallyOutcomeDefinition {
  /** The outcome's id, e.g. TAP's `may_proceed`; its words are the procedure's message `outcome.<id>`. */
  readonly id: string;
  /**
   * Whether the text goes on: to the meeting's decision for a procedure with a meeting, approved by
   * the replies alone for one without.
   */
  readonly passes: boolean;
}

/** The decision rule's result on the replies to one text. */
export interface TextTally {
  /** The replies the rule counted (the denominator: those received by the deadline that took a position). */
  readonly replies: number;
  /** Replies received but not counted (an unclear recorded form), shown until clarified. */
  readonly unclear: number;
  /** Whether the text goes on (the outcome's `passes`). */
  readonly passes: boolean;
  /** One of the procedure's outcome ids. */
  readonly outcome: string;
  /** Why: one of the procedure's bases (TAP: `no_replies`, `threshold_met`, `threshold_not_met`); sentences are keyed by it. */
  readonly basis: string;
  /** Clause number applied, as the procedure's clause table writes it. */
  readonly clause: string;
  /** Clause written for people, with the instrument and edition. */
  readonly citation: string;
  /** The procedure's named figures, in the order pages and documents show them. */
  readonly figures: readonly TallyFigure[];
  /** The rule applied, in English words with its clause (the API's `explanation`; pages use the catalogues). */
  readonly explanation: string;
}

/**
 * The decision rule applied to the replies of one class of participant alone (results split by
 * class): what that class said, whether or not its replies count in the text's own tally.
 */
export interface ClassTally {
  /** The class id (the procedure's `class.<id>` words it). */
  readonly participantClass: string;
  /** Whether this class's replies count in the text's tally (the procedure's class definition). */
  readonly counted: boolean;
  readonly tally: TextTally;
}

/** The value of the figure `name` of a tally (null when not applicable or when the procedure has no such figure). */
export function figureValue(tally: TextTally, name: string): number | null {
  return tally.figures.find((figure) => figure.name === name)?.value ?? null;
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

/**
 * A delegation a recorded meeting decision names, where it names it (a JSON pointer into the
 * decision), and whether naming it there is an act of opposition (opposing, asking for more time
 * before opposing, formal opposition). The core checks every one is a participant, and that one
 * named as opposing is of a class that may oppose, before the procedure's own rules.
 */
export interface DecisionMention {
  readonly code: string;
  readonly field: string;
  readonly opposes: boolean;
  /** How the decision names it, in English, for the problem's detail ("as opposing"). */
  readonly as: string;
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
