import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { operatorActor } from '../../src/domain/policy/actor.js';
import { generateDocument } from '../../src/services/documents/generate-document.js';
import type { ServiceContext } from '../../src/services/service-context.js';

/**
 * Filling in a generated Word reply form as an Administration does in Word: ticking check boxes
 * and typing in the text fields, in the XML Word writes for each (returned-forms.test.ts, the
 * intake service and CLI tests).
 */

/** A DOCX package with its document.xml rewritten. */
export function edited(bytes: Uint8Array, change: (xml: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  files['word/document.xml'] = strToU8(change(strFromU8(files['word/document.xml']!)));
  return zipSync(files);
}

/** Ticks (or clears) the boxes tagged `tags`, as Word does: the checked flag and the symbol shown. */
export function tick(bytes: Uint8Array, tags: readonly string[], checked = true): Uint8Array {
  return edited(bytes, (xml) =>
    xml.replace(/<w:sdt>([\s\S]*?)<\/w:sdt>/g, (sdt) => {
      const tag = /<w:tag w:val="([^"]*)"\/>/.exec(sdt)?.[1];
      if (!tag || !tags.includes(tag)) return sdt;
      const states = /<w14:checkedState w14:val="([0-9A-F]+)"[^>]*\/><w14:uncheckedState w14:val="([0-9A-F]+)"/.exec(
        sdt,
      )!;
      return sdt
        .replace(/<w14:checked w14:val="[01]"\/>/, `<w14:checked w14:val="${checked ? 1 : 0}"/>`)
        .replace(/<w:sym w:char="[0-9A-F]+"/, `<w:sym w:char="${checked ? states[1] : states[2]}"`);
    }),
  );
}

/** Types `values` into the form's fields, as Word does: the placeholder replaced, no longer shown as one. */
export function fill(bytes: Uint8Array, values: Readonly<Record<string, string>>): Uint8Array {
  return edited(bytes, (xml) =>
    xml.replace(
      /<w:sdt><w:sdtPr>((?:(?!<\/w:sdtPr>).)*)<\/w:sdtPr><w:sdtContent>(.*?)<\/w:sdtContent><\/w:sdt>/g,
      (sdt, properties: string, content: string) => {
        const key = /<w:tag w:val="assent-field:([^"]+)"\/>/.exec(properties)?.[1];
        if (key === undefined || values[key] === undefined) return sdt;
        const typedContent = content.replace(
          /<w:t xml:space="preserve">[^<]*<\/w:t>/,
          `<w:t xml:space="preserve">${values[key]}</w:t>`,
        );
        // Word writes the control's end properties between its properties and its content.
        return `<w:sdt><w:sdtPr>${properties.replace('<w:showingPlcHdr/>', '')}<w:id w:val="1234"/></w:sdtPr><w:sdtEndPr><w:rPr><w:b w:val="0"/></w:rPr></w:sdtEndPr><w:sdtContent>${typedContent}</w:sdtContent></w:sdt>`;
      },
    ),
  );
}

/**
 * Fills in a generated PDF reply form as an Administration does in a PDF reader: ticks the boxes
 * named `ticked` and types `values` into the fields named after their keys (`assent-field:<key>`),
 * then saves. Appearances are left to the reader (as Acrobat regenerates them from the values),
 * so any script can be typed.
 */
export async function fillPdf(
  bytes: Uint8Array,
  values: Readonly<Record<string, string>>,
  ticked: readonly string[],
): Promise<Uint8Array> {
  const { PDFDocument } = await import('pdf-lib');
  const pdf = await PDFDocument.load(bytes);
  const form = pdf.getForm();
  for (const [key, value] of Object.entries(values)) form.getTextField(`assent-field:${key}`).setText(value);
  for (const name of ticked) form.getCheckBox(name).check();
  return pdf.save({ updateFieldAppearances: false });
}

/**
 * Ticks boxes of a PDF form the way a PDF reader saves a signed document: an incremental update
 * appended after the original bytes (the changed objects, a new cross-reference section and a
 * trailer pointing back to the previous one), leaving every original byte as it was, as a
 * signature requires.
 */
export async function tickPdfIncrementally(bytes: Uint8Array, ticked: readonly string[]): Promise<Uint8Array> {
  const { PDFDocument, PDFRef } = await import('pdf-lib');
  const pdf = await PDFDocument.load(bytes);
  const form = pdf.getForm();
  const changed = new Map<number, string>();
  for (const name of ticked) {
    const box = form.getCheckBox(name);
    box.check();
    const field = box.acroField;
    for (const dict of [field.dict, ...field.getWidgets().map((widget) => widget.dict)]) {
      const ref = pdf.context.getObjectRef(dict);
      if (ref instanceof PDFRef)
        changed.set(ref.objectNumber, `${ref.objectNumber} 0 obj\n${dict.toString()}\nendobj\n`);
    }
  }
  const original = Buffer.from(bytes);
  const previous = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(original.toString('latin1'))![1]);
  const parts: Buffer[] = [original, Buffer.from('\n')];
  let offset = original.length + 1;
  const entries: [number, number][] = [];
  for (const [number, text] of changed) {
    entries.push([number, offset]);
    const chunk = Buffer.from(text, 'latin1');
    parts.push(chunk);
    offset += chunk.length;
  }
  const xref = [
    'xref',
    ...entries.flatMap(([number, at]) => [`${number} 1`, `${String(at).padStart(10, '0')} 00000 n `]),
    `trailer\n<< /Size ${pdf.context.largestObjectNumber + 1} /Root ${pdf.context.trailerInfo.Root} /Info ${pdf.context.trailerInfo.Info} /Prev ${previous} >>`,
    `startxref\n${offset}\n%%EOF\n`,
  ].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * The circular's blank Word form of `consultationId`, generated as the secretariat has it, filled
 * in with `values` and with the boxes `ticked`, as an Administration returns it.
 */
export async function returnedWordForm(
  ctx: ServiceContext,
  consultationId: string,
  values: Readonly<Record<string, string>>,
  ticked: readonly string[],
): Promise<Uint8Array> {
  const blank = (
    await generateDocument(ctx, { actor: operatorActor('test'), consultationId, kind: 'circular', format: 'docx' })
  ).bytes;
  return tick(fill(blank, values), ticked);
}
