import type { DocumentKind } from './document.js';

/**
 * The content model every document is built as: a list of blocks whose words are already
 * resolved in the document's language. The DOCX builder (docx.ts) and the print view
 * (print/document.print.tsx) are two renderings of the same blocks, so the Word file and the
 * PDF of a document carry the same text, the same boxes and the same figures.
 */

/**
 * A text that is not simply in the document's language: a field shown in another language (a
 * translation missing in this one, so the language of record; data kept only in it, such as the
 * addressees), or words typed by a person (comments, a signatory's name), whose language is not
 * known. Renderings mark it: `lang` and `dir` in the print view, the run language and direction
 * in the DOCX.
 */
export interface MarkedText {
  readonly text: string;
  /**
   * A stretch of the line an Administration fills in on the blank form (its name, title, State):
   * `placeholder` is that stretch as printed ("[Name]"); the DOCX makes it a text field named
   * `key`, which a returned form is read back by (form-identity.ts). The PDF prints the line.
   */
  readonly field?: { readonly key: string; readonly placeholder: string };
  /** The UN language it is written in (its direction follows), when not the document's. */
  readonly lang?: string;
  /** Typed by a person: its direction is its own first strong character's, as HTML's `dir="auto"`. */
  readonly typed?: boolean;
}

/** A line of a document: a plain string is in the document's language (catalogue words, figures, codes). */
export type Text = string | MarkedText;

/** What to mark a block or line with: `lang` and `typed` as in MarkedText. */
export interface Marks {
  readonly lang?: string;
  readonly typed?: boolean;
}

/** The words of a Text. */
export function textOf(text: Text): string {
  return typeof text === 'string' ? text : text.text;
}

/** A field in `language`, marked only when that is not the document's own (`locale`). */
export function inLanguage(text: string, language: string, locale: string): Text {
  return language === locale ? text : { text, lang: language };
}

/** A line to fill in: the whole line, or the stretch `placeholder` of it, is the field `key`. */
export function fillIn(text: string, key: string, placeholder: string = text): Text {
  return { text, field: { key, placeholder } };
}

/** Words typed by a person. */
export function typed(text: string): Text {
  return { text, typed: true };
}

/** A stretch of a block's words that links to an address: the first occurrence of `text` in them. */
export interface Link {
  readonly text: string;
  /** An http(s) or mailto address. */
  readonly href: string;
}

/** A piece of text, linked or not. */
export interface LinkPiece {
  readonly text: string;
  readonly href: string | null;
}

/**
 * Web and e-mail addresses written in a text ("www.itu.int/ipr/", "https://…", "tsbsg17@itu.int"):
 * a sentence's closing punctuation and an unmatched closing bracket are not part of them.
 */
