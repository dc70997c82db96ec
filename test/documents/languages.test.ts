import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pagePartsText, type DocumentContent } from '../../src/documents/content.js';
import type { DocumentFormat, DocumentKind } from '../../src/documents/document.js';
import { formatDeadline, msg, textLabel } from '../../src/documents/format.js';
import { renderPrintHtml } from '../../src/documents/print/document.print.js';
import { PUBLIC_ACTOR } from '../../src/domain/policy/actor.js';
import { isLocale, LOCALES, type Locale, type MessageId } from '../../src/i18n/i18n.js';
import { procedureText } from '../../src/i18n/procedure-text.js';
import { DEFAULT_PROCEDURE_ID, procedureFor } from '../../src/procedures/registry.js';
import { countDocuments } from '../../src/repositories/document.repository.js';
import { findMemberState } from '../../src/repositories/member-state.repository.js';
import type { ConsultationInput } from '../../src/schemas/consultation.schema.js';
import { generateDocument, type GeneratedDocument } from '../../src/services/documents/generate-document.js';
import { prepareDocument } from '../../src/services/documents/prepare-document.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../helpers/databases.js';
import {
  consultationInput,
  createWorld,
  DEADLINE,
  focalPoint,
  replyInput,
  SECRETARIAT,
  useWorld,
} from '../helpers/world.js';
import {
  docxFurniture,
  docxText,
  docxXml,
  fontsOfPrintView,
  normalise,
  pdfText,
  usePdfEngine,
} from './document-harness.js';
import { pdfLogicalPages, pdfLogicalText } from './pdf-logical-text.js';
import {
  ID,
  issueNotice,
  KR_COMMENTS,
  KR_REASONS,
  openWithReplies,
  recordDecisions,
  recordLateReply,
} from './scenario.js';

/**
 * The documents in the six UN languages (issue #8): the circular and a filled reply form as DOCX
 * and PDF in every served locale, read back — the DOCX's XML for the locale's words and, in
 * Arabic, bidirectional paragraphs and right-to-left runs with each left-to-right snippet in a run
 * of its own; the PDF's text for the same words, in Arabic in logical (reading) order with the
 * designations intact; every glyph from the embedded fonts (Noto Naskh Arabic for Arabic, Noto
 * Sans SC for Chinese). Content in several languages: translated subject, titles and summaries
 * where they exist, the language of record's otherwise, marked with their language.
 *
 * The Arabic PDF's logical order is read with pdf-logical-text.ts, which honours the PDF
 * standard's ActualText and ReversedChars (written by Chromium for every Arabic run) as Acrobat,
 * PDFium and screen readers do; pdfjs 5 implements neither, so its text of an Arabic PDF is the
 * glyphs' own mappings in drawing order. For the other languages both readers are used and must
 * agree.
 *
 * A locale whose catalogue is not served yet (src/i18n/catalogues.ts) is skipped, by name, with a
 * notice on the console. Content does not depend on the database, so it runs on SQLite; storing a
 * document per locale runs on SQLite and PostgreSQL.
 */

const UN_LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
const NOT_SERVED = UN_LOCALES.filter((code) => !isLocale(code));
if (NOT_SERVED.length > 0) {
  console.warn(
    `[documents/languages] catalogues not served yet (src/i18n/catalogues.ts), their documents are SKIPPED: ${NOT_SERVED.join(', ')}`,
  );
}

/** The subject and X.1353's title and summary in some languages; Russian and Spanish have none, so fall back to English. */
const TRANSLATED = {
  subject: {
    ar: 'مشاورة الدول الأعضاء بشأن مشاريع التوصيات المحددة',
    zh: '关于已确定的建议书草案的成员国磋商',
    fr: 'Consultation des États Membres sur les projets de Recommandations déterminés',
  },
  title: {
    ar: 'النشر بدون لمس لأجهزة إنترنت الأشياء',
    zh: '物联网设备的零接触部署',
    fr: 'Déploiement sans intervention',
    ru: 'Развертывание без участия человека',
  },
  summary: {
    ar: 'تصف هذه التوصية النشر بدون لمس.',
    zh: '本建议书描述零接触部署。',
    fr: 'Cette Recommandation décrit le déploiement sans intervention.',
    ru: 'Настоящая Рекомендация описывает развертывание.',
  },
} as const;
const ENGLISH = { subject: consultationInput().subject, title: 'Zero-touch deployment', summary: 'A summary.' };

