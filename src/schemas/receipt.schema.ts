import Type, { type Static } from 'typebox';
import { CHANNELS } from '../domain/reply/reply.js';
import { Line, Sha256, Slug, StateCode } from './common.schema.js';

const Hex64 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 (hex)' });

/**
 * A receipt as `GET …/versions/{n}/receipt` serves it, for verification (`POST /receipts/verify`,
 * `assent receipt verify`). Closed and bounded everywhere — no unknown field, every string of a
 * known form and length, at most one file per position plus the original — so a hostile document
 * (nested thousands of levels deep, megabytes in one field) is refused by validation before
 * anything canonicalises or hashes it.
 */
export const ReceiptInputSchema = Type.Object(
  {
    format: Type.Literal('assent-receipt/1'),
    consultation: Type.Object({ id: Slug, reference: Line(200) }, { additionalProperties: false }),
    memberState: StateCode,
    version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    status: Type.Union([Type.Literal('submitted'), Type.Literal('withdrawn')]),
    receivedAt: Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$',
      description: 'The instant the server received the version (UTC, milliseconds)',
    }),
    channel: Type.Union(CHANNELS.map((c) => Type.Literal(c))),
    receivedByDeadline: Type.Boolean(),
    contentSha256: Hex64,
    attachments: Type.Array(
      Type.Object(
        { sha256: Sha256, role: Type.String({ pattern: '^(original|position:[a-z0-9][a-z0-9-]{0,63})$' }) },
        { additionalProperties: false },
      ),
      { maxItems: 201 },
    ),
    audit: Type.Object(
      { seq: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), hash: Hex64 },
      { additionalProperties: false },
    ),
    signature: Type.Object(
      {
        algorithm: Type.Literal('Ed25519'),
        keyId: Type.String({ pattern: '^[A-Za-z0-9._:-]{1,100}$' }),
        value: Type.String({ pattern: '^[A-Za-z0-9+/]{1,200}={0,2}$', description: 'base64 Ed25519 signature' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, title: 'ReceiptInput', description: 'A receipt as downloaded' },
);
export type ReceiptInput = Static<typeof ReceiptInputSchema>;
