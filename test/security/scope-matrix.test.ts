import { isDeepStrictEqual } from 'node:util';
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { TOKEN_SCOPES, type TokenScope } from '../../src/domain/identity/scopes.js';
import { ERROR_CATALOGUE, type ErrorCode } from '../../src/domain/errors.js';
import { createPersonalToken } from '../../src/services/api-tokens.js';
import { inviteAccount } from '../../src/services/identity/accounts.js';
import { SECRETARIAT } from '../helpers/world.js';
import { registeredRoutes } from './route-table.js';
import {
  createSecurityApi,
  fullSnapshot,
  prepareRequest,
  useSecurityApi,
  type ClockPoint,
  type SecurityApi,
} from './security-harness.js';

/**
 * What each token scope lets through, route family by route family (docs/security.md, "API
 * tokens"): every route of the JSON API names the one scope it needs, and a personal token with
 * any other single scope is refused with 403 FORBIDDEN, changing nothing; with that scope it gets
 * exactly what its account gets (a success, or a business rule's refusal — never the policy's).
 * A write carries the reads it needs (the consultation it acts on, the record it answers with),
 * so `replies:write` alone replies and `consultations:write` alone creates a circular; it grants
 * no other read. Reference data that needs no authentication at all (the OpenAPI document, the
 * Member States, the approval procedures, the receipts' public key and their verification) is open
 * to every token.
 *
 * Each route is asked by the personal tokens (one per scope) of the account whose role may use it:
 * a secretariat administrator, or the focal point of KR for KR's own reply. Runs on SQLite only,
 * like the authorisation matrix: the answers come from the policy module and the services'
 * guards; attacks.test.ts covers scoped tokens on both databases.
 */

type Needs = TokenScope | 'any';
interface ScopeRow {
  /** `METHOD /pattern` under /api/v1. */
  readonly route: string;
  readonly needs: Needs;
  /** The account whose tokens ask (default: a secretariat administrator). */
  readonly as?: 'admin' | 'kr';
  /** When to ask (default: before the deadline), so that the allowed request succeeds where it can. */
  readonly when?: ClockPoint;
}

