/**
 * XLIFF 2.0 (OASIS, `urn:oasis:names:tc:xliff:document:2.0`), the file translation tools read:
 * built from units, and read back strictly. Pure: no I/O.
 *
 * What is written: one `<file>` per catalogue area (or per circular), one `<unit>` per message
 * with its notes (placeholders, where the text is, its review) and one `<segment>` holding the
 * `<source>` and the `<target>` as plain text (ICU MessageFormat is text to XLIFF: `{count}`,
 * plural and select stay as they are, `&`, `<` and `>` are escaped, whitespace and line breaks
 * kept, `xml:space="preserve"`), `canResegment="no"` so that a tool keeps one segment per message.
 *
 * What is read back: that subset, and what tools are allowed to add to it — comments, CDATA,
 * foreign-namespace modules and attributes (ignored), `<group>`s (flattened), a unit split into
 * several `<segment>`s and `<ignorable>`s (joined in order). Refused, each with a stable code and
 * the unit as path (`<file id>/<unit id>`, or `line:column` where the XML itself is broken): text
 * that is not well-formed XML, a DOCTYPE (no entity expansion, ever), another version or
 * namespace, missing or duplicate ids, an unknown state, a state past `initial` without a target,
 * inline markup in a source or target (ICU text has none). `checkAgainst` then compares a parsed
 * document with what was exported: the languages, known files and units, unchanged sources.
 */

export const XLIFF_NAMESPACE = 'urn:oasis:names:tc:xliff:document:2.0';
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/** The states of a segment, in order (XLIFF 2.0 §4.3.1.34): a later one implies the earlier ones. */
export const UNIT_STATES = ['initial', 'translated', 'reviewed', 'final'] as const;
export type UnitState = (typeof UNIT_STATES)[number];

/** A note for the translator (the message's placeholders, where it is used, its last review). */
export interface XliffNote {
  readonly category: string;
  readonly text: string;
}

export interface XliffUnit {
  readonly id: string;
  readonly source: string;
  /** Null: no target (untranslated). */
  readonly target: string | null;
  readonly state: UnitState;
  readonly notes: readonly XliffNote[];
}

export interface XliffFile {
  readonly id: string;
  /** Where the units come from (a catalogue file's path, a circular's id). */
  readonly original?: string;
  readonly units: readonly XliffUnit[];
}

export interface XliffDocument {
  readonly srcLang: string;
  readonly trgLang: string;
  readonly files: readonly XliffFile[];
}

/** Stable codes of the refusals of a file (domain/errors.ts catalogues them). */
export type XliffProblemCode =
  | 'XLIFF_MALFORMED'
  | 'XLIFF_NOT_SUPPORTED'
  | 'XLIFF_WRONG_LANGUAGE'
  | 'XLIFF_DUPLICATE_ID'
  | 'XLIFF_UNKNOWN_UNIT'
  | 'XLIFF_SOURCE_CHANGED';

