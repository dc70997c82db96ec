import { randomBytes } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { hashSecret, openSecret, randomSecret, sameSecret, sealSecret } from './secrets.js';

const KEY = Buffer.alloc(32, 7);
const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Changes one character of one dot-separated part of a sealed secret (still valid base64url). */
function tamper(sealed: string, part: 1 | 2 | 3): string {
  const parts = sealed.split('.');
  const chars = [...parts[part]!];
  chars[0] = chars[0] === 'A' ? 'B' : 'A';
  parts[part] = chars.join('');
  return parts.join('.');
}

describe('randomSecret and hashSecret', () => {
  it('makes URL-safe secrets of the requested strength, never the same twice', () => {
    expect(randomSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomSecret(24)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(new Set(Array.from({ length: 100 }, () => randomSecret())).size).toBe(100);
  });

  it('stores the SHA-256 of a secret, in hex', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashSecret('abc')).not.toBe(hashSecret('abd'));
  });
});

describe('sealSecret and openSecret', () => {
  test.prop([fc.string({ maxLength: 200 }), fc.uint8Array({ minLength: 32, maxLength: 32 })])(
    'round-trip any text under any key',
    (plaintext, key) => {
      expect(openSecret(Buffer.from(key), sealSecret(Buffer.from(key), plaintext))).toBe(plaintext);
    },
  );

  it('seals as v1.<iv>.<tag>.<ciphertext> and never the same way twice (random IV)', () => {
    const a = sealSecret(KEY, SEED);
    const b = sealSecret(KEY, SEED);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(SEED);
  });

  it.each([
    ['IV', 1],
    ['authentication tag', 2],
    ['ciphertext', 3],
  ] as const)('throws when a byte of the %s was changed', (_name, part) => {
    const sealed = sealSecret(KEY, SEED);
    expect(() => openSecret(KEY, tamper(sealed, part))).toThrow();
  });

  it('throws when opened with another key', () => {
    expect(() => openSecret(randomBytes(32), sealSecret(KEY, SEED))).toThrow();
  });

  it.each(['', SEED, 'v2.a.b.c', 'v1.a.b', 'v1..tag.body'])(
    'throws on something that is not a sealed secret: %j',
    (value) => {
      expect(() => openSecret(KEY, value)).toThrow();
    },
  );
});

describe('sameSecret', () => {
  it('is true only for equal strings', () => {
    expect(sameSecret('csrf-token-1', 'csrf-token-1')).toBe(true);
    expect(sameSecret('csrf-token-1', 'csrf-token-2')).toBe(false);
    expect(sameSecret('short', 'shorter')).toBe(false);
    expect(sameSecret('', '')).toBe(true);
    expect(sameSecret('é', 'e\u0301')).toBe(false);
  });

  test.prop([fc.string(), fc.string()])('agrees with ===', (a, b) => {
    expect(sameSecret(a, b)).toBe(a === b);
    expect(sameSecret(a, a)).toBe(true);
  });
});
