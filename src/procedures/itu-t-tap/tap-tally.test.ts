import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { TAP_POSITION_KINDS as POSITION_KINDS } from './tap-schemas.js';
import { tapClauses } from './tap-clauses.js';
import { countPositions, formatPercent, meetsSeventyPercent, neededMoreSupport, tallyText } from './tap-tally.js';
import type { PositionCounts } from './tap-tally.js';

const clauses = tapClauses('Rev. Geneva, 2022');

function counts(support: number, nonSupport: number, unclear = 0): PositionCounts {
  return { support, nonSupport, unclear };
}

/** The 70 % rule decided exactly, independently of the code under test: support/replies >= 7/10. */
function exactlyMeetsSeventy(support: number, replies: number): boolean {
  return 10n * BigInt(support) >= 7n * BigInt(replies);
}

/** Realistic counts: ITU has 194 Member States; a wider range still keeps every product exact. */
const count = fc.nat({ max: 10_000 });

/** A list of positions together with a permutation of it. */
const positionsAndPermutation = fc
  .array(fc.constantFrom(...POSITION_KINDS), { maxLength: 200 })
  .chain((positions) =>
    fc.tuple(
      fc.constant(positions),
      fc.shuffledSubarray(positions, { minLength: positions.length, maxLength: positions.length }),
    ),
  );

describe('tallyText boundaries (Res. 1 §9.4.5–9.4.6, 70 per cent or more of the replies)', () => {
  it('7 supporting replies of 10 (exactly 70 %) may proceed under §9.4.5', () => {
    const tally = tallyText(counts(7, 3), clauses);
    expect(tally).toMatchObject({
      replies: 10,
      outcome: 'may_proceed',
      basis: 'threshold_met',
      percent: '70.00',
      neededMoreSupport: 0,
      clause: '§9.4.5',
    });
  });

  it('14 supporting replies of 20 may proceed', () => {
    expect(tallyText(counts(14, 6), clauses)).toMatchObject({
      replies: 20,
      outcome: 'may_proceed',
      basis: 'threshold_met',
      percent: '70.00',
    });
  });

  it('6 supporting replies of 10 (60 %) may not be considered at this meeting', () => {
    expect(tallyText(counts(6, 4), clauses)).toMatchObject({
      outcome: 'not_at_this_meeting',
      basis: 'threshold_not_met',
      percent: '60.00',
    });
  });

  // 16/23 = 69.5652…% → "69.57". 10·16 = 160 < 161 = 7·23, so it fails. One more supporting reply
  // gives 17/24: 10·17 = 170 ≥ 168 = 7·24, so it passes; the formula gives ⌈(7·23 − 10·16)/3⌉ = ⌈1/3⌉ = 1.
  it('16 supporting replies of 23 (69.57 %) fail under §9.4.6 and needed exactly 1 more supporting reply', () => {
    const tally = tallyText(counts(16, 7), clauses);
    expect(tally).toMatchObject({
      replies: 23,
      support: 16,
      nonSupport: 7,
      percent: '69.57',
      outcome: 'not_at_this_meeting',
      basis: 'threshold_not_met',
      neededMoreSupport: 1,
      clause: '§9.4.6',
    });
    expect(tallyText(counts(17, 7), clauses).outcome).toBe('may_proceed');
  });

  it('no replies at all may proceed, with basis no_replies and no percentage (§9.4.5 "or if there are no replies")', () => {
    expect(tallyText(counts(0, 0), clauses)).toEqual({
      replies: 0,
      support: 0,
      nonSupport: 0,
      unclear: 0,
      percent: null,
      outcome: 'may_proceed',
      basis: 'no_replies',
      threshold: 0.7,
      neededMoreSupport: 0,
      clause: '§9.4.5',
      citation: 'WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.5',
    });
  });

  it('a single reply that does not assign authority fails (0 of 1) and needed 3 more supporting replies', () => {
    // 0/1 → 1/2 (50 %) → 2/3 (66.67 %) → 3/4 (75 %): 10·3 = 30 ≥ 28 = 7·4.
    expect(tallyText(counts(0, 1), clauses)).toMatchObject({
      replies: 1,
      percent: '0.00',
      outcome: 'not_at_this_meeting',
      neededMoreSupport: 3,
      clause: '§9.4.6',
    });
  });

  it('a single supporting reply passes (1 of 1, 100 %)', () => {
    expect(tallyText(counts(1, 0), clauses)).toMatchObject({
      replies: 1,
      percent: '100.00',
      outcome: 'may_proceed',
      basis: 'threshold_met',
    });
  });

  it('unclear forms are shown but excluded from the denominator', () => {
    const tally = tallyText(counts(7, 3, 5), clauses);
    expect(tally).toMatchObject({ replies: 10, unclear: 5, percent: '70.00', outcome: 'may_proceed' });
  });

  it('only unclear forms count as no replies and may proceed', () => {
    expect(tallyText(counts(0, 0, 4), clauses)).toMatchObject({
      replies: 0,
      unclear: 4,
      outcome: 'may_proceed',
      basis: 'no_replies',
      percent: null,
    });
  });

  it('cites §9.4.5 with the edition when the text passes and §9.4.6 when it fails', () => {
    expect(tallyText(counts(7, 3), clauses).citation).toBe('WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.5');
    expect(tallyText(counts(6, 4), clauses).citation).toBe('WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.6');
    expect(tallyText(counts(6, 4), tapClauses('Rev. Hammamet, 2016')).citation).toBe(
      'WTSA Resolution 1 (Rev. Hammamet, 2016) §9.4.6',
    );
  });

  it('refuses negative, fractional or non-finite counts', () => {
    expect(() => tallyText(counts(-1, 0), clauses)).toThrow(RangeError);
    expect(() => tallyText(counts(0, -1), clauses)).toThrow(RangeError);
    expect(() => tallyText(counts(0, 0, -1), clauses)).toThrow(RangeError);
    expect(() => tallyText(counts(1.5, 0), clauses)).toThrow(RangeError);
    expect(() => tallyText(counts(0, 0.5), clauses)).toThrow(RangeError);
    expect(() => tallyText(counts(0, 0, 0.1), clauses)).toThrow(RangeError);
    expect(() => tallyText(counts(Number.NaN, 0), clauses)).toThrow(RangeError);
    expect(() => tallyText(counts(Number.POSITIVE_INFINITY, 0), clauses)).toThrow(RangeError);
  });

  // Counts the function accepts (safe integers) must be decided exactly, as the 70 % rule is
  // "70 per cent or more" with no rounding: 10·s ≥ 7·r must not be evaluated in rounded floats.
  it('decides exactly for large safe-integer counts, where 10·support and 7·replies exceed 2^53', () => {
    const support = 2_251_799_813_685_251;
    const nonSupport = 965_057_063_007_965;
    // 10·s = 22517998136852510 < 22517998136852512 = 7·(s + n): fails by 2 in exact arithmetic.
    expect(exactlyMeetsSeventy(support, support + nonSupport)).toBe(false);
    expect(tallyText(counts(support, nonSupport), clauses).outcome).toBe('not_at_this_meeting');
  });
});

