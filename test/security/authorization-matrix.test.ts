import { isDeepStrictEqual } from 'node:util';
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, type ErrorCode } from '../../src/domain/errors.js';
import { registeredRoutes } from './route-table.js';
import {
  createSecurityApi,
  fullSnapshot,
  prepareRequest,
  ROLES,
  useSecurityApi,
  type ClockPoint,
  type Role,
  type SecurityApi,
  type Target,
} from './security-harness.js';

/**
 * The authorisation matrix of the whole application, enumerated from the router: every route the
 * built app answers must have a row here, in MATRIX (the JSON API, documentation, probes) or in
 * PAGES (the server-rendered pages), and every row a route, so a new route cannot ship without
 * someone deciding who may call it. Each cell is what one role gets when it calls the
 * route with a valid request naming existing fixtures:
 *
 * - `OK`: the policy lets the request through and it succeeds (any status below 400);
 * - `ok:CODE`: the policy lets it through and a business rule refuses it (e.g. DEADLINE_PASSED),
 *   which proves the refusal is not the policy's;
 * - an authorisation code: the request is refused with it, as an RFC 9457 problem document with
 *   the catalogue's status, and storage (replies, audit, tokens, contacts, texts…) is unchanged.
 *
 * Columns: the public (no token), an observer, the focal point of the State named in the URL
 * (KR), the focal point of another State acting on KR's URL (FR), a member of the secretariat
 * staff, a secretariat administrator. Rows whose answer depends on the deadline are run before
 * it and after it.
 *
 * Runs on SQLite only, on purpose: the answers come from the policy module and the services'
 * guards, which do not depend on the database, and the full matrix (some 75 tests, a fresh
 * database for each writing row) takes about 40 seconds per dialect. attacks.test.ts runs every
 * attack that touches storage on both SQLite and PostgreSQL. GET rows share one database (a GET
 * changes nothing, which the snapshots around each refusal check); other rows get a fresh one.
 */

/** The codes by which the policy refuses; anything else is a business rule speaking. */
const AUTHORISATION_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_YOUR_MEMBER_STATE',
  'ROLE_MAY_NOT_REPLY',
  'NOT_FOUND',
  'RESULTS_NOT_AVAILABLE',
] as const;
type AuthorisationCode = (typeof AUTHORISATION_CODES)[number];
type BusinessCode = Exclude<ErrorCode, AuthorisationCode>;
type Cell = 'OK' | `ok:${BusinessCode}` | AuthorisationCode;
/** One cell per role, in the order of ROLES: public, observer, KR (the URL's State), FR (another State), staff, secretariat. */
type Cells = readonly [
  publicCell: Cell,
  observerCell: Cell,
  krCell: Cell,
  frCell: Cell,
  staffCell: Cell,
  secretariatCell: Cell,
];

interface MatrixRow {
  /** `METHOD /pattern`, as the router spells it. */
  readonly route: string;
  /** The consultation `:id` names when not the route's default (drafts for draft edits, else the open one). */
  readonly target?: Target;
  readonly before: Cells;
  /** After the deadline, for rows whose answer depends on it. */
  readonly after?: Cells;
}

const OK = 'OK';
const NO_AUTH = 'UNAUTHENTICATED'; // 401
const FORBIDDEN = 'FORBIDDEN'; // 403
const NOT_YOURS = 'NOT_YOUR_MEMBER_STATE'; // 403
const MAY_NOT_REPLY = 'ROLE_MAY_NOT_REPLY'; // 403
const HIDDEN = 'NOT_FOUND'; // 404: its existence is not disclosed
const NOT_YET = 'RESULTS_NOT_AVAILABLE'; // 409

