import { buildApp } from '../src/http/app.js';
import { openDatabase } from '../src/db/connect.js';
import { systemClock } from '../src/domain/time/clock.js';
import { serviceContext } from '../src/services/service-context.js';

/** Object keys sorted recursively, so the committed document diffs cleanly (Immich's sortKeys). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value as Record<string, unknown>)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/** The OpenAPI document of the API as committed in docs/openapi.json (no database is touched). */
export async function renderOpenApi(): Promise<string> {
  const db = openDatabase({ kind: 'sqlite', file: ':memory:' });
  try {
    const app = await buildApp({ ctx: serviceContext(db, systemClock), logger: false });
    const document = sortKeys(app.swagger());
    await app.close();
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    await db.destroy();
  }
}
