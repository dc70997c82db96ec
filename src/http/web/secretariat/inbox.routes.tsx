import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../../domain/errors.js';
import { intlFor, type Locale, t } from '../../../i18n/i18n.js';
import {
  dismissMail,
  type InboundMessage,
  listInbox,
  readInboundMessage,
} from '../../../services/intake/mail-intake.js';
import { listParticipants } from '../../../services/member-states.js';
import type { FormError } from '../components/form.js';
import { noticeOf, pageContext, registerNotices } from '../page-context.js';
import { InboxMessagePage, InboxPage, type InboxRow } from '../pages/secretariat/inbox.page.js';
import { stateName } from '../presenters/secretariat-outcome.presenter.js';
import { seeOther, sendPage } from '../render.js';
import type { SessionHooks, WebContext } from '../web-session.js';
import { actorOf, secretariatGuards } from './circular-pages.js';

registerNotices({
  'inbox-recorded': 'sec.inbox.notice.recorded',
  'inbox-dismissed': 'sec.inbox.notice.dismissed',
});

const InboxQuery = Type.Object({
  handled: Type.Optional(Type.String({ maxLength: 5 })),
  notice: Type.Optional(Type.String({ maxLength: 50 })),
});
const MessageParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const DismissForm = Type.Object({
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
});

/** The most of a message's words the page shows. */
const TEXT_SHOWN = 4000;

/**
 * The replies received by e-mail (services/intake/mail-intake.ts), for the secretariat's staff:
 * the inbox, one message with its files and words, the message as received (.eml), and setting a
 * message aside. A message is recorded on the record page filled from it (`?message=`).
 */
export const inboxRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const { staff, staffPost } = secretariatGuards(hooks);

  /** The rows of messages, with the names of their States and the references of their circulars (read with them). */
  async function rowsOf(
    request: FastifyRequest,
    locale: Locale,
    messages: readonly InboundMessage[],
  ): Promise<InboxRow[]> {
    const page = pageContext(web, request);
    const states = await listParticipants(ctx);
    const name = (code: string | null) => {
      const state = code === null ? undefined : states.find((s) => s.code === code);
      return state ? stateName(locale, state) : code;
    };
    return messages.map((m) => ({
      id: m.id,
      receivedAt: m.receivedAt,
      channel: m.channel,
      from: m.fromAddress === null ? null : m.fromName ? `${m.fromName} <${m.fromAddress}>` : m.fromAddress,
      subject: m.subject,
      verdict: m.verdict,
      state: name(m.memberState),
      senderProblem: m.senderProblem,
      consultation:
        m.consultationId === null
          ? null
          : { id: m.consultationId, reference: m.consultationReference ?? m.consultationId },
      formProblem: m.formProblem,
      status: m.status,
      handledAt: m.handledAt,
      note: m.note,
      reply: m.reply === null ? null : { state: name(m.reply.memberState) ?? '', version: m.reply.version },
      recordHref:
        m.status === 'pending' && m.consultationId !== null
          ? page.href(
              `/secretariat/consultations/${encodeURIComponent(m.consultationId)}/replies/record?message=${encodeURIComponent(m.id)}`,
            )
          : null,
    }));
  }

  app.get('/secretariat/inbox', { schema: { querystring: InboxQuery }, preHandler: staff }, async (request, reply) => {
    const page = pageContext(web, request);
    const handled = request.query.handled === '1';
    const { messages, pending } = await listInbox(ctx, {
      actor: actorOf(request),
      status: handled ? 'handled' : 'pending',
    });
    const view = {
      handled,
      pending,
      rows: await rowsOf(request, page.locale, messages),
      notice: noticeOf(page.locale, request.query.notice),
    };
    return sendPage(reply, 200, <InboxPage page={page} view={view} />);
  });

  async function messagePage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    status: number,
    form: { note: string; errors: readonly FormError[] } = { note: '', errors: [] },
  ): Promise<FastifyReply> {
    const page = pageContext(web, request);
    const { message, raw } = await readInboundMessage(ctx, { actor: actorOf(request), id });
    const { simpleParser } = await import('mailparser');
    const parsed = await simpleParser(raw, { skipHtmlToText: false, skipTextLinks: true });
    const [row] = await rowsOf(request, page.locale, [message]);
    const sizeOf = (bytes: number) =>
      t(page.locale, 'sec.inbox.size', {
        size: intlFor(page.locale).formatNumber(bytes / 1024, { maximumFractionDigits: bytes < 10_240 ? 1 : 0 }),
      });
    const words = (parsed.text ?? '').trim();
    const view = {
      row: row!,
      envelopeFrom: message.envelopeFrom,
      messageId: message.messageId,
      sentAt: message.sentAt,
      authentication: message.authentication,
      attachments: parsed.attachments.map((a) => ({
        filename: a.filename ?? t(page.locale, 'sec.inbox.unnamed'),
        mediaType: a.contentType,
        size: sizeOf(a.size),
      })),
      text: words.length > TEXT_SHOWN ? `${words.slice(0, TEXT_SHOWN)}…` : words,
      sha256: message.rawSha256,
      handledBy: message.handledBy,
      note: form.note,
      errors: form.errors,
      csrfToken: request.webSession!.csrfToken,
    };
    return sendPage(reply, status, <InboxMessagePage page={page} view={view} />);
  }

  app.get('/secretariat/inbox/:id', { schema: { params: MessageParams }, preHandler: staff }, async (request, reply) =>
    messagePage(request, reply, request.params.id, 200),
  );

  // The message exactly as received: downloaded, never shown in the page (its HTML is the sender's).
  app.get(
    '/secretariat/inbox/:id/message.eml',
    { schema: { params: MessageParams }, preHandler: staff },
    async (request, reply) => {
      const { message, raw } = await readInboundMessage(ctx, { actor: actorOf(request), id: request.params.id });
      return reply
        .header('content-type', 'message/rfc822')
        .header('content-disposition', `attachment; filename="message-${message.id}.eml"`)
        .header('x-content-type-options', 'nosniff')
        .send(raw);
    },
  );

  app.post(
    '/secretariat/inbox/:id/dismiss',
    { schema: { params: MessageParams, body: DismissForm }, preHandler: staffPost },
    async (request, reply) => {
      const page = pageContext(web, request);
      const note = request.body.note ?? '';
      try {
        await dismissMail(ctx, { actor: actorOf(request), id: request.params.id, note });
      } catch (error) {
        if (!isAppError(error) || (error.code !== 'VALIDATION_FAILED' && error.code !== 'MESSAGE_HANDLED')) throw error;
        const message =
          error.code === 'MESSAGE_HANDLED'
            ? t(page.locale, 'sec.inbox.dismiss.handled')
            : t(page.locale, 'sec.inbox.dismiss.required', { max: 500 });
        return messagePage(request, reply, request.params.id, error.status === 409 ? 409 : 400, {
          note,
          errors: [error.code === 'MESSAGE_HANDLED' ? { message } : { field: 'field-note', message }],
        });
      }
      return seeOther(reply, page.href('/secretariat/inbox?notice=inbox-dismissed'));
    },
  );
};
