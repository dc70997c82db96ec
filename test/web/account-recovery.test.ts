import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/i18n/i18n.js';
import { setAccountDisabled } from '../../src/services/identity/accounts.js';
import { describeEachDialect } from '../helpers/databases.js';
import { untranslated, visibleText } from '../helpers/untranslated.js';
import { SECRETARIAT } from '../helpers/world.js';
import { deliverMail, linkIn } from '../identity/identity-harness.js';
import {
  type Browser,
  csrfOf,
  decode,
  expectSeeOther,
  PASSWORD,
  recoveryCodesOf,
  STEP_MS,
  textOf,
  useWeb,
  type Web,
} from './web-harness.js';

const HOUR_MS = 3_600_000;
const NEW_PASSWORD = 'a brand new passphrase for Kim';

/** A person invited and enrolled in their own browser: the browser holds a verified session. */
async function enrolledPerson(
  web: Web,
  options: { email?: string; name?: string; role?: 'focal_point' | 'secretariat_admin' | 'secretariat_staff' } = {},
) {
  const { invitationPath, account } = await web.invite(options);
  const browser = web.browser();
  const { seed, recoveryCodes } = await web.enrol(browser, invitationPath);
  await deliverMail(web.world.ctx); // the invitation's e-mail
  return { browser, seed, recoveryCodes, account, email: account.email };
}

/** Asks for a link on the pages, in `browser`; returns the answer. */
async function askForLink(browser: Browser, email: string, prefix = '') {
  return browser.submit(`${prefix}/password-reset`, `${prefix}/password-reset`, { email });
}

/** The path of the password reset link in the one e-mail sent since the last call. */
async function mailedResetPath(web: Web): Promise<string> {
  const mails = await deliverMail(web.world.ctx);
  expect(mails).toHaveLength(1);
  const { locale, secret } = linkIn(mails[0]!, 'password-reset');
  return `/${locale}/password-reset/${secret}`;
}

