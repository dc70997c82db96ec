import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCompiled, runScenario } from '../../bench/bench.js';
import { createBenchDatabase, type BenchDatabaseHandle } from '../../bench/bench-databases.js';
import type { GrowthResult, LoadRun, ScenarioResult } from '../../bench/bench-result.js';
import { runGrowth } from '../../bench/growth.js';
import { renderGrowthSvg } from '../../bench/growth-svg.js';
import { renderReport } from '../../bench/report.js';
import { prepareScenarioDatabase, type ScenarioData } from '../../bench/scenario-data.js';
import { SCENARIOS } from '../../bench/scenarios.js';
import { liveServerCount } from '../../bench/server-process.js';
import { evaluateTargets } from '../../bench/targets.js';
import { openDatabase } from '../../src/db/connect.js';

/**
 * Smoke test of the benchmark's pieces (issue #7), run programmatically on SQLite: the ceiling
 * and the reply scenario for about a second each at 16 connections, and the growth measurement
 * at 10^3 positions. It checks the shape of what the bench writes and that no request failed;
 * it asserts no timing (this is not a performance test).
 */

const CONNECTIONS = [16];

function expectLoadRunShape(run: LoadRun): void {
  expect(run).toMatchObject({
    connections: 16,
    durationSeconds: expect.any(Number),
    requests: expect.any(Number),
    requestsPerSecond: expect.any(Number),
    latencyMs: {
      mean: expect.any(Number),
      p50: expect.any(Number),
      p90: expect.any(Number),
      p99: expect.any(Number),
      max: expect.any(Number),
    },
    statusCodes: expect.any(Object),
    failureSamples: expect.any(Array),
    rssPeakMiB: expect.any(Number),
  });
  expect(run.requests).toBeGreaterThan(0);
  expect({
    errors: run.errors,
    timeouts: run.timeouts,
    non2xx: run.non2xx,
    failureSamples: run.failureSamples,
  }).toEqual({ errors: 0, timeouts: 0, non2xx: 0, failureSamples: [] });
}

describe('npm run bench (quick pieces, SQLite)', () => {
  let handle: BenchDatabaseHandle;
  let growthHandle: BenchDatabaseHandle;
  let data: ScenarioData;
  let dataDir: string;
  let ceiling: ScenarioResult;
  let reply: ScenarioResult;
  let growth: GrowthResult;

  beforeAll(async () => {
    // The server children run dist/, as npm start does: rebuild it when src/ changed since npm ci.
    ensureCompiled(() => undefined);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-bench-test-'));
    handle = await createBenchDatabase('sqlite', null, 'test-http');
    growthHandle = await createBenchDatabase('sqlite', null, 'test-growth');
    data = await prepareScenarioDatabase(handle);
    const common = { connections: CONNECTIONS, durationSeconds: 1, warmupSeconds: 0, dataDir };
    ceiling = await runScenario({ ...common, definition: SCENARIOS.ceiling, database: null, data: null });
    reply = await runScenario({
      ...common,
      definition: SCENARIOS.reply,
      database: handle,
      data,
      ceiling: ceiling.runs,
    });
    growth = await runGrowth({ handle: growthHandle, sizes: [1000], runs: 2 });
  }, 90_000);

  afterAll(async () => {
    await handle?.drop();
    await growthHandle?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prepares one focal-point token per State that may reply and an open six-text consultation', () => {
    expect(data.focalPoints.length).toBeGreaterThanOrEqual(190);
    expect(new Set(data.focalPoints.map((f) => f.memberState)).size).toBe(data.focalPoints.length);
    expect(data.textIds).toHaveLength(6);
  });

  it('loads the ceiling without a single failed request', () => {
    expect(ceiling).toMatchObject({
      scenario: 'ceiling',
      database: null,
      method: 'GET',
      rssIdleMiB: expect.any(Number),
    });
    expect(ceiling.runs).toHaveLength(1);
    expectLoadRunShape(ceiling.runs[0]!);
    expect(ceiling.runs[0]!.ratioToCeiling).toBeNull();
  });

  it('submits and amends replies for rotating States with every request answered 200 or 201', async () => {
    expect(reply).toMatchObject({ scenario: 'reply', database: 'sqlite', method: 'PUT' });
    const run = reply.runs[0]!;
    expectLoadRunShape(run);
    expect(Object.keys(run.statusCodes).every((code) => code === '200' || code === '201')).toBe(true);
    expect(run.ratioToCeiling).toEqual(expect.any(Number));
    // The load really wrote: versions of several States, each with an audit row.
    const db = openDatabase(handle.target);
    try {
      const versions = await db
        .selectFrom('reply_version')
        .select(['member_state'])
        .where('consultation_id', '=', data.openConsultationId)
        .execute();
      // One audit row per version, whatever its action (first submission or amendment): its subject names the version.
      const audits = await db
        .selectFrom('audit_event')
        .select('seq')
        .where('consultation_id', '=', data.openConsultationId)
        .where('subject', 'like', `reply:${data.openConsultationId}/%`)
        .execute();
      expect(versions.length).toBeGreaterThan(0);
      expect(new Set(versions.map((v) => v.member_state)).size).toBeGreaterThan(1);
      expect(audits).toHaveLength(versions.length);
    } finally {
      await db.destroy();
    }
  });

  it('leaves no server child running', () => {
    expect(liveServerCount()).toBe(0);
  });

  it('times the results computation at 10^3 positions and records the plan', () => {
    expect(growth.database).toBe('sqlite');
    expect(growth.points).toHaveLength(1);
    expect(growth.points[0]).toMatchObject({
      positions: 1000,
      texts: 100,
      respondents: 10,
      medianMs: expect.any(Number),
      aggregateMedianMs: expect.any(Number),
    });
    expect(growth.points[0]!.storedPositions).toBeGreaterThan(1000);
    expect(growth.points[0]!.runsMs).toHaveLength(2);
    expect(growth.plan.join('\n')).toMatch(/reply/);
  });

  it('turns the figures into targets, a report and a chart', () => {
    const result = {
      version: 1 as const,
      startedAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
      totalSeconds: 1,
      machine: {
        cpuModel: 'test',
        cores: 2,
        memoryGiB: 1,
        os: 'test',
        node: process.version,
        sqlite: 'test',
        postgres: null,
        fastify: 'test',
        autocannon: 'test',
        loadAverageAtStart: 0,
      },
      settings: {
        mode: 'quick' as const,
        durationSeconds: 1,
        warmupSeconds: 0,
        connections: CONNECTIONS,
        databases: ['sqlite' as const],
        growthSizes: [1000],
        growthRuns: 2,
        coldStartRuns: 0,
        postgresSource: 'none' as const,
        postgresPoolMax: 10,
        focalPointTokens: data.focalPoints.length,
        profiled: false,
        quietWaitSeconds: { start: 0, perScenario: 0 },
      },
      scenarios: [ceiling, reply],
      growth: [growth],
      coldStart: [],
      targets: evaluateTargets({ scenarios: [ceiling, reply], growth: [growth], coldStart: [] }, ['sqlite']),
      notes: [],
    };
    expect(result.targets.find((t) => t.id === 'reply-errors-sqlite')).toBeDefined();
    expect(JSON.parse(JSON.stringify(result))).toMatchObject({
      scenarios: [{ scenario: 'ceiling' }, { scenario: 'reply' }],
    });
    expect(renderReport(result, { resultFile: 'x.json', svgFile: 'x.svg', findings: '' })).toContain('## Targets');
    expect(renderGrowthSvg(result)).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
  });
});
