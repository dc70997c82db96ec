import {
  AlignmentType,
  BorderStyle,
  CheckBox,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { BOX, type Block, type DocumentContent, type FieldRow, type FormText } from './content.js';

/**
 * Renders a document's content model as a Word document with the `docx` package: real headings
 * (Word's navigation pane and a screen reader see the structure), tables with a repeated header
 * row, and the Annex 2 boxes as Word check-box content controls (clicking one ticks it), using
 * the same symbols as the PDF. Right-to-left ready: with `dir: 'rtl'` every paragraph is
 * bidirectional, every run right-to-left and every table laid out from the right.
 */

/** A4 in twips, 2 cm margins (as ITU documents). */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
/** Body text 10.5 pt (half-points). */
const BODY_SIZE = 21;
/** Word fonts per script: Latin, East Asian, complex scripts (Arabic). */
const FONTS = { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: 'Microsoft YaHei', cs: 'Arial' } as const;
/** The check-box glyphs are in MS Gothic on every Windows, in the same code points as the PDF's. */
const BOX_FONT = 'MS Gothic';
const hex = (symbol: string) => symbol.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

interface Builder {
  readonly rtl: boolean;
}

function run(b: Builder, text: string, options: { bold?: boolean; size?: number; font?: string; italics?: boolean } = {}): TextRun {
  return new TextRun({ text, ...options, ...(b.rtl && { rightToLeft: true }) });
}

function para(b: Builder, children: ParagraphChild[], options: ConstructorParameters<typeof Paragraph>[0] & object = {}): Paragraph {
  return new Paragraph({ ...(typeof options === 'object' ? options : {}), children, ...(b.rtl && { bidirectional: true }) });
}

/** Lines of one value, each its own paragraph (an empty line keeps room to write by hand). */
function lineParagraphs(b: Builder, row: FieldRow): Paragraph[] {
  return row.lines.map((line) =>
    para(b, [run(b, line, row.code ? { font: 'Consolas', size: 17 } : {})], row.bulleted ? { bullet: { level: 0 } } : { spacing: { after: 0 } }),
  );
}

function fieldsTable(b: Builder, rows: readonly FieldRow[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [2300, PAGE.width - 2 * PAGE.margin - 2300],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    ...(b.rtl && { visuallyRightToLeft: true }),
    rows: rows.map(
      (row) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({ width: { size: 2300, type: WidthType.DXA }, children: [para(b, [run(b, row.label, { bold: true })])] }),
            new TableCell({ children: lineParagraphs(b, row) }),
          ],
        }),
    ),
  });
}

function dataTable(b: Builder, block: Extract<Block, { type: 'table' }>): Paragraph[] | (Paragraph | Table)[] {
  const cell = (text: string, index: number, header: boolean) =>
    new TableCell({
      ...(header && { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E7E7' } }),
      children: [para(b, [run(b, text, { bold: header, size: 18 })], { alignment: block.numeric?.[index] && !header ? AlignmentType.END : AlignmentType.START, spacing: { after: 0 } })],
    });
  return [
    para(b, [run(b, block.caption, { italics: true, size: 18 })], { keepNext: true, spacing: { after: 60 } }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      ...(b.rtl && { visuallyRightToLeft: true }),
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: block.headers.map((h, i) => cell(h, i, true)) }),
        ...block.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c, i) => cell(c, i, false)) })),
      ],
    }),
    para(b, []),
  ];
}

function box(checked: boolean, option: boolean, alias: string): CheckBox {
  return new CheckBox({
    alias,
    checked,
    checkedState: { value: hex(option ? BOX.optionChecked : BOX.checked), font: BOX_FONT },
    uncheckedState: { value: hex(option ? BOX.optionUnchecked : BOX.unchecked), font: BOX_FONT },
  });
}

