import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { addDays } from '../time/instants.js';
import { ITU_GENEVA_HOLIDAYS, type HolidayCalendar } from './itu-geneva-holidays.js';
import { calendarCovers, isWorkingDay, nthWorkingDayBefore, workingDaysBetween } from './working-days.js';

const geneva = ITU_GENEVA_HOLIDAYS;

/** A calendar with no holidays, for checks that only weekends matter. */
const weekendsOnly: HolidayCalendar = {
  id: 'none',
  name: 'No holidays',
  firstYear: 2000,
  lastYear: 2100,
  holidays: {},
};

const coveredDay = fc
  .date({ min: new Date('2000-02-01T00:00:00.000Z'), max: new Date('2030-12-31T00:00:00.000Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

describe('isWorkingDay', () => {
  it('Saturdays and Sundays are not working days', () => {
    expect(isWorkingDay('2023-08-26', geneva)).toBe(false);
    expect(isWorkingDay('2023-08-27', geneva)).toBe(false);
  });

  it('a weekday that is not a holiday is a working day', () => {
    expect(isWorkingDay('2023-08-16', geneva)).toBe(true);
    expect(isWorkingDay('2023-08-28', geneva)).toBe(true);
  });

  it('every listed holiday is not a working day', () => {
    for (const day of Object.keys(geneva.holidays)) expect(isWorkingDay(day, geneva), day).toBe(false);
  });

  it('Jeûne genevois (Thu 7 September 2023), Christmas and Swiss National Day are not working days', () => {
    expect(isWorkingDay('2023-09-07', geneva)).toBe(false);
    expect(isWorkingDay('2023-12-25', geneva)).toBe(false);
    expect(isWorkingDay('2023-08-01', geneva)).toBe(false);
    expect(isWorkingDay('2023-09-06', geneva)).toBe(true);
    expect(isWorkingDay('2023-09-08', geneva)).toBe(true);
  });

  it('every listed holiday is a real day inside the covered years', () => {
    for (const day of Object.keys(geneva.holidays)) expect(calendarCovers(day, geneva), day).toBe(true);
  });
});

describe('nthWorkingDayBefore', () => {
  it('the 8th working day before the Circular 79 meeting (Tue 29 Aug 2023) is Thu 17 Aug 2023', () => {
    expect(nthWorkingDayBefore('2023-08-29', 8, geneva)).toEqual({ day: '2023-08-17', covered: true });
  });

  it('with n = 1 gives the last working day strictly before the day (a Monday goes back to Friday)', () => {
    expect(nthWorkingDayBefore('2023-08-28', 1, geneva).day).toBe('2023-08-25');
    expect(nthWorkingDayBefore('2023-08-29', 1, geneva).day).toBe('2023-08-28');
  });

  it('skips Jeûne genevois: the working day before Fri 8 Sep 2023 is Wed 6 Sep', () => {
    expect(nthWorkingDayBefore('2023-09-08', 1, geneva).day).toBe('2023-09-06');
    expect(nthWorkingDayBefore('2023-09-08', 1, weekendsOnly).day).toBe('2023-09-07');
  });

  it('skips Christmas: the working day before Tue 26 Dec 2023 is Fri 22 Dec', () => {
    expect(nthWorkingDayBefore('2023-12-26', 1, geneva).day).toBe('2023-12-22');
    expect(nthWorkingDayBefore('2023-12-27', 1, geneva).day).toBe('2023-12-26');
  });

  it('skips New Year 2024 and the weekend: the working day before Tue 2 Jan 2024 is Fri 29 Dec 2023', () => {
    expect(nthWorkingDayBefore('2024-01-02', 1, geneva)).toEqual({ day: '2023-12-29', covered: true });
  });

  it('is covered only when every year it crosses has holiday data (2000–2030)', () => {
    expect(nthWorkingDayBefore('2023-01-10', 3, geneva).covered).toBe(true);
    expect(nthWorkingDayBefore('2023-01-04', 3, geneva).covered).toBe(true);
    expect(nthWorkingDayBefore('2000-01-12', 3, geneva).covered).toBe(true);
    expect(nthWorkingDayBefore('2000-01-04', 3, geneva).covered).toBe(false);
    expect(nthWorkingDayBefore('2031-01-20', 3, geneva).covered).toBe(false);
    expect(nthWorkingDayBefore('2031-08-26', 8, geneva).covered).toBe(false);
    expect(nthWorkingDayBefore('1999-06-15', 3, geneva).covered).toBe(false);
  });

  it('counts weekdays only when outside the covered years (no holiday is invented)', () => {
    // Wed 1 Jan 2031 counts as a working day because 2031 has no holiday data; covered says so.
    expect(nthWorkingDayBefore('2031-01-02', 1, geneva)).toEqual({ day: '2031-01-01', covered: false });
    // Thu 1 Jan 2026 is a holiday inside the covered years.
    expect(nthWorkingDayBefore('2026-01-02', 1, geneva)).toEqual({ day: '2025-12-30', covered: true });
  });

  it('refuses n that is not a positive integer', () => {
    expect(() => nthWorkingDayBefore('2023-08-29', 0, geneva)).toThrow(RangeError);
    expect(() => nthWorkingDayBefore('2023-08-29', -1, geneva)).toThrow(RangeError);
    expect(() => nthWorkingDayBefore('2023-08-29', 1.5, geneva)).toThrow(RangeError);
  });

  test.prop([coveredDay, fc.integer({ min: 1, max: 30 })])(
    'the result is a working day with exactly n - 1 working days strictly between it and the day',
    (day, n) => {
      const result = nthWorkingDayBefore(day, n, geneva);
      expect(result.day < day).toBe(true);
      expect(isWorkingDay(result.day, geneva)).toBe(true);
      expect(workingDaysBetween(result.day, day, geneva)).toBe(n - 1);
    },
  );
});

describe('workingDaysBetween', () => {
  it('counts 8 working days strictly between the Circular 79 deadline (16 Aug 2023) and its meeting (29 Aug 2023)', () => {
    expect(workingDaysBetween('2023-08-16', '2023-08-29', geneva)).toBe(8);
  });

  it('excludes both ends', () => {
    expect(workingDaysBetween('2023-08-16', '2023-08-17', geneva)).toBe(0);
    expect(workingDaysBetween('2023-08-16', '2023-08-16', geneva)).toBe(0);
    expect(workingDaysBetween('2023-08-15', '2023-08-17', geneva)).toBe(1);
  });

  it('does not count Jeûne genevois 2023: Mon 4 to Mon 11 Sep has 3 working days between them, not 4', () => {
    expect(workingDaysBetween('2023-09-04', '2023-09-11', geneva)).toBe(3);
    expect(workingDaysBetween('2023-09-04', '2023-09-11', weekendsOnly)).toBe(4);
  });

  it('does not count Christmas 2023 and New Year 2024', () => {
    // 22 Dec (Fri) … 3 Jan (Wed): 26, 27, 28, 29 Dec and 2 Jan.
    expect(workingDaysBetween('2023-12-22', '2024-01-03', geneva)).toBe(5);
  });

  it('is zero when the end is not after the start', () => {
    expect(workingDaysBetween('2023-08-29', '2023-08-16', geneva)).toBe(0);
  });

  test.prop([coveredDay, fc.integer({ min: 0, max: 60 })])(
    'never exceeds the calendar days strictly between',
    (day, n) => {
      const to = addDays(day, n);
      expect(workingDaysBetween(day, to, geneva)).toBeLessThanOrEqual(Math.max(0, n - 1));
    },
  );
});

describe('calendarCovers', () => {
  it('covers 2000 to 2030 and nothing outside', () => {
    expect(calendarCovers('2000-01-01', geneva)).toBe(true);
    expect(calendarCovers('2030-12-31', geneva)).toBe(true);
    expect(calendarCovers('1999-12-31', geneva)).toBe(false);
    expect(calendarCovers('2031-01-01', geneva)).toBe(false);
  });
});
