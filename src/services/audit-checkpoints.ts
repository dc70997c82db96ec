import { sign, verify } from 'node:crypto';
import { GENESIS_HASH, verifyChainRun, type StoredChainRow } from '../domain/audit/audit-chain.js';
import {
  checkpointSigningPayload,
  isCheckpointRow,
  MAX_RECEIPT_SEGMENT,
  type Checkpoint,
} from '../domain/audit/audit-checkpoint.js';
import {
  chainSegment,
  findChainHead,
  findCheckpointFrom,
  findLastCheckpoint,
  insertCheckpointIfAbsent,
} from '../repositories/audit-checkpoint.repository.js';
import { chainPage } from '../repositories/audit.repository.js';
import { currentSigningKey, trustedSigningKey } from './receipt-keys.js';
import type { ServiceContext } from './service-context.js';

/** Whether a checkpoint carries the signature of one of the server's keys. */
export async function isSignedCheckpoint(ctx: ServiceContext, checkpoint: Checkpoint): Promise<boolean> {
  const key = await trustedSigningKey(ctx, checkpoint.keyId);
  return (
    key !== null &&
    verify(
      null,
      Buffer.from(checkpointSigningPayload(checkpoint)),
      key.publicKey,
      Buffer.from(checkpoint.signature, 'base64'),
    )
  );
}

/**
 * Signs and stores checkpoints of verified rows. `rows` must have been verified from the start
 * of the chain or from a signed checkpoint: the signature vouches for everything before.
 */
export async function writeCheckpoints(
  ctx: ServiceContext,
  rows: readonly { seq: number; hash: string }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const key = await currentSigningKey(ctx);
  for (const row of rows) {
    const fields = { seq: row.seq, hash: row.hash, createdAt: ctx.clock(), keyId: key.id };
    const signature = sign(null, Buffer.from(checkpointSigningPayload(fields)), key.privateKey).toString('base64');
    await insertCheckpointIfAbsent(ctx.db, { ...fields, signature });
  }
  return rows.length;
}

export interface CheckpointRun {
  /** Rows verified since the last checkpoint. */
  readonly verifiedRows: number;
  /** Checkpoints signed in this run. */
  readonly written: number;
  /** The checkpoint the run started from (0: the start of the chain). */
  readonly from: number;
  readonly head: { seq: number; hash: string } | null;
}

/**
 * Brings the checkpoints up to the head of the chain: verifies the rows after the last signed
 * checkpoint (from the start, the first time), and signs one at every multiple of
 * CHECKPOINT_INTERVAL and at the head. Incremental, so the background job reads each row once.
 * Refuses to build on a checkpoint that is not the server's or no longer meets its row, and
 * writes nothing past a break: those are for `assent audit verify` to name.
 * @throws Error naming the row, when the chain or the last checkpoint does not verify
 */
export async function checkpointAuditChain(
  ctx: ServiceContext,
  options: { pageSize?: number } = {},
): Promise<CheckpointRun> {
  const pageSize = options.pageSize ?? 2000;
  const last = await findLastCheckpoint(ctx.db);
  let start = { seq: 0, hash: GENESIS_HASH };
  if (last) {
    if (!(await isSignedCheckpoint(ctx, last)))
      throw new Error(`the audit checkpoint at row #${last.seq} is not signed by this server: run assent audit verify`);
    const [row] = await chainSegment(ctx.db, last.seq, last.seq);
    if (!row || row.hash !== last.hash)
      throw new Error(`audit row #${last.seq} is not the row its checkpoint vouched for: run assent audit verify`);
    start = { seq: last.seq, hash: last.hash };
  }
  let previous = start;
  let verified = 0;
  let written = 0;
  for (;;) {
    const rows = await chainPage(ctx.db, previous.seq, pageSize);
    if (rows.length === 0) break;
    const run = verifyChainRun(rows, previous);
    if (run.break)
      throw new Error(
        `the audit chain is broken at row #${run.break.seq} (${run.break.problem}): run assent audit verify`,
      );
    verified += rows.length;
    // A checkpoint at each multiple of CHECKPOINT_INTERVAL; the head's once the chain ends.
    written += await writeCheckpoints(
      ctx,
      rows.filter((row) => isCheckpointRow(row.seq)).map((row) => ({ seq: row.seq, hash: row.hash! })),
    );
    previous = run.last;
  }
  if (previous.seq > start.seq && !isCheckpointRow(previous.seq)) written += await writeCheckpoints(ctx, [previous]);
  return { verifiedRows: verified, written, from: start.seq, head: previous.seq === 0 ? null : previous };
}

