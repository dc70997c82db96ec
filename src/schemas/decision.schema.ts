import Type, { type TSchema } from 'typebox';
import { DEFAULT_PROCEDURE_ID, PROCEDURES, procedureFor } from '../procedures/registry.js';

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

/** The default procedure's own decision schema (src/procedures/<id>/), reached through the registry. */
export const DecisionInputSchema = Type.Unsafe<DecisionInput>(procedureFor(DEFAULT_PROCEDURE_ID).decisionSchema);

/**
 * The request schema of a meeting decision as the route takes it: with one procedure with a
 * meeting registered, its decision schema; with several, any of theirs. The decision service then
 * checks a consultation's decision against its own procedure's schema (record-decision.ts) before
 * its rules. Built when the route is registered, as `positionSchema()` is for replies, so a
 * procedure registered before the app is built is documented and accepted.
 */
export function decisionSchema(): TSchema {
  const schemas = Object.values(PROCEDURES)
    .filter((p) => p.hasMeeting)
    .map((p) => p.decisionSchema);
  const distinct = schemas.filter((s, i) => schemas.indexOf(s) === i);
  if (distinct.length <= 1)
    return Type.Unsafe<DecisionInput>(distinct[0] ?? procedureFor(DEFAULT_PROCEDURE_ID).decisionSchema);
  return Type.Unsafe<DecisionInput>(Type.Union(distinct));
}

/**
 * The results notice: for a consultation entered afterwards, the day it was issued, from the
 * records; otherwise nothing (the notice is issued now). The body may be left out.
 */
export const ResultsNoticeInputSchema = Type.Object(
  {
    issuedOn: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}$',
        format: 'date',
        description:
          'Only for a consultation entered afterwards: the day its results notice was issued, from the records: not before the last day of the meeting (NOTICE_BEFORE_MEETING_END), not after today (NOTICE_IN_FUTURE). Absent: now. Refused for a live consultation (NOT_ENTERED_AFTERWARDS)',
        examples: ['2023-09-20'],
      }),
    ),
    reference: Type.Optional(
      Type.String({
        maxLength: 100,
        description:
          'The notice’s own reference: TSB issues the results as a circular of its own, whose number the notice carries. Blank or absent: the notice names the consultation’s circular only',
        examples: ['TSB Circular 140'],
      }),
    ),
  },
  { additionalProperties: false, title: 'ResultsNoticeInput' },
);
export type ResultsNoticeInput = Type.Static<typeof ResultsNoticeInputSchema>;

/** The header of the results report as the secretariat sets it (PUT …/results-report/header). */
export const ReportHeaderInputSchema = Type.Object(
  {
    td: Type.Optional(
      Type.Union([Type.String({ maxLength: 60 }), Type.Null()], {
        description: 'The TD number the report takes at the meeting; blank, null or absent: none',
        examples: ['SG17-TD1234'],
      }),
    ),
    questions: Type.Optional(
      Type.Union([Type.String({ maxLength: 200 }), Type.Null()], {
        description: 'The Questions the report concerns; blank, null or absent: none',
        examples: ['6/17, 10/17'],
      }),
    ),
  },
  { additionalProperties: false, title: 'ReportHeaderInput' },
);
