import type { FieldProblem } from '../../domain/errors.js';
import { addDays, endOfDay, startOfDay } from '../../domain/time/instants.js';
import type { AapClauses } from './aap-clauses.js';
import { type AapDecisionInput, decideAapMeeting } from './aap-meeting.js';

/**
 * The path of one text through AAP (Rec. A.8 §3–§5), as a pure function of what was recorded and
 * the clock. One announcement may carry several texts; each then takes its own path: its comments,
 * its judgement, its Additional Review, its meeting. Nothing runs when a period ends: the status at
 * an instant follows from the facts.
 */

/** The Last Call: four weeks from the Director's announcement (§4.1). */
export const LAST_CALL_DAYS = 28;
/** The Additional Review: three weeks from its announcement (§4.5). */
export const ADDITIONAL_REVIEW_DAYS = 21;

/** The judgement of a comment by TSB with the study group chairman (§4.4.1, §4.4.2, §4.5.1). */
export type CommentClassification = 'typographical' | 'substantive';

/** A comment on the text received in the Last Call or the Additional Review. */
export interface AapComment {
  /** The commenter's participant code. */
  readonly from: string;
  readonly receivedAt: number;
  /** Null until judged. */
  readonly classification: CommentClassification | null;
}

/** Where the chairman, with TSB, sends a text whose Last Call drew substantive comments (§4.4.2). */
export type JudgementRoute = 'meeting' | 'comment_resolution';

/** An Additional Review as announced (§4.5). */
export interface AdditionalReview {
  readonly announcedOn: string;
  /** Where the revised text is (a document reference). */
  readonly revisedText: string;
  /** Whether the Last Call comments were made available with it. */
  readonly lastCallCommentsAttached: boolean;
}

/** The study group meeting a text goes to (§4.6). */
export interface AapMeeting {
  readonly announcedOn: string;
  readonly firstDay: string;
  readonly lastDay: string;
}

/** What was recorded about one text, in the order it happens. */
export interface AapTextFacts {
  /** The day a study group or working party meeting consented the text (§3.1). */
  readonly consentedOn: string;
  /** The day of the Director's announcement that starts the Last Call (§4.1); null until announced. */
  readonly lastCallAnnouncedOn: string | null;
  /** Comments received for the Last Call. */
  readonly lastCallComments: readonly AapComment[];
  /** The judgement after substantive Last Call comments (§4.4.2); null until made. */
  readonly judgement: { readonly on: string; readonly route: JudgementRoute } | null;
  /** The Additional Review after comment resolution (§4.4.3 b, §4.5); null unless announced. */
  readonly additionalReview: AdditionalReview | null;
  /** Comments received for the Additional Review. */
  readonly additionalReviewComments: readonly AapComment[];
  /** The study group meeting the text goes to (§4.6); null unless announced. */
  readonly meeting: AapMeeting | null;
  /** The meeting's decision as recorded (§5); null until recorded. */
  readonly decision: AapDecisionInput | null;
}

/**
 * The status codes of TSB's AAP pages: C consented, LC Last Call, LJ Last Call judgement (with
 * comment resolution), AR Additional Review, AJ Additional Review judgement, SG at the study group
 * meeting, A approved. A step without a code (not approved, deferred, switched to TAP) is shown in
 * words only.
 */
export type AapStatusCode = 'C' | 'LC' | 'LJ' | 'AR' | 'AJ' | 'SG' | 'A';

export type AapStep =
  | 'consented'
  | 'last_call'
  | 'last_call_judgement'
  | 'comment_resolution'
  | 'additional_review'
  | 'additional_review_judgement'
  | 'to_meeting'
  | 'at_meeting'
  | 'more_time'
  | 'approved'
  | 'not_approved'
  | 'deferred'
  | 'switched_to_tap';

