import type { Kysely, Migration } from 'kysely';

/**
 * The archive of earlier circulars (issue #12 item 6): a past consultation entered afterwards,
 * as a record, by the secretariat.
 *
 * `consultation.entered_afterwards_at`: when the consultation was entered as a record (epoch ms);
 * null for a consultation run live in Assent, which every existing row was.
 *
 * `consultation.recorded_issued_at`: the instant the circular was issued, from the secretariat's
 * records, given when the record is entered (a draft record holds it until it is issued, when it
 * becomes `issued_at`); null for a live consultation, whose `issued_at` is the moment Assent
 * issued it.
 *
 * Existing rows get null in both: nothing is converted. Same statements on SQLite and PostgreSQL.
 */
export const m0014EnteredAfterwards: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('consultation').addColumn('entered_afterwards_at', 'bigint').execute();
    await db.schema.alterTable('consultation').addColumn('recorded_issued_at', 'bigint').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('consultation').dropColumn('recorded_issued_at').execute();
    await db.schema.alterTable('consultation').dropColumn('entered_afterwards_at').execute();
  },
};
