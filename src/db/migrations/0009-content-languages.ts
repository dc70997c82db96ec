import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Content in several languages (issue #8 item 6): each consultation names its language of record
 * (one of the six UN languages; existing rows were written in English), and the consultation and
 * each determined text carry translations as JSON text: `{ "fr": { "subject": … } }` and
 * `{ "fr": { "title": …, "summary": … } }`. Same statements on SQLite and PostgreSQL; the CHECK
 * keeps the closed list of languages even against a bug.
 */
export const m0009ContentLanguages: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('consultation')
      .addColumn('language_of_record', 'text', (c) =>
        c.notNull().defaultTo('en').check(sql`language_of_record in ('ar', 'zh', 'en', 'fr', 'ru', 'es')`),
      )
      .execute();
    await db.schema
      .alterTable('consultation')
      .addColumn('translations', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
    await db.schema
      .alterTable('determined_text')
      .addColumn('translations', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('determined_text').dropColumn('translations').execute();
    await db.schema.alterTable('consultation').dropColumn('translations').execute();
    await db.schema.alterTable('consultation').dropColumn('language_of_record').execute();
  },
};
