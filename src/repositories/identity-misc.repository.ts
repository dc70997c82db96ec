import { sql } from 'kysely';
import type { InvitationPurpose } from '../db/database.js';
import type { Executor } from '../db/dialect.js';

export type { InvitationPurpose } from '../db/database.js';

/**
 * Invitations: single-use, expiring links that let a person set a password and enrol 2FA
 * (`account`), or, after an administrator reset the authenticator, enrol a new one with the
 * password they have (`authenticator`).
 */
export interface Invitation {
  readonly id: string;
  readonly purpose: InvitationPurpose;
  readonly tokenHash: string;
  readonly accountId: string;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly usedAt: number | null;
  readonly revokedAt: number | null;
}

export async function insertInvitation(db: Executor, i: Invitation): Promise<void> {
  await db
    .insertInto('invitation')
    .values({
      id: i.id,
      purpose: i.purpose,
      token_hash: i.tokenHash,
      account_id: i.accountId,
      created_by: i.createdBy,
      created_at: i.createdAt,
      expires_at: i.expiresAt,
      used_at: i.usedAt,
      revoked_at: i.revokedAt,
    })
    .execute();
}

export async function findInvitationByHash(db: Executor, tokenHash: string): Promise<Invitation | undefined> {
  const row = await db.selectFrom('invitation').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row
    ? {
        id: row.id,
        purpose: row.purpose,
        tokenHash: row.token_hash,
        accountId: row.account_id,
        createdBy: row.created_by,
        createdAt: Number(row.created_at),
        expiresAt: Number(row.expires_at),
        usedAt: row.used_at === null ? null : Number(row.used_at),
        revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
      }
    : undefined;
}

/** The tables of single-use links: an invitation (or authenticator link) and a password reset. */
type LinkTable = 'invitation' | 'password_reset';

