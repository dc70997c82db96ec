import { deflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFHexString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormIdentity, FormStamp } from '../../src/documents/form-identity.js';
import { readReturnedForm } from '../../src/documents/read-returned-form.js';
import { formIdentity } from '../../src/documents/reply-form.js';
import type { Locale } from '../../src/i18n/i18n.js';
import { PUBLIC_ACTOR } from '../../src/domain/policy/actor.js';
import { mutableClock } from '../../src/domain/time/clock.js';
import { findConsultation, listTexts } from '../../src/repositories/consultation.repository.js';
import { generateDocument } from '../../src/services/documents/generate-document.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import { serviceContext, type ServiceContext } from '../../src/services/service-context.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { fillPdf, tickPdfIncrementally } from './form-filling.js';

/**
 * The Annex 2 reply form as a fillable PDF, and read back (issue 18, part 2): the circular's PDF
 * carries a form field over each box and each field to fill in, tagged as Form elements; filled in
 * as an Administration fills it in a PDF reader, it reads back to the boxes ticked and the words
 * typed, in any script; contradictions are flagged; flattened, printed again, foreign or damaged
 * PDFs are refused with their reason. Content does not depend on the database: SQLite only.
 */

const CIRCULAR = 'tsb-79-2023';

/** A PDF whose one stream, doubly compressed, unpacks to 80 MB of zeros. */
function pdfBomb(): Uint8Array {
  const payload = deflateSync(deflateSync(Buffer.alloc(80 * 1024 * 1024)));
  return Buffer.concat([
    Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Length ${payload.length} /Filter [/FlateDecode /FlateDecode] >>\nstream\n`),
    payload,
    Buffer.from('\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  ]);
}

describe('a reply form returned as a filled PDF', () => {
  let database: TestDatabase;
  let ctx: ServiceContext;
  const blank: Partial<Record<Locale, Uint8Array>> = {};
  let identityOf: (stamp: FormStamp) => FormIdentity | null;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    ctx = serviceContext(database.db, mutableClock('2023-09-05T10:00:00Z').now);
    await seedDemo(ctx);
    for (const locale of ['en', 'ar'] as const)
      blank[locale] = (
        await generateDocument(ctx, {
          actor: PUBLIC_ACTOR,
          consultationId: CIRCULAR,
          kind: 'circular',
          format: 'pdf',
          locale,
        })
      ).bytes;
    const consultation = (await findConsultation(ctx.db, CIRCULAR))!.consultation;
    const texts = await listTexts(ctx.db, CIRCULAR);
    identityOf = (stamp) =>
      stamp.consultationId === CIRCULAR ? formIdentity(stamp.locale as Locale, consultation, texts) : null;
  }, 120_000);
  afterAll(async () => database?.destroy());

  it('has a named form field over every box and every field to fill in, each with its spoken label, tagged as a Form element', async () => {
    const pdf = await PDFDocument.load(blank.en!);
    const identity = identityOf({ format: 'assent-form/1', consultationId: CIRCULAR, locale: 'en' })!;
    const expected = [
      ...Object.keys(identity.fields).map((key) => `assent-field:${key}`),
      ...identity.texts.flatMap((text) =>
        text.choices.flatMap((choice) => [
          `assent:${text.id}:${choice.id}`,
          ...choice.options.map((option) => `assent:${text.id}:${choice.id}:${option}`),
        ]),
      ),
    ];
    const fields = pdf.getForm().getFields();
    expect(fields.map((field) => field.getName()).sort()).toEqual([...expected].sort());
    for (const field of fields) {
      const label = field.acroField.dict.lookup(PDFName.of('TU'));
      expect(label instanceof PDFHexString ? label.decodeText() : '', field.getName()).not.toBe('');
    }
    expect(
      (
        fields
          .find((field) => field.getName() === 'assent:x1353:does_not_assign_authority')!
          .acroField.dict.lookup(PDFName.of('TU')) as PDFHexString
      ).decodeText(),
    ).toMatch(/^Draft new Recommendation ITU-T X\.1353 .*: does not assign authority/);

    // Every widget is the object of a Form structure element, and no link to a field name is left.
    const elements = new Map<string, PDFDict>();
    const parentTree = pdf.catalog
      .lookup(PDFName.of('StructTreeRoot'), PDFDict)
      .lookup(PDFName.of('ParentTree'), PDFDict);
    const collect = (node: PDFDict) => {
      const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
      if (nums)
        for (let i = 0; i + 1 < nums.size(); i += 2)
          elements.set(String((nums.lookup(i) as PDFNumber).asNumber()), nums.lookup(i + 1) as PDFDict);
      for (const kid of node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? [])
        collect(pdf.context.lookup(kid) as PDFDict);
    };
    collect(parentTree);
    for (const field of fields) {
      const widget = field.acroField.getWidgets()[0]!;
      const key = widget.dict.get(PDFName.of('StructParent'));
      expect(key, field.getName()).toBeInstanceOf(PDFNumber);
      const element = elements.get(String((key as PDFNumber).asNumber()))!;
      expect(element.get(PDFName.of('S'))).toBe(PDFName.of('Form'));
      const reference = element.lookup(PDFName.of('K'));
      const objects = (reference instanceof PDFArray ? reference.asArray() : [reference]).map((kid) =>
        kid instanceof PDFRef ? pdf.context.lookup(kid) : kid,
      );
      expect(
        objects.some(
          (kid) => kid instanceof PDFDict && kid.get(PDFName.of('Obj')) === pdf.context.getObjectRef(widget.dict),
        ),
      ).toBe(true);
    }
    for (const page of pdf.getPages()) {
      expect(page.node.get(PDFName.of('Tabs'))).toBe(PDFName.of('S'));
      for (const annotation of page.node.Annots()?.asArray() ?? []) {
        const uri = (pdf.context.lookup(annotation) as PDFDict)
          .lookupMaybe(PDFName.of('A'), PDFDict)
          ?.get(PDFName.of('URI'));
        expect(String(uri ?? '')).not.toContain('assent-form:');
      }
    }
  });

  it('reads the blank form as one with no box ticked and no field filled', async () => {
    const reading = await readReturnedForm(blank.en!, identityOf, CIRCULAR);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.identity).toMatchObject({ consultationId: CIRCULAR, procedure: 'itu-t-tap' });
    expect(reading.texts.every((text) => text.flags.join() === 'NO_BOX_TICKED')).toBe(true);
    expect(Object.values(reading.fields).every((value) => value === null)).toBe(true);
    expect(reading.missingFields).toEqual([]);
  });

  it('reads back what an Administration ticked and typed in a PDF reader, in any script, and flags what contradicts itself', async () => {
    const filled = await fillPdf(
      blank.ar!,
      {
        'signatory.name': 'أحمد بن علي',
        'signatory.title': 'وكيل الوزارة للاتصالات',
        state: 'المملكة العربية السعودية',
        placeDate: 'الرياض، 10 أغسطس 2023',
      },
      [
        'assent:x1333-cor1:assigns_authority',
        'assent:x1333-cor1:assigns_authority:comments_attached',
        'assent:x1353:does_not_assign_authority',
        'assent:x1471:assigns_authority',
        'assent:x1471:does_not_assign_authority',
        'assent:x1645:assigns_authority',
      ],
    );
    const reading = await readReturnedForm(filled, identityOf, CIRCULAR);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.identity.texts.length).toBe(6);
    expect(reading.texts.map((t) => [t.textId, t.position, t.option, t.flags.join()])).toEqual([
      ['x1333-cor1', 'assigns_authority', 'comments_attached', ''],
      ['x1353', 'does_not_assign_authority', null, ''],
      ['x1471', null, null, 'SEVERAL_BOXES_TICKED'],
      ['x1645', 'assigns_authority', null, 'OPTION_MISSING'],
      ['x1771', null, null, 'NO_BOX_TICKED'],
      ['x1817', null, null, 'NO_BOX_TICKED'],
    ]);
    expect(reading.fields).toMatchObject({
      'signatory.name': 'أحمد بن علي',
      'signatory.title': 'وكيل الوزارة للاتصالات',
      state: 'المملكة العربية السعودية',
      placeDate: 'الرياض، 10 أغسطس 2023',
      'from.name': null,
    });
  });

  it('reads a form saved as a signed PDF is saved: an incremental update that keeps every original byte', async () => {
    const signed = await tickPdfIncrementally(blank.en!, [
      'assent:x1353:does_not_assign_authority',
      'assent:x1471:assigns_authority',
      'assent:x1471:assigns_authority:no_comments',
    ]);
    expect(Buffer.from(signed.subarray(0, blank.en!.length)).equals(Buffer.from(blank.en!))).toBe(true);
    const reading = await readReturnedForm(signed, identityOf, CIRCULAR);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.texts.filter((t) => t.position !== null).map((t) => [t.textId, t.position, t.option])).toEqual([
      ['x1353', 'does_not_assign_authority', null],
      ['x1471', 'assigns_authority', 'no_comments'],
    ]);
  });

  it('refuses, with the reason, a PDF that is flattened, printed again, foreign, encrypted or damaged', async () => {
    const flattened = await PDFDocument.load(blank.en!);
    flattened.getForm().getCheckBox('assent:x1353:assigns_authority').check();
    flattened.getForm().flatten();
    const printedAgain = await PDFDocument.load(blank.en!);
    (printedAgain.context.lookup(printedAgain.context.trailerInfo.Info) as PDFDict).delete(PDFName.of('AssentForm'));
    const other = await PDFDocument.load(blank.en!);
    (other.context.lookup(other.context.trailerInfo.Info) as PDFDict).set(
      PDFName.of('AssentForm'),
      PDFHexString.fromText(JSON.stringify({ format: 'assent-form/1', consultationId: 'tsb-80-2023', locale: 'en' })),
    );
    const encrypted = await PDFDocument.load(blank.en!);
    encrypted.context.trailerInfo.Encrypt = encrypted.context.obj({ Filter: 'Standard', V: 2, R: 3 });
    const cases: [Uint8Array, string][] = [
      [await flattened.save(), 'FORM_EDITED'],
      [await printedAgain.save(), 'NOT_AN_ASSENT_FORM'],
      [await other.save(), 'OTHER_CONSULTATION'],
      [await encrypted.save(), 'NOT_A_FORM_DOCUMENT'],
      [Buffer.from('%PDF-1.7\n%%EOF\n'), 'NOT_A_FORM_DOCUMENT'],
      [blank.en!.subarray(0, 2000), 'NOT_A_FORM_DOCUMENT'],
      // A few kilobytes that unpack to 80 MB through two Flate filters: refused before pdf-lib opens it.
      [pdfBomb(), 'FORM_EDITED'],
    ];
    for (const [bytes, refusal] of cases) {
      const reading = await readReturnedForm(bytes, identityOf, CIRCULAR);
      expect(reading.ok ? 'read' : reading.refusal, refusal).toBe(refusal);
      if (!reading.ok) expect(reading.detail.length).toBeGreaterThan(20);
    }
  });
});
