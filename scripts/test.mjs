#!/usr/bin/env node
// Runs the whole test suite (vitest, every layer, on SQLite and PostgreSQL; or the layers named
// with --project) and prints its duration, then closes with one
// plain line "N passed, N failed[, N skipped]" that CI reads. Exit code: vitest's.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const started = process.hrtime.bigint();
const results = path.resolve('.vitest-results.json');
fs.rmSync(results, { force: true });
const run = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${results}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', env: process.env },
);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(fs.readFileSync(results, 'utf8'));
  passed = report.numPassedTests ?? 0;
  // Failed tests, plus files that failed before any test ran (an import error, a failing hook).
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && (file.assertionResults ?? []).every((t) => t.status !== 'failed'),
  ).length;
  failed = (report.numFailedTests ?? 0) + brokenFiles;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
} catch {
  failed = Math.max(failed, 1);
  console.error('test: no vitest report was written; counting the run as failed');
}
if (run.status !== 0 && failed === 0) failed = 1;
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`test: the run took ${seconds.toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
// A counted failure fails the run even if vitest's own exit status says otherwise.
process.exit(failed > 0 ? 1 : (run.status ?? 1));
