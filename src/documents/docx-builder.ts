import {
  AlignmentType,
  BorderStyle,
  CheckBox,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { xmlEscape } from './atom.js';
import { bidiSegments, placement, type Placement } from './bidi.js';
import { contentColumnWidths } from './column-widths.js';
import { boxTag, FORM_FORMAT, FORM_PROPERTY, type FormStamp, fieldTag, formStampValue } from './form-identity.js';
import {
  BOX,
  CLOSING_RULE,
  textOf,
  type Block,
  type DocumentContent,
  type FieldRow,
  type FormText,
  type Link,
  linkPieces,
  type Marks,
  type PageFurniture,
  type Text,
} from './content.js';

/**
 * Renders a document's content model as a Word document with the `docx` package: real headings
 * (Word's navigation pane and a screen reader see the structure), tables with a repeated header
 * row, and the Annex 2 boxes as Word check-box content controls (clicking one ticks it), using
 * the same symbols as the PDF. Right-to-left done as Word does it: in an Arabic document every
 * paragraph is bidirectional, every table laid out from the right, and every run of Arabic text
 * right-to-left with its complex-script language (ar-SA); each left-to-right snippet inside
 * (designation, reference, code, hash, figure: bidi.ts) is a run of its own without right-to-left
 * characteristics, so Word keeps its brackets and digits in order. Chinese runs carry their East
 * Asian language (zh-CN). A field in another language (the language of record) gets that
 * language's direction and run language; words typed by a person, the direction of their text.
 */

/** A4 in twips, 2 cm margins (as ITU documents). */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
/** The width of the text between the margins, in twips. */
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** The average advance of a character of a data table's 9 pt text (Calibri, some of it bold), in twips. */
const DATA_CHAR_WIDTH = 95;
/** Word's default cell margins (0.19 cm each side) and the borders, in twips. */
const CELL_PADDING = 240;
/** Body text 10.5 pt (half-points). */
const BODY_SIZE = 21;
/** Word fonts per script: Latin, East Asian, complex scripts (Arabic). */
const FONTS = { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: 'Microsoft YaHei', cs: 'Arial' } as const;
/** The check-box glyphs are in MS Gothic on every Windows, in the same code points as the PDF's. */
const BOX_FONT = 'MS Gothic';
const hex = (symbol: string) => symbol.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

/** Word's languages per UN language: Latin-script (`value`), East Asian and complex-script (`bidirectional`) text. */
const LANGUAGES: Readonly<Record<string, { value?: string; eastAsia?: string; bidirectional?: string }>> = {
  ar: { bidirectional: 'ar-SA' },
  zh: { value: 'zh-CN', eastAsia: 'zh-CN' },
  en: { value: 'en-GB' },
  fr: { value: 'fr-FR' },
  es: { value: 'es-ES' },
  ru: { value: 'ru-RU' },
};

interface Builder {
  readonly doc: { readonly lang: string; readonly dir: 'ltr' | 'rtl' };
  /** The check boxes written so far: each one's title and tag, set on the XML once the package is written. */
  readonly boxes: { readonly alias: string; readonly tag: string }[];
  /** The stamp of the document's reply form, if it has one. */
  form: FormStamp | null;
  /** The text fields written so far: each one's key and placeholder, made a content control in the XML. */
  readonly fields: { readonly key: string; readonly placeholder: string }[];
}

type RunStyle = {
  bold?: boolean;
  size?: number;
  font?: string;
  italics?: boolean;
  color?: string;
  underline?: Record<string, never>;
};

/** Links as the print view shows them. */
const LINK_COLOUR = '1F4E9A';

/** Where a text of the document's own language sits. */
const own = (b: Builder): Placement => ({ lang: b.doc.lang, dir: b.doc.dir });

const LRM = '\u200E';
const RLM = '\u200F';

/**
 * A left-to-right snippet of right-to-left text, held in order by direction marks, as the print
 * view's `<bdi dir="ltr">` holds it: a run without right-to-left characteristics is not enough,
 * since word processors still apply the bidirectional algorithm to its characters. A left-to-right
 * mark at each end makes its digits and the neutrals at its edges left-to-right ("+41 22 730 6206",
 * never "6206 730 22 41+"; the closing bracket of "(X.ztd-iot)" stays at its end); a right-to-left
 * mark after it keeps the digits that follow in the sentence (the day after "Goyang, Korea") out
 * of it. Word, LibreOffice and every reader of the text ignore the marks otherwise.
 */
function isolatedLtr(text: string): string {
  return `${LRM}${text}${LRM}${RLM}`;
}

/**
 * The runs of a text placed in `where`: in right-to-left text, runs right-to-left with their
 * language, and each left-to-right snippet a run of its own; a run states its language where the
 * document is Arabic or Chinese (Word applies its complex-script and East Asian rules by the run's
 * bidi and eastAsia languages) or the text is in another language than the document's.
 */
function runs(
  b: Builder,
  text: string,
  where: Placement = own(b),
  style: RunStyle = {},
  links?: readonly Link[],
): ParagraphChild[] {
  return linkPieces(text, links).flatMap((piece): ParagraphChild[] =>
    piece.href === null
      ? plainRuns(b, piece.text, where, style)
      : [
          new ExternalHyperlink({
            link: piece.href,
            children: plainRuns(b, piece.text, where, { ...style, color: LINK_COLOUR, underline: {} }),
          }),
        ],
  );
}

/** The runs of a text without links (see `runs`). */
function plainRuns(b: Builder, text: string, where: Placement, style: RunStyle): TextRun[] {
  const language = where.lang === null ? undefined : LANGUAGES[where.lang];
  const stateLanguage =
    language !== undefined && (where.lang !== b.doc.lang || b.doc.lang === 'ar' || b.doc.lang === 'zh');
  return bidiSegments(text, where.dir).map(
    (segment) =>
      new TextRun({
        text: where.dir === 'rtl' && segment.ltr ? isolatedLtr(segment.text) : segment.text,
        ...style,
        ...(where.dir === 'rtl' && !segment.ltr && { rightToLeft: true }),
        ...(stateLanguage && !segment.ltr && { language }),
      }),
  );
}

/** A paragraph laid out in `dir` (bidirectional when right-to-left). */
function para(
  b: Builder,
  children: ParagraphChild[],
  options: ConstructorParameters<typeof Paragraph>[0] & object = {},
  dir: 'ltr' | 'rtl' = b.doc.dir,
): Paragraph {
  return new Paragraph({
    ...(typeof options === 'object' ? options : {}),
    children,
    ...(dir === 'rtl' && { bidirectional: true }),
  });
}

/** Where a text with marks sits (its language and direction). */
function placed(b: Builder, text: string, marks: Marks = {}): Placement {
  return placement(b.doc, text, marks);
}

/**
 * A line of a table or a signature (a Text) as a paragraph of the document's direction, so the
 * lines of a block stay aligned; its runs have the line's own direction and language.
 */
function lineParagraph(
  b: Builder,
  line: Text,
  style: RunStyle,
  options: ConstructorParameters<typeof Paragraph>[0] & object,
): Paragraph {
  const text = textOf(line);
  const where = placed(b, text, typeof line === 'string' ? {} : line);
  const field = typeof line === 'string' ? undefined : line.field;
  const at = field === undefined ? -1 : text.indexOf(field.placeholder);
  if (field === undefined || at < 0) return para(b, runs(b, text, where, style), options);
  // The stretch to fill in is a field of its own, between the words around it.
  return para(
    b,
    [
      ...runs(b, text.slice(0, at), where, style),
      fieldRun(b, field, where, style),
      ...runs(b, text.slice(at + field.placeholder.length), where, style),
    ],
    options,
  );
}

/** The list of a header block's lines (addressees, copies): each line after an en dash, as ITU's circulars set them. */
const DASH_LIST = 'dash';

/** The numbering definition of DASH_LIST: "–" hanging 0.5 cm before each line. */
const DASH_NUMBERING = {
  reference: DASH_LIST,
  levels: [
    {
      level: 0,
      format: LevelFormat.BULLET,
      text: '\u2013',
      alignment: AlignmentType.START,
      style: { paragraph: { indent: { start: 284, hanging: 284 } } },
    },
  ],
};

/** Lines of one value, each its own paragraph (an empty line keeps room to write by hand). */
function lineParagraphs(b: Builder, row: FieldRow): Paragraph[] {
  return row.lines.map((line) =>
    lineParagraph(
      b,
      line,
      row.code ? { font: 'Consolas', size: 17 } : {},
      row.bulleted
        ? { numbering: { reference: DASH_LIST, level: 0 }, spacing: { after: 0 } }
        : { spacing: { after: 0 } },
    ),
  );
}

function fieldsTable(b: Builder, rows: readonly FieldRow[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [2300, PAGE.width - 2 * PAGE.margin - 2300],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    ...(b.doc.dir === 'rtl' && { visuallyRightToLeft: true }),
    rows: rows.map(
      (row) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: 2300, type: WidthType.DXA },
              children: [para(b, runs(b, row.label, own(b), { bold: true }))],
            }),
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
      children: [
        para(b, runs(b, text, own(b), { bold: header, size: 18 }), {
          alignment: block.numeric?.[index] && !header ? AlignmentType.END : AlignmentType.START,
          spacing: { after: 0 },
        }),
      ],
    });
  return [
    para(b, runs(b, block.caption, own(b), { italics: true, size: 18 }), { keepNext: true, spacing: { after: 60 } }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      // Sized to the content: Word would give every column the same width, breaking words in the narrow ones.
      columnWidths: contentColumnWidths([block.headers, ...block.rows], {
        available: TEXT_WIDTH,
        charWidth: DATA_CHAR_WIDTH,
        padding: CELL_PADDING,
      }),
      layout: TableLayoutType.FIXED,
      ...(b.doc.dir === 'rtl' && { visuallyRightToLeft: true }),
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: block.headers.map((h, i) => cell(h, i, true)) }),
        ...block.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c, i) => cell(c, i, false)) })),
      ],
    }),
    spacer(b),
  ];
}

