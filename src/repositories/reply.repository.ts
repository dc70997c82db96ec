import type { Selectable } from 'kysely';
import type { ReplyPositionTable, ReplyVersionTable } from '../db/database.js';
import { dialectOf, type Executor } from '../db/dialect.js';
import type { ReplyFlag, ReplyPosition, ReplyVersion } from '../domain/reply/reply.js';
import { fromFlag, fromJson, toFlag, toJson } from './json-column.js';
import { positionColumns, positionOfRow } from './procedure-records.js';

/** The pointers of a State's reply: its latest version and the version that counts. */
export interface ReplyPointers {
  readonly consultationId: string;
  readonly memberState: string;
  readonly currentVersion: number;
  readonly countedVersion: number | null;
}

/**
 * Reads a State's reply pointers. With `lock` inside a PostgreSQL transaction the row stays
 * locked until commit, so two concurrent amendments of one State get consecutive versions.
 */
export async function findReplyPointers(
  db: Executor,
  consultationId: string,
  memberState: string,
  options: { lock?: boolean } = {},
): Promise<ReplyPointers | undefined> {
  const row = await db
    .selectFrom('reply')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .where('member_state', '=', memberState)
    .$if(options.lock === true && dialectOf(db) === 'postgres', (qb) => qb.forUpdate())
    .executeTakeFirst();
  return row
    ? {
        consultationId: row.consultation_id,
        memberState: row.member_state,
        currentVersion: row.current_version,
        countedVersion: row.counted_version,
      }
    : undefined;
}

/** Creates or moves a State's reply pointers. */
export async function saveReplyPointers(db: Executor, pointers: ReplyPointers, now: number): Promise<void> {
  await db
    .insertInto('reply')
    .values({
      consultation_id: pointers.consultationId,
      member_state: pointers.memberState,
      current_version: pointers.currentVersion,
      counted_version: pointers.countedVersion,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['consultation_id', 'member_state']).doUpdateSet({
        current_version: pointers.currentVersion,
        counted_version: pointers.countedVersion,
        updated_at: now,
      }),
    )
    .execute();
}

/** Writes one version and its positions. */
export async function insertReplyVersion(db: Executor, version: ReplyVersion): Promise<void> {
  await db
    .insertInto('reply_version')
    .values({
      consultation_id: version.consultationId,
      member_state: version.memberState,
      version: version.version,
      status: version.status,
      received_at: version.receivedAt,
      channel: version.channel,
      entered_by: version.enteredBy,
      signatory_name: version.signatoryName,
      signatory_title: version.signatoryTitle,
      place: version.place,
      signed_on: version.signedOn,
      original_file: version.originalFile,
      flags: toJson(version.flags),
      simulated: toFlag(version.simulated),
      content_hash: version.contentHash,
    })
    .execute();
  if (version.positions.length === 0) return;
  await db
    .insertInto('reply_position')
    .values(
      version.positions.map((p) => ({
        consultation_id: version.consultationId,
        member_state: version.memberState,
        version: version.version,
        ...positionColumns(p),
      })),
    )
    .execute();
}

function toPosition(row: Selectable<ReplyPositionTable>): ReplyPosition {
  return positionOfRow(row);
}

function toVersion(row: Selectable<ReplyVersionTable>, positions: ReplyPosition[]): ReplyVersion {
  return {
    consultationId: row.consultation_id,
    memberState: row.member_state,
    version: row.version,
    status: row.status,
    receivedAt: row.received_at,
    channel: row.channel,
    enteredBy: row.entered_by,
    signatoryName: row.signatory_name,
    signatoryTitle: row.signatory_title,
    place: row.place,
    signedOn: row.signed_on,
    originalFile: row.original_file,
    flags: fromJson<ReplyFlag[]>(row.flags),
    simulated: fromFlag(row.simulated),
    contentHash: row.content_hash,
    positions,
  };
}

/** Attaches the positions to version rows with one query. */
async function withPositions(
  db: Executor,
  consultationId: string,
  rows: Selectable<ReplyVersionTable>[],
): Promise<ReplyVersion[]> {
  if (rows.length === 0) return [];
  const states = [...new Set(rows.map((r) => r.member_state))];
  // The positions of these versions (and of any other version of these States with the same number,
  // left out below): not every version of every State.
  const versions = [...new Set(rows.map((r) => r.version))];
  const positionRows = await db
    .selectFrom('reply_position')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .where('member_state', 'in', states)
    .where('version', 'in', versions)
    .orderBy('text_id')
    .execute();
  const byVersion = new Map<string, ReplyPosition[]>();
  for (const row of positionRows) {
    const key = `${row.member_state}\u0000${row.version}`;
    const list = byVersion.get(key) ?? [];
    list.push(toPosition(row));
    byVersion.set(key, list);
  }
  return rows.map((row) => toVersion(row, byVersion.get(`${row.member_state}\u0000${row.version}`) ?? []));
}

