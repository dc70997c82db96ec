/**
 * `npm run bench:attack`: a bounded re-run of the outside attack test against a REAL server
 * process (`node bin/assent.js serve --demo`) on loopback, to give figures for the closing note
 * of a security issue. It reports; it does not assert (the exit code is 0 whatever it finds,
 * 1 only when the run itself could not be carried out).
 *
 *   npm run bench:attack                     ≈ 1.5–2 minutes, under 3 (the server's ≈ 20 s start included)
 *   npm run bench:attack -- --quick          ≈ 35 s of attack after the server's start (fewer payloads, shorter floods)
 *   npm run bench:attack -- --trust-proxy loopback
 *                                            the server's TRUST_PROXY (default off): with loopback, this
 *                                            script is a trusted proxy and X-Forwarded-For is honoured
 *   npm run bench:attack -- --keep           keep the temporary data folder (its path is printed)
 *
 * Rules it keeps: it talks to 127.0.0.1 only (the server listens there, on a port the system
 * picks); every loop is bounded in count and in time, every request has a timeout, and a
 * watchdog ends the run; the child is killed on exit, on SIGINT/SIGTERM and on any error. The
 * server's API rate limit is raised (RATE_LIMIT_PER_MINUTE, still on) so that the floods measure
 * the server rather than the limiter; the login throttle has no setting and stays on.
 *
 * Parts (what each measures, exactly, is kept in the JSON as parts.<x>.measures):
 *   a injection     every operation of docs/openapi.json with SQL/NoSQL/template/path-traversal/
 *                   header-injection payloads in path parameters, query, headers and JSON fields
 *   b authorization each focal point against the other State's reply, receipt, documents and
 *                   draft; the observer, no token, a revoked token and read-only personal tokens
 *                   against what they may not do
 *   c malformed     bad percent-encoding, a 20 KB URL, 40 KB of headers, conflicting
 *                   Content-Length/Transfer-Encoding (raw socket), invalid JSON, JSON nested
 *                   10,000 deep, lone surrogates, impossible dates, a ZIP bomb as DOCX, HTML as text
 *   d resource      concurrent anonymous ~40 MB multipart posts to /en/login; the child's VmRSS/VmHWM
 *   e verify load   8 concurrent receipt verifications while /health latency is sampled
 *   f login         25 successful sign-ins from one address; 30 failed ones with a rotating X-Forwarded-For
 *
 * Writes bench/results/attack-<date>.json (attack-<date>-quick.json with --quick). Secrets
 * (tokens, passwords, TOTP keys) are never written to it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { Secret, TOTP } from 'otpauth';
import { readMemory } from './proc-stats.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const PROJECT_DIR = path.resolve(BENCH_DIR, '..');
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
/** The only address this script ever connects to. */
const LOOPBACK = '127.0.0.1';
const DEMO = 'demo-tap';

// ------------------------------------------------------------------------------------------ options

const { values: args } = (() => {
  try {
    return parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        'trust-proxy': { type: 'string', default: 'off' },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`bench:attack: ${(error as Error).message}\n`);
    process.exit(2);
  }
})();
if (args.help) {
  process.stdout.write(
    'npm run bench:attack [-- --quick] [-- --trust-proxy off|loopback|<addresses>] [-- --keep]\nSee the header of bench/attack.ts.\n',
  );
  process.exit(0);
}
const QUICK = args.quick === true;
/** The server's TRUST_PROXY (README "Configuration"): off, or the proxies' addresses, e.g. loopback. */
const TRUST_PROXY = args['trust-proxy'] ?? 'off';

/** Every bound of the run, in count and in time. */
const LIMITS = QUICK
  ? {
      listenMs: 60_000,
      watchdogMs: 150_000,
      requestMs: 10_000,
      injectionMs: 8_000,
      injectionPayloads: 10,
      injectionConcurrency: 8,
      uploadPosts: 3,
      uploadMiB: 40,
      uploadRounds: 1,
      uploadMs: 20_000,
      verifyMs: 5_000,
      verifyConcurrency: 8,
      idleHealthMs: 1_000,
      signIns: 25,
      failedLogins: 30,
    }
  : {
      listenMs: 60_000,
      watchdogMs: 300_000,
      requestMs: 15_000,
      injectionMs: 45_000,
      injectionPayloads: Number.POSITIVE_INFINITY,
      injectionConcurrency: 8,
      uploadPosts: 4,
      uploadMiB: 40,
      uploadRounds: 2,
      uploadMs: 30_000,
      verifyMs: 10_000,
      verifyConcurrency: 8,
      idleHealthMs: 2_000,
      signIns: 25,
      failedLogins: 30,
    };

// ------------------------------------------------------------------------------------------ the child

interface Child {
  readonly process: ChildProcess;
  readonly pid: number;
  readonly port: number;
  readonly dataDir: string;
  readonly tmpDir: string;
  /** Error-level lines the server logged (pino JSON, level ≥ 50), the first few kept. */
  readonly logErrors: { count: number; first: string[] };
  readonly startMs: number;
}

let CHILD: Child | null = null;
let DATA_DIR: string | null = null;

function killChild(): void {
  const child = CHILD?.process;
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

function removeDataDir(): void {
  if (DATA_DIR && !args.keep) fs.rmSync(DATA_DIR, { recursive: true, force: true });
}

process.on('exit', () => {
  killChild();
  removeDataDir();
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\nbench:attack: ${signal}, stopping the server\n`);
    killChild();
    removeDataDir();
    process.exit(130);
  });
}

/** Starts `node bin/assent.js serve --demo` on 127.0.0.1 with a fresh data folder; resolves once it listens. */
async function startServer(): Promise<Child> {
  DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-attack-'));
  const dataDir = DATA_DIR;
  // The child's temporary folder (multipart uploads wait there): inside the data folder, so what is left behind can be counted.
  const tmpDir = path.join(dataDir, 'tmp');
  fs.mkdirSync(tmpDir, { mode: 0o700 });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    TMPDIR: tmpDir,
    HOST: LOOPBACK,
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${path.join(dataDir, 'assent.db')}`,
    LOG_LEVEL: 'error',
    // Raised, not off: the flood parts measure the server, not the limiter (docs: 0 would turn it off).
    RATE_LIMIT_PER_MINUTE: '1000000',
    TRUST_PROXY,
    REMINDER_DAYS: 'none',
  };
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(PROJECT_DIR, 'bin', 'assent.js'), 'serve', '--demo'], {
    cwd: PROJECT_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logErrors = { count: 0, first: [] as string[] };
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    if (stderr.length < 20_000) stderr += chunk;
  });
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    let found = false;
    const timer = setTimeout(() => fail(`did not listen within ${LIMITS.listenMs} ms`), LIMITS.listenMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`server ${why}\n${stderr.trim().slice(-3000)}\n${stdout.slice(-2000)}`));
    };
    child.once('exit', (code, signal) => {
      if (!found) fail(`exited before listening (code ${code}, signal ${signal})`);
    });
    child.once('error', (error) => fail(error.message));
    child.stdout!.setEncoding('utf8');
    let pending = '';
    child.stdout!.on('data', (chunk: string) => {
      // Keep draining stdout (a full pipe would block the child); keep only error log lines after the banner.
      if (!found) {
        stdout += chunk;
        const match = /^\s*URL\s+http:\/\/([^/:\s]+):(\d+)\s*$/m.exec(stdout);
        if (match) {
          found = true;
          clearTimeout(timer);
          if (match[1] !== LOOPBACK) {
            fail(`listens on ${match[1]}, not ${LOOPBACK}: refusing to attack it`);
            return;
          }
          resolve(Number(match[2]));
        }
        return;
      }
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const level = /"level":(\d+)/.exec(line);
        if (level && Number(level[1]) >= 50) {
          logErrors.count += 1;
          if (logErrors.first.length < 8) logErrors.first.push(redact(line.slice(0, 600)));
        }
      }
    });
  });
  CHILD = {
    process: child,
    pid: child.pid!,
    port,
    dataDir,
    tmpDir,
    logErrors,
    startMs: performance.now() - started,
  };
  return CHILD;
}

async function stopServer(child: Child): Promise<void> {
  const proc = child.process;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

// ------------------------------------------------------------------------------------------ HTTP

const AGENT = new http.Agent({ keepAlive: true, maxSockets: 32 });
/** /health gets its own connection, so its latency is the server's and not a queue in this process. */
const HEALTH_AGENT = new http.Agent({ keepAlive: true, maxSockets: 1 });
let PORT = 0;

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  readonly ms: number;
  /** Timeout, reset, or a request this client could not send (`client:`); null when an answer arrived whole. */
  readonly error: string | null;
}

interface Request {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string | string[]>>;
  readonly body?: Buffer | string;
  readonly timeoutMs?: number;
  readonly agent?: http.Agent;
}

const MAX_BODY_KEPT = 512 * 1024;

/** One request to the server on 127.0.0.1; never throws. */
function send(request: Request): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let status = 0;
    let headers: http.IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    let kept = 0;
    const finish = (error: string | null) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve({ status, headers, body: Buffer.concat(chunks), ms: performance.now() - started, error });
    };
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    let req: http.ClientRequest;
    try {
      req = http.request(
        {
          host: LOOPBACK,
          port: PORT,
          method: request.method,
          path: request.path,
          agent: request.agent ?? AGENT,
          headers: {
            ...(body !== undefined && { 'content-length': String(body.length) }),
            ...request.headers,
          },
        },
        (res) => {
          status = res.statusCode ?? 0;
          headers = res.headers;
          res.on('data', (chunk: Buffer) => {
            if (kept < MAX_BODY_KEPT) chunks.push(chunk);
            kept += chunk.length;
          });
          res.on('end', () => finish(null));
          res.on('error', (error) => finish(error.message));
          res.on('aborted', () => finish('aborted'));
        },
      );
    } catch (error) {
      finish(`client: ${(error as Error).message}`);
      return;
    }
    timer = setTimeout(() => {
      req.destroy(new Error(`timeout after ${request.timeoutMs ?? LIMITS.requestMs} ms`));
    }, request.timeoutMs ?? LIMITS.requestMs);
    req.on('error', (error) => finish(error.message));
    req.end(body);
  });
}

const text = (answer: Answer) => answer.body.toString('utf8');

function json(answer: Answer): unknown {
  try {
    return JSON.parse(text(answer));
  } catch {
    return null;
  }
}

const bearer = (token: string | null): Record<string, string> =>
  token === null ? {} : { authorization: `Bearer ${token}` };

function jsonRequest(method: string, pathname: string, token: string | null, body?: unknown): Request {
  return {
    method,
    path: pathname,
    headers: { ...bearer(token), ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  };
}

/** Sends raw bytes on a fresh TCP connection to 127.0.0.1 and returns what came back before the server closed (or the timeout). */
function rawExchange(
  payload: Buffer | string,
  timeoutMs = 5_000,
): Promise<{ reply: string; ms: number; error: string | null }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: LOOPBACK, port: PORT });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({
        reply: Buffer.concat(chunks).toString('latin1').slice(0, 20_000),
        ms: performance.now() - started,
        error,
      });
    };
    // The server may keep the connection open (after answering, or waiting for more): the timeout ends the exchange.
    const timer = setTimeout(() => finish(`still open after ${timeoutMs} ms`), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish(null));
    socket.on('close', () => finish(null));
    socket.on('error', (error) => finish(error.message));
    socket.on('connect', () => socket.write(payload));
  });
}

/** The first HTTP answer in what a raw exchange received (status 0 when there is none). */
function rawAnswer(exchange: { reply: string; ms: number; error: string | null }): Answer {
  const match = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r?\n([\s\S]*?)\r?\n\r?\n([\s\S]*)$/.exec(exchange.reply);
  if (!match)
    return { status: 0, headers: {}, body: Buffer.alloc(0), ms: exchange.ms, error: exchange.error ?? 'no answer' };
  const headers: http.IncomingHttpHeaders = {};
  for (const line of match[2]!.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(match[1]), headers, body: Buffer.from(match[3]!, 'latin1'), ms: exchange.ms, error: null };
}

// ------------------------------------------------------------------------------------------ counting

type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'other' | 'error';

interface Sample {
  readonly request: string;
  readonly status: number;
  readonly contentType?: string;
  readonly body?: string;
  readonly note?: string;
}

function classOf(answer: Answer): StatusClass {
  if (answer.status === 0) return 'error';
  if (answer.status >= 200 && answer.status < 300) return '2xx';
  if (answer.status >= 300 && answer.status < 400) return '3xx';
  if (answer.status >= 400 && answer.status < 500) return '4xx';
  if (answer.status >= 500 && answer.status < 600) return '5xx';
  return 'other';
}

const isProblem = (answer: Answer) =>
  String(answer.headers['content-type'] ?? '').startsWith('application/problem+json');
const isApiPath = (pathname: string) => /^\/(api|health|metrics)(\/|\?|$)/.test(pathname);
/** API tokens never reach the results file or the terminal (one probe puts a token in a query string). */
const redact = (value: string) => value.replace(/assent_[A-Za-z0-9_-]{16,}/g, 'assent_[redacted]');
const describe = (request: Request) =>
  redact(
    `${request.method} ${request.path.length > 160 ? `${request.path.slice(0, 160)}…(${request.path.length} chars)` : request.path}`,
  );
