import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, type FieldProblem, isAppError } from '../../../domain/errors.js';
import { type Locale, t } from '../../../i18n/i18n.js';
import { computeResults } from '../../../services/compute-results.js';
import { listParticipants } from '../../../services/member-states.js';
import { participationOf } from '../../../services/participants.js';
import { listReplies } from '../../../services/read-replies.js';
import { recordReplyWithOriginal } from '../../../services/record-reply.js';
import { type IntakeProposal, proposeFromForm } from '../../../services/intake/form-intake.js';
import {
  type InboundMessage,
  proposeFromMail,
  readInboundMessage,
  recordFromMail,
} from '../../../services/intake/mail-intake.js';
import { parseInput } from '../../../schemas/schema-problems.js';
import type { FormError } from '../components/form.js';
import { EMPTY_REPLY_FIELDS_VALUE, replyFieldsTexts } from '../components/reply-fields.js';
import { uploadsOf } from '../multipart.js';
import { pageContext } from '../page-context.js';
import { outcomePath } from '../pages/secretariat-outcome/outcome-parts.js';
import {
  RecordReplyPage,
  type RecordFormValues,
  type RecordReplyView,
} from '../pages/secretariat-outcome/record-reply.page.js';
import { presentContent } from '../presenters/content.presenter.js';
import { presentHead, presentStateOptions, stateName } from '../presenters/secretariat-outcome.presenter.js';
import { seeOther, sendPage } from '../render.js';
import type { SessionHooks, WebContext } from '../web-session.js';
import { OutcomeParams, ReadFormForm, RecordQuery, RecordReplyForm } from './outcome.forms.js';
import {
  EMPTY_RECORD,
  RECORD_REFUSALS,
  readLines,
  readRecordForm,
  RecordFormInputSchema,
  recordErrors,
} from './record-reply.forms.js';

/** The record form filled from what a returned form says: the State it names, its signatory and boxes, received by e-mail. */
function valuesOf(proposal: IntakeProposal): RecordFormValues {
  return {
    ...EMPTY_RECORD,
    memberState: proposal.state.code ?? '',
    channel: 'email',
    signatoryName: proposal.signatory.name ?? '',
    signatoryTitle: proposal.signatory.title ?? '',
    positions: Object.fromEntries(
      proposal.positions.map((p) => [
        p.text,
        { ...EMPTY_REPLY_FIELDS_VALUE, position: p.position, option: p.option ?? null },
      ]),
    ),
  };
}

/** A message's subject and sender as the record page names it, a dash for what it lacks. */
function shownMessage(locale: Locale, message: InboundMessage): { subject: string; from: string } {
  const none = t(locale, 'outcome.record.read.none');
  return { subject: message.subject ?? none, from: message.fromAddress ?? none };
}

/** Senders whose form's State is not offered: the page leaves the State to choose. */
const UNTRUSTED_SENDERS = new Set(['SENDER_AUTHENTICATION_FAILED', 'SENDER_NOT_AUTHENTICATED', 'SENDER_AMBIGUOUS']);

/** Why a form came back: the refusal's code, its problems, and the text of each position sent. */
interface Refusal {
  readonly code: ErrorCode;
  readonly problems: readonly FieldProblem[];
  readonly sent: readonly string[];
}

/**
 * A reply received by e-mail, fax or paper, keyed in with the scan of the original
 * (recordReplyWithOriginal). The form comes back with 400 while something typed must be
 * corrected, and with the refusal's own status (409) when the consultation takes no recording.
 */
