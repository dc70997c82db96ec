import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ConsultationTable, DeterminedTextTable } from '../db/database.js';
import type { Executor } from '../db/dialect.js';
import { dialectOf } from '../db/dialect.js';
import type { Consultation, DeterminedText } from '../domain/consultation/consultation.js';
import { fromFlag, fromJson, toFlag, toJson } from './json-column.js';

function toConsultation(row: Selectable<ConsultationTable>): Consultation {
  return {
    id: row.id,
    procedure: row.procedure,
    resolutionEdition: row.resolution_edition,
    bureau: row.bureau,
    studyPeriod: row.study_period,
    number: row.number,
    date: row.circular_date,
    announcedOn: row.announced_on,
    reference: row.reference,
    studyGroup: row.study_group,
    meeting: {
      place: row.meeting_place,
      firstDay: row.meeting_first_day,
      lastDay: row.meeting_last_day,
      collectiveLetter: row.collective_letter,
    },
    subject: row.subject,
    languageOfRecord: row.language_of_record,
    translations: fromJson(row.translations),
    deadlineAt: row.deadline_at,
    deadlineWording: row.deadline_wording,
    addressees: fromJson(row.addressees),
    copies: fromJson(row.copies),
    notes: fromJson(row.notes),
    signatory: { name: row.signatory_name, title: row.signatory_title },
    languagesAvailableOn: row.languages_available_on,
    settings: {
      individualRepliesPublic: fromFlag(row.individual_replies_public),
      eligibleStates: row.eligible_states === null ? null : fromJson(row.eligible_states),
    },
    issuedAt: row.issued_at,
    resultsNoticeAt: row.results_notice_at,
    resultsNoticeReference: row.results_notice_reference ?? null,
    resultsReport: { td: row.results_report_td ?? null, questions: row.results_report_questions ?? null },
    enteredAfterwardsAt: row.entered_afterwards_at ?? null,
    recordedIssuedAt: row.recorded_issued_at ?? null,
    isDemo: fromFlag(row.is_demo),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The stored revision of a consultation (for ETags and optimistic concurrency). */
export interface ConsultationWithRevision {
  readonly consultation: Consultation;
  readonly revision: number;
}

/** The stored fields of a consultation as created (what the service builds from its input; the rest is set later). */
export type ConsultationFields = Omit<
  Consultation,
  | 'issuedAt'
  | 'resultsNoticeAt'
  | 'resultsNoticeReference'
  | 'resultsReport'
  | 'enteredAfterwardsAt'
  | 'recordedIssuedAt'
  | 'createdAt'
  | 'updatedAt'
>;

function toRow(c: ConsultationFields): Omit<Insertable<ConsultationTable>, 'created_at' | 'updated_at' | 'revision'> {
  return {
    id: c.id,
    procedure: c.procedure,
    resolution_edition: c.resolutionEdition,
    bureau: c.bureau,
    study_period: c.studyPeriod,
    number: c.number,
    circular_date: c.date,
    announced_on: c.announcedOn,
    reference: c.reference,
    study_group: c.studyGroup,
    meeting_place: c.meeting.place,
    meeting_first_day: c.meeting.firstDay,
    meeting_last_day: c.meeting.lastDay,
    collective_letter: c.meeting.collectiveLetter,
    subject: c.subject,
    language_of_record: c.languageOfRecord,
    translations: toJson(c.translations),
    deadline_at: c.deadlineAt,
    deadline_wording: c.deadlineWording,
    addressees: toJson(c.addressees),
    copies: toJson(c.copies),
    notes: toJson(c.notes),
    signatory_name: c.signatory.name,
    signatory_title: c.signatory.title,
    languages_available_on: c.languagesAvailableOn,
    individual_replies_public: toFlag(c.settings.individualRepliesPublic),
    eligible_states: c.settings.eligibleStates === null ? null : toJson(c.settings.eligibleStates),
    is_demo: toFlag(c.isDemo),
  };
}

/**
 * Inserts a draft consultation; `record`, for a past consultation entered afterwards: the instant
 * its circular was issued, from the records (it is entered now).
 */
export async function insertConsultation(
  db: Executor,
  c: ConsultationFields,
  now: number,
  record: { readonly issuedAt: number } | null = null,
): Promise<void> {
  await db
    .insertInto('consultation')
    .values({
      ...toRow(c),
      issued_at: null,
      results_notice_at: null,
      entered_afterwards_at: record === null ? null : now,
      recorded_issued_at: record === null ? null : record.issuedAt,
      created_at: now,
      updated_at: now,
      revision: 1,
    })
    .execute();
}

/** Replaces the editable fields of a consultation and bumps its revision. */
export async function updateConsultation(db: Executor, c: ConsultationFields, now: number): Promise<void> {
  const { id: _id, ...fields } = toRow(c);
  await db
    .updateTable('consultation')
    .set((eb) => ({ ...fields, updated_at: now, revision: eb('revision', '+', 1) }))
    .where('id', '=', c.id)
    .execute();
}

/** Bumps the revision (a text was added, changed or removed). */
export async function touchConsultation(db: Executor, id: string, now: number): Promise<void> {
  await db
    .updateTable('consultation')
    .set((eb) => ({ updated_at: now, revision: eb('revision', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Marks a draft issued at `at` (for a record, its historical instant), the row changed at `changedAt`. */
export async function markIssued(db: Executor, id: string, at: number, changedAt: number = at): Promise<void> {
  await db
    .updateTable('consultation')
    .set((eb) => ({ issued_at: at, updated_at: changedAt, revision: eb('revision', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/**
 * Marks the results notice issued at `at` (for a record, its historical instant) under its own
 * reference, if any, the row changed at `changedAt`.
 */
export async function markResultsNoticeIssued(
  db: Executor,
  id: string,
  at: number,
  changedAt: number = at,
  reference: string | null = null,
): Promise<void> {
  await db
    .updateTable('consultation')
    .set((eb) => ({
      results_notice_at: at,
      results_notice_reference: reference,
      updated_at: changedAt,
      revision: eb('revision', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}

/**
 * Reads a consultation. With `lock` inside a PostgreSQL transaction the row is locked until
 * commit, which serialises writers of one consultation (SQLite transactions are serial anyway).
 */
export async function findConsultation(
  db: Executor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<ConsultationWithRevision | undefined> {
  const row = await db
    .selectFrom('consultation')
    .selectAll()
    .where('id', '=', id)
    .$if(options.lock === true && dialectOf(db) === 'postgres', (qb) => qb.forUpdate())
    .executeTakeFirst();
  return row ? { consultation: toConsultation(row), revision: row.revision } : undefined;
}

export async function listConsultations(db: Executor, options: { includeDrafts: boolean }): Promise<Consultation[]> {
  const rows = await db
    .selectFrom('consultation')
    .selectAll()
    .$if(!options.includeDrafts, (qb) => qb.where('issued_at', 'is not', null))
    .orderBy('circular_date', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toConsultation);
}

function toText(row: Selectable<DeterminedTextTable>): DeterminedText {
  return {
    id: row.id,
    consultationId: row.consultation_id,
    order: row.ord,
    kind: row.kind,
    designation: row.designation,
    workItem: row.work_item,
    title: row.title,
    summary: row.summary,
    location: row.location,
    locationUrl: row.location_url ?? null,
    a5Justification: fromFlag(row.a5_justification),
    iprStatements: fromJson(row.ipr_statements),
    translations: fromJson(row.translations),
  };
}

function textRow(t: DeterminedText): Insertable<DeterminedTextTable> {
  return {
    consultation_id: t.consultationId,
    id: t.id,
    ord: t.order,
    kind: t.kind,
    designation: t.designation,
    work_item: t.workItem,
    title: t.title,
    summary: t.summary,
    location: t.location,
    location_url: t.locationUrl,
    a5_justification: toFlag(t.a5Justification),
    ipr_statements: toJson(t.iprStatements),
    translations: toJson(t.translations),
  };
}

export async function listTexts(db: Executor, consultationId: string): Promise<DeterminedText[]> {
  const rows = await db
    .selectFrom('determined_text')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .orderBy('ord')
    .orderBy('id')
    .execute();
  return rows.map(toText);
}

/** Texts of several consultations at once (one query for a list page). */
export async function listTextsOf(db: Executor, consultationIds: readonly string[]): Promise<DeterminedText[]> {
  if (consultationIds.length === 0) return [];
  const rows = await db
    .selectFrom('determined_text')
    .selectAll()
    .where('consultation_id', 'in', consultationIds)
    .orderBy('consultation_id')
    .orderBy('ord')
    .execute();
  return rows.map(toText);
}

export async function insertText(db: Executor, text: DeterminedText): Promise<void> {
  await db.insertInto('determined_text').values(textRow(text)).execute();
}

export async function updateText(db: Executor, text: DeterminedText): Promise<void> {
  const { consultation_id, id, ...fields } = textRow(text);
  const changes: Updateable<DeterminedTextTable> = fields;
  await db
    .updateTable('determined_text')
    .set(changes)
    .where('consultation_id', '=', consultation_id)
    .where('id', '=', id)
    .execute();
}

export async function deleteText(db: Executor, consultationId: string, id: string): Promise<void> {
  await db.deleteFrom('determined_text').where('consultation_id', '=', consultationId).where('id', '=', id).execute();
}

/** Sets the results report's TD header (its number and Questions; null clears), the row changed at `at`. */
export async function setResultsReportHeader(
  db: Executor,
  id: string,
  header: { readonly td: string | null; readonly questions: string | null },
  at: number,
): Promise<void> {
  await db
    .updateTable('consultation')
    .set((eb) => ({
      results_report_td: header.td,
      results_report_questions: header.questions,
      updated_at: at,
      revision: eb('revision', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}
