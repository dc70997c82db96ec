import { chromiumPreference } from './platform/chromium.js';
import { statSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { parseDatabaseUrl, type DatabaseTarget } from './db/connect.js';

/** Everything the process reads from its environment, parsed once at start. */
export interface AppConfig {
  readonly database: DatabaseTarget;
  /** Folder for the SQLite file and other local data (demo tokens). */
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  /** Largest JSON request body, bytes. */
  readonly bodyLimit: number;
  /** Largest attachment, bytes. */
  readonly attachmentMaxBytes: number;
  /** Requests per minute per client address on the API (0: no limit, e.g. for benchmarks). */
  readonly rateLimitPerMinute: number;
  /** Receipt verifications per minute per client address, on their own (0: no limit). */
  readonly receiptVerifyPerMinute: number;
  /** Public answers kept in memory for readers without a session or token (0: the cache is off). */
  readonly publicCacheEntries: number;
  /** Most memory those answers may take, MiB. */
  readonly publicCacheMb: number;
  /**
   * When a write's audit events are sealed into the hash chain (services/audit-seal.ts); null:
   * the database's default (SQLite before the commit, PostgreSQL after it).
   */
  readonly auditSeal: 'before-commit' | 'after-commit' | null;
  /** SMTP server for e-mails; null: write each message as an .eml file under DATA_DIR/mail. */
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  /** Base URL used in links of e-mails. */
  readonly publicUrl: string;
  /** Days before the deadline at which States that have not replied are reminded. */
  readonly reminderDays: readonly number[];
  /** Whether this instance runs the background job worker. */
  readonly worker: boolean;
  /** Bearer token required for /metrics (null: nobody may scrape, unless `metricsPublic`). */
  readonly metricsToken: string | null;
  /** METRICS_PUBLIC: /metrics answers without a token (bind it to a private network). */
  readonly metricsPublic: boolean;
  /** ASSENT_SECRET_KEY (base64 of 32 bytes), or null: use DATA_DIR/secret.key (created on first start). */
  readonly secretKey: Buffer | null;
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteHours: number;
  readonly invitationDays: number;
  /** "Forgot your password?" links expire after this many minutes. */
  readonly passwordResetMinutes: number;
  /**
   * Which reverse proxies to believe about the client's address in X-Forwarded-For (so throttling
   * sees the client's address, not the proxy's): none, or those at the listed addresses. Never
   * "all": a client could then choose its own address.
   */
  readonly trustProxy: TrustProxy;
  /** The organisation running this instance, named and shown in the pages' header. */
  readonly organisation: Organisation;
  /** Replies received by e-mail (MAIL_IN_*). */
  readonly mailIn: MailInConfig;
}

/** How replies sent by e-mail reach Assent (docs/operations.md, "Replies by e-mail"). */
export interface MailInConfig {
  /** MAIL_IN_SMTP (host:port): the SMTP listener's address, or null (no listener). */
  readonly smtp: { readonly host: string; readonly port: number } | null;
  /** MAIL_IN_ADDRESSES: the recipients the listener takes mail for, lower case. */
  readonly addresses: readonly string[];
  /** MAIL_IN_SMTP_CLIENTS: the addresses or CIDR ranges (or `loopback`) the listener takes connections from. */
  readonly smtpClients: readonly string[];
  /** MAIL_IN_IMAP_URL: the mailbox polled, or null. */
  readonly imapUrl: string | null;
  /** MAIL_IN_IMAP_INTERVAL, in milliseconds (given in seconds). */
  readonly imapIntervalMs: number;
  /** MAIL_IN_IMAP_PROCESSED: the mailbox handled messages are moved to, or null (marked seen). */
  readonly imapProcessed: string | null;
  /** MAIL_IN_AUTHSERV_ID: the mail server whose Authentication-Results are believed, or null. */
  readonly authservId: string | null;
  /** MAIL_IN_REQUIRE_AUTH: only an authenticated sender is matched to a State. */
  readonly requireAuthentication: boolean;
  /** MAIL_IN_MAX_BYTES: the largest message kept. */
  readonly maxBytes: number;
}

/** ORG_NAME (and ORG_NAME_AR… in another language) and ORG_LOGO. */
export interface Organisation {
  /** The name by language (`ar`, `zh`, `en`, `fr`, `ru`, `es`), and `default` for the others; empty: "Assent". */
  readonly names: Readonly<Record<string, string>>;
  /** Absolute path of the logo (SVG or PNG, at most 100 KiB), or null. */
  readonly logo: string | null;
}

/** The languages an organisation's name may be given in (ORG_NAME_<LANG>). */
const ORG_NAME_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
/** The largest logo: it is part of every page's weight (about 15 KB). */
export const ORG_LOGO_MAX_BYTES = 100 * 1024;

/**
 * Fastify's `trustProxy` restricted to what a client cannot spoof: `false` (the socket's address
 * is the client's), or the addresses, CIDR ranges and proxy-addr names (`loopback`, `linklocal`,
 * `uniquelocal`) of the reverse proxies.
 */
export type TrustProxy = false | readonly string[];

/** A configuration error, naming the variable and what it must be. */
export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return value;
}

function smtpUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('protocol');
    return raw.trim();
  } catch {
    throw new ConfigError(
      'SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.org:587',
    );
  }
}

function secretKey(raw: string | undefined): Buffer | null {
  if (raw === undefined || raw.trim() === '') return null;
  const key = Buffer.from(raw.trim(), 'base64');
  if (key.length !== 32)
    throw new ConfigError('ASSENT_SECRET_KEY must be 32 random bytes in base64 (e.g. openssl rand -base64 32)');
  return key;
}

function reminderDays(raw: string | undefined): number[] {
  if (raw === undefined || raw.trim() === '') return [30, 14, 7, 2];
  if (raw.trim() === 'none') return [];
  const days = raw.split(',').map((d) => Number(d.trim()));
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 365))
    throw new ConfigError(
      `REMINDER_DAYS must be whole days from 1 to 365 separated by commas, e.g. 30,14,7,2 (or "none"), got "${raw}"`,
    );
  return [...new Set(days)].sort((a, b) => b - a);
}

function mailIn(env: NodeJS.ProcessEnv): MailInConfig {
  const listen = env.MAIL_IN_SMTP?.trim() || null;
  let smtp: MailInConfig['smtp'] = null;
  if (listen !== null) {
    const match = /^(.*):(\d{1,5})$/.exec(listen);
    const port = match ? Number(match[2]) : Number.NaN;
    if (!match || match[1] === '' || port > 65535)
      throw new ConfigError(`MAIL_IN_SMTP must be host:port, e.g. 127.0.0.1:2525 (got "${listen}")`);
    smtp = { host: match[1]!.replace(/^\[|\]$/g, ''), port };
  }
  const addresses = (env.MAIL_IN_ADDRESSES ?? '')
    .split(',')
    .map((address) => address.trim().toLowerCase())
    .filter((address) => address !== '');
  for (const address of addresses)
    if (!/^[^@\s]+@[^@\s]+$/.test(address))
      throw new ConfigError(`MAIL_IN_ADDRESSES must list e-mail addresses separated by commas (got "${address}")`);
  if (smtp !== null && addresses.length === 0)
    throw new ConfigError('MAIL_IN_SMTP needs MAIL_IN_ADDRESSES: the addresses the listener takes mail for');
  const smtpClients = (env.MAIL_IN_SMTP_CLIENTS?.trim() || 'loopback')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  const stranger = smtpClients.find((entry) => entry !== 'loopback' && !isAddressOrRange(entry));
  if (stranger !== undefined)
    throw new ConfigError(
      `MAIL_IN_SMTP_CLIENTS must list the mail servers' addresses or CIDR ranges (or loopback), comma-separated; "${stranger}" is none of these`,
    );
  const imapUrl = env.MAIL_IN_IMAP_URL?.trim() || null;
  if (imapUrl !== null) {
    let url: URL | null = null;
    try {
      url = new URL(imapUrl);
    } catch {
      url = null;
    }
    if (url === null || (url.protocol !== 'imap:' && url.protocol !== 'imaps:') || !url.hostname || !url.username)
      throw new ConfigError(
        'MAIL_IN_IMAP_URL must be an imap:// or imaps:// URL with the account, e.g. imaps://user:password@mail.example.org/INBOX',
      );
  }
  return {
    smtp,
    addresses,
    smtpClients,
    imapUrl,
    imapIntervalMs: integer(env, 'MAIL_IN_IMAP_INTERVAL', 60, 5, 86_400) * 1000,
    imapProcessed: env.MAIL_IN_IMAP_PROCESSED?.trim() || null,
    authservId: env.MAIL_IN_AUTHSERV_ID?.trim() || null,
    requireAuthentication: flag(env, 'MAIL_IN_REQUIRE_AUTH', false),
    maxBytes: integer(env, 'MAIL_IN_MAX_BYTES', 25 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
  };
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be on or off (got "${env[name]}")`);
}

const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** True for an IPv4 or IPv6 address, with an optional prefix length that fits it. */
function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: `off` (default), or a comma-separated list of the reverse proxies' addresses, CIDR
 * ranges or proxy-addr's names. Only a request whose socket comes from a listed proxy has its
 * X-Forwarded-For read, and only back to the first address that is not a listed proxy, so no
 * client can choose its own address.
 * - `on` used to trust every hop, which let any client choose its address by sending
 *   X-Forwarded-For (and so escape the per-address sign-in lock): it is refused, so that an
 *   upgrade makes the operator name the proxies instead of silently meaning something else.
 * - A number of hops is refused too: it cannot tell a proxy from a client that connects directly,
 *   and Fastify 5 ignores X-Forwarded-For for a hop count (it "fails closed"), so every visitor
 *   would have the proxy's address and the address lock would lock them all out together.
 */
function trustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim().toLowerCase();
  if (value === undefined || ['', '0', 'off', 'false', 'no'].includes(value)) return false;
  const example =
    'the addresses of the reverse proxies in front of Assent, e.g. TRUST_PROXY=loopback for a proxy on the same ' +
    'machine, or TRUST_PROXY=10.0.0.5,10.0.1.0/24';
  if (['on', 'true', 'yes', 'all', '*'].includes(value))
    throw new ConfigError(
      `TRUST_PROXY=${raw!.trim()} would let any client choose its own address through X-Forwarded-For; give ${example} (or "off")`,
    );
  if (/^\d+$/.test(value))
    throw new ConfigError(
      `TRUST_PROXY=${raw!.trim()}: a number of proxies cannot tell a proxy from a client that connects directly; give ${example} (or "off")`,
    );
  const entries = value.split(',').map((entry) => entry.trim());
  const wrong = entries.find((entry) => !PROXY_RANGE_NAMES.includes(entry) && !isAddressOrRange(entry));
  if (wrong !== undefined)
    throw new ConfigError(
      `TRUST_PROXY must be off or a comma-separated list of the proxies' addresses or CIDR ranges ` +
        `(or loopback, linklocal, uniquelocal); "${wrong}" is none of these`,
    );
  return entries;
}

