/**
 * The shape of bench/results/<date>.json: everything docs/benchmarks.md is generated from.
 * Bump BENCH_RESULT_VERSION when a field changes meaning, so old results are not misread.
 */
export const BENCH_RESULT_VERSION = 1;

export type BenchDatabase = 'sqlite' | 'postgres';

/** The HTTP scenarios; `ceiling` is the bare Fastify route every other figure is compared with. */
export type ScenarioName =
  | 'ceiling'
  | 'home-page'
  | 'circular-page'
  | 'results-page'
  | 'approved-page'
  | 'consultation'
  | 'results'
  | 'reply';

/** The public reads: pages and JSON everyone opens, judged against the same target. */
export const PUBLIC_READ_SCENARIOS = [
  'home-page',
  'circular-page',
  'results-page',
  'approved-page',
  'consultation',
  'results',
] as const satisfies readonly ScenarioName[];

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly sqlite: string;
  /** null when the run had no PostgreSQL. */
  readonly postgres: string | null;
  readonly fastify: string;
  readonly autocannon: string;
  /** 1-minute load average when the bench started (other work on the machine skews every figure). */
  readonly loadAverageAtStart: number;
}

export interface LatencyMs {
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** One autocannon run against one server child at one number of connections. */
export interface LoadRun {
  readonly connections: number;
  readonly durationSeconds: number;
  /** Responses received during the measured window. */
  readonly requests: number;
  readonly requestsPerSecond: number;
  /** requestsPerSecond divided by the ceiling's at the same connections (null for the ceiling itself). */
  readonly ratioToCeiling: number | null;
  /** Every response, as autocannon reports it. */
  readonly latencyMs: LatencyMs;
  /**
   * Every response but the first on each connection: the latency of a connection already
   * established. The first ones also wait in the listen queue while a busy server accepts
   * connections (libuv accepts one per event-loop iteration), which dominates p99 and max.
   */
  readonly latencyEstablishedMs: LatencyMs;
  /** Connection errors, including timeouts. */
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  /** Up to three bodies of non-2xx responses, to say why they happened. */
  readonly failureSamples: readonly string[];
  /**
   * PostgreSQL runs only: what the server's backends for this database were doing, sampled from
   * pg_stat_activity every 100 ms: average number of backends per wait state
   * ("CPU:running" = on CPU; "Lock:advisory", "IO:WALSync", "Client:ClientRead"…).
   */
  readonly postgresWaits?: Readonly<Record<string, number>>;
  /** Highest VmRSS of the server child during the run, MiB. */
  readonly rssPeakMiB: number;
  /** CPU time of the server child during the run, as a share of one core (1 = one core busy). */
  readonly serverCpuCores: number;
  /**
   * Server CPU time per response, ms: what a request costs the server, whatever else ran on the
   * machine (the figure least disturbed by a busy machine).
   */
  readonly serverCpuMsPerRequest: number;
  /** CPU time of the bench process (autocannon) during the run, share of one core. */
  readonly loadGeneratorCpuCores: number;
  /** Busy share of the whole machine during the run (all cores; 1 = every core busy). */
  readonly machineBusy: number;
  /**
   * CPU used by everything else during the run, in cores: the machine's busy time minus the
   * server child's and the bench's. PostgreSQL's backends count here; so does any other work
   * on the machine, which is what makes a run noisy.
   */
  readonly otherCpuCores: number;
}

export interface ScenarioResult {
  readonly scenario: ScenarioName;
  /** The database behind the server child; null for the ceiling. */
  readonly database: BenchDatabase | null;
  readonly method: 'GET' | 'PUT';
  /** The path (a pattern for the reply scenario). */
  readonly path: string;
  readonly description: string;
  /**
   * The ceiling is measured twice, before the scenarios and after them; ratios use the higher of
   * the two at each number of connections, so that a busy moment does not flatter the scenarios.
   */
  readonly when?: 'before the scenarios' | 'after the scenarios';
  /** VmRSS of the server child once it listens, before any request, MiB. */
  readonly rssIdleMiB: number;
  /** VmHWM (peak RSS) of the server child at the end of the scenario, MiB. */
  readonly rssHighWaterMiB: number;
  /** Busy share of the machine just before the scenario started (after waiting for quiet, if it came). */
  readonly machineBusyBefore: number;
  readonly runs: readonly LoadRun[];
}

export interface GrowthPoint {
  /** Counted per-text positions of the consultation (the size). */
  readonly positions: number;
  readonly texts: number;
  readonly respondents: number;
  /** Rows in reply_position for the consultation, superseded versions included. */
  readonly storedPositions: number;
  /** computeResults (load, aggregate, tally), each warm run, ms. */
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  /** The aggregate query alone (countCountedPositions), median of the warm runs, ms. */
  readonly aggregateMedianMs: number;
  /** Time to insert the synthetic data, s (not part of the figure). */
  readonly loadSeconds: number;
}

export interface GrowthResult {
  readonly database: BenchDatabase;
  readonly points: readonly GrowthPoint[];
  /** Least-squares slope of log(time) against log(size) over every point. */
  readonly slope: number;
  /** Slope between the two largest sizes (fixed costs matter least there). */
  readonly lastSegmentSlope: number;
  /** The plan of the aggregate query at the largest size (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE). */
  readonly plan: readonly string[];
}

export interface ColdStartResult {
  readonly database: BenchDatabase;
  /**
   * What was started: the bench's server child (startServer; through tsx before 2026-12-07, the
   * compiled build since), `node bin/assent.js serve` (what `npm start` runs: through tsx before
   * 2026-12-07, dist/ since), or the CLI compiled by tsc into a temporary folder and run by plain node.
   */
  readonly command: 'server-child' | 'assent-serve' | 'assent-serve-compiled';
  /** From spawn to the first 200 of GET /api/v1/consultations/tsb-79-2023, per run, ms. */
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  /** From process start to listening, as the child measures it, median ms. */
  readonly listenMedianMs: number;
  /** Why this measurement is absent, when it is (e.g. the CLI is not there yet). */
  readonly unavailable?: string;
}

/** One document format's generation times. */
export interface DocumentTiming {
  /** The first generation (for a PDF, Chromium's start included), ms. */
  readonly firstMs: number;
  readonly medianMs: number;
  /** Each warm run, ms. */
  readonly runsMs: readonly number[];
  readonly bytes: number;
}

/** Reply submission by one instance and by two against one PostgreSQL (bench/instances.ts). */
export interface InstancesResult {
  readonly database: 'postgres';
  /** Connections in all: one instance takes them all, two take half each. */
  readonly connections: number;
  readonly oneInstance: {
    readonly requestsPerSecond: number;
    readonly p99Ms: number;
    readonly waits: Readonly<Record<string, number>> | null;
  };
  readonly twoInstances: {
    readonly requestsPerSecond: number;
    readonly perInstance: readonly number[];
    readonly p99Ms: readonly number[];
    readonly waits: Readonly<Record<string, number>> | null;
  };
  /** Connection errors, timeouts and non-2xx answers over both measurements. */
  readonly errors: number;
}

/** Warm generation time of the circular as DOCX and PDF (bench/documents.ts). */
export interface DocumentBenchResult {
  /** When these figures were taken (a `--documents-into` run adds them to an earlier result). */
  readonly measuredAt: string;
  readonly document: string;
  readonly warmups: number;
  readonly runs: number;
  /** Where Chromium came from; null: none found, the PDF was not measured. */
  readonly chromium: string | null;
  readonly docx: DocumentTiming;
  readonly pdf: DocumentTiming | null;
}

export interface TargetResult {
  readonly id: string;
  readonly description: string;
  /** null: not measured in this run (e.g. --quick without PostgreSQL). */
  readonly met: boolean | null;
  readonly measured: string;
}

export interface BenchSettings {
  readonly mode: 'full' | 'quick';
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: readonly number[];
  readonly databases: readonly BenchDatabase[];
  readonly growthSizes: readonly number[];
  readonly growthRuns: number;
  readonly coldStartRuns: number;
  readonly postgresSource: 'embedded' | 'BENCH_DATABASE_URL' | 'none';
  readonly postgresPoolMax: number;
  readonly focalPointTokens: number;
  readonly profiled: boolean;
  /** Longest wait for a quiet machine before the run and before each scenario, s. */
  readonly quietWaitSeconds: { readonly start: number; readonly perScenario: number };
}

export interface BenchResult {
  readonly version: typeof BENCH_RESULT_VERSION;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly totalSeconds: number;
  readonly machine: MachineInfo;
  readonly settings: BenchSettings;
  readonly scenarios: readonly ScenarioResult[];
  readonly growth: readonly GrowthResult[];
  readonly coldStart: readonly ColdStartResult[];
  readonly targets: readonly TargetResult[];
  /** Document generation (absent from results written before documents existed). */
  readonly documents?: DocumentBenchResult;
  /** One instance against two on one PostgreSQL (full runs with PostgreSQL; absent before 2026-12-07). */
  readonly instances?: readonly InstancesResult[];
  /** Things the reader must know about this run (busy machine, skipped parts). */
  readonly notes: readonly string[];
}
