import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/policy/actor.js';
import { findJob } from '../../src/repositories/job.repository.js';
import { countUnusedRecoveryCodes } from '../../src/repositories/identity-misc.repository.js';
import { setAccountDisabled } from '../../src/services/identity/accounts.js';
import { acceptAuthenticatorLink, resetAuthenticator } from '../../src/services/identity/authenticator-reset.js';
import { requestPasswordReset } from '../../src/services/identity/password-reset.js';
import { hashSecret } from '../../src/services/identity/secrets.js';
import {
  acceptInvitation,
  checkInvitation,
  enrollmentSeed,
  resolveSession,
  signInWithPassword,
  verifySecondFactor,
} from '../../src/services/identity/sign-in.js';
import { totpCode } from '../../src/services/identity/totp.js';
import type { ServiceContext } from '../../src/services/service-context.js';
import { describeEachDialect } from '../helpers/databases.js';
import { OBSERVER, PUBLIC, SECRETARIAT, focalPoint, useWorld } from '../helpers/world.js';
import {
  CLIENT,
  PASSWORD,
  STAFF,
  STEP_MS,
  acceptedAccount,
  accountRow,
  auditActions,
  deliverMail,
  enrolledAccount,
  invite,
  linkIn,
  refused,
  refusedUnchanged,
  secretOf,
  sessionsOf,
  throttleRow,
  wrongCode,
} from './identity-harness.js';

const DAY_MS = 86_400_000;
const REASON = 'Lost phone; identity checked by telephone';

/** Resets the authenticator as the secretariat and returns the secret of the link the e-mail carries. */
async function resetAndMail(ctx: ServiceContext, accountId: string): Promise<string> {
  await resetAuthenticator(ctx, { actor: SECRETARIAT, accountId, reason: REASON });
  const mails = await deliverMail(ctx);
  expect(mails).toHaveLength(1);
  return linkIn(mails.at(-1)!, 'invitations').secret;
}

