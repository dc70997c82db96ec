import { inflateSync, constants as zlibConstants } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import {
  EncryptedPDFError,
  PDFCheckBox,
  PDFDict,
  type PDFField,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  PDFTextField,
} from 'pdf-lib';
import { BOX } from './content.js';
import {
  boxTag,
  FORM_PROPERTY,
  type FormIdentity,
  parseBoxTag,
  type FormStamp,
  parseFieldTag,
  parseFormStamp,
} from './form-identity.js';

/**
 * Reading back an Annex 2 reply form an Administration returned as a Word file or a filled PDF
 * (issue 18, part 2): the form's identity (its stamp: consultation and language, from which the
 * boxes per text are rebuilt) and the boxes ticked, read from the tagged check-box content
 * controls of the Word file or the named fields of the PDF form (pdf-form.ts). Nothing is guessed: a file that is
 * not one of Assent's forms is refused with the reason, and a text whose boxes contradict
 * themselves, are missing or were ticked without their box is flagged for the secretariat to
 * decide. Pure: bytes in, a reading out.
 */

/** Why a file cannot be read as a returned form at all. */
export type FormRefusal =
  /** Neither a Word document (a ZIP holding word/document.xml) nor a PDF that can be opened. */
  | 'NOT_A_FORM_DOCUMENT'
  /** A Word document without Assent's form identity: another form, or one retyped. */
  | 'NOT_AN_ASSENT_FORM'
  /** Assent's form, but of another consultation than the one expected. */
  | 'OTHER_CONSULTATION'
  /** Assent's form with none of its boxes left: edited beyond recognition, or a PDF flattened or printed again. */
  | 'FORM_EDITED';

/** What the secretariat must look at on one text. */
export type TextFlag =
  /** No box ticked: no position on this text. */
  | 'NO_BOX_TICKED'
  /** More than one box ticked: the form contradicts itself. */
  | 'SEVERAL_BOXES_TICKED'
  /** A choice with sub-options ticked without any of them, or with more than one. */
  | 'OPTION_MISSING'
  | 'SEVERAL_OPTIONS_TICKED'
  /** A sub-option ticked while its box is not. */
  | 'OPTION_WITHOUT_BOX'
  /** Some of the text's boxes are no longer in the file (deleted or replaced by typed marks). */
  | 'BOXES_MISSING';

/** What the form says on one text: the box and sub-option ticked, when that is unambiguous. */
export interface TextReading {
  readonly textId: string;
  /** The choice ticked (the procedure's position kind), or null when none or several are. */
  readonly position: string | null;
  /** The sub-option ticked under it, or null. */
  readonly option: string | null;
  readonly flags: readonly TextFlag[];
}

export type FormReading =
  | {
      readonly ok: true;
      readonly identity: FormIdentity;
      readonly texts: readonly TextReading[];
      /** Tagged boxes of texts the form does not list (pasted from another form). */
      readonly unknownBoxes: readonly string[];
      /**
       * What was typed in each of the form's fields (signatory, State, place and date), by key;
       * null for a field left as its placeholder, emptied, or no longer in the document.
       */
      readonly fields: Readonly<Record<string, string | null>>;
      /** The fields no longer in the document (deleted, or typed over outside their control). */
      readonly missingFields: readonly string[];
    }
  | { readonly ok: false; readonly refusal: FormRefusal; readonly detail: string };

const refuse = (refusal: FormRefusal, detail: string): FormReading => ({ ok: false, refusal, detail });

const decodeXml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The value of a custom property of a DOCX package (docProps/custom.xml), or null. */
function customProperty(files: Record<string, Uint8Array>, name: string): string | null {
  const xml = files['docProps/custom.xml'];
  if (!xml) return null;
  const text = strFromU8(xml);
  const property = new RegExp(`<property\\b[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</property>`).exec(text);
  const value = property ? /<vt:lpwstr>([\s\S]*?)<\/vt:lpwstr>/.exec(property[1]!) : null;
  return value ? decodeXml(value[1]!) : null;
}

/** A check box of the document, in document order: its tag (if it kept one), whether it is ticked, and whether it is a sub-option (○) or a box (□). */
interface CheckBoxFound {
  readonly tag: string | null;
  readonly checked: boolean;
  readonly option: boolean;
}

