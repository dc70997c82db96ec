/** The timing vocabulary: the facts the timing rules read, the policy where texts are open, and their checks. */
/** The facts the timing rules look at. */
export interface TimingFacts {
  /** Date of the circular. */
  readonly circularDate: string;
  /**
   * The day the meeting and its texts were announced, when that precedes the circular (a
   * collective letter); null when the circular is the announcement. Announcement periods run from
   * `announcedOn ?? circularDate`.
   */
  readonly announcedOn: string | null;
  readonly meetingFirstDay: string;
  readonly deadlineAt: number;
  /** When the texts were available in all official languages, if recorded. */
  readonly languagesAvailableOn: string | null;
}

/** Policy choices where the procedure's instrument is silent or open to two readings (see docs/procedure.md). */
export interface TimingPolicy {
  /**
   * Working days that must remain strictly between the deadline day and the first day of the
   * meeting, for the procedure's reply-period rule (for TAP, a period "up to seven working days
   * before the beginning of the meeting": see the TAP module's timing rules and docs/procedure.md).
   */
  readonly fullWorkingDaysBeforeMeeting: number;
  /** Minimum calendar months between the announcement and the meeting (the procedure's announcement rule). */
  readonly announcementMonths: number;
  /** Minimum calendar months between the texts in all languages and the meeting (the procedure's languages rule). */
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