const snippet = (value: string, max = 300) => (value.length > max ? `${value.slice(0, max)}…` : value);

/** Requests, status classes, 5xx bodies and API refusals that are not problem documents, per part. */
class Tally {
  requests = 0;
  readonly classes: Record<StatusClass, number> = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, other: 0, error: 0 };
  serverErrorCount = 0;
  readonly serverErrors: Sample[] = [];
  nonProblemCount = 0;
  readonly nonProblem: Sample[] = [];
  readonly transportErrors: Sample[] = [];
  readonly latenciesMs: number[] = [];

  record(request: Request, answer: Answer): void {
    this.requests += 1;
    this.classes[classOf(answer)] += 1;
    this.latenciesMs.push(answer.ms);
    const contentType = String(answer.headers['content-type'] ?? '');
    if (answer.status >= 500) {
      this.serverErrorCount += 1;
      if (this.serverErrors.length < 25)
        this.serverErrors.push({ request: describe(request), status: answer.status, body: snippet(text(answer), 500) });
    }
    if (answer.status >= 400 && isApiPath(request.path) && !isProblem(answer)) {
      this.nonProblemCount += 1;
      if (this.nonProblem.length < 25)
        this.nonProblem.push({
          request: describe(request),
          status: answer.status,
          contentType,
          body: snippet(text(answer), 200),
        });
    }
    if (answer.error !== null && this.transportErrors.length < 25)
      this.transportErrors.push({ request: describe(request), status: answer.status, note: answer.error });
  }

  summary() {
    return {
      requests: this.requests,
      classes: this.classes,
      serverErrors: this.serverErrorCount,
      serverErrorSamples: this.serverErrors,
      apiRefusalsNotProblemDocuments: this.nonProblemCount,
      nonProblemSamples: this.nonProblem,
      transportErrorSamples: this.transportErrors,
      latencyMs: percentiles(this.latenciesMs),
    };
  }
}

function percentiles(values: readonly number[]) {
  if (values.length === 0) return { n: 0, p50: null, p90: null, p99: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  return { n: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: round(sorted.at(-1)!) };
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work` over `items` with `concurrency` workers until the items or the time run out. */
async function pool<T>(
  items: readonly T[],
  concurrency: number,
  deadline: number,
  work: (item: T) => Promise<void>,
): Promise<{ done: number; planned: number; stoppedByTime: boolean }> {
  let next = 0;
  let done = 0;
  let stoppedByTime = false;
  const worker = async () => {
    while (next < items.length) {
      if (performance.now() >= deadline) {
        stoppedByTime = true;
        return;
      }
      const item = items[next++]!;
      await work(item);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { done, planned: items.length, stoppedByTime };
}

/** Peak VmRSS of the child while `during` runs, sampled every 25 ms; VmHWM before and after. */
async function withMemory<T>(pid: number, during: () => Promise<T>) {
  const before = readMemory(pid);
  let peakRss = before?.rssMiB ?? 0;
  const sampler = setInterval(() => {
    const now = readMemory(pid);
    if (now && now.rssMiB > peakRss) peakRss = now.rssMiB;
  }, 25);
  try {
    const result = await during();
    await sleep(200);
    const after = readMemory(pid);
    if (after && after.rssMiB > peakRss) peakRss = after.rssMiB;
    return {
      result,
      memory: {
        rssBeforeMiB: before ? round(before.rssMiB) : null,
        peakRssMiB: round(peakRss),
        rssAfterMiB: after ? round(after.rssMiB) : null,
        hwmBeforeMiB: before ? round(before.hwmMiB) : null,
        hwmAfterMiB: after ? round(after.hwmMiB) : null,
      },
    };
  } finally {
    clearInterval(sampler);
  }
}

// ------------------------------------------------------------------------------------------ credentials

interface DemoAccount {
  readonly label: string;
  readonly email: string;
  readonly password: string;
  readonly totpKey: string;
}

interface Credentials {
  readonly secretariat: string;
  readonly kr: string;
  readonly fr: string;
  readonly observer: string;
  readonly accounts: readonly DemoAccount[];
  /** Where the tokens came from: the demo file, or `assent token create` against the same data folder. */
  readonly source: string;
}

/** Runs the CLI against the child's data folder (fallback when the demo file lacks a token). */
function cli(child: Child, cliArgs: readonly string[]): string {
  return execFileSync(process.execPath, [path.join(PROJECT_DIR, 'bin', 'assent.js'), ...cliArgs], {
    cwd: PROJECT_DIR,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      DATA_DIR: child.dataDir,
      DATABASE_URL: `sqlite:${path.join(child.dataDir, 'assent.db')}`,
      LOG_LEVEL: 'silent',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

function readCredentials(child: Child): Credentials {
  let demo: {
    secretariat?: string;
    observer?: string;
    focalPoints?: { memberState: string; token: string }[];
    accounts?: DemoAccount[];
  } = {};
  try {
    demo = JSON.parse(fs.readFileSync(path.join(child.dataDir, 'demo-tokens.json'), 'utf8'));
  } catch {
    // Fall back to the CLI below.
  }
  let source = 'demo-tokens.json (serve --demo)';
  const created = (role: string, state?: string) => {
    source = 'demo-tokens.json + assent token create';
    const out = cli(child, [
      'token',
      'create',
      '--role',
      role,
      ...(state ? ['--state', state] : []),
      '--label',
      `bench:attack ${role} ${state ?? ''}`.trim(),
      '--json',
    ]);
    return (JSON.parse(out) as { secret: string }).secret;
  };
  const fp = (state: string) => demo.focalPoints?.find((f) => f.memberState === state)?.token;
  return {
    secretariat: demo.secretariat ?? created('secretariat'),
    kr: fp('KR') ?? created('focal_point', 'KR'),
    fr: fp('FR') ?? created('focal_point', 'FR'),
    observer: demo.observer ?? created('observer'),
    accounts: demo.accounts ?? [],
    source,
  };
}

/** TOTP codes, one time step per sign-in (the server refuses a step not later than the last one it accepted). */
class Authenticator {
  private readonly lastStep = new Map<string, number>();

  constructor(private readonly accounts: readonly DemoAccount[]) {}

  /** A code for a step not used yet and valid on the server now (±1 step), or null when none is left for now. */
  nextCode(email: string): string | null {
    const account = this.accounts.find((a) => a.email === email);
    if (!account) return null;
    const now = Date.now();
    const step = Math.floor(now / 30_000);
    // Late in a step, step-1 might be out of the window by the time the server checks it.
    const lowest = now % 30_000 > 25_000 ? step : step - 1;
    const candidate = Math.max(lowest, (this.lastStep.get(email) ?? Number.NEGATIVE_INFINITY) + 1);
    if (candidate > step + 1) return null;
    this.lastStep.set(email, candidate);
    const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(account.totpKey) });
    return totp.generate({ timestamp: candidate * 30_000 + 15_000 });
  }
}

// ------------------------------------------------------------------------------------------ a browser, for the pages

/** Cookies and form tokens of one browser on the pages (no JavaScript, like the tests of the pages). */
class Browser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly extraHeaders: Readonly<Record<string, string>> = {}) {}

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  private keep(answer: Answer): void {
    const set = answer.headers['set-cookie'] ?? [];
    for (const line of set) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=.*1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(pathname: string): Promise<Answer> {
    const answer = await send({
      method: 'GET',
      path: pathname,
      headers: { ...this.extraHeaders, ...this.cookieHeader() },
    });
    this.keep(answer);
    return answer;
  }

  async postForm(pathname: string, fields: Readonly<Record<string, string>>, headers: Record<string, string> = {}) {
    const answer = await send({
      method: 'POST',
      path: pathname,
      headers: {
        ...this.extraHeaders,
        ...headers,
        ...this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(fields).toString(),
    });
    this.keep(answer);
    return answer;
  }
}

/** The value of a hidden (or any) input of a page, by name. */
function inputValue(html: string, name: string): string | null {
  const tag = new RegExp(`<input[^>]*\\bname="${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`).exec(html)?.[0];
  const value = tag ? /\bvalue="([^"]*)"/.exec(tag)?.[1] : undefined;
  return value === undefined ? null : value.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
}

interface SignIn {
  readonly browser: Browser;
  readonly passwordStatus: number;
  readonly passwordLocation: string;
  /** null: the second factor was not attempted (no fresh time step, or not asked). */
  readonly verifyStatus: number | null;
  readonly verified: boolean;
}

/** Signs in on the pages: the password step, then (when asked and a fresh TOTP step is left) the code. */
async function signIn(
  account: { email: string; password: string },
  auth: Authenticator,
  options: { secondFactor: boolean; headers?: Record<string, string> } = { secondFactor: true },
): Promise<SignIn> {
  const browser = new Browser(options.headers ?? {});
  const login = await browser.get('/en/login');
  const csrf = inputValue(text(login), '_csrf') ?? '';
  const password = await browser.postForm('/en/login', {
    _csrf: csrf,
    email: account.email,
    password: account.password,
  });
  const location = String(password.headers.location ?? '');
  let verifyStatus: number | null = null;
  let verified = false;
  if (options.secondFactor && password.status === 303 && location.endsWith('/login/verify')) {
    const code = auth.nextCode(account.email);
    if (code !== null) {
      const page = await browser.get('/en/login/verify');
      const token = inputValue(text(page), '_csrf') ?? '';
      const answer = await browser.postForm('/en/login/verify', { _csrf: token, method: 'totp', code });
      verifyStatus = answer.status;
      verified = answer.status === 303 && String(answer.headers.location ?? '').endsWith('/account');
    }
  }
  return { browser, passwordStatus: password.status, passwordLocation: location, verifyStatus, verified };
}

