import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_DIR } from './server-process.js';

/**
 * The compiled build, for the cold start of `node dist/cli/main.js`-style deployments: what
 * `npm run build` produces (tsc -p tsconfig.build.json), but written to <tmp>/dist so that the
 * checkout's dist/ is never touched. <tmp> mirrors the checkout with links to its top-level
 * entries (node_modules, public, package.json…), so paths the code resolves relative to its own
 * file (`../../../public/…`) land where they would in dist/; a runner does what bin/assent.js
 * does, without tsx.
 */
export interface CompiledBuild {
  /** The runner: `node <entry> serve` is `assent serve` on plain JavaScript. */
  readonly entry: string;
  readonly seconds: number;
  /** tsc's diagnostics, when it reported type errors (it emits anyway). */
  readonly typeErrors: number;
  remove(): void;
}

/** Builds into a temporary folder; null (with the reason) when nothing runnable was emitted. */
export function buildCompiled(): CompiledBuild | { unavailable: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-bench-build-'));
  const dir = path.join(root, 'dist');
  const started = Date.now();
  const tsc = path.join(PROJECT_DIR, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(
    process.execPath,
    [
      tsc,
      '-p',
      path.join(PROJECT_DIR, 'tsconfig.build.json'),
      '--outDir',
      dir,
      '--noEmit',
      'false',
      '--incremental',
      'false',
    ],
    {
      cwd: PROJECT_DIR,
      encoding: 'utf8',
      timeout: 180_000,
    },
  );
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  const main = path.join(dir, 'cli', 'main.js');
  if (!fs.existsSync(main)) {
    fs.rmSync(root, { recursive: true, force: true });
    return {
      unavailable: `tsc emitted no cli/main.js (exit ${run.status}): ${(run.stdout + run.stderr).trim().split('\n')[0] ?? ''}`,
    };
  }
  for (const entry of fs.readdirSync(PROJECT_DIR)) {
    if (entry === 'dist' || entry.startsWith('.')) continue;
    fs.symlinkSync(path.join(PROJECT_DIR, entry), path.join(root, entry));
  }
  const entry = path.join(root, 'assent-compiled.mjs');
  fs.writeFileSync(
    entry,
    "const { main } = await import('./dist/cli/main.js');\nprocess.exitCode = await main(process.argv);\n",
  );
  const typeErrors = (run.stdout.match(/error TS\d+/g) ?? []).length;
  return { entry, seconds, typeErrors, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
