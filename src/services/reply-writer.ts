import { citeClauseOf } from '../domain/procedure/procedure.js';
import type { Transaction } from 'kysely';
import type { DB } from '../db/database.js';
import { positionHashes } from '../domain/audit/record-hashes.js';
import { replyContentHash } from '../domain/reply/reply-hash.js';
import { isOnTime } from '../domain/consultation/consultation-state.js';
import { AppError, catalogueCodeOf, type FieldProblem } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import type {
  Channel,
  PositionInput,
  ReplyFlag,
  ReplyPosition,
  ReplySignature,
  ReplyVersion,
  ReplyVersionStatus,
} from '../domain/reply/reply.js';
import { existingAttachments, listUploads } from '../repositories/attachment.repository.js';
import { appendAudit } from '../repositories/audit.repository.js';
import { findMemberState } from '../repositories/member-state.repository.js';
import {
  lockReplyRow,
  findVersionHead,
  insertReplyVersion,
  markCountedPositions,
  saveReplyPointers,
} from '../repositories/reply.repository.js';
import { inputProblems } from '../schemas/schema-problems.js';
import type { LoadedConsultation } from './load-consultation.js';
import { participationOf } from './participants.js';
import { enqueueReceiptJob } from './jobs/enqueue.js';

/** What a written version looks like to its author: the data of a receipt. */
export interface ReplyReceipt {
  readonly consultationId: string;
  readonly memberState: string;
  readonly version: number;
  readonly status: ReplyVersionStatus;
  readonly receivedAt: number;
  readonly channel: Channel;
  /** Whether this version counts (received by the deadline and not a withdrawal). */
  readonly counted: boolean;
  readonly contentHash: string;
  readonly flags: readonly ReplyFlag[];
  /** True when this is the first version the State sent. */
  readonly created: boolean;
}

/**
 * Checks that the State exists and may reply to this consultation (the procedure's eligibility
 * rule: its standing, and a regional group's closed list).
 * @throws UNKNOWN_MEMBER_STATE, STATE_NOT_ELIGIBLE (each with its problem at `/memberState`)
 */
export async function assertEligible(
  trx: Transaction<DB>,
  loaded: LoadedConsultation,
  memberState: string,
): Promise<void> {
  const state = await findMemberState(trx, memberState);
  if (!state)
    throw new AppError('UNKNOWN_MEMBER_STATE', `No Member State with code "${memberState}"`, {
      errors: [{ field: '/memberState', message: 'Not the code of a Member State', code: 'UNKNOWN_MEMBER_STATE' }],
    });
  const answer = participationOf(loaded, state);
  if (!answer.eligible) {
    const reason = answer.reason ?? `${memberState} may not reply`;
    throw new AppError('STATE_NOT_ELIGIBLE', reason, {
      errors: [{ field: '/memberState', message: reason, code: 'STATE_NOT_ELIGIBLE' }],
      ...(answer.clause !== null && {
        clause: citeClauseOf(loaded.procedure, loaded.consultation.resolutionEdition, answer.clause),
      }),
    });
  }
}

/**
 * Validates positions with the consultation's procedure and checks the attachments exist.
 * @throws the code of the first problem (UNKNOWN_TEXT, DUPLICATE_POSITION, NO_POSITIONS, POSITION_INCOMPLETE…), UNKNOWN_ATTACHMENT
 */
export async function checkPositions(
  trx: Transaction<DB>,
  loaded: LoadedConsultation,
  positions: readonly PositionInput[],
  channel: Channel,
  actor: Actor,
): Promise<{ positions: ReplyPosition[]; flags: ReplyFlag[] }> {
  // The form of this consultation's own procedure first: the API takes any registered procedure's.
  const shape = positions.flatMap((position, index) =>
    inputProblems(loaded.procedure.positionSchema, position).map((problem) => ({
      ...problem,
      field: `/positions/${index}${problem.field === '/' ? '' : problem.field}`,
    })),
  );
  if (shape.length > 0)
    throw new AppError('VALIDATION_FAILED', `A position does not follow the form of ${loaded.procedure.name}`, {
      errors: shape,
    });
  const check = loaded.procedure.checkReply(
    positions,
    loaded.texts.map((t) => t.id),
    channel,
    loaded.consultation.resolutionEdition,
  );
  if (check.problems.length > 0) {
    const first = check.problems[0]!;
    // A text too long is a position refused as incomplete, as it always was for API clients; so is
    // a problem with the procedure's own code (e.g. TAP's REASONS_MISSING), which the problem at
    // its field carries: the error's code stays one of the catalogue's.
    const code = first.code === 'TEXT_TOO_LONG' ? 'POSITION_INCOMPLETE' : catalogueCodeOf(first, 'POSITION_INCOMPLETE');
    throw new AppError(code, first.message, {
      errors: check.problems,
      ...(first.clause ? { clause: first.clause } : {}),
    });
  }
  const wanted = check.positions.map((p) => p.attachment).filter((a): a is string => a !== null);
  const found = await existingAttachments(trx, wanted);
  const missing: FieldProblem[] = [];
  for (const [index, p] of positions.entries()) {
    if (!p.attachment) continue;
    // A State cites only files it uploaded itself: knowing another file's hash gives no access to it.
    const mine =
      actor.kind === 'secretariat' || (await listUploads(trx, p.attachment)).some((u) => u.uploadedBy === actor.id);
    if (!found.has(p.attachment) || !mine)
      missing.push({
        field: `/positions/${index}/attachment`,
        message: `No attachment with SHA-256 ${p.attachment} was uploaded by you`,
      });
  }
  if (missing.length > 0)
    throw new AppError('UNKNOWN_ATTACHMENT', 'An attachment named in the reply was not uploaded', { errors: missing });
  return { positions: check.positions, flags: check.flags };
}

