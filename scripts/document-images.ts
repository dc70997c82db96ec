// npm run docs:documents [-- LOCALE…] — renders pages of each generated PDF to PNG in
// docs/documents/, so a reader can see the documents without running Assent. The data is the
// demo's TSB Circular 79 (seed-demo.ts: simulated replies); the meeting's decisions and the
// results notice below are illustrative too. Pages are drawn from the PDFs themselves (pdfjs on a
// @napi-rs/canvas), not from a screenshot of the print view, so what is shown is what is printed.
// English gets every document; the other locales named (default: the five other UN languages)
// get the first page of every document and the circular's blank reply form, as
// `<name>-<locale>.png`. The README is written when every default locale was drawn.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';
import { migrateToLatest, openDatabase } from '../src/db/connect.js';
import type { DocumentKind } from '../src/documents/document.js';
import { msg } from '../src/documents/format.js';
import { createPdfEngine } from '../src/documents/pdf.js';
import { operatorActor } from '../src/domain/policy/actor.js';
import { mutableClock } from '../src/domain/time/clock.js';
import { isLocale, type Locale, type MessageId } from '../src/i18n/i18n.js';
import { generateDocument } from '../src/services/documents/generate-document.js';
import { issueResultsNotice } from '../src/services/issue-results-notice.js';
import { recordDecision } from '../src/services/record-decision.js';
import { seedDemo } from '../src/services/seed-demo.js';
import { serviceContext } from '../src/services/service-context.js';

const OUT = path.resolve('docs/documents');
const CIRCULAR = 'tsb-79-2023';
/** Pixels per PDF point: A4 comes out 893 × 1263 px, sharp enough to read, small enough to commit. */
const SCALE = 1.5;

interface Shot {
  readonly file: string;
  readonly caption: string;
  readonly kind: DocumentKind;
  readonly memberState?: string;
  /** The page to draw: its number, or the page of the heading with this message (found in the PDF's outline). */
  readonly page: number | MessageId;
}

const SHOTS: readonly Shot[] = [
  {
    file: 'circular-page-1.png',
    caption:
      'The circular, first page: header block, subject, the numbered letter with the deadline and the 70 % rule, TSB notes, signature',
    kind: 'circular',
    page: 1,
  },
  {
    file: 'circular-annex-1.png',
    caption: 'The circular, Annex 1: title, summary and location of each text',
    kind: 'circular',
    page: 'doc.annex1.heading',
  },
  {
    file: 'circular-annex-2.png',
    caption: 'The circular, Annex 2: the reply form, both boxes and the two sub-options per text',
    kind: 'circular',
    page: 'doc.annex2.heading',
  },
  {
    file: 'reply-page-1.png',
    caption: "A State's filled reply form (simulated reply of the United States), with its receipt data",
    kind: 'reply',
    memberState: 'US',
    page: 1,
  },
  {
    file: 'receipt.png',
    caption: 'The receipt of a reply version, on one page',
    kind: 'receipt',
    memberState: 'US',
    page: 1,
  },
  {
    file: 'results-report-page-1.png',
    caption: 'The results report for the meeting (secretariat copy: positions and comments follow)',
    kind: 'results-report',
    page: 1,
  },
  {
    file: 'results-notice-page-1.png',
    caption: 'The results notice after the meeting (illustrative decisions)',
    kind: 'results-notice',
    page: 1,
  },
];

/** The shots of the other languages: the first page of every document, and the circular's blank reply form. */
const SHOTS_PER_LANGUAGE = [
  'circular-page-1.png',
  'circular-annex-2.png',
  'reply-page-1.png',
  'receipt.png',
  'results-report-page-1.png',
  'results-notice-page-1.png',
];
/** The languages drawn by default: the six UN languages. */
const DEFAULT_LOCALES = ['en', 'ar', 'zh', 'fr', 'ru', 'es'];
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  ar: 'Arabic',
  zh: 'Chinese',
  en: 'English',
  fr: 'French',
  ru: 'Russian',
  es: 'Spanish',
};

/** The shots to draw in `locale`, with their file names and captions. */
function shotsOf(locale: Locale): Shot[] {
  if (locale === 'en') return [...SHOTS];
  const name = LANGUAGE_NAMES[locale] ?? locale;
  return SHOTS.filter((shot) => SHOTS_PER_LANGUAGE.includes(shot.file)).map((shot) => ({
    ...shot,
    file: shot.file.replace(/\.png$/, `-${locale}.png`),
    caption: `In ${name}: ${shot.caption.charAt(0).toLowerCase()}${shot.caption.slice(1)}`,
  }));
}

/**
 * An 8-bit greyscale PNG of RGBA pixels (the pages are black text on white; the yellow of a
 * DRAFT or SIMULATED mark becomes light grey), each row with the PNG filter that compresses it
 * best: about half the size of the canvas's own RGBA PNG.
 */