const EVERYONE: Cells = [OK, OK, OK, OK, OK, OK];
/** Running consultations: the whole secretariat. */
const SECRETARIAT_ONLY: Cells = [NO_AUTH, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK];
/** Accounts, tokens, contacts, eligibility: secretariat administrators only. */
const ADMIN_ONLY: Cells = [NO_AUTH, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK];
/** A draft exists for the secretariat only (Res. 1 §9.3: the circular is not yet issued). */
const DRAFT: Cells = [HIDDEN, HIDDEN, HIDDEN, HIDDEN, OK, OK];
/** An individual reply: the secretariat and the State itself (docs/procedure.md, confidentiality). */
const OWN_REPLY: Cells = [NO_AUTH, FORBIDDEN, OK, NOT_YOURS, OK, OK];
/** Who replied: the secretariat; a focal point sees its own State's line only. */
const REPLY_LIST: Cells = [NO_AUTH, FORBIDDEN, OK, OK, OK, OK];
/** Res. 1 §9.4.1, §9.4.3: only the State's focal point replies; the secretariat records forms instead. */
const REPLY_WRITE: Cells = [NO_AUTH, MAY_NOT_REPLY, OK, NOT_YOURS, MAY_NOT_REPLY, MAY_NOT_REPLY];
const REPLY_WRITE_LATE: Cells = [NO_AUTH, MAY_NOT_REPLY, 'ok:DEADLINE_PASSED', NOT_YOURS, MAY_NOT_REPLY, MAY_NOT_REPLY];
/** Results: the secretariat's provisional figures before the deadline, everyone's after it. */
const RESULTS_BEFORE: Cells = [NOT_YET, NOT_YET, NOT_YET, NOT_YET, OK, OK];

