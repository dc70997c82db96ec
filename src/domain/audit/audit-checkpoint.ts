import { canonicalJson } from '../canonical.js';

/**
 * Signed checkpoints of the audit chain (finding 1 of the attack test). A checkpoint says "the
 * chain, verified from its start or from the previous checkpoint, had hash H at row N", signed
 * with the server's key. Verifying a receipt then needs only the rows between the receipt's row
 * and the nearest checkpoint after it — never the whole chain — and a chain rewritten after a
 * checkpoint (every hash recomputed, which needs no secret) no longer meets it. A checkpoint also
 * names a row: rows cut from the end of the table, which the chain alone cannot show, leave a
 * checkpoint pointing past the end.
 */

export const CHECKPOINT_FORMAT = 'assent-audit-checkpoint/1';

/**
 * Checkpoints are written at every multiple of this many rows (and at the head each time the
 * checkpoint job runs): a receipt is never more than this many rows before a checkpoint, once
 * the job has caught up. appendAudit enqueues the job at each multiple.
 */
export const CHECKPOINT_INTERVAL = 1000;

/**
 * The most rows one receipt verification reads from the chain. Past it (no checkpoint within
 * reach: the worker is off or behind), the audit-chain check fails and says what to run, rather
 * than read an unbounded part of the chain on a public request.
 */
export const MAX_RECEIPT_SEGMENT = 2 * CHECKPOINT_INTERVAL;

export interface CheckpointFields {
  readonly seq: number;
  readonly hash: string;
  /** When it was signed (server clock). */
  readonly createdAt: number;
  readonly keyId: string;
}

export interface Checkpoint extends CheckpointFields {
  /** base64 Ed25519 signature over checkpointSigningPayload. */
  readonly signature: string;
}

/** The bytes a checkpoint's signature covers. */
export function checkpointSigningPayload(checkpoint: CheckpointFields): string {
  return canonicalJson({
    format: CHECKPOINT_FORMAT,
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    createdAt: checkpoint.createdAt,
    keyId: checkpoint.keyId,
  });
}

/** Whether row `seq` gets a checkpoint of its own (besides the head, whenever checkpoints are written). */
export function isCheckpointRow(seq: number): boolean {
  return seq % CHECKPOINT_INTERVAL === 0;
}
