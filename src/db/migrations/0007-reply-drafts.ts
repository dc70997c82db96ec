import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Drafts of replies: one per (consultation, Member State), shared by the State's focal points,
 * so that a reply to six texts can be prepared over several sittings and by several people. A
 * draft is not the record (nothing counts until a version is submitted): it holds the form's
 * values as JSON text, the reply version it was started from (a submission refuses a reply that
 * changed meanwhile), who saved it last and when, and a revision number that each save moves on
 * (a save over a revision the saver did not see is refused as stale).
 */
export const m0007ReplyDrafts: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('reply_draft')
      .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultation.id'))
      .addColumn('member_state', 'text', (c) => c.notNull().references('member_state.code'))
      .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
      .addColumn('based_on_version', 'integer', (c) => c.notNull().check(sql`based_on_version >= 0`))
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('reply_draft_pk', ['consultation_id', 'member_state'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('reply_draft').execute();
  },
};
