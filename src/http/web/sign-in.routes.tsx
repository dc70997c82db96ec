import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isAppError } from '../../domain/errors.js';
import { t } from '../../i18n/i18n.js';
import { signInWithPassword, signOut, verifySecondFactor, type NextStep } from '../../services/identity/sign-in.js';
import type { FormError } from './components/form.js';
import { clearSessionCookie, setSessionCookie } from './cookies.js';
import { normaliseTotp } from './form-input.js';
import { CsrfOnlyForm, LoginForm, SignInQuery, VerifyForm } from './forms.schema.js';
import { landingPage, safeNext, withNext } from './next-page.js';
import { noticeOf, pageContext } from './page-context.js';
import { LoginPage } from './pages/login.page.js';
import { VerifyPage } from './pages/verify.page.js';
import { seeOther, sendPage } from './render.js';
import { anonymousCsrfToken, clientOf, type SessionHooks, type WebContext } from './web-session.js';

/**
 * Where each outcome of the password step leads: the second factor (keeping the page to return to),
 * the enrolment of an authenticator, or, signed in (an observer without a second factor), the page
 * to return to or the consultations.
 */
function nextPage(step: NextStep, next: string | null): string {
  if (step === 'verify') return withNext('/login/verify', next);
  if (step === 'enroll') return '/account/authenticator';
  return next ?? landingPage('observer');
}

/** Signing in (password, then the second factor) and signing out. */
export const signInRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;

  app.get(
    '/login',
    { schema: { querystring: SignInQuery }, preHandler: [hooks.loadSession] },
    async (request, reply) => {
      const next = safeNext(request.query.next);
      const session = request.webSession;
      if (session?.verified) return seeOther(reply, next ?? landingPage(session.account.role));
      const page = pageContext(web, request);
      const notice = noticeOf(page.locale, request.query.notice);
      return sendPage(
        reply,
        200,
        <LoginPage
          page={page}
          view={{ email: '', errors: [], notice, next, csrfToken: anonymousCsrfToken(web, request, reply) }}
        />,
      );
    },
  );

  app.post(
    '/login',
    { schema: { body: LoginForm }, preHandler: [hooks.verifyAnonymousCsrf] },
    async (request, reply) => {
      const page = pageContext(web, request);
      const { locale } = page;
      const email = (request.body.email ?? '').trim();
      const password = request.body.password ?? '';
      const next = safeNext(request.body.next);
      const render = (status: number, errors: FormError[]) =>
        sendPage(
          reply,
          status,
          <LoginPage
            page={page}
            view={{ email, errors, notice: null, next, csrfToken: anonymousCsrfToken(web, request, reply) }}
          />,
        );

      const errors: FormError[] = [];
      if (email === '') errors.push({ field: 'field-email', message: t(locale, 'login.email.missing') });
      if (password === '') errors.push({ field: 'field-password', message: t(locale, 'login.password.missing') });
      if (errors.length > 0) return render(400, errors);

      try {
        const grant = await signInWithPassword(ctx, { email, password, client: clientOf(request) });
        await hooks.endPreviousSession(request);
        setSessionCookie(reply, web.secureCookies, grant.sessionSecret);
        return seeOther(reply, nextPage(grant.next, next));
      } catch (error) {
        // Both answers name no field: which of the two was wrong is not disclosed.
        if (isAppError(error) && error.code === 'INVALID_CREDENTIALS')
          return render(401, [{ link: 'field-email', message: t(locale, 'login.invalidCredentials') }]);
        if (isAppError(error) && error.code === 'LOGIN_LOCKED')
          return render(429, [{ link: 'field-email', message: t(locale, 'login.locked') }]);
        // The right password of an account whose authenticator the secretariat reset: the e-mailed link, not this form.
        if (isAppError(error) && error.code === 'AUTHENTICATOR_RESET_PENDING')
          return render(403, [{ link: 'field-email', message: t(locale, 'login.authenticatorPending') }]);
        throw error;
      }
    },
  );

  app.get(
    '/login/verify',
    { schema: { querystring: SignInQuery }, preHandler: [hooks.loadSession, hooks.requireVerifyStep] },
    async (request, reply) => {
      const session = request.webSession!;
      return sendPage(
        reply,
        200,
        <VerifyPage
          page={pageContext(web, request)}
          view={{ errors: [], csrfToken: session.csrfToken, recoveryOpen: false, next: safeNext(request.query.next) }}
        />,
      );
    },
  );

  app.post(
    '/login/verify',
    { schema: { body: VerifyForm }, preHandler: [hooks.loadSession, hooks.requireVerifyStep, hooks.verifySessionCsrf] },
    async (request, reply) => {
      const session = request.webSession!;
      const page = pageContext(web, request);
      const { locale } = page;
      const recovery = request.body.method === 'recovery';
      const field = recovery ? 'field-recovery-code' : 'field-code';
      const next = safeNext(request.body.next);
      const render = (status: number, errors: FormError[]) =>
        sendPage(
          reply,
          status,
          <VerifyPage page={page} view={{ errors, csrfToken: session.csrfToken, recoveryOpen: recovery, next }} />,
        );

      const code = recovery ? (request.body.recoveryCode ?? '').trim() : normaliseTotp(request.body.code);
      if (code === '')
        return render(400, [
          { field, message: t(locale, recovery ? 'verify.recovery.missing' : 'verify.code.missing') },
        ]);
      if (!recovery && !/^\d{6}$/.test(code)) return render(400, [{ field, message: t(locale, 'verify.code.format') }]);

      try {
        const grant = await verifySecondFactor(ctx, { sessionSecret: session.secret, code, client: clientOf(request) });
        // The session was rotated: the cookie gets the new secret, the old one is dead.
        setSessionCookie(reply, web.secureCookies, grant.sessionSecret);
        // Back to the page that asked for signing in, else to the person's work.
        return seeOther(reply, next ?? landingPage(session.account.role));
      } catch (error) {
        if (isAppError(error) && error.code === 'INVALID_SECOND_FACTOR')
          return render(401, [
            { field, message: t(locale, recovery ? 'verify.recovery.invalid' : 'verify.code.invalid') },
          ]);
        if (isAppError(error) && error.code === 'LOGIN_LOCKED')
          return render(429, [{ link: field, message: t(locale, 'login.locked') }]);
        throw error;
      }
    },
  );

  // The page script's "stay signed in", and its note of typing: the session was seen now (resolveSession
  // touches it), and says when it ends. An ended session answers with the way to sign in (a redirect).
  app.post(
    '/session/keepalive',
    {
      schema: { body: CsrfOnlyForm },
      preHandler: [hooks.loadSession, hooks.requireVerified, hooks.verifySessionCsrf],
    },
    async (request, reply) => {
      const { session } = request.webSession!;
      return reply.header('cache-control', 'no-store').send({
        now: new Date(ctx.clock()).toISOString(),
        idleEndsAt: new Date(session.lastSeenAt + ctx.sessionIdleMs).toISOString(),
        endsAt: new Date(session.expiresAt).toISOString(),
      });
    },
  );

  app.post('/logout', { schema: { body: CsrfOnlyForm }, preHandler: [hooks.loadSession] }, async (request, reply) => {
    const session = request.webSession;
    if (session) {
      await hooks.verifySessionCsrf(request);
      await signOut(ctx, session.secret);
    }
    clearSessionCookie(reply, web.secureCookies);
    return seeOther(reply, '/login?notice=signed-out');
  });
};
