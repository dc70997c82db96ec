/**
 * Clauses as data. Each procedure module has one clause table per edition of its instrument; the
 * core cites a clause by its role (what the rule is for), never by a number, so a renumbering or a
 * new procedure adds a table instead of changing code.
 */
export interface ClauseTable {
  /** The instrument, e.g. "WTSA Resolution 1". */
  readonly instrument: string;
  /** The edition, e.g. "Rev. Geneva, 2022". */
  readonly edition: string;
  /** Clause number by the procedure's own clause key, as the instrument writes it (e.g. `consultationPasses` → `§2` for the toy). */
  readonly clauses: Readonly<Record<string, string>>;
}

/**
 * The roles the core (services, pages, documents) cites a clause for. A procedure maps each role it
 * has to one of its clauses; a role it does not have is `null` and nothing is cited.
 */
export const CLAUSE_ROLES = [
  /** Issuing the consultation to the participants. */
  'issue',
  /** What the circular gives for each text (title, summary, …). */
  'textSummary',
  /** The part of the instrument that sets out the procedure (its name and the circular cite it, e.g. "Section 9"). */
  'procedureSection',
  /** The section that governs replying (the circular names it). */
  'replySection',
  /** Who may reply and until when. */
  'replyPeriod',
  /** A participant that does not support a text gives reasons. */
  'reasons',
  /** A text passes the consultation. */
  'consultationPasses',
  /** A text fails the consultation; a reply after the deadline does not count. */
  'consultationFails',
  /** Time after the meeting (e.g. TAP's more-time window). */
  'afterMeeting',
  /** The results notice. */
  'resultsNotice',
  /** Who may take part in the consultation at all (e.g. only Member States reply). */
  'eligibility',
  /** A consultation of a closed list of participants (e.g. a regional group). */
  'regionalGroup',
  /** Statements on intellectual property rights received for a text. */
  'iprStatements',
  /** The meeting defers its decision on a text (e.g. a change with major impact). */
  'meetingDeferral',
  /** What the meeting's decision to approve requires (e.g. no opposition). */
  'meetingUnopposed',
  /** A reservation recorded at the meeting without blocking the decision. */
  'meetingReservation',
  /** A delegation that abstains at the meeting. */
  'meetingAbstention',
] as const;
export type ClauseRole = (typeof CLAUSE_ROLES)[number];

/** A clause as a structured citation; formatted per locale by the catalogues. */
export interface Citation {
  readonly instrument: string;
  readonly edition: string;
  readonly clause: string;
}

/**
 * A citation written for people, in English: "<instrument> (<edition>) <clause>", e.g. "Toy rules (2026) §2"; the
 * instrument and edition alone when the clause is empty. Pages, documents and mails write it in
 * the reader's language with `formatCitation` of src/i18n/citations.ts.
 */
export function formatCitation(citation: Citation): string {
  const source = `${citation.instrument} (${citation.edition})`;
  return citation.clause === '' ? source : `${source} ${citation.clause}`;
}

/** The citation of one clause number of a table. */
export function citationOf(table: ClauseTable, clause: string): Citation {
  return { instrument: table.instrument, edition: table.edition, clause };
}
