import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import type { AccountRole } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/connect.js';
import { countUnusedRecoveryCodes } from '../../src/repositories/identity-misc.repository.js';
import { authenticateToken, createPersonalToken } from '../../src/services/api-tokens.js';
import { setAccountDisabled } from '../../src/services/identity/accounts.js';
import { ARGON2_PARAMS, needsRehash, verifyPassword } from '../../src/services/identity/passwords.js';
import { hashSecret } from '../../src/services/identity/secrets.js';
import {
  acceptInvitation,
  enrollmentSeed,
  mySessions,
  resolveSession,
  signInWithPassword,
  signOutOtherSessions,
  verifySecondFactor,
  type Client,
} from '../../src/services/identity/sign-in.js';
import { totpCode } from '../../src/services/identity/totp.js';
import { serviceContext, type ServiceContext } from '../../src/services/service-context.js';
import { describeEachDialect } from '../helpers/databases.js';
import { SECRETARIAT, useWorld } from '../helpers/world.js';
import {
  CLIENT,
  PASSWORD,
  STEP_MS,
  acceptedAccount,
  accountRow,
  auditActions,
  enrolledAccount,
  identitySnapshot,
  invite,
  refused,
  refusedUnchanged,
  secretOf,
  sessionsOf,
  throttleRow,
  wrongCode,
} from './identity-harness.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** The account lock after the 5th failure, and after the 6th (it doubles). */
const FIRST_LOCK_MS = 60_000;
const SECOND_LOCK_MS = 120_000;

