import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { AppError } from '../../domain/errors.js';
import { AUDIT_FILTER_MAX_LENGTH, auditRangeProblem } from '../../domain/audit/audit-filters.js';
import { IsoDay, Line, NO_NUL, Slug, StateCode, Text } from '../../schemas/common.schema.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/api-tokens.js';
import { readAttachment, uploadAttachment } from '../../services/attachments.js';
import { listAuditEvents, readAuditTrail } from '../../services/list-audit-events.js';
import { auditExport } from '../../presenters/exports.js';
import { sendAttachment } from '../attachment-reply.js';
import { sendTables, TABLE_CONTENT } from '../table-reply.js';
import { FormatQuery } from './params.schema.js';
import {
  listMemberStates,
  listParticipants,
  registerParticipant,
  setEligibility,
} from '../../services/member-states.js';
import type { ServiceContext } from '../../services/service-context.js';
import { presentMemberState } from '../../presenters/consultation.presenter.js';
import {
  presentAccount,
  presentAuditEvent,
  presentContact,
  presentJob,
  presentToken,
} from '../../presenters/admin.presenter.js';
import { inviteAccount, listAccounts, setAccountDisabled } from '../../services/identity/accounts.js';
import { REASON_MAX, resetAuthenticator } from '../../services/identity/authenticator-reset.js';
import { addContact, listContacts, setContactStatus } from '../../services/contacts.js';
import { getJob, listJobs } from '../../services/jobs/list-jobs.js';
import { readMailMessage } from '../../services/jobs/read-mail-message.js';
import { ShaParams } from './params.schema.js';
import {
  AccountView,
  AttachmentView,
  AuditEventView,
  ContactView,
  ItemsOf,
  JobView,
  MemberStateView,
  problemResponses,
  TokenView,
} from '../../schemas/responses.schema.js';

