import type { FieldProblem } from '../../domain/errors.js';
import type { DecisionMention, MeetingDecision, MeetingDecisionInput } from '../../domain/procedure/outcomes.js';
import { addDays, endOfDay } from '../../domain/time/instants.js';
import { citeClause, type TapClauses } from './tap-clauses.js';

/** Weeks after the meeting for formal opposition (§9.5.5) and for the results notice (§9.6.1). */
export const WINDOW_DAYS = 28;

/** End of the 4-week window after the meeting's last day (§9.5.5): the end of day last + 28, UTC. */
export function moreTimeWindowEnd(meetingLastDay: string): number {
  return endOfDay(addDays(meetingLastDay, WINDOW_DAYS));
}

/**
 * The delegations a TAP decision names. Opposing (§9.5.3), asking for more time to consider
 * whether to oppose (§9.5.5) and formal opposition within the window after the meeting (§9.5.5.2)
 * are acts of opposition; abstaining (§9.5.6) and a reservation by a delegation that does not
 * oppose (§9.5.4) are not.
 */
export function namedInTapDecision(input: MeetingDecisionInput): DecisionMention[] {
  return [
    ...input.opposing.map((code, i) => ({ code, field: `/opposing/${i}`, opposes: true, as: 'as opposing' })),
    ...input.abstaining.map((code, i) => ({ code, field: `/abstaining/${i}`, opposes: false, as: 'as abstaining' })),
    ...input.moreTime.map((code, i) => ({
      code,
      field: `/moreTime/${i}`,
      opposes: true,
      as: 'as asking for more time',
    })),
    ...input.reservations.map((r, i) => ({
      code: r.state,
      field: `/reservations/${i}/state`,
      opposes: false,
      as: 'with a reservation',
    })),
    ...input.formalOppositions.map((o, i) => ({
      code: o.state,
      field: `/formalOppositions/${i}/state`,
      opposes: true,
      as: 'with a formal opposition',
    })),
  ];
}

/**
 * Checks that a recorded meeting decision is consistent; returns one problem per contradiction.
 * - a State cannot both oppose and abstain (§9.5.3 vs §9.5.6);
 * - only a delegation that does not oppose may register a reservation (§9.5.4);
 * - a delegation that opposes has no need of more time (§9.5.5);
 * - formal opposition comes only from a State whose delegation asked for more time, within
 *   4 weeks of the end of the meeting (§9.5.5);
 * - no State appears twice in one list (code STATE_LISTED_TWICE; the others are DECISION_CONFLICT's).
 */
export function validateMeetingDecision(
  input: MeetingDecisionInput,
  meetingLastDay: string,
  clauses: TapClauses,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const duplicates = (list: readonly string[], field: string) => {
    const seen = new Set<string>();
    list.forEach((state, index) => {
      if (seen.has(state))
        problems.push({ field: `/${field}/${index}`, message: `${state} appears twice`, code: 'STATE_LISTED_TWICE' });
      seen.add(state);
    });
  };
  duplicates(input.opposing, 'opposing');
  duplicates(input.abstaining, 'abstaining');
  duplicates(input.moreTime, 'moreTime');
  duplicates(
    input.reservations.map((r) => r.state),
    'reservations',
  );
  duplicates(
    input.formalOppositions.map((o) => o.state),
    'formalOppositions',
  );

  const opposing = new Set(input.opposing);
  input.abstaining.forEach((state, index) => {
    if (opposing.has(state))
      problems.push({
        field: `/abstaining/${index}`,
        message: `${state} cannot both oppose and abstain`,
        clause: clauses.abstention,
      });
  });
  input.reservations.forEach((reservation, index) => {
    if (opposing.has(reservation.state))
      problems.push({
        field: `/reservations/${index}/state`,
        message: `${reservation.state} opposes; only a delegation that does not oppose may register a reservation`,
        clause: clauses.reservation,
      });
    if (reservation.note.trim() === '')
      problems.push({
        field: `/reservations/${index}/note`,
        message: 'A reservation needs its note',
        clause: clauses.reservation,
      });
  });
  input.moreTime.forEach((state, index) => {
    if (opposing.has(state))
      problems.push({
        field: `/moreTime/${index}`,
        message: `${state} opposes; it cannot also ask for more time`,
        clause: clauses.moreTime,
      });
  });
  const moreTime = new Set(input.moreTime);
  const windowEnd = moreTimeWindowEnd(meetingLastDay);
  input.formalOppositions.forEach((opposition, index) => {
    if (!moreTime.has(opposition.state))
      problems.push({
        field: `/formalOppositions/${index}/state`,
        message: `${opposition.state} did not ask for more time at the meeting; only its Member State may send formal opposition`,
        clause: clauses.moreTime,
      });
    if (opposition.receivedAt > windowEnd)
      problems.push({
        field: `/formalOppositions/${index}/receivedAt`,
        message: `Formal opposition must be received within 4 weeks of the end of the meeting (by ${new Date(windowEnd).toISOString()})`,
        clause: clauses.moreTime,
      });
  });
  return problems;
}

