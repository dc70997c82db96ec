#!/usr/bin/env node
// The `assent` command. Runs the compiled JavaScript in dist/ when it is up to date (built by
// `npm ci` through the `prepare` script, or `npm run build`), and the TypeScript sources through
// tsx otherwise: a checkout being edited, or an install that ran no scripts. Up to date means
// dist/.build-stamp is newer than every file under src/, so neither `npm start` nor `npx assent`
// ever runs code older than the sources. Plain node starts in about half the time tsx needs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The newest modification time of the files under `dir`, in ms. */
function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newest(file) : fs.statSync(file).mtimeMs;
    if (time > latest) latest = time;
  }
  return latest;
}

function compiledIsCurrent() {
  try {
    return fs.statSync(path.join(root, 'dist', '.build-stamp')).mtimeMs >= newest(path.join(root, 'src'));
  } catch {
    return false;
  }
}

let main;
if (compiledIsCurrent()) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  // The project's own tsconfig (JSX for preact, module settings), wherever the command is run
  // from: tsx would otherwise look in the current directory.
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: path.join(root, 'tsconfig.json') });
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
