import { addDays, dayOfWeek } from '../time/instants.js';
import type { HolidayCalendar } from './itu-geneva-holidays.js';

/** True when `day` is Monday–Friday and not a holiday of the calendar. */
export function isWorkingDay(day: string, calendar: HolidayCalendar): boolean {
  const weekday = dayOfWeek(day);
  if (weekday === 0 || weekday === 6) return false;
  return calendar.holidays[day] === undefined;
}

/** True when the calendar has holiday data for the year of `day`. */
export function calendarCovers(day: string, calendar: HolidayCalendar): boolean {
  const year = Number(day.slice(0, 4));
  return year >= calendar.firstYear && year <= calendar.lastYear;
}

/**
 * The `n`th working day strictly before `day` (n ≥ 1): with n = 1, the last working day before
 * it. Also reports whether every year crossed has holiday data.
 */
export function nthWorkingDayBefore(
  day: string,
  n: number,
  calendar: HolidayCalendar,
): { day: string; covered: boolean } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  let current = day;
  let counted = 0;
  let covered = calendarCovers(day, calendar);
  while (counted < n) {
    current = addDays(current, -1);
    covered &&= calendarCovers(current, calendar);
    if (isWorkingDay(current, calendar)) counted += 1;
  }
  return { day: current, covered };
}

/** Working days strictly between two days (exclusive at both ends). */
export function workingDaysBetween(from: string, to: string, calendar: HolidayCalendar): number {
  let count = 0;
  for (let day = addDays(from, 1); day < to; day = addDays(day, 1)) {
    if (isWorkingDay(day, calendar)) count += 1;
  }
  return count;
}
