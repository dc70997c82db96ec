/**
 * The consultation (in ITU-T terms, the circular) and its determined texts, as plain data.
 * Instants are epoch milliseconds UTC; calendar days are `YYYY-MM-DD` (UTC).
 */

import type { UnLanguage } from '../member-states/member-states.data.js';
import type { DeadlineWording } from './deadline.js';

/**
 * A determined text's title and summary in a language other than its consultation's language of
 * record. Either may be absent (not yet translated); readers then fall back to the language of
 * record (see localise.ts).
 */
export interface TextTranslation {
  readonly title?: string;
  readonly summary?: string;
}

/**
 * The circular's own fields in a language other than its language of record (issue 20 item 5):
 * its subject, reference line, meeting place, collective letter, addressees, copies and TSB notes.
 * Each is optional (not yet translated: readers fall back to the language of record, field by
 * field). A list is translated whole, entry for entry: it has as many entries as the record's.
 */
export interface ConsultationTranslation {
  readonly subject?: string;
  readonly reference?: string;
  readonly meetingPlace?: string;
  readonly collectiveLetter?: string;
  readonly addressees?: readonly string[];
  readonly copies?: readonly string[];
  readonly notes?: readonly string[];
}

/** The circular's translatable single-line or paragraph fields, in the order forms and exports list them. */
export const CIRCULAR_TEXT_FIELDS = ['subject', 'reference', 'meetingPlace', 'collectiveLetter'] as const;
/** The circular's translatable lists (translated entry for entry). */
export const CIRCULAR_LIST_FIELDS = ['addressees', 'copies', 'notes'] as const;
export type CircularTextField = (typeof CIRCULAR_TEXT_FIELDS)[number];
export type CircularListField = (typeof CIRCULAR_LIST_FIELDS)[number];
export type CircularField = CircularTextField | CircularListField;
/** Every translatable field of the circular, in the order forms, notices and exports list them. */
export const CIRCULAR_FIELDS: readonly CircularField[] = [...CIRCULAR_TEXT_FIELDS, ...CIRCULAR_LIST_FIELDS];

/** Translations by language; never holds the language of record itself (its content is the record). */
export type Translations<T> = Readonly<Partial<Record<UnLanguage, T>>>;

/** Kinds of determined text (approval may also be sought for an amendment; Circular 79 shows a corrigendum). */
export const TEXT_KINDS = ['new', 'revised', 'corrigendum', 'amendment'] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

export interface DeterminedText {
  /** Short id, unique within the consultation (a slug of the designation: `x1353`). */
  readonly id: string;
  readonly consultationId: string;
  /** 1-based order in the circular's Annex 1. */
  readonly order: number;
  readonly kind: TextKind;
  /** Designation, e.g. `X.1353`, `X.1333 Cor.1`. */
  readonly designation: string;
  /** Temporary name of the work item, e.g. `X.ztd-iot`; absent for corrigenda. */
  readonly workItem: string | null;
  readonly title: string;
  /** The summary (the procedure's textSummary rule). A corrigendum may have none. */
  readonly summary: string | null;
  /** Where the text is, e.g. the report number `R35`. */
  readonly location: string;
  /** The web address where it can be read (http or https), or null: pages then name it only. */
  readonly locationUrl: string | null;
  /** Whether ITU-T A.5 justifications were submitted (TSB NOTE 1 in Circular 79). */
  readonly a5Justification: boolean;
  /** IPR statements received by TSB for this text (the procedure's iprStatements rule). */
  readonly iprStatements: readonly string[];
  /** Title and summary in other UN languages; the fields above are in the consultation's language of record. */
  readonly translations: Translations<TextTranslation>;
}

export interface Meeting {
  readonly place: string;
  /** First and last day of the study group meeting (UTC calendar days). */
  readonly firstDay: string;
  readonly lastDay: string;
  /** Reference of the collective letter with the meeting's agenda, e.g. `Collective letter 5/17`. */
  readonly collectiveLetter: string | null;
}

export interface Signatory {
  readonly name: string;
  readonly title: string;
}

