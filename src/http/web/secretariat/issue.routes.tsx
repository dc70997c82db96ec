import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../../../i18n/i18n.js';
import type { ConsultationView } from '../../../services/get-consultation.js';
import { issueConsultation } from '../../../services/issue-consultation.js';
import type { FormError } from '../components/form.js';
import { pageContext } from '../page-context.js';
import { PreviewPage } from '../pages/secretariat/preview.page.js';
import { previewMails } from '../presenters/mail-preview.presenter.js';
import { issueBlockers, presentCircular, presentIssueProblems } from '../presenters/secretariat.presenter.js';
import { seeOther, sendPage } from '../render.js';
import { ConsultationParams, IssueForm, revisionOf } from './secretariat.forms.js';
import type { SessionHooks, WebContext } from '../web-session.js';
import { actorOf, circularPages, circularPath, hasCode, secretariatGuards } from './circular-pages.js';

/**
 * A draft circular's preview, what still blocks issuing it, and issuing it (the procedure's issue rule).
 */
export const issueRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const { staff, staffPost } = secretariatGuards(hooks);
  const { issuedRefusal, load } = circularPages(web);

  function previewPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    current: ConsultationView,
    errors: FormError[],
  ): FastifyReply {
    const page = pageContext(web, request);
    const { consultation, texts } = current.loaded;
    // The links of the e-mails: the site's public address, else the one this page was asked at.
    const baseUrl = web.publicUrl ?? `${request.protocol}://${request.host}`;
    const view = {
      circular: presentCircular(page.locale, current.loaded, current.state, current.timing),
      blockers: issueBlockers(page.locale, current.loaded, ctx.clock()),
      errors,
      csrfToken: request.webSession!.csrfToken,
      mails: previewMails(page.locale, consultation, texts, ctx.reminderDays, baseUrl, ctx.clock()),
    };
    return sendPage(reply, status, <PreviewPage page={page} view={view} />);
  }

  app.get(
    '/secretariat/consultations/:id/preview',
    { schema: { params: ConsultationParams }, preHandler: staff },
    async (request, reply) => {
      const current = await load(request, request.params.id);
      // Once issued, the circular is what Member States see: its own page shows it.
      if (current.loaded.consultation.issuedAt !== null)
        return seeOther(reply, pageContext(web, request).href(circularPath(current.loaded.consultation.id)));
      return previewPage(request, reply, 200, current, []);
    },
  );

  app.post(
    '/secretariat/consultations/:id/issue',
    { schema: { params: ConsultationParams, body: IssueForm }, preHandler: staffPost },
    async (request, reply) => {
      const page = pageContext(web, request);
      const id = request.params.id;
      const revision = revisionOf(request.body.revision ?? '');
      try {
        const issued = await issueConsultation(ctx, {
          actor: actorOf(request),
          consultationId: id,
          ...(revision !== undefined && { expectedRevision: revision }),
        });
        // A past circular entered as a record is dated from the records and sends nothing: say so.
        const notice = issued.consultation.enteredAfterwardsAt === null ? 'sec-issued' : 'sec-recorded';
        return seeOther(reply, page.href(`${circularPath(id)}?notice=${notice}`));
      } catch (error) {
        if (hasCode(error, 'CONSULTATION_INCOMPLETE')) {
          const current = await load(request, id);
          const errors = presentIssueProblems(page.locale, current.loaded, error.errors).map((item) => ({
            message: item.message,
          }));
          return previewPage(request, reply, 422, current, [
            { message: t(page.locale, 'sec.issue.incomplete') },
            ...errors,
          ]);
        }
        if (hasCode(error, 'STALE_CONSULTATION'))
          return previewPage(request, reply, 409, await load(request, id), [
            { message: t(page.locale, 'sec.issue.stale') },
          ]);
        if (hasCode(error, 'CONSULTATION_ISSUED')) return issuedRefusal(request, reply, await load(request, id));
        throw error;
      }
    },
  );
};
