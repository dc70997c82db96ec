import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { buildApp, LOG_REDACTIONS, LOG_SERIALIZERS } from '../../src/http/app.js';
import { createApiToken, createPersonalToken, authenticateToken } from '../../src/services/api-tokens.js';
import { setAccountDisabled } from '../../src/services/identity/accounts.js';
import { getStateReply } from '../../src/services/read-replies.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { replyInput, SECRETARIAT, useWorld } from '../helpers/world.js';
import { acceptedAccount } from './identity-harness.js';

describeEachDialect('focal points change, replies stay', (dialect) => {
  const world = useWorld(dialect);

  it("a State's replies survive the replacement of its focal point in the middle of a consultation", async () => {
    const { ctx, clock, openConsultation } = world();
    const id = await openConsultation();
    const first = await acceptedAccount(ctx, { email: 'first.fp@example.test', memberState: 'KR' });
    const firstToken = await createPersonalToken(ctx, {
      account: first.account,
      label: 'cli',
      scopes: ['read', 'replies:write'],
      expiresInDays: 365,
    });
    clock.set('2023-05-01T10:00:00Z');
    await submitReply(ctx, {
      actor: await authenticateToken(ctx, firstToken.secret),
      consultationId: id,
      memberState: 'KR',
      input: replyInput(),
      channel: 'api',
    });

    // The first focal point leaves: the account is disabled and its token stops at once.
    await setAccountDisabled(ctx, { actor: SECRETARIAT, accountId: first.account.id, disabled: true });
    await expect(authenticateToken(ctx, firstToken.secret)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    // The new focal point amends the State's reply: a new version, the first one kept.
    const second = await acceptedAccount(ctx, { email: 'second.fp@example.test', memberState: 'KR' });
    const secondToken = await createPersonalToken(ctx, {
      account: second.account,
      label: 'cli',
      scopes: ['read', 'replies:write'],
      expiresInDays: 365,
    });
    clock.set('2023-06-01T10:00:00Z');
    const amended = await submitReply(ctx, {
      actor: await authenticateToken(ctx, secondToken.secret),
      consultationId: id,
      memberState: 'KR',
      input: replyInput(['x1353']),
      channel: 'api',
    });
    expect(amended.receipt.version).toBe(2);

    const history = await getStateReply(ctx, { actor: SECRETARIAT, consultationId: id, memberState: 'KR' });
    expect(history.versions.map((v) => [v.version, v.enteredBy])).toEqual([
      [1, `account:${first.account.id}`],
      [2, `account:${second.account.id}`],
    ]);
    expect(history.pointers?.countedVersion).toBe(2);
  });

  it('request logs never contain a bearer token, a password, a session cookie or the secret of a link', async () => {
    const { ctx } = world();
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({
      ctx,
      rateLimitPerMinute: 0,
      logger: {
        level: 'trace',
        stream,
        // As the server configures its logger (src/http/server.ts).
        redact: { paths: LOG_REDACTIONS, censor: '[redacted]' },
        serializers: LOG_SERIALIZERS,
      },
    });
    try {
      const token = await createApiToken(ctx, { actor: SECRETARIAT, role: 'observer', label: 'log test' });
      await app.inject({
        method: 'GET',
        url: '/api/v1/consultations',
        headers: { authorization: `Bearer ${token.secret}`, cookie: '__Host-assent_session=cookie-secret-value' },
      });
      await app.inject({
        method: 'POST',
        url: '/login',
        payload: 'email=a%40example.test&password=a-very-secret-password&_csrf=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      // The secret of a single-use link is a credential too: its path segment is masked.
      const linkSecret = 'Xk3-single-use-link-secret_9';
      await app.inject({ method: 'GET', url: `/fr/password-reset/${linkSecret}` });
      await app.inject({ method: 'GET', url: `/invitations/${linkSecret}?x=1` });
      const log = lines.join('');
      expect(log.length).toBeGreaterThan(0);
      // (The language prefix is read before the request is logged.)
      expect(log).toContain('"url":"/password-reset/[redacted]"');
      expect(log).toContain('"url":"/invitations/[redacted]?x=1"');
      expect(log).not.toContain(linkSecret);
      expect(log).not.toContain(token.secret);
      expect(log).not.toContain('cookie-secret-value');
      expect(log).not.toContain('a-very-secret-password');
    } finally {
      await app.close();
    }
  });
});
