import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isAppError } from '../../domain/errors.js';
import { t, type Locale } from '../../i18n/i18n.js';
import { acceptInvitation, checkInvitation } from '../../services/identity/sign-in.js';
import type { ServiceContext } from '../../services/service-context.js';
import type { FormError } from './components/form.js';
import { setSessionCookie } from './cookies.js';
import { passwordMessage } from './field-messages.js';
import { InvitationForm, InvitationParams } from './forms.schema.js';
import { pageContext } from './page-context.js';
import { InvitationPage } from './pages/invitation.page.js';
import { MessagePage, type MessageView } from './pages/message.page.js';
import { seeOther, sendPage } from './render.js';
import { anonymousCsrfToken, clientOf, type SessionHooks, type WebContext } from './web-session.js';

/** Whether an invitation link can still be used, without using it. */
async function isUsableInvitation(ctx: ServiceContext, secret: string): Promise<boolean> {
  return (await checkInvitation(ctx, secret)).usable;
}

/** The 410 page of an unknown, expired, revoked or used link. */
export function invalidInvitationView(locale: Locale): MessageView {
  return {
    title: t(locale, 'invitation.invalid.title'),
    body: t(locale, 'invitation.invalid.body'),
    link: { href: '/login', text: t(locale, 'invitation.invalid.signIn') },
  };
}

/** The invitation link: choose a password, then on to the authenticator. */
export const invitationRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;

  app.get('/invitations/:secret', { schema: { params: InvitationParams } }, async (request, reply) => {
    const page = pageContext(web, request);
    if (!(await isUsableInvitation(ctx, request.params.secret)))
      return sendPage(reply, 410, <MessagePage page={page} view={invalidInvitationView(page.locale)} />);
    const view = {
      action: page.localPath(request.url),
      errors: [],
      csrfToken: anonymousCsrfToken(web, request, reply),
    };
    return sendPage(reply, 200, <InvitationPage page={page} view={view} />);
  });

  app.post(
    '/invitations/:secret',
    { schema: { params: InvitationParams, body: InvitationForm }, preHandler: [hooks.verifyAnonymousCsrf] },
    async (request, reply) => {
      const page = pageContext(web, request);
      const { locale } = page;
      const password = request.body.password ?? '';
      const confirmation = request.body.passwordConfirm ?? '';
      const render = (status: number, errors: FormError[]) =>
        sendPage(
          reply,
          status,
          <InvitationPage
            page={page}
            view={{ action: page.localPath(request.url), errors, csrfToken: anonymousCsrfToken(web, request, reply) }}
          />,
        );

      // Checked here, before the service: a successful call uses up the link.
      const errors: FormError[] = [];
      if (password === '') errors.push({ field: 'field-password', message: t(locale, 'invitation.password.missing') });
      if (confirmation === '')
        errors.push({ field: 'field-password-confirm', message: t(locale, 'invitation.confirm.missing') });
      else if (password !== '' && confirmation !== password)
        errors.push({ field: 'field-password-confirm', message: t(locale, 'invitation.confirm.mismatch') });
      if (errors.length > 0) return render(400, errors);

      try {
        const grant = await acceptInvitation(ctx, {
          secret: request.params.secret,
          password,
          client: clientOf(request),
        });
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
        throw error;
      }
    },
  );
};
