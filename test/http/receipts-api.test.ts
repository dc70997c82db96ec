import { beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import type { Receipt } from '../../src/domain/receipt/receipt.js';
import { describeEachDialect } from '../helpers/databases.js';
import { replyInput } from '../helpers/world.js';
import { expectProblem, useApi } from './api-harness.js';

const ID = 'tsb-79-2023';
const VERIFY = '/api/v1/receipts/verify';

describeEachDialect('receipts API', (dialect) => {
  const api = useApi(dialect);

  beforeEach(async () => {
    await api().world.openConsultation();
    api().world.clock.set('2023-05-02T10:00:00Z');
  });

  /** KR's reply, and its receipt as KR downloads it. */
  async function krReceipt(): Promise<Receipt> {
    const put = await api().send('PUT', `/api/v1/consultations/${ID}/replies/KR`, {
      token: api().tokens.kr,
      body: replyInput(),
    });
    expect(put.statusCode).toBe(201);
    const get = await api().send('GET', `/api/v1/consultations/${ID}/replies/KR/versions/1/receipt`, {
      token: api().tokens.kr,
    });
    expect(get.statusCode).toBe(200);
    return get.json<Receipt>();
  }

  /** JSON text nested `depth` levels deep, built as text: serialising it would overflow the test's own stack. */
  const nested = (depth: number) => `${'['.repeat(depth)}0${']'.repeat(depth)}`;

  describe('bounded input', () => {
    it('answers a receipt carrying a value nested 100,000 levels deep with a 400 problem, not a 500', async () => {
      const receipt = JSON.stringify(await krReceipt());
      const body = `${receipt.slice(0, -1)},"note":${nested(100_000)}}`;
      const response = await api().send('POST', VERIFY, { body, headers: { 'content-type': 'application/json' } });
      expectProblem(response, 400, 'VALIDATION_FAILED');
    });

    it('answers a receipt whose known field is replaced by a deep nest with a 400 problem, not a 500', async () => {
      const receipt = JSON.stringify(await krReceipt());
      const body = receipt.replace(/"attachments":\[\]/, `"attachments":[${nested(100_000)}]`);
      expect(body).not.toBe(receipt);
      const response = await api().send('POST', VERIFY, { body, headers: { 'content-type': 'application/json' } });
      expectProblem(response, 400, 'VALIDATION_FAILED');
    });

    it('refuses a receipt with an unknown field or an oversized value, and still verifies the genuine one', async () => {
      const receipt = await krReceipt();
      expectProblem(await api().send('POST', VERIFY, { body: { ...receipt, extra: 1 } }), 400, 'VALIDATION_FAILED');
      expectProblem(
        await api().send('POST', VERIFY, {
          body: { ...receipt, signature: { ...receipt.signature, value: 'A'.repeat(100_000) } },
        }),
        400,
        'VALIDATION_FAILED',
      );
      const genuine = await api().send('POST', VERIFY, { body: receipt });
      expect(genuine.statusCode).toBe(200);
      expect(genuine.json<{ ok: boolean }>().ok).toBe(true);
    });
  });

  describe('published keys', () => {
    it('publishes every receipt key with its validity period at /.well-known/assent-keys.json, to anyone', async () => {
      const receipt = await krReceipt();
      const response = await api().send('GET', '/.well-known/assent-keys.json');
      expect(response.statusCode).toBe(200);
      const current = (await api().send('GET', '/api/v1/receipts/public-key')).json<{ publicKey: string }>();
      expect(response.json()).toEqual({
        keys: [
          {
            keyId: receipt.signature.keyId,
            algorithm: 'Ed25519',
            publicKey: current.publicKey,
            validFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
            validUntil: null,
            signs: ['receipts', 'audit-checkpoints'],
          },
        ],
      });
    });
  });

  describe('rate limit', () => {
    it('limits receipt verification per client address even when the API-wide limit is off: the third call in a minute gets 429', async () => {
      const receipt = await krReceipt();
      const app = await buildApp({
        ctx: api().world.ctx,
        logger: false,
        rateLimitPerMinute: 0,
        receiptVerifyPerMinute: 2,
      });
      try {
        const verify = () =>
          app.inject({ method: 'POST', url: VERIFY, payload: receipt as unknown as Record<string, unknown> });
        expect((await verify()).statusCode).toBe(200);
        expect((await verify()).statusCode).toBe(200);
        expectProblem(await verify(), 429, 'RATE_LIMITED');
        // Other routes are not limited by it.
        for (let i = 0; i < 5; i += 1)
          expect((await app.inject({ method: 'GET', url: '/api/v1/consultations' })).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    });
  });
});
