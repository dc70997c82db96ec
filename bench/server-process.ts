import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { readMemory } from './proc-stats.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_DIR = path.resolve(BENCH_DIR, '..');

/** How long a child may take to listen before the bench gives up on it. */
const LISTEN_TIMEOUT_MS = 30_000;
/** How long a child may take to close after SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 5_000;

export type ServerCommand = 'server-child' | 'assent-serve' | 'assent-serve-compiled';

/** Every child this process started and has not yet seen exit: killed on the way out, whatever happens. */
const LIVE = new Set<ChildProcess>();

export interface ServerChild {
  readonly pid: number;
  readonly url: string;
  /** From spawn() to the "listening" line, as the bench saw it, ms. */
  readonly spawnToListenMs: number;
  /** From process start to listening, as the child measured it (performance.now()), ms. */
  readonly childListenMs: number;
  /** The child's CLOCK_MONOTONIC when it listened, µs (NaN for `assent serve`): where its CPU profile's steady state begins. */
  readonly listenMonotonicUs: number;
  /** performance.now() of the bench just before spawn(). */
  readonly spawnedAt: number;
  /** Current VmRSS/VmHWM, MiB. */
  memory(): { rssMiB: number; hwmMiB: number } | null;
  /** SIGTERM, then SIGKILL after a grace period; resolves when the child has exited. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** `ceiling` (bare Fastify) or `app` (Assent through startServer). */
  readonly mode: 'ceiling' | 'app';
  /** Extra environment (DATABASE_URL, DATA_DIR…); PORT=0, HOST=127.0.0.1 and no rate limit are set here. */
  readonly env?: Readonly<Record<string, string>>;
  /** When set, the child runs with --cpu-prof and writes its profile to this folder on exit. */
  readonly cpuProfileDir?: string | undefined;
  /**
   * What to start: the bench's child (default), `node bin/assent.js serve` (what `npm start` runs:
   * the compiled build in dist/), or `assent serve` compiled by tsc into a temporary folder and run
   * by plain node (`compiledEntry`).
   */
  readonly command?: ServerCommand;
  /** The compiled CLI runner, for `assent-serve-compiled` (see compiled-build.ts). */
  readonly compiledEntry?: string | undefined;
  /**
   * Experiments only (bench/experiments/): patches of bench/experiments/sqlite-driver-patches.ts
   * to apply in the child, e.g. ['fifo-mutex', 'statement-cache']. Never set by `npm run bench`.
   */
  readonly experiment?: readonly string[] | undefined;
  /** Experiments only: extra flags for the child's node (e.g. --max-old-space-size=128). */
  readonly nodeFlags?: readonly string[] | undefined;
}

/**
 * The environment every server child gets: loopback, a free port, no rate limit, no logs; and
 * AUDIT_SEAL when the bench runs with it, to compare the two ways of sealing the audit chain.
 */
export function serverEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return {
    ...(process.env.AUDIT_SEAL && { AUDIT_SEAL: process.env.AUDIT_SEAL }),
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    ...extra,
  };
}

/**
 * Starts a server child and waits until it listens. The child is killed if it does not listen
 * within LISTEN_TIMEOUT_MS, exits early, or this process exits.
 */