/** AUDIT_SEAL: before-commit, after-commit, or unset for the database's default. */
function auditSeal(value: string | undefined): 'before-commit' | 'after-commit' | null {
  const mode = value?.trim() || null;
  if (mode === null || mode === 'before-commit' || mode === 'after-commit') return mode;
  throw new ConfigError(`AUDIT_SEAL must be before-commit or after-commit (got "${mode}")`);
}

/**
 * METRICS_TOKEN and METRICS_PUBLIC: /metrics needs the token; without one it answers nobody,
 * unless the operator opens it on purpose. Both at once would be ambiguous (is the token
 * required?), so that is refused.
 */
function metricsAccess(env: NodeJS.ProcessEnv): { metricsToken: string | null; metricsPublic: boolean } {
  const metricsToken = env.METRICS_TOKEN?.trim() || null;
  const metricsPublic = flag(env, 'METRICS_PUBLIC', false);
  if (metricsToken !== null && metricsPublic)
    throw new ConfigError(
      'METRICS_PUBLIC=on opens /metrics to anyone, but METRICS_TOKEN is set too: keep one (the token, to require it; METRICS_PUBLIC, to open the metrics)',
    );
  return { metricsToken, metricsPublic };
}

/**
 * ORG_NAME, ORG_NAME_<LANG> and ORG_LOGO: the organisation's name in the header, in the reader's
 * language where given, and its logo, an SVG or PNG file read at start.
 */