/** Every check-box content control of the document, in document order. */
function checkBoxes(xml: string): CheckBoxFound[] {
  const boxes: CheckBoxFound[] = [];
  for (const match of xml.matchAll(/<w:sdtPr>((?:(?!<\/?w:sdtPr>)[\s\S])*)<\/w:sdtPr>/g)) {
    const properties = match[1]!;
    const checkbox = /<w14:checkbox>([\s\S]*?)<\/w14:checkbox>/.exec(properties);
    if (!checkbox) continue;
    const tag = /<w:tag w:val="([^"]*)"\/>/.exec(properties);
    const unchecked = /<w14:uncheckedState w14:val="([0-9A-Fa-f]+)"/.exec(checkbox[1]!)?.[1]?.toUpperCase();
    boxes.push({
      tag: tag ? decodeXml(tag[1]!) : null,
      checked: /<w14:checked w14:val="(?:1|true|on)"\/>/.test(checkbox[1]!),
      option: unchecked === OPTION_UNCHECKED,
    });
  }
  return boxes;
}

const OPTION_UNCHECKED = BOX.optionUnchecked.codePointAt(0)!.toString(16).toUpperCase();

/**
 * The tags of the form's boxes in the order the form prints them: per text, each choice's box then
 * its sub-options. A word processor that drops content controls' tags on saving (LibreOffice
 * does) keeps the boxes themselves in this order, so they are read by position instead, when
 * their number and kinds (box or sub-option) are exactly the form's: nothing is guessed.
 */
function expectedBoxes(identity: FormIdentity): { tag: string; option: boolean }[] {
  return identity.texts.flatMap((text) =>
    text.choices.flatMap((choice) => [
      { tag: boxTag(text.id, choice.id), option: false },
      ...choice.options.map((option) => ({ tag: boxTag(text.id, choice.id, option), option: true })),
    ]),
  );
}

/** A plain-text content control of the document, in document order: its tag (if it kept one) and its words. */
function textControls(xml: string): { tag: string | null; text: string }[] {
  const controls: { tag: string | null; text: string }[] = [];
  // Word writes <w:sdtEndPr> between a control's properties and its content; each part stops at
  // its own closing tag and never runs past the next opening one (linear on any document).
  for (const match of xml.matchAll(
    /<w:sdt>\s*<w:sdtPr>((?:(?!<\/?w:sdtPr>)[\s\S])*)<\/w:sdtPr>\s*(?:<w:sdtEndPr\/>|<w:sdtEndPr>(?:(?!<\/?w:sdtEndPr>)[\s\S])*<\/w:sdtEndPr>)?\s*<w:sdtContent>((?:(?!<\/?w:sdtContent>)[\s\S])*)<\/w:sdtContent>/g,
  )) {
    const properties = match[1]!;
    if (!/<w:text\b/.test(properties) || /<w14:checkbox>/.test(properties)) continue;
    const tag = /<w:tag w:val="([^"]*)"\/>/.exec(properties);
    const words = [...match[2]!.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)]
      .map((part) => (part[1] === undefined ? ' ' : decodeXml(part[1])))
      .join('');
    controls.push({
      tag: tag ? decodeXml(tag[1]!) : null,
      text: /<w:showingPlcHdr\/>/.test(properties) ? '' : words,
    });
  }
  return controls;
}

/**
 * What was typed in the Word form's fields, by key: the tagged text controls; where a word
 * processor dropped the tags (LibreOffice), the untagged ones by their place, when there are
 * exactly as many as the form has fields.
 */
function wordFieldTexts(xml: string, identity: FormIdentity): Map<string, string> {
  const keys = Object.keys(identity.fields);
  const controls = textControls(xml);
  const tagged = new Map<string, string>();
  for (const control of controls) {
    const key = control.tag === null ? null : parseFieldTag(control.tag);
    if (key !== null && keys.includes(key)) tagged.set(key, control.text);
  }
  const untagged = controls.filter((control) => control.tag === null);
  if (tagged.size === 0 && untagged.length === keys.length)
    untagged.forEach((control, index) => {
      tagged.set(keys[index]!, control.text);
    });
  return tagged;
}

/**
 * The form's fields as read: what was typed in each, by key (null for a field left as its
 * placeholder or emptied), and the fields no longer in the document.
 */
