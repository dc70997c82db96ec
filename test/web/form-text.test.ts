import { randomBytes } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/databases.js';
import { csrfOf, decode, type Browser, useWeb } from './web-harness.js';

/**
 * The pages apply to every posted field the function the API applies to JSON bodies
 * (domain/text/input-text.ts): text with controls or bidi embeddings, overrides and isolates is
 * refused before anything is saved, and what is accepted is composed to NFC. Passwords are left
 * exactly as typed.
 */

describeEachDialect('text posted with page forms', (dialect) => {
  const web = useWeb(dialect);
  let kim: Browser;
  let id: string;

  beforeEach(async () => {
    id = await web().world.openConsultation();
    const { invitationPath } = await web().invite({ name: 'Kim Min-jun', memberState: 'KR' });
    kim = web().browser();
    await web().enrol(kim, invitationPath);
  });

  const labels = async () =>
    (await web().world.ctx.db.selectFrom('api_token').select('label').execute()).map((row) => row.label);

  /** Posts the token form of the account page with `label`. */
  async function createToken(label: string) {
    const page = await kim.get('/account');
    return kim.post('/account/tokens', {
      _csrf: csrfOf(page.body, '/account/tokens'),
      label,
      scopes: 'read',
      days: '30',
    });
  }

  it('refuses a token label carrying a bidi override, an isolate or a control character, and creates nothing', async () => {
    for (const label of ['laptop \u202etxt.exe', 'laptop \u2067x', 'laptop \u0007']) {
      const refused = await createToken(label);
      expect({ label, status: refused.statusCode }).toEqual({ label, status: 400 });
      expect(decode(refused.body)).toContain('nothing was changed');
    }
    expect(await labels()).toEqual([]);
  });

  it('stores a label typed decomposed as composed text (NFC)', async () => {
    expect((await createToken('Rene\u0301’s laptop')).statusCode).toBe(200);
    expect(await labels()).toEqual(['René’s laptop']);
  });

  it('refuses a reply form (multipart) whose signatory carries a bidi override, saving no draft', async () => {
    const form = `/en/my/consultations/${id}/reply`;
    const token = csrfOf((await kim.get(form)).body, form);
    const boundary = `----assent${randomBytes(8).toString('hex')}`;
    const fields: [string, string][] = [
      ['_csrf', token],
      ['basedOnVersion', '0'],
      ['draftRevision', '0'],
      ['signatoryName', 'Kim \u202eMin-jun'],
      ['action', 'save'],
    ];
    const body = `${fields
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join('')}--${boundary}--\r\n`;
    const response = await web().app.inject({
      method: 'POST',
      url: form,
      remoteAddress: '198.51.100.1',
      payload: Buffer.from(body, 'utf8'),
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        cookie: [...kim.jar].map(([name, value]) => `${name}=${value}`).join('; '),
        'user-agent': 'TestBrowser/1.0',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(await web().world.ctx.db.selectFrom('reply_draft').selectAll().execute()).toEqual([]);
  });
});