/** Creates a personal API token with `scopes` through the account page of a signed-in browser; its secret, or null. */
async function personalToken(browser: Browser, scopes: readonly string[]): Promise<string | null> {
  const account = await browser.get('/en/account');
  const csrf = inputValue(text(account), '_csrf');
  if (account.status !== 200 || csrf === null) return null;
  const body = new URLSearchParams({ _csrf: csrf, label: `bench:attack ${scopes.join('+')}`, days: '7' });
  for (const scope of scopes) body.append('scopes', scope);
  const answer = await send({
    method: 'POST',
    path: '/en/account/tokens',
    headers: {
      cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: body.toString(),
  });
  return /id="token-secret"[^>]*>\s*([^<\s]+)\s*</.exec(text(answer))?.[1] ?? null;
}

// ------------------------------------------------------------------------------------------ the world the attacks need

interface World {
  readonly creds: Credentials;
  readonly auth: Authenticator;
  /** Markers written by KR (reply comments, attachment, draft): FR must never see them. */
  readonly krMarkers: { reply: string; attachment: string; draft: string };
  readonly frMarker: string;
  readonly krAttachment: string | null;
  readonly krReceipt: unknown;
  readonly frReceipt: unknown;
  readonly draftConsultation: string | null;
  readonly krRead: string | null;
  readonly tsbRead: string | null;
  readonly krBrowser: Browser | null;
  readonly frBrowser: Browser | null;
  readonly draftSaved: boolean;
  readonly notes: string[];
}

const replyBody = (marker: string, attachment: string | null = null) => ({
  positions: [
    { text: 'x9990-cor1', position: 'assigns_authority', option: 'no_comments' },
    {
      text: 'x9991',
      position: 'assigns_authority',
      option: 'comments_attached',
      comments: `Clause 5: ${marker}`,
      ...(attachment !== null && { attachment }),
    },
    { text: 'x9992', position: 'does_not_assign_authority', reasons: `Reasons ${marker}`, possibleChanges: 'An annex' },
  ],
  signatory: { name: 'A. Official', title: 'Director' },
  place: 'Capital',
});

/** Circular numbers of the consultations this run creates: unique within the run, clear of the demo's. */
let nextCircularNumber = 1000 + Math.floor(Math.random() * 80_000);

/** A draft consultation modelled on Circular 79 (the secretariat's API), its deadline in the future. */
function consultationBody(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const year = new Date().getUTCFullYear() + 1;
  return {
    id,
    bureau: 'TSB',
    studyPeriod: '2025-2028',
    number: nextCircularNumber++,
    date: `${year}-03-02`,
    reference: `TSB Circular ${id}`,
    studyGroup: 'SG17',
    meeting: { place: 'Geneva', firstDay: `${year}-09-07`, lastDay: `${year}-09-16`, collectiveLetter: 'CL 1/17' },
    subject: 'bench:attack consultation',
    deadline: `${year}-08-24T23:59:59.999Z`,
    addressees: ['Administrations of Member States of the Union'],
    copies: ['ITU-T Sector Members'],
    notes: ['TSB NOTE – bench:attack'],
    signatory: { name: 'Director', title: 'Director of TSB' },
    texts: [
      { kind: 'new', designation: 'X.9999', workItem: 'X.attack', title: 'Attack', summary: 'S', location: 'R1' },
    ],
    ...overrides,
  };
}

async function prepareWorld(creds: Credentials): Promise<World> {
  const notes: string[] = [];
  const tag = randomBytes(4).toString('hex');
  const krMarkers = {
    reply: `KR-REPLY-SECRET-${tag}`,
    attachment: `KR-ATTACHMENT-SECRET-${tag}`,
    draft: `KR-DRAFT-SECRET-${tag}`,
  };
  const frMarker = `FR-REPLY-SECRET-${tag}`;
  const auth = new Authenticator(creds.accounts);

  // KR: a file, a reply citing it, its receipt. FR: a reply and its receipt.
  const upload = await send({
    method: 'POST',
    path: '/api/v1/attachments?filename=kr-comments.txt',
    headers: { ...bearer(creds.kr), 'content-type': 'text/plain' },
    body: `Comments of KR: ${krMarkers.attachment}\n`,
  });
  const krAttachment = upload.status === 201 ? ((json(upload) as { sha256?: string })?.sha256 ?? null) : null;
  if (krAttachment === null)
    notes.push(`KR attachment upload answered ${upload.status}: ${snippet(text(upload), 200)}`);
  const receiptOf = async (state: string, token: string, marker: string, attachment: string | null) => {
    const put = await send(
      jsonRequest('PUT', `/api/v1/consultations/${DEMO}/replies/${state}`, token, replyBody(marker, attachment)),
    );
    if (put.status !== 200 && put.status !== 201) {
      notes.push(`${state} reply answered ${put.status}: ${snippet(text(put), 200)}`);
      return null;
    }
    const version = (json(put) as { version?: number })?.version ?? 1;
    const receipt = await send(
      jsonRequest('GET', `/api/v1/consultations/${DEMO}/replies/${state}/versions/${version}/receipt`, token),
    );
    if (receipt.status !== 200) notes.push(`${state} receipt answered ${receipt.status}`);
    return receipt.status === 200 ? json(receipt) : null;
  };
  const krReceipt = await receiptOf('KR', creds.kr, krMarkers.reply, krAttachment);
  const frReceipt = await receiptOf('FR', creds.fr, frMarker, null);

  // A draft consultation of the secretariat (only the secretariat may see drafts).
  const draftId = `attack-draft-${tag}`;
  const draft = await send(jsonRequest('POST', '/api/v1/consultations', creds.secretariat, consultationBody(draftId)));
  const draftConsultation = draft.status === 201 ? draftId : null;
  if (draftConsultation === null)
    notes.push(`draft consultation answered ${draft.status}: ${snippet(text(draft), 300)}`);

  // Pages: KR and FR signed in; KR saves a draft reply with a marker; read-only personal tokens of KR and of the secretariat.
  const account = (email: string) => creds.accounts.find((a) => a.email === email);
  const krAccount = account('focal-point.kr@demo.example');
  const frAccount = account('point-focal.fr@demo.example');
  const tsbAccount = account('tsb@demo.example');
  let krBrowser: Browser | null = null;
  let frBrowser: Browser | null = null;
  let krRead: string | null = null;
  let tsbRead: string | null = null;
  let draftSaved = false;
  if (krAccount) {
    const kr = await signIn(krAccount, auth);
    if (kr.verified) {
      krBrowser = kr.browser;
      krRead = await personalToken(kr.browser, ['read']);
      const form = await kr.browser.get(`/en/my/consultations/${DEMO}/reply`);
      const html = text(form);
      const fields: Record<string, string> = {
        _csrf: inputValue(html, '_csrf') ?? '',
        basedOnVersion: inputValue(html, 'basedOnVersion') ?? '0',
        draftRevision: inputValue(html, 'draftRevision') ?? '0',
        action: 'save',
        'position-x9991': 'assigns_authority',
        'option-x9991': 'comments_attached',
        'comments-x9991': `Draft ${krMarkers.draft}`,
        signatoryName: 'A. Official',
        signatoryTitle: 'Director',
      };
      const saved = await kr.browser.postForm(`/en/my/consultations/${DEMO}/reply`, fields);
      draftSaved = saved.status === 303;
      if (!draftSaved) notes.push(`KR draft save answered ${saved.status}`);
    } else notes.push(`KR sign-in: password ${kr.passwordStatus}, code ${kr.verifyStatus}`);
  } else notes.push('no demo account for KR: page probes skipped');
  if (frAccount) {
    const fr = await signIn(frAccount, auth);
    if (fr.verified) frBrowser = fr.browser;
    else notes.push(`FR sign-in: password ${fr.passwordStatus}, code ${fr.verifyStatus}`);
  }
  if (tsbAccount) {
    const tsb = await signIn(tsbAccount, auth);
    if (tsb.verified) tsbRead = await personalToken(tsb.browser, ['read']);
    else notes.push(`secretariat sign-in: password ${tsb.passwordStatus}, code ${tsb.verifyStatus}`);
  }
  if (krRead === null) notes.push('no read-only personal token for KR: its probes skipped');
  if (tsbRead === null) notes.push('no read-only personal token for the secretariat: its probes skipped');

  return {
    creds,
    auth,
    krMarkers,
    frMarker,
    krAttachment,
    krReceipt,
    frReceipt,
    draftConsultation,
    krRead,
    tsbRead,
    krBrowser,
    frBrowser,
    draftSaved,
    notes,
  };
}

// ------------------------------------------------------------------------------------------ a. injection

interface Schema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly minItems?: number;
  readonly items?: Schema;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly anyOf?: readonly Schema[];
  readonly examples?: readonly unknown[];
}

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly params: readonly { in: string; name: string }[];
  readonly body: Schema | null;
}