export const recordReplyRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const path = '/secretariat/consultations/:id/replies/record';

  async function renderRecord(
    request: FastifyRequest,
    reply: FastifyReply,
    consultationId: string,
    status: number,
    values: RecordFormValues,
    refusal: Refusal | null,
    shown: { rowsFor: string | null; chooseFileAgain: boolean } | null = null,
    read: { readFromFile: RecordReplyView['readFromFile']; errors: readonly FormError[] } | null = null,
    fromMessage: RecordReplyView['fromMessage'] = null,
  ) {
    const page = pageContext(web, request);
    const actor = request.webSession!.actor;
    const [results, overview, states] = await Promise.all([
      computeResults(ctx, { actor, consultationId }),
      listReplies(ctx, { actor, consultationId }),
      listParticipants(ctx),
    ]);
    const { consultation, texts } = results.loaded;
    const eligible = overview.rows.map((r) => r.state).filter((s) => participationOf(results.loaded, s).eligible);
    const frozen = consultation.resultsNoticeAt !== null || results.texts.some((r) => r.decisionRecord !== null);
    const closed = consultation.issuedAt === null ? ('not-issued' as const) : frozen ? ('frozen' as const) : null;
    const mapped: FormError[] =
      refusal === null
        ? []
        : recordErrors(page.locale, refusal.code, refusal.problems, {
            values,
            sent: refusal.sent,
            texts,
            stateName: (code) => {
              const state = states.find((s) => s.code === code);
              return state ? stateName(page.locale, state) : null;
            },
            issuedAt: consultation.issuedAt,
            now: ctx.clock(),
            sizeLimit: `${Math.round((ctx.attachmentMaxBytes / (1024 * 1024)) * 10) / 10}`,
            procedure: results.loaded.procedure,
          });
    // A closed page shows no fields: its refusal is said once, without links to fields it does not have.
    const errors =
      closed === null || mapped.length === 0
        ? mapped
        : [
            {
              message: t(
                page.locale,
                closed === 'not-issued' ? 'outcome.record.closed.notIssued' : 'outcome.record.closed.frozen',
              ),
            },
          ];
    const content = presentContent(page.locale, consultation, texts);
    const view = {
      head: presentHead(consultation, results.computedAt, content),
      texts: replyFieldsTexts(page.locale, texts, content),
      studyGroup: consultation.studyGroup,
      procedure: results.loaded.procedure,
      states: presentStateOptions(page.locale, eligible),
      values,
      errors,
      closed,
      maxBytes: ctx.attachmentMaxBytes,
      chooseFileAgain: errors.length > 0 || shown?.chooseFileAgain === true,
      rowsFor: shown?.rowsFor ?? null,
      csrfToken: request.webSession!.csrfToken,
      readFromFile: read?.readFromFile ?? null,
      fromMessage,
      ...(read !== null && read.errors.length > 0 && { errors: [...read.errors, ...errors] }),
    };
    return sendPage(reply, status, <RecordReplyPage page={page} view={view} />);
  }

  app.get(
    path,
    {
      schema: { params: OutcomeParams, querystring: RecordQuery },
      preHandler: [hooks.loadSession, hooks.requireSecretariat],
    },
    async (request, reply) => {
      const messageId = request.query.message?.trim() ?? '';
      if (messageId === '') return renderRecord(request, reply, request.params.id, 200, EMPTY_RECORD, null);
      return renderFromMessage(request, reply, request.params.id, messageId);
    },
  );

  /**
   * The form filled from a message received by e-mail (services/intake/mail-intake.ts): the State
   * its sender's address is registered for (else the one its form names), received when Assent
   * received it, and what its form says, listed as read with the sender's authentication.
   */
  async function renderFromMessage(request: FastifyRequest, reply: FastifyReply, consultationId: string, id: string) {
    const page = pageContext(web, request);
    const actor = request.webSession!.actor;
    let mailed: Awaited<ReturnType<typeof proposeFromMail>>;
    try {
      mailed = await proposeFromMail(ctx, { actor, id, consultationId });
    } catch (error) {
      if (!isAppError(error) || !['FORM_UNREADABLE', 'MESSAGE_HANDLED', 'NOT_FOUND'].includes(error.code)) throw error;
      const code = error.code === 'FORM_UNREADABLE' ? (error.errors[0]?.code ?? error.code) : error.code;
      return renderRecord(
        request,
        reply,
        consultationId,
        error.status === 422 ? 400 : error.status,
        EMPTY_RECORD,
        null,
        null,
        {
          readFromFile: null,
          errors: [{ message: t(page.locale, 'outcome.record.fromMessage.error', { code }) }],
        },
      );
    }
    const { message, proposal } = mailed;
    const states = await listParticipants(ctx);
    const registered = message.memberState === null ? undefined : states.find((s) => s.code === message.memberState);
    const { subject, from } = shownMessage(page.locale, message);
    const lines = [
      t(page.locale, 'outcome.record.fromMessage.sender', { from, verdict: message.verdict }),
      registered
        ? t(page.locale, 'outcome.record.fromMessage.state', { state: stateName(page.locale, registered) })
        : t(page.locale, 'outcome.record.fromMessage.noState', { problem: message.senderProblem ?? '' }),
      ...readLines(page.locale, proposal, states),
    ];
    return renderRecord(
      request,
      reply,
      consultationId,
      200,
      {
        ...valuesOf(proposal),
        // A sender that failed authentication (or could be anyone) names no State, not even through its form's.
        memberState:
          message.memberState ??
          (message.senderProblem !== null && UNTRUSTED_SENDERS.has(message.senderProblem)
            ? ''
            : (proposal.state.code ?? '')),
        // To the second: a message received in the last minute before the deadline stays before it.
        receivedAt: new Date(message.receivedAt).toISOString().slice(0, 19),
        receivedZone: 'Z',
      },
      null,
      { rowsFor: null, chooseFileAgain: false },
      { readFromFile: { filename: subject, lines }, errors: [] },
      { id: message.id, subject, from },
    );
  }

  app.post(
    path,
    {
      schema: { params: OutcomeParams, body: RecordReplyForm },
      preHandler: [hooks.loadSession, hooks.requireSecretariat, hooks.verifySessionCsrf],
    },
    async (request, reply) => {
      const page = pageContext(web, request);
      const consultationId = request.params.id;
      const actor = request.webSession!.actor;
      const results = await computeResults(ctx, { actor, consultationId });
      const form = readRecordForm(
        request.body as Record<string, unknown>,
        results.loaded.texts,
        results.loaded.procedure.replyForm,
      );
      const [scan] = uploadsOf(request, 'scan');
      // Recorded from a message received by e-mail: its form is the original, no file is chosen.
      const messageId = (request.body as { message?: string }).message?.trim() || null;
      const fromMessage =
        messageId === null
          ? null
          : await readInboundMessage(ctx, { actor, id: messageId }).then(({ message }) => ({
              id: message.id,
              ...shownMessage(page.locale, message),
            }));
      // "Show rows to fill in" of a comments table: the form again, as typed, with that table's rows.
      if (form.rowsFor !== null)
        return renderRecord(
          request,
          reply,
          consultationId,
          200,
          form.values,
          null,
          { rowsFor: form.rowsFor, chooseFileAgain: scan !== undefined },
          null,
          fromMessage,
        );
      // A file over the limit never reached the server whole: the multipart reader says so.
      const transport: FieldProblem[] = scan?.tooLarge
        ? [{ field: '/originalFile', message: 'Too large', code: 'PAYLOAD_TOO_LARGE' }]
        : [];
      const parsed = parseInput(RecordFormInputSchema, form.candidate);
      if (parsed.input === null || transport.length > 0)
        return renderRecord(
          request,
          reply,
          consultationId,
          400,
          form.values,
          { code: 'VALIDATION_FAILED', problems: [...parsed.problems, ...transport], sent: form.sent },
          null,
          null,
          fromMessage,
        );
      const { memberState, ...input } = parsed.input;
      try {
        const receipt =
          fromMessage === null
            ? await recordReplyWithOriginal(ctx, {
                actor,
                consultationId,
                memberState,
                input,
                original: scan ? { filename: scan.filename, content: await scan.read() } : null,
              })
            : await recordFromMail(ctx, { actor, id: fromMessage.id, consultationId, memberState, input });
        if (fromMessage !== null) return seeOther(reply, page.href('/secretariat/inbox?notice=inbox-recorded'));
        const notice = receipt.flags.includes('received_after_deadline')
          ? 'outcome-recorded-late'
          : receipt.flags.includes('unclear_position')
            ? 'outcome-recorded-unclear'
            : 'outcome-recorded';
        return seeOther(reply, page.href(`${outcomePath(consultationId, 'replies')}?notice=${notice}`));
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (fromMessage !== null && (error.code === 'MESSAGE_HANDLED' || error.code === 'FORM_UNREADABLE'))
          return renderRecord(
            request,
            reply,
            consultationId,
            error.status === 409 ? 409 : 400,
            form.values,
            null,
            null,
            {
              readFromFile: null,
              errors: [{ message: t(page.locale, 'outcome.record.fromMessage.error', { code: error.code }) }],
            },
          );
        if (!RECORD_REFUSALS.has(error.code)) throw error;
        const refusal = { code: error.code, problems: error.errors, sent: form.sent };
        return renderRecord(
          request,
          reply,
          consultationId,
          error.status === 409 ? 409 : 400,
          form.values,
          refusal,
          null,
          null,
          fromMessage,
        );
      }
    },
  );

  // A returned form, Word or PDF, read back (services/intake): the form below filled from it, each value
  // listed as read, for the secretariat to check and correct; the file is chosen again as the
  // original when the reply is recorded. Nothing is recorded here.
  app.post(
    `${path}/read`,
    {
      schema: { params: OutcomeParams, body: ReadFormForm },
      preHandler: [hooks.loadSession, hooks.requireSecretariat, hooks.verifySessionCsrf],
    },
    async (request, reply) => {
      const page = pageContext(web, request);
      const consultationId = request.params.id;
      const actor = request.webSession!.actor;
      const [file] = uploadsOf(request, 'form');
      const refused = (message: string) =>
        renderRecord(request, reply, consultationId, 400, EMPTY_RECORD, null, null, {
          readFromFile: null,
          errors: [{ field: 'field-readForm', message }],
        });
      if (file === undefined) return refused(t(page.locale, 'outcome.record.read.missing'));
      if (file.tooLarge) return refused(t(page.locale, 'outcome.record.read.error', { code: 'PAYLOAD_TOO_LARGE' }));
      let proposal: IntakeProposal;
      try {
        proposal = await proposeFromForm(ctx, { actor, consultationId, bytes: await file.read() });
      } catch (error) {
        if (!isAppError(error) || error.code !== 'FORM_UNREADABLE') throw error;
        return refused(t(page.locale, 'outcome.record.read.error', { code: error.errors[0]?.code ?? '' }));
      }
      const states = await listParticipants(ctx);
      const values = valuesOf(proposal);
      return renderRecord(
        request,
        reply,
        consultationId,
        200,
        values,
        null,
        { rowsFor: null, chooseFileAgain: true },
        {
          readFromFile: { filename: file.filename, lines: readLines(page.locale, proposal, states) },
          errors: [],
        },
      );
    },
  );
};
