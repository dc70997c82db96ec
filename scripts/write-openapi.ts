// Writes docs/openapi.json from the routes' schemas (npm run openapi:write). CI fails when the
// committed file differs from what the code produces (test/docs/openapi-committed.test.ts).
import fs from 'node:fs';
import { renderOpenApi } from './openapi.js';

fs.writeFileSync('docs/openapi.json', await renderOpenApi());
console.log('wrote docs/openapi.json');
