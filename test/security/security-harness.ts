import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, HTTPMethods, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { DB } from '../../src/db/database.js';
import { buildApp } from '../../src/http/app.js';
import { emlTransport } from '../../src/mail/mail-transport.js';
import { TOKEN_SCOPES } from '../../src/domain/identity/scopes.js';
import { createApiToken, createPersonalToken } from '../../src/services/api-tokens.js';
import { uploadAttachment } from '../../src/services/attachments.js';
import { addContact } from '../../src/services/contacts.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { inviteAccount } from '../../src/services/identity/accounts.js';
import { createJobHandlers } from '../../src/services/jobs/handlers.js';
import { listJobs } from '../../src/services/jobs/list-jobs.js';
import { createWorker } from '../../src/services/jobs/worker.js';
import type { ServiceContext } from '../../src/services/service-context.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { storageSnapshot } from '../http/api-harness.js';
import { createTestDatabase, type TestDialect } from '../helpers/databases.js';
import { consultationInput, createWorld, focalPoint, replyInput, SECRETARIAT, type World } from '../helpers/world.js';
import { fillPath } from './route-table.js';

/**
 * The API under attack: a fresh database with one of everything a route can name (an open
 * consultation, one whose individual replies become public after the deadline, a draft, replies
 * of KR and FR, an attachment cited by KR's reply, a contact, an account, a spare token, a sent
 * e-mail job),
 * bearer tokens for each role, and an app built over them. Every fixture is made through the
 * services, as the secretariat and the focal points would make it.
 */

/** Before the deadline of the fixtures' consultations (2359 UTC on 16 August 2023). */
export const BEFORE_DEADLINE = '2023-05-02T10:00:00Z';
/** After the deadline, during the study group meeting (29 August – 8 September 2023). */
export const AFTER_DEADLINE = '2023-08-30T10:00:00Z';
export type ClockPoint = 'before' | 'after';

/**
 * The roles of the authorisation matrix, in its column order: the public (no token), an observer,
 * the focal point of KR (the State the URLs name), the focal point of FR, a member of the
 * secretariat staff (a personal token of a `secretariat_staff` account, every scope), and a
 * secretariat administrator (a secretariat API token).
 */
export const ROLES = ['public', 'observer', 'kr', 'fr', 'staff', 'secretariat'] as const;
export type Role = (typeof ROLES)[number];

/** FR's reasons on X.1353: a secret no other State may read before the deadline. */
export const FR_REASONS = 'Confidential reasons of France: not mature.';

/** A small valid PDF (judged by content: it starts with `%PDF-`). */
export const PDF = Buffer.from(
  '%PDF-1.4\n% scan of the Annex 2 form\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n',
  'latin1',
);

export interface SecurityFixtures {
  /** An issued consultation (TSB Circular 79): replies confidential. */
  readonly open: string;
  /** An issued consultation whose individual replies everyone may read after the deadline. */
  readonly publicReplies: string;
  /** A draft consultation: visible to the secretariat only. */
  readonly draft: string;
  /** A text of each consultation (X.1471: only KR answered it, so it may proceed to the meeting). */
  readonly textId: string;
  /** SHA-256 of a PDF uploaded by KR's focal point and cited in KR's reply to `open`. */
  readonly attachment: string;
  readonly contactId: string;
  /** An invited observer account: the one the matrix disables. */
  readonly accountId: string;
  /** The account of the staff member whose personal token is `tokens.staff`. */
  readonly staffAccountId: string;
  /** An observer token nobody presents: the one the matrix revokes. */
  readonly spareTokenId: string;
  /** A `mail` job whose message was written as an .eml file. */
  readonly mailJobId: string;
  /** The file name of the pages' stylesheet under /assets (fingerprinted), as the sign-in page links it. */
  readonly assetFile: string;
}

