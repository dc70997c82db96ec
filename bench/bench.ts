import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createBenchDatabase,
  POSTGRES_POOL_MAX,
  startPostgres,
  type BenchDatabaseHandle,
  type BenchPostgres,
} from './bench-databases.js';
import {
  BENCH_RESULT_VERSION,
  type BenchDatabase,
  type DocumentBenchResult,
  type BenchResult,
  type ColdStartResult,
  type GrowthResult,
  type InstancesResult,
  type LoadRun,
  PUBLIC_READ_SCENARIOS,
  type ScenarioName,
  type ScenarioResult,
} from './bench-result.js';
import { compiledIsCurrent, PROJECT_ROOT } from '../scripts/compiled.mjs';
import { buildCompiled, type CompiledBuild } from './compiled-build.js';
import { cliAvailable, measureColdStart } from './cold-start.js';
import { runDocumentBench } from './documents.js';
import { runGrowth } from './growth.js';
import { runLoad, requestPlan } from './load-run.js';
import { describeMachine } from './machine.js';
import { loadAverage, waitForQuiet } from './proc-stats.js';
import { summariseProfileFile } from './profile-summary.js';
import { prepareScenarioDatabase, type ScenarioData } from './scenario-data.js';
import { SCENARIOS, type ScenarioDefinition } from './scenarios.js';
import { killAllServers, spawnServer, type ServerCommand } from './server-process.js';
import { evaluateTargets, TARGET_CONNECTIONS } from './targets.js';
import { measureInstances } from './instances.js';

export interface BenchOptions {
  readonly mode: 'full' | 'quick';
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: readonly number[];
  readonly databases: readonly BenchDatabase[];
  /** The scenarios besides the ceiling (always run). */
  readonly scenarios: readonly Exclude<ScenarioName, 'ceiling'>[];
  readonly growthSizes: readonly number[];
  readonly growthRuns: number;
  readonly coldStartRuns: number;
  /** Warm runs of the circular's DOCX and PDF generation (0: not measured). */
  readonly documentRuns: number;
  /** Also time the cold start of the CLI compiled by tsc (a build into a temporary folder, ≈ 20 s). */
  readonly compiledColdStart: boolean;
  /** Longest wait for a quiet machine (other work below 20 % of the cores) before the run and before each scenario, s. */
  readonly quietWaitSeconds: { readonly start: number; readonly perScenario: number };
  /** Profile every server child with --cpu-prof and write summaries to this folder. */
  readonly profileDir?: string | undefined;
  readonly log: (line: string) => void;
}

/** `npm run bench` (≈ 5 minutes) and `npm run bench -- --quick` (< 30 s, SQLite, 64 connections, up to 10^5). */
export function defaultOptions(
  mode: 'full' | 'quick',
  log: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): BenchOptions {
  return mode === 'full'
    ? {
        mode,
        durationSeconds: 5,
        warmupSeconds: 1,
        connections: [16, 64, 256],
        databases: ['sqlite', 'postgres'],
        scenarios: [...PUBLIC_READ_SCENARIOS, 'reply'],
        growthSizes: [1e3, 1e4, 1e5, 1e6],
        growthRuns: 5,
        documentRuns: 20,
        coldStartRuns: 3,
        compiledColdStart: true,
        quietWaitSeconds: { start: 30, perScenario: 5 },
        log,
      }
    : {
        mode,
        durationSeconds: 1,
        warmupSeconds: 0.5,
        connections: [64],
        databases: ['sqlite'],
        scenarios: ['circular-page', 'consultation', 'results', 'reply'],
        growthSizes: [1e3, 1e4, 1e5],
        growthRuns: 3,
        documentRuns: 3,
        coldStartRuns: 1,
        compiledColdStart: false,
        quietWaitSeconds: { start: 3, perScenario: 0 },
        log,
      };
}

export interface ScenarioRunOptions {
  readonly definition: ScenarioDefinition;
  readonly database: BenchDatabaseHandle | null;
  readonly data: ScenarioData | null;
  readonly connections: readonly number[];
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  /** The ceiling's runs, to compute ratios (omitted for the ceiling itself). */
  readonly ceiling?: readonly LoadRun[];
  readonly dataDir: string;
  readonly profileDir?: string | undefined;
  /** Experiments only: patches applied in the server child (bench/experiments/). */
  readonly experiment?: readonly string[] | undefined;
  /** Experiments only: extra flags for the server child's node. */
  readonly nodeFlags?: readonly string[] | undefined;
  /** Wait up to this long for a quiet machine before starting the child, s (0: do not wait). */
  readonly quietWaitSeconds?: number;
  readonly log?: (line: string) => void;
}