describe('meetsSeventyPercent', () => {
  it('is inclusive at 70 % and exact just below it', () => {
    expect(meetsSeventyPercent(7, 10)).toBe(true);
    expect(meetsSeventyPercent(69, 99)).toBe(false); // 69.70 % rounds to 70 but 690 < 693
    expect(meetsSeventyPercent(699, 1000)).toBe(false);
    expect(meetsSeventyPercent(700, 1000)).toBe(true);
  });
});

describe('neededMoreSupport', () => {
  it('is 0 when the text already passes', () => {
    expect(neededMoreSupport(7, 10)).toBe(0);
    expect(neededMoreSupport(0, 0)).toBe(0);
  });

  // Each extra supporting reply adds to both numerator and denominator, so k = ⌈(7r − 10s)/3⌉.
  it('gives the least number of extra supporting replies: 6/10 needs 4, 5/10 needs 7, 0/10 needs 24', () => {
    expect(neededMoreSupport(6, 10)).toBe(4); // 9/13: 90 < 91 fails; 10/14: 100 ≥ 98 passes
    expect(neededMoreSupport(5, 10)).toBe(7); // 11/16: 110 < 112 fails; 12/17: 120 ≥ 119 passes
    expect(neededMoreSupport(0, 10)).toBe(24); // 23/33: 230 < 231 fails; 24/34: 240 ≥ 238 passes
    expect(neededMoreSupport(16, 23)).toBe(1);
    expect(neededMoreSupport(0, 1)).toBe(3);
  });
});

