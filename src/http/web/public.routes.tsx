import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/policy/actor.js';
import { computeResults, type ConsultationResults } from '../../services/compute-results.js';
import { getConsultation, listConsultations } from '../../services/get-consultation.js';
import { findParticipant, organisationNames } from '../../services/member-states.js';
import { participationOf } from '../../services/participants.js';
import { getStateReply, listReplies } from '../../services/read-replies.js';
import type { ServiceContext } from '../../services/service-context.js';
import { cacheUntil, publicAnswerUntil } from '../public-cache.js';
import { localeHref, negotiateLocale, urlLocale } from './locale-url.js';
import { actorOfRequest, pageContext } from './page-context.js';
import { ApprovedPage } from './pages/public/approved.page.js';
import { ConsultationPage } from './pages/public/consultation.page.js';
import { HomePage } from './pages/public/home.page.js';
import { ResultsPendingPage } from './pages/public/results-pending.page.js';
import { ResultsPage } from './pages/public/results.page.js';
import {
  presentApproved,
  presentConsultationPage,
  presentHome,
  presentResultsPage,
  presentResultsPending,
  type CountedReply,
} from './presenters/public.presenter.js';
import { ConsultationPageParams } from './public.forms.js';
import { seeOther, sendPage } from './render.js';
import type { SessionHooks, WebContext } from './web-session.js';

/**
 * `/` without a language in the URL: a first visitor is sent to the home page in the best
 * language of their `Accept-Language` (the default when none has a catalogue). Only this
 * redirect reads the header, so caches must key it on the header (`Vary`).
 */
async function toLocalisedHome(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
  if (urlLocale(request.raw) !== null) return;
  reply.header('vary', 'Accept-Language');
  return seeOther(reply, localeHref(negotiateLocale(request.headers['accept-language']), '/'));
}

/** Every delegation the recorded decisions name, by the procedure's own account of its decisions. */
function namedInDecisions(all: readonly ConsultationResults[]): string[] {
  return all.flatMap((r) =>
    r.texts.flatMap((t) =>
      t.decisionRecord === null ? [] : r.loaded.procedure.namedInDecision(t.decisionRecord.input).map((m) => m.code),
    ),
  );
}

/**
 * The counted reply of each State (its latest version received by the deadline), for a circular
 * whose replies are public after the deadline. The listing holds each State's latest version;
 * the rare State whose latest version is not the counted one (a late amendment) is read in full.
 * @throws what listReplies and getStateReply throw (the policy decides who may read)
 */
async function countedReplies(ctx: ServiceContext, actor: Actor, consultationId: string): Promise<CountedReply[]> {
  const overview = await listReplies(ctx, { actor, consultationId });
  const counted: CountedReply[] = [];
  for (const row of overview.rows) {
    if (row.countedVersion === null || row.latest === null) continue;
    let version = row.latest;
    if (version.version !== row.countedVersion) {
      const full = await getStateReply(ctx, { actor, consultationId, memberState: row.state.code });
      const found = full.versions.find((v) => v.version === row.countedVersion);
      if (!found) continue;
      version = found;
    }
    counted.push({
      memberState: row.state.code,
      names: row.state.names,
      positions: version.positions.map((p) => ({ text: p.text, position: p.position })),
    });
  }
  return counted;
}

/**
 * The public pages: the home page with the open and closed consultations, the consultation page
 * mirroring the circular, its results after the deadline, and the texts approved by the
 * meetings. Everyone may read them; a signed-in reader sees what their role adds (drafts and
 * provisional results for the secretariat, the call to reply for a focal point), decided by the
 * same policy as the API (services, domain/policy).
 */
export const publicRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const reader = [hooks.loadSession];
  // The public's pages are kept and served again until something is written or the clock moves
  // past what they show (src/http/public-cache.ts); a signed-in reader's never are.
  const config = { publicCache: true };

  app.get('/', { config, preHandler: [toLocalisedHome, hooks.loadSession] }, async (request, reply) => {
    const page = pageContext(web, request);
    const actor = actorOfRequest(request);
    const now = ctx.clock();
    const views = await listConsultations(ctx, { actor });
    cacheUntil(reply, publicAnswerUntil(now, views));
    return sendPage(reply, 200, <HomePage page={page} view={presentHome(page.locale, views, actor, now)} />);
  });

  // NOT_FOUND for an unknown id and for a draft the reader may not see (the service decides);
  // the error handler of web.routes.tsx renders it as the not-found page.
  app.get(
    '/consultations/:id',
    { schema: { params: ConsultationPageParams }, config, preHandler: reader },
    async (request, reply) => {
      const page = pageContext(web, request);
      const actor = actorOfRequest(request);
      const now = ctx.clock();
      const view = await getConsultation(ctx, { actor, consultationId: request.params.id });
      cacheUntil(reply, publicAnswerUntil(now, [view]));
      // A focal point is offered the reply only where its participant is consulted (the procedure's rule).
      const own = actor.kind === 'focal_point' ? await findParticipant(ctx, actor.memberState) : undefined;
      const consulted = own === undefined ? undefined : participationOf(view.loaded, own).eligible;
      return sendPage(
        reply,
        200,
        <ConsultationPage page={page} view={presentConsultationPage(page.locale, view, actor, now, consulted)} />,
      );
    },
  );

  // Before the deadline the public gets a page of its own, with status 409 as the API's
  // RESULTS_NOT_AVAILABLE: when results come, and the way back to the circular. The secretariat
  // gets the provisional figures, marked so.
  app.get(
    '/consultations/:id/results',
    { schema: { params: ConsultationPageParams }, config, preHandler: reader },
    async (request, reply) => {
      const page = pageContext(web, request);
      const actor = actorOfRequest(request);
      const consultationId = request.params.id;
      const now = ctx.clock();
      const view = await getConsultation(ctx, { actor, consultationId });
      let results: ConsultationResults;
      try {
        results = await computeResults(ctx, { actor, consultationId });
      } catch (error) {
        if (!isAppError(error) || error.code !== 'RESULTS_NOT_AVAILABLE') throw error;
        return sendPage(
          reply,
          409,
          <ResultsPendingPage page={page} view={presentResultsPending(page.locale, view, now)} />,
        );
      }
      // Individual positions only where the circular publishes them, and only once final.
      const publish = results.final && results.loaded.consultation.settings.individualRepliesPublic;
      const counted = publish ? await countedReplies(ctx, actor, consultationId) : null;
      const names = await organisationNames(ctx, namedInDecisions([results]));
      cacheUntil(reply, publicAnswerUntil(now, [results]));
      return sendPage(
        reply,
        200,
        <ResultsPage page={page} view={presentResultsPage(page.locale, results, counted, names)} />,
      );
    },
  );

  app.get('/approved', { config, preHandler: reader }, async (request, reply) => {
    const page = pageContext(web, request);
    const actor = actorOfRequest(request);
    // Only a consultation past its deadline can have decisions; each one's are read with the results.
    const now = ctx.clock();
    const views = await listConsultations(ctx, { actor });
    const closed = views.filter((v) => v.state !== 'draft' && v.state !== 'open');
    const all: ConsultationResults[] = [];
    for (const v of closed) all.push(await computeResults(ctx, { actor, consultationId: v.loaded.consultation.id }));
    // Every issued one counts: a circular that closes joins the list.
    cacheUntil(reply, publicAnswerUntil(now, views));
    const names = await organisationNames(ctx, namedInDecisions(all));
    return sendPage(reply, 200, <ApprovedPage page={page} view={presentApproved(page.locale, all, names)} />);
  });
};