/** Every version of one State's reply, oldest first. */
export async function listReplyVersions(
  db: Executor,
  consultationId: string,
  memberState: string,
): Promise<ReplyVersion[]> {
  const rows = await db
    .selectFrom('reply_version')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .where('member_state', '=', memberState)
    .orderBy('version')
    .execute();
  return withPositions(db, consultationId, rows);
}

/** One version of one State's reply. */
export async function findReplyVersion(
  db: Executor,
  consultationId: string,
  memberState: string,
  version: number,
): Promise<ReplyVersion | undefined> {
  const rows = await db
    .selectFrom('reply_version')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .where('member_state', '=', memberState)
    .where('version', '=', version)
    .execute();
  const [found] = await withPositions(db, consultationId, rows);
  return found;
}

/** Given versions of several States' replies (one query for the versions, one for their positions). */
export async function findReplyVersions(
  db: Executor,
  consultationId: string,
  wanted: readonly { readonly memberState: string; readonly version: number }[],
): Promise<ReplyVersion[]> {
  if (wanted.length === 0) return [];
  const keys = new Set(wanted.map((w) => `${w.memberState}\u0000${w.version}`));
  const rows = (
    await db
      .selectFrom('reply_version')
      .selectAll()
      .where('consultation_id', '=', consultationId)
      .where('member_state', 'in', [...new Set(wanted.map((w) => w.memberState))])
      .where('version', 'in', [...new Set(wanted.map((w) => w.version))])
      .execute()
  ).filter((row) => keys.has(`${row.member_state}\u0000${row.version}`));
  return withPositions(db, consultationId, rows);
}

/** A reply's latest version with its pointers, per State of a consultation. */
export interface CurrentReply {
  readonly pointers: ReplyPointers;
  readonly latest: ReplyVersion;
}

/** The latest version of every State's reply to a consultation (optionally one State only). */
export async function listCurrentReplies(
  db: Executor,
  consultationId: string,
  memberState?: string,
): Promise<CurrentReply[]> {
  const rows = await db
    .selectFrom('reply')
    .innerJoin('reply_version', (join) =>
      join
        .onRef('reply_version.consultation_id', '=', 'reply.consultation_id')
        .onRef('reply_version.member_state', '=', 'reply.member_state')
        .onRef('reply_version.version', '=', 'reply.current_version'),
    )
    .selectAll('reply_version')
    .select(['reply.counted_version', 'reply.current_version'])
    .where('reply.consultation_id', '=', consultationId)
    .$if(memberState !== undefined, (qb) => qb.where('reply.member_state', '=', memberState!))
    .orderBy('reply.member_state')
    .execute();
  const versions = await withPositions(db, consultationId, rows);
  return rows.map((row, index) => ({
    pointers: {
      consultationId,
      memberState: row.member_state,
      currentVersion: row.current_version,
      countedVersion: row.counted_version,
    },
    latest: versions[index]!,
  }));
}

/**
 * Moves the `counted` mark of a State's positions from version `from` to version `to` (null:
 * none), in the transaction that moves reply.counted_version from one to the other. Each update
 * names the version, so both go by the primary key: an update by the mark itself
 * (`counted = 1`) went by the tally's index and read every counted position of the
 * consultation, a fifth of a reply's CPU on SQLite (bench/findings.md).
 */
export async function markCountedPositions(
  db: Executor,
  consultationId: string,
  memberState: string,
  move: { readonly from: number | null; readonly to: number | null },
): Promise<void> {
  if (move.from === move.to) return;
  for (const [version, counted] of [
    [move.from, 0],
    [move.to, 1],
  ] as const) {
    if (version === null) continue;
    await db
      .updateTable('reply_position')
      .set({ counted })
      .where('consultation_id', '=', consultationId)
      .where('member_state', '=', memberState)
      .where('version', '=', version)
      .execute();
  }
}

/** Per text, position and class of participant, how many counted replies (the input of the decision rule). */
export interface PositionCountRow {
  readonly textId: string;
  readonly position: ReplyPositionTable['position'];
  /** The class of the participants who replied so (`member-state`…); null when not counted by class. */
  readonly participantClass: string | null;
  readonly count: number;
}

/**
 * Counts the positions of the counted version of every reply (the latest reply received by the
 * deadline: a later one does not count), grouped by text and position, and by class of
 * participant when `byClass` (a join on the registry's key), in one aggregate query. A procedure
 * that consults one class needs no split: every counted reply is of that class (its eligibility
 * rule let no other in), and the query stays on the positions alone.
 */
