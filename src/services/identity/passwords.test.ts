import { hash } from '@node-rs/argon2';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARGON2_PARAMS, hashPassword, needsRehash, verifyPassword } from './passwords.js';

const PASSWORD = 'Correct horse battery staple 7';

describe('passwords', () => {
  /** One hash for the whole file: argon2id with the production parameters takes a while. */
  let stored: string;
  beforeAll(async () => {
    stored = await hashPassword(PASSWORD);
  });

  it('hashes with argon2id and today’s parameters (a PHC string, salted, without the password)', async () => {
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(stored).not.toContain(PASSWORD);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    expect(await verifyPassword(stored, PASSWORD)).toBe(true);
    expect(await verifyPassword(stored, `${PASSWORD} `)).toBe(false);
    expect(await verifyPassword(stored, PASSWORD.toLowerCase())).toBe(false);
    expect(await verifyPassword(stored, '')).toBe(false);
  });

  it('answers false, without throwing, when there is no hash (an unknown account)', async () => {
    await expect(verifyPassword(null, PASSWORD)).resolves.toBe(false);
    await expect(verifyPassword(null, 'decoy password that no account has')).resolves.toBe(false);
  });

  it('answers false, without throwing, for a stored value that is not a hash', async () => {
    await expect(verifyPassword('not a hash', PASSWORD)).resolves.toBe(false);
    await expect(verifyPassword('', PASSWORD)).resolves.toBe(false);
  });

  it('verifies a hash made with older parameters (so that it can be rehashed)', async () => {
    const old = await hash(PASSWORD, { ...ARGON2_PARAMS, memoryCost: 8_192, timeCost: 1 });
    expect(await verifyPassword(old, PASSWORD)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  });

  describe('needsRehash', () => {
    it('keeps a hash made today', () => {
      expect(needsRehash(stored)).toBe(false);
    });

    it.each([
      ['less memory', '$argon2id$v=19$m=8192,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA'],
      ['fewer passes', '$argon2id$v=19$m=19456,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaA'],
      ['more lanes', '$argon2id$v=19$m=19456,t=2,p=4$c2FsdHNhbHRzYWx0$aGFzaA'],
      ['more memory', '$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA'],
      ['argon2i', '$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA'],
      ['argon2d', '$argon2d$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA'],
      ['an older argon2 version', '$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA'],
      ['bcrypt', '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW'],
      ['garbage', 'not a hash'],
    ])('rehashes a hash with %s', (_name, value) => {
      expect(needsRehash(value)).toBe(true);
    });
  });
});
