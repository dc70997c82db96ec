import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../../domain/errors.js';
import { AUTHENTICATOR_RESET_REFUSALS, type AuthenticatorResetRefusal } from '../../../domain/identity/account.js';
import { t } from '../../../i18n/i18n.js';
import { inviteAccount, listAccounts, setAccountDisabled } from '../../../services/identity/accounts.js';
import { REASON_MAX, resetAuthenticator } from '../../../services/identity/authenticator-reset.js';
import { readAuditTrail } from '../../../services/list-audit-events.js';
import { listParticipants } from '../../../services/member-states.js';
import type { FormError } from '../components/form.js';
import { noticeOf, pageContext } from '../page-context.js';
import { AccountsPage } from '../pages/secretariat/accounts.page.js';
import { AuthenticatorResetPage } from '../pages/secretariat/authenticator-reset.page.js';
import {
  lastSignIns,
  presentAccounts,
  presentStateOptions,
  searchAccounts,
} from '../presenters/secretariat.presenter.js';
import { seeOther, sendPage } from '../render.js';
import {
  BLANK_INVITE,
  INVITE_REFUSALS,
  inviteErrors,
  InviteForm,
  readInviteForm,
  type InviteValues,
} from './invite.forms.js';
import { AccountParams, AccountsQuery, AuthenticatorResetForm, SecCsrfOnlyForm } from './secretariat.forms.js';
import type { SessionHooks, WebContext } from '../web-session.js';
import { actorOf, secretariatGuards } from './circular-pages.js';

/**
 * The accounts and their invitations (administrators only): the list with each account's last
 * sign-in, a new invitation (inviteAccount checks it; invite.forms.ts places its problems),
 * disabling and enabling an account, and resetting a lost authenticator (a page of its own that
 * asks for the reason; resetAuthenticator checks it and the account).
 */