function operations(): Operation[] {
  const doc = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'docs', 'openapi.json'), 'utf8')) as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: { in: string; name: string }[];
          requestBody?: { content?: Record<string, { schema?: Schema }> };
        }
      >
    >;
  };
  const list: Operation[] = [];
  for (const [pathname, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      list.push({
        method: method.toUpperCase(),
        path: pathname,
        params: (op.parameters ?? []).map((p) => ({ in: p.in, name: p.name })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  return list;
}

/** A plausible value for a schema (required fields only), so that one injected field is what the server judges. */
function exampleOf(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  if (schema.anyOf && schema.anyOf.length > 0)
    return exampleOf(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      if (schema.examples && typeof schema.examples[0] === 'string') return schema.examples[0];
      const pattern = schema.pattern ?? '';
      if (pattern.includes('[A-Z]{2}')) return 'DE';
      if (pattern.includes('[0-9a-f]{64}')) return '0'.repeat(64);
      if (pattern.includes('T\\d{2}')) return '2030-01-01T00:00:00Z';
      if (pattern.includes('\\d{4}-\\d{2}-\\d{2}')) return '2030-01-01';
      if (pattern.includes('[a-z0-9]')) return `attack-${randomBytes(3).toString('hex')}`;
      return 'attack'.padEnd(schema.minLength ?? 1, 'x');
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return (schema.minItems ?? 0) > 0 ? [exampleOf(schema.items, depth + 1)] : [];
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const name of schema.required ?? []) value[name] = exampleOf(schema.properties?.[name], depth + 1);
      return value;
    }
    default:
      return null;
  }
}

/** Paths of the body's fields to inject into: top-level ones, those of nested objects, and of the first item of arrays of objects. */
function fieldPaths(schema: Schema | undefined, prefix: (string | number)[] = [], depth = 0): (string | number)[][] {
  if (!schema?.properties || depth > 2) return [];
  const out: (string | number)[][] = [];
  for (const [name, sub] of Object.entries(schema.properties)) {
    const here = [...prefix, name];
    out.push(here);
    const object = sub.properties ? sub : sub.anyOf?.find((s) => s.properties);
    if (object) out.push(...fieldPaths(object, here, depth + 1));
    const items = sub.items ?? sub.anyOf?.find((s) => s.items)?.items;
    if (items?.properties) out.push(...fieldPaths(items, [...here, 0], depth + 1));
  }
  return out.slice(0, 16);
}

function setIn(value: unknown, at: readonly (string | number)[], inject: unknown): unknown {
  const copy = structuredClone(value ?? {}) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  at.forEach((key, i) => {
    if (i === at.length - 1) node[key] = inject;
    else {
      const nextKey = at[i + 1];
      if (node[key] === null || typeof node[key] !== 'object') node[key] = typeof nextKey === 'number' ? [{}] : {};
      node = node[key] as Record<string | number, unknown>;
    }
  });
  return copy;
}

interface Payload {
  readonly kind: 'sql' | 'nosql' | 'template' | 'traversal' | 'header' | 'misc';
  readonly value: string;
}

/** The payloads, ordered so that a quick run still has one of each kind. */
const PAYLOADS: readonly Payload[] = [
  { kind: 'sql', value: "' OR '1'='1" },
  { kind: 'nosql', value: '{"$ne":null}' },
  { kind: 'template', value: '{{1337*1337}}' },
  { kind: 'traversal', value: '../../../../../../etc/passwd' },
  { kind: 'header', value: 'x\r\nX-Injected: 1' },
  { kind: 'template', value: '\u0024{1337*1337}' },
  { kind: 'sql', value: "x' UNION SELECT sqlite_version(),2,3 --" },
  { kind: 'traversal', value: '..%2f..%2f..%2f..%2fetc%2fpasswd' },
  { kind: 'header', value: 'x%0d%0aX-Injected:%201' },
  { kind: 'misc', value: '\u0000' },
  { kind: 'sql', value: '1; DROP TABLE replies; --' },
  { kind: 'sql', value: '" OR ""="' },
  { kind: 'sql', value: "1' AND (SELECT 1 FROM pg_sleep(2)) IS NULL --" },
  { kind: 'sql', value: "%' OR 1=1 --" },
  { kind: 'nosql', value: '{"$where":"sleep(1000)"}' },
  { kind: 'nosql', value: '[$ne]=1' },
  { kind: 'template', value: '<%= 1337*1337 %>' },
  { kind: 'template', value: '#{1337*1337}' },
  { kind: 'template', value: '{n, plural, other {# {x}}}' },
  { kind: 'template', value: '"><script>alert(1)</script>' },
  { kind: 'traversal', value: '....//....//....//etc/passwd' },
  { kind: 'traversal', value: '..\\..\\..\\windows\\win.ini' },
  { kind: 'traversal', value: 'file:///etc/passwd' },
  { kind: 'traversal', value: '%2e%2e%2f%2e%2e%2fpackage.json' },
  { kind: 'misc', value: 'A'.repeat(5000) },
  { kind: 'misc', value: '\u202etxt.exe' },
  { kind: 'misc', value: '__proto__' },
];

/** JSON values other than strings, for body fields (NoSQL operators, prototype pollution, wrong types). */
const OBJECT_PAYLOADS: readonly unknown[] = [
  { $ne: null },
  { $gt: '' },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  ['a', 'b'],
  1e308,
];

/** What an injected request must never show in its answer (the payload itself is taken out first). */
const LEAKS: readonly [string, RegExp][] = [
  ['file contents (/etc/passwd)', /root:x?:0:0/],
  ['file contents (win.ini)', /\[extensions\]|for 16-bit app support/i],
  ['file contents (package.json)', /"name":\s*"assent"/],
  ['template evaluated', /1787569/],
  [
    'database error text',
    /sqlite_?error|SQLITE_|unrecognized token|no such (column|table)|syntax error at or near|near ".*": syntax error/i,
  ],
  ['stack trace', /\n\s+at [\w.<>$]+ \(?(file:|\/|node:)[^)]*:\d+:\d+\)?/],
  ['server path', /\/work\/|node_modules\//],
];

interface Finding {
  readonly part: string;
  readonly what: string;
  readonly request: string;
  readonly status: number;
  readonly detail?: string;
}

async function partInjection(world: World) {
  const tally = new Tally();
  const findings: Finding[] = [];
  const byKind: Record<string, Record<StatusClass, number>> = {};
  const byOperation: Record<string, { ms: number[]; classes: Record<StatusClass, number> }> = {};
  const ops = operations();
  const payloads = PAYLOADS.slice(0, LIMITS.injectionPayloads);
  const { creds } = world;
  const baseParams: Record<string, string> = {
    id: DEMO,
    textId: 'x9991',
    state: 'KR',
    version: '1',
    sha256: world.krAttachment ?? '0'.repeat(64),
    accountId: randomUUID(),
    contactId: randomUUID(),
    jobId: randomUUID(),
    tokenId: randomUUID(),
    code: 'DE',
  };
  const baseQuery: Record<string, string> = {
    lang: 'fr',
    format: 'docx',
    locale: 'en',
    version: '1',
    filename: 'a.txt',
    state: 'KR',
    consultation: DEMO,
    after: '0',
    limit: '5',
    kind: 'mail',
  };

  interface Slot {
    readonly op: Operation;
    readonly where: 'path' | 'query' | 'header' | 'body';
    readonly name: string;
    readonly field?: readonly (string | number)[];
  }
  const slots: Slot[] = [];
  for (const op of ops) {
    for (const p of op.params) {
      if (p.in === 'path' || p.in === 'query' || p.in === 'header')
        slots.push({ op, where: p.in as Slot['where'], name: p.name });
    }
    for (const field of fieldPaths(op.body ?? undefined))
      slots.push({ op, where: 'body', name: field.join('.'), field });
  }

  /** Who sends: the focal point of KR on its own reply routes and uploads, the secretariat elsewhere (it reaches furthest). */
  const tokenFor = (op: Operation) =>
    /\/replies\/\{state\}$/.test(op.path) || op.path === '/api/v1/attachments' ? creds.kr : creds.secretariat;
  const paramsFor = (op: Operation): Record<string, string> => {
    // Writes that could change what later parts rely on act on a State no part uses (DE).
    if (op.method === 'DELETE' && op.path.endsWith('/replies/{state}')) return { ...baseParams, state: 'DE' };
    if (op.path.endsWith('/recorded')) return { ...baseParams, state: 'DE' };
    return baseParams;
  };
  const bodyFor = (op: Operation): unknown => {
    if (op.path.endsWith('/replies/{state}') && op.method === 'PUT') return replyBody('injection');
    if (op.path === '/api/v1/receipts/verify') return world.krReceipt ?? {};
    if (op.path === '/api/v1/consultations' && op.method === 'POST')
      return consultationBody(`attack-inj-${randomBytes(3).toString('hex')}`);
    if (op.path.endsWith('/eligibility')) return { mayReply: true, note: 'bench:attack' };
    if (op.path === '/api/v1/accounts/{accountId}') return { disabled: false };
    return exampleOf(op.body ?? undefined);
  };

  const build = (slot: Slot, payload: Payload | { kind: 'json-value'; value: unknown }, variant: 'encoded' | 'raw') => {
    const { op } = slot;
    const params = paramsFor(op);
    let pathname = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      if (slot.where === 'path' && slot.name === name)
        return variant === 'raw' ? String(payload.value) : encodeURIComponent(String(payload.value));
      return encodeURIComponent(params[name] ?? 'x');
    });
    const query = new URLSearchParams();
    for (const p of op.params)
      if (p.in === 'query' && baseQuery[p.name] !== undefined && !(slot.where === 'query' && slot.name === p.name))
        query.set(p.name, baseQuery[p.name]!);
    let search = query.toString();
    if (slot.where === 'query') {
      const injected =
        payload.value === '[$ne]=1'
          ? `${encodeURIComponent(slot.name)}[$ne]=1`
          : `${encodeURIComponent(slot.name)}=${encodeURIComponent(String(payload.value))}`;
      search = search === '' ? injected : `${search}&${injected}`;
    }
    if (search !== '') pathname += `?${search}`;
    const headers: Record<string, string> = { ...bearer(tokenFor(op)) };
    if (slot.where === 'header') headers[slot.name] = String(payload.value);
    let body: string | undefined;
    if (op.body || slot.where === 'body') {
      const base = bodyFor(op);
      body = JSON.stringify(slot.where === 'body' && slot.field ? setIn(base, slot.field, payload.value) : base);
      headers['content-type'] = 'application/json';
    }
    if (op.path === '/api/v1/attachments') {
      body = `bench:attack ${slot.name}\n`;
      headers['content-type'] = 'text/plain';
    }
    if (slot.name.toLowerCase() === 'idempotency-key' || op.path.endsWith('/replies/{state}'))
      headers['idempotency-key'] ??= randomUUID();
    const request: Request = { method: op.method, path: pathname, headers, ...(body !== undefined && { body }) };
    return request;
  };

  interface Item {
    readonly request: Request;
    readonly op: string;
    readonly kind: string;
    readonly payload: string | null;
  }
  const items: Item[] = [];
  // Round r gives slot i the payload (i + r) mod n of its list: each round reaches every slot with a
  // mix of kinds, so a run cut short by its time budget has still tried every slot and every kind.
  let notSendable = 0;
  const jsonValues = OBJECT_PAYLOADS.map((value) => ({ kind: 'json-value' as const, value }));
  const listFor = (slot: Slot): readonly (Payload | (typeof jsonValues)[number])[] =>
    slot.where === 'body' ? [...payloads, ...jsonValues] : payloads;
  for (let r = 0; r < payloads.length + jsonValues.length; r++)
    slots.forEach((slot, i) => {
      const list = listFor(slot);
      if (r >= list.length) return;
      const payload = list[(i + r) % list.length]!;
      const op = `${slot.op.method} ${slot.op.path}`;
      if (payload.kind === 'json-value') {
        items.push({ request: build(slot, payload, 'encoded'), op, kind: payload.kind, payload: null });
        return;
      }
      // A header value with control characters or beyond Latin-1 cannot leave this client (node:http refuses it).
      if (slot.where === 'header' && /[^\t\x20-\x7e\x80-\xff]/.test(payload.value)) {
        notSendable += 1;
        return;
      }
      items.push({ request: build(slot, payload, 'encoded'), op, kind: payload.kind, payload: payload.value });
      if (slot.where === 'path' && payload.kind === 'traversal' && /^[\x21-\x7e]+$/.test(payload.value))
        items.push({ request: build(slot, payload, 'raw'), op, kind: `${payload.kind}-raw`, payload: payload.value });
    });

  const deadline = performance.now() + LIMITS.injectionMs;
  const run = await pool(items, LIMITS.injectionConcurrency, deadline, async (item) => {
    const answer = await send(item.request);
    tally.record(item.request, answer);
    byKind[item.kind] ??= { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, other: 0, error: 0 };
    byKind[item.kind]![classOf(answer)] += 1;
    byOperation[item.op] ??= { ms: [], classes: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, other: 0, error: 0 } };
    const perOp = byOperation[item.op]!;
    perOp.ms.push(answer.ms);
    perOp.classes[classOf(answer)] += 1;
    let body = text(answer);
    if (item.payload !== null)
      for (const form of [item.payload, JSON.stringify(item.payload).slice(1, -1), encodeURIComponent(item.payload)])
        if (form.length > 0) body = body.split(form).join('');
    for (const [what, pattern] of LEAKS)
      if (pattern.test(body) && findings.length < 50)
        findings.push({
          part: 'a',
          what,
          request: describe(item.request),
          status: answer.status,
          detail: snippet(body, 300),
        });
    for (const name of Object.keys(answer.headers))
      if (name.toLowerCase() === 'x-injected' && findings.length < 50)
        findings.push({
          part: 'a',
          what: 'header injected into the answer',
          request: describe(item.request),
          status: answer.status,
        });
  });

  return {
    measures:
      'Each operation of docs/openapi.json, one injection point at a time (path parameter, query parameter, header parameter, JSON field at depth ≤ 2), every other value plausible; payloads: SQL, NoSQL (operators as strings, objects and name[$ne]= queries), template/ICU/HTML, path traversal (encoded and raw in paths), CRLF header injection, NUL, 5,000 characters, bidi override, __proto__. The secretariat token sends, KR on its own reply routes and uploads. Counted: status classes, 5xx with bodies, API refusals that are not problem documents; flagged: file contents, evaluated templates (1787569), database error text, stack traces, server paths in answers, and an X-Injected answer header.',
    operations: ops.length,
    injectionPoints: slots.length,
    payloads: payloads.length,
    planned: run.planned,
    notSendableByThisClient: notSendable,
    sent: run.done,
    stoppedByTime: run.stoppedByTime,
    budgetMs: LIMITS.injectionMs,
    byKind,
    byOperation: Object.fromEntries(
      Object.entries(byOperation).map(([op, v]) => [op, { ...percentiles(v.ms), classes: v.classes }]),
    ),
    ...tally.summary(),
    findings,
  };
}

// ------------------------------------------------------------------------------------------ b. authorization

interface Probe {
  readonly name: string;
  readonly request: Request;
  /** refused: any 2xx is a violation; allowed: a control (a non-2xx is noted); leak: 2xx allowed, but markers must be absent. */
  readonly expect: 'refused' | 'allowed' | 'leak';
  readonly markers?: readonly string[];
  readonly via?: Browser;
}

