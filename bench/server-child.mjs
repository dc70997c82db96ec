/**
 * The server under load, one process per scenario, started by bench/run.ts (never by hand), in
 * plain node as `npm start` runs it: the app from the compiled build in dist/ (the bench builds it
 * first when it is not current), the ceiling from Fastify directly.
 *
 *   node bench/server-child.mjs ceiling   a bare Fastify route returning a small JSON body
 *   node bench/server-child.mjs app       Assent itself through startServer(loadConfig(env))
 *
 * It prints one JSON line `{"event":"listening","url":…,"sinceStartMs":…}` on stdout once it
 * listens, and exits when its stdin closes, so that it never outlives the bench even when the
 * bench is killed outright. SIGTERM closes it as it closes in production (close-with-grace).
 */
import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';

/** The ceiling's body: small JSON, about the size of a short problem document. */
const CEILING_BODY = { status: 'ok', service: 'ceiling', version: 1 };

async function listenCeiling() {
  const app = Fastify({ logger: false });
  app.get('/ceiling', async () => CEILING_BODY);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  return { url, close: () => app.close() };
}

async function listenApp() {
  const { loadConfig } = await import('../dist/config.js');
  const { startServer } = await import('../dist/http/server.js');
  const server = await startServer(loadConfig(process.env), { logger: false });
  return { url: server.url, close: () => server.close() };
}

async function main() {
  const mode = process.argv[2];
  if (mode !== 'ceiling' && mode !== 'app') {
    process.stderr.write('usage: server-child.mjs ceiling|app\n');
    process.exit(2);
  }
  const server = mode === 'ceiling' ? await listenCeiling() : await listenApp();
  // The bench holds our stdin open; when it goes away (even by SIGKILL) we go too.
  process.stdin.resume();
  process.stdin.once('close', () => void server.close().finally(() => process.exit(0)));
  // monotonicUs is on the clock of V8's CPU profiles (CLOCK_MONOTONIC), so a profile can be cut
  // at the moment the server listened and show the steady state without the start-up.
  const monotonicUs = Number(process.hrtime.bigint() / 1000n);
  process.stdout.write(
    `${JSON.stringify({ event: 'listening', url: server.url, pid: process.pid, sinceStartMs: performance.now(), monotonicUs })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`server-child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
