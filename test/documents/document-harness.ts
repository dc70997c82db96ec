import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll } from 'vitest';
import {
  createPdfEngine,
  loadPrintView,
  PRINT_CONTEXT_OPTIONS,
  routePrintRequests,
  type PdfEngine,
} from '../../src/documents/pdf.js';
import { launchChromium } from '../../src/platform/chromium.js';

/**
 * Reading generated documents back, as a person's software would: a DOCX is opened as the ZIP it
 * is and its WordprocessingML read (fflate); a PDF's text is extracted with pdfjs (Mozilla's PDF
 * reader, legacy build for Node). Both give plain text to compare with the data.
 */

/** Every part of a DOCX package, by path (XML parts as text). */
export function docxParts(bytes: Uint8Array): Map<string, string> {
  const files = unzipSync(bytes);
  return new Map(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

/** word/document.xml of a DOCX. */
export function docxXml(bytes: Uint8Array): string {
  const xml = docxParts(bytes).get('word/document.xml');
  if (xml === undefined) throw new Error('not a DOCX: no word/document.xml');
  return xml;
}

const decodeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

/** The text of a DOCX as a reader sees it: one line per paragraph, tabs and breaks as spaces. */
export function docxText(bytes: Uint8Array): string {
  return wordText(docxXml(bytes));
}

/**
 * The page furniture of a DOCX, by part (`word/header1.xml`, `word/footer2.xml`…): each header's
 * and footer's text, with Word's fields as `{PAGE}` and `{NUMPAGES}`; and which one is used where
 * (`default` or `first` page), as the section's references say.
 */
export function docxFurniture(bytes: Uint8Array): {
  readonly titlePage: boolean;
  readonly header: Readonly<Record<'default' | 'first', string>>;
  readonly footer: Readonly<Record<'default' | 'first', string>>;
} {
  const parts = docxParts(bytes);
  const xml = docxXml(bytes);
  const relations = parts.get('word/_rels/document.xml.rels') ?? '';
  const target = (id: string) => relations.match(new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`))?.[1] ?? '';
  const text = (kind: 'header' | 'footer', type: 'default' | 'first') => {
    const id = xml.match(new RegExp(`<w:${kind}Reference[^>]*w:type="${type}"[^>]*r:id="([^"]+)"`))?.[1];
    if (id === undefined) return '';
    const part = parts.get(`word/${target(id)}`) ?? '';
    return wordText(part.replace(/<w:instrText[^>]*>\s*(\w+)[^<]*<\/w:instrText>/g, '<w:t>{$1}</w:t>'));
  };
  return {
    titlePage: /<w:titlePg\/>|<w:titlePg w:val="(?:true|1)"\/>/.test(xml),
    header: { default: text('header', 'default'), first: text('header', 'first') },
    footer: { default: text('footer', 'default'), first: text('footer', 'first') },
  };
}

/** The text of WordprocessingML: one line per paragraph, tabs and breaks as spaces. */
function wordText(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((paragraph) =>
      [...paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)]
        .map((m) => (m[1] === undefined ? ' ' : decodeXml(m[1])))
        .join(''),
    )
    .filter((line) => line.trim() !== '')
    .join('\n');
}

/** The text of each page of a PDF, extracted with pdfjs (lines kept where the PDF ends them, except after a hyphen). */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const content = await (await document.getPage(n)).getTextContent();
      // A line the layout broke after a hyphen ("re-" | "identifying") is one word again.
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str + (item.hasEOL && !item.str.endsWith('-') ? '\n' : '') : ''))
          .join(''),
      );
    }
    return pages;
  } finally {
    await document.destroy();
  }
}

/** The whole text of a PDF. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await pdfPages(bytes)).join('\n');
}

/**
 * Text reduced to what it says: no direction marks (a DOCX holds left-to-right snippets of Arabic
 * text in order with them), one space for any run of white space (a line break in a PDF is
 * where the layout broke the line), the non-breaking hyphen and space of the reference as plain
 * ones, "ITU T" (the reference copy lost a non-breaking hyphen in places) as "ITU-T".
 */
export function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ITU T\b/g, 'ITU-T')
    .replace(/CH 1211/g, 'CH-1211')
    .trim();
}

/** The reference copy of TSB Circular 79 (shared/reference/circular-79.txt, kept verbatim beside the tests). */
export function referenceCircular79(): string {
  return fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'circular-79.reference.txt'), 'utf8');
}

/** A PDF engine for one test file, closed after it. */
export function usePdfEngine(): () => PdfEngine {
  const engine = createPdfEngine();
  afterAll(async () => engine.close());
  return () => engine;
}

/**
 * Checks that each of `expected` appears in `text`, in order (after normalising both); returns
 * the ones missing or out of order (an empty list when the document reads like the expected).
 */
export function missingInOrder(text: string, expected: readonly string[]): string[] {
  const haystack = normalise(text);
  const missing: string[] = [];
  let from = 0;
  for (const item of expected) {
    const needle = normalise(item);
    if (needle === '') continue;
    const at = haystack.indexOf(needle, from);
    if (at < 0) missing.push(haystack.includes(needle) ? `${item} (out of order)` : item);
    else from = at + needle.length;
  }
  return missing;
}

/**
 * Loads a print view in Chromium as the PDF printer does and asks the browser (DevTools'
 * CSS.getPlatformFontsForNode) which font drew each element's text: returns the families used,
 * each with whether it is an embedded web font, and the texts drawn with a system font.
 */
export async function fontsOfPrintView(
  html: string,
): Promise<{ families: Map<string, boolean>; systemTexts: string[] }> {
  const { browser } = await launchChromium();
  try {
    const context = await browser.newContext(PRINT_CONTEXT_OPTIONS);
    await routePrintRequests(context);
    const page = await loadPrintView(context, html);
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const families = new Map<string, boolean>();
    const systemTexts: string[] = [];
    const visit = async (node: typeof root): Promise<void> => {
      const texts = (node.children ?? []).filter((child) => child.nodeType === 3 && child.nodeValue.trim() !== '');
      if (node.nodeType === 1 && texts.length > 0 && !['STYLE', 'TITLE'].includes(node.nodeName)) {
        const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: node.nodeId });
        for (const font of fonts) {
          families.set(font.familyName, font.isCustomFont);
          if (!font.isCustomFont) systemTexts.push(texts.map((t) => t.nodeValue).join(''));
        }
      }
      for (const child of node.children ?? []) await visit(child);
    };
    await visit(root);
    return { families, systemTexts };
  } finally {
    await browser.close();
  }
}
