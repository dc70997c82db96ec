import { AppError } from '../domain/errors.js';
import { UN_LANGUAGES } from '../domain/member-states/designations.js';
import { MEMBER_STATES } from '../domain/member-states/member-states.data.js';
import {
  checkNewParticipant,
  isMemberStateCode,
  MEMBER_STATE_CLASS,
  type NewParticipant,
} from '../domain/procedure/participants.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { isIsoDay } from '../domain/time/instants.js';
import { appendAudit } from '../repositories/audit.repository.js';
import {
  findMemberState,
  findMemberStates,
  insertParticipant,
  listMemberStates as findAll,
  updateEligibility,
  upsertMemberStates,
  type StoredMemberState,
} from '../repositories/member-state.repository.js';
import { PROCEDURES } from '../procedures/registry.js';
import { inTransaction, type ServiceContext } from './service-context.js';

/** Loads (or refreshes) the curated Member States list; keeps eligibility changed by the secretariat. */
export async function seedMemberStates(ctx: ServiceContext): Promise<number> {
  await inTransaction(ctx, (trx) => upsertMemberStates(trx, MEMBER_STATES, ctx.clock()));
  return MEMBER_STATES.length;
}

/** The Member States (everyone may read the list). */
export async function listMemberStates(ctx: ServiceContext): Promise<StoredMemberState[]> {
  return (await findAll(ctx.db)).filter((s) => s.participantClass === MEMBER_STATE_CLASS);
}

/** Every participant, the Member States and the organisations of other classes, by code (everyone may read the list). */
export async function listParticipants(ctx: ServiceContext): Promise<StoredMemberState[]> {
  return findAll(ctx.db);
}

/** One participant by code (everyone may read the registry), or undefined. */
export async function findParticipant(ctx: ServiceContext, code: string): Promise<StoredMemberState | undefined> {
  return findMemberState(ctx.db, code);
}

/**
 * The registered names of the organisations among `codes` (a Member State's code is left out: its
 * names are the curated list's), in one query, and none when no organisation is among them.
 */
export async function organisationNames(
  ctx: ServiceContext,
  codes: readonly string[],
): Promise<Map<string, StoredMemberState['names']>> {
  const wanted = [...new Set(codes)].filter((code) => !isMemberStateCode(code));
  return new Map((await findMemberStates(ctx.db, wanted)).map((p) => [p.code, p.names] as const));
}

/** The classes an organisation may be registered in: those some registered procedure consults, but the Member States'. */
export function registrableClasses(): string[] {
  return consultedClasses().filter((c) => c !== MEMBER_STATE_CLASS);
}

/** The classes of participant the registered procedures consult, each once, in the order of the procedures. */
export function consultedClasses(): string[] {
  return [...new Set(Object.values(PROCEDURES).flatMap((p) => p.participantClasses.map((c) => c.id)))];
}

/**
 * Registers an organisation as a participant of a class some procedure consults (a Sector Member,
 * an Associate…): it may reply by default, and its standing is changed as a State's is
 * (`setEligibility`). Audited. The Member States come from the curated list, not from here.
 * @throws FORBIDDEN, VALIDATION_FAILED, UNKNOWN_PARTICIPANT_CLASS (each problem at its field), PARTICIPANT_EXISTS
 */
export async function registerParticipant(
  ctx: ServiceContext,
  options: { actor: Actor; participant: NewParticipant },
): Promise<StoredMemberState> {
  authorize(options.actor, { action: 'member-state:write' });
  const { participant } = options;
  const problems = checkNewParticipant(participant, consultedClasses(), UN_LANGUAGES);
  if (problems.length > 0) {
    const classProblem = problems.find((p) => p.code === 'UNKNOWN_PARTICIPANT_CLASS');
    throw new AppError(
      classProblem && problems.length === 1 ? 'UNKNOWN_PARTICIPANT_CLASS' : 'VALIDATION_FAILED',
      problems[0]!.message,
      { errors: problems },
    );
  }
  const names = Object.fromEntries(
    Object.entries(participant.names).map(([language, name]) => [language, name.trim()]),
  ) as Record<string, string> & { en: string };
  const now = ctx.clock();
  return inTransaction(ctx, async (trx) => {
    if (await findMemberState(trx, participant.code))
      throw new AppError('PARTICIPANT_EXISTS', `A participant with code "${participant.code}" exists already`, {
        errors: [{ field: '/code', message: 'This code is taken', code: 'PARTICIPANT_EXISTS' }],
      });
    await insertParticipant(
      trx,
      { code: participant.code, participantClass: participant.participantClass, names },
      now,
    );
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'participant.registered',
      consultationId: null,
      subject: `member-state:${participant.code}`,
      data: { participantClass: participant.participantClass, names },
    });
    return (await findMemberState(trx, participant.code))!;
  });
}

/**
 * Changes whether a State may reply (e.g. a suspended right), with its reason and date: data,
 * not code (procedures.md §6: the texts are silent on arrears in TAP consultations).
 * @throws FORBIDDEN, NOT_FOUND (no participant with that code), VALIDATION_FAILED
 */
export async function setEligibility(
  ctx: ServiceContext,
  options: { actor: Actor; code: string; mayReply: boolean; note: string | null; since: string | null },
): Promise<StoredMemberState> {
  authorize(options.actor, { action: 'member-state:write' });
  const now = ctx.clock();
  return inTransaction(ctx, async (trx) => {
    const participant = await findMemberState(trx, options.code);
    // The participant is the resource the change is addressed to (its path names it): unknown, 404,
    // whatever else the change holds.
    if (!participant)
      throw new AppError('NOT_FOUND', `No Member State or other participant with code "${options.code}"`);
    if (options.since !== null && !isIsoDay(options.since))
      throw new AppError('VALIDATION_FAILED', 'Not a calendar day', {
        errors: [{ field: '/since', message: 'YYYY-MM-DD' }],
      });
    if (!options.mayReply && (options.note === null || options.note.trim() === ''))
      throw new AppError('VALIDATION_FAILED', 'Say why the State may not reply', {
        errors: [{ field: '/note', message: 'Required when the State may not reply' }],
      });
    // Observers never count and can never oppose (issue 12): an observer's standing is not a right
    // to reply that the secretariat could give back.
    if (participant.membership === 'observer' && options.mayReply)
      throw new AppError('VALIDATION_FAILED', 'An observer does not reply to the consultations', {
        errors: [{ field: '/mayReply', message: 'An observer may not be given the right to reply' }],
      });
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
