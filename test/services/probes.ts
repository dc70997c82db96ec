import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/database.js';
import { MEMBER_STATES } from '../../src/domain/member-states/member-states.data.js';

/**
 * Read-only probes for service tests: they look at the database directly (Kysely, both
 * dialects) so a test can show that a refused call changed nothing.
 */

/** The tables a use-case may write to. */
export const WRITTEN_TABLES = [
  'consultation',
  'determined_text',
  'reply',
  'reply_version',
  'reply_position',
  'attachment',
  'meeting_decision',
  'api_token',
  'audit_event',
  'idempotency_record',
] as const satisfies readonly (keyof DB)[];
export type WrittenTable = (typeof WRITTEN_TABLES)[number];

/** Rows in one table. `count(*)` is a bigint on PostgreSQL and a number on SQLite: both end as numbers. */
export async function countRows(db: Kysely<DB>, table: WrittenTable): Promise<number> {
  const row = await (db as unknown as Kysely<Record<string, object>>)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Row counts of every written table: equal snapshots before and after a call mean it wrote nothing. */
export async function tableCounts(db: Kysely<DB>): Promise<Record<WrittenTable, number>> {
  const entries = await Promise.all(WRITTEN_TABLES.map(async (table) => [table, await countRows(db, table)] as const));
  return Object.fromEntries(entries) as Record<WrittenTable, number>;
}

/** The audit actions written so far, oldest first. */
export async function auditActions(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('audit_event').select('action').orderBy('seq').execute();
  return rows.map((r) => r.action);
}

/** The audit events written so far, oldest first, with subjects. */
export async function auditTrail(db: Kysely<DB>): Promise<{ action: string; subject: string; actor: string }[]> {
  return db.selectFrom('audit_event').select(['action', 'subject', 'actor']).orderBy('seq').execute();
}

/** The first `n` Member States (data order) that may reply to a consultation, Palestine (observer) excluded. */
export function statesThatMayReply(n: number): string[] {
  const codes = MEMBER_STATES.filter((s) => s.mayReply && s.membership === 'member_state').map((s) => s.code);
  if (codes.length < n) throw new Error(`only ${codes.length} Member States may reply`);
  return codes.slice(0, n);
}

/** A small, valid PDF-looking file: `%PDF-` is what the content sniffer looks for. */
export function pdfBytes(label = 'scan'): Uint8Array {
  return new Uint8Array(Buffer.from(`%PDF-1.7\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`, 'latin1'));
}
