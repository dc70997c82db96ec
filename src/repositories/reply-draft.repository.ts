import type { Selectable } from 'kysely';
import type { ReplyDraftTable } from '../db/database.js';
import type { Executor } from '../db/dialect.js';
import { fromJson, toJson } from './json-column.js';

/** A file kept with a drafted position: its id (SHA-256) and the name it was uploaded under. */
export interface DraftAttachment {
  readonly sha256: string;
  readonly filename: string;
}

/**
 * One text's block of the reply form as it was left: the choice's kind and sub-option id as the
 * consultation's procedure names them (the service keeps only those its form offers); anything may
 * still be missing (a draft is checked only when it is reviewed and submitted). Texts are kept as
 * typed, blanks included.
 */
export interface DraftPosition {
  readonly position: string | null;
  readonly option: string | null;
  readonly comments: string;
  readonly reasons: string;
  readonly possibleChanges: string;
  readonly attachment: DraftAttachment | null;
  /** The rows of the comments table that hold something, as typed (absent in drafts saved before the table). */
  readonly commentTable?: readonly DraftCommentRow[];
}

/** One row of a drafted comments table, as typed. */
export interface DraftCommentRow {
  readonly clause: string;
  readonly comment: string;
  readonly proposedChange: string;
}

/** What a draft holds: the form's values. */
export interface ReplyDraftContent {
  /** By text id; a text nobody has touched yet is absent. */
  readonly positions: Readonly<Record<string, DraftPosition>>;
  readonly signatoryName: string;
  readonly signatoryTitle: string;
  readonly place: string;
  /** `YYYY-MM-DD` as typed (may be blank). */
  readonly signedOn: string;
}

/** A State's draft reply to one consultation. */
export interface ReplyDraft {
  readonly consultationId: string;
  readonly memberState: string;
  /** 1 for the first save, one more at each save. */
  readonly revision: number;
  /** The reply version the form was built from (0: the State had not replied). */
  readonly basedOnVersion: number;
  readonly content: ReplyDraftContent;
  readonly createdAt: number;
  /** The actor id of who saved it last. */
  readonly updatedBy: string;
  readonly updatedAt: number;
}

function toDraft(row: Selectable<ReplyDraftTable>): ReplyDraft {
  return {
    consultationId: row.consultation_id,
    memberState: row.member_state,
    revision: Number(row.revision),
    basedOnVersion: Number(row.based_on_version),
    content: fromJson<ReplyDraftContent>(row.content),
    createdAt: Number(row.created_at),
    updatedBy: row.updated_by,
    updatedAt: Number(row.updated_at),
  };
}

/** The State's draft, if any. */
export async function findReplyDraft(
  db: Executor,
  consultationId: string,
  memberState: string,
): Promise<ReplyDraft | undefined> {
  const row = await db
    .selectFrom('reply_draft')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .where('member_state', '=', memberState)
    .executeTakeFirst();
  return row ? toDraft(row) : undefined;
}

/** The State's drafts among these consultations (for the list of what the State owes). */
export async function listReplyDraftsOf(
  db: Executor,
  memberState: string,
  consultationIds: readonly string[],
): Promise<ReplyDraft[]> {
  if (consultationIds.length === 0) return [];
  const rows = await db
    .selectFrom('reply_draft')
    .selectAll()
    .where('member_state', '=', memberState)
    .where('consultation_id', 'in', [...consultationIds])
    .execute();
  return rows.map(toDraft);
}

/**
 * Stores a draft as revision `draft.revision`, over `expectedRevision` (0: there was none). The
 * write is conditional in one statement (an insert that does nothing on conflict, or an update
 * of that revision only), so of two concurrent saves over one revision exactly one succeeds, on
 * SQLite and on PostgreSQL alike, without a lock. Returns false when the stored revision was not
 * the expected one (nothing is written then).
 */
export async function saveReplyDraftRow(db: Executor, draft: ReplyDraft, expectedRevision: number): Promise<boolean> {
  if (expectedRevision === 0) {
    const result = await db
      .insertInto('reply_draft')
      .values({
        consultation_id: draft.consultationId,
        member_state: draft.memberState,
        revision: draft.revision,
        based_on_version: draft.basedOnVersion,
        content: toJson(draft.content),
        created_at: draft.createdAt,
        updated_by: draft.updatedBy,
        updated_at: draft.updatedAt,
      })
      .onConflict((oc) => oc.columns(['consultation_id', 'member_state']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
  const result = await db
    .updateTable('reply_draft')
    .set({
      revision: draft.revision,
      based_on_version: draft.basedOnVersion,
      content: toJson(draft.content),
      updated_by: draft.updatedBy,
      updated_at: draft.updatedAt,
    })
    .where('consultation_id', '=', draft.consultationId)
    .where('member_state', '=', draft.memberState)
    .where('revision', '=', expectedRevision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes the State's draft (only at `revision` when given). Returns whether a draft was deleted. */
export async function deleteReplyDraft(
  db: Executor,
  consultationId: string,
  memberState: string,
  revision?: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('reply_draft')
    .where('consultation_id', '=', consultationId)
    .where('member_state', '=', memberState)
    .$if(revision !== undefined, (qb) => qb.where('revision', '=', revision!))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
