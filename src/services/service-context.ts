import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/database.js';
import { constraintKind, isUnavailable } from '../db/db-errors.js';
import { ITU_GENEVA_HOLIDAYS, type HolidayCalendar } from '../domain/calendar/itu-geneva-holidays.js';
import { AppError } from '../domain/errors.js';
import { DEFAULT_TIMING_POLICY, type TimingPolicy } from '../domain/procedure/timing.js';
import type { Clock } from '../domain/time/clock.js';
import { appendedAudit } from '../repositories/audit.repository.js';
import { type AuditSealMode, beginWriter, defaultAuditSealMode, sealAudit } from './audit-seal.js';
import { noteCommit } from './content-changes.js';

/** What every use-case receives: the database, the clock, and the settings that shape rules. */
export interface ServiceContext {
  readonly db: Kysely<DB>;
  readonly clock: Clock;
  readonly calendar: HolidayCalendar;
  readonly timingPolicy: TimingPolicy;
  /** Largest attachment accepted, in bytes. */
  readonly attachmentMaxBytes: number;
  /** Days before the deadline at which States that have not replied are reminded. */
  readonly reminderDays: readonly number[];
  /** 32-byte server secret: encrypts TOTP secrets at rest. The same on every instance. */
  readonly secretKey: Buffer;
  /** Sessions end after this long without a request… */
  readonly sessionIdleMs: number;
  /** …and after this long in any case. */
  readonly sessionAbsoluteMs: number;
  /** Invitation links (and an administrator's authenticator reset links) expire after this long. */
  readonly invitationTtlMs: number;
  /** "Forgot your password?" links expire after this long. */
  readonly passwordResetTtlMs: number;
  /** When a write's audit events are sealed into the chain (services/audit-seal.ts). */
  readonly auditSeal: AuditSealMode;
}

/** Reminders 30, 14, 7 and 2 days before the deadline (IEEE reminds at 14, 7 and 3). */
export const DEFAULT_REMINDER_DAYS: readonly number[] = [30, 14, 7, 2];

/** A context with the defaults, for the CLI, the server and tests. */
export function serviceContext(
  db: Kysely<DB>,
  clock: Clock,
  overrides: Partial<Omit<ServiceContext, 'db' | 'clock'>> = {},
): ServiceContext {
  return {
    db,
    clock,
    calendar: overrides.calendar ?? ITU_GENEVA_HOLIDAYS,
    timingPolicy: overrides.timingPolicy ?? DEFAULT_TIMING_POLICY,
    attachmentMaxBytes: overrides.attachmentMaxBytes ?? 10 * 1024 * 1024,
    reminderDays: overrides.reminderDays ?? DEFAULT_REMINDER_DAYS,
    // Tests and one-off tools get a random key; the server passes the configured one.
    secretKey: overrides.secretKey ?? randomBytes(32),
    sessionIdleMs: overrides.sessionIdleMs ?? 30 * 60_000,
    sessionAbsoluteMs: overrides.sessionAbsoluteMs ?? 12 * 3_600_000,
    invitationTtlMs: overrides.invitationTtlMs ?? 7 * 86_400_000,
    passwordResetTtlMs: overrides.passwordResetTtlMs ?? 3_600_000,
    auditSeal: overrides.auditSeal ?? defaultAuditSealMode(db),
  };
}

/**
 * Runs `work` in one transaction and translates storage failures: a constraint the rules should
 * have caught becomes CONFLICT (never a 500 with SQL in it), an unreachable database
 * SERVICE_UNAVAILABLE. Use the `trx` it passes for every query: touching `ctx.db` inside would
 * deadlock on SQLite and escape the transaction on PostgreSQL.
 *
 * When `ctx.db` is itself a transaction (a service composed of others, run by `inOneTransaction`),
 * `work` joins it: everything commits or nothing does. There are no savepoints: a caller inside
 * `inOneTransaction` that catches a refusal and carries on keeps what the refused step wrote, so
 * let refusals propagate.
 */
export async function inTransaction<T>(ctx: ServiceContext, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  let writer: Transaction<DB> | undefined;
  let result: T;
  try {
    if (ctx.db.isTransaction) return await work(ctx.db as Transaction<DB>);
    result = await ctx.db.transaction().execute((trx) => {
      writer = trx;
      beginWriter(trx, ctx.auditSeal);
      return work(trx);
    });
  } catch (error) {
    throw translateStorageError(error);
  }
  // The public pages this process keeps are read afresh from now on (services/content-changes.ts).
  noteCommit(ctx.db);
  // The change is committed: its audit events are sealed now, with whatever else is pending. A
  // failure here loses nothing (the events wait in audit_pending for the next seal, which the job
  // worker also runs), so the write still succeeds.
  if (ctx.auditSeal === 'after-commit' && appendedAudit(writer!)) await sealAudit(ctx.db).catch(() => undefined);
  return result;
}

/**
 * Runs several services as one transaction: each is given a context whose database is the
 * transaction, so their own `inTransaction` joins it. A refusal by any of them rolls back what
 * the others wrote (a file imported in several steps is applied whole or not at all).
 */
export async function inOneTransaction<T>(
  ctx: ServiceContext,
  work: (inner: ServiceContext) => Promise<T>,
): Promise<T> {
  return inTransaction(ctx, (trx) => work({ ...ctx, db: trx }));
}

/** Maps a storage error to the catalogue; AppErrors pass through unchanged. */
export function translateStorageError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const kind = constraintKind(error);
  if (kind === 'unique') return new AppError('CONFLICT', 'A record with the same identity already exists');
  if (kind === 'foreign_key') return new AppError('CONFLICT', 'The record refers to something that does not exist');
  if (kind === 'check' || kind === 'not_null')
    return new AppError('VALIDATION_FAILED', 'A value is outside what the database accepts');
  if (kind === 'invalid_text')
    return new AppError('VALIDATION_FAILED', 'A text contains a character that cannot be stored (such as NUL)');
  if (isUnavailable(error))
    return new AppError('SERVICE_UNAVAILABLE', 'The database is unreachable or busy; nothing was changed. Try again.');
  return error;
}
