import { AppError } from '../domain/errors.js';
import { MEMBER_STATES } from '../domain/member-states/member-states.data.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { isIsoDay } from '../domain/time/instants.js';
import { appendAudit } from '../repositories/audit.repository.js';
import {
  findMemberState,
  listMemberStates as findAll,
  updateEligibility,
  upsertMemberStates,
  type StoredMemberState,
} from '../repositories/member-state.repository.js';
import { inTransaction, type ServiceContext } from './service-context.js';

/** Loads (or refreshes) the curated Member States list; keeps eligibility changed by the secretariat. */
export async function seedMemberStates(ctx: ServiceContext): Promise<number> {
  await inTransaction(ctx, (trx) => upsertMemberStates(trx, MEMBER_STATES, ctx.clock()));
  return MEMBER_STATES.length;
}

/** The Member States (everyone may read the list). */
export async function listMemberStates(ctx: ServiceContext): Promise<StoredMemberState[]> {
  return findAll(ctx.db);
}

/**
 * Changes whether a State may reply (e.g. a suspended right), with its reason and date: data,
 * not code (procedures.md §6: the texts are silent on arrears in TAP consultations).
 * @throws FORBIDDEN, UNKNOWN_MEMBER_STATE, VALIDATION_FAILED
 */
export async function setEligibility(
  ctx: ServiceContext,
  options: { actor: Actor; code: string; mayReply: boolean; note: string | null; since: string | null },
): Promise<StoredMemberState> {
  authorize(options.actor, { action: 'member-state:write' });
  if (options.since !== null && !isIsoDay(options.since))
    throw new AppError('VALIDATION_FAILED', 'Not a calendar day', {
      errors: [{ field: '/since', message: 'YYYY-MM-DD' }],
    });
  if (!options.mayReply && (options.note === null || options.note.trim() === ''))
    throw new AppError('VALIDATION_FAILED', 'Say why the State may not reply', {
      errors: [{ field: '/note', message: 'Required when the State may not reply' }],
    });
  const now = ctx.clock();
  return inTransaction(ctx, async (trx) => {
    if (!(await findMemberState(trx, options.code)))
      throw new AppError('UNKNOWN_MEMBER_STATE', `No Member State with code "${options.code}"`);
    await updateEligibility(
      trx,
      options.code,
      { mayReply: options.mayReply, note: options.note, since: options.since },
      now,
    );
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'member-state.eligibility',
      consultationId: null,
      subject: `member-state:${options.code}`,
      data: { mayReply: options.mayReply, note: options.note, since: options.since },
    });
    return (await findMemberState(trx, options.code))!;
  });
}