async function partAuthorization(world: World) {
  const tally = new Tally();
  const { creds, krMarkers } = world;
  const kr = creds.kr;
  const fr = creds.fr;
  const krAll = [krMarkers.reply, krMarkers.attachment, krMarkers.draft];
  const probes: Probe[] = [];
  const add = (name: string, request: Request, expect: Probe['expect'], markers?: readonly string[], via?: Browser) =>
    probes.push({ name, request, expect, ...(markers && { markers }), ...(via && { via }) });
  const api = (method: string, p: string, token: string | null, body?: unknown) => jsonRequest(method, p, token, body);

  // Each focal point against the other State's reply, receipt, documents and file.
  for (const [who, token, other, otherToken] of [
    ['FR', fr, 'KR', kr],
    ['KR', kr, 'FR', fr],
  ] as const) {
    const markers = who === 'FR' ? krAll : [world.frMarker];
    const base = `/api/v1/consultations/${DEMO}`;
    add(`${who} reads ${other}'s reply`, api('GET', `${base}/replies/${other}`, token), 'refused');
    add(
      `${who} reads ${other}'s receipt v1`,
      api('GET', `${base}/replies/${other}/versions/1/receipt`, token),
      'refused',
    );
    add(
      `${who} gets ${other}'s reply form (DOCX)`,
      api('GET', `${base}/documents/reply/${other}?format=docx`, token),
      'refused',
    );
    add(
      `${who} gets ${other}'s receipt (DOCX)`,
      api('GET', `${base}/documents/receipt/${other}?format=docx`, token),
      'refused',
    );
    add(
      `${who} submits ${other}'s reply`,
      api('PUT', `${base}/replies/${other}`, token, replyBody('forged')),
      'refused',
    );
    add(`${who} withdraws ${other}'s reply`, api('DELETE', `${base}/replies/${other}`, token), 'refused');
    add(
      `${who} records ${other}'s reply as the secretariat`,
      api('POST', `${base}/replies/${other}/recorded`, token, {
        channel: 'email',
        receivedAt: new Date().toISOString(),
        originalFile: world.krAttachment ?? '0'.repeat(64),
        positions: replyBody('forged').positions,
        signatory: { name: 'X', title: 'Y' },
      }),
      'refused',
    );
    add(`${who} lists the replies (own State only)`, api('GET', `${base}/replies`, token), 'leak', markers);
    add(`${who} reads the provisional results`, api('GET', `${base}/results`, token), 'refused');
    add(`${other} reads its own reply (control)`, api('GET', `${base}/replies/${other}`, otherToken), 'allowed');
  }
  if (world.krAttachment) {
    add('FR downloads KR’s file', api('GET', `/api/v1/attachments/${world.krAttachment}`, fr), 'refused');
    add(
      'observer downloads KR’s file',
      api('GET', `/api/v1/attachments/${world.krAttachment}`, creds.observer),
      'refused',
    );
    add('no token downloads KR’s file', api('GET', `/api/v1/attachments/${world.krAttachment}`, null), 'refused');
    add('KR downloads its own file (control)', api('GET', `/api/v1/attachments/${world.krAttachment}`, kr), 'allowed');
  }

  // The observer and no token against the secretariat's routes (and the reply data before the deadline).
  const secretariatOnly: [string, string, unknown?][] = [
    ['GET', '/api/v1/accounts'],
    ['POST', '/api/v1/accounts/invitations', { email: 'x@attack.example', name: 'X', role: 'secretariat_admin' }],
    ['PATCH', `/api/v1/accounts/${randomUUID()}`, { disabled: true }],
    ['GET', '/api/v1/audit'],
    ['GET', '/api/v1/contacts'],
    ['POST', '/api/v1/contacts', { email: 'x@attack.example', name: 'X', role: 'observer' }],
    ['GET', '/api/v1/jobs'],
    ['GET', '/api/v1/tokens'],
    ['POST', '/api/v1/tokens', { role: 'secretariat', label: 'escalation' }],
    ['POST', '/api/v1/consultations', consultationBody(`attack-authz-${randomBytes(3).toString('hex')}`)],
    ['PATCH', `/api/v1/consultations/${DEMO}`, { subject: 'changed' }],
    ['POST', `/api/v1/consultations/${DEMO}/texts`, { kind: 'new', designation: 'X.1', title: 'T', location: 'L' }],
    ['PUT', '/api/v1/member-states/KR/eligibility', { mayReply: false, note: 'attack' }],
    ['PUT', `/api/v1/consultations/${DEMO}/decisions/x9991`, { opposing: [] }],
    ['POST', `/api/v1/consultations/${DEMO}/results-notice`],
    ['GET', `/api/v1/consultations/${DEMO}/results`],
    ['GET', `/api/v1/consultations/${DEMO}/replies/KR`],
    ['GET', `/api/v1/consultations/${DEMO}/replies/KR/versions/1/receipt`],
    ['GET', `/api/v1/consultations/${DEMO}/documents/reply/KR?format=docx`],
  ];
  if (world.draftConsultation) {
    secretariatOnly.push(['GET', `/api/v1/consultations/${world.draftConsultation}`]);
    secretariatOnly.push(['GET', `/api/v1/consultations/${world.draftConsultation}/documents/circular?format=docx`]);
    secretariatOnly.push(['POST', `/api/v1/consultations/${world.draftConsultation}/issue`]);
  }
  for (const [who, token] of [
    ['observer', creds.observer],
    ['no token', null],
    ['FR focal point', fr],
  ] as const)
    for (const [method, p, body] of secretariatOnly) {
      if (who === 'FR focal point' && /\/replies\/KR|documents\/reply\/KR/.test(p)) continue; // above already
      add(`${who}: ${method} ${p.replace(/\?.*$/, '')}`, api(method, p, token, body), 'refused');
    }
  if (world.draftConsultation)
    add('the public list hides the draft', api('GET', '/api/v1/consultations', null), 'leak', [
      world.draftConsultation,
    ]);

  // Tokens that should not work at all.
  const created = await send(
    api('POST', '/api/v1/tokens', creds.secretariat, { role: 'observer', label: 'to revoke' }),
  );
  const revoke = json(created) as { token?: { id?: string }; secret?: string } | null;
  if (revoke?.token?.id && revoke.secret) {
    await send(api('DELETE', `/api/v1/tokens/${revoke.token.id}`, creds.secretariat));
    add('a revoked token', api('GET', '/api/v1/audit', revoke.secret), 'refused');
    add('a revoked token (public route)', api('GET', `/api/v1/consultations/${DEMO}`, revoke.secret), 'refused');
  }
  add(
    'a forged token',
    api('GET', '/api/v1/consultations', `assent_${randomBytes(32).toString('base64url')}`),
    'refused',
  );
  add(
    'a malformed Authorization header',
    { method: 'GET', path: '/api/v1/consultations', headers: { authorization: 'Basic Og==' } },
    'refused',
  );
  add('a token in the query string', api('GET', `/api/v1/audit?access_token=${creds.secretariat}`, null), 'refused');

  // Read-only personal tokens (scope "read"): reads pass, writes are refused.
  if (world.krRead) {
    add(
      'KR read-only token reads its reply (control)',
      api('GET', `/api/v1/consultations/${DEMO}/replies/KR`, world.krRead),
      'allowed',
    );
    add(
      'KR read-only token submits a reply',
      api('PUT', `/api/v1/consultations/${DEMO}/replies/KR`, world.krRead, replyBody('scoped')),
      'refused',
    );
    add(
      'KR read-only token withdraws the reply',
      api('DELETE', `/api/v1/consultations/${DEMO}/replies/KR`, world.krRead),
      'refused',
    );
    add(
      'KR read-only token uploads a file',
      {
        method: 'POST',
        path: '/api/v1/attachments?filename=x.txt',
        headers: { ...bearer(world.krRead), 'content-type': 'text/plain' },
        body: 'scoped\n',
      },
      'refused',
    );
    add(
      'KR read-only token reads FR’s reply',
      api('GET', `/api/v1/consultations/${DEMO}/replies/FR`, world.krRead),
      'refused',
    );
  }
  if (world.tsbRead) {
    add(
      'secretariat read-only token reads the audit (control)',
      api('GET', '/api/v1/audit?limit=1', world.tsbRead),
      'allowed',
    );
    add(
      'secretariat read-only token creates a token',
      api('POST', '/api/v1/tokens', world.tsbRead, { role: 'secretariat', label: 'escalation' }),
      'refused',
    );
    add(
      'secretariat read-only token sets eligibility',
      api('PUT', '/api/v1/member-states/DE/eligibility', world.tsbRead, { mayReply: true, note: 'scoped' }),
      'refused',
    );
    add(
      'secretariat read-only token adds a contact',
      api('POST', '/api/v1/contacts', world.tsbRead, { email: 'x@attack.example', name: 'X', role: 'observer' }),
      'refused',
    );
    add(
      'secretariat read-only token invites an account',
      api('POST', '/api/v1/accounts/invitations', world.tsbRead, {
        email: 'y@attack.example',
        name: 'Y',
        role: 'secretariat_admin',
      }),
      'refused',
    );
    add(
      'secretariat read-only token creates a consultation',
      api(
        'POST',
        '/api/v1/consultations',
        world.tsbRead,
        consultationBody(`attack-scope-${randomBytes(3).toString('hex')}`),
      ),
      'refused',
    );
    add(
      'secretariat read-only token records a reply',
      api('POST', `/api/v1/consultations/${DEMO}/replies/DE/recorded`, world.tsbRead, {
        channel: 'email',
        receivedAt: new Date().toISOString(),
        originalFile: world.krAttachment ?? '0'.repeat(64),
        positions: replyBody('scoped').positions,
        signatory: { name: 'X', title: 'Y' },
      }),
      'refused',
    );
    if (world.draftConsultation)
      add(
        'secretariat read-only token issues the draft',
        api('POST', `/api/v1/consultations/${world.draftConsultation}/issue`, world.tsbRead),
        'refused',
      );
  }

  // Pages: FR's session against KR's draft, reply, receipt and documents (no address names a State but the documents').
  if (world.frBrowser) {
    const b = world.frBrowser;
    for (const p of [
      '/en/my',
      `/en/my/consultations/${DEMO}/reply`,
      `/en/my/consultations/${DEMO}/reply/review`,
      `/en/my/consultations/${DEMO}/reply/history`,
      `/en/my/consultations/${DEMO}/reply/receipt/1`,
    ])
      add(`FR page ${p}`, { method: 'GET', path: p }, 'leak', krAll, b);
    add(
      'FR page: KR’s reply form (DOCX)',
      { method: 'GET', path: `/en/documents/${DEMO}/reply/KR?format=docx` },
      'refused',
      undefined,
      b,
    );
    add(
      'FR page: KR’s receipt (DOCX)',
      { method: 'GET', path: `/en/documents/${DEMO}/receipt/KR?format=docx` },
      'refused',
      undefined,
      b,
    );
    add('FR page: the secretariat dashboard', { method: 'GET', path: '/en/secretariat' }, 'refused', undefined, b);
  }
  if (world.krBrowser && world.draftSaved)
    add(
      'KR page shows its own draft (control)',
      { method: 'GET', path: `/en/my/consultations/${DEMO}/reply` },
      'allowed',
      undefined,
      world.krBrowser,
    );
  for (const p of [
    '/en/secretariat',
    '/en/secretariat/accounts',
    '/en/secretariat/audit',
    `/en/secretariat/consultations/${DEMO}`,
    '/en/my',
    `/en/documents/${DEMO}/reply/KR?format=docx`,
  ])
    add(`no session: page ${p}`, { method: 'GET', path: p }, 'refused');

  const results: { name: string; expect: string; status: number; ok: boolean; note?: string }[] = [];
  const violations: Finding[] = [];
  for (const probe of probes) {
    let answer: Answer;
    if (probe.via) {
      answer = await (probe.request.method === 'GET' ? probe.via.get(probe.request.path) : send(probe.request));
    } else answer = await send(probe.request);
    tally.record(probe.request, answer);
    const ok2xx = answer.status >= 200 && answer.status < 300;
    let ok = true;
    let note: string | undefined;
    if (probe.expect === 'refused' && ok2xx) {
      ok = false;
      note = 'answered 2xx';
    }
    if (probe.expect === 'allowed' && !ok2xx) note = `control answered ${answer.status}`;
    if (probe.markers && ok2xx) {
      const body = text(answer);
      const seen = probe.markers.filter((m) => body.includes(m));
      if (seen.length > 0) {
        ok = false;
        note = `shows ${seen.join(', ')}`;
      }
    }
    if (!ok)
      violations.push({
        part: 'b',
        what: probe.name,
        request: describe(probe.request),
        status: answer.status,
        detail: note ?? '',
      });
    results.push({
      name: probe.name,
      expect: probe.expect,
      status: answer.status,
      ok,
      ...(note !== undefined && { note }),
    });
  }
  const mustRefuse = probes.filter((p) => p.expect === 'refused').length;
  return {
    measures:
      'Probes that must be refused (any 2xx is listed as a violation) or whose answer must not show another State’s markers: FR against KR’s reply, receipt, documents, file and draft (API and pages) and KR against FR; the observer, no token and a focal point against the secretariat’s routes, drafts and pre-deadline results; a revoked, a forged and a malformed token; read-only personal tokens (scope "read", made on the account page) against writes. Controls check that the owners are still served.',
    probes: probes.length,
    mustBeRefused: mustRefuse,
    violations,
    controlsNotServed: results
      .filter((r) => r.expect === 'allowed' && !(r.status >= 200 && r.status < 300))
      .map((r) => r.name),
    results,
    ...tally.summary(),
  };
}

// ------------------------------------------------------------------------------------------ c. malformed input

/** A ZIP whose first entries make it a DOCX by its head, and whose word/document.xml inflates to `inflatedMiB` of zeros. */
function zipBomb(inflatedMiB: number): Buffer {
  const entries: { name: string; data: Buffer; size: number; crc: number }[] = [];
  const contentTypes = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  entries.push({
    name: '[Content_Types].xml',
    data: zlib.deflateRawSync(contentTypes),
    size: contentTypes.length,
    crc: zlib.crc32(contentTypes),
  });
  // Zeros, one MiB block compressed once with a full flush (history reset, byte-aligned, not final):
  // the same bytes repeated are a valid stream of n MiB, closed by an empty final block.
  const block = Buffer.alloc(1024 * 1024);
  const compressed = zlib.deflateRawSync(block, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  let crc = 0;
  for (let i = 0; i < inflatedMiB; i++) crc = zlib.crc32(block, crc);
  entries.push({
    name: 'word/document.xml',
    data: Buffer.concat([
      ...Array.from({ length: inflatedMiB }, () => compressed),
      zlib.deflateRawSync(Buffer.alloc(0)),
    ]),
    size: inflatedMiB * 1024 * 1024,
    crc,
  });
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, name, e.data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(0, 12);
    dir.writeUInt32LE(e.crc, 16);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + e.data.length;
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, centralBytes, end]);
}

