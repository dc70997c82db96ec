import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Receipts: each reply version records its place in the audit chain (sequence and hash), and the
 * server keeps one Ed25519 key pair that signs receipts, shared by every instance.
 */
export const m0004Receipts: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('reply_version').addColumn('audit_seq', 'bigint').execute();
    await db.schema.alterTable('reply_version').addColumn('audit_hash', 'text').execute();
    await db.executeQuery(
      sql`update reply_version set audit_seq = (select max(a.seq) from audit_event a where a.subject = 'reply:' || reply_version.consultation_id || '/' || reply_version.member_state || '/' || reply_version.version)`.compile(
        db,
      ),
    );
    await db.executeQuery(
      sql`update reply_version set audit_hash = (select a.hash from audit_event a where a.seq = reply_version.audit_seq)`.compile(
        db,
      ),
    );
    await db.schema
      .createTable('signing_key')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('algorithm', 'text', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('private_key', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('signing_key').execute();
    await db.schema.alterTable('reply_version').dropColumn('audit_hash').execute();
    await db.schema.alterTable('reply_version').dropColumn('audit_seq').execute();
  },
};
