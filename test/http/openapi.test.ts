import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/domain/errors.js';
import { problemType } from '../../src/http/problem.js';
import { describeEachDialect } from '../helpers/databases.js';
import { expectProblem, useApi } from './api-harness.js';
import { registeredRoutes as readRouter } from '../security/route-table.js';

interface OpenApiOperation {
  tags?: string[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
  security: Record<string, string[]>[];
}

/**
 * Routes outside the OpenAPI document on purpose: the document itself, its HTML viewer, the
 * problem catalogue, the health probes, the Prometheus metrics, the home page and the web pages
 * (HTML forms, not API).
 */
const UNDOCUMENTED = [/^\/(?!api\/)/, /^\/api\/docs(\/|$)/, /^\/api\/v1\/openapi\.json$/, /^\/api\/problems$/];

/** Every "METHOD /path" the app has registered (the router's own tree, shared with the security matrix). */
function registeredRoutes(app: FastifyInstance): string[] {
  return [...new Set(readRouter(app).map((route) => route.key))].sort();
}

/** Every "METHOD /path" of the OpenAPI document, with `{param}` written `:param` as Fastify does. */
function documentedRoutes(spec: OpenApiDocument): string[] {
  return Object.entries(spec.paths)
    .flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    )
    .sort();
}

describeEachDialect('OpenAPI document, API docs, problem catalogue and health', (dialect) => {
  const api = useApi(dialect);

  const spec = async () => {
    const response = await api().send('GET', '/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    return response.json<OpenApiDocument>();
  };

  it('serves an OpenAPI 3.1 document at /api/v1/openapi.json to anyone, declaring bearer tokens', async () => {
    const document = await spec();
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('Assent API');
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearer: [] }]);
  });

  it('documents every API route the app has registered, and no route it has not', async () => {
    const registered = registeredRoutes(api().app).filter(
      (route) => !UNDOCUMENTED.some((re) => re.test(route.split(' ')[1]!)),
    );
    expect(registered.length).toBeGreaterThan(20);
    expect(documentedRoutes(await spec())).toEqual(registered);
  });

  it('documents consultations, texts, replies, results, decisions, the results notice, attachments, tokens, audit, Member States and procedures', async () => {
    expect(documentedRoutes(await spec())).toEqual(
      expect.arrayContaining([
        'GET /api/v1/consultations',
        'POST /api/v1/consultations',
        'GET /api/v1/consultations/:id',
        'PATCH /api/v1/consultations/:id',
        'POST /api/v1/consultations/:id/issue',
        'POST /api/v1/consultations/:id/texts',
        'GET /api/v1/consultations/:id/replies',
        'GET /api/v1/consultations/:id/replies/:state',
        'PUT /api/v1/consultations/:id/replies/:state',
        'DELETE /api/v1/consultations/:id/replies/:state',
        'POST /api/v1/consultations/:id/replies/:state/recorded',
        'GET /api/v1/consultations/:id/results',
        'GET /api/v1/consultations/:id/decisions',
        'PUT /api/v1/consultations/:id/decisions/:textId',
        'POST /api/v1/consultations/:id/results-notice',
        'POST /api/v1/attachments',
        'GET /api/v1/attachments/:sha256',
        'GET /api/v1/tokens',
        'POST /api/v1/tokens',
        'DELETE /api/v1/tokens/:tokenId',
        'GET /api/v1/audit',
        'GET /api/v1/member-states',
        'PUT /api/v1/member-states/:code/eligibility',
        'GET /api/v1/procedures',
        'GET /api/v1/procedures/:procedureId',
      ]),
    );
  });

  it('documents error responses with the media type the server sends them in: application/problem+json', async () => {
    const document = await spec();
    const put = document.paths['/api/v1/consultations/{id}/replies/{state}']?.put;
    expect(Object.keys(put?.responses ?? {})).toEqual(
      expect.arrayContaining(['401', '403', '409', '412', '413', '415', '422']),
    );
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) < 400) continue;
          expect({
            operation: `${method.toUpperCase()} ${path} ${status}`,
            types: Object.keys(response.content ?? {}),
          }).toEqual({
            operation: `${method.toUpperCase()} ${path} ${status}`,
            types: ['application/problem+json'],
          });
        }
      }
    }
  });

  it('serves the API documentation as an HTML page at /api/docs', async () => {
    let response = await api().send('GET', '/api/docs');
    for (let hops = 0; response.statusCode >= 300 && response.statusCode < 400 && hops < 3; hops += 1) {
      const location = new URL(String(response.headers.location), 'http://localhost/api/docs/');
      response = await api().send('GET', location.pathname + location.search);
    }
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toMatch(/<html/i);
  });

  it('lists every code of the error catalogue at /api/problems, with its status, title and type', async () => {
    const response = await api().send('GET', '/api/problems');
    expect(response.statusCode).toBe(200);
    const { items } = response.json<{ items: { code: string; status: number; title: string; type: string }[] }>();
    expect(items.map((i) => i.code).sort()).toEqual(Object.keys(ERROR_CATALOGUE).sort());
    for (const item of items) {
      const entry = ERROR_CATALOGUE[item.code as keyof typeof ERROR_CATALOGUE];
      expect(item).toEqual({
        code: item.code,
        status: entry.status,
        title: entry.title,
        type: problemType(item.code as keyof typeof ERROR_CATALOGUE),
      });
    }
  });

  it('answers an unknown API route with a 404 problem document', async () => {
    const problem = expectProblem(await api().send('GET', '/api/v1/circulars'), 404, 'NOT_FOUND');
    expect(problem.instance).toBe('/api/v1/circulars');
  });

  it('answers 200 at /health and, with the database reachable, at /health/ready', async () => {
    const health = await api().send('GET', '/health');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await api().send('GET', '/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });
});
