import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { type HolidayCalendar, ITU_GENEVA_HOLIDAYS } from '../../domain/calendar/itu-geneva-holidays.js';
import { workingDaysBetween } from '../../domain/calendar/working-days.js';
import { endOfDay, toIsoDay } from '../../domain/time/instants.js';
import { tapClauses } from './tap-clauses.js';
import {
  DEFAULT_TIMING_POLICY,
  type TimingCheck,
  type TimingFacts,
  type TimingRule,
} from '../../domain/procedure/timing.js';
import { checkTiming, latestDeadline } from './tap-timing.js';

const clauses = tapClauses('Rev. Geneva, 2022');
const calendar = ITU_GENEVA_HOLIDAYS;

/** TSB Circular 79 (28 March 2023): SG17 meets from Tue 29 Aug 2023; replies by 2359 UTC on 16 Aug 2023. */
function circular79(overrides: Partial<TimingFacts> = {}): TimingFacts {
  return {
    circularDate: '2023-03-28',
    announcedOn: null,
    meetingFirstDay: '2023-08-29',
    deadlineAt: endOfDay('2023-08-16'),
    languagesAvailableOn: null,
    ...overrides,
  };
}

function check(checks: TimingCheck[], rule: TimingRule): TimingCheck {
  const found = checks.find((c) => c.rule === rule);
  if (found === undefined) throw new Error(`no ${rule} check`);
  return found;
}

function warnings(checks: TimingCheck[]): TimingRule[] {
  return checks.filter((c) => c.severity === 'warning').map((c) => c.rule);
}

describe('checkTiming on Circular 79', () => {
  const checks = checkTiming(circular79(), clauses, calendar);

  it('raises no warning', () => {
    expect(warnings(checks)).toEqual([]);
  });

  it('finds the announcement at least 3 months before the meeting (§9.3.3)', () => {
    expect(check(checks, 'announcement')).toMatchObject({
      severity: 'ok',
      clause: '§9.3.3',
      citation: 'WTSA Resolution 1 (Rev. Geneva, 2022) §9.3.3',
      params: { earliestMeeting: '2023-06-28' },
    });
  });

  it('finds the deadline inside the consultation period, whose latest day is Thu 17 Aug 2023 (§9.4.1)', () => {
    expect(check(checks, 'consultation_period')).toMatchObject({
      severity: 'ok',
      clause: '§9.4.1',
      citation: 'WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.1',
      params: { deadlineDay: '2023-08-16', latestDeadlineDay: '2023-08-17', workingDays: 7 },
    });
  });

  it('asks, as information, for the day the texts were in all official languages: at the latest 29 Jul 2023 (§9.3.5)', () => {
    expect(check(checks, 'languages')).toMatchObject({
      severity: 'info',
      clause: '§9.3.5',
      params: { latestLanguagesDay: '2023-07-29' },
    });
  });

  it('emits no calendar_data warning: 2023 has holiday data', () => {
    expect(checks.some((c) => c.rule === 'calendar_data')).toBe(false);
  });
});

