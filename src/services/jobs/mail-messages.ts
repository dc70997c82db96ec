import type { Consultation, DeterminedText } from '../../domain/consultation/consultation.js';
import { deadlineWords, type StatedDeadline } from '../../domain/consultation/deadline.js';
import { consultationIn, contentLanguageOf, localiseText } from '../../domain/consultation/localise.js';
import { readingKeyOf } from '../../domain/procedure/presentation.js';
import { startOfDay } from '../../domain/time/instants.js';
import type { ReplyVersion } from '../../domain/reply/reply.js';
import { citeClauseIn, citeRoleIn, formatShare } from '../../i18n/citations.js';
import { designation } from '../../domain/member-states/designations.js';
import {
  DEFAULT_LOCALE,
  deadlineClock,
  dateLocaleOf,
  intlFor,
  isLocale,
  t,
  type Locale,
  type MessageId,
} from '../../i18n/i18n.js';
import { bodyInSentence, procedureSentence, procedureText } from '../../i18n/procedure-text.js';
import { tallySentence } from '../../i18n/tally-text.js';
import { procedureFor } from '../../procedures/registry.js';
import type { TextResult } from '../compute-results.js';

/**
 * The texts of Assent's e-mails, from the ICU catalogue (`messages/<locale>/mail.json`), in the
 * recipient's language (a contact's or an account's `language`; English when it has no
 * catalogue). Plain text: it reads everywhere, survives forwarding and costs nothing on a slow
 * link. Deadlines are always written in UTC.
 */
export interface MailText {
  readonly subject: string;
  readonly text: string;
}

/** The catalogue's locale for a stored language tag (`fr`, `fr-CH`…), else the default. */
export function mailLocale(language: string | null | undefined): Locale {
  const primary = (language ?? '').split('-')[0]!.toLowerCase();
  return isLocale(primary) ? primary : DEFAULT_LOCALE;
}

/** What a mail writes of a date: the day, the minute, or the second (a receipt). */
type MailDatePrecision = 'day' | 'minute' | 'second';

const DATE_PARTS: Record<MailDatePrecision, Intl.DateTimeFormatOptions> = {
  day: {},
  minute: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  second: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
};

/** Date formats per locale and precision; English as ITU writes it (British: "16 August 2023"). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function mailDate(locale: Locale, at: number, precision: MailDatePrecision): string {
  const key = `${locale}:${precision}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(dateLocaleOf(locale), {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...DATE_PARTS[precision],
      timeZone: 'UTC',
    });
    dateFormats.set(key, format);
  }
  return format.format(at);
}

/** A day as words in `locale`, in UTC: "16 August 2023". */
function dayWords(locale: Locale, at: number): string {
  return mailDate(locale, at, 'day');
}

/**
 * An instant as words in `locale`, in UTC, to the minute ("6 October 2023 at 23:59 UTC"), or to
 * the second for a receipt.
 */
function instantWords(locale: Locale, at: number, seconds = false): string {
  return t(locale, 'time.utc', { when: mailDate(locale, at, seconds ? 'second' : 'minute') });
}

/**
 * "2359 hours UTC on 16 August 2023" or "2400 hours UTC on 16 August 2023", in `locale`: the
 * deadline as the circular words it (domain/consultation/deadline.ts).
 */
export function deadlineWordsIn(locale: Locale, deadline: StatedDeadline): string {
  const words = deadlineWords(deadline.deadlineAt, deadline.deadlineWording);
  return t(locale, 'mail.deadline', {
    time: deadlineClock(locale, words),
    date: dayWords(locale, startOfDay(words.day)),
  });
}

/** A Member State's designation in the reader's language (its code where the list has none). */
function stateNameIn(locale: Locale, code: string): string {
  return designation(code, locale) ?? code;
}

/** The deadline in English, as the circular words it (the API's `deadlineText`). */
export function deadlineInEnglish(deadline: StatedDeadline): string {
  return deadlineWordsIn('en', deadline);
}

/** A text as a mail lists it, its title in the mail's language where translated. */
function textLine(locale: Locale, c: Consultation, text: DeterminedText): string {
  return t(locale, 'mail.textLine', {
    designation: text.designation,
    workItem: text.workItem ?? 'none',
    location: text.location,
    title: localiseText(text, c.languageOfRecord, contentLanguageOf(locale, c.languageOfRecord)).title.value,
  });
}

/** The reply form of a consultation in the recipient's language (signing in leads back to it). */
function replyLink(locale: Locale, baseUrl: string, c: Consultation): string {
  return t(locale, 'mail.replyLink', { url: `${baseUrl}/${locale}/my/consultations/${c.id}/reply` });
}

function footer(locale: Locale, baseUrl: string, c: Consultation): string {
  return `\n--\n${t(locale, 'mail.footer', { reference: c.reference, url: `${baseUrl}/${locale}/consultations/${c.id}` })}`;
}

