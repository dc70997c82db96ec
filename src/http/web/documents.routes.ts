import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { defaultPdfEngine } from '../../documents/pdf.js';
import { Slug, StateCode } from '../../schemas/common.schema.js';
import { generateDocument } from '../../services/documents/generate-document.js';
import { sendDocument } from '../api/documents.routes.js';
import { actorOfRequest, localeOf } from './page-context.js';
import type { SessionHooks, WebContext } from './web-session.js';

/**
 * Downloads of the official documents from the pages, for the person reading them: the same
 * documents, rules and stored bytes as the API's `/api/v1/consultations/:id/documents/…`, but
 * acting as the signed-in person (or the public), since the API takes no cookies. The document's
 * language is the page's (`/fr/documents/…`). A GET changes nothing, so no CSRF token is needed.
 */

const Format = Type.Optional(Type.Union([Type.Literal('docx'), Type.Literal('pdf')]));
const DocumentQuery = Type.Object({ format: Format });
const VersionQuery = Type.Object({
  format: Format,
  version: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,5}$' })),
});

/** The page path of a document (`page.href` adds the language). */
export function documentPagePath(
  kind: 'circular' | 'results-report' | 'results-notice' | 'reply' | 'receipt',
  consultationId: string,
  options: { format: 'docx' | 'pdf'; memberState?: string; version?: number },
): string {
  const base = `/documents/${encodeURIComponent(consultationId)}/${kind}`;
  const path = options.memberState === undefined ? base : `${base}/${encodeURIComponent(options.memberState)}`;
  const query = new URLSearchParams({ format: options.format });
  if (options.version !== undefined) query.set('version', String(options.version));
  return `${path}?${query.toString()}`;
}

/** The documents' download routes of the pages. */
export const documentPageRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const pdf = defaultPdfEngine();

  for (const kind of ['circular', 'results-report', 'results-notice'] as const) {
    app.get(
      `/documents/:id/${kind}`,
      { schema: { params: Type.Object({ id: Slug }), querystring: DocumentQuery }, preHandler: [hooks.loadSession] },
      async (request, reply) => {
        const document = await generateDocument(ctx, {
          actor: actorOfRequest(request),
          consultationId: request.params.id,
          kind,
          format: request.query.format ?? 'pdf',
          locale: localeOf(request),
          pdf,
        });
        return sendDocument(request, reply, document);
      },
    );
  }

  for (const kind of ['reply', 'receipt'] as const) {
    app.get(
      `/documents/:id/${kind}/:state`,
      {
        schema: { params: Type.Object({ id: Slug, state: StateCode }), querystring: VersionQuery },
        preHandler: [hooks.loadSession],
      },
      async (request, reply) => {
        const document = await generateDocument(ctx, {
          actor: actorOfRequest(request),
          consultationId: request.params.id,
          kind,
          format: request.query.format ?? 'pdf',
          locale: localeOf(request),
          memberState: request.params.state,
          ...(request.query.version !== undefined && { version: Number(request.query.version) }),
          pdf,
        });
        return sendDocument(request, reply, document);
      },
    );
  }
};
