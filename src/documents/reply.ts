import type { Consultation, DeterminedText } from '../domain/consultation/consultation.js';
import { isOnTime } from '../domain/consultation/consultation-state.js';
import { citeRoleIn } from '../i18n/citations.js';
import { procedureFor } from '../procedures/registry.js';
import type { ReplyVersion } from '../domain/reply/reply.js';
import { dirOf, type Locale } from '../i18n/i18n.js';
import { type Block, CLOSING_LINE, type DocumentContent, type FieldRow } from './content.js';
import { buildDocx } from './docx.js';
import { formatDeadline, formatInstant, msg, pageFurniture } from './format.js';
import { circularName, describeFile, replyFormBlocks, type CitedFile } from './reply-form.js';

/**
 * The filled reply form of one version of a State's reply: the Annex 2 form with the boxes the
 * State ticked, its comments, reasons and files, as the Administration would have signed it —
 * headed by the receipt data (when the secretariat received it, in UTC; whether by the deadline;
 * the SHA-256 of the version), so the paper and the record can be matched.
 */
export interface ReplyDocumentInput {
  readonly consultation: Consultation;
  readonly texts: readonly DeterminedText[];
  readonly stateName: string;
  readonly version: ReplyVersion;
  readonly files: ReadonlyMap<string, CitedFile>;
  /** The audit row that recorded the version (its receipt cites it), when known. */
  readonly audit: { readonly seq: number; readonly hash: string } | null;
}

/** The receipt data of a version, as label/value rows (shared by the reply document and the receipt). */
export function receiptRows(
  locale: Locale,
  input: {
    consultation: Consultation;
    version: ReplyVersion;
    files: ReadonlyMap<string, CitedFile>;
    audit: { seq: number; hash: string } | null;
  },
): FieldRow[] {
  const { consultation, version } = input;
  const onTime = isOnTime(version.receivedAt, consultation.deadlineAt);
  const procedure = procedureFor(consultation.procedure);
  const rows: FieldRow[] = [
    {
      label: msg(locale, 'doc.receipt.version'),
      lines: [msg(locale, 'doc.receipt.versionValue', { version: version.version, status: version.status })],
    },
    {
      label: msg(locale, 'doc.receipt.receivedAt'),
      lines: [formatInstant(locale, version.receivedAt), new Date(version.receivedAt).toISOString()],
    },
    { label: msg(locale, 'doc.receipt.channel'), lines: [msg(locale, 'doc.channel', { channel: version.channel })] },
    // The deadline as the circular words it, which "by the deadline" below is judged against.
    {
      label: msg(locale, 'doc.report.deadline'),
      lines: [formatDeadline(locale, consultation.deadlineAt, consultation.deadlineWording)],
    },
    {
      label: msg(locale, 'doc.receipt.onTime'),
      lines: [
        onTime
          ? msg(locale, 'doc.receipt.onTime.yes')
          : msg(locale, 'doc.receipt.onTime.no', {
              clause: citeRoleIn(locale, procedure, 'consultationFails', consultation.resolutionEdition),
            }),
      ],
    },
    { label: msg(locale, 'doc.receipt.contentHash'), lines: [version.contentHash], code: true },
  ];
  if (version.originalFile)
    rows.push({
      label: msg(locale, 'doc.receipt.original'),
      lines: [describeFile(locale, version.originalFile, input.files.get(version.originalFile))],
      code: true,
    });
  if (input.audit)
    rows.push({
      label: msg(locale, 'doc.receipt.audit'),
      lines: [msg(locale, 'doc.receipt.auditValue', { seq: input.audit.seq }), input.audit.hash],
      code: true,
    });
  return rows;
}

/** The filled form's content in `locale`. */
export function replyContent(locale: Locale, input: ReplyDocumentInput): DocumentContent {
  const { consultation, version } = input;
  const circular = circularName(locale, consultation);
  const title = msg(locale, 'doc.reply.title', { state: input.stateName, circular });
  const blocks: Block[] = [];
  if (version.simulated) blocks.push({ type: 'mark', text: msg(locale, 'doc.mark.simulated') });
  if (consultation.isDemo) blocks.push({ type: 'mark', text: msg(locale, 'doc.mark.demo') });
  blocks.push(
    { type: 'heading', level: 1, text: title },
    { type: 'heading', level: 2, text: msg(locale, 'doc.reply.receiptHeading') },
    { type: 'fields', rows: receiptRows(locale, input) },
    { type: 'heading', level: 2, text: msg(locale, 'doc.reply.formHeading') },
    ...replyFormBlocks(locale, {
      consultation,
      texts: input.texts,
      filled: { stateName: input.stateName, version, files: input.files },
    }),
  );
  return {
    kind: 'reply',
    lang: locale,
    dir: dirOf(locale),
    title,
    subject: msg(locale, 'doc.receipt.versionValue', { version: version.version, status: version.status }),
    pages: pageFurniture(locale, title),
    blocks: [...blocks, CLOSING_LINE],
  };
}

/** The filled form as a Word document. */
export function replyDocx(locale: Locale, input: ReplyDocumentInput): Promise<Buffer> {
  return buildDocx(replyContent(locale, input));
}
