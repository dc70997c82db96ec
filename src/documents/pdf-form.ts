import {
  PDFArray,
  type PDFCheckBox,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFPage,
  PDFRef,
  PDFString,
  type PDFTextField,
  rgb,
} from 'pdf-lib';
import { boxTag, FORM_FORMAT, FORM_PROPERTY, type FormStamp, fieldTag, formStampValue } from './form-identity.js';
import type { DocumentContent, Text } from './content.js';

/**
 * The Annex 2 reply form as a fillable PDF (issue 18, part 2). Chromium prints what it is given
 * and makes no form fields, but it keeps links, with their place on the page and their place in
 * the tagged structure. The print view therefore links each box and each field to fill in to a
 * name of our own (`assent-form:<name>`, see fieldHref); here each such link becomes a form field
 * of that name at the very same place: a check box over each box, a text field over each
 * placeholder. The structure element that held the link becomes a Form element holding the field,
 * so the PDF stays tagged. The document carries the same stamp as the Word form (its identity, in
 * the document information), and its fields the same names as the Word form's content controls,
 * so both read back the same way (read-returned-form.ts).
 */

/** The scheme of the links that stand for form fields in a print view. */
const FIELD_SCHEME = 'assent-form:';

/** The link a print view puts on a box or a field to fill in, named `name`. */
export function fieldHref(name: string): string {
  return `${FIELD_SCHEME}${encodeURIComponent(name)}`;
}

/** One form field of a fillable PDF: its name (a box's or a field's tag), its kind and what a screen reader says of it. */
export interface PdfFieldSpec {
  readonly name: string;
  readonly kind: 'box' | 'text';
  readonly label: string;
}

/** What a document's PDF form has: its stamp and its fields, or null for a document with no blank form. */
export function pdfFormOf(content: DocumentContent): { stamp: FormStamp; fields: PdfFieldSpec[] } | null {
  const form = content.blocks.find((block) => block.type === 'form' && block.fillable === true);
  if (form === undefined || form.type !== 'form') return null;
  const fields: PdfFieldSpec[] = [];
  for (const text of form.texts)
    for (const choice of text.choices) {
      fields.push({ name: boxTag(text.id, choice.id), kind: 'box', label: `${text.label}: ${choice.text}` });
      for (const option of choice.options ?? [])
        fields.push({
          name: boxTag(text.id, choice.id, option.id),
          kind: 'box',
          label: `${text.label}: ${option.text}`,
        });
    }
  const texts: Text[] = content.blocks.flatMap((block) =>
    block.type === 'fields' ? block.rows.flatMap((row) => row.lines) : block.type === 'signature' ? block.lines : [],
  );
  for (const text of texts)
    if (typeof text !== 'string' && text.field !== undefined)
      fields.push({ name: fieldTag(text.field.key), kind: 'text', label: text.field.placeholder });
  return {
    stamp: { format: FORM_FORMAT, consultationId: form.of.consultationId, locale: content.lang },
    fields,
  };
}

/** The URI a link annotation goes to, or null. */
function linkUri(annotation: PDFDict): string | null {
  if (annotation.get(PDFName.of('Subtype'))?.toString() !== '/Link') return null;
  const action = annotation.lookupMaybe(PDFName.of('A'), PDFDict);
  const uri = action?.lookup(PDFName.of('URI'));
  return uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : null;
}

