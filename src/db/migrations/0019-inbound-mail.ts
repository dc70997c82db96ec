import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Replies that arrive by e-mail (issue 18, part 2): each message received by the SMTP listener,
 * the IMAP poller or `assent inbox receive`, kept as received. The message itself is an
 * attachment (`raw_sha256`, media type message/rfc822), so it is stored once and read like any
 * original; the same bytes received twice (a mailbox polled by two instances, a retried delivery)
 * are one message (unique `raw_sha256`). What Assent made of it when it arrived: the sender's
 * address and authentication verdict, the State its address matched (or why none), the
 * consultation whose form it carries (or why none). It waits (`pending`) until the secretariat
 * records the reply it carries (`recorded`, naming the reply version) or sets it aside
 * (`dismissed`, with a note). Same statements on SQLite and PostgreSQL.
 */
export const m0019InboundMail: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('inbound_message')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('raw_sha256', 'text', (c) => c.notNull().unique().references('attachment.sha256'))
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('smtp', 'imap', 'pipe')`))
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('message_id', 'text')
      .addColumn('envelope_from', 'text')
      .addColumn('from_address', 'text')
      .addColumn('from_name', 'text')
      .addColumn('subject', 'text')
      .addColumn('sent_at', 'bigint')
      .addColumn('verdict', 'text', (c) => c.notNull().check(sql`verdict in ('authenticated', 'failed', 'unknown')`))
      .addColumn('authentication', 'text', (c) => c.notNull())
      .addColumn('member_state', 'text', (c) => c.references('member_state.code'))
      .addColumn('sender_problem', 'text')
      .addColumn('consultation_id', 'text', (c) => c.references('consultation.id'))
      .addColumn('form_problem', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'recorded', 'dismissed')`))
      .addColumn('handled_by', 'text')
      .addColumn('handled_at', 'bigint')
      .addColumn('note', 'text')
      .addColumn('reply_state', 'text')
      .addColumn('reply_version', 'integer')
      .execute();
    await db.schema
      .createIndex('inbound_message_waiting')
      .on('inbound_message')
      .columns(['status', 'received_at'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('inbound_message').execute();
  },
};
