import type { FieldProblem } from '../errors.js';

/**
 * What text typed by people may hold. A reply, a circular and a decision are records that are
 * hashed, signed and shown to others, so their text must be stored exactly as it will be read
 * back and shown as it is stored:
 *
 * - **Well-formed Unicode only.** A lone surrogate (U+D800–U+DFFF not in a pair) cannot be stored
 *   as UTF-8: the database keeps U+FFFD instead, so the text read back no longer has the hash
 *   its receipt signed, and every check of that receipt would report tampering that never was.
 * - **NFC.** The same words typed on two systems may arrive composed (é) or decomposed (e + ◌́);
 *   texts are stored composed so that equal words are equal bytes and hash alike.
 * - **No controls, no bidirectional embeddings, overrides or isolates** (U+202A–U+202E,
 *   U+2066–U+2069) anywhere: they are invisible and can make text display in another order than
 *   it is stored and hashed ("Trojan Source").
 * - **One-line fields** (names, titles, places, designations) hold no line break, tab, bidi mark
 *   (U+200E, U+200F, U+061C) or other invisible format character either; only the joiners that
 *   scripts need to render (U+200C, U+200D) and the visible prepended marks of Arabic and Syriac
 *   pass. Multi-line text (comments, reasons, notes) may hold line breaks, tabs, the bidi marks
 *   that mixed Arabic and Latin text needs, and format characters pasted from word processors.
 */

/** A one-line field, or multi-line text. */
export type TextKind = 'line' | 'block';

/** Why a text is refused. */
export type TextFaultKind = 'ill_formed' | 'control' | 'line_break' | 'bidi_control' | 'format_character';

export interface TextFault {
  readonly kind: TextFaultKind;
  /** The offending code point (a lone surrogate's own value for `ill_formed`). */
  readonly codePoint: number;
  /** Its position, counted in characters (code points) from 1. */
  readonly position: number;
}

/** Embeddings, overrides and isolates: refused in every text (they reorder what is displayed). */
const isBidiEmbedding = (cp: number) => (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
/** Marks that only settle the direction of neutral characters: allowed in multi-line text. */
const isBidiMark = (cp: number) => cp === 0x200e || cp === 0x200f || cp === 0x061c;
/** Format characters that a script needs to render (joiners) or that are visible (prepended concatenation marks). */
const isNeededFormat = (cp: number) =>
  cp === 0x200c ||
  cp === 0x200d ||
  (cp >= 0x0600 && cp <= 0x0605) ||
  cp === 0x06dd ||
  cp === 0x070f ||
  cp === 0x0890 ||
  cp === 0x0891 ||
  cp === 0x08e2 ||
  cp === 0x110bd ||
  cp === 0x110cd;
const FORMAT = /^\p{Cf}$/u;

/** The fault of one character in a text of `kind`, or null when it may be there. */
function faultOf(char: string, kind: TextKind): TextFaultKind | null {
  const cp = char.codePointAt(0)!;
  if (cp >= 0xd800 && cp <= 0xdfff) return 'ill_formed';
  if (cp === 0x0a || cp === 0x0d || cp === 0x2028 || cp === 0x2029) return kind === 'line' ? 'line_break' : null;
  if (cp === 0x09) return kind === 'line' ? 'control' : null;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return 'control';
  if (isBidiEmbedding(cp)) return 'bidi_control';
  if (isBidiMark(cp)) return kind === 'line' ? 'bidi_control' : null;
  if (kind === 'line' && FORMAT.test(char) && !isNeededFormat(cp)) return 'format_character';
  return null;
}

/** The first character a text of `kind` may not hold, or null when it is acceptable. */
export function textFault(value: string, kind: TextKind): TextFault | null {
  let position = 0;
  // for…of walks code points: a valid pair is one character, a lone surrogate is one on its own.
  for (const char of value) {
    position += 1;
    const fault = faultOf(char, kind);
    if (fault !== null) return { kind: fault, codePoint: char.codePointAt(0)!, position };
  }
  return null;
}

/** True when `value` may be stored in a field of `kind`. */
export function isAcceptableText(value: string, kind: TextKind): boolean {
  return textFault(value, kind) === null;
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** The fault in words a user can act on. */
export function describeTextFault(fault: TextFault): string {
  const at = `at character ${fault.position}`;
  switch (fault.kind) {
    case 'ill_formed':
      return `Not well-formed Unicode: a lone surrogate (${hex(fault.codePoint)}) ${at}`;
    case 'control':
      return `Contains the control character ${hex(fault.codePoint)} ${at} (tabs only in multi-line text)`;
    case 'line_break':
      return `Contains a line break ${at}: this field is one line`;
    case 'bidi_control':
      return `Contains the bidirectional control ${hex(fault.codePoint)} ${at}, which can make text display in another order than it is stored`;
    case 'format_character':
      return `Contains the invisible format character ${hex(fault.codePoint)} ${at}`;
  }
}

/** The deepest nesting of an input walked (request schemas nest far less). */
const MAX_DEPTH = 64;

const pointerPart = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every string of an input (a JSON body, a posted form) checked against the rules that hold for
 * all text — well-formed, no controls but line breaks and tabs, no bidi embeddings, overrides or
 * isolates — and composed to NFC. Returns the normalised copy, and one problem per string refused,
 * naming its field as a JSON pointer (`/positions/2/comments`). One-line fields are checked further
 * by the request schemas (format `single-line-text`). `skip` leaves a field exactly as it came
 * (passwords: never shown, and a hash of what was typed is stored).
 */
export function normaliseInputText(
  input: unknown,
  options: { readonly skip?: (key: string) => boolean } = {},
): { value: unknown; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const walk = (value: unknown, pointer: string, depth: number): unknown => {
    if (typeof value === 'string') {
      const fault = textFault(value, 'block');
      if (fault === null) return value.normalize('NFC');
      problems.push({ field: pointer || '/', message: describeTextFault(fault) });
      return value;
    }
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
    if (depth >= MAX_DEPTH) {
      problems.push({ field: pointer || '/', message: 'Nested too deeply' });
      return value;
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, `${pointer}/${i}`, depth + 1));
    // fromEntries defines own properties, so a key named __proto__ stays data, never a prototype.
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        options.skip?.(key) ? item : walk(item, `${pointer}/${pointerPart(key)}`, depth + 1),
      ]),
    );
  };
  const value = walk(input, '', 0);
  return { value, problems };
}

/** A field of free text as a rule reads it: none when absent or only white space, else as typed. */
export function blankToNull(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  return value.trim() === '' ? null : value;
}
