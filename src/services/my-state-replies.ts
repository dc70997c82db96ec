import type { ConsultationState } from '../domain/consultation/consultation-state.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { type PhaseDefinition, type PhaseWindow, phaseRefusal } from '../domain/procedure/phases.js';
import type { EligibilityAnswer } from '../domain/procedure/procedure.js';
import { listDecisions } from '../repositories/decision.repository.js';
import { timelineOf } from './compute-results.js';
import type { ReplyVersion } from '../domain/reply/reply.js';
import type { Receipt } from '../domain/receipt/receipt.js';
import { findAccount } from '../repositories/account.repository.js';
import { findAttachmentMeta } from '../repositories/attachment.repository.js';
import { findMemberState, type StoredMemberState } from '../repositories/member-state.repository.js';
import { listReplyDraftsOf, type ReplyDraft } from '../repositories/reply-draft.repository.js';
import { listCurrentReplies, listReplyVersions } from '../repositories/reply.repository.js';
import { listConsultations } from './get-consultation.js';
import type { LoadedConsultation } from './load-consultation.js';
import { deadlinePassed } from './load-consultation.js';
import { getStateReply } from './read-replies.js';
import { getReplyDraft } from './read-reply-draft.js';
import { participationOf } from './participants.js';
import { getReceipt } from './receipts.js';
import type { ServiceContext } from './service-context.js';

/**
 * What a focal point's pages read about their own State: the consultations it owes a reply to,
 * and for one consultation its reply (every version), its draft and its eligibility. The State is
 * always the actor's own: no parameter names another one, so no address can show another State's
 * reply, draft or receipt.
 */

/** The State a focal point acts for. @throws UNAUTHENTICATED, ROLE_MAY_NOT_REPLY for anyone else */
export function stateOfFocalPoint(actor: Actor): string {
  if (actor.kind === 'focal_point') return actor.memberState;
  authorize(actor, { action: 'reply:submit', memberState: '' });
  throw new AppError('ROLE_MAY_NOT_REPLY', 'Only a Member State focal point replies');
}

/** Who did something to the State's reply, as the State may be told. */
export type Person =
  | { readonly kind: 'colleague'; readonly name: string }
  | { readonly kind: 'secretariat' }
  | { readonly kind: 'program' };

async function memberStateOf(ctx: ServiceContext, code: string): Promise<StoredMemberState> {
  const state = await findMemberState(ctx.db, code);
  if (!state) throw new AppError('UNKNOWN_MEMBER_STATE', `No Member State with code "${code}"`);
  return state;
}

export interface OwedConsultation {
  readonly loaded: LoadedConsultation;
  readonly state: ConsultationState;
  readonly deadlinePassed: boolean;
  /** The window in which replies will be taken when none is open yet (as on the reply form); null otherwise. */
  readonly replyWindowToCome: PhaseWindow | null;
  readonly eligibility: EligibilityAnswer;
  /** The State's latest version, or null when it has not replied. */
  readonly latest: ReplyVersion | null;
  /** The version that counts (the latest received by the deadline), or null. */
  readonly counted: ReplyVersion | null;
  readonly draft: ReplyDraft | null;
}

export interface OwedReplies {
  readonly memberState: StoredMemberState;
  /** Issued consultations, newest first. */
  readonly consultations: OwedConsultation[];
}

/**
 * "What my State owes": every issued consultation with the State's reply (latest and counted
 * versions) and draft, for the focal point's own State.
 * @throws UNAUTHENTICATED, ROLE_MAY_NOT_REPLY
 */
export async function listOwedReplies(ctx: ServiceContext, options: { actor: Actor }): Promise<OwedReplies> {
  const code = stateOfFocalPoint(options.actor);
  const now = ctx.clock();
  const [memberState, views] = await Promise.all([
    memberStateOf(ctx, code),
    listConsultations(ctx, { actor: options.actor }),
  ]);
  const issued = views.filter((v) => v.loaded.consultation.issuedAt !== null);
  const drafts = await listReplyDraftsOf(
    ctx.db,
    code,
    issued.map((v) => v.loaded.consultation.id),
  );
  const consultations: OwedConsultation[] = [];
  for (const view of issued) {
    const id = view.loaded.consultation.id;
    const [current] = await listCurrentReplies(ctx.db, id, code);
    const latest = current && current.pointers.currentVersion > 0 ? current.latest : null;
    const countedVersion = current?.pointers.countedVersion ?? null;
    let counted: ReplyVersion | null = null;
    if (countedVersion !== null)
      counted =
        countedVersion === latest?.version
          ? latest
          : ((await listReplyVersions(ctx.db, id, code)).find((v) => v.version === countedVersion) ?? null);
    consultations.push({
      loaded: view.loaded,
      state: view.state,
      deadlinePassed: deadlinePassed(view.loaded.consultation, now),
      replyWindowToCome: windowToCome(view.loaded.procedure.phases, view.timeline, now),
      eligibility: participationOf(view.loaded, memberState),
      latest,
      counted,
      draft: drafts.find((d) => d.consultationId === id) ?? null,
    });
  }
  return { memberState, consultations };
}

