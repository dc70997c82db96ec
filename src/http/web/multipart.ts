import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy, type BusboyFileStream, type BusboyHeaders } from '@fastify/busboy';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.js';
import { CSRF_FIELD, isValidCsrfToken } from './csrf.js';

/**
 * Forms with a file (comments, reasons, the scan of a paper reply) are posted as
 * multipart/form-data, with JavaScript off as on. Such a body is read only when the request
 * carries a signed-in session and the form's CSRF token is the body's first field (every form
 * puts its hidden `_csrf` field first, and browsers send fields in document order): anything
 * else is decided before the body is read, or after its first field, so an anonymous or forged
 * post costs no memory, no disk and almost no bandwidth.
 *
 * A form that is read is streamed: text fields land in `request.body` as for any other form (so
 * the CSRF check and the body schema see plain strings); files are written to a temporary
 * folder of the request (mode 0700, files 0600), removed once the answer is sent, and listed in
 * `request.uploads`. Limits hold per file (the attachment limit: a larger file is kept as
 * `tooLarge`, its bytes dropped, so the page can say so at the field), per request (in bytes, in
 * files, in fields) and per field; over a request limit the reading stops and the post is
 * refused with 413. An empty file input (nothing chosen) is left out.
 */

/** A file posted with a form, waiting in the request's temporary folder. */
export interface Upload {
  /** The form field's name. */
  readonly field: string;
  readonly filename: string;
  /** The type the browser declared (not trusted: the services judge content). */
  readonly declaredType: string;
  /** Bytes received (0 when `tooLarge`). */
  readonly size: number;
  /** True when the file was larger than the limit: nothing of it was kept. */
  readonly tooLarge: boolean;
  /** The file's bytes, read from the temporary folder (empty when `tooLarge`). */
  read(): Promise<Buffer>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Files of a multipart form, in the order posted (empty for other requests). */
    uploads: Upload[];
  }
}

/** The most files one form may carry (one per text, twice over, and a scan). */
export const MAX_FILES_PER_FORM = 40;
/** A form may carry this many files of the largest size allowed (more small ones). */
export const FULL_SIZE_FILES_PER_FORM = 4;
/** What a form may carry besides its files: every text field together. */
export const FORM_TEXT_BYTES = 1024 * 1024;

export interface WebMultipartOptions {
  /** The largest file (the attachment limit). */
  readonly maxFileBytes: number;
  /** Where the requests' temporary folders are made (default: the system's temporary folder). */
  readonly tempDir?: string;
  /**
   * The CSRF token of the request's signed-in session (second factor given), or null when there
   * is none. Called before anything of the body is read.
   */
  readonly sessionToken: (request: FastifyRequest, reply: FastifyReply) => Promise<string | null>;
}

/** The body stream handed to the multipart parser (after Fastify's preParsing hooks). */
const PAYLOAD = Symbol('multipartPayload');
type WithPayload = FastifyRequest & { [PAYLOAD]?: Readable };

/**
 * Registers multipart parsing for the web pages' forms. The content-type parser only keeps the
 * stream; a `preValidation` hook decides whether to read it, so the decision comes before a byte
 * of the body is consumed and the route's schema still sees the text fields.
 */
export function registerWebMultipart(app: FastifyInstance, options: WebMultipartOptions): void {
  const maxFormBytes = FULL_SIZE_FILES_PER_FORM * options.maxFileBytes + FORM_TEXT_BYTES;
  app.decorateRequest('uploads', null as never);
  app.addHook('onRequest', async (request) => {
    request.uploads = [];
  });
  app.addContentTypeParser('multipart/form-data', (request, payload, done) => {
    (request as WithPayload)[PAYLOAD] = payload;
    done(null, undefined);
  });
  app.addHook('preValidation', async (request, reply) => {
    const payload = (request as WithPayload)[PAYLOAD];
    if (payload === undefined) return;
    const expected = await options.sessionToken(request, reply);
    if (expected === null) {
      // No signed-in person: nothing is read, and the route's own guards answer with an empty
      // form (sign in first; a form used before sign-in fails its CSRF check). The connection
      // closes after the answer rather than draining what the client is still sending.
      request.body = {};
      reply.header('connection', 'close');
      return;
    }
    request.body = await readForm(request, reply, payload, {
      expectedToken: expected,
      maxFileBytes: options.maxFileBytes,
      maxFormBytes,
      tempDir: options.tempDir ?? os.tmpdir(),
    });
  });
}

/** The files posted in one field. */
export function uploadsOf(request: FastifyRequest, field: string): Upload[] {
  return request.uploads.filter((upload) => upload.field === field);
}

interface ReadLimits {
  readonly expectedToken: string;
  readonly maxFileBytes: number;
  readonly maxFormBytes: number;
  readonly tempDir: string;
}

type FormBody = Record<string, string | string[]>;

