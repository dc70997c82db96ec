import type { Consultation } from '../domain/consultation/consultation.js';
import { consultationIn } from '../domain/consultation/localise.js';
import { addDays } from '../domain/time/instants.js';
import type { Locale } from '../i18n/i18n.js';
import { studyGroupName } from './bureau.js';
import { msg } from './format.js';
import { type Calendar, type CalendarEvent, renderCalendar } from './icalendar.js';

/**
 * A consultation's dates as an iCalendar file, in the reader's language: the deadline for
 * replies (an instant, with a reminder a day before) and, when the procedure has one, the
 * meeting that decides (its days, all day). Each event keeps its UID across versions, and its
 * sequence grows with the consultation's `updatedAt`, so a calendar that imports the file again
 * updates the events instead of adding copies.
 */
export function consultationCalendar(
  source: Consultation,
  options: { readonly locale: Locale; readonly hasMeeting: boolean; readonly pageUrl?: string | undefined },
): string {
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
  const calendar: Calendar = { name: c.reference, stamp: source.updatedAt, events };
  return renderCalendar(calendar);
}
