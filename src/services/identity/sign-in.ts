import { randomBytes } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import { checkPassword } from '../../domain/identity/password-policy.js';
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE, lockUntil, type ThrottlePolicy } from '../../domain/identity/throttle.js';
import type { Actor } from '../../domain/policy/actor.js';
import { findAccount, findAccountByEmail, updateAccount, type Account } from '../../repositories/account.repository.js';
import { appendAudit } from '../../repositories/audit.repository.js';
import {
  clearThrottle,
  findInvitationByHash,
  type Invitation,
  type InvitationPurpose,
  incrementThrottle,
  markInvitationUsed,
  releaseThrottle,
  replaceRecoveryCodes,
  revokeInvitationsOf,
  setThrottleLock,
  takeThrottle,
  useRecoveryCode,
} from '../../repositories/identity-misc.repository.js';
import {
  deleteSession,
  deleteSessionsOf,
  findSession,
  insertSession,
  listSessionsOf,
  touchSession,
  type Session,
} from '../../repositories/session.repository.js';
import { inTransaction, type ServiceContext } from '../service-context.js';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/database.js';
import { hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { hashSecret, openSecret, randomSecret, sealSecret } from './secrets.js';
import { newTotpSeed, totpStep, totpUri } from './totp.js';

/** Where the person goes after a step of signing in. */
export type NextStep = 'verify' | 'enroll' | 'done';

export interface SessionGrant {
  /** The cookie's secret (only its SHA-256 is stored). */
  readonly sessionSecret: string;
  readonly next: NextStep;
}

/** A session waiting for its second factor lives this long at most. */
const PENDING_SESSION_MS = 10 * 60_000;

/** Who a signed-in account acts as. */
export function actorOfAccount(account: Account): Exclude<Actor, { kind: 'public' }> {
  const id = `account:${account.id}`;
  switch (account.role) {
    case 'secretariat_admin':
      return { kind: 'secretariat', id, label: account.name, admin: true };
    case 'secretariat_staff':
      return { kind: 'secretariat', id, label: account.name, admin: false };
    case 'focal_point':
      return { kind: 'focal_point', id, label: account.name, memberState: account.memberState! };
    case 'observer':
      return { kind: 'observer', id, label: account.name };
  }
}

/** Secretariat and focal points must use a second factor; observers may. */
export function requiresSecondFactor(account: Account): boolean {
  return account.role !== 'observer' || account.totpEnabledAt !== null;
}

/**
 * Opens a session for `account` in `trx`: verified (the second factor given, or none needed) for
 * `sessionAbsoluteMs`, else waiting for its second factor for 10 minutes. Returns the cookie's
 * secret (only its SHA-256 is stored). For the identity services.
 */
export async function newSession(
  trx: Transaction<DB>,
  ctx: ServiceContext,
  account: Account,
  verified: boolean,
  client: Client,
): Promise<string> {
  const secret = randomSecret();
  const now = ctx.clock();
  await insertSession(trx, {
    id: hashSecret(secret),
    accountId: account.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + (verified ? ctx.sessionAbsoluteMs : PENDING_SESSION_MS),
    mfaVerifiedAt: verified ? now : null,
    csrfSecret: randomSecret(24),
    userAgent: client.userAgent?.slice(0, 300) ?? null,
    ip: client.ip ?? null,
  });
  return secret;
}

export interface Client {
  readonly ip?: string | undefined;
  readonly userAgent?: string | undefined;
}

/** One attempt reserved on a key: what a success needs to give it back. */
export interface Reservation {
  readonly key: string;
  readonly policy: ThrottlePolicy | null;
  /** The lock this reservation set pre-emptively (null: none). */
  readonly reservedLock: number | null;
  /** The lock stored before the reservation (expired, or null: a lock in force refuses the attempt). */
  readonly lockBefore: number | null;
}

/**
 * Reserves one attempt on each key before the secret is checked: the counter goes up at once
 * (atomically, the row locked on PostgreSQL) and the lock is set pre-emptively when the count
 * reaches the threshold, so a burst of parallel guesses cannot get more checks than the
 * threshold allows. A lock in force refuses the attempt without counting it. A key without a
 * policy is only counted (never locked). A failure leaves the reservations as they are: they are
 * the failure's count. A success gives them back (`releaseAttempt`, `clearThrottle`), so the
 * counters hold failures only.
 * @throws LOGIN_LOCKED
 */
export async function reserveAttempt(
  ctx: ServiceContext,
  keys: readonly (readonly [string, ThrottlePolicy | null])[],
): Promise<Map<string, Reservation>> {
  const now = ctx.clock();
  return inTransaction(ctx, async (trx) => {
    const reservations = new Map<string, Reservation>();
    for (const [key, policy] of keys) {
      const { failures, lockedUntil } = await incrementThrottle(trx, key, now);
      if (lockedUntil !== null && lockedUntil > now) {
        throw new AppError(
          'LOGIN_LOCKED',
          `Too many failed attempts; try again after ${new Date(lockedUntil).toISOString()}`,
        );
      }
      const lock = policy === null ? null : lockUntil(failures, now, policy);
      if (lock !== null) await setThrottleLock(trx, key, lock, now);
      reservations.set(key, { key, policy, reservedLock: lock, lockBefore: lockedUntil });
    }
    return reservations;
  });
}

/**
 * Gives back `count` attempts of a successful check on a key counted with a policy: its own
 * reservation, and any earlier failures the success shows were not an attack on this key.
 */
async function releaseAttempt(
  trx: Transaction<DB>,
  reservation: Reservation,
  count: number,
  now: number,
): Promise<void> {
  if (reservation.policy === null || count <= 0) return;
  await releaseThrottle(
    trx,
    reservation.key,
    {
      count,
      threshold: reservation.policy.threshold,
      reservedLock: reservation.reservedLock,
      lockBefore: reservation.lockBefore,
    },
    now,
  );
}

/** Records a failed attempt in the audit trail (the counters were already raised by reserveAttempt). */
export async function auditFailure(
  ctx: ServiceContext,
  audit: { actor: string; subject: string; action: string },
): Promise<void> {
  const now = ctx.clock();
  await inTransaction(ctx, (trx) =>
    appendAudit(trx, {
      at: now,
      actor: audit.actor,
      action: audit.action,
      consultationId: null,
      subject: audit.subject,
      data: {},
    }),
  );
}

/** The throttle keys a password attempt for `email` from `client` is counted on (signInWithPassword). */
export function passwordAttemptKeys(
  email: string,
  client: Client,
): { accountKey: string; addressKey: string; pairKey: string } {
  const address = client.ip ?? 'unknown';
  return { accountKey: `account:${email}`, addressKey: `ip:${address}`, pairKey: `ip+account:${address} ${email}` };
}

/** Reserves a password attempt on its three keys (the account, the address, the two together). @throws LOGIN_LOCKED */
export async function reservePasswordAttempt(
  ctx: ServiceContext,
  email: string,
  client: Client,
): Promise<Map<string, Reservation>> {
  const keys = passwordAttemptKeys(email, client);
  return reserveAttempt(ctx, [
    [keys.accountKey, ACCOUNT_THROTTLE],
    [keys.addressKey, ADDRESS_THROTTLE],
    [keys.pairKey, null],
  ]);
}

/**
 * What a right password gives back (see signInWithPassword): the account's counter cleared, the
 * address's own reservation and the failures against this account from this address released.
 */
export async function releasePasswordAttempt(
  trx: Transaction<DB>,
  reserved: Map<string, Reservation>,
  email: string,
  client: Client,
  now: number,
): Promise<void> {
  const keys = passwordAttemptKeys(email, client);
  await clearThrottle(trx, keys.accountKey);
  // This attempt's reservation and the account's earlier failures from this address (none when a
  // concurrent success of the same account took them: it gave them back already).
  await releaseAttempt(trx, reserved.get(keys.addressKey)!, await takeThrottle(trx, keys.pairKey), now);
}

/** Whether an invitation link is open: known, unused, not revoked or expired, its account not disabled. */
function isOpenInvitation(invitation: Invitation | undefined, account: Account | undefined, now: number): boolean {
  return (
    invitation !== undefined &&
    account !== undefined &&
    invitation.usedAt === null &&
    invitation.revokedAt === null &&
    invitation.expiresAt > now &&
    account.disabledAt === null
  );
}

/**
 * Whether an invitation link can still be used (known, unused, not revoked or expired, its
 * account not disabled), for whom and for what (a new account's password, or a new authenticator
 * after an administrator's reset) — without using it. Read-only.
 */
export async function checkInvitation(
  ctx: ServiceContext,
  secret: string,
): Promise<{ usable: true; account: Account; purpose: InvitationPurpose } | { usable: false }> {
  const invitation = await findInvitationByHash(ctx.db, hashSecret(secret));
  const account = invitation ? await findAccount(ctx.db, invitation.accountId) : undefined;
  if (!isOpenInvitation(invitation, account, ctx.clock())) return { usable: false };
  return { usable: true, account: account!, purpose: invitation!.purpose };
}

/**
 * The open invitation link of `purpose` behind `secret`, and its account.
 * @throws INVITATION_INVALID (unknown, expired, revoked, used, of another purpose; or the account is disabled)
 */
export async function openInvitation(
  ctx: ServiceContext,
  secret: string,
  purpose: InvitationPurpose,
): Promise<{ invitation: Invitation; account: Account }> {
  const invitation = await findInvitationByHash(ctx.db, hashSecret(secret));
  const account = invitation ? await findAccount(ctx.db, invitation.accountId) : undefined;
  if (!isOpenInvitation(invitation, account, ctx.clock()) || invitation!.purpose !== purpose) {
    throw new AppError(
      'INVITATION_INVALID',
      'This invitation link is unknown, expired, or was already used; ask the secretariat for a new one',
    );
  }
  return { invitation: invitation!, account: account! };
}

/**
 * Sets the password of an invited account and prepares its authenticator: the single-use link is
 * consumed, a session that still needs the second factor begins, and the TOTP seed to scan is
 * returned.
 * @throws INVITATION_INVALID (unknown, expired, revoked, used; or the account is disabled), VALIDATION_FAILED (password)
 */
export async function acceptInvitation(
  ctx: ServiceContext,
  options: { secret: string; password: string; client: Client },
): Promise<SessionGrant & { account: Account }> {
  const now = ctx.clock();
  const passwordHash = await (async () => {
    const { account } = await openInvitation(ctx, options.secret, 'account');
    const problems = checkPassword(options.password, account.email);
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems[0]!.message, { errors: problems });
    return hashPassword(options.password);
  })();
  return inTransaction(ctx, async (trx) => {
    const invitation = await findInvitationByHash(trx, hashSecret(options.secret));
    if (
      invitation?.purpose !== 'account' ||
      !(await markInvitationUsed(trx, invitation.id, now)) ||
      invitation.expiresAt <= now
    ) {
      throw new AppError(
        'INVITATION_INVALID',
        'This invitation link is unknown, expired, or was already used; ask the secretariat for a new one',
      );
    }
    const account = (await findAccount(trx, invitation.accountId, { lock: true }))!;
    await updateAccount(
      trx,
      account.id,
      { passwordHash, totpSecret: sealSecret(ctx.secretKey, newTotpSeed()), totpEnabledAt: null, totpLastStep: null },
      now,
    );
    await deleteSessionsOf(trx, account.id);
    const updated = (await findAccount(trx, account.id))!;
    const sessionSecret = await newSession(trx, ctx, updated, false, options.client);
    await appendAudit(trx, {
      at: now,
      actor: `account:${account.id}`,
      action: 'account.invitation-accepted',
      consultationId: null,
      subject: `account:${account.id}`,
      data: { invitation: invitation.id },
    });
    return { sessionSecret, next: 'enroll', account: updated };
  });
}

