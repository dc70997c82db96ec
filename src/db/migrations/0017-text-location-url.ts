import type { Kysely, Migration } from 'kysely';

/**
 * The web address of a determined text (issue #16 item 7): where the document consulted
 * ("Document R35") can be read, so that the reply form and the circular's page link it. Null for
 * every existing text, and wherever none is given. Same statements on SQLite and PostgreSQL.
 */
export const m0017TextLocationUrl: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('determined_text').addColumn('location_url', 'text').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('determined_text').dropColumn('location_url').execute();
  },
};
