import type { Selectable } from 'kysely';
import type { MemberStateTable } from '../db/database.js';
import type { Executor } from '../db/dialect.js';
import type { StoredMemberState } from '../domain/member-states/member-state.js';
import type { MemberStateRecord } from '../domain/member-states/member-states.data.js';
import { fromFlag, fromJson, toFlag, toJson } from './json-column.js';

export type { StoredMemberState } from '../domain/member-states/member-state.js';

/**
 * An organisation has no ISO 3166-1 alpha-3 code, but the column is NOT NULL UNIQUE (migration
 * 0001; SQLite cannot relax that without rebuilding a table other tables refer to): it holds
 * `org:<code>`, unique as the code is and never an ISO code, and reads back as empty.
 */
const ORGANISATION_ISO3_PREFIX = 'org:';

function toStored(row: Selectable<MemberStateTable>): StoredMemberState {
  return {
    code: row.code,
    participantClass: row.participant_class,
    iso3: row.iso3.startsWith(ORGANISATION_ISO3_PREFIX) ? '' : row.iso3,
    names: fromJson(row.names),
    membership: row.membership,
    mayReply: fromFlag(row.may_reply),
    eligibilityNote: row.eligibility_note,
    eligibilitySince: row.eligibility_since,
  };
}

/**
 * Loads the curated list: inserts new States and refreshes names; never overwrites an
 * eligibility the secretariat has changed in the database.
 */
export async function upsertMemberStates(
  db: Executor,
  records: readonly MemberStateRecord[],
  now: number,
): Promise<void> {
  for (const record of records) {
    await db
      .insertInto('member_state')
      .values({
        code: record.code,
        iso3: record.iso3,
        name_en: record.names.en,
        names: toJson(record.names),
        membership: record.membership,
        may_reply: toFlag(record.mayReply),
        eligibility_note: record.eligibilityNote ?? null,
        eligibility_since: record.eligibilitySince ?? null,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({
          iso3: record.iso3,
          name_en: record.names.en,
          names: toJson(record.names),
          membership: record.membership,
        }),
      )
      .execute();
  }
}

export async function countMemberStates(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('member_state')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listMemberStates(db: Executor): Promise<StoredMemberState[]> {
  const rows = await db.selectFrom('member_state').selectAll().orderBy('code').execute();
  return rows.map(toStored);
}

export async function findMemberState(db: Executor, code: string): Promise<StoredMemberState | undefined> {
  const row = await db.selectFrom('member_state').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toStored(row) : undefined;
}

/** The participants among `codes`, in one query (none asked, none read). */
export async function findMemberStates(db: Executor, codes: readonly string[]): Promise<StoredMemberState[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('member_state')
    .selectAll()
    .where('code', 'in', [...codes])
    .execute();
  return rows.map(toStored);
}

/** Registers an organisation as a participant of its class (may reply by default, no note). */
export async function insertParticipant(
  db: Executor,
  participant: { code: string; participantClass: string; names: Readonly<Record<string, string>> & { en: string } },
  now: number,
): Promise<void> {
  await db
    .insertInto('member_state')
    .values({
      code: participant.code,
      participant_class: participant.participantClass,
      iso3: `${ORGANISATION_ISO3_PREFIX}${participant.code}`,
      name_en: participant.names.en,
      names: toJson(participant.names),
      membership: 'member_state',
      may_reply: 1,
      eligibility_note: null,
      eligibility_since: null,
      updated_at: now,
    })
    .execute();
}

export async function updateEligibility(
  db: Executor,
  code: string,
  change: { mayReply: boolean; note: string | null; since: string | null },
  now: number,
): Promise<void> {
  await db
    .updateTable('member_state')
    .set({
      may_reply: toFlag(change.mayReply),
      eligibility_note: change.note,
      eligibility_since: change.since,
      updated_at: now,
    })
    .where('code', '=', code)
    .execute();
}
