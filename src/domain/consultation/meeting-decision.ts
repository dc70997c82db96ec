import type { MeetingDecisionInput } from '../procedure/outcomes.js';

/** What the meeting decided on a text (the procedure's meeting rule), as recorded by the secretariat. */
export interface StoredDecision {
  readonly textId: string;
  readonly input: MeetingDecisionInput;
  readonly notes: string | null;
  readonly recordedAt: number;
  readonly recordedBy: string;
}
