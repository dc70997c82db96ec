import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Accounts, invitations, TOTP recovery codes, server-side sessions and login throttling; API
 * tokens may belong to an account and carry scopes.
 */
export const m0005Identity: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('account')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) =>
        c.notNull().check(sql`role in ('secretariat_admin', 'secretariat_staff', 'focal_point', 'observer')`),
      )
      .addColumn('member_state', 'text', (c) => c.references('member_state.code'))
      .addColumn('focal_point_rank', 'text', (c) =>
        c.check(sql`focal_point_rank is null or focal_point_rank in ('primary', 'alternate')`),
      )
      .addColumn('password_hash', 'text')
      .addColumn('totp_secret', 'text')
      .addColumn('totp_enabled_at', 'bigint')
      .addColumn('totp_last_step', 'bigint')
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('disabled_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('account_focal_point_has_state', sql`(role = 'focal_point') = (member_state is not null)`)
      .addCheckConstraint(
        'account_rank_only_for_focal_points',
        sql`(role = 'focal_point') = (focal_point_rank is not null)`,
      )
      .execute();
    await db.schema.createIndex('account_state').on('account').columns(['member_state']).execute();

    await db.schema
      .createTable('invitation')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();

    await db.schema
      .createTable('recovery_code')
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .addPrimaryKeyConstraint('recovery_code_pk', ['account_id', 'code_hash'])
      .execute();

    await db.schema
      .createTable('session')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('mfa_verified_at', 'bigint')
      .addColumn('csrf_secret', 'text', (c) => c.notNull())
      .addColumn('user_agent', 'text')
      .addColumn('ip', 'text')
      .execute();
    await db.schema.createIndex('session_account').on('session').columns(['account_id']).execute();

    await db.schema
      .createTable('login_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .alterTable('api_token')
      .addColumn('account_id', 'text', (c) => c.references('account.id'))
      .execute();
    await db.schema.alterTable('api_token').addColumn('scopes', 'text').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('api_token').dropColumn('scopes').execute();
    await db.schema.alterTable('api_token').dropColumn('account_id').execute();
    for (const table of ['login_throttle', 'session', 'recovery_code', 'invitation', 'account'])
      await db.schema.dropTable(table).execute();
  },
};
