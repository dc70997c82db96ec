import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The fonts embedded in every PDF: Noto Sans (Latin, Cyrillic, Greek: English, French, Spanish,
 * Russian), Noto Naskh Arabic and Noto Sans SC (Chinese), regular and bold, from the @fontsource
 * npm packages — nothing is fetched from the Internet. Their @font-face rules keep fontsource's
 * unicode ranges, so Chromium loads only the subsets a document's characters need, and each
 * subset it loads is embedded in the PDF. The rules point at a reserved host
 * (`assent-print.invalid`) that the PDF printer's request interception answers from these files;
 * every other request of a print view is refused.
 */

export const FONT_HOST = 'assent-print.invalid';
const PACKAGES = ['noto-sans', 'noto-naskh-arabic', 'noto-sans-sc'] as const;
const WEIGHTS = [400, 700] as const;
const require = createRequire(import.meta.url);

/** One @font-face rule and the code points it covers (none: it covers everything). */
interface FontFace {
  readonly css: string;
  readonly ranges: readonly (readonly [number, number])[] | null;
}

export interface EmbeddedFonts {
  /** Every @font-face rule. */
  readonly css: string;
  readonly faces: readonly FontFace[];
  /** The woff2 files the rules name, by URL path (`/fonts/noto-sans/noto-sans-latin-400-normal.woff2`). */
  readonly files: ReadonlyMap<string, string>;
}

let cached: EmbeddedFonts | undefined;

/**
 * The fonts' CSS and files, read once per process from node_modules. @throws Error naming the
 * package when one is missing (`npm ci` restores it); `assent doctor` reports it.
 */
export function embeddedFonts(): EmbeddedFonts {
  if (cached) return cached;
  const files = new Map<string, string>();
  const rules: string[] = [];
  const faces: FontFace[] = [];
  for (const pkg of PACKAGES) {
    for (const weight of WEIGHTS) {
      const cssFile = require.resolve(`@fontsource/${pkg}/${weight}.css`);
      const dir = path.dirname(cssFile);
      const css = fs.readFileSync(cssFile, 'utf8');
      // fontsource writes `src: url(./files/X.woff2) format('woff2'), url(./files/X.woff) format('woff');`
      rules.push(
        css
          .replace(
            /url\(\.\/files\/([a-z0-9-]+\.woff2)\) format\('woff2'\)(?:,\s*url\(\.\/files\/[a-z0-9-]+\.woff\) format\('woff'\))?/g,
            (_whole, file: string) => {
              const urlPath = `/fonts/${pkg}/${file}`;
              files.set(urlPath, path.join(dir, 'files', file));
              return `url(https://${FONT_HOST}${urlPath}) format('woff2')`;
            },
          )
          // A PDF is printed once: wait for the font rather than print the fallback.
          .replace(/font-display:\s*swap;/g, 'font-display: block;')
          .replace(/\/\*[^*]*\*\//g, ''),
      );
    }
  }
  const spaces: FontFace[] = [];
  for (const rule of rules.join('\n').match(/@font-face\s*\{[^}]*\}/g) ?? []) {
    const range = /unicode-range:\s*([^;]+);/.exec(rule)?.[1];
    const face: FontFace = {
      css: rule,
      ranges: range
        ? range.split(',').map((part) => {
            const [from, to = from] = part.trim().replace(/^U\+/i, '').split('-') as [string, string?];
            return [parseInt(from, 16), parseInt(to, 16)] as const;
          })
        : null,
    };
    // Arabic's spaces from the Arabic face itself. fontsource gives U+0020 only to the Latin subset,
    // so each space of Arabic text is drawn from another face than its words: Chromium then cuts the
    // text at every space, and builds the PDF outline (bookmarks) from those pieces in visual order,
    // words reversed. The Arabic subset has the space glyphs: its rule also covers the spaces and is
    // written after all the others (the last rule is checked first for the characters it covers).
    // It is still chosen by its Arabic letters (its ranges for fontFaceCss are unchanged).
    if (/noto-naskh-arabic-arabic-/.test(rule))
      spaces.push({ ...face, css: rule.replace(/unicode-range:\s*([^;]+);/, 'unicode-range: $1,U+0020,U+00A0;') });
    else faces.push(face);
  }
  faces.push(...spaces);
  cached = { css: faces.map((face) => face.css).join('\n'), faces, files };
  return cached;
}

/** Characters the stylesheet draws itself (list markers), which no text of a document contains. */
const CSS_CHARACTERS = '–•';

/**
 * The @font-face rules a text needs: those whose unicode range holds one of its characters. A
 * Circular needs a handful of the several hundred (Chinese alone is split into a hundred
 * subsets), so the print view stays small and Chromium considers only the fonts it will use.
 */
export function fontFaceCss(text: string): string {
  const { faces } = embeddedFonts();
  const wanted = new Set<number>();
  faces.forEach((face, index) => {
    if (face.ranges === null) wanted.add(index);
  });
  const seen = new Set<number>();
  for (const char of text + CSS_CHARACTERS) {
    const point = char.codePointAt(0)!;
    if (seen.has(point)) continue;
    seen.add(point);
    for (const index of facesCovering(point, faces)) wanted.add(index);
  }
  return faces
    .filter((_, index) => wanted.has(index))
    .map((face) => face.css)
    .join('\n');
}

const covering = new Map<number, readonly number[]>();

/** The faces whose range holds a code point (remembered: documents reuse the same few hundred characters). */
function facesCovering(point: number, faces: readonly FontFace[]): readonly number[] {
  let found = covering.get(point);
  if (!found) {
    found = faces.flatMap((face, index) =>
      face.ranges?.some(([from, to]) => point >= from && point <= to) ? [index] : [],
    );
    covering.set(point, found);
  }
  return found;
}

const bytesCache = new Map<string, Buffer>();

/** The bytes of an embedded font file by its URL path, or undefined when the path names none. */
export function fontFile(urlPath: string): Buffer | undefined {
  const file = embeddedFonts().files.get(urlPath);
  if (file === undefined) return undefined;
  let bytes = bytesCache.get(urlPath);
  if (!bytes) {
    bytes = fs.readFileSync(file);
    bytesCache.set(urlPath, bytes);
  }
  return bytes;
}

/** For `assent doctor`: whether each font package is installed, and how many files it has. */
export function fontPackages(): { name: string; present: boolean; files: number }[] {
  return PACKAGES.map((pkg) => {
    try {
      const dir = path.join(path.dirname(require.resolve(`@fontsource/${pkg}/400.css`)), 'files');
      return {
        name: `@fontsource/${pkg}`,
        present: true,
        files: fs.readdirSync(dir).filter((f) => f.endsWith('.woff2')).length,
      };
    } catch {
      return { name: `@fontsource/${pkg}`, present: false, files: 0 };
    }
  });
}
