import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/domain/canonical.js';
import type { TokenScope } from '../../src/domain/identity/scopes.js';
import {
  authenticateToken,
  createApiToken,
  createPersonalToken,
  myTokens,
  revokeMyToken,
} from '../../src/services/api-tokens.js';
import { inviteAccount } from '../../src/services/identity/accounts.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { replyInput, useWorld } from '../helpers/world.js';
import { STAFF, auditActions, identitySnapshot, invite, refused, refusedUnchanged } from './identity-harness.js';

const DAY_MS = 86_400_000;

describeEachDialect('personal API tokens', (dialect) => {
  const world = useWorld(dialect);

  /** A focal point account of Korea (invited only: a token needs no password here). */
  async function koreanFocalPoint() {
    return (await invite(world().ctx, { email: 'fp@msit.kr.test', memberState: 'KR' })).account;
  }

  describe('creating', () => {
    it('stores only the SHA-256 of the secret, shows the secret once and audits the creation', async () => {
      const { ctx, clock } = world();
      const account = await koreanFocalPoint();
      const { token, secret } = await createPersonalToken(ctx, {
        account,
        label: '  CLI on my laptop ',
        scopes: ['replies:write', 'read', 'read'],
        expiresInDays: 30,
      });
      expect(secret).toMatch(/^assent_[A-Za-z0-9_-]{43}$/);
      expect(token).toMatchObject({
        label: 'CLI on my laptop',
        role: 'focal_point',
        memberState: 'KR',
        accountId: account.id,
        scopes: ['read', 'replies:write'],
        expiresAt: clock.now() + 30 * DAY_MS,
        revokedAt: null,
      });

      const stored = await identitySnapshot(ctx.db);
      expect(stored.apiToken).toHaveLength(1);
      expect(stored.apiToken[0]!.token_hash).toBe(sha256Hex(secret));
      expect(JSON.stringify(stored)).not.toContain(secret);
      expect(await myTokens(ctx, account)).toEqual([expect.objectContaining({ id: token.id })]);
      expect(await auditActions(ctx.db)).toContain('token.created');
    });

    it.each([1, 365])('accepts a lifetime of %i days', async (days) => {
      const { ctx, clock } = world();
      const { token } = await createPersonalToken(ctx, {
        account: await koreanFocalPoint(),
        label: 'CLI',
        scopes: ['read'],
        expiresInDays: days,
      });
      expect(token.expiresAt).toBe(clock.now() + days * DAY_MS);
    });

    const invalid: readonly [
      string,
      { label?: string; scopes?: readonly TokenScope[]; expiresInDays?: number },
      string,
    ][] = [
      ['an empty label', { label: '' }, '/label'],
      ['a blank label', { label: '   ' }, '/label'],
      ['a label of 201 characters', { label: 'x'.repeat(201) }, '/label'],
      ['no scope', { scopes: [] }, '/scopes'],
      ['an unknown scope', { scopes: ['read', 'everything' as TokenScope] }, '/scopes'],
      ['a lifetime of 0 days', { expiresInDays: 0 }, '/expiresInDays'],
      ['a lifetime of 366 days', { expiresInDays: 366 }, '/expiresInDays'],
      ['a lifetime of 1.5 days', { expiresInDays: 1.5 }, '/expiresInDays'],
      ['a negative lifetime', { expiresInDays: -7 }, '/expiresInDays'],
      ['a lifetime that is not a number', { expiresInDays: Number.NaN }, '/expiresInDays'],
    ];
    it.each(invalid)('refuses %s (VALIDATION_FAILED) and stores nothing', async (_name, overrides, field) => {
      const { ctx } = world();
      const account = await koreanFocalPoint();
      const error = await refusedUnchanged(
        ctx.db,
        () => createPersonalToken(ctx, { account, label: 'CLI', scopes: ['read'], expiresInDays: 30, ...overrides }),
        'VALIDATION_FAILED',
      );
      expect(error.errors.map((e) => e.field)).toContain(field);
    });
  });

  describe('acting', () => {
    it("acts as its focal point account: it may submit its own State's reply, not another State's", async () => {
      const { ctx } = world();
      const consultationId = await world().openConsultation();
      const account = await koreanFocalPoint();
      const { secret } = await createPersonalToken(ctx, {
        account,
        label: 'CLI',
        scopes: ['read', 'replies:write'],
        expiresInDays: 30,
      });
      const actor = await authenticateToken(ctx, secret);
      expect(actor).toEqual({
        kind: 'focal_point',
        id: `account:${account.id}`,
        label: account.name,
        memberState: 'KR',
        scopes: ['read', 'replies:write'],
      });

      const { receipt } = await submitReply(ctx, {
        actor,
        consultationId,
        memberState: 'KR',
        input: replyInput(),
        channel: 'api',
      });
      expect(receipt).toMatchObject({ memberState: 'KR', version: 1 });
      await refusedUnchanged(
        ctx.db,
        () => submitReply(ctx, { actor, consultationId, memberState: 'FR', input: replyInput(), channel: 'api' }),
        'NOT_YOUR_MEMBER_STATE',
      );
    });

    it('may do no more than its scopes: a read-only token may not submit a reply (FORBIDDEN)', async () => {
      const { ctx } = world();
      const consultationId = await world().openConsultation();
      const { secret } = await createPersonalToken(ctx, {
        account: await koreanFocalPoint(),
        label: 'Dashboard',
        scopes: ['read'],
        expiresInDays: 30,
      });
      const actor = await authenticateToken(ctx, secret);
      await refusedUnchanged(
        ctx.db,
        () => submitReply(ctx, { actor, consultationId, memberState: 'KR', input: replyInput(), channel: 'api' }),
        'FORBIDDEN',
      );
      const replies = await ctx.db.selectFrom('reply_version').select('version').execute();
      expect(replies).toHaveLength(0);
    });

    it('gains nothing from scopes its account may not use: an observer token with replies:write may not reply', async () => {
      const { ctx } = world();
      const consultationId = await world().openConsultation();
      const observer = (await invite(ctx, { role: 'observer' })).account;
      const { secret } = await createPersonalToken(ctx, {
        account: observer,
        label: 'CLI',
        scopes: ['read', 'replies:write', 'admin'],
        expiresInDays: 30,
      });
      const actor = await authenticateToken(ctx, secret);
      await refusedUnchanged(
        ctx.db,
        () => submitReply(ctx, { actor, consultationId, memberState: 'KR', input: replyInput(), channel: 'api' }),
        'ROLE_MAY_NOT_REPLY',
      );
      await refusedUnchanged(
        ctx.db,
        () => createApiToken(ctx, { actor, role: 'observer', label: 'more' }),
        'FORBIDDEN',
      );
    });

    it('stops authenticating when it expires (UNAUTHENTICATED)', async () => {
      const { ctx, clock } = world();
      const { token, secret } = await createPersonalToken(ctx, {
        account: await koreanFocalPoint(),
        label: 'CLI',
        scopes: ['read'],
        expiresInDays: 1,
      });
      clock.set(token.expiresAt! - 1);
      expect((await authenticateToken(ctx, secret)).kind).toBe('focal_point');
      clock.set(token.expiresAt!);
      await refused(authenticateToken(ctx, secret), 'UNAUTHENTICATED');
    });

    it('refuses a secret nobody was given (UNAUTHENTICATED)', async () => {
      const { ctx } = world();
      const { secret } = await createPersonalToken(ctx, {
        account: await koreanFocalPoint(),
        label: 'CLI',
        scopes: ['read'],
        expiresInDays: 1,
      });
      const forged = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
      await refused(authenticateToken(ctx, forged), 'UNAUTHENTICATED');
      await refused(authenticateToken(ctx, secret.slice('assent_'.length)), 'UNAUTHENTICATED');
    });
  });

  describe('revoking', () => {
    it('lets the owner revoke a token, which then stops authenticating', async () => {
      const { ctx, clock } = world();
      const account = await koreanFocalPoint();
      const { token, secret } = await createPersonalToken(ctx, {
        account,
        label: 'CLI',
        scopes: ['read'],
        expiresInDays: 30,
      });
      await revokeMyToken(ctx, { account, tokenId: token.id });
      await refused(authenticateToken(ctx, secret), 'UNAUTHENTICATED');
      expect(await myTokens(ctx, account)).toEqual([expect.objectContaining({ id: token.id, revokedAt: clock.now() })]);
      expect(await auditActions(ctx.db)).toContain('token.revoked');
      // Revoking it again: it is no longer an active token of theirs.
      await refusedUnchanged(ctx.db, () => revokeMyToken(ctx, { account, tokenId: token.id }), 'NOT_FOUND');
    });

    it("answers NOT_FOUND for another account's token, which keeps working", async () => {
      const { ctx } = world();
      const owner = await koreanFocalPoint();
      const other = (await invite(ctx, { email: 'fp@anfr.fr.test', memberState: 'FR' })).account;
      const { token, secret } = await createPersonalToken(ctx, {
        account: owner,
        label: 'CLI',
        scopes: ['read'],
        expiresInDays: 30,
      });
      await refusedUnchanged(ctx.db, () => revokeMyToken(ctx, { account: other, tokenId: token.id }), 'NOT_FOUND');
      await refusedUnchanged(
        ctx.db,
        () => revokeMyToken(ctx, { account: other, tokenId: 'no-such-token' }),
        'NOT_FOUND',
      );
      expect((await authenticateToken(ctx, secret)).id).toBe(`account:${owner.id}`);
      expect(await myTokens(ctx, other)).toEqual([]);
    });
  });

  describe('secretariat staff', () => {
    it('may not create service tokens nor invite (FORBIDDEN), directly or through a personal token', async () => {
      const { ctx } = world();
      await refusedUnchanged(
        ctx.db,
        () => createApiToken(ctx, { actor: STAFF, role: 'observer', label: 'Integration' }),
        'FORBIDDEN',
      );
      await refusedUnchanged(
        ctx.db,
        () =>
          inviteAccount(ctx, {
            actor: STAFF,
            email: 'new@msit.kr.test',
            name: 'New',
            role: 'focal_point',
            memberState: 'KR',
          }),
        'FORBIDDEN',
      );

      const staff = (await invite(ctx, { role: 'secretariat_staff', email: 'staff@itu.test' })).account;
      const { secret } = await createPersonalToken(ctx, {
        account: staff,
        label: 'CLI',
        scopes: ['read', 'admin'],
        expiresInDays: 30,
      });
      const actor = await authenticateToken(ctx, secret);
      expect(actor).toMatchObject({ kind: 'secretariat', admin: false });
      await refusedUnchanged(
        ctx.db,
        () => createApiToken(ctx, { actor, role: 'observer', label: 'Integration' }),
        'FORBIDDEN',
      );
    });

    it("lets an administrator's token create service tokens only with the admin scope", async () => {
      const { ctx } = world();
      const admin = (await invite(ctx, { role: 'secretariat_admin', email: 'admin@itu.test' })).account;
      const readOnly = await authenticateToken(
        ctx,
        (await createPersonalToken(ctx, { account: admin, label: 'read', scopes: ['read'], expiresInDays: 30 })).secret,
      );
      await refusedUnchanged(
        ctx.db,
        () => createApiToken(ctx, { actor: readOnly, role: 'observer', label: 'Integration' }),
        'FORBIDDEN',
      );
      const adminScoped = await authenticateToken(
        ctx,
        (await createPersonalToken(ctx, { account: admin, label: 'admin', scopes: ['admin'], expiresInDays: 30 }))
          .secret,
      );
      const created = await createApiToken(ctx, { actor: adminScoped, role: 'observer', label: 'Integration' });
      expect(created.token).toMatchObject({ role: 'observer', accountId: null });
    });
  });
});
