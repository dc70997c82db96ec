import type { RenderedDocument } from '../../documents/document.js';
import { documentSubject } from '../../domain/audit/record-hashes.js';
import { sha256Hex } from '../../domain/canonical.js';
import { isLocale, type Locale } from '../../i18n/i18n.js';
import {
  findDocument,
  insertDocumentIfAbsent,
  type DocumentKey,
  type StoredDocument,
} from '../../repositories/document.repository.js';
import { appendAudit } from '../../repositories/audit.repository.js';
import { inTransaction, type ServiceContext } from '../service-context.js';

/**
 * The store of closed records' documents. An issued circular, a reply version, its receipt and
 * an issued results notice do not change, so their documents are generated once, kept with
 * their SHA-256, and served byte for byte afterwards — on every instance, since the first one to
 * store a document wins and the others read it back. A stored document whose bytes no longer
 * match its SHA-256 is never served.
 */

function fromStored(stored: StoredDocument): RenderedDocument {
  if (sha256Hex(stored.content) !== stored.sha256) {
    throw new Error(
      `The stored ${stored.kind} document of ${stored.consultationId} ${stored.subject} (${stored.format}, ${stored.locale}) does not match its SHA-256`,
    );
  }
  return {
    kind: stored.kind,
    format: stored.format,
    locale: (isLocale(stored.locale) ? stored.locale : 'en') as Locale,
    bytes: stored.content,
    sha256: stored.sha256,
    mediaType: stored.mediaType,
    filename: stored.filename,
  };
}

/**
 * The stored document with `key`, or the one `produce` renders, stored first (the stored copy
 * is what is returned, so two instances racing serve the same bytes).
 */
export async function storedDocument(
  ctx: ServiceContext,
  key: DocumentKey,
  produce: () => Promise<RenderedDocument>,
  audit: { readonly at: number; readonly by: string },
): Promise<{ readonly document: RenderedDocument; readonly created: boolean }> {
  const existing = await findDocument(ctx.db, key);
  if (existing) return { document: fromStored(existing), created: false };
  // Rendered outside the transaction (a PDF takes a second); stored with its audit row, which
  // carries its SHA-256 for `assent audit verify` to compare with the stored bytes. The instance
  // that loses a race stores nothing and writes no row.
  const rendered = await produce();
  await inTransaction(ctx, async (trx) => {
    const inserted = await insertDocumentIfAbsent(trx, {
      ...key,
      sha256: rendered.sha256,
      mediaType: rendered.mediaType,
      filename: rendered.filename,
      content: rendered.bytes,
      createdAt: audit.at,
      createdBy: audit.by,
    });
    if (inserted)
      await appendAudit(trx, {
        at: audit.at,
        actor: audit.by,
        action: 'document.stored',
        consultationId: key.consultationId,
        subject: documentSubject(key),
        data: { sha256: rendered.sha256, size: rendered.bytes.length, mediaType: rendered.mediaType },
      });
  });
  const stored = await findDocument(ctx.db, key);
  if (!stored) throw new Error(`The ${key.kind} document could not be stored`);
  return { document: fromStored(stored), created: stored.sha256 === rendered.sha256 };
}
