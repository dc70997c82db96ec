import type { FieldProblem } from '../../domain/errors.js';
import type { DecisionMention } from '../../domain/procedure/outcomes.js';
import type { TimingCheck } from '../../domain/procedure/timing.js';
import { addDays, endOfDay } from '../../domain/time/instants.js';
import { type AapClauses, citeAapClause } from './aap-clauses.js';

/** Days after the meeting's last day in which opposition stops a text for which more time was asked (§5.6). */
export const MORE_TIME_DAYS = 28;
/** Days before the meeting's first day by which its intention to approve must be announced (§4.6). */
export const MEETING_NOTICE_DAYS = 21;
/** Days after the meeting's close, or after the §5.6 window, within which the notice follows (§6.2). */
export const NOTICE_DAYS = 14;

/**
 * A concern noted at the meeting (§5.5): a Member State or Sector Member that does not elect to
 * oppose, and the note appended to the text.
 */
export interface AapConcern {
  readonly state: string;
  readonly note: string;
}

/** Opposition received by the Director after the meeting, within the §5.6 window. */
export interface AapFormalOpposition {
  readonly state: string;
  readonly receivedAt: number;
}

/** What the study group meeting decided on one text under AAP, as the secretariat records it (§5). */
/**
 * Where a text goes when policy or regulatory implications are declared or in doubt (§5.2): the
 * Traditional Approval Procedure (Res. 1 §9.3), or a restart from consent (§5.8).
 */
export type PolicyRoute = 'tap' | 'restart';

export interface AapDecisionInput {
  /** A major change the meeting did not approve the text with (§5.2). */
  readonly deferred: boolean;
  /** Member States present declaring that the text has policy or regulatory implications (§5.2). */
  readonly policyImplications: readonly string[];
  /** The meeting is in doubt whether the text has such implications, though no Member State declares them (§5.2). */
  readonly policyDoubt: boolean;
  /** Where the text goes when implications are declared or in doubt (§5.2); null otherwise. */
  readonly policyRoute: PolicyRoute | null;
  /** Member States present opposing approval (§5.3, §5.4). */
  readonly opposing: readonly string[];
  /** Member States and Sector Members declaring they abstain: ignored for the unopposed test (§5.7). */
  readonly abstaining: readonly string[];
  /** Concerns noted, with the note appended to the text (§5.5). */
  readonly concerns: readonly AapConcern[];
  /** Member States that asked for more time to consider their position, during the meeting (§5.6). */
  readonly moreTime: readonly string[];
  readonly formalOppositions: readonly AapFormalOpposition[];
}

export const AAP_MEETING_OUTCOMES = [
  'approved',
  'not_approved',
  'pending_more_time',
  'deferred',
  'switched_to_tap',
] as const;
export type AapMeetingOutcome = (typeof AAP_MEETING_OUTCOMES)[number];

export interface AapMeetingDecision {
  readonly outcome: AapMeetingOutcome;
  /** The clause that decides it. */
  readonly clause: string;
  readonly citation: string;
  /** End of the §5.6 window, when more time was asked for. */
  readonly moreTimeWindowEndsAt: number | null;
  /** The chairman may restart from §3.1 without a new consent (§5.8). */
  readonly mayRestartWithoutNewConsent: boolean;
  /** Member States whose opposition counts (abstentions left out). */
  readonly opposedBy: readonly string[];
  /** The concerns to append to the text (§5.5). */
  readonly concerns: readonly AapConcern[];
}

/** End of the §5.6 window: the end of the 28th day (UTC) after the meeting's last day. */
export function moreTimeWindowEnd(meetingLastDay: string): number {
  return endOfDay(addDays(meetingLastDay, MORE_TIME_DAYS));
}

/** The Member States whose opposition counts: the opposing less any that abstain (§5.7). */
function countedOpposition(input: AapDecisionInput): string[] {
  const abstaining = new Set(input.abstaining);
  return input.opposing.filter((state) => !abstaining.has(state));
}

/**
 * Every delegation an AAP decision names. Declaring policy or regulatory implications, opposing,
 * asking for more time and formal opposition are the Member States' (§5.2, §5.4, §5.6): acts of
 * opposition, refused by the core for a class that may not oppose (a Sector Member, whose
 * opposition §5.4 does not count). Abstaining (§5.7, a Member State or a Sector Member) and a noted
 * concern (§5.5) are not.
 */
