import { calendarCovers, nthWorkingDayBefore } from '../../calendar/working-days.js';
import type { HolidayCalendar } from '../../calendar/itu-geneva-holidays.js';
import { addMonths, endOfDay, toIsoDay } from '../../time/instants.js';
import { citeClause, type TapClauses } from './tap-clauses.js';

/** The facts the timing rules look at. */
export interface TimingFacts {
  /** Date of the circular (the announcement). */
  readonly circularDate: string;
  readonly meetingFirstDay: string;
  readonly deadlineAt: number;
  /** When the texts were available in all official languages, if recorded. */
  readonly languagesAvailableOn: string | null;
}

/** Policy choices where Res. 1 is silent or open to two readings (see docs/procedure.md). */
export interface TimingPolicy {
  /**
   * Working days that must remain strictly between the deadline day and the first day of the
   * meeting. Res. 1 §9.4.1 says the period runs "up to seven working days before the beginning of
   * the meeting"; the conservative reading (TSB Circular 6 practice) keeps 7 full working days
   * between them, so the latest deadline is the end of the 8th working day before the meeting.
   */
  readonly fullWorkingDaysBeforeMeeting: number;
  /** Minimum calendar months between the announcement and the meeting (§9.3.3). */
  readonly announcementMonths: number;
  /** Minimum calendar months between the texts in all languages and the meeting (§9.3.5). */
  readonly languagesMonths: number;
}

export const DEFAULT_TIMING_POLICY: TimingPolicy = {
  fullWorkingDaysBeforeMeeting: 7,
  announcementMonths: 3,
  languagesMonths: 1,
};

export type TimingRule = 'announcement' | 'consultation_period' | 'languages' | 'calendar_data';
export type TimingSeverity = 'ok' | 'warning' | 'info';

/** One timing check: a warning the secretariat sees next to the dates, never a silent failure. */
export interface TimingCheck {
  readonly rule: TimingRule;
  readonly severity: TimingSeverity;
  readonly clause: string | null;
  readonly citation: string | null;
  /** English sentence; `params` carries the values for other languages. */
  readonly message: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/**
 * Checks a consultation's dates against Res. 1 §9.3.3 (announcement ≥ 3 months before the
 * meeting), §9.4.1 (deadline no later than the end of the 8th ITU working day before the meeting,
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

  // §9.3.3: the invitation and summary must be received at least 3 months before the meeting.
  const earliestMeeting = addMonths(facts.circularDate, policy.announcementMonths);
  const announcementOk = facts.meetingFirstDay >= earliestMeeting;
  checks.push({
    rule: 'announcement',
    severity: announcementOk ? 'ok' : 'warning',
    clause: clauses.announcement,
    citation: citeClause(clauses, clauses.announcement),
    message: announcementOk
      ? `The circular of ${facts.circularDate} is at least ${policy.announcementMonths} months before the meeting (${facts.meetingFirstDay}).`
      : `The circular of ${facts.circularDate} is less than ${policy.announcementMonths} months before the meeting (${facts.meetingFirstDay}); the meeting should start on or after ${earliestMeeting}.`,
    params: {
      circularDate: facts.circularDate,
      meetingFirstDay: facts.meetingFirstDay,
      earliestMeeting,
      months: policy.announcementMonths,
    },
  });

  // §9.4.1: the consultation runs up to 7 working days before the meeting.
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
    checks.push({
      rule: 'calendar_data',
      severity: 'warning',
      clause: null,
      citation: null,
      message: `The ${calendar.name} holiday calendar has data for ${calendar.firstYear}–${calendar.lastYear} only; working days outside those years were counted without holidays.`,
      params: { firstYear: calendar.firstYear, lastYear: calendar.lastYear },
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
