/**
 * iCalendar (RFC 5545) files: a consultation's deadline and meeting as events that calendar
 * programs import or subscribe to. Pure: the same input gives the same bytes.
 */
import { isIsoDay } from '../domain/time/instants.js';

/** When an event starts or ends: an instant (UTC) or a whole day (the meeting's days). */
export type CalendarTime = { readonly instant: number } | { readonly day: string };

export interface CalendarEvent {
  /** Stable across versions of the file (RFC 5545 §3.8.4.7), so a calendar updates the event. */
  readonly uid: string;
  /** Bumped when the event changes (§3.8.7.4). */
  readonly sequence: number;
  readonly summary: string;
  readonly description?: string | undefined;
  readonly location?: string | undefined;
  readonly url?: string | undefined;
  readonly start: CalendarTime;
  /** Exclusive (§3.6.1): the day after the last day of an all-day event. Omitted: the event ends when it starts. */
  readonly end?: CalendarTime | undefined;
  /** A reminder this long before the start, as an RFC 5545 duration (`P1D`, `PT2H`). */
  readonly alarmBefore?: string | undefined;
}

export interface Calendar {
  /** Shown by calendar programs as the calendar's name (X-WR-CALNAME). */
  readonly name: string;
  /** DTSTAMP of every event: when the information was last changed (epoch ms). */
  readonly stamp: number;
  readonly events: readonly CalendarEvent[];
}

/** The media type of an iCalendar file. */
export const ICALENDAR_MEDIA_TYPE = 'text/calendar; charset=utf-8';

/**
 * A TEXT value (§3.3.11): backslash, semicolon and comma escaped, line breaks as `\n`; other
 * control characters but the tab, which the grammar does not allow, dropped.
 */
export function escapeText(value: string): string {
  let escaped = '';
  for (const char of value.replace(/\r\n?/g, '\n')) {
    if (char === '\n') escaped += '\\n';
    else if (char === '\\' || char === ';' || char === ',') escaped += `\\${char}`;
    else if (char === '\t' || !isControl(char)) escaped += char;
  }
  return escaped;
}

/** A C0 control character or DEL. */
function isControl(char: string): boolean {
  const code = char.codePointAt(0)!;
  return code < 0x20 || code === 0x7f;
}

/**
 * One content line, folded (§3.1): no line longer than 75 octets of UTF-8, the continuation
 * lines starting with a space, never splitting a character.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // The first line holds 75 octets; each continuation 74 after its leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `20230816T235959Z`: the UTC form of a DATE-TIME (§3.3.5), to the second. */
export function formatInstant(instant: number): string {
  const d = new Date(instant);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** `20230829` from `2023-08-29` (a DATE, §3.3.4). */
export function formatDay(day: string): string {
  if (!isIsoDay(day)) throw new Error(`not a day: ${day}`);
  return day.replaceAll('-', '');
}

function timeProperty(name: 'DTSTART' | 'DTEND', time: CalendarTime): string {
  return 'instant' in time ? `${name}:${formatInstant(time.instant)}` : `${name};VALUE=DATE:${formatDay(time.day)}`;
}

/** The calendar as the bytes of a `.ics` file: CRLF line ends, folded lines, UTF-8. */
export function renderCalendar(calendar: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Assent//Consultations//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
  ];
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${formatInstant(calendar.stamp)}`,
      `SEQUENCE:${event.sequence}`,
      timeProperty('DTSTART', event.start),
    );
    if (event.end) lines.push(timeProperty('DTEND', event.end));
    lines.push(`SUMMARY:${escapeText(event.summary)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    // A URI value (§3.3.13) is not escaped; one with a control character is left out.
    if (event.url && ![...event.url].some((c) => isControl(c) || c === ' ')) lines.push(`URL:${event.url}`);
    if (event.alarmBefore)
      lines.push(
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `DESCRIPTION:${escapeText(event.summary)}`,
        `TRIGGER:-${event.alarmBefore}`,
        'END:VALARM',
      );
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
