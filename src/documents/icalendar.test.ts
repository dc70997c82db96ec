import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, formatDay, formatInstant, renderCalendar } from './icalendar.js';

const octets = (line: string) => Buffer.byteLength(line, 'utf8');
const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('iCalendar (RFC 5545)', () => {
  it('escapes TEXT values: backslash, semicolon, comma and line breaks; drops control characters but the tab', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeText('bell\u0007 tab\t del\u007f')).toBe('bell tab\t del');
  });

  it('writes instants in UTC to the second and days as DATE values', () => {
    expect(formatInstant(Date.parse('2023-08-16T23:59:59.999Z'))).toBe('20230816T235959Z');
    expect(formatInstant(Date.parse('2023-03-28T08:00:00Z'))).toBe('20230328T080000Z');
    expect(formatDay('2023-08-29')).toBe('20230829');
    expect(() => formatDay('29/08/2023')).toThrow('not a day');
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 400 })])(
    'folds any line into lines of at most 75 octets that unfold to it, never splitting a character',
    (text) => {
      const line = `SUMMARY:${escapeText(text)}`;
      const folded = foldLine(line);
      for (const part of folded.split('\r\n')) expect(octets(part)).toBeLessThanOrEqual(75);
      expect(unfold(folded)).toBe(line);
      expect(folded).not.toContain('\uFFFD');
    },
  );

  it('renders a calendar: CRLF line ends, folded lines, one VEVENT per event with its reminder', () => {
    const summary = `Date limite de réponse : ${'Circulaire 79 de la TSB, '.repeat(4)}`;
    const text = renderCalendar({
      name: 'TSB Circular 79, SG17/XY',
      stamp: Date.parse('2023-03-28T08:00:00Z'),
      events: [
        {
          uid: 'deadline.tsb-79-2023@assent',
          sequence: 3,
          summary,
          url: 'https://assent.example/fr/consultations/tsb-79-2023',
          start: { instant: Date.parse('2023-08-16T23:59:59.999Z') },
          alarmBefore: 'P1D',
        },
        {
          uid: 'meeting.tsb-79-2023@assent',
          sequence: 3,
          summary: 'Study Group 17 meeting',
          location: 'Goyang, Korea',
          url: 'https://bad example',
          start: { day: '2023-08-29' },
          end: { day: '2023-09-09' },
        },
      ],
    });
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    const lines = unfold(text).split('\r\n');
    expect(lines.slice(0, 6)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Assent//Consultations//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:TSB Circular 79\\, SG17/XY',
    ]);
    expect(lines).toContain('DTSTART:20230816T235959Z');
    expect(lines).toContain('DTSTAMP:20230328T080000Z');
    expect(lines).toContain(`SUMMARY:${escapeText(summary)}`);
    expect(lines).toContain('TRIGGER:-P1D');
    expect(lines).toContain('DTSTART;VALUE=DATE:20230829');
    expect(lines).toContain('DTEND;VALUE=DATE:20230909');
    expect(lines).toContain('LOCATION:Goyang\\, Korea');
    expect(lines).toContain('URL:https://assent.example/fr/consultations/tsb-79-2023');
    // A URL with a space is no URI: left out rather than written broken.
    expect(lines.filter((l) => l.startsWith('URL:'))).toHaveLength(1);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    // The deadline has no DTEND: it ends when it starts (§3.6.1).
    expect(lines.filter((l) => l.startsWith('DTEND'))).toEqual(['DTEND;VALUE=DATE:20230909']);
  });
});
