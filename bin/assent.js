#!/usr/bin/env node
// The `assent` command. Runs the TypeScript sources through tsx so that `npm start`
// and `npx assent` need no build step; `npm run build` produces dist/ for deployments
// that prefer plain JavaScript (`node dist/cli/main.js`).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
