import type { ConsultationState } from './consultation-state.js';
import type { DeterminedText } from './consultation.js';
import type { LoadedConsultation } from './loaded-consultation.js';
import type { StoredDecision } from './meeting-decision.js';
import type { MeetingDecision } from '../procedure/outcomes.js';
import type { ClassTally, TextTally } from '../procedure/outcomes.js';
import type { PhasePosition, PhaseWindow } from '../procedure/phases.js';

/** One text's figures and the meeting's decision on it. */
export interface TextResult {
  readonly text: DeterminedText;
  /** The decision rule on the replies of the classes that count. */
  readonly tally: TextTally;
  /**
   * The same rule on each consulted class's replies alone, in the procedure's order of classes;
   * empty when the procedure consults one class (the tally is that class's).
   */
  readonly byClass: readonly ClassTally[];
  /** The meeting's decision as it stands at the time of computing (null until recorded). */
  readonly decision: MeetingDecision | null;
  readonly decisionRecord: StoredDecision | null;
}

/**
 * The results of a consultation as services/compute-results.ts computes them; the results report
 * and notice (documents/) and the pages render them as given, so rendering needs no storage.
 */
export interface ConsultationResults {
  readonly loaded: LoadedConsultation;
  readonly state: ConsultationState;
  /** The consultation's phases as windows in time (the procedure's timeline of its dates and decisions). */
  readonly timeline: readonly PhaseWindow[];
  /** The phase at the time of computing, and the next one. */
  readonly phase: PhasePosition;
  /** False while the deadline has not passed: the figures may still change. */
  readonly final: boolean;
  readonly computedAt: number;
  readonly texts: readonly TextResult[];
  /** When the results notice is due (the procedure's resultsNotice rule), once the consultation is closed. */
  readonly resultsNoticeDueAt: number | null;
  /**
   * The head of the audit chain the figures were computed from: every change that decides them
   * wrote its audit row at or before this row, and none after it was seen. Null for an empty trail.
   */
  readonly auditHead: { readonly seq: number; readonly hash: string } | null;
}
