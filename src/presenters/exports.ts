import type { Table, TableCell } from '../documents/tabular.js';
import type { StoredAuditEvent } from '../domain/audit/audit-event.js';
import { localiseText } from '../domain/consultation/localise.js';
import type { CommentRow } from '../domain/reply/comment-table.js';
import { unLanguageOf } from '../domain/member-states/designations.js';
import { t, type Locale, type MessageId } from '../i18n/i18n.js';
import type { ConsultationResults } from '../services/compute-results.js';
import type { ReplyExportDetails, ReplyOverview } from '../services/read-replies.js';
import { auditActionLabel } from './audit-words.js';
import { stateName } from './member-state-words.js';
import { procedureText } from '../i18n/procedure-text.js';
import { figureLabels, outcomeWords, positionWords, summaryIdOf } from './procedure-words.js';

/**
 * The exports for spreadsheet software (issue #16 item 3): a consultation's replies (one row per
 * State and text), the States that have not replied and the results per text, and the audit trail,
 * in the reader's language. The same tables become CSV or XLSX (src/documents/tabular.ts); the API
 * and the secretariat's pages serve them.
 */

/** Which table of the replies a CSV file holds (a workbook holds both, a sheet each). */
export type RepliesRows = 'replies' | 'not-replied';

/** Tables to send as one file, and the file's name without its extension. */
export interface TableExport {
  /** A workbook holds every one, a sheet each; a CSV file the first, unless `csv` is given. */
  readonly tables: readonly [Table, ...Table[]];
  /** What a CSV file holds when it is not the first table (one table joining several sheets). */
  readonly csv?: Table;
  readonly stem: string;
}

/**
 * The replies as a file: `<id>-replies` (the replies first, then who has not replied) or, for a CSV
 * file with `rows: 'not-replied'`, `<id>-not-replied`. A workbook always holds both lists.
 */
export function repliesExport(
  locale: Locale,
  overview: ReplyOverview,
  details: ReplyExportDetails,
  format: 'csv' | 'xlsx',
  rows: RepliesRows = 'replies',
): TableExport {
  const replies = repliesTable(locale, overview, details);
  const notReplied = notRepliedTable(locale, overview);
  const stem = fileStem(overview.loaded.consultation.id);
  return rows === 'not-replied' && format === 'csv'
    ? { tables: [notReplied, replies], stem: `${stem}-not-replied` }
    : { tables: [replies, notReplied], stem: `${stem}-replies` };
}

/**
 * The results as a file: `<id>-results`. Where the procedure consults several classes, the
 * workbook has the split by class as a sheet of its own, and the CSV file, which holds one table,
 * the results with each text's rows per class under it.
 */
export function resultsExport(locale: Locale, results: ConsultationResults): TableExport {
  const table = resultsTable(locale, results);
  const byClass = resultsByClassTable(locale, results);
  return {
    tables: [table, ...(byClass === null ? [] : [byClass])],
    ...(byClass !== null && { csv: resultsWithClassesTable(locale, results, table) }),
    stem: `${fileStem(results.loaded.consultation.id)}-results`,
  };
}

/**
 * The results table with two more columns after the title, the class and whether it counts: each
 * text's own row (the classes that count) followed by one row per class, the rule applied to that
 * class's replies alone, without a clause or a decision (for a CSV file, which holds one table; the
 * same columns as `assent results --format csv`).
 */
