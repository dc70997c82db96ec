import type { Transaction } from 'kysely';
import type { DB } from '../db/database.js';
import type { Executor } from '../db/dialect.js';
import { AppError, type FieldProblem } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { MAX_CLAUSE_LENGTH, MAX_COMMENT_ROWS } from '../domain/reply/comment-table.js';
import { MAX_FREE_TEXT } from '../domain/reply/reply.js';
import { listUploads, recordUpload, statesCitingAttachment } from '../repositories/attachment.repository.js';
import {
  findReplyDraft,
  saveReplyDraftRow,
  type DraftCommentRow,
  type DraftPosition,
  type ReplyDraft,
  type ReplyDraftContent,
} from '../repositories/reply-draft.repository.js';
import type { ReplyFormSpec } from '../domain/procedure/presentation.js';
import { authorizeDraft, optionOfChoice, SIGNATURE_LIMITS } from './read-reply-draft.js';
import { loadConsultation } from './load-consultation.js';
import { assertEligible } from './reply-writer.js';
import { inTransaction, type ServiceContext } from './service-context.js';
import { assertOpen } from './submit-reply.js';

export interface SaveReplyDraftOptions {
  readonly actor: Actor;
  readonly consultationId: string;
  readonly memberState: string;
  /** The form's values as they are (nothing needs to be complete in a draft). */
  readonly content: ReplyDraftContent;
  /** The reply version the form was built from (0: none). */
  readonly basedOnVersion: number;
  /** The draft revision the form was built from (0: there was no draft). */
  readonly expectedRevision: number;
}

/**
 * Saves the State's draft reply, shared by the State's focal points, so that it can be finished
 * later or by a colleague. Only that State's focal points may, only while the consultation is
 * open (the procedure's deadline rule: after the deadline nothing more can be sent, so nothing is prepared), and
 * only for a State that may reply. A save over a revision the saver did not see (a colleague or
 * another tab saved meanwhile) is refused as STALE_REPLY, with who saved it and when. Files are
 * cited by id: each must be the State's (uploaded by the saver, kept in the draft, or cited by
 * one of the State's replies); a colleague's file is adopted so that the saver may submit it.
 *
 * No audit row: a draft is not the record. Nothing in it counts or is seen outside the State,
 * and every act with legal meaning (a version submitted, amended or withdrawn, a file uploaded)
 * writes its own audit row; auditing each save of a half-written form would fill the chain with
 * noise that proves nothing. The draft row itself keeps who saved it last and when.
 * @throws UNAUTHENTICATED, ROLE_MAY_NOT_REPLY, NOT_YOUR_MEMBER_STATE, NOT_FOUND, CONSULTATION_NOT_OPEN,
 *   DEADLINE_PASSED, PHASE_NOT_ACCEPTING, UNKNOWN_MEMBER_STATE, STATE_NOT_ELIGIBLE, VALIDATION_FAILED (a text too long),
 *   UNKNOWN_ATTACHMENT, STALE_REPLY
 */
export async function saveReplyDraft(ctx: ServiceContext, options: SaveReplyDraftOptions): Promise<ReplyDraft> {
  authorizeDraft(options.actor, options.memberState);
  if (
    !Number.isSafeInteger(options.basedOnVersion) ||
    options.basedOnVersion < 0 ||
    !Number.isSafeInteger(options.expectedRevision) ||
    options.expectedRevision < 0
  ) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The version and revision the form was built from are whole numbers from 0',
    );
  }
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock();
    const loaded = await loadConsultation(trx, options.consultationId, options.actor);
    await assertOpen(trx, loaded, now);
    await assertEligible(trx, loaded, options.memberState);
    const content = normalise(
      options.content,
      loaded.texts.map((t) => t.id),
      loaded.procedure.replyForm,
    );
    const current = await findReplyDraft(trx, options.consultationId, options.memberState);

    const files = Object.entries(content.positions).flatMap(([text, p]) =>
      p.attachment ? [{ text, ...p.attachment }] : [],
    );
    const unknown: FieldProblem[] = [];
    for (const file of files) {
      if (!(await isStateAttachment(trx, options.actor, options.memberState, file.sha256, current)))
        unknown.push({
          field: `/positions/${file.text}/attachment`,
          message: `No attachment with SHA-256 ${file.sha256} belongs to ${options.memberState}`,
        });
    }
    if (unknown.length > 0)
      throw new AppError('UNKNOWN_ATTACHMENT', 'A file named in the draft was not uploaded by your State', {
        errors: unknown,
      });
    await adoptStateAttachments(trx, options.actor, files, now);

    const currentRevision = current?.revision ?? 0;
    const draft: ReplyDraft = {
      consultationId: options.consultationId,
      memberState: options.memberState,
      revision: currentRevision + 1,
      basedOnVersion: options.basedOnVersion,
      content,
      createdAt: current?.createdAt ?? now,
      updatedBy: options.actor.id,
      updatedAt: now,
    };
    if (
      currentRevision !== options.expectedRevision ||
      !(await saveReplyDraftRow(trx, draft, options.expectedRevision))
    ) {
      const latest = current ?? (await findReplyDraft(trx, options.consultationId, options.memberState));
      throw staleDraft(options.memberState, latest);
    }
    return draft;
  });
}

/** The refusal of a save over a revision the saver did not see. */
function staleDraft(memberState: string, latest: ReplyDraft | undefined): AppError {
  const detail = latest
    ? `The draft of ${memberState} was saved again (revision ${latest.revision}, at ${new Date(latest.updatedAt).toISOString()}) after your form was opened`
    : `The draft of ${memberState} was discarded or submitted after your form was opened`;
  return new AppError('STALE_REPLY', `${detail}. Reload it and make your changes again.`, {
    errors: [{ field: '/draft', message: detail }],
  });
}

