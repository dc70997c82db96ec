import type { Consultation } from '../domain/consultation/consultation.js';
import type { Receipt } from '../domain/receipt/receipt.js';
import type { ReplyVersion } from '../domain/reply/reply.js';
import { dirOf, type Locale } from '../i18n/i18n.js';
import { type Block, type DocumentContent, type FieldRow, inLanguage, CLOSING_LINE } from './content.js';
import { buildDocx } from './docx.js';
import { msg, pageFurniture } from './format.js';
import { circularName, describeFile, type CitedFile } from './reply-form.js';
import { receiptRows } from './reply.js';

/**
 * The receipt of one reply version on one page: the signed receipt (domain/receipt/receipt.ts,
 * also served as JSON) in words — what was received from which State, when (UTC), whether by the
 * deadline, its SHA-256 and those of its files, its audit trail entry and the server's signature.
 */
export interface ReceiptDocumentInput {
  readonly consultation: Consultation;
  readonly stateName: string;
  readonly receipt: Receipt;
  readonly version: ReplyVersion;
  readonly files: ReadonlyMap<string, CitedFile>;
}

/** The receipt's content in `locale`. */
export function receiptContent(locale: Locale, input: ReceiptDocumentInput): DocumentContent {
  const { consultation, receipt, version } = input;
  const circular = circularName(locale, consultation);
  const title = msg(locale, 'doc.receipt.title', { circular });
  const files = receipt.attachments.filter((file) => file.role !== 'original');
  const rows: FieldRow[] = [
    {
      label: msg(locale, 'doc.receipt.consultation'),
      // The reference as the signed receipt carries it (the record's), whatever the document's language.
      lines: [inLanguage(consultation.reference, consultation.languageOfRecord, locale)],
    },
    {
      label: msg(locale, 'doc.receipt.memberState'),
      lines: [msg(locale, 'doc.receipt.memberStateValue', { state: input.stateName, code: receipt.memberState })],
    },
    ...receiptRows(locale, { consultation, version, files: input.files, audit: receipt.audit }),
  ];
  if (files.length > 0) {
    rows.push({
      label: msg(locale, 'doc.receipt.files'),
      lines: files.map((file) =>
        msg(locale, 'doc.receipt.fileOfText', {
          text: file.role.replace(/^position:/, ''),
          file: describeFile(locale, file.sha256, input.files.get(file.sha256)),
        }),
      ),
      code: true,
    });
  }
  rows.push({
    label: msg(locale, 'doc.receipt.signature'),
    lines: [
      msg(locale, 'doc.receipt.signatureKey', {
        algorithm: receipt.signature.algorithm,
        keyId: receipt.signature.keyId,
      }),
      receipt.signature.value,
    ],
    code: true,
  });
  const blocks: Block[] = [];
  if (version.simulated) blocks.push({ type: 'mark', text: msg(locale, 'doc.mark.simulated') });
  if (consultation.isDemo) blocks.push({ type: 'mark', text: msg(locale, 'doc.mark.demo') });
  blocks.push(
    { type: 'heading', level: 1, text: title },
    { type: 'paragraph', text: msg(locale, 'doc.receipt.intro', { state: input.stateName }) },
    { type: 'fields', rows },
    {
      type: 'paragraph',
      variant: 'small',
      text: msg(locale, 'doc.receipt.verify', {
        path: `/api/v1/consultations/${consultation.id}/replies/${receipt.memberState}/versions/${receipt.version}/receipt`,
      }),
    },
  );
  return {
    kind: 'receipt',
    lang: locale,
    dir: dirOf(locale),
    title,
    subject: msg(locale, 'doc.receipt.versionValue', { version: version.version, status: version.status }),
    pages: pageFurniture(locale, title),
    blocks: [...blocks, CLOSING_LINE],
  };
}

/** The receipt as a Word document. */
export function receiptDocx(locale: Locale, input: ReceiptDocumentInput): Promise<Buffer> {
  return buildDocx(receiptContent(locale, input));
}
