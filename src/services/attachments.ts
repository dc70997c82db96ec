import type { Transaction } from 'kysely';
import type { DB } from '../db/database.js';
import { sha256Hex } from '../domain/canonical.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import {
  findAttachmentContent,
  findAttachmentMeta,
  insertAttachment,
  listUploads,
  recordUpload,
  statesCitingAttachment,
  type AttachmentMeta,
} from '../repositories/attachment.repository.js';
import { appendAudit } from '../repositories/audit.repository.js';
import { judgeAttachmentContent } from './attachment-content.js';
import { inTransaction, type ServiceContext } from './service-context.js';

/** Media types accepted for comments, reasons and scans, recognised by their content. */
export const ACCEPTED_MEDIA_TYPES = [
  'application/pdf',
  'application/zip-office',
  'text/plain',
  'image/png',
  'image/jpeg',
  'image/tiff',
] as const;

/**
 * The media type of `bytes` judged by content, not by the name or the declared type: PDF, a DOCX
 * or ODT whose package holds nothing that acts when opened, PNG, JPEG, TIFF (fax scans), or UTF-8
 * text that is not markup or a script (attachment-content.ts). Returns null for anything else.
 */
export function sniffMediaType(bytes: Uint8Array): string | null {
  const judgement = judgeAttachmentContent(bytes);
  return 'mediaType' in judgement ? judgement.mediaType : null;
}

/** A file name safe to store and to send back in Content-Disposition. */
export function sanitiseFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f"<>:|?*]/g, '')
    .trim()
    .slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'attachment' : cleaned;
}

/**
 * What an uploaded file must be, judged before anything is stored: not empty, within the
 * attachment limit, and of an accepted media type judged by its content. Returns that media type.
 * `field` names the file in the problems (`/file` for an upload, `/originalFile` for a recorded
 * form's scan).
 * @throws VALIDATION_FAILED (empty), PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE; each with one
 *   problem at `field` carrying the same code
 */
export function checkAttachmentContent(content: Uint8Array, maxBytes: number, field: string): string {
  if (content.length === 0)
    throw new AppError('VALIDATION_FAILED', 'The file is empty', {
      errors: [{ field, message: 'The file is empty', code: 'VALIDATION_FAILED' }],
    });
  if (content.length > maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', `Attachments are limited to ${maxBytes} bytes`, {
      errors: [{ field, message: `At most ${maxBytes} bytes`, code: 'PAYLOAD_TOO_LARGE' }],
    });
  const judgement = judgeAttachmentContent(content);
  if ('refused' in judgement)
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Only PDF, DOCX, ODT, plain text and PNG/JPEG/TIFF scans are accepted, judged by content; this file is refused: ${judgement.refused}`,
      {
        errors: [
          {
            field,
            message: 'The content is not a PDF, DOCX, ODT, plain-text or image file',
            code: 'UNSUPPORTED_MEDIA_TYPE',
          },
        ],
      },
    );
  return judgement.mediaType;
}

/**
 * Stores checked file content in the caller's transaction: identical bytes are stored once, and
 * each uploader gets its own record (and its own file name) with its audit row, never learning
 * that someone else uploaded the same file.
 */
export async function storeAttachment(
  trx: Transaction<DB>,
  options: { actor: Actor; filename: string; content: Uint8Array; mediaType: string; now: number },
): Promise<AttachmentMeta> {
  const { actor, content, mediaType, now } = options;
  const sha256 = sha256Hex(content);
  const filename = sanitiseFilename(options.filename);
  if (!(await findAttachmentMeta(trx, sha256))) {
    await insertAttachment(trx, {
      sha256,
      mediaType,
      filename,
      size: content.length,
      createdAt: now,
      createdBy: actor.id,
      content,
    });
  }
  const mine = (await listUploads(trx, sha256)).find((u) => u.uploadedBy === actor.id);
  if (!mine) {
    await recordUpload(trx, { sha256, uploadedBy: actor.id, filename, uploadedAt: now });
    await appendAudit(trx, {
      at: now,
      actor: actor.id,
      action: 'attachment.uploaded',
      consultationId: null,
      subject: `attachment:${sha256}`,
      data: { size: content.length, mediaType },
    });
  }
  return {
    sha256,
    mediaType,
    filename: mine?.filename ?? filename,
    size: content.length,
    createdAt: now,
    createdBy: actor.id,
  };
}

/**
 * Stores an uploaded file by its SHA-256 (uploading the same bytes again returns the same id).
 * @throws PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, VALIDATION_FAILED (empty file)
 */
export async function uploadAttachment(
  ctx: ServiceContext,
  options: { actor: Actor; filename: string; content: Uint8Array },
): Promise<AttachmentMeta> {
  authorize(options.actor, { action: 'attachment:upload' });
  const mediaType = checkAttachmentContent(options.content, ctx.attachmentMaxBytes, '/file');
  const now = ctx.clock();
  return inTransaction(ctx, (trx) => storeAttachment(trx, { ...options, mediaType, now }));
}

/**
 * An attachment's bytes, for the secretariat, its uploader, or a focal point whose State's reply uses it.
 * @throws NOT_FOUND
 */
export async function readAttachment(ctx: ServiceContext, options: { actor: Actor; sha256: string }) {
  const found = await findAttachmentContent(ctx.db, options.sha256);
  if (!found) throw new AppError('NOT_FOUND', 'No such attachment');
  const [uploads, states] = await Promise.all([
    listUploads(ctx.db, options.sha256),
    statesCitingAttachment(ctx.db, options.sha256),
  ]);
  authorize(options.actor, {
    action: 'attachment:read',
    uploadedBy: uploads.map((u) => u.uploadedBy),
    memberStatesUsing: states,
  });
  const mine = uploads.find((u) => u.uploadedBy === options.actor.id);
  return { ...found, filename: mine?.filename ?? found.filename };
}