/** The structure element a marked annotation belongs to: the parent tree's entry for its StructParent. */
function structureElementOf(pdf: PDFDocument, key: number): PDFDict | null {
  const root = pdf.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  let node = root?.lookupMaybe(PDFName.of('ParentTree'), PDFDict);
  // A number tree: descend through the kids whose limits hold the key, then search the leaf's pairs.
  for (let depth = 0; node !== undefined && depth < 32; depth++) {
    const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
    if (nums !== undefined) {
      for (let index = 0; index + 1 < nums.size(); index += 2)
        if ((nums.lookup(index) as PDFNumber).asNumber() === key) {
          const element = nums.lookup(index + 1);
          return element instanceof PDFDict ? element : null;
        }
      return null;
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    node = kids
      ?.asArray()
      .map((kid) => pdf.context.lookup(kid))
      .filter((kid): kid is PDFDict => kid instanceof PDFDict)
      .find((kid) => {
        const limits = kid.lookupMaybe(PDFName.of('Limits'), PDFArray);
        if (limits === undefined) return true;
        const [low, high] = [0, 1].map((at) => (limits.lookup(at) as PDFNumber).asNumber()) as [number, number];
        return key >= low && key <= high;
      });
  }
  return null;
}

/** Moves the structure element of the link `link` to the widget `widget`: a Form element whose object reference is the widget. */
function tagWidget(pdf: PDFDocument, link: PDFDict, linkRef: PDFRef, widget: PDFDict, widgetRef: PDFRef): void {
  const parent = link.get(PDFName.of('StructParent'));
  if (!(parent instanceof PDFNumber)) return;
  const element = structureElementOf(pdf, parent.asNumber());
  if (element === null) return;
  widget.set(PDFName.of('StructParent'), parent);
  element.set(PDFName.of('S'), PDFName.of('Form'));
  const kids = element.get(PDFName.of('K'));
  const repoint = (kid: unknown) => {
    const reference = kid instanceof PDFRef ? pdf.context.lookup(kid) : kid;
    if (reference instanceof PDFDict && reference.get(PDFName.of('Obj')) === linkRef)
      reference.set(PDFName.of('Obj'), widgetRef);
  };
  if (kids instanceof PDFArray) for (const kid of kids.asArray()) repoint(kid);
  else repoint(kids);
}

/** The rectangle of an annotation, as pdf-lib places a widget. */
function rectangleOf(annotation: PDFDict): { x: number; y: number; width: number; height: number } {
  const [x1, y1, x2, y2] = (annotation.lookup(PDFName.of('Rect')) as PDFArray)
    .asArray()
    .map((value) => (value as PDFNumber).asNumber()) as [number, number, number, number];
  return { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
}

/**
 * Makes the PDF of a document with a blank form fillable: every link to a field name (fieldHref)
 * becomes that form field, at the link's place; the document is stamped with the form's identity.
 * A field the print view did not link is simply absent (a reading flags it as missing), and a link
 * to a name the form does not have is dropped.
 */
export async function makeFillable(
  bytes: Uint8Array,
  form: { stamp: FormStamp; fields: readonly PdfFieldSpec[] },
): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const acroForm = pdf.getForm();
  const specs = new Map(form.fields.map((field) => [field.name, field]));
  const placed = new Set<string>();
  const font = await pdf.embedFont('Helvetica');
  pdf.getPages().forEach((page: PDFPage) => {
    const annotations = page.node.Annots();
    if (annotations === undefined) return;
    // The field links of the page, in the page's order; taken off the page, then made fields.
    const links: { link: PDFDict; linkRef: PDFRef; uri: string }[] = [];
    for (let index = annotations.size() - 1; index >= 0; index--) {
      const linkRef = annotations.get(index);
      const link = pdf.context.lookup(linkRef);
      if (!(link instanceof PDFDict) || !(linkRef instanceof PDFRef)) continue;
      const uri = linkUri(link);
      if (uri === null || !uri.startsWith(FIELD_SCHEME)) continue;
      annotations.remove(index);
      // The link goes: off the page, and out of the file.
      pdf.context.delete(linkRef);
      links.unshift({ link, linkRef, uri });
    }
    for (const { link, linkRef, uri } of links) {
      const name = decodeURIComponent(uri.slice(FIELD_SCHEME.length));
      const spec = specs.get(name);
      if (spec === undefined || placed.has(name)) continue;
      placed.add(name);
      const where = rectangleOf(link);
      let field: PDFCheckBox | PDFTextField;
      if (spec.kind === 'box') {
        // A square on the printed box, which it covers: the box a reader ticks.
        const side = Math.min(where.width, where.height) * 0.8;
        field = acroForm.createCheckBox(name);
        field.addToPage(page, {
          x: where.x + (where.width - side) / 2,
          y: where.y + (where.height - side) / 2,
          width: side,
          height: side,
          borderWidth: 0.75,
          borderColor: rgb(0, 0, 0),
          backgroundColor: rgb(1, 1, 1),
          textColor: rgb(0, 0, 0),
        });
      } else {
        field = acroForm.createTextField(name);
        field.addToPage(page, {
          ...where,
          font,
          borderWidth: 0,
          backgroundColor: rgb(0.93, 0.95, 1),
          textColor: rgb(0, 0, 0),
        });
        field.setFontSize(0);
      }
      // What a screen reader and a viewer's tooltip say of the field.
      field.acroField.dict.set(PDFName.of('TU'), PDFHexString.fromText(spec.label));
      const widget = field.acroField.getWidgets()[0]!;
      tagWidget(pdf, link, linkRef, widget.dict, pdf.context.getObjectRef(widget.dict)!);
    }
  });
  // Fields are reached in the order of the structure (what a screen reader and the Tab key follow).
  for (const page of pdf.getPages()) page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
  let info = pdf.context.lookup(pdf.context.trailerInfo.Info);
  if (!(info instanceof PDFDict)) {
    // A PDF without document information gets one: the stamp must be there.
    const created = pdf.context.obj({});
    pdf.context.trailerInfo.Info = pdf.context.register(created);
    info = created;
  }
  (info as PDFDict).set(PDFName.of(FORM_PROPERTY), PDFHexString.fromText(formStampValue(form.stamp)));
  const saved = await pdf.save({ useObjectStreams: false });
  // pdf-lib heads every file it writes "%PDF-1.7"; what this one uses is PDF 1.5 at most (the
  // pages' Tabs entry; form fields and Form elements are 1.4), so it declares that, as Chromium's
  // PDF declared 1.4. The header has the same length: no offset moves.
  const header = Buffer.from(saved.subarray(0, 8)).toString('latin1');
  if (header !== '%PDF-1.7') throw new Error(`pdf-lib wrote an unexpected header: ${header}`);
  saved.set(Buffer.from('%PDF-1.5', 'latin1'), 0);
  return saved;
}
