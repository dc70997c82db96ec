import type { Locale } from '../i18n/i18n.js';

/**
 * The official documents Assent produces from its data, in the two formats ITU works with:
 * DOCX (editable, built with the `docx` package) and PDF (printed by Chromium from a server-
 * rendered print view). Every document is first a content model (content.ts) — all its words
 * resolved in one language — which both formats render, so the two cannot say different things.
 */

/** The documents of a consultation. */
export const DOCUMENT_KINDS = ['circular', 'reply', 'receipt', 'results-report', 'results-notice'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The documents of one State's reply version (they name a State and a version). */
export const REPLY_DOCUMENT_KINDS = ['reply', 'receipt'] as const satisfies readonly DocumentKind[];

export const DOCUMENT_FORMATS = ['docx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const MEDIA_TYPES: Readonly<Record<DocumentFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** True for the kinds that belong to one State's reply version. */
export function isReplyDocument(kind: DocumentKind): kind is (typeof REPLY_DOCUMENT_KINDS)[number] {
  return (REPLY_DOCUMENT_KINDS as readonly string[]).includes(kind);
}

/** The bytes of a generated (or stored) document, with what an HTTP response or a file needs. */
export interface RenderedDocument {
  readonly kind: DocumentKind;
  readonly format: DocumentFormat;
  readonly locale: Locale;
  readonly bytes: Buffer;
  /** Lower-case hex SHA-256 of `bytes` (the ETag; what a stored record is checked against). */
  readonly sha256: string;
  readonly mediaType: string;
  readonly filename: string;
}

/**
 * The file name of a document: ASCII only, so it survives every mail system and file system:
 * `tsb-79-2023-circular-en.pdf`, `tsb-79-2023-reply-KR-v2-en.docx`.
 */
export function documentFileName(
  kind: DocumentKind,
  consultationId: string,
  options: {
    readonly format: DocumentFormat;
    readonly locale: Locale;
    readonly memberState?: string;
    readonly version?: number;
  },
): string {
  const who = isReplyDocument(kind) ? `-${options.memberState ?? 'XX'}-v${options.version ?? 0}` : '';
  return `${consultationId}-${kind}${who}-${options.locale}.${options.format}`.replace(/[^A-Za-z0-9._-]/g, '-');
}

/** Options of `documentPath`. */
export interface DocumentPathOptions {
  readonly format?: DocumentFormat;
  readonly locale?: Locale;
  /** Reply and receipt: the Member State (required for them). */
  readonly memberState?: string;
  /** Reply and receipt: the version (default: the State's latest). */
  readonly version?: number;
}

/**
 * The API URL of a document, for pages and e-mails that link to it:
 * `/api/v1/consultations/tsb-79-2023/documents/circular?format=pdf`,
 * `/api/v1/consultations/tsb-79-2023/documents/reply/KR?format=docx&version=2`.
 */
export function documentPath(kind: DocumentKind, consultationId: string, options: DocumentPathOptions = {}): string {
  const base = `/api/v1/consultations/${encodeURIComponent(consultationId)}/documents/${kind}`;
  const path = isReplyDocument(kind) ? `${base}/${encodeURIComponent(options.memberState ?? '')}` : base;
  const query = new URLSearchParams();
  if (options.format) query.set('format', options.format);
  if (options.locale) query.set('locale', options.locale);
  if (isReplyDocument(kind) && options.version !== undefined) query.set('version', String(options.version));
  const search = query.toString();
  return search === '' ? path : `${path}?${search}`;
}
