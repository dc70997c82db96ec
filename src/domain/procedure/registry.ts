import type { Procedure } from './procedure.js';
import { TAP_PROCEDURE } from './tap/tap-procedure.js';

/** Every procedure Assent knows, by id. A new body's procedure is one more entry. */
export const PROCEDURES: Readonly<Record<string, Procedure>> = {
  [TAP_PROCEDURE.id]: TAP_PROCEDURE,
};

/** The procedure of a consultation; throws on an id no code implements (a data error). */
export function procedureFor(id: string): Procedure {
  const procedure = Object.hasOwn(PROCEDURES, id) ? PROCEDURES[id] : undefined;
  if (!procedure) throw new Error(`unknown procedure "${id}"`);
  return procedure;
}
