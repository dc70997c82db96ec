import { AppError } from '../domain/errors.js';
import type { Procedure } from '../domain/procedure/procedure.js';
import { isKnownProcedure, PROCEDURES, procedureFor } from '../procedures/registry.js';

/**
 * The approval procedures Assent runs, as the registry holds them (src/procedures/registry.ts).
 * Reference data, like the Member States: anyone may read it, and it needs no storage.
 */
export function listProcedures(): Procedure[] {
  return Object.values(PROCEDURES);
}

/**
 * One registered procedure. An id in a path that names nothing is NOT_FOUND, as for a
 * consultation, a text or a token (UNKNOWN_PROCEDURE is a consultation's body naming one, 422).
 * @throws NOT_FOUND naming the known ids
 */
export function getProcedure(id: string): Procedure {
  if (!isKnownProcedure(id))
    throw new AppError('NOT_FOUND', `No procedure "${id}"; known: ${Object.keys(PROCEDURES).join(', ')}`);
  return procedureFor(id);
}
