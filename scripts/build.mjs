#!/usr/bin/env node
// `npm run build`, and the `prepare` script that `npm ci` and `npm install` run: compiles src/ to
// dist/ with tsc (tsconfig.build.json) and writes dist/.build-stamp, the fingerprint of src/ taken
// before tsc started (scripts/compiled.mjs). bin/assent.js runs dist/ only while src/ still has
// that fingerprint, and the TypeScript sources through tsx otherwise, so a build that failed, or
// one older than the sources, is never run.
//
// The build is written beside dist/ and swapped in whole: a server running from dist/ never sees a
// half-written folder. Restart it after a build: a module it loads later (docx-builder.js, on the
// first Word file) would come from the new build.
//
//   node scripts/build.mjs            as `prepare`: a failed build is reported and the install goes on
//   node scripts/build.mjs --strict   as `npm run build`: a failed build fails (exit 1)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT as root, sourceFingerprint, stampFile } from './compiled.mjs';

const dist = path.join(root, 'dist');
const next = path.join(root, 'dist.next');
const strict = process.argv.includes('--strict');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** Gives up: an earlier build is no longer current, so nothing of it is run (bin/assent.js uses tsx). */
function fail(message) {
  fs.rmSync(next, { recursive: true, force: true });
  fs.rmSync(stampFile(), { force: true });
  console.error(`build: ${message}; \`assent\` will run the TypeScript sources through tsx`);
  process.exit(strict ? 1 : 0);
}

if (!fs.existsSync(tsc)) fail('TypeScript is not installed (an install without dev dependencies)');
const started = Date.now();
const fingerprint = sourceFingerprint();
fs.rmSync(next, { recursive: true, force: true });
const run = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', next], {
  cwd: root,
  stdio: 'inherit',
});
if (run.status !== 0) fail(`tsc failed (exit ${run.status})`);
fs.writeFileSync(path.join(next, '.build-stamp'), `${fingerprint}\n`);
// Swapped in whole: the old build out of the way first, then the new one in its place.
const old = path.join(root, 'dist.old');
fs.rmSync(old, { recursive: true, force: true });
if (fs.existsSync(dist)) fs.renameSync(dist, old);
fs.renameSync(next, dist);
fs.rmSync(old, { recursive: true, force: true });
const current = sourceFingerprint() === fingerprint;
console.error(
  `build: dist/ compiled in ${((Date.now() - started) / 1000).toFixed(1)} s${current ? '' : ' (src/ changed during the build: run it again; until then `assent` runs the sources through tsx)'}`,
);
