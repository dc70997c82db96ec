import { type ClauseRole, type ClauseTable, formatCitation } from '../../domain/procedure/clauses.js';

/**
 * Clause references of the ITU-T Traditional Approval Procedure, as data. Numbering follows
 * WTSA Resolution 1 Section 9 (Section 8 before 2000; verified against Rev. Hammamet 2016, and
 * Circular 79 confirms "clause 9.4" for Rev. Geneva 2022). A consultation stores its edition, so a
 * later renumbering adds an entry here instead of changing code.
 */
export interface TapClauses {
  readonly instrument: string;
  readonly edition: string;
  /** TSB issues the circular with the determined texts. */
  readonly issue: string;
  /** The summary each determined text carries. */
  readonly textSummary: string;
  /** The section that sets out the procedure (Section 9; Section 8 before 2000). */
  readonly procedureSection: string;
  /** The section on the consultation of Member States (the circular names it). */
  readonly replySection: string;
  /** Announcement received at least 3 months before the meeting. */
  readonly announcement: string;
  /** Texts available in the official languages at least 1 month before the meeting. */
  readonly languages: string;
  /** Consultation period up to 7 working days before the meeting; only Member States reply. */
  readonly consultationPeriod: string;
  /** IPR statements received by TSB are listed with each text. */
  readonly iprStatements: string;
  /** Only Member States reply to the consultation. */
  readonly memberStatesOnly: string;
  /** Dissenting Member States give reasons and possible changes. */
  readonly reasons: string;
  /** 70 % or more of the replies support, or no replies: approval may be considered. */
  readonly consultationPasses: string;
  /** Fewer than 70 % of the replies received by the due date: not at this meeting. */
  readonly consultationFails: string;
  /** Regional-group consultations (SG3). */
  readonly regionalGroup: string;
  /** Changes at the meeting; deferral when a change has major impact. */
  readonly meetingChanges: string;
  /** The decision to approve must be unopposed. */
  readonly unopposed: string;
  /** Reservations. */
  readonly reservation: string;
  /** More time: 4 weeks after the meeting for formal opposition. */
  readonly moreTime: string;
  /** Restart without new determination after formal opposition. */
  readonly restart: string;
  /** Abstaining delegations are ignored. */
  readonly abstention: string;
  /** Results notice within 4 weeks. */
  readonly notification: string;
}

type ClauseKey = Exclude<keyof TapClauses, 'instrument' | 'edition'>;

const RES1_SECTION9 = {
  instrument: 'WTSA Resolution 1',
  issue: '§9.3.1',
  textSummary: '§9.3.4',
  procedureSection: '§9',
  replySection: '§9.4',
  announcement: '§9.3.3',
  languages: '§9.3.5',
  consultationPeriod: '§9.4.1',
  iprStatements: '§9.4.2',
  memberStatesOnly: '§9.4.3',
  reasons: '§9.4.4',
  consultationPasses: '§9.4.5',
  consultationFails: '§9.4.6',
  regionalGroup: '§9.2.1 NOTE',
  meetingChanges: '§9.5.2',
  unopposed: '§9.5.3',
  reservation: '§9.5.4',
  moreTime: '§9.5.5',
  restart: '§9.5.5.2',
  abstention: '§9.5.6',
  notification: '§9.6.1',
} as const;

/** Editions whose Section 9 numbering Assent knows. */
export const TAP_EDITIONS: Readonly<Record<string, TapClauses>> = {
  'Rev. Geneva, 2022': { ...RES1_SECTION9, edition: 'Rev. Geneva, 2022' },
  'Rev. Hammamet, 2016': { ...RES1_SECTION9, edition: 'Rev. Hammamet, 2016' },
};

export const DEFAULT_TAP_EDITION = 'Rev. Geneva, 2022';

/** The clause table of an edition (the default edition's numbering when the edition is unknown). */
export function tapClauses(edition: string): TapClauses {
  return TAP_EDITIONS[edition] ?? { ...RES1_SECTION9, edition };
}

/** A clause written for people: "WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.5". */
export function citeClause(clauses: TapClauses, clause: string): string {
  return formatCitation({ instrument: clauses.instrument, edition: clauses.edition, clause });
}

/** The edition's clause table in the engine's form. */
export function tapClauseTable(edition: string): ClauseTable {
  const { instrument, edition: name, ...clauses } = tapClauses(edition);
  return { instrument, edition: name, clauses };
}

/** Which TAP clause answers each role the core cites. */
const ROLE_CLAUSES: Readonly<Record<ClauseRole, ClauseKey>> = {
  issue: 'issue',
  textSummary: 'textSummary',
  procedureSection: 'procedureSection',
  replySection: 'replySection',
  replyPeriod: 'consultationPeriod',
  reasons: 'reasons',
  consultationPasses: 'consultationPasses',
  consultationFails: 'consultationFails',
  afterMeeting: 'moreTime',
  resultsNotice: 'notification',
  eligibility: 'memberStatesOnly',
  regionalGroup: 'regionalGroup',
  iprStatements: 'iprStatements',
  meetingDeferral: 'meetingChanges',
  meetingUnopposed: 'unopposed',
  meetingReservation: 'reservation',
  meetingAbstention: 'abstention',
};

/** The TAP clause number for a role of the core. */
export function tapClauseFor(role: ClauseRole, edition: string): string {
  return tapClauses(edition)[ROLE_CLAUSES[role]];
}
