import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DeterminedText } from '../../../domain/consultation/consultation.js';
import { isUnLanguage } from '../../../domain/consultation/localise.js';
import type { FieldProblem } from '../../../domain/errors.js';
import { toIsoDay } from '../../../domain/time/instants.js';
import { t, type Locale } from '../../../i18n/i18n.js';
import { createConsultation } from '../../../services/create-consultation.js';
import { listConsultations } from '../../../services/get-consultation.js';
import { listReplies } from '../../../services/read-replies.js';
import { updateConsultation } from '../../../services/update-consultation.js';
import type { FormError } from '../components/form.js';
import { NoticeQuery } from '../forms.schema.js';
import { noticeOf, pageContext } from '../page-context.js';
import type { CircularFormView } from '../pages/secretariat/circular-form.js';
import { CircularNewPage } from '../pages/secretariat/circular-new.page.js';
import { CircularsPage } from '../pages/secretariat/circulars.page.js';
import { formTiming, presentCirculars } from '../presenters/secretariat.presenter.js';
import { seeOther, sendPage } from '../render.js';
import {
  blankCircular,
  CIRCULAR_FORM_BODY_LIMIT,
  CIRCULAR_LABELS,
  circularFieldOfPointer,
  CircularForm,
  ConsultationParams,
  patchOf,
  readCircularForm,
  translationFieldName,
  translationLabel,
  type CircularValues,
} from '../secretariat.forms.js';
import type { SessionHooks, WebContext } from '../web-session.js';
import { actorOf, circularPages, circularPath, hasCode, secretariatGuards, stateCodes } from './circular-pages.js';

/** A language's name in the reader's words ("French"). */
const languageWords = (locale: Locale, language: string) =>
  new Intl.DisplayNames([locale], { type: 'language' }).of(language) ?? language;

/**
 * A problem with a translation (`/translations/fr`, `/translations/fr/summary`, or the same under
 * `/texts/<n>` when a circular is created with its texts), at the field of that language, or null
 * when `pointer` is not a translation's. `field`: the form's field a whole-language problem is
 * shown at (the subject; a text's title).
 */
export function translationProblem(
  locale: Locale,
  pointer: string,
  field: 'subject' | 'title',
  languageOfRecord: string,
): FormError | null {
  const match = /^(?:\/texts\/\d+)?\/translations\/([^/]+)(?:\/(subject|title|summary))?$/.exec(pointer);
  if (!match) return null;
  const language = match[1]!;
  if (!isUnLanguage(language)) return { message: t(locale, 'sec.field.rejectedForm') };
  const at = (match[2] as 'subject' | 'title' | 'summary' | undefined) ?? field;
  const id = `field-${translationFieldName(at, language)}`;
  if (match[2] === undefined && language === languageOfRecord)
    return {
      field: id,
      message: t(locale, 'sec.translations.isRecord', { language: languageWords(locale, language) }),
    };
  if (at === 'summary')
    return {
      field: id,
      message: t(locale, 'sec.translations.summaryWithoutSummary', {
        language: languageWords(locale, language),
        record: languageWords(locale, languageOfRecord),
      }),
    };
  return { field: id, message: t(locale, 'sec.field.rejected', { field: translationLabel(locale, at, language) }) };
}

/**
 * Field problems of a consultation service, at their fields of the circular form, in the
 * catalogue's words. `languageOfRecord`: as posted; `texts`: the circular's texts, whose
 * translations into a new language of record stop the change (`/languageOfRecord`).
 */
function circularProblems(
  locale: Locale,
  problems: readonly FieldProblem[],
  languageOfRecord: string,
  texts: readonly DeterminedText[] = [],
): FormError[] {
  const errors: FormError[] = [];
  const push = (error: FormError) => {
    if (!errors.some((e) => e.message === error.message)) errors.push(error);
  };
  for (const problem of problems) {
    const translation = translationProblem(locale, problem.field, 'subject', languageOfRecord);
    if (translation) {
      push(translation);
      continue;
    }
    if (problem.field === '/languageOfRecord' && isUnLanguage(languageOfRecord)) {
      const translated = texts
        .filter((text) => text.translations[languageOfRecord] !== undefined)
        .map((text) => text.designation);
      const designations = new Intl.ListFormat([locale], { type: 'conjunction' }).format(translated);
      push({
        field: 'field-languageOfRecord',
        message: t(locale, 'sec.circular.languageOfRecord.translatedTexts', {
          designations,
          count: translated.length,
          language: languageWords(locale, languageOfRecord),
        }),
      });
      continue;
    }
    const field = circularFieldOfPointer(problem.field);
    const message =
      field === null
        ? t(locale, 'sec.field.rejectedForm')
        : t(locale, 'sec.field.rejected', { field: t(locale, CIRCULAR_LABELS[field]) });
    push(field === null ? { message } : { field: `field-${field}`, message });
  }
  return errors.length > 0 ? errors : [{ message: t(locale, 'sec.field.rejectedForm') }];
}

/**
 * The circulars: the list, a new draft, and one circular with its form while a draft (its
 * texts are texts.routes.tsx; preview and issue issue.routes.tsx).
 */