function fieldValues(
  identity: FormIdentity,
  typed: ReadonlyMap<string, string>,
): { values: Record<string, string | null>; missing: string[] } {
  const values: Record<string, string | null> = {};
  const missing: string[] = [];
  for (const key of Object.keys(identity.fields)) {
    const text = typed.get(key);
    if (text === undefined) missing.push(key);
    const value = text?.replace(/\s+/g, ' ').trim() ?? '';
    values[key] = value === '' || value === identity.fields[key]!.trim() ? null : value;
  }
  return { values, missing };
}

/** The most a form's main part may unpack to: a reply form is a few hundred kilobytes. */
const MAX_DOCUMENT_XML = 16 * 1024 * 1024;

type IdentityOf = (stamp: FormStamp) => FormIdentity | null;

/**
 * The identity of the form a stamp names, checked against the consultation expected, or why the
 * file is refused. `kind` says what the file is, for the reason given.
 */
function identify(
  stampValue: string | null,
  identityOf: IdentityOf,
  consultationId: string | undefined,
  kind: 'docx' | 'pdf',
): FormIdentity | Extract<FormReading, { ok: false }> {
  const stamp = parseFormStamp(stampValue);
  if (stamp === null)
    return refuse(
      'NOT_AN_ASSENT_FORM',
      kind === 'docx'
        ? `The document is not a reply form generated by Assent: it has no ${FORM_PROPERTY} property (another form, or one retyped)`
        : `The PDF is not a reply form generated by Assent, or it was printed or scanned again: it has no ${FORM_PROPERTY} entry`,
    ) as Extract<FormReading, { ok: false }>;
  if (consultationId !== undefined && stamp.consultationId !== consultationId)
    return refuse(
      'OTHER_CONSULTATION',
      `The form answers consultation ${stamp.consultationId}, not ${consultationId}`,
    ) as Extract<FormReading, { ok: false }>;
  return (
    identityOf(stamp) ??
    (refuse(
      'OTHER_CONSULTATION',
      `The form answers consultation ${stamp.consultationId}, which is not read here`,
    ) as Extract<FormReading, { ok: false }>)
  );
}

/**
 * Reads a returned form, a Word file or a filled PDF. The file says whose form it is (its stamp);
 * `identityOf` gives what that form offers, rebuilt from the data (reply-form.ts, formIdentity),
 * or null when it is not a form the caller can read (another consultation). `consultationId`,
 * when given, is the consultation the secretariat expects the form to answer
 * (OTHER_CONSULTATION otherwise). The caller judges the file first
 * (services/attachment-content.ts bounds its size and what a package unpacks to).
 */
export async function readReturnedForm(
  bytes: Uint8Array,
  identityOf: IdentityOf,
  consultationId?: string,
): Promise<FormReading> {
  return isPdf(bytes)
    ? readPdfForm(bytes, identityOf, consultationId)
    : readWordForm(bytes, identityOf, consultationId);
}

/** The stamp's text in a PDF's document information, or null. */
function pdfStampValue(pdf: PDFDocument): string | null {
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info);
  const stamp = info instanceof PDFDict ? info.lookup(PDFName.of(FORM_PROPERTY)) : undefined;
  return stamp instanceof PDFString || stamp instanceof PDFHexString ? stamp.decodeText() : null;
}

/**
 * The stamp of a returned form, without reading the rest: which consultation's form (and in which
 * language) a Word file or a PDF says it is, or null for any other file.
 */
export async function formStampOf(bytes: Uint8Array): Promise<FormStamp | null> {
  if (isPdf(bytes)) {
    if (!pdfUnpacksWithin(bytes)) return null;
    try {
      const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
      return parseFormStamp(pdfStampValue(pdf));
    } catch {
      return null;
    }
  }
  try {
    return parseFormStamp(
      customProperty(unzipSync(bytes, { filter: (file) => file.name === 'docProps/custom.xml' }), FORM_PROPERTY),
    );
  } catch {
    return null;
  }
}

/** Whether a file is a PDF: it starts with the PDF signature (as attachment-content.ts judges it). */
export const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';

/**
 * A returned Word form: only the two parts read are unpacked, the main one within
 * MAX_DOCUMENT_XML, and every pattern over the XML runs in linear time.
 */
