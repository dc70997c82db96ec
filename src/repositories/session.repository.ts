import type { Selectable } from 'kysely';
import type { SessionTable } from '../db/database.js';
import type { Executor } from '../db/dialect.js';
import type { Session } from '../domain/identity/session.js';

export type { Session } from '../domain/identity/session.js';

function toSession(row: Selectable<SessionTable>): Session {
  return {
    id: row.id,
    accountId: row.account_id,
    createdAt: Number(row.created_at),
    lastSeenAt: Number(row.last_seen_at),
    expiresAt: Number(row.expires_at),
    mfaVerifiedAt: row.mfa_verified_at === null ? null : Number(row.mfa_verified_at),
    csrfSecret: row.csrf_secret,
    userAgent: row.user_agent,
    ip: row.ip,
  };
}

export async function insertSession(db: Executor, s: Session): Promise<void> {
  await db
    .insertInto('session')
    .values({
      id: s.id,
      account_id: s.accountId,
      created_at: s.createdAt,
      last_seen_at: s.lastSeenAt,
      expires_at: s.expiresAt,
      mfa_verified_at: s.mfaVerifiedAt,
      csrf_secret: s.csrfSecret,
      user_agent: s.userAgent,
      ip: s.ip,
    })
    .execute();
}

export async function findSession(db: Executor, id: string): Promise<Session | undefined> {
  const row = await db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSession(row) : undefined;
}

export async function touchSession(db: Executor, id: string, at: number): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

/** Deletes every session of an account but `keep` (sign out other sessions; disable an account). */
export async function deleteSessionsOf(db: Executor, accountId: string, keep?: string): Promise<number> {
  const result = await db
    .deleteFrom('session')
    .where('account_id', '=', accountId)
    .$if(keep !== undefined, (qb) => qb.where('id', '!=', keep!))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function listSessionsOf(db: Executor, accountId: string): Promise<Session[]> {
  const rows = await db
    .selectFrom('session')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map(toSession);
}
