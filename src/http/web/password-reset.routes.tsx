import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isAppError } from '../../domain/errors.js';
import { t, type Locale } from '../../i18n/i18n.js';
import { checkPasswordReset, requestPasswordReset, resetPassword } from '../../services/identity/password-reset.js';
import type { FormError } from './components/form.js';
import { setSessionCookie } from './cookies.js';
import { passwordMessage } from './field-messages.js';
import { PasswordResetForm, PasswordResetParams, PasswordResetRequestForm } from './forms.schema.js';
import { pageContext } from './page-context.js';
import { MessagePage, type MessageView } from './pages/message.page.js';
import { PasswordResetRequestPage } from './pages/password-reset-request.page.js';
import { PasswordResetSentPage } from './pages/password-reset-sent.page.js';
import { PasswordResetPage } from './pages/password-reset.page.js';
import { seeOther, sendPage } from './render.js';
import { anonymousCsrfToken, clientOf, type SessionHooks, type WebContext } from './web-session.js';

/** The 410 page of an unknown, expired, replaced or used password reset link. */
export function invalidPasswordResetView(locale: Locale, href: (path: string) => string): MessageView {
  return {
    title: t(locale, 'passwordReset.invalid.title'),
    body: t(locale, 'passwordReset.invalid.body'),
    link: { href: href('/password-reset'), text: t(locale, 'passwordReset.invalid.again') },
  };
}

/** What looks like an e-mail address: something, an @, a domain with a dot (the service decides the rest). */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * "Forgot your password?": the request (answered the same for every address) and the link's page
 * (a new password, and a code of the authenticator where the account has one). After the reset the
 * person is signed in, on their account page, which says the password changed: the link, the new
 * password and the second factor were all given, and a second sign-in would make them wait for the
 * authenticator's next code (the one just given cannot be used twice).
 */
export const passwordResetRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const minutes = Math.round(ctx.passwordResetTtlMs / 60_000);

  app.get('/password-reset', async (request, reply) => {
    const page = pageContext(web, request);
    const view = { email: '', errors: [], csrfToken: anonymousCsrfToken(web, request, reply) };
    return sendPage(reply, 200, <PasswordResetRequestPage page={page} view={view} />);
  });

  app.post(
    '/password-reset',
    { schema: { body: PasswordResetRequestForm }, preHandler: [hooks.verifyAnonymousCsrf] },
    async (request, reply) => {
      const page = pageContext(web, request);
      const { locale } = page;
      const email = (request.body.email ?? '').trim();
      const render = (status: number, errors: FormError[]) =>
        sendPage(
          reply,
          status,
          <PasswordResetRequestPage
            page={page}
            view={{ email, errors, csrfToken: anonymousCsrfToken(web, request, reply) }}
          />,
        );
      if (email === '') return render(400, [{ field: 'field-email', message: t(locale, 'login.email.missing') }]);
      if (!EMAIL_SHAPE.test(email) || email.length > 254)
        return render(400, [{ field: 'field-email', message: t(locale, 'passwordReset.request.email.invalid') }]);
      try {
        await requestPasswordReset(ctx, { email, client: clientOf(request) });
      } catch (error) {
        // Counted per address and per client whether or not the address has an account: saying so tells nothing.
        if (isAppError(error) && error.code === 'RATE_LIMITED')
          return render(429, [{ link: 'field-email', message: t(locale, 'passwordReset.request.limited') }]);
        throw error;
      }
      // The same answer for every address, known or not, enabled or not.
      return sendPage(reply, 200, <PasswordResetSentPage page={page} minutes={minutes} />);
    },
  );

  app.get('/password-reset/:secret', { schema: { params: PasswordResetParams } }, async (request, reply) => {
    const page = pageContext(web, request);
    const link = await checkPasswordReset(ctx, request.params.secret);
    if (!link.usable)
      return sendPage(
        reply,
        410,
        <MessagePage page={page} view={invalidPasswordResetView(page.locale, page.localPath)} />,
      );
    const view = {
      action: page.localPath(request.url.split('?')[0]!),
      errors: [],
      csrfToken: anonymousCsrfToken(web, request, reply),
      needsCode: link.needsCode,
    };
    return sendPage(reply, 200, <PasswordResetPage page={page} view={view} />);
  });

  app.post(
    '/password-reset/:secret',
    { schema: { params: PasswordResetParams, body: PasswordResetForm }, preHandler: [hooks.verifyAnonymousCsrf] },
    async (request, reply) => {
      const page = pageContext(web, request);
      const { locale } = page;
      const link = await checkPasswordReset(ctx, request.params.secret);
      if (!link.usable)
        return sendPage(
          reply,
          410,
          <MessagePage page={page} view={invalidPasswordResetView(locale, page.localPath)} />,
        );
      const password = request.body.password ?? '';
      const confirmation = request.body.passwordConfirm ?? '';
      const typed = (request.body.code ?? '').trim();
      // "123 456" as some apps show it; a recovery code keeps its letters and dash.
      const code = /^[\d\s]+$/.test(typed) ? typed.replace(/\s+/g, '') : typed;
      const render = (status: number, errors: FormError[]) =>
        sendPage(
          reply,
          status,
          <PasswordResetPage
            page={page}
            view={{
              action: page.localPath(request.url.split('?')[0]!),
              errors,
              csrfToken: anonymousCsrfToken(web, request, reply),
              needsCode: link.needsCode,
            }}
          />,
        );

      // Checked here, before the service: every missing field at once, and the code is not spent on a typo.
      const errors: FormError[] = [];
      if (password === '') errors.push({ field: 'field-password', message: t(locale, 'invitation.password.missing') });
      if (confirmation === '')
        errors.push({ field: 'field-password-confirm', message: t(locale, 'invitation.confirm.missing') });
      else if (password !== '' && confirmation !== password)
        errors.push({ field: 'field-password-confirm', message: t(locale, 'invitation.confirm.mismatch') });
      if (link.needsCode && code === '')
        errors.push({ field: 'field-code', message: t(locale, 'passwordReset.code.missing') });
      if (errors.length > 0) return render(400, errors);

      try {
        const grant = await resetPassword(ctx, {
          secret: request.params.secret,
          password,
          code,
          client: clientOf(request),
        });
        await hooks.endPreviousSession(request);
        setSessionCookie(reply, web.secureCookies, grant.sessionSecret);
        return seeOther(reply, '/account?notice=password-reset');
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error.code === 'PASSWORD_RESET_INVALID')
          return sendPage(
            reply,
            410,
            <MessagePage page={page} view={invalidPasswordResetView(locale, page.localPath)} />,
          );
        if (error.code === 'VALIDATION_FAILED')
          return render(
            400,
            error.errors.map((p) =>
              p.field === '/code'
                ? { field: 'field-code', message: t(locale, 'passwordReset.code.missing') }
                : { field: 'field-password', message: passwordMessage(locale, p) },
            ),
          );
        if (error.code === 'INVALID_SECOND_FACTOR')
          return render(401, [{ field: 'field-code', message: t(locale, 'passwordReset.code.invalid') }]);
        if (error.code === 'LOGIN_LOCKED')
          return render(429, [{ link: 'field-code', message: t(locale, 'login.locked') }]);
        throw error;
      }
    },
  );
};
