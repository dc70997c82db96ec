/**
 * EXPERIMENT ONLY — loaded into a server child by bench/experiments/run-experiments.ts, never by
 * `npm run bench`. Monkey-patches, in the process that imports it, what the CPU profiles point
 * at, so that the effect of a fix can be measured without touching src/:
 *
 * - `statement-cache`: Kysely's SqliteConnection calls `db.prepare(sql)` for every query (no
 *   statement cache). The patch caches prepared statements by SQL text per better-sqlite3 Database.
 * - `intl-cache`: deadlineText (consultation.presenter.ts) builds a new Intl.DateTimeFormat on
 *   every call. The patch makes the constructor return a cached formatter per arguments.
 */
import SQLite from 'better-sqlite3';

const wanted = new Set(
  (process.env.BENCH_EXPERIMENT ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

if (wanted.has('statement-cache')) {
  const prepare = SQLite.prototype.prepare;
  const caches = new WeakMap<object, Map<string, SQLite.Statement>>();
  SQLite.prototype.prepare = function (this: SQLite.Database, source: string) {
    let cache = caches.get(this);
    if (!cache) {
      cache = new Map();
      caches.set(this, cache);
    }
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare.call(this, source) as SQLite.Statement;
      if (cache.size >= 500) cache.delete(cache.keys().next().value!);
      cache.set(source, statement);
    }
    return statement;
  } as typeof SQLite.prototype.prepare;
}

if (wanted.has('intl-cache')) {
  // deadlineText builds an Intl.DateTimeFormat per call; this caches formatters by their arguments.
  const Original = Intl.DateTimeFormat;
  const cache = new Map<string, Intl.DateTimeFormat>();
  const Cached = function (this: unknown, locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
    const key = JSON.stringify([locales, options]);
    let f = cache.get(key);
    if (!f) {
      f = new Original(locales, options);
      cache.set(key, f);
    }
    return f;
  } as unknown as typeof Intl.DateTimeFormat;
  Object.assign(Cached, Original);
  Object.defineProperty(Cached, 'prototype', { value: Original.prototype });
  Intl.DateTimeFormat = Cached;
}

export const appliedExperiments = [...wanted];