/** Per-consultation settings where the texts are silent (documented in docs/procedure.md). */
export interface ConsultationSettings {
  /** Whether individual replies become visible to everyone after the deadline (aggregates always do). */
  readonly individualRepliesPublic: boolean;
  /**
   * When set, only these Member States are consulted (the procedure's regionalGroup rule, e.g. SG3 regional groups).
   * Null: every Member State that may reply.
   */
  readonly eligibleStates: readonly string[] | null;
}

/** What the secretariat gives of the results report's TD header (the rest comes from the consultation). */
export interface ResultsReportHeader {
  /** The TD's number ("SG17-TD1234"); null until given. */
  readonly td: string | null;
  /** The Questions concerned ("6/17, 10/17"); null until given. */
  readonly questions: string | null;
}

export interface Consultation {
  /** Stable id, e.g. `tsb-79-2023`. */
  readonly id: string;
  /** Identifier of the procedure in the procedure registry, e.g. `itu-t-tap`. */
  readonly procedure: string;
  /** Edition of the instrument, e.g. `Rev. Geneva, 2022` (clause numbers depend on it). */
  readonly resolutionEdition: string;
  readonly bureau: string;
  /** Study period, e.g. `2022-2024`. */
  readonly studyPeriod: string;
  readonly number: number;
  /** Date of the circular (UTC day). */
  readonly date: string;
  /**
   * The day the meeting and its texts were announced, when that precedes the circular (a
   * collective letter): the procedure's announcement period (TAP: 3 months) runs from it. Null: the circular's date.
   */
  readonly announcedOn: string | null;
  /** Reference line, e.g. `TSB Circular 79 SG17/XY`. */
  readonly reference: string;
  readonly studyGroup: string;
  readonly meeting: Meeting;
  /** In the language of record. */
  readonly subject: string;
  /**
   * The language the subject, titles and summaries are authoritative in (one of the six UN
   * languages); translations into the others are courtesy copies shown with a notice where missing.
   */
  readonly languageOfRecord: UnLanguage;
  /** The subject in other UN languages. */
  readonly translations: Translations<ConsultationTranslation>;
  /**
   * Last instant at which a reply is on time: the end of the minute the circular states
   * (2023-08-16T23:59:59.999Z for "2359 hours UTC on 16 August 2023"; deadline.ts).
   */
  readonly deadlineAt: number;
  /** How the circular words the deadline: "HHMM hours UTC on D", or "2400 hours UTC on D" (the end of D only). */
  readonly deadlineWording: DeadlineWording;
  readonly addressees: readonly string[];
  readonly copies: readonly string[];
  /** TSB notes printed in the circular (A.5 justification, IPR). */
  readonly notes: readonly string[];
  readonly signatory: Signatory;
  /** Optional: the day the texts were available in all official languages (a timing rule of the procedure's counts from it). */
  readonly languagesAvailableOn: string | null;
  readonly settings: ConsultationSettings;
  /** When the circular was issued (texts frozen); null while a draft. */
  readonly issuedAt: number | null;
  /** When the results notice was issued (the procedure's resultsNotice rule); null until then. */
  readonly resultsNoticeAt: number | null;
  /** The results notice's own reference ("TSB Circular 140"), given when it was issued; null when none was. */
  readonly resultsNoticeReference: string | null;
  /** The header of the results report, a TD of the meeting, as the secretariat gave it. */
  readonly resultsReport: ResultsReportHeader;
  /**
   * When the secretariat entered this consultation afterwards, as a record of a circular run
   * before Assent held it (its issue, replies, decisions and notice carry their historical
   * dates); null for a consultation run live in Assent.
   */
  readonly enteredAfterwardsAt: number | null;
  /**
   * For a consultation entered afterwards, the instant the circular was issued, from the
   * secretariat's records: `issuedAt` once the record is issued; null for a live consultation.
   */
  readonly recordedIssuedAt: number | null;
  /** Demo data is labelled as such everywhere it is shown. */
  readonly isDemo: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}
