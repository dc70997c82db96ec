import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  DAY_MS,
  addDays,
  addMonths,
  dayOfWeek,
  daysBetween,
  endOfDay,
  isIsoDay,
  isUtcInstant,
  startOfDay,
  toIsoDay,
} from './instants.js';

/** Calendar days written YYYY-MM-DD, generated from real instants (years 1000–9999). */
const isoDay = fc
  .date({ min: new Date('1000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

describe('startOfDay and endOfDay', () => {
  it('startOfDay is 00:00:00.000 UTC of the day', () => {
    expect(new Date(startOfDay('2023-08-16')).toISOString()).toBe('2023-08-16T00:00:00.000Z');
  });

  it('endOfDay is 23:59:59.999 UTC of the day, the "2359 hours UTC" deadline instant', () => {
    expect(new Date(endOfDay('2023-08-16')).toISOString()).toBe('2023-08-16T23:59:59.999Z');
  });

  it('endOfDay is one millisecond before the start of the next day', () => {
    expect(endOfDay('2023-12-31') + 1).toBe(startOfDay('2024-01-01'));
  });

  it('startOfDay refuses text that is not YYYY-MM-DD', () => {
    expect(() => startOfDay('16/08/2023')).toThrow(RangeError);
    expect(() => startOfDay('2023-8-16')).toThrow(RangeError);
    expect(() => endOfDay('')).toThrow(RangeError);
  });

  test.prop([isoDay])('toIsoDay(startOfDay(d)) gives back d for every calendar day', (day) => {
    expect(toIsoDay(startOfDay(day))).toBe(day);
  });

  test.prop([isoDay])('endOfDay(d) falls on day d and the next millisecond on the next day', (day) => {
    expect(toIsoDay(endOfDay(day))).toBe(day);
    expect(toIsoDay(endOfDay(day) + 1)).toBe(addDays(day, 1));
    expect(endOfDay(day) - startOfDay(day)).toBe(DAY_MS - 1);
  });

  // Years 0000–0099 match YYYY-MM-DD but Date.UTC maps two-digit years to 1900–1999.
  it('startOfDay of a day in the years 0000–0099 falls in that year, not in 19xx', () => {
    expect(new Date(startOfDay('0050-01-01')).toISOString()).toBe('0050-01-01T00:00:00.000Z');
    expect(isIsoDay('0050-01-01')).toBe(true);
  });
});

describe('isIsoDay', () => {
  it('accepts real calendar dates, including 29 February of a leap year', () => {
    expect(isIsoDay('2023-08-16')).toBe(true);
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2000-02-29')).toBe(true);
  });

  it('rejects dates that do not exist (30 February, 29 February of a common year, month 13, day 32)', () => {
    expect(isIsoDay('2023-02-30')).toBe(false);
    expect(isIsoDay('2023-02-29')).toBe(false);
    expect(isIsoDay('1900-02-29')).toBe(false);
    expect(isIsoDay('2023-13-01')).toBe(false);
    expect(isIsoDay('2023-01-32')).toBe(false);
    expect(isIsoDay('2023-04-31')).toBe(false);
  });

  it('rejects the year 0000: the Gregorian calendar has no year zero', () => {
    expect(isIsoDay('0000-01-01')).toBe(false);
    expect(isIsoDay('0000-02-29')).toBe(false);
    expect(isIsoDay('0001-01-01')).toBe(true);
  });

  it('rejects other shapes (no padding, a time part, surrounding spaces)', () => {
    expect(isIsoDay('2023-8-16')).toBe(false);
    expect(isIsoDay('2023-08-16T00:00:00Z')).toBe(false);
    expect(isIsoDay(' 2023-08-16')).toBe(false);
    expect(isIsoDay('')).toBe(false);
  });

  test.prop([isoDay])('accepts every generated calendar day', (day) => {
    expect(isIsoDay(day)).toBe(true);
  });
});

describe('addDays and daysBetween', () => {
  it('crosses month and year ends', () => {
    expect(addDays('2023-08-31', 1)).toBe('2023-09-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('counts the 13 calendar days from the Circular 79 deadline to its meeting', () => {
    expect(daysBetween('2023-08-16', '2023-08-29')).toBe(13);
    expect(daysBetween('2023-08-29', '2023-08-16')).toBe(-13);
  });

  test.prop([isoDay, fc.integer({ min: -3000, max: 3000 })])('daysBetween(d, addDays(d, n)) is n', (day, n) => {
    fc.pre(isIsoDay(addDays(day, n)));
    expect(daysBetween(day, addDays(day, n))).toBe(n);
  });
});

describe('addMonths', () => {
  it('clamps to the last day of a shorter target month: 2023-11-30 + 3 months is 2024-02-29', () => {
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
  });

  it('keeps the 31st when the target month has one: 2023-05-31 + 3 months is 2023-08-31', () => {
    expect(addMonths('2023-05-31', 3)).toBe('2023-08-31');
  });

  it('clamps to 28 February in a common year and moves across year ends both ways', () => {
    expect(addMonths('2022-11-30', 3)).toBe('2023-02-28');
    expect(addMonths('2023-03-28', 3)).toBe('2023-06-28');
    expect(addMonths('2023-08-29', -1)).toBe('2023-07-29');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2023-01-15', -2)).toBe('2022-11-15');
  });

  test.prop([isoDay, fc.integer({ min: -120, max: 120 })])(
    'the result is a real day whose day of month is the original or the clamped last day',
    (day, months) => {
      const result = addMonths(day, months);
      fc.pre(result >= '1000-01-01' && result <= '9999-12-31');
      expect(isIsoDay(result)).toBe(true);
      const original = Number(day.slice(8, 10));
      const got = Number(result.slice(8, 10));
      expect(got).toBeLessThanOrEqual(original);
      if (got < original) expect(addDays(result, 1).slice(8, 10)).toBe('01');
    },
  );
});

describe('dayOfWeek', () => {
  it('reads the UTC weekday: 29 August 2023 is a Tuesday, 16 August 2023 a Wednesday', () => {
    expect(dayOfWeek('2023-08-29')).toBe(2);
    expect(dayOfWeek('2023-08-16')).toBe(3);
    expect(dayOfWeek('2023-08-27')).toBe(0);
    expect(dayOfWeek('2023-08-26')).toBe(6);
  });
});

describe('isUtcInstant', () => {
  it('accepts instants in UTC with or without seconds and milliseconds', () => {
    expect(isUtcInstant('2023-08-16T23:59:59.999Z')).toBe(true);
    expect(isUtcInstant('2023-08-16T23:59:59Z')).toBe(true);
    expect(isUtcInstant('2023-08-16T00:00Z')).toBe(true);
    expect(isUtcInstant('2024-02-29T12:00:00.5Z')).toBe(true);
  });

  it('rejects instants on days that do not exist, and hours, minutes or seconds out of range', () => {
    for (const value of [
      '2023-02-30T10:00:00Z',
      '2023-13-01T10:00:00Z',
      '0000-01-01T00:00:00Z',
      '2023-08-16T24:00:00Z',
      '2023-08-16T23:60:00Z',
      '2023-08-16T23:59:60Z',
    ])
      expect({ value, ok: isUtcInstant(value) }).toEqual({ value, ok: false });
  });

  it('rejects local times and other shapes (no Z, an offset, no time)', () => {
    for (const value of ['2023-08-16T10:00:00', '2023-08-16T10:00:00+02:00', '2023-08-16', ' 2023-08-16T10:00Z'])
      expect({ value, ok: isUtcInstant(value) }).toEqual({ value, ok: false });
  });

  test.prop([
    fc.date({
      min: new Date('0001-01-01T00:00:00.000Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    }),
  ])('accepts what Date#toISOString writes for any instant from year 1 to 9999', (date) => {
    expect(isUtcInstant(date.toISOString())).toBe(true);
  });
});
