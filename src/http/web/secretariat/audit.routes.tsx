import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { listConsultations } from '../../../services/get-consultation.js';
import { listAccounts } from '../../../services/identity/accounts.js';
import { organisationNames } from '../../../services/member-states.js';
import { auditExport } from '../../../presenters/exports.js';
import { listAuditFacets, pageAuditEvents, readAuditTrail } from '../../../services/list-audit-events.js';
import { sendTables } from '../../table-reply.js';
import { verifyAuditChain } from '../../../services/verify-audit-chain.js';
import { pageContext } from '../page-context.js';
import { AuditPage } from '../pages/secretariat/audit.page.js';
import {
  auditActorLabel,
  presentAuditRows,
  presentChain,
  type ChainView,
} from '../presenters/secretariat.presenter.js';
import { readAuditFilters } from '../../../domain/audit/audit-filters.js';
import { designation } from '../../../domain/member-states/designations.js';
import { sendPage } from '../render.js';
import { AuditQuery } from './secretariat.forms.js';
import type { SessionHooks, WebContext } from '../web-session.js';
import { actorOf, secretariatGuards } from './circular-pages.js';

/** Audit rows per page of the trail. */
const AUDIT_PAGE_SIZE = 50;

/**
 * The audit trail (the whole secretariat): newest first, filtered by circular and action, paged,
 * and the check of its hash chain.
 */
export const auditRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const { staff } = secretariatGuards(hooks);

  async function auditPage(
    request: FastifyRequest,
    reply: FastifyReply,
    query: {
      consultation?: string | undefined;
      action?: string | undefined;
      who?: string | undefined;
      state?: string | undefined;
      from?: string | undefined;
      to?: string | undefined;
      page?: string | undefined;
      format?: 'csv' | 'xlsx' | undefined;
    },
    chain: { view: ChainView; seq: number | null } | null,
  ): Promise<FastifyReply> {
    const page = pageContext(web, request);
    const actor = actorOf(request);
    const consultation = (query.consultation ?? '').trim();
    const consultationId = consultation === '' ? undefined : consultation;
    // Filters as typed, forgivingly (a value that is not one means "any"); the service applies them in its query.
    const filters = readAuditFilters(query);
    // Names of accounts for administrators (who may list accounts); others read the recorded ids.
    const isAdmin = actor.kind === 'secretariat' && actor.admin === true;
    const accounts = isAdmin ? await listAccounts(ctx, { actor }) : [];
    const names = new Map(accounts.map((a) => [a.id, a.name] as const));
    if (query.format !== undefined) {
      const selected = await readAuditTrail(ctx, { actor, consultationId, filters });
      return sendTables(
        reply,
        query.format,
        auditExport(page.locale, selected, { names, consultationId }),
        page.locale,
      );
    }
    const asked = /^\d{1,6}$/.test(query.page ?? '') ? Number(query.page) : 1;
    const [shown, facets, consultations] = await Promise.all([
      // On the chain's check, the page that holds the first broken row.
      pageAuditEvents(ctx, {
        actor,
        consultationId,
        filters,
        page: asked,
        pageSize: AUDIT_PAGE_SIZE,
        focusSeq: chain?.seq ?? undefined,
      }),
      // The choices of the filters: what occurs in the circular's trail, whatever the other filters.
      listAuditFacets(ctx, { actor, consultationId }),
      listConsultations(ctx, { actor }),
    ]);
    // An organisation is named as registered; a Member State from the curated list.
    const organisations = await organisationNames(ctx, facets.states);
    const participantName = (code: string) => {
      const registered = organisations.get(code);
      return designation(code, page.locale) ?? registered?.[page.locale] ?? registered?.en ?? code;
    };
    const view = {
      rows: presentAuditRows(page.locale, shown.events, names),
      consultation,
      action: filters.action,
      who: filters.who,
      state: filters.state,
      from: filters.from,
      to: filters.to,
      // Who the page can name (accounts, for administrators; the public): a raw id is no choice to offer.
      actors: facets.actors
        .filter((id) => id === 'public' || (id.startsWith('account:') && names.has(id.slice('account:'.length))))
        .map((id) => ({ id, label: auditActorLabel(page.locale, id, names) }))
        .sort((a, b) => a.label.localeCompare(b.label, page.locale)),
      states: facets.states
        .map((code) => ({ code, name: participantName(code) }))
        .sort((a, b) => a.name.localeCompare(b.name, page.locale)),
      consultations: consultations
        .map((c) => ({ id: c.loaded.consultation.id, reference: c.loaded.consultation.reference }))
        .sort((a, b) => a.reference.localeCompare(b.reference)),
      actions: facets.actions,
      page: shown.page,
      pages: shown.pages,
      total: shown.total,
      chain: chain?.view ?? null,
    };
    return sendPage(reply, 200, <AuditPage page={page} view={view} />);
  }

  app.get('/secretariat/audit', { schema: { querystring: AuditQuery }, preHandler: staff }, async (request, reply) =>
    auditPage(request, reply, request.query, null),
  );

  app.get('/secretariat/audit/verify', { preHandler: staff }, async (request, reply) => {
    const verification = await verifyAuditChain(ctx);
    const view = presentChain(pageContext(web, request).locale, verification);
    return auditPage(request, reply, {}, { view, seq: verification.break?.seq ?? null });
  });
};
