import { describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/services/identity/secrets.js';
import { describeEachDialect } from '../helpers/databases.js';
import {
  csrfOf,
  decode,
  expectSeeOther,
  PASSWORD,
  SESSION_COOKIE,
  STEP_MS,
  useWeb,
  type Browser,
  type SetCookie,
} from './web-harness.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

describeEachDialect('web sign-in', (dialect) => {
  const web = useWeb(dialect);

  describe('the whole journey, with JavaScript off', () => {
    it('goes invitation → password → authenticator → recovery codes → account → sign out → password + code → account', async () => {
      const { invitationPath, account } = await web().invite({ email: 'kim@msit.kr.test', name: 'Kim Min-jun' });
      const browser = web().browser();

      const invitation = await browser.get(invitationPath);
      expect(invitation.statusCode).toBe(200);
      expect(invitation.body).toContain('autocomplete="new-password"');

      const { seed, recoveryCodes, pageWithCodes } = await web().enrol(browser, invitationPath);
      expect(seed).toMatch(/^[A-Z2-7]{32}$/);
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      expect(pageWithCodes.body).toContain('These codes will not be shown again');
      expect(pageWithCodes.headers['cache-control']).toBe('no-store');

      const home = await browser.get('/account');
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('Kim Min-jun');
      expect(home.body).toContain('kim@msit.kr.test');
      expect(home.body).toContain('Focal point (alternate)');
      expect(home.body).toContain('Korea (Republic of)');
      expect(home.body).toContain('This session');
      expect(home.body).toContain('TestBrowser/1.0');
      expect(home.body).toMatch(/<time datetime="2023-03-28T08:00:00.000Z">28 March 2023 at 08:00 UTC<\/time>/);
      // The recovery codes are not on any later page.
      for (const code of recoveryCodes) expect(home.body).not.toContain(code);

      const out = await browser.post('/logout', { _csrf: csrfOf(home.body, '/logout') });
      expectSeeOther(out, '/login?notice=signed-out');
      expect(browser.session).toBeUndefined();
      expect((await browser.get('/login?notice=signed-out')).body).toContain('You have signed out.');
      expectSeeOther(await browser.get('/account'), '/login?next=%2Faccount');
      // Switching the sign-in page's language keeps where it returns to, in the new language.
      const french = await browser.get('/fr/login?next=%2Ffr%2Fmy%2Fconsultations%2Ftsb-79-2023%2Freply');
      expect(french.body).toContain('href="/ar/login?next=%2Far%2Fmy%2Fconsultations%2Ftsb-79-2023%2Freply"');
      expect(french.body).toContain('href="/en/login?next=%2Fen%2Fmy%2Fconsultations%2Ftsb-79-2023%2Freply"');
      // Not an address elsewhere: the switcher drops it.
      expect((await browser.get('/fr/login?next=%2F%2Fevil.example')).body).not.toContain('next=%2F%2Fevil');

      web().world.clock.advance(STEP_MS);
      await web().signIn(browser, 'kim@msit.kr.test', seed);
      const again = await browser.get('/account');
      expect(again.statusCode).toBe(200);
      expect(again.body).toContain('Kim Min-jun');
      expect(account.id).toBeTruthy();
    });

    it('sets the session cookie HttpOnly, Secure, SameSite=Lax, Path=/, without Domain, under the __Host- prefix', async () => {
      const { invitationPath } = await web().invite();
      const browser = web().browser();
      const form = await browser.get(invitationPath);
      const response = await browser.post(invitationPath, {
        _csrf: csrfOf(form.body, invitationPath),
        password: PASSWORD,
        passwordConfirm: PASSWORD,
      });
      const cookie = (response.cookies as SetCookie[]).find((c) => c.name === SESSION_COOKIE);
      expect(cookie).toMatchObject({
        name: '__Host-assent_session',
        httpOnly: true,
        secure: true,
        sameSite: 'Lax',
        path: '/',
      });
      expect(cookie?.domain).toBeUndefined();
      const raw = ([] as string[])
        .concat(response.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('__Host-assent_session='))!;
      expect(raw).toMatch(/; HttpOnly/);
      expect(raw).toMatch(/; Secure/);
      expect(raw).toMatch(/; SameSite=Lax/);
      expect(raw).not.toMatch(/Domain=/i);
    });

    it('rotates the session at the second factor: the cookie of the password step no longer works', async () => {
      const { invitationPath, account } = await web().invite();
      const browser = web().browser();
      const { seed } = await web().enrol(browser, invitationPath);
      await browser.post('/logout', { _csrf: csrfOf((await browser.get('/account')).body, '/logout') });
      web().world.clock.advance(STEP_MS);
      expectSeeOther(
        await browser.submit('/login', '/login', { email: account.email, password: PASSWORD }),
        '/login/verify',
      );
      const pending = browser.session!;
      expectSeeOther(
        await browser.submit('/login/verify', '/login/verify', { method: 'totp', code: web().code(seed) }),
        '/my',
      );
      expect(browser.session).not.toBe(pending);
      const stale = web().browser();
      stale.jar.set(SESSION_COOKIE, pending);
      expectSeeOther(await stale.get('/account'), '/login?notice=session-expired&next=%2Faccount');
    });

    it('keeps a session waiting for its second factor out of the account page', async () => {
      const { invitationPath } = await web().invite();
      const browser = web().browser();
      await browser.submit(invitationPath, invitationPath, { password: PASSWORD, passwordConfirm: PASSWORD });
      expectSeeOther(await browser.get('/account'), '/account/authenticator');
      expectSeeOther(await browser.get('/login/verify'), '/account/authenticator');
      const refused = await browser.post('/account/sessions/sign-out-others', { _csrf: 'x' });
      expectSeeOther(refused, '/account/authenticator');
    });
  });

  describe('a session while someone types', () => {
    it('tells the page when the session ends, and extends it when the page says the person is there', async () => {
      const { invitationPath } = await web().invite({ name: 'Kim' });
      const browser = web().browser();
      await web().enrol(browser, invitationPath);
      const started = web().world.clock.now();
      const page = (await browser.get('/fr/account')).body;
      expect(page).toContain(`data-session-now="${new Date(started).toISOString()}"`);
      expect(page).toContain(`data-session-idle-ends="${new Date(started + 30 * MINUTE_MS).toISOString()}"`);
      expect(page).toMatch(/data-session-ends="[^"]+Z"/);
      expect(page).toContain('data-session-keepalive="/fr/session/keepalive"');
      expect(page).toContain('data-session-sign-in-href="/fr/login?next=%2Faccount"');
      expect(page).toContain('data-session-warning="Votre session prend fin à {time}, sauf si vous restez connecté."');
      const token = csrfOf(page, '/fr/logout');

      // 20 minutes of typing later, the page says so: the session now ends 30 minutes from then.
      web().world.clock.advance(20 * MINUTE_MS);
      const kept = await browser.post('/fr/session/keepalive', { _csrf: token });
      expect(kept.statusCode).toBe(200);
      expect(kept.headers['cache-control']).toBe('no-store');
      expect(kept.json()).toEqual({
        now: new Date(started + 20 * MINUTE_MS).toISOString(),
        idleEndsAt: new Date(started + 50 * MINUTE_MS).toISOString(),
        endsAt: expect.stringMatching(/Z$/),
      });
      // 25 more minutes: past the first end, within the new one.
      web().world.clock.advance(25 * MINUTE_MS);
      expect((await browser.get('/fr/account')).statusCode).toBe(200);

      // Without the session's token, nothing is extended.
      expect((await browser.post('/fr/session/keepalive', { _csrf: 'forged' })).statusCode).toBe(403);
      // Ended: the answer is the way to sign in again.
      web().world.clock.advance(31 * MINUTE_MS);
      expectSeeOther(await browser.post('/fr/session/keepalive', { _csrf: token }), '/fr/login?notice=session-expired');
    });

    it('sends a form posted after the session ended to sign in, then back to the page it was posted from', async () => {
      const { invitationPath } = await web().invite({ name: 'Kim' });
      const browser = web().browser();
      await web().enrol(browser, invitationPath);
      const page = (await browser.get('/es/account')).body;
      web().world.clock.advance(31 * MINUTE_MS);
      const headers = { host: 'assent.example', referer: 'https://assent.example/es/account?tab=tokens' };
      const posted = await browser.post(
        '/es/account/language',
        { _csrf: csrfOf(page, '/es/account/language') },
        { headers },
      );
      expectSeeOther(posted, '/es/login?notice=session-expired&next=%2Fes%2Faccount%3Ftab%3Dtokens');
      // A Referer from another site is not followed.
      const elsewhere = await browser.post(
        '/es/account/language',
        { _csrf: 'x' },
        {
          headers: { host: 'assent.example', referer: 'https://evil.example/es/account' },
        },
      );
      expectSeeOther(elsewhere, '/es/login');
    });
  });

  describe('where signing in leads', () => {
    /** Signs out, then asks for `page`, follows the sign-in it is sent to, and returns where it ends. */
    async function signInFrom(browser: Browser, email: string, seed: string, page: string) {
      const asked = await browser.get(page);
      const toLogin = asked.statusCode === 303 ? (asked.headers.location as string) : page;
      const login = asked.statusCode === 303 ? await browser.get(toLogin) : asked;
      const action = /<form method="post" action="([^"]+\/login)"/.exec(login.body)![1]!;
      const next = /<input type="hidden" name="next" value="([^"]*)"\/>/.exec(login.body)?.[1];
      web().world.clock.advance(STEP_MS);
      const first = await browser.post(action, {
        _csrf: csrfOf(login.body, action),
        email,
        password: PASSWORD,
        ...(next !== undefined && { next: next.replace(/&amp;/g, '&') }),
      });
      const verifyUrl = first.headers.location as string;
      const verify = await browser.get(verifyUrl);
      const verifyAction = verifyUrl.split('?')[0]!;
      const carried = /<input type="hidden" name="next" value="([^"]*)"\/>/.exec(verify.body)?.[1];
      const second = await browser.post(verifyAction, {
        _csrf: csrfOf(verify.body, verifyAction),
        method: 'totp',
        code: web().code(seed),
        ...(carried !== undefined && { next: carried.replace(/&amp;/g, '&') }),
      });
      return { toLogin, verifyUrl, landed: second.headers.location };
    }

    it('returns to the page that asked for signing in, in its language, with its query', async () => {
      const { invitationPath, account } = await web().invite({ name: 'Kim' });
      const browser = web().browser();
      const { seed } = await web().enrol(browser, invitationPath);
      await browser.post('/logout', { _csrf: csrfOf((await browser.get('/account')).body, '/logout') });
      const trip = await signInFrom(browser, account.email, seed, '/fr/account?notice=x');
      expect(trip.toLogin).toBe('/fr/login?next=%2Faccount%3Fnotice%3Dx');
      expect(trip.verifyUrl).toBe('/fr/login/verify?next=%2Faccount%3Fnotice%3Dx');
      expect(trip.landed).toBe('/fr/account?notice=x');
    });

    it('lands each role on its work when nothing asked: a focal point on what its State owes, the secretariat on its circulars', async () => {
      for (const [role, landing] of [
        ['focal_point', '/es/my'],
        ['secretariat_staff', '/es/secretariat'],
      ] as const) {
        const { invitationPath, account } = await web().invite({ role, email: `${role}@example.test` });
        const browser = web().browser();
        const { seed } = await web().enrol(browser, invitationPath);
        await browser.post('/logout', { _csrf: csrfOf((await browser.get('/account')).body, '/logout') });
        const trip = await signInFrom(browser, account.email, seed, '/es/login');
        expect(trip.landed, role).toBe(landing);
        // Signed in, the sign-in page itself leads to the work too.
        expectSeeOther(await browser.get('/es/login'), landing);
      }
    });

    it('never follows a `next` that leaves the site or loops back to signing in', async () => {
      const { invitationPath, account } = await web().invite({ name: 'Kim' });
      const browser = web().browser();
      const { seed } = await web().enrol(browser, invitationPath);
      await browser.post('/logout', { _csrf: csrfOf((await browser.get('/account')).body, '/logout') });
      for (const next of ['//evil.example/phish', 'https://evil.example/', '/\\evil.example', '/login']) {
        web().world.clock.advance(STEP_MS);
        const login = await browser.get(`/login?next=${encodeURIComponent(next)}`);
        expect(login.body, next).not.toContain('name="next"');
        expectSeeOther(
          await browser.post('/login', {
            _csrf: csrfOf(login.body, '/login'),
            email: account.email,
            password: PASSWORD,
            next,
          }),
          '/login/verify',
        );
        const verify = await browser.get('/login/verify');
        expectSeeOther(
          await browser.post('/login/verify', {
            _csrf: csrfOf(verify.body, '/login/verify'),
            method: 'totp',
            code: web().code(seed),
            next,
          }),
          '/my',
        );
        await browser.post('/logout', { _csrf: csrfOf((await browser.get('/account')).body, '/logout') });
      }
    });
  });

  describe('the language in the URL', () => {
    it('keeps the prefix through the forms and redirects of signing in', async () => {
      const { invitationPath, account } = await web().invite({ name: 'Kim' });
      const browser = web().browser();
      const { seed } = await web().enrol(browser, invitationPath);
      await browser.post('/logout', { _csrf: csrfOf((await browser.get('/account')).body, '/logout') });
      web().world.clock.advance(STEP_MS);
      const login = await browser.get('/en/login');
      expect(login.body).toContain('action="/en/login"');
      const first = await browser.post('/en/login', {
        _csrf: csrfOf(login.body, '/en/login'),
        email: account.email,
        password: PASSWORD,
      });
      expectSeeOther(first, '/en/login/verify');
      const verify = await browser.get('/en/login/verify');
      const second = await browser.post('/en/login/verify', {
        _csrf: csrfOf(verify.body, '/en/login/verify'),
        method: 'totp',
        code: web().code(seed),
      });
      expectSeeOther(second, '/en/my');
      expect((await browser.get('/en/account')).body).toContain('action="/en/logout"');
    });

    it('answers an HTML page, not JSON, for an address that does not exist, and for a language without a catalogue', async () => {
      for (const url of ['/no/such/page', '/xx/login']) {
        const response = await web().browser().get(url);
        expect(response.statusCode, url).toBe(404);
        expect(response.headers['content-type'], url).toMatch(/^text\/html/);
        expect(response.body, url).toContain('Page not found');
      }
      const api = await web().browser().get('/api/v1/nothing');
      expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('wrong input', () => {
    it('answers a wrong password with the summary, the address kept and the password field empty', async () => {
      const { invitationPath, account } = await web().invite({ email: 'kim@msit.kr.test' });
      await web().enrol(web().browser(), invitationPath);
      const browser = web().browser();
      const response = await browser.submit('/login', '/login', {
        email: account.email,
        password: 'not the password at all',
      });
      expect(response.statusCode).toBe(401);
      expect(response.body).toMatch(/<div class="error-summary" role="alert"[^>]*>/);
      expect(response.body).toContain('<a href="#field-email">The e-mail address or the password is wrong</a>');
      expect(response.body).toMatch(/<input type="email" value="kim@msit.kr.test"/);
      const passwordInput = /<input type="password"[^>]*>/.exec(response.body)![0];
      expect(passwordInput).not.toContain('value=');
      expect(passwordInput).toContain('autocomplete="current-password"');
      expect(browser.session).toBeUndefined();
      expect(response.body).toMatch(/<title>Error: Sign in – Assent<\/title>/);
    });

    it('shows the message of an empty field at the field, tied to it by aria-describedby', async () => {
      const response = await web().browser().submit('/login', '/login', { email: '', password: '' });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('<a href="#field-email">Enter your e-mail address</a>');
      expect(response.body).toContain('<a href="#field-password">Enter your password</a>');
      expect(response.body).toMatch(/<span class="field-error" id="field-email-error">/);
      expect(response.body).toMatch(
        /id="field-email"[^>]*aria-describedby="field-email-error"[^>]*aria-invalid="true"/,
      );
    });

    it('refuses a replayed code (the same time step), then accepts the next one', async () => {
      const { invitationPath, account } = await web().invite();
      const browser = web().browser();
      const { seed } = await web().enrol(browser, invitationPath);
      await browser.post('/logout', { _csrf: csrfOf((await browser.get('/account')).body, '/logout') });

      // Same instant: the code of the enrolment's step is spent.
      expectSeeOther(
        await browser.submit('/login', '/login', { email: account.email, password: PASSWORD }),
        '/login/verify',
      );
      const replayed = await browser.submit('/login/verify', '/login/verify', {
        method: 'totp',
        code: web().code(seed),
      });
      expect(replayed.statusCode).toBe(401);
      expect(replayed.body).toContain('<a href="#field-code">The code is wrong or was already used.');
      expect(replayed.body).toContain('autocomplete="one-time-code"');
      expect(replayed.body).toContain('inputmode="numeric"');
      expectSeeOther(await browser.get('/account'), '/login/verify');

      web().world.clock.advance(STEP_MS);
      expectSeeOther(
        await browser.submit('/login/verify', '/login/verify', { method: 'totp', code: web().code(seed) }),
        '/my',
      );
    });

    it('accepts a recovery code once, and refuses it the second time', async () => {
      const { invitationPath, account } = await web().invite();
      const browser = web().browser();
      const { recoveryCodes } = await web().enrol(browser, invitationPath);
      const [first] = recoveryCodes;
      await browser.post('/logout', { _csrf: csrfOf((await browser.get('/account')).body, '/logout') });

      await browser.submit('/login', '/login', { email: account.email, password: PASSWORD });
      expectSeeOther(
        await browser.submit('/login/verify', '/login/verify', { method: 'recovery', recoveryCode: first! }),
        '/my',
      );
      await browser.post('/logout', { _csrf: csrfOf((await browser.get('/account')).body, '/logout') });

      await browser.submit('/login', '/login', { email: account.email, password: PASSWORD });
      const reused = await browser.submit('/login/verify', '/login/verify', {
        method: 'recovery',
        recoveryCode: first!,
      });
      expect(reused.statusCode).toBe(401);
      expect(reused.body).toContain(
        '<a href="#field-recovery-code">The recovery code is wrong or was already used</a>',
      );
      expect(reused.body).toMatch(/<details open/);
      expectSeeOther(
        await browser.submit('/login/verify', '/login/verify', { method: 'recovery', recoveryCode: recoveryCodes[1]! }),
        '/my',
      );
    });

    it('answers an expired invitation link (8 days later) with a 410 page, on GET and on POST', async () => {
      const { invitationPath } = await web().invite();
      const browser = web().browser();
      const form = await browser.get(invitationPath);
      web().world.clock.advance(8 * DAY_MS);
      const shown = await browser.get(invitationPath);
      expect(shown.statusCode).toBe(410);
      expect(shown.body).toContain('This invitation link is no longer valid');
      const posted = await browser.post(invitationPath, {
        _csrf: csrfOf(form.body, invitationPath),
        password: PASSWORD,
        passwordConfirm: PASSWORD,
      });
      expect(posted.statusCode).toBe(410);
      expect(browser.session).toBeUndefined();
    });

    it('answers a used invitation link with a 410 page', async () => {
      const { invitationPath } = await web().invite();
      const browser = web().browser();
      const form = await browser.get(invitationPath);
      await browser.post(invitationPath, {
        _csrf: csrfOf(form.body, invitationPath),
        password: PASSWORD,
        passwordConfirm: PASSWORD,
      });
      const other = web().browser();
      const shown = await other.get(invitationPath);
      expect(shown.statusCode).toBe(410);
      expect(shown.body).not.toContain('<form method="post" action="/invitations/');
      // Posting anyway (with a valid anonymous CSRF token of this browser) is refused the same way.
      const token = csrfOf((await other.get('/login')).body, '/login');
      const posted = await other.post(invitationPath, {
        _csrf: token,
        password: 'another fine passphrase',
        passwordConfirm: 'another fine passphrase',
      });
      expect(posted.statusCode).toBe(410);
      expect(other.session).toBeUndefined();
    });

    it('refuses two different passwords at the confirmation field, and a weak one at the password field, without using up the link', async () => {
      const { invitationPath } = await web().invite({ email: 'kim@msit.kr.test' });
      const browser = web().browser();
      const mismatch = await browser.submit(invitationPath, invitationPath, {
        password: PASSWORD,
        passwordConfirm: `${PASSWORD}!`,
      });
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.body).toContain('<a href="#field-password-confirm">The two passwords are not the same</a>');
      expect(mismatch.body).toMatch(/id="field-password-confirm"[^>]*aria-describedby="field-password-confirm-error"/);
      expect(mismatch.body).not.toContain(PASSWORD);

      const weak = await browser.submit(invitationPath, invitationPath, {
        password: 'short',
        passwordConfirm: 'short',
      });
      expect(weak.statusCode).toBe(400);
      expect(weak.body).toContain('<a href="#field-password">Use at least 12 characters</a>');

      expectSeeOther(
        await browser.submit(invitationPath, invitationPath, { password: PASSWORD, passwordConfirm: PASSWORD }),
        '/account/authenticator',
      );
    });

    it('refuses a wrong code at enrolment and keeps the key on the page', async () => {
      const { invitationPath } = await web().invite();
      const browser = web().browser();
      await browser.submit(invitationPath, invitationPath, { password: PASSWORD, passwordConfirm: PASSWORD });
      const wrong = await browser.submit('/account/authenticator', '/account/authenticator', { code: '000000' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.body).toContain('<a href="#field-code">');
      expect(wrong.body).toContain('id="totp-key"');
      expect(wrong.body).toMatch(/<img class="qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
      const letters = await browser.submit('/account/authenticator', '/account/authenticator', { code: 'abc' });
      expect(letters.statusCode).toBe(400);
      expect(letters.body).toContain('Enter the code as 6 digits');
    });
  });

  describe('sessions', () => {
    it('ends a session idle for 31 minutes: redirect to sign-in and the cookie cleared', async () => {
      const { invitationPath } = await web().invite();
      const browser = web().browser();
      await web().enrol(browser, invitationPath);
      const secret = browser.session!;
      web().world.clock.advance(31 * MINUTE_MS);
      const response = await browser.get('/account');
      expectSeeOther(response, '/login?notice=session-expired&next=%2Faccount');
      const cleared = (response.cookies as SetCookie[]).find((c) => c.name === SESSION_COOKIE);
      expect(cleared).toBeDefined();
      expect(cleared!.value).toBe('');
      expect(
        cleared!.maxAge === 0 || (cleared!.expires !== undefined && cleared!.expires.getTime() <= Date.now()),
      ).toBe(true);
      expect(browser.session).toBeUndefined();
      expect(
        await web()
          .world.ctx.db.selectFrom('session')
          .select('id')
          .where('id', '=', hashSecret(secret))
          .executeTakeFirst(),
      ).toBeUndefined();
      expect((await browser.get('/login?notice=session-expired')).body).toContain(
        'Your session has ended. Sign in again.',
      );
    });

    it('signs out the other sessions from the account page', async () => {
      const { invitationPath, account } = await web().invite();
      const laptop = web().browser();
      const { seed } = await web().enrol(laptop, invitationPath);
      const office = web().browser();
      web().world.clock.advance(STEP_MS);
      await web().signIn(office, account.email, seed);
      expect((await laptop.get('/account')).body.match(/<tr>/g)?.length).toBeGreaterThanOrEqual(3);

      const response = await laptop.submit('/account', '/account/sessions/sign-out-others', {});
      expectSeeOther(response, '/account?notice=other-sessions-ended');
      expect((await laptop.get('/account?notice=other-sessions-ended')).body).toContain(
        'Your other sessions were signed out.',
      );
      expectSeeOther(await office.get('/account'), '/login?notice=session-expired&next=%2Faccount');
    });
  });

  describe('brute force', () => {
    it('locks the account after 5 wrong passwords: LOGIN_LOCKED is shown, even for the right password', async () => {
      const { invitationPath, account } = await web().invite();
      await web().enrol(web().browser(), invitationPath);
      const browser = web().browser();
      for (let i = 0; i < 5; i++) {
        const wrong = await browser.submit('/login', '/login', {
          email: account.email,
          password: `wrong password number ${i}`,
        });
        expect(wrong.statusCode).toBe(401);
      }
      const locked = await browser.submit('/login', '/login', { email: account.email, password: PASSWORD });
      expect(locked.statusCode).toBe(429);
      expect(locked.body).toContain('Too many failed attempts');
      expect(browser.session).toBeUndefined();
      // From another address too: the lock is the account's.
      const elsewhere = web().browser('203.0.113.9');
      expect(
        (await elsewhere.submit('/login', '/login', { email: account.email, password: PASSWORD })).statusCode,
      ).toBe(429);
    });

    it('locks an address after 20 failures across accounts; another address still signs in', async () => {
      const { invitationPath, account } = await web().invite();
      await web().enrol(web().browser(), invitationPath);
      const attacker = web().browser('192.0.2.66');
      const form = await attacker.get('/login');
      const token = csrfOf(form.body, '/login');
      for (let i = 0; i < 20; i++) {
        const wrong = await attacker.post('/login', {
          _csrf: token,
          email: `guess${i}@example.test`,
          password: 'password123456',
        });
        expect(wrong.statusCode).toBe(401);
      }
      const locked = await attacker.post('/login', { _csrf: token, email: account.email, password: PASSWORD });
      expect(locked.statusCode).toBe(429);
      expect(decode(locked.body)).toContain('Too many failed attempts');
      const honest = web().browser('198.51.100.20');
      expectSeeOther(
        await honest.submit('/login', '/login', { email: account.email, password: PASSWORD }),
        '/login/verify',
      );
    });
  });
});
