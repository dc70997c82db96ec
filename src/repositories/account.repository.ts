import type { Selectable } from 'kysely';
import type { AccountTable } from '../db/database.js';
import { dialectOf, type Executor } from '../db/dialect.js';
import type { Account } from '../domain/identity/account.js';

export type { Account } from '../domain/identity/account.js';

function toAccount(row: Selectable<AccountTable>): Account {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    memberState: row.member_state,
    focalPointRank: row.focal_point_rank,
    passwordHash: row.password_hash,
    totpSecret: row.totp_secret,
    totpEnabledAt: row.totp_enabled_at === null ? null : Number(row.totp_enabled_at),
    totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
    language: row.language,
    disabledAt: row.disabled_at === null ? null : Number(row.disabled_at),
    authenticatorResetAt: row.authenticator_reset_at === null ? null : Number(row.authenticator_reset_at),
    createdAt: Number(row.created_at),
  };
}

export async function insertAccount(db: Executor, a: Account, now: number): Promise<void> {
  await db
    .insertInto('account')
    .values({
      id: a.id,
      email: a.email,
      name: a.name,
      role: a.role,
      member_state: a.memberState,
      focal_point_rank: a.focalPointRank,
      password_hash: a.passwordHash,
      totp_secret: a.totpSecret,
      totp_enabled_at: a.totpEnabledAt,
      totp_last_step: a.totpLastStep,
      language: a.language,
      disabled_at: a.disabledAt,
      authenticator_reset_at: a.authenticatorResetAt,
      created_at: a.createdAt,
      updated_at: now,
    })
    .execute();
}

/** Reads an account; with `lock` the row is locked until commit on PostgreSQL (TOTP step updates). */
export async function findAccount(
  db: Executor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Account | undefined> {
  const row = await db
    .selectFrom('account')
    .selectAll()
    .where('id', '=', id)
    .$if(options.lock === true && dialectOf(db) === 'postgres', (qb) => qb.forUpdate())
    .executeTakeFirst();
  return row ? toAccount(row) : undefined;
}

export async function findAccountByEmail(db: Executor, email: string): Promise<Account | undefined> {
  const row = await db
    .selectFrom('account')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return row ? toAccount(row) : undefined;
}

export async function listAccounts(db: Executor, filter: { memberState?: string } = {}): Promise<Account[]> {
  const rows = await db
    .selectFrom('account')
    .selectAll()
    .$if(filter.memberState !== undefined, (qb) => qb.where('member_state', '=', filter.memberState!))
    .orderBy('role')
    .orderBy('member_state')
    .orderBy('email')
    .execute();
  return rows.map(toAccount);
}

/** The State of each account that has one (a focal point's), by account id: no name, no e-mail address. */
export async function accountMemberStates(db: Executor): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('account')
    .select(['id', 'member_state'])
    .where('member_state', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.member_state!] as const));
}

/** Updates the given fields of an account. */
export async function updateAccount(
  db: Executor,
  id: string,
  changes: Partial<
    Pick<
      Account,
      | 'name'
      | 'passwordHash'
      | 'totpSecret'
      | 'totpEnabledAt'
      | 'totpLastStep'
      | 'disabledAt'
      | 'focalPointRank'
      | 'language'
      | 'authenticatorResetAt'
    >
  >,
  now: number,
): Promise<void> {
  await db
    .updateTable('account')
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
      ...(changes.totpSecret !== undefined && { totp_secret: changes.totpSecret }),
      ...(changes.totpEnabledAt !== undefined && { totp_enabled_at: changes.totpEnabledAt }),
      ...(changes.totpLastStep !== undefined && { totp_last_step: changes.totpLastStep }),
      ...(changes.disabledAt !== undefined && { disabled_at: changes.disabledAt }),
      ...(changes.focalPointRank !== undefined && { focal_point_rank: changes.focalPointRank }),
      ...(changes.language !== undefined && { language: changes.language }),
      ...(changes.authenticatorResetAt !== undefined && { authenticator_reset_at: changes.authenticatorResetAt }),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** The names of the given accounts, by id (one query per 1,000 ids; unknown ids are left out). */
export async function accountNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const names = new Map<string, string>();
  for (let at = 0; at < unique.length; at += 1000) {
    const rows = await db
      .selectFrom('account')
      .select(['id', 'name'])
      .where('id', 'in', unique.slice(at, at + 1000))
      .execute();
    for (const row of rows) names.set(row.id, row.name);
  }
  return names;
}