/** The world's consultation with the translations above. */
function translatedInput(): Partial<ConsultationInput> {
  const base = consultationInput();
  return {
    translations: Object.fromEntries(
      Object.entries(TRANSLATED.subject).map(([language, subject]) => [language, { subject }]),
    ),
    texts: base.texts!.map((text) =>
      text.designation === 'X.1353'
        ? {
            ...text,
            translations: Object.fromEntries(
              Object.keys(TRANSLATED.title).map((l) => [
                l,
                { title: TRANSLATED.title[l as 'ar'], summary: TRANSLATED.summary[l as 'ar'] },
              ]),
            ),
          }
        : text,
    ),
  };
}

/** What the State of Saudi Arabia wrote, in Arabic: a right-to-left comment in every document's language. */
const SA_COMMENTS = 'تقترح المملكة تعديلات تحريرية على البند 6 من X.1353.';

const reversed = (text: string) => [...text].reverse().join('');
const m = (locale: Locale, id: MessageId) => normalise(msg(locale, id));
/** TAP's own words for the printed form (its reply form's sub-options). */
const tapWords = (locale: Locale, key: string) =>
  normalise(procedureText(locale, procedureFor(DEFAULT_PROCEDURE_ID), key));
/** The `<w:r>` elements of a DOCX whose text contains `text`. */
const runsWith = (xml: string, text: string) =>
  [...xml.matchAll(/<w:r>(?:(?!<\/w:r>)[\s\S])*<\/w:r>/g)]
    .map((r) => r[0])
    .filter((r) => r.includes(`>${text}<`) || r.includes(text));

/** The titles of a PDF's outline (its bookmarks), normalised. */
async function outlineTitles(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  try {
    const titles: string[] = [];
    const visit = (items: readonly { title: string; items: unknown[] }[]) => {
      for (const item of items) {
        titles.push(normalise(item.title));
        visit(item.items as typeof items);
      }
    };
    visit((await document.getOutline()) ?? []);
    return titles;
  } finally {
    await document.destroy();
  }
}

interface Generated {
  docx: Buffer;
  pdf: Buffer | null;
  content: DocumentContent;
}

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4); PDF 2.0 adds others (Strong, Em, Title…). */
const PDF_17_STRUCTURE_TYPES = new Set(
  (
    'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl ' +
    'LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP ' +
    'Warichu WT WP Figure Formula Form'
  ).split(' '),
);

/** The structure types a PDF's pages use, as pdfjs reads its structure tree. */
async function structureRoles(bytes: Uint8Array): Promise<Set<string>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  const roles = new Set<string>();
  type Node = { role?: string; children?: Node[] };
  const visit = (node: Node) => {
    if (node.role && node.role !== 'Root') roles.add(node.role);
    for (const child of node.children ?? []) visit(child);
  };
  try {
    for (let n = 1; n <= document.numPages; n++)
      visit(((await (await document.getPage(n)).getStructTree()) ?? {}) as Node);
  } finally {
    await document.destroy();
  }
  return roles;
}