export interface SecurityApi {
  readonly world: World;
  readonly ctx: ServiceContext;
  readonly app: FastifyInstance;
  /** The bearer secret of each role (`public` has none). */
  readonly tokens: Readonly<Record<Exclude<Role, 'public'>, string>> & { readonly spare: string };
  readonly fixtures: SecurityFixtures;
  /** Sends one request; `token` omitted: no Authorization header. */
  send(
    method: HTTPMethods,
    url: string,
    request?: { token?: string | undefined; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  /** The bearer secret of a role, or undefined for the public. */
  tokenOf(role: Role): string | undefined;
  /** Moves the server clock to one of the two points the tests look at. */
  at(point: ClockPoint): void;
}

export interface SecurityApiOptions {
  /** Largest attachment the app accepts (default: the service default, 10 MiB). */
  readonly attachmentMaxBytes?: number;
}

/**
 * The API with fixtures, the clock standing before the deadline. `scope: 'each'` (default) gives
 * every test its own database; `scope: 'all'` shares one among the tests of a describe block,
 * for suites that only read (each test then sets the clock it needs with `at`).
 */
export function useSecurityApi(
  dialect: TestDialect,
  options: SecurityApiOptions & { scope?: 'each' | 'all' } = {},
): () => SecurityApi {
  let current: { api: SecurityApi; dispose: () => Promise<void> } | undefined;
  const setUp = async () => {
    current = await createSecurityApi(dialect, options);
  };
  const tearDown = async () => {
    await current?.dispose();
    current = undefined;
  };
  if (options.scope === 'all') {
    beforeAll(setUp);
    afterAll(tearDown);
  } else {
    beforeEach(setUp);
    afterEach(tearDown);
  }
  return () => {
    if (!current) throw new Error('security api used outside a test');
    return current.api;
  };
}

/** Builds the database, the fixtures and the app; `dispose` closes the app and drops the database. */
export async function createSecurityApi(
  dialect: TestDialect,
  options: SecurityApiOptions = {},
): Promise<{ api: SecurityApi; dispose: () => Promise<void> }> {
  const database = await createTestDatabase(dialect);
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-security-mail-'));
  let app: FastifyInstance | undefined;
  const dispose = async () => {
    await app?.close();
    await database.destroy();
    fs.rmSync(mailDir, { recursive: true, force: true });
  };
  try {
    const world = await createWorld(
      database,
      options.attachmentMaxBytes === undefined ? {} : { attachmentMaxBytes: options.attachmentMaxBytes },
    );
    const { clock, ctx } = world;
    const token = (role: 'secretariat' | 'observer' | 'focal_point', label: string, memberState?: string) =>
      createApiToken(ctx, { actor: SECRETARIAT, role, memberState, label });

    // A staff member's personal token: it acts as its account, a secretariat member who is not an administrator.
    const staffAccount = (
      await inviteAccount(ctx, {
        actor: SECRETARIAT,
        email: 'officer@itu.example',
        name: 'TSB staff officer',
        role: 'secretariat_staff',
      })
    ).account;
    const staff = await createPersonalToken(ctx, {
      account: staffAccount,
      label: 'Staff officer laptop',
      scopes: TOKEN_SCOPES,
      expiresInDays: 365,
    });
    const spareAccount = (
      await inviteAccount(ctx, {
        actor: SECRETARIAT,
        email: 'observer@sector-member.example',
        name: 'An invited observer',
        role: 'observer',
      })
    ).account;
    const contact = await addContact(ctx, {
      actor: SECRETARIAT,
      email: 'focal.point@mic.example.kr',
      name: 'Focal point of Korea',
      role: 'focal_point',
      memberState: 'KR',
    });
    const created = {
      secretariat: await token('secretariat', 'TSB officer'),
      observer: await token('observer', 'Sector Member'),
      kr: await token('focal_point', 'Focal point KR', 'KR'),
      fr: await token('focal_point', 'Focal point FR', 'FR'),
      spare: await token('observer', 'Spare observer token'),
    };
    const open = await world.openConsultation();
    const publicReplies = await world.openConsultation({
      number: 80,
      reference: 'TSB Circular 80',
      individualRepliesPublic: true,
    });
    const draft = (
      await createConsultation(ctx, {
        actor: SECRETARIAT,
        input: consultationInput({ number: 81, reference: 'TSB Circular 81' }),
      })
    ).id;

    // The issue notices go out as .eml files: the mail job of the first one is the one the tests read.
    const worker = createWorker(ctx, {
      handlers: createJobHandlers(ctx, {
        transport: emlTransport(mailDir),
        from: 'Assent <no-reply@itu.example>',
        baseUrl: 'https://assent.example',
      }),
    });
    await worker.drain();
    const mailJob = (await listJobs(ctx, { actor: SECRETARIAT, kind: 'mail' })).jobs.find(
      (job) => typeof job.result?.location === 'string',
    );
    if (!mailJob) throw new Error('fixture: no e-mail was written');

    clock.set('2023-05-01T10:00:00Z');
    const kr = focalPoint('KR');
    const attachment = (await uploadAttachment(ctx, { actor: kr, filename: 'comments-kr.pdf', content: PDF })).sha256;
    const krReply = replyInput(['x1333-cor1', 'x1353', 'x1471'], {
      positions: [
        { text: 'x1333-cor1', position: 'assigns_authority', option: 'comments_attached', attachment },
        { text: 'x1353', position: 'assigns_authority', option: 'no_comments' },
        { text: 'x1471', position: 'assigns_authority', option: 'no_comments' },
      ],
    });
    await submitReply(ctx, { actor: kr, consultationId: open, memberState: 'KR', input: krReply, channel: 'api' });
    await submitReply(ctx, {
      actor: kr,
      consultationId: publicReplies,
      memberState: 'KR',
      input: replyInput(),
      channel: 'api',
    });
    await submitReply(ctx, {
      actor: focalPoint('FR'),
      consultationId: open,
      memberState: 'FR',
      input: replyInput(['x1353'], {
        positions: [{ text: 'x1353', position: 'does_not_assign_authority', reasons: FR_REASONS }],
      }),
      channel: 'api',
    });
    clock.set(BEFORE_DEADLINE);

    const built = await buildApp({ ctx, logger: false, rateLimitPerMinute: 0, mailDir });
    app = built;
    const assetFile =
      /\/assets\/([^"'?]+)/.exec((await built.inject({ method: 'GET', url: '/login' })).body)?.[1] ?? 'app.css';
    const tokens = {
      secretariat: created.secretariat.secret,
      staff: staff.secret,
      observer: created.observer.secret,
      kr: created.kr.secret,
      fr: created.fr.secret,
      spare: created.spare.secret,
    };
    const api: SecurityApi = {
      world,
      ctx,
      app: built,
      tokens,
      fixtures: {
        open,
        publicReplies,
        draft,
        textId: 'x1471',
        attachment,
        contactId: contact.id,
        accountId: spareAccount.id,
        staffAccountId: staffAccount.id,
        spareTokenId: created.spare.token.id,
        mailJobId: mailJob.id,
        assetFile,
      },
      send: (method, url, request = {}) => {
        const headers: Record<string, string> = { ...request.headers };
        if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
        const inject: InjectOptions = { method, url, headers };
        if (request.body !== undefined) inject.payload = request.body as NonNullable<InjectOptions['payload']>;
        return built.inject(inject);
      },
      tokenOf: (role) => (role === 'public' ? undefined : tokens[role]),
      at: (point) => clock.set(point === 'before' ? BEFORE_DEADLINE : AFTER_DEADLINE),
    };
    return { api, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** Which consultation a route's `:id` names. */
export type Target = 'open' | 'publicReplies' | 'draft';

/** A request ready to send: its URL, and a body and headers when the route needs them. */
export interface PreparedRequest {
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/**
 * Routes that edit a draft act on the draft by default (on an issued consultation they would
 * only ever answer CONSULTATION_ISSUED); every other `:id` names the open consultation.
 */
const DRAFT_ROUTES = new Set([
  'PATCH /api/v1/consultations/:id',
  'POST /api/v1/consultations/:id/issue',
  'POST /api/v1/consultations/:id/texts',
  'PATCH /api/v1/consultations/:id/texts/:textId',
  'DELETE /api/v1/consultations/:id/texts/:textId',
]);

/** The consultation a route's `:id` names unless a test says otherwise. */
export function defaultTarget(routeKey: string): Target {
  return DRAFT_ROUTES.has(routeKey) ? 'draft' : 'open';
}

/** The values of the path parameters for the fixtures, with `:id` naming `target`. */
export function pathValues(api: SecurityApi, target: Target): Record<string, string> {
  const f = api.fixtures;
  return {
    id: f[target],
    textId: f.textId,
    state: 'KR',
    code: 'KR',
    procedureId: 'itu-t-tap',
    version: '1',
    sha256: f.attachment,
    contactId: f.contactId,
    accountId: f.accountId,
    tokenId: f.spareTokenId,
    jobId: f.mailJobId,
    file: f.assetFile,
    secret: 'no-such-invitation-0123456789',
    '*': 'swagger-ui.css',
  };
}

/**
 * A request a route accepts from a role the policy allows: path parameters naming the fixtures,
 * a valid body where the route takes one. So a refusal can only come from the policy (or, for an
 * allowed role, from a business rule, never from validation).
 */
export function prepareRequest(
  api: SecurityApi,
  routeKey: string,
  options: { target?: Target; when?: ClockPoint } = {},
): PreparedRequest {
  const [, pattern] = routeKey.split(' ') as [string, string];
  const target = options.target ?? defaultTarget(routeKey);
  const url = fillPath(pattern, pathValues(api, target));
  const body = bodyFor(api, routeKey, options.when ?? 'before');
  if (routeKey === 'POST /api/v1/attachments')
    return { url: `${url}?filename=comments.pdf`, body: PDF, headers: { 'content-type': 'application/pdf' } };
  // A page's form, as a forger without the session's CSRF token would post it.
  if (!pattern.startsWith('/api/') && routeKey.startsWith('POST '))
    return { url, body: '_csrf=forged', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  return body === undefined ? { url } : { url, body };
}

function bodyFor(api: SecurityApi, routeKey: string, when: ClockPoint): unknown {
  const f = api.fixtures;
  switch (routeKey) {
    case 'POST /api/v1/consultations':
      return consultationInput({ number: 90, reference: 'TSB Circular 90' });
    case 'PATCH /api/v1/consultations/:id':
      return { subject: 'Member State consultation on determined draft Recommendations (revised)' };
    case 'POST /api/v1/consultations/:id/texts':
      return { kind: 'new', designation: 'X.9999', title: 'A further text', summary: 'A summary.', location: 'R99' };
    case 'PATCH /api/v1/consultations/:id/texts/:textId':
      return { title: 'Reference monitor (revised title)' };
    case 'PUT /api/v1/consultations/:id/replies/:state':
      return replyInput();
    case 'POST /api/v1/consultations/:id/replies/:state/recorded':
      return {
        channel: 'email',
        // After KR's online reply (1 May) and before now, at either clock point.
        receivedAt: when === 'before' ? '2023-05-02T09:00:00Z' : '2023-08-16T12:00:00Z',
        originalFile: f.attachment,
        positions: replyInput().positions,
        signatory: { name: 'A. Official', title: 'Director, Ministry of ICT' },
      };
    case 'PUT /api/v1/consultations/:id/decisions/:textId':
      return {};
    case 'PUT /api/v1/consultations/:id/results-report/header':
      return { td: 'SG17-TD1234', questions: '6/17, 10/17' };
    case 'POST /api/v1/contacts':
      return { email: 'observer@sector-member.example', name: 'An observer', role: 'observer' };
    case 'PATCH /api/v1/contacts/:contactId':
      return { active: false };
    case 'PUT /api/v1/member-states/:code/eligibility':
      return { mayReply: true };
    case 'POST /api/v1/participants':
      return { code: 'ERICSSON', participantClass: 'sector-member', names: { en: 'Ericsson' } };
    case 'POST /api/v1/accounts/invitations':
      return { email: 'new.officer@itu.example', name: 'A new staff officer', role: 'secretariat_staff' };
    case 'PATCH /api/v1/accounts/:accountId':
      return { disabled: true };
    case 'POST /api/v1/accounts/:accountId/authenticator-reset':
      return { reason: 'Phone lost; identity checked by telephone' };
    case 'POST /api/v1/tokens':
      return { role: 'observer', label: 'A new observer token' };
    case 'POST /api/v1/receipts/verify':
      // Well-formed (the schema lets it through) but not signed by the server: every check after
      // the signature is skipped, and the answer is 200 with ok: false.
      return {
        format: 'assent-receipt/1',
        consultation: { id: f.open, reference: 'TSB Circular 79' },
        memberState: 'KR',
        version: 1,
        status: 'submitted',
        receivedAt: '2023-05-01T10:00:00.000Z',
        channel: 'api',
        receivedByDeadline: true,
        contentSha256: '0'.repeat(64),
        attachments: [],
        audit: { seq: 1, hash: '0'.repeat(64) },
        signature: { algorithm: 'Ed25519', keyId: 'receipts-1', value: 'AAAA' },
      };
    default:
      return undefined;
  }
}

/**
 * Everything a refused request must leave untouched: the harness's storage snapshot (replies,
 * audit, attachments, idempotency keys, decisions, consultations' revisions) plus the tables it
 * does not cover that a write route can change: texts, tokens, accounts, contacts, Member
 * States' eligibility, uploads and jobs.
 */
export async function fullSnapshot(db: Kysely<DB>) {
  const [base, texts, tokens, accounts, contacts, states, uploads, jobs] = await Promise.all([
    storageSnapshot(db),
    db
      .selectFrom('determined_text')
      .select(['consultation_id', 'id', 'ord', 'designation', 'title', 'summary'])
      .orderBy('consultation_id')
      .orderBy('id')
      .execute(),
    db.selectFrom('api_token').select(['id', 'label', 'role', 'revoked_at', 'expires_at']).orderBy('id').execute(),
    db.selectFrom('account').select(['id', 'email', 'role', 'disabled_at', 'password_hash']).orderBy('id').execute(),
    db.selectFrom('contact').select(['id', 'email', 'name', 'active']).orderBy('id').execute(),
    db
      .selectFrom('member_state')
      .select(['code', 'may_reply', 'eligibility_note', 'eligibility_since'])
      .orderBy('code')
      .execute(),
    db
      .selectFrom('attachment_upload')
      .select(['sha256', 'uploaded_by', 'filename'])
      .orderBy('sha256')
      .orderBy('uploaded_by')
      .execute(),
    db.selectFrom('job').select(['id', 'state']).orderBy('id').execute(),
  ]);
  return { ...base, texts, tokens, accounts, contacts, states, uploads, jobs };
}