// prettier-ignore
const MATRIX: readonly MatrixRow[] = [
  // Home page, documentation, problem catalogue, probes, metrics.
  { route: 'GET /', before: EVERYONE },
  { route: 'GET /api/docs', before: EVERYONE },
  { route: 'GET /api/docs/', before: EVERYONE },
  { route: 'GET /api/docs/json', before: EVERYONE },
  { route: 'GET /api/docs/yaml', before: EVERYONE },
  { route: 'GET /api/docs/static/*', before: EVERYONE },
  { route: 'GET /api/docs/static/index.html', before: EVERYONE },
  { route: 'GET /api/docs/static/swagger-initializer.js', before: EVERYONE },
  { route: 'GET /api/problems', before: EVERYONE },
  { route: 'GET /api/v1/openapi.json', before: EVERYONE },
  { route: 'GET /health', before: EVERYONE },
  { route: 'GET /health/ready', before: EVERYONE },
  // Neither a metrics token nor METRICS_PUBLIC is configured here, so nobody gets the metrics (an API
  // token is no metrics token); test/ops/metrics.test.ts and attacks.test.ts cover the configured cases.
  { route: 'GET /metrics', before: [NO_AUTH, NO_AUTH, NO_AUTH, NO_AUTH, NO_AUTH, NO_AUTH] },

  // Consultations and their determined texts.
  { route: 'GET /api/v1/consultations', before: EVERYONE },
  { route: 'POST /api/v1/consultations', before: SECRETARIAT_ONLY },
  { route: 'GET /api/v1/consultations/:id', before: EVERYONE },
  { route: 'GET /api/v1/consultations/:id', target: 'draft', before: DRAFT },
  { route: 'GET /api/v1/consultations/calendar.ics', before: EVERYONE },
  { route: 'GET /api/v1/consultations/feed.atom', before: EVERYONE },
  { route: 'GET /api/v1/consultations/:id/calendar.ics', before: EVERYONE },
  { route: 'GET /api/v1/consultations/:id/calendar.ics', target: 'draft', before: DRAFT },
  { route: 'PATCH /api/v1/consultations/:id', before: SECRETARIAT_ONLY },
  { route: 'POST /api/v1/consultations/:id/issue', before: SECRETARIAT_ONLY },
  { route: 'GET /api/v1/consultations/:id/texts', before: EVERYONE },
  { route: 'GET /api/v1/consultations/:id/texts', target: 'draft', before: DRAFT },
  { route: 'POST /api/v1/consultations/:id/texts', before: SECRETARIAT_ONLY },
  { route: 'GET /api/v1/consultations/:id/texts/:textId', before: EVERYONE },
  { route: 'GET /api/v1/consultations/:id/texts/:textId', target: 'draft', before: DRAFT },
  { route: 'PATCH /api/v1/consultations/:id/texts/:textId', before: SECRETARIAT_ONLY },
  { route: 'DELETE /api/v1/consultations/:id/texts/:textId', before: SECRETARIAT_ONLY },

  // Replies. After the deadline, other States' replies stay confidential unless the consultation makes them public.
  { route: 'GET /api/v1/consultations/:id/replies', before: REPLY_LIST, after: REPLY_LIST },
  { route: 'GET /api/v1/consultations/:id/replies', target: 'publicReplies', before: REPLY_LIST, after: EVERYONE },
  { route: 'GET /api/v1/consultations/:id/replies', target: 'draft', before: DRAFT },
  { route: 'GET /api/v1/consultations/:id/replies/:state', before: OWN_REPLY, after: OWN_REPLY },
  {
    route: 'GET /api/v1/consultations/:id/replies/:state',
    target: 'publicReplies',
    before: OWN_REPLY,
    after: EVERYONE,
  },
  {
    route: 'GET /api/v1/consultations/:id/replies/:state/versions/:version/receipt',
    before: OWN_REPLY,
    after: OWN_REPLY,
  },
  {
    route: 'GET /api/v1/consultations/:id/replies/:state/versions/:version/receipt',
    target: 'publicReplies',
    before: OWN_REPLY,
    after: EVERYONE,
  },
  { route: 'PUT /api/v1/consultations/:id/replies/:state', before: REPLY_WRITE, after: REPLY_WRITE_LATE },
  {
    route: 'PUT /api/v1/consultations/:id/replies/:state',
    target: 'draft',
    before: [NO_AUTH, MAY_NOT_REPLY, HIDDEN, NOT_YOURS, MAY_NOT_REPLY, MAY_NOT_REPLY],
  },
  { route: 'DELETE /api/v1/consultations/:id/replies/:state', before: REPLY_WRITE, after: REPLY_WRITE_LATE },
  {
    route: 'POST /api/v1/consultations/:id/replies/:state/recorded',
    before: SECRETARIAT_ONLY,
    after: SECRETARIAT_ONLY,
  },
  { route: 'GET /api/v1/receipts/public-key', before: EVERYONE },
  // Every key with its validity period, for checking receipts offline (RFC 8615 location).
  { route: 'GET /.well-known/assent-keys.json', before: EVERYONE },
  // Anyone holding a receipt may have it checked (a read, though a POST).
  { route: 'POST /api/v1/receipts/verify', before: EVERYONE },

  // Results, the meeting's decisions (Res. 1 §9.5) and the results notice (§9.6.1).
  { route: 'GET /api/v1/consultations/:id/results', before: RESULTS_BEFORE, after: EVERYONE },
  { route: 'GET /api/v1/consultations/:id/results', target: 'draft', before: DRAFT },
  { route: 'GET /api/v1/consultations/:id/decisions', before: RESULTS_BEFORE, after: EVERYONE },
  {
    route: 'PUT /api/v1/consultations/:id/decisions/:textId',
    before: [NO_AUTH, FORBIDDEN, FORBIDDEN, FORBIDDEN, 'ok:DECISION_NOT_ALLOWED', 'ok:DECISION_NOT_ALLOWED'],
    after: SECRETARIAT_ONLY,
  },
  // The header of the results report (its TD number and Questions): the secretariat's, at any time.
  { route: 'PUT /api/v1/consultations/:id/results-report/header', before: SECRETARIAT_ONLY },
  {
    route: 'POST /api/v1/consultations/:id/results-notice',
    before: [NO_AUTH, FORBIDDEN, FORBIDDEN, FORBIDDEN, 'ok:NOTICE_NOT_ALLOWED', 'ok:NOTICE_NOT_ALLOWED'],
    after: [NO_AUTH, FORBIDDEN, FORBIDDEN, FORBIDDEN, 'ok:NOTICE_NOT_ALLOWED', 'ok:NOTICE_NOT_ALLOWED'],
  },

  // Documents, DOCX (issue #5): the circular as the consultation (a draft: the secretariat); a State's filled
  // form and receipt as its reply; the results report after the deadline only (to the secretariat too: it is
  // the meeting's document); the notice once issued, or as the secretariat's draft once every decision is recorded.
  { route: 'GET /api/v1/consultations/:id/documents/circular', before: EVERYONE },
  { route: 'GET /api/v1/consultations/:id/documents/circular', target: 'draft', before: DRAFT },
  { route: 'GET /api/v1/consultations/:id/documents/reply/:state', before: OWN_REPLY, after: OWN_REPLY },
  {
    route: 'GET /api/v1/consultations/:id/documents/reply/:state',
    target: 'publicReplies',
    before: OWN_REPLY,
    after: EVERYONE,
  },
  { route: 'GET /api/v1/consultations/:id/documents/receipt/:state', before: OWN_REPLY, after: OWN_REPLY },
  {
    route: 'GET /api/v1/consultations/:id/documents/receipt/:state',
    target: 'publicReplies',
    before: OWN_REPLY,
    after: EVERYONE,
  },
  {
    route: 'GET /api/v1/consultations/:id/documents/results-report',
    before: [NOT_YET, NOT_YET, NOT_YET, NOT_YET, NOT_YET, NOT_YET],
    after: EVERYONE,
  },
  {
    route: 'GET /api/v1/consultations/:id/documents/results-report',
    target: 'draft',
    before: [HIDDEN, HIDDEN, HIDDEN, HIDDEN, NOT_YET, NOT_YET],
  },
  {
    route: 'GET /api/v1/consultations/:id/documents/results-notice',
    before: [NOT_YET, NOT_YET, NOT_YET, NOT_YET, 'ok:NOTICE_NOT_ALLOWED', 'ok:NOTICE_NOT_ALLOWED'],
    after: [
      'ok:NOTICE_NOT_ALLOWED',
      'ok:NOTICE_NOT_ALLOWED',
      'ok:NOTICE_NOT_ALLOWED',
      'ok:NOTICE_NOT_ALLOWED',
      'ok:NOTICE_NOT_ALLOWED',
      'ok:NOTICE_NOT_ALLOWED',
    ],
  },

  // Attachments: focal points and the secretariat upload; a file is read by the secretariat,
  // its uploader and the State whose reply cites it (KR here), and hidden from everyone else.
  { route: 'POST /api/v1/attachments', before: [NO_AUTH, FORBIDDEN, OK, OK, OK, OK] },
  { route: 'GET /api/v1/attachments/:sha256', before: [HIDDEN, HIDDEN, OK, HIDDEN, OK, OK] },

  // Administration.
  { route: 'GET /api/v1/member-states', before: EVERYONE },
  // The approval procedures (src/procedures/registry.ts): reference data, like the Member States.
  { route: 'GET /api/v1/procedures', before: EVERYONE },
  { route: 'GET /api/v1/procedures/:procedureId', before: EVERYONE },
  { route: 'PUT /api/v1/member-states/:code/eligibility', before: ADMIN_ONLY },
  { route: 'GET /api/v1/participants', before: EVERYONE },
  // Administrators get through the policy and meet the rule: no registered procedure consults a
  // class besides the Member States (test/engine/toy-participants.test.ts registers one).
  {
    route: 'POST /api/v1/participants',
    before: [NO_AUTH, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, 'ok:UNKNOWN_PARTICIPANT_CLASS'],
  },
  { route: 'GET /api/v1/accounts', before: ADMIN_ONLY },
  { route: 'POST /api/v1/accounts/invitations', before: ADMIN_ONLY },
  { route: 'PATCH /api/v1/accounts/:accountId', before: ADMIN_ONLY },
  // The fixture account is an invited observer without an authenticator: administrators get through the
  // policy and meet the rule (CONFLICT: nothing to reset); test/http/accounts-api.test.ts resets one.
  {
    route: 'POST /api/v1/accounts/:accountId/authenticator-reset',
    before: [NO_AUTH, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, 'ok:CONFLICT'],
  },
  { route: 'GET /api/v1/tokens', before: ADMIN_ONLY },
  { route: 'POST /api/v1/tokens', before: ADMIN_ONLY },
  { route: 'DELETE /api/v1/tokens/:tokenId', before: ADMIN_ONLY },
  { route: 'GET /api/v1/contacts', before: ADMIN_ONLY },
  { route: 'POST /api/v1/contacts', before: ADMIN_ONLY },
  { route: 'PATCH /api/v1/contacts/:contactId', before: ADMIN_ONLY },
  { route: 'GET /api/v1/audit', before: SECRETARIAT_ONLY },
  { route: 'GET /api/v1/jobs', before: SECRETARIAT_ONLY },
  { route: 'GET /api/v1/jobs/:jobId', before: SECRETARIAT_ONLY },
  { route: 'GET /api/v1/jobs/:jobId/message', before: SECRETARIAT_ONLY },
];

