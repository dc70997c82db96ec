import os from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import type { LoadRun } from './bench-result.js';
import { machineBusyBetween, readCpuMs, readMachineTicks } from './proc-stats.js';
import type { ServerChild } from './server-process.js';

/** Requests for one run; built afresh per run so that counters and samples start at zero. */
export interface RequestPlan {
  readonly requests: autocannon.Request[];
  /** Bodies of non-2xx responses seen so far (at most three). */
  readonly failureSamples: string[];
}

/** How often pg_stat_activity is sampled during a PostgreSQL run. */
const PG_SAMPLE_MS = 100;

/**
 * Samples what the backends of one database are doing until stopped; returns the average number
 * of active backends per wait state. Its own connection is left out.
 */
async function samplePostgresWaits(url: string): Promise<{ stop: () => Promise<Record<string, number>> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const totals: Record<string, number> = {};
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const { rows } = await client.query<{ w: string; n: string }>(
        `select coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, 'running') as w, count(*) as n
           from pg_stat_activity where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid() group by 1`,
      );
      samples += 1;
      for (const row of rows) totals[row.w] = (totals[row.w] ?? 0) + Number(row.n);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, PG_SAMPLE_MS - (performance.now() - started))));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop.catch(() => undefined);
      await client.end().catch(() => undefined);
      return Object.fromEntries(
        Object.entries(totals)
          .map(([k, v]) => [k, round(v / Math.max(1, samples), 2)])
          .sort((a, b) => Number(b[1]) - Number(a[1])),
      );
    },
  };
}

/** How often the server child's RSS is read during a run. */
const RSS_SAMPLE_MS = 200;
/** Seconds autocannon waits for one response before counting a timeout. */
const REQUEST_TIMEOUT_SECONDS = 10;
/** The run is abandoned (and reported) if it has not finished this long after its duration. */
const RUN_GRACE_MS = 30_000;

/**
 * Wraps a scenario's requests so that every run records non-2xx bodies the same way (the
 * ceiling included: it is loaded exactly like the scenarios).
 */
export function requestPlan(build: () => autocannon.Request[]): RequestPlan {
  const failureSamples: string[] = [];
  const requests = build().map((request) => ({
    ...request,
    onResponse: (status: number, body: string) => {
      if ((status < 200 || status >= 300) && failureSamples.length < 3)
        failureSamples.push(`${status} ${String(body).slice(0, 500)}`);
    },
  }));
  return { requests, failureSamples };
}

/** Percentiles of raw latencies (ms), nearest-rank. */
function summarise(values: number[]): { mean: number; p50: number; p90: number; p99: number; max: number } {
  if (values.length === 0) return { mean: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    mean: round(sum / sorted.length),
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1]!),
  };
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Loads a server child with autocannon from this process (loopback only) for `durationSeconds`
 * at `connections`, sampling the child's RSS and CPU time. Never longer than the duration plus
 * a grace period: a run that hangs is stopped.
 */
export async function runLoad(options: {
  readonly server: ServerChild;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly plan: RequestPlan;
  /** The server's PostgreSQL database, to sample its wait states (PostgreSQL runs only). */
  readonly postgresUrl?: string | undefined;
}): Promise<Omit<LoadRun, 'ratioToCeiling'>> {
  const { server, connections, durationSeconds, plan } = options;
  const url = new URL(server.url);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
    throw new Error(`refusing to load a non-loopback address: ${server.url}`);

  let rssPeak = server.memory()?.rssMiB ?? 0;
  const sampler = setInterval(() => {
    const reading = server.memory();
    if (reading && reading.rssMiB > rssPeak) rssPeak = reading.rssMiB;
  }, RSS_SAMPLE_MS);
  const waits = options.postgresUrl ? await samplePostgresWaits(options.postgresUrl) : undefined;
  const cpuBefore = readCpuMs(server.pid);
  const selfBefore = process.cpuUsage();
  const machineBefore = readMachineTicks();
  const started = performance.now();

  let result: autocannon.Result;
  const established: number[] = [];
  try {
    let guard: NodeJS.Timeout | undefined;
    result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: server.url,
          connections,
          duration: durationSeconds,
          pipelining: 1,
          timeout: REQUEST_TIMEOUT_SECONDS,
          requests: plan.requests,
        },
        (error: unknown, done: autocannon.Result) =>
          error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done),
      );
      const seen = new WeakSet<object>();
      instance.on('response', (client: object, _status: number, _bytes: number, responseTime: number) => {
        if (seen.has(client)) established.push(responseTime);
        else seen.add(client);
      });
      guard = setTimeout(
        () => {
          instance.stop();
          reject(new Error(`autocannon did not finish within ${durationSeconds}s + ${RUN_GRACE_MS / 1000}s`));
        },
        durationSeconds * 1000 + RUN_GRACE_MS,
      );
    }).finally(() => clearTimeout(guard));
  } finally {
    clearInterval(sampler);
  }
  const postgresWaits = waits ? await waits.stop() : undefined;

  const elapsedSeconds = (performance.now() - started) / 1000;
  const cpuAfter = readCpuMs(server.pid);
  const self = process.cpuUsage(selfBefore);
  const busy = machineBusyBetween(machineBefore, readMachineTicks());
  const serverCpu = cpuBefore === null || cpuAfter === null ? NaN : (cpuAfter - cpuBefore) / 1000 / elapsedSeconds;
  const benchCpu = (self.user + self.system) / 1e6 / elapsedSeconds;
  const reading = server.memory();
  if (reading && reading.rssMiB > rssPeak) rssPeak = reading.rssMiB;

  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count ?? 0;
  const responses = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  const measured = result.duration > 0 ? result.duration : durationSeconds;
  return {
    connections,
    durationSeconds: round(measured, 2),
    requests: responses,
    requestsPerSecond: round(responses / measured, 1),
    latencyMs: {
      mean: round(result.latency.mean),
      p50: round(result.latency.p50),
      p90: round(result.latency.p90),
      p99: round(result.latency.p99),
      max: round(result.latency.max),
    },
    latencyEstablishedMs: summarise(established),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    failureSamples: [...plan.failureSamples],
    ...(postgresWaits && { postgresWaits }),
    rssPeakMiB: round(rssPeak, 1),
    serverCpuCores: round(serverCpu),
    serverCpuMsPerRequest: responses > 0 ? round((serverCpu * elapsedSeconds * 1000) / responses, 3) : NaN,
    loadGeneratorCpuCores: round(benchCpu),
    machineBusy: round(busy),
    otherCpuCores: round(Math.max(0, busy * os.availableParallelism() - serverCpu - benchCpu)),
  };
}
