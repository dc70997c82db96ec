import { describe, expect, it } from 'vitest';
import { AAP_EDITIONS, aapClauseFor, aapClauses, aapClauseTable, citeAapClause } from './aap-clauses.js';
import {
  type AapComment,
  type AapTextFacts,
  aapTextStatus,
  additionalReviewEnd,
  additionalReviewProblems,
  commentPeriod,
  commentProblem,
  commentsVerdict,
  judgementProblems,
  lastCallEnd,
  meetingProblems,
} from './aap-path.js';
import type { AapDecisionInput } from './aap-meeting.js';

const clauses = aapClauses('10/2008');
const at = (iso: string) => Date.parse(iso);
const MS = 1;

/**
 * The worked example of TSB's rapporteur tutorial: draft B.200, consented on 16 March 2012, its
 * Last Call announced on 1 April 2012, "Last Call begins on 1 April and ends on 29 April 2012".
 */
const B200: AapTextFacts = {
  consentedOn: '2012-03-16',
  lastCallAnnouncedOn: '2012-04-01',
  lastCallComments: [],
  judgement: null,
  additionalReview: null,
  additionalReviewComments: [],
  meeting: null,
  decision: null,
};
const LC_LAST = at('2012-04-29T23:59:59.999Z');

const comment = (receivedAt: string, classification: AapComment['classification'], from = 'DE'): AapComment => ({
  from,
  receivedAt: at(receivedAt),
  classification,
});
const facts = (overrides: Partial<AapTextFacts>): AapTextFacts => ({ ...B200, ...overrides });
const status = (f: AapTextFacts, now: number) => {
  const s = aapTextStatus(f, now, clauses);
  return [s.step, s.code, s.clause];
};
const UNOPPOSED: AapDecisionInput = {
  deferred: false,
  policyImplications: [],
  policyDoubt: false,
  policyRoute: null,
  opposing: [],
  abstaining: [],
  concerns: [],
  moreTime: [],
  formalOppositions: [],
};

describe('the clause table of Rec. A.8 (10/2008)', () => {
  it('knows one edition, and cites its clauses by number', () => {
    expect(Object.keys(AAP_EDITIONS)).toEqual(['10/2008']);
    expect(aapClauseTable('10/2008')).toMatchObject({
      instrument: 'Recommendation ITU-T A.8',
      edition: '10/2008',
      clauses: expect.objectContaining({ lastCall: '§4.1', oneOpposing: '§5.4', deletion: '§8.2.1' }),
    });
    expect(citeAapClause(clauses, clauses.lastCallApproved)).toBe('Recommendation ITU-T A.8 (10/2008) §4.4.1');
  });

  it("answers the core's roles, with none for a closed list of participants or a section of its own", () => {
    expect(aapClauseFor('replyPeriod', '10/2008')).toBe('§4.1');
    expect(aapClauseFor('consultationPasses', '10/2008')).toBe('§4.4.1');
    expect(aapClauseFor('afterMeeting', '10/2008')).toBe('§5.6');
    expect(aapClauseFor('meetingReservation', '10/2008')).toBe('§5.5');
    expect(aapClauseFor('resultsNotice', '10/2008')).toBe('§6.2');
    expect(aapClauseFor('regionalGroup', '10/2008')).toBeNull();
    expect(aapClauseFor('procedureSection', '10/2008')).toBeNull();
  });
});

