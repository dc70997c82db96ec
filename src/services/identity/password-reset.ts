import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import { checkPassword } from '../../domain/identity/password-policy.js';
import { ACCOUNT_THROTTLE, RESET_REQUEST_LIMIT } from '../../domain/identity/throttle.js';
import { findAccount, findAccountByEmail, updateAccount, type Account } from '../../repositories/account.repository.js';
import { appendAudit } from '../../repositories/audit.repository.js';
import {
  clearThrottle,
  countInWindow,
  findPasswordResetByHash,
  insertPasswordReset,
  markPasswordResetUsed,
  revokePasswordResetsOf,
  type PasswordReset,
} from '../../repositories/identity-misc.repository.js';
import { insertJob } from '../../repositories/job.repository.js';
import { deleteSessionsOf } from '../../repositories/session.repository.js';
import { inTransaction, type ServiceContext } from '../service-context.js';
import { hashPassword } from './passwords.js';
import { hashSecret, randomSecret, sealSecret } from './secrets.js';
import {
  auditFailure,
  newSession,
  passwordAttemptKeys,
  reserveAttempt,
  spendSecondFactor,
  type Client,
  type SessionGrant,
} from './sign-in.js';

/**
 * "Forgot your password?": a request e-mails a single-use link, the link sets a new password.
 *
 * Who may reset their password by e-mail: an account that is enabled, has accepted its invitation
 * (it has a password) and whose sign-in is complete without the administrator — an authenticator
 * enrolled, or an observer who chose none. An account still to enrol its authenticator (the
 * invitation half done, or reset by an administrator) is not: with a new password alone, a
 * mailbox would then be enough to enrol an authenticator and take the account over. Such a person
 * asks the secretariat for a new invitation.
 */
export function mayResetPasswordByEmail(account: Account): boolean {
  return (
    account.disabledAt === null &&
    account.passwordHash !== null &&
    account.authenticatorResetAt === null &&
    (account.totpEnabledAt !== null || account.role === 'observer')
  );
}

/**
 * Asks for a password reset link for `email`. The answer is the same whether or not the address
 * has an account, and whatever the account's state (no account enumeration): for an account that
 * may reset its password by e-mail (mayResetPasswordByEmail) a link valid for
 * `ctx.passwordResetTtlMs` is created, replacing the account's open ones, and e-mailed (a job) in
 * the account's language; for any other address nothing is sent. Either way the request is
 * audited (`account.password-reset-requested`, with whether a link was mailed).
 *
 * Requests are counted before anything else, per e-mail address and per client address, in a
 * window (RESET_REQUEST_LIMIT), whether the address has an account or not; the counts are in the
 * database, so the limit holds across instances.
 * @throws VALIDATION_FAILED (`/email` empty), RATE_LIMITED (too many requests for the address or from the client)
 */
export async function requestPasswordReset(
  ctx: ServiceContext,
  options: { email: string; client: Client },
): Promise<void> {
  const email = options.email.trim().toLowerCase();
  if (email === '')
    throw new AppError('VALIDATION_FAILED', 'Give the e-mail address of the account', {
      errors: [{ field: '/email', message: 'Give the e-mail address of the account' }],
    });
  const now = ctx.clock();
  const limit = RESET_REQUEST_LIMIT;
  const [forEmail, forClient] = await inTransaction(ctx, async (trx) => [
    await countInWindow(trx, `reset-request:email:${email}`, now, limit.windowMs),
    await countInWindow(trx, `reset-request:ip:${options.client.ip ?? 'unknown'}`, now, limit.windowMs),
  ]);
  if (forEmail > limit.perEmail || forClient > limit.perClient)
    throw new AppError('RATE_LIMITED', 'Too many password reset requests for this address or from this network');

  const secret = randomSecret();
  await inTransaction(ctx, async (trx) => {
    const account = await findAccountByEmail(trx, email);
    const mailed = account !== undefined && mayResetPasswordByEmail(account);
    let expiresAt: number | null = null;
    if (mailed) {
      const resetId = randomUUID();
      expiresAt = now + ctx.passwordResetTtlMs;
      await revokePasswordResetsOf(trx, account.id, now);
      await insertPasswordReset(trx, {
        id: resetId,
        tokenHash: hashSecret(secret),
        accountId: account.id,
        createdAt: now,
        expiresAt,
        usedAt: null,
        revokedAt: null,
      });
      // As for an invitation: the secret waits for its e-mail sealed with the server key, and the
      // handler removes it once the message has gone.
      await insertJob(
        trx,
        {
          id: `password-reset:${resetId}`,
          kind: 'password-reset',
          payload: { accountId: account.id, resetId, sealedSecret: sealSecret(ctx.secretKey, secret) },
          runAt: now,
          maxAttempts: 6,
          consultationId: null,
        },
        now,
      );
    }
    await appendAudit(trx, {
      at: now,
      actor: 'public',
      action: 'account.password-reset-requested',
      consultationId: null,
      subject: account ? `account:${account.id}` : `email:${email}`,
      data: {
        mailed,
        ...(expiresAt !== null && { expiresAt: new Date(expiresAt).toISOString() }),
        ip: options.client.ip ?? null,
      },
    });
  });
}

