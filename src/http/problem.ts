import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_CATALOGUE, type ErrorCode, type FieldProblem } from '../domain/errors.js';
import { FORMAT_DESCRIPTIONS } from '../schemas/formats.js';
import { translateStorageError } from '../services/service-context.js';
import { PARTICIPANT_CODE_PATTERN } from '../domain/procedure/participants.js';

/** An RFC 9457 problem document, with Assent's stable `code` and the field-level `errors`. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance: string;
  errors?: FieldProblem[];
  clause?: string;
}

/** The problem type URI of a code: documented at /api/problems. */
export function problemType(code: ErrorCode): string {
  return `/api/problems#${code.toLowerCase().replace(/_/g, '-')}`;
}

/** Ajv errors of Fastify's validation, as field problems naming the field and the rule. */
function validationProblems(error: FastifyError): FieldProblem[] {
  const context = (error as FastifyError & { validationContext?: string }).validationContext ?? 'body';
  const prefix = context === 'body' ? '' : `/${context}`;
  return (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    if (v.keyword === 'additionalProperties') {
      return {
        field: `${prefix}${v.instancePath}/${String(params.additionalProperty)}`,
        message: 'Unknown field: remove it',
      };
    }
    if (v.keyword === 'required') {
      return { field: `${prefix}${v.instancePath}/${String(params.missingProperty)}`, message: 'Required' };
    }
    if (v.keyword === 'format') {
      const format = String(params.format ?? '');
      return { field: `${prefix}${v.instancePath}`, message: `Wrong form: ${FORMAT_DESCRIPTIONS[format] ?? format}` };
    }
    if (v.keyword === 'pattern') {
      return {
        field: `${prefix}${v.instancePath}`,
        message: `Wrong form: ${describePattern(String(params.pattern ?? params.format ?? ''))}`,
      };
    }
    if (v.keyword === 'const' || v.keyword === 'enum' || v.keyword === 'anyOf') {
      return { field: `${prefix}${v.instancePath}`, message: 'Not one of the allowed values' };
    }
    return { field: `${prefix}${v.instancePath}` || '/', message: v.message ?? 'Invalid' };
  });
}

function describePattern(pattern: string): string {
  if (pattern.includes('T\\d{2}')) return 'an instant in UTC such as 2023-08-16T23:59:59.999Z';
  if (pattern.startsWith('^\\d{4}-\\d{2}-\\d{2}$')) return 'a day such as 2023-08-16';
  if (pattern === '^[A-Z]{2}$') return 'a two-letter Member State code such as KR';
  if (pattern === PARTICIPANT_CODE_PATTERN)
    return "a Member State's two-letter code such as KR, or an organisation's code";
  if (pattern === '^[0-9a-f]{64}$') return 'a SHA-256 in lower-case hex';
  return `must match ${pattern}`;
}

/** Maps anything thrown by a route to an AppError (framework errors included). */
export function toAppError(error: unknown): AppError {
  const translated = translateStorageError(error);
  if (translated instanceof AppError) return translated;
  const fe = error as Partial<FastifyError>;
  if (fe.validation) {
    const problems = validationProblems(fe as FastifyError);
    return new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
      errors: problems,
    });
  }
  switch (fe.code) {
    case 'FST_ERR_BAD_URL':
      return new AppError('MALFORMED_REQUEST', 'The URL is not valid percent-encoding');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('URI_TOO_LONG', 'A part of the address is longer than the server accepts');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MALFORMED_JSON', 'The body is not well-formed JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is larger than the server accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send application/json (or, for attachments, the file itself)');
    default:
      break;
  }
  if (error instanceof SyntaxError && fe.statusCode === 400)
    return new AppError('MALFORMED_JSON', 'The body is not well-formed JSON');
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED', 'Too many requests; slow down');
  if (fe.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
  if (fe.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type');
  if (fe.statusCode === 400) return new AppError('VALIDATION_FAILED', fe.message ?? 'Bad request');
  if (fe.statusCode === 401) return new AppError('UNAUTHENTICATED', 'Authentication is required');
  if (fe.statusCode === 403) return new AppError('FORBIDDEN', 'This is not allowed');
  if (fe.statusCode === 404 || fe.statusCode === 405) return new AppError('NOT_FOUND', 'Not found');
  if (fe.statusCode === 503) return new AppError('SERVICE_UNAVAILABLE', 'The service is temporarily unavailable');
  return new AppError('INTERNAL', 'Something went wrong on our side; nothing was changed. The error was logged.');
}

/** Builds the problem document of an AppError for a request. */
export function problemFor(error: AppError, instance: string): ProblemDocument {
  const doc: ProblemDocument = {
    type: problemType(error.code),
    title: ERROR_CATALOGUE[error.code].title,
    status: error.status,
    detail: error.message,
    code: error.code,
    instance,
  };
  if (error.errors.length > 0) doc.errors = [...error.errors];
  if (error.clause) doc.clause = error.clause;
  return doc;
}

/**
 * Fastify's `frameworkErrors`: what fails before routing (a URL that is not valid percent-encoding,
 * a path parameter over the router's limit) is a problem document like any other error. No hook
 * runs for these requests, so the one security header that matters for a JSON body is set here.
 */
export function sendFrameworkProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.header('x-content-type-options', 'nosniff');
  return sendProblem(error, request, reply);
}

/** The problem a connection-level error of Node's HTTP parser stands for. */
function clientErrorOf(error: NodeJS.ErrnoException): AppError {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return new AppError('REQUEST_TIMEOUT', 'The request did not arrive in time');
  if (error.code === 'HPE_HEADER_OVERFLOW')
    return new AppError('HEADERS_TOO_LARGE', 'The request line and headers are larger than the server accepts');
  return new AppError('MALFORMED_REQUEST', 'The request is not well-formed HTTP/1.1');
}

/**
 * Fastify's `clientErrorHandler`: Node refuses some requests before there is a request object
 * (headers or request line over the size limit, Content-Length with Transfer-Encoding, bytes that
 * are not HTTP, a request that takes too long). The answer is written on the socket — a problem
 * document with its stable code, without `instance` since no URL was read — and the connection is
 * closed, as Node and Fastify do.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const appError = clientErrorOf(error);
  const { instance: _none, ...doc } = problemFor(appError, '');
  const body = JSON.stringify(doc);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${appError.status} ${STATUS_CODES[appError.status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}

/** Fastify error handler for the JSON API: every failure is an application/problem+json document. */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appError = toAppError(error);
  if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unexpected error');
  else if (appError.code === 'SERVICE_UNAVAILABLE') request.log.warn({ err: error }, 'database unavailable');
  if (appError.code === 'UNAUTHENTICATED') reply.header('www-authenticate', 'Bearer realm="assent"');
  if (appError.code === 'SERVICE_UNAVAILABLE') reply.header('retry-after', '5');
  return reply
    .code(appError.status)
    .type('application/problem+json; charset=utf-8')
    .send(problemFor(appError, request.url));
}