describe('the Last Call (§4.1): four weeks from the announcement', () => {
  it('ends at the end of the 28th day after the announcement: 1 April → 29 April 2012, as TSB wrote it', () => {
    expect(new Date(lastCallEnd('2012-04-01')).toISOString()).toBe('2012-04-29T23:59:59.999Z');
  });

  it('is consented (C, §3.1) before the announcement, and LC from its first instant to its last', () => {
    expect(status(B200, at('2012-03-31T23:59:59.999Z'))).toEqual(['consented', 'C', '§3.1']);
    expect(status(facts({ lastCallAnnouncedOn: null }), at('2012-05-01T00:00:00Z'))).toEqual([
      'consented',
      'C',
      '§3.1',
    ]);
    expect(status(B200, at('2012-04-01T00:00:00Z'))).toEqual(['last_call', 'LC', '§4.1']);
    expect(status(B200, LC_LAST)).toEqual(['last_call', 'LC', '§4.1']);
    expect(aapTextStatus(B200, LC_LAST, clauses).until).toBe(LC_LAST);
  });

  it('approves a text with no comment at the first instant after the Last Call (A, §4.4.1)', () => {
    expect(status(B200, LC_LAST + MS)).toEqual(['approved', 'A', '§4.4.1']);
  });

  it('approves a text with typographical comments only (§4.4.1); one not yet judged waits in LJ (§4.4.2)', () => {
    const typo = facts({ lastCallComments: [comment('2012-04-10T09:00:00Z', 'typographical')] });
    expect(status(typo, LC_LAST + MS)).toEqual(['approved', 'A', '§4.4.1']);
    const unjudged = facts({ lastCallComments: [comment('2012-04-29T23:59:59.999Z', null)] });
    expect(status(unjudged, LC_LAST + MS)).toEqual(['last_call_judgement', 'LJ', '§4.4.2']);
  });

  it('does not count a comment received after the Last Call ended, or before it was announced', () => {
    const late = facts({ lastCallComments: [comment('2012-04-30T00:00:00Z', 'substantive')] });
    expect(status(late, LC_LAST + MS)).toEqual(['approved', 'A', '§4.4.1']);
    const early = facts({ lastCallComments: [comment('2012-03-31T23:59:59.999Z', 'substantive')] });
    expect(status(early, LC_LAST + MS)).toEqual(['approved', 'A', '§4.4.1']);
    const first = facts({ lastCallComments: [comment('2012-04-01T00:00:00Z', 'substantive')] });
    expect(status(first, LC_LAST + MS)).toEqual(['last_call_judgement', 'LJ', '§4.4.2']);
  });

  it('takes comments in the Last Call only, and says why otherwise (COMMENT_PERIOD_CLOSED)', () => {
    expect(commentPeriod(B200, at('2012-04-01T00:00:00Z'))).toBe('last_call');
    expect(commentPeriod(B200, LC_LAST)).toBe('last_call');
    expect(commentProblem(B200, LC_LAST, clauses)).toBeNull();
    expect(commentProblem(B200, LC_LAST + MS, clauses)).toMatchObject({
      code: 'COMMENT_PERIOD_CLOSED',
      clause: '§4.1',
      message: expect.stringContaining('No comment period is open'),
    });
    expect(commentProblem(B200, at('2012-03-31T12:00:00Z'), clauses)).toMatchObject({
      code: 'COMMENT_PERIOD_CLOSED',
      message: expect.stringContaining('has not started'),
    });
  });
});

describe('the judgement after substantive comments (§4.4.2)', () => {
  const substantive = facts({
    lastCallComments: [
      comment('2012-04-10T09:00:00Z', 'typographical'),
      comment('2012-04-20T09:00:00Z', 'substantive'),
    ],
  });

  it('tells the verdict of the comments: none or typographical, some to judge, substantive', () => {
    expect(commentsVerdict([])).toBe('approved');
    expect(commentsVerdict(substantive.lastCallComments)).toBe('substantive');
    expect(commentsVerdict([comment('2012-04-10T09:00:00Z', null)])).toBe('to_judge');
  });

  it('waits in LJ for the judgement, then goes to the meeting (SG, §4.4.2 a) or to comment resolution (LJ, §4.4.3)', () => {
    expect(status(substantive, LC_LAST + MS)).toEqual(['last_call_judgement', 'LJ', '§4.4.2']);
    const toMeeting = facts({ ...substantive, judgement: { on: '2012-05-03', route: 'meeting' } });
    expect(status(toMeeting, at('2012-05-02T12:00:00Z'))).toEqual(['last_call_judgement', 'LJ', '§4.4.2']);
    expect(status(toMeeting, at('2012-05-03T00:00:00Z'))).toEqual(['to_meeting', 'SG', '§4.4.2']);
    const resolution = facts({ ...substantive, judgement: { on: '2012-05-03', route: 'comment_resolution' } });
    expect(status(resolution, at('2012-05-10T00:00:00Z'))).toEqual(['comment_resolution', 'LJ', '§4.4.3']);
  });

  it('refuses a judgement before the Last Call ends, with comments unclassified, or with nothing to judge', () => {
    expect(judgementProblems(substantive, '2012-04-29', clauses).map((p) => p.code)).toEqual(['LAST_CALL_NOT_ENDED']);
    expect(judgementProblems(substantive, '2012-04-30', clauses)).toEqual([]);
    const unjudged = facts({ lastCallComments: [comment('2012-04-20T09:00:00Z', null)] });
    expect(judgementProblems(unjudged, '2012-04-30', clauses).map((p) => [p.code, p.clause])).toEqual([
      ['COMMENTS_NOT_CLASSIFIED', '§4.4.2'],
    ]);
    const typo = facts({ lastCallComments: [comment('2012-04-20T09:00:00Z', 'typographical')] });
    expect(judgementProblems(typo, '2012-04-30', clauses).map((p) => [p.code, p.clause])).toEqual([
      ['NOTHING_TO_JUDGE', '§4.4.1'],
    ]);
  });
});

