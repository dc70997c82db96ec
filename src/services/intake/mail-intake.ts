import { randomUUID } from 'node:crypto';
import { formStampOf } from '../../documents/read-returned-form.js';
import { sha256Hex } from '../../domain/canonical.js';
import { AppError } from '../../domain/errors.js';
import {
  matchSender,
  senderVerdict,
  trustedAuthenticationResults,
  type AuthenticationResult,
} from '../../domain/intake/mail-sender.js';
import type { Actor } from '../../domain/policy/actor.js';
import { authorize } from '../../domain/policy/policy.js';
import type { RecordedReplyInput } from '../../schemas/reply.schema.js';
import { findAttachmentContent } from '../../repositories/attachment.repository.js';
import { appendAudit } from '../../repositories/audit.repository.js';
import { findConsultation } from '../../repositories/consultation.repository.js';
import {
  countPendingInboundMessages,
  findInboundMessage,
  findInboundMessageByRaw,
  type InboundMessage,
  insertInboundMessage,
  listInboundMessages,
  markInboundMessageHandled,
  stateAddresses,
} from '../../repositories/inbound-message.repository.js';
import { DOCX_MEDIA_TYPE, judgeAttachmentContent } from '../attachment-content.js';
import { storeAttachment } from '../attachments.js';
import { recordReplyWithOriginal } from '../record-reply.js';
import type { ReplyReceipt } from '../reply-writer.js';
import { inTransaction, type ServiceContext } from '../service-context.js';
import { type IntakeProposal, proposeFromForm } from './form-intake.js';

export type { InboundMessage } from '../../repositories/inbound-message.repository.js';

/**
 * Replies that arrive by e-mail (issue 18, part 2). Each message — from the SMTP listener, the
 * IMAP poller or `assent inbox receive` — is kept exactly as received, with what Assent made of
 * it: whether its sender is authenticated (the trusted server's Authentication-Results), the
 * State whose registered address sent it, and the consultation whose reply form it carries. It
 * is acknowledged (SMTP 250, IMAP \Seen) only once that is committed. Nothing is recorded on its
 * own: every message waits in the secretariat's inbox, to be recorded as a reply after the
 * secretariat checked what the form says (the form attached is the reply's original), or set
 * aside with a note.
 */

/** How the installation receives mail (MAIL_IN_* settings). */
export interface MailInSettings {
  /** The authserv-id of the mail server whose Authentication-Results are believed (null: none). */
  readonly authservId: string | null;
  /** Only an authenticated sender is matched to a State. */
  readonly requireAuthentication: boolean;
  /** The largest message kept, bytes. */
  readonly maxBytes: number;
}

/** One message as it arrived. */
export interface ArrivingMail {
  readonly raw: Uint8Array;
  readonly channel: InboundMessage['channel'];
  /** The SMTP envelope's sender (MAIL FROM), when the channel knows it. */
  readonly envelopeFrom?: string | null;
  /** When the mail server received it (IMAP's internal date); default: now. */
  readonly receivedAt?: number;
}

/** The system actor that keeps received messages (as the uploader of their bytes). */
const mailIn = (channel: InboundMessage['channel']): Actor => ({
  kind: 'secretariat',
  id: `mail-in:${channel}`,
  label: `mail in (${channel})`,
});

