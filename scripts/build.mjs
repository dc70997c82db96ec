#!/usr/bin/env node
// `npm run build`, and the `prepare` script that `npm ci` and `npm install` run: compiles src/ to
// dist/ with tsc (tsconfig.build.json), then writes dist/.build-stamp. bin/assent.js runs dist/
// only while the stamp is newer than every file under src/, and the TypeScript sources through tsx
// otherwise, so a build that fails, or one older than an edit, is never run.
//
//   node scripts/build.mjs            as `prepare`: a failed build is reported and the install goes on
//   node scripts/build.mjs --strict   as `npm run build`: a failed build fails (exit 1)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
const strict = process.argv.includes('--strict');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

if (!fs.existsSync(tsc)) {
  // An install without dev dependencies (npm ci --omit=dev): the sources run through tsx.
  console.error('build: TypeScript is not installed; `assent` will run the sources through tsx');
  process.exit(strict ? 1 : 0);
}
const started = Date.now();
// From scratch: nothing of an earlier build (a file since renamed) is left to be imported.
fs.rmSync(dist, { recursive: true, force: true });
const run = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
  cwd: root,
  stdio: 'inherit',
});
if (run.status !== 0) {
  fs.rmSync(dist, { recursive: true, force: true });
  console.error(`build: tsc failed (exit ${run.status}); \`assent\` will run the TypeScript sources through tsx`);
  process.exit(strict ? 1 : 0);
}
fs.writeFileSync(path.join(dist, '.build-stamp'), `${new Date().toISOString()}\n`);
console.error(`build: dist/ compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
