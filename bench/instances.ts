import type { BenchDatabaseHandle } from './bench-databases.js';
import type { InstancesResult } from './bench-result.js';
import { requestPlan, runLoad } from './load-run.js';
import type { ScenarioData } from './scenario-data.js';
import { SCENARIOS } from './scenarios.js';
import { spawnServer } from './server-process.js';

/**
 * Reply submission by one instance and by two instances against the same PostgreSQL, at the same
 * number of connections in all (issue #17: "two instances against one PostgreSQL deliver more than
 * one (measure it)"). Both children start first; one instance is loaded alone with every
 * connection, then each takes half the connections and half the States at once (so the two never
 * write the same State's reply). Each child has its own pool of `poolMax` connections, as each
 * instance of a deployment would.
 */
export async function measureInstances(options: {
  readonly handle: BenchDatabaseHandle;
  readonly data: ScenarioData;
  readonly dataDir: string;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly poolMax: number;
  readonly log: (line: string) => void;
}): Promise<InstancesResult> {
  const { handle, data, connections, durationSeconds } = options;
  const env = { DATA_DIR: options.dataDir, DATABASE_URL: handle.url, DATABASE_POOL_MAX: String(options.poolMax) };
  const servers = [await spawnServer({ mode: 'app', env }), await spawnServer({ mode: 'app', env })] as const;
  try {
    const halves = [0, 1].map((half) => ({
      ...data,
      focalPoints: data.focalPoints.filter((_, i) => i % 2 === half),
    }));
    const plan = (part: ScenarioData) => requestPlan(() => SCENARIOS.reply.requests(part));
    if (options.warmupSeconds > 0)
      await Promise.all(
        servers.map((server, i) =>
          runLoad({
            server,
            connections: connections / 2,
            durationSeconds: options.warmupSeconds,
            plan: plan(halves[i]!),
          }),
        ),
      );
    const one = await runLoad({
      server: servers[0],
      connections,
      durationSeconds,
      plan: plan(data),
      postgresUrl: handle.url,
    });
    const two = await Promise.all(
      servers.map((server, i) =>
        runLoad({
          server,
          connections: connections / 2,
          durationSeconds,
          plan: plan(halves[i]!),
          postgresUrl: i === 0 ? handle.url : undefined,
        }),
      ),
    );
    const sum = Math.round(two.reduce((total, run) => total + run.requestsPerSecond, 0) * 10) / 10;
    const errors = two.reduce((total, run) => total + run.errors + run.non2xx, 0) + one.errors + one.non2xx;
    options.log(
      `  one instance, ${connections} conn: ${one.requestsPerSecond.toFixed(0)} req/s (p99 ${one.latencyMs.p99} ms); ` +
        `two instances, ${connections / 2} conn each: ${sum.toFixed(0)} req/s (${two.map((r) => r.requestsPerSecond.toFixed(0)).join(' + ')}; p99 ${two.map((r) => r.latencyMs.p99).join(' / ')} ms); errors and non-2xx ${errors}`,
    );
    if (one.postgresWaits)
      options.log(
        `    PostgreSQL backends, one instance: ${Object.entries(one.postgresWaits)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
    return {
      database: 'postgres',
      connections,
      oneInstance: {
        requestsPerSecond: one.requestsPerSecond,
        p99Ms: one.latencyMs.p99,
        waits: one.postgresWaits ?? null,
      },
      twoInstances: {
        requestsPerSecond: sum,
        perInstance: two.map((run) => run.requestsPerSecond),
        p99Ms: two.map((run) => run.latencyMs.p99),
        waits: two[0]?.postgresWaits ?? null,
      },
      errors,
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}
