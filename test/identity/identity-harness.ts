import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { AccountRole, DB } from '../../src/db/database.js';
import { AppError, type ErrorCode } from '../../src/domain/errors.js';
import type { Actor } from '../../src/domain/policy/actor.js';
import type { MailTransport, OutgoingMail } from '../../src/mail/mail-transport.js';
import type { Account } from '../../src/repositories/account.repository.js';
import { createJobHandlers } from '../../src/services/jobs/handlers.js';
import { createWorker } from '../../src/services/jobs/worker.js';
import { inviteAccount, type Invited } from '../../src/services/identity/accounts.js';
import {
  acceptInvitation,
  enrollmentSeed,
  verifySecondFactor,
  type Client,
} from '../../src/services/identity/sign-in.js';
import { totpCode } from '../../src/services/identity/totp.js';
import type { ServiceContext } from '../../src/services/service-context.js';
import { SECRETARIAT } from '../helpers/world.js';

/**
 * Accounts, sessions and stored-state checks for the identity suites. Every helper goes through
 * the services, as the secretariat and the invitees would; argon2 costs ~0.2 s per hash, so a
 * helper hashes at most once (when the invitation is accepted).
 */

/** Secretariat staff: runs consultations, may not manage accounts or tokens. */
export const STAFF: Actor = { kind: 'secretariat', id: 'test:staff', label: 'TSB staff', admin: false };

/** A password the policy accepts (long, not the e-mail address). */
export const PASSWORD = 'Correct horse battery staple 7';

/** The browser of the person signing in (documentation address range, RFC 5737). */
export const CLIENT: Client = { ip: '192.0.2.10', userAgent: 'vitest' };

/** One TOTP time step (RFC 6238 default period, 30 s). */
export const STEP_MS = 30_000;

/** The secret of an invitation link (`/invitations/<secret>`). */
export function secretOf(invited: Invited): string {
  const prefix = '/invitations/';
  expect(invited.invitationPath.startsWith(prefix)).toBe(true);
  return invited.invitationPath.slice(prefix.length);
}

export interface InviteeOptions {
  readonly role?: AccountRole;
  readonly email?: string;
  readonly memberState?: string;
}

/** Defaults: a focal point of the Republic of Korea. */
function inviteeDefaults(options: InviteeOptions): {
  role: AccountRole;
  email: string;
  memberState: string | undefined;
} {
  const role = options.role ?? 'focal_point';
  return {
    role,
    email: options.email ?? `${role.replace('_', '-')}@example.test`,
    memberState: role === 'focal_point' ? (options.memberState ?? 'KR') : undefined,
  };
}

/** Invites a person (no password yet, no hashing). */
export async function invite(ctx: ServiceContext, options: InviteeOptions = {}): Promise<Invited> {
  const { role, email, memberState } = inviteeDefaults(options);
  return inviteAccount(ctx, { actor: SECRETARIAT, email, name: `Invitee ${email}`, role, memberState });
}

export interface AcceptedAccount {
  readonly account: Account;
  readonly email: string;
  /** The pending session that the invitation opened (second factor still to enrol). */
  readonly sessionSecret: string;
}

/** Invites and accepts with PASSWORD: the account has a password but no authenticator yet. */
export async function acceptedAccount(ctx: ServiceContext, options: InviteeOptions = {}): Promise<AcceptedAccount> {
  const invited = await invite(ctx, options);
  const accepted = await acceptInvitation(ctx, { secret: secretOf(invited), password: PASSWORD, client: CLIENT });
  return { account: accepted.account, email: accepted.account.email, sessionSecret: accepted.sessionSecret };
}

export interface EnrolledAccount extends AcceptedAccount {
  /** The TOTP seed the authenticator app holds. */
  readonly seed: string;
  readonly recoveryCodes: readonly string[];
}

/**
 * Invites, accepts and enrols an authenticator at the clock's current time step: `sessionSecret`
 * is then a verified session. That step is used up; move the clock one step before the next code.
 */
export async function enrolledAccount(ctx: ServiceContext, options: InviteeOptions = {}): Promise<EnrolledAccount> {
  const accepted = await acceptedAccount(ctx, options);
  const { seed } = await enrollmentSeed(ctx, accepted.sessionSecret);
  const enrolled = await verifySecondFactor(ctx, {
    sessionSecret: accepted.sessionSecret,
    code: totpCode(seed, ctx.clock()),
    client: CLIENT,
  });
  return { ...accepted, sessionSecret: enrolled.sessionSecret, seed, recoveryCodes: enrolled.recoveryCodes ?? [] };
}