/** Member States, API tokens, the audit trail. */
export const adminRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext; mailDir: string }> = async (
  app,
  { ctx, mailDir },
) => {
  app.get(
    '/member-states',
    {
      schema: {
        tags: ['member-states'],
        summary: 'The Member States and whether each may reply',
        response: { 200: ItemsOf(MemberStateView), ...problemResponses },
      },
    },
    async () => ({ items: (await listMemberStates(ctx)).map(presentMemberState) }),
  );

  app.get(
    '/participants',
    {
      schema: {
        tags: ['member-states'],
        summary:
          'Every participant: the Member States and the organisations of other classes (Sector Members…), with whether each may reply',
        querystring: Type.Object(
          { class: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' })) },
          { additionalProperties: false },
        ),
        response: { 200: ItemsOf(MemberStateView), ...problemResponses },
      },
    },
    async (req) => ({
      items: (await listParticipants(ctx))
        .filter((p) => req.query.class === undefined || p.participantClass === req.query.class)
        .map(presentMemberState),
    }),
  );

  app.post(
    '/participants',
    {
      schema: {
        tags: ['member-states'],
        summary:
          'Register an organisation as a participant of a class a procedure consults (secretariat); the Member States come from the curated list',
        body: Type.Object(
          {
            code: Type.String({ maxLength: 64 }),
            participantClass: Type.String({ maxLength: 64 }),
            names: Type.Object(
              Object.fromEntries(
                (['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const).map((l) => [
                  l,
                  Type.Optional(Type.String({ maxLength: 400 })),
                ]),
              ),
              {
                additionalProperties: false,
                description: 'The name by UN language (ar, zh, en, fr, ru, es), one line each; English required',
              },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: MemberStateView, ...problemResponses },
      },
    },
    async (req, reply) => {
      const names = Object.fromEntries(
        Object.entries(req.body.names).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
      const participant = await registerParticipant(ctx, { actor: req.actor, participant: { ...req.body, names } });
      return reply.code(201).send(presentMemberState(participant));
    },
  );

  app.put(
    '/member-states/:code/eligibility',
    {
      schema: {
        tags: ['member-states'],
        summary: 'Set whether a State may reply, with the reason (secretariat)',
        params: Type.Object({ code: StateCode }, { additionalProperties: false }),
        body: Type.Object(
          {
            mayReply: Type.Boolean(),
            note: Type.Optional(Type.Union([Line(2000), Type.Null()])),
            since: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 200: MemberStateView, ...problemResponses },
      },
    },
    async (req) =>
      presentMemberState(
        await setEligibility(ctx, {
          actor: req.actor,
          code: req.params.code,
          mayReply: req.body.mayReply,
          note: req.body.note ?? null,
          since: req.body.since ?? null,
        }),
      ),
  );

  app.get(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'API tokens (secretariat); secrets are never shown again',
        response: { 200: ItemsOf(TokenView), ...problemResponses },
      },
    },
    async (req) => ({ items: (await listApiTokens(ctx, { actor: req.actor })).map(presentToken) }),
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token (secretariat); the secret is in this response only',
        body: Type.Object(
          {
            role: Type.Union([Type.Literal('secretariat'), Type.Literal('focal_point'), Type.Literal('observer')]),
            memberState: Type.Optional(StateCode),
            label: Line(200),
            expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ token: TokenView, secret: Type.String() }), ...problemResponses },
      },
    },
    async (req, reply) => {
      const created = await createApiToken(ctx, {
        actor: req.actor,
        role: req.body.role,
        memberState: req.body.memberState,
        label: req.body.label,
        expiresInDays: req.body.expiresInDays,
      });
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ token: presentToken(created.token), secret: created.secret });
    },
  );

  app.delete(
    '/tokens/:tokenId',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token (secretariat)',
        params: Type.Object({ tokenId: Text(64) }),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (req, reply) => {
      await revokeApiToken(ctx, { actor: req.actor, tokenId: req.params.tokenId });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail, oldest first, filtered (secretariat)',
        description:
          'The events the filters select, all of them given holding together: `consultation` (its events), `action` (a code such as `reply.submitted`, compared whole), `who` (the recorded id of who acted, such as `account:…`, `token:…`, `operator:…` or `public`, compared whole), `state` (the Member State an event concerns: one of its replies, its eligibility, data naming it, or something done by the account of one of its focal points) and `from`/`to` (UTC days, both inclusive; a `to` before `from` is refused, at `/querystring/to`). A value of the wrong form is refused at its parameter (400 `VALIDATION_FAILED`). Pages of `limit` of those events (100 by default, at most 1,000) after the event `after`. With `?format=csv` or `?format=xlsx` (headings in `?lang=`), a file of every selected event after `after` (or of the first `limit` when given): number, time, who (with the account name for an administrator), the action in words and as its code, the consultation, what it concerns, its data as JSON and its hash.',
        querystring: Type.Object(
          {
            consultation: Type.Optional(Slug),
            action: Type.Optional(Line(AUDIT_FILTER_MAX_LENGTH)),
            who: Type.Optional(Line(AUDIT_FILTER_MAX_LENGTH)),
            state: Type.Optional(StateCode),
            from: Type.Optional(IsoDay),
            to: Type.Optional(IsoDay),
            after: Type.Optional(Type.String({ pattern: '^\\d{1,15}$' })),
            limit: Type.Optional(Type.String({ pattern: '^\\d{1,4}$' })),
            ...FormatQuery.properties,
          },
          { additionalProperties: false },
        ),
        response: {
          200: {
            description: 'The events (JSON), or the file asked for by `format`',
            content: { 'application/json': { schema: ItemsOf(AuditEventView) }, ...TABLE_CONTENT },
          },
          ...problemResponses,
        },
      },
    },
    async (req, reply) => {
      const afterSeq = req.query.after === undefined ? undefined : Number(req.query.after);
      const limit = req.query.limit === undefined ? undefined : Number(req.query.limit);
      const format = req.query.format ?? 'json';
      const consultationId = req.query.consultation;
      const { action, who, state, from, to } = req.query;
      const filters = { action, who, state, from, to };
      // A range that ends before it starts selects nothing; asked of the API, it is a mistake to say,
      // at the parameter, named as the schema's problems name the others (`/querystring/to`).
      const reversed = auditRangeProblem(filters);
      if (reversed !== undefined)
        throw new AppError('VALIDATION_FAILED', reversed.message, {
          errors: [{ ...reversed, field: `/querystring${reversed.field}` }],
        });
      const search = { actor: req.actor, consultationId, filters, afterSeq };
      if (format === 'json') {
        const events = await listAuditEvents(ctx, { ...search, limit });
        return reply.send({ items: events.map(presentAuditEvent) });
      }
      const events =
        limit === undefined ? await readAuditTrail(ctx, search) : await listAuditEvents(ctx, { ...search, limit });
      // Names of accounts for an administrator (who may list accounts), as on the audit page.
      const admin = req.actor.kind === 'secretariat' && req.actor.admin === true;
      const names = new Map(admin ? (await listAccounts(ctx, { actor: req.actor })).map((a) => [a.id, a.name]) : []);
      const locale = req.query.lang ?? 'en';
      return sendTables(reply, format, auditExport(locale, events, { names, consultationId }), locale);
    },
  );
  app.get(
    '/accounts',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Accounts (secretariat administrators)',
        querystring: Type.Object({ state: Type.Optional(StateCode) }, { additionalProperties: false }),
        response: { 200: ItemsOf(AccountView), ...problemResponses },
      },
    },
    async (req) => ({
      items: (await listAccounts(ctx, { actor: req.actor, memberState: req.query.state })).map(presentAccount),
    }),
  );

  app.post(
    '/accounts/invitations',
    {
      schema: {
        tags: ['accounts'],
        summary:
          'Invite a person (new account, or a new link for an existing one): a single-use, expiring link is e-mailed and returned once',
        body: Type.Object(
          {
            email: Type.String({ minLength: 3, maxLength: 254, pattern: NO_NUL }),
            name: Line(200),
            role: Type.Union([
              Type.Literal('secretariat_admin'),
              Type.Literal('secretariat_staff'),
              Type.Literal('focal_point'),
              Type.Literal('observer'),
            ]),
            memberState: Type.Optional(StateCode),
            rank: Type.Optional(Type.Union([Type.Literal('primary'), Type.Literal('alternate')])),
            language: Type.Optional(Type.Union(['ar', 'zh', 'en', 'fr', 'ru', 'es'].map((l) => Type.Literal(l)))),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ account: AccountView, invitationPath: Type.String(), expiresAt: Type.String() }),
          ...problemResponses,
        },
      },
    },
    async (req, reply) => {
      const invited = await inviteAccount(ctx, { actor: req.actor, ...req.body });
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({
          account: presentAccount(invited.account),
          invitationPath: invited.invitationPath,
          expiresAt: new Date(invited.expiresAt).toISOString(),
        });
    },
  );

  app.patch(
    '/accounts/:accountId',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Disable or enable an account (its sessions end and its tokens stop at once; its history stays)',
        params: Type.Object({ accountId: Text(64) }, { additionalProperties: false }),
        body: Type.Object({ disabled: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: AccountView, ...problemResponses },
      },
    },
    async (req) =>
      presentAccount(
        await setAccountDisabled(ctx, {
          actor: req.actor,
          accountId: req.params.accountId,
          disabled: req.body.disabled,
        }),
      ),
  );

  app.post(
    '/accounts/:accountId/authenticator-reset',
    {
      schema: {
        tags: ['accounts'],
        summary:
          'Reset a lost authenticator (administrators): the TOTP key and recovery codes are cleared, the sessions end, and a single-use link to set up a new one with the same password is e-mailed and returned once',
        description:
          'The reason is kept in the audit trail with who acted (`account.authenticator-reset`). Until the person uses the link and confirms a new authenticator, their password alone signs them in nowhere. 409 CONFLICT for a disabled account, one that has not accepted its invitation, or one without an authenticator to reset.',
        params: Type.Object({ accountId: Text(64) }, { additionalProperties: false }),
        body: Type.Object({ reason: Line(REASON_MAX) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ account: AccountView, enrolmentPath: Type.String(), expiresAt: Type.String() }),
          ...problemResponses,
        },
      },
    },
    async (req, reply) => {
      const reset = await resetAuthenticator(ctx, {
        actor: req.actor,
        accountId: req.params.accountId,
        reason: req.body.reason,
      });
      return reply.header('cache-control', 'no-store').send({
        account: presentAccount(reset.account),
        enrolmentPath: reset.enrolmentPath,
        expiresAt: new Date(reset.expiresAt).toISOString(),
      });
    },
  );

  app.get(
    '/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'E-mail recipients: focal points of Member States and observers (secretariat)',
        querystring: Type.Object({ state: Type.Optional(StateCode) }, { additionalProperties: false }),
        response: { 200: ItemsOf(ContactView), ...problemResponses },
      },
    },
    async (req) => ({
      items: (await listContacts(ctx, { actor: req.actor, memberState: req.query.state })).map(presentContact),
    }),
  );

  app.post(
    '/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Add an e-mail recipient (secretariat)',
        body: Type.Object(
          {
            email: Type.String({ minLength: 3, maxLength: 254, pattern: NO_NUL }),
            name: Line(200),
            role: Type.Union([Type.Literal('focal_point'), Type.Literal('observer')]),
            memberState: Type.Optional(StateCode),
            language: Type.Optional(Type.Union(['ar', 'zh', 'en', 'fr', 'ru', 'es'].map((l) => Type.Literal(l)))),
          },
          { additionalProperties: false },
        ),
        response: { 201: ContactView, ...problemResponses },
      },
    },
    async (req, reply) => {
      const contact = await addContact(ctx, { actor: req.actor, ...req.body });
      return reply.code(201).send(presentContact(contact));
    },
  );

  app.patch(
    '/contacts/:contactId',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Stop or resume e-mails to a contact (secretariat)',
        params: Type.Object({ contactId: Text(64) }, { additionalProperties: false }),
        body: Type.Object({ active: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: ContactView, ...problemResponses },
      },
    },
    async (req) =>
      presentContact(
        await setContactStatus(ctx, { actor: req.actor, contactId: req.params.contactId, active: req.body.active }),
      ),
  );

  app.get(
    '/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Background jobs and e-mail deliveries, newest first, with counts by state (secretariat)',
        querystring: Type.Object(
          {
            kind: Type.Optional(Text(40)),
            state: Type.Optional(
              Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('dead')]),
            ),
            consultation: Type.Optional(Slug),
            limit: Type.Optional(Type.String({ pattern: '^\\d{1,4}$' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ counts: Type.Record(Type.String(), Type.Integer()), items: Type.Array(JobView) }),
          ...problemResponses,
        },
      },
    },
    async (req) => {
      const { jobs, counts } = await listJobs(ctx, {
        actor: req.actor,
        kind: req.query.kind,
        state: req.query.state,
        consultationId: req.query.consultation,
        limit: req.query.limit === undefined ? undefined : Math.min(1000, Math.max(1, Number(req.query.limit))),
      });
      return { counts, items: jobs.map(presentJob) };
    },
  );

  app.get(
    '/jobs/:jobId',
    {
      schema: {
        tags: ['jobs'],
        summary: 'One job (secretariat)',
        params: Type.Object({ jobId: Text(400) }),
        response: { 200: JobView, ...problemResponses },
      },
    },
    async (req) => presentJob(await getJob(ctx, { actor: req.actor, jobId: req.params.jobId })),
  );

  app.get(
    '/jobs/:jobId/message',
    {
      schema: {
        tags: ['jobs'],
        summary: 'The message of an e-mail written as an .eml file (no SMTP server configured) (secretariat)',
        params: Type.Object({ jobId: Text(400) }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', description: 'message/rfc822' }), ...problemResponses },
      },
    },
    async (req, reply) =>
      reply
        .type('message/rfc822')
        .send(await readMailMessage(ctx, { actor: req.actor, jobId: req.params.jobId, mailDir })),
  );
};

