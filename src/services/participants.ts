import type { StoredMemberState } from '../domain/member-states/member-state.js';
import { consultedClass } from '../domain/procedure/participants.js';
import type { EligibilityAnswer, EligibilityFacts } from '../domain/procedure/procedure.js';
import type { LoadedConsultation } from './load-consultation.js';

/**
 * The facts a procedure's eligibility rule takes for one State in one consultation: the State's
 * own standing, as data (an observer, a suspended right to reply, with its note), and the
 * consultation's closed list of consulted States (a regional group), if any.
 */
export function eligibilityFacts(state: StoredMemberState, loaded: LoadedConsultation): EligibilityFacts {
  return {
    participantClass: state.participantClass,
    mayReply: state.mayReply,
    note: state.eligibilityNote,
    consultedStates: loaded.consultation.settings.eligibleStates,
  };
}

/**
 * Whether a State is a participant in the consultation, by its procedure's rule: who may reply is
 * who has a voice in the meeting's decision (replies and decisions ask the same rule).
 */
export function participationOf(loaded: LoadedConsultation, state: StoredMemberState): EligibilityAnswer {
  const answer = loaded.procedure.eligibility(
    state.code,
    eligibilityFacts(state, loaded),
    loaded.consultation.resolutionEdition,
  );
  // A class the procedure does not declare never takes part, even if its rule forgot to say so
  // (its replies would be counted in no class).
  if (answer.eligible && !ofConsultedClass(loaded, state))
    return {
      eligible: false,
      reason: `${state.code} is of a class this consultation's procedure does not consult (${state.participantClass})`,
      clause: loaded.procedure.clauseFor('eligibility', loaded.consultation.resolutionEdition),
    };
  return answer;
}

/**
 * Whether a participant's class may oppose a text at the consultation's meeting (the procedure's
 * class definition): false for a class it does not consult.
 */
export function classMayOppose(loaded: LoadedConsultation, participant: StoredMemberState): boolean {
  return consultedClass(loaded.procedure.participantClasses, participant.participantClass)?.mayOppose ?? false;
}

/**
 * Whether the consultation's procedure consults the participant's class at all (its standing and
 * a regional group aside): the lists of a consultation's pages hold only such participants.
 */
export function ofConsultedClass(loaded: LoadedConsultation, participant: StoredMemberState): boolean {
  return consultedClass(loaded.procedure.participantClasses, participant.participantClass) !== undefined;
}
