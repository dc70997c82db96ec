import { randomBytes, randomUUID } from 'node:crypto';
import { sha256Hex } from '../domain/canonical.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import {
  findTokenByHash,
  insertToken,
  listTokens as findTokens,
  revokeToken as storeRevocation,
  type StoredToken,
  type TokenRole,
} from '../repositories/api-token.repository.js';
import { appendAudit } from '../repositories/audit.repository.js';
import { findMemberState } from '../repositories/member-state.repository.js';
import { inTransaction, type ServiceContext } from './service-context.js';
import { findAccount, type Account } from '../repositories/account.repository.js';
import { actorOfAccount } from './identity/sign-in.js';
import { TOKEN_SCOPES, type TokenScope } from '../domain/identity/scopes.js';

const TOKEN_PREFIX = 'assent_';

export interface CreateTokenOptions {
  readonly actor: Actor;
  readonly role: TokenRole;
  readonly memberState?: string | undefined;
  readonly label: string;
  /** Lifetime in days; omitted: no expiry. */
  readonly expiresInDays?: number | undefined;
  /** Scopes; omitted: everything the role may do. */
  readonly scopes?: readonly TokenScope[] | undefined;
}

/**
 * Creates an API token. The secret is returned once and only its SHA-256 is stored.
 * @throws FORBIDDEN, VALIDATION_FAILED (a focal point without a State or another role with one), UNKNOWN_MEMBER_STATE
 */
export async function createApiToken(
  ctx: ServiceContext,
  options: CreateTokenOptions,
): Promise<{ token: StoredToken; secret: string }> {
  authorize(options.actor, { action: 'token:manage' });
  const memberState = options.memberState ?? null;
  if ((options.role === 'focal_point') !== (memberState !== null)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'A focal point token names exactly one Member State; other roles name none',
      {
        errors: [
          {
            field: '/memberState',
            message:
              options.role === 'focal_point'
                ? 'Give the Member State of the focal point'
                : 'Only focal point tokens name a Member State',
          },
        ],
      },
    );
  }
  if (options.label.trim() === '')
    throw new AppError('VALIDATION_FAILED', 'Give the token a label', {
      errors: [{ field: '/label', message: 'Required' }],
    });
  if (options.expiresInDays !== undefined && (!Number.isInteger(options.expiresInDays) || options.expiresInDays < 1))
    throw new AppError('VALIDATION_FAILED', 'The lifetime is a whole number of days', {
      errors: [{ field: '/expiresInDays', message: 'A whole number of days, at least 1' }],
    });
  const now = ctx.clock();
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const token: StoredToken = {
    id: randomUUID(),
    label: options.label.trim(),
    role: options.role,
    memberState,
    createdAt: now,
    expiresAt: options.expiresInDays === undefined ? null : now + options.expiresInDays * 86_400_000,
    revokedAt: null,
    accountId: null,
    scopes: options.scopes === undefined ? null : [...new Set(options.scopes)].sort(),
  };
  await inTransaction(ctx, async (trx) => {
    if (memberState !== null && !(await findMemberState(trx, memberState)))
      throw new AppError('UNKNOWN_MEMBER_STATE', `No Member State with code "${memberState}"`);
    await insertToken(trx, { ...token, tokenHash: sha256Hex(secret), createdBy: options.actor.id });
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'token.created',
      consultationId: null,
      subject: `token:${token.id}`,
      data: { role: token.role, memberState, label: token.label },
    });
  });
  return { token, secret };
}

/**
 * The actor a bearer secret stands for.
 * @throws UNAUTHENTICATED for an unknown, revoked or expired token (one message for all three)
 */
export async function authenticateToken(ctx: ServiceContext, secret: string): Promise<Actor> {
  const invalid = new AppError('UNAUTHENTICATED', 'The API token is not valid (unknown, revoked or expired)');
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) throw invalid;
  const token = await findTokenByHash(ctx.db, sha256Hex(secret));
  const now = ctx.clock();
  if (!token || token.revokedAt !== null || (token.expiresAt !== null && token.expiresAt <= now)) throw invalid;
  const scopes = token.scopes === null ? {} : { scopes: token.scopes as TokenScope[] };
  if (token.accountId !== null) {
    // A personal token acts as its account, as it is now: a disabled account's tokens stop working,
    // and a changed role applies at once.
    const account = await findAccount(ctx.db, token.accountId);
    if (!account || account.disabledAt !== null) throw invalid;
    return { ...actorOfAccount(account), ...scopes };
  }
  const id = `token:${token.id}`;
  switch (token.role) {
    case 'secretariat':
      return { kind: 'secretariat', id, label: token.label, admin: true, ...scopes };
    case 'observer':
      return { kind: 'observer', id, label: token.label, ...scopes };
    case 'focal_point':
      return { kind: 'focal_point', id, label: token.label, memberState: token.memberState!, ...scopes };
  }
}