function readWordForm(bytes: Uint8Array, identityOf: IdentityOf, consultationId?: string): FormReading {
  let files: Record<string, Uint8Array>;
  let tooLarge = false;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (file.name === 'word/document.xml' && file.originalSize > MAX_DOCUMENT_XML) tooLarge = true;
        return (file.name === 'word/document.xml' && !tooLarge) || file.name === 'docProps/custom.xml';
      },
    });
  } catch {
    return refuse('NOT_A_FORM_DOCUMENT', 'The file is neither a Word document (DOCX) nor a PDF');
  }
  if (tooLarge) return refuse('FORM_EDITED', 'The document is far larger than a reply form: it is not read');
  const document = files['word/document.xml'];
  if (!document)
    return refuse('NOT_A_FORM_DOCUMENT', 'The file is not a Word document (DOCX): it has no word/document.xml');
  const identity = identify(customProperty(files, FORM_PROPERTY), identityOf, consultationId, 'docx');
  if ('ok' in identity) return identity;
  const xml = strFromU8(document);
  let boxes = checkBoxes(xml);
  if (boxes.length > 0 && boxes.every((box) => box.tag === null)) {
    const expected = expectedBoxes(identity);
    if (boxes.length !== expected.length || boxes.some((box, index) => box.option !== expected[index]!.option))
      return refuse(
        'FORM_EDITED',
        `The form's boxes lost their names and ${boxes.length} are left where the form has ${expected.length} in another order: boxes were added, removed or moved`,
      );
    boxes = boxes.map((box, index) => ({ ...box, tag: expected[index]!.tag }));
  }
  return readingOf(identity, boxes, wordFieldTexts(xml, identity));
}

/** The most a returned PDF's compressed streams may unpack to, all together: a reply form's are a few megabytes. */
const PDF_INFLATE_BUDGET = 64 * 1024 * 1024;

/** Whether bytes start as a zlib stream does (FlateDecode): a deflate header whose check bits hold. */
const isZlib = (data: Uint8Array) =>
  data.length > 2 && (data[0]! & 0x0f) === 8 && ((data[0]! << 8) | data[1]!) % 31 === 0;

/**
 * Whether every Flate stream of a PDF, chained filters followed, unpacks within `budget` bytes all
 * together. pdf-lib inflates object streams without bound when it opens a file, so a few
 * kilobytes of nested zlib would take gigabytes and minutes; each stream is inflated here first,
 * by zlib with a ceiling on its output, and a file over the budget is not opened.
 */
export function pdfUnpacksWithin(bytes: Uint8Array, budget: number = PDF_INFLATE_BUDGET): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let spent = 0;
  let at = buffer.indexOf('stream');
  while (at !== -1) {
    let start = at + 6;
    const keyword = at < 3 || buffer.toString('latin1', at - 3, at) !== 'end';
    if (buffer[start] === 0x0d) start++;
    if (!keyword || buffer[start] !== 0x0a) {
      at = buffer.indexOf('stream', at + 6);
      continue;
    }
    const end = buffer.indexOf('endstream', start + 1);
    if (end === -1) break;
    let data: Uint8Array = buffer.subarray(start + 1, end);
    for (let depth = 0; depth < 8 && isZlib(data); depth++) {
      try {
        data = inflateSync(data, { maxOutputLength: budget - spent + 1, finishFlush: zlibConstants.Z_SYNC_FLUSH });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return false;
        break;
      }
      spent += data.length;
      if (spent > budget) return false;
    }
    at = buffer.indexOf('stream', end + 9);
  }
  return true;
}

/** What was typed in a PDF text field; a rich-text value pdf-lib will not read is taken as its plain value. */
function textOf(field: PDFTextField): string {
  try {
    return field.getText() ?? '';
  } catch {
    const value = field.acroField.dict.lookup(PDFName.of('V'));
    return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : '';
  }
}

/** Whether a PDF check box is ticked: its value, or failing that one of its widgets' appearance, is not Off. */
function ticked(box: PDFCheckBox): boolean {
  const value = box.acroField.getValue();
  if (value instanceof PDFName) return value !== PDFName.of('Off');
  return box.acroField.getWidgets().some((widget) => {
    const state = widget.getAppearanceState();
    return state !== undefined && state !== PDFName.of('Off');
  });
}

