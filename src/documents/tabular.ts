import type { Row, SheetData } from 'write-excel-file/node';

/**
 * Tables as files for spreadsheet software: CSV (RFC 4180) and XLSX (Office Open XML, through
 * write-excel-file). The exports of replies and results (src/presenters/exports.ts) build a
 * `Table` once and hand it to either writer, so both carry the same columns and values.
 */

/** A cell: text, a number, an instant (a Date, always UTC), or nothing. */
export type TableCell = string | number | Date | null;

export interface TableColumn {
  readonly header: string;
  /** `percent`: numbers are shares in percent (69.57), shown as such; `day`: Dates are whole days. */
  readonly kind?: 'text' | 'number' | 'percent' | 'instant' | 'day';
  /** Width in characters in a spreadsheet (XLSX); CSV has none. */
  readonly width?: number;
}

export interface Table {
  /** The sheet's name in a workbook (at most 31 characters, none of `[]:*?/\`). */
  readonly name: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly TableCell[])[];
}

export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8; header=present';
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The byte order mark that tells spreadsheet software a CSV file is UTF-8 (else it guesses a legacy code page). */
const BOM = '\uFEFF';

/**
 * Characters that make spreadsheet software read a cell as a formula (`=`, `+`, `-`, `@`) or that
 * some of them strip before doing so (tab, carriage return): a text starting with one is prefixed
 * with an apostrophe, which the software shows as text (OWASP, "CSV Injection"); their full-width
 * forms too, which East Asian input methods type. Replies are typed by anyone with a focal point's
 * account, and the secretariat opens the export.
 */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

/** An instant as spreadsheet software reads a date and time without a zone: `2023-08-16 23:59:59` (UTC, said in the column's header). */
function instantText(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** A cell's text in a CSV file, neutralised against formulas; numbers as they are written in code (a dot for decimals). */
export function csvCellText(cell: TableCell, column: TableColumn | undefined): string {
  if (cell === null) return '';
  if (cell instanceof Date) return column?.kind === 'day' ? cell.toISOString().slice(0, 10) : instantText(cell);
  if (typeof cell === 'number') return column?.kind === 'percent' ? cell.toFixed(2) : String(cell);
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180 §2.6–2.7). */
export function csvQuote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A table as CSV: the headers, then one line per row, CRLF after every line (RFC 4180 §2.1),
 * starting with a byte order mark unless `bom: false` (for a program reading standard output).
 */
export function tableCsv(table: Table, options: { readonly bom?: boolean } = {}): string {
  const line = (cells: readonly string[]) => `${cells.map(csvQuote).join(',')}\r\n`;
  let text = options.bom === false ? '' : BOM;
  // A CSV cell cannot say it is a share: the heading does.
  text += line(table.columns.map((c) => csvCellText(c.kind === 'percent' ? `${c.header} (%)` : c.header, undefined)));
  for (const row of table.rows) text += line(table.columns.map((column, i) => csvCellText(row[i] ?? null, column)));
  return text;
}

/** The number format of a date column's cells in a spreadsheet. */
function dateFormat(column: TableColumn): string {
  return column.kind === 'day' ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
}

/**
 * A text as write-excel-file can store it. Its index of shared strings is a plain object, so a text
 * that is exactly the name of one of Object.prototype's members (`toString`, `constructor`,
 * `__proto__`, …) finds that member instead of nothing, and the cell's value becomes a function's
 * source: the workbook is corrupt. Anyone who may reply could type such a comment. Such a text gets
 * an invisible WORD JOINER (U+2060) after it, which makes it an ordinary key; every other text is
 * stored as it is. The CSV export is unaffected.
 */
export function xlsxSafeText(text: string): string {
  return text === '__proto__' || Object.hasOwn(Object.prototype, text) ? `${text}\u2060` : text;
}

/** A sheet's name as workbooks allow it: at most 31 characters, none of `[]:*?/\`. */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
}

/**
 * Tables as one workbook, a sheet each: bold headers in a frozen first row, columns at their
 * widths, instants as real dates (UTC), shares as percentages. Text is stored as text, never as a
 * formula. Right to left for a reader of Arabic.
 */
export async function tablesXlsx(
  tables: readonly Table[],
  options: { readonly rightToLeft?: boolean } = {},
): Promise<Buffer> {
  const sheets = tables.map((table) => {
    const header: Row = table.columns.map((c) => ({ value: xlsxSafeText(c.header), fontWeight: 'bold' as const }));
    const rows: Row[] = table.rows.map((row) =>
      table.columns.map((column, i) => {
        const cell = row[i] ?? null;
        if (cell === null) return null;
        if (typeof cell === 'number' && column.kind === 'percent')
          return { value: cell / 100, type: Number, format: '0.00%' };
        // To the second, as the CSV writes it: a spreadsheet rounds 23:59:59.7 up to the next day.
        if (cell instanceof Date)
          return { value: new Date(Math.floor(cell.getTime() / 1000) * 1000), type: Date, format: dateFormat(column) };
        if (typeof cell === 'number') return { value: cell, type: Number };
        return { value: xlsxSafeText(cell), type: String };
      }),
    );
    const data: SheetData = [header, ...rows];
    return {
      data,
      sheet: sheetName(table.name),
      stickyRowsCount: 1,
      columns: table.columns.map((c) => ({ width: c.width ?? 14 })),
      ...(options.rightToLeft ? { rightToLeft: true } : {}),
    };
  });
  // Loaded on first use: the CLI and the server's start need none of it.
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  return writeXlsxFile(sheets).toBuffer();
}
