import type { Kysely, Migration } from 'kysely';

/**
 * Participants in classes (issue 12, "Participants"): the registry of who may take part in a
 * consultation holds, besides the Member States, organisations of other classes (an ITU-T Sector
 * Member, an Associate, Academia…), each with its class. Every existing row is a Member State.
 * The table keeps its name, `member_state`, and the reply tables keep their `member_state`
 * column: both now hold a participant's code, a Member State's being its ISO 3166-1 alpha-2 code.
 * Same statements on SQLite and PostgreSQL.
 */
export const m0020ParticipantClasses: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('member_state')
      .addColumn('participant_class', 'text', (c) => c.notNull().defaultTo('member-state'))
      .execute();
  },
  async down(db: Kysely<any>) {
    // The release before knows Member States only: it would take an organisation for one (in its
    // lists and reminders). Going back is refused while the registry holds any.
    const organisations = await db
      .selectFrom('member_state')
      .select('code')
      .where('participant_class', '<>', 'member-state')
      .execute();
    if (organisations.length > 0)
      throw new Error(
        `Migration 0020 cannot be undone while organisations are registered: ${organisations.map((o) => o.code).join(', ')}`,
      );
    await db.schema.alterTable('member_state').dropColumn('participant_class').execute();
  },
};
