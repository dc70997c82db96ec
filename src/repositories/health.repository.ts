import { sql } from 'kysely';
import type { Executor } from '../db/dialect.js';

/** Runs the cheapest statement there is; resolves when the database answers, throws the driver's error otherwise. */
export async function pingDatabase(db: Executor): Promise<void> {
  await sql`select 1`.execute(db);
}
