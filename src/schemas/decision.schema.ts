import Type, { type Static } from 'typebox';
import { FreeText, IsoInstant, Line, StateCode } from './common.schema.js';

/** What the study group meeting decided on one text (Res. 1 §9.5). */
export const DecisionInputSchema = Type.Object(
  {
    deferred: Type.Optional(Type.Boolean({ description: 'The meeting deferred approval (§9.5.2)' })),
    opposing: Type.Optional(
      Type.Array(StateCode, { maxItems: 250, description: 'Member State delegations opposing approval (§9.5.3)' }),
    ),
    abstaining: Type.Optional(
      Type.Array(StateCode, { maxItems: 250, description: 'Delegations that abstained (§9.5.6)' }),
    ),
    reservations: Type.Optional(
      Type.Array(Type.Object({ state: StateCode, note: Line(5000) }, { additionalProperties: false }), {
        maxItems: 250,
        description: 'Reservations (§9.5.4)',
      }),
    ),
    moreTime: Type.Optional(
      Type.Array(StateCode, { maxItems: 250, description: 'Delegations that asked for more time (§9.5.5)' }),
    ),
    formalOppositions: Type.Optional(
      Type.Array(
        Type.Object(
          { state: StateCode, receivedAt: IsoInstant, reasons: Type.Optional(Type.Union([FreeText(), Type.Null()])) },
          { additionalProperties: false },
        ),
        { maxItems: 250, description: 'Formal opposition received within 4 weeks (§9.5.5)' },
      ),
    ),
    notes: Type.Optional(Type.Union([FreeText(5000), Type.Null()])),
  },
  { additionalProperties: false, title: 'DecisionInput' },
);
export type DecisionInput = Static<typeof DecisionInputSchema>;
