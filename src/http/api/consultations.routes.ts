import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ATOM_MEDIA_TYPE, renderAtom } from '../../documents/atom.js';
import { consultationCalendar, consultationsCalendar } from '../../documents/consultation-calendar.js';
import { msg } from '../../documents/format.js';
import { consultationIn } from '../../domain/consultation/localise.js';
import { formatDeadline } from '../../i18n/i18n.js';
import { ICALENDAR_MEDIA_TYPE } from '../../documents/icalendar.js';
import { AppError } from '../../domain/errors.js';
import {
  ConsultationInputSchema,
  ConsultationPatchSchema,
  TextInputSchema,
  TextPatchSchema,
  UnLanguageSchema,
} from '../../schemas/consultation.schema.js';
import { createConsultation } from '../../services/create-consultation.js';
import { getConsultation, listConsultations } from '../../services/get-consultation.js';
import { issueConsultation } from '../../services/issue-consultation.js';
import { addText, editText, removeText } from '../../services/manage-texts.js';
import { updateConsultation } from '../../services/update-consultation.js';
import type { ServiceContext } from '../../services/service-context.js';
import { cacheUntil, publicAnswerUntil } from '../public-cache.js';
import {
  presentConsultation,
  presentConsultationSummary,
  presentText,
} from '../../presenters/consultation.presenter.js';
import { ConsultationParams, IfMatchHeaders, revisionFromIfMatch, TextParams } from './params.schema.js';
import {
  ConsultationSummaryView,
  ConsultationView,
  ItemsOf,
  problemResponses,
  TextView,
  TimingCheckView,
} from '../../schemas/responses.schema.js';

/** `?lang=fr`: the subject, titles and summaries in that UN language where translated (issue #8 item 6). */
const LanguageQuery = Type.Object(
  {
    lang: Type.Optional(
      Type.Union(UnLanguageSchema.anyOf, {
        description:
          'One of the six UN languages: the subject, titles and summaries in that language where translated, in the language of record otherwise (listed in missingTranslations)',
      }),
    ),
  },
  { additionalProperties: false },
);

