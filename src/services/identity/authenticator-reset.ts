import { AppError } from '../../domain/errors.js';
import { isAcceptableText } from '../../domain/text/input-text.js';
import { authenticatorResetRefusal, type AuthenticatorResetRefusal } from '../../domain/identity/account.js';
import type { Actor } from '../../domain/policy/actor.js';
import { authorize } from '../../domain/policy/policy.js';
import { findAccount, updateAccount, type Account } from '../../repositories/account.repository.js';
import { appendAudit } from '../../repositories/audit.repository.js';
import {
  findInvitationByHash,
  replaceRecoveryCodes,
  revokeInvitationsOf,
  revokePasswordResetsOf,
} from '../../repositories/identity-misc.repository.js';
import { deleteSessionsOf } from '../../repositories/session.repository.js';
import { inTransaction, type ServiceContext } from '../service-context.js';
import { issueInvitationLink } from './accounts.js';
import { verifyPassword } from './passwords.js';
import { hashSecret, randomSecret, sealSecret } from './secrets.js';
import {
  auditFailure,
  newSession,
  openInvitation,
  releasePasswordAttempt,
  reservePasswordAttempt,
  type Client,
  type SessionGrant,
} from './sign-in.js';
import { newTotpSeed } from './totp.js';

/** The longest reason an administrator may give (it is kept in the audit trail). */
export const REASON_MAX = 500;

/** Each refusal in words for the API's reader (pages word its code from the catalogues). */
const REFUSALS: Readonly<Record<AuthenticatorResetRefusal, string>> = {
  OWN_AUTHENTICATOR: 'An administrator may not reset their own authenticator: ask another administrator',
  ACCOUNT_DISABLED: 'The account is disabled: enable it first',
  INVITATION_NOT_ACCEPTED: 'The account has not accepted its invitation yet: send it a new invitation',
  NO_AUTHENTICATOR: 'The account has no authenticator to reset: it sets one up when it signs in',
};

export interface AuthenticatorReset {
  readonly account: Account;
  /** The path of the single-use link (`/invitations/<secret>`): shown once, and e-mailed. */
  readonly enrolmentPath: string;
  readonly expiresAt: number;
}

/**
 * A lost authenticator, through the administrator: clears the account's TOTP key and recovery
 * codes, ends its sessions, revokes its open invitation and password reset links, and e-mails the
 * person a single-use link (valid for `ctx.invitationTtlMs`, like an invitation) to enrol a new
 * authenticator with the password they have. Until they do, their password alone signs them in
 * nowhere (signInWithPassword refuses with AUTHENTICATOR_RESET_PENDING) and cannot be reset by
 * e-mail: a stolen password, or a mailbox, is not enough to enrol someone else's authenticator.
 * The person's API tokens are left as they are (disable the account to stop them).
 *
 * Audited with the administrator who did it and the reason they gave
 * (`account.authenticator-reset`). Resetting again (the link expired) sends a new link.
 * @throws FORBIDDEN (administrators only); VALIDATION_FAILED (`/reason`: empty, longer than 500
 *   characters, more than one line, or with a character one line of text may not hold); NOT_FOUND; CONFLICT with the reason's code at `/accountId`
 *   (authenticatorResetRefusal: OWN_AUTHENTICATOR, ACCOUNT_DISABLED, INVITATION_NOT_ACCEPTED,
 *   NO_AUTHENTICATOR)
 */
