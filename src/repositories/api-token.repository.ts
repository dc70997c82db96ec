import type { Executor } from '../db/dialect.js';

export type TokenRole = 'secretariat' | 'focal_point' | 'observer';

export interface StoredToken {
  readonly id: string;
  readonly label: string;
  readonly role: TokenRole;
  readonly memberState: string | null;
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly revokedAt: number | null;
}

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
    })
    .execute();
}

/** The token whose SHA-256 is `tokenHash` (the secret itself is never stored). */
export async function findTokenByHash(db: Executor, tokenHash: string): Promise<StoredToken | undefined> {
  const row = await db
    .selectFrom('api_token')
    .select(['id', 'label', 'role', 'member_state', 'created_at', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row
    ? { id: row.id, label: row.label, role: row.role, memberState: row.member_state, createdAt: row.created_at, expiresAt: row.expires_at, revokedAt: row.revoked_at }
    : undefined;
}

export async function listTokens(db: Executor): Promise<StoredToken[]> {
  const rows = await db
    .selectFrom('api_token')
    .select(['id', 'label', 'role', 'member_state', 'created_at', 'expires_at', 'revoked_at'])
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    role: row.role,
    memberState: row.member_state,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  }));
}

export async function revokeToken(db: Executor, id: string, at: number): Promise<boolean> {
  const result = await db.updateTable('api_token').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