/** One refusal: its code, where (`file/unit`, `file`, `xliff` or `line:column`), and what the words need. */
export interface XliffProblem {
  readonly code: XliffProblemCode;
  readonly path: string;
  readonly detail: string;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Characters XML 1.0 cannot carry at all (C0 controls but tab, line feed, carriage return). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/u;

function escapeText(text: string): string {
  if (NOT_XML.test(text)) throw new Error('A control character cannot be written to XML');
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;');
}

/** The XLIFF 2.0 text of a document, UTF-8, ending with a line break. */
export function buildXliff(document: XliffDocument): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_NAMESPACE}" version="2.0" srcLang="${escapeAttribute(document.srcLang)}" trgLang="${escapeAttribute(document.trgLang)}">`,
  ];
  for (const file of document.files) {
    const original = file.original === undefined ? '' : ` original="${escapeAttribute(file.original)}"`;
    out.push(`  <file id="${escapeAttribute(file.id)}"${original} canResegment="no">`);
    for (const unit of file.units) {
      out.push(`    <unit id="${escapeAttribute(unit.id)}">`);
      if (unit.notes.length > 0) {
        out.push('      <notes>');
        for (const note of unit.notes)
          out.push(`        <note category="${escapeAttribute(note.category)}">${escapeText(note.text)}</note>`);
        out.push('      </notes>');
      }
      out.push(`      <segment state="${unit.target === null ? 'initial' : unit.state}">`);
      out.push(`        <source xml:space="preserve">${escapeText(unit.source)}</source>`);
      if (unit.target !== null) out.push(`        <target xml:space="preserve">${escapeText(unit.target)}</target>`);
      out.push('      </segment>', '    </unit>');
    }
    out.push('  </file>');
  }
  out.push('</xliff>', '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Reading XML: a small, strict parser for elements, attributes, text, CDATA, comments and the
// XML declaration. No DOCTYPE, so no entities but the five predefined ones and character references.

interface XmlElement {
  readonly kind: 'element';
  readonly qname: string;
  namespace: string | null;
  local: string;
  /** Attributes by qualified name, raw (prefixes resolved below). */
  readonly attributes: Map<string, string>;
  readonly children: XmlNode[];
  readonly line: number;
  readonly column: number;
}
type XmlNode = XmlElement | { readonly kind: 'text'; readonly text: string };

class XmlError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const NAME =
  /[A-Za-z_\u00c0-\uffff][A-Za-z0-9_.\-\u00b7\u00c0-\uffff]*(?::[A-Za-z_\u00c0-\uffff][A-Za-z0-9_.\-\u00b7\u00c0-\uffff]*)?/uy;

/** The longest file read (characters): a whole catalogue exported is about half a million. */
const MAX_XML_CHARACTERS = 20_000_000;
/** The deepest nesting of elements read. */
const MAX_XML_DEPTH = 64;

function parseXml(input: string): XmlElement {
  // Line ends are normalised as XML requires (§2.11); a character reference still gives a \r.
  const text = input.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  if (text.length > MAX_XML_CHARACTERS)
    throw new XmlError('1:1', `the file is longer than ${MAX_XML_CHARACTERS} characters`);
  let at = 0;
  let depth = 0;
  // Where each line starts, once: a position is then a binary search, not a scan from the start
  // (every element records its position; a scan each time made a large file quadratic).
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const where = (index = at): string => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= index) low = middle;
      else high = middle - 1;
    }
    return `${low + 1}:${index - lineStarts[low]! + 1}`;
  };
  const fail = (message: string, index = at): never => {
    throw new XmlError(where(index), message);
  };
  const position = (index: number) => {
    const [line, column] = where(index).split(':').map(Number);
    return { line: line!, column: column! };
  };
  const skipSpace = () => {
    while (at < text.length && /[ \t\n]/.test(text[at]!)) at += 1;
  };
  const name = (): string => {
    NAME.lastIndex = at;
    const match = NAME.exec(text);
    if (!match) return fail('a name is expected');
    at += match[0].length;
    return match[0];
  };
  const decode = (raw: string, start: number): string => {
    if (NOT_XML.test(raw)) fail('a control character XML does not allow', start);
    return raw.replace(/&([^;&\s<]*);?/g, (whole, entity: string, offset: number) => {
      if (!whole.endsWith(';')) return fail('an "&" must be written "&amp;"', start + offset);
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (Object.hasOwn(named, entity)) return named[entity]!;
      const number = /^#x([0-9A-Fa-f]{1,6})$/.exec(entity)?.[1] ?? /^#([0-9]{1,7})$/.exec(entity)?.[1];
      if (number === undefined) return fail(`unknown entity "&${entity};"`, start + offset);
      const code = Number.parseInt(number, entity.startsWith('#x') ? 16 : 10);
      const ok =
        code === 0x9 ||
        code === 0xa ||
        code === 0xd ||
        (code >= 0x20 && code <= 0xd7ff) ||
        (code >= 0xe000 && code <= 0xfffd) ||
        (code >= 0x10000 && code <= 0x10ffff);
      if (!ok) return fail(`"&${entity};" is not a character XML allows`, start + offset);
      return String.fromCodePoint(code);
    });
  };
  /** Comments and processing instructions between elements (the declaration only at the very start). */
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<!--', at)) {
        const end = text.indexOf('-->', at + 4);
        if (end < 0) fail('a comment is not closed');
        at = end + 3;
      } else if (text.startsWith('<?', at)) {
        if (text.startsWith('<?xml', at) && /[\s?]/.test(text[at + 5] ?? ''))
          fail('the XML declaration must come first');
        const end = text.indexOf('?>', at + 2);
        if (end < 0) fail('a processing instruction is not closed');
        at = end + 2;
      } else if (text.startsWith('<!DOCTYPE', at)) {
        fail('a DOCTYPE is not accepted');
      } else return;
    }
  };

  const element = (): XmlElement => {
    const start = at;
    // Elements nest as deep as a tool writes them (XLIFF needs about ten): a deeper file is refused, not a stack overflow.
    depth += 1;
    if (depth > MAX_XML_DEPTH) fail(`elements nested deeper than ${MAX_XML_DEPTH}`);
    at += 1; // <
    const qname = name();
    const attributes = new Map<string, string>();
    for (;;) {
      const hadSpace = /[ \t\n]/.test(text[at] ?? '');
      skipSpace();
      if (text.startsWith('/>', at) || text[at] === '>') break;
      if (!hadSpace) fail('a space is expected between attributes');
      const attributeAt = at;
      const attribute = name();
      skipSpace();
      if (text[at] !== '=') fail('"=" is expected after an attribute name');
      at += 1;
      skipSpace();
      const quote = text[at];
      if (quote !== '"' && quote !== "'") return fail('an attribute value must be quoted');
      const end = text.indexOf(quote, at + 1);
      if (end < 0) fail('an attribute value is not closed');
      const raw = text.slice(at + 1, end);
      if (raw.includes('<')) fail('"<" in an attribute value', at + 1 + raw.indexOf('<'));
      if (attributes.has(attribute)) fail(`the attribute "${attribute}" is given twice`, attributeAt);
      attributes.set(attribute, decode(raw, at + 1).replace(/[\t\n]/g, ' '));
      at = end + 1;
    }
    const node: XmlElement = {
      kind: 'element',
      qname,
      namespace: null,
      local: qname,
      attributes,
      children: [],
      ...position(start),
    };
    if (text.startsWith('/>', at)) {
      at += 2;
      depth -= 1;
      return node;
    }
    at += 1; // >
    for (;;) {
      if (at >= text.length) fail(`<${qname}> is not closed`, start);
      if (text.startsWith('</', at)) {
        at += 2;
        const closing = name();
        if (closing !== qname) fail(`</${closing}> closes <${qname}>`);
        skipSpace();
        if (text[at] !== '>') fail('">" is expected');
        at += 1;
        depth -= 1;
        return node;
      }
      if (text.startsWith('<!--', at)) {
        const end = text.indexOf('-->', at + 4);
        if (end < 0) fail('a comment is not closed');
        at = end + 3;
      } else if (text.startsWith('<![CDATA[', at)) {
        const end = text.indexOf(']]>', at + 9);
        if (end < 0) fail('a CDATA section is not closed');
        const raw = text.slice(at + 9, end);
        if (NOT_XML.test(raw)) fail('a control character XML does not allow');
        node.children.push({ kind: 'text', text: raw });
        at = end + 3;
      } else if (text.startsWith('<?', at)) {
        const end = text.indexOf('?>', at + 2);
        if (end < 0) fail('a processing instruction is not closed');
        at = end + 2;
      } else if (text.startsWith('<!', at)) {
        fail('a declaration is not accepted here');
      } else if (text[at] === '<') {
        node.children.push(element());
      } else {
        const end = text.indexOf('<', at);
        const raw = text.slice(at, end < 0 ? text.length : end);
        if (raw.includes(']]>')) fail('"]]>" in text', at + raw.indexOf(']]>'));
        node.children.push({ kind: 'text', text: decode(raw, at) });
        at += raw.length;
      }
    }
  };

  if (text.startsWith('<?xml', at)) {
    const end = text.indexOf('?>', at);
    if (end < 0) fail('the XML declaration is not closed');
    const declaration = text.slice(at, end);
    const encoding = /encoding\s*=\s*["']([^"']+)["']/.exec(declaration)?.[1];
    if (encoding !== undefined && encoding.toUpperCase() !== 'UTF-8')
      fail(`the encoding must be UTF-8, not ${encoding}`);
    at = end + 2;
  }
  skipMisc();
  if (text[at] !== '<') fail('an element is expected');
  const root = element();
  skipMisc();
  if (at < text.length) fail('nothing may follow the root element');
  resolveNamespaces(root, new Map([['xml', XML_NAMESPACE]]));
  return root;
}