export function namedInAapDecision(input: AapDecisionInput): DecisionMention[] {
  const list = (codes: readonly string[], field: string, opposes: boolean, as: string) =>
    codes.map((code, i) => ({ code, field: `/${field}/${i}`, opposes, as }));
  return [
    ...list(input.policyImplications, 'policyImplications', true, 'as declaring policy or regulatory implications'),
    ...list(input.opposing, 'opposing', true, 'as opposing'),
    ...list(input.abstaining, 'abstaining', false, 'as abstaining'),
    ...list(
      input.concerns.map((c) => c.state),
      'concerns',
      false,
      'with a concern',
    ).map((m) => ({ ...m, field: `${m.field}/state` })),
    ...list(input.moreTime, 'moreTime', true, 'as asking for more time'),
    ...list(
      input.formalOppositions.map((o) => o.state),
      'formalOppositions',
      true,
      'with a formal opposition',
    ).map((m) => ({ ...m, field: `${m.field}/state` })),
  ];
}

/**
 * Checks that a recorded AAP decision is consistent; one problem per contradiction:
 * - no participant twice in one list (STATE_LISTED_TWICE);
 * - a Member State cannot both oppose and abstain (§5.7), nor oppose and ask for more time (§5.6);
 * - implications declared or in doubt need the route chosen, TAP or a restart (§5.2,
 *   POLICY_ROUTE_MISSING), and a route needs implications declared or in doubt;
 * - a concern is noted for a delegation that does not oppose (§5.5), with its note;
 * - formal opposition comes only from a Member State that asked for more time, within four weeks
 *   of the meeting's end (§5.6).
 */
