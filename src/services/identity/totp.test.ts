import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { newTotpSeed, totpCode, totpStep, totpUri } from './totp.js';

/** RFC 6238 test seed "12345678901234567890", in base32. */
const SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const STEP = 30_000;
/** Some instant in the middle of a time step. */
const AT = Date.parse('2023-03-28T08:00:10Z');
const STEP_OF_AT = Math.floor(AT / STEP);

describe('totpCode', () => {
  it('matches the RFC 6238 test vectors (SHA-1, last 6 digits)', () => {
    expect(totpCode(SEED, 59_000)).toBe('287082');
    expect(totpCode(SEED, 1_111_111_109_000)).toBe('081804');
    expect(totpCode(SEED, 1_234_567_890_000)).toBe('005924');
    expect(totpCode(SEED, 20_000_000_000_000)).toBe('353130');
  });
});

describe('totpStep', () => {
  it('accepts the current code and names its time step', () => {
    expect(totpStep(SEED, totpCode(SEED, AT), AT)).toBe(STEP_OF_AT);
  });

  it('accepts a code one step behind or ahead (clock drift), naming that step', () => {
    expect(totpStep(SEED, totpCode(SEED, AT - STEP), AT)).toBe(STEP_OF_AT - 1);
    expect(totpStep(SEED, totpCode(SEED, AT + STEP), AT)).toBe(STEP_OF_AT + 1);
  });

  it('refuses a code two steps behind or ahead', () => {
    expect(totpStep(SEED, totpCode(SEED, AT - 2 * STEP), AT)).toBeNull();
    expect(totpStep(SEED, totpCode(SEED, AT + 2 * STEP), AT)).toBeNull();
  });

  it('accepts the code of step zero (otpauth reports the delta 0, which is not "no match")', () => {
    const start = STEP_OF_AT * STEP;
    expect(totpStep(SEED, totpCode(SEED, start), start)).toBe(STEP_OF_AT);
  });

  it.each(['', '12345', '1234567', 'abcdef', '12 345', ' 123456', '123456 ', '１２３４５６', '12345a'])(
    'refuses %j: not six ASCII digits',
    (code) => {
      expect(totpStep(SEED, code, AT)).toBeNull();
    },
  );

  it("refuses another seed's code", () => {
    const other = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    expect(totpStep(SEED, totpCode(other, AT), AT)).toBeNull();
  });

  test.prop([fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.integer({ min: -1, max: 1 })])(
    'accepts the code of any instant within one step',
    (at, delta) => {
      expect(totpStep(SEED, totpCode(SEED, at + delta * STEP), at)).toBe(Math.floor(at / STEP) + delta);
    },
  );
});

describe('seeds and URIs', () => {
  it('makes 160-bit base32 seeds, never the same twice', () => {
    const seeds = Array.from({ length: 20 }, () => newTotpSeed());
    for (const seed of seeds) expect(seed).toMatch(/^[A-Z2-7]{32}$/);
    expect(new Set(seeds).size).toBe(20);
  });

  it('gives authenticator apps an otpauth URI with the issuer, the address and the seed', () => {
    const uri = new URL(totpUri(SEED, 'fp@msit.kr.test'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Assent:fp@msit.kr.test');
    expect(uri.searchParams.get('issuer')).toBe('Assent');
    expect(uri.searchParams.get('secret')).toBe(SEED);
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
  });
});
