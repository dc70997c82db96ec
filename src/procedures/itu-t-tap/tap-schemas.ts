import Type, { type Static } from 'typebox';
import { CommentTableSchema, FreeText, IsoInstant, Line, Sha256, Slug } from '../../schemas/common.schema.js';

/** A Member State's code (ISO 3166-1 alpha-2): TAP's decisions name Member State delegations only (§9.4.1, §9.5). */
const StateCode = Type.String({
  pattern: '^[A-Z]{2}$',
  description: 'ISO 3166-1 alpha-2 code of a Member State',
  examples: ['KR'],
});

/**
 * The TypeBox schemas TAP owns: what one position of a reply and what one meeting decision may
 * hold (the Annex 2 reply form; WTSA Resolution 1 §9.4.4 and §9.5). The API's request schemas
 * embed them through the registry, and the services check a consultation's input against its own
 * procedure's schema; the rules on top (a box's sub-option, reasons, a State opposing and
 * abstaining) are the procedure's checks (tap-reply-rules.ts, tap-meeting.ts).
 */

/**
 * The position kinds of TAP: the two boxes of the Annex 2 form, plus "unclear" for a form recorded
 * by the secretariat with both boxes or neither ticked.
 */
export const TAP_POSITION_KINDS = ['assigns_authority', 'does_not_assign_authority', 'unclear'] as const;
export type TapPositionKind = (typeof TAP_POSITION_KINDS)[number];

/** The sub-options of "assigns authority" (TSB form practice; Res. 1 knows only support vs non-support). */
export const TAP_ASSIGN_OPTIONS = ['no_comments', 'comments_attached'] as const;
export type TapAssignOption = (typeof TAP_ASSIGN_OPTIONS)[number];

/** One position of a reply: the box ticked for one text, with what that box carries. */
export const TapPositionSchema = Type.Object(
  {
    text: Slug,
    position: Type.Union(
      TAP_POSITION_KINDS.map((kind) => Type.Literal(kind)),
      {
        description:
          'assigns_authority or does_not_assign_authority (the two boxes of Annex 2); unclear only on forms recorded by the secretariat',
      },
    ),
    option: Type.Optional(
      Type.Union([...TAP_ASSIGN_OPTIONS.map((option) => Type.Literal(option)), Type.Null()], {
        description: 'With assigns_authority: no_comments or comments_attached',
      }),
    ),
    comments: Type.Optional(Type.Union([FreeText(), Type.Null()])),
    reasons: Type.Optional(Type.Union([FreeText(), Type.Null()])),
    possibleChanges: Type.Optional(Type.Union([FreeText(), Type.Null()])),
    attachment: Type.Optional(Type.Union([Sha256, Type.Null()])),
    commentTable: Type.Optional(Type.Union([CommentTableSchema, Type.Null()])),
  },
  { additionalProperties: false, title: 'Position' },
);
export type TapPositionInput = Static<typeof TapPositionSchema>;

/** What the study group meeting decided on one text (Res. 1 §9.5). */
export const TapDecisionSchema = Type.Object(
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
export type TapDecisionInput = Static<typeof TapDecisionSchema>;
