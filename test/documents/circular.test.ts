import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_ACTOR } from '../../src/domain/policy/actor.js';
import { mutableClock } from '../../src/domain/time/clock.js';
import { countDocuments } from '../../src/repositories/document.repository.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { generateDocument, type GeneratedDocument } from '../../src/services/documents/generate-document.js';
import { prepareDocument } from '../../src/services/documents/prepare-document.js';
import { renderPrintHtml } from '../../src/documents/print/document.print.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import { serviceContext, type ServiceContext } from '../../src/services/service-context.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { consultationInput, SECRETARIAT } from '../helpers/world.js';
import {
  docxFurniture,
  docxParts,
  docxText,
  docxXml,
  fontsOfPrintView,
  missingInOrder,
  normalise,
  pdfPages,
  usePdfEngine,
} from './document-harness.js';
import { FOOTER, LABELS, referenceSections } from './reference.js';

/**
 * TSB Circular 79 generated from the demo data (seed-demo.ts replays it through the services)
 * must read like the reference copy of the real circular, section by section, in both formats.
 * Content does not depend on the database, so this file runs on SQLite only; the storage of
 * documents is tested on both databases in documents-service.test.ts.
 */

const CIRCULAR = 'tsb-79-2023';

/** Splits a document's text at the reference's section anchors and checks every phrase of each section is in it. */
function sectionProblems(text: string): string[] {
  const doc = normalise(text);
  const problems: string[] = [];
  const sections = referenceSections();
  let from = 0;
  const starts = sections.map((section) => {
    const at = doc.indexOf(normalise(section.anchor), from);
    if (at < 0)
      problems.push(`section "${section.name}" (opening with "${section.anchor}") is missing or out of order`);
    else from = at + 1;
    return at;
  });
  sections.forEach((section, index) => {
    if (starts[index]! < 0) return;
    const end = starts.slice(index + 1).find((s) => s >= 0) ?? doc.length;
    const body = doc.slice(starts[index], end);
    for (const phrase of section.phrases)
      if (!body.includes(normalise(phrase))) problems.push(`${section.name}: "${phrase}"`);
  });
  for (const label of LABELS) if (!doc.includes(label)) problems.push(`label "${label}" is missing`);
  for (const phrase of FOOTER) if (!doc.includes(normalise(phrase))) problems.push(`footer: "${phrase}"`);
  return problems;
}

