import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { csvCellText, type Table, tableCsv, tablesXlsx, xlsxSafeText } from '../../src/documents/tabular.js';
import { readXlsx } from '../helpers/xlsx.js';

/** Parses CSV as RFC 4180 §2 defines it (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) throw new Error('the last record has no CRLF');
  return records;
}

/** What XML 1.0 forbids or discourages, and U+FFFD: write-excel-file leaves these characters out. */
const NOT_IN_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffd]|\p{Noncharacter_Code_Point}/gu;

/** What spreadsheet software reads as the start of a formula (OWASP's list, and the full-width forms). */
const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/** Any text, and often one that starts like a formula. */
const CELL_TEXT = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc
    .tuple(fc.constantFrom(...FORMULA_STARTS), fc.string({ unit: 'grapheme', maxLength: 8 }))
    .map(([start, rest]) => `${start}${rest}`),
);

const table = (rows: Table['rows'], columns: Table['columns'] = [{ header: 'A' }, { header: 'B' }]): Table => ({
  name: 'Sheet',
  columns,
  rows,
});

describe('tables as CSV (RFC 4180) and XLSX', () => {
  it('starts with a byte order mark, ends every line with CRLF, and quotes what needs it', () => {
    const text = tableCsv(
      table([
        ['a,b', 'say "hi"'],
        ['two\nlines', null],
      ]),
    );
    expect(text).toBe('\uFEFFA,B\r\n"a,b","say ""hi"""\r\n"two\nlines",\r\n');
    expect(tableCsv(table([]), { bom: false })).toBe('A,B\r\n');
  });

  it('neutralises text that spreadsheet software would run as a formula, and only text', () => {
    for (const start of FORMULA_STARTS) expect(csvCellText(`${start}1+1`, undefined)).toBe(`'${start}1+1`);
    expect(csvCellText('a=1', undefined)).toBe('a=1');
    expect(csvCellText(-3, { header: 'n', kind: 'number' })).toBe('-3');
    expect(csvCellText(69.567, { header: '%', kind: 'percent' })).toBe('69.57');
  });

  it('writes instants in UTC to the second, and days as days', () => {
    const at = new Date(Date.UTC(2023, 7, 16, 23, 59, 59, 999));
    expect(csvCellText(at, { header: 'When', kind: 'instant' })).toBe('2023-08-16 23:59:59');
    expect(csvCellText(at, { header: 'Day', kind: 'day' })).toBe('2023-08-16');
  });

  it('writes a workbook with a sheet per table, names made valid, shares as percentages and dates as dates', async () => {
    const columns: Table['columns'] = [
      { header: 'Text' },
      { header: 'Ratio', kind: 'percent' },
      { header: 'When', kind: 'instant' },
    ];
    const file = await tablesXlsx(
      [
        { name: 'Results: [all]/*?', columns, rows: [['=cmd', 75, new Date(Date.UTC(2023, 7, 16, 12))]] },
        { name: 'A name far longer than the thirty-one characters a sheet may have', columns, rows: [] },
      ],
      { rightToLeft: true },
    );
    const [first, second] = readXlsx(file);
    expect(first!.name).toBe('Results   all    ');
    expect(second!.name).toHaveLength(31);
    expect(first!.rightToLeft).toBe(true);
    expect(first!.rows).toEqual([
      ['Text', 'Ratio', 'When'],
      ['=cmd', '0.75', String(45154.5)],
    ]);
    expect(first!.formats.get('B2')).toBe('0.00%');
    expect(first!.formats.get('C2')).toBe('yyyy-mm-dd hh:mm:ss');
  });

  test.prop([
    fc.array(fc.array(fc.option(CELL_TEXT), { minLength: 2, maxLength: 2 }), {
      maxLength: 8,
    }),
  ])('any text comes back from the CSV as written, but for the apostrophe before a formula', (rows) => {
    const [, ...back] = parseCsv(tableCsv(table(rows)).replace(/^\uFEFF/, ''));
    const neutralised = (cell: string | null) =>
      cell === null ? '' : FORMULA_STARTS.some((start) => cell.startsWith(start)) ? `'${cell}` : cell;
    expect(back).toEqual(rows.map((row) => row.map(neutralised)));
  });

  it('stores a text named like a member of Object.prototype without corrupting the workbook', async () => {
    const names = [...Object.getOwnPropertyNames(Object.prototype), '__proto__'];
    const [sheet] = readXlsx(
      await tablesXlsx([{ name: 'All', columns: names.map((header) => ({ header })), rows: [names, ['plain']] }]),
    );
    expect(sheet!.rows[0]!.map((cell) => cell.replace(/\u2060$/, ''))).toEqual(names);
    expect(sheet!.rows[1]!.map((cell) => cell.replace(/\u2060$/, ''))).toEqual(names);
    expect(sheet!.rows[2]).toEqual(['plain']);
    expect(xlsxSafeText('toString ')).toBe('toString ');
    expect(xlsxSafeText('toString')).toBe('toString\u2060');
  });

  test.prop([
    fc.array(
      fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 12 }),
        fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype), '__proto__'),
      ),
      { minLength: 1, maxLength: 6 },
    ),
  ])('any text is stored in the workbook as text (control characters that XML cannot hold left out)', async (cells) => {
    const written = cells.slice(0, 2);
    const [sheet] = readXlsx(await tablesXlsx([table([written])]));
    const xmlSafe = (text: string) => text.replace(NOT_IN_XML, '');
    // A row of empty cells is not written at all.
    const read = sheet!.rows[1] ?? [];
    for (const [i, cell] of written.entries()) expect(read[i] ?? '').toBe(xmlSafe(xlsxSafeText(cell)));
  });
});