/**
 * A personal API token of the signed-in account (for the CLI and integrations): it acts as the
 * account, within its scopes, until it expires (at most a year) or is revoked. Shown once.
 * @throws SESSION_EXPIRED, VALIDATION_FAILED
 */
export async function createPersonalToken(
  ctx: ServiceContext,
  options: { account: Account; label: string; scopes: readonly TokenScope[]; expiresInDays: number },
): Promise<{ token: StoredToken; secret: string }> {
  const problems = [];
  if (options.label.trim() === '' || options.label.length > 200)
    problems.push({ field: '/label', message: 'Give the token a label (at most 200 characters)' });
  if (options.scopes.length === 0 || options.scopes.some((s) => !TOKEN_SCOPES.includes(s)))
    problems.push({ field: '/scopes', message: `Choose among ${TOKEN_SCOPES.join(', ')}` });
  if (!Number.isInteger(options.expiresInDays) || options.expiresInDays < 1 || options.expiresInDays > 365)
    problems.push({ field: '/expiresInDays', message: 'From 1 to 365 days' });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems[0]!.message, { errors: problems });
  const now = ctx.clock();
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const actor = actorOfAccount(options.account);
  const role: TokenRole = actor.kind;
  const token: StoredToken = {
    id: randomUUID(),
    label: options.label.trim(),
    role,
    memberState: options.account.memberState,
    createdAt: now,
    expiresAt: now + options.expiresInDays * 86_400_000,
    revokedAt: null,
    accountId: options.account.id,
    scopes: [...new Set(options.scopes)].sort(),
  };
  await inTransaction(ctx, async (trx) => {
    await insertToken(trx, { ...token, tokenHash: sha256Hex(secret), createdBy: actor.id });
    await appendAudit(trx, {
      at: now,
      actor: actor.id,
      action: 'token.created',
      consultationId: null,
      subject: `token:${token.id}`,
      data: { personal: true, scopes: token.scopes, expiresAt: new Date(token.expiresAt!).toISOString() },
    });
  });
  return { token, secret };
}

/** The signed-in account's personal tokens. */
export async function myTokens(ctx: ServiceContext, account: Account): Promise<StoredToken[]> {
  return findTokens(ctx.db, { accountId: account.id });
}

/**
 * Revokes one of the account's own tokens.
 * @throws NOT_FOUND
 */
export async function revokeMyToken(
  ctx: ServiceContext,
  options: { account: Account; tokenId: string },
): Promise<void> {
  const mine = (await findTokens(ctx.db, { accountId: options.account.id })).some(
    (t) => t.id === options.tokenId && t.revokedAt === null,
  );
  if (!mine) throw new AppError('NOT_FOUND', 'No active token of yours with that id');
  await revokeApiToken(ctx, {
    actor: { kind: 'secretariat', id: `account:${options.account.id}`, label: options.account.name, admin: true },
    tokenId: options.tokenId,
  });
}

/** Every token (never their secrets). */
export async function listApiTokens(ctx: ServiceContext, options: { actor: Actor }): Promise<StoredToken[]> {
  authorize(options.actor, { action: 'token:manage' });
  return findTokens(ctx.db);
}

/**
 * Revokes a token at once.
 * @throws FORBIDDEN, NOT_FOUND (unknown or already revoked)
 */
export async function revokeApiToken(ctx: ServiceContext, options: { actor: Actor; tokenId: string }): Promise<void> {
  authorize(options.actor, { action: 'token:manage' });
  const now = ctx.clock();
  await inTransaction(ctx, async (trx) => {
    if (!(await storeRevocation(trx, options.tokenId, now)))
      throw new AppError('NOT_FOUND', 'No active token with that id');
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'token.revoked',
      consultationId: null,
      subject: `token:${options.tokenId}`,
      data: {},
    });
  });
}
