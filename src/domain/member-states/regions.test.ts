import { describe, expect, it } from 'vitest';
import { MEMBER_STATES } from './member-states.data.js';
import { regionOf, UN_REGIONS } from './regions.js';

describe('the M49 region of each Member State', () => {
  it('puts every State of the shipped list in exactly one region, and knows no other code', () => {
    const regions = MEMBER_STATES.map((s) => [s.code, regionOf(s.code)] as const);
    expect(regions.filter(([, region]) => region === null)).toEqual([]);
    expect(regionOf('ZZ')).toBeNull();
  });

  it('counts the States of each region as M49 does (54 in Africa, 35 in the Americas, 14 in Oceania)', () => {
    const count = (region: (typeof UN_REGIONS)[number]) =>
      MEMBER_STATES.filter((s) => regionOf(s.code) === region).length;
    expect(count('africa')).toBe(54);
    expect(count('americas')).toBe(35);
    expect(count('oceania')).toBe(14);
    expect(UN_REGIONS.reduce((n, r) => n + count(r), 0)).toBe(MEMBER_STATES.length);
  });

  it('follows M49 where a reader might guess otherwise: Cyprus, Türkiye and the Caucasus in Asia, Russia in Europe, Egypt in Africa', () => {
    expect(['CY', 'TR', 'GE', 'AM', 'AZ', 'KZ'].map(regionOf)).toEqual(Array(6).fill('asia'));
    expect(regionOf('RU')).toBe('europe');
    expect(regionOf('EG')).toBe('africa');
  });
});