/**
 * Attachments travel as the raw file (Content-Type of the file, name in `?filename=`), not as
 * JSON: the type is judged again from the bytes, and the body limit is the attachment limit.
 */
export const attachmentRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ctx.attachmentMaxBytes }, (_req, body, done) =>
    done(null, body),
  );

  app.post(
    '/attachments',
    {
      schema: {
        tags: ['attachments'],
        summary: 'Upload a file (comments, reasons, the scan of a form); returns its SHA-256 to cite in a reply',
        querystring: Type.Object(
          { filename: Type.Optional(Type.String({ minLength: 1, maxLength: 255, pattern: NO_NUL })) },
          { additionalProperties: false },
        ),
        response: { 201: AttachmentView, ...problemResponses },
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body))
        throw new AppError('VALIDATION_FAILED', 'Send the file as the request body', {
          errors: [{ field: '/file', message: 'Required' }],
        });
      const meta = await uploadAttachment(ctx, {
        actor: req.actor,
        filename: req.query.filename ?? 'attachment',
        content: req.body,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/attachments/${meta.sha256}`)
        .send({ sha256: meta.sha256, mediaType: meta.mediaType, filename: meta.filename, size: meta.size });
    },
  );

  app.get(
    '/attachments/:sha256',
    {
      schema: {
        tags: ['attachments'],
        summary: 'Download an attachment (secretariat, its uploader, or the State whose reply cites it)',
        params: ShaParams,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file' }),
          ...problemResponses,
        },
      },
    },
    async (req, reply) => {
      const file = await readAttachment(ctx, { actor: req.actor, sha256: req.params.sha256 });
      // Named by its content's hash: the same address never changes.
      return sendAttachment(reply, file, 'private, max-age=31536000, immutable');
    },
  );
};
