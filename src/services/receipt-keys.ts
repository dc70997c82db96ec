import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { appendAudit } from '../repositories/audit.repository.js';
import {
  insertSigningKeyIfAbsent,
  listCurrentSigningKeys,
  listSigningKeys,
  retireSigningKey,
  findSigningKey,
  type StoredSigningKey,
} from '../repositories/signing-key.repository.js';
import { openSecret, sealSecret } from './identity/secrets.js';
import { inTransaction, type ServiceContext } from './service-context.js';

/** What the server's keys sign (published with each key). */
export const KEY_USES = ['receipts', 'audit-checkpoints'] as const;

/**
 * One of the server's Ed25519 keys, opened: it signs receipts and audit checkpoints. The public
 * half is derived from the private half, which is sealed with the server secret: a key row that
 * someone wrote into the database without that secret (a PEM in clear, another public key in the
 * `public_key` column) is never trusted.
 */
export interface SigningKey {
  readonly id: string;
  readonly algorithm: 'Ed25519';
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** SPKI PEM of the public key. */
  readonly publicKeyPem: string;
  readonly validFrom: number;
  /** Null while the key signs. */
  readonly validUntil: number | null;
}

/** Opened keys per server secret and stored row: opening is an AES-GCM decryption and a key parse. */
const openedKeys = new WeakMap<Buffer, Map<string, SigningKey | null>>();

/**
 * Opens a stored key with the server secret. Null when it cannot be trusted: sealed with another
 * secret or altered (the AES-GCM tag fails), stored in clear (planted: migration 0010 sealed every
 * key of earlier releases), or not an Ed25519 key.
 */
function openKey(ctx: ServiceContext, stored: StoredSigningKey): SigningKey | null {
  let cache = openedKeys.get(ctx.secretKey);
  if (!cache) {
    cache = new Map();
    openedKeys.set(ctx.secretKey, cache);
  }
  const cacheKey = `${stored.id}\n${stored.sealedPrivateKey}\n${stored.validFrom}\n${stored.validUntil}`;
  if (cache.has(cacheKey)) return cache.get(cacheKey)!;
  let key: SigningKey | null = null;
  try {
    const privateKey = createPrivateKey(openSecret(ctx.secretKey, stored.sealedPrivateKey));
    if (privateKey.asymmetricKeyType === 'ed25519') {
      const publicKey = createPublicKey(privateKey);
      key = {
        id: stored.id,
        algorithm: 'Ed25519',
        privateKey,
        publicKey,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        validFrom: stored.validFrom,
        validUntil: stored.validUntil,
      };
    }
  } catch {
    key = null;
  }
  if (cache.size > 1000) cache.clear();
  cache.set(cacheKey, key);
  return key;
}

/** A new key pair, its private half sealed, valid from `now`. */
function newStoredKey(ctx: ServiceContext, id: string, now: number): StoredSigningKey {
  const pair = generateKeyPairSync('ed25519');
  return {
    id,
    algorithm: 'Ed25519',
    publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sealedPrivateKey: sealSecret(ctx.secretKey, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
    createdAt: now,
    validFrom: now,
    validUntil: null,
  };
}

/**
 * The key that signs now: the newest current key this server can open, created on first use
 * and shared by every instance through the database (the first instance to store one wins).
 * @throws SIGNING_KEY_UNAVAILABLE when keys exist but none opens with this server's secret
 *   (ASSENT_SECRET_KEY differs from the one that sealed them, or the rows were altered)
 */
export async function currentSigningKey(ctx: ServiceContext): Promise<SigningKey> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const current = await listCurrentSigningKeys(ctx.db);
    const opened = current.map((stored) => openKey(ctx, stored)).find((key) => key !== null);
    if (opened) return opened;
    if (current.length > 0) break;
    const existing = await listSigningKeys(ctx.db);
    await insertSigningKeyIfAbsent(ctx.db, newStoredKey(ctx, `receipts-${existing.length + 1}`, ctx.clock()));
  }
  throw new AppError(
    'SIGNING_KEY_UNAVAILABLE',
    'The receipt-signing key cannot be opened with this server secret: ASSENT_SECRET_KEY (or DATA_DIR/secret.key) is not the one that sealed it',
  );
}

/** A key by id, if it is one of this server's (it opens with the server secret); null otherwise. */
export async function trustedSigningKey(ctx: ServiceContext, id: string): Promise<SigningKey | null> {
  const stored = await findSigningKey(ctx.db, id);
  return stored ? openKey(ctx, stored) : null;
}

/** A public key with its validity period, as /.well-known/assent-keys.json lists it. */
export interface PublishedKey {
  readonly keyId: string;
  readonly algorithm: 'Ed25519';
  readonly publicKey: string;
  readonly validFrom: number;
  readonly validUntil: number | null;
  readonly signs: readonly (typeof KEY_USES)[number][];
}

/**
 * Every key of this server, oldest first, with the period in which it signed: receipts and
 * checkpoints signed by a key remain verifiable after it is retired. Rows that do not open with
 * the server secret are not this server's and are left out.
 */
export async function listPublishedKeys(ctx: ServiceContext): Promise<PublishedKey[]> {
  await currentSigningKey(ctx);
  const keys = (await listSigningKeys(ctx.db)).map((stored) => openKey(ctx, stored));
  return keys
    .filter((key): key is SigningKey => key !== null)
    .map((key) => ({
      keyId: key.id,
      algorithm: key.algorithm,
      publicKey: key.publicKeyPem,
      validFrom: key.validFrom,
      validUntil: key.validUntil,
      signs: KEY_USES,
    }));
}

/**
 * Retires the current key and creates the next one (after a suspected exposure, or on a
 * schedule). Receipts and checkpoints the old key signed still verify; new ones are signed with
 * the new key. Written with its audit row.
 * @throws FORBIDDEN (administrators only), SIGNING_KEY_UNAVAILABLE
 */
export async function rotateSigningKey(ctx: ServiceContext, options: { actor: Actor }): Promise<PublishedKey> {
  authorize(options.actor, { action: 'key:manage' });
  const previous = await currentSigningKey(ctx);
  const rotated = await inTransaction(ctx, async (trx) => {
    const now = ctx.clock();
    const all = await listSigningKeys(trx);
    const next = newStoredKey(ctx, `receipts-${all.length + 1}`, now);
    for (const key of all.filter((k) => k.validUntil === null)) await retireSigningKey(trx, key.id, now);
    await insertSigningKeyIfAbsent(trx, next);
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'key.rotated',
      consultationId: null,
      subject: `key:${next.id}`,
      data: { retired: previous.id, publicKey: next.publicKey },
    });
    return next;
  });
  return {
    keyId: rotated.id,
    algorithm: 'Ed25519',
    publicKey: rotated.publicKey,
    validFrom: rotated.validFrom,
    validUntil: null,
    signs: KEY_USES,
  };
}
