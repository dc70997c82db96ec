import { verifyChainRun, type ChainBreak, GENESIS_HASH } from '../domain/audit/audit-chain.js';
import { chainPage } from '../repositories/audit.repository.js';
import type { ServiceContext } from './service-context.js';

export interface ChainVerification {
  readonly ok: boolean;
  /** Rows checked and found linked and intact. */
  readonly verifiedRows: number;
  /** The first row that does not match, when any. */
  readonly break: ChainBreak | null;
  /** Sequence number and hash of the last good row (the chain head when ok). */
  readonly head: { seq: number; hash: string };
}

/**
 * Recomputes the whole audit chain, page by page, and names the first row whose link or hash
 * does not match: a row changed, removed or inserted after it was written. Read-only.
 */
export async function verifyAuditChain(
  ctx: ServiceContext,
  options: { pageSize?: number } = {},
): Promise<ChainVerification> {
  const pageSize = options.pageSize ?? 2000;
  let last = { seq: 0, hash: GENESIS_HASH };
  let verified = 0;
  for (;;) {
    const rows = await chainPage(ctx.db, last.seq, pageSize);
    if (rows.length === 0) return { ok: true, verifiedRows: verified, break: null, head: last };
    const run = verifyChainRun(rows, last);
    if (run.break)
      return { ok: false, verifiedRows: verified + (run.last.seq - last.seq), break: run.break, head: run.last };
    verified += rows.length;
    last = run.last;
  }
}
