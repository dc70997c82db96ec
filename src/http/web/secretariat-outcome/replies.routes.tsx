import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { computeResults } from '../../../services/compute-results.js';
import { listReplies } from '../../../services/read-replies.js';
import { noticeOf, pageContext } from '../page-context.js';
import { RepliesPage } from '../pages/secretariat-outcome/replies.page.js';
import { ResultsPage } from '../pages/secretariat-outcome/results.page.js';
import { presentDashboard, presentResultsPage } from '../presenters/secretariat-outcome.presenter.js';
import { sendPage } from '../render.js';
import type { SessionHooks, WebContext } from '../web-session.js';
import { OutcomeNoticeQuery, OutcomeParams, RepliesQuery } from './outcome.forms.js';

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
      const notice = noticeOf(page.locale, request.query.notice);
      const view = presentDashboard(page.locale, overview, request.query, ctx.clock(), notice);
      return sendPage(reply, 200, <RepliesPage page={page} view={view} />);
    },
  );

  app.get(
    `${base}/results`,
    { schema: { params: OutcomeParams, querystring: OutcomeNoticeQuery }, preHandler: read },
    async (request, reply) => {
      const page = pageContext(web, request);
      const results = await computeResults(ctx, {
        actor: request.webSession!.actor,
        consultationId: request.params.id,
      });
      const view = presentResultsPage(page.locale, results, noticeOf(page.locale, request.query.notice));
      return sendPage(reply, 200, <ResultsPage page={page} view={view} />);
    },
  );
};