/** The values of the headers named `name` (lower case), unfolded. */
function headerValues(lines: readonly { key: string; line: string }[], name: string): string[] {
  return lines
    .filter((header) => header.key === name)
    .map((header) =>
      header.line
        .slice(header.line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    );
}

/**
 * A header's text as it may be stored and shown: without control characters (a NUL would be
 * refused by PostgreSQL, forever) or bidirectional controls (which would reorder a page's title),
 * cut to `max` characters; null when nothing is left.
 */
function shown(text: string | null | undefined, max: number): string | null {
  const clean = (text ?? '').replace(/[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, ' ').trim();
  return clean === '' ? null : clean.slice(0, max);
}

/** How long a mail server may have held a message before handing it on (its queue while Assent was down). */
const QUEUED_AT_MOST_MS = 7 * 86_400_000;

/**
 * When the organisation's mail server received a message: the date of the topmost Received
 * header, the one it added (the listener and the pipe sit behind it), when that is in the last
 * week and not in the future; else null (Assent's own clock then says).
 */
function receivedByServer(lines: readonly { key: string; line: string }[], now: number): number | null {
  const top = headerValues(lines, 'received')[0];
  const stamp = top === undefined ? Number.NaN : Date.parse(top.slice(top.lastIndexOf(';') + 1).trim());
  return Number.isNaN(stamp) || stamp > now || stamp < now - QUEUED_AT_MOST_MS ? null : stamp;
}

/**
 * The consultation whose reply form a message carries: its Word and PDF attachments are judged
 * (bounded costs) and their stamps read. Exactly one form of an existing consultation, or why not.
 */
async function formConsultation(
  ctx: ServiceContext,
  attachments: readonly { content: Buffer }[],
): Promise<{ consultationId: string | null; problem: string | null }> {
  const stamps = [];
  for (const attachment of attachments) {
    const content = new Uint8Array(attachment.content);
    if (content.length > ctx.attachmentMaxBytes) continue;
    const judgement = judgeAttachmentContent(content);
    if (!('mediaType' in judgement)) continue;
    if (judgement.mediaType !== DOCX_MEDIA_TYPE && judgement.mediaType !== 'application/pdf') continue;
    const stamp = await formStampOf(content);
    if (stamp !== null) stamps.push(stamp);
  }
  if (stamps.length === 0) return { consultationId: null, problem: 'NO_FORM_ATTACHED' };
  if (stamps.length > 1) return { consultationId: null, problem: 'SEVERAL_FORMS_ATTACHED' };
  const found = await findConsultation(ctx.db, stamps[0]!.consultationId);
  return found
    ? { consultationId: found.consultation.id, problem: null }
    : { consultationId: null, problem: 'UNKNOWN_CONSULTATION' };
}

/**
 * Keeps a message as received and says what it is: committed before this returns, so the caller
 * acknowledges it only then. The same bytes received again are the same message (`duplicate`).
 * @throws MESSAGE_TOO_LARGE over `settings.maxBytes`
 */
export async function receiveMail(
  ctx: ServiceContext,
  settings: MailInSettings,
  mail: ArrivingMail,
): Promise<{ id: string; duplicate: boolean }> {
  if (mail.raw.length > settings.maxBytes)
    throw new AppError('MESSAGE_TOO_LARGE', `Messages are limited to ${settings.maxBytes} bytes`);
  const rawSha256 = sha256Hex(mail.raw);
  const known = await findInboundMessageByRaw(ctx.db, rawSha256);
  if (known) return { id: known.id, duplicate: true };

  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(Buffer.from(mail.raw), { skipHtmlToText: true, skipTextLinks: true });
  const from = parsed.from?.value[0];
  const fromAddress = from?.address?.trim().toLowerCase() || null;
  // Every address of every From header: more than one, and the message matches no State.
  const { default: addressparser } = await import('nodemailer/lib/addressparser/index.js');
  const senders = headerValues(parsed.headerLines, 'from').flatMap((value) =>
    addressparser(value, { flatten: true }).map((address) => address.address),
  );
  const authentication: AuthenticationResult[] = trustedAuthenticationResults(
    headerValues(parsed.headerLines, 'authentication-results'),
    settings.authservId,
  );
  const verdict = senderVerdict(fromAddress, authentication);
  const addresses = await stateAddresses(ctx.db);
  const sender = matchSender(
    senders.length > 0 ? senders : fromAddress === null ? [] : [fromAddress],
    verdict,
    (address) => addresses.get(address) ?? [],
    settings.requireAuthentication,
  );
  const form = await formConsultation(ctx, parsed.attachments);
  const now = ctx.clock();
  const id = randomUUID();
  const channel = mail.channel;
  const receivedAt = mail.receivedAt ?? receivedByServer(parsed.headerLines, now) ?? now;
  const sent = headerValues(parsed.headerLines, 'date')[0];
  const sentAt = sent === undefined ? Number.NaN : Date.parse(sent);
  try {
    await inTransaction(ctx, async (trx) => {
      await storeAttachment(trx, {
        actor: mailIn(channel),
        filename: `message-${new Date(receivedAt).toISOString().slice(0, 19).replace(/:/g, '')}.eml`,
        content: mail.raw,
        mediaType: 'message/rfc822',
        now,
      });
      await insertInboundMessage(trx, {
        id,
        rawSha256,
        receivedAt,
        channel,
        size: mail.raw.length,
        messageId: shown(parsed.messageId, 998),
        envelopeFrom: shown(mail.envelopeFrom, 320),
        fromAddress: shown(fromAddress, 320),
        fromName: shown(from?.name, 200),
        subject: shown(parsed.subject, 998),
        sentAt: Number.isNaN(sentAt) ? null : sentAt,
        verdict,
        authentication,
        memberState: sender.memberState,
        senderProblem: sender.problem,
        consultationId: form.consultationId,
        formProblem: form.problem,
      });
      await appendAudit(trx, {
        at: now,
        actor: mailIn(channel).id,
        action: 'mail.received',
        consultationId: form.consultationId,
        subject: `inbound:${id}`,
        data: {
          sha256: rawSha256,
          memberState: sender.memberState,
          verdict,
          senderProblem: sender.problem,
          formProblem: form.problem,
        },
      });
    });
  } catch (error) {
    // Received at the same moment by another instance (a shared mailbox): that one kept it.
    const kept = await findInboundMessageByRaw(ctx.db, rawSha256);
    if (kept) return { id: kept.id, duplicate: true };
    throw error;
  }
  return { id, duplicate: false };
}

/** The messages waiting for the secretariat (oldest first), or those handled (latest first). */
export async function listInbox(
  ctx: ServiceContext,
  options: { readonly actor: Actor; readonly status: 'pending' | 'handled'; readonly limit?: number },
): Promise<{ messages: InboundMessage[]; pending: number }> {
  authorize(options.actor, { action: 'mail:read' });
  const [messages, pending] = await Promise.all([
    listInboundMessages(ctx.db, options.status, options.limit ?? 200),
    countPendingInboundMessages(ctx.db),
  ]);
  return { messages, pending };
}

/**
 * One message, with its bytes as received.
 * @throws FORBIDDEN; NOT_FOUND
 */
export async function readInboundMessage(
  ctx: ServiceContext,
  options: { readonly actor: Actor; readonly id: string },
): Promise<{ message: InboundMessage; raw: Buffer }> {
  authorize(options.actor, { action: 'mail:read' });
  const message = await findInboundMessage(ctx.db, options.id);
  const raw = message ? await findAttachmentContent(ctx.db, message.rawSha256) : undefined;
  if (!message || !raw) throw new AppError('NOT_FOUND', `No message ${options.id} was received`);
  return { message, raw: raw.content };
}

/**
 * What the form a message carries says, read against its consultation (form-intake.ts), with
 * the message: what the record page is filled from.
 * @throws FORBIDDEN; NOT_FOUND; MESSAGE_HANDLED; FORM_UNREADABLE (the message carries no readable form)
 */
export async function proposeFromMail(
  ctx: ServiceContext,
  options: { readonly actor: Actor; readonly id: string; readonly consultationId: string },
): Promise<{ message: InboundMessage; proposal: IntakeProposal }> {
  authorize(options.actor, { action: 'reply:record' });
  const { message, raw } = await readInboundMessage(ctx, options);
  if (message.status !== 'pending')
    throw new AppError('MESSAGE_HANDLED', `Message ${message.id} was ${message.status} already`);
  const proposal = await proposeFromForm(ctx, {
    actor: options.actor,
    consultationId: options.consultationId,
    bytes: raw,
    maxBytes: raw.length,
  });
  return { message, proposal };
}

/**
 * Records the reply a message carries, as the secretariat confirmed it: the form attached to the
 * message is the reply's original, and the message is marked recorded, in one transaction.
 * @throws what recordReplyWithOriginal throws; MESSAGE_HANDLED when someone handled it first
 */
export async function recordFromMail(
  ctx: ServiceContext,
  options: {
    readonly actor: Actor;
    readonly id: string;
    readonly consultationId: string;
    readonly memberState: string;
    readonly input: Omit<RecordedReplyInput, 'originalFile'>;
  },
): Promise<ReplyReceipt> {
  const { message, proposal } = await proposeFromMail(ctx, options);
  const extension = judgeAttachmentContent(proposal.form);
  const filename = `reply-${options.memberState}.${'mediaType' in extension && extension.mediaType === 'application/pdf' ? 'pdf' : 'docx'}`;
  return inTransaction(ctx, async (trx) => {
    const receipt = await recordReplyWithOriginal(
      { ...ctx, db: trx },
      {
        actor: options.actor,
        consultationId: options.consultationId,
        memberState: options.memberState,
        input: options.input,
        original: { filename, content: proposal.form },
      },
    );
    const now = ctx.clock();
    const marked = await markInboundMessageHandled(trx, message.id, {
      status: 'recorded',
      by: options.actor.id,
      at: now,
      note: null,
      reply: { memberState: receipt.memberState, version: receipt.version },
    });
    if (!marked) throw new AppError('MESSAGE_HANDLED', `Message ${message.id} was handled by someone else meanwhile`);
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'mail.recorded',
      consultationId: options.consultationId,
      subject: `inbound:${message.id}`,
      data: { memberState: receipt.memberState, version: receipt.version },
    });
    return receipt;
  });
}

