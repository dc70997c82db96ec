import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE, lockUntil, type ThrottlePolicy } from './throttle.js';

const NOW = Date.parse('2023-03-28T08:00:00Z');
const MINUTE = 60_000;

describe('lockUntil', () => {
  it('locks an account from its 5th failure and an address from its 20th', () => {
    expect(ACCOUNT_THROTTLE).toEqual({ threshold: 5, baseLockMs: MINUTE, maxLockMs: 60 * MINUTE });
    expect(ADDRESS_THROTTLE).toEqual({ threshold: 20, baseLockMs: MINUTE, maxLockMs: 60 * MINUTE });
    expect(lockUntil(4, NOW, ACCOUNT_THROTTLE)).toBeNull();
    expect(lockUntil(5, NOW, ACCOUNT_THROTTLE)).toBe(NOW + MINUTE);
    expect(lockUntil(19, NOW, ADDRESS_THROTTLE)).toBeNull();
    expect(lockUntil(20, NOW, ADDRESS_THROTTLE)).toBe(NOW + MINUTE);
  });

  it('never locks below the threshold, not even with no failure at all', () => {
    for (let failures = 0; failures < 5; failures += 1) expect(lockUntil(failures, NOW, ACCOUNT_THROTTLE)).toBeNull();
  });

  it('doubles the lock with each further failure', () => {
    expect([5, 6, 7, 8, 9, 10].map((f) => lockUntil(f, NOW, ACCOUNT_THROTTLE)! - NOW)).toEqual(
      [1, 2, 4, 8, 16, 32].map((m) => m * MINUTE),
    );
  });

  it('stops at the ceiling of one hour', () => {
    // 64 minutes would follow 32: the ceiling holds it at 60.
    expect(lockUntil(11, NOW, ACCOUNT_THROTTLE)! - NOW).toBe(60 * MINUTE);
    expect(lockUntil(1_000, NOW, ACCOUNT_THROTTLE)! - NOW).toBe(60 * MINUTE);
    expect(lockUntil(Number.MAX_SAFE_INTEGER, NOW, ACCOUNT_THROTTLE)! - NOW).toBe(60 * MINUTE);
  });

  const policy: fc.Arbitrary<ThrottlePolicy> = fc
    .record({
      threshold: fc.integer({ min: 1, max: 50 }),
      baseLockMs: fc.integer({ min: 1, max: 3_600_000 }),
      extra: fc.nat({ max: 86_400_000 }),
    })
    .map(({ threshold, baseLockMs, extra }) => ({ threshold, baseLockMs, maxLockMs: baseLockMs + extra }));
  const failures = fc.nat({ max: 10_000 });
  const now = fc.integer({ min: 0, max: 4_102_444_800_000 });

  test.prop([policy, failures, failures, now])(
    'is monotone non-decreasing in the failures and never above the ceiling',
    (p, a, b, at) => {
      const [fewer, more] = a <= b ? [a, b] : [b, a];
      const x = lockUntil(fewer, at, p);
      const y = lockUntil(more, at, p);
      if (x !== null) {
        expect(y).not.toBeNull();
        expect(y!).toBeGreaterThanOrEqual(x);
      }
      for (const until of [x, y]) {
        if (until === null) continue;
        expect(until - at).toBeGreaterThanOrEqual(Math.min(p.baseLockMs, p.maxLockMs));
        expect(until - at).toBeLessThanOrEqual(p.maxLockMs);
      }
    },
  );

  test.prop([policy, failures, now])('locks exactly from the threshold on', (p, f, at) => {
    expect(lockUntil(f, at, p) === null).toBe(f < p.threshold);
  });
});
