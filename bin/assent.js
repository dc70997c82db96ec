#!/usr/bin/env node
// The `assent` command. Runs the compiled JavaScript in dist/ when it is current (built by
// `npm ci` through the `prepare` script, or `npm run build`), and the TypeScript sources through
// tsx otherwise: a checkout being edited, or an install that ran no scripts. Current means src/
// still has the fingerprint the build recorded (scripts/compiled.mjs), so neither `npm start` nor
// `npx assent` ever runs code older than the sources. Plain node starts in about half the time
// tsx needs.
import fs from 'node:fs';
import path from 'node:path';
import { compiledIsCurrent, PROJECT_ROOT } from '../scripts/compiled.mjs';

let main;
if (compiledIsCurrent()) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  // A server started from the sources although a build exists says so once: it starts slower.
  if (process.argv[2] === 'serve' && fs.existsSync(path.join(PROJECT_ROOT, 'dist')))
    process.stderr.write(
      'assent: dist/ is not the build of the current sources; running them through tsx (npm run build)\n',
    );
  // The project's own tsconfig (JSX for preact, module settings), wherever the command is run
  // from: tsx would otherwise look in the current directory.
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: path.join(PROJECT_ROOT, 'tsconfig.json') });
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