function organisation(env: NodeJS.ProcessEnv): Organisation {
  const names: Record<string, string> = {};
  for (const [name, key] of [
    ['ORG_NAME', 'default'],
    ...ORG_NAME_LANGUAGES.map((language) => [`ORG_NAME_${language.toUpperCase()}`, language]),
  ] as const) {
    const value = env[name]?.trim();
    if (!value) continue;
    if (value.length > 120) throw new ConfigError(`${name} must be at most 120 characters (got ${value.length})`);
    names[key] = value;
  }
  const raw = env.ORG_LOGO?.trim();
  if (!raw) return { names, logo: null };
  const logo = path.resolve(raw);
  if (!/\.(svg|png)$/i.test(logo)) throw new ConfigError(`ORG_LOGO must be an .svg or .png file (got "${raw}")`);
  let size: number;
  try {
    const stat = statSync(logo);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw new ConfigError(`ORG_LOGO must name a readable file (got "${raw}")`);
  }
  if (size > ORG_LOGO_MAX_BYTES)
    throw new ConfigError(`ORG_LOGO must be at most ${ORG_LOGO_MAX_BYTES} bytes: it is on every page (got ${size})`);
  return { names, logo };
}

/**
 * Reads the configuration. Variables (all optional): DATABASE_URL, DATA_DIR, HOST, PORT,
 * LOG_LEVEL, BODY_LIMIT_BYTES, ATTACHMENT_MAX_BYTES, DATABASE_POOL_MAX, RATE_LIMIT_PER_MINUTE,
 * RECEIPT_VERIFY_PER_MINUTE, PUBLIC_CACHE_ENTRIES, PUBLIC_CACHE_MB, AUDIT_SEAL,
 * SMTP_URL, MAIL_FROM, PUBLIC_URL, REMINDER_DAYS, WORKER, METRICS_TOKEN, METRICS_PUBLIC, ASSENT_SECRET_KEY,
 * SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS, INVITATION_DAYS, PASSWORD_RESET_MINUTES, TRUST_PROXY,
 * ORG_NAME(_<LANG>), ORG_LOGO, CHROMIUM (checked here, read where Chromium is looked for), MAIL_IN_SMTP,
 * MAIL_IN_ADDRESSES, MAIL_IN_SMTP_CLIENTS, MAIL_IN_IMAP_URL, MAIL_IN_IMAP_INTERVAL, MAIL_IN_IMAP_PROCESSED, MAIL_IN_AUTHSERV_ID,
 * MAIL_IN_REQUIRE_AUTH, MAIL_IN_MAX_BYTES.
 * @throws ConfigError naming the variable
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = path.resolve(env.DATA_DIR?.trim() || './data');
  let database: DatabaseTarget;
  try {
    database = parseDatabaseUrl(env.DATABASE_URL, dataDir, integer(env, 'DATABASE_POOL_MAX', 10, 1, 500));
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  try {
    // Refused at the start rather than at the first PDF.
    chromiumPreference(env);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel))
    throw new ConfigError(
      `LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}")`,
    );
  return {
    database,
    dataDir,
    host: env.HOST?.trim() || '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65535),
    logLevel,
    bodyLimit: integer(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    attachmentMaxBytes: integer(env, 'ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 0, 10_000_000),
    receiptVerifyPerMinute: integer(env, 'RECEIPT_VERIFY_PER_MINUTE', 30, 0, 1_000_000),
    publicCacheEntries: integer(env, 'PUBLIC_CACHE_ENTRIES', 1000, 0, 1_000_000),
    publicCacheMb: integer(env, 'PUBLIC_CACHE_MB', 64, 1, 64 * 1024),
    auditSeal: auditSeal(env.AUDIT_SEAL),
    smtpUrl: smtpUrl(env.SMTP_URL),
    mailFrom: env.MAIL_FROM?.trim() || 'Assent <no-reply@assent.invalid>',
    publicUrl: (
      env.PUBLIC_URL?.trim() || `http://${env.HOST?.trim() || '127.0.0.1'}:${env.PORT?.trim() || '3000'}`
    ).replace(/\/+$/, ''),
    reminderDays: reminderDays(env.REMINDER_DAYS),
    worker: flag(env, 'WORKER', true),
    ...metricsAccess(env),
    secretKey: secretKey(env.ASSENT_SECRET_KEY),
    sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: integer(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    invitationDays: integer(env, 'INVITATION_DAYS', 7, 1, 60),
    passwordResetMinutes: integer(env, 'PASSWORD_RESET_MINUTES', 60, 5, 24 * 60),
    trustProxy: trustProxy(env.TRUST_PROXY),
    organisation: organisation(env),
    mailIn: mailIn(env),
  };
}