export const accountsRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const { admin, adminPost } = secretariatGuards(hooks);

  async function accountsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    options: {
      form?: InviteValues;
      errors?: FormError[];
      notice?: string | null;
      invited?: string | undefined;
      search?: string | undefined;
    } = {},
  ): Promise<FastifyReply> {
    const page = pageContext(web, request);
    const actor = actorOf(request);
    const [accounts, states, trail] = await Promise.all([
      listAccounts(ctx, { actor }),
      listParticipants(ctx),
      readAuditTrail(ctx, { actor }),
    ]);
    const me = request.webSession!.account.id;
    const rows = presentAccounts(
      page.locale,
      accounts,
      new Map(states.map((s) => [s.code, s])),
      lastSignIns(trail),
      me,
    );
    const invitedRow = options.invited === undefined ? undefined : rows.find((row) => row.id === options.invited);
    const search = (options.search ?? '').trim();
    const view = {
      rows: searchAccounts(rows, search),
      total: rows.length,
      search,
      notice: options.notice ?? null,
      invited: invitedRow
        ? t(page.locale, 'sec.accounts.invited', { name: invitedRow.name, email: invitedRow.email })
        : null,
      form: options.form ?? BLANK_INVITE,
      errors: options.errors ?? [],
      states: presentStateOptions(
        page.locale,
        states.filter((s) => s.membership === 'member_state'),
      ),
      csrfToken: request.webSession!.csrfToken,
    };
    return sendPage(reply, status, <AccountsPage page={page} view={view} />);
  }

  app.get(
    '/secretariat/accounts',
    { schema: { querystring: AccountsQuery }, preHandler: admin },
    async (request, reply) =>
      accountsPage(request, reply, 200, {
        notice: noticeOf(pageContext(web, request).locale, request.query.notice),
        invited: request.query.invited,
        search: request.query.q,
      }),
  );

  app.post(
    '/secretariat/accounts/invitations',
    { schema: { body: InviteForm }, preHandler: adminPost },
    async (request, reply) => {
      const page = pageContext(web, request);
      const read = readInviteForm(request.body);
      const actor = actorOf(request);
      try {
        const { account } = await inviteAccount(ctx, { actor, ...read.input });
        return seeOther(reply, page.href(`/secretariat/accounts?invited=${encodeURIComponent(account.id)}`));
      } catch (error) {
        if (!isAppError(error) || !INVITE_REFUSALS.has(error.code)) throw error;
        const accounts = await listAccounts(ctx, { actor });
        const errors = inviteErrors(page.locale, error.code, error.errors, read.values, accounts);
        return accountsPage(request, reply, error.status, { form: read.values, errors });
      }
    },
  );

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/secretariat/accounts/:accountId/${verb}`,
      { schema: { params: AccountParams, body: SecCsrfOnlyForm }, preHandler: adminPost },
      async (request, reply) => {
        await setAccountDisabled(ctx, { actor: actorOf(request), accountId: request.params.accountId, disabled });
        return seeOther(reply, pageContext(web, request).href(`/secretariat/accounts?notice=sec-account-${verb}d`));
      },
    );
  }

  const isResetRefusal = (code: string | undefined): code is AuthenticatorResetRefusal =>
    (AUTHENTICATOR_RESET_REFUSALS as readonly (string | undefined)[]).includes(code);

  /** The reset page of one account: its form, or why its authenticator cannot be reset. */
  async function authenticatorResetPage(
    request: FastifyRequest,
    accountId: string,
    reply: FastifyReply,
    status: number,
    options: { reason?: string; errors?: FormError[]; refused?: AuthenticatorResetRefusal } = {},
  ): Promise<FastifyReply> {
    const page = pageContext(web, request);
    const actor = actorOf(request);
    const [accounts, states] = await Promise.all([listAccounts(ctx, { actor }), listParticipants(ctx)]);
    const me = request.webSession!.account.id;
    const rows = presentAccounts(page.locale, accounts, new Map(states.map((s) => [s.code, s])), new Map(), me);
    const row = rows.find((r) => r.id === accountId);
    if (!row) throw new AppError('NOT_FOUND', 'No such account');
    const refused = options.refused ?? row.resetRefusal;
    const view = {
      account: { id: row.id, name: row.name, email: row.email, role: row.role, memberState: row.memberState },
      reason: options.reason ?? '',
      errors: options.errors ?? [],
      refusal: refused === null ? null : t(page.locale, `sec.resetAuthenticator.refused.${refused}`),
      csrfToken: request.webSession!.csrfToken,
    };
    return sendPage(
      reply,
      refused !== null && status < 400 ? 409 : status,
      <AuthenticatorResetPage page={page} view={view} />,
    );
  }

  app.get(
    '/secretariat/accounts/:accountId/authenticator-reset',
    { schema: { params: AccountParams }, preHandler: admin },
    async (request, reply) => authenticatorResetPage(request, request.params.accountId, reply, 200),
  );

  app.post(
    '/secretariat/accounts/:accountId/authenticator-reset',
    { schema: { params: AccountParams, body: AuthenticatorResetForm }, preHandler: adminPost },
    async (request, reply) => {
      const page = pageContext(web, request);
      const { locale } = page;
      const reason = (request.body.reason ?? '').trim();
      // As on the list: no action on one's own account here (the page would end its own session).
      if (request.params.accountId === request.webSession!.account.id)
        return authenticatorResetPage(request, request.params.accountId, reply, 409, {
          reason,
          refused: 'OWN_AUTHENTICATOR',
        });
      try {
        await resetAuthenticator(ctx, { actor: actorOf(request), accountId: request.params.accountId, reason });
        return seeOther(reply, page.href('/secretariat/accounts?notice=sec-authenticator-reset'));
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error.code === 'VALIDATION_FAILED') {
          const message =
            reason === ''
              ? t(locale, 'sec.resetAuthenticator.reason.missing')
              : /[\r\n]/.test(reason)
                ? t(locale, 'sec.resetAuthenticator.reason.oneLine')
                : error.errors.some((p) => p.code === 'TEXT_TOO_LONG')
                  ? t(locale, 'password.tooLong', { max: REASON_MAX })
                  : t(locale, 'sec.resetAuthenticator.reason.plain');
          return authenticatorResetPage(request, request.params.accountId, reply, 400, {
            reason,
            errors: [{ field: 'field-reason', message }],
          });
        }
        // The refusal's reason travels as the code of its problem (authenticatorResetRefusal).
        const refusal = error.errors.find((p) => p.field === '/accountId')?.code;
        if (error.code === 'CONFLICT' && isResetRefusal(refusal))
          return authenticatorResetPage(request, request.params.accountId, reply, 409, { reason, refused: refusal });
        throw error;
      }
    },
  );
};
