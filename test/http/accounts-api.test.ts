import { describe, expect, it } from 'vitest';
import { signInWithPassword } from '../../src/services/identity/sign-in.js';
import { describeEachDialect } from '../helpers/databases.js';
import {
  CLIENT,
  PASSWORD,
  deliverMail,
  enrolledAccount,
  invite,
  linkIn,
  refused,
} from '../identity/identity-harness.js';
import { expectProblem, useApi } from './api-harness.js';

describeEachDialect('accounts API: a lost authenticator', (dialect) => {
  const api = useApi(dialect);

  describe('POST /api/v1/accounts/{accountId}/authenticator-reset', () => {
    it('resets it for an administrator: the account as the API shows it, the link once (not cached), the e-mail, the audit row', async () => {
      const { ctx } = api().world;
      const person = await enrolledAccount(ctx, { email: 'fp@msit.kr.test' });
      await deliverMail(ctx);
      const response = await api().send('POST', `/api/v1/accounts/${person.account.id}/authenticator-reset`, {
        token: api().tokens.secretariat,
        body: { reason: 'Phone lost; identity checked by telephone' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const body = response.json<{ account: Record<string, unknown>; enrolmentPath: string; expiresAt: string }>();
      expect(body.account).toMatchObject({
        id: person.account.id,
        status: 'active',
        secondFactor: false,
        authenticatorReset: true,
      });
      expect(body.expiresAt).toBe('2023-04-04T08:00:00.000Z');
      const [mail] = await deliverMail(ctx);
      expect(`/invitations/${linkIn(mail!, 'invitations').secret}`).toBe(body.enrolmentPath);
      await refused(
        signInWithPassword(ctx, { email: person.email, password: PASSWORD, client: CLIENT }),
        'AUTHENTICATOR_RESET_PENDING',
      );

      const listed = await api().send('GET', '/api/v1/accounts', { token: api().tokens.secretariat });
      expect(listed.json<{ items: { id: string; authenticatorReset: boolean }[] }>().items).toEqual([
        expect.objectContaining({ id: person.account.id, authenticatorReset: true }),
      ]);
      const audit = await api().send('GET', '/api/v1/audit', { token: api().tokens.secretariat });
      const events = audit.json<{ items: { action: string; data: Record<string, unknown> }[] }>().items;
      expect(events.find((e) => e.action === 'account.authenticator-reset')?.data).toMatchObject({
        reason: 'Phone lost; identity checked by telephone',
        email: 'fp@msit.kr.test',
      });
    });

    it('needs a reason on one line (400), an account with an authenticator (409), an existing account (404), an administrator (403)', async () => {
      const { ctx } = api().world;
      const person = await enrolledAccount(ctx);
      const invited = await invite(ctx, { email: 'invited@msit.kr.test' });
      const url = `/api/v1/accounts/${person.account.id}/authenticator-reset`;
      const send = (path: string, body: unknown, token = api().tokens.secretariat) =>
        api().send('POST', path, { token, body });
      expectProblem(await send(url, {}), 400, 'VALIDATION_FAILED');
      expectProblem(await send(url, { reason: '' }), 400, 'VALIDATION_FAILED');
      expectProblem(await send(url, { reason: 'Phone\nlost' }), 400, 'VALIDATION_FAILED');
      const conflict = expectProblem(
        await send(`/api/v1/accounts/${invited.account.id}/authenticator-reset`, { reason: 'Lost phone' }),
        409,
        'CONFLICT',
      );
      expect(conflict.errors).toEqual([
        expect.objectContaining({ field: '/accountId', code: 'INVITATION_NOT_ACCEPTED' }),
      ]);
      expectProblem(
        await send('/api/v1/accounts/no-such-account/authenticator-reset', { reason: 'Lost phone' }),
        404,
        'NOT_FOUND',
      );
      expectProblem(await send(url, { reason: 'Lost phone' }, api().tokens.kr), 403, 'FORBIDDEN');
      expectProblem(await api().send('POST', url, { body: { reason: 'Lost phone' } }), 401, 'UNAUTHENTICATED');
      const row = await ctx.db
        .selectFrom('account')
        .select(['totp_enabled_at', 'authenticator_reset_at'])
        .where('id', '=', person.account.id)
        .executeTakeFirstOrThrow();
      expect(row.totp_enabled_at).not.toBeNull();
      expect(row.authenticator_reset_at).toBeNull();
    });
  });
});
