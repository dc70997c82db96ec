import type { Executor } from '../db/dialect.js';

export interface SigningKey {
  readonly id: string;
  readonly algorithm: 'Ed25519';
  readonly publicKey: string;
  readonly privateKey: string;
  readonly createdAt: number;
}

/** Stores a key unless one with that id exists (the first instance to create it wins). */
export async function insertSigningKeyIfAbsent(db: Executor, key: SigningKey): Promise<void> {
  await db
    .insertInto('signing_key')
    .values({
      id: key.id,
      algorithm: key.algorithm,
      public_key: key.publicKey,
      private_key: key.privateKey,
      created_at: key.createdAt,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function findSigningKey(db: Executor, id: string): Promise<SigningKey | undefined> {
  const row = await db.selectFrom('signing_key').selectAll().where('id', '=', id).executeTakeFirst();
  return row
    ? {
        id: row.id,
        algorithm: row.algorithm,
        publicKey: row.public_key,
        privateKey: row.private_key,
        createdAt: Number(row.created_at),
      }
    : undefined;
}
