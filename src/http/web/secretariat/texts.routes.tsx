import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../domain/errors.js';
import { citeRoleIn } from '../../../i18n/citations.js';
import type { ConsultationView } from '../../../services/get-consultation.js';
import { addText, editText, removeText } from '../../../services/manage-texts.js';
import type { FormError } from '../components/form.js';
import { pageContext } from '../page-context.js';
import { RemoveTextPage, TextPage } from '../pages/secretariat/text.page.js';
import { seeOther, sendPage } from '../render.js';
import type { SessionHooks, WebContext } from '../web-session.js';
import { actorOf, circularPages, circularPath, hasCode, secretariatGuards } from './circular-pages.js';
import { ConsultationParams, TextParams } from './secretariat.forms.js';
import {
  blankText,
  readTextForm,
  RemoveTextForm,
  TEXT_FORM_BODY_LIMIT,
  textErrors,
  TextForm,
  textPatchOf,
  textValues,
  type TextValues,
} from './text.forms.js';

/**
 * The determined texts of a draft circular: add, change, remove (removal asks first). A form is
 * read into the service's input (text.forms.ts); addText and editText check it and answer every
 * problem at once, which textErrors places at the fields. An issued circular shows no text form:
 * its page says why (409).
 */
export const textsRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const { staff, staffPost } = secretariatGuards(hooks);
  const { issuedRefusal, load } = circularPages(web);

  function textPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    current: ConsultationView,
    textId: string | null,
    values: TextValues,
    errors: FormError[],
  ): FastifyReply {
    const page = pageContext(web, request);
    const c = current.loaded.consultation;
    const stored = textId === null ? null : current.loaded.texts.find((x) => x.id === textId);
    const view = {
      consultationId: c.id,
      reference: c.reference,
      textId,
      designation: stored?.designation ?? null,
      values,
      errors,
      summaryClause: citeRoleIn(page.locale, current.loaded.procedure, 'textSummary', c.resolutionEdition),
      iprClause: citeRoleIn(page.locale, current.loaded.procedure, 'iprStatements', c.resolutionEdition),
      languageOfRecord: c.languageOfRecord,
      csrfToken: request.webSession!.csrfToken,
    };
    return sendPage(reply, status, <TextPage page={page} view={view} />);
  }

  /** The text of a circular, or NOT_FOUND: its page shows it. */
  function textOf(current: ConsultationView, textId: string) {
    const text = current.loaded.texts.find((x) => x.id === textId);
    if (!text)
      throw new AppError('NOT_FOUND', `No text "${textId}" in consultation "${current.loaded.consultation.id}"`);
    return text;
  }

  /** The text form again, with the service's refusal: the circular issued meanwhile, or its problems at their fields. */
  async function refused(
    request: FastifyRequest,
    reply: FastifyReply,
    error: unknown,
    current: ConsultationView,
    textId: string | null,
    values: TextValues,
  ): Promise<FastifyReply> {
    if (hasCode(error, 'CONSULTATION_ISSUED'))
      return issuedRefusal(request, reply, await load(request, current.loaded.consultation.id));
    if (!hasCode(error, 'VALIDATION_FAILED')) throw error;
    const { consultation, texts } = current.loaded;
    const others = texts.filter((x) => x.id !== textId);
    const errors = textErrors(
      pageContext(web, request).locale,
      error.errors,
      values,
      consultation.languageOfRecord,
      others,
    );
    return textPage(request, reply, 400, current, textId, values, errors);
  }

  app.get(
    '/secretariat/consultations/:id/texts/new',
    { schema: { params: ConsultationParams }, preHandler: staff },
    async (request, reply) => {
      const current = await load(request, request.params.id);
      if (current.loaded.consultation.issuedAt !== null) return issuedRefusal(request, reply, current);
      const next = Math.max(0, ...current.loaded.texts.map((x) => x.order)) + 1;
      return textPage(request, reply, 200, current, null, blankText(next), []);
    },
  );

  app.post(
    '/secretariat/consultations/:id/texts/new',
    { schema: { params: ConsultationParams, body: TextForm }, bodyLimit: TEXT_FORM_BODY_LIMIT, preHandler: staffPost },
    async (request, reply) => {
      const page = pageContext(web, request);
      const id = request.params.id;
      const current = await load(request, id);
      const read = readTextForm(request.body);
      try {
        await addText(ctx, { actor: actorOf(request), consultationId: id, input: read.input });
        return seeOther(reply, page.href(`${circularPath(id)}?notice=sec-text-added`));
      } catch (error) {
        return refused(request, reply, error, current, null, read.values);
      }
    },
  );

  app.get(
    '/secretariat/consultations/:id/texts/:textId',
    { schema: { params: TextParams }, preHandler: staff },
    async (request, reply) => {
      const current = await load(request, request.params.id);
      const text = textOf(current, request.params.textId);
      if (current.loaded.consultation.issuedAt !== null) return issuedRefusal(request, reply, current);
      return textPage(request, reply, 200, current, text.id, textValues(text), []);
    },
  );

  app.post(
    '/secretariat/consultations/:id/texts/:textId',
    { schema: { params: TextParams, body: TextForm }, bodyLimit: TEXT_FORM_BODY_LIMIT, preHandler: staffPost },
    async (request, reply) => {
      const page = pageContext(web, request);
      const { id, textId } = request.params;
      const current = await load(request, id);
      const text = textOf(current, textId);
      const read = readTextForm(request.body, text);
      try {
        await editText(ctx, {
          actor: actorOf(request),
          consultationId: id,
          textId: text.id,
          patch: textPatchOf(read.input),
        });
        return seeOther(reply, page.href(`${circularPath(id)}?notice=sec-text-saved`));
      } catch (error) {
        return refused(request, reply, error, current, text.id, read.values);
      }
    },
  );

  app.post(
    '/secretariat/consultations/:id/texts/:textId/remove',
    { schema: { params: TextParams, body: RemoveTextForm }, preHandler: staffPost },
    async (request, reply) => {
      const page = pageContext(web, request);
      const { id, textId } = request.params;
      const current = await load(request, id);
      const text = textOf(current, textId);
      if (request.body.confirm !== 'yes') {
        // The question is asked of a draft only: an issued circular's page says why nothing can be removed.
        if (current.loaded.consultation.issuedAt !== null) return issuedRefusal(request, reply, current);
        const view = {
          consultationId: id,
          reference: current.loaded.consultation.reference,
          textId: text.id,
          designation: text.designation,
          title: text.title,
          csrfToken: request.webSession!.csrfToken,
        };
        return sendPage(reply, 200, <RemoveTextPage page={page} view={view} />);
      }
      try {
        await removeText(ctx, { actor: actorOf(request), consultationId: id, textId: text.id });
      } catch (error) {
        if (hasCode(error, 'CONSULTATION_ISSUED')) return issuedRefusal(request, reply, await load(request, id));
        throw error;
      }
      return seeOther(reply, page.href(`${circularPath(id)}?notice=sec-text-removed`));
    },
  );
};
