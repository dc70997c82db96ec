import { type ClauseRole, type ClauseTable, formatCitation } from '../../domain/procedure/clauses.js';

/**
 * Clause references of the ITU-T Alternative Approval Process, as data: Recommendation ITU-T A.8
 * (10/2008), the edition read for this module (../shared/reference/procedures.md §2). A.8 (07/2006)
 * differs in the wording of clauses 5.2 and 7.1, not in their numbers, but it was not read here, so
 * it is not listed: a consultation naming it is refused with the list of known editions. A later
 * edition adds an entry here instead of changing code.
 */
export interface AapClauses {
  readonly instrument: string;
  readonly edition: string;
  /** AAP applies to Recommendations without policy or regulatory implications; those use TAP. */
  readonly scope: string;
  /** A study group or working party meeting consents a draft; the Director announces the Last Call. */
  readonly consent: string;
  /** The Last Call: four weeks from the Director's announcement. */
  readonly lastCall: string;
  /** IPR statements posted with the text. */
  readonly iprStatements: string;
  /** Member States and Sector Members comment; an objector gives reasons and possible changes. */
  readonly comments: string;
  /** Only typographical comments (or none) at the end of the Last Call: approved. */
  readonly lastCallApproved: string;
  /** Substantive comments: the chairman with TSB judges the next step (meeting, or comment resolution). */
  readonly lastCallJudgement: string;
  /** After comment resolution: the meeting, or an Additional Review. */
  readonly afterResolution: string;
  /** The Additional Review: three weeks, with the revised text and the Last Call comments. */
  readonly additionalReview: string;
  /** Only typographical comments in the Additional Review: approved. */
  readonly additionalReviewApproved: string;
  /** Substantive comments in the Additional Review: the study group meeting. */
  readonly additionalReviewToMeeting: string;
  /** Approval at a meeting is announced at least three weeks before it. */
  readonly meetingAnnouncement: string;
  /** Changes at the meeting; a Member State declaring policy or regulatory implications switches the text to TAP. */
  readonly meetingChanges: string;
  /** The decision should be unopposed. */
  readonly unopposed: string;
  /** Failing that, approved if no more than one Member State present opposes. */
  readonly oneOpposing: string;
  /** The concerns of an opposing Member State are noted, and a note appended to the text. */
  readonly concerns: string;
  /** More time asked for at the meeting: approved unless opposition is received within four weeks. */
  readonly moreTime: string;
  /** An abstaining Member State or Sector Member is ignored for the unopposed test. */
  readonly abstention: string;
  /** Not approved: the chairman may restart from consent without a new consent. */
  readonly restart: string;
  /** Results of the Last Call and the Additional Review notified promptly. */
  readonly resultsPromptly: string;
  /** After a meeting's decision, a notice within two weeks of its close (or of the more-time window). */
  readonly notification: string;
  /** Deletion agreed at a meeting, then three months for objections. */
  readonly deletion: string;
}

type ClauseKey = Exclude<keyof AapClauses, 'instrument' | 'edition'>;

const A8_2008 = {
  instrument: 'Recommendation ITU-T A.8',
  scope: '§1.1',
  consent: '§3.1',
  lastCall: '§4.1',
  iprStatements: '§4.2',
  comments: '§4.4',
  lastCallApproved: '§4.4.1',
  lastCallJudgement: '§4.4.2',
  afterResolution: '§4.4.3',
  additionalReview: '§4.5',
  additionalReviewApproved: '§4.5.1',
  additionalReviewToMeeting: '§4.5.2',
  meetingAnnouncement: '§4.6',
  meetingChanges: '§5.2',
  unopposed: '§5.3',
  oneOpposing: '§5.4',
  concerns: '§5.5',
  moreTime: '§5.6',
  abstention: '§5.7',
  restart: '§5.8',
  resultsPromptly: '§6.1',
  notification: '§6.2',
  deletion: '§8.2.1',
} as const;

/** Editions whose numbering Assent knows. */
export const AAP_EDITIONS: Readonly<Record<string, AapClauses>> = {
  '10/2008': { ...A8_2008, edition: '10/2008' },
};

export const DEFAULT_AAP_EDITION = '10/2008';

/** The clause table of an edition (the default edition's numbering when the edition is unknown). */
export function aapClauses(edition: string): AapClauses {
  return AAP_EDITIONS[edition] ?? { ...A8_2008, edition };
}

/** A clause written for people: "Recommendation ITU-T A.8 (10/2008) §4.4.1". */
export function citeAapClause(clauses: AapClauses, clause: string): string {
  return formatCitation({ instrument: clauses.instrument, edition: clauses.edition, clause });
}

/** The edition's clause table in the engine's form. */
export function aapClauseTable(edition: string): ClauseTable {
  const { instrument, edition: name, ...clauses } = aapClauses(edition);
  return { instrument, edition: name, clauses };
}

/** Which A.8 clause answers each role the core cites; null where AAP has no such rule. */
const ROLE_CLAUSES: Readonly<Record<ClauseRole, ClauseKey | null>> = {
  issue: 'lastCall',
  textSummary: 'consent',
  procedureSection: null,
  replySection: 'comments',
  replyPeriod: 'lastCall',
  reasons: 'comments',
  consultationPasses: 'lastCallApproved',
  consultationFails: 'lastCallJudgement',
  afterMeeting: 'moreTime',
  resultsNotice: 'notification',
  eligibility: 'comments',
  // AAP has no consultation of a closed list of participants.
  regionalGroup: null,
  iprStatements: 'iprStatements',
  meetingDeferral: 'meetingChanges',
  meetingUnopposed: 'unopposed',
  meetingReservation: 'concerns',
  meetingAbstention: 'abstention',
};

/** The A.8 clause number for a role of the core, or null where AAP has no such rule. */
export function aapClauseFor(role: ClauseRole, edition: string): string | null {
  const key = ROLE_CLAUSES[role];
  return key === null ? null : aapClauses(edition)[key];
}