describe('documents in the six UN languages', () => {
  const pdfEngine = usePdfEngine();
  let database: TestDatabase;
  const documents = new Map<string, Generated>();
  const stateNames = new Map<string, string>();
  const key = (locale: string, kind: DocumentKind, state = '') => `${locale}/${kind}/${state}`;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const world = await createWorld(database, { defaults: translatedInput() });
    const { ctx } = world;
    await openWithReplies(world);
    await submitReply(ctx, {
      actor: focalPoint('SA'),
      consultationId: ID,
      memberState: 'SA',
      channel: 'web',
      input: replyInput([], {
        positions: [
          { text: 'x1353', position: 'assigns_authority', option: 'comments_attached', comments: SA_COMMENTS },
        ],
      }),
    });
    for (const code of ['KR', 'SA']) {
      const state = await findMemberState(ctx.db, code);
      for (const locale of LOCALES) stateNames.set(`${locale}/${code}`, state!.names[locale] ?? code);
    }

    const generate = async (
      locale: Locale,
      kind: DocumentKind,
      formats: readonly DocumentFormat[],
      memberState?: string,
    ) => {
      const request = { consultationId: ID, kind, locale, ...(memberState && { memberState }) };
      const actor = kind === 'circular' ? PUBLIC_ACTOR : SECRETARIAT;
      const content = await (await prepareDocument(ctx, { actor, ...request, format: 'docx' })).content();
      const get = async (format: DocumentFormat): Promise<GeneratedDocument> =>
        generateDocument(ctx, { actor, ...request, format, pdf: pdfEngine() });
      const docx = (await get('docx')).bytes;
      const pdf = formats.includes('pdf') ? (await get('pdf')).bytes : null;
      documents.set(key(locale, kind, memberState), { docx, pdf, content });
    };
    for (const locale of LOCALES) {
      await generate(locale, 'circular', ['docx', 'pdf']);
      await generate(locale, 'reply', ['docx', 'pdf'], 'KR');
      await generate(locale, 'reply', ['docx'], 'SA');
    }
    // The other kinds, after the deadline, the meeting and the notice: DOCX in every language, PDF in the right-to-left and the East Asian one.
    await recordLateReply(world, ID);
    await recordDecisions(world, ID);
    await issueNotice(world, ID);
    for (const locale of LOCALES) {
      const pdf: readonly DocumentFormat[] = locale === 'ar' || locale === 'zh' ? ['docx', 'pdf'] : ['docx'];
      await generate(locale, 'receipt', pdf, 'KR');
      await generate(locale, 'results-report', pdf);
      await generate(locale, 'results-notice', pdf);
    }
  }, 300_000);

  afterAll(async () => database?.destroy());

  for (const code of UN_LOCALES) {
    describe.skipIf(!isLocale(code))(`in ${code}`, () => {
      const locale = code as Locale;
      const doc = (kind: DocumentKind, state?: string) => documents.get(key(locale, kind, state))!;
      const deadline = Date.parse(DEADLINE);
      /**
       * A few of the locale's own words of each document, formatted as the documents format them
       * (the deadline with UTC): whole lines or short ones, since a PDF's text reads a table's two
       * columns line by line.
       */
      const circularWords = () => [
        m(locale, 'doc.salutation'),
        m(locale, 'doc.annex1.heading'),
        tapWords(locale, 'doc.choice.hint'),
        tapWords(locale, 'doc.option.noComments'),
        m(locale, 'doc.closing'),
        normalise(formatDeadline(locale, deadline)),
      ];
      const replyWords = () => [
        m(locale, 'doc.reply.receiptHeading'),
        m(locale, 'doc.reply.formHeading'),
        tapWords(locale, 'doc.option.commentsAttached'),
        m(locale, 'doc.closing'),
        normalise(msg(locale, 'doc.form.administration', { state: stateNames.get(`${locale}/KR`)! })),
      ];

      it('says the deadline in UTC', () => {
        expect(formatDeadline(locale, deadline)).toContain('UTC');
        // English as the circular writes it ("2359 hours UTC"), the others in their own style.
        const clock = {
          en: '2359 hours',
          fr: '23\u00a0h\u00a059',
          es: '23.59 horas',
          ru: '23:59',
          zh: '23:59',
          ar: '23:59',
        };
        expect(formatDeadline(locale, deadline)).toContain(clock[locale]);
      });

      it('writes the circular and the filled reply form as DOCX in the locale, with its languages', () => {
        const circular = normalise(docxText(doc('circular').docx));
        for (const words of circularWords()) expect(circular).toContain(words);
        // A sentence ending with an abbreviation (Russian "2023 г.") ends with its one full stop.
        expect(circular).not.toMatch(/\p{L}\.\.(?!\.)/u);
        const reply = normalise(docxText(doc('reply', 'KR').docx));
        for (const words of replyWords()) expect(reply).toContain(words);
        for (const typed of [KR_COMMENTS, KR_REASONS]) expect(reply).toContain(typed);
        const xml = docxXml(doc('circular').docx);
        if (locale === 'ar') {
          expect(xml).toContain('<w:bidi/>');
          expect(xml).toContain('<w:rtl/>');
          expect(xml).toContain('w:bidi="ar-SA"');
          expect(xml).toContain('<w:bidiVisual/>');
          // Every designation in Arabic text is a left-to-right run of its own: never right-to-left.
          const designations = runsWith(xml, 'X.1353 (X.ztd-iot)');
          expect(designations.length).toBeGreaterThan(0);
          for (const run of designations) expect(run).not.toContain('<w:rtl/>');
          // The Arabic words around it are right-to-left runs in Arabic.
          for (const run of runsWith(xml, msg('ar', 'doc.salutation')))
            expect(run).toMatch(/<w:rtl\/>[\s\S]*w:bidi="ar-SA"/);
        } else {
          expect(xml).not.toContain('<w:rtl/>');
          expect(xml).not.toContain('<w:bidi/>');
        }
        if (locale === 'zh') expect(xml).toContain('w:eastAsia="zh-CN"');
      });

      it('writes the circular and the filled reply form as PDF with the locale’s words, in reading order', async () => {
        for (const [kind, state, words] of [
          ['circular', undefined, circularWords()],
          ['reply', 'KR', replyWords()],
        ] as const) {
          const pdf = doc(kind, state).pdf!;
          const logical = normalise(pdfLogicalText(pdf));
          for (const phrase of words) expect(logical, `${kind}: ${phrase}`).toContain(phrase);
          if (locale !== 'ar') {
            // Left to right, pdfjs reads the same words: the two readers agree.
            const text = normalise(await pdfText(pdf));
            for (const phrase of words) expect(text, `${kind} (pdfjs): ${phrase}`).toContain(phrase);
          }
        }
        // The outline (bookmarks) names the annexes and the reply as their headings do, in reading order.
        expect(await outlineTitles(doc('circular').pdf!)).toEqual(
          expect.arrayContaining([m(locale, 'doc.annex1.heading'), m(locale, 'doc.annex2.heading')]),
        );
        const replyTitle = normalise(
          msg(locale, 'doc.reply.title', {
            state: stateNames.get(`${locale}/KR`)!,
            circular: msg(locale, 'doc.circular.name', { bureau: 'TSB', number: 79 }),
          }),
        );
        expect(
          await outlineTitles(doc('reply', 'KR').pdf!),
          JSON.stringify(await outlineTitles(doc('reply', 'KR').pdf!)),
        ).toContain(replyTitle);
        if (locale === 'ar') {
          const circular = normalise(pdfLogicalText(doc('circular').pdf!));
          // Logical order: the catalogue's Arabic reads in order, never mirrored; the designations and codes stay whole.
          expect(circular).not.toContain(reversed(m('ar', 'doc.salutation')));
          for (const intact of [
            'X.1353 (X.ztd-iot)',
            'X.1333 Cor.1',
            'X.1471 (X.websec-7)',
            '+41 22 730 5853',
            'tsbsg17@itu.int',
            'TSB Circular 79',
            'Goyang, Korea',
          ])
            expect(circular).toContain(intact);
          for (const mirrored of ['3531.X', '5853 730 22 41+', 'Korea, Goyang'])
            expect(circular).not.toContain(mirrored);
          const reply = normalise(pdfLogicalText(doc('reply', 'KR').pdf!));
          expect(reply).toContain(replyTitle);
          expect(reply).toContain('2023-05-01T10:00:00.000Z');
        }
      });

      it('embeds the fonts of its script: every glyph from the embedded fonts, none from the system', async () => {
        for (const [kind, state] of [
          ['circular', undefined],
          ['reply', 'KR'],
        ] as const) {
          const { content, pdf } = doc(kind, state);
          const { systemTexts, families } = await fontsOfPrintView(renderPrintHtml(content));
          expect(systemTexts).toEqual([]);
          expect([...families.values()].every(Boolean)).toBe(true);
          const embedded = new Set(
            [
              ...Buffer.from(pdf!)
                .toString('latin1')
                .matchAll(/\/BaseFont\s*\/[A-Z]{6}\+([A-Za-z-]+)/g),
            ].map((match) => match[1]!),
          );
          if (locale === 'ar') {
            expect([...families.keys()].some((f) => f.startsWith('Noto Naskh Arabic'))).toBe(true);
            expect([...embedded].some((f) => f.startsWith('NotoNaskhArabic'))).toBe(true);
          }
          if (locale === 'zh') {
            expect([...families.keys()].some((f) => f.startsWith('Noto Sans SC'))).toBe(true);
            expect([...embedded].some((f) => f.startsWith('NotoSansSC'))).toBe(true);
          }
        }
      }, 60_000);

      it('uses the subject, titles and summaries translated into the locale, else the language of record, marked with their language', () => {
        const html = renderPrintHtml(doc('circular').content);
        const xml = docxXml(doc('circular').docx);
        const text = normalise(docxText(doc('circular').docx));
        const subject = (TRANSLATED.subject as Record<string, string>)[locale];
        const title = (TRANSLATED.title as Record<string, string>)[locale];
        const summary = (TRANSLATED.summary as Record<string, string>)[locale];
        if (locale === 'en') {
          expect(text).toContain(ENGLISH.subject);
          // Everything is in the language of record: nothing below <html> is marked with another language.
          expect(html.replace(/^<!doctype html><html [^>]*>/, '')).not.toContain(' lang="');
          return;
        }
        for (const [translated, english] of [
          [subject, ENGLISH.subject],
          [title, ENGLISH.title],
          [summary, ENGLISH.summary],
        ] as const) {
          if (translated !== undefined) {
            expect(text).toContain(translated);
          } else {
            // Shown in the language of record, marked English: lang in the print view, the run language in the DOCX.
            expect(text).toContain(english);
            expect(html).toMatch(
              new RegExp(`lang="en"[^>]*>(?:<[^>]+>)*${english.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
            );
            expect(runsWith(xml, english).some((run) => run.includes('w:val="en-GB"'))).toBe(true);
          }
        }
        // Russian and Spanish have no translated subject; the others have theirs, unmarked.
        expect(subject === undefined).toBe(locale === 'ru' || locale === 'es');
        if (locale === 'ar') expect(html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
      });

      it('isolates left-to-right snippets in Arabic and gives words typed in the other direction their own', () => {
        const html = renderPrintHtml(doc('circular').content);
        const saXml = docxXml(doc('reply', 'SA').docx);
        const saHtml = renderPrintHtml(doc('reply', 'SA').content);
        if (locale === 'ar') {
          for (const snippet of ['X.1353 (X.ztd-iot)', '+41 22 730 5853', 'tsbsg17@itu.int', 'Goyang, Korea']) {
            expect(html).toContain(`<bdi dir="ltr">${snippet}</bdi>`);
          }
          // The reference, not translated into Arabic, is shown as recorded and marked English.
          expect(html).toContain('<bdi lang="en" dir="ltr">TSB Circular 79</bdi>');
          // The Korean comment, typed in English, is left to right inside the Arabic form.
          const krHtml = renderPrintHtml(doc('reply', 'KR').content);
          expect(krHtml).toContain(`<bdi dir="ltr">${KR_COMMENTS}</bdi>`);
          for (const run of runsWith(docxXml(doc('reply', 'KR').docx), KR_COMMENTS))
            expect(run).not.toContain('<w:rtl/>');
          // Saudi Arabia's Arabic comment is right to left, its designation isolated within it.
          expect(saHtml).toContain('<bdi dir="ltr">X.1353</bdi>');
          // In the DOCX, each snippet is held in order by direction marks: LRM at both ends (its digits and
          // brackets left to right: never "5853 730 22 41+"), RLM after it (the day after "Goyang, Korea" stays out).
          const circularXml = docxXml(doc('circular').docx);
          for (const snippet of ['X.1353 (X.ztd-iot)', '+41 22 730 5853', 'tsbsg17@itu.int', 'Goyang, Korea'])
            expect(circularXml, snippet).toContain(`>\u200E${snippet}\u200E\u200F</w:t>`);
          expect(saXml).toContain('>\u200EX.1353\u200E\u200F</w:t>');
        } else {
          expect(html).not.toContain('<bdi');
          // In a left-to-right document, the Arabic comment is isolated right to left, in right-to-left runs.
          expect(saHtml).toMatch(/<bdi dir="rtl">تقترح المملكة/);
          expect(runsWith(saXml, 'تقترح المملكة').every((run) => run.includes('<w:rtl/>'))).toBe(true);
          expect(runsWith(saXml, 'تقترح المملكة').length).toBeGreaterThan(0);
          // Left-to-right documents need no marks.
          expect(docxXml(doc('circular').docx)).not.toMatch(/[\u200E\u200F]/);
        }
        expect(normalise(docxText(doc('reply', 'SA').docx))).toContain(SA_COMMENTS);
      });

      it('keeps the circular’s letter on its first page, with the address as its footer, and heads each later page in the locale', () => {
        const { content, pdf, docx } = doc('circular');
        const pages = pdfLogicalPages(pdf!).map(normalise);
        const reference = normalise(content.pages.runningHeader.reference);
        const footer = normalise(msg(locale, 'doc.circular.footer'));
        // The signature's title and "Annexes: 2" fit above the footer: nothing of the letter spills onto page 2.
        expect(pages[0]).toContain(`${normalise(msg(locale, 'doc.circular.annexes', { count: 2 }))} ${footer}`);
        expect(pages[0]).not.toContain(normalise(pagePartsText(content.pages.runningHeader.pageOf, 1, pages.length)));
        pages.slice(1).forEach((page, index) => {
          const place = normalise(pagePartsText(content.pages.runningHeader.pageOf, index + 2, pages.length));
          // The running header comes first (the margin boxes are drawn before the page's content), in either order of its two parts.
          expect(page.slice(0, reference.length + place.length + 1), `page ${index + 2}`).toContain(reference);
          expect(page.slice(0, reference.length + place.length + 1), `page ${index + 2}`).toContain(place);
          expect(page).not.toContain(footer);
        });
        const furniture = docxFurniture(docx);
        expect(furniture.titlePage).toBe(true);
        const fields = content.pages.runningHeader.pageOf
          .map((part) => ('text' in part ? part.text : part.count === 'page' ? '{PAGE}' : '{NUMPAGES}'))
          .join('');
        expect(normalise(furniture.header.default)).toBe(
          normalise(`${content.pages.runningHeader.reference} ${fields}`),
        );
        expect(furniture.header.first).toBe('');
        expect(normalise(furniture.footer.first)).toBe(footer);
      });

      it('tags its PDFs with the structure types of the PDF version they declare (no PDF 2.0 type in a PDF 1.4 or 1.5 file)', async () => {
        const pdfs = [...documents.entries()]
          .filter(([key, generated]) => key.startsWith(`${locale}/`) && generated.pdf !== null)
          .map(([key, generated]) => [key, generated.pdf!] as const);
        expect(pdfs.length).toBeGreaterThanOrEqual(2);
        for (const [key, pdf] of pdfs) {
          // Chromium's PDFs declare 1.4; a blank form made fillable declares 1.5 (its pages' Tabs entry).
          expect(Buffer.from(pdf).subarray(0, 8).toString('latin1'), key).toBe(
            Buffer.from(pdf).includes('/AcroForm') ? '%PDF-1.5' : '%PDF-1.4',
          );
          const roles = await structureRoles(pdf);
          expect(roles.size, key).toBeGreaterThan(3);
          expect(
            [...roles].filter((role) => !PDF_17_STRUCTURE_TYPES.has(role)),
            key,
          ).toEqual([]);
        }
      });

      it('writes the receipt, the results report and the results notice in the locale too', async () => {
        for (const [kind, state, title] of [
          ['receipt', 'KR', 'doc.receipt.title'],
          ['results-report', undefined, 'doc.report.title'],
          ['results-notice', undefined, 'doc.notice.title'],
        ] as const) {
          const { docx, pdf } = doc(kind, state);
          const expected = normalise(
            msg(locale, title, { circular: msg(locale, 'doc.circular.name', { bureau: 'TSB', number: 79 }) }),
          );
          expect(normalise(docxText(docx)), kind).toContain(expected);
          if (pdf) expect(normalise(pdfLogicalText(pdf)), `${kind} PDF`).toContain(expected);
          if (locale === 'ar') expect(docxXml(docx)).toContain('<w:rtl/>');
        }
        expect(normalise(docxText(doc('results-report').docx))).toContain(
          normalise(textLabel(locale, { kind: 'new', designation: 'X.1353', workItem: 'X.ztd-iot' })),
        );
        // Its tables are sized to their content (fixed layout, columns of different widths filling the
        // text width), not split into equal columns that break the texts' labels mid-word.
        const tables = docxXml(doc('results-report').docx).split('<w:tbl>').slice(1);
        const data = tables.filter(
          (table) => table.includes('<w:tblLayout w:type="fixed"/>') && table.includes('E7E7E7'),
        );
        expect(data.length).toBeGreaterThan(0);
        for (const table of data) {
          const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((match) => Number(match[1]));
          expect(grid.reduce((a, b) => a + b, 0)).toBe(11906 - 2 * 1134);
          expect(new Set(grid).size).toBeGreaterThan(1);
        }
        const perText = [...data[0]!.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((match) => Number(match[1]));
        expect(perText[0]).toBe(Math.max(...perText));
      });
    });
  }
});

describeEachDialect('documents stored per language', (dialect) => {
  const world = useWorld(dialect);
  const pdf = usePdfEngine();

  it('stores an issued circular once per language and serves each language its own bytes again', async () => {
    const id = await world().openConsultation(translatedInput());
    const first = new Map<Locale, GeneratedDocument>();
    for (const locale of LOCALES) {
      const generated = await generateDocument(world().ctx, {
        actor: PUBLIC_ACTOR,
        consultationId: id,
        kind: 'circular',
        format: 'docx',
        locale,
      });
      expect(generated.stored).toBe(true);
      expect(generated.filename).toBe(`${id}-circular-${locale}.docx`);
      first.set(locale, generated);
    }
    expect(await countDocuments(world().ctx.db, id)).toBe(LOCALES.length);
    expect(new Set([...first.values()].map((d) => d.sha256)).size).toBe(LOCALES.length);
    world().clock.advance(60_000);
    for (const locale of LOCALES) {
      const again = await generateDocument(world().ctx, {
        actor: SECRETARIAT,
        consultationId: id,
        kind: 'circular',
        format: 'docx',
        locale,
      });
      expect(again.sha256).toBe(first.get(locale)!.sha256);
    }
    expect(await countDocuments(world().ctx.db, id)).toBe(LOCALES.length);
  });

  it.skipIf(!isLocale('ar'))(
    'stores the Arabic PDF of a reply version and serves the same bytes, still in logical order',
    async () => {
      await openWithReplies(world());
      const request = {
        consultationId: ID,
        kind: 'reply' as const,
        format: 'pdf' as const,
        locale: 'ar' as Locale,
        memberState: 'KR',
        pdf: pdf(),
      };
      const first = await generateDocument(world().ctx, { actor: focalPoint('KR'), ...request });
      const second = await generateDocument(world().ctx, { actor: SECRETARIAT, ...request });
      expect(first.filename).toBe('tsb-79-2023-reply-KR-v1-ar.pdf');
      expect(Buffer.compare(second.bytes, first.bytes)).toBe(0);
      expect(normalise(pdfLogicalText(second.bytes))).toContain(
        normalise(msg('ar' as Locale, 'doc.reply.receiptHeading')),
      );
    },
    60_000,
  );
});
