import { describe, expect, it } from 'vitest';
import { findJob } from '../../src/repositories/job.repository.js';
import { setAccountDisabled } from '../../src/services/identity/accounts.js';
import { resetAuthenticator } from '../../src/services/identity/authenticator-reset.js';
import { checkPasswordReset, requestPasswordReset, resetPassword } from '../../src/services/identity/password-reset.js';
import { verifyPassword } from '../../src/services/identity/passwords.js';
import { hashSecret } from '../../src/services/identity/secrets.js';
import {
  resolveSession,
  signInWithPassword,
  verifySecondFactor,
  type Client,
} from '../../src/services/identity/sign-in.js';
import { totpCode } from '../../src/services/identity/totp.js';
import type { ServiceContext } from '../../src/services/service-context.js';
import { describeEachDialect } from '../helpers/databases.js';
import { SECRETARIAT, useWorld } from '../helpers/world.js';
import {
  CLIENT,
  PASSWORD,
  STEP_MS,
  acceptedAccount,
  accountRow,
  auditActions,
  deliverMail,
  enrolledAccount,
  identitySnapshot,
  invite,
  linkIn,
  refused,
  refusedUnchanged,
  sessionsOf,
  throttleRow,
  wrongCode,
} from './identity-harness.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const NEW_PASSWORD = 'A brand new passphrase 2023';

/** Asks for a link for `email` and returns the secret the e-mail carries. */
async function mailedSecret(ctx: ServiceContext, email: string, client: Client = CLIENT): Promise<string> {
  await requestPasswordReset(ctx, { email, client });
  const mails = await deliverMail(ctx);
  expect(mails.map((m) => m.to)).toEqual([email]);
  return linkIn(mails[0]!, 'password-reset').secret;
}

/** The audit rows of the requests, oldest first. */
async function requestRows(ctx: ServiceContext) {
  const rows = await ctx.db
    .selectFrom('audit_event')
    .select(['subject', 'data'])
    .where('action', '=', 'account.password-reset-requested')
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ subject: r.subject, data: JSON.parse(r.data) as Record<string, unknown> }));
}

