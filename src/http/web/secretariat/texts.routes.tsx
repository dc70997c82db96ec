import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldProblem } from '../../../domain/errors.js';
import { citeClause, tapClauses } from '../../../domain/procedure/tap/tap-clauses.js';
import { t, type Locale } from '../../../i18n/i18n.js';
import type { ConsultationView } from '../../../services/get-consultation.js';
import { addText, editText, removeText } from '../../../services/manage-texts.js';
import type { FormError } from '../components/form.js';
import { pageContext } from '../page-context.js';
import { RemoveTextPage, TextPage } from '../pages/secretariat/text.page.js';
import { seeOther, sendPage } from '../render.js';
import {
  blankText,
  ConsultationParams,
  readTextForm,
  RemoveTextForm,
  TEXT_FORM_BODY_LIMIT,
  TextForm,
  TextParams,
  textPatchOf,
  textValues,
  type TextValues,
} from '../secretariat.forms.js';
import type { SessionHooks, WebContext } from '../web-session.js';
import { translationProblem } from './circulars.routes.js';
import { actorOf, circularPages, circularPath, hasCode, secretariatGuards } from './circular-pages.js';

/**
 * Field problems of addText/editText at their fields of the text form: a translation's at that
 * language's field; anything else is a designation another text has (added meanwhile in another tab).
 */
function textProblems(
  locale: Locale,
  problems: readonly FieldProblem[],
  designation: string,
  languageOfRecord: string,
): FormError[] {
  const errors: FormError[] = [];
  for (const problem of problems) {
    const error = translationProblem(locale, problem.field, 'title', languageOfRecord) ?? {
      field: 'field-designation',
      message: t(locale, 'sec.text.designation.duplicate', { designation }),
    };
    if (!errors.some((e) => e.message === error.message)) errors.push(error);
  }
  return errors.length > 0
    ? errors
    : [{ field: 'field-designation', message: t(locale, 'sec.text.designation.duplicate', { designation }) }];
}

/**
 * The determined texts of a draft circular: add, change, remove (removal asks first).
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
      summaryClause: citeClause(tapClauses(c.resolutionEdition), '§9.3.4'),
      languageOfRecord: c.languageOfRecord,
      csrfToken: request.webSession!.csrfToken,
    };
    return sendPage(reply, status, <TextPage page={page} view={view} />);
  }

  /** The text of a circular, or NOT_FOUND. */
  function textOf(current: ConsultationView, textId: string) {
    const text = current.loaded.texts.find((x) => x.id === textId);
    if (!text)
      throw new AppError('NOT_FOUND', `No text "${textId}" in consultation "${current.loaded.consultation.id}"`);
    return text;
  }

  /**
   * The text form again after the service refused it: a designation another text has (added
   * meanwhile in another tab: 409), or a translation it does not accept (400), at its field.
   */
  function textRefused(
    request: FastifyRequest,
    reply: FastifyReply,
    current: ConsultationView,
    textId: string | null,
    values: TextValues,
    problems: readonly FieldProblem[],
  ): FastifyReply {
    const locale = pageContext(web, request).locale;
    const errors = textProblems(locale, problems, values.designation, current.loaded.consultation.languageOfRecord);
    const status = errors.some((e) => e.field === 'field-designation') ? 409 : 400;
    return textPage(request, reply, status, current, textId, values, errors);
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
      if (current.loaded.consultation.issuedAt !== null) return issuedRefusal(request, reply, current);
      const read = readTextForm(page.locale, request.body, current.loaded.texts, { isNew: true });
      if (read.input === null) return textPage(request, reply, 400, current, null, read.values, read.errors);
      try {
        await addText(ctx, { actor: actorOf(request), consultationId: id, input: read.input });
        return seeOther(reply, page.href(`${circularPath(id)}?notice=sec-text-added`));
      } catch (error) {
        if (hasCode(error, 'CONSULTATION_ISSUED')) return issuedRefusal(request, reply, await load(request, id));
        if (hasCode(error, 'VALIDATION_FAILED'))
          return textRefused(request, reply, current, null, read.values, error.errors);
        throw error;
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
      if (current.loaded.consultation.issuedAt !== null) return issuedRefusal(request, reply, current);
      const read = readTextForm(
        page.locale,
        request.body,
        current.loaded.texts.filter((x) => x.id !== text.id),
        { isNew: false, stored: text },
      );
      if (read.input === null) return textPage(request, reply, 400, current, text.id, read.values, read.errors);
      const input = read.input;
      try {
        await editText(ctx, {
          actor: actorOf(request),
          consultationId: id,
          textId: text.id,
          patch: textPatchOf(input),
        });
        return seeOther(reply, page.href(`${circularPath(id)}?notice=sec-text-saved`));
      } catch (error) {
        if (hasCode(error, 'CONSULTATION_ISSUED')) return issuedRefusal(request, reply, await load(request, id));
        if (hasCode(error, 'VALIDATION_FAILED'))
          return textRefused(request, reply, current, text.id, read.values, error.errors);
        throw error;
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
      if (current.loaded.consultation.issuedAt !== null) return issuedRefusal(request, reply, current);
      if (request.body.confirm !== 'yes') {
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