export async function countCountedPositions(
  db: Executor,
  consultationId: string,
  options: { readonly byClass?: boolean } = {},
): Promise<PositionCountRow[]> {
  if (!options.byClass) {
    const rows = await db
      .selectFrom('reply_position')
      .select(['text_id', 'position', (eb) => eb.fn.countAll<number>().as('n')])
      .where('consultation_id', '=', consultationId)
      .where('counted', '=', 1)
      .groupBy(['text_id', 'position'])
      .execute();
    return rows.map((r) => ({ textId: r.text_id, position: r.position, participantClass: null, count: Number(r.n) }));
  }
  const rows = await db
    .selectFrom('reply_position')
    .innerJoin('member_state', 'member_state.code', 'reply_position.member_state')
    .select([
      'reply_position.text_id',
      'reply_position.position',
      'member_state.participant_class',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('reply_position.consultation_id', '=', consultationId)
    .where('reply_position.counted', '=', 1)
    .groupBy(['reply_position.text_id', 'reply_position.position', 'member_state.participant_class'])
    .execute();
  return rows.map((r) => ({
    textId: r.text_id,
    position: r.position,
    participantClass: r.participant_class,
    count: Number(r.n),
  }));
}

/** Counted positions per State (for the list of replying States with their positions). */
export async function listCountedPositions(
  db: Executor,
  consultationId: string,
): Promise<{ memberState: string; textId: string; position: ReplyPositionTable['position'] }[]> {
  const rows = await db
    .selectFrom('reply_position')
    .select(['member_state', 'text_id', 'position'])
    .where('consultation_id', '=', consultationId)
    .where('counted', '=', 1)
    .orderBy('member_state')
    .orderBy('text_id')
    .execute();
  return rows.map((r) => ({ memberState: r.member_state, textId: r.text_id, position: r.position }));
}

/** Whether any reply exists for a consultation (texts of a consultation with replies are frozen). */
export async function hasReplies(db: Executor, consultationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('reply')
    .select('member_state')
    .where('consultation_id', '=', consultationId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Status and receipt time of one version, without its positions. */
export async function findVersionHead(
  db: Executor,
  consultationId: string,
  memberState: string,
  version: number,
): Promise<{ status: 'submitted' | 'withdrawn'; receivedAt: number } | undefined> {
  const row = await db
    .selectFrom('reply_version')
    .select(['status', 'received_at'])
    .where('consultation_id', '=', consultationId)
    .where('member_state', '=', memberState)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? { status: row.status, receivedAt: row.received_at } : undefined;
}

/**
 * Makes sure a State's reply row exists (version 0 until a version is written), locks it, and
 * returns its pointers, in one statement (an upsert whose update changes nothing): two concurrent
 * replies of one State queue on the same row, and the second reads the pointers the first left,
 * instead of both writing the same version. The new row goes with the transaction if nothing is
 * written. On SQLite, whose writers are serial, the lock is the transaction's.
 */
export async function lockReplyRow(
  db: Executor,
  consultationId: string,
  memberState: string,
  now: number,
): Promise<ReplyPointers> {
  const row = await db
    .insertInto('reply')
    .values({
      consultation_id: consultationId,
      member_state: memberState,
      current_version: 0,
      counted_version: null,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['consultation_id', 'member_state'])
        .doUpdateSet({ current_version: (eb) => eb.ref('reply.current_version') }),
    )
    .returning(['consultation_id', 'member_state', 'current_version', 'counted_version'])
    .executeTakeFirstOrThrow();
  return {
    consultationId: row.consultation_id,
    memberState: row.member_state,
    currentVersion: Number(row.current_version),
    countedVersion: row.counted_version === null ? null : Number(row.counted_version),
  };
}

/**
 * Counted positions, by position, of the consultations whose deadline is before `now` (for
 * metrics): their results are public. An open consultation's positions are left out, so its
 * tally leaves the database only through the results, which wait for the deadline.
 */
export async function countClosedCountedPositions(
  db: Executor,
  now: number,
): Promise<{ position: ReplyPositionTable['position']; count: number }[]> {
  const rows = await db
    .selectFrom('reply_position')
    .innerJoin('consultation', 'consultation.id', 'reply_position.consultation_id')
    .select(['reply_position.position', (eb) => eb.fn.countAll<number>().as('n')])
    .where('reply_position.counted', '=', 1)
    .where('consultation.deadline_at', '<', now)
    .groupBy('reply_position.position')
    .execute();
  return rows.map((r) => ({ position: r.position, count: Number(r.n) }));
}

/** How many reply versions were received, all consultations together (for metrics; no positions). */
export async function countReplyVersions(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('reply_version')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records where in the audit chain a version was recorded. */
export async function setVersionAuditPosition(
  db: Executor,
  consultationId: string,
  memberState: string,
  version: number,
  audit: { seq: number; hash: string },
): Promise<void> {
  await db
    .updateTable('reply_version')
    .set({ audit_seq: audit.seq, audit_hash: audit.hash })
    .where('consultation_id', '=', consultationId)
    .where('member_state', '=', memberState)
    .where('version', '=', version)
    .execute();
}

/** The audit position of a version. */
export async function findVersionAuditPosition(
  db: Executor,
  consultationId: string,
  memberState: string,
  version: number,
): Promise<{ seq: number; hash: string } | undefined> {
  const row = await db
    .selectFrom('reply_version')
    .select(['audit_seq', 'audit_hash'])
    .where('consultation_id', '=', consultationId)
    .where('member_state', '=', memberState)
    .where('version', '=', version)
    .executeTakeFirst();
  return row && row.audit_seq !== null && row.audit_hash !== null
    ? { seq: Number(row.audit_seq), hash: row.audit_hash }
    : undefined;
}