describeEachDialect('signing in', (dialect) => {
  const world = useWorld(dialect);

  /** Signs in with the password; expects the second-factor step; returns the pending session. */
  async function passwordStep(ctx: ServiceContext, email: string, client: Client = CLIENT): Promise<string> {
    const grant = await signInWithPassword(ctx, { email, password: PASSWORD, client });
    expect(grant.next).toBe('verify');
    return grant.sessionSecret;
  }

  describe('the whole flow', () => {
    it('takes an invitee from the link to a verified session, rotating the session after each second factor', async () => {
      const { ctx, clock } = world();
      const invited = await invite(ctx, { email: 'fp@msit.kr.test' });
      const accepted = await acceptInvitation(ctx, { secret: secretOf(invited), password: PASSWORD, client: CLIENT });
      expect(accepted.next).toBe('enroll');
      expect((await resolveSession(ctx, accepted.sessionSecret)).verified).toBe(false);

      const { seed, uri } = await enrollmentSeed(ctx, accepted.sessionSecret);
      expect(uri).toMatch(/^otpauth:\/\/totp\/Assent:fp%40msit\.kr\.test\?/);
      expect(uri).toContain(`secret=${seed}`);

      const enrolled = await verifySecondFactor(ctx, {
        sessionSecret: accepted.sessionSecret,
        code: totpCode(seed, clock.now()),
        client: CLIENT,
      });
      expect(enrolled.next).toBe('done');
      expect(enrolled.sessionSecret).not.toBe(accepted.sessionSecret);
      const codes = enrolled.recoveryCodes!;
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      for (const code of codes) expect(code).toMatch(/^[2-9a-z]{5}-[2-9a-z]{5}$/);
      // Recovery codes are stored hashed.
      const stored = await ctx.db
        .selectFrom('recovery_code')
        .select('code_hash')
        .where('account_id', '=', invited.account.id)
        .execute();
      expect(stored).toHaveLength(10);
      expect(JSON.stringify(await identitySnapshot(ctx.db))).not.toContain(codes[0]!.replace('-', ''));

      await refused(resolveSession(ctx, accepted.sessionSecret), 'SESSION_EXPIRED');
      const verified = await resolveSession(ctx, enrolled.sessionSecret);
      expect(verified.verified).toBe(true);
      expect(verified.actor).toEqual({
        kind: 'focal_point',
        id: `account:${invited.account.id}`,
        label: invited.account.name,
        memberState: 'KR',
      });
      // The seed is shown while enrolling only.
      await refused(enrollmentSeed(ctx, enrolled.sessionSecret), 'INVALID_SECOND_FACTOR');

      clock.advance(MINUTE_MS);
      const signedIn = await signInWithPassword(ctx, { email: 'FP@msit.kr.test', password: PASSWORD, client: CLIENT });
      expect(signedIn.next).toBe('verify');
      expect((await resolveSession(ctx, signedIn.sessionSecret)).verified).toBe(false);
      const second = await verifySecondFactor(ctx, {
        sessionSecret: signedIn.sessionSecret,
        code: totpCode(seed, clock.now()),
        client: CLIENT,
      });
      expect(second.next).toBe('done');
      expect(second.recoveryCodes).toBeNull();
      await refused(resolveSession(ctx, signedIn.sessionSecret), 'SESSION_EXPIRED');
      expect((await resolveSession(ctx, second.sessionSecret)).verified).toBe(true);
      expect(
        new Set([accepted.sessionSecret, enrolled.sessionSecret, signedIn.sessionSecret, second.sessionSecret]).size,
      ).toBe(4);

      expect(await auditActions(ctx.db)).toEqual([
        'account.invited',
        'account.invitation-accepted',
        '2fa.enabled',
        'login.password',
        'login.2fa',
      ]);
    });

    it('lets an observer sign in without a second factor', async () => {
      const { ctx } = world();
      const observer = await acceptedAccount(ctx, { role: 'observer' });
      const grant = await signInWithPassword(ctx, { email: observer.email, password: PASSWORD, client: CLIENT });
      expect(grant.next).toBe('done');
      const resolved = await resolveSession(ctx, grant.sessionSecret);
      expect(resolved.verified).toBe(true);
      expect(resolved.actor.kind).toBe('observer');
    });

    it('asks an observer who enrolled an authenticator for its code', async () => {
      const { ctx } = world();
      const observer = await enrolledAccount(ctx, { role: 'observer' });
      const grant = await signInWithPassword(ctx, { email: observer.email, password: PASSWORD, client: CLIENT });
      expect(grant.next).toBe('verify');
    });

    const mustEnrol: readonly AccountRole[] = ['secretariat_admin', 'secretariat_staff', 'focal_point'];
    it.each(mustEnrol)(
      'sends a %s without an authenticator to enrol one, in a session that is not verified',
      async (role) => {
        const { ctx } = world();
        const person = await acceptedAccount(ctx, { role });
        const grant = await signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: CLIENT });
        expect(grant.next).toBe('enroll');
        expect((await resolveSession(ctx, grant.sessionSecret)).verified).toBe(false);
        expect((await enrollmentSeed(ctx, grant.sessionSecret)).seed).toMatch(/^[A-Z2-7]{32}$/);
      },
    );
  });

  describe('wrong credentials', () => {
    it('answers a wrong password, an unknown address and a disabled account with the same error', async () => {
      const { ctx } = world();
      const person = await acceptedAccount(ctx, { email: 'fp@msit.kr.test' });
      const disabled = await acceptedAccount(ctx, { email: 'former@msit.kr.test' });
      await setAccountDisabled(ctx, { actor: SECRETARIAT, accountId: disabled.account.id, disabled: true });
      const before = await identitySnapshot(ctx.db);

      const errors = [
        await refused(
          signInWithPassword(ctx, { email: person.email, password: `${PASSWORD}!`, client: CLIENT }),
          'INVALID_CREDENTIALS',
        ),
        await refused(
          signInWithPassword(ctx, { email: 'nobody@msit.kr.test', password: PASSWORD, client: CLIENT }),
          'INVALID_CREDENTIALS',
        ),
        await refused(
          signInWithPassword(ctx, { email: disabled.email, password: PASSWORD, client: CLIENT }),
          'INVALID_CREDENTIALS',
        ),
      ];
      expect(new Set(errors.map((e) => e.message)).size).toBe(1);
      expect(new Set(errors.map((e) => JSON.stringify(e.errors))).size).toBe(1);

      // Only the failure counters and the audit trail move: no session, no account change.
      const after = await identitySnapshot(ctx.db);
      expect(after.session).toEqual(before.session);
      expect(after.account).toEqual(before.account);
      expect(after.auditEvent.slice(before.auditEvent.length).map((e) => e.action)).toEqual([
        'login.failed',
        'login.failed',
        'login.failed',
      ]);
      expect(await throttleRow(ctx.db, `account:${person.email}`)).toEqual({ failures: 1, lockedUntil: null });
      expect(await throttleRow(ctx.db, `ip:${CLIENT.ip}`)).toEqual({ failures: 3, lockedUntil: null });
    });

    it('refuses an invited account that has not set a password yet (INVALID_CREDENTIALS)', async () => {
      const { ctx } = world();
      const invited = await invite(ctx);
      await refused(
        signInWithPassword(ctx, { email: invited.account.email, password: PASSWORD, client: CLIENT }),
        'INVALID_CREDENTIALS',
      );
      expect(await sessionsOf(ctx.db, invited.account.id)).toHaveLength(0);
    });
  });

  describe('the second factor', () => {
    it('refuses a replayed code within its time step (INVALID_SECOND_FACTOR) and keeps the session pending', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      // The code that enrolled the authenticator, at the same instant.
      const pending = await passwordStep(ctx, person.email);
      const before = await identitySnapshot(ctx.db);
      await refused(
        verifySecondFactor(ctx, { sessionSecret: pending, code: totpCode(person.seed, clock.now()), client: CLIENT }),
        'INVALID_SECOND_FACTOR',
      );
      const after = await identitySnapshot(ctx.db);
      expect(after.account).toEqual(before.account);
      expect(after.session).toEqual(before.session);
      expect((await resolveSession(ctx, pending)).verified).toBe(false);

      clock.advance(STEP_MS);
      const code = totpCode(person.seed, clock.now());
      const done = await verifySecondFactor(ctx, { sessionSecret: pending, code, client: CLIENT });
      expect(done.next).toBe('done');
      // …and the code of that step, once used, is refused too.
      const again = await passwordStep(ctx, person.email);
      await refused(verifySecondFactor(ctx, { sessionSecret: again, code, client: CLIENT }), 'INVALID_SECOND_FACTOR');
    });

    it('takes the same code sent twice at once (a double click) once: the other request finds the sign-in done, counted as no failure', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      clock.advance(STEP_MS);
      const pending = await passwordStep(ctx, person.email);
      const code = totpCode(person.seed, clock.now());
      const results = await Promise.allSettled([
        verifySecondFactor(ctx, { sessionSecret: pending, code, client: CLIENT }),
        verifySecondFactor(ctx, { sessionSecret: pending, code, client: CLIENT }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const [rejection] = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejection?.reason).toMatchObject({ code: 'SESSION_EXPIRED' });
      expect(await auditActions(ctx.db)).not.toContain('2fa.failed');
      expect((await throttleRow(ctx.db, `second-factor:${person.account.id}`))?.failures ?? 0).toBe(0);
    });

    it('refuses a code from two steps ago or two steps ahead', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      clock.advance(10 * STEP_MS);
      const pending = await passwordStep(ctx, person.email);
      await refused(
        verifySecondFactor(ctx, {
          sessionSecret: pending,
          code: totpCode(person.seed, clock.now() - 2 * STEP_MS),
          client: CLIENT,
        }),
        'INVALID_SECOND_FACTOR',
      );
      await refused(
        verifySecondFactor(ctx, {
          sessionSecret: pending,
          code: totpCode(person.seed, clock.now() + 2 * STEP_MS),
          client: CLIENT,
        }),
        'INVALID_SECOND_FACTOR',
      );
      expect((await resolveSession(ctx, pending)).verified).toBe(false);
    });

    it('accepts a code one step off either side (clock drift)', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      clock.advance(10 * STEP_MS);
      const behind = await verifySecondFactor(ctx, {
        sessionSecret: await passwordStep(ctx, person.email),
        code: totpCode(person.seed, clock.now() - STEP_MS),
        client: CLIENT,
      });
      expect(behind.next).toBe('done');
      const ahead = await verifySecondFactor(ctx, {
        sessionSecret: await passwordStep(ctx, person.email),
        code: totpCode(person.seed, clock.now() + STEP_MS),
        client: CLIENT,
      });
      expect(ahead.next).toBe('done');
    });

    it('accepts a recovery code once, whatever its case and hyphen', async () => {
      const { ctx } = world();
      const person = await enrolledAccount(ctx);
      const [first, second] = person.recoveryCodes;
      const shouted = first!.toUpperCase().replace('-', '');
      const used = await verifySecondFactor(ctx, {
        sessionSecret: await passwordStep(ctx, person.email),
        code: shouted,
        client: CLIENT,
      });
      expect(used.next).toBe('done');
      expect((await resolveSession(ctx, used.sessionSecret)).verified).toBe(true);
      expect(await countUnusedRecoveryCodes(ctx.db, person.account.id)).toBe(9);

      const pending = await passwordStep(ctx, person.email);
      await refused(
        verifySecondFactor(ctx, { sessionSecret: pending, code: first!, client: CLIENT }),
        'INVALID_SECOND_FACTOR',
      );
      const spaced = await verifySecondFactor(ctx, {
        sessionSecret: pending,
        code: ` ${second!.replace('-', ' ')} `,
        client: CLIENT,
      });
      expect(spaced.next).toBe('done');
      expect(await countUnusedRecoveryCodes(ctx.db, person.account.id)).toBe(8);
      expect((await auditActions(ctx.db)).filter((a) => a === 'login.recovery-code')).toHaveLength(2);
    });

    it('locks the second factor after 5 wrong codes, even for the right code, until the lock expires', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      clock.advance(STEP_MS);
      const pending = await passwordStep(ctx, person.email);
      for (let i = 0; i < 5; i += 1) {
        await refused(
          verifySecondFactor(ctx, {
            sessionSecret: pending,
            code: wrongCode(person.seed, clock.now()),
            client: CLIENT,
          }),
          'INVALID_SECOND_FACTOR',
        );
      }
      await refusedUnchanged(
        ctx.db,
        () =>
          verifySecondFactor(ctx, { sessionSecret: pending, code: totpCode(person.seed, clock.now()), client: CLIENT }),
        'LOGIN_LOCKED',
      );
      // Codes are counted on their own key: the password step only ever yields a session that still needs a code.
      expect(await throttleRow(ctx.db, `second-factor:${person.account.id}`)).toEqual({
        failures: 5,
        lockedUntil: clock.now() + FIRST_LOCK_MS,
      });

      clock.advance(FIRST_LOCK_MS);
      const done = await verifySecondFactor(ctx, {
        sessionSecret: pending,
        code: totpCode(person.seed, clock.now()),
        client: CLIENT,
      });
      expect(done.next).toBe('done');
      expect(await throttleRow(ctx.db, `second-factor:${person.account.id}`)).toBeUndefined();
    });

    it('keeps counting wrong codes when the password step is done again (5 in all lock the account)', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      clock.advance(STEP_MS);
      const first = await passwordStep(ctx, person.email);
      for (let i = 0; i < 4; i += 1) {
        await refused(
          verifySecondFactor(ctx, { sessionSecret: first, code: wrongCode(person.seed, clock.now()), client: CLIENT }),
          'INVALID_SECOND_FACTOR',
        );
      }
      // Someone who has the password but not the authenticator starts over, hoping for 4 fresh guesses.
      const second = await passwordStep(ctx, person.email);
      await refused(
        verifySecondFactor(ctx, { sessionSecret: second, code: wrongCode(person.seed, clock.now()), client: CLIENT }),
        'INVALID_SECOND_FACTOR',
      );
      await refused(
        verifySecondFactor(ctx, { sessionSecret: second, code: totpCode(person.seed, clock.now()), client: CLIENT }),
        'LOGIN_LOCKED',
      );
    });

    it('lets exactly one of two concurrent uses of the same code win', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      clock.advance(STEP_MS);
      const sessions = [await passwordStep(ctx, person.email), await passwordStep(ctx, person.email)];
      const code = totpCode(person.seed, clock.now());
      const outcomes = await Promise.allSettled(
        sessions.map((sessionSecret) => verifySecondFactor(ctx, { sessionSecret, code, client: CLIENT })),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({
        code: 'INVALID_SECOND_FACTOR',
      });
    });
  });

  describe('brute force', () => {
    it('locks an account after 5 wrong passwords, even against the right one and from another address', async () => {
      const { ctx, clock } = world();
      const person = await acceptedAccount(ctx);
      for (let i = 0; i < 5; i += 1) {
        await refused(
          signInWithPassword(ctx, { email: person.email, password: `wrong password ${i}`, client: CLIENT }),
          'INVALID_CREDENTIALS',
        );
      }
      expect(await throttleRow(ctx.db, `account:${person.email}`)).toEqual({
        failures: 5,
        lockedUntil: clock.now() + FIRST_LOCK_MS,
      });
      await refusedUnchanged(
        ctx.db,
        () => signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: CLIENT }),
        'LOGIN_LOCKED',
      );
      await refusedUnchanged(
        ctx.db,
        () =>
          signInWithPassword(ctx, {
            email: person.email.toUpperCase(),
            password: PASSWORD,
            client: { ip: '198.51.100.7' },
          }),
        'LOGIN_LOCKED',
      );
    });

    it('doubles the lock with each further failure, and lifts it when it expires', async () => {
      const { ctx, clock } = world();
      const person = await acceptedAccount(ctx);
      for (let i = 0; i < 5; i += 1)
        await refused(
          signInWithPassword(ctx, { email: person.email, password: 'wrong password', client: CLIENT }),
          'INVALID_CREDENTIALS',
        );

      clock.advance(FIRST_LOCK_MS - 1);
      await refused(
        signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: CLIENT }),
        'LOGIN_LOCKED',
      );
      clock.advance(1);
      // The first lock has expired; one more failure locks for twice as long.
      await refused(
        signInWithPassword(ctx, { email: person.email, password: 'wrong password', client: CLIENT }),
        'INVALID_CREDENTIALS',
      );
      const failedAt = clock.now();
      expect(await throttleRow(ctx.db, `account:${person.email}`)).toEqual({
        failures: 6,
        lockedUntil: failedAt + SECOND_LOCK_MS,
      });
      clock.set(failedAt + SECOND_LOCK_MS - 1);
      await refused(
        signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: CLIENT }),
        'LOGIN_LOCKED',
      );

      clock.set(failedAt + SECOND_LOCK_MS);
      const grant = await signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: CLIENT });
      expect(grant.next).toBe('enroll');
      // Success resets the account's counter.
      expect(await throttleRow(ctx.db, `account:${person.email}`)).toBeUndefined();
    });

    it('locks an address after 20 failures spread over several accounts', async () => {
      const { ctx } = world();
      const attacker: Client = { ip: '203.0.113.66' };
      const targets = await Promise.all([1, 2, 3, 4, 5].map((n) => invite(ctx, { email: `target${n}@msit.kr.test` })));
      for (const target of targets) {
        // 4 per account: no account reaches its own limit of 5.
        for (let i = 0; i < 4; i += 1)
          await refused(
            signInWithPassword(ctx, { email: target.account.email, password: 'guess', client: attacker }),
            'INVALID_CREDENTIALS',
          );
      }
      const person = await acceptedAccount(ctx, { email: 'victim@msit.kr.test' });
      await refusedUnchanged(
        ctx.db,
        () => signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: attacker }),
        'LOGIN_LOCKED',
      );
      expect((await throttleRow(ctx.db, `ip:${attacker.ip}`))?.failures).toBe(20);
      // The lock is the address's: the same account signs in from elsewhere.
      const grant = await signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: CLIENT });
      expect(grant.next).toBe('enroll');
    });

    it('counts every checked one of 10 concurrent wrong passwords, and no more than the threshold get checked', async () => {
      const { ctx } = world();
      const person = await acceptedAccount(ctx);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          signInWithPassword(ctx, { email: person.email, password: `wrong password ${i}`, client: CLIENT }),
        ),
      );
      expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
      // Attempts refused by the lock are not counted (they were not checked), so the count is exactly the threshold.
      expect((await throttleRow(ctx.db, `account:${person.email}`))?.failures).toBe(5);
    });

    it('checks at most 5 of 10 concurrent guesses against the password; the others are LOGIN_LOCKED', async () => {
      const { ctx } = world();
      const person = await acceptedAccount(ctx);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          signInWithPassword(ctx, { email: person.email, password: `wrong password ${i}`, client: CLIENT }),
        ),
      );
      const codes = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as { code?: string }).code : 'signed in'));
      expect(codes.filter((c) => c === 'INVALID_CREDENTIALS').length).toBeLessThanOrEqual(5);
      expect(codes.filter((c) => c !== 'INVALID_CREDENTIALS').every((c) => c === 'LOGIN_LOCKED')).toBe(true);
    });

    it('keeps the counters in the database, so that a second instance shares them', async () => {
      const { ctx, clock, database } = world();
      const secondDb =
        database.dialect === 'sqlite'
          ? openDatabase({ kind: 'sqlite', file: database.url.slice('sqlite:'.length) })
          : openDatabase({ kind: 'postgres', url: database.url, poolMax: 3 });
      try {
        const second = serviceContext(secondDb, clock.now, { secretKey: ctx.secretKey });
        const person = await acceptedAccount(ctx);
        // Three failures on one instance, two on the other: the fifth locks the account everywhere.
        for (let i = 0; i < 3; i += 1)
          await refused(
            signInWithPassword(ctx, { email: person.email, password: 'wrong password', client: CLIENT }),
            'INVALID_CREDENTIALS',
          );
        for (let i = 0; i < 2; i += 1)
          await refused(
            signInWithPassword(second, { email: person.email, password: 'wrong password', client: CLIENT }),
            'INVALID_CREDENTIALS',
          );
        await refused(
          signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: CLIENT }),
          'LOGIN_LOCKED',
        );
        await refused(
          signInWithPassword(second, { email: person.email, password: PASSWORD, client: CLIENT }),
          'LOGIN_LOCKED',
        );
      } finally {
        await secondDb.destroy();
      }
    });
  });

  describe('the address lock counts failures only', () => {
    /** Observers sign in without a second factor: one call is one whole sign-in. */
    async function signIn(ctx: ServiceContext, email: string, client: Client = CLIENT) {
      return signInWithPassword(ctx, { email, password: PASSWORD, client });
    }

    /**
     * `count` wrong passwords from `client` at accounts other than the ones signing in, spread 4 per
     * account (numbered from `from / 4`) so that no account reaches its own lock.
     */
    async function failuresAgainstOthers(ctx: ServiceContext, count: number, client: Client = CLIENT, from = 0) {
      for (let i = from; i < from + count; i += 1)
        await refused(
          signInWithPassword(ctx, {
            email: `other${Math.floor(i / 4)}@msit.kr.test`,
            password: 'wrong password',
            client,
          }),
          'INVALID_CREDENTIALS',
        );
    }

    it('lets 25 sign-ins in a row from one address succeed: a ministry behind one NAT address is never locked by its own successes', async () => {
      const { ctx } = world();
      const person = await acceptedAccount(ctx, { role: 'observer' });
      const colleague = await acceptedAccount(ctx, { role: 'observer', email: 'colleague@msit.kr.test' });
      for (let i = 0; i < 25; i += 1) {
        const grant = await signIn(ctx, i % 2 === 0 ? person.email : colleague.email);
        expect(grant.next, `sign-in ${i + 1}`).toBe('done');
      }
      expect((await throttleRow(ctx.db, `ip:${CLIENT.ip}`))?.failures ?? 0).toBe(0);
    });

    it('releases the reservation of a success that reached the threshold: after 19 failures, two sign-ins in a row succeed', async () => {
      const { ctx, clock } = world();
      const person = await acceptedAccount(ctx, { role: 'observer' });
      await failuresAgainstOthers(ctx, 19);
      // This sign-in's reservation is the address's 20th attempt, which sets the lock pre-emptively;
      // succeeding gives the attempt back and lifts that lock.
      expect((await signIn(ctx, person.email)).next).toBe('done');
      expect(await throttleRow(ctx.db, `ip:${CLIENT.ip}`)).toEqual({ failures: 19, lockedUntil: null });
      expect((await signIn(ctx, person.email)).next).toBe('done');
      // The 19 failures against other accounts stay counted: one more locks the address.
      await failuresAgainstOthers(ctx, 1, CLIENT, 19);
      expect(await throttleRow(ctx.db, `ip:${CLIENT.ip}`)).toEqual({
        failures: 20,
        lockedUntil: clock.now() + FIRST_LOCK_MS,
      });
      await refusedUnchanged(ctx.db, () => signIn(ctx, person.email), 'LOGIN_LOCKED');
    });

    it("takes an account's own failures off its address when it signs in there, and keeps the failures against other accounts", async () => {
      const { ctx } = world();
      const person = await acceptedAccount(ctx, { role: 'observer' });
      const elsewhere: Client = { ip: '198.51.100.7' };
      for (let i = 0; i < 3; i += 1)
        await refused(
          signInWithPassword(ctx, { email: person.email, password: `typo ${i}`, client: CLIENT }),
          'INVALID_CREDENTIALS',
        );
      await refused(
        signInWithPassword(ctx, { email: person.email, password: 'typo elsewhere', client: elsewhere }),
        'INVALID_CREDENTIALS',
      );
      await failuresAgainstOthers(ctx, 2);
      expect((await throttleRow(ctx.db, `ip:${CLIENT.ip}`))?.failures).toBe(5);

      expect((await signIn(ctx, person.email)).next).toBe('done');
      // The three typos of this account from this address go; the two guesses at other accounts stay;
      // the typo made from another address stays on that address.
      expect(await throttleRow(ctx.db, `ip:${CLIENT.ip}`)).toEqual({ failures: 2, lockedUntil: null });
      expect((await throttleRow(ctx.db, `ip:${elsewhere.ip}`))?.failures).toBe(1);
      expect(await throttleRow(ctx.db, `account:${person.email}`)).toBeUndefined();
    });

    it('never lets a sign-in of an account the attacker holds erase the guesses at other accounts from the same address', async () => {
      const { ctx } = world();
      const attacker: Client = { ip: '203.0.113.66' };
      const own = await acceptedAccount(ctx, { role: 'observer', email: 'insider@msit.kr.test' });
      const victim = await acceptedAccount(ctx, { role: 'observer', email: 'victim@msit.kr.test' });
      for (let round = 0; round < 5; round += 1) {
        expect((await signIn(ctx, own.email, attacker)).next).toBe('done');
        await failuresAgainstOthers(ctx, 4, attacker, 4 * round);
      }
      expect((await throttleRow(ctx.db, `ip:${attacker.ip}`))?.failures).toBe(20);
      await refusedUnchanged(ctx.db, () => signIn(ctx, victim.email, attacker), 'LOGIN_LOCKED');
    });

    it('checks no more guesses than the threshold allows when a success runs alongside them, and counts exactly the guesses checked', async () => {
      const { ctx } = world();
      const person = await acceptedAccount(ctx, { role: 'observer' });
      await failuresAgainstOthers(ctx, 18);
      const outcomes = await Promise.allSettled([
        signIn(ctx, person.email),
        ...Array.from({ length: 6 }, (_, i) =>
          signInWithPassword(ctx, { email: `guess${i}@msit.kr.test`, password: 'guess', client: CLIENT }),
        ),
      ]);
      const codes = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as { code?: string }).code : 'signed in'));
      const checked = codes.filter((c) => c === 'INVALID_CREDENTIALS').length;
      expect(
        codes.filter((c) => c !== 'INVALID_CREDENTIALS' && c !== 'signed in').every((c) => c === 'LOGIN_LOCKED'),
      ).toBe(true);
      // 18 + the guesses checked never goes past 20, and the success (if it got in) is not counted.
      expect(checked).toBeLessThanOrEqual(2);
      expect((await throttleRow(ctx.db, `ip:${CLIENT.ip}`))?.failures).toBe(18 + checked);
    });
  });

  describe('sessions', () => {
    it('ends a session left unused for more than 30 minutes and deletes it', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      clock.advance(30 * MINUTE_MS);
      expect((await resolveSession(ctx, person.sessionSecret)).verified).toBe(true);
      clock.advance(30 * MINUTE_MS + 1);
      await refused(resolveSession(ctx, person.sessionSecret), 'SESSION_EXPIRED');
      expect(
        await ctx.db.selectFrom('session').select('id').where('id', '=', hashSecret(person.sessionSecret)).execute(),
      ).toHaveLength(0);
    });

    it('ends a session after 31 minutes without use', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      clock.advance(31 * MINUTE_MS);
      await refused(resolveSession(ctx, person.sessionSecret), 'SESSION_EXPIRED');
      expect(await sessionsOf(ctx.db, person.account.id)).toHaveLength(0);
    });

    it('ends a session 12 hours after it began, even when it is used every 20 minutes', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      const began = clock.now();
      for (let at = began + 20 * MINUTE_MS; at < began + 12 * HOUR_MS; at += 20 * MINUTE_MS) {
        clock.set(at);
        await resolveSession(ctx, person.sessionSecret);
      }
      clock.set(began + 12 * HOUR_MS - 1);
      await resolveSession(ctx, person.sessionSecret);
      clock.set(began + 12 * HOUR_MS);
      await refused(resolveSession(ctx, person.sessionSecret), 'SESSION_EXPIRED');
      expect(await sessionsOf(ctx.db, person.account.id)).toHaveLength(0);
    });

    it('ends a session waiting for its second factor after 10 minutes', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      clock.advance(STEP_MS);
      const pending = await passwordStep(ctx, person.email);
      const began = clock.now();
      clock.set(began + 10 * MINUTE_MS - 1);
      expect((await resolveSession(ctx, pending)).verified).toBe(false);
      clock.set(began + 10 * MINUTE_MS);
      await refused(
        verifySecondFactor(ctx, { sessionSecret: pending, code: totpCode(person.seed, clock.now()), client: CLIENT }),
        'SESSION_EXPIRED',
      );
      expect(
        await ctx.db.selectFrom('session').select('id').where('id', '=', hashSecret(pending)).execute(),
      ).toHaveLength(0);
      expect((await accountRow(ctx.db, person.account.id)).totp_last_step).not.toBe(Math.floor(clock.now() / STEP_MS));
    });

    it('signs out the other sessions of the account, not the current one nor other accounts', async () => {
      const { ctx, clock } = world();
      const person = await enrolledAccount(ctx);
      const other = await acceptedAccount(ctx, { role: 'observer' });
      const otherGrant = await signInWithPassword(ctx, { email: other.email, password: PASSWORD, client: CLIENT });
      clock.advance(STEP_MS);
      const current = await verifySecondFactor(ctx, {
        sessionSecret: await passwordStep(ctx, person.email),
        code: totpCode(person.seed, clock.now()),
        client: CLIENT,
      });
      const pending = await passwordStep(ctx, person.email);
      expect((await mySessions(ctx, current.sessionSecret)).sessions).toHaveLength(3);

      expect(await signOutOtherSessions(ctx, current.sessionSecret)).toBe(2);
      await refused(resolveSession(ctx, person.sessionSecret), 'SESSION_EXPIRED');
      await refused(resolveSession(ctx, pending), 'SESSION_EXPIRED');
      const mine = await mySessions(ctx, current.sessionSecret);
      expect(mine.sessions.map((s) => s.id)).toEqual([mine.current]);
      expect((await resolveSession(ctx, otherGrant.sessionSecret)).actor.kind).toBe('observer');
      expect(await auditActions(ctx.db)).toContain('sessions.signed-out-others');
    });

    it('ends every session of a disabled account and stops its personal tokens', async () => {
      const { ctx } = world();
      const person = await enrolledAccount(ctx);
      const { secret } = await createPersonalToken(ctx, {
        account: person.account,
        label: 'CLI',
        scopes: ['read'],
        expiresInDays: 30,
      });
      expect((await authenticateToken(ctx, secret)).id).toBe(`account:${person.account.id}`);

      await setAccountDisabled(ctx, { actor: SECRETARIAT, accountId: person.account.id, disabled: true });
      expect(await sessionsOf(ctx.db, person.account.id)).toHaveLength(0);
      await refused(resolveSession(ctx, person.sessionSecret), 'SESSION_EXPIRED');
      await refused(authenticateToken(ctx, secret), 'UNAUTHENTICATED');
      await refused(
        signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: CLIENT }),
        'INVALID_CREDENTIALS',
      );
      expect(await auditActions(ctx.db)).toContain('account.disabled');
    });
  });

  describe('password hashes', () => {
    it('rehashes a password stored with older argon2 parameters at the next sign-in', async () => {
      const { ctx, clock } = world();
      const person = await acceptedAccount(ctx, { role: 'observer' });
      const old = await hash(PASSWORD, { ...ARGON2_PARAMS, memoryCost: 8_192, timeCost: 1 });
      expect(old).toMatch(/^\$argon2id\$v=19\$m=8192,t=1,p=1\$/);
      await ctx.db.updateTable('account').set({ password_hash: old }).where('id', '=', person.account.id).execute();

      // A wrong password leaves the old hash alone.
      await refused(
        signInWithPassword(ctx, { email: person.email, password: 'wrong password', client: CLIENT }),
        'INVALID_CREDENTIALS',
      );
      expect((await accountRow(ctx.db, person.account.id)).password_hash).toBe(old);

      clock.advance(MINUTE_MS);
      const grant = await signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: CLIENT });
      expect(grant.next).toBe('done');
      const stored = (await accountRow(ctx.db, person.account.id)).password_hash!;
      expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(needsRehash(stored)).toBe(false);
      expect(await verifyPassword(stored, PASSWORD)).toBe(true);
    });

    it('keeps a hash made with the current parameters', async () => {
      const { ctx } = world();
      const person = await acceptedAccount(ctx, { role: 'observer' });
      const before = (await accountRow(ctx.db, person.account.id)).password_hash;
      await signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: CLIENT });
      expect((await accountRow(ctx.db, person.account.id)).password_hash).toBe(before);
    });
  });
});