/**
 * The meeting's decision on one text at instant `now` (Res. 1 §9.5):
 * - deferred by the meeting (§9.5.2) ⇒ deferred;
 * - opposed by any Member State delegation ⇒ not approved (§9.5.3); the text may be re-announced
 *   without a new determination;
 * - more time asked for (§9.5.5) ⇒ pending until 4 weeks after the meeting, then not approved if
 *   that State formally opposed (restart allowed, §9.5.5.2), otherwise approved;
 * - otherwise unopposed ⇒ approved (§9.5.3). Abstaining delegations are ignored (§9.5.6);
 *   reservations are recorded (§9.5.4) and do not block.
 * Assumes `validateMeetingDecision` found no problem.
 */
export function decideAtMeeting(
  input: MeetingDecisionInput,
  meetingLastDay: string,
  now: number,
  clauses: TapClauses,
): MeetingDecision {
  const cite = (clause: string) => ({ clause, citation: citeClause(clauses, clause) });
  const abstaining = new Set(input.abstaining);
  const opposing = input.opposing.filter((state) => !abstaining.has(state));
  const reservations = input.reservations;
  if (input.deferred) {
    return {
      outcome: 'deferred',
      ...cite(clauses.meetingChanges),
      moreTimeWindowEndsAt: null,
      mayRestartWithoutNewDetermination: true,
      opposedBy: [],
      reservations,
    };
  }
  if (opposing.length > 0) {
    return {
      outcome: 'not_approved',
      ...cite(clauses.unopposed),
      moreTimeWindowEndsAt: null,
      mayRestartWithoutNewDetermination: true,
      opposedBy: opposing,
      reservations,
    };
  }
  if (input.moreTime.length > 0) {
    const windowEnd = moreTimeWindowEnd(meetingLastDay);
    const moreTime = new Set(input.moreTime);
    const formal = input.formalOppositions
      .filter((o) => moreTime.has(o.state) && o.receivedAt <= windowEnd)
      .map((o) => o.state);
    if (formal.length > 0) {
      return {
        outcome: 'not_approved',
        ...cite(clauses.restart),
        moreTimeWindowEndsAt: windowEnd,
        mayRestartWithoutNewDetermination: true,
        opposedBy: formal,
        reservations,
      };
    }
    if (now <= windowEnd) {
      return {
        outcome: 'pending_more_time',
        ...cite(clauses.moreTime),
        moreTimeWindowEndsAt: windowEnd,
        mayRestartWithoutNewDetermination: false,
        opposedBy: [],
        reservations,
      };
    }
    return {
      outcome: 'approved',
      ...cite(clauses.moreTime),
      moreTimeWindowEndsAt: windowEnd,
      mayRestartWithoutNewDetermination: false,
      opposedBy: [],
      reservations,
    };
  }
  return {
    outcome: 'approved',
    ...cite(clauses.unopposed),
    moreTimeWindowEndsAt: null,
    mayRestartWithoutNewDetermination: false,
    opposedBy: [],
    reservations,
  };
}

/**
 * The day by which the results notice is due (Res. 1 §9.6.1): within 4 weeks of the meeting's
 * close, or 4 weeks after the end of a §9.5.5 window when more time was asked for.
 */
export function resultsNoticeDueAt(meetingLastDay: string, anyMoreTime: boolean): number {
  const windowEnd = moreTimeWindowEnd(meetingLastDay);
  return anyMoreTime ? windowEnd + WINDOW_DAYS * 86_400_000 : windowEnd;
}
