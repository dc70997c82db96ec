import { Secret, TOTP } from 'otpauth';

const PERIOD_S = 30;

/** A new TOTP seed (160 bits, base32), for an authenticator app. */
export function newTotpSeed(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(seed: string, email: string): TOTP {
  return new TOTP({
    issuer: 'Assent',
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_S,
    secret: Secret.fromBase32(seed),
  });
}

/** The otpauth:// URI an authenticator app scans (RFC 6238, SHA-1, 6 digits, 30 s). */
export function totpUri(seed: string, email: string): string {
  return totp(seed, email).toString();
}

/** The code for `at` (tests, and the enrolment page's self-check). */
export function totpCode(seed: string, at: number): string {
  return totp(seed, 'x').generate({ timestamp: at });
}

/**
 * The time step a code belongs to, when it is valid at `at` within one step either side (clock
 * drift), else null. The caller refuses a step not later than the last one accepted (replay).
 * Note: otpauth's validate returns the delta, 0 for the current step; compare with null.
 */
export function totpStep(seed: string, code: string, at: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(seed, 'x').validate({ token: code, timestamp: at, window: 1 });
  return delta === null ? null : Math.floor(at / 1000 / PERIOD_S) + delta;
}
