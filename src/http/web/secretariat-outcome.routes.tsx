import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { registerNotices } from './page-context.js';
import { decisionsRoutes } from './secretariat-outcome/decisions.routes.js';
import { recordReplyRoutes } from './secretariat-outcome/record-reply.routes.js';
import { repliesRoutes } from './secretariat-outcome/replies.routes.js';
import type { SessionHooks, WebContext } from './web-session.js';

registerNotices({
  'outcome-recorded': 'outcome.notice.recorded',
  'outcome-recorded-late': 'outcome.notice.recordedLate',
  'outcome-recorded-unclear': 'outcome.notice.recordedUnclear',
  'outcome-decision-recorded': 'outcome.notice.decisionRecorded',
  'outcome-notice-issued': 'outcome.notice.noticeIssued',
  'outcome-report-header-saved': 'outcome.report.saved',
});

/**
 * The secretariat's pages that follow the replies and record the outcome, staff and
 * administrators alike, one plugin per sub-area (secretariat-outcome/): the replies dashboard and
 * the results per text; a reply received by e-mail, fax or paper; the meeting's decisions
 * (the procedure's meeting rules) and the results notice (its results-notice rule).
 */
export const secretariatOutcomeRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  options,
) => {
  await app.register(repliesRoutes, options);
  await app.register(recordReplyRoutes, options);
  await app.register(decisionsRoutes, options);
};
