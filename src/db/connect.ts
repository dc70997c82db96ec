import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
} from 'kysely';
import { createRequire } from 'node:module';
import type PG from 'pg';
import { ensurePrivateDir, ensurePrivateFile, tightenPrivateFile } from '../platform/private-files.js';
import type { DB } from './database.js';
import { MIGRATIONS, migrations, type MigrationOptions } from './migrations/index.js';

/** Where the data lives: an embedded SQLite file, or a PostgreSQL server. */
export type DatabaseTarget =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolMax: number };

/**
 * Reads `DATABASE_URL`: `postgres://…`/`postgresql://…` selects PostgreSQL; `sqlite:PATH`
 * (or `sqlite::memory:`) selects SQLite; unset means `sqlite:<dataDir>/assent.db`.
 * Throws a message naming the variable when the value is neither.
 */
export function parseDatabaseUrl(value: string | undefined, dataDir: string, poolMax = 10): DatabaseTarget {
  if (value === undefined || value.trim() === '') return { kind: 'sqlite', file: path.join(dataDir, 'assent.db') };
  const trimmed = value.trim();
  if (trimmed.startsWith('sqlite:')) {
    const file = trimmed.slice('sqlite:'.length);
    if (file === '') throw new Error('DATABASE_URL: "sqlite:" needs a file path, e.g. sqlite:./data/assent.db');
    return { kind: 'sqlite', file };
  }
  if (/^postgres(ql)?:\/\//.test(trimmed)) {
    try {
      const url = new URL(trimmed);
      if (url.hostname === '' && !url.searchParams.has('host')) throw new Error('no host');
    } catch {
      throw new Error(
        'DATABASE_URL is not a valid PostgreSQL URL (expected postgres://user:password@host:port/database)',
      );
    }
    return { kind: 'postgres', url: trimmed, poolMax };
  }
  throw new Error(
    'DATABASE_URL must start with postgres://, postgresql:// or sqlite: (for example sqlite:./data/assent.db)',
  );
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE: the write lock is taken at the start, so a
 * second process (the CLI beside the server) waits on busy_timeout instead of failing when a
 * deferred read transaction tries to upgrade to a write.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * Kysely's SQLite driver prepares every statement anew; preparing was a tenth of the CPU time of
 * a read request. Prepared statements are reused by SQL text (bounded). Reuse is safe: Kysely
 * runs one statement at a time on its single connection.
 */
function withStatementCache(database: SQLite.Database, limit = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = database.prepare(sql);
        if (cache.size >= limit) cache.delete(cache.keys().next().value!);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * How long a read of SQLite's `data_version` (commits by other connections: the CLI beside the
 * server) is reused. Reading it costs microseconds, a fifth of a public answer served from memory;
 * `total_changes()` (this connection's own writes) is read every time and costs nothing. So a
 * commit by this process is seen by the next request, and one by another process within this long.
 */
export const SQLITE_OTHER_WRITERS_CHECK_MS = 20;

function sqliteTokenReader(database: SQLite.Database): () => string {
  const dataVersion = database.prepare('pragma data_version').pluck();
  const totalChanges = database.prepare('select total_changes()').pluck();
  let version = 0;
  let readAt = Number.NEGATIVE_INFINITY;
  return () => {
    const now = performance.now();
    if (now - readAt >= SQLITE_OTHER_WRITERS_CHECK_MS) {
      version = dataVersion.get() as number;
      readAt = now;
    }
    return `${version}:${totalChanges.get() as number}`;
  };
}

/** The SQLite databases this process opened, with a synchronous reader of their change token. */
const sqliteChangeTokens = new WeakMap<Kysely<DB>, () => string>();

/**
 * The change token of a SQLite database opened here, read synchronously on its connection
 * (repositories/change-token.repository.ts says what it is); undefined for PostgreSQL, or for an
 * executor that is a transaction. It needs no lock: better-sqlite3 calls run to completion, and a
 * token read while a transaction is open counts that transaction's changes already, so an answer
 * rendered after the transaction ends is never stored under a token older than its data.
 */
export function sqliteChangeToken(db: Kysely<DB>): (() => string) | undefined {
  return sqliteChangeTokens.get(db);
}

let pgModule: typeof PG | undefined;

/**
 * The PostgreSQL driver, loaded when a PostgreSQL database is first opened (an embedded SQLite
 * installation never loads it: 60 ms and 15 MiB at start). int8 (bigint, bigserial, count(*))
 * comes back as a JavaScript number: epoch milliseconds and counts fit in 2^53, and both dialects
 * then return the same types.
 */
function postgresDriver(): typeof PG {
  if (!pgModule) {
    pgModule = createRequire(import.meta.url)('pg') as typeof PG;
    pgModule.types.setTypeParser(20, (value) => Number(value));
  }
  return pgModule;
}

/** Opens the database (creating the SQLite file and its folder when needed). */
export function openDatabase(target: DatabaseTarget): Kysely<DB> {
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') {
      // The file holds sessions, encrypted authenticator keys and every reply: 0600, created so
      // before SQLite opens it (its WAL and shared-memory files take the database file's mode).
      const file = path.resolve(target.file);
      ensurePrivateDir(path.dirname(file), { own: false });
      ensurePrivateFile(file);
      for (const suffix of ['-wal', '-shm']) tightenPrivateFile(`${file}${suffix}`);
    }
    const database = new SQLite(target.file);
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    database.pragma('synchronous = NORMAL');
    const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }) });
    sqliteChangeTokens.set(db, sqliteTokenReader(database));
    return db;
  }
  const pool = new (postgresDriver().Pool)({
    connectionString: target.url,
    max: target.poolMax,
    connectionTimeoutMillis: 5000,
  });
  // A client losing its connection must not crash the process: an idle one reports on the
  // pool, a checked-out one on itself (node-postgres emits 'error' there; unhandled, it would be
  // an uncaught exception). The query in progress fails and is answered with 503.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Brings the schema to the latest migration; throws with the failing migration's name. The
 * server and `assent db migrate` pass the server secret (`options.sealSecret`), which migration
 * 0010 needs when an earlier release left a receipt key in clear.
 */
export async function migrateToLatest(db: Kysely<DB>, options: MigrationOptions = {}): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...migrations(options) }) } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${message}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrations applied and pending. */
export async function migrationStatus(db: Kysely<DB>): Promise<{ name: string; executedAt: Date | null }[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
  const list = await migrator.getMigrations();
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
}
