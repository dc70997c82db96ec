import type { Consultation, DeterminedText } from '../../domain/consultation/consultation.js';
import type { ReplyVersion } from '../../domain/reply/reply.js';
import type { TextResult } from '../compute-results.js';

/**
 * The texts of Assent's e-mails (English for now; the six languages come with the i18n work).
 * Plain text: it reads everywhere, survives forwarding and costs nothing on a slow link.
 */
export interface MailText {
  readonly subject: string;
  readonly text: string;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2359 hours UTC on 16 August 2023". */
export function deadlineWords(deadlineAt: number): string {
  const d = new Date(deadlineAt);
  return `${String(d.getUTCHours()).padStart(2, '0')}${String(d.getUTCMinutes()).padStart(2, '0')} hours UTC on ${dayFormat.format(d)}`;
}

function textLine(t: DeterminedText): string {
  return `- ${t.designation}${t.workItem ? ` (${t.workItem})` : ''} [${t.location}]: ${t.title}`;
}

function footer(baseUrl: string, c: Consultation): string {
  return `\n--\nAssent · ${c.reference}\n${baseUrl}/api/v1/consultations/${c.id}\nThis message was sent automatically; the circular is the official text.`;
}

export function issueNotice(c: Consultation, texts: readonly DeterminedText[], role: 'focal_point' | 'observer', baseUrl: string): MailText {
  const intro =
    role === 'focal_point'
      ? `${c.reference} initiates the formal consultation of Member States on whether the texts below may be considered for approval at the meeting of ITU-T ${c.studyGroup}, ${c.meeting.place}, ${c.meeting.firstDay} to ${c.meeting.lastDay}.\n\nPlease reply for your administration, per text, by ${deadlineWords(c.deadlineAt)}. If 70 % or more of the replies from Member States support consideration for approval, the study group will apply the approval procedure at its meeting. Member States that do not assign authority should give their reasons and the possible changes that would enable the work to progress.`
      : `For information: ${c.reference} initiates the formal consultation of Member States on the texts below. Only Member States reply (WTSA Resolution 1 §9.4.3). Replies are due by ${deadlineWords(c.deadlineAt)}.`;
  return {
    subject: `${c.reference}: ${role === 'observer' ? 'for information — ' : ''}Member State consultation, replies due ${deadlineWords(c.deadlineAt)}`,
    text: `${c.subject}\n\n${intro}\n\nDetermined texts:\n${texts.map(textLine).join('\n')}\n${c.notes.length ? `\n${c.notes.join('\n')}\n` : ''}${footer(baseUrl, c)}`,
  };
}

export function receiptMail(c: Consultation, texts: readonly DeterminedText[], version: ReplyVersion, stateName: string, baseUrl: string): MailText {
  const byId = new Map(texts.map((t) => [t.id, t]));
  const lines = version.positions.map((p) => {
    const label =
      p.position === 'assigns_authority'
        ? `assigns authority${p.option === 'comments_attached' ? ' (comments attached)' : p.option === 'no_comments' ? ' (no comments)' : ''}`
        : p.position === 'does_not_assign_authority'
          ? 'does not assign authority'
          : 'unclear (to be clarified)';
    return `- ${byId.get(p.text)?.designation ?? p.text}: ${label}`;
  });
  const what = version.status === 'withdrawn' ? 'The reply was withdrawn.' : `Positions:\n${lines.join('\n')}`;
  const counted = version.receivedAt <= c.deadlineAt && version.status === 'submitted';
  return {
    subject: `Receipt: reply of ${stateName} to ${c.reference}, version ${version.version}`,
    text:
      `The reply of the Administration of ${stateName} to ${c.reference} was received and stored.\n\n` +
      `Version: ${version.version}\nReceived (UTC): ${new Date(version.receivedAt).toISOString()}\nChannel: ${version.channel}\n` +
      `Counts: ${counted ? 'yes' : 'no'}\nSHA-256 of the stored reply: ${version.contentHash}\n\n${what}\n` +
      `\nYou may amend or withdraw the reply until ${deadlineWords(c.deadlineAt)}; the latest version received by then counts.${footer(baseUrl, c)}`,
  };
}

export function reminderMail(c: Consultation, unanswered: readonly DeterminedText[], stateName: string, daysBefore: number, baseUrl: string): MailText {
  return {
    subject: `Reminder: ${c.reference} — ${daysBefore} day${daysBefore === 1 ? '' : 's'} left to reply`,
    text:
      `The Administration of ${stateName} has not yet replied on ${unanswered.length === 1 ? 'this text' : `these ${unanswered.length} texts`} of ${c.reference}:\n\n` +
      `${unanswered.map(textLine).join('\n')}\n\nReplies are due by ${deadlineWords(c.deadlineAt)}. Replies received after the deadline are not counted (WTSA Resolution 1 §9.4.6).${footer(baseUrl, c)}`,
  };
}

export function resultsMail(c: Consultation, results: readonly TextResult[], baseUrl: string): MailText {
  const lines = results.map(({ text, tally, decision }) => {
    const outcome = decision
      ? decision.outcome === 'pending_more_time'
        ? `pending: formal opposition may be sent until ${new Date(decision.moreTimeWindowEndsAt!).toISOString()} (${decision.citation})`
        : `${decision.outcome.replace(/_/g, ' ')} (${decision.citation})`
      : `not considered at this meeting: ${tally.support} of ${tally.replies} replies supported (${tally.citation})`;
    const reservations = decision?.reservations.length ? `; reservations: ${decision.reservations.map((r) => r.state).join(', ')}` : '';
    return `- ${text.designation}: ${outcome}${reservations}`;
  });
  return {
    subject: `${c.reference}: results of the Member State consultation and of the ${c.studyGroup} meeting`,
    text: `Results for ${c.reference} (${c.studyGroup} meeting, ${c.meeting.place}, ${c.meeting.firstDay} to ${c.meeting.lastDay}):\n\n${lines.join('\n')}\n${footer(baseUrl, c)}`,
  };
}

const ROLE_NAMES: Readonly<Record<string, string>> = {
  secretariat_admin: 'secretariat administrator',
  secretariat_staff: 'secretariat officer',
  focal_point: 'focal point',
  observer: 'observer',
};

export function invitationMail(name: string, role: string, memberState: string | null, link: string, expiresAt: string): MailText {
  return {
    subject: 'Your Assent account: set your password and your authenticator',
    text:
      `Dear ${name},\n\nYou have been given an Assent account as ${ROLE_NAMES[role] ?? role}${memberState ? ` of the Administration of ${memberState}` : ''}.\n\n` +
      `Open this link to set your password and to set up an authenticator app (a second factor is required):\n${link}\n\n` +
      `The link works once and expires at ${expiresAt} (UTC). If you did not expect this message, ignore it.\n\n--\nAssent`,
  };
}
