import type { ReplyVersion } from '../domain/reply/reply.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize, can } from '../domain/policy/policy.js';
import { AppError } from '../domain/errors.js';
import { accountNames } from '../repositories/account.repository.js';
import { tokenLabels } from '../repositories/api-token.repository.js';
import { attachmentFileNames } from '../repositories/attachment.repository.js';
import { findMemberState, listMemberStates, type StoredMemberState } from '../repositories/member-state.repository.js';
import {
  findReplyVersions,
  listCurrentReplies,
  listReplyVersions,
  type ReplyPointers,
} from '../repositories/reply.repository.js';
import { deadlinePassed, loadConsultation, type LoadedConsultation } from './load-consultation.js';
import type { ServiceContext } from './service-context.js';
import { participationOf } from './participants.js';

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
  const rows = states
    .filter((s) => (onlyState === undefined ? true : s.code === onlyState))
    .filter((s) => byState.has(s.code) || participationOf(loaded, s).eligible)
    .map((state) => {
      const entry = byState.get(state.code);
      return { state, latest: entry?.latest ?? null, countedVersion: entry?.pointers.countedVersion ?? null };
    });
  return { loaded, rows };
}

/** What an export of the replies shows beside each State's latest version and the stored ids. */
export interface ReplyExportDetails extends ReplyNames {
  /**
   * The version that counts, by State, where it is not the latest (an amendment received after the
   * deadline, or withdrawn after it): the export shows both, so that its rows add up to the results.
   */
  readonly countedVersions: ReadonlyMap<string, ReplyVersion>;
}

/**
 * What an export of `overview` prints beyond the overview: the counted versions that are not the
 * latest, the files' names for whoever may read the replies (the public reply documents print them
 * too), and the names of who entered the replies for the secretariat only (others see the ids, as
 * the API's JSON gives them). A fixed number of queries, whatever the number of States and files.
 */
export async function replyExportDetails(
  ctx: ServiceContext,
  actor: Actor,
  overview: ReplyOverview,
  options: { readonly people?: boolean } = {},
): Promise<ReplyExportDetails> {
  const consultationId = overview.loaded.consultation.id;
  // Few States if any: a late amendment, or a withdrawal after the deadline.
  const earlier = overview.rows.flatMap((row) =>
    row.latest === null || row.countedVersion === null || row.countedVersion === row.latest.version
      ? []
      : [{ memberState: row.state.code, version: row.countedVersion }],
  );
  const countedVersions = new Map(
    (await findReplyVersions(ctx.db, consultationId, earlier)).map((v) => [v.memberState, v] as const),
  );
  const versions = [
    ...overview.rows.flatMap((row) => (row.latest === null ? [] : [row.latest])),
    ...countedVersions.values(),
  ];
  return { countedVersions, ...(await replyNames(ctx, actor, versions, options)) };
}

/** The names a page or a file prints instead of the ids stored in reply versions. */
export interface ReplyNames {
  /** The name each attachment and original form of the versions was stored under, by SHA-256. */
  readonly fileNames: ReadonlyMap<string, string>;
  /**
   * For the secretariat only: who entered the versions, by recorded id: an account's name, or an
   * API token's label (with its account's name when it has one).
   */
  readonly enteredBy: ReadonlyMap<string, string>;
}

/**
 * The names of the files the versions cite, for whoever may read them, and of who entered them,
 * for the secretariat only (others see the ids, as the API's JSON gives them). Three queries,
 * whatever the number of versions.
 */
export async function replyNames(
  ctx: ServiceContext,
  actor: Actor,
  versions: readonly ReplyVersion[],
  options: { readonly people?: boolean } = {},
): Promise<ReplyNames> {
  const fileNames = await attachmentFileNames(
    ctx.db,
    versions.flatMap((v) => [
      ...(v.originalFile === null ? [] : [v.originalFile]),
      ...v.positions.flatMap((p) => (p.attachment === null ? [] : [p.attachment])),
    ]),
  );
  const enteredBy = new Map<string, string>();
  // `people: false` for a page that names nobody (the comments).
  if (actor.kind === 'secretariat' && options.people !== false) {
    const ids = [...new Set(versions.map((v) => v.enteredBy))];
    const idsOf = (prefix: string) => ids.filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length));
    const tokens = await tokenLabels(ctx.db, idsOf('token:'));
    const accounts = await accountNames(ctx.db, [
      ...idsOf('account:'),
      ...[...tokens.values()].flatMap((token) => (token.accountId === null ? [] : [token.accountId])),
    ]);
    for (const [id, name] of accounts) enteredBy.set(`account:${id}`, name);
    for (const [id, token] of tokens) {
      const owner = token.accountId === null ? undefined : accounts.get(token.accountId);
      enteredBy.set(`token:${id}`, owner === undefined ? token.label : `${token.label} (${owner})`);
    }
  }
  return { fileNames, enteredBy };
}
