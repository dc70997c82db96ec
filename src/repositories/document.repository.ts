import type { DocumentTable } from '../db/database.js';
import type { Executor } from '../db/dialect.js';

/** What identifies a stored document: the record, the format and the language. */
export interface DocumentKey {
  readonly consultationId: string;
  readonly kind: DocumentTable['kind'];
  /** `KR/2` for a reply version and its receipt; empty for documents of the whole consultation. */
  readonly subject: string;
  readonly format: DocumentTable['format'];
  readonly locale: string;
}

export interface StoredDocument extends DocumentKey {
  readonly sha256: string;
  readonly mediaType: string;
  readonly filename: string;
  readonly content: Buffer;
  readonly createdAt: number;
  readonly createdBy: string;
}

/**
 * Stores a document unless one with the same key exists: the first instance to store it wins,
 * and everyone is then served those bytes (read them back with `findDocument`).
 */
export async function insertDocumentIfAbsent(db: Executor, document: StoredDocument): Promise<boolean> {
  const result = await db
    .insertInto('document')
    .values({
      consultation_id: document.consultationId,
      kind: document.kind,
      subject: document.subject,
      format: document.format,
      locale: document.locale,
      sha256: document.sha256,
      media_type: document.mediaType,
      filename: document.filename,
      size: document.content.length,
      content: document.content,
      created_at: document.createdAt,
      created_by: document.createdBy,
    })
    .onConflict((oc) => oc.columns(['consultation_id', 'kind', 'subject', 'format', 'locale']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The stored document with this key, if any. */
export async function findDocument(db: Executor, key: DocumentKey): Promise<StoredDocument | undefined> {
  const row = await db
    .selectFrom('document')
    .selectAll()
    .where('consultation_id', '=', key.consultationId)
    .where('kind', '=', key.kind)
    .where('subject', '=', key.subject)
    .where('format', '=', key.format)
    .where('locale', '=', key.locale)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    consultationId: row.consultation_id,
    kind: row.kind,
    subject: row.subject,
    format: row.format,
    locale: row.locale,
    sha256: row.sha256,
    mediaType: row.media_type,
    filename: row.filename,
    content: Buffer.from(row.content),
    createdAt: Number(row.created_at),
    createdBy: row.created_by,
  };
}

/** How many documents are stored for a consultation (tests and diagnostics). */
export async function countDocuments(db: Executor, consultationId: string): Promise<number> {
  const row = await db
    .selectFrom('document')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('consultation_id', '=', consultationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