// prettier-ignore
const SCOPES: readonly ScopeRow[] = [
  // Reference data, open to every caller.
  { route: 'GET /api/v1/openapi.json', needs: 'any' },
  { route: 'GET /api/v1/member-states', needs: 'any' },
  { route: 'GET /api/v1/participants', needs: 'any' },
  { route: 'GET /api/v1/procedures', needs: 'any' },
  { route: 'GET /api/v1/procedures/:procedureId', needs: 'any' },
  { route: 'GET /api/v1/receipts/public-key', needs: 'any' },
  { route: 'POST /api/v1/receipts/verify', needs: 'any' },

  // Consultations and texts: read, or consultations:write.
  { route: 'GET /api/v1/consultations', needs: 'read' },
  { route: 'POST /api/v1/consultations', needs: 'consultations:write' },
  { route: 'GET /api/v1/consultations/:id', needs: 'read' },
  { route: 'GET /api/v1/consultations/calendar.ics', needs: 'read' },
  { route: 'GET /api/v1/consultations/feed.atom', needs: 'read' },
  { route: 'GET /api/v1/consultations/:id/calendar.ics', needs: 'read' },
  { route: 'PATCH /api/v1/consultations/:id', needs: 'consultations:write' },
  { route: 'POST /api/v1/consultations/:id/issue', needs: 'consultations:write' },
  { route: 'GET /api/v1/consultations/:id/texts', needs: 'read' },
  { route: 'POST /api/v1/consultations/:id/texts', needs: 'consultations:write' },
  { route: 'GET /api/v1/consultations/:id/texts/:textId', needs: 'read' },
  { route: 'PATCH /api/v1/consultations/:id/texts/:textId', needs: 'consultations:write' },
  { route: 'DELETE /api/v1/consultations/:id/texts/:textId', needs: 'consultations:write' },

  // Replies, receipts and attachments: read, or replies:write.
  { route: 'GET /api/v1/consultations/:id/replies', needs: 'read' },
  { route: 'GET /api/v1/consultations/:id/replies/:state', needs: 'read' },
  { route: 'GET /api/v1/consultations/:id/replies/:state/versions/:version/receipt', needs: 'read' },
  { route: 'PUT /api/v1/consultations/:id/replies/:state', needs: 'replies:write', as: 'kr' },
  { route: 'DELETE /api/v1/consultations/:id/replies/:state', needs: 'replies:write', as: 'kr' },
  { route: 'POST /api/v1/consultations/:id/replies/:state/recorded', needs: 'replies:write' },
  { route: 'POST /api/v1/attachments', needs: 'replies:write', as: 'kr' },
  { route: 'GET /api/v1/attachments/:sha256', needs: 'read' },

  // Results, decisions and the notice: read, or decisions:write.
  { route: 'GET /api/v1/consultations/:id/results', needs: 'read' },
  { route: 'GET /api/v1/consultations/:id/decisions', needs: 'read' },
  { route: 'PUT /api/v1/consultations/:id/decisions/:textId', needs: 'decisions:write', when: 'after' },
  { route: 'POST /api/v1/consultations/:id/results-notice', needs: 'decisions:write', when: 'after' },
  { route: 'PUT /api/v1/consultations/:id/results-report/header', needs: 'decisions:write' },

  // Documents: read.
  { route: 'GET /api/v1/consultations/:id/documents/circular', needs: 'read' },
  { route: 'GET /api/v1/consultations/:id/documents/reply/:state', needs: 'read' },
  { route: 'GET /api/v1/consultations/:id/documents/receipt/:state', needs: 'read' },
  { route: 'GET /api/v1/consultations/:id/documents/results-report', needs: 'read', when: 'after' },
  { route: 'GET /api/v1/consultations/:id/documents/results-notice', needs: 'read', when: 'after' },

  // The audit trail and the job queue: read.
  { route: 'GET /api/v1/audit', needs: 'read' },
  { route: 'GET /api/v1/jobs', needs: 'read' },
  { route: 'GET /api/v1/jobs/:jobId', needs: 'read' },
  { route: 'GET /api/v1/jobs/:jobId/message', needs: 'read' },

  // Administration — reading it too: admin.
  { route: 'PUT /api/v1/member-states/:code/eligibility', needs: 'admin' },
  { route: 'POST /api/v1/participants', needs: 'admin' },
  { route: 'GET /api/v1/accounts', needs: 'admin' },
  { route: 'POST /api/v1/accounts/invitations', needs: 'admin' },
  { route: 'PATCH /api/v1/accounts/:accountId', needs: 'admin' },
  { route: 'POST /api/v1/accounts/:accountId/authenticator-reset', needs: 'admin' },
  { route: 'GET /api/v1/tokens', needs: 'admin' },
  { route: 'POST /api/v1/tokens', needs: 'admin' },
  { route: 'DELETE /api/v1/tokens/:tokenId', needs: 'admin' },
  { route: 'GET /api/v1/contacts', needs: 'admin' },
  { route: 'POST /api/v1/contacts', needs: 'admin' },
  { route: 'PATCH /api/v1/contacts/:contactId', needs: 'admin' },
];

/** The codes by which the policy refuses (as in the authorisation matrix). */
const AUTHORISATION_CODES: readonly string[] = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_YOUR_MEMBER_STATE',
  'ROLE_MAY_NOT_REPLY',
  'NOT_FOUND',
  'RESULTS_NOT_AVAILABLE',
];

/** `let through` (a success or a business rule's refusal) or `FORBIDDEN`; anything else as it came. */
function classify(response: LightMyRequestResponse): string {
  if (response.statusCode < 400) return 'let through';
  const body = response.json<{ code?: string; detail?: string }>();
  const code = body.code ?? `HTTP ${response.statusCode}`;
  if (code === 'FORBIDDEN' && /scopes/.test(body.detail ?? '')) return 'FORBIDDEN (scope)';
  if (!AUTHORISATION_CODES.includes(code) && ERROR_CATALOGUE[code as ErrorCode]?.status === response.statusCode)
    return 'let through';
  return `${code}: ${body.detail ?? ''}`;
}

type ScopedTokens = Record<'admin' | 'kr', Record<TokenScope, string>>;
const tokensOf = new WeakMap<SecurityApi, Promise<ScopedTokens>>();

