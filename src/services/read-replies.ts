import type { ReplyVersion } from '../domain/reply/reply.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize, can } from '../domain/policy/policy.js';
import { AppError } from '../domain/errors.js';
import { findAccount } from '../repositories/account.repository.js';
import { findAttachmentMeta } from '../repositories/attachment.repository.js';
import { findMemberState, listMemberStates, type StoredMemberState } from '../repositories/member-state.repository.js';
import { listCurrentReplies, listReplyVersions, type ReplyPointers } from '../repositories/reply.repository.js';
import { deadlinePassed, loadConsultation, type LoadedConsultation } from './load-consultation.js';
import type { ServiceContext } from './service-context.js';

export interface StateReply {
  readonly loaded: LoadedConsultation;
  readonly memberState: string;
  readonly pointers: ReplyPointers | null;
  /** Every version, oldest first. */
  readonly versions: ReplyVersion[];
}

/**
 * One State's reply with all its versions, for those allowed to see it (the secretariat, the
 * State itself, and everyone after the deadline when the consultation makes replies public).
 * @throws NOT_FOUND, NOT_YOUR_MEMBER_STATE, FORBIDDEN, UNAUTHENTICATED
 */
export async function getStateReply(
  ctx: ServiceContext,
  options: { actor: Actor; consultationId: string; memberState: string },
): Promise<StateReply> {
  const now = ctx.clock();
  const loaded = await loadConsultation(ctx.db, options.consultationId, options.actor);
  authorize(options.actor, {
    action: 'reply:read',
    memberState: options.memberState,
    deadlinePassed: deadlinePassed(loaded.consultation, now),
    individualRepliesPublic: loaded.consultation.settings.individualRepliesPublic,
  });
  if (!(await findMemberState(ctx.db, options.memberState)))
    throw new AppError('UNKNOWN_MEMBER_STATE', `No Member State with code "${options.memberState}"`);
  const [current] = await listCurrentReplies(ctx.db, options.consultationId, options.memberState);
  const versions =
    current && current.pointers.currentVersion > 0
      ? await listReplyVersions(ctx.db, options.consultationId, options.memberState)
      : [];
  return {
    loaded,
    memberState: options.memberState,
    pointers: versions.length > 0 ? current!.pointers : null,
    versions,
  };
}

export interface ReplyOverviewRow {
  readonly state: StoredMemberState;
  /** The latest version, or null when the State has not replied. */
  readonly latest: ReplyVersion | null;
  readonly countedVersion: number | null;
}

export interface ReplyOverview {
  readonly loaded: LoadedConsultation;
  /** One row per State that may reply (replied or not), plus any other State that has a reply on record. */
  readonly rows: ReplyOverviewRow[];
}

/**
 * Who replied, with which positions, and who has not: the secretariat's dashboard (and the
 * public list after the deadline where replies are public). A focal point sees its own State
 * only.
 * @throws NOT_FOUND, FORBIDDEN, UNAUTHENTICATED
 */
export async function listReplies(
  ctx: ServiceContext,
  options: { actor: Actor; consultationId: string },
): Promise<ReplyOverview> {
  const now = ctx.clock();
  const loaded = await loadConsultation(ctx.db, options.consultationId, options.actor);
  const passed = deadlinePassed(loaded.consultation, now);
  const all = {
    action: 'reply:list-all' as const,
    deadlinePassed: passed,
    individualRepliesPublic: loaded.consultation.settings.individualRepliesPublic,
  };
  let onlyState: string | undefined;
  if (!can(options.actor, all)) {
    if (options.actor.kind !== 'focal_point') authorize(options.actor, all);
    else onlyState = options.actor.memberState;
  }
  const [states, current] = await Promise.all([
    listMemberStates(ctx.db),
    listCurrentReplies(ctx.db, options.consultationId, onlyState),
  ]);
  const byState = new Map(current.filter((c) => c.pointers.currentVersion > 0).map((c) => [c.pointers.memberState, c]));
  const consulted = loaded.consultation.settings.eligibleStates;
  const rows = states
    .filter((s) => (onlyState === undefined ? true : s.code === onlyState))
    .filter((s) => byState.has(s.code) || (s.mayReply && (consulted === null || consulted.includes(s.code))))
    .map((state) => {
      const entry = byState.get(state.code);
      return { state, latest: entry?.latest ?? null, countedVersion: entry?.pointers.countedVersion ?? null };
    });
  return { loaded, rows };
}

/** What an export of the replies shows beside the stored ids: file names, and who entered each reply. */
export interface ReplyExportDetails {
  /** The name each attachment and original file of the latest replies was uploaded with, by SHA-256. */
  readonly fileNames: ReadonlyMap<string, string>;
  /** For the secretariat only: the name of the account behind each `account:<id>` that entered a latest reply. */
  readonly enteredBy: ReadonlyMap<string, string>;
}

/**
 * The names an export of `overview` prints instead of ids: the files' names for whoever may read
 * the replies, and the names of the people who entered them for the secretariat only (others see
 * the ids, as the API's JSON gives them).
 */
export async function replyExportDetails(
  ctx: ServiceContext,
  actor: Actor,
  overview: ReplyOverview,
): Promise<ReplyExportDetails> {
  const latest = overview.rows.flatMap((row) => (row.latest === null ? [] : [row.latest]));
  const files = new Set(
    latest.flatMap((v) => [
      ...(v.originalFile === null ? [] : [v.originalFile]),
      ...v.positions.flatMap((p) => (p.attachment === null ? [] : [p.attachment])),
    ]),
  );
  const fileNames = new Map<string, string>();
  for (const sha256 of files) {
    const meta = await findAttachmentMeta(ctx.db, sha256);
    if (meta) fileNames.set(sha256, meta.filename);
  }
  const enteredBy = new Map<string, string>();
  if (actor.kind === 'secretariat')
    for (const id of new Set(latest.map((v) => v.enteredBy))) {
      if (!id.startsWith('account:')) continue;
      const account = await findAccount(ctx.db, id.slice('account:'.length));
      if (account) enteredBy.set(id, account.name);
    }
  return { fileNames, enteredBy };
}
