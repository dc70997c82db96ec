import { inflateSync } from 'node:zlib';

/**
 * Reads the text of a PDF in logical (reading) order the way the PDF standard provides for
 * right-to-left scripts, which pdfjs (5.x) does not implement: ISO 32000-1 §14.9.4 `ActualText`
 * (the characters a group of glyphs stands for: Noto Naskh Arabic draws ب as a dotless stroke and
 * a dot, whose glyphs alone map to nothing useful) and §14.8.2.3.3 `ReversedChars` (a glyph run
 * written in visual order, right to left). Chromium's PDF backend (Skia) writes both for every
 * Arabic run, so Acrobat, PDFium and screen readers extract such a PDF in logical order; pdfjs
 * gives the glyphs' own mappings in drawing order. This reader does what those readers do:
 *
 * 1. every text object's glyphs are mapped through the font's ToUnicode CMap, a glyph group inside
 *    an `ActualText` span is replaced by its actual text, and a `ReversedChars` run is put back in
 *    logical order;
 * 2. runs are grouped into lines by baseline, top to bottom;
 * 3. within a line that holds right-to-left text, the runs are reordered from visual to logical
 *    order as the Unicode bidirectional algorithm's rule L2 defines it for two levels: the line is
 *    read from the right, and every maximal sequence of left-to-right runs (Latin, digits, and the
 *    spaces between them) keeps its own left-to-right order.
 *
 * It parses what Chromium writes (classic cross-reference table, Flate streams, Type0 fonts with
 * Identity-H encoding); it is a test instrument, not a general PDF reader.
 */

type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

interface PdfObject {
  readonly dict: string;
  readonly stream: Buffer | null;
}

/** Every `n 0 obj … endobj` of the file, with its dictionary text and its decoded stream. */
function readObjects(bytes: Buffer): Map<number, PdfObject> {
  const text = bytes.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+)\s+0\s+obj\b/g;
  for (const match of text.matchAll(header)) {
    const start = match.index + match[0].length;
    const streamAt = text.indexOf('stream', start);
    const endAt = text.indexOf('endobj', start);
    if (endAt < 0) break;
    if (streamAt >= 0 && streamAt < endAt && /^stream\r?\n/.test(text.slice(streamAt, streamAt + 8))) {
      const dict = text.slice(start, streamAt);
      const dataStart = streamAt + (text[streamAt + 6] === '\r' ? 8 : 7);
      const length = Number(/\/Length\s+(\d+)(?!\s+0\s+R)/.exec(dict)?.[1] ?? NaN);
      const dataEnd = Number.isFinite(length) ? dataStart + length : text.indexOf('endstream', dataStart);
      const raw = bytes.subarray(dataStart, dataEnd);
      const stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : Buffer.from(raw);
      objects.set(Number(match[1]), { dict, stream });
      header.lastIndex = text.indexOf('endobj', dataEnd) + 6;
    } else {
      objects.set(Number(match[1]), { dict: text.slice(start, endAt), stream: null });
      header.lastIndex = endAt + 6;
    }
  }
  return objects;
}

/** The object number a `/Key n 0 R` entry of a dictionary refers to. */
function ref(dict: string, key: string): number | null {
  const found = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
  return found ? Number(found[1]) : null;
}

/** The text of a `/Key << … >>` entry (nested dictionaries allowed), or of the dictionary it refers to. */
function subDict(objects: Map<number, PdfObject>, dict: string, key: string): string | null {
  const at = dict.search(new RegExp(`/${key}\\s*(<<|\\d+\\s+0\\s+R)`));
  if (at < 0) return null;
  const rest = dict.slice(at + key.length + 1).trimStart();
  if (!rest.startsWith('<<')) {
    const n = Number(/^(\d+)/.exec(rest)![1]);
    return objects.get(n)?.dict ?? null;
  }
  let depth = 0;
  for (let i = 0; i < rest.length - 1; i++) {
    if (rest[i] === '<' && rest[i + 1] === '<') {
      depth++;
      i++;
    } else if (rest[i] === '>' && rest[i + 1] === '>') {
      depth--;
      i++;
      if (depth === 0) return rest.slice(0, i + 1);
    }
  }
  return null;
}