/**
 * One scenario: a fresh server child, a warm-up (discarded), then one autocannon run per number
 * of connections. The child is stopped whatever happens.
 */
export async function runScenario(options: ScenarioRunOptions): Promise<ScenarioResult> {
  const { definition, database } = options;
  const log = options.log ?? (() => undefined);
  const env: Record<string, string> = { DATA_DIR: options.dataDir };
  if (database) Object.assign(env, { DATABASE_URL: database.url, DATABASE_POOL_MAX: String(POSTGRES_POOL_MAX) });
  else if (definition.serverMode === 'app') throw new Error(`scenario ${definition.name} needs a database`);
  let busyBefore = NaN;
  if ((options.quietWaitSeconds ?? 0) > 0) {
    const quiet = await waitForQuiet({ maxWaitMs: options.quietWaitSeconds! * 1000 });
    busyBefore = quiet.busy;
    if (!quiet.quiet)
      log(
        `  (machine still ${(quiet.busy * 100).toFixed(0)} % busy after waiting ${(quiet.waitedMs / 1000).toFixed(0)} s for quiet)`,
      );
  }
  const cpuProfileDir = options.profileDir ? fs.mkdtempSync(path.join(os.tmpdir(), 'assent-bench-prof-')) : undefined;
  let server: Awaited<ReturnType<typeof spawnServer>>;
  try {
    server = await spawnServer({
      mode: definition.serverMode,
      env,
      cpuProfileDir,
      experiment: options.experiment,
      nodeFlags: options.nodeFlags,
    });
  } catch (error) {
    if (cpuProfileDir) fs.rmSync(cpuProfileDir, { recursive: true, force: true });
    throw error;
  }
  const runs: LoadRun[] = [];
  let rssIdle = NaN;
  let hwm = NaN;
  try {
    rssIdle = server.memory()?.rssMiB ?? NaN;
    if (options.warmupSeconds > 0) {
      await runLoad({
        server,
        connections: options.connections[0]!,
        durationSeconds: options.warmupSeconds,
        plan: requestPlan(() => definition.requests(options.data)),
      });
    }
    for (const connections of options.connections) {
      const run = await runLoad({
        server,
        connections,
        durationSeconds: options.durationSeconds,
        plan: requestPlan(() => definition.requests(options.data)),
        postgresUrl: database?.kind === 'postgres' && definition.usesDatabase ? database.url : undefined,
      });
      const ceiling = options.ceiling?.find((c) => c.connections === connections);
      const ratio = ceiling ? Math.round((run.requestsPerSecond / ceiling.requestsPerSecond) * 1000) / 1000 : null;
      runs.push({ ...run, ratioToCeiling: options.ceiling ? ratio : null });
      log(
        `  ${definition.name.padEnd(12)} ${(database?.kind ?? '-').padEnd(8)} ${String(connections).padStart(3)} conn: ` +
          `${run.requestsPerSecond.toFixed(0).padStart(6)} req/s${ratio === null ? '' : ` (${(ratio * 100).toFixed(0)} % of ceiling)`}, ` +
          `p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms (established ${run.latencyEstablishedMs.p99}), max ${run.latencyMs.max} ms, ` +
          `errors ${run.errors}, non-2xx ${run.non2xx}, RSS ${run.rssPeakMiB} MiB, CPU server ${run.serverCpuCores} (${run.serverCpuMsPerRequest} ms/req) / bench ${run.loadGeneratorCpuCores} / other ${run.otherCpuCores}`,
      );
      for (const sample of run.failureSamples) log(`    non-2xx sample: ${sample.slice(0, 200)}`);
      if (run.postgresWaits)
        log(
          `    PostgreSQL backends: ${Object.entries(run.postgresWaits)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
        );
    }
    hwm = server.memory()?.hwmMiB ?? NaN;
  } finally {
    await server.stop();
  }
  if (cpuProfileDir && options.profileDir)
    saveProfile(
      cpuProfileDir,
      options.profileDir,
      `${definition.name}-${database?.kind ?? 'none'}`,
      server.listenMonotonicUs,
      log,
    );
  return {
    scenario: definition.name,
    database: definition.serverMode === 'ceiling' ? null : (database?.kind ?? null),
    method: definition.method,
    path: definition.path,
    description: definition.description,
    rssIdleMiB: Math.round(rssIdle * 10) / 10,
    rssHighWaterMiB: Math.round(hwm * 10) / 10,
    machineBusyBefore: Math.round(busyBefore * 100) / 100,
    runs,
  };
}

/** Moves the child's .cpuprofile next to the results and writes its summary beside it. */
function saveProfile(from: string, to: string, name: string, listenedAtUs: number, log: (line: string) => void): void {
  const file = fs.readdirSync(from).find((f) => f.endsWith('.cpuprofile'));
  if (!file) {
    fs.rmSync(from, { recursive: true, force: true });
    log(`  (no CPU profile was written for ${name})`);
    return;
  }
  fs.mkdirSync(to, { recursive: true });
  const target = path.join(to, `${name}.cpuprofile`);
  fs.copyFileSync(path.join(from, file), target);
  fs.rmSync(from, { recursive: true, force: true });
  fs.writeFileSync(path.join(to, `${name}.txt`), summariseProfileFile(target, 40, listenedAtUs));
  log(`  profile: ${path.relative(process.cwd(), target)} (+ .txt summary)`);
}

/**
 * Recomputes every scenario's ratio against the higher of the ceiling's measurements at the same
 * number of connections (other work on the machine can only lower a measurement).
 */
export function withBestCeiling(scenarios: readonly ScenarioResult[]): ScenarioResult[] {
  const best = new Map<number, number>();
  for (const s of scenarios.filter((x) => x.scenario === 'ceiling'))
    for (const r of s.runs) best.set(r.connections, Math.max(best.get(r.connections) ?? 0, r.requestsPerSecond));
  return scenarios.map((s) =>
    s.scenario === 'ceiling'
      ? s
      : {
          ...s,
          runs: s.runs.map((r) => {
            const c = best.get(r.connections);
            return { ...r, ratioToCeiling: c ? Math.round((r.requestsPerSecond / c) * 1000) / 1000 : null };
          }),
        },
  );
}

/** One `assent serve` start under --cpu-prof (start-up only), summarised next to the other profiles. */
async function profileStartup(
  handle: BenchDatabaseHandle,
  dataDir: string,
  profileDir: string,
  log: (line: string) => void,
): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-bench-prof-'));
  try {
    const server = await spawnServer({
      mode: 'app',
      command: 'assent-serve',
      cpuProfileDir: dir,
      env: { DATABASE_URL: handle.url, DATA_DIR: dataDir },
    });
    await server.stop();
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) {
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  fs.mkdirSync(profileDir, { recursive: true });
  const target = path.join(profileDir, `cold-start-${handle.kind}.cpuprofile`);
  fs.copyFileSync(path.join(dir, file), target);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.writeFileSync(path.join(profileDir, `cold-start-${handle.kind}.txt`), summariseProfileFile(target, 40));
  log(`  profile: ${path.relative(process.cwd(), target)} (start-up of assent serve, + .txt summary)`);
}

/** The cleanups of the bench in progress, for abortBench. */
let activeCleanups: (() => Promise<void>)[] = [];

/** Runs the cleanups of the bench in progress (on SIGINT/SIGTERM), for at most `timeoutMs`. */
export async function abortBench(timeoutMs = 15_000): Promise<void> {
  killAllServers();
  const pending = activeCleanups.reverse();
  activeCleanups = [];
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    (async () => {
      for (const cleanup of pending) await cleanup().catch(() => undefined);
    })(),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}

/**
 * The whole bench: ceiling, scenarios on each database, cold start, growth. Every server child,
 * database and the embedded PostgreSQL are removed at the end, also when a step fails.
 */
/**
 * The server children run the compiled build, as `npm start` does: it is built first when dist/ is
 * not the current build of src/ (a checkout edited since `npm ci`).
 * @throws when the build fails
 */
export function ensureCompiled(log: (line: string) => void): void {
  if (compiledIsCurrent()) return;
  log('Building dist/ (npm run build): the server children run the compiled build, as npm start does…');
  const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'build.mjs'), '--strict'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status !== 0 || !compiledIsCurrent()) throw new Error('bench: the build of dist/ failed (npm run build)');
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const { log } = options;
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const notes: string[] = [];
  ensureCompiled(log);
  if (options.quietWaitSeconds.start > 0) {
    log('Waiting for a quiet machine…');
    const quiet = await waitForQuiet({ maxWaitMs: options.quietWaitSeconds.start * 1000 });
    if (!quiet.quiet)
      notes.push(
        `The machine was still ${(quiet.busy * 100).toFixed(0)} % busy with other work after waiting ${(quiet.waitedMs / 1000).toFixed(0)} s for it to quieten; the column "Other CPU" shows how much each run shared its ${os.availableParallelism()} cores.`,
      );
  }
  const load = loadAverage();
  const cleanups: (() => Promise<void>)[] = [];
  activeCleanups = cleanups;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-bench-data-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  let postgres: BenchPostgres | null = null;
  try {
    if (options.databases.includes('postgres')) {
      log('Starting PostgreSQL…');
      postgres = await startPostgres();
      const pgHandle = postgres;
      cleanups.push(() => pgHandle.stop());
      log(`  PostgreSQL ${postgres.version} (${postgres.source})`);
    }
    const machine = describeMachine(postgres?.version ?? null);
    log(
      `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, load average ${machine.loadAverageAtStart}`,
    );

    const common = {
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      dataDir,
      profileDir: options.profileDir,
      quietWaitSeconds: options.quietWaitSeconds.perScenario,
      log,
    };
    log('Ceiling');
    const ceiling: ScenarioResult = {
      ...(await runScenario({ ...common, definition: SCENARIOS.ceiling, database: null, data: null })),
      when: 'before the scenarios',
    };
    let scenarios: ScenarioResult[] = [ceiling];
    const coldStart: ColdStartResult[] = [];
    const instances: InstancesResult[] = [];
    let compiled: CompiledBuild | { unavailable: string } | undefined;
    if (options.coldStartRuns > 0 && options.compiledColdStart && cliAvailable()) {
      log('Building the compiled CLI (tsc, into a temporary folder) for its cold start…');
      compiled = buildCompiled();
      if ('entry' in compiled) {
        const build = compiled;
        cleanups.push(async () => build.remove());
        log(
          `  built in ${build.seconds} s${build.typeErrors > 0 ? ` (tsc reported ${build.typeErrors} type errors and emitted anyway)` : ''}`,
        );
        if (build.typeErrors > 0)
          notes.push(
            `The compiled build for the cold start had ${build.typeErrors} type errors (tsc emitted anyway): src/ was being changed.`,
          );
      } else {
        log(`  ${compiled.unavailable}`);
        notes.push(`No compiled cold start: ${compiled.unavailable}`);
      }
    }
    let landingDone = false;
    let focalPointTokens = 0;

    for (const kind of options.databases) {
      log(`Scenarios on ${kind}`);
      const handle = await createBenchDatabase(kind, postgres, 'http');
      cleanups.push(() => handle.drop());
      const data = await prepareScenarioDatabase(handle);
      focalPointTokens = data.focalPoints.length;
      log(
        `  prepared: ${data.focalPoints.length} focal-point tokens, open consultation ${data.openConsultationId} with ${data.textIds.length} texts`,
      );
      if (options.coldStartRuns > 0) {
        // Quick runs time only the command the target is judged on; full runs add the bench's own
        // child (the same start without the CLI) and, when built, the compiled CLI.
        const commands: { command: ServerCommand; label: string }[] = [];
        if (options.mode === 'full' || cliAvailable())
          commands.push({ command: 'assent-serve', label: 'node bin/assent.js serve' });
        if (options.mode === 'full' || !cliAvailable())
          commands.push({ command: 'server-child', label: 'bench server child' });
        if (compiled && 'entry' in compiled)
          commands.push({ command: 'assent-serve-compiled', label: 'compiled, node <build>/assent.mjs serve' });
        for (const { command, label } of commands) {
          const cold = await measureColdStart({
            handle,
            runs: options.coldStartRuns,
            command,
            dataDir,
            compiledEntry: compiled && 'entry' in compiled ? compiled.entry : undefined,
          });
          coldStart.push(cold);
          log(
            cold.unavailable
              ? `  cold start (${label}): ${cold.unavailable}`
              : `  cold start (${label}): median ${cold.medianMs} ms, runs ${cold.runsMs.join(', ')} ms`,
          );
        }
        if (options.profileDir && cliAvailable()) await profileStartup(handle, dataDir, options.profileDir, log);
      }
      for (const name of options.scenarios) {
        const definition = SCENARIOS[name];
        if (!definition.usesDatabase && landingDone) continue;
        scenarios.push(await runScenario({ ...common, definition, database: handle, data, ceiling: ceiling.runs }));
        if (!definition.usesDatabase) landingDone = true;
      }
      if (kind === 'postgres' && options.mode === 'full' && options.scenarios.includes('reply')) {
        log('Two instances against one PostgreSQL');
        instances.push(
          await measureInstances({
            handle,
            data,
            dataDir,
            connections: TARGET_CONNECTIONS,
            durationSeconds: options.durationSeconds,
            warmupSeconds: options.warmupSeconds,
            poolMax: POSTGRES_POOL_MAX,
            log,
          }),
        );
      }
    }

    if (options.mode === 'full') {
      // A quick run keeps its one ceiling: it has no time for a second.
      log('Ceiling again');
      const ceilingAfter: ScenarioResult = {
        ...(await runScenario({ ...common, definition: SCENARIOS.ceiling, database: null, data: null })),
        when: 'after the scenarios',
      };
      scenarios = withBestCeiling([...scenarios, ceilingAfter]);
    }

    const growth: GrowthResult[] = [];
    if (options.growthSizes.length > 0) {
      for (const kind of options.databases) {
        log(`Growth on ${kind}`);
        const handle = await createBenchDatabase(kind, postgres, 'growth');
        cleanups.push(() => handle.drop());
        const result = await runGrowth({ handle, sizes: options.growthSizes, runs: options.growthRuns, log });
        growth.push(result);
        log(`  log-log slope ${result.slope} (largest two sizes: ${result.lastSegmentSlope})`);
      }
    }

    for (const s of scenarios) {
      for (const run of s.runs) {
        if (run.errors > 0 || run.non2xx > 0)
          notes.push(
            `${s.scenario} (${s.database ?? 'no database'}) at ${run.connections} connections had ${run.errors} errors and ${run.non2xx} non-2xx responses.`,
          );
      }
    }
    // Other work on the machine, where it can be told apart: in runs without PostgreSQL (whose
    // backends also count as "other").
    const disturbed = scenarios
      .filter((x) => x.database !== 'postgres')
      .flatMap((x) =>
        x.runs
          .filter((r) => r.otherCpuCores >= 0.3)
          .map((r) =>
            `${x.scenario} ${x.database ?? ''} ${r.connections} conn. (${r.otherCpuCores} cores)`.replace('  ', ' '),
          ),
      );
    notes.push(
      disturbed.length === 0
        ? 'No run without PostgreSQL shared the machine with more than 0.3 core of other work.'
        : `Runs that shared the machine with ≥ 0.3 core of other work: ${disturbed.join('; ')}. Their throughput and latency are lower than the machine allows; CPU ms per request is less affected.`,
    );
    const loadAtEnd = loadAverage();
    if (!options.databases.includes('postgres')) notes.push('PostgreSQL was not part of this run.');
    let documents: DocumentBenchResult | undefined;
    if (options.documentRuns > 0) {
      log('Documents');
      documents = await runDocumentBench({ runs: options.documentRuns, log });
    }
    const targets = evaluateTargets({ scenarios, growth, coldStart, documents, instances }, options.databases);
    return {
      version: BENCH_RESULT_VERSION,
      startedAt,
      finishedAt: new Date().toISOString(),
      totalSeconds: Math.round((performance.now() - started) / 100) / 10,
      machine: { ...machine, loadAverageAtStart: load },
      settings: {
        mode: options.mode,
        durationSeconds: options.durationSeconds,
        warmupSeconds: options.warmupSeconds,
        connections: options.connections,
        databases: options.databases,
        growthSizes: options.growthSizes,
        growthRuns: options.growthRuns,
        coldStartRuns: options.coldStartRuns,
        postgresSource: postgres?.source ?? 'none',
        postgresPoolMax: POSTGRES_POOL_MAX,
        focalPointTokens,
        profiled: options.profileDir !== undefined,
        quietWaitSeconds: options.quietWaitSeconds,
      },
      scenarios,
      growth,
      coldStart,
      targets,
      ...(documents && { documents }),
      ...(instances.length > 0 && { instances }),
      notes: [...notes, `1-minute load average at the end: ${loadAtEnd}.`],
    };
  } finally {
    killAllServers();
    activeCleanups = [];
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error: unknown) => log(`cleanup failed: ${(error as Error).message}`));
  }
}
