import type { PositionKind } from '../../domain/reply/reply.js';
import type { TallyOutcomeDefinition, TextTally } from '../../domain/procedure/outcomes.js';
import type { TallyFigure } from '../../domain/procedure/presentation.js';
import { citeClause, type TapClauses } from './tap-clauses.js';

/** Counts of the counted replies for one text. */
export interface PositionCounts {
  /** Replies that assign authority, with or without comments. */
  readonly support: number;
  /** Replies that do not assign authority. */
  readonly nonSupport: number;
  /** Recorded forms whose position cannot be read (both boxes or neither ticked): excluded from the count until clarified. */
  readonly unclear: number;
}

/** What the consultation allows for a text: the meeting may consider it (§9.4.5), or not at this meeting (§9.4.6). */
export type ConsultationOutcome = 'may_proceed' | 'not_at_this_meeting';

/** Why the outcome is what it is. */
export type OutcomeBasis = 'no_replies' | 'threshold_met' | 'threshold_not_met';

/** TAP's outcomes of the consultation: only a text that may proceed goes to the meeting's decision. */
export const TAP_TALLY_OUTCOMES: readonly TallyOutcomeDefinition[] = [
  { id: 'may_proceed', passes: true },
  { id: 'not_at_this_meeting', passes: false },
];
export const TAP_TALLY_BASES: readonly OutcomeBasis[] = ['no_replies', 'threshold_met', 'threshold_not_met'];

/** The TAP rule's result on one text, with TAP's own figures. */
export interface TapTally {
  /** The denominator: replies received by the deadline that took a position (not all Member States). */
  readonly replies: number;
  readonly support: number;
  readonly nonSupport: number;
  /** Unclear forms, shown but not counted. */
  readonly unclear: number;
  /** support/replies in per cent with two decimals, for display only; null with no replies. Never used to decide. */
  readonly percent: string | null;
  readonly outcome: ConsultationOutcome;
  readonly basis: OutcomeBasis;
  /** The share of the counted replies the rule needs, for display only (the rule compares in integers). */
  readonly threshold: number;
  /** How many more supporting replies would have been needed to reach the threshold (0 when it passes). */
  readonly neededMoreSupport: number;
  /** Clause number applied (§9.4.5 or §9.4.6 in the edition's numbering). */
  readonly clause: string;
  /** Clause written for people, with the instrument and edition. */
  readonly citation: string;
}

/** The 70 % threshold as the ratio 7/10, compared in integers (never a rounded float). */
const THRESHOLD_NUMERATOR = 7;
const THRESHOLD_DENOMINATOR = 10;

/**
 * True when `support` of `replies` is "70 per cent or more" (Res. 1 §9.4.5), exactly:
 * `10 * support >= 7 * replies`. 7/10 and 14/20 pass; 16/23 (69.57 %) fails.
 */
export function meetsSeventyPercent(support: number, replies: number): boolean {
  // BigInt keeps the comparison exact for every safe integer (10 × 2^53 would round as a float).
  return BigInt(THRESHOLD_DENOMINATOR) * BigInt(support) >= BigInt(THRESHOLD_NUMERATOR) * BigInt(replies);
}

/**
 * The smallest number of additional supporting replies that would have made the text pass
 * (each one adds to both numerator and denominator): the least k ≥ 0 with
 * 10(s + k) ≥ 7(r + k), i.e. k = ⌈(7r − 10s) / 3⌉.
 */
export function neededMoreSupport(support: number, replies: number): number {
  const deficit = BigInt(THRESHOLD_NUMERATOR) * BigInt(replies) - BigInt(THRESHOLD_DENOMINATOR) * BigInt(support);
  if (deficit <= 0n) return 0;
  const perReply = BigInt(THRESHOLD_DENOMINATOR - THRESHOLD_NUMERATOR);
  return Number((deficit + perReply - 1n) / perReply);
}

/** support/replies as a percentage string with two decimals, computed in integers (half-up). */
export function formatPercent(support: number, replies: number): string | null {
  if (replies === 0) return null;
  const r = BigInt(replies);
  const basisPoints = (BigInt(support) * 20_000n + r) / (2n * r);
  const whole = basisPoints / 100n;
  const fraction = String(basisPoints % 100n).padStart(2, '0');
  return `${whole}.${fraction}`;
}

/**
 * The TAP consultation rule for one text (Res. 1 §9.4.5–9.4.6). The denominator is the replies
 * from Member States received by the due date — not all Member States, nor those at the meeting.
 * - no replies at all: approval may be considered (§9.4.5, "or if there are no replies");
 * - 70 % or more of the replies support: approval may be considered (§9.4.5);
 * - otherwise: the text may not be considered at this meeting (§9.4.6).
 */