describe('the Additional Review (§4.5): three weeks, with the revised text', () => {
  const resolution = facts({
    lastCallComments: [comment('2012-04-20T09:00:00Z', 'substantive')],
    judgement: { on: '2012-05-03', route: 'comment_resolution' },
  });
  const review = { announcedOn: '2012-06-01', revisedText: 'B.200 revised (TD 1234)', lastCallCommentsAttached: true };
  const withReview = facts({ ...resolution, additionalReview: review });
  const AR_LAST = at('2012-06-22T23:59:59.999Z');

  it('ends at the end of the 21st day after its announcement', () => {
    expect(additionalReviewEnd('2012-06-01')).toBe(AR_LAST);
  });

  it('is AR from its first instant to its last, and takes comments then', () => {
    expect(status(withReview, at('2012-05-31T23:59:59.999Z'))).toEqual(['comment_resolution', 'LJ', '§4.4.3']);
    expect(status(withReview, at('2012-06-01T00:00:00Z'))).toEqual(['additional_review', 'AR', '§4.5']);
    expect(status(withReview, AR_LAST)).toEqual(['additional_review', 'AR', '§4.5']);
    expect(commentPeriod(withReview, AR_LAST)).toBe('additional_review');
    expect(commentProblem(withReview, AR_LAST + MS, clauses)).toMatchObject({
      code: 'COMMENT_PERIOD_CLOSED',
      clause: '§4.5',
    });
  });

  it('approves with typographical comments only (§4.5.1), waits in AJ for a judgement, goes to the meeting with substantive ones (§4.5.2)', () => {
    expect(status(withReview, AR_LAST + MS)).toEqual(['approved', 'A', '§4.5.1']);
    const typo = facts({ ...withReview, additionalReviewComments: [comment('2012-06-10T09:00:00Z', 'typographical')] });
    expect(status(typo, AR_LAST + MS)).toEqual(['approved', 'A', '§4.5.1']);
    const unjudged = facts({ ...withReview, additionalReviewComments: [comment('2012-06-10T09:00:00Z', null)] });
    expect(status(unjudged, AR_LAST + MS)).toEqual(['additional_review_judgement', 'AJ', '§4.5.1']);
    const substantive = facts({
      ...withReview,
      additionalReviewComments: [comment('2012-06-22T23:00:00Z', 'substantive', 'ERICSSON')],
    });
    expect(status(substantive, AR_LAST + MS)).toEqual(['to_meeting', 'SG', '§4.5.2']);
    // A comment after the Additional Review is not one of its comments.
    const late = facts({ ...withReview, additionalReviewComments: [comment('2012-06-23T00:00:00Z', 'substantive')] });
    expect(status(late, AR_LAST + MS)).toEqual(['approved', 'A', '§4.5.1']);
  });

  it('keeps the Additional Review first, whatever meeting is recorded beside it', () => {
    const meeting = { announcedOn: '2012-06-05', firstDay: '2012-07-02', lastDay: '2012-07-06' };
    const both = facts({ ...withReview, meeting, decision: UNOPPOSED });
    expect(status(both, AR_LAST)).toEqual(['additional_review', 'AR', '§4.5']);
    expect(status(both, at('2012-07-03T10:00:00Z'))).toEqual(['approved', 'A', '§4.5.1']);
    // And refuses such a meeting: the text was in its Additional Review, not waiting for one.
    expect(meetingProblems(withReview, meeting, clauses).map((p) => p.code)).toEqual(['NOT_AWAITING_MEETING']);
    const substantive = facts({
      ...withReview,
      additionalReviewComments: [comment('2012-06-10T09:00:00Z', 'substantive')],
    });
    const after = { announcedOn: '2012-06-25', firstDay: '2012-07-16', lastDay: '2012-07-20' };
    expect(meetingProblems(substantive, after, clauses)).toEqual([]);
    expect(status(facts({ ...substantive, meeting: after }), at('2012-07-16T09:00:00Z'))).toEqual([
      'at_meeting',
      'SG',
      '§4.6',
    ]);
  });

  it('refuses an Additional Review without comment resolution, before the judgement, or without the revised text', () => {
    expect(additionalReviewProblems(resolution, review, clauses)).toEqual([]);
    const toMeeting = facts({ ...resolution, judgement: { on: '2012-05-03', route: 'meeting' } });
    expect(additionalReviewProblems(toMeeting, review, clauses).map((p) => [p.code, p.clause])).toEqual([
      ['NOT_IN_COMMENT_RESOLUTION', '§4.4.3'],
    ]);
    expect(additionalReviewProblems(B200, review, clauses).map((p) => p.code)).toEqual(['NOT_IN_COMMENT_RESOLUTION']);
    expect(
      additionalReviewProblems(
        resolution,
        { announcedOn: '2012-05-02', revisedText: '  ', lastCallCommentsAttached: false },
        clauses,
      ).map((p) => [p.field, p.code]),
    ).toEqual([
      ['/announcedOn', 'DATES_OUT_OF_ORDER'],
      ['/revisedText', 'REVISED_TEXT_MISSING'],
      ['/lastCallCommentsAttached', 'LC_COMMENTS_MISSING'],
    ]);
  });
});

