import { calendarCovers, nthWorkingDayBefore } from '../../domain/calendar/working-days.js';
import type { HolidayCalendar } from '../../domain/calendar/itu-geneva-holidays.js';
import {
  DEFAULT_TIMING_POLICY,
  type TimingCheck,
  type TimingFacts,
  type TimingPolicy,
} from '../../domain/procedure/timing.js';
import { addMonths, endOfDay, toIsoDay } from '../../domain/time/instants.js';
import { citeClause, type TapClauses } from './tap-clauses.js';

/**
 * Checks a consultation's dates against Res. 1 §9.3.3 (announcement ≥ 3 months before the
 * meeting; the announcement is the circular unless an earlier one is recorded), §9.4.1 (deadline no later than the end of the 8th ITU working day before the meeting,
 * with the holiday calendar as data) and §9.3.5 (texts in all official languages ≥ 1 month before).
 * Violations are warnings: the secretariat may have reasons, but must see them.
 */
export function checkTiming(
  facts: TimingFacts,
  clauses: TapClauses,
  calendar: HolidayCalendar,
  policy: TimingPolicy = DEFAULT_TIMING_POLICY,
): TimingCheck[] {
  const checks: TimingCheck[] = [];

  // §9.3.3: the invitation and summary must be received at least 3 months before the meeting. They
  // may be announced before the circular (a collective letter): the period runs from the announcement.
  const announcedOn = facts.announcedOn ?? facts.circularDate;
  const announcement =
    facts.announcedOn === null ? `The circular of ${announcedOn}` : `The announcement of ${announcedOn}`;
  const earliestMeeting = addMonths(announcedOn, policy.announcementMonths);
  const announcementOk = facts.meetingFirstDay >= earliestMeeting;
  checks.push({
    rule: 'announcement',
    severity: announcementOk ? 'ok' : 'warning',
    clause: clauses.announcement,
    citation: citeClause(clauses, clauses.announcement),
    message: announcementOk
      ? `${announcement} is at least ${policy.announcementMonths} months before the meeting (${facts.meetingFirstDay}).`
      : `${announcement} is less than ${policy.announcementMonths} months before the meeting (${facts.meetingFirstDay}); the meeting should start on or after ${earliestMeeting}.`,
    params: {
      // `source` selects the words: the circular itself, or an announcement before it.
      source: facts.announcedOn === null ? 'circular' : 'announcement',
      circularDate: facts.circularDate,
      announcedOn,
      meetingFirstDay: facts.meetingFirstDay,
      earliestMeeting,
      months: policy.announcementMonths,
    },
  });

  // §9.4.1: the consultation runs "up to seven working days before the beginning of the meeting".
  // The conservative reading (TSB Circular 6 practice) keeps 7 full working days between the
  // deadline day and the meeting (policy.fullWorkingDaysBeforeMeeting), so the latest deadline is
  // the end of the 8th working day before the meeting.
  const latest = nthWorkingDayBefore(facts.meetingFirstDay, policy.fullWorkingDaysBeforeMeeting + 1, calendar);
  const latestDeadlineAt = endOfDay(latest.day);
  const deadlineOk = facts.deadlineAt <= latestDeadlineAt;
  const deadlineDay = toIsoDay(facts.deadlineAt);
  checks.push({
    rule: 'consultation_period',
    severity: deadlineOk ? 'ok' : 'warning',
    clause: clauses.consultationPeriod,
    citation: citeClause(clauses, clauses.consultationPeriod),
    message: deadlineOk
      ? `The deadline (${deadlineDay}) leaves at least ${policy.fullWorkingDaysBeforeMeeting} working days before the meeting; the latest allowed deadline is the end of ${latest.day}.`
      : `The deadline (${deadlineDay}) is later than the end of ${latest.day}, the ${ordinal(policy.fullWorkingDaysBeforeMeeting + 1)} working day before the meeting.`,
    params: { deadlineDay, latestDeadlineDay: latest.day, workingDays: policy.fullWorkingDaysBeforeMeeting },
  });
  if (!latest.covered || !calendarCovers(facts.circularDate, calendar)) {
    const years = uncoveredYears([facts.circularDate, latest.day, facts.meetingFirstDay], calendar).join(', ');
    checks.push({
      rule: 'calendar_data',
      severity: 'warning',
      clause: null,
      citation: null,
      message: `The ${calendar.name} holiday calendar has no data for ${years} (it covers ${calendar.firstYear}–${calendar.lastYear}); working days in those years were counted without holidays.`,
      params: { years, firstYear: calendar.firstYear, lastYear: calendar.lastYear },
    });
  }

  // §9.3.5: the text distributed in the official languages at least 1 month before the meeting.
  const latestLanguages = addMonths(facts.meetingFirstDay, -policy.languagesMonths);
  if (facts.languagesAvailableOn === null) {
    checks.push({
      rule: 'languages',
      severity: 'info',
      clause: clauses.languages,
      citation: citeClause(clauses, clauses.languages),
      message: `Record when the texts are available in the official languages: at the latest ${latestLanguages}.`,
      params: { latestLanguagesDay: latestLanguages },
    });
  } else {
    const languagesOk = facts.languagesAvailableOn <= latestLanguages;
    checks.push({
      rule: 'languages',
      severity: languagesOk ? 'ok' : 'warning',
      clause: clauses.languages,
      citation: citeClause(clauses, clauses.languages),
      message: languagesOk
        ? `The texts were available in the official languages on ${facts.languagesAvailableOn}, at least ${policy.languagesMonths} month before the meeting.`
        : `The texts were available in the official languages only on ${facts.languagesAvailableOn}; they should be by ${latestLanguages}.`,
      params: { languagesAvailableOn: facts.languagesAvailableOn, latestLanguagesDay: latestLanguages },
    });
  }
  return checks;
}

/** The latest deadline instant allowed by §9.4.1 under a policy. */
export function latestDeadline(
  meetingFirstDay: string,
  calendar: HolidayCalendar,
  policy: TimingPolicy = DEFAULT_TIMING_POLICY,
): number {
  return endOfDay(nthWorkingDayBefore(meetingFirstDay, policy.fullWorkingDaysBeforeMeeting + 1, calendar).day);
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The years from the earliest to the latest of `days` that the calendar has no data for, ascending. */
function uncoveredYears(days: readonly string[], calendar: HolidayCalendar): number[] {
  const years = days.map((day) => Number(day.slice(0, 4)));
  const missing: number[] = [];
  for (let year = Math.min(...years); year <= Math.max(...years); year += 1)
    if (year < calendar.firstYear || year > calendar.lastYear) missing.push(year);
  return missing;
}