describe('checkTiming: consultation period (§9.4.1, 7 full working days before the meeting)', () => {
  it('a deadline at the end of Thu 17 Aug 2023 (the 8th working day before the meeting) is ok', () => {
    const checks = checkTiming(circular79({ deadlineAt: endOfDay('2023-08-17') }), clauses, calendar);
    expect(check(checks, 'consultation_period').severity).toBe('ok');
    expect(workingDaysBetween('2023-08-17', '2023-08-29', calendar)).toBe(7);
  });

  it('a deadline at 2023-08-18T00:00:00.000Z, one millisecond after the latest, warns', () => {
    const checks = checkTiming(circular79({ deadlineAt: Date.parse('2023-08-18T00:00:00.000Z') }), clauses, calendar);
    expect(check(checks, 'consultation_period')).toMatchObject({
      severity: 'warning',
      params: { deadlineDay: '2023-08-18', latestDeadlineDay: '2023-08-17' },
    });
  });

  it('a deadline at the end of Fri 18 Aug 2023 warns under the conservative reading and names the 8th working day', () => {
    const checks = checkTiming(circular79({ deadlineAt: endOfDay('2023-08-18') }), clauses, calendar);
    const period = check(checks, 'consultation_period');
    expect(period.severity).toBe('warning');
    expect(period.message).toContain('2023-08-17');
    expect(period.message).toContain('8th working day');
    expect(warnings(checks)).toEqual(['consultation_period']);
  });

  it('policy fullWorkingDaysBeforeMeeting: 6 moves the latest deadline to Fri 18 Aug 2023', () => {
    const policy = { ...DEFAULT_TIMING_POLICY, fullWorkingDaysBeforeMeeting: 6 };
    const checks = checkTiming(circular79({ deadlineAt: endOfDay('2023-08-18') }), clauses, calendar, policy);
    expect(check(checks, 'consultation_period')).toMatchObject({
      severity: 'ok',
      params: { latestDeadlineDay: '2023-08-18', workingDays: 6 },
    });
    expect(latestDeadline('2023-08-29', calendar, policy)).toBe(endOfDay('2023-08-18'));
  });

  it('latestDeadline is the end of Thu 17 Aug 2023 for the Circular 79 meeting', () => {
    expect(new Date(latestDeadline('2023-08-29', calendar)).toISOString()).toBe('2023-08-17T23:59:59.999Z');
  });

  it('holidays push the latest deadline back: for a meeting on Mon 11 Sep 2023 Jeûne genevois is skipped', () => {
    // Working days before 11 Sep: 8, 6, 5, 4, 1 Sep, 31, 30, 29 Aug → the 8th is Tue 29 Aug.
    expect(toIsoDay(latestDeadline('2023-09-11', calendar))).toBe('2023-08-29');
  });

  test.prop([
    fc
      .date({
        min: new Date('2023-03-01T00:00:00.000Z'),
        max: new Date('2027-12-31T00:00:00.000Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
  ])(
    'the latest deadline leaves exactly 7 working days before the meeting and a millisecond later warns',
    (meetingFirstDay) => {
      const latest = latestDeadline(meetingFirstDay, calendar);
      expect(latest).toBe(endOfDay(toIsoDay(latest)));
      expect(workingDaysBetween(toIsoDay(latest), meetingFirstDay, calendar)).toBe(7);
      const facts = { circularDate: '2023-01-02', announcedOn: null, meetingFirstDay, languagesAvailableOn: null };
      expect(
        check(checkTiming({ ...facts, deadlineAt: latest }, clauses, calendar), 'consultation_period').severity,
      ).toBe('ok');
      expect(
        check(checkTiming({ ...facts, deadlineAt: latest + 1 }, clauses, calendar), 'consultation_period').severity,
      ).toBe('warning');
    },
  );
});

describe('checkTiming: announcement (§9.3.3, at least 3 months before the meeting)', () => {
  it('a circular of 2023-06-01 for a meeting on 2023-08-29 warns', () => {
    const checks = checkTiming(circular79({ circularDate: '2023-06-01' }), clauses, calendar);
    expect(check(checks, 'announcement')).toMatchObject({
      severity: 'warning',
      clause: '§9.3.3',
      params: { earliestMeeting: '2023-09-01' },
    });
    expect(warnings(checks)).toEqual(['announcement']);
  });

  it('a circular of 2023-05-29, exactly 3 months before the meeting on 2023-08-29, is ok', () => {
    const checks = checkTiming(circular79({ circularDate: '2023-05-29' }), clauses, calendar);
    expect(check(checks, 'announcement')).toMatchObject({ severity: 'ok', params: { earliestMeeting: '2023-08-29' } });
  });

  it('a circular of 2023-05-30 is one day short of 3 months and warns', () => {
    expect(
      check(checkTiming(circular79({ circularDate: '2023-05-30' }), clauses, calendar), 'announcement').severity,
    ).toBe('warning');
  });

  it('without an announcement date, the circular is the announcement', () => {
    expect(check(checkTiming(circular79(), clauses, calendar), 'announcement').params).toMatchObject({
      source: 'circular',
      announcedOn: '2023-03-28',
      circularDate: '2023-03-28',
      earliestMeeting: '2023-06-28',
    });
  });

  it('a circular of 2023-06-01 announced by a collective letter of 2023-05-15 runs from the letter: ok', () => {
    const checks = checkTiming(
      circular79({ circularDate: '2023-06-01', announcedOn: '2023-05-15' }),
      clauses,
      calendar,
    );
    expect(check(checks, 'announcement')).toMatchObject({
      severity: 'ok',
      clause: '§9.3.3',
      params: { source: 'announcement', announcedOn: '2023-05-15', earliestMeeting: '2023-08-15' },
    });
    expect(check(checks, 'announcement').message).toContain('The announcement of 2023-05-15');
    expect(warnings(checks)).toEqual([]);
  });

  it('an announcement exactly 3 months before the meeting is ok, one day later warns', () => {
    const on = (announcedOn: string) =>
      check(checkTiming(circular79({ circularDate: '2023-06-01', announcedOn }), clauses, calendar), 'announcement');
    expect(on('2023-05-29').severity).toBe('ok');
    expect(on('2023-05-30')).toMatchObject({
      severity: 'warning',
      params: { source: 'announcement', announcedOn: '2023-05-30', earliestMeeting: '2023-08-30' },
    });
  });

  it('an announcement on the circular’s own date reads as the circular did', () => {
    const checks = checkTiming(
      circular79({ circularDate: '2023-06-01', announcedOn: '2023-06-01' }),
      clauses,
      calendar,
    );
    expect(check(checks, 'announcement')).toMatchObject({
      severity: 'warning',
      params: { earliestMeeting: '2023-09-01' },
    });
  });
});

describe('checkTiming: languages (§9.3.5, texts in all official languages at least 1 month before)', () => {
  it('texts available on 2023-07-29, exactly 1 month before the meeting, are ok', () => {
    const checks = checkTiming(circular79({ languagesAvailableOn: '2023-07-29' }), clauses, calendar);
    expect(check(checks, 'languages')).toMatchObject({ severity: 'ok', clause: '§9.3.5' });
    expect(warnings(checks)).toEqual([]);
  });

  it('texts available on 2023-07-30, after the 1-month limit, warn', () => {
    const checks = checkTiming(circular79({ languagesAvailableOn: '2023-07-30' }), clauses, calendar);
    expect(check(checks, 'languages')).toMatchObject({
      severity: 'warning',
      params: { languagesAvailableOn: '2023-07-30', latestLanguagesDay: '2023-07-29' },
    });
    expect(warnings(checks)).toEqual(['languages']);
  });
});

describe('checkTiming: holiday calendar coverage', () => {
  // A calendar with data for 2023–2027 only, whatever years the shipped one covers.
  const short: HolidayCalendar = {
    ...calendar,
    firstYear: 2023,
    lastYear: 2027,
    holidays: Object.fromEntries(
      Object.entries(calendar.holidays).filter(([day]) => day >= '2023-01-01' && day <= '2027-12-31'),
    ),
  };

  it('a meeting in 2031 emits a calendar_data warning naming the missing years and the covered ones', () => {
    const checks = checkTiming(
      {
        circularDate: '2031-03-03',
        announcedOn: null,
        meetingFirstDay: '2031-08-26',
        deadlineAt: endOfDay('2031-08-13'),
        languagesAvailableOn: null,
      },
      clauses,
      short,
    );
    expect(check(checks, 'calendar_data')).toMatchObject({
      severity: 'warning',
      clause: null,
      citation: null,
      params: { years: '2031', firstYear: 2023, lastYear: 2027 },
    });
    expect(check(checks, 'calendar_data')?.message).toContain('no data for 2031');
  });

  it('a circular dated before the covered years emits a calendar_data warning even for a covered meeting', () => {
    const checks = checkTiming(
      circular79({ circularDate: '2022-12-01', meetingFirstDay: '2023-08-29' }),
      clauses,
      short,
    );
    expect(warnings(checks)).toContain('calendar_data');
    expect(check(checks, 'calendar_data')?.params.years).toBe('2022');
  });

  it('a meeting early in January 2028 whose working-day count crosses into 2028 warns', () => {
    const checks = checkTiming(
      {
        circularDate: '2027-09-01',
        announcedOn: null,
        meetingFirstDay: '2028-01-10',
        deadlineAt: endOfDay('2027-12-20'),
        languagesAvailableOn: null,
      },
      clauses,
      short,
    );
    expect(warnings(checks)).toContain('calendar_data');
    expect(check(checks, 'calendar_data')?.params.years).toBe('2028');
  });
});

describe('checkTiming: clauses follow the edition', () => {
  it('cites the Hammamet 2016 edition when the consultation uses it', () => {
    const checks = checkTiming(circular79(), tapClauses('Rev. Hammamet, 2016'), calendar);
    expect(check(checks, 'consultation_period').citation).toBe('WTSA Resolution 1 (Rev. Hammamet, 2016) §9.4.1');
  });
});
