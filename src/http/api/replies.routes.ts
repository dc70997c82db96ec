import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { citeRole } from '../../domain/procedure/procedure.js';
import { DEFAULT_PROCEDURE_ID, procedureFor } from '../../procedures/registry.js';
import { ReceiptInputSchema } from '../../schemas/receipt.schema.js';
import { recordedReplyInputSchema, replyInputSchema } from '../../schemas/reply.schema.js';
import { getStateReply, listReplies, replyExportDetails } from '../../services/read-replies.js';
import { recordReply } from '../../services/record-reply.js';
import { submitReply } from '../../services/submit-reply.js';
import { withdrawReply } from '../../services/withdraw-reply.js';
import type { ServiceContext } from '../../services/service-context.js';
import { presentOverview, presentReceipt, presentStateReply } from '../../presenters/reply.presenter.js';
import {
  ConsultationParams,
  IdempotencyHeaders,
  revisionFromIfMatch,
  StateParams,
  WithdrawHeaders,
} from './params.schema.js';
import {
  problemResponses,
  ReceiptDocument,
  ReceiptVerificationView,
  ReceiptView,
  ReplyOverviewView,
  StateReplyView,
} from '../../schemas/responses.schema.js';
import Type from 'typebox';
import { Slug, StateCode } from '../../schemas/common.schema.js';
import { getReceipt, receiptPublicKey, verifyReceipt } from '../../services/receipts.js';
import { repliesExport } from '../../presenters/exports.js';
import { sendTables, TABLE_CONTENT } from '../table-reply.js';
import { ExportQuery } from './params.schema.js';

/**
 * Where the default procedure says a reply after the deadline does not count (its consultationFails
 * rule), for the API's description; each procedure's clauses are at GET /api/v1/procedures.
 */
const LATE_REPLIES_CLAUSE = (() => {
  const procedure = procedureFor(DEFAULT_PROCEDURE_ID);
  return `${citeRole(procedure, 'consultationFails', procedure.defaultEdition)} for ${procedure.name}; each procedure's clauses at GET /api/v1/procedures`;
})();

