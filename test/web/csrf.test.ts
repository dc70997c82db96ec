import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/database.js';
import { describeEachDialect } from '../helpers/databases.js';
import { csrfOf, expectSeeOther, PASSWORD, STEP_MS, useWeb, type Browser } from './web-harness.js';

/** What a refused form post must leave as it was: sessions, tokens, the audit trail, throttle counters. */
async function identityState(db: Kysely<DB>) {
  const [sessions, tokens, audit, throttle] = await Promise.all([
    db.selectFrom('session').select(['id', 'account_id', 'mfa_verified_at']).orderBy('id').execute(),
    db.selectFrom('api_token').select(['id', 'revoked_at']).orderBy('id').execute(),
    db.selectFrom('audit_event').select(['seq', 'action']).orderBy('seq').execute(),
    db.selectFrom('login_throttle').selectAll().execute(),
  ]);
  return { sessions, tokens, audit: audit.map((a) => ({ ...a, seq: Number(a.seq) })), throttle };
}

/** The CSRF refusal: a 403 page saying so, in HTML. */
function expectCsrfRefusal(response: LightMyRequestResponse): void {
  expect(response.statusCode).toBe(403);
  expect(response.headers['content-type']).toMatch(/^text\/html/);
  expect(response.body).toContain('The form could not be verified');
  expect(response.body).toContain('nothing was changed');
}

