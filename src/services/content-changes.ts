import { dialectOf, type Executor } from '../db/dialect.js';
import { readChangeToken } from '../repositories/change-token.repository.js';

/**
 * On PostgreSQL, how long a read of the change token answers for: another instance's commit (or
 * a write of this process outside a service transaction) is seen within this long; a service
 * write of this process is seen by the next call. SQLite's counterpart is
 * SQLITE_OTHER_WRITERS_CHECK_MS (db/connect.ts).
 */
export const POSTGRES_OTHER_WRITERS_CHECK_MS = 20;

/** Write transactions committed by this process, per database (`noteCommit`). */
const commitsByDatabase = new WeakMap<object, number>();

/**
 * Records that a write transaction of this process committed on `db` (inTransaction calls it):
 * the next change token read is fresh, so the process's own writes are never served stale.
 */
export function noteCommit(db: object): void {
  commitsByDatabase.set(db, (commitsByDatabase.get(db) ?? 0) + 1);
}

/** Reads the database's change token (repositories/change-token.repository.ts). */
export type ChangeTokenReader = () => Promise<string>;

const ignore = () => undefined;

/**
 * A reader of the change token. A caller gets the token of a query that started after it
 * called — so a write committed before the call is seen — except on PostgreSQL, where a query
 * that started less than POSTGRES_OTHER_WRITERS_CHECK_MS before, with no service write of this
 * process committed since, answers too: the token query is then one per 20 ms instead of one per
 * burst of requests (it was a round trip, and PostgreSQL's CPU, for every few cached answers).
 * Callers that arrive while a query runs share the next one, so a thousand concurrent readers
 * cost a handful of queries, not a thousand.
 */
export function changeTokenReader(
  ctx: { readonly db: Executor },
  options: { readonly maxAgeMs?: number } = {},
): ChangeTokenReader {
  const maxAgeMs = options.maxAgeMs ?? (dialectOf(ctx.db) === 'postgres' ? POSTGRES_OTHER_WRITERS_CHECK_MS : 0);
  let running: Promise<string> | null = null;
  let queued: Promise<string> | null = null;
  let last: { token: string; startedAt: number; commits: number } | null = null;
  const start = (): Promise<string> => {
    const startedAt = performance.now();
    const commits = commitsByDatabase.get(ctx.db) ?? 0;
    const query: Promise<string> = readChangeToken(ctx.db)
      .then((token) => {
        if (last === null || startedAt >= last.startedAt) last = { token, startedAt, commits };
        return token;
      })
      .finally(() => {
        if (running === query) running = null;
      });
    running = query;
    return query;
  };
  return () => {
    if (
      last !== null &&
      performance.now() - last.startedAt < maxAgeMs &&
      last.commits === (commitsByDatabase.get(ctx.db) ?? 0)
    )
      return Promise.resolve(last.token);
    if (running === null) return start();
    if (queued === null) {
      queued = running.then(ignore, ignore).then(() => {
        queued = null;
        return start();
      });
    }
    return queued;
  };
}
