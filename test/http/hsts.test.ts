import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { serviceContext } from '../../src/services/service-context.js';
import { mutableClock } from '../../src/domain/time/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';

/**
 * Strict-Transport-Security tells a browser to use HTTPS only for this host from then on. Sent
 * over plain HTTP it means nothing (RFC 6797 §8.1: the browser must ignore it) and says the
 * server does not know how it is reached; it is sent only on requests that came over HTTPS —
 * directly, or through a reverse proxy that is trusted and says so in X-Forwarded-Proto.
 */

const HSTS = 'strict-transport-security';
const opened: { app: FastifyInstance; database: TestDatabase }[] = [];

afterEach(async () => {
  for (const { app, database } of opened.splice(0)) {
    await app.close();
    await database.destroy();
  }
});

async function appWith(trustProxy?: readonly string[]): Promise<FastifyInstance> {
  const database = await createTestDatabase('sqlite');
  const ctx = serviceContext(database.db, mutableClock('2023-03-28T08:00:00Z').now);
  const app = await buildApp({
    ctx,
    logger: false,
    rateLimitPerMinute: 0,
    ...(trustProxy !== undefined && { trustProxy: trustProxy as never }),
  });
  opened.push({ app, database });
  return app;
}

const PATHS = ['/api/v1/consultations', '/en/login', '/no-such-page', '/api/v1/no-such-route', '/health'];

describe('HSTS only over HTTPS', () => {
  it('sends no Strict-Transport-Security over plain HTTP: API, pages, errors, health', async () => {
    const app = await appWith();
    for (const url of PATHS) {
      const response = await app.inject({ method: 'GET', url });
      expect({ url, hsts: response.headers[HSTS] }).toEqual({ url, hsts: undefined });
    }
  });

  it('ignores X-Forwarded-Proto: https from a client when no proxy is trusted', async () => {
    const app = await appWith();
    const response = await app.inject({ method: 'GET', url: '/en/login', headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers[HSTS]).toBeUndefined();
  });

  it('sends it when a trusted reverse proxy says the request came over HTTPS', async () => {
    const app = await appWith(['127.0.0.1']);
    for (const url of PATHS) {
      const response = await app.inject({
        method: 'GET',
        url,
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.7' },
      });
      expect({ url, hsts: response.headers[HSTS] }).toEqual({ url, hsts: 'max-age=31536000; includeSubDomains' });
    }
    const plain = await app.inject({
      method: 'GET',
      url: '/en/login',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-proto': 'http', 'x-forwarded-for': '198.51.100.7' },
    });
    expect(plain.headers[HSTS]).toBeUndefined();
  });
});
