import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AccountRole, DB } from '../../db/database.js';
import { AppError, type FieldProblem } from '../../domain/errors.js';
import type { Actor } from '../../domain/policy/actor.js';
import { authorize } from '../../domain/policy/policy.js';
import {
  findAccount,
  findAccountByEmail,
  insertAccount,
  listAccounts as findAccounts,
  updateAccount,
  type Account,
} from '../../repositories/account.repository.js';
import { appendAudit } from '../../repositories/audit.repository.js';
import { revokeTokensOf } from '../../repositories/api-token.repository.js';
import {
  insertInvitation,
  type InvitationPurpose,
  revokeInvitationsOf,
  revokePasswordResetsOf,
} from '../../repositories/identity-misc.repository.js';
import { insertJob } from '../../repositories/job.repository.js';
import { findMemberState } from '../../repositories/member-state.repository.js';
import { deleteSessionsOf } from '../../repositories/session.repository.js';
import { inTransaction, type ServiceContext } from '../service-context.js';
import { hashSecret, randomSecret, sealSecret } from './secrets.js';

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
/** The six UN languages: an account's preferred language for its e-mails and documents. */
export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];

export interface InviteOptions {
  readonly actor: Actor;
  readonly email: string;
  readonly name: string;
  readonly role: AccountRole;
  readonly memberState?: string | undefined;
  /** Focal points: the State's primary focal point, or an alternate. */
  readonly rank?: 'primary' | 'alternate' | undefined;
  readonly language?: string | undefined;
  /**
   * Whether an address that already has an account is invited again (its password and
   * authenticator cleared). True by default; a page asking for a new person passes false, so that
   * only the account's own "send a new invitation" does it, never a mistyped address.
   */
  readonly reinvite?: boolean;
}

/** The roles an account may have. */
const ROLES: readonly AccountRole[] = ['secretariat_admin', 'secretariat_staff', 'focal_point', 'observer'];

export interface Invited {
  readonly account: Account;
  /** The path of the single-use link (`/invitations/<secret>`): shown once, and e-mailed. */
  readonly invitationPath: string;
  readonly expiresAt: number;
}

/**
 * A single-use link of an account, in the caller's transaction: the invitation row (its secret
 * stored as a hash, valid `ctx.invitationTtlMs`) and the job that e-mails it, worded for its
 * purpose. The job holds the secret sealed with the server key (staff reading the job list cannot
 * use it) only until the e-mail has gone.
 */
export async function issueInvitationLink(
  trx: Transaction<DB>,
  ctx: ServiceContext,
  link: { accountId: string; purpose: InvitationPurpose; secret: string; createdBy: string; now: number },
): Promise<{ invitationId: string; expiresAt: number }> {
  const invitationId = randomUUID();
  const expiresAt = link.now + ctx.invitationTtlMs;
  await insertInvitation(trx, {
    id: invitationId,
    purpose: link.purpose,
    tokenHash: hashSecret(link.secret),
    accountId: link.accountId,
    createdBy: link.createdBy,
    createdAt: link.now,
    expiresAt,
    usedAt: null,
    revokedAt: null,
  });
  await insertJob(
    trx,
    {
      id: `invitation:${invitationId}`,
      kind: 'invitation',
      payload: { accountId: link.accountId, invitationId, sealedSecret: sealSecret(ctx.secretKey, link.secret) },
      runAt: link.now,
      maxAttempts: 6,
      consultationId: null,
    },
    link.now,
  );
  return { invitationId, expiresAt };
}

/**
 * Invites a person: creates the account (no password yet) and a single-use link, valid for
 * `ctx.invitationTtlMs`, that lets them set a password and enrol their authenticator. The link is
 * e-mailed (a job) and returned to the administrator. Inviting an existing account again (a
 * forgotten password, a lost authenticator) revokes its earlier links and clears its password
 * and second factor.
 * @throws FORBIDDEN (administrators only); VALIDATION_FAILED with every problem of the fields at
 *   once (`/email`, `/name`, `/role`, `/memberState`, `/rank`, `/language`); UNKNOWN_MEMBER_STATE
 *   (`/memberState`); CONFLICT at `/role` for an address in use by another role or State, at
 *   `/email` for an address in use when `reinvite` is false
 */
