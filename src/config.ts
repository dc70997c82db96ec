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
}

/** A configuration error, naming the variable and what it must be. */
export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return value;
}

/**
 * Reads the configuration. Variables (all optional): DATABASE_URL, DATA_DIR, HOST, PORT,
 * LOG_LEVEL, BODY_LIMIT_BYTES, ATTACHMENT_MAX_BYTES, DATABASE_POOL_MAX, RATE_LIMIT_PER_MINUTE.
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
  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}")`);
  return {
    database,
    dataDir,
    host: env.HOST?.trim() || '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65535),
    logLevel,
    bodyLimit: integer(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    attachmentMaxBytes: integer(env, 'ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 0, 10_000_000),
  };
}