describeEachDialect('password reset', (dialect) => {
  const world = useWorld(dialect);

  describe('asking for a link', () => {
    it('stores only a hash of a single-use link valid for an hour, and e-mails it (sealed until sent) in the account language', async () => {
      const { ctx, clock } = world();
      const { account } = await enrolledAccount(ctx, { email: 'fp@msit.kr.test' });
      await ctx.db.updateTable('account').set({ language: 'fr' }).where('id', '=', account.id).execute();
      await requestPasswordReset(ctx, { email: '  FP@msit.KR.test ', client: CLIENT });

      const [reset] = await ctx.db.selectFrom('password_reset').selectAll().execute();
      expect(reset).toMatchObject({ account_id: account.id, used_at: null, revoked_at: null });
      expect(Number(reset!.expires_at)).toBe(clock.now() + HOUR_MS);
      const job = (await findJob(ctx.db, `password-reset:${reset!.id}`))!;
      expect(job.payload).toMatchObject({
        accountId: account.id,
        resetId: reset!.id,
        sealedSecret: expect.any(String),
      });

      const mails = await deliverMail(ctx);
      expect(mails).toHaveLength(1);
      const { secret, locale } = linkIn(mails[0]!, 'password-reset');
      expect(locale).toBe('fr');
      expect(mails[0]!.subject).toBe('Votre mot de passe Assent : choisissez-en un nouveau');
      expect(mails[0]!.text).toContain('expire le 28 mars 2023 à 09:00 UTC');
      expect(reset!.token_hash).toBe(hashSecret(secret));
      // Once sent, the secret is nowhere in the database: neither in the job nor in the audit trail.
      expect((await findJob(ctx.db, job.id))!.payload).not.toHaveProperty('sealedSecret');
      expect(JSON.stringify(await identitySnapshot(ctx.db))).not.toContain(secret);
      expect(await requestRows(ctx)).toEqual([
        {
          subject: `account:${account.id}`,
          data: { mailed: true, expiresAt: '2023-03-28T09:00:00.000Z', ip: CLIENT.ip },
        },
      ]);
    });

    it('replaces the open link with each new request, and sends nothing for a link replaced before its e-mail went out', async () => {
      const { ctx } = world();
      const { email } = await enrolledAccount(ctx);
      const first = await mailedSecret(ctx, email);
      await requestPasswordReset(ctx, { email, client: CLIENT });
      await requestPasswordReset(ctx, { email, client: CLIENT });
      const mails = await deliverMail(ctx);
      expect(mails).toHaveLength(1);
      const rows = await ctx.db.selectFrom('password_reset').select(['used_at', 'revoked_at']).execute();
      expect(rows.filter((r) => r.revoked_at === null && r.used_at === null)).toHaveLength(1);
      expect(await checkPasswordReset(ctx, first)).toEqual({ usable: false });
      expect(await checkPasswordReset(ctx, linkIn(mails[0]!, 'password-reset').secret)).toMatchObject({
        usable: true,
        needsCode: true,
      });
    });

    it('sends no link to an account disabled before its e-mail went, and removes the link’s sealed secret from the job', async () => {
      const { ctx } = world();
      const { email, account } = await enrolledAccount(ctx);
      await deliverMail(ctx);
      await requestPasswordReset(ctx, { email, client: CLIENT });
      await setAccountDisabled(ctx, { actor: SECRETARIAT, accountId: account.id, disabled: true });
      expect(await deliverMail(ctx)).toEqual([]);
      const jobs = await ctx.db.selectFrom('job').select(['payload']).where('kind', '=', 'password-reset').execute();
      expect(jobs).toHaveLength(1);
      const payload = jobs[0]!.payload as unknown;
      expect(typeof payload === 'string' ? payload : JSON.stringify(payload)).not.toContain('sealedSecret');
    });

    it('answers an unknown address, a disabled account, an invitation not accepted and an authenticator still to enrol the same way, and sends none of them a link', async () => {
      const { ctx } = world();
      const disabled = await enrolledAccount(ctx, { email: 'disabled@msit.kr.test' });
      await setAccountDisabled(ctx, { actor: SECRETARIAT, accountId: disabled.account.id, disabled: true });
      await invite(ctx, { email: 'invited@msit.kr.test' });
      await acceptedAccount(ctx, { email: 'half-enrolled@msit.kr.test', role: 'secretariat_staff' });
      await deliverMail(ctx); // the invitations
      const addresses = [
        'nobody@nowhere.test',
        'disabled@msit.kr.test',
        'invited@msit.kr.test',
        'half-enrolled@msit.kr.test',
      ];
      for (const email of addresses)
        expect(await requestPasswordReset(ctx, { email, client: CLIENT }), email).toBeUndefined();
      expect(await ctx.db.selectFrom('password_reset').selectAll().execute()).toEqual([]);
      expect(await deliverMail(ctx)).toEqual([]);
      const rows = await requestRows(ctx);
      expect(rows.map((r) => r.data.mailed)).toEqual([false, false, false, false]);
      expect(rows[0]!.subject).toBe('email:nobody@nowhere.test');
    });

    it('sends a link to an observer who has no authenticator (their password is their only factor)', async () => {
      const { ctx } = world();
      const { email } = await acceptedAccount(ctx, { role: 'observer' });
      await deliverMail(ctx);
      const secret = await mailedSecret(ctx, email);
      expect(await checkPasswordReset(ctx, secret)).toMatchObject({ usable: true, needsCode: false });
    });

    it('takes 3 requests per e-mail address an hour, whether or not it has an account, then RATE_LIMITED until the hour is over', async () => {
      const { ctx, clock } = world();
      const { email } = await enrolledAccount(ctx);
      for (const address of [email, 'nobody@nowhere.test']) {
        for (let i = 0; i < 3; i += 1) await requestPasswordReset(ctx, { email: address, client: CLIENT });
        await refused(requestPasswordReset(ctx, { email: address, client: CLIENT }), 'RATE_LIMITED');
        // From another network too: the count is the address's.
        await refused(requestPasswordReset(ctx, { email: address, client: { ip: '203.0.113.50' } }), 'RATE_LIMITED');
      }
      const links = await ctx.db.selectFrom('password_reset').select('id').execute();
      expect(links).toHaveLength(3);
      clock.advance(HOUR_MS);
      await requestPasswordReset(ctx, { email, client: CLIENT });
      expect(await ctx.db.selectFrom('password_reset').select('id').execute()).toHaveLength(4);
    });

    it('takes 20 requests per client address an hour, then RATE_LIMITED; another client is not affected', async () => {
      const { ctx } = world();
      const { email } = await enrolledAccount(ctx);
      const attacker: Client = { ip: '192.0.2.66' };
      for (let i = 0; i < 20; i += 1)
        await requestPasswordReset(ctx, { email: `guess${i}@ministry.test`, client: attacker });
      await refused(requestPasswordReset(ctx, { email, client: attacker }), 'RATE_LIMITED');
      expect(await throttleRow(ctx.db, 'reset-request:ip:192.0.2.66')).toMatchObject({ failures: 21 });
      await requestPasswordReset(ctx, { email, client: CLIENT });
      expect(await ctx.db.selectFrom('password_reset').select('id').execute()).toHaveLength(1);
    });

    it('refuses an empty address (VALIDATION_FAILED at /email) and counts nothing', async () => {
      const { ctx } = world();
      const error = await refusedUnchanged(
        ctx.db,
        () => requestPasswordReset(ctx, { email: '   ', client: CLIENT }),
        'VALIDATION_FAILED',
      );
      expect(error.errors.map((e) => e.field)).toEqual(['/email']);
    });
  });

  describe('using the link', () => {
    it('needs the new password and a current code; then ends every session, uses the link, and signs the person in', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx, { email: 'fp@msit.kr.test' });
      clock.advance(STEP_MS);
      const other = await signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: CLIENT });
      expect(await sessionsOf(ctx.db, person.account.id)).toHaveLength(2);
      const secret = await mailedSecret(ctx, person.email);

      clock.advance(STEP_MS);
      const grant = await resetPassword(ctx, {
        secret,
        password: NEW_PASSWORD,
        code: totpCode(person.seed, clock.now()),
        client: CLIENT,
      });
      const row = await accountRow(ctx.db, person.account.id);
      expect(await verifyPassword(row.password_hash, NEW_PASSWORD)).toBe(true);
      expect(await verifyPassword(row.password_hash, PASSWORD)).toBe(false);
      const sessions = await sessionsOf(ctx.db, person.account.id);
      expect(sessions.map((s) => s.id)).toEqual([hashSecret(grant.sessionSecret)]);
      await refused(resolveSession(ctx, person.sessionSecret), 'SESSION_EXPIRED');
      await refused(resolveSession(ctx, other.sessionSecret), 'SESSION_EXPIRED');
      expect((await resolveSession(ctx, grant.sessionSecret)).verified).toBe(true);
      const [link] = await ctx.db.selectFrom('password_reset').selectAll().execute();
      expect(Number(link!.used_at)).toBe(clock.now());

      const audit = await ctx.db
        .selectFrom('audit_event')
        .select(['actor', 'subject', 'data'])
        .where('action', '=', 'account.password-reset')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor: `account:${person.account.id}`,
        subject: `account:${person.account.id}`,
      });
      expect(JSON.parse(audit[0]!.data)).toEqual({ reset: link!.id, secondFactor: 'totp', sessionsEnded: 2 });
      expect(JSON.stringify(await identitySnapshot(ctx.db))).not.toContain(NEW_PASSWORD);

      // The new password signs in, with the authenticator's next code.
      clock.advance(STEP_MS);
      expect(
        (await signInWithPassword(ctx, { email: person.email, password: NEW_PASSWORD, client: CLIENT })).next,
      ).toBe('verify');
      await refused(
        resetPassword(ctx, {
          secret,
          password: `${NEW_PASSWORD}!`,
          code: totpCode(person.seed, clock.now()),
          client: CLIENT,
        }),
        'PASSWORD_RESET_INVALID',
      );
    });

    it('refuses without a code (VALIDATION_FAILED at /code), with every problem at once, and changes nothing', async () => {
      const { ctx } = world();
      const person = await enrolledAccount(ctx);
      const secret = await mailedSecret(ctx, person.email);
      const missing = await refusedUnchanged(
        ctx.db,
        () => resetPassword(ctx, { secret, password: NEW_PASSWORD, client: CLIENT }),
        'VALIDATION_FAILED',
      );
      expect(missing.errors.map((e) => e.field)).toEqual(['/code']);
      const both = await refusedUnchanged(
        ctx.db,
        () => resetPassword(ctx, { secret, password: 'short', code: ' ', client: CLIENT }),
        'VALIDATION_FAILED',
      );
      expect(both.errors.map((e) => [e.field, e.code])).toEqual([
        ['/password', 'PASSWORD_TOO_SHORT'],
        ['/code', undefined],
      ]);
    });

    it('refuses a wrong code (INVALID_SECOND_FACTOR at /code): the password unchanged, the link still usable, the failure counted and audited', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      const secret = await mailedSecret(ctx, person.email);
      clock.advance(STEP_MS);
      const before = await accountRow(ctx.db, person.account.id);
      const error = await refused(
        resetPassword(ctx, {
          secret,
          password: NEW_PASSWORD,
          code: wrongCode(person.seed, clock.now()),
          client: CLIENT,
        }),
        'INVALID_SECOND_FACTOR',
      );
      expect(error.errors.map((e) => e.field)).toEqual(['/code']);
      expect(await accountRow(ctx.db, person.account.id)).toEqual(before);
      expect(await checkPasswordReset(ctx, secret)).toMatchObject({ usable: true });
      expect(await throttleRow(ctx.db, `second-factor:${person.account.id}`)).toMatchObject({ failures: 1 });
      expect((await auditActions(ctx.db)).at(-1)).toBe('2fa.failed');
      // The code already spent at enrolment (the same time step) is refused too: no replay.
      await refused(
        resetPassword(ctx, {
          secret,
          password: NEW_PASSWORD,
          code: totpCode(person.seed, clock.now() - STEP_MS),
          client: CLIENT,
        }),
        'INVALID_SECOND_FACTOR',
      );
      await resetPassword(ctx, {
        secret,
        password: NEW_PASSWORD,
        code: totpCode(person.seed, clock.now()),
        client: CLIENT,
      });
      // The success clears the count.
      expect(await throttleRow(ctx.db, `second-factor:${person.account.id}`)).toBeUndefined();
    });

    it('shares the second factor lock with signing in: 5 wrong codes lock both, even with the right code', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      const secret = await mailedSecret(ctx, person.email);
      clock.advance(STEP_MS);
      for (let i = 0; i < 5; i += 1)
        await refused(
          resetPassword(ctx, {
            secret,
            password: NEW_PASSWORD,
            code: wrongCode(person.seed, clock.now()),
            client: CLIENT,
          }),
          'INVALID_SECOND_FACTOR',
        );
      await refused(
        resetPassword(ctx, {
          secret,
          password: NEW_PASSWORD,
          code: totpCode(person.seed, clock.now()),
          client: CLIENT,
        }),
        'LOGIN_LOCKED',
      );
      const pending = await signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: CLIENT });
      await refused(
        verifySecondFactor(ctx, {
          sessionSecret: pending.sessionSecret,
          code: totpCode(person.seed, clock.now()),
          client: CLIENT,
        }),
        'LOGIN_LOCKED',
      );
    });

    it('takes a recovery code instead, once', async () => {
      const { ctx } = world();
      const person = await enrolledAccount(ctx);
      const [code] = person.recoveryCodes;
      await resetPassword(ctx, {
        secret: await mailedSecret(ctx, person.email),
        password: NEW_PASSWORD,
        code: ` ${code!.toUpperCase()} `,
        client: CLIENT,
      });
      const audit = await ctx.db
        .selectFrom('audit_event')
        .select('data')
        .where('action', '=', 'account.password-reset')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.data)).toMatchObject({ secondFactor: 'recovery' });
      await refused(
        resetPassword(ctx, {
          secret: await mailedSecret(ctx, person.email),
          password: `${NEW_PASSWORD} again`,
          code: code!,
          client: CLIENT,
        }),
        'INVALID_SECOND_FACTOR',
      );
    });

    it('asks an observer without an authenticator for no code', async () => {
      const { ctx } = world();
      const { email, account } = await acceptedAccount(ctx, { role: 'observer' });
      await deliverMail(ctx);
      const grant = await resetPassword(ctx, {
        secret: await mailedSecret(ctx, email),
        password: NEW_PASSWORD,
        client: CLIENT,
      });
      expect((await resolveSession(ctx, grant.sessionSecret)).verified).toBe(true);
      expect(await verifyPassword((await accountRow(ctx.db, account.id)).password_hash, NEW_PASSWORD)).toBe(true);
    });

    const weak: readonly [string, string][] = [
      ['11 characters', 'abcdefghijk'],
      ['the e-mail address', 'fp@msit.kr.test'],
      ['one repeated character', 'xxxxxxxxxxxxxxxx'],
    ];
    it.each(weak)(
      'refuses a password of %s (VALIDATION_FAILED at /password) without spending the code, and changes nothing',
      async (_name, password) => {
        const { ctx, clock } = world();
        const person = await enrolledAccount(ctx, { email: 'fp@msit.kr.test' });
        const secret = await mailedSecret(ctx, person.email);
        clock.advance(STEP_MS);
        const code = totpCode(person.seed, clock.now());
        const error = await refusedUnchanged(
          ctx.db,
          () => resetPassword(ctx, { secret, password, code, client: CLIENT }),
          'VALIDATION_FAILED',
        );
        expect(error.errors.map((e) => e.field)).toEqual(['/password']);
        await resetPassword(ctx, { secret, password: NEW_PASSWORD, code, client: CLIENT });
      },
    );

    it('works until its hour is over: 1 ms before it is accepted, at the hour it is refused (PASSWORD_RESET_INVALID)', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      const requestedAt = clock.now();
      const secret = await mailedSecret(ctx, person.email);
      clock.set(requestedAt + HOUR_MS);
      expect(await checkPasswordReset(ctx, secret)).toEqual({ usable: false });
      await refusedUnchanged(
        ctx.db,
        () =>
          resetPassword(ctx, {
            secret,
            password: NEW_PASSWORD,
            code: totpCode(person.seed, clock.now()),
            client: CLIENT,
          }),
        'PASSWORD_RESET_INVALID',
      );
      clock.set(requestedAt + HOUR_MS - 1);
      await resetPassword(ctx, {
        secret,
        password: NEW_PASSWORD,
        code: totpCode(person.seed, clock.now()),
        client: CLIENT,
      });
    });

    it('refuses an unknown link, and the link of an account disabled or whose authenticator was reset since', async () => {
      const { ctx, clock } = world();
      await refusedUnchanged(
        ctx.db,
        () => resetPassword(ctx, { secret: 'not-a-link-anyone-was-given', password: NEW_PASSWORD, client: CLIENT }),
        'PASSWORD_RESET_INVALID',
      );
      const disabled = await enrolledAccount(ctx, { email: 'one@msit.kr.test' });
      const reset = await enrolledAccount(ctx, { email: 'two@msit.kr.test', memberState: 'FR' });
      const disabledLink = await mailedSecret(ctx, disabled.email);
      const resetLink = await mailedSecret(ctx, reset.email);
      await setAccountDisabled(ctx, { actor: SECRETARIAT, accountId: disabled.account.id, disabled: true });
      await resetAuthenticator(ctx, { actor: SECRETARIAT, accountId: reset.account.id, reason: 'Lost phone' });
      clock.advance(STEP_MS);
      for (const [secret, seed] of [
        [disabledLink, disabled.seed],
        [resetLink, reset.seed],
      ] as const)
        await refusedUnchanged(
          ctx.db,
          () =>
            resetPassword(ctx, { secret, password: NEW_PASSWORD, code: totpCode(seed, clock.now()), client: CLIENT }),
          'PASSWORD_RESET_INVALID',
        );
    });

    it('lets exactly one of two concurrent uses of the link win', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      const secret = await mailedSecret(ctx, person.email);
      clock.advance(STEP_MS);
      const code = totpCode(person.seed, clock.now());
      const passwords = [`${NEW_PASSWORD} first`, `${NEW_PASSWORD} second`] as const;
      const outcomes = await Promise.allSettled(
        passwords.map((password) => resetPassword(ctx, { secret, password, code, client: CLIENT })),
      );
      const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(['PASSWORD_RESET_INVALID', 'INVALID_SECOND_FACTOR']).toContain(lost.reason.code);
      const row = await accountRow(ctx.db, person.account.id);
      expect(await verifyPassword(row.password_hash, passwords[won[0]!]!)).toBe(true);
      expect((await auditActions(ctx.db)).filter((a) => a === 'account.password-reset')).toHaveLength(1);
    });

    it('lifts the sign-in lock of the account: the owner proved the mailbox and the second factor', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      for (let i = 0; i < 5; i += 1)
        await refused(
          signInWithPassword(ctx, { email: person.email, password: `wrong ${i} password`, client: CLIENT }),
          'INVALID_CREDENTIALS',
        );
      await refused(
        signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: CLIENT }),
        'LOGIN_LOCKED',
      );
      const secret = await mailedSecret(ctx, person.email);
      clock.advance(STEP_MS);
      await resetPassword(ctx, {
        secret,
        password: NEW_PASSWORD,
        code: totpCode(person.seed, clock.now()),
        client: CLIENT,
      });
      expect(await throttleRow(ctx.db, `account:${person.email}`)).toBeUndefined();
      expect(
        (await signInWithPassword(ctx, { email: person.email, password: NEW_PASSWORD, client: CLIENT })).next,
      ).toBe('verify');
    });
  });
});