describe('tallyText properties', () => {
  test.prop([count, count, count])(
    'the outcome is may_proceed exactly when there are no replies or support/replies ≥ 7/10 in exact rational arithmetic',
    (support, nonSupport, unclear) => {
      const replies = support + nonSupport;
      const tally = tallyText(counts(support, nonSupport, unclear), clauses);
      const expected = replies === 0 || exactlyMeetsSeventy(support, replies) ? 'may_proceed' : 'not_at_this_meeting';
      expect(tally.outcome).toBe(expected);
      expect(tally.replies).toBe(replies);
      expect(tally.clause).toBe(expected === 'may_proceed' ? '§9.4.5' : '§9.4.6');
    },
  );

  test.prop([count, count])(
    'adding a supporting reply never turns may_proceed into not_at_this_meeting',
    (support, nonSupport) => {
      const before = tallyText(counts(support, nonSupport), clauses).outcome;
      const after = tallyText(counts(support + 1, nonSupport), clauses).outcome;
      if (before === 'may_proceed') expect(after).toBe('may_proceed');
    },
  );

  test.prop([count, count])(
    'adding a reply that does not assign authority never turns not_at_this_meeting into may_proceed',
    (support, nonSupport) => {
      const before = tallyText(counts(support, nonSupport), clauses).outcome;
      const after = tallyText(counts(support, nonSupport + 1), clauses).outcome;
      if (before === 'not_at_this_meeting') expect(after).toBe('not_at_this_meeting');
    },
  );

  test.prop([count, count])(
    'neededMoreSupport k is minimal: k more supporting replies pass and k − 1 do not',
    (support, nonSupport) => {
      const replies = support + nonSupport;
      const k = neededMoreSupport(support, replies);
      expect(Number.isInteger(k) && k >= 0).toBe(true);
      expect(exactlyMeetsSeventy(support + k, replies + k)).toBe(true);
      if (k > 0) expect(exactlyMeetsSeventy(support + k - 1, replies + k - 1)).toBe(false);
      expect(tallyText(counts(support, nonSupport), clauses).neededMoreSupport).toBe(replies === 0 ? 0 : k);
    },
  );

  test.prop([positionsAndPermutation])(
    'countPositions does not depend on the order of the positions',
    ([positions, permuted]) => {
      expect(countPositions(permuted)).toEqual(countPositions(positions));
      expect(countPositions([...positions].reverse())).toEqual(countPositions(positions));
    },
  );

  test.prop([fc.array(fc.constantFrom(...POSITION_KINDS), { maxLength: 200 })])(
    'countPositions counts every position once, in the box it belongs to',
    (positions) => {
      const c = countPositions(positions);
      expect(c.support).toBe(positions.filter((p) => p === 'assigns_authority').length);
      expect(c.nonSupport).toBe(positions.filter((p) => p === 'does_not_assign_authority').length);
      expect(c.unclear).toBe(positions.filter((p) => p === 'unclear').length);
    },
  );

  test.prop([count, count, count, count])(
    'the number of unclear forms never changes the outcome, percentage or needed support',
    (support, nonSupport, unclearA, unclearB) => {
      const a = tallyText(counts(support, nonSupport, unclearA), clauses);
      const b = tallyText(counts(support, nonSupport, unclearB), clauses);
      expect({ ...a, unclear: 0 }).toEqual({ ...b, unclear: 0 });
    },
  );
});

describe('formatPercent (display only, two decimals, half-up)', () => {
  it('rounds 2/3 to "66.67", 1/3 to "33.33" and shows 7/10 as "70.00"', () => {
    expect(formatPercent(2, 3)).toBe('66.67');
    expect(formatPercent(1, 3)).toBe('33.33');
    expect(formatPercent(7, 10)).toBe('70.00');
  });

  it('rounds an exact half basis point up (1/32 = 3.125 % → "3.13") and shows 0 and 100', () => {
    expect(formatPercent(1, 32)).toBe('3.13');
    expect(formatPercent(0, 5)).toBe('0.00');
    expect(formatPercent(5, 5)).toBe('100.00');
    expect(formatPercent(16, 23)).toBe('69.57');
  });

  it('is null with no replies', () => {
    expect(formatPercent(0, 0)).toBeNull();
  });

  test.prop([count, fc.integer({ min: 1, max: 10_000 })])(
    'is within half a hundredth of a per cent of the exact ratio',
    (a, b) => {
      const support = Math.min(a, b);
      const replies = b;
      const shown = formatPercent(support, replies);
      expect(shown).toMatch(/^\d{1,3}\.\d{2}$/);
      // |shown·100·replies − 10000·support| ≤ replies/2, in integers (shown is in hundredths).
      const hundredths = BigInt(shown!.replace('.', ''));
      const diff = hundredths * BigInt(replies) - 10_000n * BigInt(support);
      expect(2n * (diff < 0n ? -diff : diff) <= BigInt(replies)).toBe(true);
    },
  );
});
