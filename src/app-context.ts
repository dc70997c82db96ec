import type { Kysely } from 'kysely';
import { migrateToLatest, openDatabase } from './db/connect.js';
import type { DB } from './db/database.js';
import { systemClock, type Clock } from './domain/time/clock.js';
import type { AppConfig } from './config.js';
import { serviceContext, type ServiceContext } from './services/service-context.js';
import { emlTransport, smtpTransport, type MailTransport } from './mail/mail-transport.js';
import { createJobHandlers } from './services/jobs/handlers.js';
import { createWorker, type Worker } from './services/jobs/worker.js';
import { sealSecret } from './services/identity/secrets.js';
import { ensurePrivateDir, tightenPrivateFile, writeNewPrivateFile } from './platform/private-files.js';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The composition root shared by the server and the CLI. */
export interface AppContext {
  readonly config: AppConfig;
  readonly db: Kysely<DB>;
  readonly services: ServiceContext;
  /** Where e-mails go: SMTP_URL, or .eml files under DATA_DIR/mail. */
  readonly mail: MailTransport;
  /** The job worker of this process (started by the server, or drained by `assent jobs run`). */
  readonly worker: Worker;
  close(): Promise<void>;
}

/**
 * Opens the database, brings its schema up to date and builds the service context.
 * Fails with a clear message when the database cannot be reached.
 */
export async function createAppContext(config: AppConfig, clock: Clock = systemClock): Promise<AppContext> {
  // The data folder is Assent's own: made private even when an older version left it open (it is
  // created where needed, by the SQLite database, the secret key or the first .eml file).
  if (fs.existsSync(config.dataDir)) ensurePrivateDir(config.dataDir, { own: true });
  const secretKey = config.secretKey ?? localSecretKey(config.dataDir);
  const db = openDatabase(config.database);
  try {
    await migrateToLatest(db, { sealSecret: (plaintext) => sealSecret(secretKey, plaintext) });
  } catch (error) {
    await db.destroy().catch(() => undefined);
    const where = config.database.kind === 'sqlite' ? config.database.file : redactUrl(config.database.url);
    throw new Error(`Cannot open the ${config.database.kind} database at ${where}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const services = serviceContext(db, clock, {
    attachmentMaxBytes: config.attachmentMaxBytes,
    reminderDays: config.reminderDays,
    secretKey,
    sessionIdleMs: config.sessionIdleMinutes * 60_000,
    sessionAbsoluteMs: config.sessionAbsoluteHours * 3_600_000,
    invitationTtlMs: config.invitationDays * 86_400_000,
    passwordResetTtlMs: config.passwordResetMinutes * 60_000,
    ...(config.auditSeal !== null && { auditSeal: config.auditSeal }),
  });
  const mail = config.smtpUrl ? smtpTransport(config.smtpUrl) : emlTransport(path.join(config.dataDir, 'mail'));
  const worker = createWorker(services, {
    handlers: createJobHandlers(services, { transport: mail, from: config.mailFrom, baseUrl: config.publicUrl }),
  });
  return {
    config,
    db,
    services,
    mail,
    worker,
    async close() {
      await worker.stop();
      mail.close();
      await db.destroy();
    },
  };
}

/**
 * The server secret of a single-machine installation: DATA_DIR/secret.key, created (mode 0600)
 * on first start. Several instances must share ASSENT_SECRET_KEY instead (docs/operations.md).
 */
export function localSecretKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secret.key');
  try {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    tightenPrivateFile(file);
    if (key.length === 32) return key;
    throw new Error(`${file} does not hold 32 bytes in base64`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  ensurePrivateDir(dataDir, { own: true });
  const key = randomBytes(32);
  try {
    writeNewPrivateFile(file, `${key.toString('base64')}\n`);
  } catch (error) {
    // Another process (the CLI beside the server) created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    throw error;
  }
  return key;
}

/** A database URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