function formRow(b: Builder, text: FormText): TableRow {
  const lines: Paragraph[] = [];
  text.choices.forEach((choice, index) => {
    lines.push(para(b, [box(choice.checked, false, `${text.label}: ${index + 1}`), run(b, `\u00A0${choice.text}`)], { spacing: { after: 40 } }));
    for (const option of choice.options ?? []) {
      lines.push(para(b, [box(option.checked, true, `${text.label}: ${option.text}`), run(b, `\u00A0${option.text}`)], { indent: { start: 567 }, spacing: { after: 40 } }));
    }
  });
  for (const detail of text.details) {
    lines.push(para(b, [run(b, `${detail.label} `, { bold: true }), run(b, detail.text)], { spacing: { before: 60, after: 40 } }));
  }
  return new TableRow({
    cantSplit: true,
    children: [new TableCell({ width: { size: 3000, type: WidthType.DXA }, children: [para(b, [run(b, text.label, { bold: true })])] }), new TableCell({ children: lines })],
  });
}

function formTable(b: Builder, block: Extract<Block, { type: 'form' }>): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [3000, PAGE.width - 2 * PAGE.margin - 3000],
    layout: TableLayoutType.FIXED,
    ...(b.rtl && { visuallyRightToLeft: true }),
    rows: [
      new TableRow({
        tableHeader: true,
        children: [new TableCell({ children: [para(b, [run(b, block.corner)])] }), new TableCell({ children: [para(b, [run(b, block.header, { bold: true })])] })],
      }),
      ...block.texts.map((text) => formRow(b, text)),
    ],
  });
}

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function blockChildren(b: Builder, block: Block): (Paragraph | Table)[] {
  switch (block.type) {
    case 'letterhead':
      return block.lines.map((line) => para(b, [run(b, line, { bold: true })], { alignment: AlignmentType.CENTER, spacing: { after: 0 } }));
    case 'mark':
      return [
        para(b, [run(b, block.text, { bold: true })], {
          border: { top: { style: BorderStyle.SINGLE, size: 8, color: '000000' }, bottom: { style: BorderStyle.SINGLE, size: 8, color: '000000' } },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FFF2CC' },
          alignment: AlignmentType.CENTER,
        }),
      ];
    case 'heading':
      return [para(b, [run(b, block.text)], { heading: HEADINGS[block.level], ...(block.newPage && { pageBreakBefore: true }), ...(block.centred && { alignment: AlignmentType.CENTER }), keepNext: true })];
    case 'paragraph': {
      if (block.number !== undefined) return [para(b, [run(b, `${block.number}\t${block.text}`)], { indent: { start: 567, hanging: 567 }, tabStops: [{ type: 'left', position: 567 }] })];
      const variant = block.variant;
      return [
        para(b, [run(b, block.text, { bold: variant === 'strong', ...(variant === 'small' && { size: 16 }) })], {
          ...(variant === 'end' && { alignment: AlignmentType.END }),
          ...(variant === 'note' && { indent: { start: 567 } }),
        }),
      ];
    }
    case 'bullets':
      return block.items.map((item) => para(b, [run(b, item)], { bullet: { level: 0 } }));
    case 'fields':
      return [fieldsTable(b, block.rows), para(b, [])];
    case 'table':
      return dataTable(b, block);
    case 'form':
      return [formTable(b, block), para(b, [])];
    case 'signature':
      return block.lines.map((line, i) => para(b, [run(b, line, { bold: i === 0 })], { spacing: { after: 0, ...(i === 0 && { before: 480 }) } }));
  }
}

/** The DOCX bytes of a document. */
export async function buildDocx(content: DocumentContent): Promise<Buffer> {
  const b: Builder = { rtl: content.dir === 'rtl' };
  const language = { value: content.lang, ...(b.rtl && { bidirectional: content.lang }) };
  const heading = (size: number) => ({ run: { font: FONTS, size, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 } } });
  const document = new Document({
    title: content.title,
    subject: content.subject,
    creator: 'Assent',
    lastModifiedBy: 'Assent',
    description: content.title,
    styles: {
      default: {
        document: { run: { font: FONTS, size: BODY_SIZE, language }, paragraph: { spacing: { after: 120 } } },
        heading1: heading(28),
        heading2: heading(24),
        heading3: heading(22),
      },
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
        children: content.blocks.flatMap((block) => blockChildren(b, block)),
      },
    ],
  });
  return Packer.toBuffer(document);
}
