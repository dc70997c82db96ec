import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { registerNotices } from './page-context.js';
import { accountsRoutes } from './secretariat/accounts.routes.js';
import { auditRoutes } from './secretariat/audit.routes.js';
import { circularsRoutes } from './secretariat/circulars.routes.js';
import { issueRoutes } from './secretariat/issue.routes.js';
import { languagesRoutes } from './secretariat/languages.routes.js';
import { inboxRoutes } from './secretariat/inbox.routes.js';
import { participantsRoutes } from './secretariat/participants.routes.js';
import { textsRoutes } from './secretariat/texts.routes.js';
import type { SessionHooks, WebContext } from './web-session.js';

registerNotices({
  'sec-created': 'sec.notice.created',
  'sec-saved': 'sec.notice.saved',
  'sec-text-added': 'sec.notice.textAdded',
  'sec-text-saved': 'sec.notice.textSaved',
  'sec-text-removed': 'sec.notice.textRemoved',
  'sec-issued': 'sec.notice.issued',
  'sec-recorded': 'sec.notice.recorded',
  'sec-account-disabled': 'sec.notice.accountDisabled',
  'sec-account-enabled': 'sec.notice.accountEnabled',
  'sec-authenticator-reset': 'sec.notice.authenticatorReset',
  'sec-participant-registered': 'sec.notice.participantRegistered',
  'sec-participant-eligibility': 'sec.notice.participantEligibility',
});

/**
 * The secretariat's pages for preparing and issuing circulars, the accounts and invitations
 * (administrators), and the audit trail, one plugin per sub-area (secretariat/). Every page needs
 * a verified secretariat session (the public is sent to sign in; focal points and observers get
 * the 403 page); every form carries the session's CSRF token; every successful post redirects
 * (post-redirect-get).
 */
export const secretariatRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  options,
) => {
  await app.register(circularsRoutes, options);
  await app.register(textsRoutes, options);
  await app.register(issueRoutes, options);
  await app.register(accountsRoutes, options);
  await app.register(auditRoutes, options);
  await app.register(languagesRoutes, options);
  await app.register(inboxRoutes, options);
  await app.register(participantsRoutes, options);
};
