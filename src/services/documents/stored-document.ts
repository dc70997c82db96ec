import type { Executor } from '../../db/dialect.js';
import type { RenderedDocument } from '../../documents/document.js';
import { sha256Hex } from '../../domain/canonical.js';
import { isLocale, type Locale } from '../../i18n/i18n.js';
import {
  findDocument,
  insertDocumentIfAbsent,
  type DocumentKey,
  type StoredDocument,
} from '../../repositories/document.repository.js';

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
  db: Executor,
  key: DocumentKey,
  produce: () => Promise<RenderedDocument>,
  audit: { readonly at: number; readonly by: string },
): Promise<{ readonly document: RenderedDocument; readonly created: boolean }> {
  const existing = await findDocument(db, key);
  if (existing) return { document: fromStored(existing), created: false };
  const rendered = await produce();
  await insertDocumentIfAbsent(db, {
    ...key,
    sha256: rendered.sha256,
    mediaType: rendered.mediaType,
    filename: rendered.filename,
    content: rendered.bytes,
    createdAt: audit.at,
    createdBy: audit.by,
  });
  const stored = await findDocument(db, key);
  if (!stored) throw new Error(`The ${key.kind} document could not be stored`);
  return { document: fromStored(stored), created: stored.sha256 === rendered.sha256 };
}
