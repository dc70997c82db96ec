import { describe, it, expect } from 'vitest';
import { MEMBER_STATES, MEMBER_STATES_SOURCE, type MemberStateRecord } from './member-states.data.js';

/** ITU counts 194 Member States: the 193 UN members and the Holy See ("Vatican"). */
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

  it('gives no empty designation in the optional languages', () => {
    for (const r of MEMBER_STATES) {
      for (const lang of ['ar', 'zh', 'fr', 'ru', 'es'] as const) {
        const name = r.names[lang];
        if (name !== undefined) expect(name.trim().length, `${r.code}/${lang}`).toBeGreaterThan(0);
      }
    }
  });

  it.each([
    ['KR', 'KOR', 'Korea (Republic of)'],
    ['KP', 'PRK', "Dem. People's Rep. of Korea"],
    ['BO', 'BOL', 'Bolivia (Plurinational State of)'],
    ['GB', 'GBR', 'United Kingdom of Great Britain and Northern Ireland'],
    ['US', 'USA', 'United States'],
    ['IR', 'IRN', 'Iran (Islamic Republic of)'],
    ['VA', 'VAT', 'Vatican'],
    ['PS', 'PSE', 'Palestine'],
    ['CG', 'COG', 'Congo (Republic of the)'],
    ['CD', 'COD', 'Democratic Republic of the Congo'],
    ['CI', 'CIV', "Côte d'Ivoire"],
    ['TR', 'TUR', 'Türkiye'],
    ['LA', 'LAO', 'Lao P.D.R.'],
    ['NL', 'NLD', 'Netherlands (Kingdom of the)'],
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

  it('does not let Palestine reply, and says why (PP Resolution 99, WTSA Res. 1 §9.4.1)', () => {
    const ps = byCode('PS');
    expect(ps.membership).toBe('observer');
    expect(ps.mayReply).toBe(false);
    expect(ps.eligibilityNote).toMatch(/Resolution 99/);
    expect(ps.eligibilityNote).toMatch(/Resolution 1 §9\.4\.1/);
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
