import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { MEDIA_TYPES, type DocumentKind } from '../../documents/document.js';
import { defaultPdfEngine, type PdfEngine } from '../../documents/pdf.js';
import { LOCALES, type Locale } from '../../i18n/i18n.js';
import { Slug, StateCode } from '../../schemas/common.schema.js';
import { generateDocument, type GeneratedDocument } from '../../services/documents/generate-document.js';
import type { ServiceContext } from '../../services/service-context.js';
import { problemResponses } from '../../schemas/responses.schema.js';

/**
 * Official documents generated from the data, DOCX or PDF (issue #5): one route per kind under
 * `/consultations/:id/documents/`. `?format=docx|pdf` (default docx: the editable one; PDF needs
 * Chromium on the server), `?locale=` (the catalogues' languages), and for a reply or receipt
 * `?version=N` (default: the State's latest). Answers carry `ETag` (the SHA-256 of the bytes) and
 * honour `If-None-Match`; closed records are the same bytes on every request.
 */

const FormatQuery = Type.Object(
  {
    format: Type.Optional(
      Type.Union([Type.Literal('docx'), Type.Literal('pdf')], { description: 'docx (default) or pdf' }),
    ),
    locale: Type.Optional(
      Type.Union(
        LOCALES.map((l) => Type.Literal(l)),
        { description: 'Language of the document (default en)' },
      ),
    ),
  },
  { additionalProperties: false },
);
const VersionQuery = Type.Object(
  {
    ...FormatQuery.properties,
    version: Type.Optional(
      Type.String({ pattern: '^[1-9]\\d{0,5}$', description: "Version of the reply (default: the State's latest)" }),
    ),
  },
  { additionalProperties: false },
);
const IfNoneMatch = Type.Object({ 'if-none-match': Type.Optional(Type.String({ maxLength: 1000 })) });
const DocumentParams = Type.Object({ id: Slug }, { additionalProperties: false });
const StateDocumentParams = Type.Object({ id: Slug, state: StateCode }, { additionalProperties: false });

const binary = { type: 'string', format: 'binary' } as const;
const DOCUMENT_RESPONSES = {
  200: {
    description: 'The document. `ETag` is the SHA-256 of its bytes; `Content-Disposition` names the file.',
    content: { [MEDIA_TYPES.docx]: { schema: binary }, [MEDIA_TYPES.pdf]: { schema: binary } },
  },
  304: { description: 'Not modified: the document still has the ETag given in If-None-Match', type: 'null' },
  ...problemResponses,
} as const;

/** True when an If-None-Match header names this ETag (or `*`). */
function notModified(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === etag;
  });
}

/**
 * Sends a generated document with its headers: type, file name (inline for a PDF, attachment for
 * a DOCX), ETag, and `private, no-cache` (documents carry confidential replies: a shared cache
 * keeps none, a browser revalidates with the ETag). Exported for pages that offer downloads.
 */
export function sendDocument(request: FastifyRequest, reply: FastifyReply, document: GeneratedDocument): FastifyReply {
  const etag = `"${document.sha256}"`;
  reply
    .header('etag', etag)
    .header('cache-control', 'private, no-cache')
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-disposition',
      `${document.format === 'pdf' ? 'inline' : 'attachment'}; filename="${document.filename}"`,
    );
  if (notModified(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.code(200).type(document.mediaType).send(document.bytes);
}

/** Documents of a consultation: circular, reply form, receipt, results report, results notice. */
export const documentRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext; pdf?: PdfEngine }> = async (
  app,
  options,
) => {
  const { ctx } = options;
  // One browser per process, shared by every app instance; it goes with the process (Playwright
  // kills the browsers it launched when the process exits).
  const pdf = options.pdf ?? defaultPdfEngine();
  const tags = ['documents'];

  const consultationDocument = (
    kind: Exclude<DocumentKind, 'reply' | 'receipt'>,
    summary: string,
    description: string,
  ) =>
    app.get(
      `/consultations/:id/documents/${kind}`,
      {
        schema: {
          tags,
          summary,
          description,
          params: DocumentParams,
          querystring: FormatQuery,
          headers: IfNoneMatch,
          response: DOCUMENT_RESPONSES,
        },
      },
      async (req, reply) => {
        const document = await generateDocument(ctx, {
          actor: req.actor,
          consultationId: req.params.id,
          kind,
          format: req.query.format ?? 'docx',
          locale: (req.query.locale ?? 'en') as Locale,
          pdf,
        });
        return sendDocument(req, reply, document);
      },
    );

  const stateDocument = (kind: 'reply' | 'receipt', summary: string, description: string) =>
    app.get(
      `/consultations/:id/documents/${kind}/:state`,
      {
        schema: {
          tags,
          summary,
          description,
          params: StateDocumentParams,
          querystring: VersionQuery,
          headers: IfNoneMatch,
          response: DOCUMENT_RESPONSES,
        },
      },
      async (req, reply) => {
        const document = await generateDocument(ctx, {
          actor: req.actor,
          consultationId: req.params.id,
          kind,
          format: req.query.format ?? 'docx',
          locale: (req.query.locale ?? 'en') as Locale,
          memberState: req.params.state,
          ...(req.query.version !== undefined && { version: Number(req.query.version) }),
          pdf,
        });
        return sendDocument(req, reply, document);
      },
    );

  consultationDocument(
    'circular',
    'The circular with Annex 1 (summaries) and Annex 2 (the reply form), as DOCX or PDF (everyone; a draft: the secretariat, marked DRAFT)',
    'Once issued, the circular is generated once and served unchanged (the same bytes and ETag on every request).',
  );
  stateDocument(
    'reply',
    "The filled reply form of a version of a State's reply, with its receipt data (whoever may read that reply)",
    'The Annex 2 form with the boxes the State ticked, its comments, reasons and files, headed by when it was received (UTC) and its SHA-256. Generated once per version, then served unchanged.',
  );
  stateDocument(
    'receipt',
    'The receipt of a version of a reply, on one page (whoever may read that reply)',
    'The signed receipt (also served as JSON at /replies/{state}/versions/{version}/receipt) in words. Generated once per version, then served unchanged.',
  );
  consultationDocument(
    'results-report',
    'The results report for the study group meeting (everyone, after the deadline)',
    "Per text: the figures the consultation's procedure declares (TAP: replies, support, ratio), outcome and clause (the procedure's pass and fail rules); where the reader may see individual replies, the replying States with their positions and every comment and reason compiled in order, with the files listed. 409 RESULTS_NOT_AVAILABLE before the deadline.",
  );
  consultationDocument(
    'results-notice',
    'The results notice after the meeting (everyone once issued; the secretariat as a draft once every decision is recorded)',
    "Approved and not-approved texts, reservations and pending more-time windows (the procedure's meeting and results-notice rules). 409 NOTICE_NOT_ALLOWED before the decisions. Once issued, generated once and served unchanged.",
  );
};