export const circularsRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const { staff, staffPost } = secretariatGuards(hooks);
  const { circularPage, issuedRefusal, load } = circularPages(web);

  app.get('/secretariat', { schema: { querystring: NoticeQuery }, preHandler: staff }, async (request, reply) => {
    const page = pageContext(web, request);
    const actor = actorOf(request);
    const views = await listConsultations(ctx, { actor });
    const received = new Map<string, number>();
    for (const view of views) {
      if (view.state === 'draft') continue;
      const overview = await listReplies(ctx, { actor, consultationId: view.loaded.consultation.id });
      received.set(
        view.loaded.consultation.id,
        overview.rows.filter((row) => row.latest !== null && row.latest.status === 'submitted').length,
      );
    }
    const view = {
      ...presentCirculars(page.locale, views, received),
      notice: noticeOf(page.locale, request.query.notice),
    };
    return sendPage(reply, 200, <CircularsPage page={page} view={view} />);
  });

  /* ---------------------------------------------------------------- a new circular */

  function renderNew(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    values: CircularValues,
    errors: FormError[],
  ): FastifyReply {
    const page = pageContext(web, request);
    const form: CircularFormView = {
      values,
      errors,
      timing: formTiming(page.locale, values, ctx.calendar, ctx.timingPolicy),
      csrfToken: request.webSession!.csrfToken,
    };
    return sendPage(reply, status, <CircularNewPage page={page} view={form} />);
  }

  app.get('/secretariat/consultations/new', { preHandler: staff }, async (request, reply) =>
    renderNew(request, reply, 200, blankCircular(toIsoDay(ctx.clock())), []),
  );

  app.post(
    '/secretariat/consultations/new',
    { schema: { body: CircularForm }, bodyLimit: CIRCULAR_FORM_BODY_LIMIT, preHandler: staffPost },
    async (request, reply) => {
      const page = pageContext(web, request);
      const read = readCircularForm(page.locale, request.body, ctx.clock(), await stateCodes(web));
      if (read.input === null) return renderNew(request, reply, 400, read.values, read.errors);
      try {
        const created = await createConsultation(ctx, { actor: actorOf(request), input: read.input });
        return seeOther(reply, page.href(`${circularPath(created.id)}?notice=sec-created`));
      } catch (error) {
        if (hasCode(error, 'CONFLICT')) {
          const message = t(page.locale, 'sec.circular.number.taken', {
            bureau: read.values.bureau,
            number: read.values.number,
            year: read.values.date.slice(0, 4),
          });
          return renderNew(request, reply, 409, read.values, [{ field: 'field-number', message }]);
        }
        if (hasCode(error, 'VALIDATION_FAILED'))
          return renderNew(
            request,
            reply,
            400,
            read.values,
            circularProblems(page.locale, error.errors, read.values.languageOfRecord),
          );
        throw error;
      }
    },
  );

  /* ---------------------------------------------------------------- one circular */

  app.get(
    '/secretariat/consultations/:id',
    { schema: { params: ConsultationParams, querystring: NoticeQuery }, preHandler: staff },
    async (request, reply) => {
      const current = await load(request, request.params.id);
      return circularPage(request, reply, 200, current, {
        notice: noticeOf(pageContext(web, request).locale, request.query.notice),
      });
    },
  );

  app.post(
    '/secretariat/consultations/:id',
    {
      schema: { params: ConsultationParams, body: CircularForm },
      bodyLimit: CIRCULAR_FORM_BODY_LIMIT,
      preHandler: staffPost,
    },
    async (request, reply) => {
      const page = pageContext(web, request);
      const id = request.params.id;
      const current = await load(request, id);
      if (current.loaded.consultation.issuedAt !== null) return issuedRefusal(request, reply, current);
      const read = readCircularForm(
        page.locale,
        request.body,
        ctx.clock(),
        await stateCodes(web),
        current.loaded.consultation,
      );
      if (read.input === null)
        return circularPage(request, reply, 400, current, { values: read.values, formErrors: read.errors });
      try {
        await updateConsultation(ctx, {
          actor: actorOf(request),
          consultationId: id,
          patch: patchOf(read.input),
          ...(read.revision !== undefined && { expectedRevision: read.revision }),
        });
        return seeOther(reply, page.href(`${circularPath(id)}?notice=sec-saved`));
      } catch (error) {
        if (hasCode(error, 'STALE_REPLY')) {
          // Saved by someone else meanwhile: nothing of this form was saved. The form keeps what was
          // typed, now at the stored revision, so that saving again (after checking) replaces it.
          const fresh = await load(request, id);
          const values = { ...read.values, revision: String(fresh.loaded.revision) };
          return circularPage(request, reply, 409, fresh, {
            values,
            stale: true,
            errors: [{ message: t(page.locale, 'sec.circular.stale.summary') }],
          });
        }
        if (hasCode(error, 'CONSULTATION_ISSUED')) return issuedRefusal(request, reply, await load(request, id));
        if (hasCode(error, 'VALIDATION_FAILED')) {
          return circularPage(request, reply, 400, current, {
            values: read.values,
            formErrors: circularProblems(page.locale, error.errors, read.values.languageOfRecord, current.loaded.texts),
          });
        }
        throw error;
      }
    },
  );
};
