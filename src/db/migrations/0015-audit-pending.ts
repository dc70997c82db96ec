import type { Kysely, Migration } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * Audit rows waiting for their place in the chain (issue #17: writes without a global lock).
 *
 * With AUDIT_SEAL=after-commit (PostgreSQL's default) a writing transaction records its events
 * here, numbered by `id` and with nothing read from the chain, so concurrent writers never wait
 * on each other for it. The sealer (`sealPendingAudit`, repositories/audit.repository.ts) moves
 * them into `audit_event` in `id` order right after the commit, giving each its `seq`,
 * `prev_hash` and `hash`, under the chain's lock, in batches (docs/security.md).
 *
 * `position_of`: the record whose audit position (`audit_seq`, `audit_hash`) the sealer sets
 * when it seals the row, as JSON (`{"replyVersion":[consultation, State, version]}`); null for
 * an event that positions nothing.
 *
 * The table starts empty: existing rows are already sealed. Same statements on SQLite and
 * PostgreSQL.
 */
export const m0015AuditPending: Migration = {
  async up(db: Kysely<any>) {
    const pg = dialectOf(db) === 'postgres';
    await db.schema
      .createTable('audit_pending')
      .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('consultation_id', 'text')
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('position_of', 'text')
      .execute();
  },
  async down(db: Kysely<any>) {
    // Never drop events that are not in the chain yet.
    const waiting = await db.selectFrom('audit_pending').select('id').limit(1).execute();
    if (waiting.length > 0)
      throw new Error('audit_pending holds events not yet sealed: run `assent audit verify` (it seals them) first');
    await db.schema.dropTable('audit_pending').execute();
  },
};
