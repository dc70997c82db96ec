import { readZip, ZipRefused, type ZipEntry } from './zip-archive.js';

/**
 * What an uploaded file is, judged by its content alone (never its name or declared type), and
 * whether it may be kept: comments, reasons and scans are read by the secretariat and by other
 * delegations, so a file must not carry anything that acts when opened.
 *
 * - PDF, PNG, JPEG, TIFF: by their signature.
 * - DOCX and ODT: the ZIP package is opened with bounded decompression (zip-archive.ts) and its
 *   structure checked — the parts a word-processing document must have, and none that act:
 *   macros (`vbaProject.bin`, macro-enabled content types, ODF `Basic/` and `Scripts/`), ActiveX
 *   controls, embedded OLE objects (where an executable travels as a "package"), executables under
 *   any name, external relationships other than web and mail links (a remote template or object
 *   is fetched, and its credentials offered, when the file opens), DDE fields.
 * - Plain text: UTF-8 without NUL or control characters other than tab, line breaks and form
 *   feed, and not markup or a script (HTML, SVG, XML, a `#!` script, a batch file): a browser or
 *   an e-mail client that ignores the served type would run it.
 */

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const ODT_MEDIA_TYPE = 'application/vnd.oasis.opendocument.text';
export const TEXT_MEDIA_TYPE = 'text/plain; charset=utf-8';

/** The judgement of a file: its media type, or why it is refused. */
export type ContentJudgement = { readonly mediaType: string } | { readonly refused: string };

/** What an office package may unpack to, and hold: far above any document of comments. */
const PACKAGE_LIMITS = { maxUnpackedBytes: 100 * 1024 * 1024, maxEntries: 2000 };

/** Extensions of executables and scripts, refused anywhere inside a package. */
const EXECUTABLE =
  /\.(exe|dll|com|scr|pif|cpl|msi|msp|bat|cmd|ps1|psm1|vbs|vbe|js|jse|wsf|wsh|hta|jar|sh|lnk|reg|app|scf|inf)$/i;

/** Relationship types whose external target is only a link the reader may follow. */
const HARMLESS_EXTERNAL = /\/(hyperlink)$/;

