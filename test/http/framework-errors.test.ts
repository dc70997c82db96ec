import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, type ErrorCode } from '../../src/domain/errors.js';
import { mutableClock } from '../../src/domain/time/clock.js';
import { buildApp } from '../../src/http/app.js';
import { serviceContext } from '../../src/services/service-context.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';

/**
 * Requests that never reach a route — a URL that is not valid percent-encoding, a path parameter
 * over the router's limit, headers over Node's limit, Content-Length together with
 * Transfer-Encoding, a request line that is not HTTP — are answered like every other error: an
 * RFC 9457 problem document (application/problem+json) with a stable code whose status is the
 * HTTP status, not Fastify's or Node's own JSON. Those refused before Fastify sees a request are
 * sent on a real connection (raw bytes over a socket); the others through inject().
 */

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Writes raw bytes to the server and reads what comes back until it closes the connection. */
function rawRequest(port: number, bytes: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => (chunks.length > 0 ? undefined : reject(error)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(bytes);
  });
}

/** Asserts a problem document with `code` and its catalogue status. */
function expectProblemAnswer(
  answer: { status: number; headers: Record<string, unknown>; body: string },
  code: ErrorCode,
) {
  const status = ERROR_CATALOGUE[code].status;
  expect({ status: answer.status, type: answer.headers['content-type'] }).toEqual({
    status,
    type: 'application/problem+json; charset=utf-8',
  });
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  const doc = JSON.parse(answer.body) as Record<string, unknown>;
  expect(doc).toMatchObject({ code, status, title: ERROR_CATALOGUE[code].title });
  expect(doc.type).toBe(`/api/problems#${code.toLowerCase().replace(/_/g, '-')}`);
  expect(typeof doc.detail).toBe('string');
}

describe('framework errors are problem documents', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    app = await buildApp({
      ctx: serviceContext(database.db, mutableClock('2023-03-28T08:00:00Z').now),
      logger: false,
      rateLimitPerMinute: 0,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('answers a URL that is not valid percent-encoding with 400 MALFORMED_REQUEST, on the API and on pages', async () => {
    for (const url of ['/api/v1/consultations/%E0%A4%A', '/en/public/consultations/%E0%A4%A', '/%']) {
      const response = await app.inject({ method: 'GET', url });
      expectProblemAnswer(
        { status: response.statusCode, headers: response.headers, body: response.body },
        'MALFORMED_REQUEST',
      );
      // The instance is the path the router saw (a page's language prefix is taken off first).
      expect(response.json()).toMatchObject({ instance: url.replace(/^\/en\//, '/') });
    }
  });

  it('answers a path parameter longer than the router takes with 414 URI_TOO_LONG', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/consultations/${'a'.repeat(500)}` });
    expectProblemAnswer(
      { status: response.statusCode, headers: response.headers, body: response.body },
      'URI_TOO_LONG',
    );
  });

  it('answers headers larger than the server takes with 431 HEADERS_TOO_LARGE', async () => {
    const answer = await rawRequest(
      port,
      `GET /api/v1/consultations HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expectProblemAnswer(answer, 'HEADERS_TOO_LARGE');
  });

  it('answers a request line longer than the server takes with 431 HEADERS_TOO_LARGE', async () => {
    const answer = await rawRequest(
      port,
      `GET /api/v1/consultations?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
    );
    expectProblemAnswer(answer, 'HEADERS_TOO_LARGE');
  });

  it('answers Content-Length together with Transfer-Encoding (request smuggling) with 400 MALFORMED_REQUEST', async () => {
    const answer = await rawRequest(
      port,
      'POST /api/v1/consultations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    );
    expectProblemAnswer(answer, 'MALFORMED_REQUEST');
  });

  it('answers bytes that are not HTTP with 400 MALFORMED_REQUEST', async () => {
    const answer = await rawRequest(port, 'HELLO\x00 / HTTP/9.9\r\n\r\n');
    expectProblemAnswer(answer, 'MALFORMED_REQUEST');
  });
});
