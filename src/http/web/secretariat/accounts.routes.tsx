import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../../domain/errors.js';
import { t } from '../../../i18n/i18n.js';
import { inviteAccount, listAccounts, setAccountDisabled } from '../../../services/identity/accounts.js';
import { readAuditTrail } from '../../../services/list-audit-events.js';
import { listMemberStates } from '../../../services/member-states.js';
import type { FormError } from '../components/form.js';
import { noticeOf, pageContext } from '../page-context.js';
import { AccountsPage } from '../pages/secretariat/accounts.page.js';
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
import { AccountParams, AccountsQuery, SecCsrfOnlyForm } from './secretariat.forms.js';
import type { SessionHooks, WebContext } from '../web-session.js';
import { actorOf, secretariatGuards } from './circular-pages.js';

/**
 * The accounts and their invitations (administrators only): the list with each account's last
 * sign-in, a new invitation (inviteAccount checks it; invite.forms.ts places its problems),
 * disabling and enabling an account.
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
      listMemberStates(ctx),
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
};
