import type { RenderedDocument } from '../../documents/document.js';
import { defaultPdfEngine, type PdfEngine } from '../../documents/pdf.js';
import { renderDocument } from '../../documents/render.js';
import type { Actor } from '../../domain/policy/actor.js';
import type { ServiceContext } from '../service-context.js';
import { prepareDocument, type DocumentRequest } from './prepare-document.js';
import { storedDocument } from './stored-document.js';

export interface GenerateDocumentOptions extends DocumentRequest {
  readonly actor: Actor;
  /** The PDF printer (default: the process's shared one). */
  readonly pdf?: PdfEngine;
}

export interface GeneratedDocument extends RenderedDocument {
  /** A closed record's document: generated once, stored with its SHA-256, served unchanged since. */
  readonly stored: boolean;
}

/**
 * A document of a consultation in DOCX or PDF, for an actor allowed to have it: the circular with
 * its annexes, a State's filled reply form, the receipt of a reply version, the results report for
 * the meeting, the results notice. Documents of closed records (an issued circular, a reply
 * version, a receipt, an issued notice) are generated on first request, stored with their SHA-256
 * and served byte for byte afterwards; the others are generated on each request.
 * @throws as prepareDocument; PDF_UNAVAILABLE when a PDF is asked for and no Chromium can be
 *   found or started (DOCX still works)
 */
export async function generateDocument(
  ctx: ServiceContext,
  options: GenerateDocumentOptions,
): Promise<GeneratedDocument> {
  const prepared = await prepareDocument(ctx, options);
  const pdf = options.pdf ?? defaultPdfEngine();
  const render = async () => renderDocument(await prepared.content(), prepared.target, pdf);
  if (prepared.storageKey === null) return { ...(await render()), stored: false };
  const { document } = await storedDocument(ctx, prepared.storageKey, render, {
    at: ctx.clock(),
    by: options.actor.id,
  });
  return { ...document, stored: true };
}
