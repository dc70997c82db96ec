import { sql, type Kysely, type Migration, type RawBuilder } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * Positions and meeting decisions become the procedure's own data (issue 12, point 2): the
 * schema no longer names TAP's options. A position keeps its `position` kind (text, as the
 * procedure defines it, without a CHECK) and its `attachment` (a file, whatever the procedure),
 * and the rest of what the procedure's form asks for moves to `detail`, JSON text validated by the
 * procedure's schema (for TAP: option, comments, reasons, possible changes). A meeting decision's
 * six TAP columns become `decision`, JSON text of the procedure's decision. The consultation's
 * `procedure` column is the discriminator of both (a position or decision belongs to one
 * consultation).
 *
 * SQLite cannot drop a CHECK constraint or a column in a constraint, so its tables are rebuilt
 * (new table, copy, drop, rename, index); PostgreSQL alters them in place. Every row is kept, and
 * the domain objects read back are identical, so content hashes, receipts and the audit trail's
 * record hashes still verify (test/services/procedure-owned-records.test.ts).
 */
export const m0013ProcedureOwnedRecords: Migration = {
  async up(db: Kysely<any>) {
    const pg = dialectOf(db) === 'postgres';
    const run = (query: RawBuilder<unknown>) => query.execute(db);
    if (pg) {
      await run(sql`alter table reply_position add column detail text`);
      await run(
        sql`update reply_position set detail = json_build_object('option', option, 'comments', comments, 'reasons', reasons, 'possibleChanges', possible_changes)::text`,
      );
      await run(sql`alter table reply_position alter column detail set not null`);
      await run(sql`alter table reply_position drop constraint if exists reply_position_position_check`);
      await run(
        sql`alter table reply_position drop column option, drop column comments, drop column reasons, drop column possible_changes`,
      );
      await run(sql`alter table meeting_decision add column decision text`);
      await run(
        sql`update meeting_decision set decision = json_build_object('deferred', deferred = 1, 'opposing', opposing::json, 'abstaining', abstaining::json, 'reservations', reservations::json, 'moreTime', more_time::json, 'formalOppositions', formal_oppositions::json)::text`,
      );
      await run(sql`alter table meeting_decision alter column decision set not null`);
      await run(
        sql`alter table meeting_decision drop column deferred, drop column opposing, drop column abstaining, drop column reservations, drop column more_time, drop column formal_oppositions`,
      );
      return;
    }
    await run(sql`drop index reply_position_counted`);
    await run(sql`create table reply_position_new (
      consultation_id text not null,
      member_state text not null,
      version integer not null,
      text_id text not null,
      position text not null,
      detail text not null,
      attachment text references attachment (sha256),
      counted integer not null default 0,
      constraint reply_position_pk primary key (consultation_id, member_state, version, text_id),
      constraint reply_position_version_fk foreign key (consultation_id, member_state, version)
        references reply_version (consultation_id, member_state, version),
      constraint reply_position_text_fk foreign key (consultation_id, text_id) references determined_text (consultation_id, id)
    )`);
    await run(sql`insert into reply_position_new
      (consultation_id, member_state, version, text_id, position, detail, attachment, counted)
      select consultation_id, member_state, version, text_id, position,
        json_object('option', option, 'comments', comments, 'reasons', reasons, 'possibleChanges', possible_changes),
        attachment, counted
      from reply_position`);
    await run(sql`drop table reply_position`);
    await run(sql`alter table reply_position_new rename to reply_position`);
    await createCountedIndex(db);

    await run(sql`create table meeting_decision_new (
      consultation_id text not null,
      text_id text not null,
      decision text not null,
      notes text,
      recorded_at bigint not null,
      recorded_by text not null,
      constraint meeting_decision_pk primary key (consultation_id, text_id),
      constraint meeting_decision_text_fk foreign key (consultation_id, text_id) references determined_text (consultation_id, id)
    )`);
    await run(sql`insert into meeting_decision_new (consultation_id, text_id, decision, notes, recorded_at, recorded_by)
      select consultation_id, text_id,
        json_object('deferred', json(case when deferred = 1 then 'true' else 'false' end),
          'opposing', json(opposing), 'abstaining', json(abstaining), 'reservations', json(reservations),
          'moreTime', json(more_time), 'formalOppositions', json(formal_oppositions)),
        notes, recorded_at, recorded_by
      from meeting_decision`);
    await run(sql`drop table meeting_decision`);
    await run(sql`alter table meeting_decision_new rename to meeting_decision`);
  },

  async down(db: Kysely<any>) {
    const pg = dialectOf(db) === 'postgres';
    const run = (query: RawBuilder<unknown>) => query.execute(db);
    if (pg) {
      await run(
        sql`alter table reply_position add column option text, add column comments text, add column reasons text, add column possible_changes text`,
      );
      await run(
        sql`update reply_position set option = detail::json->>'option', comments = detail::json->>'comments', reasons = detail::json->>'reasons', possible_changes = detail::json->>'possibleChanges'`,
      );
      await run(sql`alter table reply_position drop column detail`);
      await run(
        sql`alter table reply_position add constraint reply_position_position_check check (position in ('assigns_authority', 'does_not_assign_authority', 'unclear'))`,
      );
      await run(
        sql`alter table reply_position add constraint reply_position_option_check check (option is null or option in ('no_comments', 'comments_attached'))`,
      );
      await run(
        sql`alter table meeting_decision add column deferred integer, add column opposing text, add column abstaining text, add column reservations text, add column more_time text, add column formal_oppositions text`,
      );
      await run(sql`update meeting_decision set
        deferred = case when (decision::json->>'deferred')::boolean then 1 else 0 end,
        opposing = (decision::json->'opposing')::text, abstaining = (decision::json->'abstaining')::text,
        reservations = (decision::json->'reservations')::text, more_time = (decision::json->'moreTime')::text,
        formal_oppositions = (decision::json->'formalOppositions')::text`);
      for (const column of ['deferred', 'opposing', 'abstaining', 'reservations', 'more_time', 'formal_oppositions'])
        await run(sql`alter table meeting_decision alter column ${sql.ref(column)} set not null`);
      await run(
        sql`alter table meeting_decision add constraint meeting_decision_deferred_check check (deferred in (0, 1))`,
      );
      await run(sql`alter table meeting_decision drop column decision`);
      return;
    }
    await run(sql`drop index reply_position_counted`);
    await run(sql`create table reply_position_old (
      consultation_id text not null,
      member_state text not null,
      version integer not null,
      text_id text not null,
      position text not null check (position in ('assigns_authority', 'does_not_assign_authority', 'unclear')),
      option text check (option is null or option in ('no_comments', 'comments_attached')),
      comments text,
      reasons text,
      possible_changes text,
      attachment text references attachment (sha256),
      counted integer not null default 0,
      constraint reply_position_pk primary key (consultation_id, member_state, version, text_id),
      constraint reply_position_version_fk foreign key (consultation_id, member_state, version)
        references reply_version (consultation_id, member_state, version),
      constraint reply_position_text_fk foreign key (consultation_id, text_id) references determined_text (consultation_id, id)
    )`);
    await run(sql`insert into reply_position_old
      (consultation_id, member_state, version, text_id, position, option, comments, reasons, possible_changes, attachment, counted)
      select consultation_id, member_state, version, text_id, position,
        json_extract(detail, '$.option'), json_extract(detail, '$.comments'), json_extract(detail, '$.reasons'),
        json_extract(detail, '$.possibleChanges'), attachment, counted
      from reply_position`);
    await run(sql`drop table reply_position`);
    await run(sql`alter table reply_position_old rename to reply_position`);
    await createCountedIndex(db);

    await run(sql`create table meeting_decision_old (
      consultation_id text not null,
      text_id text not null,
      deferred integer not null check (deferred in (0, 1)),
      opposing text not null,
      abstaining text not null,
      reservations text not null,
      more_time text not null,
      formal_oppositions text not null,
      notes text,
      recorded_at bigint not null,
      recorded_by text not null,
      constraint meeting_decision_pk primary key (consultation_id, text_id),
      constraint meeting_decision_text_fk foreign key (consultation_id, text_id) references determined_text (consultation_id, id)
    )`);
    await run(sql`insert into meeting_decision_old
      (consultation_id, text_id, deferred, opposing, abstaining, reservations, more_time, formal_oppositions, notes, recorded_at, recorded_by)
      select consultation_id, text_id, case when json_extract(decision, '$.deferred') then 1 else 0 end,
        json_extract(decision, '$.opposing'), json_extract(decision, '$.abstaining'), json_extract(decision, '$.reservations'),
        json_extract(decision, '$.moreTime'), json_extract(decision, '$.formalOppositions'), notes, recorded_at, recorded_by
      from meeting_decision`);
    await run(sql`drop table meeting_decision`);
    await run(sql`alter table meeting_decision_old rename to meeting_decision`);
  },
};

/** The index of 0006: the counted positions by consultation, text and position (the tally's one aggregate). */
async function createCountedIndex(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('reply_position_counted')
    .on('reply_position')
    .columns(['consultation_id', 'counted', 'text_id', 'position'])
    .execute();
}