/** The pages of the document, in order (the page tree read depth first). */
function pageObjects(objects: Map<number, PdfObject>): PdfObject[] {
  const rootDict = [...objects.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
  const pagesRef = rootDict ? ref(rootDict.dict, 'Pages') : null;
  const pages: PdfObject[] = [];
  const visit = (n: number) => {
    const node = objects.get(n);
    if (!node) return;
    if (/\/Type\s*\/Pages/.test(node.dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node.dict)?.[1] ?? '';
      for (const kid of kids.matchAll(/(\d+)\s+0\s+R/g)) visit(Number(kid[1]));
    } else pages.push(node);
  };
  if (pagesRef !== null) visit(pagesRef);
  return pages;
}

interface Font {
  /** Bytes per character code (2 for Identity-H). */
  readonly bytes: 1 | 2;
  readonly map: ReadonlyMap<number, string>;
}

const utf16be = (hex: string) => {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
};

/** A ToUnicode CMap's bfchar and bfrange entries. */
function readCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const entry of section[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g))
      map.set(parseInt(entry[1]!, 16), utf16be(entry[2]!));
  }
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const entry of section[1]!.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:<([0-9a-fA-F]*)>|\[([^\]]*)\])/g,
    )) {
      const [from, to] = [parseInt(entry[1]!, 16), parseInt(entry[2]!, 16)];
      if (entry[3] !== undefined) {
        const base = entry[3];
        const last = parseInt(base.slice(-4), 16);
        for (let code = from; code <= to; code++)
          map.set(code, utf16be(base.slice(0, -4) + (last + code - from).toString(16).padStart(4, '0')));
      } else {
        const targets = [...entry[4]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((t) => utf16be(t[1]!));
        for (const [i, target] of targets.entries()) map.set(from + i, target);
      }
    }
  }
  return map;
}

function readFont(objects: Map<number, PdfObject>, n: number): Font {
  const font = objects.get(n);
  const toUnicode = font ? ref(font.dict, 'ToUnicode') : null;
  const cmap = toUnicode === null ? '' : (objects.get(toUnicode)?.stream?.toString('latin1') ?? '');
  const twoBytes = /Identity-H/.test(font?.dict ?? '') || /begincodespacerange\s*<[0-9a-fA-F]{4}>/.test(cmap);
  return { bytes: twoBytes ? 2 : 1, map: readCMap(cmap) };
}

type Token =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'name' | 'operator'; readonly value: string }
  | { readonly kind: 'string'; readonly value: Buffer }
  | { readonly kind: 'dict'; readonly value: string }
  | { readonly kind: 'array'; readonly value: Token[] };