/**
 * First step of signing in: e-mail and password. Failures count against the account and the
 * address (in the database, so the limit holds across instances); after 5 failures the account,
 * after 20 the address, is locked for a time that doubles with each further failure.
 *
 * Only failures count. A success clears the account's counter (its owner has proved the
 * password), and takes off the address's counter its own reservation and the failures against
 * this same account from this same address (counted on a third key, address and account
 * together): those were the owner's typos, or guesses at an account that is no longer at risk.
 * Failures against other accounts from the address stay counted, so an attacker who holds one
 * account cannot wipe the count of guesses at others by signing in with it between guesses.
 *
 * An account whose authenticator an administrator reset is not signed in by its password alone,
 * even the right one: the person opens the e-mailed link (authenticator-reset.ts), so that a
 * stolen password cannot enrol the thief's authenticator in the meantime. The right password
 * still counts as a success for the throttle.
 * @throws LOGIN_LOCKED, INVALID_CREDENTIALS (wrong password, unknown or disabled account: one message),
 *   AUTHENTICATOR_RESET_PENDING (the right password of an account whose authenticator was reset)
 */
export async function signInWithPassword(
  ctx: ServiceContext,
  options: { email: string; password: string; client: Client },
): Promise<SessionGrant> {
  const email = options.email.trim().toLowerCase();
  const now = ctx.clock();
  const reserved = await reservePasswordAttempt(ctx, email, options.client);
  const account = await findAccountByEmail(ctx.db, email);
  const ok = await verifyPassword(account?.passwordHash ?? null, options.password);
  if (!account || !ok || account.disabledAt !== null) {
    await auditFailure(ctx, {
      actor: 'public',
      subject: account ? `account:${account.id}` : `email:${email}`,
      action: 'login.failed',
    });
    throw new AppError('INVALID_CREDENTIALS', 'The e-mail address or the password is wrong');
  }
  if (account.authenticatorResetAt !== null) {
    await inTransaction(ctx, async (trx) => {
      await releasePasswordAttempt(trx, reserved, email, options.client, now);
      await appendAudit(trx, {
        at: now,
        actor: `account:${account.id}`,
        action: 'login.authenticator-pending',
        consultationId: null,
        subject: `account:${account.id}`,
        data: {},
      });
    });
    throw new AppError(
      'AUTHENTICATOR_RESET_PENDING',
      'The authenticator of this account was reset: open the link e-mailed to you to set up a new one',
    );
  }
  const rehash = needsRehash(account.passwordHash!) ? await hashPassword(options.password) : null;
  return inTransaction(ctx, async (trx) => {
    await releasePasswordAttempt(trx, reserved, email, options.client, now);
    if (rehash) await updateAccount(trx, account.id, { passwordHash: rehash }, now);
    let next: NextStep = 'done';
    if (account.totpEnabledAt !== null) next = 'verify';
    else if (requiresSecondFactor(account)) {
      next = 'enroll';
      if (account.totpSecret === null)
        await updateAccount(trx, account.id, { totpSecret: sealSecret(ctx.secretKey, newTotpSeed()) }, now);
    }
    const sessionSecret = await newSession(trx, ctx, account, next === 'done', options.client);
    await appendAudit(trx, {
      at: now,
      actor: `account:${account.id}`,
      action: 'login.password',
      consultationId: null,
      subject: `account:${account.id}`,
      data: { next },
    });
    return { sessionSecret, next };
  });
}

