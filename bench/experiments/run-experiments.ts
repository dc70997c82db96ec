/**
 * EXPERIMENT: what the fixes proposed in docs/benchmarks.md would change, measured with the
 * bench's own machinery on SQLite, by patching the server child at start
 * (bench/experiments/sqlite-driver-patches.ts) instead of editing src/.
 *
 *   npx tsx bench/experiments/run-experiments.ts [--duration 4] [--connections 64]
 *
 * Writes bench/results/experiments-<date>.json and prints a Markdown table. Not part of
 * `npm run bench`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runScenario } from '../bench.js';
import { createBenchDatabase } from '../bench-databases.js';
import type { ScenarioResult } from '../bench-result.js';
import { prepareScenarioDatabase } from '../scenario-data.js';
import { SCENARIOS } from '../scenarios.js';
import { killAllServers, PROJECT_DIR } from '../server-process.js';

const VARIANTS: { name: string; patches: string[]; nodeFlags?: string[] }[] = [
  { name: 'as shipped', patches: [] },
  { name: 'statement cache', patches: ['statement-cache'] },
  { name: 'cached Intl formatter', patches: ['intl-cache'] },
  { name: 'both', patches: ['statement-cache', 'intl-cache'] },
  { name: 'heap capped (--max-old-space-size=128)', patches: [], nodeFlags: ['--max-old-space-size=128'] },
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { duration: { type: 'string', default: '4' }, connections: { type: 'string', default: '64' } },
  });
  const durationSeconds = Number(values.duration);
  const connections = values.connections.split(',').map(Number);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-bench-exp-'));
  try {
    await runVariants(durationSeconds, connections, dataDir);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runVariants(durationSeconds: number, connections: number[], dataDir: string): Promise<void> {
  const ceiling = await runScenario({
    definition: SCENARIOS.ceiling,
    database: null,
    data: null,
    connections,
    durationSeconds,
    warmupSeconds: 1,
    dataDir,
    quietWaitSeconds: 10,
  });
  const rows: { variant: string; result: ScenarioResult }[] = [];
  for (const variant of VARIANTS) {
    // A fresh database per variant, so the reply scenario starts from the same state each time.
    const handle = await createBenchDatabase('sqlite', null, 'exp');
    try {
      const data = await prepareScenarioDatabase(handle);
      for (const name of ['consultation', 'results', 'reply'] as const) {
        const result = await runScenario({
          definition: SCENARIOS[name],
          database: handle,
          data,
          connections,
          durationSeconds,
          warmupSeconds: 1,
          ceiling: ceiling.runs,
          dataDir,
          experiment: variant.patches,
          nodeFlags: variant.nodeFlags,
          quietWaitSeconds: 10,
        });
        rows.push({ variant: variant.name, result });
        for (const r of result.runs)
          process.stdout.write(
            `${variant.name.padEnd(22)} ${name.padEnd(12)} ${String(r.connections).padStart(3)}: ${r.requestsPerSecond} req/s, ${r.serverCpuMsPerRequest} ms CPU/req, p50 ${r.latencyMs.p50} p99 ${r.latencyMs.p99} (established ${r.latencyEstablishedMs.p99}) max ${r.latencyMs.max} ms, errors ${r.errors}/${r.non2xx}, RSS ${r.rssPeakMiB} MiB, other CPU ${r.otherCpuCores}\n`,
          );
      }
    } finally {
      await handle.drop();
    }
  }
  const file = path.join(PROJECT_DIR, 'bench', 'results', `experiments-${new Date().toISOString().slice(0, 10)}.json`);
  fs.writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), durationSeconds, connections, ceiling, rows }, null, 2)}\n`,
  );
  process.stdout.write(
    `\n| Variant | Scenario | Conn. | req/s | Server CPU ms/req | p50 ms | p99 ms (established) | RSS peak MiB | Other CPU |\n|---|---|---|---|---|---|---|---|---|\n`,
  );
  for (const { variant, result } of rows)
    for (const r of result.runs)
      process.stdout.write(
        `| ${variant} | ${result.scenario} | ${r.connections} | ${r.requestsPerSecond} | ${r.serverCpuMsPerRequest} | ${r.latencyMs.p50} | ${r.latencyEstablishedMs.p99} | ${r.rssPeakMiB} | ${r.otherCpuCores} |\n`,
      );
  process.stdout.write(`\nWrote ${path.relative(PROJECT_DIR, file)}\n`);
}

main().catch((error: unknown) => {
  killAllServers();
  process.stderr.write(
    `experiments failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
