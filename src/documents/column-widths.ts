/**
 * Column widths for a Word table sized to its content (issue 18): Word lays out a table with
 * equal columns unless told otherwise, so a report's eight columns broke words in the middle
 * ("Corrigendu|m") while the figures' columns stayed half empty. Widths are estimated from the
 * number of characters, the longest word of a column as its floor (no word is broken while the
 * table can be made to fit), its longest line as what it would take on one line. Pure.
 */

/** What the estimate needs to know of the page and the type. */
export interface ColumnMeasure {
  /** The width to fill, in twips. */
  readonly available: number;
  /** The average advance of one character, in twips (about 90 for 9 pt Calibri, bold headers included). */
  readonly charWidth: number;
  /** What a cell adds to its text: its left and right margins, in twips. */
  readonly padding: number;
}

/** Wide characters (Chinese, Japanese, Korean, full-width forms): each takes two average characters' width. */
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/** White space a line may break at: not the no-break spaces (U+00A0, U+2007, U+202F) of "90.91 %" or "23 h 59". */
const BREAKING_SPACE = /(?![\u00A0\u2007\u202F])\s/u;

/**
 * The longest unbreakable stretch of a text and the whole text on one line, in average
 * characters: a line may break at white space, and before or after any wide character (Chinese is
 * written without spaces and breaks between characters), never at a no-break space.
 */
function extent(text: string): { word: number; line: number } {
  let word = 0;
  let current = 0;
  let line = 0;
  for (const char of text.trim()) {
    const wide = WIDE.test(char);
    line += wide ? 2 : 1;
    if (BREAKING_SPACE.test(char) || wide) {
      word = Math.max(word, current, wide ? 2 : 0);
      current = 0;
    } else current += 1;
  }
  return { word: Math.max(word, current), line };
}

/**
 * The widths of a table's columns, in twips, summing to `available`. When every column's longest
 * cell fits on one line, the spare width is shared in proportion to those widths. Otherwise the
 * narrow columns (those whose longest cell fits in an equal share of what is left) are set on one
 * line, narrowest first; the others get at least their longest word, and the rest in proportion
 * to what each lacks to set its longest cell on one line (as a browser's automatic table layout
 * shares it). When even the longest words do not fit, the floors are scaled down together (a word
 * may then break: the page is too narrow for the table).
 */
export function contentColumnWidths(table: readonly (readonly string[])[], measure: ColumnMeasure): number[] {
  const columns = Math.max(0, ...table.map((row) => row.length));
  if (columns === 0) return [];
  const floor: number[] = [];
  const ideal: number[] = [];
  for (let column = 0; column < columns; column++) {
    let word = 0;
    let line = 0;
    for (const row of table) {
      const cell = extent(row[column] ?? '');
      word = Math.max(word, cell.word);
      line = Math.max(line, cell.line);
    }
    floor.push(word * measure.charWidth + measure.padding);
    ideal.push(line * measure.charWidth + measure.padding);
  }
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  const widths: number[] = new Array(columns).fill(0);
  if (sum(ideal) <= measure.available) {
    ideal.forEach((width, index) => {
      widths[index] = (width * measure.available) / sum(ideal);
    });
  } else {
    let open = [...ideal.keys()].sort((a, b) => ideal[a]! - ideal[b]!);
    let left = measure.available;
    // The narrow columns on one line, while what is left still holds the others' longest words.
    while (open.length > 1) {
      const narrowest = open[0]!;
      const others = open.slice(1);
      if (ideal[narrowest]! > left / open.length || left - ideal[narrowest]! < sum(others.map((i) => floor[i]!))) break;
      widths[narrowest] = ideal[narrowest]!;
      left -= ideal[narrowest]!;
      open = others;
    }
    const floors = sum(open.map((i) => floor[i]!));
    const lacking = sum(open.map((i) => ideal[i]! - floor[i]!));
    for (const index of open) {
      if (floors > left) widths[index] = (floor[index]! * left) / floors;
      else
        widths[index] =
          floor[index]! + (lacking === 0 ? 0 : ((ideal[index]! - floor[index]!) * (left - floors)) / lacking);
    }
  }
  // Whole twips, the rounding left over given to the widest column, so the sum is exact.
  const whole = widths.map(Math.floor);
  const widest = whole.indexOf(Math.max(...whole));
  whole[widest]! += measure.available - sum(whole);
  return whole;
}