/** The issue notice (the procedure's notice of a consultation): to focal points, the request to reply; to observers, a copy for information. */
export function issueNotice(
  locale: Locale,
  record: Consultation,
  texts: readonly DeterminedText[],
  role: 'focal_point' | 'observer',
  baseUrl: string,
): MailText {
  // The circular's own fields (subject, reference, meeting place, notes) in the mail's language where translated.
  const c = consultationIn(record, locale).consultation;
  const deadline = deadlineWordsIn(locale, c);
  const procedure = procedureFor(c.procedure);
  const values = {
    reference: c.reference,
    studyGroup: bodyInSentence(locale, c.studyGroup),
    place: c.meeting.place,
    firstDay: dayWords(locale, startOfDay(c.meeting.firstDay)),
    lastDay: dayWords(locale, startOfDay(c.meeting.lastDay)),
    deadline,
    // The focal points' request states the rule's threshold; the observers' copy cites who replies.
    threshold: formatShare(locale, procedure.passThreshold ?? 0),
    clause: citeRoleIn(locale, procedure, 'eligibility', c.resolutionEdition),
  };
  // The focal points' request in the procedure's words where it states its rule (TAP: the
  // threshold, reasons from those that do not assign authority), else the core's plain request.
  const intro =
    role === 'focal_point'
      ? procedureSentence(locale, procedure, 'mail.issue.introFocalPoint', values, () =>
          t(locale, 'mail.issue.introFocalPoint', values),
        )
      : t(locale, 'mail.issue.introObserver', values);
  return {
    subject: t(locale, 'mail.issue.subject', { reference: c.reference, role, deadline }),
    text: `${c.subject}\n\n${intro}\n\n${t(locale, 'mail.issue.texts')}\n${texts.map((x) => textLine(locale, c, x)).join('\n')}\n${c.notes.length ? `\n${c.notes.join('\n')}\n` : ''}${role === 'focal_point' ? `\n${replyLink(locale, baseUrl, c)}\n` : ''}${footer(locale, baseUrl, c)}`,
  };
}

/** A stored position as the consultation's procedure reads it (its choice, or its choice's sub-option). */
function positionWords(locale: Locale, c: Consultation, p: ReplyVersion['positions'][number]): string {
  const procedure = procedureFor(c.procedure);
  const key = readingKeyOf(procedure.replyForm, p.position, p.option);
  return key === null ? p.position : procedureText(locale, procedure, key, { body: c.studyGroup });
}

/** The receipt of a reply version, to the State's contacts. */
export function receiptMail(
  locale: Locale,
  record: Consultation,
  texts: readonly DeterminedText[],
  version: ReplyVersion,
  stateName: string,
  baseUrl: string,
): MailText {
  // The circular's own fields (subject, reference, meeting place, notes) in the mail's language where translated.
  const c = consultationIn(record, locale).consultation;
  const byId = new Map(texts.map((x) => [x.id, x]));
  const lines = version.positions.map((p) =>
    t(locale, 'mail.line', { label: byId.get(p.text)?.designation ?? p.text, value: positionWords(locale, c, p) }),
  );
  const what =
    version.status === 'withdrawn'
      ? t(locale, 'mail.receipt.withdrawn')
      : `${t(locale, 'mail.receipt.positions')}\n${lines.join('\n')}`;
  const counted = version.receivedAt <= c.deadlineAt && version.status === 'submitted';
  return {
    subject: t(locale, 'mail.receipt.subject', { state: stateName, reference: c.reference, version: version.version }),
    text: [
      t(locale, 'mail.receipt.intro', { state: stateName, reference: c.reference }),
      '',
      t(locale, 'mail.receipt.version', { version: version.version }),
      t(locale, 'mail.receipt.received', { at: instantWords(locale, version.receivedAt, true) }),
      t(locale, 'mail.receipt.channel', { channel: t(locale, `outcome.channel.${version.channel}` as MessageId) }),
      t(locale, 'mail.receipt.counts', { counts: counted ? 'yes' : 'no' }),
      t(locale, 'mail.receipt.hash', { hash: version.contentHash }),
      '',
      what,
      '',
      `${t(locale, 'mail.receipt.amend', { deadline: deadlineWordsIn(locale, c) })}${footer(locale, baseUrl, c)}`,
    ].join('\n'),
  };
}

/** A reminder to a State that has not replied on some texts (sent 30/14/7/2 days before the deadline by default). */
export function reminderMail(
  locale: Locale,
  record: Consultation,
  unanswered: readonly DeterminedText[],
  stateName: string,
  daysBefore: number,
  baseUrl: string,
): MailText {
  // The circular's own fields (subject, reference, meeting place, notes) in the mail's language where translated.
  const c = consultationIn(record, locale).consultation;
  return {
    subject: t(locale, 'mail.reminder.subject', { reference: c.reference, days: daysBefore }),
    text:
      `${t(locale, 'mail.reminder.intro', { state: stateName, count: unanswered.length, reference: c.reference })}\n\n` +
      `${unanswered.map((x) => textLine(locale, c, x)).join('\n')}\n\n${t(locale, 'mail.reminder.due', { deadline: deadlineWordsIn(locale, c), clause: citeRoleIn(locale, procedureFor(c.procedure), 'consultationFails', c.resolutionEdition) })}\n\n${replyLink(locale, baseUrl, c)}\n${footer(locale, baseUrl, c)}`,
  };
}

