import type { TSchema } from 'typebox';
import type { HolidayCalendar } from '../calendar/itu-geneva-holidays.js';
import type { FieldProblem } from '../errors.js';
import type { Channel, PositionInput, PositionKind, ReplyFlag, ReplyPosition } from '../reply/reply.js';
import { type Citation, type ClauseRole, type ClauseTable, citationOf, formatCitation } from './clauses.js';
import type {
  DecisionMention,
  MeetingDecision,
  MeetingDecisionInput,
  TallyOutcomeDefinition,
  TextTally,
} from './outcomes.js';
import type { ParticipantClassDefinition } from './participants.js';
import type { PhaseDefinition, PhaseFacts, PhaseWindow } from './phases.js';
import type { ProcedureCatalogues, ReplyFormSpec } from './presentation.js';
import type { TimingCheck, TimingFacts, TimingPolicy } from './timing.js';

/** What decides whether a participant may reply to a given consultation. */
export interface EligibilityFacts {
  /** The participant's class (`member-state`, `sector-member`…; domain/procedure/participants.ts). */
  readonly participantClass: string;
  /** The participant's own standing (data: observer, suspended right to reply…). */
  readonly mayReply: boolean;
  readonly note: string | null;
  /** The consultation's closed list of consulted participants, if any (regional groups). */
  readonly consultedStates: readonly string[] | null;
}

export interface EligibilityAnswer {
  readonly eligible: boolean;
  readonly reason: string | null;
  /** The clause number of the rule that refuses (as the procedure's clause table writes it); null when eligible. */
  readonly clause: string | null;
}

/** A procedure's check of a reply's positions. */
export interface ReplyCheck {
  /** Problems that make the reply invalid: nothing is stored. */
  readonly problems: FieldProblem[];
  /** Tolerated gaps on a recorded form, kept with the version for readers to see. */
  readonly flags: ReplyFlag[];
  /** The positions, normalised (empty strings to null, option dropped where the box has none). */
  readonly positions: ReplyPosition[];
}

/**
 * A body's approval procedure behind one interface: its editions and clause tables, the options a
 * respondent has, who may reply, the timing rules, the decision rule on the replies and the meeting
 * rule. Each procedure is one module under src/procedures/<id>/, reached only through
 * src/procedures/registry.ts; the core (services, storage, API, pages, documents, CLI) talks only
 * to this interface.
 */
