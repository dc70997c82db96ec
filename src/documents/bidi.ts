import { dirOf } from '../i18n/i18n.js';

/**
 * Bidirectional text in documents (issue #8 item 4). In a right-to-left document (Arabic) the
 * Unicode bidirectional algorithm lays out every stretch of text by the strong characters around
 * it, and left-to-right snippets get damaged: a telephone number "+41 22 730 5853" comes out as
 * "5853 730 22 41+", the closing bracket of "X.1353 (X.ztd-iot)" jumps to the other end, the day
 * after a Latin place name is pulled into it ("Goyang, Korea، 29"). Both renderings therefore
 * isolate every left-to-right snippet of right-to-left text — designations, references, State
 * codes, clause numbers, hashes, URLs, e-mail addresses, telephone numbers, Latin names, figures:
 * the print view in `<bdi dir="ltr">`, the DOCX in a run of its own without right-to-left
 * characteristics. Numbers too: in the DOCX, Word's numeral setting then cannot turn their digits
 * into Arabic-Indic ones; in the PDF, Chromium builds the outline (bookmarks) from each text node's
 * pieces in visual order, so a number left inside an Arabic text node would come out first
 * ("1 الملحق"). Pure functions; the catalogue's words are not touched.
 */

/** Strong right-to-left characters: Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms. */
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
/** A character a left-to-right snippet can start or end with: a letter or digit of a left-to-right script. */
const LTR_CORE = /[\p{L}\p{N}]/u;
/** Marks that belong to the snippet they lead: "+41…", "§1.2", "/api/…", "#12", "@…". */
const LEADING = new Set(['+', '§', '/', '#', '@', '$', '€', '£', '¥']);
const CLOSERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{', '>': '<', '”': '“', '»': '«' };
const OPENERS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CLOSERS).map(([close, open]) => [open, close]),
);

/** One stretch of a text: left-to-right snippets are isolated, the rest follows the text's direction. */
export interface BidiSegment {
  readonly text: string;
  /** A left-to-right snippet inside right-to-left text. */
  readonly ltr: boolean;
}

const isRtl = (char: string) => RTL.test(char);
const isLtrCore = (char: string) => LTR_CORE.test(char) && !RTL.test(char);

/** Whether `snippet` opens a bracket it does not close: then `closer` belongs to it (read backwards: an opener it lacks). */
function closes(snippet: string, closer: string, opener: string = CLOSERS[closer]!): boolean {
  let depth = 0;
  for (const char of snippet) {
    if (char === opener) depth++;
    else if (char === closer) depth--;
  }
  return depth > 0;
}

/** The position of the first opening bracket after white space in chars[from, to) that is not closed before `to`, or null. */
function unclosedOpener(chars: readonly string[], from: number, to: number): number | null {
  const open: number[] = [];
  for (let k = from; k < to; k++) {
    const char = chars[k]!;
    if (char in OPENERS) open.push(k);
    else if (char in CLOSERS) {
      const at = open.findLastIndex((o) => OPENERS[chars[o]!] === char);
      if (at >= 0) open.splice(at, 1);
    }
  }
  const unclosed = open.find((k) => k > from && /\s/u.test(chars[k - 1]!));
  return unclosed ?? null;
}

/** Whether position `at` is white space after a closing bracket and before an opening one. */
function betweenGroups(chars: readonly string[], at: number): boolean {
  if (!/\s/u.test(chars[at]!) || !(chars[at - 1]! in CLOSERS)) return false;
  let next = at;
  while (next < chars.length && /\s/u.test(chars[next]!)) next++;
  return chars[next] !== undefined && chars[next]! in OPENERS;
}

/**
 * A text shown in a paragraph of direction `dir`, as segments: in right-to-left text, each
 * left-to-right snippet on its own. A snippet runs from a Latin (Cyrillic, Chinese…) letter or a
 * digit to the last such character before the next right-to-left character, with the brackets it
 * opens and closes and the sign leading it ("+41 22 730 5853", "§1.2", "(ITU-T)"); the spaces
 * and punctuation around it stay with the sentence. A value with no right-to-left character at
 * all (a telephone number, a hash, an English line of the record) is one snippet. In
 * left-to-right text there is nothing to isolate: one segment.
 */
export function bidiSegments(text: string, dir: 'ltr' | 'rtl'): BidiSegment[] {
  if (text === '') return [];
  if (dir === 'ltr') return [{ text, ltr: false }];
  const chars = [...text];
  const segments: BidiSegment[] = [];
  let plain = '';
  let i = 0;
  while (i < chars.length) {
    if (!isLtrCore(chars[i]!)) {
      plain += chars[i];
      i++;
      continue;
    }
    // Extend to the next right-to-left character — or to the space between two bracketed groups,
    // "(WTSA) (Rev. Geneva, 2022)", which the sentence orders as two — then give back the trailing neutrals.
    let end = i;
    while (end < chars.length && !isRtl(chars[end]!) && !betweenGroups(chars, end)) end++;
    // A bracket the snippet opens after a space and does not close opens a parenthesis of the
    // sentence ("report.txt (90 بايت، …)"): the snippet ends before it.
    const open = unclosedOpener(chars, i, end);
    if (open !== null) end = open;
    let last = end - 1;
    for (;;) {
      const char = chars[last]!;
      if (isLtrCore(char)) break;
      if (char in CLOSERS && closes(chars.slice(i, last).join(''), char)) break;
      last--;
    }
    let start = i;
    end = last + 1;
    // An opening bracket right before the snippet whose closer ends it, and a leading sign, go with it.
    for (;;) {
      const before = chars[start - 1];
      if (
        before !== undefined &&
        before in OPENERS &&
        plain.endsWith(before) &&
        (chars[end] === OPENERS[before] || closes(chars.slice(start, end).reverse().join(''), before, OPENERS[before]!))
      ) {
        if (chars[end] === OPENERS[before]) end++;
        start--;
        plain = plain.slice(0, -before.length);
      } else if (before !== undefined && LEADING.has(before) && plain.endsWith(before)) {
        start--;
        plain = plain.slice(0, -before.length);
      } else break;
    }
    if (plain !== '') segments.push({ text: plain, ltr: false });
    plain = '';
    segments.push({ text: chars.slice(start, end).join(''), ltr: true });
    i = end;
  }
  if (plain !== '') segments.push({ text: plain, ltr: false });
  return segments;
}

/**
 * The direction of a text of unknown language (typed by a person: comments, names, places), as
 * HTML's `dir="auto"` decides it: from its first strong character; null when it has none.
 */
export function textDirection(text: string): 'ltr' | 'rtl' | null {
  for (const char of text) {
    if (isRtl(char)) return 'rtl';
    if (/\p{L}/u.test(char)) return 'ltr';
  }
  return null;
}

/** Where a text sits in a document: its language (null: unknown, typed by a person) and direction. */
export interface Placement {
  readonly lang: string | null;
  readonly dir: 'ltr' | 'rtl';
}

/**
 * The language and direction of a text in a document: the document's own, a marked language's
 * (a field in the language of record), or, for words typed by a person, the direction of their
 * first strong character (the document's when they have none).
 */
export function placement(
  document: { readonly lang: string; readonly dir: 'ltr' | 'rtl' },
  text: string,
  marks: { readonly lang?: string; readonly typed?: boolean } = {},
): Placement {
  if (marks.typed) return { lang: null, dir: textDirection(text) ?? document.dir };
  if (marks.lang !== undefined && marks.lang !== document.lang) return { lang: marks.lang, dir: dirOf(marks.lang) };
  return { lang: document.lang, dir: document.dir };
}
