import { type Kysely, sql } from 'kysely';
import { sqliteChangeToken } from '../db/connect.js';
import type { DB } from '../db/database.js';
import { dialectOf, type Executor } from '../db/dialect.js';

/**
 * A token that changes whenever a write has been committed to the database, by this process or
 * any other: what the public response cache (src/http/public-cache.ts) compares before it serves a
 * stored page. It reads no table, so it costs a few microseconds on SQLite and one round trip on
 * PostgreSQL.
 *
 * - **SQLite**: `data_version` changes when another connection (the CLI beside the server, a
 *   second process) commits; `total_changes()` counts the rows this connection changed. Both are
 *   read synchronously on the connection (db/connect.ts); `data_version` at most every
 *   SQLITE_OTHER_WRITERS_CHECK_MS (20 ms), so another process's commit is seen within that. A
 *   rolled-back change moves the token too: one needless render, never a stale page.
 * - **PostgreSQL**: the current snapshot (`xmin:xmax:in-progress xids`). A writing transaction is
 *   given an xid, and its commit either removes it from the in-progress list or moves xmax past
 *   it, so every commit in the cluster changes the text (other databases' too: needless renders
 *   only). Read-only transactions get no xid and change nothing.
 */
export async function readChangeToken(db: Executor): Promise<string> {
  const sync = db.isTransaction ? undefined : sqliteChangeToken(db as Kysely<DB>);
  if (sync) return sync();
  if (dialectOf(db) === 'postgres') {
    const { rows } = await sql<{ token: string }>`select pg_current_snapshot()::text as token`.execute(db);
    return rows[0]!.token;
  }
  const { rows } = await sql<{
    version: number;
    changes: number;
  }>`select (select data_version from pragma_data_version()) as version, total_changes() as changes`.execute(db);
  return `${rows[0]!.version}:${rows[0]!.changes}`;
}
