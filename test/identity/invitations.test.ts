import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/policy/actor.js';
import type { MailTransport, OutgoingMail } from '../../src/mail/mail-transport.js';
import { findJob, type Job } from '../../src/repositories/job.repository.js';
import {
  inviteAccount,
  listAccounts,
  setAccountDisabled,
  type InviteOptions,
} from '../../src/services/identity/accounts.js';
import { ARGON2_PARAMS, verifyPassword } from '../../src/services/identity/passwords.js';
import { hashSecret } from '../../src/services/identity/secrets.js';
import { acceptInvitation, actorOfAccount, resolveSession } from '../../src/services/identity/sign-in.js';
import { createJobHandlers } from '../../src/services/jobs/handlers.js';
import { describeEachDialect } from '../helpers/databases.js';
import { OBSERVER, PUBLIC, SECRETARIAT, focalPoint, useWorld } from '../helpers/world.js';
import {
  CLIENT,
  PASSWORD,
  STAFF,
  accountRow,
  auditActions,
  identitySnapshot,
  refused,
  refusedUnchanged,
  secretOf,
  sessionsOf,
} from './identity-harness.js';

const DAY_MS = 86_400_000;
const BASE_URL = 'https://assent.test';

/** A valid invitation of a focal point of Korea; override what a test needs. */
function invitation(overrides: Partial<InviteOptions> = {}): InviteOptions {
  return {
    actor: SECRETARIAT,
    email: 'fp@msit.kr.test',
    name: 'Kim Min-jun',
    role: 'focal_point',
    memberState: 'KR',
    ...overrides,
  };
}

/** A mail transport that keeps what it is given. */
function memoryTransport(): MailTransport & { readonly sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return {
    kind: 'eml',
    sent,
    send: async (mail) => {
      sent.push(mail);
      return { messageId: 'x', location: 'mem' };
    },
    close() {},
  };
}

/** The invitation job of an invitation (its id is `invitation:<invitation id>`). */
async function invitationJobs(db: Parameters<typeof findJob>[0]): Promise<Job[]> {
  const rows = await db
    .selectFrom('job')
    .select('id')
    .where('kind', '=', 'invitation')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return Promise.all(rows.map(async (r) => (await findJob(db, r.id))!));
}

