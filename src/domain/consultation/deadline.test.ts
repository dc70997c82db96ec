import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { isOnTime } from './consultation-state.js';
import { deadlineOfMinute, deadlineWords, isEndOfDay, readDeadline, wordingProblems } from './deadline.js';

const at = (iso: string) => Date.parse(iso);

describe('readDeadline: a deadline is stated to the minute, in UTC, and closes at the end of that minute', () => {
  it('takes "…T23:59Z" as the whole minute: 2359 hours UTC on 16 August 2023 is 23:59:59.999', () => {
    for (const stated of ['2023-08-16T23:59Z', '2023-08-16T23:59:00Z', '2023-08-16T23:59:00.000Z'])
      expect(readDeadline(stated, 'hhmm')).toEqual({ deadlineAt: at('2023-08-16T23:59:59.999Z'), problems: [] });
  });

  it('takes the last millisecond of a minute as it is', () => {
    expect(readDeadline('2023-08-16T23:59:59.999Z', 'hhmm').deadlineAt).toBe(at('2023-08-16T23:59:59.999Z'));
    expect(readDeadline('2023-08-16T12:00:59.999Z', 'hhmm').deadlineAt).toBe(at('2023-08-16T12:00:59.999Z'));
  });

  it('a reply at 23:59:59.999 is on time, one at 00:00:00.000 the next day is late', () => {
    const { deadlineAt } = readDeadline('2023-08-16T23:59Z', 'hhmm');
    expect(isOnTime(at('2023-08-16T23:59:59.999Z'), deadlineAt)).toBe(true);
    expect(isOnTime(at('2023-08-17T00:00:00.000Z'), deadlineAt)).toBe(false);
  });

  it('refuses any other instant with DEADLINE_NOT_A_MINUTE at /deadline', () => {
    for (const stated of [
      '2023-08-16T23:59:30Z',
      '2023-08-16T23:59:59Z',
      '2023-08-16T23:59:00.001Z',
      '2023-08-16T23:59:59.99Z',
    ]) {
      const reading = readDeadline(stated, 'hhmm');
      expect(reading.deadlineAt, stated).toBeNaN();
      expect(reading.problems, stated).toEqual([
        expect.objectContaining({ field: '/deadline', code: 'DEADLINE_NOT_A_MINUTE' }),
      ]);
    }
  });

  it('refuses what is not an instant at /deadline, without a code of its own (the schema says the same)', () => {
    const reading = readDeadline('2023-02-30T23:59Z', 'hhmm');
    expect(reading.deadlineAt).toBeNaN();
    expect(reading.problems).toEqual([{ field: '/deadline', message: '2023-02-30T23:59Z is not a valid instant' }]);
  });

  it('allows "2400 hours UTC" for the end of a day only (DEADLINE_WORDING_MISMATCH at /deadlineWording)', () => {
    expect(readDeadline('2001-01-11T23:59Z', '2400')).toEqual({
      deadlineAt: at('2001-01-11T23:59:59.999Z'),
      problems: [],
    });
    expect(readDeadline('2001-01-11T12:00Z', '2400').problems).toEqual([
      expect.objectContaining({ field: '/deadlineWording', code: 'DEADLINE_WORDING_MISMATCH' }),
    ]);
    expect(wordingProblems(at('2001-01-11T12:00:59.999Z'), 'hhmm')).toEqual([]);
  });

  test.prop([fc.integer({ min: -1e13, max: 1e13 })])(
    'every minute read is closed at its last millisecond, and that instant reads as itself',
    (ms) => {
      const minute = ms - (((ms % 60_000) + 60_000) % 60_000);
      const closes = deadlineOfMinute(minute);
      expect(closes).toBe(minute + 59_999);
      expect(deadlineOfMinute(closes!)).toBe(closes);
    },
  );
});

describe('deadlineWords: the deadline printed back as the circular words it', () => {
  it('prints the minute of the last on-time instant and its day', () => {
    expect(deadlineWords(at('2023-08-16T23:59:59.999Z'), 'hhmm')).toEqual({
      time: '2359',
      hours: '23',
      minutes: '59',
      day: '2023-08-16',
    });
    expect(deadlineWords(at('2023-08-16T12:00:59.999Z'), 'hhmm')).toEqual({
      time: '1200',
      hours: '12',
      minutes: '00',
      day: '2023-08-16',
    });
  });

  it('prints "2400" on the day that ends when so worded: the same instant as 2359', () => {
    expect(deadlineWords(at('2001-01-11T23:59:59.999Z'), '2400')).toEqual({
      time: '2400',
      hours: '24',
      minutes: '00',
      day: '2001-01-11',
    });
  });

  it('prints a deadline stored before the rule at the start of its minute the same way', () => {
    expect(deadlineWords(at('2023-08-16T23:59:00.000Z'), 'hhmm')).toEqual({
      time: '2359',
      hours: '23',
      minutes: '59',
      day: '2023-08-16',
    });
    expect(isEndOfDay(at('2023-08-16T23:59:00.000Z'))).toBe(false);
    expect(isEndOfDay(at('2023-08-16T23:59:59.999Z'))).toBe(true);
  });
});
