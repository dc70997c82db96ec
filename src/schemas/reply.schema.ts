import Type, { type Static, type TSchema } from 'typebox';
import type { PositionInput } from '../domain/reply/reply.js';
import { DEFAULT_PROCEDURE_ID, PROCEDURES, procedureFor } from '../procedures/registry.js';
import { IsoDay, IsoInstant, Line, Sha256 } from './common.schema.js';

/**
 * One position of a reply as the API takes it: the position schema of a registered procedure
 * (src/procedures/<id>/), reached through the registry and typed as the position the core reads.
 * With one procedure registered it is that procedure's schema; with several, any of theirs — and
 * the reply services then check a consultation's positions against its own procedure's schema
 * (reply-writer.ts) before its rules (`checkReply`). The schema is built when a route is
 * registered, so a procedure registered before the app is built is documented and accepted.
 */
export function positionSchema(): TSchema {
  const schemas = Object.values(PROCEDURES).map((p) => p.positionSchema);
  return Type.Unsafe<PositionInput>(schemas.length === 1 ? schemas[0]! : Type.Union(schemas));
}

/** The default procedure's position schema (the static type every reply input carries). */
export const PositionSchema = Type.Unsafe<PositionInput>(procedureFor(DEFAULT_PROCEDURE_ID).positionSchema);

const signatureFields = {
  signatory: Type.Object({ name: Line(200), title: Line(500) }, { additionalProperties: false }),
  place: Type.Optional(Type.Union([Line(200), Type.Null()])),
  signedOn: Type.Optional(Type.Union([IsoDay, Type.Null()])),
};

/** A Member State's reply (or amendment): one position per text it covers. */
export const ReplyInputSchema = replyInputSchema(PositionSchema);

/** The reply schema over a position schema (the routes pass `positionSchema()`: every registered procedure's). */
export function replyInputSchema(position: TSchema = positionSchema()) {
  return Type.Object(
    {
      positions: Type.Array(Type.Unsafe<PositionInput>(position), { maxItems: 200 }),
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
}
export type ReplyInput = Static<typeof ReplyInputSchema>;

/** A reply the secretariat received by e-mail, fax or paper and records for the State. */
export const RecordedReplyInputSchema = recordedReplyInputSchema(PositionSchema);

/** The recorded-reply schema over a position schema (the routes pass `positionSchema()`). */
export function recordedReplyInputSchema(position: TSchema = positionSchema()) {
  return Type.Object(
    {
      channel: Type.Union([Type.Literal('email'), Type.Literal('fax'), Type.Literal('paper')]),
      receivedAt: IsoInstant,
      originalFile: Sha256,
      withdrawal: Type.Optional(Type.Boolean({ description: 'The State withdrew its reply by this letter' })),
      positions: Type.Array(Type.Unsafe<PositionInput>(position), { maxItems: 200 }),
      ...signatureFields,
    },
    { additionalProperties: false, title: 'RecordedReplyInput' },
  );
}
export type RecordedReplyInput = Static<typeof RecordedReplyInputSchema>;
