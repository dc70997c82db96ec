import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * Documents of closed records (an issued circular, a reply version, its receipt, an issued
 * results notice), generated once and kept with their SHA-256, so the same bytes are served every
 * time afterwards — whatever later changes to the generator, the fonts or Chromium. One row per
 * record, format and language; `subject` names the reply version (`KR/2`) or is empty.
 */
export const m0008Documents: Migration = {
  async up(db: Kysely<any>) {
    const bytes = dialectOf(db) === 'postgres' ? sql`bytea` : sql`blob`;
    await db.schema
      .createTable('document')
      .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultation.id'))
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind in ('circular', 'reply', 'receipt', 'results-report', 'results-notice')`),
      )
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('docx', 'pdf')`))
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('content', bytes, (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('document_pk', ['consultation_id', 'kind', 'subject', 'format', 'locale'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('document').execute();
  },
};
