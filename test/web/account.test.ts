import { beforeEach, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/databases.js';
import { replyInput } from '../helpers/world.js';
import { csrfOf, decode, expectSeeOther, textOf, useWeb, type Browser } from './web-harness.js';

const CONSULTATION = 'tsb-79-2023';

describeEachDialect('web account page', (dialect) => {
  const web = useWeb(dialect);
  let browser: Browser;

  /** Creates a personal token through the form; returns the page that answers. */
  async function createToken(fields: Record<string, string | string[]>) {
    const page = await browser.get('/account');
    return browser.post('/account/tokens', { _csrf: csrfOf(page.body, '/account/tokens'), ...fields });
  }

  /** The API as a program holding `secret` sees it. */
  const api = (method: 'GET' | 'PUT', url: string, secret: string, body?: unknown) =>
    web().app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${secret}` },
      ...(body !== undefined && { payload: body as object }),
    });

  describe('a focal point of Korea', () => {
    beforeEach(async () => {
      await web().world.openConsultation();
      const { invitationPath } = await web().invite({ name: 'Kim Min-jun', memberState: 'KR' });
      browser = web().browser();
      await web().enrol(browser, invitationPath);
    });

    it('saves the preferred language of e-mails and documents, and refuses one that is not a UN language', async () => {
      const page = await browser.get('/account');
      expect(page.body).toContain('<option value="en" lang="en" selected>English</option>');
      const saved = await browser.post('/account/language', {
        _csrf: csrfOf(page.body, '/account/language'),
        language: 'fr',
      });
      expectSeeOther(saved, '/account?notice=language-set');
      const after = await browser.get('/account?notice=language-set');
      expect(after.body).toContain('<option value="fr" lang="fr" selected>Français</option>');
      expect(after.body).toContain('Your preferred language was saved');
      const accounts = await web().world.database.db.selectFrom('account').select(['language']).execute();
      expect(accounts.map((a) => a.language)).toEqual(['fr']);
      const refused = await browser.post('/account/language', {
        _csrf: csrfOf(after.body, '/account/language'),
        language: 'de',
      });
      expect(refused.statusCode).toBe(400);
      expect(decode(refused.body)).toContain('Choose one of the six languages');
      expect(refused.body).toContain('href="#field-language"');
      expect((await web().world.database.db.selectFrom('account').select(['language']).execute())[0]!.language).toBe(
        'fr',
      );
    });

    it('creates a personal token whose secret is shown once, and which works on the API within its scope', async () => {
      const created = await createToken({ label: 'CLI on my laptop', scopes: 'read', days: '30' });
      expect(created.statusCode).toBe(200);
      expect(created.headers['cache-control']).toBe('no-store');
      expect(created.body).toContain('It will not be shown again');
      const secret = textOf(created.body, 'token-secret');
      expect(secret).toMatch(/^assent_[A-Za-z0-9_-]{43}$/);
      expect(created.body).toContain('<time datetime="2023-04-27T08:00:00.000Z">27 April 2023 at 08:00 UTC</time>');

      const account = await browser.get('/account');
      expect(account.body).not.toContain(secret);
      expect(account.body).toContain('<td>CLI on my laptop</td><td>read</td>');

      const read = await api('GET', '/api/v1/consultations', secret);
      expect(read.statusCode).toBe(200);
      expect(JSON.stringify(read.json())).toContain(CONSULTATION);

      // A read-only token cannot reply, although its account may.
      const write = await api('PUT', `/api/v1/consultations/${CONSULTATION}/replies/KR`, secret, replyInput());
      expect(write.statusCode).toBe(403);
      expect(write.json()).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('lets a token with replies:write reply for its own State only', async () => {
      const created = await createToken({
        label: 'Ministry integration',
        scopes: ['read', 'replies:write'],
        days: '365',
      });
      const secret = textOf(created.body, 'token-secret');
      expect(
        (await api('PUT', `/api/v1/consultations/${CONSULTATION}/replies/KR`, secret, replyInput())).statusCode,
      ).toBe(201);
      expect(
        (await api('PUT', `/api/v1/consultations/${CONSULTATION}/replies/FR`, secret, replyInput())).json(),
      ).toMatchObject({ code: 'NOT_YOUR_MEMBER_STATE' });
    });

    it('revokes a token: it stops working at once', async () => {
      const secret = textOf(
        (await createToken({ label: 'Short-lived', scopes: 'read', days: '1' })).body,
        'token-secret',
      );
      const page = await browser.get('/account');
      const action = /action="(\/account\/tokens\/[^"]+\/revoke)"/.exec(page.body)![1]!;
      expect(page.body).toContain('aria-label="Revoke the token “Short-lived”"');
      expectSeeOther(await browser.post(action, { _csrf: csrfOf(page.body, action) }), '/account?notice=token-revoked');
      const after = await browser.get('/account?notice=token-revoked');
      expect(after.body).toContain('The token was revoked.');
      expect(after.body).toContain('You have no personal tokens.');
      expect((await api('GET', '/api/v1/consultations', secret)).statusCode).toBe(401);
      // Revoking it again: nothing to revoke.
      expect((await browser.post(action, { _csrf: csrfOf(page.body, action) })).statusCode).toBe(404);
    });

    it('re-renders the token form with what was typed, a summary and a message at each field', async () => {
      const response = await createToken({ label: '  ', scopes: ['read', 'root'], days: '366' });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('<a href="#field-label">Give the token a label of at most 200 characters</a>');
      expect(response.body).toContain('<a href="#field-scopes">Choose at least one scope</a>');
      expect(response.body).toContain('<a href="#field-days">Enter a whole number of days from 1 to 365</a>');
      expect(response.body).toMatch(/id="field-days"[^>]*aria-describedby="field-days-hint field-days-error"/);
      expect(response.body).toMatch(/<input type="text" value="366"/);
      expect(response.body).toMatch(/<input type="checkbox" id="field-scopes" name="scopes" value="read" checked/);
      expect(await web().world.ctx.db.selectFrom('api_token').select('id').execute()).toHaveLength(0);

      const kept = await createToken({ label: 'Kept label', days: 'abc' });
      expect(kept.statusCode).toBe(400);
      expect(kept.body).toMatch(/<input type="text" value="Kept label"/);
      expect(kept.body).not.toMatch(/value="read" checked/);
    });
  });

  it('renders an account name that is a script inert (escaped), on the account page and in token labels', async () => {
    const payload = '<script>alert(1)</script>';
    const { invitationPath } = await web().invite({ name: payload });
    browser = web().browser();
    await web().enrol(browser, invitationPath);
    await createToken({ label: `<img src=x onerror=alert(2)>`, scopes: 'read', days: '7' });
    const page = await browser.get('/account');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(payload);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toMatch(/<img src=x/i);
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(page.body).toContain('&lt;img src=x onerror=alert(2)>');
    // Shown as text, exactly as typed.
    expect(decode(/<dt>Name<\/dt><dd>(.*?)<\/dd>/.exec(page.body)![1]!)).toBe(payload);
  });

  it('shows the role of the secretariat and no Member State', async () => {
    const { invitationPath } = await web().invite({ role: 'secretariat_staff', name: 'TSB officer' });
    browser = web().browser();
    await web().enrol(browser, invitationPath);
    const page = await browser.get('/account');
    expect(page.body).toContain('<dd>Secretariat staff</dd>');
    expect(page.body).not.toContain('Member State</dt>');
  });
});
