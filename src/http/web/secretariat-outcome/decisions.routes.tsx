import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, type FieldProblem, isAppError } from '../../../domain/errors.js';
import { computeResults, type ConsultationResults } from '../../../services/compute-results.js';
import { issueResultsNotice } from '../../../services/issue-results-notice.js';
import { listParticipants } from '../../../services/member-states.js';
import { classMayOppose, ofConsultedClass } from '../../../services/participants.js';
import { recordDecision } from '../../../services/record-decision.js';
import { setReportHeader } from '../../../services/results-report-header.js';
import type { FormError } from '../components/form.js';
import { noticeOf, pageContext, registerNotices } from '../page-context.js';
import { DecisionsPage } from '../pages/secretariat-outcome/decisions.page.js';
import { outcomePath } from '../pages/secretariat-outcome/outcome-parts.js';
import {
  presentDecisionsPage,
  presentStateOptions,
  type DecisionFormValues,
} from '../presenters/secretariat-outcome.presenter.js';
import { seeOther, sendPage } from '../render.js';
import type { SessionHooks, WebContext } from '../web-session.js';
import {
  DECISION_REFUSALS,
  decisionErrors,
  namedStates,
  NoticeForm,
  noticeErrors,
  readDecisionForm,
  readNoticeForm,
  readReportHeaderForm,
  ReportHeaderForm,
  reportHeaderErrors,
} from './decisions.forms.js';
import { DecisionForm, OutcomeNoticeQuery, OutcomeParams } from './outcome.forms.js';
import { noticeMailPreview } from '../presenters/mail-preview.presenter.js';

// A record's notice was issued long ago, by other means: nothing is being sent.
registerNotices({ 'outcome-notice-recorded': 'outcome.notice.noticeRecorded' });

/**
 * The meeting's decisions, text by text (the procedure's meeting rules, recordDecision), and the results notice
 * (its results-notice rule, issueResultsNotice). A refused form comes back with the refusal's status: 400 for what
 * the schema refuses, 422 for a contradiction, 409 when no decision may be recorded now.
 */