/**
 * A check box, titled `alias` and tagged `tag`. The `docx` package writes no tag, so the box is
 * given a stand-in title, which `tagBoxes` replaces with the title and the tag in the XML.
 */
function box(b: Builder, checked: boolean, option: boolean, alias: string, tag: string): CheckBox {
  const index = b.boxes.push({ alias, tag }) - 1;
  return new CheckBox({
    alias: boxStandIn(index),
    checked,
    checkedState: { value: hex(option ? BOX.optionChecked : BOX.checked), font: BOX_FONT },
    uncheckedState: { value: hex(option ? BOX.optionUnchecked : BOX.unchecked), font: BOX_FONT },
  });
}

function formRow(b: Builder, text: FormText): TableRow {
  const lines: Paragraph[] = [];
  text.choices.forEach((choice, index) => {
    lines.push(
      para(
        b,
        [
          box(b, choice.checked, false, `${text.label}: ${index + 1}`, boxTag(text.id, choice.id)),
          ...runs(b, `\u00A0${choice.text}`),
        ],
        {
          spacing: { after: 40 },
        },
      ),
    );
    for (const option of choice.options ?? []) {
      lines.push(
        para(
          b,
          [
            box(b, option.checked, true, `${text.label}: ${option.text}`, boxTag(text.id, choice.id, option.id)),
            ...runs(b, `\u00A0${option.text}`),
          ],
          {
            indent: { start: 567 },
            spacing: { after: 40 },
          },
        ),
      );
    }
  });
  for (const detail of text.details) {
    const words = textOf(detail.text);
    const where = placed(b, words, typeof detail.text === 'string' ? {} : detail.text);
    // The label is the document's; the words (typed by a State) keep their own direction, in the paragraph of the document's.
    lines.push(
      para(b, [...runs(b, `${detail.label} `, own(b), { bold: true }), ...runs(b, words, where)], {
        spacing: { before: 60, after: 40 },
      }),
    );
  }
  return new TableRow({
    // A filled row (comments, reasons) may be long: it may break across pages rather than leave a page half blank.
    cantSplit: text.details.length === 0,
    children: [
      new TableCell({
        width: { size: 3000, type: WidthType.DXA },
        children: [para(b, runs(b, text.label, own(b), { bold: true }))],
      }),
      new TableCell({ children: lines }),
    ],
  });
}

