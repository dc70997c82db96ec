import { sha256Hex } from '../domain/canonical.js';
import type { Locale } from '../i18n/i18n.js';
import type { DocumentContent } from './content.js';
import { documentFileName, MEDIA_TYPES, type DocumentFormat, type RenderedDocument } from './document.js';
import { buildDocx } from './docx.js';
import type { PdfEngine } from './pdf.js';
import { makeFillable, pdfFormOf } from './pdf-form.js';
import { renderPrintHtml } from './print/document.print.js';

/** What names a rendered document's file. */
export interface RenderTarget {
  readonly consultationId: string;
  readonly format: DocumentFormat;
  readonly locale: Locale;
  readonly memberState?: string;
  readonly version?: number;
}

/** The PDF of a content model: its print view printed, made a fillable form when it is a blank one. */
async function printPdf(content: DocumentContent, pdf: PdfEngine): Promise<Buffer> {
  const printed = await pdf.print(renderPrintHtml(content));
  const form = pdfFormOf(content);
  return form === null ? printed : Buffer.from(await makeFillable(printed, form));
}

/**
 * Renders a content model in a format: DOCX with the `docx` package, PDF by printing its print
 * view with Chromium. Both come from the same content, so they say the same thing.
 * @throws PDF_UNAVAILABLE (PDF only) when no Chromium can be found or started
 */
export async function renderDocument(
  content: DocumentContent,
  target: RenderTarget,
  pdf: PdfEngine,
): Promise<RenderedDocument> {
  const bytes = target.format === 'docx' ? await buildDocx(content) : await printPdf(content, pdf);
  return {
    kind: content.kind,
    format: target.format,
    locale: target.locale,
    bytes,
    sha256: sha256Hex(bytes),
    mediaType: MEDIA_TYPES[target.format],
    filename: documentFileName(content.kind, target.consultationId, target),
  };
}
