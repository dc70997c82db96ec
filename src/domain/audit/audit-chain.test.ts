import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH, verifyChainRun, type StoredChainRow } from './audit-chain.js';

function chain(n: number): StoredChainRow[] {
  const rows: StoredChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq += 1) {
    const fields = {
      seq,
      at: 1_690_000_000_000 + seq,
      actor: 'token:a',
      action: 'reply.submitted',
      consultationId: 'c',
      subject: `reply:c/KR/${seq}`,
      data: { n: seq },
    };
    const hash = chainHash(prev, fields);
    rows.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('audit chain', () => {
  it('an untouched chain verifies', () => {
    expect(verifyChainRun(chain(5)).break).toBeNull();
  });

  it('a changed field breaks the chain at that row', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, data: { n: 999 } };
    expect(verifyChainRun(rows).break).toEqual({ seq: 3, problem: 'hash_mismatch' });
  });

  it('a removed row is a gap at the row after it', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verifyChainRun(rows).break).toEqual({ seq: 3, problem: 'gap', expectedSeq: 2 });
  });

  it('a row recomputed after a change still breaks the link of the next row', () => {
    const rows = chain(4);
    const forged = { ...rows[1]!, actor: 'token:forger' };
    rows[1] = { ...forged, hash: chainHash(forged.prevHash!, forged) };
    expect(verifyChainRun(rows).break).toEqual({ seq: 3, problem: 'prev_hash_mismatch' });
  });

  it('key order in the data does not change the hash (canonical encoding)', () => {
    const a = chainHash(GENESIS_HASH, {
      seq: 1,
      at: 1,
      actor: 'a',
      action: 'x',
      consultationId: null,
      subject: 's',
      data: { b: 1, a: 2 },
    });
    const b = chainHash(GENESIS_HASH, {
      seq: 1,
      at: 1,
      actor: 'a',
      action: 'x',
      consultationId: null,
      subject: 's',
      data: { a: 2, b: 1 },
    });
    expect(a).toBe(b);
  });

  it('continues from a verified page', () => {
    const rows = chain(6);
    const first = verifyChainRun(rows.slice(0, 3));
    expect(verifyChainRun(rows.slice(3), first.last).break).toBeNull();
  });
});