/** The judgement of `bytes`. */
export function judgeAttachmentContent(bytes: Uint8Array): ContentJudgement {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const starts = (...sig: number[]) => sig.every((b, i) => buffer[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return { mediaType: 'application/pdf' };
  if (starts(0x89, 0x50, 0x4e, 0x47)) return { mediaType: 'image/png' };
  if (starts(0xff, 0xd8, 0xff)) return { mediaType: 'image/jpeg' };
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return { mediaType: 'image/tiff' };
  if (starts(0x50, 0x4b, 0x03, 0x04)) return judgePackage(buffer);
  return judgeText(buffer);
}

/** A DOCX or ODT package, or its refusal. */
function judgePackage(buffer: Buffer): ContentJudgement {
  let entries: ZipEntry[];
  try {
    entries = readZip(buffer, PACKAGE_LIMITS);
  } catch (error) {
    if (error instanceof ZipRefused) return { refused: error.message };
    throw error;
  }
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const executable = entries.find((entry) => EXECUTABLE.test(entry.name));
  if (executable) return { refused: `an executable inside the document: ${executable.name}` };
  if (entries[0]?.name === 'mimetype') return judgeOdt(entries, byName);
  if (byName.has('[Content_Types].xml')) return judgeDocx(entries, byName);
  return { refused: 'a ZIP archive that is neither a DOCX nor an ODT document' };
}

const text = (entry: ZipEntry | undefined) => entry?.content.toString('utf8') ?? '';

/** Attribute values of every element `tag` in an XML text (enough for relationship and manifest files). */
function elements(xml: string, tag: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const [, attributes] of xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${tag}\\b([^>]*)>`, 'g'))) {
    const values: Record<string, string> = {};
    for (const [, name, , value] of attributes!.matchAll(/([\w:.-]+)\s*=\s*(["'])(.*?)\2/g)) values[name!] = value!;
    found.push(values);
  }
  return found;
}

/** A Word document (OOXML WordprocessingML). */
function judgeDocx(entries: readonly ZipEntry[], byName: Map<string, ZipEntry>): ContentJudgement {
  const contentTypes = text(byName.get('[Content_Types].xml'));
  if (/macroEnabled|vbaProject|vbaData|ms-office\.activeX|oleObject/i.test(contentTypes))
    return { refused: 'a document with macros, ActiveX controls or embedded objects' };
  // Embedded parts: OOXML packages that cannot hold macros (the data of a chart) pass; OLE objects
  // (.bin, where an executable travels as a "package"), macro-enabled packages and anything else do not.
  const active = entries.find(
    (entry) =>
      /(^|\/)(vbaProject\.bin|vbaData\.xml)$|(^|\/)activeX\//i.test(entry.name) ||
      (/(^|\/)embeddings\//i.test(entry.name) && !/\.(xlsx|docx|pptx)$/i.test(entry.name)),
  );
  if (active) return { refused: `a document with macros, ActiveX controls or embedded objects: ${active.name}` };

  // The package's main part, named by its root relationship (ECMA-376 Part 2, clause 9.3).
  const root = elements(text(byName.get('_rels/.rels')), 'Relationship').find((r) =>
    /\/officeDocument$/.test(r.Type ?? ''),
  );
  const main = root?.Target?.replace(/^\//, '');
  if (main === undefined || !byName.has(main) || !/wordprocessingml\.document\.main\+xml/.test(contentTypes))
    return { refused: 'a ZIP archive that is not a Word document (no main document part)' };

  for (const entry of entries.filter((e) => e.name.endsWith('.rels'))) {
    for (const relationship of elements(text(entry), 'Relationship')) {
      if (relationship.TargetMode !== 'External') continue;
      const target = relationship.Target ?? '';
      if (!HARMLESS_EXTERNAL.test(relationship.Type ?? '') || !/^(https?:|mailto:)/i.test(target))
        return { refused: `a document that fetches an external ${relationship.Type?.split('/').pop()}: ${target}` };
    }
  }
  for (const entry of entries.filter((e) => /^word\/[^/]+\.xml$/.test(e.name))) {
    if (/<w:instrText[^>]*>\s*DDE(AUTO)?\b|w:instr\s*=\s*["']\s*DDE(AUTO)?\b/i.test(text(entry)))
      return { refused: `a document with a DDE field: ${entry.name}` };
  }
  return { mediaType: DOCX_MEDIA_TYPE };
}

/** An OpenDocument text (ODF 1.2 Part 3: the `mimetype` entry first and stored). */
function judgeOdt(entries: readonly ZipEntry[], byName: Map<string, ZipEntry>): ContentJudgement {
  const mimetype = entries[0]!;
  if (mimetype.method !== 0 || text(mimetype) !== ODT_MEDIA_TYPE)
    return { refused: 'an OpenDocument file that is not a text document' };
  if (!byName.has('content.xml') || !byName.has('META-INF/manifest.xml'))
    return { refused: 'an OpenDocument text without its content or manifest' };
  const active = entries.find((entry) => /^(Basic|Scripts)\//.test(entry.name));
  if (active) return { refused: `a document with macros or scripts: ${active.name}` };
  const manifest = elements(text(byName.get('META-INF/manifest.xml')), 'file-entry');
  const ole = manifest.find((entry) => /oleobject|x-msdownload|x-executable/i.test(entry['manifest:media-type'] ?? ''));
  if (ole) return { refused: `a document with an embedded OLE object: ${ole['manifest:full-path']}` };
  for (const name of ['content.xml', 'styles.xml']) {
    const xml = text(byName.get(name));
    if (
      /<script:event-listener\b|<office:script\b|<text:section-source\b|<office:dde-source\b|<text:dde-connection-decl\b|<draw:object-ole\b/.test(
        xml,
      )
    )
      return { refused: `a document with scripts, linked sections or DDE: ${name}` };
  }
  return { mediaType: ODT_MEDIA_TYPE };
}

/** Plain UTF-8 text that is not markup or a script. */
function judgeText(buffer: Buffer): ContentJudgement {
  if (buffer.length === 0) return { refused: 'an empty file' };
  const value = buffer.toString('utf8');
  if (!Buffer.from(value, 'utf8').equals(buffer)) return { refused: 'neither a known format nor UTF-8 text' };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(value))
    return { refused: 'text with control characters (a binary file, or terminal escapes)' };
  const start = value.replace(/^\ufeff/, '').trimStart();
  if (start.startsWith('<')) return { refused: 'markup (HTML, SVG or XML), not plain text' };
  if (/<\s*(script|svg|html|body|iframe|object|embed|meta|!doctype|\?xml|\?php)\b/i.test(value))
    return { refused: 'text carrying HTML, SVG or script markup' };
  if (start.startsWith('#!') || /^@echo\s+off\b/i.test(start)) return { refused: 'a script, not plain text' };
  return { mediaType: TEXT_MEDIA_TYPE };
}
