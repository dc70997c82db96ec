import type { Consultation } from '../domain/consultation/consultation.js';
import { consultationIn } from '../domain/consultation/localise.js';
import { addDays } from '../domain/time/instants.js';
import type { Locale } from '../i18n/i18n.js';
import { studyGroupName } from './bureau.js';
import { msg } from './format.js';
import { type Calendar, type CalendarEvent, renderCalendar } from './icalendar.js';

/** How a consultation's dates are written: the reader's language, whether a meeting decides, its page's address. */
export interface CalendarOptions {
  readonly locale: Locale;
  readonly hasMeeting: boolean;
  readonly pageUrl?: string | undefined;
}

/**
 * A consultation's dates as calendar events, in the reader's language: the deadline for replies
 * (an instant, with a reminder a day before) and, when the procedure has one, the meeting that
 * decides (its days, all day). Each event keeps its UID across versions, and its sequence grows
 * with the consultation's `updatedAt`, so a calendar that imports the file again updates the events
 * instead of adding copies.
 */
export function consultationEvents(source: Consultation, options: CalendarOptions): CalendarEvent[] {
  const { locale } = options;
  const { consultation: c } = consultationIn(source, locale);
  // Seconds since the consultation was created: grows with every change, fits SEQUENCE's integer.
  const sequence = Math.max(0, Math.floor((source.updatedAt - source.createdAt) / 1000));
  const events: CalendarEvent[] = [
    {
      uid: `deadline.${source.id}@assent`,
      sequence,
      summary: msg(locale, 'doc.calendar.deadline', { reference: c.reference }),
      description: msg(locale, 'doc.calendar.deadlineDescription', { subject: c.subject }),
      url: options.pageUrl,
      start: { instant: source.deadlineAt },
      alarmBefore: 'P1D',
    },
  ];
  if (options.hasMeeting)
    events.push({
      uid: `meeting.${source.id}@assent`,
      sequence,
      summary: msg(locale, 'doc.calendar.meeting', {
        studyGroup: studyGroupName(locale, source.studyGroup),
        place: c.meeting.place,
        reference: c.reference,
      }),
      description: c.subject,
      location: c.meeting.place,
      url: options.pageUrl,
      start: { day: source.meeting.firstDay },
      end: { day: addDays(source.meeting.lastDay, 1) },
    });
  return events;
}

/** One consultation's dates as an iCalendar file, named by its reference. */
export function consultationCalendar(source: Consultation, options: CalendarOptions): string {
  const { consultation: c } = consultationIn(source, options.locale);
  const calendar: Calendar = {
    name: c.reference,
    stamp: source.updatedAt,
    events: consultationEvents(source, options),
  };
  return renderCalendar(calendar);
}

/**
 * The dates of several consultations as one iCalendar file to subscribe to: the same events, with
 * the same UIDs, as each consultation's own file, so importing both adds nothing twice.
 */
export function consultationsCalendar(
  sources: readonly { readonly consultation: Consultation; readonly options: CalendarOptions }[],
  locale: Locale,
): string {
  const stamp = Math.max(0, ...sources.map((s) => s.consultation.updatedAt));
  return renderCalendar({
    name: msg(locale, 'doc.calendar.all'),
    stamp,
    events: sources.flatMap((s) => consultationEvents(s.consultation, s.options)),
  });
}
