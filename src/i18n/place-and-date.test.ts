import { describe, expect, it } from 'vitest';
import { placeAndDate } from './i18n.js';

describe('placeAndDate', () => {
  it('joins where and when a form was signed as each language does, and writes one alone as it is', () => {
    expect(placeAndDate('en', 'Sejong', '1 May 2023')).toBe('Sejong, 1 May 2023');
    expect(placeAndDate('ar', 'سيجونغ', '1 مايو 2023')).toBe('سيجونغ، 1 مايو 2023');
    expect(placeAndDate('zh', '世宗', '2023年5月1日')).toBe('世宗，2023年5月1日');
    expect(placeAndDate('fr', 'Sejong', null)).toBe('Sejong');
    expect(placeAndDate('fr', '', '1 mai 2023')).toBe('1 mai 2023');
    expect(placeAndDate('fr', null, null)).toBe('');
  });
});
