import fs from 'node:fs';
import { expect, it } from 'vitest';
import { renderOpenApi } from '../../scripts/openapi.js';

it('the committed docs/openapi.json is what the routes produce (run npm run openapi:write after an API change)', async () => {
  const committed = fs.readFileSync('docs/openapi.json', 'utf8');
  expect(committed).toBe(await renderOpenApi());
});