function resultsWithClassesTable(locale: Locale, results: ConsultationResults, table: Table): Table {
  const { procedure } = results.loaded;
  const figureCount = results.texts[0]?.tally.figures.length ?? 0;
  // Text and title, then the figures, the outcome and its clause, then the meeting's columns.
  const after = table.columns.length - 2 - figureCount - 2;
  return {
    name: table.name,
    columns: [
      ...table.columns.slice(0, 2),
      { header: t(locale, 'doc.report.col.class'), width: 24 },
      { header: t(locale, 'doc.report.col.counted'), width: 20 },
      ...table.columns.slice(2),
    ],
    rows: results.texts.flatMap(({ byClass }, index) => {
      const row = table.rows[index]!;
      return [
        [...row.slice(0, 2), t(locale, 'doc.export.class.counting'), null, ...row.slice(2)],
        ...byClass.map((c) => [
          ...row.slice(0, 2),
          procedureText(locale, procedure, `class.${c.participantClass}`),
          t(locale, 'doc.report.byClass.counted', { counted: c.counted ? 'yes' : 'no' }),
          ...c.tally.figures.map((figure) => figure.value),
          outcomeWords(locale, procedure, null, c.tally.outcome),
          // The clause is the text's own row's: a class's row is the rule on its replies, for information.
          null,
          ...Array.from({ length: after }, () => null),
        ]),
      ];
    }),
  };
}

function yesNo(locale: Locale, value: boolean): string {
  return t(locale, value ? 'doc.export.yes' : 'doc.export.no');
}

/** A file name's part from an id: letters, digits and `-` only, so that no header needs quoting rules. */
function fileStem(id: string): string {
  return id.replace(/[^A-Za-z0-9-]+/g, '-');
}

/**
 * A comments table in one cell, a line per row: "2. Clause 6.2: the comment (proposed change: …)";
 * null when the position has none.
 */
function commentRowsCell(locale: Locale, rows: readonly CommentRow[]): string | null {
  if (rows.length === 0) return null;
  return rows
    .map((row, index) => {
      const number = index + 1;
      const line =
        row.clause === null
          ? t(locale, 'doc.export.row', { number, comment: row.comment })
          : t(locale, 'doc.export.rowClause', { number, clause: row.clause, comment: row.comment });
      return row.proposedChange === null
        ? line
        : t(locale, 'doc.export.rowChange', { row: line, change: row.proposedChange });
    })
    .join('\n');
}

/**
 * The replies: one row per State that replied and text of the circular, States by code and texts
 * in the circular's order, from the State's latest version. Where the version that counts is an
 * earlier one (the latest came after the deadline), its rows come first, so that the rows marked
 * as counting add up to the results. A text a reply left without a position has a row that says
 * so; a withdrawal has rows with its status and no positions.
 */
export function repliesTable(locale: Locale, overview: ReplyOverview, details: ReplyExportDetails): Table {
  const { consultation, procedure, texts } = overview.loaded;
  const language = unLanguageOf(locale);
  const header = (key: MessageId) => t(locale, key);
  const fileName = (sha256: string | null) => (sha256 === null ? null : (details.fileNames.get(sha256) ?? sha256));
  const rows: TableCell[][] = [];
  for (const row of overview.rows) {
    if (row.latest === null) continue;
    const counted = details.countedVersions.get(row.state.code);
    for (const version of counted === undefined ? [row.latest] : [counted, row.latest]) {
      const flags = version.flags.map((flag) => t(locale, `outcome.flag.${flag}` as MessageId)).join('; ');
      for (const text of texts) {
        const p = version.positions.find((candidate) => candidate.text === text.id);
        rows.push([
          row.state.code,
          stateName(locale, row.state),
          text.designation,
          localiseText(text, consultation.languageOfRecord, language).title.value,
          p === undefined
            ? version.status === 'withdrawn'
              ? null
              : t(locale, 'outcome.position.none')
            : positionWords(locale, procedure, p, consultation.studyGroup, 'grid'),
          p === undefined ? null : summaryIdOf(p),
          p?.comments ?? null,
          p?.reasons ?? null,
          p?.possibleChanges ?? null,
          commentRowsCell(locale, p?.commentTable ?? []),
          p === undefined ? null : fileName(p.attachment),
          version.version,
          t(locale, version.status === 'withdrawn' ? 'doc.export.status.withdrawn' : 'doc.export.status.submitted'),
          yesNo(locale, row.countedVersion === version.version),
          new Date(version.receivedAt),
          t(locale, `outcome.channel.${version.channel}` as MessageId),
          details.enteredBy.get(version.enteredBy) ?? version.enteredBy,
          version.signatoryName,
          version.signatoryTitle,
          fileName(version.originalFile),
          flags === '' ? null : flags,
        ]);
      }
    }
  }
  return {
    name: header('doc.export.sheet.replies'),
    columns: [
      { header: header('doc.export.col.code'), width: 6 },
      { header: header('doc.report.col.state'), width: 28 },
      { header: header('doc.report.col.text'), width: 16 },
      { header: header('doc.export.col.title'), width: 40 },
      { header: header('doc.export.col.position'), width: 30 },
      { header: header('doc.export.col.positionCode'), width: 24 },
      { header: header('doc.export.col.comments'), width: 50 },
      { header: header('doc.export.col.reasons'), width: 50 },
      { header: header('doc.export.col.possibleChanges'), width: 40 },
      { header: header('doc.export.col.commentTable'), width: 60 },
      { header: header('doc.export.col.attachment'), width: 24 },
      { header: header('doc.report.col.version'), kind: 'number', width: 8 },
      { header: header('doc.export.col.status'), width: 12 },
      { header: header('doc.report.col.counted'), width: 8 },
      { header: header('doc.report.col.received'), kind: 'instant', width: 20 },
      { header: header('doc.export.col.channel'), width: 16 },
      { header: header('doc.export.col.enteredBy'), width: 24 },
      { header: header('doc.export.col.signatory'), width: 24 },
      { header: header('doc.export.col.signatoryTitle'), width: 24 },
      { header: header('doc.export.col.originalFile'), width: 24 },
      { header: header('doc.export.col.flags'), width: 30 },
    ],
    rows,
  };
}