export async function resetAuthenticator(
  ctx: ServiceContext,
  options: { actor: Actor; accountId: string; reason: string },
): Promise<AuthenticatorReset> {
  authorize(options.actor, { action: 'account:manage' });
  const reason = options.reason.trim();
  const reasonProblem =
    reason === ''
      ? { field: '/reason', message: 'Give the reason for the reset' }
      : [...reason].length > REASON_MAX
        ? { field: '/reason', message: `Use at most ${REASON_MAX} characters`, code: 'TEXT_TOO_LONG' as const }
        : /[\r\n]/.test(reason)
          ? { field: '/reason', message: 'Give the reason on one line' }
          : // The API's schema (a Line) and every other door refuse the same text.
            !isAcceptableText(reason, 'line')
            ? {
                field: '/reason',
                message: 'Give the reason as plain text: no tab, control, bidirectional or invisible format character',
              }
            : null;
  if (reasonProblem !== null)
    throw new AppError('VALIDATION_FAILED', reasonProblem.message, { errors: [reasonProblem] });
  const now = ctx.clock();
  const secret = randomSecret();
  return inTransaction(ctx, async (trx) => {
    const account = await findAccount(trx, options.accountId, { lock: true });
    if (!account) throw new AppError('NOT_FOUND', 'No such account');
    // Not one's own: an administrator's own second factor is not theirs to waive, from any door
    // (a page, a personal token); another administrator resets it.
    const adminId = options.actor.id.startsWith('account:') ? options.actor.id.slice('account:'.length) : null;
    const refusal = authenticatorResetRefusal(account, adminId);
    if (refusal !== null) {
      const message = REFUSALS[refusal];
      throw new AppError('CONFLICT', message, { errors: [{ field: '/accountId', message, code: refusal }] });
    }

    await updateAccount(
      trx,
      account.id,
      { totpSecret: null, totpEnabledAt: null, totpLastStep: null, authenticatorResetAt: now },
      now,
    );
    await replaceRecoveryCodes(trx, account.id, [], now);
    const sessionsEnded = await deleteSessionsOf(trx, account.id);
    await revokeInvitationsOf(trx, account.id, now);
    await revokePasswordResetsOf(trx, account.id, now);
    // The invitation's job sends it, worded for its purpose, and removes the sealed secret once sent.
    const { expiresAt } = await issueInvitationLink(trx, ctx, {
      accountId: account.id,
      purpose: 'authenticator',
      secret,
      createdBy: options.actor.id,
      now,
    });
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'account.authenticator-reset',
      consultationId: null,
      subject: `account:${account.id}`,
      data: { email: account.email, reason, sessionsEnded, expiresAt: new Date(expiresAt).toISOString() },
    });
    return { account: (await findAccount(trx, account.id))!, enrolmentPath: `/invitations/${secret}`, expiresAt };
  });
}

/**
 * The link of an administrator's authenticator reset: the person gives the password they have
 * (counted like a sign-in: the account's and the address's locks), the link is used, a new TOTP
 * key is prepared and a session that still needs its second factor begins, for the enrolment
 * page (the invitation's). The reset ends when that enrolment is confirmed (verifySecondFactor).
 * @throws INVITATION_INVALID (unknown, expired, revoked, used, not an authenticator link; or the
 *   account is disabled), LOGIN_LOCKED, INVALID_CREDENTIALS (`/password`: not the account's password)
 */
export async function acceptAuthenticatorLink(
  ctx: ServiceContext,
  options: { secret: string; password: string; client: Client },
): Promise<SessionGrant & { account: Account }> {
  const { account } = await openInvitation(ctx, options.secret, 'authenticator');
  const now = ctx.clock();
  const reserved = await reservePasswordAttempt(ctx, account.email, options.client);
  if (!(await verifyPassword(account.passwordHash, options.password))) {
    await auditFailure(ctx, { actor: 'public', subject: `account:${account.id}`, action: 'login.failed' });
    throw new AppError('INVALID_CREDENTIALS', 'The password is wrong', {
      errors: [{ field: '/password', message: 'The password is wrong' }],
    });
  }
  return inTransaction(ctx, async (trx) => {
    // The link stays open until the new authenticator is confirmed (spendSecondFactor closes it):
    // a person whose enrolment session ran out before they scanned the code opens it again,
    // with the password again, and gets a new key, rather than waiting for another reset.
    const invitation = await findInvitationByHash(trx, hashSecret(options.secret));
    if (
      invitation?.purpose !== 'authenticator' ||
      invitation.expiresAt <= now ||
      invitation.usedAt !== null ||
      invitation.revokedAt !== null
    )
      throw new AppError(
        'INVITATION_INVALID',
        'This link is unknown, expired, or was already used; ask the secretariat for a new one',
      );
    const current = (await findAccount(trx, account.id, { lock: true }))!;
    if (current.disabledAt !== null)
      throw new AppError('INVITATION_INVALID', 'This link is no longer valid; ask the secretariat for a new one');
    await releasePasswordAttempt(trx, reserved, current.email, options.client, now);
    await updateAccount(
      trx,
      current.id,
      { totpSecret: sealSecret(ctx.secretKey, newTotpSeed()), totpEnabledAt: null, totpLastStep: null },
      now,
    );
    await deleteSessionsOf(trx, current.id);
    const updated = (await findAccount(trx, current.id))!;
    const sessionSecret = await newSession(trx, ctx, updated, false, options.client);
    await appendAudit(trx, {
      at: now,
      actor: `account:${current.id}`,
      action: 'account.authenticator-link-used',
      consultationId: null,
      subject: `account:${current.id}`,
      data: { invitation: invitation.id },
    });
    return { sessionSecret, next: 'enroll' as const, account: updated };
  });
}
