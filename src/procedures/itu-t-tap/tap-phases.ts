import type { PhaseDefinition, PhaseFacts, PhaseWindow } from '../../domain/procedure/phases.js';
import { endOfDay, startOfDay } from '../../domain/time/instants.js';
import type { TapClauses } from './tap-clauses.js';
import { moreTimeWindowEnd, resultsNoticeDueAt } from './tap-meeting.js';

/** The phases of a TAP consultation, in order (WTSA Resolution 1, Section 9). */
export const TAP_PHASES: readonly PhaseDefinition[] = [
  {
    id: 'consultation',
    name: 'Consultation of Member States',
    actors: 'Member States reply per text (§9.4)',
    accepts: ['reply'],
  },
  {
    id: 'meeting',
    name: 'Study group meeting',
    actors: 'The meeting decides, unopposed (§9.5.3)',
    accepts: ['meeting_decision'],
  },
  {
    id: 'more_time',
    name: 'More time',
    actors: 'Formal opposition within 4 weeks (§9.5.5)',
    accepts: ['formal_opposition'],
  },
  {
    id: 'notified',
    name: 'Results notified',
    actors: 'TSB notifies the results (§9.6.1)',
    accepts: [],
  },
];

/**
 * The windows of a TAP consultation's phases, from its dates and recorded decisions:
 * - consultation (§9.4.1): from the issue to the deadline;
 * - meeting (§9.5.3): the meeting's days, UTC;
 * - more time (§9.5.5): only once a decision records a delegation asking for it: from the end of
 *   the meeting to the end of the 4-week window;
 * - notified (§9.6.1): from the results notice; until then it waits for the notice, due 4 weeks
 *   after the meeting or after the more-time window.
 * Each window keeps the span its clause gives it: a notice issued while a delegation's more time
 * runs does not shorten it (formal opposition may still reach the Director until its end).
 */
export function tapTimeline(facts: PhaseFacts, clauses: TapClauses): PhaseWindow[] {
  const meetingEnd = endOfDay(facts.meeting.lastDay);
  const anyMoreTime = facts.decisions.some((decision) => decision.moreTime.length > 0);
  const windows: PhaseWindow[] = [
    {
      id: 'consultation',
      startsAt: facts.issuedAt,
      endsAt: facts.deadlineAt,
      dueBy: null,
      clause: clauses.consultationPeriod,
    },
    {
      id: 'meeting',
      startsAt: startOfDay(facts.meeting.firstDay),
      endsAt: meetingEnd,
      dueBy: null,
      clause: clauses.unopposed,
    },
  ];
  if (anyMoreTime)
    windows.push({
      id: 'more_time',
      startsAt: meetingEnd + 1,
      endsAt: moreTimeWindowEnd(facts.meeting.lastDay),
      dueBy: null,
      clause: clauses.moreTime,
    });
  windows.push({
    id: 'notified',
    startsAt: facts.resultsNoticeAt,
    endsAt: null,
    dueBy: resultsNoticeDueAt(facts.meeting.lastDay, anyMoreTime),
    clause: clauses.notification,
  });
  // Nothing happens before the issue: a draft's windows wait for it.
  return facts.issuedAt === null ? windows.map((w) => ({ ...w, startsAt: null })) : windows;
}
