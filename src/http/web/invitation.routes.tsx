import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isAppError } from '../../domain/errors.js';
import { t, type Locale } from '../../i18n/i18n.js';
import { acceptAuthenticatorLink } from '../../services/identity/authenticator-reset.js';
import { acceptInvitation, checkInvitation } from '../../services/identity/sign-in.js';
import type { FormError } from './components/form.js';
import { setSessionCookie } from './cookies.js';
import { passwordMessage } from './field-messages.js';
import { InvitationForm, InvitationParams } from './forms.schema.js';
import { pageContext } from './page-context.js';
import { AuthenticatorLinkPage } from './pages/authenticator-link.page.js';
import { InvitationPage } from './pages/invitation.page.js';
import { MessagePage, type MessageView } from './pages/message.page.js';
import { seeOther, sendPage } from './render.js';
import { anonymousCsrfToken, clientOf, type SessionHooks, type WebContext } from './web-session.js';

/** The 410 page of an unknown, expired, revoked or used link. */
export function invalidInvitationView(locale: Locale): MessageView {
  return {
    title: t(locale, 'invitation.invalid.title'),
    body: t(locale, 'invitation.invalid.body'),
    link: { href: '/login', text: t(locale, 'invitation.invalid.signIn') },
  };
}

/**
 * The invitation link: choose a password, then on to the authenticator. The same link, after an
 * administrator reset the authenticator (purpose `authenticator`): give the password, then on to
 * the new authenticator.
 */
export const invitationRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;

  app.get('/invitations/:secret', { schema: { params: InvitationParams } }, async (request, reply) => {
    const page = pageContext(web, request);
    const link = await checkInvitation(ctx, request.params.secret);
    if (!link.usable)
      return sendPage(reply, 410, <MessagePage page={page} view={invalidInvitationView(page.locale)} />);
    const view = {
      action: page.localPath(request.url),
      errors: [],
      csrfToken: anonymousCsrfToken(web, request, reply),
    };
    if (link.purpose === 'authenticator')
      return sendPage(reply, 200, <AuthenticatorLinkPage page={page} view={view} />);
    return sendPage(reply, 200, <InvitationPage page={page} view={view} />);
  });

  app.post(
    '/invitations/:secret',
    { schema: { params: InvitationParams, body: InvitationForm }, preHandler: [hooks.verifyAnonymousCsrf] },
    async (request, reply) => {
      const page = pageContext(web, request);
      const { locale } = page;
      const link = await checkInvitation(ctx, request.params.secret);
      if (!link.usable) return sendPage(reply, 410, <MessagePage page={page} view={invalidInvitationView(locale)} />);
      const password = request.body.password ?? '';
      const confirmation = request.body.passwordConfirm ?? '';
      const view = (errors: FormError[]) => ({
        action: page.localPath(request.url),
        errors,
        csrfToken: anonymousCsrfToken(web, request, reply),
      });
      const render = (status: number, errors: FormError[]) =>
        link.purpose === 'authenticator'
          ? sendPage(reply, status, <AuthenticatorLinkPage page={page} view={view(errors)} />)
          : sendPage(reply, status, <InvitationPage page={page} view={view(errors)} />);

      // Checked here, before the service: a successful call uses up the link.
      const errors: FormError[] = [];
      if (link.purpose === 'authenticator') {
        if (password === '') errors.push({ field: 'field-password', message: t(locale, 'login.password.missing') });
      } else {
        if (password === '')
          errors.push({ field: 'field-password', message: t(locale, 'invitation.password.missing') });
        if (confirmation === '')
          errors.push({ field: 'field-password-confirm', message: t(locale, 'invitation.confirm.missing') });
        else if (password !== '' && confirmation !== password)
          errors.push({ field: 'field-password-confirm', message: t(locale, 'invitation.confirm.mismatch') });
      }
      if (errors.length > 0) return render(400, errors);

      try {
        const options = { secret: request.params.secret, password, client: clientOf(request) };
        const grant =
          link.purpose === 'authenticator'
            ? await acceptAuthenticatorLink(ctx, options)
            : await acceptInvitation(ctx, options);
        await hooks.endPreviousSession(request);
        setSessionCookie(reply, web.secureCookies, grant.sessionSecret);
        return seeOther(reply, '/account/authenticator');
      } catch (error) {
        if (isAppError(error) && error.code === 'INVITATION_INVALID')
          return sendPage(reply, 410, <MessagePage page={page} view={invalidInvitationView(locale)} />);
        if (isAppError(error) && error.code === 'VALIDATION_FAILED') {
          const problems = error.errors.length > 0 ? error.errors : [{ field: '/password', message: error.message }];
          return render(
            400,
            problems.map((p) => ({ field: 'field-password', message: passwordMessage(locale, p) })),
          );
        }
        if (isAppError(error) && error.code === 'INVALID_CREDENTIALS')
          return render(401, [{ field: 'field-password', message: t(locale, 'authenticatorLink.password.invalid') }]);
        if (isAppError(error) && error.code === 'LOGIN_LOCKED')
          return render(429, [{ link: 'field-password', message: t(locale, 'login.locked') }]);
        throw error;
      }
    },
  );
};