describe('TSB Circular 79 generated from the demo data', () => {
  const pdfEngine = usePdfEngine();
  let database: TestDatabase;
  let ctx: ServiceContext;
  let docx: GeneratedDocument;
  let pdf: GeneratedDocument;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    ctx = serviceContext(database.db, mutableClock('2023-04-01T10:00:00Z').now);
    await seedDemo(ctx);
    docx = await generateDocument(ctx, {
      actor: PUBLIC_ACTOR,
      consultationId: CIRCULAR,
      kind: 'circular',
      format: 'docx',
    });
    pdf = await generateDocument(ctx, {
      actor: PUBLIC_ACTOR,
      consultationId: CIRCULAR,
      kind: 'circular',
      format: 'pdf',
      pdf: pdfEngine(),
    });
  }, 60_000);

  afterAll(async () => database?.destroy());

  it('as DOCX reads, section by section, like the reference circular', () => {
    expect(docx.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // The bureau's address is the first page's footer: a part of its own in Word.
    expect(sectionProblems(`${docxText(docx.bytes)}\n${docxFurniture(docx.bytes).footer.first}`)).toEqual([]);
  });

  it('as PDF reads, section by section, like the reference circular', async () => {
    expect(pdf.mediaType).toBe('application/pdf');
    expect(sectionProblems((await pdfPages(pdf.bytes)).join('\n'))).toEqual([]);
  });

  it('states the procedure, the deadline and the 70 % rule in its numbered paragraphs, in order', async () => {
    const expected = [
      'Dear Sir/Madam,',
      '1 ITU-T Study Group 17 (Security) intends to apply the Traditional Approval Procedure as described in Section 9 of WTSA Resolution 1 (Rev. Geneva, 2022)',
      '2 The titles, summaries and locations of the draft ITU-T Recommendations proposed for approval can be found in Annex 1.',
      'TSB NOTE 1 –',
      'TSB NOTE 2 –',
      '3 This Circular initiates the formal consultation with ITU Member States',
      'in accordance with clause 9.4 of Resolution 1. Member States are kindly requested to complete and return the form in Annex 2 by 2359 hours UTC on 16 August 2023.',
      '4 If 70% or more of the replies from Member States support consideration for approval, one Plenary session will be devoted to apply the approval procedure.',
      'Yours faithfully, Seizo Onoe Director of the Telecommunication Standardization Bureau Annexes: 2',
    ];
    expect(missingInOrder(docxText(docx.bytes), expected)).toEqual([]);
    expect(missingInOrder((await pdfPages(pdf.bytes)).join('\n'), expected)).toEqual([]);
  });

  it('keeps the letter on its first page, the address as its footer, and heads every later page with the reference and "Page n of N"', async () => {
    const pages = (await pdfPages(pdf.bytes)).map(normalise);
    expect(pages.length).toBeGreaterThan(2);
    // Chromium draws the page margin boxes first, so the footer comes first in the page's text.
    expect(pages[0]!.startsWith(normalise(FOOTER[0]!))).toBe(true);
    expect(pages[0]).toMatch(/Director of the Telecommunication Standardization Bureau Annexes: 2$/);
    expect(pages[0]).not.toMatch(/Page \d+ of/);
    pages.slice(1).forEach((page, index) => {
      expect(page.startsWith(`TSB Circular 79 Page ${index + 2} of ${pages.length} `), page.slice(0, 60)).toBe(true);
      expect(page).not.toContain(normalise(FOOTER[0]!));
    });

    const furniture = docxFurniture(docx.bytes);
    expect(furniture.titlePage).toBe(true);
    expect(furniture.header).toEqual({ default: 'TSB Circular 79 Page {PAGE} of {NUMPAGES}', first: '' });
    expect(furniture.footer).toEqual({ default: '', first: normalise(FOOTER[0]!) });
    expect(normalise(docxText(docx.bytes))).not.toContain(normalise(FOOTER[0]!));
  });

  it('ends, as ITU documents do, with the closing line after the reply form’s signature, in both formats', async () => {
    expect(normalise(docxText(docx.bytes))).toMatch(/Administration of \[Member State\] ___________$/);
    const pages = await pdfPages(pdf.bytes);
    expect(normalise(pages.at(-1)!)).toMatch(/Administration of \[Member State\] ___________$/);
  });

  it('links each text’s reference to where it can be read, the IPR database and the e-mail addresses, in both formats', async () => {
    const expected = [
      'https://www.itu.int/md/T22-SG17-R-0034/en',
      'https://www.itu.int/md/T22-SG17-R-0035/en',
      'https://www.itu.int/md/T22-SG17-R-0036/en',
      'https://www.itu.int/md/T22-SG17-R-0038/en',
      'https://www.itu.int/md/T22-SG17-R-0037/en',
      'https://www.itu.int/md/T22-SG17-R-0033/en',
      'https://www.itu.int/ipr/',
      'mailto:tsbsg17@itu.int',
      'mailto:tsbdir@itu.int',
    ];
    const pdfLinks = new Set(
      [
        ...Buffer.from(pdf.bytes)
          .toString('latin1')
          .matchAll(/\/URI \(([^)]*)\)/g),
      ].map((match) => match[1]),
    );
    expect([...pdfLinks].sort()).toEqual([...expected].sort());
    const relations = docxParts(docx.bytes).get('word/_rels/document.xml.rels')!;
    const docxLinks = new Set(
      [...relations.matchAll(/Target="([^"]+)" TargetMode="External"/g)].map((match) => match[1]),
    );
    expect([...docxLinks].sort()).toEqual([...expected].sort());
    // The reference itself is the link, as in TSB's circular: "[R34]" with R34 linked.
    expect(docxXml(docx.bytes)).toMatch(/<w:hyperlink [^>]*>(?:(?!<\/w:hyperlink>).)*>R34<\/w:t>/);
  });

  it('lists the addressees and the copies after an en dash, as the circular does, in both formats', async () => {
    const parts = docxParts(docx.bytes);
    const numbering = parts.get('word/numbering.xml')!;
    const dash = numbering.match(/<w:abstractNum [^>]*>(?:(?!<\/w:abstractNum>)[\s\S])*<w:lvlText w:val="–"\/>/);
    expect(dash, 'a numbering level whose text is "–"').not.toBeNull();
    const abstractId = dash![0].match(/w:abstractNumId="(\d+)"/)![1];
    const numId = numbering.match(
      new RegExp(`<w:num w:numId="(\\d+)"[^>]*><w:abstractNumId w:val="${abstractId}"/>`),
    )![1];
    const xml = docxXml(docx.bytes);
    for (const line of ['Administrations of Member States of the Union', 'ITU-T Sector Members', 'ITU Academia']) {
      const paragraph = xml.split('</w:p>').find((p) => p.includes(`>${line}<`))!;
      expect(paragraph, line).toContain(`<w:numId w:val="${numId}"/>`);
    }
    expect(normalise((await pdfPages(pdf.bytes))[0]!)).toContain(
      'To: – Administrations of Member States of the Union Copy to: – ITU-T Sector Members – ITU-T Associates',
    );
  });

  it('gives Annex 1 and Annex 2 pages of their own, with each text in the order of the data', async () => {
    // Each page's text after its running header.
    const pages = (await pdfPages(pdf.bytes)).map((page) =>
      normalise(page).replace(/^TSB Circular 79 Page \d+ of \d+ /, ''),
    );
    const annex1 = pages.findIndex((page) => page.startsWith('Annex 1'));
    const annex2 = pages.findIndex((page) => page.startsWith('Annex 2'));
    expect(annex1).toBeGreaterThan(0);
    expect(annex2).toBeGreaterThan(annex1);
    const designations = [
      'X.1333',
      'X.1353 (X.ztd-iot) [R35]',
      'X.1471 (X.websec-7) [R36]',
      'X.1645 (X.nssa-cc) [R38]',
      'X.1771 (X.rdda) [R37]',
      'X.1817 (X.5Gsec-message) [R33]',
    ];
    expect(missingInOrder(pages.slice(annex1, annex2).join('\n'), designations)).toEqual([]);
  });

  it('carries the Annex 2 form in the DOCX as Word check boxes: both boxes and both sub-options for each of the six texts, none ticked', () => {
    const xml = docxXml(docx.bytes);
    const boxes = [...xml.matchAll(/<w14:checkbox>([\s\S]*?)<\/w14:checkbox>/g)].map((m) => m[1]!);
    expect(boxes).toHaveLength(6 * 4);
    expect(boxes.every((box) => /<w14:checked w14:val="0"\/>/.test(box))).toBe(true);
    // Boxes □ (U+25A1, ticked ▣ U+25A3) and options ○ (U+25CB, ticked ◉ U+25C9), as in the PDF.
    expect(boxes.filter((box) => box.includes('w14:val="25A3"') && box.includes('w14:val="25A1"'))).toHaveLength(12);
    expect(boxes.filter((box) => box.includes('w14:val="25C9"') && box.includes('w14:val="25CB"'))).toHaveLength(12);
    const text = docxText(docx.bytes);
    expect(text.match(/assigns authority to SG17 to consider this text for approval/g)).toHaveLength(6);
    expect(text.match(/does not assign authority to SG17 to consider this text for approval/g)).toHaveLength(6);
    expect(text.match(/No comments or suggested changes/g)).toHaveLength(6);
    expect(text.match(/Comments and suggested changes are attached/g)).toHaveLength(6);
  });

  it('prints both boxes and both options of each text in the PDF, none ticked', async () => {
    const text = (await pdfPages(pdf.bytes)).join('\n');
    expect(text.match(/□/g)).toHaveLength(12);
    expect(text.match(/○/g)).toHaveLength(12 + 6); // the options, and the "○" in each "select one of the two options ○"
    expect(text).not.toMatch(/[▣◉]/);
  });

  it('is a tagged A4 PDF titled "TSB Circular 79", in English, with an outline of its headings', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const document = await pdfjs.getDocument({ data: new Uint8Array(pdf.bytes) }).promise;
    try {
      const { info } = (await document.getMetadata()) as { info: { Title?: string; Language?: string } };
      expect(info.Title).toBe('TSB Circular 79');
      expect(await document.getMarkInfo()).toMatchObject({ Marked: true });
      const outline = (await document.getOutline()) ?? [];
      expect(outline.map((entry) => entry.title)).toEqual(expect.arrayContaining(['Annex 1', 'Annex 2']));
      const page = await document.getPage(1);
      expect(page.view.map(Math.round)).toEqual([0, 0, 595, 842]);
    } finally {
      await document.destroy();
    }
    expect(Buffer.from(pdf.bytes).toString('latin1')).toContain('/StructTreeRoot');
  });

  it('draws every character of its print view with the embedded fonts, none with a system font', async () => {
    const prepared = await prepareDocument(ctx, {
      actor: PUBLIC_ACTOR,
      consultationId: CIRCULAR,
      kind: 'circular',
      format: 'pdf',
    });
    const { systemTexts, families } = await fontsOfPrintView(renderPrintHtml(await prepared.content()));
    expect(systemTexts).toEqual([]);
    expect([...families.values()].every(Boolean)).toBe(true);
  });

  it('is an issued circular: stored once, the second request gets the same bytes', async () => {
    expect(docx.stored && pdf.stored).toBe(true);
    const again = await generateDocument(ctx, {
      actor: SECRETARIAT,
      consultationId: CIRCULAR,
      kind: 'circular',
      format: 'pdf',
      pdf: pdfEngine(),
    });
    expect(again.sha256).toBe(pdf.sha256);
    expect(Buffer.compare(again.bytes, pdf.bytes)).toBe(0);
  });

  it('prints the deadline as the circular words it: "2400 hours UTC on 16 August 2023" when so chosen, in every format and language', async () => {
    const draft = await createConsultation(ctx, {
      actor: SECRETARIAT,
      input: consultationInput({
        number: 98,
        reference: 'TSB Circular 98',
        deadline: '2023-08-16T23:59Z',
        deadlineWording: '2400',
      }),
    });
    const request = { actor: SECRETARIAT, consultationId: draft.id, kind: 'circular' } as const;
    const sentence =
      'Member States are kindly requested to complete and return the form in Annex 2 by 2400 hours UTC on 16 August 2023.';
    const word = await generateDocument(ctx, { ...request, format: 'docx' });
    expect(normalise(docxText(word.bytes))).toContain(sentence);
    expect(normalise(docxText(word.bytes))).not.toContain('2359 hours UTC');
    const printed = await generateDocument(ctx, { ...request, format: 'pdf', pdf: pdfEngine() });
    expect(normalise((await pdfPages(printed.bytes)).join('\n'))).toContain(sentence);
    const french = await generateDocument(ctx, { ...request, format: 'docx', locale: 'fr' });
    expect(normalise(docxText(french.bytes))).toContain('16 août 2023 à 24 h 00 UTC');
  });

  it('previews a draft afresh each time, marked DRAFT, and stores nothing', async () => {
    const draft = await createConsultation(ctx, {
      actor: SECRETARIAT,
      input: consultationInput({ number: 99, reference: 'TSB Circular 99' }),
    });
    const before = await countDocuments(ctx.db, draft.id);
    const preview = await generateDocument(ctx, {
      actor: SECRETARIAT,
      consultationId: draft.id,
      kind: 'circular',
      format: 'docx',
    });
    expect(preview.stored).toBe(false);
    expect(docxText(preview.bytes)).toMatch(/^DRAFT – this circular has not been issued/);
    expect(await countDocuments(ctx.db, draft.id)).toBe(before);
    await expect(
      generateDocument(ctx, { actor: PUBLIC_ACTOR, consultationId: draft.id, kind: 'circular', format: 'docx' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
