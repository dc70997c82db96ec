import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { decisionSchema, ReportHeaderInputSchema, ResultsNoticeInputSchema } from '../../schemas/decision.schema.js';
import { setReportHeader } from '../../services/results-report-header.js';
import { computeResults } from '../../services/compute-results.js';
import { issueResultsNotice } from '../../services/issue-results-notice.js';
import { recordDecision } from '../../services/record-decision.js';
import type { ServiceContext } from '../../services/service-context.js';
import { cacheUntil, publicAnswerUntil } from '../public-cache.js';
import { presentResults } from '../../presenters/results.presenter.js';
import { ConsultationParams, FormatQuery, TextParams } from './params.schema.js';
import { resultsExport } from '../../presenters/exports.js';
import { sendTables, TABLE_CONTENT } from '../table-reply.js';
import { DecisionView, problemResponses, ResultsView, TextResultView } from '../../schemas/responses.schema.js';

/** Results per text (the procedure's pass and fail rules), the meeting's decisions and the results notice. */
export const resultRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const tags = ['results'];

  app.get(
    '/consultations/:id/results',
    {
      schema: {
        tags,
        summary:
          'Results per text: replies counted, the figures the procedure declares, outcome, clause (everyone after the deadline; secretariat before, provisional)',
        description:
          '`?format=csv` or `?format=xlsx` answers a file for spreadsheet software instead of JSON, its headings and words in `?lang=` (English by default): one row per text with its title, the figures, the outcome and its clause, and, where the procedure has a meeting, the decision, who opposed and the reservations.',
        params: ConsultationParams,
        querystring: FormatQuery,
        response: {
          200: {
            description: 'The results (JSON), or the file asked for by `format`',
            content: { 'application/json': { schema: ResultsView }, ...TABLE_CONTENT },
          },
          ...problemResponses,
        },
      },
      // Kept for readers without a token until a write or the next change of phase (src/http/public-cache.ts).
      config: { publicCache: true },
    },
    async (req, reply) => {
      const now = ctx.clock();
      const results = await computeResults(ctx, { actor: req.actor, consultationId: req.params.id });
      cacheUntil(reply, publicAnswerUntil(now, [results]));
      const format = req.query.format ?? 'json';
      if (format === 'json') return reply.send(presentResults(results));
      const locale = req.query.lang ?? 'en';
      return sendTables(reply, format, resultsExport(locale, results), locale);
    },
  );

  app.get(
    '/consultations/:id/decisions',
    {
      schema: {
        tags,
        summary: "The meeting's decision on each text, as it stands now",
        params: ConsultationParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                text: Type.String(),
                designation: Type.String(),
                decision: Type.Union([DecisionView, Type.Null()]),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (req) => {
      const results = presentResults(await computeResults(ctx, { actor: req.actor, consultationId: req.params.id }));
      return {
        items: results.texts.map((t) => ({ text: t.text.id, designation: t.text.designation, decision: t.decision })),
      };
    },
  );

  app.put(
    '/consultations/:id/decisions/:textId',
    {
      schema: {
        tags,
        summary: "Record the meeting's decision on a text (secretariat)",
        description:
          "Opposing, abstaining, reservations, more-time requests and formal oppositions, as the procedure's meeting rules take them. Recording again replaces the record.",
        params: TextParams,
        body: decisionSchema(),
        response: { 200: TextResultView, ...problemResponses },
      },
    },
    async (req) => {
      await recordDecision(ctx, {
        actor: req.actor,
        consultationId: req.params.id,
        textId: req.params.textId,
        input: req.body,
      });
      const results = presentResults(
        await computeResults(ctx, { actor: req.actor, consultationId: req.params.id, within: 'decision:record' }),
      );
      return results.texts.find((t) => t.text.id === req.params.textId)!;
    },
  );

  app.post(
    '/consultations/:id/results-notice',
    {
      schema: {
        tags,
        summary: 'Issue the results notice (secretariat)',
        description:
          'Issues the results notice now, under its own reference if given (reference: the circular that announces the results); for a consultation entered afterwards, the body may give the day it was issued (issuedOn). The body may be left out.',
        params: ConsultationParams,
        body: ResultsNoticeInputSchema,
        response: { 200: ResultsView, ...problemResponses },
      },
      // A notice issued now carries no body, as before: it reads as an empty one.
      preValidation: async (req) => {
        req.body ??= {};
      },
    },
    async (req) =>
      presentResults(
        await issueResultsNotice(ctx, {
          actor: req.actor,
          consultationId: req.params.id,
          issuedOn: req.body.issuedOn,
          reference: req.body.reference,
        }),
      ),
  );

  app.put(
    '/consultations/:id/results-report/header',
    {
      schema: {
        tags,
        summary: 'Set the header of the results report: its TD number and Questions (secretariat)',
        description:
          'The results report goes to the meeting as one of its TDs: its number and the Questions it concerns are the secretariat’s to give (blank or null clears). The rest of the TD header comes from the consultation. Audited; allowed at any time.',
        params: ConsultationParams,
        body: ReportHeaderInputSchema,
        response: {
          200: Type.Object(
            { td: Type.Union([Type.String(), Type.Null()]), questions: Type.Union([Type.String(), Type.Null()]) },
            { title: 'ReportHeader' },
          ),
          ...problemResponses,
        },
      },
    },
    async (req) =>
      setReportHeader(ctx, {
        actor: req.actor,
        consultationId: req.params.id,
        td: req.body.td,
        questions: req.body.questions,
      }),
  );
};
