import type { Executor } from '../db/dialect.js';
import type { StoredToken, TokenRole } from '../domain/identity/api-token.js';

export type { StoredToken, TokenRole } from '../domain/identity/api-token.js';

export async function insertToken(
  db: Executor,
  token: StoredToken & { readonly tokenHash: string; readonly createdBy: string },
): Promise<void> {
  await db
    .insertInto('api_token')
    .values({
      id: token.id,
      token_hash: token.tokenHash,
      label: token.label,
      role: token.role,
      member_state: token.memberState,
      created_at: token.createdAt,
      created_by: token.createdBy,
      expires_at: token.expiresAt,
      revoked_at: token.revokedAt,
      account_id: token.accountId,
      scopes: token.scopes === null ? null : JSON.stringify(token.scopes),
    })
    .execute();
}

/** The token whose SHA-256 is `tokenHash` (the secret itself is never stored). */
export async function findTokenByHash(db: Executor, tokenHash: string): Promise<StoredToken | undefined> {
  const row = await db
    .selectFrom('api_token')
    .select(['id', 'label', 'role', 'member_state', 'created_at', 'expires_at', 'revoked_at', 'account_id', 'scopes'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? toToken(row) : undefined;
}

function toToken(row: {
  id: string;
  label: string;
  role: TokenRole;
  member_state: string | null;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  account_id: string | null;
  scopes: string | null;
}): StoredToken {
  return {
    id: row.id,
    label: row.label,
    role: row.role,
    memberState: row.member_state,
    createdAt: Number(row.created_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    accountId: row.account_id,
    scopes: row.scopes === null ? null : (JSON.parse(row.scopes) as string[]),
  };
}

/** Tokens, optionally those of one account. */
export async function listTokens(db: Executor, filter: { accountId?: string } = {}): Promise<StoredToken[]> {
  const rows = await db
    .selectFrom('api_token')
    .select(['id', 'label', 'role', 'member_state', 'created_at', 'expires_at', 'revoked_at', 'account_id', 'scopes'])
    .$if(filter.accountId !== undefined, (qb) => qb.where('account_id', '=', filter.accountId!))
    .orderBy('created_at')
    .execute();
  return rows.map(toToken);
}

export async function revokeToken(db: Executor, id: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes every active token of an account (when the account is disabled). */
export async function revokeTokensOf(db: Executor, accountId: string, at: number): Promise<number> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The labels of the given tokens and the accounts they belong to, by id (unknown ids are left out). */
export async function tokenLabels(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { readonly label: string; readonly accountId: string | null }>> {
  const unique = [...new Set(ids)];
  const labels = new Map<string, { readonly label: string; readonly accountId: string | null }>();
  for (let at = 0; at < unique.length; at += 1000) {
    const rows = await db
      .selectFrom('api_token')
      .select(['id', 'label', 'account_id'])
      .where('id', 'in', unique.slice(at, at + 1000))
      .execute();
    for (const row of rows) labels.set(row.id, { label: row.label, accountId: row.account_id });
  }
  return labels;
}
