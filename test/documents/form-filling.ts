import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

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