/** Sets each element's namespace from the `xmlns` declarations in scope. */
function resolveNamespaces(node: XmlElement, inScope: ReadonlyMap<string, string>): void {
  const scope = new Map(inScope);
  for (const [attribute, value] of node.attributes) {
    if (attribute === 'xmlns') scope.set('', value);
    else if (attribute.startsWith('xmlns:')) scope.set(attribute.slice(6), value);
  }
  const colon = node.qname.indexOf(':');
  const prefix = colon < 0 ? '' : node.qname.slice(0, colon);
  node.local = colon < 0 ? node.qname : node.qname.slice(colon + 1);
  const namespace = scope.get(prefix);
  if (namespace === undefined && prefix !== '')
    throw new XmlError(`${node.line}:${node.column}`, `the prefix "${prefix}" is not declared`);
  node.namespace = namespace ?? null;
  for (const child of node.children) if (child.kind === 'element') resolveNamespaces(child, scope);
}

// ---------------------------------------------------------------------------------------------
// Reading XLIFF

const isXliff = (node: XmlNode): node is XmlElement => node.kind === 'element' && node.namespace === XLIFF_NAMESPACE;
const elementsOf = (node: XmlElement) => node.children.filter((c): c is XmlElement => c.kind === 'element');
const hasText = (node: XmlElement) => node.children.some((c) => c.kind === 'text' && c.text.trim() !== '');