const ADDRESS =
  /\b(?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?'’”)\]]|(?<![\w.+-])[\w.+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}\b/gu;

/**
 * A text as pieces, linked where the circular links: the block's explicit links (a text's document
 * reference, "R34", to where it can be read) and every web or e-mail address written in it, as the
 * reader's software would make them. Pure.
 */
export function linkPieces(text: string, links: readonly Link[] = []): LinkPiece[] {
  const found: { at: number; end: number; href: string }[] = [];
  for (const link of links) {
    const at = link.text === '' ? -1 : text.indexOf(link.text);
    if (at >= 0) found.push({ at, end: at + link.text.length, href: link.href });
  }
  for (const match of text.matchAll(ADDRESS)) {
    const at = match.index;
    const end = at + match[0].length;
    if (found.some((link) => at < link.end && end > link.at)) continue;
    const address = match[0];
    const href =
      address.includes('@') && !/^(?:https?:|www\.)/u.test(address)
        ? `mailto:${address}`
        : address.startsWith('www.')
          ? `https://${address}`
          : address;
    found.push({ at, end, href });
  }
  if (found.length === 0) return [{ text, href: null }];
  found.sort((a, b) => a.at - b.at);
  const pieces: LinkPiece[] = [];
  let from = 0;
  for (const link of found) {
    if (link.at < from) continue;
    if (link.at > from) pieces.push({ text: text.slice(from, link.at), href: null });
    pieces.push({ text: text.slice(link.at, link.end), href: link.href });
    from = link.end;
  }
  if (from < text.length) pieces.push({ text: text.slice(from), href: null });
  return pieces;
}

/** A label and its value lines, in a borderless two-column layout (header blocks, receipt data). */
export interface FieldRow {
  readonly label: string;
  readonly lines: readonly Text[];
  /** Print each line as a list item (the addressees of a circular). */
  readonly bulleted?: boolean;
  /** Hashes and signatures: a fixed-width font, broken anywhere. */
  readonly code?: boolean;
}

/** One box of the Annex 2 form, ticked or not, with its sub-options (the ○ of "assigns authority"). */
export interface FormChoice {
  /** The procedure's position kind the box stands for (what a returned form is read back as). */
  readonly id: string;
  readonly checked: boolean;
  readonly text: string;
  readonly options?: readonly { readonly id: string; readonly checked: boolean; readonly text: string }[];
}

/** One text's line of the Annex 2 form: its label, the two boxes, and what a filled form adds. */
export interface FormText {
  /** The text's id in the consultation (what a returned form is read back as). */
  readonly id: string;
  readonly label: string;
  readonly choices: readonly FormChoice[];
  /** A filled form: comments, reasons, possible changes, attached files, remarks. */
  readonly details: readonly { readonly label: string; readonly text: Text }[];
}

export type Block =
  /** The issuing organisation, centred at the top of the first page. */
  | { readonly type: 'letterhead'; readonly lines: readonly string[] }
  /** A warning that must not be missed: draft, demonstration data, simulated reply. */
  | { readonly type: 'mark'; readonly text: string }
  | {
      readonly type: 'heading';
      readonly level: 1 | 2 | 3;
      readonly text: string;
      readonly newPage?: boolean;
      readonly centred?: boolean;
      /** Stretches of the heading that link somewhere (a text's document reference). */
      readonly links?: readonly Link[];
    }
  | ({
      readonly type: 'paragraph';
      readonly text: string;
      /** A numbered paragraph of a letter: "1", "2"… hanging in the margin. */
      readonly number?: string;
      /** `end`: aligned to the end of the line (place and date); `note`: indented (TSB notes); `strong`: bold; `small`: the fine print. */
      readonly variant?: 'end' | 'note' | 'strong' | 'small';
    } & Marks)
  | ({ readonly type: 'bullets'; readonly items: readonly string[] } & Marks)
  | { readonly type: 'fields'; readonly rows: readonly FieldRow[] }
  | {
      readonly type: 'table';
      readonly caption: string;
      readonly headers: readonly string[];
      readonly rows: readonly (readonly string[])[];
      /** Columns of figures are aligned to the end. */
      readonly numeric?: readonly boolean[];
    }
  /** The Annex 2 reply form: the header row, then one row per text with its boxes. */
  | {
      readonly type: 'form';
      readonly corner: string;
      readonly header: string;
      readonly texts: readonly FormText[];
      /** The consultation and procedure whose form this is: the DOCX records them, so a returned form can be read back. */
      readonly of: { readonly consultationId: string; readonly procedure: string };
      /** A blank form to fill in: its PDF is a fillable one (form fields over its boxes and fields to fill in). */
      readonly fillable?: boolean;
    }
  | { readonly type: 'signature'; readonly lines: readonly Text[] }
  /** The short centred line that closes an ITU document after its last word. */
  | { readonly type: 'closing-line' };

/** The closing line, last block of every document. */
export const CLOSING_LINE: Block = { type: 'closing-line' };

/** What the closing line prints: eleven underscores, as ITU's documents end. */
export const CLOSING_RULE = '___________';

/** A piece of a page's running line: words, or the number of this page or of all pages (filled in by the renderer). */
export type PagePart = { readonly text: string } | { readonly count: 'page' | 'pages' };

/**
 * What is printed around the blocks on each page: Chromium's page margin boxes in the PDF, the
 * section's headers and footers in the DOCX. The first page is the letter's own (letterhead at
 * its top, the bureau's address at its foot); every page after it says what it belongs to and
 * where it stands, so a page separated from the others can be put back.
 */
export interface PageFurniture {
  /** At the top of every page after the first: the document's reference and "Page 2 of 6". */
  readonly runningHeader: { readonly reference: string; readonly pageOf: readonly PagePart[] };
  /** At the foot of the first page only: the issuing bureau's address (a circular); null for none. */
  readonly firstPageFooter: string | null;
}

/** The words of a running header's page place with numbers in it (what fonts and tests need to see). */
export function pagePartsText(parts: readonly PagePart[], page: number, pages: number): string {
  return parts.map((part) => ('text' in part ? part.text : String(part.count === 'page' ? page : pages))).join('');
}

export interface DocumentContent {
  readonly kind: DocumentKind;
  /** Language of the document: the locale (`lang` of the print view; the DOCX languages follow from it). */
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  /** The document's title (PDF and DOCX metadata, the print view's <title>). */
  readonly title: string;
  /** A line for the DOCX metadata's subject. */
  readonly subject: string;
  readonly pages: PageFurniture;
  readonly blocks: readonly Block[];
}

/** Box symbols, in the embedded fonts (Noto Sans SC carries them) and in Word's MS Gothic alike. */
export const BOX = {
  unchecked: '\u25A1',
  checked: '\u25A3',
  optionUnchecked: '\u25CB',
  optionChecked: '\u25C9',
} as const;