export function tallyText(counts: PositionCounts, clauses: TapClauses): TapTally {
  assertCount(counts.support, 'support');
  assertCount(counts.nonSupport, 'nonSupport');
  assertCount(counts.unclear, 'unclear');
  const replies = counts.support + counts.nonSupport;
  if (!Number.isSafeInteger(replies)) throw new RangeError('support + nonSupport exceeds the safe integer range');
  const base = {
    replies,
    support: counts.support,
    nonSupport: counts.nonSupport,
    unclear: counts.unclear,
    percent: formatPercent(counts.support, replies),
  };
  if (replies === 0) {
    return finish(base, 'may_proceed', 'no_replies', 0, clauses.consultationPasses, clauses);
  }
  if (meetsSeventyPercent(counts.support, replies)) {
    return finish(base, 'may_proceed', 'threshold_met', 0, clauses.consultationPasses, clauses);
  }
  return finish(
    base,
    'not_at_this_meeting',
    'threshold_not_met',
    neededMoreSupport(counts.support, replies),
    clauses.consultationFails,
    clauses,
  );
}

/** Counts a list of positions (used by tests and by callers that already hold the positions). */
export function countPositions(positions: Iterable<PositionKind>): PositionCounts {
  let support = 0;
  let nonSupport = 0;
  let unclear = 0;
  for (const position of positions) {
    if (position === 'assigns_authority') support += 1;
    else if (position === 'does_not_assign_authority') nonSupport += 1;
    else unclear += 1;
  }
  return { support, nonSupport, unclear };
}

function finish(
  base: Pick<TapTally, 'replies' | 'support' | 'nonSupport' | 'unclear' | 'percent'>,
  outcome: ConsultationOutcome,
  basis: OutcomeBasis,
  needed: number,
  clause: string,
  clauses: TapClauses,
): TapTally {
  return {
    ...base,
    outcome,
    basis,
    threshold: THRESHOLD_NUMERATOR / THRESHOLD_DENOMINATOR,
    neededMoreSupport: needed,
    clause,
    citation: citeClause(clauses, clause),
  };
}

function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/** The rule applied to one text, in English words, with its clause (the API's `explanation`). */
export function explainTally(t: TapTally): string {
  if (t.basis === 'no_replies')
    return `No replies were received: approval may be considered at the meeting (${t.citation}).`;
  const share = `${t.support} of ${t.replies} replies (${t.percent} %) support consideration for approval`;
  if (t.basis === 'threshold_met')
    return `${share}; 70 % or more is needed: approval may be considered at the meeting (${t.citation}).`;
  return `${share}; 70 % or more is needed: the text may not be considered at this meeting (${t.citation}). ${t.neededMoreSupport} more supporting ${t.neededMoreSupport === 1 ? 'reply' : 'replies'} would have been needed.`;
}

/** TAP's named figures of a text, in the order pages and documents show them. */
export function tapFigures(tally: TapTally): TallyFigure[] {
  return [
    { name: 'replies', value: tally.replies, format: 'count' },
    { name: 'support', value: tally.support, format: 'count' },
    { name: 'nonSupport', value: tally.nonSupport, format: 'count' },
    { name: 'unclear', value: tally.unclear, format: 'count' },
    { name: 'percent', value: tally.percent === null ? null : Number(tally.percent), format: 'percent' },
    { name: 'neededMore', value: tally.neededMoreSupport, format: 'count' },
  ];
}

/** The engine's tally of one text: TAP's rule on the counted replies of each kind, with its figures. */
export function tapTextTally(byKind: Readonly<Record<string, number>>, clauses: TapClauses): TextTally {
  const tally = tallyText(countsOfKinds(byKind), clauses);
  return {
    replies: tally.replies,
    unclear: tally.unclear,
    passes: tally.outcome === 'may_proceed',
    outcome: tally.outcome,
    basis: tally.basis,
    clause: tally.clause,
    citation: tally.citation,
    figures: tapFigures(tally),
    explanation: explainTally(tally),
  };
}

/**
 * The counts of the rule from the number of counted replies of each kind: "assigns authority"
 * supports, "does not assign authority" does not, and an unclear form (or a kind this procedure
 * does not define) is shown but not counted until clarified.
 */
export function countsOfKinds(byKind: Readonly<Record<string, number>>): PositionCounts {
  let unclear = 0;
  for (const [kind, n] of Object.entries(byKind))
    if (kind !== 'assigns_authority' && kind !== 'does_not_assign_authority') unclear += n;
  return {
    support: byKind.assigns_authority ?? 0,
    nonSupport: byKind.does_not_assign_authority ?? 0,
    unclear,
  };
}
