/**
 * The layer rules of docs/architecture.md, checked in CI (npm run check:layers).
 * http/ and cli/ → services/ → repositories/ → db/; domain/ is pure and everyone may use it.
 * Each rule says which direction it forbids and why; a new exception is a design change, not a config change.
 */
const layer = (name) => `^src/${name}/`;

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module cycle makes load order matter and layers meaningless.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ holds pure rules: no I/O, no framework, no other layer.',
      from: { path: layer('domain') },
      to: {
        path: [
          '^src/(db|repositories|services|http|cli|presenters|documents|mail|platform|procedures)/',
          '^src/(config|app-context)\\.ts$',
          '^(node:)?(fs|net|http|https|child_process|worker_threads|dgram|dns|tls)(/|$)',
          '^node_modules/(kysely|better-sqlite3|pg|fastify|nodemailer|playwright-core)/',
        ],
      },
    },
    {
      name: 'procedures-are-pure',
      severity: 'error',
      comment: 'A procedure module is rules and data (docs/procedures.md): it uses domain/ only, never storage, HTTP or I/O.',
      from: { path: layer('procedures') },
      to: {
        path: [
          '^src/(db|repositories|services|http|cli|presenters|documents|mail|platform)/',
          '^src/(config|app-context)\\.ts$',
          '^(node:)?(fs|net|http|https|child_process|worker_threads|dgram|dns|tls)(/|$)',
          '^node_modules/(kysely|better-sqlite3|pg|fastify|nodemailer|playwright-core)/',
        ],
      },
    },
    {
      name: 'procedure-modules-behind-the-registry',
      severity: 'error',
      comment: 'The core reaches a procedure through src/procedures/registry.ts only, so a procedure is one self-contained module.',
      from: { path: '^src/', pathNot: ['^src/procedures/'] },
      to: { path: '^src/procedures/[^/]+/' },
    },
    {
      name: 'only-repositories-and-db-use-kysely',
      severity: 'error',
      comment: 'Repositories are the only code that builds SQL (db/ sets the dialects and migrations up).',
      from: { pathNot: ['^src/(repositories|db)/', '^src/[^/]+\\.ts$'] },
      to: { path: '^node_modules/(kysely|better-sqlite3|pg)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'repositories-below-services',
      severity: 'error',
      comment: 'Repositories take an executor and return rows; they never call up into use-cases or the edges.',
      from: { path: layer('repositories') },
      to: { path: '^src/(services|http|cli|presenters|documents|mail)/' },
    },
    {
      name: 'db-below-services',
      severity: 'error',
      comment: 'db/ is set-up, migrations and seed data; it calls no use-case (the demo seed lives in services/).',
      from: { path: layer('db') },
      to: { path: '^src/(services|http|cli)/' },
    },
    {
      name: 'services-below-edges',
      severity: 'error',
      comment: 'Use-cases know nothing of HTTP or the command line.',
      from: { path: layer('services') },
      to: { path: '^src/(http|cli|presenters)/' },
    },
    {
      name: 'edges-through-services',
      severity: 'error',
      comment: 'The API, the pages, the CLI and the views they share call services; they never reach repositories or SQL.',
      from: { path: '^src/(http|cli|presenters)/' },
      to: { path: '^src/(repositories|db/migrations)/' },
    },
    {
      name: 'cli-not-through-http',
      severity: 'error',
      comment: 'The CLI calls the same services as the API, not the API itself (shared views belong below both).',
      from: { path: layer('cli') },
      to: { path: '^src/http/' , pathNot: '^src/http/(server|app)\\.ts$' },
    },
    {
      name: 'documents-are-rendering',
      severity: 'error',
      comment: 'documents/ turns content models into DOCX and PDF; reading and storing records is services/documents/.',
      from: { path: layer('documents') },
      to: { path: '^src/(repositories|services|http|cli)/' },
    },
    {
      name: 'api-and-pages-apart',
      severity: 'error',
      comment: 'The JSON API and the pages are siblings: neither imports the other.',
      from: { path: '^src/http/api/' },
      to: { path: '^src/http/web/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    // dist/ is the compiled copy of src/ (bin/assent.js runs it when current): checked as src/.
    exclude: { path: ['\\.test\\.ts$', '^dist/'] },
  },
};
