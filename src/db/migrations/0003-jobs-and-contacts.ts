import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Background jobs (one table, one worker design for both databases), the contacts that e-mails
 * go to (Member State focal points, and observers who receive information copies), and who
 * uploaded each attachment.
 */
export const m0003JobsAndContacts: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('job')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('queued', 'running', 'done', 'dead')`))
      .addColumn('run_at', 'bigint', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'bigint')
      .addColumn('locked_by', 'text')
      .addColumn('last_error', 'text')
      .addColumn('result', 'text')
      .addColumn('consultation_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint')
      .execute();
    await db.schema.createIndex('job_due').on('job').columns(['state', 'run_at']).execute();
    await db.schema.createIndex('job_kind').on('job').columns(['kind', 'created_at']).execute();

    await db.schema
      .createTable('contact')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('focal_point', 'observer')`))
      .addColumn('member_state', 'text', (c) => c.references('member_state.code'))
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().check(sql`active in (0, 1)`))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('contact_focal_point_has_state', sql`(role = 'focal_point') = (member_state is not null)`)
      .addUniqueConstraint('contact_unique', ['email', 'role'])
      .execute();

    // Who uploaded which bytes under which name: the same file uploaded by two States is stored
    // once, but each may read it back, under its own name, without learning of the other.
    await db.schema
      .createTable('attachment_upload')
      .addColumn('sha256', 'text', (c) => c.notNull().references('attachment.sha256'))
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('attachment_upload_pk', ['sha256', 'uploaded_by'])
      .execute();
    await db.executeQuery(
      sql`insert into attachment_upload (sha256, uploaded_by, filename, uploaded_at) select sha256, created_by, filename, created_at from attachment`.compile(
        db,
      ),
    );
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('attachment_upload').execute();
    await db.schema.dropTable('contact').execute();
    await db.schema.dropTable('job').execute();
  },
};
