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

/**
 * How many "Forgot your password?" requests are taken per window: per e-mail address (whatever
 * the account, known or not, so the count tells nothing about which addresses have one) and per
 * client address. Each request counts, a link or not; the count starts again after the window.
 * Three per address is more than a person needs (each new link replaces the last) and keeps a
 * mailbox from being flooded; twenty per client address matches the sign-in's address lock.
 */
export interface RequestLimit {
  readonly perEmail: number;
  readonly perClient: number;
  readonly windowMs: number;
}

export const RESET_REQUEST_LIMIT: RequestLimit = { perEmail: 3, perClient: 20, windowMs: 3_600_000 };