/** The tokens of a content stream (operands and operators; inline images are not expected). */
function* tokens(content: string): Generator<Token> {
  let i = 0;
  const arrays: Token[][] = [];
  const emit = function* (token: Token): Generator<Token> {
    if (arrays.length > 0) arrays.at(-1)!.push(token);
    else yield token;
  };
  while (i < content.length) {
    const c = content[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '%') {
      while (i < content.length && content[i] !== '\n' && content[i] !== '\r') i++;
    } else if (c === '[') {
      arrays.push([]);
      i++;
    } else if (c === ']') {
      const items = arrays.pop() ?? [];
      i++;
      yield* emit({ kind: 'array', value: items });
    } else if (c === '<' && content[i + 1] === '<') {
      let depth = 0;
      const start = i;
      while (i < content.length) {
        if (content.startsWith('<<', i)) {
          depth++;
          i += 2;
        } else if (content.startsWith('>>', i)) {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else i++;
      }
      yield* emit({ kind: 'dict', value: content.slice(start, i) });
    } else if (c === '<') {
      const end = content.indexOf('>', i);
      const hex = content.slice(i + 1, end).replace(/\s/g, '');
      i = end + 1;
      yield* emit({ kind: 'string', value: Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex') });
    } else if (c === '(') {
      const out: number[] = [];
      let depth = 1;
      i++;
      while (i < content.length && depth > 0) {
        const ch = content[i]!;
        if (ch === '\\') {
          const next = content[i + 1]!;
          const octal = /^[0-7]{1,3}/.exec(content.slice(i + 1, i + 4));
          if (octal) {
            out.push(parseInt(octal[0], 8) & 0xff);
            i += 1 + octal[0].length;
            continue;
          }
          const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
          if (next !== '\n') out.push(escapes[next] ?? next.charCodeAt(0));
          i += 2;
          continue;
        }
        if (ch === '(') depth++;
        if (ch === ')') depth--;
        if (depth > 0) out.push(ch.charCodeAt(0));
        i++;
      }
      yield* emit({ kind: 'string', value: Buffer.from(out) });
    } else if (c === '/') {
      const name = /^\/[^\s/<>[\]()%{}]*/.exec(content.slice(i, i + 200))![0];
      i += name.length;
      yield* emit({ kind: 'name', value: name.slice(1) });
    } else if (/[-+.\d]/.test(c)) {
      const number = /^[-+]?(?:\d+\.?\d*|\.\d+)/.exec(content.slice(i, i + 40))?.[0] ?? c;
      i += number.length;
      yield* emit({ kind: 'number', value: Number(number) });
    } else {
      const word = /^[^\s/<>[\]()%{}]+/.exec(content.slice(i, i + 20))?.[0] ?? c;
      i += word.length;
      yield* emit({ kind: 'operator', value: word });
    }
  }
}

/** The ActualText of a marked-content property list (a hex or literal string, UTF-16BE with BOM or PDFDocEncoding), or null. */
function actualTextOf(props: string): string | null {
  const at = props.indexOf('/ActualText');
  if (at < 0) return null;
  const first = tokens(props.slice(at + '/ActualText'.length)).next().value;
  if (first?.kind !== 'string') return null;
  const bytes = first.value;
  return bytes[0] === 0xfe && bytes[1] === 0xff ? utf16be(bytes.subarray(2).toString('hex')) : bytes.toString('latin1');
}

/** One text run: the glyphs of one text object (or of one marked run in it), in logical order. */
interface Run {
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly text: string;
  /** Drawn as a ReversedChars run: right-to-left text. */
  readonly rtl: boolean;
}

const STRONG_RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const STRONG_LTR = /[\p{L}\p{N}]/u;
/** Neutrals that lead a left-to-right snippet (drawn on its left) and that close one (drawn on its right). */
const LEFT_JOINERS = /^[([{+§#@/$“«]+$/u;
const RIGHT_JOINERS = /^[)\]}%”»-]+$/u;

function pageRuns(content: string, fonts: (name: string) => Font): Run[] {
  const runs: Run[] = [];
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  /** The text matrix as last set by Tm: Chromium sets it at each run's baseline and moves glyphs (marks too) with Td. */
  let base: Matrix = IDENTITY;
  let font: Font = { bytes: 1, map: new Map() };
  let fontSize = 0;
  let operands: Token[] = [];
  /** Marked content: for each open BMC/BDC, its actual text (if any), whether it reverses, and the pieces shown inside. */
  const marks: { actual: string | null; reversed: boolean; pieces: { x: number; y: number; text: string }[] }[] = [];
  /** Pieces of the current text object outside any reversing mark. */
  let loose: { x: number; y: number; text: string; rtl: boolean }[] = [];

  const origin = () => {
    const m = multiply(tm, ctm);
    const b = multiply(base, ctm);
    return { x: m[4], y: b[5], size: Math.abs(fontSize * Math.hypot(m[2], m[3])) };
  };
  const addPiece = (piece: { x: number; y: number; text: string }, rtl = false) => {
    const open = marks.at(-1);
    if (open) open.pieces.push(piece);
    else loose.push({ ...piece, rtl });
  };
  const show = (bytes: Buffer) => {
    let text = '';
    for (let i = 0; i + font.bytes <= bytes.length; i += font.bytes) {
      const code = font.bytes === 2 ? bytes.readUInt16BE(i) : bytes[i]!;
      // A glyph mapped to U+0000 (Chromium's "no character") stands for nothing by itself.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is what is removed
      text += (font.map.get(code) ?? '').replace(/\u0000/g, '');
    }
    const { x, y } = origin();
    addPiece({ x, y, text });
  };
  const flushText = () => {
    // Pieces of one text object are one run when on one baseline (Chromium writes one text object per run).
    for (const piece of loose) {
      const last = runs.at(-1);
      const { size } = origin();
      if (piece.text === '') continue;
      runs.push({ x: piece.x, y: piece.y, size: size || last?.size || 10, text: piece.text, rtl: piece.rtl });
    }
    loose = [];
  };

  for (const token of tokens(content)) {
    if (token.kind !== 'operator') {
      operands.push(token);
      continue;
    }
    const num = (i: number) => {
      const t = operands[i];
      return t?.kind === 'number' ? t.value : 0;
    };
    switch (token.value) {
      case 'q':
        stack.push(ctm);
        break;
      case 'Q':
        ctm = stack.pop() ?? IDENTITY;
        break;
      case 'cm':
        ctm = multiply([num(0), num(1), num(2), num(3), num(4), num(5)], ctm);
        break;
      case 'BT':
        tm = IDENTITY;
        tlm = IDENTITY;
        base = IDENTITY;
        break;
      case 'ET':
        flushText();
        break;
      case 'Tf': {
        const name = operands[0]?.kind === 'name' ? operands[0].value : '';
        font = fonts(name);
        fontSize = num(1);
        break;
      }
      case 'Tm':
        tm = [num(0), num(1), num(2), num(3), num(4), num(5)];
        tlm = tm;
        base = tm;
        break;
      case 'Td':
      case 'TD':
        tlm = multiply([1, 0, 0, 1, num(0), num(1)], tlm);
        tm = tlm;
        break;
      case 'Tj':
      case "'":
      case '"': {
        const s = operands.at(-1);
        if (s?.kind === 'string') show(s.value);
        break;
      }
      case 'TJ': {
        const array = operands[0];
        if (array?.kind === 'array') for (const item of array.value) if (item.kind === 'string') show(item.value);
        break;
      }
      case 'BMC':
      case 'BDC': {
        const tag = operands[0]?.kind === 'name' ? operands[0].value : '';
        const props = operands[1]?.kind === 'dict' ? operands[1].value : '';
        marks.push({ actual: actualTextOf(props), reversed: tag === 'ReversedChars', pieces: [] });
        break;
      }
      case 'EMC': {
        const mark = marks.pop();
        if (!mark) break;
        if (mark.actual !== null) {
          const first = mark.pieces[0] ?? { ...origin(), text: '' };
          addPiece({ x: first.x, y: first.y, text: mark.actual });
        } else if (mark.reversed) {
          // A run written right to left: its pieces (glyphs or ActualText groups) are in visual order.
          const pieces = mark.pieces;
          if (pieces.length > 0) {
            const x = Math.min(...pieces.map((p) => p.x));
            const text = pieces
              .map((p) => p.text)
              .reverse()
              .join('');
            const parent = marks.at(-1);
            if (parent) parent.pieces.push({ x, y: pieces[0]!.y, text });
            else loose.push({ x, y: pieces[0]!.y, text, rtl: true });
          }
        } else {
          const parent = marks.at(-1);
          if (parent) parent.pieces.push(...mark.pieces);
          else loose.push(...mark.pieces.map((p) => ({ ...p, rtl: false })));
        }
        break;
      }
      default:
        break;
    }
    operands = [];
  }
  flushText();
  return runs;
}

/** Merges the glyph pieces of one line that touch into runs, then orders the runs logically. */
function lineText(runs: Run[]): string {
  const visual = [...runs].sort((a, b) => a.x - b.x);
  const hasRtl = visual.some((r) => r.rtl || STRONG_RTL.test(r.text));
  if (!hasRtl) return visual.map((r) => r.text).join('');
  // Two levels: right-to-left runs (level 1) and left-to-right runs (level 2, Latin and digits).
  // Neutral runs (spaces, punctuation) between two left-to-right runs are left to right (UBA N1),
  // and so is a bracket or sign drawn against a left-to-right run on the side it belongs to
  // ("(ITU-T)", "+41", "X.websec-" at a line's end: the snippets the print view isolates);
  // other neutrals take the line's direction (N2).
  const kind = visual.map((r) => (r.rtl || STRONG_RTL.test(r.text) ? 'r' : STRONG_LTR.test(r.text) ? 'l' : 'n'));
  const level = kind.map((k, i) => {
    if (k === 'r') return 1;
    if (k === 'l') return 2;
    const text = visual[i]!.text;
    if ((LEFT_JOINERS.test(text) && kind[i + 1] === 'l') || (RIGHT_JOINERS.test(text) && kind[i - 1] === 'l')) return 2;
    let before = i - 1;
    while (before >= 0 && kind[before] === 'n') before--;
    let after = i + 1;
    while (after < kind.length && kind[after] === 'n') after++;
    return before >= 0 && after < kind.length && kind[before] === 'l' && kind[after] === 'l' ? 2 : 1;
  });
  // Rule L2: reverse the whole line, then every maximal sequence at level 2 back again.
  const order = visual.map((_, i) => i).reverse();
  const out: number[] = [];
  for (let i = 0; i < order.length; ) {
    if (level[order[i]!] === 2) {
      let j = i;
      while (j < order.length && level[order[j]!] === 2) j++;
      out.push(...order.slice(i, j).reverse());
      i = j;
    } else out.push(order[i++]!);
  }
  return out.map((i) => visual[i]!.text).join('');
}

/**
 * The text of each page in logical order: one line per baseline, top to bottom. Characters the
 * fonts map to presentation forms (Arabic contextual forms) are normalised (NFKC on those only).
 */
export function pdfLogicalPages(bytes: Uint8Array): string[] {
  const objects = readObjects(Buffer.from(bytes));
  return pageObjects(objects).map((page) => {
    const resources = subDict(objects, page.dict, 'Resources') ?? '';
    const fontDict = subDict(objects, resources, 'Font') ?? '';
    const fonts = new Map<string, Font>();
    const fontOf = (name: string) => {
      let font = fonts.get(name);
      if (!font) {
        const n = ref(fontDict, name);
        font = n === null ? { bytes: 1, map: new Map() } : readFont(objects, n);
        fonts.set(name, font);
      }
      return font;
    };
    const contentRefs =
      /\/Contents\s*\[([^\]]*)\]/.exec(page.dict)?.[1] ?? /\/Contents\s+(\d+\s+0\s+R)/.exec(page.dict)?.[1] ?? '';
    const content = [...contentRefs.matchAll(/(\d+)\s+0\s+R/g)]
      .map((m) => objects.get(Number(m[1]))?.stream?.toString('latin1') ?? '')
      .join('\n');
    const runs = pageRuns(content, fontOf);
    // Lines: runs whose baselines are within a third of the text size, top of the page first.
    const lines: Run[][] = [];
    for (const run of [...runs].sort((a, b) => b.y - a.y)) {
      const line = lines.find((l) => Math.abs(l[0]!.y - run.y) < Math.max(l[0]!.size, run.size) / 3);
      if (line) line.push(run);
      else lines.push([run]);
    }
    lines.sort((a, b) => b[0]!.y - a[0]!.y);
    // A line the layout broke after a hyphen ("X.websec-" | "7)") is joined again, as document-harness.ts does.
    return lines
      .map((line) => lineText(line).replace(/[\uFB50-\uFDFF\uFE70-\uFEFF]+/g, (forms) => forms.normalize('NFKC')))
      .join('\n')
      .replace(/-\n/g, '-');
  });
}

/** The whole text of a PDF in logical order. */
export function pdfLogicalText(bytes: Uint8Array): string {
  return pdfLogicalPages(bytes).join('\n');
}
