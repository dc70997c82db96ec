import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { computeResults } from '../../../services/compute-results.js';
import { listReplies, replyExportDetails } from '../../../services/read-replies.js';
import { noticeOf, pageContext } from '../page-context.js';
import { RepliesPage } from '../pages/secretariat-outcome/replies.page.js';
import { ResultsPage } from '../pages/secretariat-outcome/results.page.js';
import { presentDashboard, presentResultsPage } from '../presenters/secretariat-outcome.presenter.js';
import { sendPage } from '../render.js';
import type { SessionHooks, WebContext } from '../web-session.js';
import { OutcomeParams, RepliesQuery, ResultsQuery } from './outcome.forms.js';
import { repliesExport, resultsExport } from '../../../presenters/exports.js';
import { sendTables } from '../../table-reply.js';

/** The pages that follow the replies as they come: the dashboard of who replied and how, and the results per text. */
export const repliesRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const read = [hooks.loadSession, hooks.requireSecretariat];
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