function formTable(b: Builder, block: Extract<Block, { type: 'form' }>): Table {
  b.form ??= { format: FORM_FORMAT, consultationId: block.of.consultationId, locale: b.doc.lang };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [3000, PAGE.width - 2 * PAGE.margin - 3000],
    layout: TableLayoutType.FIXED,
    ...(b.doc.dir === 'rtl' && { visuallyRightToLeft: true }),
    rows: [
      new TableRow({
        tableHeader: true,
        children: [
          new TableCell({ children: [para(b, runs(b, block.corner))] }),
          new TableCell({ children: [para(b, runs(b, block.header, own(b), { bold: true }))] }),
        ],
      }),
      ...block.texts.map((text) => formRow(b, text)),
    ],
  });
}

/**
 * The paragraph Word needs after a table (two tables in a row would merge), kept low: a 6 pt line
 * with no space after, so a letter's first page is not lengthened by a line per table.
 */
function spacer(b: Builder): Paragraph {
  return para(b, [], { spacing: { after: 0 }, run: { size: 12 } });
}

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function blockChildren(b: Builder, block: Block): (Paragraph | Table)[] {
  switch (block.type) {
    case 'letterhead':
      return block.lines.map((line) =>
        para(b, runs(b, line, own(b), { bold: true }), { alignment: AlignmentType.CENTER, spacing: { after: 0 } }),
      );
    case 'mark':
      return [
        para(b, runs(b, block.text, own(b), { bold: true }), {
          border: {
            top: { style: BorderStyle.SINGLE, size: 8, color: '000000' },
            bottom: { style: BorderStyle.SINGLE, size: 8, color: '000000' },
          },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FFF2CC' },
          alignment: AlignmentType.CENTER,
        }),
      ];
    case 'heading':
      return [
        para(b, runs(b, block.text, own(b), {}, block.links), {
          heading: HEADINGS[block.level],
          ...(block.newPage && { pageBreakBefore: true }),
          ...(block.centred && { alignment: AlignmentType.CENTER }),
          keepNext: true,
        }),
      ];
    case 'paragraph': {
      const where = placed(b, block.text, block);
      if (block.number !== undefined) {
        return [
          para(
            b,
            [
              ...runs(b, block.number, where),
              new TextRun({ children: [new Tab()], ...(where.dir === 'rtl' && { rightToLeft: true }) }),
              ...runs(b, block.text, where),
            ],
            { indent: { start: 567, hanging: 567 }, tabStops: [{ type: 'left', position: 567 }] },
            where.dir,
          ),
        ];
      }
      const variant = block.variant;
      return [
        para(
          b,
          runs(b, block.text, where, { bold: variant === 'strong', ...(variant === 'small' && { size: 16 }) }),
          {
            ...(variant === 'end' && { alignment: AlignmentType.END }),
            ...(variant === 'note' && { indent: { start: 567 } }),
          },
          where.dir,
        ),
      ];
    }
    case 'bullets': {
      const where = placed(b, block.items.join(' '), block);
      return block.items.map((item) => para(b, runs(b, item, where), { bullet: { level: 0 } }, where.dir));
    }
    case 'fields':
      return [fieldsTable(b, block.rows), spacer(b)];
    case 'table':
      return dataTable(b, block);
    case 'form':
      return [formTable(b, block), spacer(b)];
    case 'closing-line':
      return [para(b, [new TextRun(CLOSING_RULE)], { alignment: AlignmentType.CENTER, spacing: { before: 240 } })];
    case 'signature':
      return block.lines.map((line, i) =>
        lineParagraph(b, line, { bold: i === 0 }, { spacing: { after: 0, ...(i === 0 && { before: 360 }) } }),
      );
  }
}

