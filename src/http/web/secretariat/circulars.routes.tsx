import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toIsoDay } from '../../../domain/time/instants.js';
import { t } from '../../../i18n/i18n.js';
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
import type { SessionHooks, WebContext } from '../web-session.js';
import { actorOf, circularPages, circularPath, hasCode, secretariatGuards } from './circular-pages.js';
import {
  blankCircular,
  CIRCULAR_FORM_BODY_LIMIT,
  circularErrors,
  CircularForm,
  patchOf,
  readCircularForm,
  type CircularValues,
} from './circular.forms.js';
import { ConsultationParams } from './secretariat.forms.js';

/**
 * The circulars: the list, a new draft, and one circular with its form while a draft (its texts
 * are texts.routes.tsx; preview and issue issue.routes.tsx). A form is read into the service's
 * input (circular.forms.ts); createConsultation and updateConsultation check it and answer every
 * problem at once, which circularErrors places at the fields.
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
      const read = readCircularForm(request.body);
      try {
        const created = await createConsultation(ctx, {
          actor: actorOf(request),
          input: read.input,
          deadlineAhead: true,
        });
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
          return renderNew(request, reply, 400, read.values, circularErrors(page.locale, error.errors, read.values));
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
      const read = readCircularForm(request.body, current.loaded.consultation);
      try {
        await updateConsultation(ctx, {
          actor: actorOf(request),
          consultationId: id,
          patch: patchOf(read.input),
          deadlineAhead: true,
          ...(read.revision !== undefined && { expectedRevision: read.revision }),
        });
        return seeOther(reply, page.href(`${circularPath(id)}?notice=sec-saved`));
      } catch (error) {
        if (hasCode(error, 'STALE_CONSULTATION')) {
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
        if (hasCode(error, 'VALIDATION_FAILED'))
          return circularPage(request, reply, 400, current, {
            values: read.values,
            formErrors: circularErrors(page.locale, error.errors, read.values, current.loaded.texts),
          });
        throw error;
      }
    },
  );
};
