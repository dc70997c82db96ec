import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Deadlines as the circular words them, and the announcement date (issue #12 items 4 and 5).
 *
 * `consultation.deadline_wording`: how the circular states its deadline, `hhmm` ("2359 hours UTC
 * on 16 August 2023") or `2400` ("2400 hours UTC on 11 January 2001", the end of that day); the
 * CHECK keeps the closed list even against a bug. Every existing consultation was worded HHMM,
 * which is what the default gives it.
 *
 * `consultation.announced_on`: the day the meeting and its texts were announced, when that
 * precedes the circular (a collective letter); null for every existing row (the announcement is
 * then the circular itself, as the timing check read it before).
 *
 * Nothing else changes: `deadline_at` is left as stored. Since this release a deadline is stated
 * to the minute and closes at the end of it (23:59 is 23:59:59.999); a row written before through
 * the API with `…T23:59Z` holds 23:59:00.000 and keeps it. Such a row is history (its replies
 * were judged against it) and is not rewritten; a draft gets the rule when its deadline is next
 * saved. Same statements on SQLite and PostgreSQL.
 */
export const m0012DeadlineWording: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('consultation')
      .addColumn('deadline_wording', 'text', (c) =>
        c.notNull().defaultTo('hhmm').check(sql`deadline_wording in ('hhmm', '2400')`),
      )
      .execute();
    await db.schema.alterTable('consultation').addColumn('announced_on', 'text').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('consultation').dropColumn('announced_on').execute();
    await db.schema.alterTable('consultation').dropColumn('deadline_wording').execute();
  },
};
