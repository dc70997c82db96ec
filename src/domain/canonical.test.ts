import { describe, expect, it } from 'vitest';
import { canonicalJson, MAX_CANONICAL_DEPTH } from './canonical.js';

/** A value nested `depth` arrays deep, built from JSON text (building it by recursion would overflow first). */
const nested = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}0${']'.repeat(depth)}`);

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: undefined, c: 'x' }] })).toBe(
      '{"a":[true,null,{"c":"x"}],"b":1}',
    );
  });

  it(`encodes a value nested ${MAX_CANONICAL_DEPTH} levels deep`, () => {
    expect(canonicalJson(nested(MAX_CANONICAL_DEPTH))).toBe(
      `${'['.repeat(MAX_CANONICAL_DEPTH)}0${']'.repeat(MAX_CANONICAL_DEPTH)}`,
    );
  });

  it('refuses a value nested deeper with a catalogued error instead of overflowing the stack', () => {
    expect(() => canonicalJson(nested(MAX_CANONICAL_DEPTH + 1))).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(() => canonicalJson(nested(100_000))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