/** Where a text stands at an instant. */
export interface AapTextStatus {
  readonly step: AapStep;
  readonly code: AapStatusCode | null;
  /** The clause that puts it there. */
  readonly clause: string;
  /** The end of the period it is in (inclusive); null when the step waits for an event. */
  readonly until: number | null;
}

/** The last instant of the Last Call announced on `day`: the end of the 28th day after it (UTC). */
export function lastCallEnd(announcedOn: string): number {
  return endOfDay(addDays(announcedOn, LAST_CALL_DAYS));
}

/** The last instant of the Additional Review announced on `day`: the end of the 21st day after it (UTC). */
export function additionalReviewEnd(announcedOn: string): number {
  return endOfDay(addDays(announcedOn, ADDITIONAL_REVIEW_DAYS));
}

/** The comments received within a period (from the start of its first day to its end): no other is a comment of that period. */
function inTime(comments: readonly AapComment[], startDay: string, end: number): AapComment[] {
  return comments.filter((c) => c.receivedAt >= startOfDay(startDay) && c.receivedAt <= end);
}

/** What a period's comments give at its end: none or only typographical, some not yet judged, or substantive. */
export type CommentsVerdict = 'approved' | 'to_judge' | 'substantive';

/** The verdict on a period's comments (§4.4.1, §4.5.1): typographical means misspelling, syntax, punctuation. */
export function commentsVerdict(comments: readonly AapComment[]): CommentsVerdict {
  if (comments.some((c) => c.classification === null)) return 'to_judge';
  return comments.some((c) => c.classification === 'substantive') ? 'substantive' : 'approved';
}

/**
 * The status of a text at instant `now`:
 * - before the Last Call: consented (C, §3.1);
 * - in the four weeks of the Last Call: LC (§4.1);
 * - after it, only typographical comments or none: approved (A, §4.4.1); comments not yet judged,
 *   or substantive ones without the chairman's judgement: LJ (§4.4.2); judged for comment
 *   resolution: LJ until an Additional Review or the meeting is announced (§4.4.3);
 * - in the three weeks of the Additional Review: AR (§4.5); after it, only typographical comments:
 *   approved (§4.5.1); not yet judged: AJ; substantive: to the meeting (§4.5.2);
 * - sent to a meeting: SG, waiting for it (§4.6) and at it until the decision is recorded; from the
 *   meeting's first day, as the meeting decided (§5).
 */
export function aapTextStatus(facts: AapTextFacts, now: number, clauses: AapClauses): AapTextStatus {
  const at = (step: AapStep, code: AapStatusCode | null, clause: string, until: number | null = null) => ({
    step,
    code,
    clause,
    until,
  });
  if (facts.lastCallAnnouncedOn === null || now < startOfDay(facts.lastCallAnnouncedOn))
    return at('consented', 'C', clauses.consent);
  const lcEnd = lastCallEnd(facts.lastCallAnnouncedOn);
  if (now <= lcEnd) return at('last_call', 'LC', clauses.lastCall, lcEnd);
  const lc = commentsVerdict(inTime(facts.lastCallComments, facts.lastCallAnnouncedOn, lcEnd));
  if (lc === 'approved') return at('approved', 'A', clauses.lastCallApproved);
  if (lc === 'to_judge' || facts.judgement === null || now < startOfDay(facts.judgement.on))
    return at('last_call_judgement', 'LJ', clauses.lastCallJudgement);
  // To the meeting, the clause that sends it there: the judgement (§4.4.2 a), comment resolution
  // (§4.4.3 a), or substantive Additional Review comments (§4.5.2).
  let toMeeting = clauses.lastCallJudgement;
  if (facts.judgement.route === 'comment_resolution') {
    const ar = facts.additionalReview;
    if (ar !== null && now >= startOfDay(ar.announcedOn)) {
      const arEnd = additionalReviewEnd(ar.announcedOn);
      if (now <= arEnd) return at('additional_review', 'AR', clauses.additionalReview, arEnd);
      const verdict = commentsVerdict(inTime(facts.additionalReviewComments, ar.announcedOn, arEnd));
      if (verdict === 'approved') return at('approved', 'A', clauses.additionalReviewApproved);
      if (verdict === 'to_judge') return at('additional_review_judgement', 'AJ', clauses.additionalReviewApproved);
      toMeeting = clauses.additionalReviewToMeeting;
    } else if (facts.meeting === null || now < startOfDay(facts.meeting.announcedOn)) {
      return at('comment_resolution', 'LJ', clauses.afterResolution);
    } else toMeeting = clauses.afterResolution;
  }
  const meeting = facts.meeting;
  if (meeting === null || now < startOfDay(meeting.announcedOn)) return at('to_meeting', 'SG', toMeeting);
  if (now < startOfDay(meeting.firstDay)) return at('to_meeting', 'SG', clauses.meetingAnnouncement);
  if (facts.decision === null) return at('at_meeting', 'SG', clauses.meetingAnnouncement);
  const decided = decideAapMeeting(facts.decision, meeting.lastDay, now, clauses);
  switch (decided.outcome) {
    case 'approved':
      return at('approved', 'A', decided.clause);
    case 'pending_more_time':
      return at('more_time', 'SG', decided.clause, decided.moreTimeWindowEndsAt);
    case 'not_approved':
      return at('not_approved', null, decided.clause);
    case 'deferred':
      return at('deferred', null, decided.clause);
    case 'switched_to_tap':
      return at('switched_to_tap', null, decided.clause);
  }
}