/** One personal token per scope for a secretariat administrator and for KR's focal point (once per database). */
function scopedTokens(api: SecurityApi): Promise<ScopedTokens> {
  let tokens = tokensOf.get(api);
  if (!tokens) {
    tokens = createScopedTokens(api);
    tokensOf.set(api, tokens);
  }
  return tokens;
}

async function createScopedTokens(api: SecurityApi): Promise<ScopedTokens> {
  const accounts = {
    admin: await inviteAccount(api.ctx, {
      actor: SECRETARIAT,
      email: 'administrator@itu.example',
      name: 'TSB administrator',
      role: 'secretariat_admin',
    }),
    kr: await inviteAccount(api.ctx, {
      actor: SECRETARIAT,
      email: 'focal.point@msit.example.kr',
      name: 'Focal point of Korea',
      role: 'focal_point',
      memberState: 'KR',
    }),
  };
  const tokens = { admin: {}, kr: {} } as ScopedTokens;
  for (const who of ['admin', 'kr'] as const)
    for (const scope of TOKEN_SCOPES)
      tokens[who][scope] = (
        await createPersonalToken(api.ctx, {
          account: accounts[who].account,
          label: `${who} ${scope}`,
          scopes: [scope],
          // Past the deadline, when the rows that run after it ask.
          expiresInDays: 365,
        })
      ).secret;
  return tokens;
}

/**
 * Asks the row's route with each single-scope token, the refused ones first (each between two
 * storage snapshots), the allowed one last; returns one line per scope.
 */
async function exercise(api: SecurityApi, row: ScopeRow): Promise<{ actual: string[]; expected: string[] }> {
  const [method] = row.route.split(' ') as [HTTPMethods];
  const tokens = (await scopedTokens(api))[row.as ?? 'admin'];
  const allowed = (scope: TokenScope) => row.needs === 'any' || row.needs === scope;
  const order = [...TOKEN_SCOPES].sort((a, b) => Number(allowed(a)) - Number(allowed(b)));
  const answers = new Map<TokenScope, string>();
  for (const scope of order) {
    api.at(row.when ?? 'before');
    const request = prepareRequest(api, row.route, { when: row.when ?? 'before' });
    const before = allowed(scope) ? undefined : await fullSnapshot(api.ctx.db);
    const response = await api.send(method, request.url, {
      token: tokens[scope],
      body: request.body,
      ...(request.headers && { headers: request.headers }),
    });
    let answer = classify(response);
    if (before && !isDeepStrictEqual(before, await fullSnapshot(api.ctx.db))) answer += ' (and storage changed)';
    answers.set(scope, answer);
  }
  return {
    actual: TOKEN_SCOPES.map((scope) => `${scope}: ${answers.get(scope)}`),
    expected: TOKEN_SCOPES.map((scope) => `${scope}: ${allowed(scope) ? 'let through' : 'FORBIDDEN (scope)'}`),
  };
}

const name = (row: ScopeRow) =>
  `${row.route} lets ${row.needs === 'any' ? 'every scope' : `"${row.needs}" alone`} through${row.as === 'kr' ? " (KR's focal point)" : ''}, and refuses ${row.needs === 'any' ? 'none' : 'every other scope with 403'}`;

const isRead = (row: ScopeRow) => row.route.startsWith('GET ');

describe('token scopes × route families [sqlite]', () => {
  describe('reading routes (one database for the block)', () => {
    const api = useSecurityApi('sqlite', { scope: 'all' });

    it('names the scope of every route of the JSON API, and of no route it does not have', () => {
      const registered = registeredRoutes(api().app)
        .map((route) => route.key)
        .filter((key) => key.split(' ')[1]!.startsWith('/api/v1/'));
      expect(SCOPES.map((row) => row.route).sort()).toEqual(registered);
    });

    for (const row of SCOPES.filter(isRead)) {
      it(name(row), async () => {
        const { actual, expected } = await exercise(api(), row);
        expect(actual).toEqual(expected);
      });
    }
  });

  describe('writing routes (a fresh database for each row)', () => {
    for (const row of SCOPES.filter((r) => !isRead(r))) {
      it(name(row), async () => {
        const { api, dispose } = await createSecurityApi('sqlite');
        try {
          const { actual, expected } = await exercise(api, row);
          expect(actual).toEqual(expected);
        } finally {
          await dispose();
        }
      });
    }
  });
});