/** Whether a drafted row holds anything (the form's spare rows do not). */
function hasContent(row: DraftCommentRow): boolean {
  return `${row.clause}${row.comment}${row.proposedChange}`.trim() !== '';
}

/**
 * Keeps the texts of the consultation only, and of each the choice and sub-option its procedure's
 * form offers a focal point (a recorded-only choice, an unknown kind or id, is not chosen; a
 * sub-option of another choice than the one ticked is a leftover of the form, dropped); refuses
 * texts longer than a reply may carry.
 */
function normalise(content: ReplyDraftContent, textIds: readonly string[], form: ReplyFormSpec): ReplyDraftContent {
  const kinds = new Set(form.choices.filter((choice) => !choice.recordedOnly).map((choice) => choice.kind));
  const options = new Set(form.choices.flatMap((choice) => choice.options?.choices.map((o) => o.id) ?? []));
  const problems: FieldProblem[] = [];
  const positions: Record<string, DraftPosition> = {};
  for (const text of textIds) {
    const p = content.positions[text];
    if (!p) continue;
    for (const [name, value] of [
      ['comments', p.comments],
      ['reasons', p.reasons],
      ['possibleChanges', p.possibleChanges],
    ] as const) {
      if (value.length > MAX_FREE_TEXT)
        problems.push({
          field: `/positions/${text}/${name}`,
          message: `At most ${MAX_FREE_TEXT} characters`,
          code: 'TEXT_TOO_LONG',
        });
    }
    const rows = p.commentTable ?? [];
    if (rows.length > MAX_COMMENT_ROWS)
      problems.push({
        field: `/positions/${text}/commentTable`,
        message: `At most ${MAX_COMMENT_ROWS} rows in the comments table of one text`,
        code: 'TOO_MANY_COMMENT_ROWS',
      });
    rows.forEach((row, index) => {
      for (const [name, value, max] of [
        ['clause', row.clause, MAX_CLAUSE_LENGTH],
        ['comment', row.comment, MAX_FREE_TEXT],
        ['proposedChange', row.proposedChange, MAX_FREE_TEXT],
      ] as const) {
        if (value.length > max)
          problems.push({
            field: `/positions/${text}/commentTable/${index}/${name}`,
            message: `At most ${max} characters`,
            code: 'TEXT_TOO_LONG',
          });
      }
    });
    const position = p.position !== null && kinds.has(p.position) ? p.position : null;
    const option = p.option !== null && options.has(p.option) ? p.option : null;
    positions[text] = {
      position,
      option: position === null ? option : optionOfChoice(form, position, option),
      comments: p.comments,
      reasons: p.reasons,
      possibleChanges: p.possibleChanges,
      attachment: p.attachment ? { sha256: p.attachment.sha256, filename: p.attachment.filename.slice(0, 200) } : null,
      // Only rows that hold something, and none at all in a draft without them (as drafts were before the table).
      ...(rows.some(hasContent) && {
        commentTable: rows
          .filter(hasContent)
          .map((row) => ({ clause: row.clause, comment: row.comment, proposedChange: row.proposedChange })),
      }),
    };
  }
  const limits = [
    ['/signatory/name', content.signatoryName, SIGNATURE_LIMITS.name],
    ['/signatory/title', content.signatoryTitle, SIGNATURE_LIMITS.title],
    ['/place', content.place, SIGNATURE_LIMITS.place],
    ['/signedOn', content.signedOn, 10],
  ] as const;
  for (const [field, value, max] of limits)
    if (value.length > max) problems.push({ field, message: `At most ${max} characters`, code: 'TEXT_TOO_LONG' });
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', 'A field of the draft is too long', { errors: problems });
  return {
    positions,
    signatoryName: content.signatoryName,
    signatoryTitle: content.signatoryTitle,
    place: content.place,
    signedOn: content.signedOn,
  };
}

/**
 * Whether a State's focal point may cite this file in the State's reply: they uploaded it, or it
 * is already the State's (in its stored draft, or cited by one of its replies). Knowing the hash
 * of another State's file gives nothing.
 */
export async function isStateAttachment(
  db: Executor | Transaction<DB>,
  actor: Actor,
  memberState: string,
  sha256: string,
  draft: ReplyDraft | undefined,
): Promise<boolean> {
  const uploads = await listUploads(db, sha256);
  if (uploads.length === 0) return false;
  if (uploads.some((u) => u.uploadedBy === actor.id)) return true;
  if (draft && Object.values(draft.content.positions).some((p) => p.attachment?.sha256 === sha256)) return true;
  return (await statesCitingAttachment(db, sha256)).includes(memberState);
}

/**
 * Records `actor` as an uploader of the State's files it did not upload itself (a colleague's
 * file kept in the shared draft, or one of an earlier version), under the name the draft shows,
 * so that the reply-writer's rule "a State cites only files it uploaded" holds for whichever
 * focal point of the State submits. Only files `isStateAttachment` accepts may be passed.
 */
export async function adoptStateAttachments(
  trx: Transaction<DB>,
  actor: Actor,
  files: readonly { sha256: string; filename: string }[],
  now: number,
): Promise<void> {
  for (const file of files) {
    const uploads = await listUploads(trx, file.sha256);
    if (!uploads.some((u) => u.uploadedBy === actor.id))
      await recordUpload(trx, { sha256: file.sha256, uploadedBy: actor.id, filename: file.filename, uploadedAt: now });
  }
}
