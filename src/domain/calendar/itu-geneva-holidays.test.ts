import { describe, expect, it } from 'vitest';
import { ITU_GENEVA_HOLIDAYS } from './itu-geneva-holidays.js';

const calendar = ITU_GENEVA_HOLIDAYS;
const days = Object.keys(calendar.holidays);
const years = Array.from({ length: 2030 - 2000 + 1 }, (_, i) => 2000 + i);

/** A UTC date, so that no local time zone shifts a day. */
function utcDate(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function plusDays(date: Date, n: number): Date {
  return new Date(date.getTime() + n * 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/**
 * Gregorian Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), written here
 * independently of the data so that the literal dates in the calendar are checked, not trusted.
 */
function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utcDate(year, month, day);
}

/** Jeûne genevois: the Thursday after the first Sunday of September. */
function jeuneGenevois(year: number): Date {
  let sunday = utcDate(year, 9, 1);
  while (sunday.getUTCDay() !== 0) sunday = plusDays(sunday, 1);
  return plusDays(sunday, 4);
}

/** The holidays of a day, one name per holiday ("Whit Monday and Eid al-Adha" is two). */
function namesOn(day: string): string[] {
  const name = calendar.holidays[day];
  return name === undefined ? [] : name.split(' and ');
}

/** Every day of `year` that carries the holiday `name`. */
function daysNamed(year: number, name: string): string[] {
  return days.filter((day) => day.startsWith(`${year}-`) && namesOn(day).includes(name));
}

const KNOWN_NAMES = new Set([
  'New Year',
  'New Year (observed)',
  'Good Friday',
  'Easter Monday',
  'Ascension',
  'Whit Monday',
  'Swiss National Day',
  'Jeûne genevois',
  'Christmas',
  'Restoration of the Republic (Geneva)',
  'Eid al-Fitr',
  'Eid al-Fitr (observed)',
  'Eid al-Adha',
  'Eid al-Adha (observed)',
]);

describe('ITU_GENEVA_HOLIDAYS: shape', () => {
  it('covers 2000 to 2030', () => {
    expect(calendar.firstYear).toBe(2000);
    expect(calendar.lastYear).toBe(2030);
  });

  it('keys are real ISO days, strictly ascending, inside the covered years', () => {
    for (const day of days) {
      expect(day, day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      expect(iso(utcDate(y, m, d)), day).toBe(day);
      expect(y, day).toBeGreaterThanOrEqual(calendar.firstYear);
      expect(y, day).toBeLessThanOrEqual(calendar.lastYear);
    }
    const sorted = [...days].sort();
    expect(days).toEqual(sorted);
    expect(new Set(days).size).toBe(days.length);
  });

  it('lists no Saturday or Sunday (weekend holidays are left out: weekends are never working days)', () => {
    const weekend = days.filter((day) => weekday(day) === 0 || weekday(day) === 6);
    expect(weekend).toEqual([]);
  });

  it('uses only the known holiday names', () => {
    for (const day of days)
      for (const name of namesOn(day)) expect(KNOWN_NAMES.has(name), `${day}: ${name}`).toBe(true);
  });
});

describe('ITU_GENEVA_HOLIDAYS: Easter-based days agree with the computus', () => {
  it('recomputes Easter with known dates (2000, 2019, 2024, 2025, 2030)', () => {
    expect(iso(easterSunday(2000))).toBe('2000-04-23');
    expect(iso(easterSunday(2019))).toBe('2019-04-21');
    expect(iso(easterSunday(2024))).toBe('2024-03-31');
    expect(iso(easterSunday(2025))).toBe('2025-04-20');
    expect(iso(easterSunday(2030))).toBe('2030-04-21');
  });

  it.each(years)('%i: Good Friday, Easter Monday, Ascension (+39) and Whit Monday (+50)', (year) => {
    const easter = easterSunday(year);
    expect(daysNamed(year, 'Good Friday')).toEqual([iso(plusDays(easter, -2))]);
    expect(daysNamed(year, 'Easter Monday')).toEqual([iso(plusDays(easter, 1))]);
    expect(daysNamed(year, 'Ascension')).toEqual([iso(plusDays(easter, 39))]);
    expect(daysNamed(year, 'Whit Monday')).toEqual([iso(plusDays(easter, 50))]);
  });
});

describe('ITU_GENEVA_HOLIDAYS: fixed holidays', () => {
  it.each(years)('%i: Jeûne genevois is the Thursday after the first Sunday of September', (year) => {
    const day = jeuneGenevois(year);
    expect(day.getUTCDay()).toBe(4);
    expect(daysNamed(year, 'Jeûne genevois')).toEqual([iso(day)]);
  });

  it.each(years)(
    '%i: New Year on a weekday, or Monday 2 January when 1 January is a Sunday, or none on a Saturday',
    (year) => {
      const newYear = `${year}-01-01`;
      const day = weekday(newYear);
      const observed = daysNamed(year, 'New Year (observed)');
      if (day === 0) {
        expect(daysNamed(year, 'New Year')).toEqual([]);
        expect(observed).toEqual([`${year}-01-02`]);
      } else if (day === 6) {
        expect(daysNamed(year, 'New Year')).toEqual([]);
        expect(observed).toEqual([]);
      } else {
        expect(daysNamed(year, 'New Year')).toEqual([newYear]);
        expect(observed).toEqual([]);
      }
    },
  );

  it.each(years)(
    '%i: Swiss National Day, Christmas and Restoration of the Republic when on a weekday, else none',
    (year) => {
      for (const [monthDay, name] of [
        ['08-01', 'Swiss National Day'],
        ['12-25', 'Christmas'],
        ['12-31', 'Restoration of the Republic (Geneva)'],
      ] as const) {
        const day = `${year}-${monthDay}`;
        const onWeekend = weekday(day) === 0 || weekday(day) === 6;
        expect(daysNamed(year, name), `${name} ${year}`).toEqual(onWeekend ? [] : [day]);
      }
    },
  );

  it('the weekend rule leaves out, e.g., Saturday 1 August 2026 and Saturday 25 December 2027', () => {
    expect(calendar.holidays['2026-08-01']).toBeUndefined();
    expect(calendar.holidays['2027-12-25']).toBeUndefined();
    expect(calendar.holidays['2023-01-02']).toBe('New Year (observed)');
    expect(calendar.holidays['2023-12-29']).toBeUndefined();
  });
});

describe('ITU_GENEVA_HOLIDAYS: Eid al-Fitr and Eid al-Adha', () => {
  const eid = (year: number, name: string) => [...daysNamed(year, name), ...daysNamed(year, `${name} (observed)`)];

  it.each(years)('%i has Eid al-Fitr and Eid al-Adha', (year) => {
    expect(eid(year, 'Eid al-Fitr').length, `Eid al-Fitr ${year}`).toBeGreaterThanOrEqual(1);
    expect(eid(year, 'Eid al-Adha').length, `Eid al-Adha ${year}`).toBeGreaterThanOrEqual(1);
  });

  it('an "(observed)" Eid is a Monday', () => {
    for (const day of days) {
      if (namesOn(day).some((name) => name.startsWith('Eid') && name.endsWith('(observed)'))) {
        expect(weekday(day), day).toBe(1);
      }
    }
  });

  it('keeps the UN-designated days of 2023–2027', () => {
    const un = days
      .filter((day) => day >= '2023' && day < '2028')
      .filter((day) => namesOn(day).some((name) => name.startsWith('Eid')));
    expect(un).toEqual([
      '2023-04-21',
      '2023-06-28',
      '2024-04-10',
      '2024-06-17',
      '2025-03-31',
      '2025-06-06',
      '2026-03-20',
      '2026-05-27',
      '2027-03-10',
      '2027-05-17',
    ]);
  });
});
