import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type, { type Static } from 'typebox';
import { listPublishedKeys, type PublishedKey } from '../../services/receipt-keys.js';
import type { ServiceContext } from '../../services/service-context.js';

const Instant = Type.String({ description: 'UTC instant, ISO 8601' });

export const PublishedKeysView = Type.Object(
  {
    keys: Type.Array(
      Type.Object({
        keyId: Type.String({ description: 'The `signature.keyId` of the receipts and checkpoints it signed' }),
        algorithm: Type.Literal('Ed25519'),
        publicKey: Type.String({ description: 'SPKI, PEM' }),
        validFrom: Instant,
        validUntil: Type.Union([Instant, Type.Null()], { description: 'null: the key that signs now' }),
        signs: Type.Array(Type.Union([Type.Literal('receipts'), Type.Literal('audit-checkpoints')])),
      }),
    ),
  },
  { title: 'PublishedKeys' },
);
export type PublishedKeysView = Static<typeof PublishedKeysView>;

/** The service's keys as published: instants in ISO 8601. */
export function presentPublishedKeys(keys: readonly PublishedKey[]): PublishedKeysView {
  return {
    keys: keys.map((key) => ({
      keyId: key.keyId,
      algorithm: key.algorithm,
      publicKey: key.publicKey,
      validFrom: new Date(key.validFrom).toISOString(),
      validUntil: key.validUntil === null ? null : new Date(key.validUntil).toISOString(),
      signs: [...key.signs],
    })),
  };
}

/**
 * `GET /.well-known/assent-keys.json`: every public key the server signs receipts and audit
 * checkpoints with, and when it signed, for anyone to check a receipt offline — also one signed
 * by a key since retired. Public, outside /api/v1 (a well-known location, RFC 8615).
 */
export const keyRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get(
    '/.well-known/assent-keys.json',
    {
      // Outside /api/v1, so outside the API's OpenAPI document like /health (README lists it).
      schema: { hide: true, response: { 200: PublishedKeysView } },
    },
    async () => presentPublishedKeys(await listPublishedKeys(ctx)),
  );
};
