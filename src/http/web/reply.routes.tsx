import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DeterminedText } from '../../domain/consultation/consultation.js';
import { AppError, isAppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/policy/actor.js';
import { formatDeadline, formatUtc, t, type Locale } from '../../i18n/i18n.js';
import { uploadAttachment } from '../../services/attachments.js';
import { discardReplyDraft } from '../../services/discard-reply-draft.js';
import {
  getMyReceipt,
  getReplyWorkspace,
  listOwedReplies,
  type ReplyWorkspace,
} from '../../services/my-state-replies.js';
import { checkDraftPositions, signatureProblems } from '../../services/read-reply-draft.js';
import { saveReplyDraft } from '../../services/save-reply-draft.js';
import { submitReplyDraft } from '../../services/submit-reply-draft.js';
import { withdrawReply } from '../../services/withdraw-reply.js';
import type { FormError } from './components/form.js';
import {
  fileSize,
  replyFieldId,
  replyFieldName,
  textHeading,
  type ReplyFieldsValue,
} from './components/reply-fields.js';
import { NoticeQuery } from './forms.schema.js';
import { uploadsOf } from './multipart.js';
import { noticeOf, pageContext, registerNotices } from './page-context.js';
import { MyStatePage } from './pages/reply/my.page.js';
import { ReplyClosedPage } from './pages/reply/reply-closed.page.js';
import { ReplyFormPage } from './pages/reply/reply-form.page.js';
import { ReplyHistoryPage } from './pages/reply/reply-history.page.js';
import { replyPaths } from './pages/reply/reply-parts.js';
import { ReplyReceiptPage } from './pages/reply/reply-receipt.page.js';
import { ReplyReviewPage } from './pages/reply/reply-review.page.js';
import {
  draftContentOf,
  initialFormValues,
  missingChoiceErrors,
  personLabel,
  presentClosed,
  presentHistory,
  presentOwed,
  presentReceipt,
  presentReplyCitations,
  presentReview,
  presentWorkspace,
  problemErrors,
  sortErrors,
  valuesOfDraft,
  type ReplyFormValues,
} from './presenters/reply.presenter.js';
import {
  countOf,
  DiscardDraftForm,
  MyConsultationParams,
  MyReceiptParams,
  readReplyForm,
  ReplyForm,
  SubmitReplyForm,
  WithdrawReplyForm,
} from './reply.forms.js';
import { seeOther, sendPage } from './render.js';
import type { SessionHooks, WebContext } from './web-session.js';

registerNotices({
  'draft-saved': 'reply.notice.draftSaved',
  'draft-discarded': 'reply.notice.draftDiscarded',
  'reply-submitted': 'reply.notice.submitted',
  'reply-withdrawn': 'reply.notice.withdrawn',
});

/** The codes by which the procedure or the services refuse a reply's content: shown at the fields. */
const CONTENT_CODES = new Set([
  'VALIDATION_FAILED',
  'POSITION_INCOMPLETE',
  'NO_POSITIONS',
  'POSITION_NOT_ALLOWED',
  'UNKNOWN_TEXT',
  'DUPLICATE_POSITION',
  'UNKNOWN_ATTACHMENT',
  'COMMENT_ROW_INCOMPLETE',
  'TOO_MANY_COMMENT_ROWS',
]);

/**
 * A focal point's pages: what the State owes, the reply form (Annex 2) with its drafts, the
 * review, submission, amendment and withdrawal until the deadline, the receipt and the history.
 * The State is always the signed-in focal point's own: no address names a State, so no address
 * can show or change another State's draft, reply, receipt or history. Other signed-in people
 * (secretariat, observers) are refused (FORBIDDEN).
 */
export const replyRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const focalPoint = [hooks.loadSession, hooks.requireFocalPoint];
  const focalPointPost = [hooks.loadSession, hooks.requireFocalPoint, hooks.verifySessionCsrf];

  const actorOf = (request: FastifyRequest): Actor & { kind: 'focal_point' } =>
    request.webSession!.actor as Actor & { kind: 'focal_point' };
  const workspace = (request: FastifyRequest, consultationId: string) =>
    getReplyWorkspace(ctx, { actor: actorOf(request), consultationId });
  const isClosed = (ws: ReplyWorkspace) =>
    ws.deadlinePassed || ws.replyWindowToCome !== null || !ws.eligibility.eligible;

  function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    ws: ReplyWorkspace,
    form: ReplyFormValues,
    errors: readonly FormError[],
    notice: string | null = null,
    rowsFor: string | null = null,
  ): FastifyReply {
    const page = pageContext(web, request);
    const latest = ws.versions.at(-1);
    const view = {
      rowsFor,
      workspace: presentWorkspace(page.locale, ws, ctx.clock()),
      form,
      errors: sortErrors(errors, ws.loaded.texts),
      notice,
      csrfToken: request.webSession!.csrfToken,
      maxBytes: ctx.attachmentMaxBytes,
      canWithdraw: latest?.status === 'submitted',
      currentVersion: ws.currentVersion,
    };
    return sendPage(reply, status, <ReplyFormPage page={page} view={view} />);
  }

  function renderClosed(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    ws: ReplyWorkspace,
    errors: readonly FormError[] = [],
  ): FastifyReply {
    const page = pageContext(web, request);
    return sendPage(
      reply,
      status,
      <ReplyClosedPage page={page} view={presentClosed(page.locale, ws, ctx.clock(), errors)} />,
    );
  }

  /**
   * A post that arrived after the deadline, for a State not consulted, or outside a phase that takes
   * replies: the closed form, naming the refusal; nothing was saved.
   */
  async function refusedAsClosed(
    request: FastifyRequest,
    reply: FastifyReply,
    consultationId: string,
    error?: unknown,
  ): Promise<FastifyReply> {
    const ws = await workspace(request, consultationId);
    const locale = pageContext(web, request).locale;
    if (ws.replyWindowToCome !== null || (isAppError(error) && error.code === 'PHASE_NOT_ACCEPTING'))
      return renderClosed(request, reply, 409, ws, [
        { link: 'reply-closed', message: t(locale, 'reply.error.phaseNotAccepting') },
      ]);
    const message = ws.deadlinePassed
      ? t(locale, 'reply.error.deadlinePassed', {
          deadline: formatDeadline(locale, ws.loaded.consultation),
          clause: presentReplyCitations(locale, ws).deadline,
        })
      : t(locale, 'reply.error.notConsulted');
    return renderClosed(request, reply, 422, ws, [{ link: 'reply-closed', message }]);
  }

  /** Whether a service's refusal means the consultation no longer takes this State's replies. */
  const isClosedRefusal = (error: unknown) =>
    isAppError(error) &&
    (error.code === 'DEADLINE_PASSED' || error.code === 'STATE_NOT_ELIGIBLE' || error.code === 'PHASE_NOT_ACCEPTING');

  /** The message of a reply that changed after the form was built (another tab, a colleague, the secretariat). */
  function replyChangedMessage(locale: Locale, ws: ReplyWorkspace): FormError {
    const latest = ws.versions.at(-1);
    if (!latest) return { message: t(locale, 'reply.error.replyChangedNone') };
    const kind = latest.status === 'submitted' ? 'submitted' : 'withdrawn';
    return {
      link: 'history-link',
      message: t(locale, 'reply.error.replyChanged', {
        version: latest.version,
        kind,
        by: personLabel(locale, ws.people.get(latest.enteredBy)),
        at: formatUtc(locale, latest.receivedAt),
      }),
    };
  }

  /**
   * Stores the files chosen in the form (each by its content: the service sniffs the type and
   * checks the size) and puts them in `values`; a file refused gets a message at its field and the
   * text keeps the file it had.
   */
  async function storeUploads(
    request: FastifyRequest,
    locale: Locale,
    texts: readonly DeterminedText[],
    values: Record<string, ReplyFieldsValue>,
  ): Promise<FormError[]> {
    const errors: FormError[] = [];
    for (const text of texts) {
      const [upload] = uploadsOf(request, replyFieldName('file', text.id));
      if (!upload) continue;
      const field = replyFieldId('file', text.id);
      const names = {
        text: textHeading(locale, text),
        filename: upload.filename,
        size: fileSize(locale, ctx.attachmentMaxBytes),
      };
      if (upload.tooLarge) {
        errors.push({ field, message: t(locale, 'reply.error.file.tooLarge', names) });
        continue;
      }
      try {
        const stored = await uploadAttachment(ctx, {
          actor: actorOf(request),
          filename: upload.filename,
          content: await upload.read(),
        });
        values[text.id] = { ...values[text.id]!, attachment: { sha256: stored.sha256, filename: stored.filename } };
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error.code === 'UNSUPPORTED_MEDIA_TYPE')
          errors.push({ field, message: t(locale, 'reply.error.file.type', names) });
        else if (error.code === 'PAYLOAD_TOO_LARGE')
          errors.push({ field, message: t(locale, 'reply.error.file.tooLarge', names) });
        else if (error.code === 'VALIDATION_FAILED')
          errors.push({ field, message: t(locale, 'reply.error.file.empty', names) });
        else throw error;
      }
    }
    return errors;
  }

  // ------------------------------------------------------------------ what my State owes

  app.get('/my', { schema: { querystring: NoticeQuery }, preHandler: focalPoint }, async (request, reply) => {
    const page = pageContext(web, request);
    const owed = await listOwedReplies(ctx, { actor: actorOf(request) });
    const view = presentOwed(page.locale, owed, ctx.clock(), noticeOf(page.locale, request.query.notice));
    return sendPage(reply, 200, <MyStatePage page={page} view={view} />);
  });

  // ------------------------------------------------------------------ the form and its draft

  app.get(
    '/my/consultations/:id/reply',
    { schema: { params: MyConsultationParams, querystring: NoticeQuery }, preHandler: focalPoint },
    async (request, reply) => {
      const ws = await workspace(request, request.params.id);
      if (isClosed(ws)) return renderClosed(request, reply, 200, ws);
      return renderForm(
        request,
        reply,
        200,
        ws,
        initialFormValues(ws),
        [],
        noticeOf(pageContext(web, request).locale, request.query.notice),
      );
    },
  );

  // "Save draft" and "Review before submitting": the same form, two buttons.
  app.post(
    '/my/consultations/:id/reply',
    { schema: { params: MyConsultationParams, body: ReplyForm }, preHandler: focalPointPost },
    async (request, reply) => {
      const { id } = request.params;
      const locale = pageContext(web, request).locale;
      const ws = await workspace(request, id);
      if (isClosed(ws)) return refusedAsClosed(request, reply, id);
      const texts = ws.loaded.texts;
      const procedure = ws.loaded.procedure;
      const posted = readReplyForm(
        request.body,
        texts.map((text) => text.id),
        procedure.replyForm,
      );
      if (posted.basedOnVersion === null || posted.draftRevision === null)
        throw new AppError('VALIDATION_FAILED', 'The form lacks the version and revision it was built from');
      const values = posted.values;
      const form = (): ReplyFormValues => ({
        values,
        signature: posted.signature,
        basedOnVersion: posted.basedOnVersion!,
        draftRevision: posted.draftRevision!,
      });

      const fileErrors = await storeUploads(request, locale, texts, values);
      if (fileErrors.length > 0) return renderForm(request, reply, 422, ws, form(), fileErrors);
      // "Show rows to fill in" of a comments table: the form again, as typed, with that table's rows.
      if (posted.rowsFor !== null) return renderForm(request, reply, 200, ws, form(), [], null, posted.rowsFor);

      const content = draftContentOf(values, posted.signature, procedure.replyForm);
      if (posted.action === 'review') {
        const missing = missingChoiceErrors(locale, procedure, texts, values);
        const check = checkDraftPositions(ws.loaded, content);
        const problems = [
          ...check.problems.filter((p) => !(missing.length > 0 && p.field === '/positions')),
          ...signatureProblems(content),
        ];
        const errors = [...missing, ...problemErrors(locale, procedure, problems, check.sent, texts)];
        if (errors.length > 0) return renderForm(request, reply, 422, ws, form(), errors);
      }

      try {
        await saveReplyDraft(ctx, {
          actor: actorOf(request),
          consultationId: id,
          memberState: ws.memberState.code,
          content,
          basedOnVersion: posted.basedOnVersion,
          expectedRevision: posted.draftRevision,
        });
      } catch (error) {
        if (isClosedRefusal(error)) return refusedAsClosed(request, reply, id, error);
        if (!isAppError(error)) throw error;
        if (error.code === 'STALE_REPLY') {
          const now = await workspace(request, id);
          const message = now.draft
            ? t(locale, 'reply.error.draftStale', {
                by: personLabel(locale, now.people.get(now.draft.updatedBy)),
                at: formatUtc(locale, now.draft.updatedAt),
              })
            : t(locale, 'reply.error.draftGone');
          return renderForm(request, reply, 409, now, { ...form(), draftRevision: now.draft?.revision ?? 0 }, [
            { message },
          ]);
        }
        if (CONTENT_CODES.has(error.code)) {
          // A stored file the State may not cite (or that is gone) is dropped: it must be chosen again.
          for (const problem of error.errors) {
            const match = /^\/positions\/([^/]+)\/attachment$/.exec(problem.field);
            if (match && values[match[1]!]) values[match[1]!] = { ...values[match[1]!]!, attachment: null };
          }
          const errors = problemErrors(
            locale,
            procedure,
            error.errors.length > 0 ? error.errors : [{ field: '', message: error.message }],
            [],
            texts,
          );
          return renderForm(request, reply, 422, ws, form(), errors);
        }
        throw error;
      }
      const paths = replyPaths(id);
      return seeOther(
        reply,
        pageContext(web, request).href(posted.action === 'review' ? paths.review : `${paths.form}?notice=draft-saved`),
      );
    },
  );

  app.post(
    '/my/consultations/:id/reply/draft/discard',
    { schema: { params: MyConsultationParams, body: DiscardDraftForm }, preHandler: focalPointPost },
    async (request, reply) => {
      const { id } = request.params;
      const locale = pageContext(web, request).locale;
      const revision = countOf(request.body.draftRevision);
      if (revision === null) throw new AppError('VALIDATION_FAILED', 'The form lacks the draft revision');
      const actor = actorOf(request);
      const discarded = await discardReplyDraft(ctx, {
        actor,
        consultationId: id,
        memberState: actor.memberState,
        revision,
      });
      if (!discarded) {
        const ws = await workspace(request, id);
        if (isClosed(ws)) return renderClosed(request, reply, 409, ws);
        return renderForm(request, reply, 409, ws, initialFormValues(ws), [
          { message: t(locale, 'reply.error.draftNotDiscarded') },
        ]);
      }
      return seeOther(reply, pageContext(web, request).href(`${replyPaths(id).form}?notice=draft-discarded`));
    },
  );

  // ------------------------------------------------------------------ review and submission

  app.get(
    '/my/consultations/:id/reply/review',
    { schema: { params: MyConsultationParams }, preHandler: focalPoint },
    async (request, reply) => {
      const { id } = request.params;
      const page = pageContext(web, request);
      const ws = await workspace(request, id);
      if (isClosed(ws)) return renderClosed(request, reply, 200, ws);
      if (!ws.draft) return seeOther(reply, page.href(replyPaths(id).form));
      const { content } = ws.draft;
      // A draft saved with "Save draft" (or by a colleague) may be incomplete: the form says what is missing.
      const values = valuesOfDraft(content).values;
      const missing = missingChoiceErrors(page.locale, ws.loaded.procedure, ws.loaded.texts, values);
      const check = checkDraftPositions(ws.loaded, content);
      const problems = [
        ...check.problems.filter((p) => !(missing.length > 0 && p.field === '/positions')),
        ...signatureProblems(content),
      ];
      const errors = [
        ...missing,
        ...problemErrors(page.locale, ws.loaded.procedure, problems, check.sent, ws.loaded.texts),
      ];
      if (errors.length > 0) return renderForm(request, reply, 200, ws, initialFormValues(ws), errors);
      const view = presentReview(page.locale, ws, check.positions, content, ws.draft.revision, ctx.clock());
      return sendPage(
        reply,
        200,
        <ReplyReviewPage page={page} view={view} csrfToken={request.webSession!.csrfToken} />,
      );
    },
  );

  app.post(
    '/my/consultations/:id/reply/submit',
    { schema: { params: MyConsultationParams, body: SubmitReplyForm }, preHandler: focalPointPost },
    async (request, reply) => {
      const { id } = request.params;
      const locale = pageContext(web, request).locale;
      const revision = countOf(request.body.draftRevision);
      if (revision === null) throw new AppError('VALIDATION_FAILED', 'The form lacks the draft revision');
      const actor = actorOf(request);
      try {
        const { receipt } = await submitReplyDraft(ctx, {
          actor,
          consultationId: id,
          memberState: actor.memberState,
          draftRevision: revision,
        });
        return seeOther(
          reply,
          pageContext(web, request).href(`${replyPaths(id).receipt(receipt.version)}?notice=reply-submitted`),
        );
      } catch (error) {
        if (isClosedRefusal(error)) return refusedAsClosed(request, reply, id, error);
        if (!isAppError(error)) throw error;
        const ws = await workspace(request, id);
        if (error.code === 'STALE_REPLY' && error.errors[0]?.field === '/draft') {
          return renderForm(request, reply, 409, ws, initialFormValues(ws), [
            { message: t(locale, 'reply.error.reviewedDraftChanged') },
          ]);
        }
        if (error.code === 'STALE_REPLY' && ws.draft) {
          // Shown against the reply as it now is: a further review and submission replaces it knowingly.
          const form = {
            ...valuesOfDraft(ws.draft.content),
            basedOnVersion: ws.currentVersion,
            draftRevision: ws.draft.revision,
          };
          return renderForm(request, reply, 409, ws, form, [replyChangedMessage(locale, ws)]);
        }
        if (CONTENT_CODES.has(error.code) && ws.draft) {
          const check = checkDraftPositions(ws.loaded, ws.draft.content);
          const errors = problemErrors(
            locale,
            ws.loaded.procedure,
            error.errors.length > 0 ? error.errors : [{ field: '', message: error.message }],
            check.sent,
            ws.loaded.texts,
          );
          return renderForm(request, reply, 422, ws, initialFormValues(ws), errors);
        }
        throw error;
      }
    },
  );

  app.post(
    '/my/consultations/:id/reply/withdraw',
    { schema: { params: MyConsultationParams, body: WithdrawReplyForm }, preHandler: focalPointPost },
    async (request, reply) => {
      const { id } = request.params;
      const locale = pageContext(web, request).locale;
      const expectedVersion = countOf(request.body.basedOnVersion);
      if (expectedVersion === null)
        throw new AppError('VALIDATION_FAILED', 'The form lacks the version it was built from');
      const actor = actorOf(request);
      try {
        const { receipt } = await withdrawReply(ctx, {
          actor,
          consultationId: id,
          memberState: actor.memberState,
          channel: 'web',
          expectedVersion,
        });
        return seeOther(
          reply,
          pageContext(web, request).href(`${replyPaths(id).receipt(receipt.version)}?notice=reply-withdrawn`),
        );
      } catch (error) {
        if (isClosedRefusal(error)) return refusedAsClosed(request, reply, id, error);
        if (!isAppError(error) || (error.code !== 'STALE_REPLY' && error.code !== 'NO_CURRENT_REPLY')) throw error;
        const ws = await workspace(request, id);
        const message =
          error.code === 'STALE_REPLY'
            ? replyChangedMessage(locale, ws)
            : { message: t(locale, 'reply.error.nothingToWithdraw') };
        return renderForm(request, reply, 409, ws, initialFormValues(ws), [message]);
      }
    },
  );

  // ------------------------------------------------------------------ receipts and history

  app.get(
    '/my/consultations/:id/reply/receipt/:version',
    { schema: { params: MyReceiptParams, querystring: NoticeQuery }, preHandler: focalPoint },
    async (request, reply) => {
      const page = pageContext(web, request);
      const version = Number(request.params.version);
      const ws = await workspace(request, request.params.id);
      const stored = ws.versions.find((v) => v.version === version);
      if (!stored) throw new AppError('NOT_FOUND', `No version ${version} of your State's reply`);
      const receipt = await getMyReceipt(ctx, { actor: actorOf(request), consultationId: request.params.id, version });
      const view = presentReceipt(page.locale, ws, receipt, stored, noticeOf(page.locale, request.query.notice));
      return sendPage(reply, 200, <ReplyReceiptPage page={page} view={view} />);
    },
  );

  // The signed receipt as JSON (the API's document), for a browser signed in to the pages.
  app.get(
    '/my/consultations/:id/reply/receipt/:version/signed',
    { schema: { params: MyReceiptParams }, preHandler: focalPoint },
    async (request, reply) => {
      const receipt = await getMyReceipt(ctx, {
        actor: actorOf(request),
        consultationId: request.params.id,
        version: Number(request.params.version),
      });
      return reply
        .type('application/json; charset=utf-8')
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="receipt-${receipt.consultation.id}-${receipt.memberState}-v${receipt.version}.json"`,
        )
        .send(JSON.stringify(receipt, null, 2));
    },
  );

  app.get(
    '/my/consultations/:id/reply/history',
    { schema: { params: MyConsultationParams }, preHandler: focalPoint },
    async (request, reply) => {
      const page = pageContext(web, request);
      const ws = await workspace(request, request.params.id);
      return sendPage(reply, 200, <ReplyHistoryPage page={page} view={presentHistory(page.locale, ws)} />);
    },
  );
};
