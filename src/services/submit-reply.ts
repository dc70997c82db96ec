import { canonicalJson, sha256Hex } from '../domain/canonical.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { phaseRefusal } from '../domain/procedure/phases.js';
import { citeClauseOf, citeRole } from '../domain/procedure/procedure.js';
import type { Executor } from '../db/dialect.js';
import { listDecisions } from '../repositories/decision.repository.js';
import { timelineOf } from './compute-results.js';
import { findIdempotencyRecord, insertIdempotencyRecord } from '../repositories/idempotency.repository.js';
import type { ReplyInput } from '../schemas/reply.schema.js';
import { loadConsultation, type LoadedConsultation } from './load-consultation.js';
import { assertEligible, checkPositions, writeReplyVersion, type ReplyReceipt } from './reply-writer.js';
import { inTransaction, type ServiceContext } from './service-context.js';

export interface SubmitReplyOptions {
  readonly actor: Actor;
  readonly consultationId: string;
  readonly memberState: string;
  readonly input: ReplyInput;
  /** `web` for the pages, `api` for the JSON API and the CLI. */
  readonly channel: 'web' | 'api';
  /** A client-chosen key: a retried request with the same key and body returns the first result. */
  readonly idempotencyKey?: string | undefined;
}

export interface SubmitReplyResult {
  readonly receipt: ReplyReceipt;
  /** True when this answer is the stored result of an earlier identical request. */
  readonly replayed: boolean;
}

/**
 * Submits a Member State's reply, or amends it: each call writes a new version; the latest
 * version received by the deadline counts. The reply is acknowledged only after the transaction
 * that stores it has committed.
 * @throws ROLE_MAY_NOT_REPLY, NOT_YOUR_MEMBER_STATE, NOT_FOUND, CONSULTATION_NOT_OPEN,
 *   DEADLINE_PASSED (a reply after the deadline does not count), PHASE_NOT_ACCEPTING, UNKNOWN_MEMBER_STATE, STATE_NOT_ELIGIBLE, UNKNOWN_TEXT,
 *   DUPLICATE_POSITION, NO_POSITIONS, POSITION_INCOMPLETE, POSITION_NOT_ALLOWED,
 *   UNKNOWN_ATTACHMENT, STALE_REPLY, IDEMPOTENCY_KEY_REUSED
 */
export async function submitReply(ctx: ServiceContext, options: SubmitReplyOptions): Promise<SubmitReplyResult> {
  authorize(options.actor, { action: 'reply:submit', memberState: options.memberState });
  const requestHash = sha256Hex(
    canonicalJson({ op: 'submit', c: options.consultationId, s: options.memberState, input: options.input }),
  );
  return withIdempotency(ctx, options.actor, options.idempotencyKey, requestHash, async (trx) => {
    const now = ctx.clock();
    const loaded = await loadConsultation(trx, options.consultationId, options.actor, { within: 'reply:submit' });
    await assertOpen(trx, loaded, now);
    await assertEligible(trx, loaded, options.memberState);
    const { positions, flags } = await checkPositions(
      trx,
      loaded,
      options.input.positions,
      options.channel,
      options.actor,
    );
    return writeReplyVersion(trx, {
      loaded,
      memberState: options.memberState,
      actor: options.actor,
      status: 'submitted',
      receivedAt: now,
      now,
      channel: options.channel,
      signature: {
        signatoryName: options.input.signatory.name,
        signatoryTitle: options.input.signatory.title,
        place: options.input.place ?? null,
        signedOn: options.input.signedOn ?? null,
      },
      positions,
      flags,
      originalFile: null,
      simulated: false,
      expectedVersion: options.input.expectedVersion,
      requireCurrent: false,
      auditAction: 'reply.submitted',
    });
  });
}

/**
 * The consultation must be issued and, by the server clock at the moment of the write, in a phase
 * that accepts replies (its procedure's timeline: TAP's consultation phase, from the issue to the
 * deadline; only replies received by the due date count). A write reads the phase from the same
 * transaction as its effect (submitting a draft also asks once before adopting the draft's files,
 * outside it; submitReply asks again inside).
 * @throws CONSULTATION_NOT_OPEN (a draft), DEADLINE_PASSED (every phase that accepts replies has
 *   ended), PHASE_NOT_ACCEPTING (one is still to come, or none of the consultation's phases accepts replies)
 */
export async function assertOpen(db: Executor, loaded: LoadedConsultation, now: number): Promise<void> {
  const { consultation, procedure } = loaded;
  if (consultation.issuedAt === null)
    throw new AppError('CONSULTATION_NOT_OPEN', `Consultation "${consultation.id}" has not been issued`);
  const decisions = await listDecisions(db, consultation.id);
  const timeline = timelineOf(
    loaded,
    decisions.map((d) => d.input),
  );
  const refusal = phaseRefusal(procedure.phases, timeline, 'reply', now);
  if (refusal === null) return;
  const edition = consultation.resolutionEdition;
  if (refusal.reason === 'ended') {
    const endedAt = refusal.window?.endsAt ?? consultation.deadlineAt;
    throw new AppError(
      'DEADLINE_PASSED',
      `The deadline for replies was ${new Date(endedAt).toISOString()}; replies received after it are not counted`,
      { clause: citeRole(procedure, 'consultationFails', edition) },
    );
  }
  const window = refusal.window;
  const phase = procedure.phases.find((p) => p.id === window?.id);
  throw new AppError(
    'PHASE_NOT_ACCEPTING',
    window === null || phase === undefined
      ? `No phase of consultation "${consultation.id}" accepts replies`
      : `Replies are accepted in the phase "${phase.name}", ${
          window.startsAt === null ? 'which has not started' : `from ${new Date(window.startsAt).toISOString()}`
        }`,
    window === null ? {} : { clause: citeClauseOf(procedure, edition, window.clause) },
  );
}

/**
 * Runs a write at most once per (actor, key): the first request's result is stored in the same
 * transaction as its effect; a retry with the same body gets that result back, a retry with a
 * different body IDEMPOTENCY_KEY_REUSED. Two concurrent requests with one key: the loser's
 * insert of the key fails, its transaction rolls back, and it answers with the winner's result.
 */
export async function withIdempotency(
  ctx: ServiceContext,
  actor: Actor,
  key: string | undefined,
  requestHash: string,
  work: Parameters<typeof inTransaction<ReplyReceipt>>[1],
): Promise<SubmitReplyResult> {
  if (key === undefined) return { receipt: await inTransaction(ctx, work), replayed: false };
  const replay = async (): Promise<SubmitReplyResult | undefined> => {
    const stored = await findIdempotencyRecord(ctx.db, actor.id, key);
    if (!stored) return undefined;
    if (stored.requestHash !== requestHash) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used with a different request; use a new key for a new request',
      );
    }
    return { receipt: JSON.parse(stored.response) as ReplyReceipt, replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    const receipt = await inTransaction(ctx, async (trx) => {
      const result = await work(trx);
      await insertIdempotencyRecord(
        trx,
        actor.id,
        key,
        { requestHash, statusCode: result.created ? 201 : 200, response: JSON.stringify(result) },
        ctx.clock(),
      );
      return result;
    });
    return { receipt, replayed: false };
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') {
      const winner = await replay();
      if (winner) return winner;
    }
    throw error;
  }
}
