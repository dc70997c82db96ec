import type { Selectable } from 'kysely';
import type { InboundMessageTable } from '../db/database.js';
import type { Executor } from '../db/dialect.js';
import type { AuthenticationResult, SenderVerdict } from '../domain/intake/mail-sender.js';
import { fromJson, toJson } from './json-column.js';

/** A message received by e-mail, as stored (migration 0019). */
export interface InboundMessage {
  readonly id: string;
  /** The message as received (an attachment of media type message/rfc822). */
  readonly rawSha256: string;
  readonly receivedAt: number;
  readonly channel: 'smtp' | 'imap' | 'pipe';
  readonly size: number;
  readonly messageId: string | null;
  readonly envelopeFrom: string | null;
  readonly fromAddress: string | null;
  readonly fromName: string | null;
  readonly subject: string | null;
  /** The Date header, when it had one. */
  readonly sentAt: number | null;
  readonly verdict: SenderVerdict;
  readonly authentication: readonly AuthenticationResult[];
  readonly memberState: string | null;
  readonly senderProblem: string | null;
  readonly consultationId: string | null;
  /** That consultation's reference ("TSB Circular 79"), read with the message. */
  readonly consultationReference: string | null;
  readonly formProblem: string | null;
  readonly status: 'pending' | 'recorded' | 'dismissed';
  readonly handledBy: string | null;
  readonly handledAt: number | null;
  readonly note: string | null;
  /** The reply version recorded from it. */
  readonly reply: { readonly memberState: string; readonly version: number } | null;
}

/** Messages' rows with their consultation's reference (a left join: none without a consultation). */
function selectMessages(db: Executor) {
  return db
    .selectFrom('inbound_message')
    .leftJoin('consultation', 'consultation.id', 'inbound_message.consultation_id')
    .selectAll('inbound_message')
    .select('consultation.reference as consultation_reference');
}

function toMessage(
  row: Selectable<InboundMessageTable> & { readonly consultation_reference: string | null },
): InboundMessage {
  return {
    id: row.id,
    rawSha256: row.raw_sha256,
    receivedAt: Number(row.received_at),
    channel: row.channel,
    size: Number(row.size),
    messageId: row.message_id,
    envelopeFrom: row.envelope_from,
    fromAddress: row.from_address,
    fromName: row.from_name,
    subject: row.subject,
    sentAt: row.sent_at === null ? null : Number(row.sent_at),
    verdict: row.verdict,
    authentication: fromJson<AuthenticationResult[]>(row.authentication),
    memberState: row.member_state,
    senderProblem: row.sender_problem,
    consultationId: row.consultation_id,
    consultationReference: row.consultation_reference,
    formProblem: row.form_problem,
    status: row.status,
    handledBy: row.handled_by,
    handledAt: row.handled_at === null ? null : Number(row.handled_at),
    note: row.note,
    reply:
      row.reply_state === null || row.reply_version === null
        ? null
        : { memberState: row.reply_state, version: Number(row.reply_version) },
  };
}

export async function insertInboundMessage(
  db: Executor,
  message: Omit<InboundMessage, 'status' | 'handledBy' | 'handledAt' | 'note' | 'reply' | 'consultationReference'>,
): Promise<void> {
  await db
    .insertInto('inbound_message')
    .values({
      id: message.id,
      raw_sha256: message.rawSha256,
      received_at: message.receivedAt,
      channel: message.channel,
      size: message.size,
      message_id: message.messageId,
      envelope_from: message.envelopeFrom,
      from_address: message.fromAddress,
      from_name: message.fromName,
      subject: message.subject,
      sent_at: message.sentAt,
      verdict: message.verdict,
      authentication: toJson(message.authentication),
      member_state: message.memberState,
      sender_problem: message.senderProblem,
      consultation_id: message.consultationId,
      form_problem: message.formProblem,
      status: 'pending',
      handled_by: null,
      handled_at: null,
      note: null,
      reply_state: null,
      reply_version: null,
    })
    .execute();
}

export async function findInboundMessage(db: Executor, id: string): Promise<InboundMessage | undefined> {
  const row = await selectMessages(db).where('inbound_message.id', '=', id).executeTakeFirst();
  return row ? toMessage(row) : undefined;
}

/** The message kept with these bytes, if one was received already. */
export async function findInboundMessageByRaw(db: Executor, rawSha256: string): Promise<InboundMessage | undefined> {
  const row = await selectMessages(db).where('inbound_message.raw_sha256', '=', rawSha256).executeTakeFirst();
  return row ? toMessage(row) : undefined;
}

/** Messages of a status, the oldest waiting first (pending), or the latest handled first (the others). */
export async function listInboundMessages(
  db: Executor,
  status: InboundMessage['status'] | 'handled',
  limit: number,
): Promise<InboundMessage[]> {
  const rows = await selectMessages(db)
    .$if(status === 'handled', (qb) =>
      qb.where('inbound_message.status', '!=', 'pending').orderBy('inbound_message.handled_at', 'desc'),
    )
    .$if(status !== 'handled', (qb) =>
      qb
        .where('inbound_message.status', '=', status as InboundMessage['status'])
        .orderBy('inbound_message.received_at', 'asc'),
    )
    .orderBy('inbound_message.id')
    .limit(limit)
    .execute();
  return rows.map(toMessage);
}

/** How many messages wait for the secretariat. */
export async function countPendingInboundMessages(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('inbound_message')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Marks a waiting message handled: recorded (with the reply version) or dismissed (with a note).
 * Returns false when it was no longer waiting (another person handled it first): nothing changes.
 */
export async function markInboundMessageHandled(
  db: Executor,
  id: string,
  handled: {
    readonly status: 'recorded' | 'dismissed';
    readonly by: string;
    readonly at: number;
    readonly note: string | null;
    readonly reply: { readonly memberState: string; readonly version: number } | null;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('inbound_message')
    .set({
      status: handled.status,
      handled_by: handled.by,
      handled_at: handled.at,
      note: handled.note,
      reply_state: handled.reply?.memberState ?? null,
      reply_version: handled.reply?.version ?? null,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * The addresses registered for each State, lower-cased: its active focal-point contacts and its
 * focal points' accounts that are not disabled. An address may be registered for several States.
 */
export async function stateAddresses(db: Executor): Promise<Map<string, string[]>> {
  const [contacts, accounts] = await Promise.all([
    db
      .selectFrom('contact')
      .select(['email', 'member_state'])
      .where('role', '=', 'focal_point')
      .where('active', '=', 1)
      .where('member_state', 'is not', null)
      .execute(),
    db
      .selectFrom('account')
      .select(['email', 'member_state'])
      .where('member_state', 'is not', null)
      .where('disabled_at', 'is', null)
      .execute(),
  ]);
  const addresses = new Map<string, string[]>();
  for (const row of [...contacts, ...accounts]) {
    const address = row.email.trim().toLowerCase();
    const states = addresses.get(address) ?? [];
    if (!states.includes(row.member_state!)) states.push(row.member_state!);
    addresses.set(address, states);
  }
  return addresses;
}
