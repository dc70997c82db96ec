import type { Kysely, Migration } from 'kysely';

/**
 * The references of the results documents (issue #18), which the secretariat gives: the results
 * notice's own (TSB issues the results as a circular of its own, "TSB Circular 140"), and the
 * header of the results report, a TD of the meeting (its number, "SG17-TD1234", and the Questions
 * it concerns). Null for every existing consultation, and wherever none is given. Same statements
 * on SQLite and PostgreSQL.
 */
export const m0018ResultsDocumentReferences: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('consultation').addColumn('results_notice_reference', 'text').execute();
    await db.schema.alterTable('consultation').addColumn('results_report_td', 'text').execute();
    await db.schema.alterTable('consultation').addColumn('results_report_questions', 'text').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('consultation').dropColumn('results_report_questions').execute();
    await db.schema.alterTable('consultation').dropColumn('results_report_td').execute();
    await db.schema.alterTable('consultation').dropColumn('results_notice_reference').execute();
  },
};
