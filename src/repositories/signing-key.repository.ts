import type { Selectable } from 'kysely';
import type { SigningKeyTable } from '../db/database.js';
import type { Executor } from '../db/dialect.js';

/** A signing key as stored: the private half sealed with the server secret. */
export interface StoredSigningKey {
  readonly id: string;
  readonly algorithm: 'Ed25519';
  /** PEM (SPKI) as stored; not trusted by itself (anyone who can write the table could change it). */
  readonly publicKey: string;
  /** PEM (PKCS#8) sealed with the server secret. */
  readonly sealedPrivateKey: string;
  readonly createdAt: number;
  readonly validFrom: number;
  /** Null while it is the key that signs. */
  readonly validUntil: number | null;
}

function toKey(row: Selectable<SigningKeyTable>): StoredSigningKey {
  return {
    id: row.id,
    algorithm: row.algorithm,
    publicKey: row.public_key,
    sealedPrivateKey: row.private_key,
    createdAt: Number(row.created_at),
    validFrom: Number(row.valid_from ?? row.created_at),
    validUntil: row.valid_until === null ? null : Number(row.valid_until),
  };
}

/** Stores a key unless one with that id exists (the first instance to create it wins). */
export async function insertSigningKeyIfAbsent(db: Executor, key: StoredSigningKey): Promise<void> {
  await db
    .insertInto('signing_key')
    .values({
      id: key.id,
      algorithm: key.algorithm,
      public_key: key.publicKey,
      private_key: key.sealedPrivateKey,
      created_at: key.createdAt,
      valid_from: key.validFrom,
      valid_until: key.validUntil,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** One key by id. */
export async function findSigningKey(db: Executor, id: string): Promise<StoredSigningKey | undefined> {
  const row = await db.selectFrom('signing_key').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toKey(row) : undefined;
}

/** Every key, oldest first. */
export async function listSigningKeys(db: Executor): Promise<StoredSigningKey[]> {
  const rows = await db.selectFrom('signing_key').selectAll().orderBy('valid_from').orderBy('id').execute();
  return rows.map(toKey);
}

/** The keys that sign now (none retired), newest first: normally one. */
export async function listCurrentSigningKeys(db: Executor): Promise<StoredSigningKey[]> {
  const rows = await db
    .selectFrom('signing_key')
    .selectAll()
    .where('valid_until', 'is', null)
    .orderBy('valid_from', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toKey);
}

/** Retires a key: it stops signing at `at` (it still verifies what it signed). */
export async function retireSigningKey(db: Executor, id: string, at: number): Promise<void> {
  await db
    .updateTable('signing_key')
    .set({ valid_until: at })
    .where('id', '=', id)
    .where('valid_until', 'is', null)
    .execute();
}
