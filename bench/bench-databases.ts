import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from '../scripts/embedded-postgres.js';
import type { DatabaseTarget } from '../src/db/connect.js';
import type { BenchDatabase } from './bench-result.js';

/**
 * Where the bench's databases live: SQLite files in a temporary folder, and databases on a
 * PostgreSQL server — the one named by BENCH_DATABASE_URL (an admin URL; the bench creates and
 * drops its own databases there), otherwise an embedded-postgres server started for the run in
 * a temporary folder and stopped at the end, with PostgreSQL's default durability (fsync on).
 */

/** Connections each server child's pool may open (the production default of DATABASE_POOL_MAX). */
export const POSTGRES_POOL_MAX = 10;

export interface BenchPostgres {
  readonly source: 'embedded' | 'BENCH_DATABASE_URL';
  /** Admin URL (database `postgres`). */
  readonly adminUrl: string;
  readonly version: string;
  stop(): Promise<void>;
}

/** One database for the bench: its DATABASE_URL (for a server child) and its target (for in-process use). */
export interface BenchDatabaseHandle {
  readonly kind: BenchDatabase;
  readonly url: string;
  readonly target: DatabaseTarget;
  /** Removes the database (SQLite folder or PostgreSQL database). */
  drop(): Promise<void>;
}

/** Starts (or connects to) the PostgreSQL server of the run. */
export async function startPostgres(): Promise<BenchPostgres> {
  const named = process.env.BENCH_DATABASE_URL?.trim();
  if (named) {
    const url = new URL(named);
    if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname))
      throw new Error(
        'BENCH_DATABASE_URL must point at a loopback address (127.0.0.1 or localhost): the bench sends traffic to loopback only',
      );
    return {
      source: 'BENCH_DATABASE_URL',
      adminUrl: named,
      version: await serverVersion(named),
      stop: async () => undefined,
    };
  }
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-bench-pg-'));
  // max_connections: headroom for a pool per server child plus the bench.
  const server = await startEmbeddedPostgres(base, { maxConnections: 200 });
  const adminUrl = server.adminUrl;
  let stopped = false;
  return {
    source: 'embedded',
    adminUrl,
    version: await serverVersion(adminUrl),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop().catch(() => undefined);
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return rows[0]!.server_version;
  } finally {
    await client.end();
  }
}

/** A fresh, empty database (the caller migrates it). */
export async function createBenchDatabase(
  kind: BenchDatabase,
  postgres: BenchPostgres | null,
  label: string,
): Promise<BenchDatabaseHandle> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `assent-bench-${label}-`));
    const file = path.join(dir, 'assent.db');
    return {
      kind,
      url: `sqlite:${file}`,
      target: { kind: 'sqlite', file },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!postgres) throw new Error('PostgreSQL is not available in this run');
  const name = `assent_bench_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
  await adminQuery(postgres.adminUrl, `create database ${name}`);
  const url = new URL(postgres.adminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    target: { kind: 'postgres', url: url.toString(), poolMax: POSTGRES_POOL_MAX },
    drop: () => adminQuery(postgres.adminUrl, `drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export { freePort };