/** The results notice (the procedure's notice of the results) after the meeting. */
export function resultsMail(
  locale: Locale,
  record: Consultation,
  results: readonly TextResult[],
  baseUrl: string,
): MailText {
  // The circular's own fields (subject, reference, meeting place, notes) in the mail's language where translated.
  const c = consultationIn(record, locale).consultation;
  const procedure = procedureFor(c.procedure);
  const cite = (clause: string) => citeClauseIn(locale, procedure, c.resolutionEdition, clause);
  const lines = results.map(({ text, tally, decision }) => {
    const outcome = decision
      ? decision.outcome === 'pending_more_time'
        ? t(locale, 'mail.results.pending', {
            until: instantWords(locale, decision.moreTimeWindowEndsAt!),
            citation: cite(decision.clause),
          })
        : t(locale, 'mail.results.decided', { outcome: decision.outcome, citation: cite(decision.clause) })
      : // No meeting decision: the rule on the replies is the result (a procedure without a
        // meeting), or kept the text from the meeting; the procedure says why in its words.
        t(locale, procedure.hasMeeting ? 'mail.results.notConsidered' : 'mail.results.byReplies', {
          outcome: procedureText(locale, procedure, `outcome.${tally.outcome}`),
          rule: tallySentence(locale, procedure, `results.rule.${tally.basis}`, tally, c.resolutionEdition),
          citation: cite(tally.clause),
        });
    const reservations = decision?.reservations.length
      ? t(locale, 'mail.results.reservations', {
          states: intlFor(locale).formatList(
            decision.reservations.map((r) => stateNameIn(locale, r.state)),
            { type: 'conjunction' },
          ),
        })
      : '';
    return t(locale, 'mail.line', { label: text.designation, value: `${outcome}${reservations}` });
  });
  const values = {
    reference: c.reference,
    studyGroup: bodyInSentence(locale, c.studyGroup),
    place: c.meeting.place,
    firstDay: dayWords(locale, startOfDay(c.meeting.firstDay)),
    lastDay: dayWords(locale, startOfDay(c.meeting.lastDay)),
  };
  return {
    // Without a meeting, the results are the consultation's alone.
    subject: t(locale, procedure.hasMeeting ? 'mail.results.subject' : 'mail.results.subjectByReplies', values),
    text: `${t(locale, procedure.hasMeeting ? 'mail.results.intro' : 'mail.results.introByReplies', values)}\n\n${lines.join('\n')}\n${footer(locale, baseUrl, c)}`,
  };
}

const ROLE_IDS: Readonly<Record<string, MessageId>> = {
  secretariat_admin: 'mail.role.secretariat_admin',
  secretariat_staff: 'mail.role.secretariat_staff',
  focal_point: 'mail.role.focal_point',
  observer: 'mail.role.observer',
};

/** The invitation to set a password and an authenticator (the link works once). */
export function invitationMail(
  locale: Locale,
  name: string,
  role: string,
  memberState: string | null,
  link: string,
  expiresAt: number,
): MailText {
  const roleId = ROLE_IDS[role];
  return {
    subject: t(locale, 'mail.invitation.subject'),
    text: [
      t(locale, 'mail.invitation.greeting', { name }),
      '',
      t(locale, 'mail.invitation.account', {
        role: roleId ? t(locale, roleId) : role,
        state: memberState === null ? 'none' : stateNameIn(locale, memberState),
      }),
      '',
      t(locale, 'mail.invitation.link'),
      link,
      '',
      t(locale, 'mail.invitation.expiry', { at: instantWords(locale, expiresAt) }),
      '',
      '--',
      'Assent',
    ].join('\n'),
  };
}

/** The link of "Forgot your password?" (it works once, for a limited time). */
export function passwordResetMail(locale: Locale, name: string, link: string, expiresAt: number): MailText {
  return {
    subject: t(locale, 'mail.passwordReset.subject'),
    text: [
      t(locale, 'mail.invitation.greeting', { name }),
      '',
      t(locale, 'mail.passwordReset.intro'),
      '',
      t(locale, 'mail.passwordReset.link'),
      link,
      '',
      t(locale, 'mail.passwordReset.expiry', { at: instantWords(locale, expiresAt) }),
      '',
      t(locale, 'mail.passwordReset.ignore'),
      '',
      '--',
      'Assent',
    ].join('\n'),
  };
}

/** The link to set up a new authenticator after the secretariat reset the old one (it works once). */
export function authenticatorResetMail(locale: Locale, name: string, link: string, expiresAt: number): MailText {
  return {
    subject: t(locale, 'mail.authenticatorReset.subject'),
    text: [
      t(locale, 'mail.invitation.greeting', { name }),
      '',
      t(locale, 'mail.authenticatorReset.intro'),
      '',
      t(locale, 'mail.authenticatorReset.link'),
      link,
      '',
      t(locale, 'mail.authenticatorReset.expiry', { at: instantWords(locale, expiresAt) }),
      '',
      '--',
      'Assent',
    ].join('\n'),
  };
}
