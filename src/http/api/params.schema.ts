import Type from 'typebox';
import { Sha256, Slug, StateCode } from '../../schemas/common.schema.js';

export const ConsultationParams = Type.Object({ id: Slug }, { additionalProperties: false });
export const TextParams = Type.Object({ id: Slug, textId: Slug }, { additionalProperties: false });
export const StateParams = Type.Object({ id: Slug, state: StateCode }, { additionalProperties: false });
export const ShaParams = Type.Object({ sha256: Sha256 }, { additionalProperties: false });

/** `If-Match: "<revision>"`, optional. */
export const IfMatchHeaders = Type.Object({ 'if-match': Type.Optional(Type.String({ pattern: '^(W/)?"?\\d+"?$' })) });

/** `Idempotency-Key`, optional; a retry with the same key and body returns the first result. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' })),
});

/** The revision named by an If-Match header, if any. */
export function revisionFromIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return Number(value.replace(/^W\//, '').replace(/"/g, ''));
}

/** Headers of a withdrawal: both of the above. */
export const WithdrawHeaders = Type.Object({ ...IdempotencyHeaders.properties, ...IfMatchHeaders.properties });