export async function spawnServer(options: SpawnOptions): Promise<ServerChild> {
  const command = options.command ?? 'server-child';
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const experiment =
    options.experiment && options.experiment.length > 0
      ? ['--import', path.join(BENCH_DIR, 'experiments', 'sqlite-driver-patches.ts')]
      : [];
  // A debugging hook: BENCH_PROBE=<file> preloads that module into every bench server child, and
  // the child's stderr is echoed (e.g. a module printing process.memoryUsage() every second).
  if (process.env.BENCH_PROBE) experiment.push('--import', process.env.BENCH_PROBE);
  const serveArgs = ['serve', '--port', '0', '--host', '127.0.0.1'];
  let args: string[];
  const flags = [...(options.nodeFlags ?? []), ...profile];
  // The child is plain JavaScript running the compiled build; an experiment or a probe written in
  // TypeScript brings tsx in for itself.
  const loader = experiment.length > 0 ? ['--import', 'tsx'] : [];
  if (command === 'server-child')
    args = [...loader, ...experiment, ...flags, path.join(BENCH_DIR, 'server-child.mjs'), options.mode];
  else if (command === 'assent-serve') args = [...flags, path.join(PROJECT_DIR, 'bin', 'assent.js'), ...serveArgs];
  else if (options.compiledEntry) args = [...flags, options.compiledEntry, ...serveArgs];
  else throw new Error('assent-serve-compiled needs compiledEntry');
  const spawnedAt = performance.now();
  const env = serverEnv({
    ...options.env,
    ...(options.experiment && options.experiment.length > 0 && { BENCH_EXPERIMENT: options.experiment.join(',') }),
  });
  const child = spawn(process.execPath, args, { cwd: PROJECT_DIR, env, stdio: ['pipe', 'pipe', 'pipe'] });
  LIVE.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => LIVE.delete(child));

  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    if (process.env.BENCH_PROBE) process.stderr.write(chunk);
    if (stderr.length < 20_000) stderr += chunk;
  });

  const listening = await new Promise<{ url: string; childListenMs: number; monotonicUs: number; at: number }>(
    (resolve, reject) => {
      let stdout: string | null = '';
      const timer = setTimeout(
        () => fail(new Error(`server child did not listen within ${LISTEN_TIMEOUT_MS} ms`)),
        LISTEN_TIMEOUT_MS,
      );
      const fail = (error: Error) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`${error.message}\n${stderr.trim()}`));
      };
      const onEarlyExit = (code: number | null, signal: string | null) =>
        fail(new Error(`server child exited before listening (code ${code}, signal ${signal})`));
      child.once('exit', onEarlyExit);
      child.once('error', (error) => fail(error));
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (chunk: string) => {
        // Keep draining stdout after the line is found (a full pipe would block the child), but stop keeping it.
        if (stdout === null) return;
        stdout += chunk;
        const found = parseListening(stdout, command);
        if (found) {
          clearTimeout(timer);
          child.off('exit', onEarlyExit);
          stdout = null;
          resolve({ ...found, at: performance.now() });
        }
      });
    },
  );

  const pid = child.pid!;
  return {
    pid,
    url: listening.url,
    spawnToListenMs: listening.at - spawnedAt,
    childListenMs: listening.childListenMs,
    listenMonotonicUs: listening.monotonicUs,
    spawnedAt,
    memory: () => readMemory(pid),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Reads the child's "listening" line (bench child) or the CLI banner's URL line (assent serve). */
function parseListening(
  stdout: string,
  command: ServerCommand,
): { url: string; childListenMs: number; monotonicUs: number } | undefined {
  if (command !== 'server-child') {
    const match = /^\s*URL\s+(http:\/\/\S+)\s*$/m.exec(stdout);
    return match ? { url: match[1]!, childListenMs: NaN, monotonicUs: NaN } : undefined;
  }
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const parsed = JSON.parse(line) as { event?: string; url?: string; sinceStartMs?: number; monotonicUs?: number };
      if (parsed.event === 'listening' && typeof parsed.url === 'string')
        return { url: parsed.url, childListenMs: parsed.sinceStartMs ?? NaN, monotonicUs: parsed.monotonicUs ?? NaN };
    } catch {
      // A partial line: wait for more output.
    }
  }
  return undefined;
}

/** Kills every child still alive (SIGKILL): for error paths and signals. */
export function killAllServers(): void {
  for (const child of LIVE) child.kill('SIGKILL');
}

/** How many children are still alive (the smoke test checks that none is left behind). */
export function liveServerCount(): number {
  return LIVE.size;
}

process.once('exit', killAllServers);
