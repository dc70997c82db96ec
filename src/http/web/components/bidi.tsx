import type { ComponentChildren } from 'preact';

/**
 * Bidirectional text (issue #8 item 4). In a right-to-left page (Arabic) the Unicode bidi
 * algorithm lays out every run by the strong characters around it: a Latin snippet such as
 * "X.1353 (X.ztd-iot)", "TSB Circular 79", an e-mail address or a hash, set among Arabic words,
 * gets its trailing punctuation thrown to the wrong side and its neighbours reordered. Each such
 * value is therefore isolated where a page shows it: `<bdi>` (direction from its own content) for
 * values of any script, `dir="ltr"` for values that are always left to right. In a left-to-right
 * page these elements change nothing visible. Markup only: no style, no script.
 */

/**
 * A value of unknown direction (a person's or a file's name, free text typed by someone): its own
 * content decides its direction, and it cannot reorder the sentence around it.
 */
export function Isolate({ children }: { children: ComponentChildren }) {
  return <bdi>{children}</bdi>;
}

type LtrTag = 'bdi' | 'span' | 'code';

/**
 * A value that is always left to right whatever the page's language: designations (X.1353),
 * references (TSB Circular 79), codes, hashes, e-mail addresses, URLs, ISO days (not clause
 * citations: they are written in the reader's language, and isolated with their own direction). Isolated (an element with `dir` is isolated by HTML's own rules) and laid out LTR.
 */
export function Ltr({
  children,
  as: Tag = 'bdi',
  id,
  class: className,
}: {
  children: ComponentChildren;
  as?: LtrTag;
  id?: string;
  class?: string;
}) {
  return (
    <Tag dir="ltr" class={className} id={id}>
      {children}
    </Tag>
  );
}

/** Escapes a string for a regular expression. */
function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko… and the Arabic presentation forms). */
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
/** What the edge of a left-to-right phrase gives back to the sentence around it: spaces, sentence punctuation, quotes. */
const EDGE = /[\s.,;:!?«»“”"'‘’]/u;

/** A stretch of a sentence to isolate, and its direction (undefined: its own content decides). */
interface Run {
  start: number;
  end: number;
  dir: 'ltr' | undefined;
}

/**
 * The stretches of `text` to isolate: each occurrence of a snippet (longest first). In a sentence
 * written in a right-to-left script, a left-to-right snippet grows to the whole Latin phrase it
 * stands in ("ITU-T X.1353 (X.ztd-iot)", not "X.1353" alone, which would split the phrase in
 * two), less the spaces, sentence punctuation, quotes and unbalanced brackets at its ends, which
 * belong to the sentence. Text without right-to-left letters is left as the snippets are.
 */
function runsOf(
  text: string,
  ltr: readonly (string | null | undefined)[],
  auto: readonly (string | null | undefined)[],
): Run[] {
  const snippets = new Map<string, 'ltr' | undefined>();
  for (const [values, dir] of [
    [auto, undefined],
    [ltr, 'ltr'],
  ] as const) {
    for (const value of values) if (typeof value === 'string' && value.trim() !== '') snippets.set(value, dir);
  }
  if (snippets.size === 0) return [];
  const keys = [...snippets.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(keys.map(escapeRegExp).join('|'), 'gu');
  const rightToLeft = RTL_LETTER.test(text);
  const runs: Run[] = [];
  for (const match of text.matchAll(pattern)) {
    const found = { start: match.index, end: match.index + match[0].length, dir: snippets.get(match[0]) };
    if (rightToLeft && !RTL_LETTER.test(match[0])) grow(text, found);
    const last = runs.at(-1);
    if (last && found.start <= last.end) {
      last.end = Math.max(last.end, found.end);
      last.dir = last.dir ?? found.dir;
    } else runs.push(found);
  }
  return runs;
}

/** Grows `run` over the Latin phrase around it, then gives its edges back to the sentence (never below the snippet). */
function grow(text: string, run: Run): void {
  const { start: first, end: last } = run;
  while (run.start > 0 && !RTL_LETTER.test(text[run.start - 1]!)) run.start -= 1;
  while (run.end < text.length && !RTL_LETTER.test(text[run.end]!)) run.end += 1;
  const count = (char: string) => text.slice(run.start, run.end).split(char).length - 1;
  for (;;) {
    if (run.start < first && EDGE.test(text[run.start]!)) run.start += 1;
    else if (run.end > last && EDGE.test(text[run.end - 1]!)) run.end -= 1;
    else if (run.end > last && text[run.end - 1] === ')' && count(')') > count('(')) run.end -= 1;
    else if (run.start < first && text[run.start] === '(' && count('(') > count(')')) run.start += 1;
    else return;
  }
}

/** `text` with its runs in `<bdi>` elements. */
function isolateWithin(
  text: string,
  ltr: readonly (string | null | undefined)[],
  auto: readonly (string | null | undefined)[],
) {
  const runs = runsOf(text, ltr, auto);
  if (runs.length === 0) return <>{text}</>;
  const parts: (string | ReturnType<typeof Isolate>)[] = [];
  let at = 0;
  for (const run of runs) {
    if (run.start > at) parts.push(text.slice(at, run.start));
    parts.push(<bdi dir={run.dir}>{text.slice(run.start, run.end)}</bdi>);
    at = run.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/**
 * A sentence already formatted from the catalogue (a heading such as "Draft new Recommendation
 * ITU-T X.1353 (X.ztd-iot)", a rule citing its instrument, edition and clause) with
 * its left-to-right snippets isolated as by `Ltr`, and its `auto` ones (a place, a name: any
 * script) as by `Isolate`. The sentence stays one string in the view-model (it is also used in
 * messages and labels); only its display is marked.
 */
export function LtrWithin({
  text,
  ltr,
  auto = [],
}: {
  text: string;
  ltr: readonly (string | null | undefined)[];
  auto?: readonly (string | null | undefined)[];
}) {
  return isolateWithin(text, ltr, auto);
}

/**
 * A sentence with values of unknown direction inside (a file's or a person's name, a place),
 * each occurrence isolated as by `Isolate`.
 */
export function IsolateWithin({ text, values }: { text: string; values: readonly (string | null | undefined)[] }) {
  return isolateWithin(text, [], values);
}

/** Unicode's isolates, for text that cannot hold elements: LEFT-TO-RIGHT ISOLATE, FIRST STRONG ISOLATE, POP DIRECTIONAL ISOLATE. */
const LRI = '\u2066';
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * The same isolation as `LtrWithin` for a string that cannot hold elements: a page's `<title>`
 * and `<h1>`, a confirmation question. Applied only to a sentence written in a right-to-left
 * script (elsewhere the control characters would change nothing but what is copied).
 */
export function isolateText(
  text: string,
  ltr: readonly (string | null | undefined)[],
  auto: readonly (string | null | undefined)[] = [],
): string {
  if (!RTL_LETTER.test(text)) return text;
  let out = '';
  let at = 0;
  for (const run of runsOf(text, ltr, auto)) {
    out += text.slice(at, run.start) + (run.dir === 'ltr' ? LRI : FSI) + text.slice(run.start, run.end) + PDI;
    at = run.end;
  }
  return out + text.slice(at);
}
