/**
 * The deadline of a consultation as a circular states it, and the one rule that turns what was
 * stated into the instant the clock is compared with (docs/procedure.md, "The deadline").
 *
 * A TSB circular states its deadline to the minute, in UTC: "by 2359 hours UTC on 16 August 2023",
 * or in older circulars "2400 hours UTC on 11 January 2001", the end of that day. The minute stated
 * is included: the deadline closes at the END of it, so the last on-time instant of "2359 hours
 * UTC on 16 August 2023" is 2023-08-16T23:59:59.999Z (Res. 1 counts replies "received by
 * the due date"; 23:59 read as 23:59:00.000 would turn away a reply sent during the last minute
 * the circular names). "2400 hours UTC on D" is the end of day D: the same instant as "2359 hours
 * UTC on D", printed differently. What is stored is the instant and the wording the secretariat
 * chose, so that pages and documents print the deadline back exactly as the circular words it.
 */

import type { FieldProblem } from '../errors.js';
import { DAY_MS, isUtcInstant, toIsoDay } from '../time/instants.js';

/** How the circular words its deadline: `hhmm` ("2359 hours UTC on D") or `2400` ("2400 hours UTC on D", the end of D). */
export const DEADLINE_WORDINGS = ['hhmm', '2400'] as const;
export type DeadlineWording = (typeof DEADLINE_WORDINGS)[number];

/** The wording of a deadline when none is chosen. */
export const DEFAULT_DEADLINE_WORDING: DeadlineWording = 'hhmm';

const MINUTE_MS = 60_000;

/** True when `value` is one of the wordings. */
export function isDeadlineWording(value: unknown): value is DeadlineWording {
  return (DEADLINE_WORDINGS as readonly unknown[]).includes(value);
}

/** The milliseconds an instant lies into its minute (0 … 59 999), also before 1970. */
function intoMinute(instant: number): number {
  return ((instant % MINUTE_MS) + MINUTE_MS) % MINUTE_MS;
}

/** True when the instant is the last millisecond of a UTC day (23:59:59.999): a deadline "2400 hours UTC" may name it. */
export function isEndOfDay(instant: number): boolean {
  return ((instant % DAY_MS) + DAY_MS) % DAY_MS === DAY_MS - 1;
}

/**
 * The deadline a stated instant names, under the rule above: the start of a minute (seconds and
 * milliseconds zero: `…T23:59Z`, `…T23:59:00Z`) stands for that whole minute and closes at its
 * last millisecond; the last millisecond of a minute (`…T23:59:59.999Z`) is taken as it is; any
 * other instant is no minute a circular can state, and null.
 */
export function deadlineOfMinute(instant: number): number | null {
  const into = intoMinute(instant);
  if (into === 0) return instant + MINUTE_MS - 1;
  if (into === MINUTE_MS - 1) return instant;
  return null;
}

/** What was made of a stated deadline: the instant it closes, or the problems that stop it. */
export interface DeadlineReading {
  /** The last on-time instant; NaN when the deadline stated is refused at `/deadline`. */
  readonly deadlineAt: number;
  readonly problems: readonly FieldProblem[];
}

/**
 * Reads a deadline as stated to the API, the CLI or a page (which builds the same input): an ISO
 * instant in UTC and the wording chosen. The one place the rule is applied.
 * Problems: not a real instant (at `deadlineField`, no code: the schema says the same);
 * DEADLINE_NOT_A_MINUTE (neither the start nor the last millisecond of a minute);
 * DEADLINE_WORDING_MISMATCH ("2400 hours UTC" for an instant that is not the end of a day, at
 * `wordingField`).
 */
export function readDeadline(
  stated: string,
  wording: DeadlineWording,
  fields: { readonly deadline: string; readonly wording: string } = {
    deadline: '/deadline',
    wording: '/deadlineWording',
  },
): DeadlineReading {
  const instant = isUtcInstant(stated) ? Date.parse(stated) : Number.NaN;
  if (!Number.isFinite(instant))
    return {
      deadlineAt: Number.NaN,
      problems: [{ field: fields.deadline, message: `${stated} is not a valid instant` }],
    };
  const deadlineAt = deadlineOfMinute(instant);
  if (deadlineAt === null)
    return {
      deadlineAt: Number.NaN,
      problems: [
        {
          field: fields.deadline,
          message: `A deadline is stated to the minute: give the minute (such as ${stated.slice(0, 16)}Z, which closes at the end of that minute) or its last millisecond (${stated.slice(0, 16)}:59.999Z)`,
          code: 'DEADLINE_NOT_A_MINUTE',
        },
      ],
    };
  return { deadlineAt, problems: wordingProblems(deadlineAt, wording, fields.wording) };
}

/**
 * A wording the instant allows: "2400 hours UTC on D" names only the end of a day
 * (DEADLINE_WORDING_MISMATCH at `field` otherwise). Any instant may be worded HHMM.
 */
export function wordingProblems(
  deadlineAt: number,
  wording: DeadlineWording,
  field = '/deadlineWording',
): FieldProblem[] {
  if (wording !== '2400' || !Number.isFinite(deadlineAt) || isEndOfDay(deadlineAt)) return [];
  const iso = new Date(deadlineAt).toISOString();
  return [
    {
      field,
      message: `"2400 hours UTC" names the end of a day; the deadline ${iso} is not (word it "${iso.slice(11, 13)}${iso.slice(14, 16)} hours UTC", or set it to the end of the day)`,
      code: 'DEADLINE_WORDING_MISMATCH',
    },
  ];
}

/** A deadline as stored: the instant it closes and how the circular words it (a Consultation is one). */
export interface StatedDeadline {
  readonly deadlineAt: number;
  readonly deadlineWording: DeadlineWording;
}

/**
 * The parts of a deadline as a circular prints it: `time` ("2359", "2400", as the English circular
 * writes it), its `hours` and `minutes` ("23", "59"; "24", "00") for the other languages' styles
 * ("23 h 59", "23.59", "23:59"), and the UTC `day` (YYYY-MM-DD) it falls on.
 */
export interface DeadlineWords {
  readonly time: string;
  readonly hours: string;
  readonly minutes: string;
  readonly day: string;
}

/**
 * The time and day a circular prints for a deadline: the minute of the last on-time instant
 * (23:59:59.999 is "2359") on its day; with the wording `2400`, "2400" on the day it ends. A
 * deadline stored before the rule at the start of its minute (23:59:00.000) prints the same.
 */
export function deadlineWords(deadlineAt: number, wording: DeadlineWording): DeadlineWords {
  const iso = new Date(deadlineAt).toISOString();
  const day = toIsoDay(deadlineAt);
  if (wording === '2400' && isEndOfDay(deadlineAt)) return { time: '2400', hours: '24', minutes: '00', day };
  const hours = iso.slice(11, 13);
  const minutes = iso.slice(14, 16);
  return { time: `${hours}${minutes}`, hours, minutes, day };
}