/** The link is open: known, not used, revoked or expired, and its account may still reset its password. */
function isOpen(reset: PasswordReset | undefined, account: Account | undefined, now: number): boolean {
  return (
    reset !== undefined &&
    account !== undefined &&
    reset.usedAt === null &&
    reset.revokedAt === null &&
    reset.expiresAt > now &&
    mayResetPasswordByEmail(account)
  );
}

const INVALID = 'This password reset link is unknown, has expired, was replaced by a newer one or was already used';

/**
 * Whether a password reset link can be used, without using it, and whether its page must ask for
 * a code of the account's authenticator. Read-only.
 */
export async function checkPasswordReset(
  ctx: ServiceContext,
  secret: string,
): Promise<{ usable: true; account: Account; needsCode: boolean } | { usable: false }> {
  const reset = await findPasswordResetByHash(ctx.db, hashSecret(secret));
  const account = reset ? await findAccount(ctx.db, reset.accountId) : undefined;
  if (!isOpen(reset, account, ctx.clock())) return { usable: false };
  return { usable: true, account: account!, needsCode: account!.totpEnabledAt !== null };
}

/** Thrown inside the transaction to roll back the link's consumption when the code is wrong. */
class WrongCode extends Error {}

/**
 * Sets a new password with a reset link. An account with an authenticator must also give one of
 * its codes (a TOTP code, or one of its recovery codes): a mailbox alone never takes over an
 * account protected by a second factor. Codes are counted against the account's second-factor
 * throttle, the one signing in uses (5 failures lock it), so the link gives no more guesses.
 *
 * On success, in one transaction: the new password (argon2id), the link used (and the account's
 * other open links revoked), every session of the account ended, the account's sign-in lock
 * lifted (the owner has proved the mailbox, and the second factor where there is one), an audit
 * row (`account.password-reset`), and a new session, verified (the code was given, or the account
 * needs none): the person is signed in.
 *
 * A refused request changes nothing but the throttle's count of a wrong code and its audit row:
 * the link stays usable, the password is unchanged.
 * @throws PASSWORD_RESET_INVALID (unknown, expired, replaced, used; or the account may no longer
 *   reset its password by e-mail), VALIDATION_FAILED (`/password`: the password policy; `/code`:
 *   no code for an account with an authenticator), LOGIN_LOCKED, INVALID_SECOND_FACTOR (`/code`)
 */
export async function resetPassword(
  ctx: ServiceContext,
  options: { secret: string; password: string; code?: string | undefined; client: Client },
): Promise<SessionGrant & { account: Account }> {
  const now = ctx.clock();
  const tokenHash = hashSecret(options.secret);
  const reset = await findPasswordResetByHash(ctx.db, tokenHash);
  const account = reset ? await findAccount(ctx.db, reset.accountId) : undefined;
  if (!isOpen(reset, account, now)) throw new AppError('PASSWORD_RESET_INVALID', INVALID);
  const person = account!;
  const problems = checkPassword(options.password, person.email);
  const needsCode = person.totpEnabledAt !== null;
  const code = (options.code ?? '').trim();
  if (needsCode && code === '')
    problems.push({ field: '/code', message: 'Give a code of your authenticator app, or a recovery code' });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems[0]!.message, { errors: problems });

  // Codes given here count where the sign-in's do: one lock for both ways in.
  const codeKey = `second-factor:${person.id}`;
  if (needsCode) await reserveAttempt(ctx, [[codeKey, ACCOUNT_THROTTLE]]);
  const passwordHash = await hashPassword(options.password);
  try {
    return await inTransaction(ctx, async (trx) => {
      const current = (await findAccount(trx, person.id, { lock: true }))!;
      const link = await findPasswordResetByHash(trx, tokenHash);
      if (!link || !isOpen(link, current, now) || !(await markPasswordResetUsed(trx, link.id, now)))
        throw new AppError('PASSWORD_RESET_INVALID', INVALID);
      // The code is checked against the account as it is now (locked): the authenticator it had
      // when the page was shown may have been reset since.
      let secondFactor: 'totp' | 'recovery' | 'none' = 'none';
      if (current.totpEnabledAt !== null) {
        const spent = await spendSecondFactor(trx, ctx, current, code, now);
        if (spent === null) throw new WrongCode();
        secondFactor = spent;
        await clearThrottle(trx, codeKey);
      }
      await updateAccount(trx, current.id, { passwordHash }, now);
      await revokePasswordResetsOf(trx, current.id, now);
      const ended = await deleteSessionsOf(trx, current.id);
      await clearThrottle(trx, passwordAttemptKeys(current.email, options.client).accountKey);
      const updated = (await findAccount(trx, current.id))!;
      const sessionSecret = await newSession(trx, ctx, updated, true, options.client);
      await appendAudit(trx, {
        at: now,
        actor: `account:${current.id}`,
        action: 'account.password-reset',
        consultationId: null,
        subject: `account:${current.id}`,
        data: { reset: link.id, secondFactor, sessionsEnded: ended },
      });
      return { sessionSecret, next: 'done' as const, account: updated };
    });
  } catch (error) {
    if (!(error instanceof WrongCode)) throw error;
    await auditFailure(ctx, { actor: `account:${person.id}`, subject: `account:${person.id}`, action: '2fa.failed' });
    throw new AppError('INVALID_SECOND_FACTOR', 'The code is wrong or was already used', {
      errors: [{ field: '/code', message: 'The code is wrong or was already used' }],
    });
  }
}