async function partMalformed(world: World, child: Child) {
  const tally = new Tally();
  const findings: Finding[] = [];
  const checks: { name: string; status: number; ok: boolean; ms: number; note: string }[] = [];
  const { creds } = world;
  /** Records a check: `ok` says whether the answer is what a careful server gives. */
  /** Error lines the server logged since the previous check (a failure the client may not see, e.g. a reset connection). */
  let logSeen = child.logErrors.count;
  const loggedSince = () => {
    const logged = child.logErrors.count - logSeen;
    logSeen = child.logErrors.count;
    return logged;
  };
  const check = (name: string, request: Request, answer: Answer, passed: boolean, said = '') => {
    tally.record(request, answer);
    const logged = loggedSince();
    const ok = passed && logged === 0;
    const note = logged > 0 ? `${said}; the server logged ${logged} error line(s)` : said;
    checks.push({ name, status: answer.status, ok, ms: round(answer.ms), note });
    if (!ok)
      findings.push({
        part: 'c',
        what: name,
        request: describe(request),
        status: answer.status,
        detail: note || snippet(text(answer), 200),
      });
  };
  const refusedCleanly = (request: Request, answer: Answer) =>
    answer.status >= 400 && answer.status < 500 && (!isApiPath(request.path) || isProblem(answer));

  // Bad percent-encoding.
  for (const p of [
    '/api/v1/consultations/%E0%A4%A',
    '/api/v1/consultations/%zz',
    '/api/v1/consultations/%c0%ae%c0%ae',
    `/api/v1/consultations/${DEMO}?lang=%ff`,
    `/api/v1/consultations/${DEMO}?lang=%`,
    '/api/v1/attachments/%00',
    '/en/consultations/%E0%A4%A',
    `/en/consultations/${DEMO}?notice=%`,
    '/%ff/login',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/en/%2e%2e/%2e%2e/etc/passwd',
  ]) {
    const request: Request = { method: 'GET', path: p, headers: bearer(creds.secretariat) };
    const answer = await send(request);
    const body = text(answer);
    const leaked = /"name":\s*"assent"|root:x?:0:0/.test(body);
    check(
      `bad percent-encoding ${p}`,
      request,
      answer,
      answer.status < 500 && !leaked && (answer.status < 400 || refusedCleanly(request, answer)),
      leaked ? 'file contents in the answer' : '',
    );
  }

  // A 20 KB URL (414 expected; Node's header limit may answer 431 first) and 40 KB of headers (431),
  // on a raw socket: what the server sends before it closes is read even when it closes hard.
  {
    const host = `Host: ${LOOPBACK}:${PORT}\r\n`;
    const many = Array.from({ length: 400 }, (_, i) => `X-H${i}: ${'a'.repeat(100)}\r\n`).join('');
    const oversize: [string, string, string, readonly number[]][] = [
      ['20 KB URL (API)', `/api/v1/consultations/${DEMO}?lang=${'a'.repeat(20 * 1024)}`, '', [414, 431]],
      ['20 KB URL (page)', `/en/${'a'.repeat(20 * 1024)}`, '', [414, 431]],
      ['40 KB of headers', '/api/v1/consultations', `X-Pad: ${'a'.repeat(40 * 1024)}\r\n`, [431]],
      ['400 headers of 100 bytes (≈ 43 KB)', '/api/v1/consultations', many, [431]],
    ];
    for (const [name, target, extra, expected] of oversize) {
      const exchange = await rawExchange(`GET ${target} HTTP/1.1\r\n${host}${extra}Connection: close\r\n\r\n`, 3_000);
      const answer = rawAnswer(exchange);
      const request: Request = { method: 'GET', path: target };
      check(
        name,
        request,
        answer,
        expected.includes(answer.status),
        answer.status === 0
          ? `no answer (${exchange.error ?? 'closed'})`
          : `answered ${answer.status} ${String(answer.headers['content-type'] ?? '(no content type)')}`,
      );
    }
  }

  // Conflicting framing on a raw socket: one clean 400 and no second (smuggled) answer.
  const host = `Host: ${LOOPBACK}:${PORT}\r\n`;
  const smuggled = `GET /api/v1/tokens HTTP/1.1\r\n${host}\r\n`;
  const framing: [string, string][] = [
    [
      'Content-Length + Transfer-Encoding',
      `POST /api/v1/receipts/verify HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`,
    ],
    [
      'two different Content-Length',
      `POST /api/v1/receipts/verify HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}${smuggled}`,
    ],
    [
      'Transfer-Encoding: chunked, identity',
      `POST /api/v1/receipts/verify HTTP/1.1\r\n${host}Content-Type: application/json\r\nTransfer-Encoding: chunked, identity\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    ],
    [
      'Transfer-Encoding: xchunked',
      `POST /api/v1/receipts/verify HTTP/1.1\r\n${host}Content-Type: application/json\r\nTransfer-Encoding: xchunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    ],
    [
      'Transfer-Encoding by obs-fold',
      `POST /api/v1/receipts/verify HTTP/1.1\r\n${host}Content-Type: application/json\r\nTransfer-Encoding:\r\n chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    ],
    [
      'Content-Length: -1',
      `POST /api/v1/receipts/verify HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: -1\r\n\r\n{}`,
    ],
    [
      'Content-Length: +2',
      `POST /api/v1/receipts/verify HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: +2\r\n\r\n{}`,
    ],
    [
      'chunk size ffffffffffffffff',
      `POST /api/v1/receipts/verify HTTP/1.1\r\n${host}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n{}\r\n0\r\n\r\n`,
    ],
    [
      'bare LF line endings + TE/CL',
      `POST /api/v1/receipts/verify HTTP/1.1\n${host.replace('\r\n', '\n')}Content-Length: 4\nTransfer-Encoding: chunked\n\n0\n\n${smuggled}`,
    ],
    [
      'space before colon',
      `POST /api/v1/receipts/verify HTTP/1.1\r\n${host}Transfer-Encoding : chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n${smuggled}`,
    ],
  ];
  for (const [name, payload] of framing) {
    const exchange = await rawExchange(payload, 3_000);
    // The server's log line of a failure arrives on its stdout a moment later.
    await sleep(100);
    const statuses = [...exchange.reply.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
    const request: Request = { method: 'RAW', path: `/api/v1/receipts/verify (${name})` };
    const answer = rawAnswer(exchange);
    const first = statuses[0] ?? 400;
    check(
      `framing: ${name}`,
      request,
      answer,
      statuses.length <= 1 && first >= 400 && first < 500,
      `answers ${statuses.join(',') || `none (${exchange.error ?? 'closed'})`}`,
    );
  }

  // Invalid JSON to several operations.
  const receipt = world.krReceipt;
  const jsonTargets: [string, string, string | null][] = [
    ['POST', '/api/v1/receipts/verify', null],
    ['PUT', `/api/v1/consultations/${DEMO}/replies/KR`, creds.kr],
    ['POST', '/api/v1/consultations', creds.secretariat],
    ['POST', '/api/v1/tokens', creds.secretariat],
  ];
  const invalidBodies: [string, Buffer, string?][] = [
    ['truncated', Buffer.from('{"a":')],
    ['single quotes', Buffer.from("{'a':1}")],
    ['NaN', Buffer.from('NaN')],
    ['trailing garbage', Buffer.from('{"a":1}garbage')],
    ['BOM first', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')])],
    ['invalid UTF-8', Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe, 0xc0]), Buffer.from('"}')])],
    ['null', Buffer.from('null')],
    ['array', Buffer.from('[]')],
    ['__proto__', Buffer.from('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')],
    ['duplicate keys', Buffer.from('{"a":1,"a":2}')],
    ['UTF-16 declared', Buffer.from('{}', 'utf16le'), 'application/json; charset=utf-16'],
    ['JSON as text/plain', Buffer.from('{}'), 'text/plain'],
  ];
  for (const [method, p, token] of jsonTargets)
    for (const [name, body, contentType] of invalidBodies) {
      const request: Request = {
        method,
        path: p,
        headers: {
          ...bearer(token),
          'content-type': contentType ?? 'application/json',
          'idempotency-key': randomUUID(),
        },
        body,
      };
      const answer = await send(request);
      check(
        `invalid JSON (${name}) → ${method} ${p}`,
        request,
        answer,
        refusedCleanly(request, answer),
        `answered ${answer.status} ${String(answer.headers['content-type'] ?? '')}`,
      );
    }

  // JSON nested 10,000 deep (and 100,000, below the body limit) in a receipt verification.
  for (const depth of [10_000, 100_000]) {
    for (const [shape, body] of [
      ['objects', `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`],
      ['arrays', `${'['.repeat(depth)}${']'.repeat(depth)}`],
      [
        'inside a real receipt',
        JSON.stringify({ ...(receipt as object), attachments: ['@'] }).replace(
          '["@"]',
          `${'['.repeat(depth)}${']'.repeat(depth)}`,
        ),
      ],
    ] as const) {
      const request: Request = {
        method: 'POST',
        path: '/api/v1/receipts/verify',
        headers: { 'content-type': 'application/json' },
        body,
      };
      const answer = await send(request);
      check(
        `JSON nested ${depth} deep (${shape})`,
        request,
        answer,
        refusedCleanly(request, answer),
        `answered ${answer.status} in ${round(answer.ms)} ms`,
      );
    }
  }

  // Lone surrogates in reply text: refused, or stored so that the receipt still verifies.
  for (const [name, mutate] of [
    [
      'comments "\\ud800"',
      (b: ReturnType<typeof replyBody>) => ({
        ...b,
        positions: b.positions.map((p) => (p.text === 'x9991' ? { ...p, comments: 'before \ud800 after' } : p)),
      }),
    ],
    [
      'reasons "a\\udc00b"',
      (b: ReturnType<typeof replyBody>) => ({
        ...b,
        positions: b.positions.map((p) => (p.text === 'x9992' ? { ...p, reasons: 'a\udc00b' } : p)),
      }),
    ],
    [
      'signatory "\\ud800"',
      (b: ReturnType<typeof replyBody>) => ({ ...b, signatory: { name: '\ud800', title: 'Director' } }),
    ],
  ] as const) {
    const request = jsonRequest(
      'PUT',
      `/api/v1/consultations/${DEMO}/replies/KR`,
      creds.kr,
      mutate(replyBody('surrogate')),
    );
    const answer = await send(request);
    let ok = refusedCleanly(request, answer);
    let note = `answered ${answer.status}`;
    if (answer.status === 200 || answer.status === 201) {
      const version = (json(answer) as { version?: number })?.version;
      const got = await send(
        jsonRequest('GET', `/api/v1/consultations/${DEMO}/replies/KR/versions/${version}/receipt`, creds.kr),
      );
      const verify = await send(jsonRequest('POST', '/api/v1/receipts/verify', null, json(got)));
      const verdict = json(verify) as { ok?: boolean; checks?: { check: string; ok: boolean }[] } | null;
      ok = verify.status === 200 && verdict?.ok === true;
      note = `stored as v${version}; its receipt verifies: ${verdict?.ok ?? `answer ${verify.status}`}${
        verdict?.checks
          ? ` (${
              verdict.checks
                .filter((c) => !c.ok)
                .map((c) => c.check)
                .join(', ') || 'all checks ok'
            })`
          : ''
      }`;
    }
    check(`lone surrogate in reply ${name}`, request, answer, ok && answer.status < 500, note);
  }

  // Impossible dates in consultation bodies (and in a reply's signing date).
  {
    const control = jsonRequest(
      'POST',
      '/api/v1/consultations',
      creds.secretariat,
      consultationBody(`attack-date-ok-${randomBytes(3).toString('hex')}`),
    );
    const controlAnswer = await send(control);
    check(
      'valid consultation (control for the dates)',
      control,
      controlAnswer,
      controlAnswer.status === 201,
      `answered ${controlAnswer.status}`,
    );
    const year = new Date().getUTCFullYear() + 1;
    const cases: [string, Record<string, unknown>][] = [
      ['date 2023-02-30', { date: '2023-02-30' }],
      [`date ${year}-13-01`, { date: `${year}-13-01` }],
      [`date ${year}-04-31`, { date: `${year}-04-31` }],
      ['date 2023-02-29 (not a leap year)', { date: '2023-02-29' }],
      ['deadline 2023-02-30T23:59:59.999Z', { deadline: '2023-02-30T23:59:59.999Z' }],
      [`deadline ${year}-08-24T24:00:00Z`, { deadline: `${year}-08-24T24:00:00Z` }],
      [`deadline ${year}-08-24T23:60:00Z`, { deadline: `${year}-08-24T23:60:00Z` }],
      [
        'meeting.firstDay 2023-02-30',
        { meeting: { place: 'Geneva', firstDay: '2023-02-30', lastDay: `${year}-09-16`, collectiveLetter: 'CL' } },
      ],
      ['date 0000-00-00', { date: '0000-00-00' }],
    ];
    for (const [name, override] of cases) {
      const request = jsonRequest(
        'POST',
        '/api/v1/consultations',
        creds.secretariat,
        consultationBody(`attack-date-${randomBytes(3).toString('hex')}`, override),
      );
      const answer = await send(request);
      check(
        `impossible ${name} (POST /consultations)`,
        request,
        answer,
        refusedCleanly(request, answer),
        `answered ${answer.status}`,
      );
    }
    if (world.draftConsultation) {
      const request = jsonRequest('PATCH', `/api/v1/consultations/${world.draftConsultation}`, creds.secretariat, {
        date: '2023-02-30',
      });
      const answer = await send(request);
      check(
        'impossible date 2023-02-30 (PATCH a draft)',
        request,
        answer,
        refusedCleanly(request, answer),
        `answered ${answer.status}`,
      );
    }
    const signed = jsonRequest('PUT', `/api/v1/consultations/${DEMO}/replies/KR`, creds.kr, {
      ...replyBody('dates'),
      signedOn: '2023-02-30',
    });
    const signedAnswer = await send(signed);
    check(
      'impossible signedOn 2023-02-30 (reply)',
      signed,
      signedAnswer,
      refusedCleanly(signed, signedAnswer),
      `answered ${signedAnswer.status}`,
    );
  }

  // Attachments: a ZIP bomb posing as DOCX, an HTML file posing as text.
  {
    const inflatedMiB = QUICK ? 256 : 1024;
    const bomb = zipBomb(inflatedMiB);
    const request: Request = {
      method: 'POST',
      path: '/api/v1/attachments?filename=reply.docx',
      headers: {
        ...bearer(creds.kr),
        'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
      body: bomb,
    };
    const { result: answer, memory } = await withMemory(child.pid, () => send(request));
    check(
      `ZIP bomb as DOCX (${round(bomb.length / 1024)} KiB inflating to ${inflatedMiB} MiB)`,
      request,
      answer,
      answer.status < 500 &&
        (answer.status < 400 || isProblem(answer)) &&
        memory.peakRssMiB - (memory.rssBeforeMiB ?? 0) < 100,
      `answered ${answer.status} in ${round(answer.ms)} ms; RSS ${memory.rssBeforeMiB} → peak ${memory.peakRssMiB} MiB${answer.status === 201 ? ' (stored: judged by its head only)' : ''}`,
    );
    const html =
      '<!doctype html><html><body><script>alert(document.domain)</script><img src=x onerror=alert(1)></body></html>\n';
    const upload: Request = {
      method: 'POST',
      path: '/api/v1/attachments?filename=notes.txt',
      headers: { ...bearer(creds.kr), 'content-type': 'text/plain' },
      body: html,
    };
    const uploaded = await send(upload);
    let note = `answered ${uploaded.status}`;
    let ok = uploaded.status < 500;
    const sha = (json(uploaded) as { sha256?: string; mediaType?: string } | null)?.sha256;
    if (uploaded.status === 201 && sha) {
      const back = await send({ method: 'GET', path: `/api/v1/attachments/${sha}`, headers: bearer(creds.kr) });
      tally.record({ method: 'GET', path: `/api/v1/attachments/${sha}` }, back);
      const type = String(back.headers['content-type'] ?? '');
      const disposition = String(back.headers['content-disposition'] ?? '');
      const nosniff = String(back.headers['x-content-type-options'] ?? '') === 'nosniff';
      const csp = String(back.headers['content-security-policy'] ?? '');
      ok = !/html/i.test(type) && nosniff && /^attachment/i.test(disposition);
      note = `stored as ${(json(uploaded) as { mediaType?: string }).mediaType}; served as "${type}", disposition "${disposition.slice(0, 60)}", nosniff ${nosniff}, CSP ${csp ? 'yes' : 'no'}`;
    }
    check('HTML posing as text (upload, then download)', upload, uploaded, ok, note);
  }

  return {
    measures:
      'Each malformed request once: bad percent-encoding (API, pages, assets), a 20 KB URL (414 or 431 expected), 40 KB of headers (431), conflicting Content-Length/Transfer-Encoding and other framing on a raw socket (one 4xx, no second answer), invalid JSON of 12 kinds to 4 operations, JSON nested 10,000 and 100,000 deep in a receipt verification, lone surrogates in reply text (refused, or stored with a receipt that still verifies), impossible dates in consultations and replies, a ZIP bomb posing as DOCX (status, time, RSS) and HTML posing as text (stored type, served type, disposition, nosniff). Counted: non-problem API 4xx and 5xx; every check that fails is listed.',
    checks,
    failedChecks: findings.length,
    findings,
    ...tally.summary(),
  };
}

// ------------------------------------------------------------------------------------------ d. resource

/**
 * Streams one multipart body of `bytes` to `pathname` on a raw socket (a form's `_csrf` first when
 * given), as an attacker would: it keeps sending after an early answer, until the body is out or
 * the server closes. Returns the answer's status, when it came and how much had been sent by then.
 */
function postLargeMultipart(
  pathname: string,
  bytes: number,
  options: { cookie?: string; csrf?: string; timeoutMs: number },
): Promise<{
  status: number;
  answeredMs: number | null;
  sentAtAnswerMiB: number | null;
  sentMiB: number;
  ms: number;
  end: string;
}> {
  const started = performance.now();
  const boundary = `----attack${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `${options.csrf !== undefined ? `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${options.csrf}\r\n` : ''}` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.docx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const total = head.length + bytes + tail.length;
  const requestHead = Buffer.from(
    `POST ${pathname} HTTP/1.1\r\nHost: ${LOOPBACK}:${PORT}\r\n` +
      `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${total}\r\n` +
      `${options.cookie !== undefined ? `Cookie: ${options.cookie}\r\n` : ''}Connection: close\r\n\r\n`,
  );
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  const MiB = (n: number) => round(n / 1024 / 1024);
  return new Promise((resolve) => {
    let sent = 0;
    let settled = false;
    let status = 0;
    let answeredMs: number | null = null;
    let sentAtAnswer: number | null = null;
    let received = '';
    const socket = net.connect({ host: LOOPBACK, port: PORT });
    const finish = (end: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({
        status,
        answeredMs: answeredMs === null ? null : round(answeredMs),
        sentAtAnswerMiB: sentAtAnswer === null ? null : MiB(sentAtAnswer),
        sentMiB: MiB(sent),
        ms: round(performance.now() - started),
        end,
      });
    };
    const timer = setTimeout(() => finish(`timeout after ${options.timeoutMs} ms`), options.timeoutMs);
    socket.on('data', (data: Buffer) => {
      if (received.length < 4096) received += data.toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      if (match && status === 0) {
        status = Number(match[1]);
        answeredMs = performance.now() - started;
        sentAtAnswer = sent;
      }
    });
    // EPIPE/ECONNRESET: the server closed while the body was still coming; an answer it had sent may be lost with the reset.
    socket.on('error', (error) => finish(`reset (${(error as NodeJS.ErrnoException).code ?? error.message})`));
    socket.on('close', () => finish(sent >= total ? 'body sent, closed' : 'closed by the server mid-body'));
    // One piece per turn of the event loop: an answer the server sends before closing is read
    // before a later write meets the closed connection (EPIPE destroys the socket, unread data with it).
    const pump = () => {
      if (settled || sent >= total) return;
      let piece: Buffer;
      if (sent === 0) piece = head;
      else if (sent < head.length + bytes)
        piece = chunk.subarray(0, Math.min(chunk.length, head.length + bytes - sent));
      else piece = tail;
      sent += piece.length;
      if (socket.write(piece)) setImmediate(pump);
      else socket.once('drain', () => setImmediate(pump));
    };
    socket.on('connect', () => {
      socket.write(requestHead);
      pump();
    });
  });
}

function dirUsage(dir: string): { entries: number; bytes: number } {
  let entries = 0;
  let bytes = 0;
  const walk = (d: string) => {
    let list: fs.Dirent[];
    try {
      list = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of list) {
      entries += 1;
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else
        try {
          bytes += fs.statSync(full).size;
        } catch {
          // Gone meanwhile.
        }
    }
  };
  walk(dir);
  return { entries, bytes };
}

async function partResource(child: Child) {
  const bytes = LIMITS.uploadMiB * 1024 * 1024;
  const rounds: {
    round: string;
    posts: Awaited<ReturnType<typeof postLargeMultipart>>[];
    memory: Awaited<ReturnType<typeof withMemory>>['memory'];
    tmpLeftAfter: { entries: number; bytes: number };
  }[] = [];
  const variants: { name: string; prepare: () => Promise<{ cookie?: string; csrf?: string }> }[] = [
    {
      name: 'anonymous, with the sign-in form’s own CSRF cookie and _csrf field first',
      prepare: async () => {
        const browser = new Browser();
        const page = await browser.get('/en/login');
        const csrf = inputValue(text(page), '_csrf') ?? '';
        return { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '), csrf };
      },
    },
    { name: 'anonymous, no cookie, no _csrf', prepare: async () => ({}) },
  ];
  for (const variant of variants.slice(0, LIMITS.uploadRounds)) {
    const prepared = await Promise.all(Array.from({ length: LIMITS.uploadPosts }, () => variant.prepare()));
    const tmpBefore = dirUsage(child.tmpDir);
    const { result, memory } = await withMemory(child.pid, () =>
      Promise.all(prepared.map((p) => postLargeMultipart('/en/login', bytes, { ...p, timeoutMs: LIMITS.uploadMs }))),
    );
    await sleep(500);
    const tmpAfter = dirUsage(child.tmpDir);
    rounds.push({
      round: variant.name,
      posts: result,
      memory,
      tmpLeftAfter: { entries: tmpAfter.entries - tmpBefore.entries, bytes: tmpAfter.bytes - tmpBefore.bytes },
    });
  }
  const peak = Math.max(...rounds.map((r) => r.memory.peakRssMiB));
  const before = rounds[0]?.memory.rssBeforeMiB ?? null;
  return {
    measures: `${LIMITS.uploadPosts} concurrent anonymous multipart/form-data posts of ${LIMITS.uploadMiB} MiB each to /en/login per round (${LIMITS.uploadRounds} round(s)), streamed on raw sockets with backpressure and kept going after an early answer, as an attacker would; the child's VmRSS sampled every 25 ms (peak), VmHWM before and after, the status, when it came and how much of the body had been sent by then, how much was sent before the server closed, and the files the round added to the child's TMPDIR. A server that answers and closes while the body is still coming resets the connection, which can lose its answer on the client's side: such posts are counted as "none read".`,
    rounds,
    peakRssMiB: peak,
    rssBeforeMiB: before,
    growthMiB: before === null ? null : round(peak - before),
  };
}

// ------------------------------------------------------------------------------------------ e. verify under load

async function partVerifyLoad(world: World) {
  const receipt = world.krReceipt;
  if (!receipt) return { measures: 'skipped: no receipt', skipped: true as const };
  const body = JSON.stringify(receipt);
  const probe = await send({
    method: 'POST',
    path: '/api/v1/receipts/verify',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const chain =
    (json(probe) as { checks?: { check: string; detail: string }[] } | null)?.checks?.find(
      (c) => c.check === 'audit_chain',
    )?.detail ?? null;

  const healthUntil = async (until: number, into: number[], errors: { n: number }) => {
    while (performance.now() < until) {
      const answer = await send({ method: 'GET', path: '/health', agent: HEALTH_AGENT, timeoutMs: 5_000 });
      if (answer.status === 200) into.push(answer.ms);
      else errors.n += 1;
      await sleep(20);
    }
  };
  const idle: number[] = [];
  const idleErrors = { n: 0 };
  await healthUntil(performance.now() + LIMITS.idleHealthMs, idle, idleErrors);

  const loaded: number[] = [];
  const loadedErrors = { n: 0 };
  const verifyMs: number[] = [];
  const statuses: Record<string, number> = {};
  let valid = 0;
  const until = performance.now() + LIMITS.verifyMs;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < until) {
      const answer = await send({
        method: 'POST',
        path: '/api/v1/receipts/verify',
        headers: { 'content-type': 'application/json' },
        body,
        timeoutMs: 30_000,
      });
      verifyMs.push(answer.ms);
      statuses[String(answer.status)] = (statuses[String(answer.status)] ?? 0) + 1;
      if ((json(answer) as { ok?: boolean } | null)?.ok === true) valid += 1;
    }
  };
  await Promise.all([
    ...Array.from({ length: LIMITS.verifyConcurrency }, worker),
    healthUntil(until, loaded, loadedErrors),
  ]);
  const elapsed = (performance.now() - started) / 1000;
  return {
    skipped: false as const,
    measures: `${LIMITS.verifyConcurrency} concurrent POST /api/v1/receipts/verify with a real receipt (KR's first reply version, fetched through the API) for ${LIMITS.verifyMs / 1000} s, while GET /health is timed on its own connection every 20 ms; /health is timed for ${LIMITS.idleHealthMs / 1000} s idle first.`,
    auditChainAtStart: chain,
    healthIdleMs: { ...percentiles(idle), failures: idleErrors.n },
    healthUnderLoadMs: { ...percentiles(loaded), failures: loadedErrors.n },
    verifyMs: percentiles(verifyMs),
    verifyPerSecond: round(verifyMs.length / elapsed),
    verifyStatuses: statuses,
    verifyValid: valid,
  };
}

// ------------------------------------------------------------------------------------------ f. login throttling

async function partLogin(world: World) {
  const accounts = world.creds.accounts.filter((a) => a.email !== 'observer@demo.example');
  const target = world.creds.accounts.find((a) => a.email === 'observer@demo.example') ?? world.creds.accounts.at(-1);
  if (accounts.length === 0 || !target)
    return { measures: 'skipped: the demo printed no accounts', skipped: true as const };

  // 25 successful sign-ins from this one address (127.0.0.1), rotating over the secretariat and the two focal points.
  const successes: { account: string; password: number; secondFactor: number | null; ms: number }[] = [];
  for (let i = 0; i < LIMITS.signIns; i++) {
    const account = accounts[i % accounts.length]!;
    const started = performance.now();
    const result = await signIn(account, world.auth, { secondFactor: true });
    successes.push({
      account: account.email,
      password: result.passwordStatus,
      secondFactor: result.verifyStatus,
      ms: round(performance.now() - started),
    });
  }
  const accepted = successes.filter((s) => s.password === 303).length;

  // 30 failed sign-ins at one account, each from a different X-Forwarded-For (documentation addresses, never contacted).
  const failures: { attempt: number; forwardedFor: string; status: number; ms: number }[] = [];
  const browser = new Browser();
  const login = await browser.get('/en/login');
  const csrf = inputValue(text(login), '_csrf') ?? '';
  for (let i = 0; i < LIMITS.failedLogins; i++) {
    const forwardedFor = `203.0.113.${(i % 250) + 1}`;
    const answer = await browser.postForm(
      '/en/login',
      { _csrf: csrf, email: target.email, password: `wrong-${randomBytes(6).toString('hex')}` },
      { 'x-forwarded-for': forwardedFor },
    );
    failures.push({ attempt: i + 1, forwardedFor, status: answer.status, ms: round(answer.ms) });
  }
  const firstLock = failures.find((f) => f.status === 429)?.attempt ?? null;
  const passwordChecks = failures.filter((f) => f.status === 401).length;
  // While locked, the right password of that account is refused too; and what this address may still do.
  const right = await signIn(target, world.auth, {
    secondFactor: false,
    headers: { 'x-forwarded-for': '198.51.100.7' },
  });
  const other = await signIn(accounts[0]!, world.auth, { secondFactor: false });
  return {
    skipped: false as const,
    measures: `${LIMITS.signIns} sign-ins on /en/login with the right password from 127.0.0.1, rotating over ${accounts.length} demo accounts (the password step must answer 303; the second factor is given with a fresh TOTP step while one is left — the server accepts each step once); then ${LIMITS.failedLogins} wrong passwords for ${target.email}, each with another X-Forwarded-For (203.0.113.x), recording when 429 (locked) starts; then the right password of that account, and of another account from the same address. TRUST_PROXY=${TRUST_PROXY}${TRUST_PROXY === 'off' ? ' (X-Forwarded-For is ignored: every attempt counts against 127.0.0.1)' : ''}.`,
    trustProxy: TRUST_PROXY,
    successes: {
      attempted: successes.length,
      passwordStepAccepted: accepted,
      refused: successes.filter((s) => s.password !== 303).map((s) => ({ account: s.account, status: s.password })),
      secondFactorCompleted: successes.filter((s) => s.secondFactor === 303).length,
      secondFactorRefused: successes.filter((s) => s.secondFactor !== null && s.secondFactor !== 303).length,
      secondFactorSkippedNoFreshStep: successes.filter((s) => s.password === 303 && s.secondFactor === null).length,
      ms: percentiles(successes.map((s) => s.ms)),
    },
    failures: {
      attempted: failures.length,
      passwordChecksAnswered401: passwordChecks,
      locked429: failures.filter((f) => f.status === 429).length,
      firstLockedAttempt: firstLock,
      other: failures
        .filter((f) => f.status !== 401 && f.status !== 429)
        .map((f) => ({ attempt: f.attempt, status: f.status })),
      statuses: failures.map((f) => f.status).join(','),
    },
    afterwards: {
      rightPasswordOfLockedAccount: right.passwordStatus,
      otherAccountFromSameAddress: other.passwordStatus,
    },
  };
}

// ------------------------------------------------------------------------------------------ the run

function gitDescription(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_DIR, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: PROJECT_DIR,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((l) => l.trim() !== '').length;
    return dirty > 0 ? `${head} + ${dirty} changed file(s)` : head;
  } catch {
    return 'unknown';
  }
}

/** "403 ×2, none (socket: write EPIPE) ×1". */
function histogram(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${v} ×${n}`).join(', ');
}

/** The largest of the known values (null when none is known). */
function maxOf(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : Math.max(...known);
}

function row(cells: readonly (string | number | null)[], widths: readonly number[]): string {
  return cells
    .map((c, i) => {
      const s = c === null ? '–' : String(c);
      return i === 0 || i === cells.length - 1 ? s.padEnd(widths[i]!) : s.padStart(widths[i]!);
    })
    .join('  ')
    .trimEnd();
}

async function main(): Promise<number> {
  const runStarted = performance.now();
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench:attack: watchdog: the run passed ${LIMITS.watchdogMs / 1000} s, stopping\n`);
    killChild();
    removeDataDir();
    process.exit(1);
  }, LIMITS.watchdogMs);
  watchdog.unref();

  process.stdout.write(
    `bench:attack${QUICK ? ' --quick' : ''}: starting node bin/assent.js serve --demo on ${LOOPBACK}…\n`,
  );
  const child = await startServer();
  PORT = child.port;
  process.stdout.write(
    `  server pid ${child.pid} on ${LOOPBACK}:${PORT} after ${round(child.startMs / 1000)} s (data ${child.dataDir})\n`,
  );
  const health = await send({ method: 'GET', path: '/health' });
  if (health.status !== 200) throw new Error(`/health answered ${health.status}`);

  const creds = readCredentials(child);
  const step = async <T>(
    name: string,
    work: () => Promise<T>,
  ): Promise<T & { seconds: number; serverErrorLogLines: number }> => {
    const started = performance.now();
    process.stdout.write(`  ${name}…`);
    const logBefore = child.logErrors.count;
    const result = await work();
    const seconds = round((performance.now() - started) / 1000);
    process.stdout.write(` ${seconds} s\n`);
    return { ...result, seconds, serverErrorLogLines: child.logErrors.count - logBefore };
  };
  const world = await step('setup (replies, receipts, sign-ins, scoped tokens, a draft)', async () => ({
    world: await prepareWorld(creds),
  }));
  // Verification load first: its figures then do not depend on how many rows the injection part wrote to the audit chain.
  const e = await step('e receipt verification under load', () => partVerifyLoad(world.world));
  const b = await step('b authorization', () => partAuthorization(world.world));
  const a = await step('a injection', () => partInjection(world.world));
  const c = await step('c malformed input', () => partMalformed(world.world, child));
  const d = await step('d resource (large anonymous multipart)', () => partResource(child));
  const f = await step('f login throttling', () => partLogin(world.world));
  const finalMemory = readMemory(child.pid);
  const alive = child.process.exitCode === null && child.process.signalCode === null;
  await stopServer(child);

  const date = new Date().toISOString().slice(0, 10);
  const result = {
    kind: 'assent-attack/1',
    date: new Date().toISOString(),
    quick: QUICK,
    git: gitDescription(),
    node: process.version,
    machine: {
      cpus: os.cpus().length,
      memoryGiB: round(os.totalmem() / 1024 ** 3),
      platform: `${os.platform()} ${os.release()}`,
    },
    server: {
      command: 'node bin/assent.js serve --demo',
      host: LOOPBACK,
      database: 'SQLite (fresh temporary DATA_DIR)',
      environment: {
        RATE_LIMIT_PER_MINUTE: '1000000',
        TRUST_PROXY,
        LOG_LEVEL: 'error',
        REMINDER_DAYS: 'none',
      },
      startSeconds: round(child.startMs / 1000),
      aliveAtEnd: alive,
      finalMemoryMiB: finalMemory ? { rss: round(finalMemory.rssMiB), hwm: round(finalMemory.hwmMiB) } : null,
      errorLogLines: child.logErrors.count,
      errorLogSamples: child.logErrors.first,
    },
    credentials: { source: creds.source, demoAccounts: creds.accounts.map((x) => x.email) },
    setupNotes: world.world.notes,
    totalSeconds: round((performance.now() - runStarted) / 1000),
    parts: { a, b, c, d, e, f },
  };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `attack-${date}${QUICK ? '-quick' : ''}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

  // ---------------------------------------------------------------- the summary
  const w = [34, 6, 5, 5, 5, 5, 4, 0];
  const out: string[] = [];
  out.push('');
  out.push(
    `Assent attack re-run${QUICK ? ' (quick)' : ''} — ${result.date.slice(0, 16)}Z, ${result.git}, node ${process.version}`,
  );
  out.push(
    `server: serve --demo, SQLite, ${LOOPBACK}:${PORT}, started in ${result.server.startSeconds} s, alive at end: ${alive ? 'yes' : 'NO'}, error log lines: ${child.logErrors.count}`,
  );
  out.push('');
  out.push(row(['part', 'reqs', '2xx', '3xx', '4xx', '5xx', 'err', 'key figures'], w));
  const line = (name: string, s: { requests: number; classes: Record<StatusClass, number> }, figures: string) =>
    out.push(
      row(
        [
          name,
          s.requests,
          s.classes['2xx'],
          s.classes['3xx'],
          s.classes['4xx'],
          s.classes['5xx'],
          s.classes.error,
          figures,
        ],
        w,
      ),
    );
  line(
    `a injection (${a.operations} ops)`,
    a,
    `${a.sent}/${a.planned} sent${a.stoppedByTime ? ' (time cap)' : ''}; non-problem 4xx ${a.apiRefusalsNotProblemDocuments}; leaks ${a.findings.length}`,
  );
  line(
    `b authorization (${b.probes} probes)`,
    b,
    `violations ${b.violations.length} of ${b.mustBeRefused} must-refuse; controls not served ${b.controlsNotServed.length}`,
  );
  line(
    `c malformed (${c.checks.length} checks)`,
    c,
    `failed checks ${c.failedChecks}; non-problem 4xx ${c.apiRefusalsNotProblemDocuments}`,
  );
  const dPosts = d.rounds.flatMap((r) => r.posts);
  out.push(
    row(
      [
        `d ${LIMITS.uploadPosts}×${LIMITS.uploadMiB} MiB anon multipart`,
        dPosts.length,
        dPosts.filter((p) => p.status >= 200 && p.status < 300).length,
        dPosts.filter((p) => p.status >= 300 && p.status < 400).length,
        dPosts.filter((p) => p.status >= 400 && p.status < 500).length,
        dPosts.filter((p) => p.status >= 500).length,
        dPosts.filter((p) => p.status === 0).length,
        `answers ${histogram(dPosts.map((p) => (p.status === 0 ? `none read, ${p.end}` : String(p.status))))}; peak RSS ${d.peakRssMiB} MiB (before ${d.rssBeforeMiB}, +${d.growthMiB}); answered after ≤ ${maxOf(dPosts.map((p) => p.sentAtAnswerMiB))} MiB sent, in ≤ ${maxOf(dPosts.map((p) => p.answeredMs))} ms; sent ≤ ${maxOf(dPosts.map((p) => p.sentMiB))} MiB before close; new tmp entries ${d.rounds.map((r) => r.tmpLeftAfter.entries).join('/')}`,
      ],
      w,
    ),
  );
  if (!e.skipped) {
    const statuses = e.verifyStatuses;
    const total = Object.values(statuses).reduce((x, y) => x + y, 0);
    const ok2 = Object.entries(statuses)
      .filter(([s]) => s.startsWith('2'))
      .reduce((x, [, n]) => x + n, 0);
    const five = Object.entries(statuses)
      .filter(([s]) => s.startsWith('5'))
      .reduce((x, [, n]) => x + n, 0);
    out.push(
      row(
        [
          `e verify ×${LIMITS.verifyConcurrency} for ${LIMITS.verifyMs / 1000} s`,
          total,
          ok2,
          0,
          total - ok2 - five,
          five,
          0,
          `/health p50 ${e.healthUnderLoadMs.p50} p99 ${e.healthUnderLoadMs.p99} max ${e.healthUnderLoadMs.max} ms (idle p50 ${e.healthIdleMs.p50}); verify p50 ${e.verifyMs.p50} p99 ${e.verifyMs.p99} ms, ${e.verifyPerSecond}/s, valid ${e.verifyValid}`,
        ],
        w,
      ),
    );
  } else out.push(row(['e verify', null, null, null, null, null, null, 'skipped'], w));
  if (!f.skipped) {
    const n = f.successes.attempted + f.failures.attempted;
    out.push(
      row(
        [
          'f login throttle',
          n,
          0,
          f.successes.passwordStepAccepted,
          f.failures.passwordChecksAnswered401 + f.failures.locked429,
          0,
          0,
          `${f.successes.passwordStepAccepted}/${f.successes.attempted} sign-ins accepted (2FA done ${f.successes.secondFactorCompleted}, no fresh step ${f.successes.secondFactorSkippedNoFreshStep}); failures: first 429 at #${f.failures.firstLockedAttempt ?? 'never'}, ${f.failures.locked429}/${f.failures.attempted} locked, ${f.failures.passwordChecksAnswered401} checked; then right password ${f.afterwards.rightPasswordOfLockedAccount}, other account ${f.afterwards.otherAccountFromSameAddress}`,
        ],
        w,
      ),
    );
  } else out.push(row(['f login throttle', null, null, null, null, null, null, 'skipped'], w));

  const findings: Finding[] = [...a.findings, ...b.violations, ...c.findings];
  const serverErrors = [...a.serverErrorSamples, ...b.serverErrorSamples, ...c.serverErrorSamples];
  out.push('');
  out.push(
    `5xx: a ${a.serverErrors}, b ${b.serverErrors}, c ${c.serverErrors}${serverErrors.length > 0 ? ' — first ones:' : ''}`,
  );
  for (const s of serverErrors.slice(0, 8))
    out.push(`  ${s.status} ${snippet(s.request, 110)} → ${snippet((s.body ?? '').replace(/\s+/g, ' '), 160)}`);
  const nonProblem = [...a.nonProblemSamples, ...b.nonProblemSamples, ...c.nonProblemSamples];
  if (nonProblem.length > 0) {
    out.push(
      `API refusals that are not problem documents: a ${a.apiRefusalsNotProblemDocuments}, b ${b.apiRefusalsNotProblemDocuments}, c ${c.apiRefusalsNotProblemDocuments} — first ones:`,
    );
    for (const s of nonProblem.slice(0, 5))
      out.push(`  ${s.status} ${s.contentType || '(no type)'} ${snippet(s.request, 110)}`);
  }
  out.push(`Flagged (${findings.length}):${findings.length === 0 ? ' none' : ''}`);
  for (const x of findings.slice(0, 40))
    out.push(
      `  [${x.part}] ${snippet(x.what, 90)} — ${x.status}${x.detail ? `: ${snippet(x.detail.replace(/\s+/g, ' '), 150)}` : ''}`,
    );
  if (findings.length > 40) out.push(`  … ${findings.length - 40} more in the JSON`);
  if (world.world.notes.length > 0) out.push(`Setup notes: ${world.world.notes.join('; ')}`);
  out.push('');
  out.push(`total ${result.totalSeconds} s; written ${path.relative(PROJECT_DIR, file)}`);
  out.push('');
  process.stdout.write(`${out.join('\n')}\n`);
  clearTimeout(watchdog);
  return 0;
}

main()
  .then((code) => {
    killChild();
    removeDataDir();
    AGENT.destroy();
    HEALTH_AGENT.destroy();
    process.exit(code);
  })
  .catch((error: unknown) => {
    process.stderr.write(`bench:attack: ${(error as Error).stack ?? String(error)}\n`);
    killChild();
    removeDataDir();
    process.exit(1);
  });