/**
 * Reads a multipart body whose first field must be the CSRF token; text fields into the body,
 * files to a temporary folder removed when the answer has gone (or the client went away).
 * @throws CSRF_FAILED when the first part is not the expected token; PAYLOAD_TOO_LARGE over a
 *   limit; VALIDATION_FAILED for malformed multipart data
 */
function readForm(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: Readable,
  limits: ReadLimits,
): Promise<FormBody> {
  const body: FormBody = {};
  let dir: Promise<string> | null = null;
  const folder = () => {
    if (dir === null) {
      dir = mkdtemp(path.join(limits.tempDir, 'assent-upload-'));
      const created = dir;
      const remove = () => {
        created.then((d) => rm(d, { recursive: true, force: true })).catch(() => undefined);
      };
      // 'close' comes after the answer is sent and when the client goes away before it.
      reply.raw.once('close', remove);
      reply.raw.once('finish', remove);
    }
    return dir;
  };

  return new Promise<FormBody>((resolve, reject) => {
    const busboy = Busboy({
      headers: request.headers as BusboyHeaders,
      limits: {
        fieldNameSize: 100,
        fieldSize: 200 * 1024,
        // A reply form's comments tables: up to 200 rows of three cells per text.
        fields: 4000,
        files: MAX_FILES_PER_FORM,
        parts: 4000 + MAX_FILES_PER_FORM,
        fileSize: limits.maxFileBytes,
        headerPairs: 20,
      },
    });
    let received = 0;
    let sawFirstPart = false;
    let settled = false;
    const writes: Promise<void>[] = [];
    /** The files by posting order (a slot stays empty for an empty file input). */
    const files: (Upload | null)[] = [];
    /** File streams being written: destroyed when the reading stops, so no descriptor stays open. */
    const open = new Set<BusboyFileStream>();

    /** Stops reading the body and refuses the request; the connection closes after the answer. */
    const stop = (error: unknown) => {
      if (settled) return;
      settled = true;
      payload.off('data', count);
      payload.unpipe(busboy);
      payload.pause();
      for (const stream of open) stream.destroy();
      reply.header('connection', 'close');
      reject(error);
    };
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxFormBytes)
        stop(new AppError('PAYLOAD_TOO_LARGE', `A form may carry at most ${limits.maxFormBytes} bytes`));
    };
    /** The first part must be the token; false (and the request refused) otherwise. */
    const firstPartIsToken = (name: string, value: string | null): boolean => {
      if (sawFirstPart) return true;
      sawFirstPart = true;
      if (name === CSRF_FIELD && value !== null && isValidCsrfToken(limits.expectedToken, value)) return true;
      stop(new AppError('CSRF_FAILED', 'The first field of a multipart form must be its token'));
      return false;
    };

    busboy.on('field', (name, value, nameTruncated, valueTruncated) => {
      if (settled || !firstPartIsToken(name, value)) return;
      if (nameTruncated || valueTruncated)
        return stop(new AppError('PAYLOAD_TOO_LARGE', 'A field of the form is longer than a form allows'));
      if (name in Object.prototype)
        return stop(new AppError('VALIDATION_FAILED', `A form field may not be named ${name}`));
      const existing = body[name];
      body[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    });

    busboy.on('file', (name, stream: BusboyFileStream, filename, _encoding, mimeType) => {
      if (settled || !firstPartIsToken(name, null)) {
        stream.resume();
        return;
      }
      const index = files.length;
      files.push(null);
      open.add(stream);
      writes.push(
        (async () => {
          const file = path.join(await folder(), String(index));
          await pipeline(stream, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
          open.delete(stream);
          const tooLarge = stream.truncated;
          const size = tooLarge ? 0 : stream.bytesRead;
          if (tooLarge) await rm(file, { force: true });
          // An empty file input: the browser sends the part with no name and no bytes.
          if (filename === '' && size === 0 && !tooLarge) return;
          files[index] = {
            field: name,
            filename,
            declaredType: mimeType,
            size,
            tooLarge,
            read: () => (tooLarge ? Promise.resolve(Buffer.alloc(0)) : readFile(file)),
          };
        })().catch((error) => stop(error)),
      );
    });

    const overLimit = () => stop(new AppError('PAYLOAD_TOO_LARGE', 'The form has more fields or files than allowed'));
    busboy.on('partsLimit', overLimit);
    busboy.on('filesLimit', overLimit);
    busboy.on('fieldsLimit', overLimit);
    busboy.on('error', () => stop(new AppError('VALIDATION_FAILED', 'The form data is malformed')));
    busboy.on('finish', () => {
      Promise.all(writes).then(() => {
        if (settled) return;
        settled = true;
        payload.off('data', count);
        request.uploads = files.filter((upload): upload is Upload => upload !== null);
        resolve(body);
      }, stop);
    });
    payload.on('error', () => stop(new AppError('VALIDATION_FAILED', 'The form data did not arrive whole')));
    payload.pipe(busboy);
    payload.on('data', count);
  });
}