function grayscalePng(rgba: Uint8ClampedArray, width: number, height: number): Buffer {
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++)
    gray[i] = Math.round((rgba[4 * i]! * 299 + rgba[4 * i + 1]! * 587 + rgba[4 * i + 2]! * 114) / 1000);
  const raw = Buffer.alloc((width + 1) * height);
  const candidate = new Uint8Array(width);
  for (let y = 0; y < height; y++) {
    const row = gray.subarray(y * width, (y + 1) * width);
    const up = y > 0 ? gray.subarray((y - 1) * width, y * width) : new Uint8Array(width);
    let best = { filter: 0, cost: Infinity, bytes: new Uint8Array(0) };
    for (let filter = 0; filter <= 4; filter++) {
      let cost = 0;
      for (let x = 0; x < width; x++) {
        const a = x > 0 ? row[x - 1]! : 0;
        const b = up[x]!;
        const c = x > 0 ? up[x - 1]! : 0;
        const p = a + b - c;
        const predictor = [
          0,
          a,
          b,
          (a + b) >> 1,
          Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
            ? a
            : Math.abs(p - b) <= Math.abs(p - c)
              ? b
              : c,
        ][filter]!;
        const value = (row[x]! - predictor) & 0xff;
        candidate[x] = value;
        cost += value < 128 ? value : 256 - value;
      }
      if (cost < best.cost) best = { filter, cost, bytes: candidate.slice() };
    }
    raw[y * (width + 1)] = best.filter;
    raw.set(best.bytes, y * (width + 1) + 1);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8 bits, greyscale, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function main(): Promise<void> {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((locale) => !isLocale(locale));
  if (unknown.length > 0)
    throw new Error(`Not a served locale: ${unknown.join(', ')} (src/i18n/catalogues.ts lists the served ones)`);
  const locales = (requested.length > 0 ? requested : DEFAULT_LOCALES.filter(isLocale)) as Locale[];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-document-images-'));
  const db = openDatabase({ kind: 'sqlite', file: path.join(work, 'assent.db') });
  const engine = createPdfEngine();
  try {
    await migrateToLatest(db);
    const clock = mutableClock('2023-09-05T10:00:00Z');
    const ctx = serviceContext(db, clock.now);
    const actor = operatorActor('document-images');
    await seedDemo(ctx);
    // Illustrative decisions of the meeting (Res. 1 §9.5), so the notice has something of each kind to say.
    for (const textId of ['x1333-cor1', 'x1471', 'x1817'])
      await recordDecision(ctx, { actor, consultationId: CIRCULAR, textId, input: {} });
    await recordDecision(ctx, { actor, consultationId: CIRCULAR, textId: 'x1353', input: { moreTime: ['US'] } });
    await recordDecision(ctx, {
      actor,
      consultationId: CIRCULAR,
      textId: 'x1645',
      input: { reservations: [{ state: 'CN', note: 'Illustrative reservation on clause 7.' }] },
    });
    await recordDecision(ctx, { actor, consultationId: CIRCULAR, textId: 'x1771', input: { opposing: ['BR'] } });
    clock.set('2023-09-15T10:00:00Z');
    await issueResultsNotice(ctx, { actor, consultationId: CIRCULAR });

    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    fs.mkdirSync(OUT, { recursive: true });
    const index: string[] = [];
    const shots = locales.flatMap((locale) => shotsOf(locale).map((shot) => ({ ...shot, locale })));
    for (const { locale, ...shot } of shots) {
      const document = await generateDocument(ctx, {
        actor,
        consultationId: CIRCULAR,
        kind: shot.kind,
        format: 'pdf',
        locale,
        ...(shot.memberState && { memberState: shot.memberState }),
        pdf: engine,
      });
      const pdf = await pdfjs.getDocument({ data: new Uint8Array(document.bytes), isEvalSupported: false }).promise;
      try {
        // A heading's page from the PDF's outline (its titles are text in reading order, in any script).
        let pageNumber = typeof shot.page === 'number' ? shot.page : 0;
        if (typeof shot.page === 'string') {
          const heading = msg(locale, shot.page);
          const entry = ((await pdf.getOutline()) ?? []).find((item) => item.title.trim() === heading);
          const dest = typeof entry?.dest === 'string' ? await pdf.getDestination(entry.dest) : entry?.dest;
          if (dest?.[0]) pageNumber = (await pdf.getPageIndex(dest[0] as never)) + 1;
        }
        if (pageNumber === 0)
          throw new Error(`${shot.file}: the ${shot.kind} has no heading "${String(shot.page)}" in its outline`);
        const page = await pdf.getPage(pageNumber);
        const viewport = page.getViewport({ scale: SCALE });
        const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
        const context = canvas.getContext('2d');
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, canvas.width, canvas.height);
        await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
        const png = grayscalePng(
          context.getImageData(0, 0, canvas.width, canvas.height).data,
          canvas.width,
          canvas.height,
        );
        fs.writeFileSync(path.join(OUT, shot.file), png);
        index.push(
          `### ${shot.caption}`,
          '',
          `\`${document.filename}\`, page ${pageNumber} of ${pdf.numPages}.`,
          '',
          `![${shot.caption}](${shot.file})`,
          '',
        );
        console.log(
          `wrote docs/documents/${shot.file} (${Math.round(png.length / 1024)} KB, page ${pageNumber} of ${document.filename})`,
        );
      } finally {
        await pdf.destroy();
      }
    }
    if (!DEFAULT_LOCALES.every((locale) => !isLocale(locale) || locales.includes(locale))) {
      console.log(
        'docs/documents/README.md not rewritten: run without arguments to draw every default language and write it',
      );
      return;
    }
    fs.writeFileSync(
      path.join(OUT, 'README.md'),
      [
        '# Generated documents',
        '',
        "Pages of the PDFs Assent generates for the demo data: TSB Circular 79 replayed with simulated replies; the meeting's",
        'decisions and the results notice are illustrative. Regenerated by `npm run docs:documents` (scripts/document-images.ts)',
        'from the PDFs themselves. The same documents come as DOCX; see README.md, "Documents". Every document comes in the six',
        'UN languages, and each is shown in each below: Arabic laid out right to left, Chinese in its own fonts (the demo circular',
        'has no translated subject or titles, so they are shown in its language of record, English, marked as such). Every page',
        'after the first carries the reference and "Page n of N"; the results report\'s TD number and Questions are left for the',
        'secretariat to give, as the report then says.',
        '',
        ...index,
      ].join('\n'),
    );
  } finally {
    await engine.close();
    await db.destroy();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
