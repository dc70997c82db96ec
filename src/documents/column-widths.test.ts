import { describe, expect, it } from 'vitest';
import { contentColumnWidths } from './column-widths.js';

const measure = { available: 9000, charWidth: 100, padding: 200 };
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('contentColumnWidths', () => {
  it('fills the width exactly, in proportion to each column’s longest line when every line fits', () => {
    const widths = contentColumnWidths(
      [
        ['Text', 'Replies'],
        ['X.1', '11'],
      ],
      measure,
    );
    expect(sum(widths)).toBe(9000);
    // 'Text' 4 chars → 600; 'Replies' 7 chars → 900: shared 600:900.
    expect(widths).toEqual([3600, 5400]);
  });

  it('never sets a column narrower than its longest word while the words fit, and gives the rest to the columns that lack room', () => {
    const label = 'Draft Corrigendum 1 to Recommendation ITU-T X.1333 on remote access tools in control systems';
    const widths = contentColumnWidths(
      [
        ['Text', 'Replies', 'Support', 'Outcome'],
        [label, '11', '11', 'May be considered for approval'],
      ],
      measure,
    );
    expect(sum(widths)).toBe(9000);
    expect(widths[0]).toBeGreaterThanOrEqual('Recommendation'.length * 100 + 200);
    expect(widths[1]).toBe('Replies'.length * 100 + 200);
    expect(widths[2]).toBe('Support'.length * 100 + 200);
    expect(widths[3]).toBeGreaterThanOrEqual('considered'.length * 100 + 200);
    // The long label lacks more than the outcome, so it gets more of the spare width.
    expect(widths[0]).toBeGreaterThan(widths[3]!);
  });

  it('scales the floors down together when even the longest words cannot fit', () => {
    const widths = contentColumnWidths([['A'.repeat(60), 'B'.repeat(60)]], measure);
    expect(widths).toEqual([4500, 4500]);
  });

  it('counts a Chinese character as two, and lets Chinese break between characters', () => {
    const widths = contentColumnWidths(
      [
        ['文本', '答复'],
        ['对ITU-T X.1333建议书的勘误1草案，关于工业控制系统中远程访问工具的使用安全指南。'.repeat(2), '11'],
      ],
      measure,
    );
    expect(sum(widths)).toBe(9000);
    // The floor of the long Chinese cell is its longest Latin stretch ("X.1333建" breaks after "X.1333"), not
    // the whole cell, so the short column keeps nearly all it needs for its header on one line (two wide characters).
    expect(widths).toEqual([9000 - 600, 4 * 100 + 200]);
  });

  it('keeps what a no-break space joins together, as Word does', () => {
    // Too wide for the page either way: the floors (longest unbreakable stretches) are scaled down together.
    const joined = contentColumnWidths([['A'.repeat(60), `${'B'.repeat(30)}\u00A0${'B'.repeat(29)}`]], measure);
    const split = contentColumnWidths([['A'.repeat(60), `${'B'.repeat(30)} ${'B'.repeat(29)}`]], measure);
    expect(joined).toEqual([4500, 4500]);
    expect(split[1]).toBeLessThan(split[0]!);
  });

  it('handles ragged rows, empty cells and an empty table', () => {
    expect(contentColumnWidths([], measure)).toEqual([]);
    const widths = contentColumnWidths([['Clause'], ['§9.4.5', '']], measure);
    expect(widths).toHaveLength(2);
    expect(sum(widths)).toBe(9000);
  });
});
