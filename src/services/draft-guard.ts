import { AppError } from '../domain/errors.js';
import type { LoadedConsultation } from './load-consultation.js';

/**
 * Texts and circular are frozen once issued (Res. 1 §8.3: once determined, a text's selection is
 * frozen; the circular is an official act). Edits are for drafts only.
 */
export function assertDraft(loaded: LoadedConsultation): void {
  if (loaded.consultation.issuedAt !== null) {
    throw new AppError(
      'CONSULTATION_ISSUED',
      `Consultation "${loaded.consultation.id}" was issued; its circular and texts can no longer be edited`,
    );
  }
}

/** Optimistic concurrency: the caller's revision (If-Match) must be the stored one. */
export function assertRevision(loaded: LoadedConsultation, expected: number | undefined): void {
  if (expected !== undefined && expected !== loaded.revision) {
    throw new AppError(
      'STALE_CONSULTATION',
      `The consultation changed since you read it (revision ${loaded.revision}, you had ${expected})`,
    );
  }
}
