#!/usr/bin/env node
// The `assent` command. Runs the TypeScript sources through tsx so that `npm start`
// and `npx assent` need no build step; `npm run build` produces dist/ for deployments
// that prefer plain JavaScript (`node dist/cli/main.js`).
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The project's own tsconfig (JSX for preact, module settings), wherever the command is run from:
// tsx would otherwise look in the current directory.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