describeEachDialect('web forms against cross-site request forgery', (dialect) => {
  const web = useWeb(dialect);
  let laptop: Browser;
  let office: Browser;
  let email: string;

  /** The same person signed in twice: on a laptop and in the office. */
  beforeEach(async () => {
    const { invitationPath, account } = await web().invite();
    email = account.email;
    laptop = web().browser();
    const { seed } = await web().enrol(laptop, invitationPath);
    office = web().browser();
    web().world.clock.advance(STEP_MS);
    await web().signIn(office, email, seed);
  });

  const OTHERS = '/account/sessions/sign-out-others';

  it('refuses a form without its token: 403, and the other sessions are still signed in', async () => {
    const before = await identityState(web().world.ctx.db);
    expectCsrfRefusal(await laptop.post(OTHERS, {}));
    expectCsrfRefusal(await laptop.post(OTHERS, { _csrf: '' }));
    expect(await identityState(web().world.ctx.db)).toEqual(before);
    expect((await office.get('/account')).statusCode).toBe(200);
  });

  it('refuses the token of another session (the same person, another browser)', async () => {
    const officeToken = csrfOf((await office.get('/account')).body, OTHERS);
    const before = await identityState(web().world.ctx.db);
    expectCsrfRefusal(await laptop.post(OTHERS, { _csrf: officeToken }));
    expect(await identityState(web().world.ctx.db)).toEqual(before);
    expect((await office.get('/account')).statusCode).toBe(200);
  });

  it('refuses a post the browser marks Sec-Fetch-Site: cross-site, even with a valid token', async () => {
    const token = csrfOf((await laptop.get('/account')).body, OTHERS);
    const before = await identityState(web().world.ctx.db);
    expectCsrfRefusal(await laptop.post(OTHERS, { _csrf: token }, { headers: { 'sec-fetch-site': 'cross-site' } }));
    expect(await identityState(web().world.ctx.db)).toEqual(before);
    expect((await office.get('/account')).statusCode).toBe(200);
    // The same post from this site goes through.
    expectSeeOther(
      await laptop.post(OTHERS, { _csrf: token }, { headers: { 'sec-fetch-site': 'same-origin' } }),
      '/account?notice=other-sessions-ended',
    );
    expectSeeOther(await office.get('/account'), '/login?notice=session-expired&next=%2Faccount');
  });

  it('refuses a post whose Origin is another host (or opaque), and accepts its own', async () => {
    const token = csrfOf((await laptop.get('/account')).body, OTHERS);
    const before = await identityState(web().world.ctx.db);
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'null', 'http://localhost:8080']) {
      expectCsrfRefusal(await laptop.post(OTHERS, { _csrf: token }, { headers: { origin } }));
    }
    expect(await identityState(web().world.ctx.db)).toEqual(before);
    expect((await office.get('/account')).statusCode).toBe(200);
    expectSeeOther(
      await laptop.post(OTHERS, { _csrf: token }, { headers: { origin: 'http://localhost' } }),
      '/account?notice=other-sessions-ended',
    );
  });

  it('refuses sign-out without the token: the session stays alive', async () => {
    const before = await identityState(web().world.ctx.db);
    expectCsrfRefusal(await laptop.post('/logout', {}));
    expect(await identityState(web().world.ctx.db)).toEqual(before);
    expect((await laptop.get('/account')).statusCode).toBe(200);
  });

  it('refuses token creation and revocation from another site, or without the token', async () => {
    const page = await laptop.get('/account');
    const created = await laptop.post('/account/tokens', {
      _csrf: csrfOf(page.body, '/account/tokens'),
      label: 'Mine',
      scopes: 'read',
      days: '30',
    });
    expect(created.statusCode).toBe(200);
    const account = await laptop.get('/account');
    const revoke = /action="(\/account\/tokens\/[^"]+\/revoke)"/.exec(account.body)![1]!;
    const token = csrfOf(account.body, revoke);

    const before = await identityState(web().world.ctx.db);
    const evil = { headers: { origin: 'https://evil.example' } };
    expectCsrfRefusal(
      await laptop.post('/account/tokens', { _csrf: token, label: 'Planted', scopes: 'read', days: '30' }, evil),
    );
    expectCsrfRefusal(await laptop.post('/account/tokens', { label: 'Planted', scopes: 'read', days: '30' }));
    expectCsrfRefusal(await laptop.post(revoke, { _csrf: token }, evil));
    expectCsrfRefusal(await laptop.post(revoke, {}));
    expect(await identityState(web().world.ctx.db)).toEqual(before);
  });

  it('refuses a sign-in without the double-submit cookie, or with a token that is not the cookie', async () => {
    const stranger = web().browser('192.0.2.10');
    const form = await stranger.get('/login');
    const token = csrfOf(form.body, '/login');
    const before = await identityState(web().world.ctx.db);

    const cookieless = web().browser('192.0.2.10');
    expectCsrfRefusal(await cookieless.post('/login', { _csrf: token, email, password: PASSWORD }));
    expectCsrfRefusal(
      await stranger.post('/login', {
        _csrf: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
        email,
        password: PASSWORD,
      }),
    );
    expectCsrfRefusal(await stranger.post('/login', { email, password: PASSWORD }));
    expectCsrfRefusal(
      await stranger.post(
        '/login',
        { _csrf: token, email, password: PASSWORD },
        { headers: { 'sec-fetch-site': 'cross-site' } },
      ),
    );
    expect(cookieless.session).toBeUndefined();
    expect(stranger.session).toBeUndefined();
    // Nothing was counted against the account either: the password was never looked at.
    expect(await identityState(web().world.ctx.db)).toEqual(before);

    expectSeeOther(await stranger.post('/login', { _csrf: token, email, password: PASSWORD }), '/login/verify');
  });

  it('refuses an invitation form posted from another site: the link stays usable', async () => {
    const { invitationPath } = await web().invite();
    const browser = web().browser();
    const form = await browser.get(invitationPath);
    const fields = { _csrf: csrfOf(form.body, invitationPath), password: PASSWORD, passwordConfirm: PASSWORD };
    expectCsrfRefusal(await browser.post(invitationPath, fields, { headers: { origin: 'https://evil.example' } }));
    expectCsrfRefusal(await browser.post(invitationPath, { ...fields, _csrf: 'forged' }));
    expect((await browser.get(invitationPath)).statusCode).toBe(200);
    expectSeeOther(await browser.post(invitationPath, fields), '/account/authenticator');
  });

  describe('tokens of the second factor', () => {
    it('refuses a code posted with the token of another session', async () => {
      const pending = web().browser();
      await pending.submit('/login', '/login', { email, password: PASSWORD });
      const officeToken = csrfOf((await office.get('/account')).body, OTHERS);
      const before = await identityState(web().world.ctx.db);
      expectCsrfRefusal(await pending.post('/login/verify', { _csrf: officeToken, method: 'totp', code: '123456' }));
      expect(await identityState(web().world.ctx.db)).toEqual(before);
    });
  });
});