export interface WriteVersionOptions {
  readonly loaded: LoadedConsultation;
  readonly memberState: string;
  readonly actor: Actor;
  readonly status: ReplyVersionStatus;
  readonly receivedAt: number;
  readonly now: number;
  readonly channel: Channel;
  readonly signature: ReplySignature;
  readonly positions: ReplyPosition[];
  readonly flags: ReplyFlag[];
  readonly originalFile: string | null;
  readonly simulated: boolean;
  /** The version the client last saw (0: none), to refuse stale writes. */
  readonly expectedVersion?: number | undefined;
  /** Refuse unless a current, not withdrawn, reply exists (withdrawal). */
  readonly requireCurrent: boolean;
  readonly auditAction: string;
}

/**
 * Writes the next version of a State's reply and moves its pointers, in the caller's
 * transaction, with its audit row. The counted version becomes this one when it was received by
 * the deadline (the latest reply received by the due date counts; a later one does not); a withdrawal
 * received by the deadline leaves nothing counted; a late recorded form is kept but not counted.
 */
export async function writeReplyVersion(trx: Transaction<DB>, options: WriteVersionOptions): Promise<ReplyReceipt> {
  const { loaded, memberState } = options;
  const consultationId = loaded.consultation.id;
  const pointers = await lockReplyRow(trx, consultationId, memberState, options.now);
  const currentVersion = pointers.currentVersion;
  if (options.expectedVersion !== undefined && options.expectedVersion !== currentVersion) {
    throw new AppError(
      'STALE_REPLY',
      `The reply of ${memberState} is at version ${currentVersion}; you sent changes to version ${options.expectedVersion}. Reload and try again.`,
    );
  }
  const previous =
    currentVersion === 0 ? undefined : await findVersionHead(trx, consultationId, memberState, currentVersion);
  if (options.requireCurrent && (previous === undefined || previous.status === 'withdrawn')) {
    throw new AppError('NO_CURRENT_REPLY', `${memberState} has no current reply to this consultation`);
  }
  if (previous && options.receivedAt < previous.receivedAt) {
    const detail = `This form was received at ${new Date(options.receivedAt).toISOString()}, before the current version (${new Date(previous.receivedAt).toISOString()}); it cannot replace it`;
    throw new AppError('REPLY_OUT_OF_ORDER', detail, {
      errors: [{ field: '/receivedAt', message: detail, code: 'REPLY_OUT_OF_ORDER' }],
    });
  }
  const onTime = isOnTime(options.receivedAt, loaded.consultation.deadlineAt);
  const flags = onTime ? options.flags : [...new Set<ReplyFlag>([...options.flags, 'received_after_deadline'])].sort();
  const version = currentVersion + 1;
  const body = {
    consultationId,
    memberState,
    version,
    status: options.status,
    receivedAt: options.receivedAt,
    channel: options.channel,
    enteredBy: options.actor.id,
    signatoryName: options.signature.signatoryName,
    signatoryTitle: options.signature.signatoryTitle,
    place: options.signature.place,
    signedOn: options.signature.signedOn,
    originalFile: options.originalFile,
    flags,
    simulated: options.simulated,
    positions: options.positions,
  };
  const contentHash = replyContentHash(body);
  const record: ReplyVersion = { ...body, contentHash };
  await insertReplyVersion(trx, record);
  const counted = onTime && options.status === 'submitted';
  const countedVersion = onTime ? (counted ? version : null) : pointers.countedVersion;
  await saveReplyPointers(trx, { consultationId, memberState, currentVersion: version, countedVersion }, options.now);
  // The positions of the counted version carry the mark that results are computed from.
  if (countedVersion !== pointers.countedVersion)
    await markCountedPositions(trx, consultationId, memberState, { from: pointers.countedVersion, to: countedVersion });
  // A new submission over an earlier one is an amendment (the trail says which).
  const action =
    options.auditAction === 'reply.submitted' && previous !== undefined && previous.status === 'submitted'
      ? 'reply.amended'
      : options.auditAction;
  await appendAudit(
    trx,
    {
      at: options.now,
      actor: options.actor.id,
      action,
      consultationId,
      subject: `reply:${consultationId}/${memberState}/${version}`,
      // The content it wrote, for `assent audit verify` to recompute from the stored rows: the
      // version (contentHash), each position (positionHashes, naming the row an edit touched), and
      // the counted pointer it left (countedVersion).
      data: {
        channel: options.channel,
        status: options.status,
        receivedAt: new Date(options.receivedAt).toISOString(),
        contentHash,
        counted,
        flags,
        positionHashes: positionHashes(options.positions),
        countedVersion,
      },
    },
    // The receipt names the version's place in the audit chain: set when the event is sealed.
    { positionOf: { replyVersion: [consultationId, memberState, version] } },
  );
  // The receipt e-mail to the State's focal points goes out only if this version commits; a form
  // of a consultation entered afterwards was received long ago, and nobody is written to about it.
  if (loaded.consultation.enteredAfterwardsAt === null)
    await enqueueReceiptJob(trx, consultationId, memberState, version, options.now);
  return {
    consultationId,
    memberState,
    version,
    status: options.status,
    receivedAt: options.receivedAt,
    channel: options.channel,
    counted,
    contentHash,
    flags,
    created: version === 1,
  };
}