describeEachDialect('invitations', (dialect) => {
  const world = useWorld(dialect);

  describe('inviting', () => {
    it('creates an account without a password, a hashed single-use link valid for 7 days, an audit row and an e-mail job', async () => {
      const { ctx, clock } = world();
      const invited = await inviteAccount(
        ctx,
        invitation({ email: '  FP@MSIT.kr.test ', rank: 'primary', language: 'fr' }),
      );
      const secret = secretOf(invited);
      expect(secret.length).toBeGreaterThanOrEqual(40);
      expect(invited.expiresAt).toBe(clock.now() + 7 * DAY_MS);
      expect(invited.account).toMatchObject({
        email: 'fp@msit.kr.test',
        role: 'focal_point',
        memberState: 'KR',
        focalPointRank: 'primary',
        language: 'fr',
        passwordHash: null,
        disabledAt: null,
      });

      const stored = await identitySnapshot(ctx.db);
      expect(stored.account).toHaveLength(1);
      expect(stored.account[0]).toMatchObject({ email: 'fp@msit.kr.test', password_hash: null, totp_secret: null });
      expect(stored.invitation).toHaveLength(1);
      expect(stored.invitation[0]).toMatchObject({
        token_hash: hashSecret(secret),
        account_id: invited.account.id,
        used_at: null,
        revoked_at: null,
      });
      expect(Number(stored.invitation[0]!.expires_at)).toBe(invited.expiresAt);
      // Only the e-mail job holds the link's secret (until it is sent); the invitation and the audit trail never do.
      expect(JSON.stringify({ ...stored, job: [] })).not.toContain(secret);
      expect(stored.job).toEqual([
        expect.objectContaining({ id: `invitation:${stored.invitation[0]!.id}`, kind: 'invitation', state: 'queued' }),
      ]);
      expect(await auditActions(ctx.db)).toEqual(['account.invited']);
    });

    it('makes a focal point an alternate unless told otherwise, and other roles have no rank or State', async () => {
      const { ctx } = world();
      const fp = await inviteAccount(ctx, invitation());
      const observer = await inviteAccount(
        ctx,
        invitation({ email: 'observer@vendor.test', role: 'observer', memberState: undefined }),
      );
      expect(fp.account).toMatchObject({ focalPointRank: 'alternate', language: 'en' });
      expect(observer.account).toMatchObject({ focalPointRank: null, memberState: null });
    });

    const invalid: readonly [string, Partial<InviteOptions>, string][] = [
      ['an address without @', { email: 'fp.msit.kr.test' }, '/email'],
      ['an address without a domain dot', { email: 'fp@localhost' }, '/email'],
      ['an address with a space inside', { email: 'f p@msit.kr.test' }, '/email'],
      ['an address longer than 254 characters', { email: `${'a'.repeat(250)}@kr.test` }, '/email'],
      ['an empty name', { name: '   ' }, '/name'],
      ['a focal point without a State', { memberState: undefined }, '/memberState'],
      ['an observer with a State', { role: 'observer' }, '/memberState'],
      ['secretariat staff with a State', { role: 'secretariat_staff' }, '/memberState'],
      ['a rank for an observer', { role: 'observer', memberState: undefined, rank: 'primary' }, '/rank'],
      ['a language outside the six of the Union', { language: 'de' }, '/language'],
    ];
    it.each(invalid)('refuses %s (VALIDATION_FAILED) and stores nothing', async (_name, overrides, field) => {
      const { ctx } = world();
      const error = await refusedUnchanged(
        ctx.db,
        () => inviteAccount(ctx, invitation(overrides)),
        'VALIDATION_FAILED',
      );
      expect(error.errors.map((e) => e.field)).toContain(field);
    });

    it('refuses an unknown Member State (UNKNOWN_MEMBER_STATE) and stores nothing', async () => {
      const { ctx } = world();
      await refusedUnchanged(
        ctx.db,
        () => inviteAccount(ctx, invitation({ memberState: 'ZZ' })),
        'UNKNOWN_MEMBER_STATE',
      );
    });

    it('refuses to change the role or State of an existing address (CONFLICT) and stores nothing', async () => {
      const { ctx } = world();
      await inviteAccount(ctx, invitation());
      await refusedUnchanged(ctx.db, () => inviteAccount(ctx, invitation({ memberState: 'FR' })), 'CONFLICT');
      await refusedUnchanged(
        ctx.db,
        () => inviteAccount(ctx, invitation({ role: 'observer', memberState: undefined })),
        'CONFLICT',
      );
    });

    const outsiders: readonly [string, Actor, 'FORBIDDEN' | 'UNAUTHENTICATED'][] = [
      ['secretariat staff (admin: false)', STAFF, 'FORBIDDEN'],
      ['a focal point', focalPoint('KR'), 'FORBIDDEN'],
      ['an observer', OBSERVER, 'FORBIDDEN'],
      ['the public', PUBLIC, 'UNAUTHENTICATED'],
    ];
    it.each(outsiders)('lets only administrators invite, list or disable: %s gets %s', async (_name, actor, code) => {
      const { ctx } = world();
      const existing = await inviteAccount(ctx, invitation({ email: 'other@msit.kr.test' }));
      await refusedUnchanged(ctx.db, () => inviteAccount(ctx, invitation({ actor })), code);
      await refusedUnchanged(ctx.db, () => listAccounts(ctx, { actor }), code);
      await refusedUnchanged(
        ctx.db,
        () => setAccountDisabled(ctx, { actor, accountId: existing.account.id, disabled: true }),
        code,
      );
    });

    it('refuses the signed-in actor of a secretariat staff account (FORBIDDEN)', async () => {
      const { ctx } = world();
      const staff = await inviteAccount(
        ctx,
        invitation({ email: 'staff@itu.test', role: 'secretariat_staff', memberState: undefined }),
      );
      const actor = actorOfAccount(staff.account);
      expect(actor).toMatchObject({ kind: 'secretariat', admin: false });
      await refusedUnchanged(ctx.db, () => inviteAccount(ctx, invitation({ actor })), 'FORBIDDEN');
    });
  });

  describe('accepting', () => {
    it('stores an argon2id hash of the password (never the password), consumes the link and opens a session that still needs the second factor', async () => {
      const { ctx, clock } = world();
      const invited = await inviteAccount(ctx, invitation());
      const accepted = await acceptInvitation(ctx, { secret: secretOf(invited), password: PASSWORD, client: CLIENT });
      expect(accepted.next).toBe('enroll');

      const row = await accountRow(ctx.db, invited.account.id);
      expect(row.password_hash).toMatch(
        new RegExp(
          `^\\$argon2id\\$v=19\\$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+$`,
        ),
      );
      expect(await verifyPassword(row.password_hash, PASSWORD)).toBe(true);
      // The TOTP seed is sealed with the server key.
      expect(row.totp_secret).toMatch(/^v1\./);
      expect(row.totp_enabled_at).toBeNull();
      expect(JSON.stringify(await identitySnapshot(ctx.db))).not.toContain(PASSWORD);

      const stored = await ctx.db.selectFrom('invitation').selectAll().executeTakeFirstOrThrow();
      expect(Number(stored.used_at)).toBe(clock.now());
      const resolved = await resolveSession(ctx, accepted.sessionSecret);
      expect(resolved.verified).toBe(false);
      expect(resolved.account.id).toBe(invited.account.id);
      expect(await auditActions(ctx.db)).toEqual(['account.invited', 'account.invitation-accepted']);
    });

    it('refuses a second use of the link (INVITATION_INVALID) and changes nothing', async () => {
      const { ctx } = world();
      const invited = await inviteAccount(ctx, invitation());
      await acceptInvitation(ctx, { secret: secretOf(invited), password: PASSWORD, client: CLIENT });
      await refusedUnchanged(
        ctx.db,
        () => acceptInvitation(ctx, { secret: secretOf(invited), password: `${PASSWORD} again`, client: CLIENT }),
        'INVITATION_INVALID',
      );
    });

    it('refuses an unknown link (INVITATION_INVALID)', async () => {
      const { ctx } = world();
      await inviteAccount(ctx, invitation());
      await refusedUnchanged(
        ctx.db,
        () => acceptInvitation(ctx, { secret: 'not-a-link-anyone-was-given', password: PASSWORD, client: CLIENT }),
        'INVITATION_INVALID',
      );
    });

    it('refuses a link one millisecond after its 7 days (INVITATION_INVALID) and changes nothing', async () => {
      const { ctx, clock } = world();
      const invited = await inviteAccount(ctx, invitation());
      clock.advance(7 * DAY_MS + 1);
      await refusedUnchanged(
        ctx.db,
        () => acceptInvitation(ctx, { secret: secretOf(invited), password: PASSWORD, client: CLIENT }),
        'INVITATION_INVALID',
      );
    });

    it('accepts a link one millisecond before it expires', async () => {
      const { ctx, clock } = world();
      const invited = await inviteAccount(ctx, invitation());
      clock.set(invited.expiresAt - 1);
      const accepted = await acceptInvitation(ctx, { secret: secretOf(invited), password: PASSWORD, client: CLIENT });
      expect(accepted.next).toBe('enroll');
    });

    it('re-inviting revokes the earlier link, and clears the password, second factor and sessions of an account in use', async () => {
      const { ctx } = world();
      const first = await inviteAccount(ctx, invitation());
      const second = await inviteAccount(ctx, invitation({ name: 'Kim Min-jun (new link)' }));
      expect(second.account.id).toBe(first.account.id);
      await refusedUnchanged(
        ctx.db,
        () => acceptInvitation(ctx, { secret: secretOf(first), password: PASSWORD, client: CLIENT }),
        'INVITATION_INVALID',
      );
      const accepted = await acceptInvitation(ctx, { secret: secretOf(second), password: PASSWORD, client: CLIENT });

      // A lost password or authenticator: the secretariat invites again.
      const third = await inviteAccount(ctx, invitation());
      expect(third.account).toMatchObject({ passwordHash: null, totpSecret: null, totpEnabledAt: null });
      expect(await sessionsOf(ctx.db, first.account.id)).toHaveLength(0);
      await refused(resolveSession(ctx, accepted.sessionSecret), 'SESSION_EXPIRED');
      const invitations = await ctx.db
        .selectFrom('invitation')
        .select(['id', 'used_at', 'revoked_at'])
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      expect(invitations.filter((i) => i.used_at === null && i.revoked_at === null)).toHaveLength(1);
    });

    it('refuses the link of an account that was disabled (INVITATION_INVALID), also after it is enabled again', async () => {
      const { ctx } = world();
      const invited = await inviteAccount(ctx, invitation());
      await setAccountDisabled(ctx, { actor: SECRETARIAT, accountId: invited.account.id, disabled: true });
      await refusedUnchanged(
        ctx.db,
        () => acceptInvitation(ctx, { secret: secretOf(invited), password: PASSWORD, client: CLIENT }),
        'INVITATION_INVALID',
      );
      await setAccountDisabled(ctx, { actor: SECRETARIAT, accountId: invited.account.id, disabled: false });
      await refusedUnchanged(
        ctx.db,
        () => acceptInvitation(ctx, { secret: secretOf(invited), password: PASSWORD, client: CLIENT }),
        'INVITATION_INVALID',
      );
    });

    it('refuses a still-open link whose account is disabled (INVITATION_INVALID)', async () => {
      const { ctx, clock } = world();
      const invited = await inviteAccount(ctx, invitation());
      // Disabled without the revocation that setAccountDisabled also does: the account check alone must hold.
      await ctx.db
        .updateTable('account')
        .set({ disabled_at: clock.now() })
        .where('id', '=', invited.account.id)
        .execute();
      await refusedUnchanged(
        ctx.db,
        () => acceptInvitation(ctx, { secret: secretOf(invited), password: PASSWORD, client: CLIENT }),
        'INVITATION_INVALID',
      );
    });

    const weak: readonly [string, string][] = [
      ['11 characters', 'abcdefghijk'],
      ['the e-mail address', 'fp@msit.kr.test'],
      ['the e-mail address in capitals', 'FP@MSIT.KR.TEST'],
      ['one repeated character', 'xxxxxxxxxxxxxxxx'],
    ];
    it.each(weak)(
      'refuses a password that is %s (VALIDATION_FAILED at /password) and leaves the link usable',
      async (_name, password) => {
        const { ctx } = world();
        const invited = await inviteAccount(ctx, invitation());
        const error = await refusedUnchanged(
          ctx.db,
          () => acceptInvitation(ctx, { secret: secretOf(invited), password, client: CLIENT }),
          'VALIDATION_FAILED',
        );
        expect(error.errors[0]?.field).toBe('/password');
      },
    );

    it('leaves the link usable after a refused password', async () => {
      const { ctx } = world();
      const invited = await inviteAccount(ctx, invitation());
      await refused(
        acceptInvitation(ctx, { secret: secretOf(invited), password: 'short', client: CLIENT }),
        'VALIDATION_FAILED',
      );
      const accepted = await acceptInvitation(ctx, { secret: secretOf(invited), password: PASSWORD, client: CLIENT });
      expect(accepted.account.id).toBe(invited.account.id);
    });

    it('lets exactly one of two concurrent acceptances of the same link win', async () => {
      const { ctx } = world();
      const invited = await inviteAccount(ctx, invitation());
      const passwords = [`${PASSWORD} first`, `${PASSWORD} second`] as const;
      const outcomes = await Promise.allSettled(
        passwords.map((password) => acceptInvitation(ctx, { secret: secretOf(invited), password, client: CLIENT })),
      );
      const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toMatchObject({ code: 'INVITATION_INVALID' });

      const row = await accountRow(ctx.db, invited.account.id);
      expect(await verifyPassword(row.password_hash, passwords[won[0]!]!)).toBe(true);
      expect(await sessionsOf(ctx.db, invited.account.id)).toHaveLength(1);
      expect((await auditActions(ctx.db)).filter((a) => a === 'account.invitation-accepted')).toHaveLength(1);
    });
  });

  describe('the invitation e-mail', () => {
    it('sends the link once and then removes its secret from the job', async () => {
      const { ctx } = world();
      const invited = await inviteAccount(ctx, invitation());
      const secret = secretOf(invited);
      const [job] = await invitationJobs(ctx.db);
      // The secret waits for the e-mail sealed with the server key: never in clear in the database.
      expect(job!.payload).toMatchObject({ accountId: invited.account.id, sealedSecret: expect.any(String) });
      expect(JSON.stringify(job!.payload)).not.toContain(secret);

      const transport = memoryTransport();
      const handlers = createJobHandlers(ctx, { transport, from: 'Assent <no-reply@assent.test>', baseUrl: BASE_URL });
      const result = await handlers.invitation!(job!);
      expect(result).toMatchObject({ to: 'fp@msit.kr.test', messageId: 'x' });
      expect(transport.sent).toHaveLength(1);
      expect(transport.sent[0]).toMatchObject({ to: 'fp@msit.kr.test', reference: job!.id });
      // The link opens the invitation page in the language of the account.
      expect(transport.sent[0]!.text).toContain(`${BASE_URL}/en/invitations/${secret}`);

      const after = (await findJob(ctx.db, job!.id))!;
      expect(after.payload).not.toHaveProperty('sealedSecret');
      expect(JSON.stringify(await identitySnapshot(ctx.db))).not.toContain(secret);

      // Running the job again (a retry after a crash) sends nothing: the secret is gone.
      await handlers.invitation!(after);
      expect(transport.sent).toHaveLength(1);
    });

    it('states when the link really expires, even when the e-mail leaves an hour after the invitation', async () => {
      const { ctx, clock } = world();
      const invited = await inviteAccount(ctx, invitation());
      const [job] = await invitationJobs(ctx.db);
      clock.advance(3_600_000); // the mail server was down; the worker retried
      const transport = memoryTransport();
      await createJobHandlers(ctx, { transport, from: 'Assent <no-reply@assent.test>', baseUrl: BASE_URL }).invitation!(
        job!,
      );
      // The invitation's own expiry, in words (an hour after it the worker would say 09:00).
      expect(new Date(invited.expiresAt).toISOString()).toBe('2023-04-04T08:00:00.000Z');
      expect(transport.sent[0]!.text).toContain('expires on 4 April 2023 at 08:00 UTC');
    });

    it('sends nothing for an account disabled before the job ran', async () => {
      const { ctx } = world();
      const invited = await inviteAccount(ctx, invitation());
      const [job] = await invitationJobs(ctx.db);
      await setAccountDisabled(ctx, { actor: SECRETARIAT, accountId: invited.account.id, disabled: true });
      const transport = memoryTransport();
      await createJobHandlers(ctx, { transport, from: 'Assent <no-reply@assent.test>', baseUrl: BASE_URL }).invitation!(
        job!,
      );
      expect(transport.sent).toHaveLength(0);
    });
  });
});