/**
 * The running header of the pages after the first: the reference at the start of the line, the
 * page's place ("Page 2 of 6", Word's PAGE and NUMPAGES fields) at its end, on a tab stop at the
 * text's far edge, with a rule below; the first page has a header of its own, empty.
 */
function runningHeader(b: Builder, pages: PageFurniture): Header {
  const { reference, pageOf } = pages.runningHeader;
  const rtl = b.doc.dir === 'rtl';
  const small = { size: 16 };
  const counted = pageOf.flatMap((part) =>
    'text' in part
      ? runs(b, part.text, own(b), small)
      : [new TextRun({ children: [part.count === 'page' ? PageNumber.CURRENT : PageNumber.TOTAL_PAGES], ...small })],
  );
  return new Header({
    children: [
      para(
        b,
        [
          ...runs(b, reference, own(b), small),
          new TextRun({ children: [new Tab()], ...(rtl && { rightToLeft: true }) }),
          ...counted,
        ],
        {
          tabStops: [{ type: TabStopType.END, position: PAGE.width - 2 * PAGE.margin }],
          border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 4 } },
          spacing: { after: 0 },
        },
      ),
    ],
  });
}

/** The first page's footer (a circular's bureau address), centred in small print; null for none. */
function firstPageFooter(b: Builder, pages: PageFurniture): Footer | null {
  if (pages.firstPageFooter === null) return null;
  return new Footer({
    children: [
      para(b, runs(b, pages.firstPageFooter, own(b), { size: 16 }), {
        alignment: AlignmentType.CENTER,
        spacing: { after: 0 },
      }),
    ],
  });
}