/** The longest note on a message set aside. */
export const DISMISS_NOTE_MAX = 500;

/**
 * Sets a waiting message aside (not a reply, a duplicate, keyed in by hand), with the reason.
 * @throws FORBIDDEN; NOT_FOUND; VALIDATION_FAILED at /note; MESSAGE_HANDLED
 */
export async function dismissMail(
  ctx: ServiceContext,
  options: { readonly actor: Actor; readonly id: string; readonly note: string },
): Promise<void> {
  authorize(options.actor, { action: 'reply:record' });
  const note = options.note.trim();
  if (note === '' || note.length > DISMISS_NOTE_MAX)
    throw new AppError('VALIDATION_FAILED', 'Say why the message is set aside', {
      errors: [
        {
          field: '/note',
          message: `Give the reason, at most ${DISMISS_NOTE_MAX} characters`,
          code: note === '' ? 'REQUIRED' : 'TOO_LONG',
        },
      ],
    });
  await inTransaction(ctx, async (trx) => {
    const message = await findInboundMessage(trx, options.id);
    if (!message) throw new AppError('NOT_FOUND', `No message ${options.id} was received`);
    const now = ctx.clock();
    const marked = await markInboundMessageHandled(trx, message.id, {
      status: 'dismissed',
      by: options.actor.id,
      at: now,
      note,
      reply: null,
    });
    if (!marked) throw new AppError('MESSAGE_HANDLED', `Message ${message.id} was ${message.status} already`);
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'mail.dismissed',
      consultationId: message.consultationId,
      subject: `inbound:${message.id}`,
      data: { note },
    });
  });
}
