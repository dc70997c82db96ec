import { strFromU8, unzipSync } from 'fflate';

/** One sheet of a workbook as read back: its name, whether it reads right to left, and its cells as text. */
export interface ReadSheet {
  readonly name: string;
  readonly rightToLeft: boolean;
  /** Row by row; a number as its stored text ("3", "0.6957"), an empty cell as "". */
  readonly rows: string[][];
  /** The number format of each cell that has one, by reference ("N2" → "yyyy-mm-dd hh:mm:ss"). */
  readonly formats: Map<string, string>;
}

const xmlText = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** A column's 0-based index from a cell reference ("AB12" → 27). */
function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)![0];
  return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
}

/**
 * Reads the sheets of an XLSX file written by write-excel-file, enough to check what an export
 * holds: shared and inline strings, numbers, the number formats of styled cells. Not a general
 * reader (no rich text runs, no formulas): a test that needs more should fail loudly here.
 */
export function readXlsx(file: Buffer): ReadSheet[] {
  const parts = unzipSync(new Uint8Array(file));
  const text = (name: string) => {
    const part = parts[name];
    if (part === undefined) throw new Error(`the workbook has no ${name}`);
    return strFromU8(part);
  };
  const shared = parts['xl/sharedStrings.xml']
    ? [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => {
        if (m[1]!.includes('<r>')) throw new Error('rich text is not read here');
        return xmlText(/<t[^>]*>([\s\S]*?)<\/t>/.exec(m[1]!)?.[1] ?? '');
      })
    : [];
  const styles = text('xl/styles.xml');
  const numFmts = new Map(
    [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [m[1]!, xmlText(m[2]!)]),
  );
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const xfFormats = [...cellXfs.matchAll(/<xf ([^>]*?)\/?>/g)].map((m) => /numFmtId="(\d+)"/.exec(m[1]!)?.[1] ?? '0');
  const workbook = text('xl/workbook.xml');
  const names = [...workbook.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => xmlText(m[1]!));
  return names.map((name, i) => {
    const xml = text(`xl/worksheets/sheet${i + 1}.xml`);
    if (/<f>/.test(xml)) throw new Error(`sheet ${name} holds a formula`);
    const formats = new Map<string, string>();
    const rows = [...xml.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)].map((row) => {
      const cells: string[] = [];
      for (const c of row[1]!.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const [, ref, attributes = '', inner = ''] = c;
        const type = /t="(\w+)"/.exec(attributes)?.[1];
        const style = /s="(\d+)"/.exec(attributes)?.[1];
        const format = style === undefined ? undefined : numFmts.get(xfFormats[Number(style)] ?? '');
        if (format !== undefined) formats.set(ref!, format);
        const value = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
        cells[columnIndex(ref!)] =
          type === 's'
            ? shared[Number(value)]!
            : type === 'inlineStr'
              ? xmlText(/<t[^>]*>([\s\S]*?)<\/t>/.exec(inner)?.[1] ?? '')
              : value === undefined
                ? ''
                : xmlText(value);
      }
      return Array.from(cells, (cell) => cell ?? '');
    });
    return { name, rightToLeft: /rightToLeft="1"/.test(xml), rows, formats };
  });
}