describe('at the meeting (§4.6, §5)', () => {
  const meeting = { announcedOn: '2012-05-10', firstDay: '2012-06-04', lastDay: '2012-06-13' };
  const atMeeting = facts({
    lastCallComments: [comment('2012-04-20T09:00:00Z', 'substantive')],
    judgement: { on: '2012-05-03', route: 'meeting' },
    meeting,
  });

  it('is SG from the announcement until the decision, then as decided, from the first day of the meeting', () => {
    expect(status(atMeeting, at('2012-05-10T00:00:00Z'))).toEqual(['to_meeting', 'SG', '§4.6']);
    expect(status(atMeeting, at('2012-06-05T10:00:00Z'))).toEqual(['at_meeting', 'SG', '§4.6']);
    // A decision is not applied before the meeting sits.
    const early = facts({ ...atMeeting, decision: UNOPPOSED });
    expect(status(early, at('2012-06-03T23:59:59.999Z'))).toEqual(['to_meeting', 'SG', '§4.6']);
    expect(status(early, at('2012-06-04T00:00:00Z'))).toEqual(['approved', 'A', '§5.3']);
    const approved = facts({ ...atMeeting, decision: UNOPPOSED });
    expect(status(approved, at('2012-06-13T10:00:00Z'))).toEqual(['approved', 'A', '§5.3']);
    const twoOpposing = facts({ ...atMeeting, decision: { ...UNOPPOSED, opposing: ['FR', 'DE'] } });
    expect(status(twoOpposing, at('2012-06-13T10:00:00Z'))).toEqual(['not_approved', null, '§5.4']);
    const tap = facts({ ...atMeeting, decision: { ...UNOPPOSED, policyImplications: ['BR'], policyRoute: 'tap' } });
    expect(status(tap, at('2012-06-13T10:00:00Z'))).toEqual(['switched_to_tap', null, '§5.2']);
  });

  it('stays SG through the four weeks asked for (§5.6), and is approved after them without opposition', () => {
    const moreTime = facts({ ...atMeeting, decision: { ...UNOPPOSED, moreTime: ['CN'] } });
    const windowLast = at('2012-07-11T23:59:59.999Z');
    expect(status(moreTime, windowLast)).toEqual(['more_time', 'SG', '§5.6']);
    expect(aapTextStatus(moreTime, windowLast, clauses).until).toBe(windowLast);
    expect(status(moreTime, windowLast + MS)).toEqual(['approved', 'A', '§5.6']);
  });

  it('goes to the meeting after comment resolution when the meeting is announced instead of an Additional Review (§4.4.3 a)', () => {
    const resolved = facts({ ...atMeeting, judgement: { on: '2012-05-03', route: 'comment_resolution' } });
    expect(status(resolved, at('2012-05-09T10:00:00Z'))).toEqual(['comment_resolution', 'LJ', '§4.4.3']);
    expect(status(resolved, at('2012-05-10T10:00:00Z'))).toEqual(['to_meeting', 'SG', '§4.6']);
    expect(status(resolved, at('2012-06-05T10:00:00Z'))).toEqual(['at_meeting', 'SG', '§4.6']);
    expect(meetingProblems(facts({ ...resolved, meeting: null }), meeting, clauses)).toEqual([]);
  });

  it('refuses a meeting for a text in its Last Call or approved, and dates out of order', () => {
    expect(meetingProblems(B200, { ...meeting, announcedOn: '2012-04-20' }, clauses).map((p) => p.code)).toEqual([
      'NOT_AWAITING_MEETING',
    ]);
    expect(meetingProblems(B200, meeting, clauses).map((p) => p.message)).toEqual([
      'The text is not waiting for a study group meeting (it is at A)',
    ]);
    const toMeeting = facts({ ...atMeeting, meeting: null });
    expect(
      meetingProblems(toMeeting, { ...meeting, lastDay: '2012-06-01' }, clauses).map((p) => [p.field, p.code]),
    ).toEqual([['/lastDay', 'DATES_OUT_OF_ORDER']]);
  });
});