/** What receipt verification learnt about the chain around a receipt's row. */
export interface SegmentCheck {
  readonly ok: boolean;
  readonly detail: string;
  /** Audit rows read. */
  readonly rowsRead: number;
}

/**
 * Checks the chain around audit row `seq` (a receipt's), reading at most MAX_RECEIPT_SEGMENT
 * rows (finding 1 of the attack test: this used to recompute the whole chain on every public
 * request). With a signed checkpoint at or after the row: the rows from it to the checkpoint
 * link, and the last one is the row the checkpoint vouched for. Without one (a recent row): the
 * rows since the last checkpoint link, from the checkpoint's hash to the head. Farther than the
 * bound, nothing is read and the check fails with what to run; the whole chain is the
 * operator's (`assent audit verify`) and the background job's.
 */
export async function verifyChainAround(ctx: ServiceContext, seq: number): Promise<SegmentCheck> {
  const after = await findCheckpointFrom(ctx.db, seq);
  const notCovered = (why: string): SegmentCheck => ({
    ok: false,
    rowsRead: 0,
    detail: `${why}; the audit chain is checked in full by \`assent audit verify\` (which also writes the checkpoints), after which this receipt can be checked again`,
  });
  if (after) {
    if (after.seq - seq >= MAX_RECEIPT_SEGMENT)
      return notCovered(`the nearest audit checkpoint after row #${seq} is ${after.seq - seq} rows away`);
    const rows = await chainSegment(ctx.db, seq, after.seq);
    return {
      ...(await linksTo(ctx, rows, { seq: seq - 1, hash: rows[0]?.prevHash ?? '' }, after)),
      rowsRead: rows.length,
    };
  }
  const [last, head] = await Promise.all([findLastCheckpoint(ctx.db, seq), findChainHead(ctx.db)]);
  const from = last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  if (!head || head.seq < seq) return { ok: false, rowsRead: 0, detail: `the audit chain ends before row #${seq}` };
  if (head.seq - from.seq > MAX_RECEIPT_SEGMENT)
    return notCovered(
      `row #${seq} is not yet covered by an audit checkpoint (${head.seq - from.seq} rows since the last)`,
    );
  if (last && !(await isSignedCheckpoint(ctx, last)))
    return { ok: false, rowsRead: 0, detail: `the audit checkpoint at row #${last.seq} is not signed by this server` };
  const rows = await chainSegment(ctx.db, from.seq + 1, head.seq);
  const run = verifyChainRun(rows, from);
  const ok = run.break === null && run.last.seq === head.seq;
  return {
    ok,
    rowsRead: rows.length,
    detail: ok
      ? `audit rows #${from.seq + 1}–#${head.seq} link ${last ? `to the checkpoint at row #${last.seq}` : 'to the start of the chain'} (not yet checkpointed)`
      : `the audit chain is broken at row #${run.break?.seq ?? run.last.seq + 1}`,
  };
}

/** Whether `rows` link from `previous` and end at the row `checkpoint` vouched for, which the server signed. */
async function linksTo(
  ctx: ServiceContext,
  rows: readonly StoredChainRow[],
  previous: { seq: number; hash: string },
  checkpoint: Checkpoint,
): Promise<Omit<SegmentCheck, 'rowsRead'>> {
  const run = verifyChainRun(rows, previous);
  if (run.break) return { ok: false, detail: `the audit chain is broken at row #${run.break.seq}` };
  if (run.last.seq !== checkpoint.seq || run.last.hash !== checkpoint.hash)
    return {
      ok: false,
      detail: `audit row #${checkpoint.seq} is not the row the checkpoint signed on ${new Date(checkpoint.createdAt).toISOString()} vouched for: the chain was rewritten`,
    };
  if (!(await isSignedCheckpoint(ctx, checkpoint)))
    return { ok: false, detail: `the audit checkpoint at row #${checkpoint.seq} is not signed by this server` };
  return {
    ok: true,
    detail: `audit rows #${previous.seq + 1}–#${checkpoint.seq} link to the checkpoint the server signed with key ${checkpoint.keyId}`,
  };
}