/**
 * Reads an XLIFF 2.0 file. Returns the document, or every problem found (a broken XML stops at
 * its first; the XLIFF structure is checked whole).
 */
export function parseXliff(
  input: string,
): { document: XliffDocument; problems: [] } | { document: null; problems: XliffProblem[] } {
  let root: XmlElement;
  try {
    root = parseXml(input);
  } catch (error) {
    if (error instanceof XmlError)
      return { document: null, problems: [{ code: 'XLIFF_MALFORMED', path: error.path, detail: error.message }] };
    throw error;
  }
  const problems: XliffProblem[] = [];
  const problem = (code: XliffProblemCode, path: string, detail: string) => problems.push({ code, path, detail });
  if (root.namespace !== XLIFF_NAMESPACE || root.local !== 'xliff') {
    problem('XLIFF_MALFORMED', 'xliff', `the root element must be <xliff> in ${XLIFF_NAMESPACE}`);
    return { document: null, problems };
  }
  if (root.attributes.get('version') !== '2.0')
    problem(
      'XLIFF_NOT_SUPPORTED',
      'xliff',
      `version ${root.attributes.get('version') ?? '(none)'}: only XLIFF 2.0 is read`,
    );
  const srcLang = root.attributes.get('srcLang') ?? '';
  const trgLang = root.attributes.get('trgLang') ?? '';
  if (srcLang === '') problem('XLIFF_MALFORMED', 'xliff', 'srcLang is missing');
  if (trgLang === '') problem('XLIFF_MALFORMED', 'xliff', 'trgLang is missing');

  const files: XliffFile[] = [];
  const fileIds = new Set<string>();
  for (const child of elementsOf(root)) {
    if (!isXliff(child)) continue; // a module's or an extension's element
    if (child.local !== 'file') {
      problem('XLIFF_NOT_SUPPORTED', 'xliff', `<${child.local}> at ${child.line}:${child.column}`);
      continue;
    }
    const id = child.attributes.get('id') ?? '';
    if (id === '') {
      problem('XLIFF_MALFORMED', `${child.line}:${child.column}`, 'a <file> without an id');
      continue;
    }
    if (fileIds.has(id)) problem('XLIFF_DUPLICATE_ID', id, 'file');
    fileIds.add(id);
    const units: XliffUnit[] = [];
    const unitIds = new Set<string>();
    const readContainer = (container: XmlElement) => {
      for (const node of elementsOf(container)) {
        if (!isXliff(node)) continue;
        if (node.local === 'notes' || node.local === 'skeleton') {
          if (node.local === 'skeleton') problem('XLIFF_NOT_SUPPORTED', id, '<skeleton>');
        } else if (node.local === 'group') {
          readContainer(node);
        } else if (node.local === 'unit') {
          const unitId = node.attributes.get('id') ?? '';
          if (unitId === '') {
            problem('XLIFF_MALFORMED', `${id}/${node.line}:${node.column}`, 'a <unit> without an id');
            continue;
          }
          if (unitIds.has(unitId)) {
            problem('XLIFF_DUPLICATE_ID', `${id}/${unitId}`, 'unit');
            continue;
          }
          unitIds.add(unitId);
          const unit = readUnit(node, `${id}/${unitId}`, problem);
          if (unit) units.push(unit);
        } else problem('XLIFF_NOT_SUPPORTED', id, `<${node.local}>`);
      }
    };
    readContainer(child);
    files.push({ id, ...(child.attributes.has('original') && { original: child.attributes.get('original')! }), units });
  }
  if (problems.length > 0) return { document: null, problems };
  return { document: { srcLang, trgLang, files }, problems: [] };
}

