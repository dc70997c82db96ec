import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX, PASSWORD_MIN, checkPassword } from './password-policy.js';

const EMAIL = 'minjun.kim@msit.kr.test';
/** A password of `length` characters that breaks no other rule. */
const ofLength = (length: number) => 'abcdefghijklmnopqrstuvwxyz'.repeat(20).slice(0, length);
const fields = (password: string, email = EMAIL) => checkPassword(password, email).map((p) => p.field);

describe('checkPassword', () => {
  it('is bounded at 12 and 256 characters', () => {
    expect(PASSWORD_MIN).toBe(12);
    expect(PASSWORD_MAX).toBe(256);
  });

  it('refuses 11 characters and accepts 12', () => {
    expect(checkPassword(ofLength(11), EMAIL)).toEqual([
      { field: '/password', message: 'Use at least 12 characters', code: 'PASSWORD_TOO_SHORT' },
    ]);
    expect(checkPassword(ofLength(12), EMAIL)).toEqual([]);
  });

  it('accepts 256 characters and refuses 257', () => {
    expect(checkPassword(ofLength(256), EMAIL)).toEqual([]);
    expect(checkPassword(ofLength(257), EMAIL)).toEqual([
      { field: '/password', message: 'Use at most 256 characters', code: 'TEXT_TOO_LONG' },
    ]);
  });

  it('counts characters, not UTF-16 units: 12 emoji are long enough, 11 are not', () => {
    const twelve = '🔐🔑'.repeat(6);
    expect(twelve.length).toBe(24);
    expect(checkPassword(twelve, EMAIL)).toEqual([]);
    expect(fields(`${'🔐🔑'.repeat(5)}🗳`)).toEqual(['/password']);
  });

  it('refuses the e-mail address itself, in any case', () => {
    expect(fields(EMAIL)).toEqual(['/password']);
    expect(checkPassword(EMAIL.toUpperCase(), EMAIL)[0]?.message).toBe(
      'Do not use your e-mail address in the password',
    );
  });

  it('refuses a password containing the local part of the address', () => {
    expect(fields('my name is MINJUN.KIM, really')).toEqual(['/password']);
    expect(fields('xx minjun.kim')).toEqual(['/password']);
  });

  it('allows a local part shorter than 4 characters inside the password', () => {
    expect(checkPassword('the kim family password', 'kim@msit.kr.test')).toEqual([]);
  });

  it('refuses one repeated character', () => {
    expect(checkPassword('x'.repeat(20), EMAIL)).toEqual([
      { field: '/password', message: 'Do not repeat one character', code: 'PASSWORD_ONE_CHARACTER' },
    ]);
  });

  it('reports every rule broken, at the field it is given', () => {
    const problems = checkPassword('kkkk', 'kkkk@example.test', '/newPassword');
    expect(problems.map((p) => p.field)).toEqual(['/newPassword', '/newPassword', '/newPassword']);
    expect(problems.map((p) => p.message)).toEqual([
      'Use at least 12 characters',
      'Do not use your e-mail address in the password',
      'Do not repeat one character',
    ]);
  });

  it('refuses the empty password for its length only', () => {
    expect(checkPassword('', EMAIL)).toEqual([
      { field: '/password', message: 'Use at least 12 characters', code: 'PASSWORD_TOO_SHORT' },
    ]);
  });
});
