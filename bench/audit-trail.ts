import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult } from 'kysely';
import type { DB } from '../src/db/database.js';
import { chainHash, GENESIS_HASH } from '../src/domain/audit/audit-chain.js';

/**
 * Fills the audit trail with valid, chained rows (sign-in failures of nobody in particular) up to
 * `lastSeq`, fast: one transaction, rows inserted 500 at a time, hashes computed here as
 * appendAudit would. The next event written by a service gets `lastSeq + 1`. For tests and the
 * benchmark that need a long trail (10^4 … 10^6 rows) without writing it event by event.
 */
export async function fillAuditTrail(db: Kysely<DB>, lastSeq: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const head = await trx
      .selectFrom('audit_event')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let seq = Number(head?.seq ?? 0);
    let prev = head?.hash ?? GENESIS_HASH;
    const at = Date.parse('2023-06-01T00:00:00Z');
    while (seq < lastSeq) {
      const batch = [];
      for (let i = 0; i < 500 && seq < lastSeq; i += 1) {
        seq += 1;
        const fields = {
          seq,
          at: at + seq,
          actor: 'anonymous',
          action: 'signin.failed',
          consultationId: null,
          subject: `account:filler-${seq % 97}`,
          data: { reason: 'unknown_account' },
        };
        const hash = chainHash(prev, fields);
        batch.push({
          seq,
          at: fields.at,
          actor: fields.actor,
          action: fields.action,
          consultation_id: null,
          subject: fields.subject,
          data: JSON.stringify(fields.data),
          prev_hash: prev,
          hash,
        });
        prev = hash;
      }
      await trx
        .insertInto('audit_event')
        .values(batch as never)
        .execute();
    }
  });
}

/** Counts the statements a Kysely instance runs and the rows they return (both dialects). */
export function readCounter(): KyselyPlugin & { readonly queries: number; readonly rows: number; reset(): void } {
  let queries = 0;
  let rows = 0;
  return {
    get queries() {
      return queries;
    },
    get rows() {
      return rows;
    },
    reset() {
      queries = 0;
      rows = 0;
    },
    transformQuery(args: PluginTransformQueryArgs) {
      queries += 1;
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<Record<string, unknown>>> {
      rows += args.result.rows.length;
      return args.result;
    },
  };
}