export interface ResolvedSession {
  readonly session: Session;
  readonly account: Account;
  readonly actor: Actor;
  /** True once the second factor was given (or the account needs none). */
  readonly verified: boolean;
}

/**
 * The session behind a cookie, if it is alive: not past its absolute expiry, not idle longer than
 * `ctx.sessionIdleMs`, its account not disabled. An expired session is deleted.
 * @throws SESSION_EXPIRED
 */
export async function resolveSession(ctx: ServiceContext, sessionSecret: string): Promise<ResolvedSession> {
  const now = ctx.clock();
  const id = hashSecret(sessionSecret);
  const session = await findSession(ctx.db, id);
  const account = session ? await findAccount(ctx.db, session.accountId) : undefined;
  if (
    !session ||
    !account ||
    account.disabledAt !== null ||
    session.expiresAt <= now ||
    now - session.lastSeenAt > ctx.sessionIdleMs
  ) {
    if (session) await deleteSession(ctx.db, id);
    throw new AppError('SESSION_EXPIRED', 'Your session has ended; sign in again');
  }
  // Touched at most once a minute; the session returned says when it was last seen.
  const touched = now - session.lastSeenAt > 60_000;
  if (touched) await touchSession(ctx.db, id, now);
  const verified = session.mfaVerifiedAt !== null;
  return {
    session: touched ? { ...session, lastSeenAt: now } : session,
    account,
    actor: actorOfAccount(account),
    verified,
  };
}

