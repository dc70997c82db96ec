import { canonicalJson, sha256Hex } from '../canonical.js';

/** The `prev_hash` of the first row: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit row that the chain protects. */
export interface ChainedFields {
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly consultationId: string | null;
  readonly subject: string;
  readonly data: unknown;
}

/**
 * The hash of a row: SHA-256 over the previous row's hash, a newline, and the canonical JSON of
 * the row's fields. Anyone holding the rows can recompute it; no secret is involved.
 */
export function chainHash(prevHash: string, row: ChainedFields): string {
  return sha256Hex(
    `${prevHash}\n${canonicalJson({ seq: row.seq, at: row.at, actor: row.actor, action: row.action, consultationId: row.consultationId, subject: row.subject, data: row.data })}`,
  );
}

export interface StoredChainRow extends ChainedFields {
  readonly prevHash: string | null;
  readonly hash: string | null;
}

export type ChainBreak =
  | { readonly seq: number; readonly problem: 'gap'; readonly expectedSeq: number }
  | { readonly seq: number; readonly problem: 'prev_hash_mismatch' }
  | { readonly seq: number; readonly problem: 'hash_mismatch' }
  /** Row `seq` is intact and linked, but not the row a signed checkpoint vouched for: the chain up to it was rewritten. */
  | { readonly seq: number; readonly problem: 'checkpoint_mismatch' }
  /** The checkpoint at `seq` is not signed by one of the server's keys. */
  | { readonly seq: number; readonly problem: 'checkpoint_signature' }
  /** A signed checkpoint names row `seq`, past the last row `head`: rows were cut from the end. */
  | { readonly seq: number; readonly problem: 'truncated'; readonly head: number };

/**
 * Verifies a run of rows in sequence order, continuing from `previous` (the last verified row's
 * seq and hash, or the start of the chain). Returns the first break, or null when every row
 * links to the one before and its hash matches its content.
 */
export function verifyChainRun(
  rows: readonly StoredChainRow[],
  previous: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): { break: ChainBreak | null; last: { seq: number; hash: string } } {
  let last = previous;
  for (const row of rows) {
    if (row.seq !== last.seq + 1) return { break: { seq: row.seq, problem: 'gap', expectedSeq: last.seq + 1 }, last };
    if (row.prevHash !== last.hash) return { break: { seq: row.seq, problem: 'prev_hash_mismatch' }, last };
    if (row.hash !== chainHash(last.hash, row)) return { break: { seq: row.seq, problem: 'hash_mismatch' }, last };
    last = { seq: row.seq, hash: row.hash };
  }
  return { break: null, last };
}