describeEachDialect('web account recovery', (dialect) => {
  const web = useWeb(dialect);

  describe('a forgotten password', () => {
    it('goes sign-in → "Forgot your password?" → the same answer → e-mailed link → new password and code → signed in; the other sessions end', async () => {
      const person = await enrolledPerson(web(), { email: 'kim@msit.kr.test', name: 'Kim Min-jun' });
      const office = web().browser();
      web().world.clock.advance(STEP_MS);
      await web().signIn(office, person.email, person.seed);

      const visitor = web().browser();
      const login = await visitor.get('/login');
      expect(login.body).toContain('<a href="/password-reset">Forgot your password?</a>');
      const form = await visitor.get('/password-reset');
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('autocomplete="username"');
      const sent = await askForLink(visitor, 'Kim@MSIT.kr.test');
      expect(sent.statusCode).toBe(200);
      expect(decode(sent.body)).toContain('The link works once, for 60 minutes.');

      const link = await mailedResetPath(web());
      expect(link).toMatch(/^\/en\/password-reset\/[A-Za-z0-9_-]{40,}$/);
      const page = await visitor.get(link);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('id="field-code"');
      expect(page.body).toContain('autocomplete="new-password"');

      web().world.clock.advance(STEP_MS);
      const done = await visitor.post(link, {
        _csrf: csrfOf(page.body, link),
        password: NEW_PASSWORD,
        passwordConfirm: NEW_PASSWORD,
        code: web().code(person.seed),
      });
      expectSeeOther(done, '/en/account?notice=password-reset');
      const account = await visitor.get('/en/account?notice=password-reset');
      expect(account.statusCode).toBe(200);
      expect(account.body).toContain('Your password has been changed, and your other sessions were signed out.');
      expect(account.body).toContain('Kim Min-jun');

      // Both earlier sessions ended.
      expectSeeOther(await person.browser.get('/account'), '/login?notice=session-expired&next=%2Faccount');
      expectSeeOther(await office.get('/account'), '/login?notice=session-expired&next=%2Faccount');
      // The old password no longer signs in; the new one does.
      const old = await web().browser().submit('/login', '/login', { email: person.email, password: PASSWORD });
      expect(old.statusCode).toBe(401);
      const again = web().browser();
      web().world.clock.advance(STEP_MS);
      expectSeeOther(
        await again.submit('/login', '/login', { email: person.email, password: NEW_PASSWORD }),
        '/login/verify',
      );
      expectSeeOther(
        await again.submit('/login/verify', '/login/verify', { method: 'totp', code: web().code(person.seed) }),
        '/my',
      );
    });

    it('answers an unknown address, a disabled account and a known one with the same page, and mails the known one only', async () => {
      const known = await enrolledPerson(web(), { email: 'known@msit.kr.test' });
      const disabled = await enrolledPerson(web(), { email: 'disabled@msit.kr.test' });
      await setAccountDisabled(web().world.ctx, { actor: SECRETARIAT, accountId: disabled.account.id, disabled: true });
      const answers = [];
      for (const email of ['nobody@nowhere.test', disabled.email, known.email]) {
        const answer = await askForLink(web().browser(), email);
        answers.push({ status: answer.statusCode, body: answer.body });
      }
      expect(answers[0]!.status).toBe(200);
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
      const mails = await deliverMail(web().world.ctx);
      expect(mails.map((m) => m.to)).toEqual([known.email]);
    });

    it('names the field of an empty or malformed address, and refuses a fourth request in the hour with 429', async () => {
      const browser = web().browser();
      const empty = await askForLink(browser, '  ');
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('<a href="#field-email">Enter your e-mail address</a>');
      const malformed = await askForLink(browser, 'kim at msit');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.body).toContain(
        '<a href="#field-email">Enter an e-mail address, such as name@ministry.example</a>',
      );
      expect(malformed.body).toMatch(/<input type="email" value="kim at msit"/);
      for (let i = 0; i < 3; i += 1) expect((await askForLink(browser, 'someone@ministry.test')).statusCode).toBe(200);
      const limited = await askForLink(browser, 'someone@ministry.test');
      expect(limited.statusCode).toBe(429);
      expect(decode(limited.body)).toContain('Too many requests for this address or from this network.');
      web().world.clock.advance(HOUR_MS);
      expect((await askForLink(browser, 'someone@ministry.test')).statusCode).toBe(200);
    });

    it('asks a two-factor account for its code: missing and wrong codes are refused at the code field, and the link keeps working', async () => {
      const person = await enrolledPerson(web());
      const visitor = web().browser();
      await askForLink(visitor, person.email);
      const link = await mailedResetPath(web());

      const missing = await visitor.submit(link, link, { password: '', passwordConfirm: '', code: '' });
      expect(missing.statusCode).toBe(400);
      expect(missing.body).toContain('<a href="#field-password">Enter a password</a>');
      expect(missing.body).toContain('<a href="#field-password-confirm">Enter the password a second time</a>');
      expect(missing.body).toContain(
        '<a href="#field-code">Enter the code from your authenticator app, or a recovery code</a>',
      );
      expect(missing.body).toMatch(/id="field-code"[^>]*aria-describedby="field-code-hint field-code-error"/);

      const mismatch = await visitor.submit(link, link, {
        password: NEW_PASSWORD,
        passwordConfirm: `${NEW_PASSWORD}!`,
        code: web().code(person.seed),
      });
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.body).toContain('<a href="#field-password-confirm">The two passwords are not the same</a>');

      const weak = await visitor.submit(link, link, { password: 'short', passwordConfirm: 'short', code: '123456' });
      expect(weak.statusCode).toBe(400);
      expect(weak.body).toContain('<a href="#field-password">Use at least 12 characters</a>');

      web().world.clock.advance(STEP_MS);
      const wrong = await visitor.submit(link, link, {
        password: NEW_PASSWORD,
        passwordConfirm: NEW_PASSWORD,
        code: '000000' === web().code(person.seed) ? '111111' : '000000',
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.body).toContain('<a href="#field-code">The code is wrong or was already used.');
      expect(wrong.body).not.toContain(NEW_PASSWORD);

      // A recovery code does it too.
      const [recovery] = person.recoveryCodes;
      expectSeeOther(
        await visitor.submit(link, link, {
          password: NEW_PASSWORD,
          passwordConfirm: NEW_PASSWORD,
          code: recovery!,
        }),
        '/en/account?notice=password-reset',
      );
    });

    it('answers a used link, an expired one and an unknown one with the 410 page, on GET and on POST, signing nobody in', async () => {
      const person = await enrolledPerson(web());
      const visitor = web().browser();
      await askForLink(visitor, person.email);
      const used = await mailedResetPath(web());
      const form = await visitor.get(used);
      web().world.clock.advance(STEP_MS);
      await visitor.post(used, {
        _csrf: csrfOf(form.body, used),
        password: NEW_PASSWORD,
        passwordConfirm: NEW_PASSWORD,
        code: web().code(person.seed),
      });

      const other = web().browser();
      await askForLink(other, person.email);
      const expiring = await mailedResetPath(web());
      const expiringForm = await other.get(expiring);
      expect(expiringForm.statusCode).toBe(200);
      web().world.clock.advance(HOUR_MS);

      for (const link of [used, expiring, '/en/password-reset/not-a-link-anyone-was-given']) {
        const browser = web().browser();
        const shown = await browser.get(link);
        expect(shown.statusCode, link).toBe(410);
        expect(shown.body).toContain('This password reset link is no longer valid');
        expect(shown.body).toContain('<a href="/en/password-reset">Ask for a new link</a>');
        const token = csrfOf((await browser.get('/login')).body, '/login');
        const posted = await browser.post(link, {
          _csrf: token,
          password: NEW_PASSWORD,
          passwordConfirm: NEW_PASSWORD,
          code: web().code(person.seed),
        });
        expect(posted.statusCode, link).toBe(410);
        expect(browser.session).toBeUndefined();
      }
    });
  });

  describe('a lost authenticator, through the administrator', () => {
    it('is reset from the accounts page with a reason; sign-in then points to the e-mailed link, which asks the password and enrols a new authenticator', async () => {
      const admin = await enrolledPerson(web(), {
        email: 'officer@itu.test',
        name: 'TSB Officer',
        role: 'secretariat_admin',
      });
      const person = await enrolledPerson(web(), { email: 'kim@msit.kr.test', name: 'Kim Min-jun' });
      const resetPath = `/en/secretariat/accounts/${person.account.id}/authenticator-reset`;

      const accounts = await admin.browser.get('/secretariat/accounts');
      expect(accounts.body).toContain(
        `<a href="${resetPath}">Reset authenticator<span class="visually-hidden"> Kim Min-jun</span></a>`,
      );
      // No such action on one's own row.
      expect(accounts.body).not.toContain(`/secretariat/accounts/${admin.account.id}/authenticator-reset`);

      const page = await admin.browser.get(resetPath);
      expect(page.statusCode).toBe(200);
      expect(decode(page.body)).toContain('Reset the authenticator of Kim Min-jun');
      expect(page.body).toContain('data-confirm="Reset the authenticator of Kim Min-jun?');
      const empty = await admin.browser.post(resetPath, { _csrf: csrfOf(page.body, resetPath), reason: ' ' });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('<a href="#field-reason">Enter the reason for the reset</a>');
      const tabbed = await admin.browser.post(resetPath, {
        _csrf: csrfOf(page.body, resetPath),
        reason: 'Phone\tlost',
      });
      expect(tabbed.statusCode).toBe(400);
      expect(tabbed.body).toContain(
        '<a href="#field-reason">Give the reason as plain text, without tabs or control characters</a>',
      );
      expect(
        (
          await web()
            .world.ctx.db.selectFrom('account')
            .select('totp_enabled_at')
            .where('id', '=', person.account.id)
            .executeTakeFirstOrThrow()
        ).totp_enabled_at,
      ).not.toBeNull();

      const done = await admin.browser.post(resetPath, {
        _csrf: csrfOf(page.body, resetPath),
        reason: 'Phone lost; identity checked by telephone',
      });
      expectSeeOther(done, '/en/secretariat/accounts?notice=sec-authenticator-reset');
      const after = await admin.browser.get('/secretariat/accounts?notice=sec-authenticator-reset');
      expect(after.body).toContain("The authenticator was reset and the account's sessions ended.");
      expect(after.body).toContain('<strong>Reset: waiting for the new one</strong>');
      const audit = await admin.browser.get('/secretariat/audit');
      expect(audit.body).toContain('Authenticator reset by an administrator');

      // The person's session ended; the password alone no longer signs in.
      expectSeeOther(await person.browser.get('/account'), '/login?notice=session-expired&next=%2Faccount');
      const refused = await person.browser.submit('/login', '/login', { email: person.email, password: PASSWORD });
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('The secretariat has reset the authenticator app of this account.');
      expect(person.browser.session).toBeUndefined();

      const mails = await deliverMail(web().world.ctx);
      expect(mails.map((m) => [m.to, m.subject])).toEqual([
        [person.email, 'Your Assent account: set up a new authenticator app'],
      ]);
      const { secret } = linkIn(mails[0]!, 'invitations');
      const link = `/invitations/${secret}`;
      const linkPage = await person.browser.get(link);
      expect(linkPage.statusCode).toBe(200);
      expect(linkPage.body).toContain('Set up a new authenticator app');
      expect(linkPage.body).toContain('autocomplete="current-password"');
      expect(linkPage.body).not.toContain('field-password-confirm');
      const wrong = await person.browser.submit(link, link, { password: 'not the password at all' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.body).toContain('<a href="#field-password">The password is wrong</a>');

      expectSeeOther(await person.browser.submit(link, link, { password: PASSWORD }), '/account/authenticator');
      const enrol = await person.browser.get('/account/authenticator');
      const seed = textOf(enrol.body, 'totp-key').replace(/\s+/g, '');
      expect(seed).not.toBe(person.seed);
      web().world.clock.advance(STEP_MS);
      const codes = await person.browser.post('/account/authenticator', {
        _csrf: csrfOf(enrol.body, '/account/authenticator'),
        code: web().code(seed),
      });
      expect(codes.statusCode).toBe(200);
      expect(recoveryCodesOf(codes.body)).toHaveLength(10);
      // The link is spent; signing in works again with the new authenticator.
      expect((await web().browser().get(link)).statusCode).toBe(410);
      await person.browser.post('/logout', { _csrf: csrfOf((await person.browser.get('/account')).body, '/logout') });
      web().world.clock.advance(STEP_MS);
      await web().signIn(person.browser, person.email, seed);
      const list = await admin.browser.get('/secretariat/accounts');
      expect(list.body).not.toContain('Reset: waiting for the new one');
    });

    it('is for administrators only, and refuses an account with no authenticator on its own page', async () => {
      const staff = await enrolledPerson(web(), { email: 'staff@itu.test', role: 'secretariat_staff' });
      const admin = await enrolledPerson(web(), { email: 'officer@itu.test', role: 'secretariat_admin' });
      const person = await enrolledPerson(web());
      const resetPath = `/en/secretariat/accounts/${person.account.id}/authenticator-reset`;
      expect((await staff.browser.get(resetPath)).statusCode).toBe(403);
      expect((await staff.browser.post(resetPath, { _csrf: 'x', reason: 'Phone lost' })).statusCode).toBe(403);

      const { account: invited } = await web().invite({ email: 'invited@msit.kr.test' });
      const refused = await admin.browser.get(`/secretariat/accounts/${invited.id}/authenticator-reset`);
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain(
        'The account has not accepted its invitation yet: send it a new invitation instead.',
      );
      expect(refused.body).not.toContain('name="reason"');
      const own = await admin.browser.get(`/secretariat/accounts/${admin.account.id}/authenticator-reset`);
      expect(own.statusCode).toBe(409);
      const ownPost = await admin.browser.post(`/secretariat/accounts/${admin.account.id}/authenticator-reset`, {
        _csrf: csrfOf((await admin.browser.get(resetPath)).body, resetPath),
        reason: 'Lost phone',
      });
      expect(ownPost.statusCode).toBe(409);
      expect(ownPost.body).toContain('You may not reset your own authenticator: ask another administrator.');
      expect(
        (
          await web()
            .world.ctx.db.selectFrom('account')
            .select('authenticator_reset_at')
            .where('id', '=', admin.account.id)
            .executeTakeFirstOrThrow()
        ).authenticator_reset_at,
      ).toBeNull();
      expect((await web().browser().get('/secretariat/accounts/x/authenticator-reset')).statusCode).toBe(303);
    });
  });
});

