import Type, { type Static } from 'typebox';
import type { PositionInput } from '../domain/reply/reply.js';
import { DEFAULT_PROCEDURE_ID, procedureFor } from '../procedures/registry.js';
import { IsoDay, IsoInstant, Line, Sha256 } from './common.schema.js';

/**
 * One position of a reply: the default procedure's own position schema (src/procedures/<id>/),
 * reached through the registry, typed as the position the core reads. A route's schema must be
 * static, so the API documents and checks the default procedure's; a consultation of another
 * procedure has its positions checked by its own procedure in the reply services (`checkReply`).
 */
export const PositionSchema = Type.Unsafe<PositionInput>(procedureFor(DEFAULT_PROCEDURE_ID).positionSchema);

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
