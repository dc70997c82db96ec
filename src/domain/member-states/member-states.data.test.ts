import { describe, it, expect } from 'vitest';
import { DEFAULT_PROCEDURE_ID, procedureFor } from '../../procedures/registry.js';
import { MEMBER_STATES, MEMBER_STATES_SOURCE, type MemberStateRecord, type UnLanguage } from './member-states.data.js';

/** ITU counts 194 Member States: the 193 UN members and the Holy See ("Vatican City State" in ITU's list). */
const EXPECTED_MEMBER_STATES = 194;
/** Palestine (PP Resolution 99). */
const EXPECTED_OBSERVERS = 1;

function byCode(code: string): MemberStateRecord {
  const record = MEMBER_STATES.find((r) => r.code === code);
  if (record === undefined) throw new Error(`no entry for ${code}`);
  return record;
}

describe('MEMBER_STATES', () => {
  it(`holds exactly ${EXPECTED_MEMBER_STATES} member_state entries and ${EXPECTED_OBSERVERS} observer`, () => {
    const members = MEMBER_STATES.filter((r) => r.membership === 'member_state');
    const observers = MEMBER_STATES.filter((r) => r.membership === 'observer');
    expect(members).toHaveLength(EXPECTED_MEMBER_STATES);
    expect(observers).toHaveLength(EXPECTED_OBSERVERS);
    expect(MEMBER_STATES).toHaveLength(EXPECTED_MEMBER_STATES + EXPECTED_OBSERVERS);
  });

  it('has Palestine as its only observer', () => {
    expect(MEMBER_STATES.filter((r) => r.membership === 'observer').map((r) => r.code)).toEqual(['PS']);
  });

  it('uses well-formed upper-case ISO 3166-1 alpha-2 and alpha-3 codes', () => {
    for (const r of MEMBER_STATES) {
      expect(r.code, r.names.en).toMatch(/^[A-Z]{2}$/);
      expect(r.iso3, r.names.en).toMatch(/^[A-Z]{3}$/);
    }
  });

  it('has no duplicate alpha-2 code', () => {
    const codes = MEMBER_STATES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('has no duplicate alpha-3 code', () => {
    const codes = MEMBER_STATES.map((r) => r.iso3);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('is sorted by alpha-2 code', () => {
    const codes = MEMBER_STATES.map((r) => r.code);
    expect(codes).toEqual([...codes].sort());
  });

  it('gives every entry a non-empty, trimmed English designation, unique across the list', () => {
    for (const r of MEMBER_STATES) {
      expect(r.names.en.length, r.code).toBeGreaterThan(0);
      expect(r.names.en, r.code).toBe(r.names.en.trim());
    }
    const names = MEMBER_STATES.map((r) => r.names.en);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each([
    ['KR', 'KOR', 'Korea (Republic of)'],
    ['KP', 'PRK', "Democratic People's Republic of Korea"],
    ['BO', 'BOL', 'Bolivia (Plurinational State of)'],
    ['GB', 'GBR', 'United Kingdom of Great Britain and Northern Ireland'],
    ['US', 'USA', 'United States of America'],
    ['IR', 'IRN', 'Iran (Islamic Republic of)'],
    ['VA', 'VAT', 'Vatican City State'],
    ['PS', 'PSE', 'State of Palestine'],
    ['CG', 'COG', 'Congo (Republic of the)'],
    ['CD', 'COD', 'Democratic Republic of the Congo'],
    ['CI', 'CIV', "Côte d'Ivoire (Republic of)"],
    ['TR', 'TUR', 'Türkiye'],
    ['LA', 'LAO', "Lao People's Democratic Republic"],
    ['NL', 'NLD', 'Netherlands (Kingdom of the)'],
    // ITU's formal designations (ITU-R MID table), not the UN short names.
    ['AR', 'ARG', 'Argentine Republic'],
    ['CN', 'CHN', "China (People's Republic of)"],
    ['DE', 'DEU', 'Germany (Federal Republic of)'],
    ['DM', 'DMA', 'Dominica (Commonwealth of)'],
    ['GA', 'GAB', 'Gabonese Republic'],
    ['TG', 'TGO', 'Togolese Republic'],
    ['KG', 'KGZ', 'Kyrgyz Republic'],
    ['SK', 'SVK', 'Slovak Republic'],
    ['CZ', 'CZE', 'Czech Republic'],
    ['SZ', 'SWZ', 'Eswatini (Kingdom of)'],
    ['MK', 'MKD', 'North Macedonia (Republic of)'],
    ['UY', 'URY', 'Uruguay (Eastern Republic of)'],
    ['FR', 'FRA', 'France'],
  ])('designates %s (%s) officially as "%s"', (code, iso3, en) => {
    const r = byCode(code);
    expect(r.iso3).toBe(iso3);
    expect(r.names.en).toBe(en);
  });

  it('counts the Holy See (Vatican) as a Member State that may reply', () => {
    const va = byCode('VA');
    expect(va.membership).toBe('member_state');
    expect(va.mayReply).toBe(true);
  });

  it("does not let Palestine reply, and says why (PP Resolution 99; the procedure's rule that only Member States reply, cited by the procedure)", () => {
    const ps = byCode('PS');
    expect(ps.membership).toBe('observer');
    expect(ps.mayReply).toBe(false);
    expect(ps.eligibilityNote).toMatch(/Resolution 99/);
    expect(ps.eligibilityNote).toMatch(/Only Member States reply/);
    // The data names no clause: the default procedure refuses with this note and cites its own.
    expect(ps.eligibilityNote).not.toMatch(/§/);
    const procedure = procedureFor(DEFAULT_PROCEDURE_ID);
    const edition = procedure.defaultEdition;
    const answer = procedure.eligibility(
      'PS',
      {
        participantClass: 'member-state',
        mayReply: ps.mayReply,
        note: ps.eligibilityNote ?? null,
        consultedStates: null,
      },
      edition,
    );
    expect(answer).toEqual({
      eligible: false,
      reason: ps.eligibilityNote,
      // The clause number of the procedure's rule; pages and the API cite it with the instrument.
      clause: procedure.clauseFor('replyPeriod', edition),
    });
    expect(procedure.clauseFor('replyPeriod', edition)).not.toBeNull();
  });

  it('lets every Member State reply by default (eligibility is changed later, in the database)', () => {
    const barred = MEMBER_STATES.filter((r) => r.membership === 'member_state' && !r.mayReply);
    expect(barred.map((r) => r.code)).toEqual([]);
  });

  it('writes eligibilitySince, when present, as an ISO calendar date', () => {
    for (const r of MEMBER_STATES) {
      if (r.eligibilitySince !== undefined) expect(r.eligibilitySince, r.code).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe('MEMBER_STATES_SOURCE', () => {
  it('states an ISO-dated version and a non-empty source and note', () => {
    expect(MEMBER_STATES_SOURCE.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(MEMBER_STATES_SOURCE.source.length).toBeGreaterThan(0);
    expect(MEMBER_STATES_SOURCE.note.length).toBeGreaterThan(0);
  });
});

/** The six UN languages, in the UN's order. */
const LANGUAGES: readonly UnLanguage[] = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];

/**
 * The characters a designation may use, per language: letters of the language's own script, plain
 * spaces, parentheses, hyphens, and (Latin and Cyrillic) the apostrophe and the abbreviation dot.
 * This catches a Latin letter typed into a Cyrillic name ("Чеxия"), a stray non-breaking space, a
 * typographic apostrophe mixed with straight ones, and a name pasted into the wrong column.
 */
const SCRIPT_OF: Readonly<Record<UnLanguage, RegExp>> = {
  ar: /^[\p{Script=Arabic} ()-]+$/u,
  zh: /^\p{Script=Han}+$/u,
  en: /^[\p{Script=Latin} ()'.-]+$/u,
  fr: /^[\p{Script=Latin} ()'.-]+$/u,
  ru: /^[\p{Script=Cyrillic} ()'-]+$/u,
  es: /^[\p{Script=Latin} ()'.-]+$/u,
};

/** "X (Y)": the inverted form ITU's lists use ("Korea (Republic of)"). */
const INVERTED = /^[^()]+ \([^()]+\)$/u;

/**
 * Languages that do not write an inverted form. Chinese: UN and ITU Chinese write the full name,
 * uninverted ("Korea (Republic of)" → 大韩民国), and Chinese punctuation has no place for an
 * inverted qualifier.
 */
const NOT_INVERTING: Readonly<Partial<Record<UnLanguage, string>>> = {
  zh: 'Chinese writes the full UN name, never an inverted form',
};

/**
 * States whose designation is inverted in French, Spanish, Russian and Arabic as well as in English:
 * those the UN itself inverts in all its languages (BO, FM, IR, VE), and those written in ITU's
 * inverted style in every language since the list was first compiled. For the other States the English
 * is ITU's formal designation ("Albania (Republic of)") while French, Spanish, Russian and Arabic keep
 * the UN short name until ITU's list in those languages is checked (docs/member-states.md).
 */
const INVERTED_IN_EVERY_LANGUAGE: readonly string[] = [
  'BO',
  'CG',
  'FM',
  'GM',
  'IR',
  'KR',
  'MD',
  'NL',
  'SZ',
  'TZ',
  'VE',
];

describe('MEMBER_STATES designations in the six UN languages', () => {
  it.each(LANGUAGES)('gives every entry a non-empty %s designation without leading or trailing spaces', (lang) => {
    for (const r of MEMBER_STATES) {
      const name = r.names[lang];
      expect(typeof name, `${r.code}/${lang}`).toBe('string');
      expect(name.length, `${r.code}/${lang}`).toBeGreaterThan(0);
      expect(name, `${r.code}/${lang}`).toBe(name.trim());
      expect(name, `${r.code}/${lang}: double space`).not.toMatch(/ {2}/u);
    }
  });

  it('has exactly the six UN languages in every entry, no more', () => {
    for (const r of MEMBER_STATES) expect(Object.keys(r.names).sort(), r.code).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES)('never gives two entries the same %s designation', (lang) => {
    const names = MEMBER_STATES.map((r) => r.names[lang]);
    const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
    expect(duplicates).toEqual([]);
  });

  it.each(LANGUAGES)('writes every %s designation in the script of the language', (lang) => {
    const wrong = MEMBER_STATES.filter((r) => !SCRIPT_OF[lang].test(r.names[lang])).map(
      (r) => `${r.code}: ${r.names[lang]}`,
    );
    expect(wrong).toEqual([]);
  });

  it('writes Arabic names in Arabic script, Chinese names in Han characters and Russian names in Cyrillic', () => {
    for (const r of MEMBER_STATES) {
      expect(r.names.ar, r.code).toMatch(/\p{Script=Arabic}/u);
      expect(r.names.zh, r.code).toMatch(/\p{Script=Han}/u);
      expect(r.names.ru, r.code).toMatch(/\p{Script=Cyrillic}/u);
    }
  });

  it('inverts the designation in French, Spanish, Russian and Arabic for the States inverted in every language', () => {
    for (const code of INVERTED_IN_EVERY_LANGUAGE) {
      const r = byCode(code);
      expect(r.names.en, code).toMatch(INVERTED);
      for (const lang of LANGUAGES) {
        if (lang === 'en' || NOT_INVERTING[lang] !== undefined) continue;
        expect(r.names[lang], `${code}/${lang} (en: ${r.names.en})`).toMatch(INVERTED);
      }
    }
  });

  it("writes ITU's inverted English designation for most States", () => {
    expect(MEMBER_STATES.filter((r) => INVERTED.test(r.names.en)).length).toBeGreaterThanOrEqual(100);
  });

  it('does not invert a designation in another language where the English is not inverted', () => {
    for (const r of MEMBER_STATES) {
      if (INVERTED.test(r.names.en)) continue;
      for (const lang of LANGUAGES) expect(r.names[lang], `${r.code}/${lang}`).not.toMatch(/[()]/u);
    }
  });

  it('writes Chinese designations without an inverted form (documented exception)', () => {
    expect(NOT_INVERTING.zh).toBeDefined();
    for (const r of MEMBER_STATES) expect(r.names.zh, r.code).not.toMatch(/[()（）]/u);
  });

  it.each([
    [
      'KR',
      {
        ar: 'كوريا (جمهورية)',
        zh: '大韩民国',
        en: 'Korea (Republic of)',
        fr: 'Corée (République de)',
        ru: 'Корея (Республика)',
        es: 'Corea (República de)',
      },
    ],
    ['VA', { ar: 'الفاتيكان', zh: '梵蒂冈', en: 'Vatican City State', fr: 'Vatican', ru: 'Ватикан', es: 'Vaticano' }],
    [
      'US',
      {
        ar: 'الولايات المتحدة الأمريكية',
        zh: '美利坚合众国',
        en: 'United States of America',
        fr: "Etats-Unis d'Amérique",
        ru: 'Соединенные Штаты Америки',
        es: 'Estados Unidos de América',
      },
    ],
    [
      'DO',
      {
        ar: 'الجمهورية الدومينيكية',
        zh: '多米尼加共和国',
        en: 'Dominican Republic',
        fr: 'République dominicaine',
        ru: 'Доминиканская Республика',
        es: 'República Dominicana',
      },
    ],
    [
      'DM',
      {
        ar: 'دومينيكا',
        zh: '多米尼克',
        en: 'Dominica (Commonwealth of)',
        fr: 'Dominique',
        ru: 'Доминика',
        es: 'Dominica',
      },
    ],
    [
      'KP',
      {
        ar: 'جمهورية كوريا الشعبية الديمقراطية',
        zh: '朝鲜民主主义人民共和国',
        en: "Democratic People's Republic of Korea",
        fr: 'République populaire démocratique de Corée',
        ru: 'Корейская Народно-Демократическая Республика',
        es: 'República Popular Democrática de Corea',
      },
    ],
    [
      'LA',
      {
        ar: 'جمهورية لاو الديمقراطية الشعبية',
        zh: '老挝人民民主共和国',
        en: "Lao People's Democratic Republic",
        fr: 'République démocratique populaire lao',
        ru: 'Лаосская Народно-Демократическая Республика',
        es: 'República Democrática Popular Lao',
      },
    ],
    [
      'FM',
      {
        ar: 'ميكرونيزيا (ولايات - الموحدة)',
        zh: '密克罗尼西亚联邦',
        en: 'Micronesia (Federated States of)',
        fr: 'Micronésie (Etats fédérés de)',
        ru: 'Микронезия (Федеративные Штаты)',
        es: 'Micronesia (Estados Federados de)',
      },
    ],
    [
      'DE',
      {
        ar: 'ألمانيا',
        zh: '德国',
        en: 'Germany (Federal Republic of)',
        fr: 'Allemagne',
        ru: 'Германия',
        es: 'Alemania',
      },
    ],
    [
      'IR',
      {
        ar: 'إيران (جمهورية - الإسلامية)',
        zh: '伊朗伊斯兰共和国',
        en: 'Iran (Islamic Republic of)',
        fr: "Iran (République islamique d')",
        ru: 'Иран (Исламская Республика)',
        es: 'Irán (República Islámica del)',
      },
    ],
    ['TR', { ar: 'تركيا', zh: '土耳其', en: 'Türkiye', fr: 'Türkiye', ru: 'Турция', es: 'Türkiye' }],
  ] as const)('designates %s in ITU/UN style in all six languages', (code, names) => {
    expect(byCode(code).names).toEqual(names);
  });

  it('writes French capitals without accents, in ITU house style ("Etats-Unis", "Egypte")', () => {
    const accentedCapital = MEMBER_STATES.filter((r) => /[ÉÈÊÎÏ]/u.test(r.names.fr)).map((r) => r.names.fr);
    expect(accentedCapital).toEqual([]);
  });

  it('keeps Dominica and the Dominican Republic apart in Chinese: neither name is the start of the other', () => {
    const dm = byCode('DM').names.zh;
    const do_ = byCode('DO').names.zh;
    expect(dm).toBe('多米尼克');
    expect(do_).toBe('多米尼加共和国');
    expect(do_.startsWith(dm)).toBe(false);
    expect(dm.startsWith(do_)).toBe(false);
  });

  it.each(LANGUAGES)('never gives two entries %s designations that differ only in case, accents or spacing', (lang) => {
    const key = (name: string) =>
      name
        .normalize('NFD')
        .replace(/\p{Mn}/gu, '')
        .replace(/[\s.'-]/gu, '')
        .toLowerCase();
    const keys = MEMBER_STATES.map((r) => key(r.names[lang]));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('states in the source note that the five translations are unverified and must be reviewed', () => {
    expect(MEMBER_STATES_SOURCE.note).toMatch(/verified one by one/u);
    expect(MEMBER_STATES_SOURCE.note).toMatch(/should review/u);
  });
});