/** The DOCX bytes of a document. */
export async function buildDocx(content: DocumentContent): Promise<Buffer> {
  const b: Builder = { doc: { lang: content.lang, dir: content.dir }, boxes: [], form: null, fields: [] };
  // The default run language: Arabic documents tag Latin-script runs Arabic too (Word then keeps
  // their digits and spelling tools consistent with the document), Chinese ones their East Asian text.
  const known = LANGUAGES[content.lang];
  const language =
    content.lang === 'ar' ? { value: 'ar-SA', bidirectional: 'ar-SA' } : (known ?? { value: content.lang });
  const heading = (size: number) => ({
    run: { font: FONTS, size, bold: true, color: '000000' },
    paragraph: { spacing: { before: 240, after: 120 } },
  });
  const firstFooter = firstPageFooter(b, content.pages);
  // The blocks first: the reply form's boxes and identity are known once they are built.
  const children = content.blocks.flatMap((block) => blockChildren(b, block));
  const document = new Document({
    title: content.title,
    subject: content.subject,
    creator: 'Assent',
    numbering: { config: [DASH_NUMBERING] },
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
        properties: {
          // The first page is the letter's own: its header and footer differ from the others'.
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        headers: { default: runningHeader(b, content.pages), first: new Header({ children: [] }) },
        footers: { default: new Footer({ children: [] }), first: firstFooter ?? new Footer({ children: [] }) },
        children,
      },
    ],
    // A reply form says whose it is, so a returned one can be read back (form-identity.ts).
    ...(b.form !== null && { customProperties: [{ name: FORM_PROPERTY, value: formStampValue(b.form) }] }),
  });
  return finishPackage(await Packer.toBuffer(document), b);
}

/** The stand-in title of the `index`-th box: private-use characters no title contains. */
const boxStandIn = (index: number) => `\uE020${index}\uE021`;

/**
 * The package with what the `docx` package cannot write: each box's stand-in title replaced by
 * its title and its tag (`<w:alias/><w:tag/>`, in the schema's order), and each field's run (its
 * text led by a stand-in) made a plain-text content control showing its placeholder.
 */
function finishPackage(bytes: Buffer, b: Builder): Buffer {
  if (b.boxes.length === 0 && b.fields.length === 0) return bytes;
  const files = unzipSync(bytes);
  const xml = strFromU8(files['word/document.xml']!)
    .replace(/<w:alias w:val="\uE020(\d+)\uE021"\/>/gu, (_, index: string) => {
      const found = b.boxes[Number(index)]!;
      return `<w:alias w:val="${xmlEscape(found.alias)}"/><w:tag w:val="${xmlEscape(found.tag)}"/>`;
    })
    .replace(
      /<w:r>(<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:t(?: xml:space="preserve")?>\uE030(\d+)\uE031([^<]*)<\/w:t><\/w:r>/gu,
      (_, properties: string | undefined, index: string, text: string) => {
        const field = b.fields[Number(index)]!;
        const run = `<w:r>${properties ?? ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
        return `<w:sdt><w:sdtPr>${properties ?? ''}<w:alias w:val="${xmlEscape(field.placeholder)}"/><w:tag w:val="${xmlEscape(fieldTag(field.key))}"/><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent>${run}</w:sdtContent></w:sdt>`;
      },
    );
  // A stand-in left means the docx package wrote a box or a run otherwise than expected: the form
  // would silently lose its tags or show private characters. Fail loudly instead.
  if (/[\uE020\uE021\uE030\uE031]/u.test(xml))
    throw new Error('A check box or a field of the Word form could not be marked up (docx output changed?)');
  files['word/document.xml'] = strToU8(xml);
  return Buffer.from(zipSync(files));
}

/** The run of a field to fill in: its placeholder, led by a stand-in that finishPackage makes a content control of. */
function fieldRun(b: Builder, field: { key: string; placeholder: string }, where: Placement, style: RunStyle): TextRun {
  const index = b.fields.push(field) - 1;
  return new TextRun({
    text: `\uE030${index}\uE031${field.placeholder}`,
    ...style,
    ...(where.dir === 'rtl' && /[\u0590-\u08FF]/u.test(field.placeholder) && { rightToLeft: true }),
  });
}