/** The period a comment received at `at` belongs to, or null when none is open for comments. */
export function commentPeriod(facts: AapTextFacts, at: number): 'last_call' | 'additional_review' | null {
  if (
    facts.lastCallAnnouncedOn !== null &&
    at >= startOfDay(facts.lastCallAnnouncedOn) &&
    at <= lastCallEnd(facts.lastCallAnnouncedOn)
  )
    return 'last_call';
  const ar = facts.additionalReview;
  if (ar !== null && at >= startOfDay(ar.announcedOn) && at <= additionalReviewEnd(ar.announcedOn))
    return 'additional_review';
  return null;
}

/**
 * Why a comment received at `at` is refused (§4.1, §4.4, §4.5): comments are taken in the Last
 * Call and in an Additional Review only (COMMENT_PERIOD_CLOSED); null when one is open.
 */
export function commentProblem(facts: AapTextFacts, at: number, clauses: AapClauses): FieldProblem | null {
  if (commentPeriod(facts, at) !== null) return null;
  return {
    field: '/',
    message:
      facts.lastCallAnnouncedOn === null || at < startOfDay(facts.lastCallAnnouncedOn)
        ? 'The Last Call has not started: comments are taken from its announcement'
        : 'No comment period is open for this text: comments are taken in the Last Call and in an Additional Review',
    clause: facts.additionalReview === null ? clauses.lastCall : clauses.additionalReview,
    code: 'COMMENT_PERIOD_CLOSED',
  };
}

/**
 * The problems of recording the chairman's judgement on `on` (§4.4.2): only after the Last Call
 * has ended (LAST_CALL_NOT_ENDED), once every comment is classified (COMMENTS_NOT_CLASSIFIED), and
 * only when some comment is substantive: with none, the text is approved (§4.4.1, NOTHING_TO_JUDGE).
 */
