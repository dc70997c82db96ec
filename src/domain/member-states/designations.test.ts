import { describe, it, expect } from 'vitest';
import { MEMBER_STATES } from './member-states.data.js';
import { designation, designationCollator, sortedMemberStates, UN_LANGUAGES, unLanguageOf } from './designations.js';

describe('unLanguageOf', () => {
  it.each([
    ['fr', 'fr'],
    ['fr-CH', 'fr'],
    ['zh-Hans-CN', 'zh'],
    ['AR', 'ar'],
    ['es_419', 'es'],
    ['ru', 'ru'],
    ['de', 'en'],
    ['pt-BR', 'en'],
    ['', 'en'],
    ['not a tag', 'en'],
  ])('reads %j as %s', (locale, language) => {
    expect(unLanguageOf(locale)).toBe(language);
  });
});

describe('designation', () => {
  it('gives the ITU designation in each of the six languages', () => {
    expect(UN_LANGUAGES.map((l) => designation('KR', l))).toEqual([
      'كوريا (جمهورية)',
      '大韩民国',
      'Korea (Republic of)',
      'Corée (République de)',
      'Корея (Республика)',
      'Corea (República de)',
    ]);
  });

  it('accepts a regional locale and a lower-case code', () => {
    expect(designation('kr', 'fr-CH')).toBe('Corée (République de)');
    expect(designation('VA', 'es-MX')).toBe('Vaticano');
  });

  it('falls back to English for a locale that is not a UN language', () => {
    expect(designation('KR', 'de')).toBe('Korea (Republic of)');
    expect(designation('DE', 'ja-JP')).toBe('Germany (Federal Republic of)');
    expect(designation('CI', '')).toBe("Côte d'Ivoire (Republic of)");
  });

  it('gives undefined for a code that is not in the list, whatever the locale', () => {
    expect(designation('XX', 'fr')).toBeUndefined();
    expect(designation('TW', 'zh')).toBeUndefined();
  });
});

describe('sortedMemberStates', () => {
  const codeOrder = MEMBER_STATES.map((r) => r.code);

  it.each(UN_LANGUAGES)('sorts every entry by the %s collation of its designation', (lang) => {
    const sorted = sortedMemberStates(lang);
    expect(sorted).toHaveLength(MEMBER_STATES.length);
    expect(new Set(sorted.map((s) => s.code))).toEqual(new Set(codeOrder));
    const collator = new Intl.Collator(lang);
    for (let i = 1; i < sorted.length; i++) {
      expect(
        collator.compare(sorted[i - 1]!.name, sorted[i]!.name),
        `${sorted[i - 1]!.name} / ${sorted[i]!.name}`,
      ).toBeLessThan(0);
    }
    for (const s of sorted) expect(s.name).toBe(s.record.names[lang]);
  });

  it.each(UN_LANGUAGES)('gives the same %s order every time, and not the code order', (lang) => {
    const first = sortedMemberStates(lang).map((s) => s.code);
    expect(sortedMemberStates(lang).map((s) => s.code)).toEqual(first);
    expect(sortedMemberStates(`${lang}-XX`).map((s) => s.code)).toEqual(first);
    expect(first).not.toEqual(codeOrder);
  });

  it('orders each language by its own designations, so the orders differ', () => {
    const orders = UN_LANGUAGES.map((l) =>
      sortedMemberStates(l)
        .map((s) => s.code)
        .join(),
    );
    expect(new Set(orders).size).toBe(UN_LANGUAGES.length);
  });

  it('places Germany under A in French and Spanish, under G in English', () => {
    const position = (lang: string, code: string) => sortedMemberStates(lang).findIndex((s) => s.code === code);
    expect(position('fr', 'DE')).toBeLessThan(position('fr', 'AT'));
    expect(position('es', 'DE')).toBeLessThan(position('es', 'AO'));
    expect(position('en', 'DE')).toBeGreaterThan(position('en', 'FR'));
  });

  it('sorts Chinese by pinyin (ICU default for zh): 阿富汗 Afuhan, 巴西 Baxi, 美利坚合众国 Meilijian, 中国 Zhongguo', () => {
    const codes = sortedMemberStates('zh').map((s) => s.code);
    const at = (code: string) => codes.indexOf(code);
    expect(at('AF')).toBeLessThan(at('BR'));
    expect(at('BR')).toBeLessThan(at('US'));
    expect(at('US')).toBeLessThan(at('CN'));
    expect(codes.at(-1)).toBe('CN');
  });

  it('sorts Russian by the Cyrillic alphabet (Австралия first, Япония last)', () => {
    const sorted = sortedMemberStates('ru');
    expect(sorted[0]?.name).toBe('Австралия');
    expect(sorted.at(-1)?.name).toBe('Япония');
  });

  it('sorts in English for a locale that is not a UN language', () => {
    expect(sortedMemberStates('de').map((s) => s.code)).toEqual(sortedMemberStates('en').map((s) => s.code));
  });

  it('sorts a subset without changing the list it is given', () => {
    const subset = MEMBER_STATES.filter((r) => ['KR', 'FR', 'CN'].includes(r.code));
    const before = subset.map((r) => r.code);
    expect(sortedMemberStates('fr', subset).map((s) => s.code)).toEqual(['CN', 'KR', 'FR']);
    expect(sortedMemberStates('en', subset).map((s) => s.code)).toEqual(['CN', 'FR', 'KR']);
    expect(subset.map((r) => r.code)).toEqual(before);
  });

  it('reuses one collator per language', () => {
    expect(designationCollator('fr-FR')).toBe(designationCollator('fr'));
    expect(designationCollator('zh').resolvedOptions().locale).toBe('zh');
  });
});
