import type { Kysely, Migration } from 'kysely';
import type { MigrationOptions } from './migration-options.js';

/** A sealed secret as services/identity/secrets.ts writes it: `v1.<iv>.<tag>.<ciphertext>`. */
const SEALED = /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Receipt-signing keys, sealed and dated (finding 3 of the attack test). Until now the Ed25519
 * private key sat in `signing_key.private_key` as a PEM in clear: anyone who could read the
 * database could sign receipts. The migration seals every such key with the server secret
 * (AES-256-GCM, as TOTP seeds are), in the migration's own transaction, so no key is ever left
 * in clear and none can be sealed later by mistake (a PEM written into the table afterwards is
 * refused, not adopted). Each key gets its validity period: `valid_from` (its creation) and
 * `valid_until` (null while it signs; set when it is retired), published at
 * /.well-known/assent-keys.json.
 *
 * Down: the columns are dropped; sealed keys stay sealed (they cannot be opened without the
 * secret, which a migration does not keep).
 */
export function m0010SealedSigningKeys(options: MigrationOptions): Migration {
  return {
    async up(db: Kysely<any>) {
      // Checked before any change: SQLite runs a migration's DDL outside a transaction, so a
      // refusal after the first ALTER would leave the schema half-migrated.
      const keys: { id: string; private_key: string }[] = await db
        .selectFrom('signing_key')
        .select(['id', 'private_key'])
        .execute();
      const inClear = keys.filter((k) => !SEALED.test(k.private_key));
      const seal = options.sealSecret;
      if (inClear.length > 0 && !seal)
        throw new Error(
          `the receipt-signing key ${inClear.map((k) => k.id).join(', ')} is stored in clear and must be sealed with the server secret: run the migration through the server or \`assent db migrate\`, which read ASSENT_SECRET_KEY (or DATA_DIR/secret.key)`,
        );
      await db.schema.alterTable('signing_key').addColumn('valid_from', 'bigint').execute();
      await db.schema.alterTable('signing_key').addColumn('valid_until', 'bigint').execute();
      await db
        .updateTable('signing_key')
        .set((eb) => ({ valid_from: eb.ref('created_at') }))
        .execute();
      for (const key of inClear)
        await db
          .updateTable('signing_key')
          .set({ private_key: seal!(key.private_key) })
          .where('id', '=', key.id)
          .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('signing_key').dropColumn('valid_until').execute();
      await db.schema.alterTable('signing_key').dropColumn('valid_from').execute();
    },
  };
}
