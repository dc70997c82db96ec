import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchDatabaseHandle } from './bench-databases.js';
import type { ColdStartResult } from './bench-result.js';
import { CLOSED_CONSULTATION_ID } from './scenario-data.js';
import { PROJECT_DIR, spawnServer, type ServerCommand } from './server-process.js';

/** The request that proves the server serves: the public consultation, which reads the database. */
export const FIRST_REQUEST_PATH = `/api/v1/consultations/${CLOSED_CONSULTATION_ID}`;
/** The first request is retried on a refused connection for at most this long. */
const FIRST_REQUEST_DEADLINE_MS = 10_000;

/** One GET on loopback without keep-alive; resolves with the status code. */
export async function getStatus(url: string, timeoutMs = 5_000): Promise<number> {
  return (await getHead(url, {}, timeoutMs)).status;
}

/** One GET on loopback without keep-alive; resolves with the status and the content type. */
export function getHead(
  url: string,
  headers: Record<string, string> = {},
  timeoutMs = 5_000,
): Promise<{ status: number; contentType: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, timeout: timeoutMs, headers }, (response) => {
      response.resume();
      response.once('end', () =>
        resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? '') }),
      );
    });
    request.once('timeout', () => request.destroy(new Error(`GET ${url} timed out`)));
    request.once('error', reject);
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? NaN : sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Whether `assent serve` can run (the CLI entry point bin/assent.js imports). */
export function cliAvailable(): boolean {
  return fs.existsSync(path.join(PROJECT_DIR, 'src', 'cli', 'main.ts'));
}

/**
 * Cold start: spawns the server against an already prepared database and times spawn → first
 * 200 on the public consultation, `runs` times (each a new process; the tsx compile cache in
 * the temporary folder is warm after the first, as on a server that has started before).
 */
export async function measureColdStart(options: {
  readonly handle: BenchDatabaseHandle;
  readonly runs: number;
  readonly command: ServerCommand;
  readonly dataDir: string;
  /** For `assent-serve-compiled`: the compiled runner (compiled-build.ts). */
  readonly compiledEntry?: string | undefined;
}): Promise<ColdStartResult> {
  const { handle, runs, command } = options;
  if (command !== 'server-child' && !cliAvailable()) {
    return {
      database: handle.kind,
      command,
      runsMs: [],
      medianMs: NaN,
      listenMedianMs: NaN,
      unavailable: 'src/cli/main.ts does not exist yet: `assent serve` cannot start',
    };
  }
  // A throw-away request first, so that the parent's own HTTP client is warm and not measured.
  await getStatus('http://127.0.0.1:9/').catch(() => undefined);
  const runsMs: number[] = [];
  const listenMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    let server: Awaited<ReturnType<typeof spawnServer>> | undefined;
    try {
      server = await spawnServer({
        mode: 'app',
        command,
        compiledEntry: options.compiledEntry,
        env: { DATABASE_URL: handle.url, DATA_DIR: options.dataDir },
      });
      const deadline = performance.now() + FIRST_REQUEST_DEADLINE_MS;
      let status = 0;
      while (status !== 200 && performance.now() < deadline) {
        status = await getStatus(`${server.url}${FIRST_REQUEST_PATH}`).catch(() => 0);
      }
      if (status !== 200) throw new Error(`the first request did not succeed within ${FIRST_REQUEST_DEADLINE_MS} ms`);
      runsMs.push(Math.round(performance.now() - server.spawnedAt));
      listenMs.push(Number.isNaN(server.childListenMs) ? server.spawnToListenMs : server.childListenMs);
    } catch (error) {
      if (command !== 'server-child') {
        const detail = (error as Error).message
          .split('\n')
          .filter((line) => /error|exited/i.test(line))
          .slice(0, 2)
          .join(' / ');
        return {
          database: handle.kind,
          command,
          runsMs,
          medianMs: NaN,
          listenMedianMs: NaN,
          unavailable: `assent serve failed: ${detail}`,
        };
      }
      throw error;
    } finally {
      await server?.stop();
    }
  }
  return {
    database: handle.kind,
    command,
    runsMs,
    medianMs: Math.round(median(runsMs)),
    listenMedianMs: Math.round(median(listenMs)),
  };
}
