import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { computeResults } from '../../../services/compute-results.js';
import { readAttachment } from '../../../services/attachments.js';
import { AppError, isAppError } from '../../../domain/errors.js';
import { designation } from '../../../domain/member-states/designations.js';
import { getStateReply, listReplies, replyExportDetails, replyNames } from '../../../services/read-replies.js';
import { noticeOf, pageContext, registerNotices } from '../page-context.js';
import { outcomePath } from '../pages/secretariat-outcome/outcome-parts.js';
import { reminderHistory, remindStateNow } from '../../../services/remind-state.js';
import { CommentsPage } from '../pages/secretariat-outcome/comments.page.js';
import { StateReplyPage } from '../pages/secretariat-outcome/state-reply.page.js';
import { presentStateReply } from '../presenters/state-reply.presenter.js';
import { RepliesPage } from '../pages/secretariat-outcome/replies.page.js';
import { presentComments } from '../presenters/comments.presenter.js';
import { ResultsPage } from '../pages/secretariat-outcome/results.page.js';
import { presentDashboard, presentResultsPage } from '../presenters/secretariat-outcome.presenter.js';
import { seeOther, sendPage } from '../render.js';
import type { SessionHooks, WebContext } from '../web-session.js';
import {
  CommentsQuery,
  FileParams,
  OutcomeCsrfForm,
  OutcomeNoticeQuery,
  OutcomeParams,
  RepliesQuery,
  ResultsQuery,
  StateReplyParams,
} from './outcome.forms.js';
import { repliesExport, resultsExport } from '../../../presenters/exports.js';
import { sendAttachment } from '../../attachment-reply.js';
import { sendTables } from '../../table-reply.js';

registerNotices({
  'outcome-reminder-sent': 'outcome.remind.notice.sent',
  'outcome-reminder-nothing-owed': 'outcome.remind.notice.nothingOwed',
  'outcome-reminder-no-contacts': 'outcome.remind.notice.noContacts',
});

/** The pages that follow the replies as they come: the dashboard of who replied and how, and the results per text. */
export const repliesRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const read = [hooks.loadSession, hooks.requireSecretariat];
  const write = [hooks.loadSession, hooks.requireSecretariat, hooks.verifySessionCsrf];
  const base = '/secretariat/consultations/:id';

  app.get(
    `${base}/replies`,
    { schema: { params: OutcomeParams, querystring: RepliesQuery }, preHandler: read },
    async (request, reply) => {
      const page = pageContext(web, request);
      const overview = await listReplies(ctx, { actor: request.webSession!.actor, consultationId: request.params.id });
      const { format } = request.query;
      if (format !== undefined) {
        const details = await replyExportDetails(ctx, request.webSession!.actor, overview);
        const file = repliesExport(page.locale, overview, details, format, request.query.rows);
        return sendTables(reply, format, file, page.locale);
      }
      const notice = noticeOf(page.locale, request.query.notice);
      const view = presentDashboard(page.locale, overview, request.query, ctx.clock(), notice);
      return sendPage(reply, 200, <RepliesPage page={page} view={view} />);
    },
  );

  app.get(
    `${base}/comments`,
    { schema: { params: OutcomeParams, querystring: CommentsQuery }, preHandler: read },
    async (request, reply) => {
      const page = pageContext(web, request);
      const actor = request.webSession!.actor;
      const overview = await listReplies(ctx, { actor, consultationId: request.params.id });
      // The comments name no one who entered a reply: no look-up of people.
      const details = await replyExportDetails(ctx, actor, overview, { people: false });
      const view = presentComments(page.locale, overview, details, request.query, ctx.clock());
      return sendPage(reply, 200, <CommentsPage page={page} view={view} />);
    },
  );

  app.get(
    `${base}/replies/:state`,
    { schema: { params: StateReplyParams, querystring: OutcomeNoticeQuery }, preHandler: read },
    async (request, reply) => {
      const page = pageContext(web, request);
      const actor = request.webSession!.actor;
      const { id, state } = request.params;
      const found = await getStateReply(ctx, { actor, consultationId: id, memberState: state }).catch((error) => {
        // A code that names no Member State is a page that does not exist.
        if (isAppError(error) && error.code === 'UNKNOWN_MEMBER_STATE')
          throw new AppError('NOT_FOUND', `No Member State with code "${state}"`);
        throw error;
      });
      const names = await replyNames(ctx, actor, found.versions);
      const view = presentStateReply(
        page.locale,
        found,
        names,
        { code: state, name: designation(state, page.locale) ?? state },
        ctx.clock(),
      );
      const reminders = {
        history: await reminderHistory(ctx, { actor, consultationId: id, memberState: state }),
        canRemind: view.head.issued && !view.head.deadlinePassed,
        csrfToken: request.webSession!.csrfToken,
        notice: noticeOf(page.locale, request.query.notice),
      };
      return sendPage(reply, 200, <StateReplyPage page={page} view={view} reminders={reminders} />);
    },
  );

  // "Remind now": the reminder e-mail to the State's focal points at once (remindStateNow).
  app.post(
    `${base}/replies/:state/remind`,
    { schema: { params: StateReplyParams, body: OutcomeCsrfForm }, preHandler: write },
    async (request, reply) => {
      const page = pageContext(web, request);
      const { id, state } = request.params;
      const done = await remindStateNow(ctx, {
        actor: request.webSession!.actor,
        consultationId: id,
        memberState: state,
      });
      const notice =
        done.owed === 0
          ? 'outcome-reminder-nothing-owed'
          : done.recipients === 0
            ? 'outcome-reminder-no-contacts'
            : 'outcome-reminder-sent';
      return seeOther(reply, page.href(`${outcomePath(id, 'replies')}/${state}?notice=${notice}#reminders`));
    },
  );

  // A file a reply cites (an attachment, the scan of a form), for the secretariat's reading.
  app.get(
    '/secretariat/files/:sha256',
    { schema: { params: FileParams }, preHandler: read },
    async (request, reply) => {
      const file = await readAttachment(ctx, { actor: request.webSession!.actor, sha256: request.params.sha256 });
      // Kept by no browser: the secretariat's computers may be shared.
      return sendAttachment(reply, file, 'private, no-store');
    },
  );

  app.get(
    `${base}/results`,
    { schema: { params: OutcomeParams, querystring: ResultsQuery }, preHandler: read },
    async (request, reply) => {
      const page = pageContext(web, request);
      const results = await computeResults(ctx, {
        actor: request.webSession!.actor,
        consultationId: request.params.id,
      });
      if (request.query.format !== undefined)
        return sendTables(reply, request.query.format, resultsExport(page.locale, results), page.locale);
      const view = presentResultsPage(page.locale, results, noticeOf(page.locale, request.query.notice));
      return sendPage(reply, 200, <ResultsPage page={page} view={view} />);
    },
  );
};
