import type { Executor } from '../db/dialect.js';

export interface AttachmentMeta {
  readonly sha256: string;
  readonly mediaType: string;
  readonly filename: string;
  readonly size: number;
  readonly createdAt: number;
  readonly createdBy: string;
}

/** Stores bytes by content hash; storing the same bytes again is a no-op (the first name is kept). */
export async function insertAttachment(
  db: Executor,
  attachment: AttachmentMeta & { readonly content: Uint8Array },
): Promise<void> {
  await db
    .insertInto('attachment')
    .values({
      sha256: attachment.sha256,
      media_type: attachment.mediaType,
      filename: attachment.filename,
      size: attachment.size,
      content: attachment.content,
      created_at: attachment.createdAt,
      created_by: attachment.createdBy,
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export async function findAttachmentMeta(db: Executor, sha256: string): Promise<AttachmentMeta | undefined> {
  const row = await db
    .selectFrom('attachment')
    .select(['sha256', 'media_type', 'filename', 'size', 'created_at', 'created_by'])
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row
    ? {
        sha256: row.sha256,
        mediaType: row.media_type,
        filename: row.filename,
        size: row.size,
        createdAt: row.created_at,
        createdBy: row.created_by,
      }
    : undefined;
}

export async function findAttachmentContent(
  db: Executor,
  sha256: string,
): Promise<(AttachmentMeta & { content: Buffer }) | undefined> {
  const row = await db.selectFrom('attachment').selectAll().where('sha256', '=', sha256).executeTakeFirst();
  if (!row) return undefined;
  return {
    sha256: row.sha256,
    mediaType: row.media_type,
    filename: row.filename,
    size: row.size,
    createdAt: row.created_at,
    createdBy: row.created_by,
    content: Buffer.from(row.content),
  };
}

/** Which of the given hashes are stored. */
export async function existingAttachments(db: Executor, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await db
    .selectFrom('attachment')
    .select('sha256')
    .where('sha256', 'in', [...new Set(hashes)])
    .execute();
  return new Set(rows.map((r) => r.sha256));
}

/** Records that `uploadedBy` uploaded the bytes under `filename` (again: no change). */
export async function recordUpload(
  db: Executor,
  upload: { sha256: string; uploadedBy: string; filename: string; uploadedAt: number },
): Promise<void> {
  await db
    .insertInto('attachment_upload')
    .values({
      sha256: upload.sha256,
      uploaded_by: upload.uploadedBy,
      filename: upload.filename,
      uploaded_at: upload.uploadedAt,
    })
    .onConflict((oc) => oc.columns(['sha256', 'uploaded_by']).doNothing())
    .execute();
}

/** Everyone who uploaded these bytes, with the name each gave them. */
export async function listUploads(db: Executor, sha256: string): Promise<{ uploadedBy: string; filename: string }[]> {
  const rows = await db
    .selectFrom('attachment_upload')
    .select(['uploaded_by', 'filename'])
    .where('sha256', '=', sha256)
    .execute();
  return rows.map((r) => ({ uploadedBy: r.uploaded_by, filename: r.filename }));
}

/** The States whose replies cite the file (as a position's attachment or a recorded form's original). */
export async function statesCitingAttachment(db: Executor, sha256: string): Promise<string[]> {
  const rows = await db
    .selectFrom('reply_position')
    .select('member_state')
    .where('attachment', '=', sha256)
    .union(db.selectFrom('reply_version').select('member_state').where('original_file', '=', sha256))
    .execute();
  return [...new Set(rows.map((r) => r.member_state))];
}

/** The names the given files were stored under, by SHA-256 (one query; unknown hashes are left out). */
export async function attachmentFileNames(db: Executor, hashes: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(hashes)];
  const names = new Map<string, string>();
  // SQLite takes at most 32,766 bound values per statement; a consultation's files are far fewer.
  for (let at = 0; at < unique.length; at += 1000) {
    const rows = await db
      .selectFrom('attachment')
      .select(['sha256', 'filename'])
      .where('sha256', 'in', unique.slice(at, at + 1000))
      .execute();
    for (const row of rows) names.set(row.sha256, row.filename);
  }
  return names;
}
