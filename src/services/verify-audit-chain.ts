import { verifyChainRun, type ChainBreak, GENESIS_HASH } from '../domain/audit/audit-chain.js';
import { isCheckpointRow, type Checkpoint } from '../domain/audit/audit-checkpoint.js';
import { listCheckpoints } from '../repositories/audit-checkpoint.repository.js';
import { chainPage } from '../repositories/audit.repository.js';
import { isSignedCheckpoint, writeCheckpoints } from './audit-checkpoints.js';
import { sealAudit } from './audit-seal.js';
import type { ServiceContext } from './service-context.js';

export interface ChainVerification {
  readonly ok: boolean;
  /** Rows checked and found linked and intact. */
  readonly verifiedRows: number;
  /** The first row that does not match, when any. */
  readonly break: ChainBreak | null;
  /** Sequence number and hash of the last good row (the chain head when ok). */
  readonly head: { seq: number; hash: string };
  /** Signed checkpoints met along the chain and found to match it; checkpoints written by this run. */
  readonly checkpoints: { readonly checked: number; readonly written: number };
}

/**
 * Recomputes the whole audit chain, page by page, and names the first row whose link or hash
 * does not match — a row changed, removed or inserted after it was written — or that differs
 * from the row a signed checkpoint vouched for (the chain was rewritten consistently, which needs
 * no secret but cannot meet the server's signature), and a checkpoint past the last row (rows cut
 * from the end). Every checkpoint's signature is checked. With `writeCheckpoints` (the operator's
 * `assent audit verify`), it signs a checkpoint at every multiple of CHECKPOINT_INTERVAL and at the
 * head that has none yet, for receipt verification to rely on. `seal: false` leaves pending
 * events as they are (a backup being inspected). Reads every row: an operator
 * command or a background job, never a request.
 */
export async function verifyAuditChain(
  ctx: ServiceContext,
  options: { pageSize?: number; writeCheckpoints?: boolean; seal?: boolean } = {},
): Promise<ChainVerification> {
  const pageSize = options.pageSize ?? 2000;
  // Events committed before this call are verified too: seal the ones still pending (not when
  // inspecting a backup, which is read as it is).
  if (options.seal !== false) await sealAudit(ctx.db);
  const checkpoints = await listCheckpoints(ctx.db);
  const bySeq = new Map(checkpoints.map((c) => [c.seq, c]));
  let last = { seq: 0, hash: GENESIS_HASH };
  let verified = 0;
  let checked = 0;
  let written = 0;
  const broken = (problem: ChainBreak, head: { seq: number; hash: string }, rows: number): ChainVerification => ({
    ok: false,
    verifiedRows: rows,
    break: problem,
    head,
    checkpoints: { checked, written },
  });
  for (;;) {
    const rows = await chainPage(ctx.db, last.seq, pageSize);
    if (rows.length === 0) break;
    const run = verifyChainRun(rows, last);
    // Checkpoints in the part of the page that links, in order, before any break after them.
    let good = last;
    for (const row of rows) {
      if (run.break && row.seq >= run.break.seq) break;
      const checkpoint = bySeq.get(row.seq);
      if (checkpoint) {
        const problem = await checkpointProblem(ctx, checkpoint, row.hash!);
        if (problem) return broken({ seq: row.seq, problem }, good, verified + (good.seq - last.seq));
        checked += 1;
      }
      good = { seq: row.seq, hash: row.hash! };
    }
    if (run.break) return broken(run.break, run.last, verified + (run.last.seq - last.seq));
    if (options.writeCheckpoints) {
      written += await writeCheckpoints(
        ctx,
        rows
          .filter((row) => isCheckpointRow(row.seq) && !bySeq.has(row.seq))
          .map((row) => ({ seq: row.seq, hash: row.hash! })),
      );
    }
    verified += rows.length;
    last = run.last;
  }
  const beyond = checkpoints.filter((c) => c.seq > last.seq);
  for (const checkpoint of beyond)
    if (!(await isSignedCheckpoint(ctx, checkpoint)))
      return broken({ seq: checkpoint.seq, problem: 'checkpoint_signature' }, last, verified);
  if (beyond.length > 0)
    return broken({ seq: beyond[beyond.length - 1]!.seq, problem: 'truncated', head: last.seq }, last, verified);
  if (options.writeCheckpoints && last.seq > 0 && !bySeq.has(last.seq) && !isCheckpointRow(last.seq))
    written += await writeCheckpoints(ctx, [last]);
  return { ok: true, verifiedRows: verified, break: null, head: last, checkpoints: { checked, written } };
}

/** Why a checkpoint does not vouch for the row with `hash`, or null when it does. */
async function checkpointProblem(
  ctx: ServiceContext,
  checkpoint: Checkpoint,
  hash: string,
): Promise<'checkpoint_mismatch' | 'checkpoint_signature' | null> {
  if (!(await isSignedCheckpoint(ctx, checkpoint))) return 'checkpoint_signature';
  return checkpoint.hash === hash ? null : 'checkpoint_mismatch';
}