/** Member States' replies: submit, amend, withdraw (focal points); record on behalf (secretariat); read. */
export const replyRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext; receiptVerifyPerMinute?: number }> = async (
  app,
  { ctx, receiptVerifyPerMinute = 30 },
) => {
  const tags = ['replies'];

  app.get(
    '/consultations/:id/replies',
    {
      schema: {
        tags,
        summary:
          'Who replied and who has not, with positions (secretariat; own State for a focal point; everyone after the deadline where public)',
        description:
          '`?format=csv` or `?format=xlsx` answers a file for spreadsheet software instead of JSON, its headings and words in `?lang=` (English by default): one row per State that replied and text, with the position, comments, reasons, possible changes, attachment, version, whether it counts, when and how it was received, who entered it and the signatory. The CSV holds the replies, or with `?rows=not-replied` the States that have not replied; the workbook holds both, a sheet each. Cells that spreadsheet software would read as a formula are prefixed with an apostrophe in the CSV; the workbook stores them as text.',
        params: ConsultationParams,
        querystring: ExportQuery,
        response: {
          200: {
            description: 'The replies (JSON), or the file asked for by `format`',
            content: { 'application/json': { schema: ReplyOverviewView }, ...TABLE_CONTENT },
          },
          ...problemResponses,
        },
      },
    },
    async (req, reply) => {
      const overview = await listReplies(ctx, { actor: req.actor, consultationId: req.params.id });
      const format = req.query.format ?? 'json';
      if (format === 'json') return reply.send(presentOverview(overview));
      const locale = req.query.lang ?? 'en';
      const details = await replyExportDetails(ctx, req.actor, overview);
      return sendTables(reply, format, repliesExport(locale, overview, details, format, req.query.rows), locale);
    },
  );

  app.get(
    '/consultations/:id/replies/:state',
    {
      schema: {
        tags,
        summary: "A State's reply with every version",
        params: StateParams,
        response: { 200: StateReplyView, ...problemResponses },
      },
    },
    async (req) =>
      presentStateReply(
        await getStateReply(ctx, { actor: req.actor, consultationId: req.params.id, memberState: req.params.state }),
      ),
  );

  app.put(
    '/consultations/:id/replies/:state',
    {
      schema: {
        tags,
        summary: "Submit or amend the State's reply (focal point of that State, before the deadline)",
        description: `Each call writes a new version; the latest version received by the deadline counts (${LATE_REPLIES_CLAUSE}). 201 for the first version, 200 for an amendment. Send an Idempotency-Key to make retries safe.`,
        params: StateParams,
        headers: IdempotencyHeaders,
        body: replyInputSchema(),
        response: { 200: ReceiptView, 201: ReceiptView, ...problemResponses },
      },
    },
    async (req, reply) => {
      const result = await submitReply(ctx, {
        actor: req.actor,
        consultationId: req.params.id,
        memberState: req.params.state,
        input: req.body,
        channel: 'api',
        idempotencyKey: req.headers['idempotency-key'],
      });
      return reply.code(result.receipt.created ? 201 : 200).send(presentReceipt(result.receipt, result.replayed));
    },
  );

  app.delete(
    '/consultations/:id/replies/:state',
    {
      schema: {
        tags,
        summary: "Withdraw the State's reply (focal point of that State, before the deadline)",
        description:
          'No body. Send `If-Match: "<version>"` to refuse the withdrawal if the reply changed since you read it.',
        params: StateParams,
        headers: WithdrawHeaders,
        response: { 200: ReceiptView, ...problemResponses },
      },
    },
    async (req) => {
      const result = await withdrawReply(ctx, {
        actor: req.actor,
        consultationId: req.params.id,
        memberState: req.params.state,
        channel: 'api',
        expectedVersion: revisionFromIfMatch(req.headers['if-match']),
        idempotencyKey: req.headers['idempotency-key'],
      });
      return presentReceipt(result.receipt, result.replayed);
    },
  );

  app.post(
    '/consultations/:id/replies/:state/recorded',
    {
      schema: {
        tags,
        summary: 'Record a reply received by e-mail, fax or paper, with its original file (secretariat)',
        params: StateParams,
        body: recordedReplyInputSchema(),
        response: { 201: ReceiptView, ...problemResponses },
      },
    },
    async (req, reply) => {
      const receipt = await recordReply(ctx, {
        actor: req.actor,
        consultationId: req.params.id,
        memberState: req.params.state,
        input: req.body,
      });
      return reply.code(201).send(presentReceipt(receipt, false));
    },
  );

  app.get(
    '/consultations/:id/replies/:state/versions/:version/receipt',
    {
      schema: {
        tags,
        summary: 'The signed receipt of one version of a reply (whoever may read that reply)',
        params: Type.Object(
          { id: Slug, state: StateCode, version: Type.String({ pattern: '^[1-9]\\d{0,5}$' }) },
          { additionalProperties: false },
        ),
        response: { 200: ReceiptDocument, ...problemResponses },
      },
    },
    async (req, reply) => {
      const receipt = await getReceipt(ctx, {
        actor: req.actor,
        consultationId: req.params.id,
        memberState: req.params.state,
        version: Number(req.params.version),
      });
      return reply
        .header(
          'content-disposition',
          `attachment; filename="receipt-${receipt.consultation.id}-${receipt.memberState}-v${receipt.version}.json"`,
        )
        .send({ ...receipt, attachments: [...receipt.attachments] });
    },
  );

  app.get(
    '/receipts/public-key',
    {
      schema: {
        tags: ['receipts'],
        summary: 'The public key that signs receipts (Ed25519, PEM)',
        response: {
          200: Type.Object({ keyId: Type.String(), algorithm: Type.Literal('Ed25519'), publicKey: Type.String() }),
          ...problemResponses,
        },
      },
    },
    async () => receiptPublicKey(ctx),
  );

  app.post(
    '/receipts/verify',
    {
      // Anyone may ask, and each answer reads the receipt's version, files and a segment of the
      // audit chain: limited per client address on its own (finding 1 of the attack test).
      config: {
        rateLimit: receiptVerifyPerMinute > 0 ? { max: receiptVerifyPerMinute, timeWindow: 60_000 } : false,
      },
      schema: {
        tags: ['receipts'],
        summary:
          'Check a receipt against its signature, the stored reply, its files and the audit chain (anyone holding a receipt)',
        body: ReceiptInputSchema,
        response: { 200: ReceiptVerificationView, ...problemResponses },
      },
    },
    async (req) => verifyReceipt(ctx, req.body),
  );
};
