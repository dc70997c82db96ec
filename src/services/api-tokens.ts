import { randomBytes, randomUUID } from 'node:crypto';
import { sha256Hex } from '../domain/canonical.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { findTokenByHash, insertToken, listTokens as findTokens, revokeToken as storeRevocation, type StoredToken, type TokenRole } from '../repositories/api-token.repository.js';
import { appendAudit } from '../repositories/audit.repository.js';
import { findMemberState } from '../repositories/member-state.repository.js';
import { inTransaction, type ServiceContext } from './service-context.js';

const TOKEN_PREFIX = 'assent_';

export interface CreateTokenOptions {
  readonly actor: Actor;
  readonly role: TokenRole;
  readonly memberState?: string | undefined;
  readonly label: string;
  /** Lifetime in days; omitted: no expiry. */
  readonly expiresInDays?: number | undefined;
}

/**
 * Creates an API token. The secret is returned once and only its SHA-256 is stored.
 * @throws FORBIDDEN, VALIDATION_FAILED (a focal point without a State or another role with one), UNKNOWN_MEMBER_STATE
 */
export async function createApiToken(ctx: ServiceContext, options: CreateTokenOptions): Promise<{ token: StoredToken; secret: string }> {
  authorize(options.actor, { action: 'token:manage' });
  const memberState = options.memberState ?? null;
  if ((options.role === 'focal_point') !== (memberState !== null)) {
    throw new AppError('VALIDATION_FAILED', 'A focal point token names exactly one Member State; other roles name none', {
      errors: [{ field: '/memberState', message: options.role === 'focal_point' ? 'Give the Member State of the focal point' : 'Only focal point tokens name a Member State' }],
    });
  }
  if (options.label.trim() === '') throw new AppError('VALIDATION_FAILED', 'Give the token a label', { errors: [{ field: '/label', message: 'Required' }] });
  if (options.expiresInDays !== undefined && (!Number.isInteger(options.expiresInDays) || options.expiresInDays < 1))
    throw new AppError('VALIDATION_FAILED', 'The lifetime is a whole number of days', { errors: [{ field: '/expiresInDays', message: 'A whole number of days, at least 1' }] });
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
  };
  await inTransaction(ctx, async (trx) => {
    if (memberState !== null && !(await findMemberState(trx, memberState)))
      throw new AppError('UNKNOWN_MEMBER_STATE', `No Member State with code "${memberState}"`);
    await insertToken(trx, { ...token, tokenHash: sha256Hex(secret), createdBy: options.actor.id });
    await appendAudit(trx, { at: now, actor: options.actor.id, action: 'token.created', consultationId: null, subject: `token:${token.id}`, data: { role: token.role, memberState, label: token.label } });
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
  const id = `token:${token.id}`;
  switch (token.role) {
    case 'secretariat':
      return { kind: 'secretariat', id, label: token.label };
    case 'observer':
      return { kind: 'observer', id, label: token.label };
    case 'focal_point':
      return { kind: 'focal_point', id, label: token.label, memberState: token.memberState! };
  }
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
    if (!(await storeRevocation(trx, options.tokenId, now))) throw new AppError('NOT_FOUND', 'No active token with that id');
    await appendAudit(trx, { at: now, actor: options.actor.id, action: 'token.revoked', consultationId: null, subject: `token:${options.tokenId}`, data: {} });
  });
}