/** The States that may reply and have not, by code. */
export function notRepliedTable(locale: Locale, overview: ReplyOverview): Table {
  return {
    name: t(locale, 'doc.export.sheet.notReplied'),
    columns: [
      { header: t(locale, 'doc.export.col.code'), width: 6 },
      { header: t(locale, 'doc.report.col.state'), width: 40 },
    ],
    rows: overview.rows
      .filter((row) => row.latest === null)
      .map((row) => [row.state.code, stateName(locale, row.state)]),
  };
}

/**
 * The results: one row per text, with the figures the procedure declares (the same for every text),
 * the outcome of its rule and the clause, and, under a procedure with a meeting, the meeting's
 * decision as it stands, who opposed and the reservations.
 */
export function resultsTable(locale: Locale, results: ConsultationResults): Table {
  const { consultation, procedure } = results.loaded;
  const language = unLanguageOf(locale);
  const first = results.texts[0];
  const figureHeads = first === undefined ? [] : figureLabels(locale, procedure, first.tally);
  const meeting = procedure.hasMeeting;
  return {
    name: t(locale, 'doc.export.sheet.results'),
    columns: [
      { header: t(locale, 'doc.report.col.text'), width: 16 },
      { header: t(locale, 'doc.export.col.title'), width: 40 },
      ...(first?.tally.figures ?? []).map((figure, i) => ({
        header: figureHeads[i]!,
        kind: figure.format === 'percent' ? ('percent' as const) : ('number' as const),
        width: 12,
      })),
      { header: t(locale, 'doc.report.col.outcome'), width: 28 },
      { header: t(locale, 'doc.report.col.clause'), width: 10 },
      ...(meeting
        ? [
            { header: t(locale, 'doc.export.col.decision'), width: 24 },
            { header: t(locale, 'doc.export.col.decisionClause'), width: 10 },
            { header: t(locale, 'doc.export.col.opposedBy'), width: 20 },
            { header: t(locale, 'doc.export.col.reservations'), width: 40 },
          ]
        : []),
    ],
    rows: results.texts.map(({ text, tally, decision }) => [
      text.designation,
      localiseText(text, consultation.languageOfRecord, language).title.value,
      ...tally.figures.map((figure) => figure.value),
      outcomeWords(locale, procedure, null, tally.outcome),
      tally.clause,
      ...(meeting
        ? [
            decision === null ? null : t(locale, `outcome.meeting.${decision.outcome}` as MessageId),
            decision?.clause ?? null,
            decision === null || decision.opposedBy.length === 0 ? null : decision.opposedBy.join(', '),
            decision === null || decision.reservations.length === 0
              ? null
              : decision.reservations.map((r) => `${r.state}: ${r.note}`).join('; '),
          ]
        : []),
    ]),
  };
}

