import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { useWorld } from '../helpers/world.js';
import { Browser, csrfOf, decode } from '../web/web-harness.js';

/**
 * Which client address the sign-in lock counts when Assent sits behind a reverse proxy: the one
 * the configured proxy saw, never one a client wrote into X-Forwarded-For itself (finding 7 of
 * the attack test: with TRUST_PROXY=on, 30 failed sign-ins with a rotating header gave no lock).
 * The app is built from the configuration as `assent serve` builds it.
 */
describeEachDialect('the client address behind a reverse proxy', (dialect) => {
  const world = useWorld(dialect);
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  /** The nginx in front, on the same machine, as `TRUST_PROXY` names it. */
  const PROXY = '127.0.0.1';
  /** The attacker's real address, which the proxy appends to X-Forwarded-For. */
  const ATTACKER = '192.0.2.66';

  async function appBehind(trustProxy: string): Promise<FastifyInstance> {
    const config = loadConfig({ DATA_DIR: '/nonexistent/assent-client-address-test', TRUST_PROXY: trustProxy });
    app = await buildApp({ ctx: world().ctx, logger: false, rateLimitPerMinute: 0, trustProxy: config.trustProxy });
    return app;
  }

  async function throttled(key: string): Promise<number | undefined> {
    const row = await world()
      .ctx.db.selectFrom('login_throttle')
      .select('failures')
      .where('key', '=', key)
      .executeTakeFirst();
    return row && Number(row.failures);
  }

  it('locks the address the proxy saw after 20 failed sign-ins, whatever X-Forwarded-For the client sent', async () => {
    const attacker = new Browser(await appBehind('loopback'), PROXY);
    const token = csrfOf((await attacker.get('/login', { 'x-forwarded-for': ATTACKER })).body, '/login');
    const answers: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const response = await attacker.post(
        '/login',
        { _csrf: token, email: `guess${i}@example.test`, password: 'password123456' },
        // The client's own header, rotated on every try, with the address the proxy appends.
        { headers: { 'x-forwarded-for': `203.0.113.${i + 1}, ${ATTACKER}` } },
      );
      answers.push(response.statusCode);
      if (i === 29) expect(decode(response.body)).toContain('Too many failed attempts');
    }
    expect(answers).toEqual([...Array<number>(20).fill(401), ...Array<number>(10).fill(429)]);
    expect(await throttled(`ip:${ATTACKER}`)).toBe(20);
    for (let i = 0; i < 30; i += 1) expect(await throttled(`ip:203.0.113.${i + 1}`)).toBeUndefined();
  });

  it('reads X-Forwarded-For only from a listed proxy: a client connecting directly is counted on its own address', async () => {
    const direct = new Browser(await appBehind('10.0.0.5,10.0.1.0/24'), '198.51.100.9');
    const token = csrfOf((await direct.get('/login')).body, '/login');
    const forged = await direct.post(
      '/login',
      { _csrf: token, email: 'guess@example.test', password: 'password123456' },
      { headers: { 'x-forwarded-for': '203.0.113.200' } },
    );
    expect(forged.statusCode).toBe(401);
    expect(await throttled('ip:198.51.100.9')).toBe(1);
    expect(await throttled('ip:203.0.113.200')).toBeUndefined();

    // Through the listed range, the address the proxy appended counts.
    const proxied = new Browser(app!, '10.0.1.17');
    const proxiedToken = csrfOf((await proxied.get('/login')).body, '/login');
    await proxied.post(
      '/login',
      { _csrf: proxiedToken, email: 'guess@example.test', password: 'password123456' },
      { headers: { 'x-forwarded-for': `203.0.113.201, ${ATTACKER}` } },
    );
    expect(await throttled(`ip:${ATTACKER}`)).toBe(1);
    expect(await throttled('ip:10.0.1.17')).toBeUndefined();
  });
});
