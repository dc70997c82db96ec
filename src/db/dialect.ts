import { PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import type { DB } from './database.js';

/** Anything that runs queries: the database or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

export type DialectName = 'sqlite' | 'postgres';

/** Which SQL dialect an executor speaks (for the few statements that differ). */
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
