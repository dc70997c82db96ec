import { defineConfig } from 'vitest/config';

/**
 * Three layers (docs/architecture.md, "Tests"):
 * - unit: pure domain rules and in-memory code next to their source; no database server, no browser;
 * - integration: services, API, pages, jobs, CLI and documents on SQLite and an embedded PostgreSQL;
 * - browser: the pages in a real Chromium with axe-core.
 * `npm run test:unit` runs the first alone; `npm test` runs all three. A project's global setup
 * runs only when that project has files to run, so one pure file starts neither PostgreSQL nor Chromium.
 */
export default defineConfig({
  test: {
    // Storage tests create one PostgreSQL database per file; two workers fit the 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**'],
          globalSetup: ['test/setup/postgres.global.ts', 'test/setup/chromium.global.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // The browser journeys run on SQLite servers: no PostgreSQL is started for them.
          globalSetup: ['test/setup/chromium.global.ts'],
        },
      },
    ],
  },
});