/** A six-digit code that is none of the codes valid at `at` (±1 step): certainly wrong. */
export function wrongCode(seed: string, at: number): string {
  const valid = new Set([-1, 0, 1].map((d) => totpCode(seed, at + d * STEP_MS)));
  for (let n = 0; ; n += 1) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

/** Awaits a call that must fail with the AppError `code`; returns the error. */
export async function refused(call: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

/** Like `refused`, and asserts that the identity tables (and the audit trail) did not change. */
export async function refusedUnchanged(
  db: Kysely<DB>,
  call: () => Promise<unknown>,
  code: ErrorCode,
): Promise<AppError> {
  const before = await identitySnapshot(db);
  const error = await refused(call(), code);
  expect(await identitySnapshot(db)).toEqual(before);
  return error;
}

/** Every row of the tables identity touches, in a stable order. */
export async function identitySnapshot(db: Kysely<DB>) {
  const [account, session, invitation, passwordReset, recoveryCode, loginThrottle, auditEvent, job, apiToken] =
    await Promise.all([
      db.selectFrom('account').selectAll().orderBy('id').execute(),
      db.selectFrom('session').selectAll().orderBy('id').execute(),
      db.selectFrom('invitation').selectAll().orderBy('id').execute(),
      db.selectFrom('password_reset').selectAll().orderBy('id').execute(),
      db.selectFrom('recovery_code').selectAll().orderBy('account_id').orderBy('code_hash').execute(),
      db.selectFrom('login_throttle').selectAll().orderBy('key').execute(),
      db.selectFrom('audit_event').select(['seq', 'at', 'actor', 'action', 'subject', 'data']).orderBy('seq').execute(),
      db.selectFrom('job').select(['id', 'kind', 'payload', 'state']).orderBy('id').execute(),
      db.selectFrom('api_token').selectAll().orderBy('id').execute(),
    ]);
  return { account, session, invitation, passwordReset, recoveryCode, loginThrottle, auditEvent, job, apiToken };
}

/** How many rows each identity table holds. */
export async function rowCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const snapshot = await identitySnapshot(db);
  return Object.fromEntries(Object.entries(snapshot).map(([table, rows]) => [table, rows.length]));
}

/** The sessions of one account. */
export async function sessionsOf(db: Kysely<DB>, accountId: string) {
  return db.selectFrom('session').selectAll().where('account_id', '=', accountId).execute();
}

/** The stored account row. */
export async function accountRow(db: Kysely<DB>, accountId: string) {
  return db.selectFrom('account').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
}

/** The audit actions written so far, oldest first. */
export async function auditActions(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('audit_event').select('action').orderBy('seq').execute();
  return rows.map((r) => r.action);
}

/** The stored throttle entry of a key (`account:<email>` or `ip:<address>`). */
export async function throttleRow(db: Kysely<DB>, key: string) {
  const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  return (
    row && { failures: Number(row.failures), lockedUntil: row.locked_until === null ? null : Number(row.locked_until) }
  );
}

/** The base URL of the links in the e-mails the identity suites send. */
export const BASE_URL = 'https://assent.test';

/** A mail transport that keeps what it is given. */
export function memoryTransport(): MailTransport & { readonly sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return {
    kind: 'eml',
    sent,
    send: async (mail) => {
      sent.push(mail);
      return { messageId: `message-${sent.length}`, location: 'memory' };
    },
    close() {},
  };
}

/** Runs every due job with the real worker and handlers, and returns the e-mails they sent. */
export async function deliverMail(ctx: ServiceContext): Promise<OutgoingMail[]> {
  const transport = memoryTransport();
  const handlers = createJobHandlers(ctx, { transport, from: 'Assent <no-reply@assent.test>', baseUrl: BASE_URL });
  await createWorker(ctx, { handlers }).drain();
  return transport.sent;
}

/** The secret of the link to `path` (`password-reset`, `invitations`) in an e-mail's text, and its locale. */
export function linkIn(mail: OutgoingMail, path: string): { secret: string; locale: string } {
  const match = new RegExp(`${BASE_URL}/([a-z]{2})/${path}/([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`No /${path}/ link in: ${mail.text}`);
  return { locale: match[1]!, secret: match[2]! };
}
