/**
 * Calendar arithmetic on UTC dates. A "day" (`YYYY-MM-DD`) is a UTC calendar date; an instant is
 * epoch milliseconds. No local time zone is ever consulted.
 */

export const DAY_MS = 86_400_000;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Date.UTC without its two-digit-year quirk (years 0–99 would become 1900–1999); months and days may overflow. */
function utc(year: number, monthIndex: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date.getTime();
}

/**
 * True when `value` is a real calendar date written `YYYY-MM-DD`: the month has that day (30
 * February, month 13 and 31 April are refused) and the year is 0001 or later (the Gregorian
 * calendar has no year 0). The one validator of days: the request schemas' `date` format uses it,
 * so the API, the CLI and the pages refuse the same days.
 */
export function isIsoDay(value: string): boolean {
  const match = ISO_DAY.exec(value);
  if (!match || Number(match[1]) < 1) return false;
  const ms = utc(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return toIsoDay(ms) === value;
}

const UTC_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?Z$/;

/**
 * True when `value` is a real instant written in UTC, `YYYY-MM-DDTHH:MM[:SS[.mmm]]Z`: a real day
 * (`isIsoDay`), hours 00–23, minutes and seconds 00–59 (no leap second: the clocks Assent compares
 * with never show one). The request schemas' `utc-instant` format uses it.
 */
export function isUtcInstant(value: string): boolean {
  const match = UTC_INSTANT.exec(value);
  if (!match || !isIsoDay(match[1]!)) return false;
  return Number(match[2]) <= 23 && Number(match[3]) <= 59 && Number(match[4] ?? 0) <= 59;
}

/** The first instant (00:00:00.000 UTC) of a day. */
export function startOfDay(day: string): number {
  const match = ISO_DAY.exec(day);
  if (!match) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  return utc(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** The last instant (23:59:59.999 UTC) of a day: a deadline "2359 hours UTC" on that day. */
export function endOfDay(day: string): number {
  return startOfDay(day) + DAY_MS - 1;
}

/** The UTC day an instant falls on. */
export function toIsoDay(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  return toIsoDay(startOfDay(day) + days * DAY_MS);
}

/**
 * `day` moved by `months` calendar months; a day that does not exist in the target month is
 * clamped to that month's last day (31 May + 3 months = 31 Aug; 30 Nov + 3 months = 28/29 Feb).
 */
export function addMonths(day: string, months: number): string {
  const start = new Date(startOfDay(day));
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const lastDayOfTarget = new Date(utc(year, month + 1, 0)).getUTCDate();
  const date = Math.min(start.getUTCDate(), lastDayOfTarget);
  return toIsoDay(utc(year, month, date));
}

/** Day of week of a UTC day: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: string): number {
  return new Date(startOfDay(day)).getUTCDay();
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((startOfDay(to) - startOfDay(from)) / DAY_MS);
}