/** The plain text of a source or target; inline markup is refused. */
function plainText(
  node: XmlElement,
  path: string,
  problem: (code: XliffProblemCode, path: string, detail: string) => void,
): string | null {
  const inline = elementsOf(node)[0];
  if (inline) {
    problem(
      'XLIFF_NOT_SUPPORTED',
      path,
      `inline markup <${inline.local}> in <${node.local}>: write the message as text`,
    );
    return null;
  }
  return node.children.map((c) => (c.kind === 'text' ? c.text : '')).join('');
}

function readUnit(
  node: XmlElement,
  path: string,
  problem: (code: XliffProblemCode, path: string, detail: string) => void,
): XliffUnit | null {
  const notes: XliffNote[] = [];
  let source = '';
  let target = '';
  let targets = 0;
  let parts = 0;
  let state: UnitState | null = null;
  let ok = true;
  for (const child of elementsOf(node)) {
    if (!isXliff(child)) continue;
    if (child.local === 'notes') {
      for (const note of elementsOf(child))
        if (isXliff(note) && note.local === 'note')
          notes.push({ category: note.attributes.get('category') ?? '', text: plainText(note, path, problem) ?? '' });
      continue;
    }
    if (child.local !== 'segment' && child.local !== 'ignorable') {
      problem('XLIFF_NOT_SUPPORTED', path, `<${child.local}>`);
      ok = false;
      continue;
    }
    parts += 1;
    const pieces = elementsOf(child).filter(isXliff);
    const sourceNode = pieces.find((p) => p.local === 'source');
    const targetNode = pieces.find((p) => p.local === 'target');
    const other = pieces.find((p) => p.local !== 'source' && p.local !== 'target');
    if (other) problem('XLIFF_NOT_SUPPORTED', path, `<${other.local}> in <${child.local}>`);
    if (
      !sourceNode ||
      pieces.filter((p) => p.local === 'source').length > 1 ||
      pieces.filter((p) => p.local === 'target').length > 1
    ) {
      problem('XLIFF_MALFORMED', path, `a <${child.local}> has one <source> and at most one <target>`);
      ok = false;
      continue;
    }
    const sourceText = plainText(sourceNode, path, problem);
    const targetText = targetNode ? plainText(targetNode, path, problem) : null;
    if (sourceText === null || (targetNode && targetText === null)) {
      ok = false;
      continue;
    }
    source += sourceText;
    if (child.local === 'ignorable') {
      // An ignorable without a target keeps its source (whitespace between segments).
      target += targetText ?? sourceText;
      continue;
    }
    const given = child.attributes.get('state') ?? 'initial';
    if (!(UNIT_STATES as readonly string[]).includes(given)) {
      problem('XLIFF_MALFORMED', path, `state "${given}" is not one of ${UNIT_STATES.join(', ')}`);
      ok = false;
      continue;
    }
    const segmentState = given as UnitState;
    if (segmentState !== 'initial' && targetText === null) {
      problem('XLIFF_MALFORMED', path, `state "${segmentState}" without a <target>`);
      ok = false;
      continue;
    }
    if (targetText !== null) {
      targets += 1;
      target += targetText;
    }
    // The unit is as far as its least advanced segment.
    state = state === null || UNIT_STATES.indexOf(segmentState) < UNIT_STATES.indexOf(state) ? segmentState : state;
  }
  if (!ok) return null;
  const segments = elementsOf(node).filter((c) => isXliff(c) && c.local === 'segment').length;
  if (segments === 0 || parts === 0) {
    problem('XLIFF_MALFORMED', path, 'a <unit> has at least one <segment>');
    return null;
  }
  if (targets !== 0 && targets !== segments) {
    problem('XLIFF_NOT_SUPPORTED', path, 'some segments of the unit have a target and others none');
    return null;
  }
  if (hasText(node)) {
    problem('XLIFF_MALFORMED', path, 'text directly in <unit>');
    return null;
  }
  return {
    id: node.attributes.get('id')!,
    source,
    target: targets === 0 ? null : target,
    state: state ?? 'initial',
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// Checking a file against what was exported

export interface XliffExpectation {
  readonly srcLang: string;
  readonly trgLang: string;
  /** The current source of unit `unitId` of file `fileId`, or undefined when there is no such unit. */
  readonly sourceOf: (fileId: string, unitId: string) => string | undefined;
}

/**
 * The problems of a parsed document against what it must be: its languages, only known files
 * and units, and each source as it is now (a source changed since the export means the
 * translation was made from another text: export again).
 */
export function checkAgainst(document: XliffDocument, expected: XliffExpectation): XliffProblem[] {
  const problems: XliffProblem[] = [];
  if (document.srcLang !== expected.srcLang)
    problems.push({
      code: 'XLIFF_WRONG_LANGUAGE',
      path: 'xliff/@srcLang',
      detail: `${document.srcLang} ≠ ${expected.srcLang}`,
    });
  if (document.trgLang !== expected.trgLang)
    problems.push({
      code: 'XLIFF_WRONG_LANGUAGE',
      path: 'xliff/@trgLang',
      detail: `${document.trgLang} ≠ ${expected.trgLang}`,
    });
  for (const file of document.files)
    for (const unit of file.units) {
      const path = `${file.id}/${unit.id}`;
      const source = expected.sourceOf(file.id, unit.id);
      if (source === undefined) problems.push({ code: 'XLIFF_UNKNOWN_UNIT', path, detail: '' });
      else if (source !== unit.source) problems.push({ code: 'XLIFF_SOURCE_CHANGED', path, detail: '' });
    }
  return problems;
}
