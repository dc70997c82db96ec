import type { Transaction } from 'kysely';
import type { DB } from '../db/database.js';
import type { Executor } from '../db/dialect.js';
import type { Consultation } from '../domain/consultation/consultation.js';
import type { LoadedConsultation } from '../domain/consultation/loaded-consultation.js';
import { isOnTime } from '../domain/consultation/consultation-state.js';
import { AppError } from '../domain/errors.js';
import type { ConsultationWrite } from '../domain/policy/action.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { procedureFor } from '../procedures/registry.js';
import { findConsultation, listTexts } from '../repositories/consultation.repository.js';

export type { LoadedConsultation } from '../domain/consultation/loaded-consultation.js';

/**
 * Loads a consultation the actor may see (drafts only for the secretariat), with its texts and
 * procedure. Throws NOT_FOUND otherwise, so the existence of a draft does not leak. A write that
 * loads the consultation it acts on names itself in `within`: the load is then part of the write
 * and needs the write's token scope, not `read`.
 * @throws NOT_FOUND, FORBIDDEN (a token without the scope)
 */
export async function loadConsultation(
  db: Executor | Transaction<DB>,
  id: string,
  actor: Actor,
  options: { lock?: boolean; within?: ConsultationWrite } = {},
): Promise<LoadedConsultation> {
  const found = await findConsultation(db, id, options);
  if (!found) throw new AppError('NOT_FOUND', `No consultation "${id}"`);
  authorize(actor, {
    action: 'consultation:read',
    issued: found.consultation.issuedAt !== null,
    ...(options.within && { within: options.within }),
  });
  const texts = await listTexts(db, id);
  return {
    consultation: found.consultation,
    revision: found.revision,
    texts,
    procedure: procedureFor(found.consultation.procedure),
  };
}

/** True once the deadline instant has passed at `now`. */
export function deadlinePassed(consultation: Consultation, now: number): boolean {
  return !isOnTime(now, consultation.deadlineAt);
}
