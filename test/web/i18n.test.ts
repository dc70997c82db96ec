import { describe, expect, it } from 'vitest';
import { checkPassword, PASSWORD_MAX } from '../../src/domain/identity/password-policy.js';
import { knownPasswordMessage } from '../../src/http/web/field-messages.js';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { checkMessage } from '../../src/i18n/message-checks.js';
import {
  dirOf,
  ENGLISH_AREAS,
  formatUtc,
  LOCALES,
  messageIds,
  messageSource,
  t,
  type MessageId,
} from '../../src/i18n/i18n.js';

/**
 * A sample value for each placeholder of a parsed message: a number for plurals and number
 * arguments, a date for date/time arguments, the first option for selects, a word otherwise.
 */
function sampleValues(
  elements: readonly MessageFormatElement[],
  values: Record<string, string | number | Date> = {},
): Record<string, string | number | Date> {
  for (const element of elements) {
    if (element.type === TYPE.argument) values[element.value] ??= 'sample';
    else if (element.type === TYPE.number || element.type === TYPE.plural) values[element.value] = 3;
    else if (element.type === TYPE.date || element.type === TYPE.time)
      values[element.value] = new Date(Date.UTC(2023, 2, 28));
    else if (element.type === TYPE.select)
      values[element.value] = Object.keys(element.options).find((key) => key !== 'other') ?? 'other';
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) sampleValues(option.value, values);
    if (element.type === TYPE.tag) sampleValues(element.children, values);
  }
  return values;
}

describe('message catalogues', () => {
  it('have the key set of the English catalogue in every locale', () => {
    const english = messageIds('en').sort();
    for (const locale of LOCALES) expect(messageIds(locale).sort()).toEqual(english);
  });

  it('has each id in one area file only (a later area would silently replace an earlier one)', () => {
    const seen = new Map<string, string>();
    for (const [area, messages] of Object.entries(ENGLISH_AREAS)) {
      for (const id of Object.keys(messages)) {
        expect(seen.get(id), `${id} is in ${seen.get(id)} and ${area}`).toBeUndefined();
        seen.set(id, area);
      }
    }
  });

  it('format every message of every locale (ICU syntax valid, no placeholder without a value)', () => {
    for (const locale of LOCALES) {
      for (const id of messageIds(locale)) {
        const text = t(locale, id as MessageId, sampleValues(parse(messageSource(locale, id as MessageId))));
        expect(text, id).not.toBe('');
        expect(text, id).not.toMatch(/[{}]/);
      }
    }
  });

  it('keeps in every locale the placeholders of the English message, and gives each plural every category of its language', () => {
    // The same checks as the import of a reviewed XLIFF file (src/i18n/message-checks.ts).
    const problems: string[] = [];
    for (const locale of LOCALES)
      for (const id of messageIds(locale))
        for (const problem of checkMessage(
          locale,
          messageSource(locale, id as MessageId),
          messageSource('en', id as MessageId),
        ))
          problems.push(`${locale} ${id}: ${problem.code} ${problem.detail} ${problem.found ?? ''}`);
    expect(problems).toEqual([]);
  });

  it('formats plurals and selections of ICU messages', () => {
    expect(t('en', 'role.focal_point', { rank: 'primary' })).toBe('Focal point (primary)');
    expect(t('en', 'role.focal_point', { rank: 'alternate' })).toBe('Focal point (alternate)');
    expect(t('en', 'invitation.password.hint', { min: 12 })).toBe(
      'At least 12 characters. Several unrelated words make a good password.',
    );
  });

  it('shows instants in UTC, labelled UTC, whatever the zone of the server', () => {
    expect(formatUtc('en', Date.parse('2023-08-16T23:59:59.999Z'))).toBe('16 August 2023 at 23:59 UTC');
    expect(formatUtc('en', Date.parse('2023-03-28T00:05:00Z'))).toBe('28 March 2023 at 00:05 UTC');
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
