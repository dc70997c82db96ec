import type { FastifyReply } from 'fastify';
import { CSV_MEDIA_TYPE, tableCsv, tablesXlsx, XLSX_MEDIA_TYPE } from '../documents/tabular.js';
import type { TableExport } from '../presenters/exports.js';
import { dirOf, type Locale } from '../i18n/i18n.js';

/** The formats of a list as a file: CSV (one table) or an XLSX workbook (a sheet per table). */
export type TableFormat = 'csv' | 'xlsx';

/** How the OpenAPI description names the file answers of a list endpoint, beside its JSON. */
export const TABLE_CONTENT = {
  'text/csv': { schema: { type: 'string', description: 'UTF-8 with a byte order mark, CRLF line ends (RFC 4180)' } },
  [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } },
} as const;

/**
 * Sends tables as a download named `<stem>.csv` or `<stem>.xlsx`: the CSV carries the first table
 * (or the export's own CSV table), the workbook every one (right to left for a reader of Arabic).
 */
export async function sendTables(
  reply: FastifyReply,
  format: TableFormat,
  file: TableExport,
  locale: Locale,
): Promise<FastifyReply> {
  // Replies, names and provisional figures: kept by no browser or proxy. The public cache replaces
  // this with its own header for the public results it stores.
  reply.header('cache-control', 'private, no-store');
  reply.header('content-disposition', `attachment; filename="${file.stem}.${format}"`);
  if (format === 'csv') return reply.type(CSV_MEDIA_TYPE).send(tableCsv(file.csv ?? file.tables[0]));
  const workbook = await tablesXlsx(file.tables, { rightToLeft: dirOf(locale) === 'rtl' });
  return reply.type(XLSX_MEDIA_TYPE).send(workbook);
}
