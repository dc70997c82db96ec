import { MEMBER_STATE_CLASS, type ParticipantClassDefinition } from '../../domain/procedure/participants.js';
import type { EligibilityAnswer, EligibilityFacts, Procedure } from '../../domain/procedure/procedure.js';
import { DEFAULT_TAP_EDITION, TAP_EDITIONS, tapClauseFor, tapClauseTable, tapClauses } from './tap-clauses.js';
import { tapDemoPosition } from './tap-demo.js';
import { decideAtMeeting, namedInTapDecision, resultsNoticeDueAt, validateMeetingDecision } from './tap-meeting.js';
import { TAP_MESSAGES, TAP_REPLY_FORM } from './tap-presentation.js';
import { TAP_PHASES, tapTimeline } from './tap-phases.js';
import { checkReplyPositions } from './tap-reply-rules.js';
import { TapDecisionSchema, TapPositionSchema } from './tap-schemas.js';
import { TAP_TALLY_BASES, TAP_TALLY_OUTCOMES, tapTextTally } from './tap-tally.js';
import { checkTiming, latestDeadline } from './tap-timing.js';

/**
 * TAP consults the Member States, and only their replies count (Res. 1 §9.4.1, §9.4.3); at the
 * meeting, any Member State delegation may oppose (§9.5.3).
 */
export const TAP_PARTICIPANT_CLASSES: readonly ParticipantClassDefinition[] = [
  { id: MEMBER_STATE_CLASS, counted: true, mayOppose: true },
];

/**
 * Who may reply to a TAP consultation: only Member States (Res. 1 §9.4.1, §9.4.3: an organisation
 * of another class, such as a Sector Member, may not), whose right to reply is data (an observer
 * such as Palestine, or a State whose right is suspended, may not), and, for a regional-group
 * consultation, only that group's Member States (§9.2.1 NOTE).
 */
export function tapEligibility(state: string, facts: EligibilityFacts, edition: string): EligibilityAnswer {
  const clauses = tapClauses(edition);
  if (facts.participantClass !== MEMBER_STATE_CLASS) {
    return {
      eligible: false,
      reason: `${state} is not a Member State: only Member States reply to a consultation under the Traditional Approval Procedure`,
      clause: clauses.memberStatesOnly,
    };
  }
  if (!facts.mayReply) {
    return {
      eligible: false,
      reason: facts.note ?? `${state} may not reply to Member State consultations`,
      clause: clauses.consultationPeriod,
    };
  }
  if (facts.consultedStates !== null && !facts.consultedStates.includes(state)) {
    return {
      eligible: false,
      reason: `${state} is not among the Member States consulted by this circular`,
      clause: clauses.regionalGroup,
    };
  }
  return { eligible: true, reason: null, clause: null };
}

/** The ITU-T Traditional Approval Procedure (WTSA Resolution 1, Section 9). */
export const TAP_PROCEDURE: Procedure = {
  id: 'itu-t-tap',
  name: 'ITU-T Traditional Approval Procedure (WTSA Resolution 1, Section 9)',
  editions: Object.keys(TAP_EDITIONS),
  defaultEdition: DEFAULT_TAP_EDITION,
  hasMeeting: true,
  phases: TAP_PHASES,
  timeline: (facts, edition) => tapTimeline(facts, tapClauses(edition)),
  clauses: tapClauseTable,
  clauseFor: tapClauseFor,
  messages: TAP_MESSAGES,
  replyForm: TAP_REPLY_FORM,
  positionKinds: ['assigns_authority', 'does_not_assign_authority', 'unclear'],
  positionSchema: TapPositionSchema,
  decisionSchema: TapDecisionSchema,
  participantClasses: TAP_PARTICIPANT_CLASSES,
  eligibility: tapEligibility,
  checkReply: (positions, textIds, channel, edition) =>
    checkReplyPositions(positions, textIds, channel, tapClauses(edition)),
  tallyOutcomes: TAP_TALLY_OUTCOMES,
  tallyBases: TAP_TALLY_BASES,
  tally: (byKind, edition) => tapTextTally(byKind, tapClauses(edition)),
  passThreshold: 0.7,
  checkTiming: (facts, edition, calendar, policy) => checkTiming(facts, tapClauses(edition), calendar, policy),
  namedInDecision: namedInTapDecision,
  validateMeetingDecision: (input, lastDay, edition) => validateMeetingDecision(input, lastDay, tapClauses(edition)),
  decideAtMeeting: (input, lastDay, now, edition) => decideAtMeeting(input, lastDay, now, tapClauses(edition)),
  latestDeadline,
  resultsNoticeDueAt: (lastDay, decisions) =>
    resultsNoticeDueAt(
      lastDay,
      decisions.some((d) => d.moreTime.length > 0),
    ),
  demoPosition: tapDemoPosition,
};
