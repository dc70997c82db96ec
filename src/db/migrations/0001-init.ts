import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * The initial schema. Written once for both dialects: only the byte and auto-increment column
 * types differ. CHECK constraints hold the closed vocabularies so that bad data cannot be
 * written even by a bug.
 */
export const m0001Init: Migration = {
  async up(db: Kysely<any>) {
    const pg = dialectOf(db) === 'postgres';
    const bytes = pg ? sql`bytea` : sql`blob`;

    await db.schema
      .createTable('member_state')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('iso3', 'text', (c) => c.notNull().unique())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('names', 'text', (c) => c.notNull())
      .addColumn('membership', 'text', (c) => c.notNull().check(sql`membership in ('member_state', 'observer')`))
      .addColumn('may_reply', 'integer', (c) => c.notNull().check(sql`may_reply in (0, 1)`))
      .addColumn('eligibility_note', 'text')
      .addColumn('eligibility_since', 'text')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('consultation')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('procedure', 'text', (c) => c.notNull())
      .addColumn('resolution_edition', 'text', (c) => c.notNull())
      .addColumn('bureau', 'text', (c) => c.notNull())
      .addColumn('study_period', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('circular_date', 'text', (c) => c.notNull())
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('study_group', 'text', (c) => c.notNull())
      .addColumn('meeting_place', 'text', (c) => c.notNull())
      .addColumn('meeting_first_day', 'text', (c) => c.notNull())
      .addColumn('meeting_last_day', 'text', (c) => c.notNull())
      .addColumn('collective_letter', 'text')
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('deadline_at', 'bigint', (c) => c.notNull())
      .addColumn('addressees', 'text', (c) => c.notNull())
      .addColumn('copies', 'text', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('signatory_name', 'text', (c) => c.notNull())
      .addColumn('signatory_title', 'text', (c) => c.notNull())
      .addColumn('languages_available_on', 'text')
      .addColumn('individual_replies_public', 'integer', (c) =>
        c.notNull().check(sql`individual_replies_public in (0, 1)`),
      )
      .addColumn('eligible_states', 'text')
      .addColumn('issued_at', 'bigint')
      .addColumn('results_notice_at', 'bigint')
      .addColumn('is_demo', 'integer', (c) => c.notNull().check(sql`is_demo in (0, 1)`))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addUniqueConstraint('consultation_number_unique', ['bureau', 'study_period', 'number'])
      .execute();

    await db.schema
      .createTable('determined_text')
      .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultation.id').onDelete('cascade'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('ord', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('new', 'revised', 'corrigendum', 'amendment')`))
      .addColumn('designation', 'text', (c) => c.notNull())
      .addColumn('work_item', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('summary', 'text')
      .addColumn('location', 'text', (c) => c.notNull())
      .addColumn('a5_justification', 'integer', (c) => c.notNull().check(sql`a5_justification in (0, 1)`))
      .addColumn('ipr_statements', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('determined_text_pk', ['consultation_id', 'id'])
      .addUniqueConstraint('determined_text_designation_unique', ['consultation_id', 'designation'])
      .execute();

    await db.schema
      .createTable('attachment')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('content', bytes, (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('reply')
      .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultation.id'))
      .addColumn('member_state', 'text', (c) => c.notNull().references('member_state.code'))
      .addColumn('current_version', 'integer', (c) => c.notNull())
      .addColumn('counted_version', 'integer')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('reply_pk', ['consultation_id', 'member_state'])
      .execute();

    await db.schema
      .createTable('reply_version')
      .addColumn('consultation_id', 'text', (c) => c.notNull())
      .addColumn('member_state', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('submitted', 'withdrawn')`))
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('web', 'api', 'email', 'fax', 'paper')`))
      .addColumn('entered_by', 'text', (c) => c.notNull())
      .addColumn('signatory_name', 'text', (c) => c.notNull())
      .addColumn('signatory_title', 'text', (c) => c.notNull())
      .addColumn('place', 'text')
      .addColumn('signed_on', 'text')
      .addColumn('original_file', 'text', (c) => c.references('attachment.sha256'))
      .addColumn('flags', 'text', (c) => c.notNull())
      .addColumn('simulated', 'integer', (c) => c.notNull().check(sql`simulated in (0, 1)`))
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('reply_version_pk', ['consultation_id', 'member_state', 'version'])
      .addForeignKeyConstraint('reply_version_reply_fk', ['consultation_id', 'member_state'], 'reply', [
        'consultation_id',
        'member_state',
      ])
      .execute();

    await db.schema
      .createTable('reply_position')
      .addColumn('consultation_id', 'text', (c) => c.notNull())
      .addColumn('member_state', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('text_id', 'text', (c) => c.notNull())
      .addColumn('position', 'text', (c) =>
        c.notNull().check(sql`position in ('assigns_authority', 'does_not_assign_authority', 'unclear')`),
      )
      .addColumn('option', 'text', (c) =>
        c.check(sql`option is null or option in ('no_comments', 'comments_attached')`),
      )
      .addColumn('comments', 'text')
      .addColumn('reasons', 'text')
      .addColumn('possible_changes', 'text')
      .addColumn('attachment', 'text', (c) => c.references('attachment.sha256'))
      .addPrimaryKeyConstraint('reply_position_pk', ['consultation_id', 'member_state', 'version', 'text_id'])
      .addForeignKeyConstraint(
        'reply_position_version_fk',
        ['consultation_id', 'member_state', 'version'],
        'reply_version',
        ['consultation_id', 'member_state', 'version'],
      )
      .addForeignKeyConstraint('reply_position_text_fk', ['consultation_id', 'text_id'], 'determined_text', [
        'consultation_id',
        'id',
      ])
      .execute();

    await db.schema
      .createTable('meeting_decision')
      .addColumn('consultation_id', 'text', (c) => c.notNull())
      .addColumn('text_id', 'text', (c) => c.notNull())
      .addColumn('deferred', 'integer', (c) => c.notNull().check(sql`deferred in (0, 1)`))
      .addColumn('opposing', 'text', (c) => c.notNull())
      .addColumn('abstaining', 'text', (c) => c.notNull())
      .addColumn('reservations', 'text', (c) => c.notNull())
      .addColumn('more_time', 'text', (c) => c.notNull())
      .addColumn('formal_oppositions', 'text', (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('meeting_decision_pk', ['consultation_id', 'text_id'])
      .addForeignKeyConstraint('meeting_decision_text_fk', ['consultation_id', 'text_id'], 'determined_text', [
        'consultation_id',
        'id',
      ])
      .execute();

    await db.schema
      .createTable('api_token')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('secretariat', 'focal_point', 'observer')`))
      .addColumn('member_state', 'text', (c) => c.references('member_state.code'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .addCheckConstraint('api_token_focal_point_has_state', sql`(role = 'focal_point') = (member_state is not null)`)
      .execute();

    await db.schema
      .createTable('audit_event')
      .addColumn('seq', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('consultation_id', 'text')
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('audit_event_consultation')
      .on('audit_event')
      .columns(['consultation_id', 'seq'])
      .execute();

    await db.schema
      .createTable('idempotency_record')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('status_code', 'integer', (c) => c.notNull())
      .addColumn('response', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_record_pk', ['actor', 'key'])
      .execute();
  },

  async down(db: Kysely<any>) {
    for (const table of [
      'idempotency_record',
      'audit_event',
      'api_token',
      'meeting_decision',
      'reply_position',
      'reply_version',
      'reply',
      'attachment',
      'determined_text',
      'consultation',
      'member_state',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
