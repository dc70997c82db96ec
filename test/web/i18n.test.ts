import { describe, expect, it } from 'vitest';
import { checkPassword, PASSWORD_MAX } from '../../src/domain/identity/password-policy.js';
import { knownPasswordMessage } from '../../src/http/web/field-messages.js';
import { dirOf, formatUtc, LOCALES, messageIds, t, type MessageId } from '../../src/i18n/i18n.js';

/** A value for every placeholder name the catalogue uses; a message naming another one fails to format. */
const SAMPLE_VALUES = { page: 'Sign in', when: 'March 28, 2023 at 08:00', min: 12, max: 256, label: 'CLI', name: 'Kim', rank: 'primary' };

describe('message catalogues', () => {
  it('have the key set of the English catalogue in every locale', () => {
    const english = messageIds('en').sort();
    for (const locale of LOCALES) expect(messageIds(locale).sort()).toEqual(english);
  });

  it('format every message of every locale (ICU syntax valid, no placeholder without a value)', () => {
    for (const locale of LOCALES) {
      for (const id of messageIds(locale)) {
        const text = t(locale, id as MessageId, SAMPLE_VALUES);
        expect(text, id).not.toBe('');
        expect(text, id).not.toMatch(/[{}]/);
      }
    }
  });

  it('formats plurals and selections of ICU messages', () => {
    expect(t('en', 'role.focal_point', { rank: 'primary' })).toBe('Focal point (primary)');
    expect(t('en', 'role.focal_point', { rank: 'alternate' })).toBe('Focal point (alternate)');
    expect(t('en', 'invitation.password.hint', { min: 12 })).toBe('At least 12 characters. Several unrelated words make a good password.');
  });

  it('shows instants in UTC, labelled UTC, whatever the zone of the server', () => {
    expect(formatUtc('en', Date.parse('2023-08-16T23:59:59.999Z'))).toBe('August 16, 2023 at 23:59 UTC');
    expect(formatUtc('en', Date.parse('2023-03-28T00:05:00Z'))).toBe('March 28, 2023 at 00:05 UTC');
  });

  it('gives the direction of the script: rtl for Arabic, ltr otherwise', () => {
    expect(dirOf('en')).toBe('ltr');
    expect(dirOf('ar')).toBe('rtl');
    expect(dirOf('ar-EG')).toBe('rtl');
    expect(dirOf('zh')).toBe('ltr');
  });

  it('has a catalogued message for every rule of the password policy', () => {
    const email = 'kimminjun@msit.kr.test';
    const problems = [
      ...checkPassword('short', email),
      ...checkPassword('a'.repeat(PASSWORD_MAX + 1), email),
      ...checkPassword('my kimminjun password', email),
      ...checkPassword('zzzzzzzzzzzzzz', email),
    ];
    expect(new Set(problems.map((p) => p.message)).size).toBe(4);
    for (const problem of problems) expect(knownPasswordMessage('en', problem), problem.message).not.toBeNull();
  });
});