describeEachDialect('authenticator reset', (dialect) => {
  const world = useWorld(dialect);

  describe('by the administrator', () => {
    it('clears the key and the recovery codes, ends every session, revokes open links, audits the reason and who, and e-mails a link', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx, { email: 'fp@msit.kr.test' });
      await deliverMail(ctx); // the invitation's
      await requestPasswordReset(ctx, { email: person.email, client: CLIENT });
      const reset = await resetAuthenticator(ctx, {
        actor: SECRETARIAT,
        accountId: person.account.id,
        reason: ` ${REASON} `,
      });

      expect(reset.account).toMatchObject({
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        authenticatorResetAt: clock.now(),
      });
      expect(reset.expiresAt).toBe(clock.now() + 7 * DAY_MS);
      expect(await countUnusedRecoveryCodes(ctx.db, person.account.id)).toBe(0);
      expect(await sessionsOf(ctx.db, person.account.id)).toEqual([]);
      await refused(resolveSession(ctx, person.sessionSecret), 'SESSION_EXPIRED');
      const resets = await ctx.db.selectFrom('password_reset').select('revoked_at').execute();
      expect(resets.map((r) => Number(r.revoked_at))).toEqual([clock.now()]);
      const invitations = await ctx.db
        .selectFrom('invitation')
        .select(['purpose', 'used_at', 'revoked_at', 'token_hash', 'created_by'])
        .orderBy('created_at')
        .execute();
      expect(invitations.map((i) => i.purpose)).toEqual(['account', 'authenticator']);
      expect(invitations[1]).toMatchObject({ used_at: null, revoked_at: null, created_by: SECRETARIAT.id });
      const secret = reset.enrolmentPath.replace('/invitations/', '');
      expect(invitations[1]!.token_hash).toBe(hashSecret(secret));

      const audit = await ctx.db
        .selectFrom('audit_event')
        .select(['actor', 'subject', 'data'])
        .where('action', '=', 'account.authenticator-reset')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: SECRETARIAT.id, subject: `account:${person.account.id}` });
      expect(JSON.parse(audit[0]!.data)).toEqual({
        email: 'fp@msit.kr.test',
        reason: REASON,
        sessionsEnded: 1,
        expiresAt: '2023-04-04T08:00:00.000Z',
      });
      expect(await checkInvitation(ctx, secret)).toMatchObject({ usable: true, purpose: 'authenticator' });

      // The e-mail is the reset's (not an invitation's), with the same link, and its secret leaves the job once sent.
      const mails = await deliverMail(ctx);
      expect(mails.map((m) => [m.to, m.subject])).toEqual([
        ['fp@msit.kr.test', 'Your Assent account: set up a new authenticator app'],
      ]);
      expect(linkIn(mails[0]!, 'invitations').secret).toBe(secret);
      expect(mails[0]!.text).toContain('Your password is unchanged');
      expect(mails[0]!.text).toContain('expires on 4 April 2023 at 08:00 UTC');
      const job = await ctx.db
        .selectFrom('job')
        .select('id')
        .where('kind', '=', 'invitation')
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      expect((await findJob(ctx.db, job.id))!.payload).not.toHaveProperty('sealedSecret');
    });

    const outsiders: readonly [string, Actor, 'FORBIDDEN' | 'UNAUTHENTICATED'][] = [
      ['secretariat staff', STAFF, 'FORBIDDEN'],
      ['a focal point', focalPoint('KR'), 'FORBIDDEN'],
      ['an observer', OBSERVER, 'FORBIDDEN'],
      ['the public', PUBLIC, 'UNAUTHENTICATED'],
    ];
    it.each(outsiders)(
      'lets only administrators reset: %s gets %s, and nothing changes',
      async (_name, actor, code) => {
        const { ctx } = world();
        const person = await enrolledAccount(ctx);
        await refusedUnchanged(
          ctx.db,
          () => resetAuthenticator(ctx, { actor, accountId: person.account.id, reason: REASON }),
          code,
        );
      },
    );

    it.each([
      ['empty', '  ', undefined],
      ['longer than 500 characters', 'x'.repeat(501), 'TEXT_TOO_LONG'],
      ['on two lines', 'Lost phone\nchecked', undefined],
      // What the API's schema refuses (a Line), the service refuses from every door.
      ['with a tab', 'Lost\tphone', undefined],
      ['with a bidirectional override', 'Lost \u202Ephone', undefined],
    ])(
      'refuses a reason that is %s (VALIDATION_FAILED at /reason) and changes nothing',
      async (_name, reason, code) => {
        const { ctx } = world();
        const person = await enrolledAccount(ctx);
        const error = await refusedUnchanged(
          ctx.db,
          () => resetAuthenticator(ctx, { actor: SECRETARIAT, accountId: person.account.id, reason }),
          'VALIDATION_FAILED',
        );
        expect(error.errors.map((e) => [e.field, e.code])).toEqual([['/reason', code]]);
      },
    );

    it('refuses an unknown account (NOT_FOUND), and a disabled one, one that has not accepted its invitation or has no authenticator (CONFLICT)', async () => {
      const { ctx } = world();
      await refusedUnchanged(
        ctx.db,
        () => resetAuthenticator(ctx, { actor: SECRETARIAT, accountId: 'no-such-account', reason: REASON }),
        'NOT_FOUND',
      );
      const disabled = await enrolledAccount(ctx, { email: 'disabled@msit.kr.test' });
      await setAccountDisabled(ctx, { actor: SECRETARIAT, accountId: disabled.account.id, disabled: true });
      const invited = await invite(ctx, { email: 'invited@msit.kr.test' });
      const observer = await acceptedAccount(ctx, { role: 'observer' });
      for (const [accountId, code] of [
        [disabled.account.id, 'ACCOUNT_DISABLED'],
        [invited.account.id, 'INVITATION_NOT_ACCEPTED'],
        [observer.account.id, 'NO_AUTHENTICATOR'],
      ] as const) {
        const error = await refusedUnchanged(
          ctx.db,
          () => resetAuthenticator(ctx, { actor: SECRETARIAT, accountId, reason: REASON }),
          'CONFLICT',
        );
        // The reason travels as the problem's code, for a client and a page to word.
        expect(error.errors.map((e) => [e.field, e.code])).toEqual([['/accountId', code]]);
      }
    });

    it('refuses an administrator their own authenticator (CONFLICT), from whatever door: their second factor is not theirs to waive', async () => {
      const { ctx } = world();
      const admin = await enrolledAccount(ctx, { email: 'admin@tsb.test', role: 'secretariat_admin' });
      const error = await refusedUnchanged(
        ctx.db,
        () =>
          resetAuthenticator(ctx, {
            // As a personal token or a session of that administrator acts.
            actor: { kind: 'secretariat', id: `account:${admin.account.id}`, label: 'Admin', admin: true },
            accountId: admin.account.id,
            reason: REASON,
          }),
        'CONFLICT',
      );
      expect(error.message).toContain('may not reset their own authenticator');
      expect(error.errors.map((e) => e.code)).toEqual(['OWN_AUTHENTICATOR']);
      // Another administrator may.
      await resetAuthenticator(ctx, { actor: SECRETARIAT, accountId: admin.account.id, reason: REASON });
    });

    it('sends a new link when reset again before the first was used, and revokes the first', async () => {
      const { ctx } = world();
      const person = await enrolledAccount(ctx);
      await deliverMail(ctx);
      const first = await resetAndMail(ctx, person.account.id);
      const second = await resetAndMail(ctx, person.account.id);
      expect(await checkInvitation(ctx, first)).toEqual({ usable: false });
      expect(await checkInvitation(ctx, second)).toMatchObject({ usable: true, purpose: 'authenticator' });
    });
  });

  describe('while the reset is pending', () => {
    it('refuses the right password alone (AUTHENTICATOR_RESET_PENDING) without counting a failure, and e-mails no password reset link', async () => {
      const { ctx } = world();
      const person = await enrolledAccount(ctx);
      await deliverMail(ctx);
      await resetAndMail(ctx, person.account.id);
      for (let i = 0; i < 6; i += 1)
        await refused(
          signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: CLIENT }),
          'AUTHENTICATOR_RESET_PENDING',
        );
      expect(await throttleRow(ctx.db, `account:${person.email}`)).toBeUndefined();
      expect(await sessionsOf(ctx.db, person.account.id)).toEqual([]);
      expect((await auditActions(ctx.db)).at(-1)).toBe('login.authenticator-pending');
      // A wrong password is still a wrong password.
      await refused(
        signInWithPassword(ctx, { email: person.email, password: 'not the password at all', client: CLIENT }),
        'INVALID_CREDENTIALS',
      );
      await requestPasswordReset(ctx, { email: person.email, client: CLIENT });
      expect(await ctx.db.selectFrom('password_reset').selectAll().execute()).toEqual([]);
    });
  });

  describe('the link', () => {
    it('asks for the password, then the new authenticator; the reset ends and the old codes stop working', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      await deliverMail(ctx);
      const secret = await resetAndMail(ctx, person.account.id);

      const accepted = await acceptAuthenticatorLink(ctx, { secret, password: PASSWORD, client: CLIENT });
      expect(accepted.next).toBe('enroll');
      expect((await resolveSession(ctx, accepted.sessionSecret)).verified).toBe(false);
      // Open until the new authenticator is confirmed (below).
      expect(await checkInvitation(ctx, secret)).toMatchObject({ usable: true });
      expect((await auditActions(ctx.db)).at(-1)).toBe('account.authenticator-link-used');
      const { seed } = await enrollmentSeed(ctx, accepted.sessionSecret);
      expect(seed).not.toBe(person.seed);

      clock.advance(STEP_MS);
      // The old authenticator's code does not enrol the new one.
      await refused(
        verifySecondFactor(ctx, {
          sessionSecret: accepted.sessionSecret,
          code: wrongCode(seed, clock.now()),
          client: CLIENT,
        }),
        'INVALID_SECOND_FACTOR',
      );
      const enrolled = await verifySecondFactor(ctx, {
        sessionSecret: accepted.sessionSecret,
        code: totpCode(seed, clock.now()),
        client: CLIENT,
      });
      expect(enrolled.recoveryCodes).toHaveLength(10);
      // Confirmed: the link is closed.
      expect(await checkInvitation(ctx, secret)).toEqual({ usable: false });
      await refused(acceptAuthenticatorLink(ctx, { secret, password: PASSWORD, client: CLIENT }), 'INVITATION_INVALID');
      const row = await accountRow(ctx.db, person.account.id);
      expect(row.authenticator_reset_at).toBeNull();
      expect(Number(row.totp_enabled_at)).toBe(clock.now());
      expect(await countUnusedRecoveryCodes(ctx.db, person.account.id)).toBe(10);

      // Signing in works again, with the new authenticator only.
      clock.advance(STEP_MS);
      const pending = await signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: CLIENT });
      expect(pending.next).toBe('verify');
      if (totpCode(person.seed, clock.now()) !== totpCode(seed, clock.now()))
        await refused(
          verifySecondFactor(ctx, {
            sessionSecret: pending.sessionSecret,
            code: totpCode(person.seed, clock.now()),
            client: CLIENT,
          }),
          'INVALID_SECOND_FACTOR',
        );
      await refused(
        verifySecondFactor(ctx, {
          sessionSecret: pending.sessionSecret,
          code: person.recoveryCodes[0]!,
          client: CLIENT,
        }),
        'INVALID_SECOND_FACTOR',
      );
      clock.advance(STEP_MS);
      const second = await signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: CLIENT });
      await verifySecondFactor(ctx, {
        sessionSecret: second.sessionSecret,
        code: totpCode(seed, clock.now()),
        client: CLIENT,
      });
    });

    it('refuses a wrong password (INVALID_CREDENTIALS at /password), counted like a sign-in, and keeps the link', async () => {
      const { ctx } = world();
      const person = await enrolledAccount(ctx);
      await deliverMail(ctx);
      const secret = await resetAndMail(ctx, person.account.id);
      const error = await refused(
        acceptAuthenticatorLink(ctx, { secret, password: 'not the password at all', client: CLIENT }),
        'INVALID_CREDENTIALS',
      );
      expect(error.errors.map((e) => e.field)).toEqual(['/password']);
      expect(await throttleRow(ctx.db, `account:${person.email}`)).toMatchObject({ failures: 1 });
      expect(await checkInvitation(ctx, secret)).toMatchObject({ usable: true });
      for (let i = 0; i < 4; i += 1)
        await refused(
          acceptAuthenticatorLink(ctx, { secret, password: `wrong password ${i}`, client: CLIENT }),
          'INVALID_CREDENTIALS',
        );
      await refused(acceptAuthenticatorLink(ctx, { secret, password: PASSWORD, client: CLIENT }), 'LOGIN_LOCKED');
    });

    it('opens again while the new authenticator is not confirmed, with a new key: an enrolment session that ran out strands nobody', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      await deliverMail(ctx);
      const secret = await resetAndMail(ctx, person.account.id);
      const first = await acceptAuthenticatorLink(ctx, { secret, password: PASSWORD, client: CLIENT });
      const { seed: firstSeed } = await enrollmentSeed(ctx, first.sessionSecret);
      // The person is called away: the enrolment session (10 minutes) ends.
      clock.advance(11 * 60_000);
      await refused(resolveSession(ctx, first.sessionSecret), 'SESSION_EXPIRED');
      const again = await acceptAuthenticatorLink(ctx, { secret, password: PASSWORD, client: CLIENT });
      const { seed } = await enrollmentSeed(ctx, again.sessionSecret);
      expect(seed).not.toBe(firstSeed);
      clock.advance(STEP_MS);
      await verifySecondFactor(ctx, {
        sessionSecret: again.sessionSecret,
        code: totpCode(seed, clock.now()),
        client: CLIENT,
      });
      expect(await checkInvitation(ctx, secret)).toEqual({ usable: false });
    });

    it('works until confirmed, expires with the invitation lifetime, and is not an invitation (nor an invitation an authenticator link)', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      await deliverMail(ctx);
      const secret = await resetAndMail(ctx, person.account.id);
      await refusedUnchanged(
        ctx.db,
        () => acceptInvitation(ctx, { secret, password: 'a new password for me', client: CLIENT }),
        'INVITATION_INVALID',
      );
      const invited = await invite(ctx, { email: 'newcomer@msit.kr.test' });
      await refusedUnchanged(
        ctx.db,
        () => acceptAuthenticatorLink(ctx, { secret: secretOf(invited), password: PASSWORD, client: CLIENT }),
        'INVITATION_INVALID',
      );

      const resetAt = clock.now();
      clock.set(resetAt + 7 * DAY_MS);
      await refusedUnchanged(
        ctx.db,
        () => acceptAuthenticatorLink(ctx, { secret, password: PASSWORD, client: CLIENT }),
        'INVITATION_INVALID',
      );
      // Its last millisecond still opens it (as often as needed until the authenticator is confirmed).
      clock.set(resetAt + 7 * DAY_MS - 1);
      await acceptAuthenticatorLink(ctx, { secret, password: PASSWORD, client: CLIENT });
      await acceptAuthenticatorLink(ctx, { secret, password: PASSWORD, client: CLIENT });
    });

    it('is revoked when the account is disabled', async () => {
      const { ctx } = world();
      const person = await enrolledAccount(ctx);
      await deliverMail(ctx);
      const secret = await resetAndMail(ctx, person.account.id);
      await setAccountDisabled(ctx, { actor: SECRETARIAT, accountId: person.account.id, disabled: true });
      await setAccountDisabled(ctx, { actor: SECRETARIAT, accountId: person.account.id, disabled: false });
      await refusedUnchanged(
        ctx.db,
        () => acceptAuthenticatorLink(ctx, { secret, password: PASSWORD, client: CLIENT }),
        'INVITATION_INVALID',
      );
    });

    it('is written in the language of the account', async () => {
      const { ctx } = world();
      const person = await enrolledAccount(ctx);
      await deliverMail(ctx);
      await ctx.db.updateTable('account').set({ language: 'ar' }).where('id', '=', person.account.id).execute();
      await resetAuthenticator(ctx, { actor: SECRETARIAT, accountId: person.account.id, reason: REASON });
      const [mail] = await deliverMail(ctx);
      expect(mail!.subject).toBe('حسابكم في Assent: إعداد تطبيق استيقان جديد');
      expect(linkIn(mail!, 'invitations').locale).toBe('ar');
    });
  });
});
