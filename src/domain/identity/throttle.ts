/**
 * Login throttling, as numbers: after `threshold` consecutive failures a key (an account, or an
 * address) is locked, for a time that doubles with each further failure, up to a ceiling.
 * Kept in the database so that it holds across instances.
 */
export interface ThrottlePolicy {
  readonly threshold: number;
  readonly baseLockMs: number;
  readonly maxLockMs: number;
}

export const ACCOUNT_THROTTLE: ThrottlePolicy = { threshold: 5, baseLockMs: 60_000, maxLockMs: 3_600_000 };
export const ADDRESS_THROTTLE: ThrottlePolicy = { threshold: 20, baseLockMs: 60_000, maxLockMs: 3_600_000 };

/** When a key with `failures` consecutive failures is locked until (null: not locked). */
export function lockUntil(failures: number, now: number, policy: ThrottlePolicy): number | null {
  if (failures < policy.threshold) return null;
  const exponent = Math.min(failures - policy.threshold, 30);
  return now + Math.min(policy.baseLockMs * 2 ** exponent, policy.maxLockMs);
}