/** The window in which replies will be taken, when none holds `now` and one is still to come. */
function windowToCome(
  phases: readonly PhaseDefinition[],
  timeline: readonly PhaseWindow[],
  now: number,
): PhaseWindow | null {
  const refusal = phaseRefusal(phases, timeline, 'reply', now);
  return refusal?.reason === 'not_yet' ? refusal.window : null;
}

export interface ReplyWorkspace {
  readonly loaded: LoadedConsultation;
  readonly memberState: StoredMemberState;
  readonly eligibility: EligibilityAnswer;
  readonly deadlinePassed: boolean;
  /**
   * The window in which replies will be taken when none is open yet (a procedure whose phase for
   * replies opens after the issue, or comes back later); null while replies are taken, and after.
   */
  readonly replyWindowToCome: PhaseWindow | null;
  /** Every version of the State's reply, oldest first. */
  readonly versions: ReplyVersion[];
  /** The latest version number (0: none). */
  readonly currentVersion: number;
  readonly countedVersion: number | null;
  readonly draft: ReplyDraft | null;
  /** Who saved the draft and entered each version, by actor id. */
  readonly people: ReadonlyMap<string, Person>;
  /** The names of the files cited by the State's versions, by SHA-256. */
  readonly fileNames: ReadonlyMap<string, string>;
}

/**
 * Everything the reply pages of one consultation show: the State's reply with every version,
 * its draft, whether the State may reply and whether the deadline has passed.
 * @throws UNAUTHENTICATED, ROLE_MAY_NOT_REPLY, NOT_FOUND (also for a consultation not issued)
 */
export async function getReplyWorkspace(
  ctx: ServiceContext,
  options: { actor: Actor; consultationId: string },
): Promise<ReplyWorkspace> {
  const code = stateOfFocalPoint(options.actor);
  const reply = await getStateReply(ctx, {
    actor: options.actor,
    consultationId: options.consultationId,
    memberState: code,
  });
  if (reply.loaded.consultation.issuedAt === null)
    throw new AppError('NOT_FOUND', `No consultation "${options.consultationId}"`);
  const [memberState, draft] = await Promise.all([
    memberStateOf(ctx, code),
    getReplyDraft(ctx, { actor: options.actor, consultationId: options.consultationId, memberState: code }),
  ]);
  const ids = new Set<string>(reply.versions.map((v) => v.enteredBy));
  if (draft) ids.add(draft.updatedBy);
  const people = new Map<string, Person>();
  for (const id of ids) people.set(id, await personOf(ctx, id, code));
  // Whether the consultation takes replies now, by its procedure's phases (as the writes ask it).
  const now = ctx.clock();
  const decisions = await listDecisions(ctx.db, options.consultationId);
  const toCome = windowToCome(
    reply.loaded.procedure.phases,
    timelineOf(
      reply.loaded,
      decisions.map((d) => d.input),
    ),
    now,
  );
  const fileNames = new Map<string, string>();
  for (const sha256 of new Set(
    reply.versions.flatMap((v) => v.positions.flatMap((p) => (p.attachment ? [p.attachment] : []))),
  )) {
    const meta = await findAttachmentMeta(ctx.db, sha256);
    if (meta) fileNames.set(sha256, meta.filename);
  }
  return {
    loaded: reply.loaded,
    memberState,
    eligibility: participationOf(reply.loaded, memberState),
    deadlinePassed: deadlinePassed(reply.loaded.consultation, now),
    replyWindowToCome: toCome,
    versions: reply.versions,
    currentVersion: reply.pointers?.currentVersion ?? 0,
    countedVersion: reply.pointers?.countedVersion ?? null,
    draft,
    people,
    fileNames,
  };
}

/** A colleague of the State by name; the secretariat and programs without naming anyone. */
async function personOf(ctx: ServiceContext, actorId: string, memberState: string): Promise<Person> {
  if (!actorId.startsWith('account:')) return { kind: 'program' };
  const account = await findAccount(ctx.db, actorId.slice('account:'.length));
  if (!account) return { kind: 'program' };
  if (account.role === 'focal_point' && account.memberState === memberState)
    return { kind: 'colleague', name: account.name };
  return account.role === 'secretariat_admin' || account.role === 'secretariat_staff'
    ? { kind: 'secretariat' }
    : { kind: 'program' };
}

/**
 * The signed receipt of one version of the focal point's own State's reply.
 * @throws UNAUTHENTICATED, ROLE_MAY_NOT_REPLY, NOT_FOUND
 */
export async function getMyReceipt(
  ctx: ServiceContext,
  options: { actor: Actor; consultationId: string; version: number },
): Promise<Receipt> {
  const code = stateOfFocalPoint(options.actor);
  return getReceipt(ctx, {
    actor: options.actor,
    consultationId: options.consultationId,
    memberState: code,
    version: options.version,
  });
}