export function judgementProblems(facts: AapTextFacts, on: string, clauses: AapClauses): FieldProblem[] {
  if (facts.lastCallAnnouncedOn === null || startOfDay(on) <= lastCallEnd(facts.lastCallAnnouncedOn))
    return [
      {
        field: '/on',
        message: 'The judgement follows the end of the Last Call',
        clause: clauses.lastCallJudgement,
        code: 'LAST_CALL_NOT_ENDED',
      },
    ];
  const verdict = commentsVerdict(
    inTime(facts.lastCallComments, facts.lastCallAnnouncedOn, lastCallEnd(facts.lastCallAnnouncedOn)),
  );
  if (verdict === 'to_judge')
    return [
      {
        field: '/',
        message: 'Classify every Last Call comment (typographical or substantive) first',
        clause: clauses.lastCallJudgement,
        code: 'COMMENTS_NOT_CLASSIFIED',
      },
    ];
  if (verdict === 'approved')
    return [
      {
        field: '/',
        message: 'Only typographical comments or none: the text is approved, there is nothing to judge',
        clause: clauses.lastCallApproved,
        code: 'NOTHING_TO_JUDGE',
      },
    ];
  return [];
}

/**
 * The problems of announcing an Additional Review on `announcedOn` (§4.4.3 b, §4.5): only after a
 * judgement for comment resolution (NOT_IN_COMMENT_RESOLUTION), on or after that judgement, and
 * with the revised text and the Last Call comments, which must be available when it is announced
 * (REVISED_TEXT_MISSING, LC_COMMENTS_MISSING).
 */
export function additionalReviewProblems(
  facts: AapTextFacts,
  review: AdditionalReview,
  clauses: AapClauses,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (facts.judgement?.route !== 'comment_resolution' || facts.meeting !== null)
    problems.push({
      field: '/',
      message: 'An Additional Review follows comment resolution, chosen in the judgement of the Last Call',
      clause: clauses.afterResolution,
      code: 'NOT_IN_COMMENT_RESOLUTION',
    });
  else if (review.announcedOn < facts.judgement.on)
    problems.push({
      field: '/announcedOn',
      message: `The Additional Review is announced after the judgement of ${facts.judgement.on}`,
      clause: clauses.afterResolution,
      code: 'DATES_OUT_OF_ORDER',
    });
  if (review.revisedText.trim() === '')
    problems.push({
      field: '/revisedText',
      message: 'The revised text must be available when the Additional Review is announced',
      clause: clauses.additionalReview,
      code: 'REVISED_TEXT_MISSING',
    });
  if (!review.lastCallCommentsAttached)
    problems.push({
      field: '/lastCallCommentsAttached',
      message: 'The Last Call comments must be available when the Additional Review is announced',
      clause: clauses.additionalReview,
      code: 'LC_COMMENTS_MISSING',
    });
  return problems;
}

/**
 * The problems of sending a text to a meeting announced on `meeting.announcedOn` (§4.4.2 a,
 * §4.4.3 a, §4.5.2, §4.6): only a text that waits for one — judged for the meeting, in comment
 * resolution, or after substantive Additional Review comments — and not one in its Last Call, in an
 * Additional Review, or approved (NOT_AWAITING_MEETING); the meeting's days in order, announced by
 * its first day (DATES_OUT_OF_ORDER). Three weeks' notice is a timing check (checkMeetingAnnouncement).
 */
export function meetingProblems(facts: AapTextFacts, meeting: AapMeeting, clauses: AapClauses): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const before = aapTextStatus({ ...facts, meeting: null, decision: null }, startOfDay(meeting.announcedOn), clauses);
  if (before.step !== 'to_meeting' && before.step !== 'comment_resolution')
    problems.push({
      field: '/',
      message: `The text is not waiting for a study group meeting (it is at ${before.code ?? before.step})`,
      clause: clauses.meetingAnnouncement,
      code: 'NOT_AWAITING_MEETING',
    });
  if (meeting.lastDay < meeting.firstDay || meeting.announcedOn > meeting.firstDay)
    problems.push({
      field: meeting.lastDay < meeting.firstDay ? '/lastDay' : '/announcedOn',
      message: 'The meeting is announced by its first day, and its last day is not before its first',
      clause: clauses.meetingAnnouncement,
      code: 'DATES_OUT_OF_ORDER',
    });
  return problems;
}