export function validateAapDecision(
  input: AapDecisionInput,
  meetingLastDay: string,
  clauses: AapClauses,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const duplicates = (list: readonly string[], field: string, suffix = '') => {
    const seen = new Set<string>();
    list.forEach((state, index) => {
      if (seen.has(state))
        problems.push({
          field: `/${field}/${index}${suffix}`,
          message: `${state} appears twice`,
          code: 'STATE_LISTED_TWICE',
        });
      seen.add(state);
    });
  };
  duplicates(input.policyImplications, 'policyImplications');
  duplicates(input.opposing, 'opposing');
  duplicates(input.abstaining, 'abstaining');
  duplicates(input.moreTime, 'moreTime');
  duplicates(
    input.concerns.map((c) => c.state),
    'concerns',
    '/state',
  );
  duplicates(
    input.formalOppositions.map((o) => o.state),
    'formalOppositions',
    '/state',
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
  input.moreTime.forEach((state, index) => {
    if (opposing.has(state))
      problems.push({
        field: `/moreTime/${index}`,
        message: `${state} opposes; it cannot also ask for more time`,
        clause: clauses.moreTime,
      });
  });
  const implications = input.policyImplications.length > 0 || input.policyDoubt;
  if (implications && input.policyRoute === null)
    problems.push({
      field: '/policyRoute',
      message:
        'Policy or regulatory implications are declared or in doubt: choose where the text goes, the Traditional Approval Procedure or a restart from consent',
      clause: clauses.meetingChanges,
      code: 'POLICY_ROUTE_MISSING',
    });
  if (!implications && input.policyRoute !== null)
    problems.push({
      field: '/policyRoute',
      message: 'A route is chosen only when policy or regulatory implications are declared or in doubt',
      clause: clauses.meetingChanges,
    });
  input.concerns.forEach((concern, index) => {
    if (opposing.has(concern.state))
      problems.push({
        field: `/concerns/${index}/state`,
        message: `${concern.state} opposes; a concern is noted for a delegation that does not elect to oppose`,
        clause: clauses.concerns,
      });
    if (concern.note.trim() === '')
      problems.push({
        field: `/concerns/${index}/note`,
        message: 'A concern needs its note',
        clause: clauses.concerns,
      });
  });
  const moreTime = new Set(input.moreTime);
  const windowEnd = moreTimeWindowEnd(meetingLastDay);
  input.formalOppositions.forEach((opposition, index) => {
    if (!moreTime.has(opposition.state))
      problems.push({
        field: `/formalOppositions/${index}/state`,
        message: `${opposition.state} did not ask for more time at the meeting`,
        clause: clauses.moreTime,
      });
    if (opposition.receivedAt > windowEnd)
      problems.push({
        field: `/formalOppositions/${index}/receivedAt`,
        message: `Opposition must be received within 4 weeks of the end of the meeting (by ${new Date(windowEnd).toISOString()})`,
        clause: clauses.moreTime,
      });
  });
  return problems;
}

/**
 * The meeting's decision on one text at instant `now` (Rec. A.8 §5):
 * - policy or regulatory implications declared by a Member State, or in doubt ⇒ the route chosen:
 *   the text switches to TAP, or it is not approved and restarts from consent (§5.2, §5.8);
 * - a major change ⇒ deferred (§5.2), and may restart without a new consent (§5.8);
 * - two or more Member States oppose (abstentions ignored, §5.7) ⇒ not approved (§5.4); may restart
 *   without a new consent (§5.8);
 * - more time asked for ⇒ pending until four weeks after the meeting; opposition received in that
 *   window (and by `now`) ⇒ not approved, otherwise approved (§5.6);
 * - one Member State opposes ⇒ approved, its concerns noted and appended (§5.4, §5.5);
 * - otherwise unopposed ⇒ approved (§5.3).
 * Assumes `validateAapDecision` found no problem.
 */
export function decideAapMeeting(
  input: AapDecisionInput,
  meetingLastDay: string,
  now: number,
  clauses: AapClauses,
): AapMeetingDecision {
  const decided = (
    outcome: AapMeetingOutcome,
    clause: string,
    rest: Partial<Pick<AapMeetingDecision, 'moreTimeWindowEndsAt' | 'mayRestartWithoutNewConsent' | 'opposedBy'>> = {},
  ): AapMeetingDecision => ({
    outcome,
    clause,
    citation: citeAapClause(clauses, clause),
    moreTimeWindowEndsAt: rest.moreTimeWindowEndsAt ?? null,
    mayRestartWithoutNewConsent: rest.mayRestartWithoutNewConsent ?? false,
    opposedBy: rest.opposedBy ?? [],
    concerns: input.concerns,
  });
  if (input.policyImplications.length > 0 || input.policyDoubt)
    return input.policyRoute === 'restart'
      ? decided('not_approved', clauses.meetingChanges, {
          mayRestartWithoutNewConsent: true,
          opposedBy: input.policyImplications,
        })
      : decided('switched_to_tap', clauses.meetingChanges, { opposedBy: input.policyImplications });
  if (input.deferred) return decided('deferred', clauses.meetingChanges, { mayRestartWithoutNewConsent: true });
  const opposing = countedOpposition(input);
  if (opposing.length > 1)
    return decided('not_approved', clauses.oneOpposing, { mayRestartWithoutNewConsent: true, opposedBy: opposing });
  if (input.moreTime.length > 0) {
    const windowEnd = moreTimeWindowEnd(meetingLastDay);
    const opposed = input.formalOppositions
      .filter((o) => o.receivedAt <= windowEnd && o.receivedAt <= now)
      .map((o) => o.state);
    if (opposed.length > 0)
      return decided('not_approved', clauses.moreTime, {
        moreTimeWindowEndsAt: windowEnd,
        mayRestartWithoutNewConsent: true,
        opposedBy: [...opposing, ...opposed.filter((s) => !opposing.includes(s))],
      });
    return decided(now <= windowEnd ? 'pending_more_time' : 'approved', clauses.moreTime, {
      moreTimeWindowEndsAt: windowEnd,
      opposedBy: opposing,
    });
  }
  if (opposing.length === 1) return decided('approved', clauses.oneOpposing, { opposedBy: opposing });
  return decided('approved', clauses.unopposed);
}

/**
 * When the notice of a meeting's decision is due (§6.2): the end of the 14th day after the
 * meeting's last day, or after the end of the §5.6 window when more time was asked for.
 */
export function aapNoticeDueAt(meetingLastDay: string, moreTimeAsked: boolean): number {
  const from = moreTimeAsked ? addDays(meetingLastDay, MORE_TIME_DAYS) : meetingLastDay;
  return endOfDay(addDays(from, NOTICE_DAYS));
}

/**
 * The §4.6 check on a meeting's announcement: the intention to approve at the meeting is announced
 * at least three weeks (21 days) before its first day. A timing check, as TAP's are: `ok` in time,
 * otherwise a `warning` (the meeting may still decide; the secretariat sees it with the clause).
 */
export function checkMeetingAnnouncement(
  announcedOn: string,
  meetingFirstDay: string,
  clauses: AapClauses,
): TimingCheck {
  const latest = addDays(meetingFirstDay, -MEETING_NOTICE_DAYS);
  const late = announcedOn > latest;
  return {
    rule: 'announcement',
    severity: late ? 'warning' : 'ok',
    clause: clauses.meetingAnnouncement,
    citation: citeAapClause(clauses, clauses.meetingAnnouncement),
    message: late
      ? `The approval at the meeting of ${meetingFirstDay} must be announced at least 3 weeks before it, by ${latest}; it was announced on ${announcedOn}`
      : `Announced on ${announcedOn}, at least 3 weeks before the meeting of ${meetingFirstDay}`,
    params: { announcedOn, meetingFirstDay, latest },
  };
}