/**
 * A returned PDF form (pdf-form.ts made it fillable): the stamp from the document information,
 * the boxes and fields from its form fields, by name. A PDF without them (printed or scanned
 * again, flattened) is refused, to be keyed in with the file attached.
 */
async function readPdfForm(bytes: Uint8Array, identityOf: IdentityOf, consultationId?: string): Promise<FormReading> {
  if (!pdfUnpacksWithin(bytes))
    return refuse('FORM_EDITED', 'The PDF unpacks to far more than a reply form: it is not read');
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (error) {
    return refuse(
      'NOT_A_FORM_DOCUMENT',
      error instanceof EncryptedPDFError
        ? 'The PDF is encrypted: it cannot be read'
        : 'The file is a damaged PDF that cannot be opened',
    );
  }
  if (!(pdf.context.lookup(pdf.context.trailerInfo.Root) instanceof PDFDict))
    return refuse('NOT_A_FORM_DOCUMENT', 'The file is a damaged PDF: it has no document catalogue');
  const identity = identify(pdfStampValue(pdf), identityOf, consultationId, 'pdf');
  if ('ok' in identity) return identity;
  let fields: PDFField[];
  try {
    fields = pdf.getForm().getFields();
  } catch {
    fields = [];
  }
  const boxes = fields
    .filter((field): field is PDFCheckBox => field instanceof PDFCheckBox)
    .map((field) => ({ tag: field.getName(), checked: ticked(field), option: false }));
  const typed = new Map<string, string>();
  for (const field of fields) {
    const key = parseFieldTag(field.getName());
    if (key !== null && field instanceof PDFTextField) typed.set(key, textOf(field));
  }
  return readingOf(identity, boxes, typed);
}

/** What a form says, once its identity is known: the boxes found (by tag) and what was typed in its fields (by key). */
function readingOf(
  identity: FormIdentity,
  boxes: readonly { readonly tag: string | null; readonly checked: boolean }[],
  typed: ReadonlyMap<string, string>,
): FormReading {
  const found = new Map<string, boolean>();
  const unknownBoxes: string[] = [];
  const listed = new Set(identity.texts.map((text) => text.id));
  for (const box of boxes) {
    const named = box.tag === null ? null : parseBoxTag(box.tag);
    if (named === null) continue;
    const tag = box.tag!;
    if (!listed.has(named.textId)) unknownBoxes.push(tag);
    else found.set(tag, (found.get(tag) ?? false) || box.checked);
  }
  if (found.size === 0)
    return refuse(
      'FORM_EDITED',
      'None of the form’s boxes is left in the document: it was edited beyond recognition, or flattened or printed again',
    );

  const texts = identity.texts.map((text): TextReading => {
    const flags: TextFlag[] = [];
    const key = (choice: string, option?: string) => boxTag(text.id, choice, option);
    let missing = false;
    const ticked = text.choices.filter((choice) => {
      if (!found.has(key(choice.id))) missing = true;
      return found.get(key(choice.id)) === true;
    });
    for (const choice of text.choices)
      for (const option of choice.options) {
        if (!found.has(key(choice.id, option))) missing = true;
        else if (found.get(key(choice.id, option)) && !ticked.includes(choice)) flags.push('OPTION_WITHOUT_BOX');
      }
    if (missing) flags.push('BOXES_MISSING');
    if (ticked.length === 0) {
      flags.push('NO_BOX_TICKED');
      return { textId: text.id, position: null, option: null, flags: [...new Set(flags)] };
    }
    if (ticked.length > 1) {
      flags.push('SEVERAL_BOXES_TICKED');
      return { textId: text.id, position: null, option: null, flags: [...new Set(flags)] };
    }
    const choice = ticked[0]!;
    const options = choice.options.filter((option) => found.get(key(choice.id, option)) === true);
    if (choice.options.length > 0 && options.length === 0) flags.push('OPTION_MISSING');
    if (options.length > 1) flags.push('SEVERAL_OPTIONS_TICKED');
    return {
      textId: text.id,
      position: choice.id,
      option: options.length === 1 ? options[0]! : null,
      flags: [...new Set(flags)],
    };
  });
  const { values, missing } = fieldValues(identity, typed);
  return { ok: true, identity, texts, unknownBoxes, fields: values, missingFields: missing };
}