export async function inviteAccount(ctx: ServiceContext, options: InviteOptions): Promise<Invited> {
  authorize(options.actor, { action: 'account:manage' });
  const email = options.email.trim().toLowerCase();
  const problems: FieldProblem[] = [];
  if (!EMAIL.test(email) || email.length > 254) problems.push({ field: '/email', message: 'Not an e-mail address' });
  if (options.name.trim() === '' || options.name.length > 200)
    problems.push({ field: '/name', message: 'Give the name (at most 200 characters)' });
  if (!ROLES.includes(options.role)) problems.push({ field: '/role', message: `One of ${ROLES.join(', ')}` });
  const focal = options.role === 'focal_point';
  if (focal !== (options.memberState !== undefined))
    problems.push({
      field: '/memberState',
      message: focal ? 'A focal point belongs to a Member State' : 'Only focal points belong to a Member State',
    });
  if (!focal && options.rank !== undefined) problems.push({ field: '/rank', message: 'Only focal points have a rank' });
  if (options.rank !== undefined && options.rank !== 'primary' && options.rank !== 'alternate')
    problems.push({ field: '/rank', message: 'primary or alternate' });
  const language = options.language ?? 'en';
  if (!LANGUAGES.includes(language)) problems.push({ field: '/language', message: `One of ${LANGUAGES.join(', ')}` });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems[0]!.message, { errors: problems });

  const now = ctx.clock();
  const secret = randomSecret();
  return inTransaction(ctx, async (trx) => {
    if (focal && !(await findMemberState(trx, options.memberState!)))
      throw new AppError('UNKNOWN_MEMBER_STATE', `No Member State with code "${options.memberState}"`, {
        errors: [{ field: '/memberState', message: 'Not the code of a Member State', code: 'UNKNOWN_MEMBER_STATE' }],
      });
    let account = await findAccountByEmail(trx, email);
    if (account) {
      // An address in use: not to be invited again (/email), or by another role or State (/role).
      if (options.reinvite === false) {
        const detail = `${email} already has an account; send it a new invitation from its own row`;
        throw new AppError('CONFLICT', detail, { errors: [{ field: '/email', message: detail, code: 'CONFLICT' }] });
      }
      if (account.role !== options.role || account.memberState !== (options.memberState ?? null)) {
        const detail = `${email} already has an account with another role or State; disable it and invite again under another address, or keep the role`;
        throw new AppError('CONFLICT', detail, { errors: [{ field: '/role', message: detail, code: 'CONFLICT' }] });
      }
      await revokeInvitationsOf(trx, account.id, now);
      await revokePasswordResetsOf(trx, account.id, now);
      await updateAccount(
        trx,
        account.id,
        {
          passwordHash: null,
          totpSecret: null,
          totpEnabledAt: null,
          totpLastStep: null,
          authenticatorResetAt: null,
          name: options.name.trim(),
          language,
        },
        now,
      );
      await deleteSessionsOf(trx, account.id);
      account = (await findAccount(trx, account.id))!;
    } else {
      account = {
        id: randomUUID(),
        email,
        name: options.name.trim(),
        role: options.role,
        memberState: options.memberState ?? null,
        focalPointRank: focal ? (options.rank ?? 'alternate') : null,
        passwordHash: null,
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        language,
        disabledAt: null,
        authenticatorResetAt: null,
        createdAt: now,
      };
      await insertAccount(trx, account, now);
    }
    const { expiresAt } = await issueInvitationLink(trx, ctx, {
      accountId: account.id,
      purpose: 'account',
      secret,
      createdBy: options.actor.id,
      now,
    });
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'account.invited',
      consultationId: null,
      subject: `account:${account.id}`,
      data: {
        email,
        role: account.role,
        memberState: account.memberState,
        expiresAt: new Date(expiresAt).toISOString(),
      },
    });
    return { account, invitationPath: `/invitations/${secret}`, expiresAt };
  });
}

/** Accounts, optionally of one State (administrators). */
export async function listAccounts(
  ctx: ServiceContext,
  options: { actor: Actor; memberState?: string | undefined },
): Promise<Account[]> {
  authorize(options.actor, { action: 'account:manage' });
  return findAccounts(ctx.db, options.memberState === undefined ? {} : { memberState: options.memberState });
}

/**
 * Disables an account (every session ends, its invitation and password reset links and personal
 * tokens are revoked) or
 * enables it again (it then needs new tokens). The
 * State's replies and the account's history are untouched: focal points can change in the
 * middle of a consultation.
 * @throws FORBIDDEN, NOT_FOUND
 */
export async function setAccountDisabled(
  ctx: ServiceContext,
  options: { actor: Actor; accountId: string; disabled: boolean },
): Promise<Account> {
  authorize(options.actor, { action: 'account:manage' });
  const now = ctx.clock();
  return inTransaction(ctx, async (trx) => {
    const account = await findAccount(trx, options.accountId, { lock: true });
    if (!account) throw new AppError('NOT_FOUND', 'No such account');
    await updateAccount(trx, account.id, { disabledAt: options.disabled ? now : null }, now);
    if (options.disabled) {
      // Everything that acts for the account stops, for good: enabling it again needs new tokens.
      await deleteSessionsOf(trx, account.id);
      await revokeInvitationsOf(trx, account.id, now);
      await revokePasswordResetsOf(trx, account.id, now);
      await revokeTokensOf(trx, account.id, now);
    }
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: options.disabled ? 'account.disabled' : 'account.enabled',
      consultationId: null,
      subject: `account:${account.id}`,
      data: { email: account.email },
    });
    return (await findAccount(trx, account.id))!;
  });
}

/**
 * Sets the signed-in person's preferred language: the language of their e-mails and of the
 * documents they download (pages follow the language in the URL). Audited.
 * @throws VALIDATION_FAILED (not one of the six UN languages)
 */
export async function setMyLanguage(
  ctx: ServiceContext,
  options: { account: Account; language: string },
): Promise<Account> {
  if (!LANGUAGES.includes(options.language)) {
    throw new AppError('VALIDATION_FAILED', `One of ${LANGUAGES.join(', ')}`, {
      errors: [{ field: '/language', message: `One of ${LANGUAGES.join(', ')}` }],
    });
  }
  const now = ctx.clock();
  return inTransaction(ctx, async (trx) => {
    await updateAccount(trx, options.account.id, { language: options.language }, now);
    await appendAudit(trx, {
      at: now,
      actor: `account:${options.account.id}`,
      action: 'account.language-set',
      consultationId: null,
      subject: `account:${options.account.id}`,
      data: { language: options.language },
    });
    return (await findAccount(trx, options.account.id))!;
  });
}