/** Consultations (circulars) and their determined texts. */
export const consultationRoutes: FastifyPluginAsyncTypebox<{
  ctx: ServiceContext;
  /** The site's public address (PUBLIC_URL), for links in files; omitted: files carry none. */
  publicUrl?: string | undefined;
}> = async (app, { ctx, publicUrl }) => {
  const tags = ['consultations'];
  /** The consultation as the API shows it; `within`: the write it answers for (its scope suffices). */
  const full = async (
    actor: Parameters<typeof getConsultation>[1]['actor'],
    id: string,
    language?: Parameters<typeof presentConsultation>[2],
    within?: Parameters<typeof getConsultation>[1]['within'],
  ) =>
    presentConsultation(
      await getConsultation(ctx, { actor, consultationId: id, ...(within && { within }) }),
      actor,
      language,
    );

  app.get(
    '/consultations',
    {
      schema: {
        tags,
        summary: 'List consultations (drafts: secretariat only)',
        response: { 200: ItemsOf(ConsultationSummaryView), ...problemResponses },
      },
      // Kept for readers without a token until a write or the next change of phase (src/http/public-cache.ts).
      config: { publicCache: true },
    },
    async (req, reply) => {
      const now = ctx.clock();
      const views = await listConsultations(ctx, { actor: req.actor });
      cacheUntil(reply, publicAnswerUntil(now, views));
      return { items: views.map(presentConsultationSummary) };
    },
  );

  app.post(
    '/consultations',
    {
      schema: {
        tags,
        summary: 'Create a draft consultation (secretariat)',
        body: ConsultationInputSchema,
        response: { 201: ConsultationView, ...problemResponses },
      },
    },
    async (req, reply) => {
      const created = await createConsultation(ctx, { actor: req.actor, input: req.body });
      const view = await full(req.actor, created.id, undefined, 'consultation:write');
      return reply
        .code(201)
        .header('location', `/api/v1/consultations/${created.id}`)
        .header('etag', `"${view.revision}"`)
        .send(view);
    },
  );

  app.get(
    '/consultations/:id',
    {
      schema: {
        tags,
        summary:
          'A consultation with its texts, state and (secretariat) timing checks; ?lang= localises subject, titles and summaries',
        params: ConsultationParams,
        querystring: LanguageQuery,
        response: { 200: ConsultationView, ...problemResponses },
      },
      config: { publicCache: true },
    },
    async (req, reply) => {
      const now = ctx.clock();
      const found = await getConsultation(ctx, { actor: req.actor, consultationId: req.params.id });
      cacheUntil(reply, publicAnswerUntil(now, [found]));
      const view = presentConsultation(found, req.actor, req.query.lang);
      return reply.header('etag', `"${view.revision}"`).send(view);
    },
  );

  app.get(
    '/consultations/calendar.ics',
    {
      schema: {
        tags,
        summary:
          "Every issued consultation's deadline and meeting, as one iCalendar file (RFC 5545) to subscribe to; ?lang= for its words",
        description:
          "The same events, with the same UIDs, as each consultation's own calendar.ics: subscribing to this one and importing a consultation's adds nothing twice.",
        querystring: LanguageQuery,
        response: {
          200: { description: 'An iCalendar file', content: { 'text/calendar': { schema: { type: 'string' } } } },
          ...problemResponses,
        },
      },
    },
    async (req, reply) => {
      const locale = req.query.lang ?? 'en';
      const issued = (await listConsultations(ctx, { actor: req.actor })).filter(
        (view) => view.loaded.consultation.issuedAt !== null,
      );
      const body = consultationsCalendar(
        issued.map((view) => ({
          consultation: view.loaded.consultation,
          options: {
            locale,
            hasMeeting: view.loaded.procedure.hasMeeting,
            pageUrl:
              publicUrl === undefined
                ? undefined
                : `${publicUrl}/${locale}/consultations/${encodeURIComponent(view.loaded.consultation.id)}`,
          },
        })),
        locale,
      );
      return reply
        .type(ICALENDAR_MEDIA_TYPE)
        .header('content-disposition', 'attachment; filename="consultations.ics"')
        .header('cache-control', 'no-cache')
        .send(body);
    },
  );

  app.get(
    '/consultations/feed.atom',
    {
      schema: {
        tags,
        summary:
          'The circulars issued, newest first, as an Atom feed (RFC 4287) for feed readers; ?lang= for its words',
        querystring: LanguageQuery,
        response: {
          200: { description: 'An Atom feed', content: { 'application/atom+xml': { schema: { type: 'string' } } } },
          ...problemResponses,
        },
      },
    },
    async (req, reply) => {
      const locale = req.query.lang ?? 'en';
      // Links and ids need an absolute address: the configured public one, else the request's own.
      const base = publicUrl ?? `${req.protocol}://${req.host}`;
      const issued = (await listConsultations(ctx, { actor: req.actor }))
        .map((view) => view.loaded.consultation)
        .filter((c) => c.issuedAt !== null)
        .sort((a, b) => b.issuedAt! - a.issuedAt!);
      const body = renderAtom({
        id: `${base}/api/v1/consultations/feed.atom`,
        title: msg(locale, 'doc.feed.title'),
        lang: locale,
        self: `${base}/api/v1/consultations/feed.atom?lang=${locale}`,
        link: `${base}/${locale}/`,
        author: 'Assent',
        entries: issued.map((source) => {
          const { consultation: c } = consultationIn(source, locale);
          return {
            // The consultation's own page in no language: the same entry whatever the feed's language.
            id: `${base}/consultations/${encodeURIComponent(source.id)}`,
            title: `${c.reference}: ${c.subject}`,
            updated: source.updatedAt,
            published: source.issuedAt!,
            summary: `${msg(locale, 'doc.calendar.deadlineTitle')}: ${formatDeadline(locale, source)}`,
            link: `${base}/${locale}/consultations/${encodeURIComponent(source.id)}`,
          };
        }),
      });
      return reply.type(ATOM_MEDIA_TYPE).header('cache-control', 'no-cache').send(body);
    },
  );

  app.get(
    '/consultations/:id/calendar.ics',
    {
      schema: {
        tags,
        summary:
          'The deadline for replies (with a reminder a day before) and the meeting, as an iCalendar file (RFC 5545) to import or subscribe to; ?lang= for its words (English by default)',
        params: ConsultationParams,
        querystring: LanguageQuery,
        response: {
          200: {
            description:
              'An iCalendar file. Each event keeps its UID (and its SEQUENCE grows with the consultation), so importing it again updates the events instead of adding copies.',
            content: { 'text/calendar': { schema: { type: 'string' } } },
          },
          ...problemResponses,
        },
      },
    },
    async (req, reply) => {
      const found = await getConsultation(ctx, { actor: req.actor, consultationId: req.params.id });
      const c = found.loaded.consultation;
      const locale = req.query.lang ?? 'en';
      const body = consultationCalendar(c, {
        locale,
        hasMeeting: found.loaded.procedure.hasMeeting,
        pageUrl:
          publicUrl === undefined ? undefined : `${publicUrl}/${locale}/consultations/${encodeURIComponent(c.id)}`,
      });
      return reply
        .type(ICALENDAR_MEDIA_TYPE)
        .header('content-disposition', `attachment; filename="${c.id}.ics"`)
        .header('cache-control', 'no-cache')
        .send(body);
    },
  );

  app.patch(
    '/consultations/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft consultation (secretariat)',
        params: ConsultationParams,
        headers: IfMatchHeaders,
        body: ConsultationPatchSchema,
        response: { 200: ConsultationView, ...problemResponses },
      },
    },
    async (req, reply) => {
      const expected = revisionFromIfMatch(req.headers['if-match']);
      await updateConsultation(ctx, {
        actor: req.actor,
        consultationId: req.params.id,
        patch: req.body,
        ...(expected !== undefined && { expectedRevision: expected }),
      });
      const view = await full(req.actor, req.params.id, undefined, 'consultation:write');
      return reply.header('etag', `"${view.revision}"`).send(view);
    },
  );

  app.post(
    '/consultations/:id/issue',
    {
      schema: {
        tags,
        summary: 'Issue the circular: replies open, texts frozen (secretariat)',
        params: ConsultationParams,
        headers: IfMatchHeaders,
        response: {
          200: Type.Object({ consultation: ConsultationView, timing: Type.Array(TimingCheckView) }),
          ...problemResponses,
        },
      },
    },
    async (req) => {
      const expected = revisionFromIfMatch(req.headers['if-match']);
      const issued = await issueConsultation(ctx, {
        actor: req.actor,
        consultationId: req.params.id,
        ...(expected !== undefined && { expectedRevision: expected }),
      });
      return {
        consultation: await full(req.actor, req.params.id, undefined, 'consultation:issue'),
        timing: issued.timing.map((t) => ({
          rule: t.rule,
          severity: t.severity,
          clause: t.clause,
          citation: t.citation,
          message: t.message,
        })),
      };
    },
  );

  app.get(
    '/consultations/:id/texts',
    {
      schema: {
        tags,
        summary: 'The determined texts of a consultation (Annex 1)',
        params: ConsultationParams,
        response: { 200: ItemsOf(TextView), ...problemResponses },
      },
    },
    async (req) => ({ items: (await full(req.actor, req.params.id)).texts }),
  );

  app.get(
    '/consultations/:id/texts/:textId',
    {
      schema: {
        tags,
        summary: 'One determined text',
        params: TextParams,
        response: { 200: TextView, ...problemResponses },
      },
    },
    async (req) => {
      const text = (await full(req.actor, req.params.id)).texts.find((t) => t.id === req.params.textId);
      if (!text) throw new AppError('NOT_FOUND', `No text "${req.params.textId}" in consultation "${req.params.id}"`);
      return text;
    },
  );

  app.post(
    '/consultations/:id/texts',
    {
      schema: {
        tags,
        summary: 'Add a determined text to a draft (secretariat)',
        params: ConsultationParams,
        body: TextInputSchema,
        response: { 201: TextView, ...problemResponses },
      },
    },
    async (req, reply) => {
      const text = await addText(ctx, { actor: req.actor, consultationId: req.params.id, input: req.body });
      return reply
        .code(201)
        .header('location', `/api/v1/consultations/${req.params.id}/texts/${text.id}`)
        .send(presentText(text));
    },
  );

  app.patch(
    '/consultations/:id/texts/:textId',
    {
      schema: {
        tags,
        summary: 'Edit a determined text of a draft (secretariat)',
        params: TextParams,
        body: TextPatchSchema,
        response: { 200: TextView, ...problemResponses },
      },
    },
    async (req) =>
      presentText(
        await editText(ctx, {
          actor: req.actor,
          consultationId: req.params.id,
          textId: req.params.textId,
          patch: req.body,
        }),
      ),
  );

  app.delete(
    '/consultations/:id/texts/:textId',
    {
      schema: {
        tags,
        summary: 'Remove a determined text from a draft (secretariat)',
        params: TextParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await removeText(ctx, { actor: req.actor, consultationId: req.params.id, textId: req.params.textId });
      return reply.code(204).send(null);
    },
  );
};
