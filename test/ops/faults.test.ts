import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.js';
import { systemClock } from '../../src/domain/time/clock.js';
import { buildApp } from '../../src/http/app.js';
import { inTransaction, serviceContext } from '../../src/services/service-context.js';
import { hasPostgres } from '../helpers/databases.js';
import { useWorld } from '../helpers/world.js';

/**
 * What an operator sees when things go wrong: a server that cannot reach its database says so
 * and exits; a database lost while serving gives 503 problem documents and a failing readiness
 * probe, not 500s or a crash. (What /metrics tells the monitoring: metrics.test.ts.)
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'assent.js');
/** Port 1 on the loopback interface: nothing listens there. */
const NOWHERE = 'postgres://u:p@127.0.0.1:1/x';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-faults-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs `assent serve` with a clean environment; resolves with its exit code and output (killed after `timeoutMs`). */
function runServe(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, 'serve', '--port', '0'],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME ?? os.tmpdir(), LOG_LEVEL: 'silent', ...env },
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
      },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: number | string; signal?: string }) | null;
        resolve({
          code: failure === null ? 0 : typeof failure.code === 'number' ? failure.code : null,
          signal: failure?.signal ?? null,
          stdout,
          stderr,
        });
      },
    );
    cleanups.push(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
  });
}

/** Listens on 127.0.0.1:0 and returns the base URL; closed after the test. */
async function listen(app: FastifyInstance): Promise<string> {
  cleanups.push(() => app.close());
  return app.listen({ host: '127.0.0.1', port: 0 });
}

describe('assent serve without its database', () => {
  it('exits non-zero naming the PostgreSQL database it cannot reach, with the password hidden', async () => {
    const result = await runServe({ DATA_DIR: tempDir(), DATABASE_URL: NOWHERE });
    expect(result.signal).toBeNull();
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stdout).not.toContain('Assent is running');
    expect(result.stderr).toContain('postgres://u:***@127.0.0.1:1/x');
    expect(result.stderr).not.toContain(':p@');
    expect(result.stderr).toMatch(/^error/m);
    // One clear message, not a stack trace.
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('exits 2 naming DATABASE_URL when it is not a database URL Assent knows', async () => {
    const result = await runServe({ DATA_DIR: tempDir(), DATABASE_URL: 'mysql://x' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('a database that cannot be reached while serving', () => {
  it('answers 503 SERVICE_UNAVAILABLE problem documents, fails /health/ready and keeps /health up', async () => {
    const db = openDatabase({ kind: 'postgres', url: NOWHERE, poolMax: 1 });
    cleanups.push(() => db.destroy());
    const base = await listen(
      await buildApp({ ctx: serviceContext(db, systemClock), logger: false, rateLimitPerMinute: 0 }),
    );

    const list = await fetch(`${base}/api/v1/consultations`);
    expect(list.status).toBe(503);
    expect(list.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await list.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      type: '/api/problems#service-unavailable',
    });
    expect(JSON.stringify(problem)).not.toMatch(/ECONNREFUSED|u:p@|127\.0\.0\.1:1/);

    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    const live = await fetch(`${base}/health`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
  });

  describe.skipIf(!hasPostgres())('[postgres] lost and found again', () => {
    const world = useWorld('postgres');
    /** Errors no one handled: in `assent serve`, close-with-grace turns each into a shutdown. */
    let uncaught: unknown[] = [];

    beforeEach(() => {
      uncaught = [];
      const onUncaught = (error: unknown) => void uncaught.push(error);
      process.on('uncaughtException', onUncaught);
      cleanups.push(() => void process.off('uncaughtException', onUncaught));
    });

    /** An app whose PostgreSQL sits behind a TCP relay the test can cut and restore. */
    async function appBehindRelay() {
      const upstream = new URL(world().database.url);
      const sockets = new Set<net.Socket>();
      const relay = net.createServer((client) => {
        const server = net.connect(Number(upstream.port), upstream.hostname);
        for (const s of [client, server]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(server).pipe(client);
      });
      const port = await new Promise<number>((resolve) =>
        relay.listen(0, '127.0.0.1', () => resolve((relay.address() as net.AddressInfo).port)),
      );
      const cut = () =>
        new Promise<void>((resolve) => {
          if (!relay.listening) return resolve();
          relay.close(() => resolve());
          for (const s of sockets) s.destroy();
        });
      const restore = () => new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', () => resolve()));
      cleanups.push(() => cut());
      const viaRelay = new URL(world().database.url);
      viaRelay.port = String(port);
      const db = openDatabase({ kind: 'postgres', url: viaRelay.toString(), poolMax: 2 });
      cleanups.push(() => db.destroy());
      const ctx = serviceContext(db, world().clock.now);
      const base = await listen(await buildApp({ ctx, logger: false, rateLimitPerMinute: 0 }));
      return { ctx, base, cut, restore };
    }

    it('answers 503 while PostgreSQL is unreachable and serves again once it is back', async () => {
      const id = await world().openConsultation();
      const { base, cut, restore } = await appBehindRelay();
      expect((await fetch(`${base}/api/v1/consultations/${id}`)).status).toBe(200);
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);

      await cut();
      const lost = await fetch(`${base}/api/v1/consultations/${id}`);
      expect(lost.status).toBe(503);
      expect(await lost.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      expect((await fetch(`${base}/health/ready`)).status).toBe(503);
      expect((await fetch(`${base}/health`)).status).toBe(200);

      await restore();
      const deadline = Date.now() + 10_000;
      let status = 0;
      while (Date.now() < deadline && status !== 200)
        status = (await fetch(`${base}/api/v1/consultations/${id}`)).status;
      expect(status).toBe(200);
    });

    it('reports a connection lost in the middle of a transaction as SERVICE_UNAVAILABLE, and nothing goes unhandled', async () => {
      const { ctx, base, cut } = await appBehindRelay();
      const inFlight = inTransaction(ctx, async (trx) => {
        await sql`select 1`.execute(trx);
        await cut();
        // A round trip through the server lets the closed connection be noticed.
        await fetch(`${base}/health`);
        await sql`select 1`.execute(trx);
      });
      const failure = await inFlight.then(
        () => null,
        (error: unknown) => error,
      );
      expect.soft(failure, 'the error the request would answer with').toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      // Let any error event of the lost connection surface.
      await fetch(`${base}/health`);
      expect.soft(uncaught.map(String), 'errors no one handled (each would stop `assent serve`)').toEqual([]);
    });
  });
});
