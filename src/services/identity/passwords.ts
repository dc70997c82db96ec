/** argon2 is loaded on the first sign-in or password set, not at start (12 MiB of native code). */
const argon2 = () => import('@node-rs/argon2');

/** argon2id parameters (OWASP minimum: 19 MiB, 2 passes, 1 lane; ~0.2 s here). Raising them rehashes at the next sign-in. */
export const ARGON2_PARAMS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, ARGON2_PARAMS);
}

/** A hash of a password nobody has, verified when the account is unknown so that timing does not tell. */
let decoy: Promise<string> | undefined;

/** Verifies a password against a stored hash, or spends the same time when there is none. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    decoy ??= hashPassword('decoy password that no account has');
    const { verify } = await argon2();
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  const { verify } = await argon2();
  return verify(stored, password).catch(() => false);
}

/** Whether a stored hash was made with other parameters than today's (then it is rehashed). */
export function needsRehash(stored: string): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  return (
    !m ||
    Number(m[1]) !== ARGON2_PARAMS.memoryCost ||
    Number(m[2]) !== ARGON2_PARAMS.timeCost ||
    Number(m[3]) !== ARGON2_PARAMS.parallelism
  );
}
