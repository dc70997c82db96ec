import type { FastifyReply } from 'fastify';

/** A stored file as the API and the pages send it. */
export interface SentFile {
  readonly mediaType: string;
  readonly filename: string;
  readonly content: Buffer;
}

/**
 * Sends a stored file as a download under the name it was uploaded with (RFC 6266 `filename*`, so
 * any script survives), never sniffed into another type; how long a browser may keep it is the
 * caller's to say.
 */
export function sendAttachment(reply: FastifyReply, file: SentFile, cacheControl: string): FastifyReply {
  return reply
    .type(file.mediaType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', cacheControl)
    .send(file.content);
}
