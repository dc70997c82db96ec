import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Forms with a file (comments, reasons, the scan of a paper reply) are posted as
 * multipart/form-data, with JavaScript off as on. Their text fields land in `request.body` as for
 * any other form (so the CSRF check and the body schema see plain strings); their files land in
 * `request.uploads`, read into memory up to the attachment limit. A file over the limit is kept
 * as `tooLarge` (its bytes dropped) so the page can say so at the field instead of failing the
 * whole request; an empty file input (nothing chosen) is left out.
 */

/** A file posted with a form. */
export interface Upload {
  /** The form field's name. */
  readonly field: string;
  readonly filename: string;
  /** The type the browser declared (not trusted: the services judge content). */
  readonly declaredType: string;
  readonly bytes: Buffer;
  /** True when the file was larger than the limit: `bytes` is then empty. */
  readonly tooLarge: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Files of a multipart form, in the order posted (empty for other requests). */
    uploads: Upload[];
  }
}

/** The most files one form may carry (one per text, twice over, and a scan). */
export const MAX_FILES_PER_FORM = 40;

/** Registers multipart parsing for the web pages' forms. */
export async function registerWebMultipart(app: FastifyInstance, maxFileBytes: number): Promise<void> {
  app.decorateRequest('uploads', null as never);
  app.addHook('onRequest', async (request) => {
    request.uploads = [];
  });
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: maxFileBytes, files: MAX_FILES_PER_FORM, fields: 400, parts: 500, fieldSize: 200 * 1024 },
    throwFileSizeLimit: false,
    async onFile(this: FastifyRequest, part: MultipartFile) {
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      const tooLarge = part.file.truncated;
      const bytes = tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks);
      if (part.filename === '' && bytes.length === 0 && !tooLarge) return;
      this.uploads.push({
        field: part.fieldname,
        filename: part.filename,
        declaredType: part.mimetype,
        bytes,
        tooLarge,
      });
    },
  });
}

/** The files posted in one field. */
export function uploadsOf(request: FastifyRequest, field: string): Upload[] {
  return request.uploads.filter((upload) => upload.field === field);
}
