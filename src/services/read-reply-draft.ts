import type { FieldProblem } from '../domain/errors.js';
import { choiceOf, type ReplyFormSpec } from '../domain/procedure/presentation.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import type { PositionInput, ReplyPosition } from '../domain/reply/reply.js';
import {
  findReplyDraft,
  type DraftPosition,
  type ReplyDraft,
  type ReplyDraftContent,
} from '../repositories/reply-draft.repository.js';
import type { ReplyInput } from '../schemas/reply.schema.js';
import { loadConsultation, type LoadedConsultation } from './load-consultation.js';
import type { ServiceContext } from './service-context.js';

export type {
  DraftAttachment,
  DraftPosition,
  ReplyDraft,
  ReplyDraftContent,
} from '../repositories/reply-draft.repository.js';

/**
 * A draft reply is the State's working paper: only the focal points of that State read or
 * change it (the `reply:submit` rule of the policy: not another State, not the secretariat, not
 * an observer). The secretariat sees replies once they are submitted, never drafts.
 * @throws UNAUTHENTICATED, ROLE_MAY_NOT_REPLY, NOT_YOUR_MEMBER_STATE
 */
export function authorizeDraft(actor: Actor, memberState: string): void {
  authorize(actor, { action: 'reply:submit', memberState });
}

/**
 * The State's draft reply to a consultation, or null when there is none.
 * @throws UNAUTHENTICATED, ROLE_MAY_NOT_REPLY, NOT_YOUR_MEMBER_STATE, NOT_FOUND
 */
export async function getReplyDraft(
  ctx: ServiceContext,
  options: { actor: Actor; consultationId: string; memberState: string },
): Promise<ReplyDraft | null> {
  authorizeDraft(options.actor, options.memberState);
  await loadConsultation(ctx.db, options.consultationId, options.actor);
  return (await findReplyDraft(ctx.db, options.consultationId, options.memberState)) ?? null;
}

/** An empty reply block: no choice ticked, nothing typed. */
export const EMPTY_DRAFT_POSITION: DraftPosition = {
  position: null,
  option: null,
  comments: '',
  reasons: '',
  possibleChanges: '',
  attachment: null,
};

/**
 * The sub-option a position carries: the one ticked when it is one of its choice's sub-options in
 * the procedure's form, else none (a sub-option ticked before switching to another choice is a
 * leftover of the form: a radio button cannot be unticked without a script, so it says nothing).
 * Without the form, the option is kept as it is.
 */
export function optionOfChoice(
  form: ReplyFormSpec | undefined,
  position: string,
  option: string | null,
): string | null {
  if (option === null || form === undefined) return option;
  return choiceOf(form, position)?.options?.choices.some((o) => o.id === option) ? option : null;
}

/**
 * The positions a draft would submit, in the order of the consultation's texts, with only what a
 * person can have meant: a text with no choice ticked is left out (the page asks for it), and a
 * sub-option that is not the ticked choice's is dropped (`optionOfChoice`). Every typed field is
 * kept, so that a comment typed under another choice is pointed out rather than silently lost.
 */
export function positionsOfDraft(
  content: ReplyDraftContent,
  textIds: readonly string[],
  form: ReplyFormSpec,
): PositionInput[] {
  const positions: PositionInput[] = [];
  for (const text of textIds) {
    const p = content.positions[text];
    if (!p || p.position === null) continue;
    positions.push({
      text,
      position: p.position,
      option: optionOfChoice(form, p.position, p.option),
      comments: p.comments,
      reasons: p.reasons,
      possibleChanges: p.possibleChanges,
      attachment: p.attachment?.sha256 ?? null,
      ...(p.commentTable && p.commentTable.length > 0 && { commentTable: p.commentTable }),
    });
  }
  return positions;
}

/**
 * The reply a draft stands for, as submitReply takes it, refusing any change after `basedOnVersion`.
 * Against the consultation's reply form, a leftover sub-option is dropped: a draft saved before
 * drafts were checked against the form may still hold one, and review drops it too.
 * Each position carries its text, its kind and the fields the form filled in, nothing blank.
 */
