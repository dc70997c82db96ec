import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TOKEN_SCOPES, type TokenScope } from '../../domain/identity/scopes.js';
import { t, type Locale } from '../../i18n/i18n.js';
import { createPersonalToken, myTokens, revokeMyToken } from '../../services/api-tokens.js';
import { mySessions, signOutOtherSessions } from '../../services/identity/sign-in.js';
import type { FormError } from './components/form.js';
import { LANGUAGES, setMyLanguage } from '../../services/identity/accounts.js';
import { findParticipant } from '../../services/member-states.js';
import { CsrfOnlyForm, LanguageForm, NoticeQuery, TokenForm, TokenParams } from './forms.schema.js';
import { noticeOf, pageContext } from './page-context.js';
import { AccountPage, type TokenFormView } from './pages/account.page.js';
import { TokenCreatedPage } from './pages/token-created.page.js';
import { presentPerson, presentSessions, presentTokens } from './presenters/account.presenter.js';
import { seeOther, sendPage } from './render.js';
import type { SessionHooks, WebContext } from './web-session.js';

/** The token form before anything was typed: read-only, for 90 days. */
const EMPTY_TOKEN_FORM: TokenFormView = { label: '', scopes: ['read'], days: '90', errors: [] };

const isScope = (value: string): value is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(value);

/** The token form as posted, checked field by field with the catalogue's messages. */
function readTokenForm(
  locale: Locale,
  body: { label?: string | undefined; scopes?: string | string[] | undefined; days?: string | undefined },
) {
  const label = (body.label ?? '').trim();
  const scopes = body.scopes === undefined ? [] : Array.isArray(body.scopes) ? body.scopes : [body.scopes];
  const days = (body.days ?? '').trim();
  const errors: FormError[] = [];
  if (label === '' || label.length > 200)
    errors.push({ field: 'field-label', message: t(locale, 'tokens.create.label.invalid') });
  const chosen = scopes.filter(isScope);
  if (chosen.length === 0 || chosen.length !== scopes.length)
    errors.push({ field: 'field-scopes', message: t(locale, 'tokens.create.scopes.missing') });
  const expiresInDays = /^\d{1,3}$/.test(days) ? Number(days) : Number.NaN;
  if (!(expiresInDays >= 1 && expiresInDays <= 365))
    errors.push({ field: 'field-days', message: t(locale, 'tokens.create.days.invalid') });
  return { form: { label, scopes: chosen, days, errors }, expiresInDays };
}

/** The signed-in person's account page, its session control and personal API tokens. */
export const accountRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const signedIn = [hooks.loadSession, hooks.requireVerified];
  const signedInPost = [hooks.loadSession, hooks.requireVerified, hooks.verifySessionCsrf];

  async function renderAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    tokenForm: TokenFormView,
    notice: string | null,
    languageErrors: readonly FormError[] = [],
  ): Promise<FastifyReply> {
    const session = request.webSession!;
    const page = pageContext(web, request);
    const { current, sessions } = await mySessions(ctx, session.secret);
    const tokens = await myTokens(ctx, session.account);
    const view = {
      person: presentPerson(
        page.locale,
        session.account,
        session.account.memberState === null ? undefined : await findParticipant(ctx, session.account.memberState),
      ),
      sessions: presentSessions(sessions, current),
      tokens: presentTokens(tokens, ctx.clock()),
      scopes: TOKEN_SCOPES,
      tokenForm,
      language: { current: session.account.language, choices: LANGUAGES, errors: languageErrors },
      notice,
      csrfToken: session.csrfToken,
    };
    return sendPage(reply, status, <AccountPage page={page} view={view} />);
  }

  app.get('/account', { schema: { querystring: NoticeQuery }, preHandler: signedIn }, async (request, reply) =>
    renderAccount(
      request,
      reply,
      200,
      EMPTY_TOKEN_FORM,
      noticeOf(pageContext(web, request).locale, request.query.notice),
    ),
  );

  app.post(
    '/account/sessions/sign-out-others',
    { schema: { body: CsrfOnlyForm }, preHandler: signedInPost },
    async (request, reply) => {
      await signOutOtherSessions(ctx, request.webSession!.secret);
      return seeOther(reply, '/account?notice=other-sessions-ended');
    },
  );

  app.post(
    '/account/language',
    { schema: { body: LanguageForm }, preHandler: signedInPost },
    async (request, reply) => {
      const language = request.body.language ?? '';
      if (!LANGUAGES.includes(language)) {
        const page = pageContext(web, request);
        return renderAccount(request, reply, 400, EMPTY_TOKEN_FORM, null, [
          { field: 'field-language', message: t(page.locale, 'account.language.invalid') },
        ]);
      }
      await setMyLanguage(ctx, { account: request.webSession!.account, language });
      return seeOther(reply, '/account?notice=language-set');
    },
  );

  app.post('/account/tokens', { schema: { body: TokenForm }, preHandler: signedInPost }, async (request, reply) => {
    const session = request.webSession!;
    const page = pageContext(web, request);
    const { form, expiresInDays } = readTokenForm(page.locale, request.body);
    if (form.errors.length > 0) return renderAccount(request, reply, 400, form, null);
    const { token, secret } = await createPersonalToken(ctx, {
      account: session.account,
      label: form.label,
      scopes: form.scopes,
      expiresInDays,
    });
    // The secret is in this answer only (only its hash is stored): no redirect, no cache.
    const view = { label: token.label, scopes: token.scopes ?? [], expiresAt: token.expiresAt!, secret };
    return sendPage(reply, 200, <TokenCreatedPage page={page} view={view} />);
  });

  app.post(
    '/account/tokens/:tokenId/revoke',
    { schema: { params: TokenParams, body: CsrfOnlyForm }, preHandler: signedInPost },
    async (request, reply) => {
      await revokeMyToken(ctx, { account: request.webSession!.account, tokenId: request.params.tokenId });
      return seeOther(reply, '/account?notice=token-revoked');
    },
  );
};
