import type { Procedure } from '../domain/procedure/procedure.js';
import { AppError } from '../domain/errors.js';
import { TAP_PROCEDURE } from './itu-t-tap/tap-procedure.js';

/**
 * Every procedure Assent knows, by id. This is the only file outside src/procedures/<id>/ that
 * imports a procedure module (a layer rule checks it): a new body's procedure is one more entry.
 */
const registered: Record<string, Procedure> = {
  [TAP_PROCEDURE.id]: TAP_PROCEDURE,
};
export const PROCEDURES: Readonly<Record<string, Procedure>> = registered;

/**
 * Registers a procedure module at run time: a deployment's own procedure, or a test's (the toy
 * procedure of test/engine/toy-procedure.test.ts proves a procedure needs no core change). Refuses
 * an id already registered; returns the function that unregisters it.
 */
export function registerProcedure(procedure: Procedure): () => void {
  if (isKnownProcedure(procedure.id)) throw new Error(`A procedure "${procedure.id}" is already registered`);
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(procedure.id)) throw new Error(`Not a procedure id: "${procedure.id}"`);
  // Kinds and sub-option ids name form values and element ids: lower snake case, each once.
  const values = procedure.replyForm.choices.flatMap((c) => [c.kind, ...(c.options?.choices.map((o) => o.id) ?? [])]);
  const bad = values.filter((v, i) => !/^[a-z][a-z0-9_]{0,63}$/.test(v) || values.indexOf(v) !== i);
  if (bad.length > 0)
    throw new Error(`"${procedure.id}" has reply choices that are not distinct lower snake case: ${bad.join(', ')}`);
  if (!procedure.editions.includes(procedure.defaultEdition))
    throw new Error(`The default edition of "${procedure.id}" is not one of its editions`);
  registered[procedure.id] = procedure;
  return () => {
    if (registered[procedure.id] === procedure) delete registered[procedure.id];
  };
}

/** The procedure a new consultation takes when none is named. */
export const DEFAULT_PROCEDURE_ID = TAP_PROCEDURE.id;

/** True for an id some module implements. */
export function isKnownProcedure(id: string): boolean {
  return Object.hasOwn(PROCEDURES, id);
}

/**
 * The procedure of a consultation. An id no module implements is refused with UNKNOWN_PROCEDURE
 * (a 4xx problem at the edges), naming the known ids.
 */
export function procedureFor(id: string): Procedure {
  const procedure = isKnownProcedure(id) ? PROCEDURES[id] : undefined;
  if (!procedure)
    throw new AppError('UNKNOWN_PROCEDURE', `Unknown procedure "${id}"; known: ${Object.keys(PROCEDURES).join(', ')}`, {
      errors: [
        {
          field: '/procedure',
          message: `Known procedures: ${Object.keys(PROCEDURES).join(', ')}`,
          code: 'UNKNOWN_PROCEDURE',
        },
      ],
    });
  return procedure;
}
