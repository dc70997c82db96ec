import type { MeetingDecisionInput } from '../procedure/outcomes.js';

/** What the meeting decided on a text (Res. 1 §9.5), as recorded by the secretariat. */
export interface StoredDecision {
  readonly textId: string;
  readonly input: MeetingDecisionInput;
  readonly notes: string | null;
  readonly recordedAt: number;
  readonly recordedBy: string;
}
