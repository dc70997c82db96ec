import type { TSchema } from 'typebox';
import { CLAUSE_ROLES, type ClauseRole } from '../domain/procedure/clauses.js';
import type { Procedure } from '../domain/procedure/procedure.js';
import type { ClauseTableView, ProcedureView } from '../schemas/responses.schema.js';

/** A TypeBox schema as plain JSON Schema (TypeBox's own markers are not enumerable, so JSON drops them). */
function jsonSchemaOf(schema: TSchema): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
}

/** One edition's clause table, with the clause number the procedure applies for each role of the core. */
export function presentClauseTable(procedure: Procedure, edition: string): ClauseTableView {
  const table = procedure.clauses(edition);
  return {
    edition: table.edition,
    instrument: table.instrument,
    clauses: { ...table.clauses },
    roles: Object.fromEntries(CLAUSE_ROLES.map((role) => [role, procedure.clauseFor(role, edition)])) as Record<
      ClauseRole,
      string | null
    >,
  };
}

/** A registered procedure as GET /api/v1/procedures and `assent procedure show --json` give it. */
export function presentProcedure(procedure: Procedure): ProcedureView {
  return {
    id: procedure.id,
    name: procedure.name,
    editions: [...procedure.editions],
    defaultEdition: procedure.defaultEdition,
    phases: procedure.phases.map((phase) => ({
      id: phase.id,
      name: phase.name,
      actors: phase.actors,
      accepts: [...phase.accepts],
    })),
    positionKinds: [...procedure.positionKinds],
    positionSchema: jsonSchemaOf(procedure.positionSchema),
    decisionSchema: jsonSchemaOf(procedure.decisionSchema),
    hasMeeting: procedure.hasMeeting,
    tallyOutcomes: procedure.tallyOutcomes.map((o) => ({ id: o.id, passes: o.passes })),
    tallyBases: [...procedure.tallyBases],
    participantClasses: procedure.participantClasses.map((c) => ({
      id: c.id,
      counted: c.counted,
      mayOppose: c.mayOppose,
    })),
    passThreshold: procedure.passThreshold,
    clauseTables: procedure.editions.map((edition) => presentClauseTable(procedure, edition)),
  };
}