/** The TOTP seed of a session's account, to show while enrolling (never once enrolled). */
export async function enrollmentSeed(
  ctx: ServiceContext,
  sessionSecret: string,
): Promise<{ seed: string; uri: string; account: Account }> {
  const { account } = await resolveSession(ctx, sessionSecret);
  if (account.totpEnabledAt !== null || account.totpSecret === null)
    throw new AppError('INVALID_SECOND_FACTOR', 'The authenticator is already set up');
  const seed = openSecret(ctx.secretKey, account.totpSecret);
  return { seed, uri: totpUri(seed, account.email), account };
}

function newRecoveryCodes(): string[] {
  const alphabet = '23456789abcdefghjkmnpqrstuvwxyz';
  return Array.from({ length: 10 }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A recovery code as stored (hashed): lower case, without spaces or dashes. */
export const normaliseCode = (code: string) => code.trim().toLowerCase().replace(/[\s-]/g, '');

/**
 * Spends a code of the account's authenticator in `trx`, the account's row locked: a TOTP code of
 * a time step later than the last one accepted (that step is then the last), or, once enrolled,
 * one of its unused recovery codes (then used). With `enrolling`, only a TOTP code, which turns
 * the authenticator on (and ends an administrator's reset). Returns what was spent, or null.
 */
export async function spendSecondFactor(
  trx: Transaction<DB>,
  ctx: ServiceContext,
  account: Account,
  code: string,
  now: number,
): Promise<'totp' | 'recovery' | null> {
  if (account.totpSecret === null) return null;
  const enrolling = account.totpEnabledAt === null;
  const trimmed = code.trim();
  const step = totpStep(openSecret(ctx.secretKey, account.totpSecret), trimmed, now);
  if (step !== null && (account.totpLastStep === null || step > account.totpLastStep)) {
    await updateAccount(
      trx,
      account.id,
      { totpLastStep: step, ...(enrolling && { totpEnabledAt: now, authenticatorResetAt: null }) },
      now,
    );
    // An administrator's reset ends here: its link, open until now, closes.
    if (enrolling && account.authenticatorResetAt !== null) await revokeInvitationsOf(trx, account.id, now);
    return 'totp';
  }
  if (!enrolling && (await useRecoveryCode(trx, account.id, hashSecret(normaliseCode(trimmed)), now)))
    return 'recovery';
  return null;
}

/**
 * Second step: a TOTP code (a code's time step is accepted once: replay is refused), or one of
 * the recovery codes (each usable once). Rotates the session: the cookie secret changes.
 * With `enroll`, the code confirms a new authenticator and ten recovery codes are returned.
 * @throws SESSION_EXPIRED (also when a concurrent request with the same session completed the
 *   step first: not counted as a failed attempt), LOGIN_LOCKED, INVALID_SECOND_FACTOR
 */
export async function verifySecondFactor(
  ctx: ServiceContext,
  options: { sessionSecret: string; code: string; client: Client },
): Promise<SessionGrant & { recoveryCodes: string[] | null }> {
  const { session, account } = await resolveSession(ctx, options.sessionSecret);
  // Codes are counted on their own key: entering the password again does not reset it.
  const codeKey = `second-factor:${account.id}`;
  const now = ctx.clock();
  const reserved = (await reserveAttempt(ctx, [[codeKey, ACCOUNT_THROTTLE]])).get(codeKey)!;
  const result = await inTransaction(ctx, async (trx) => {
    const current = (await findAccount(trx, account.id, { lock: true }))!;
    // The same form sent twice (a double click): the first request used the code and replaced
    // this session while this one waited for the account. Not a wrong code: the attempt is given
    // back and nothing is recorded as a failure.
    if (!(await findSession(trx, session.id))) {
      await releaseAttempt(trx, reserved, 1, now);
      return 'consumed' as const;
    }
    const enrolling = current.totpEnabledAt === null;
    const used = await spendSecondFactor(trx, ctx, current, options.code, now);
    if (used === null) return null;
    let recoveryCodes: string[] | null = null;
    if (enrolling) {
      recoveryCodes = newRecoveryCodes();
      await replaceRecoveryCodes(
        trx,
        current.id,
        recoveryCodes.map((c) => hashSecret(normaliseCode(c))),
        now,
      );
    }
    await deleteSession(trx, session.id);
    const sessionSecret = await newSession(trx, ctx, current, true, options.client);
    await clearThrottle(trx, codeKey);
    await appendAudit(trx, {
      at: now,
      actor: `account:${current.id}`,
      action: enrolling ? '2fa.enabled' : used === 'recovery' ? 'login.recovery-code' : 'login.2fa',
      consultationId: null,
      subject: `account:${current.id}`,
      data: {},
    });
    return { sessionSecret, next: 'done' as const, recoveryCodes };
  });
  if (result === 'consumed') throw new AppError('SESSION_EXPIRED', 'This sign-in was completed by another request');
  if (result === null) {
    await auditFailure(ctx, { actor: `account:${account.id}`, subject: `account:${account.id}`, action: '2fa.failed' });
    throw new AppError('INVALID_SECOND_FACTOR', 'The code is wrong or was already used');
  }
  return result;
}

/** Ends a session (sign out). */
export async function signOut(ctx: ServiceContext, sessionSecret: string): Promise<void> {
  const id = hashSecret(sessionSecret);
  const session = await findSession(ctx.db, id);
  if (!session) return;
  const now = ctx.clock();
  await inTransaction(ctx, async (trx) => {
    await deleteSession(trx, id);
    await appendAudit(trx, {
      at: now,
      actor: `account:${session.accountId}`,
      action: 'logout',
      consultationId: null,
      subject: `account:${session.accountId}`,
      data: {},
    });
  });
}

/** Ends every other session of the signed-in account; returns how many. @throws SESSION_EXPIRED */
export async function signOutOtherSessions(ctx: ServiceContext, sessionSecret: string): Promise<number> {
  const { session, account } = await resolveSession(ctx, sessionSecret);
  const now = ctx.clock();
  return inTransaction(ctx, async (trx) => {
    const ended = await deleteSessionsOf(trx, account.id, session.id);
    await appendAudit(trx, {
      at: now,
      actor: `account:${account.id}`,
      action: 'sessions.signed-out-others',
      consultationId: null,
      subject: `account:${account.id}`,
      data: { ended },
    });
    return ended;
  });
}

/** The signed-in account's sessions, newest use first. @throws SESSION_EXPIRED */
export async function mySessions(
  ctx: ServiceContext,
  sessionSecret: string,
): Promise<{ current: string; sessions: Session[] }> {
  const { session, account } = await resolveSession(ctx, sessionSecret);
  return { current: session.id, sessions: await listSessionsOf(ctx.db, account.id) };
}