export const decisionsRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const read = [hooks.loadSession, hooks.requireSecretariat];
  const write = [hooks.loadSession, hooks.requireSecretariat, hooks.verifySessionCsrf];
  const base = '/secretariat/consultations/:id';

  async function renderDecisions(
    request: FastifyRequest,
    reply: FastifyReply,
    results: ConsultationResults,
    status: number,
    options: {
      errors?: FormError[];
      typed?: { textId: string; values: DecisionFormValues } | null;
      notice?: string | null;
      /** The day typed for a record's notice, refused. */
      noticeIssuedOn?: string;
      /** The notice's reference as typed, refused. */
      noticeReference?: string;
      /** The report's header as typed, refused. */
      reportHeader?: { td: string; questions: string };
    } = {},
  ) {
    const page = pageContext(web, request);
    const participants = (await listParticipants(ctx)).filter(
      (s) => s.membership === 'member_state' && ofConsultedClass(results.loaded, s),
    );
    const states = presentStateOptions(page.locale, participants);
    const opposers = participants.filter((s) => classMayOppose(results.loaded, s)).map((s) => s.code);
    const view = {
      ...presentDecisionsPage(page.locale, results, states, opposers, options.notice ?? null, options.typed ?? null),
      errors: options.errors ?? [],
      csrfToken: request.webSession!.csrfToken,
      enteredAfterwards: results.loaded.consultation.enteredAfterwardsAt !== null,
      noticeIssuedOn: options.noticeIssuedOn ?? '',
      noticeReference: options.noticeReference ?? '',
      reportHeader: options.reportHeader ?? {
        td: results.loaded.consultation.resultsReport.td ?? '',
        questions: results.loaded.consultation.resultsReport.questions ?? '',
      },
      noticeMail: noticeMailPreview(page.locale, results, web.publicUrl ?? `${request.protocol}://${request.host}`),
    };
    return sendPage(reply, status, <DecisionsPage page={page} view={view} />);
  }

  const resultsOf = (request: FastifyRequest, consultationId: string) =>
    computeResults(ctx, { actor: request.webSession!.actor, consultationId });

  app.get(
    `${base}/decisions`,
    { schema: { params: OutcomeParams, querystring: OutcomeNoticeQuery }, preHandler: read },
    async (request, reply) =>
      renderDecisions(request, reply, await resultsOf(request, request.params.id), 200, {
        notice: noticeOf(pageContext(web, request).locale, request.query.notice),
      }),
  );

  app.post(
    `${base}/decisions`,
    { schema: { params: OutcomeParams, body: DecisionForm }, preHandler: write },
    async (request, reply) => {
      const page = pageContext(web, request);
      const consultationId = request.params.id;
      const form = readDecisionForm(request.body);
      if (form.addReservation) {
        // One more reservation row, with everything typed kept: nothing is recorded.
        const results = await resultsOf(request, consultationId);
        if (!results.texts.some((r) => r.text.id === form.textId))
          throw new AppError('NOT_FOUND', `No text "${form.textId}" in this consultation`);
        return renderDecisions(request, reply, results, 200, {
          typed: { textId: form.textId, values: form.values },
        });
      }
      // recordDecision checks the input against the consultation's own procedure's decision schema
      // (400 VALIDATION_FAILED with the schema's problems), then its rules.
      let refusal: { code: ErrorCode; problems: readonly FieldProblem[]; status: number };
      try {
        await recordDecision(ctx, {
          actor: request.webSession!.actor,
          consultationId,
          textId: form.textId,
          input: form.candidate,
        });
        return seeOther(
          reply,
          page.href(`${outcomePath(consultationId, 'decisions')}?notice=outcome-decision-recorded`),
        );
      } catch (error) {
        if (!isAppError(error) || !DECISION_REFUSALS.has(error.code)) throw error;
        refusal = { code: error.code, problems: error.errors, status: error.status };
      }
      const results = await resultsOf(request, consultationId);
      // The form comes back under its text: a text the consultation does not have has no form.
      const target = results.texts.find((r) => r.text.id === form.textId);
      if (!target) throw new AppError('NOT_FOUND', `No text "${form.textId}" in this consultation`);
      // A State that is not a participant is told apart by its data (observer, suspended, not consulted).
      const stateOf = namedStates(
        page.locale,
        await listParticipants(ctx),
        results.loaded.consultation.settings.eligibleStates,
      );
      const errors = decisionErrors(
        page.locale,
        refusal.code,
        refusal.problems,
        form,
        {
          designation: target.text.designation,
          meetingFirstDay: results.loaded.consultation.meeting.firstDay,
          procedure: results.loaded.procedure,
          edition: results.loaded.consultation.resolutionEdition,
        },
        stateOf,
      );
      return renderDecisions(request, reply, results, refusal.status, {
        errors,
        typed: { textId: form.textId, values: form.values },
      });
    },
  );

  app.post(
    `${base}/notice`,
    { schema: { params: OutcomeParams, body: NoticeForm }, preHandler: write },
    async (request, reply) => {
      const page = pageContext(web, request);
      const consultationId = request.params.id;
      const form = readNoticeForm(request.body);
      try {
        const issued = await issueResultsNotice(ctx, {
          actor: request.webSession!.actor,
          consultationId,
          ...form.input,
        });
        const notice =
          issued.loaded.consultation.enteredAfterwardsAt === null ? 'outcome-notice-issued' : 'outcome-notice-recorded';
        return seeOther(reply, page.href(`${outcomePath(consultationId, 'results')}?notice=${notice}`));
      } catch (error) {
        // Not allowed now (why, or the texts without a decision), a record's day refused (`/issuedOn`), or a reference too long.
        if (!isAppError(error) || (error.code !== 'NOTICE_NOT_ALLOWED' && error.code !== 'VALIDATION_FAILED'))
          throw error;
        const results = await resultsOf(request, consultationId);
        const errors = noticeErrors(page.locale, error.errors, results.loaded.texts, {
          meetingLastDay: results.loaded.consultation.meeting.lastDay,
        });
        return renderDecisions(request, reply, results, error.status, {
          errors,
          noticeIssuedOn: form.issuedOn,
          noticeReference: form.reference,
        });
      }
    },
  );

  app.post(
    `${base}/report-header`,
    { schema: { params: OutcomeParams, body: ReportHeaderForm }, preHandler: write },
    async (request, reply) => {
      const page = pageContext(web, request);
      const consultationId = request.params.id;
      const form = readReportHeaderForm(request.body);
      try {
        await setReportHeader(ctx, { actor: request.webSession!.actor, consultationId, ...form });
        return seeOther(
          reply,
          page.href(`${outcomePath(consultationId, 'decisions')}?notice=outcome-report-header-saved#results-report`),
        );
      } catch (error) {
        if (!isAppError(error) || error.code !== 'VALIDATION_FAILED') throw error;
        const results = await resultsOf(request, consultationId);
        return renderDecisions(request, reply, results, error.status, {
          errors: reportHeaderErrors(page.locale, error.errors),
          reportHeader: form,
        });
      }
    },
  );
};