export interface Procedure {
  /** Registry key, stored with each consultation. */
  readonly id: string;
  readonly name: string;
  /** Editions of the instrument whose clause numbering the procedure knows, newest first. */
  readonly editions: readonly string[];
  /** The edition a new consultation takes when none is given. */
  readonly defaultEdition: string;
  /**
   * Whether a meeting decides on the texts the consultation lets it consider. Without one, the
   * decision rule on the replies is the outcome: no meeting decision is recorded or awaited.
   */
  readonly hasMeeting: boolean;
  /** The phases a consultation goes through, in order; each is worded by the message `phase.<id>`. */
  readonly phases: readonly PhaseDefinition[];
  /**
   * A consultation's phases as windows in time, in order, from its dates and recorded facts (pure):
   * the state and the phase shown everywhere follow from it and the clock. A phase that only some
   * consultations go through (TAP's more-time window) is left out of the others'.
   */
  timeline(facts: PhaseFacts, edition: string): PhaseWindow[];
  /**
   * The procedure's own words in the six languages (reply choices, field labels, rule problems by
   * code, figure labels), formatted by src/i18n/procedure-text.ts.
   */
  readonly messages: ProcedureCatalogues;
  /** The reply form per text, as data the core's pages and documents render. */
  readonly replyForm: ReplyFormSpec;
  /** Position kinds a reply may take. */
  readonly positionKinds: readonly PositionKind[];
  /**
   * The TypeBox schema of one position of a reply (what the reply form holds per text). The API's
   * request schemas embed it; the rules on top of it are `checkReply`'s.
   */
  readonly positionSchema: TSchema;
  /**
   * The TypeBox schema of a meeting decision on one text as the secretariat records it; the
   * decision service checks a consultation's input against its own procedure's schema, then the
   * rules on top of it are `validateMeetingDecision`'s.
   */
  readonly decisionSchema: TSchema;
  /** The clause table of an edition (the default edition's numbering for an edition it does not know). */
  clauses(edition: string): ClauseTable;
  /** The clause number the procedure applies for a role of the core, or null if it has no such rule. */
  clauseFor(role: ClauseRole, edition: string): string | null;
  /**
   * The classes of participant the procedure consults, in the order results split by class show
   * them (TAP: the Member States only). A participant of another class is never eligible.
   */
  readonly participantClasses: readonly ParticipantClassDefinition[];
  /** Who may reply to a consultation. */
  eligibility(state: string, facts: EligibilityFacts, edition: string): EligibilityAnswer;
  /** Checks the positions of a reply (and normalises them). */
  checkReply(
    positions: readonly PositionInput[],
    textIds: readonly string[],
    channel: Channel,
    edition: string,
  ): ReplyCheck;
  /**
   * The outcomes the decision rule on the replies may give a text. The procedure's catalogue words
   * each (`outcome.<id>`) and says what led to it, per basis (`results.rule.<basis>`,
   * `public.explain.<basis>`); src/i18n/procedure-text.test.ts holds every procedure to that.
   */
  readonly tallyOutcomes: readonly TallyOutcomeDefinition[];
  /** The bases of the rule's outcomes (why a text has its outcome), each worded by the procedure. */
  readonly tallyBases: readonly string[];
  /**
   * The decision rule on the replies to one text, from the number of counted replies of each
   * position kind (a kind the rule does not count, e.g. an unclear form, is shown as not counted).
   */
  tally(byKind: Readonly<Record<string, number>>, edition: string): TextTally;
  /**
   * The share of the counted replies a text needs, for display (null when the rule is not a share);
   * the procedure's sentences take it as `{threshold}`.
   */
  readonly passThreshold: number | null;
  /** Timing rules on the consultation's dates. */
  checkTiming(facts: TimingFacts, edition: string, calendar: HolidayCalendar, policy?: TimingPolicy): TimingCheck[];
  /** The latest deadline the timing rules allow before a meeting starting on `meetingFirstDay`. */
  latestDeadline(meetingFirstDay: string, calendar: HolidayCalendar, policy?: TimingPolicy): number;
  /**
   * Every delegation a recorded meeting decision names, with where and whether as opposing: the
   * core refuses one that is not a participant (NOT_A_PARTICIPANT) or whose class may not oppose
   * (MAY_NOT_OPPOSE) before the procedure's own checks. Empty for a procedure without a meeting.
   */
  namedInDecision(input: MeetingDecisionInput): readonly DecisionMention[];
  /** Consistency of a recorded meeting decision. */
  validateMeetingDecision(input: MeetingDecisionInput, meetingLastDay: string, edition: string): FieldProblem[];
  /** The meeting's decision at instant `now`. */
  decideAtMeeting(input: MeetingDecisionInput, meetingLastDay: string, now: number, edition: string): MeetingDecision;
  /** When the results notice is due, given the meeting's recorded decisions. */
  resultsNoticeDueAt(meetingLastDay: string, decisions: readonly MeetingDecisionInput[]): number;
  /**
   * A simulated reply's position on a text, for the demo data (src/services/seed-demo.ts), in the
   * procedure's own terms. Pure and deterministic. Index 0 is the plain supporting reply, 1 a reply
   * that does not support the text (with what the procedure asks of one, e.g. reasons); 2 and on
   * the procedure's other choices, if any (e.g. support with comments); indices wrap around. The
   * result passes the procedure's `checkReply` on any channel.
   */
  demoPosition(textId: string, index: number): PositionInput;
}

/**
 * The citation of the clause a procedure applies for a role of the core; when the procedure has no
 * such rule, the instrument and edition alone (an empty `clause`).
 */
export function roleCitation(procedure: Procedure, role: ClauseRole, edition: string): Citation {
  const table = procedure.clauses(edition);
  return citationOf(table, procedure.clauseFor(role, edition) ?? '');
}

/** The citation of a clause number of a procedure's edition (a clause a rule returned). */
export function clauseCitation(procedure: Procedure, edition: string, clause: string): Citation {
  return citationOf(procedure.clauses(edition), clause);
}

/**
 * The number of the section a procedure cites for a role, as a sentence names it ("9" for
 * "Section 9", "9.4" for "clause 9.4"): its clause without the section sign; empty when the
 * procedure has no such rule.
 */
export function sectionNumber(procedure: Procedure, role: ClauseRole, edition: string): string {
  return (procedure.clauseFor(role, edition) ?? '').replace(/^§/, '');
}

/** The citation, written for people, of the clause a procedure applies for a role of the core. */
export function citeRole(procedure: Procedure, role: ClauseRole, edition: string): string {
  return formatCitation(roleCitation(procedure, role, edition));
}

/** The citation, written for people, of a clause number of a procedure's edition. */
export function citeClauseOf(procedure: Procedure, edition: string, clause: string): string {
  return formatCitation(clauseCitation(procedure, edition, clause));
}