export function replyInputOfDraft(
  draft: Pick<ReplyDraft, 'content' | 'basedOnVersion'>,
  textIds: readonly string[],
  form: ReplyFormSpec,
): ReplyInput {
  const { content } = draft;
  const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    // Only what the form holds: a field left blank is not sent, so a procedure whose position has
    // no such field (no sub-option, no comments) takes the reply as its schema says.
    positions: positionsOfDraft(content, textIds, form).map((p) => {
      const position: Record<string, string> = { text: p.text, position: p.position };
      for (const name of ['option', 'comments', 'reasons', 'possibleChanges', 'attachment'] as const) {
        const value = p[name];
        if (value !== undefined && value !== null && value.trim() !== '') position[name] = value;
      }
      // The rows as typed, blank cells as none: the rule refuses a row without its comment, at its index.
      const table = p.commentTable?.map((row) => ({
        clause: row.clause?.trim() ? row.clause.trim() : null,
        comment: row.comment ?? '',
        proposedChange: row.proposedChange?.trim() ? row.proposedChange : null,
      }));
      return (table && table.length > 0 ? { ...position, commentTable: table } : position) as unknown as PositionInput;
    }),
    signatory: { name: content.signatoryName.trim(), title: content.signatoryTitle.trim() },
    place: blankToNull(content.place),
    signedOn: blankToNull(content.signedOn),
    expectedVersion: draft.basedOnVersion,
  };
}

/** The longest signatory name, title and place a reply takes (src/schemas/reply.schema.ts). */
export const SIGNATURE_LIMITS = { name: 200, title: 500, place: 200 } as const;

/**
 * Problems of the signature block of the reply ("[Name] [Official role/title]", "[Place,] [Date]"):
 * a reply is signed by a named official with a title; place and date are optional, the date a
 * real calendar day. Fields are named as in the reply schema (`/signatory/name`…).
 */
export function signatureProblems(content: ReplyDraftContent): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const name = content.signatoryName.trim();
  const title = content.signatoryTitle.trim();
  if (name === '')
    problems.push({ field: '/signatory/name', message: 'Give the name of the official who signs the reply' });
  else if (name.length > SIGNATURE_LIMITS.name)
    problems.push({
      field: '/signatory/name',
      message: `At most ${SIGNATURE_LIMITS.name} characters`,
      code: 'TEXT_TOO_LONG',
    });
  if (title === '')
    problems.push({ field: '/signatory/title', message: "Give the signatory's official role or title" });
  else if (title.length > SIGNATURE_LIMITS.title)
    problems.push({
      field: '/signatory/title',
      message: `At most ${SIGNATURE_LIMITS.title} characters`,
      code: 'TEXT_TOO_LONG',
    });
  if (content.place.trim().length > SIGNATURE_LIMITS.place)
    problems.push({ field: '/place', message: `At most ${SIGNATURE_LIMITS.place} characters`, code: 'TEXT_TOO_LONG' });
  const day = content.signedOn.trim();
  if (day !== '' && !isCalendarDay(day)) problems.push({ field: '/signedOn', message: 'Give the date as YYYY-MM-DD' });
  return problems;
}

/** True for a real `YYYY-MM-DD` day (2023-02-30 is not one). */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(value);
}

export interface DraftCheck {
  /** The positions sent to the procedure's check, in the order of the consultation's texts (problems point into this list). */
  readonly sent: PositionInput[];
  /** Problems of the positions, as the procedure words them (`/positions/<index>/<field>`). */
  readonly problems: FieldProblem[];
  /** The positions as they would be stored (normalised), when there is no problem. */
  readonly positions: ReplyPosition[];
}

/**
 * Checks a draft's positions with the consultation's procedure exactly as a submission over the
 * web would be checked (the procedure's reply rule, its reasons rule included),
 * without storing anything: the review page shows a reply only once it would be accepted.
 * @throws UNAUTHENTICATED, ROLE_MAY_NOT_REPLY, NOT_YOUR_MEMBER_STATE, NOT_FOUND
 */
export async function checkReplyDraft(
  ctx: ServiceContext,
  options: { actor: Actor; consultationId: string; memberState: string; content: ReplyDraftContent },
): Promise<DraftCheck> {
  authorizeDraft(options.actor, options.memberState);
  const loaded = await loadConsultation(ctx.db, options.consultationId, options.actor);
  return checkDraftPositions(loaded, options.content);
}

/** The procedure's check of a draft's positions (pure, given the loaded consultation). */
export function checkDraftPositions(loaded: LoadedConsultation, content: ReplyDraftContent): DraftCheck {
  const textIds = loaded.texts.map((t) => t.id);
  const sent = positionsOfDraft(content, textIds, loaded.procedure.replyForm);
  const check = loaded.procedure.checkReply(sent, textIds, 'web', loaded.consultation.resolutionEdition);
  return { sent, problems: check.problems, positions: check.problems.length === 0 ? check.positions : [] };
}
