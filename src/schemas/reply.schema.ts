import Type, { type Static } from 'typebox';
import { FreeText, IsoDay, IsoInstant, Line, Sha256, Slug } from './common.schema.js';

export const PositionSchema = Type.Object(
  {
    text: Slug,
    position: Type.Union(
      [Type.Literal('assigns_authority'), Type.Literal('does_not_assign_authority'), Type.Literal('unclear')],
      {
        description:
          'assigns_authority or does_not_assign_authority (the two boxes of Annex 2); unclear only on forms recorded by the secretariat',
      },
    ),
    option: Type.Optional(
      Type.Union([Type.Literal('no_comments'), Type.Literal('comments_attached'), Type.Null()], {
        description: 'With assigns_authority: no_comments or comments_attached',
      }),
    ),
    comments: Type.Optional(Type.Union([FreeText(), Type.Null()])),
    reasons: Type.Optional(Type.Union([FreeText(), Type.Null()])),
    possibleChanges: Type.Optional(Type.Union([FreeText(), Type.Null()])),
    attachment: Type.Optional(Type.Union([Sha256, Type.Null()])),
  },
  { additionalProperties: false, title: 'Position' },
);

const signatureFields = {
  signatory: Type.Object({ name: Line(200), title: Line(500) }, { additionalProperties: false }),
  place: Type.Optional(Type.Union([Line(200), Type.Null()])),
  signedOn: Type.Optional(Type.Union([IsoDay, Type.Null()])),
};

/** A Member State's reply (or amendment): one position per text it covers. */
export const ReplyInputSchema = Type.Object(
  {
    positions: Type.Array(PositionSchema, { maxItems: 200 }),
    ...signatureFields,
    expectedVersion: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'The version the client last saw (0: none); a different current version is refused as stale',
      }),
    ),
  },
  { additionalProperties: false, title: 'ReplyInput' },
);
export type ReplyInput = Static<typeof ReplyInputSchema>;

/** A reply the secretariat received by e-mail, fax or paper and records for the State. */
export const RecordedReplyInputSchema = Type.Object(
  {
    channel: Type.Union([Type.Literal('email'), Type.Literal('fax'), Type.Literal('paper')]),
    receivedAt: IsoInstant,
    originalFile: Sha256,
    withdrawal: Type.Optional(Type.Boolean({ description: 'The State withdrew its reply by this letter' })),
    positions: Type.Array(PositionSchema, { maxItems: 200 }),
    ...signatureFields,
  },
  { additionalProperties: false, title: 'RecordedReplyInput' },
);
export type RecordedReplyInput = Static<typeof RecordedReplyInputSchema>;