describe('account recovery pages in the six languages [sqlite]', () => {
  const web = useWeb('sqlite');

  it('show no English fragment, raw code or ISO timestamp outside English', async () => {
    const admin = await enrolledPerson(web(), {
      email: 'officer@itu.test',
      name: 'TSB Officer',
      role: 'secretariat_admin',
    });
    const person = await enrolledPerson(web(), { email: 'kim@msit.kr.test', name: 'Kim Min-jun' });
    const entered = ['TSB Officer', 'Kim Min-jun', 'Assent'];
    const failures: string[] = [];
    const check = (label: string, locale: (typeof LOCALES)[number], html: string) => {
      for (const found of untranslated(visibleText(html), locale, entered))
        failures.push(`${locale} ${label}: ${found}`);
    };
    for (const locale of LOCALES) {
      // Three requests per address an hour: this test asks for one link per language, so the count starts again.
      await web().world.ctx.db.deleteFrom('login_throttle').where('key', 'like', 'reset-request:%').execute();
      const visitor = web().browser(`198.51.100.${LOCALES.indexOf(locale) + 30}`);
      check('request', locale, (await visitor.get(`/${locale}/password-reset`)).body);
      check(
        'request refused',
        locale,
        (await visitor.submit(`/${locale}/password-reset`, `/${locale}/password-reset`, { email: 'x' })).body,
      );
      check('sent', locale, (await askForLink(visitor, person.email, `/${locale}`)).body);
      const link = (await mailedResetPath(web())).replace(/^\/[a-z]{2}\//, `/${locale}/`);
      check('link', locale, (await visitor.get(link)).body);
      check('link refused', locale, (await visitor.submit(link, link, {})).body);
      check('invalid link', locale, (await visitor.get(`/${locale}/password-reset/unknown`)).body);
      check('login', locale, (await visitor.get(`/${locale}/login`)).body);
      const resetPath = `/${locale}/secretariat/accounts/${person.account.id}/authenticator-reset`;
      check('secretariat reset', locale, (await admin.browser.get(resetPath)).body);
      check(
        'secretariat reset refused',
        locale,
        (await admin.browser.submit(resetPath, resetPath, { reason: '' })).body,
      );
    }
    // The authenticator link's page, once the reset is done.
    const resetPath = `/en/secretariat/accounts/${person.account.id}/authenticator-reset`;
    await admin.browser.submit(resetPath, resetPath, { reason: 'Phone lost' });
    const [mail] = await deliverMail(web().world.ctx);
    const { secret } = linkIn(mail!, 'invitations');
    for (const locale of LOCALES) {
      const visitor = web().browser();
      check('authenticator link', locale, (await visitor.get(`/${locale}/invitations/${secret}`)).body);
      check(
        'accounts',
        locale,
        (await admin.browser.get(`/${locale}/secretariat/accounts?notice=sec-authenticator-reset`)).body,
      );
      check(
        'sign-in refused',
        locale,
        (await visitor.submit(`/${locale}/login`, `/${locale}/login`, { email: person.email, password: PASSWORD }))
          .body,
      );
    }
    expect(failures).toEqual([]);
  });
});
