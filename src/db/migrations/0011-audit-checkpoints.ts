import type { Kysely, Migration } from 'kysely';

/**
 * Signed checkpoints of the audit chain (domain/audit/audit-checkpoint.ts): one row per
 * checkpoint, keyed by the audit row it vouches for, with the hash of that row, the key that
 * signed it and the signature. Written by the `audit-checkpoint` job and by `assent audit
 * verify`; read by receipt verification (the nearest checkpoint after a receipt's row) and by
 * full verification (every checkpoint against the chain).
 *
 * An installation that already has a trail gets a first `audit-checkpoint` job, so the worker
 * checkpoints the existing rows (from the start of the chain, once) right after the upgrade.
 */
export const m0011AuditCheckpoints: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('audit_checkpoint')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    const trail = await db.selectFrom('audit_event').select('seq').limit(1).execute();
    if (trail.length === 0) return;
    const now = Date.now();
    await db
      .insertInto('job')
      .values({
        id: 'audit-checkpoint:upgrade',
        kind: 'audit-checkpoint',
        payload: '{}',
        state: 'queued',
        // Due at once, whatever the clock of the instance that runs it.
        run_at: 0,
        attempts: 0,
        max_attempts: 8,
        locked_until: null,
        locked_by: null,
        last_error: null,
        result: null,
        consultation_id: null,
        created_at: now,
        updated_at: now,
        finished_at: null,
      })
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('audit_checkpoint').execute();
  },
};
