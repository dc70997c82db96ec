import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../domain/errors.js';
import { t } from '../../i18n/i18n.js';
import { enrollmentSeed, resolveSession, verifySecondFactor } from '../../services/identity/sign-in.js';
import type { FormError } from './components/form.js';
import { setSessionCookie } from './cookies.js';
import { sessionCsrfToken } from './csrf.js';
import { normaliseTotp } from './form-input.js';
import { EnrolForm } from './forms.schema.js';
import { pageContext } from './page-context.js';
import { AuthenticatorPage } from './pages/authenticator.page.js';
import { RecoveryCodesPage } from './pages/recovery-codes.page.js';
import { keyGroups, qrCodeDataUri } from './qr-code.js';
import { seeOther, sendPage } from './render.js';
import { clientOf, type SessionHooks, type WebContext } from './web-session.js';

/** Enrolment of the authenticator app (after the invitation, or at a sign-in that still lacks it). */
export const authenticatorRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;

  /** Renders the enrolment page for the request's session, with `errors`. */
  async function renderEnrolment(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    errors: FormError[],
  ): Promise<FastifyReply> {
    const session = request.webSession!;
    const { seed, uri, account } = await enrollmentSeed(ctx, session.secret);
    const view = {
      qrDataUri: qrCodeDataUri(uri),
      keyGroups: keyGroups(seed),
      email: account.email,
      errors,
      csrfToken: session.csrfToken,
    };
    return sendPage(reply, status, <AuthenticatorPage page={pageContext(web, request)} view={view} />);
  }

  app.get(
    '/account/authenticator',
    { preHandler: [hooks.loadSession, hooks.requireEnrolStep] },
    async (request, reply) => renderEnrolment(request, reply, 200, []),
  );

  app.post(
    '/account/authenticator',
    { schema: { body: EnrolForm }, preHandler: [hooks.loadSession, hooks.requireEnrolStep, hooks.verifySessionCsrf] },
    async (request, reply) => {
      const session = request.webSession!;
      const page = pageContext(web, request);
      const { locale } = page;
      const code = normaliseTotp(request.body.code);
      if (code === '')
        return renderEnrolment(request, reply, 400, [
          { field: 'field-code', message: t(locale, 'verify.code.missing') },
        ]);
      if (!/^\d{6}$/.test(code))
        return renderEnrolment(request, reply, 400, [
          { field: 'field-code', message: t(locale, 'verify.code.format') },
        ]);

      try {
        const grant = await verifySecondFactor(ctx, { sessionSecret: session.secret, code, client: clientOf(request) });
        setSessionCookie(reply, web.secureCookies, grant.sessionSecret);
        if (grant.recoveryCodes === null) return seeOther(reply, '/account');
        // Shown in answer to this POST only: the codes are stored hashed and cannot be shown again.
        // The page already belongs to the new, verified session (its header offers sign-out).
        const fresh = await resolveSession(ctx, grant.sessionSecret);
        const signedIn = {
          name: fresh.account.name,
          csrfToken: sessionCsrfToken(ctx.secretKey, fresh.session.csrfSecret),
        };
        return sendPage(reply, 200, <RecoveryCodesPage page={{ ...page, signedIn }} codes={grant.recoveryCodes} />);
      } catch (error) {
        if (isAppError(error) && error.code === 'INVALID_SECOND_FACTOR')
          return renderEnrolment(request, reply, 401, [
            { field: 'field-code', message: t(locale, 'verify.code.invalid') },
          ]);
        if (isAppError(error) && error.code === 'LOGIN_LOCKED')
          return renderEnrolment(request, reply, 429, [{ link: 'field-code', message: t(locale, 'login.locked') }]);
        throw error;
      }
    },
  );
};
