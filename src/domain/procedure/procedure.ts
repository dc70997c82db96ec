import type { HolidayCalendar } from '../calendar/itu-geneva-holidays.js';
import type { FieldProblem } from '../errors.js';
import type { Channel, PositionInput, PositionKind } from '../reply/reply.js';
import type { ReplyCheck } from './tap/tap-reply-rules.js';
import type { MeetingDecision, MeetingDecisionInput } from './tap/tap-meeting.js';
import type { PositionCounts, TextTally } from './tap/tap-tally.js';
import type { TimingCheck, TimingFacts, TimingPolicy } from './tap/tap-timing.js';

/** What decides whether a State may reply to a given consultation. */
export interface EligibilityFacts {
  /** The State's own standing (data: observer, suspended right to reply…). */
  readonly mayReply: boolean;
  readonly note: string | null;
  /** The consultation's closed list of consulted States, if any (regional groups). */
  readonly consultedStates: readonly string[] | null;
}

export interface EligibilityAnswer {
  readonly eligible: boolean;
  readonly reason: string | null;
  readonly clause: string | null;
}

/**
 * A body's approval procedure behind one interface: the options a respondent has, who may reply,
 * the timing rules, the decision rule on the replies and the meeting rule. The core (services,
 * storage, API) talks only to this interface, so AAP, ITU-R, ISO or IEEE procedures are added as
 * new implementations without touching it.
 */
export interface Procedure {
  /** Registry key, stored with each consultation. */
  readonly id: string;
  readonly name: string;
  /** Position kinds a reply may take. */
  readonly positionKinds: readonly PositionKind[];
  /** Who may reply to a consultation. */
  eligibility(state: string, facts: EligibilityFacts, edition: string): EligibilityAnswer;
  /** Checks the positions of a reply (and normalises them). */
  checkReply(
    positions: readonly PositionInput[],
    textIds: readonly string[],
    channel: Channel,
    edition: string,
  ): ReplyCheck;
  /** The decision rule on the replies to one text. */
  tally(counts: PositionCounts, edition: string): TextTally;
  /** Timing rules on the consultation's dates. */
  checkTiming(facts: TimingFacts, edition: string, calendar: HolidayCalendar, policy?: TimingPolicy): TimingCheck[];
  /** Consistency of a recorded meeting decision. */
  validateMeetingDecision(input: MeetingDecisionInput, meetingLastDay: string, edition: string): FieldProblem[];
  /** The meeting's decision at instant `now`. */
  decideAtMeeting(input: MeetingDecisionInput, meetingLastDay: string, now: number, edition: string): MeetingDecision;
  /** When the results notice is due. */
  resultsNoticeDueAt(meetingLastDay: string, anyMoreTime: boolean): number;
}