/** Marks a link used, only if it is still open (so two concurrent uses cannot both win). */
async function markLinkUsed(db: Executor, table: LinkTable, id: string, at: number): Promise<boolean> {
  const r = await db
    .updateTable(table)
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Revokes an account's open links of one kind. */
async function revokeOpenLinksOf(db: Executor, table: LinkTable, accountId: string, at: number): Promise<void> {
  await db
    .updateTable(table)
    .set({ revoked_at: at })
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Marks an invitation used, only if it still is unused (so two concurrent uses cannot both win). */
export async function markInvitationUsed(db: Executor, id: string, at: number): Promise<boolean> {
  return markLinkUsed(db, 'invitation', id, at);
}

/** Revokes the open invitations of an account (a new invitation replaces them). */
export async function revokeInvitationsOf(db: Executor, accountId: string, at: number): Promise<void> {
  await revokeOpenLinksOf(db, 'invitation', accountId, at);
}

/** Recovery codes, stored as SHA-256 (they are long random strings). */
export async function replaceRecoveryCodes(
  db: Executor,
  accountId: string,
  hashes: readonly string[],
  now: number,
): Promise<void> {
  await db.deleteFrom('recovery_code').where('account_id', '=', accountId).execute();
  if (hashes.length === 0) return;
  await db
    .insertInto('recovery_code')
    .values(hashes.map((code_hash) => ({ account_id: accountId, code_hash, created_at: now, used_at: null })))
    .execute();
}

/** Uses a recovery code once: true when it existed and was unused. */
export async function useRecoveryCode(db: Executor, accountId: string, hash: string, at: number): Promise<boolean> {
  const r = await db
    .updateTable('recovery_code')
    .set({ used_at: at })
    .where('account_id', '=', accountId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function countUnusedRecoveryCodes(db: Executor, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Login throttling counters, shared by every instance. */
export async function findThrottle(
  db: Executor,
  key: string,
): Promise<{ failures: number; lockedUntil: number | null } | undefined> {
  const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  return row
    ? { failures: row.failures, lockedUntil: row.locked_until === null ? null : Number(row.locked_until) }
    : undefined;
}

export async function saveThrottle(
  db: Executor,
  key: string,
  failures: number,
  lockedUntil: number | null,
  now: number,
): Promise<void> {
  await db
    .insertInto('login_throttle')
    .values({ key, failures, locked_until: lockedUntil, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures, locked_until: lockedUntil, updated_at: now }))
    .execute();
}

export async function clearThrottle(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

/**
 * Counts one attempt for `key` atomically (insert or increment) and returns the new count and
 * the lock that was in force before it. On PostgreSQL the upsert locks the row until commit, so
 * concurrent attempts on one key are counted one after the other.
 */
export async function incrementThrottle(
  db: Executor,
  key: string,
  now: number,
): Promise<{ failures: number; lockedUntil: number | null }> {
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, locked_until: null, updated_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({ failures: eb('login_throttle.failures', '+', 1), updated_at: now })),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  return { failures: row.failures, lockedUntil: row.locked_until === null ? null : Number(row.locked_until) };
}

export async function setThrottleLock(
  db: Executor,
  key: string,
  lockedUntil: number | null,
  now: number,
): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({ locked_until: lockedUntil, updated_at: now })
    .where('key', '=', key)
    .execute();
}

/**
 * Gives back `count` attempts that were reserved on `key` and turned out not to be failures, in
 * one statement (so concurrent reservations on the key are neither lost nor doubled). The lock
 * follows the count that remains: below `threshold` there is none; otherwise the pre-emptive lock
 * the reservation set (`reservedLock`) is replaced by the one in force before it (`lockBefore`),
 * and a lock set since by another attempt is kept.
 */
export async function releaseThrottle(
  db: Executor,
  key: string,
  release: { count: number; threshold: number; reservedLock: number | null; lockBefore: number | null },
  now: number,
): Promise<void> {
  const { count, threshold, reservedLock, lockBefore } = release;
  await db
    .updateTable('login_throttle')
    .set((eb) => {
      const remaining = eb('login_throttle.failures', '-', count);
      let lock = eb.case().when(remaining, '<', threshold).then(sql<number | null>`null`);
      if (reservedLock !== null) lock = lock.when('login_throttle.locked_until', '=', reservedLock).then(lockBefore);
      return {
        failures: eb.case().when('login_throttle.failures', '>', count).then(remaining).else(0).end(),
        locked_until: lock.else(eb.ref('login_throttle.locked_until')).end(),
        updated_at: now,
      };
    })
    .where('key', '=', key)
    .execute();
}

/** Deletes the entry of `key` and returns the count it held (0 when there was none). */
export async function takeThrottle(db: Executor, key: string): Promise<number> {
  const row = await db.deleteFrom('login_throttle').where('key', '=', key).returning('failures').executeTakeFirst();
  return row ? Number(row.failures) : 0;
}

export async function findInvitation(db: Executor, id: string): Promise<Invitation | undefined> {
  const row = await db.selectFrom('invitation').select('token_hash').where('id', '=', id).executeTakeFirst();
  return row ? findInvitationByHash(db, row.token_hash) : undefined;
}

/** A "Forgot your password?" link: single-use, expiring, stored as the SHA-256 of its secret. */
export interface PasswordReset {
  readonly id: string;
  readonly tokenHash: string;
  readonly accountId: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly usedAt: number | null;
  readonly revokedAt: number | null;
}

export async function insertPasswordReset(db: Executor, r: PasswordReset): Promise<void> {
  await db
    .insertInto('password_reset')
    .values({
      id: r.id,
      token_hash: r.tokenHash,
      account_id: r.accountId,
      created_at: r.createdAt,
      expires_at: r.expiresAt,
      used_at: r.usedAt,
      revoked_at: r.revokedAt,
    })
    .execute();
}

function toPasswordReset(row: {
  id: string;
  token_hash: string;
  account_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
}): PasswordReset {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    accountId: row.account_id,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    usedAt: row.used_at === null ? null : Number(row.used_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}

export async function findPasswordResetByHash(db: Executor, tokenHash: string): Promise<PasswordReset | undefined> {
  const row = await db.selectFrom('password_reset').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? toPasswordReset(row) : undefined;
}

export async function findPasswordReset(db: Executor, id: string): Promise<PasswordReset | undefined> {
  const row = await db.selectFrom('password_reset').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPasswordReset(row) : undefined;
}

/** Marks a reset link used, only if it is still open (so two concurrent uses cannot both win). */
export async function markPasswordResetUsed(db: Executor, id: string, at: number): Promise<boolean> {
  return markLinkUsed(db, 'password_reset', id, at);
}

/** Revokes the open reset links of an account (a newer one replaces them; the account changed). */
export async function revokePasswordResetsOf(db: Executor, accountId: string, at: number): Promise<void> {
  await revokeOpenLinksOf(db, 'password_reset', accountId, at);
}

/**
 * Counts one request on `key` in a fixed window of `windowMs`, atomically (the row locked on
 * PostgreSQL until commit), and returns the count of the current window. On these keys the
 * throttle row holds the count in `failures` and the end of its window in `locked_until`: a
 * request after the window's end starts a new one at 1.
 */
export async function countInWindow(db: Executor, key: string, now: number, windowMs: number): Promise<number> {
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, locked_until: now + windowMs, updated_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const expired = eb.or([
          eb('login_throttle.locked_until', 'is', null),
          eb('login_throttle.locked_until', '<=', now),
        ]);
        return {
          failures: eb
            .case()
            .when(expired)
            .then(1)
            .else(eb('login_throttle.failures', '+', 1))
            .end(),
          locked_until: eb
            .case()
            .when(expired)
            .then(now + windowMs)
            .else(eb.ref('login_throttle.locked_until'))
            .end(),
          updated_at: now,
        };
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}
