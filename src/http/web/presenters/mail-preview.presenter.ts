import type { Consultation, DeterminedText } from '../../../domain/consultation/consultation.js';
import type { ReplyVersion } from '../../../domain/reply/reply.js';
import { t, type Locale } from '../../../i18n/i18n.js';
import { procedureFor } from '../../../procedures/registry.js';
import type { ConsultationResults } from '../../../domain/consultation/results.js';
import {
  issueNotice,
  type MailText,
  receiptMail,
  reminderMail,
  resultsMail,
} from '../../../services/jobs/mail-messages.js';

/** One e-mail of a circular as the preview shows it: who gets it, when, and its words. */
export interface PreviewMail {
  readonly kind: 'focal_point' | 'observer' | 'receipt' | 'reminder';
  /** For a reminder: the days before the deadline it is sent. */
  readonly days: number | null;
  readonly subject: string;
  readonly text: string;
}

/**
 * Every e-mail a draft circular will send, in the page's language, before it is issued (issue
 * #16 item 4): at issue, the request to the focal points and the copy to observers; later, the
 * receipt of a reply and the first reminder before the deadline (`reminderDays`, the server's
 * REMINDER_DAYS; none when reminders are off). The later ones are examples: a State named by a
 * placeholder that answered every text with the procedure's first choice (its demo position 0),
 * received at the issue's time, and a placeholder for the reply's hash. A record entered
 * afterwards sends nothing: no e-mail.
 */
export function previewMails(
  locale: Locale,
  consultation: Consultation,
  texts: readonly DeterminedText[],
  reminderDays: readonly number[],
  baseUrl: string,
  now: number,
): PreviewMail[] {
  if (consultation.enteredAfterwardsAt !== null) return [];
  const state = t(locale, 'sec.preview.mails.exampleState');
  const procedure = procedureFor(consultation.procedure);
  const example: ReplyVersion = {
    consultationId: consultation.id,
    memberState: 'XX',
    version: 1,
    status: 'submitted',
    receivedAt: now,
    channel: 'web',
    enteredBy: '',
    signatoryName: '',
    signatoryTitle: '',
    place: null,
    signedOn: null,
    originalFile: null,
    flags: [],
    simulated: false,
    contentHash: t(locale, 'sec.preview.mails.exampleHash'),
    positions: texts.map((text) => {
      const p = procedure.demoPosition(text.id, 0);
      return {
        text: text.id,
        position: p.position,
        option: p.option ?? null,
        comments: null,
        reasons: null,
        possibleChanges: null,
        attachment: null,
      };
    }),
  };
  const first = [...reminderDays].sort((a, b) => b - a)[0];
  return [
    ...(['focal_point', 'observer'] as const).map((kind) => ({
      kind,
      days: null,
      ...issueNotice(locale, consultation, texts, kind, baseUrl),
    })),
    { kind: 'receipt' as const, days: null, ...receiptMail(locale, consultation, texts, example, state, baseUrl) },
    ...(first === undefined
      ? []
      : [
          {
            kind: 'reminder' as const,
            days: first,
            ...reminderMail(locale, consultation, texts, state, first, baseUrl),
          },
        ]),
  ];
}

/**
 * The results notice's e-mail as it would go now, in the page's language, while the notice can
 * be issued (after the deadline, not yet issued): the results and decisions as they stand. None
 * for a record entered afterwards (its notice sends nothing).
 */
export function noticeMailPreview(locale: Locale, results: ConsultationResults, baseUrl: string): MailText | null {
  const { consultation } = results.loaded;
  if (consultation.enteredAfterwardsAt !== null || consultation.issuedAt === null) return null;
  if (consultation.resultsNoticeAt !== null || !results.final) return null;
  return resultsMail(locale, consultation, results.texts, baseUrl);
}
