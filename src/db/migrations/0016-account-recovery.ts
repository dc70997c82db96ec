import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Account recovery (issue #16 item 10): a forgotten password by an e-mailed link, a lost
 * authenticator through the administrator.
 *
 * `password_reset`: the single-use links of "Forgot your password?", as the SHA-256 of their
 * secret (like `invitation`), valid for PASSWORD_RESET_MINUTES. A new request revokes the open
 * ones of the account.
 *
 * `invitation.purpose`: what a link of the invitation table lets its holder do. `account` (every
 * existing row): choose a password, then enrol an authenticator. `authenticator`: after an
 * administrator reset the authenticator, give the current password, then enrol a new one.
 *
 * `account.authenticator_reset_at`: when an administrator last reset the account's authenticator,
 * until a new one is confirmed (null otherwise, which every existing row is). While it is set the
 * password alone signs nobody in: the e-mailed link is needed too.
 *
 * Same statements on SQLite and PostgreSQL (SQLite adds a NOT NULL column with its default and its
 * CHECK constraint in place).
 */
export const m0016AccountRecovery: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('password_reset')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('password_reset_account').on('password_reset').columns(['account_id']).execute();
    await db.schema
      .alterTable('invitation')
      .addColumn('purpose', 'text', (c) =>
        c.notNull().defaultTo('account').check(sql`purpose in ('account', 'authenticator')`),
      )
      .execute();
    await db.schema.alterTable('account').addColumn('authenticator_reset_at', 'bigint').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('account').dropColumn('authenticator_reset_at').execute();
    await db.schema.alterTable('invitation').dropColumn('purpose').execute();
    await db.schema.dropTable('password_reset').execute();
  },
};
