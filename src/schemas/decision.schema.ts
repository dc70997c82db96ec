import Type from 'typebox';
import { DEFAULT_PROCEDURE_ID, procedureFor } from '../procedures/registry.js';

/**
 * A meeting decision on one text as the API, the CLI and the pages send it: the fields the core's
 * decision service reads (the procedure module's schema must produce this shape; a type test in
 * the module checks it).
 */
export interface DecisionInput {
  deferred?: boolean;
  opposing?: string[];
  abstaining?: string[];
  reservations?: { state: string; note: string }[];
  moreTime?: string[];
  formalOppositions?: { state: string; receivedAt: string; reasons?: string | null }[];
  notes?: string | null;
}

/**
 * The request schema of a meeting decision: the default procedure's own decision schema
 * (src/procedures/<id>/), reached through the registry. A route's schema must be static, so the
 * API documents and checks the default procedure's; a consultation of another procedure is
 * checked against its own procedure's schema by the decision service (record-decision.ts).
 */
export const DecisionInputSchema = Type.Unsafe<DecisionInput>(procedureFor(DEFAULT_PROCEDURE_ID).decisionSchema);
