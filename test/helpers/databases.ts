import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { migrateToLatest, openDatabase, type DatabaseTarget } from '../../src/db/connect.js';
import type { DB } from '../../src/db/database.js';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

export interface TestDatabase {
  readonly dialect: TestDialect;
  readonly db: Kysely<DB>;
  /** The DATABASE_URL of this database (to start a server or a CLI against it). */
  readonly url: string;
  destroy(): Promise<void>;
}

/** True when this run has a PostgreSQL server (see test/setup/postgres.global.ts). */
export function hasPostgres(): boolean {
  return inject('pgAdminUrl') !== '';
}

/**
 * A fresh, migrated database of the given dialect, owned by one test: a SQLite file in a new
 * temporary folder, or a new database on the run's PostgreSQL server (dropped by destroy()).
 */
export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-test-'));
    const file = path.join(dir, 'assent.db');
    const db = openDatabase({ kind: 'sqlite', file });
    await migrateToLatest(db);
    return {
      dialect,
      db,
      url: `sqlite:${file}`,
      async destroy() {
        await db.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = inject('pgAdminUrl');
  if (!adminUrl) throw new Error('PostgreSQL is not available in this run');
  const name = `assent_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const target: DatabaseTarget = { kind: 'postgres', url: url.toString(), poolMax: 10 };
  const db = openDatabase(target);
  await migrateToLatest(db);
  return {
    dialect,
    db,
    url: url.toString(),
    async destroy() {
      await db.destroy();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * Declares the same suite once per dialect (Kysely's `for (const dialect of DIALECTS)`). The
 * PostgreSQL copy is skipped, visibly, only when the run has no PostgreSQL (ASSENT_TEST_PG=off).
 */
export function describeEachDialect(name: string, suite: (dialect: TestDialect) => void): void {
  for (const dialect of DIALECTS) {
    describe.skipIf(dialect === 'postgres' && !hasPostgres())(`${name} [${dialect}]`, () => suite(dialect));
  }
}
