import type { Kysely, Migration } from 'kysely';
import { chainHash, GENESIS_HASH } from '../../domain/audit/audit-chain.js';

/**
 * Chains the audit trail: each row carries the hash of the row before it and its own hash over
 * a canonical encoding (see domain/audit/audit-chain.ts), so changing, removing or inserting a
 * row is detectable by recomputing the chain. Rows written before this migration are chained
 * by the migration itself, in order.
 */
export const m0002AuditChain: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('audit_event').addColumn('prev_hash', 'text').execute();
    await db.schema.alterTable('audit_event').addColumn('hash', 'text').execute();
    const rows = await db.selectFrom('audit_event').selectAll().orderBy('seq').execute();
    let prev = GENESIS_HASH;
    for (const row of rows) {
      const hash = chainHash(prev, {
        seq: Number(row.seq),
        at: Number(row.at),
        actor: row.actor,
        action: row.action,
        consultationId: row.consultation_id,
        subject: row.subject,
        data: JSON.parse(row.data),
      });
      await db.updateTable('audit_event').set({ prev_hash: prev, hash }).where('seq', '=', row.seq).execute();
      prev = hash;
    }
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('audit_event').dropColumn('hash').execute();
    await db.schema.alterTable('audit_event').dropColumn('prev_hash').execute();
  },
};
