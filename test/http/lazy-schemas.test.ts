import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/db/connect.js';
import { systemClock } from '../../src/domain/time/clock.js';
import { buildApp } from '../../src/http/app.js';
import { compileAllSchemas, lazySchemaController } from '../../src/http/lazy-schemas.js';
import { serviceContext } from '../../src/services/service-context.js';

/**
 * The lazy schema compilers (src/http/lazy-schemas.ts) against Fastify's own: the same answers for
 * the same requests, on what differs when a compiler is "custom" (header names, root values Ajv
 * changes); and every schema of the real app compiles.
 */
describe('schemas compiled on first use', () => {
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  const scratch = async (lazy: boolean) => {
    const controller = lazySchemaController();
    const app = Fastify(lazy ? { schemaController: controller.controller } : {});
    if (lazy) controller.attach(app);
    app.post(
      '/echo',
      {
        schema: {
          headers: {
            type: 'object',
            properties: { 'X-Trace': { type: 'string', minLength: 3 } },
            required: ['X-Trace'],
          },
          body: { type: 'integer' },
          response: { 200: { type: 'object', properties: { value: { type: 'integer' } } } },
        },
      },
      async (request) => ({ value: request.body, dropped: 'not in the response schema' }),
    );
    app.post('/list', { schema: { body: { type: 'array', items: { type: 'integer' } } } }, async (request) => ({
      body: request.body,
    }));
    await app.ready();
    apps.push(app);
    return app;
  };

  it('answers exactly as Fastify does with its own compilers', async () => {
    const requests = [
      { url: '/echo', headers: { 'x-trace': 'abc', 'content-type': 'application/json' }, payload: '5' },
      { url: '/echo', headers: { 'x-trace': 'abc', 'content-type': 'application/json' }, payload: '"5"' },
      { url: '/echo', headers: { 'x-trace': 'ab', 'content-type': 'application/json' }, payload: '5' },
      { url: '/echo', headers: { 'content-type': 'application/json' }, payload: '5' },
      { url: '/echo', headers: { 'x-trace': 'abc', 'content-type': 'application/json' }, payload: '"five"' },
      { url: '/list', headers: { 'content-type': 'application/json' }, payload: '7' },
    ];
    const own = await scratch(false);
    const lazy = await scratch(true);
    for (const request of requests) {
      const expected = await own.inject({ method: 'POST', ...request });
      const actual = await lazy.inject({ method: 'POST', ...request });
      expect({ status: actual.statusCode, body: actual.body }, JSON.stringify(request)).toEqual({
        status: expected.statusCode,
        body: expected.body,
      });
    }
  });

  it("compiles every schema of Assent's app without an error", async () => {
    const db = openDatabase({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(db);
    const app = await buildApp({ ctx: serviceContext(db, systemClock), logger: false, rateLimitPerMinute: 0 });
    apps.push(app);
    expect(() => compileAllSchemas(app)).not.toThrow();
    await db.destroy();
  });
});