/**
 * Where the procedure consults several classes of participant, the same figures per text and class
 * (a sheet of the workbook after the results), with whether each class's replies count; null for a
 * procedure that consults one class.
 */
export function resultsByClassTable(locale: Locale, results: ConsultationResults): Table | null {
  const { procedure } = results.loaded;
  const first = results.texts.find((t) => t.byClass.length > 0)?.byClass[0];
  if (first === undefined) return null;
  const figureHeads = figureLabels(locale, procedure, first.tally);
  return {
    name: t(locale, 'doc.export.sheet.byClass'),
    columns: [
      { header: t(locale, 'doc.report.col.text'), width: 16 },
      { header: t(locale, 'doc.report.col.class'), width: 24 },
      ...first.tally.figures.map((figure, i) => ({
        header: figureHeads[i]!,
        kind: figure.format === 'percent' ? ('percent' as const) : ('number' as const),
        width: 12,
      })),
      { header: t(locale, 'doc.report.col.counted'), width: 20 },
    ],
    rows: results.texts.flatMap(({ text, byClass }) =>
      byClass.map((c) => [
        text.designation,
        procedureText(locale, procedure, `class.${c.participantClass}`),
        ...c.tally.figures.map((figure) => figure.value),
        t(locale, 'doc.report.byClass.counted', { counted: c.counted ? 'yes' : 'no' }),
      ]),
    ),
  };
}

/**
 * The audit trail as a file, oldest first (the chain's order): each event's number, time, who (the
 * recorded id, and the account's name where the reader may know it), the action in words and as
 * its code, the consultation, what it concerns, its data as JSON, and its hash. `<stem>` names the
 * consultation when the trail is one consultation's.
 */
export function auditExport(
  locale: Locale,
  events: readonly StoredAuditEvent[],
  options: { readonly names: ReadonlyMap<string, string>; readonly consultationId?: string | undefined },
): TableExport {
  const nameOf = (id: string) =>
    id.startsWith('account:') ? (options.names.get(id.slice('account:'.length)) ?? null) : null;
  const table: Table = {
    name: t(locale, 'sec.audit.title'),
    columns: [
      { header: t(locale, 'sec.audit.col.seq'), kind: 'number', width: 8 },
      { header: t(locale, 'sec.audit.col.time'), kind: 'instant', width: 20 },
      { header: t(locale, 'sec.audit.col.actor'), width: 24 },
      { header: t(locale, 'doc.export.col.name'), width: 24 },
      { header: t(locale, 'sec.audit.col.action'), width: 28 },
      { header: t(locale, 'doc.export.col.actionCode'), width: 28 },
      { header: t(locale, 'doc.notice.col.consultation'), width: 16 },
      { header: t(locale, 'sec.audit.col.subject'), width: 24 },
      { header: t(locale, 'doc.export.col.data'), width: 60 },
      { header: t(locale, 'doc.export.col.hash'), width: 20 },
    ],
    rows: events.map((e) => [
      e.seq,
      new Date(e.at),
      e.actor,
      nameOf(e.actor),
      auditActionLabel(locale, e.action),
      e.action,
      e.consultationId,
      e.subject,
      Object.keys(e.data).length === 0 ? null : JSON.stringify(e.data),
      e.hash,
    ]),
  };
  const stem = options.consultationId === undefined ? 'audit' : `audit-${fileStem(options.consultationId)}`;
  return { tables: [table], stem };
}
