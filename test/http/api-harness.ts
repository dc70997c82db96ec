import type { FastifyInstance, HTTPMethods, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, expect } from 'vitest';
import type { DB } from '../../src/db/database.js';
import { ERROR_CATALOGUE, type ErrorCode } from '../../src/domain/errors.js';
import { MEMBER_STATES } from '../../src/domain/member-states/member-states.data.js';
import { buildApp } from '../../src/http/app.js';
import { problemType, type ProblemDocument } from '../../src/http/problem.js';
import { createApiToken } from '../../src/services/api-tokens.js';
import type { TestDialect } from '../helpers/databases.js';
import { SECRETARIAT, useWorld, type World } from '../helpers/world.js';

/**
 * The JSON API as a client sees it: one app per test over the test's own database (built with
 * `buildApp`, driven with `inject`, closed after the test), and bearer tokens for each role.
 */

/** The secret of each token a test may present. */
export interface ApiTokens {
  readonly secretariat: string;
  readonly observer: string;
  /** Focal point of the Republic of Korea. */
  readonly kr: string;
  /** Focal point of France. */
  readonly fr: string;
}

export interface ApiRequest {
  /** Bearer secret; omitted: no Authorization header (the public). */
  readonly token?: string;
  /** A JSON body (objects are serialised), or raw bytes/text with their own content-type header. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface Api {
  readonly world: World;
  readonly app: FastifyInstance;
  readonly tokens: ApiTokens;
  /** Sends one request to the app under test. */
  send(method: HTTPMethods, url: string, request?: ApiRequest): Promise<LightMyRequestResponse>;
}

/** Per-test API: a fresh world (database, clock at 2023-03-28T08:00Z), four tokens and an app. */
export function useApi(dialect: TestDialect): () => Api {
  const world = useWorld(dialect);
  let api: Api | undefined;
  beforeEach(async () => {
    const { ctx } = world();
    const token = async (role: 'secretariat' | 'observer' | 'focal_point', label: string, memberState?: string) =>
      (await createApiToken(ctx, { actor: SECRETARIAT, role, memberState, label })).secret;
    const tokens: ApiTokens = {
      secretariat: await token('secretariat', 'TSB officer'),
      observer: await token('observer', 'Sector Member'),
      kr: await token('focal_point', 'Focal point KR', 'KR'),
      fr: await token('focal_point', 'Focal point FR', 'FR'),
    };
    const app = await buildApp({ ctx, logger: false, rateLimitPerMinute: 0 });
    api = {
      world: world(),
      app,
      tokens,
      send: (method, url, request = {}) => {
        const headers: Record<string, string> = { ...request.headers };
        if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
        const options: InjectOptions = { method, url, headers };
        if (request.body !== undefined) options.payload = request.body as NonNullable<InjectOptions['payload']>;
        return app.inject(options);
      },
    };
  });
  afterEach(async () => {
    await api?.app.close();
    api = undefined;
  });
  return () => {
    if (!api) throw new Error('api used outside a test');
    return api;
  };
}

/**
 * Asserts an RFC 9457 problem document: media type application/problem+json, the HTTP status
 * equal to the body's `status`, the expected catalogue code and its problem type.
 */
export function expectProblem(response: LightMyRequestResponse, status: number, code: ErrorCode): ProblemDocument {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json<ProblemDocument>();
  expect({ httpStatus: response.statusCode, code: body.code, detail: body.detail }).toEqual({
    httpStatus: status,
    code,
    detail: expect.any(String),
  });
  expect(body.status).toBe(response.statusCode);
  expect(ERROR_CATALOGUE[code].status).toBe(status);
  expect(body).toMatchObject({
    type: problemType(code),
    title: ERROR_CATALOGUE[code].title,
    instance: expect.any(String),
  });
  return body;
}

/**
 * What a refused request must leave untouched, read straight from the database: every reply
 * version, the reply pointers, the positions, the audit trail, attachments, idempotency keys,
 * meeting decisions and the consultations' revisions.
 */
export async function storageSnapshot(db: Kysely<DB>) {
  const [versions, pointers, positions, audit, attachments, idempotency, decisions, consultations] = await Promise.all([
    db
      .selectFrom('reply_version')
      .select(['consultation_id', 'member_state', 'version', 'status', 'content_hash'])
      .orderBy('consultation_id')
      .orderBy('member_state')
      .orderBy('version')
      .execute(),
    db
      .selectFrom('reply')
      .select(['consultation_id', 'member_state', 'current_version', 'counted_version'])
      .orderBy('consultation_id')
      .orderBy('member_state')
      .execute(),
    db
      .selectFrom('reply_position')
      .select(['member_state', 'version', 'text_id', 'position'])
      .orderBy('member_state')
      .orderBy('version')
      .orderBy('text_id')
      .execute(),
    // The first request for a closed record's document stores it, with the audit row that records
    // its SHA-256 (`document.stored`): keeping what was rendered changes no record.
    db
      .selectFrom('audit_event')
      .select(['seq', 'action', 'subject'])
      .where('action', '!=', 'document.stored')
      .orderBy('seq')
      .execute(),
    db.selectFrom('attachment').select('sha256').orderBy('sha256').execute(),
    db.selectFrom('idempotency_record').select(['actor', 'key']).orderBy('actor').orderBy('key').execute(),
    db
      .selectFrom('meeting_decision')
      .select(['consultation_id', 'text_id', 'decision', 'recorded_at'])
      .orderBy('consultation_id')
      .orderBy('text_id')
      .execute(),
    db.selectFrom('consultation').select(['id', 'revision', 'issued_at', 'results_notice_at']).orderBy('id').execute(),
  ]);
  return {
    versions,
    pointers,
    positions,
    audit: audit.map((a) => ({ ...a, seq: Number(a.seq) })),
    attachments,
    idempotency,
    decisions,
    consultations,
  };
}

/** The versions stored for one State's reply, oldest first. */
export async function storedVersions(db: Kysely<DB>, consultationId: string, memberState: string) {
  const rows = await db
    .selectFrom('reply_version')
    .select(['version', 'status'])
    .where('consultation_id', '=', consultationId)
    .where('member_state', '=', memberState)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({ version: Number(r.version), status: r.status }));
}

/** The first `n` Member States (data order) that may reply, observers excluded. */
export function statesThatMayReply(n: number): string[] {
  const codes = MEMBER_STATES.filter((s) => s.mayReply && s.membership === 'member_state').map((s) => s.code);
  if (codes.length < n) throw new Error(`only ${codes.length} Member States may reply`);
  return codes.slice(0, n);
}