/**
 * The server-rendered pages (sign-in, invitation, account). They authenticate by session cookie
 * and ignore bearer tokens, so each of the six roles above is, to a page, a visitor without a
 * session; every role must get the row's answer, and nothing may change. What a signed-in person
 * may do on the pages is the web suite's matrix (sessions, CSRF tokens, second factor).
 *
 * - `OK`: served (status below 300);
 * - `SIGN_IN`: sent to the sign-in page (a 3xx to /login);
 * - `HTTP 403`: a form posted with a forged CSRF token is refused; `HTTP 410`: an invitation or
 *   password reset link that is not (or no longer) valid; `HTTP 409`: results asked for before the
 *   deadline.
 */
type PageCell = 'OK' | 'SIGN_IN' | 'HTTP 403' | 'HTTP 409' | 'HTTP 410';
interface PageRow {
  readonly route: string;
  readonly withoutSession: PageCell;
}

// prettier-ignore
const PAGES: readonly PageRow[] = [
  // Document downloads from the pages (documents.routes.ts): the same rules as the API's documents,
  // acting as the person signed in — here a visitor: the circular is public; the results report
  // comes after the deadline (409 before); the notice once issued; a State's reply: sign in first.
  { route: 'GET /documents/:id/circular', withoutSession: 'OK' },
  { route: 'GET /documents/:id/results-report', withoutSession: 'HTTP 409' },
  { route: 'GET /documents/:id/results-notice', withoutSession: 'HTTP 409' },
  { route: 'GET /documents/:id/reply/:state', withoutSession: 'SIGN_IN' },
  { route: 'GET /documents/:id/receipt/:state', withoutSession: 'SIGN_IN' },
  { route: 'GET /login', withoutSession: 'OK' },
  { route: 'POST /login', withoutSession: 'HTTP 403' },
  { route: 'GET /login/verify', withoutSession: 'SIGN_IN' },
  { route: 'POST /login/verify', withoutSession: 'SIGN_IN' },
  { route: 'POST /logout', withoutSession: 'SIGN_IN' },
  { route: 'POST /session/keepalive', withoutSession: 'SIGN_IN' },
  { route: 'GET /invitations/:secret', withoutSession: 'HTTP 410' },
  { route: 'POST /invitations/:secret', withoutSession: 'HTTP 403' },
  // "Forgot your password?": anyone may ask (the same answer for every address); the link's page
  // answers 410 for a secret that is no link; a forged form is refused before anything is read.
  { route: 'GET /password-reset', withoutSession: 'OK' },
  { route: 'POST /password-reset', withoutSession: 'HTTP 403' },
  { route: 'GET /password-reset/:secret', withoutSession: 'HTTP 410' },
  { route: 'POST /password-reset/:secret', withoutSession: 'HTTP 403' },
  { route: 'GET /account', withoutSession: 'SIGN_IN' },
  { route: 'GET /account/authenticator', withoutSession: 'SIGN_IN' },
  { route: 'POST /account/authenticator', withoutSession: 'SIGN_IN' },
  { route: 'POST /account/sessions/sign-out-others', withoutSession: 'SIGN_IN' },
  { route: 'POST /account/tokens', withoutSession: 'SIGN_IN' },
  { route: 'POST /account/language', withoutSession: 'SIGN_IN' },
  { route: 'POST /account/tokens/:tokenId/revoke', withoutSession: 'SIGN_IN' },
  { route: 'GET /assets/:file', withoutSession: 'OK' },
  { route: 'GET /favicon.ico', withoutSession: 'OK' },
  // Focal point pages (reply.routes.tsx): a Member State's focal points only, so a visitor without
  // a session is sent to sign in, before any form (a forged one too) is read.
  { route: 'GET /my', withoutSession: 'SIGN_IN' },
  { route: 'GET /my/consultations/:id/reply', withoutSession: 'SIGN_IN' },
  { route: 'POST /my/consultations/:id/reply', withoutSession: 'SIGN_IN' },
  { route: 'POST /my/consultations/:id/reply/draft/discard', withoutSession: 'SIGN_IN' },
  { route: 'GET /my/consultations/:id/reply/review', withoutSession: 'SIGN_IN' },
  { route: 'POST /my/consultations/:id/reply/submit', withoutSession: 'SIGN_IN' },
  { route: 'POST /my/consultations/:id/reply/withdraw', withoutSession: 'SIGN_IN' },
  { route: 'GET /my/consultations/:id/reply/receipt/:version', withoutSession: 'SIGN_IN' },
  { route: 'GET /my/consultations/:id/reply/receipt/:version/signed', withoutSession: 'SIGN_IN' },
  { route: 'GET /my/consultations/:id/reply/history', withoutSession: 'SIGN_IN' },
  // Public pages (public.routes.tsx): everyone reads them; results only after the deadline (the
  // matrix's clock stands before it: the "not yet" page, 409 as the API's RESULTS_NOT_AVAILABLE).
  // `GET /` is in MATRIX: unprefixed it redirects to the home page in the reader's language.
  { route: 'GET /consultations/:id', withoutSession: 'OK' },
  { route: 'GET /consultations/:id/results', withoutSession: 'HTTP 409' },
  { route: 'GET /approved', withoutSession: 'OK' },
  // Secretariat outcome pages (secretariat-outcome.routes.tsx): the secretariat only, so a visitor
  // without a session is sent to sign in, before any form (a forged one too) is read.
  { route: 'GET /secretariat/consultations/:id/replies', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/consultations/:id/comments', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/consultations/:id/replies/:state', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/consultations/:id/replies/:state/remind', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/files/:sha256', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/consultations/:id/replies/record', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/consultations/:id/replies/record', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/consultations/:id/results', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/consultations/:id/decisions', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/consultations/:id/decisions', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/consultations/:id/notice', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/consultations/:id/report-header', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/consultations/:id/replies/record/read', withoutSession: 'SIGN_IN' },
  // Secretariat pages (secretariat.routes.tsx): circulars, texts, preview and issue for the whole
  // secretariat, accounts and invitations for its administrators, the audit trail, the review of
  // the languages. A visitor
  // without a session is sent to sign in before any form (a forged one too) is read.
  { route: 'GET /secretariat', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/consultations/new', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/consultations/new', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/consultations/:id', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/consultations/:id', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/consultations/:id/texts/new', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/consultations/:id/texts/new', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/consultations/:id/texts/:textId', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/consultations/:id/texts/:textId', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/consultations/:id/texts/:textId/remove', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/consultations/:id/preview', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/consultations/:id/issue', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/accounts', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/accounts/invitations', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/accounts/:accountId/disable', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/accounts/:accountId/enable', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/accounts/:accountId/authenticator-reset', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/accounts/:accountId/authenticator-reset', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/audit', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/audit/verify', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/languages', withoutSession: 'SIGN_IN' },
  // Who may be consulted (secretariat/participants.routes.tsx): administrators only.
  { route: 'GET /secretariat/participants', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/participants/register', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/participants/:code', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/participants/:code/eligibility', withoutSession: 'SIGN_IN' },
  // The replies received by e-mail (secretariat/inbox.routes.tsx): the secretariat only.
  { route: 'GET /secretariat/inbox', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/inbox/:id', withoutSession: 'SIGN_IN' },
  { route: 'GET /secretariat/inbox/:id/message.eml', withoutSession: 'SIGN_IN' },
  { route: 'POST /secretariat/inbox/:id/dismiss', withoutSession: 'SIGN_IN' },
];

const ROLE_LABEL: Record<Role, string> = {
  public: 'public',
  observer: 'observer',
  kr: 'KR',
  fr: 'FR',
  staff: 'staff',
  secretariat: 'secretariat',
};
const TARGET_LABEL: Record<Target, string> = {
  open: 'an open consultation',
  publicReplies: 'a consultation whose replies are public after the deadline',
  draft: 'a draft',
};

const isAuthorisationCode = (cell: string): cell is AuthorisationCode =>
  (AUTHORISATION_CODES as readonly string[]).includes(cell);

/** What a response amounts to, in the table's terms (with what went wrong, if anything, appended). */
function classify(response: LightMyRequestResponse): string {
  if (response.statusCode < 400) return OK;
  let body: { code?: unknown; status?: unknown } = {};
  try {
    body = response.json();
  } catch {
    return `HTTP ${response.statusCode}, not a problem document`;
  }
  const code = typeof body.code === 'string' ? body.code : '?';
  if (response.statusCode >= 500) return `HTTP ${response.statusCode} ${code}`;
  const cell = isAuthorisationCode(code) ? code : `ok:${code}`;
  const catalogued = ERROR_CATALOGUE[code as ErrorCode] as { status: number } | undefined;
  const wellFormed =
    /^application\/problem\+json/.test(String(response.headers['content-type'])) &&
    body.status === response.statusCode &&
    catalogued?.status === response.statusCode;
  return wellFormed ? cell : `${cell} (malformed problem document, HTTP ${response.statusCode})`;
}

/**
 * Sends the row's request as each role and returns one line per role, `role: cell`. Refused
 * roles go first, each between two storage snapshots, then the first allowed role. On a writing
 * row each further allowed role gets a database of its own, so one role's success (a text
 * deleted, a circular issued) cannot turn into the next role's conflict.
 */
async function exercise(
  api: SecurityApi,
  row: MatrixRow,
  when: ClockPoint,
  cells: Cells,
): Promise<{ actual: string[]; expected: string[] }> {
  const [method] = row.route.split(' ') as [HTTPMethods];
  const byRole = new Map<Role, string>();
  const order = ROLES.map((role, index) => ({ role, expected: cells[index]! })).sort(
    (a, b) => Number(!isAuthorisationCode(a.expected)) - Number(!isAuthorisationCode(b.expected)),
  );
  let allowedSoFar = 0;
  for (const { role, expected } of order) {
    const refused = isAuthorisationCode(expected);
    const own =
      !refused && method !== 'GET' && allowedSoFar++ > 0
        ? await createSecurityApi(api.world.database.dialect)
        : undefined;
    const target = own?.api ?? api;
    try {
      target.at(when);
      const request = prepareRequest(target, row.route, { ...(row.target && { target: row.target }), when });
      const before = refused ? await fullSnapshot(target.ctx.db) : undefined;
      const response = await target.send(method, request.url, {
        token: target.tokenOf(role),
        body: request.body,
        ...(request.headers && { headers: request.headers }),
      });
      let cell = classify(response);
      if (before && !isDeepStrictEqual(before, await fullSnapshot(target.ctx.db))) cell += ' (and storage changed)';
      byRole.set(role, cell);
    } finally {
      await own?.dispose();
    }
  }
  return {
    actual: ROLES.map((role) => `${ROLE_LABEL[role]}: ${byRole.get(role)}`),
    expected: ROLES.map((role, index) => `${ROLE_LABEL[role]}: ${cells[index]}`),
  };
}

function testName(row: MatrixRow, when: ClockPoint | undefined, cells: Cells): string {
  const on = row.target ? ` on ${TARGET_LABEL[row.target]}` : '';
  const time = when === undefined ? '' : when === 'before' ? ' before the deadline' : ' after the deadline';
  return `${row.route}${on}${time} answers ${ROLES.map((role, index) => `${ROLE_LABEL[role]} ${cells[index]}`).join(', ')}`;
}

function declareRows(api: () => SecurityApi, rows: readonly MatrixRow[]): void {
  for (const row of rows) {
    const points: [ClockPoint | undefined, Cells][] = row.after
      ? [
          ['before', row.before],
          ['after', row.after],
        ]
      : [[undefined, row.before]];
    for (const [when, cells] of points) {
      it(testName(row, when, cells), async () => {
        const { actual, expected } = await exercise(api(), row, when ?? 'before', cells);
        expect(actual).toEqual(expected);
      });
    }
  }
}

/** What a page's answer amounts to, in the pages table's terms. */
function classifyPage(response: LightMyRequestResponse): string {
  if (response.statusCode < 300) return 'OK';
  if (response.statusCode < 400)
    return String(response.headers.location ?? '').startsWith('/login')
      ? 'SIGN_IN'
      : `redirect to ${String(response.headers.location)}`;
  return `HTTP ${response.statusCode}`;
}

function declarePages(api: () => SecurityApi, rows: readonly PageRow[]): void {
  for (const row of rows) {
    it(`${row.route} answers every role, a visitor without a session to the page, ${row.withoutSession}, and changes nothing`, async () => {
      const [method] = row.route.split(' ') as [HTTPMethods];
      const before = await fullSnapshot(api().ctx.db);
      const answers: string[] = [];
      for (const role of ROLES) {
        const request = prepareRequest(api(), row.route);
        const response = await api().send(method, request.url, {
          token: api().tokenOf(role),
          body: request.body,
          ...(request.headers && { headers: request.headers }),
        });
        answers.push(`${ROLE_LABEL[role]}: ${classifyPage(response)}`);
      }
      expect(answers).toEqual(ROLES.map((role) => `${ROLE_LABEL[role]}: ${row.withoutSession}`));
      expect(await fullSnapshot(api().ctx.db)).toEqual(before);
    });
  }
}

const isRead = (row: MatrixRow) => row.route.startsWith('GET ');

describe('authorisation matrix [sqlite]', () => {
  const dialect = 'sqlite';

  describe('API reading routes (one database for the block: a GET changes nothing, as the snapshots around each refusal check)', () => {
    const api = useSecurityApi(dialect, { scope: 'all' });

    it('has a row for every route the router has, and no row for a route it does not have', () => {
      const registered = registeredRoutes(api().app).map((route) => route.key);
      expect(registered.length).toBeGreaterThan(40);
      expect([...new Set([...MATRIX, ...PAGES].map((row) => row.route))].sort()).toEqual(registered);
    });

    declareRows(api, MATRIX.filter(isRead));
  });

  describe('pages, to a visitor without a session (one database for the block: nothing may change, which each row checks)', () => {
    const api = useSecurityApi(dialect, { scope: 'all' });
    declarePages(api, PAGES);
  });

  describe('API writing routes (a fresh database for each row)', () => {
    const api = useSecurityApi(dialect);
    declareRows(
      api,
      MATRIX.filter((row) => !isRead(row)),
    );
  });
});
