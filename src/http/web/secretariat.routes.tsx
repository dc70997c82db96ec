import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DeterminedText } from '../../domain/consultation/consultation.js';
import { isUnLanguage } from '../../domain/consultation/localise.js';
import { AppError, isAppError, type FieldProblem } from '../../domain/errors.js';
import type { Actor } from '../../domain/policy/actor.js';
import { citeClause, tapClauses } from '../../domain/procedure/tap/tap-clauses.js';
import { toIsoDay } from '../../domain/time/instants.js';
import { t, type Locale } from '../../i18n/i18n.js';
import type { StoredAuditEvent } from '../../domain/audit/audit-event.js';
import { createConsultation } from '../../services/create-consultation.js';
import { getConsultation, listConsultations, type ConsultationView } from '../../services/get-consultation.js';
import { inviteAccount, listAccounts, setAccountDisabled } from '../../services/identity/accounts.js';
import { issueConsultation } from '../../services/issue-consultation.js';
import { listAuditEvents } from '../../services/list-audit-events.js';
import { addText, editText, removeText } from '../../services/manage-texts.js';
import { listMemberStates } from '../../services/member-states.js';
import { listReplies } from '../../services/read-replies.js';
import { updateConsultation } from '../../services/update-consultation.js';
import { verifyAuditChain } from '../../services/verify-audit-chain.js';
import type { FormError } from './components/form.js';
import { NoticeQuery } from './forms.schema.js';
import { noticeOf, pageContext, registerNotices } from './page-context.js';
import { AccountsPage } from './pages/secretariat/accounts.page.js';
import { AuditPage } from './pages/secretariat/audit.page.js';
import type { CircularFormView } from './pages/secretariat/circular-form.js';
import { CircularNewPage } from './pages/secretariat/circular-new.page.js';
import { CircularPage } from './pages/secretariat/circular.page.js';
import { CircularsPage } from './pages/secretariat/circulars.page.js';
import { PreviewPage } from './pages/secretariat/preview.page.js';
import { RemoveTextPage, TextPage } from './pages/secretariat/text.page.js';
import {
  formTiming,
  issueBlockers,
  lastSignIns,
  presentAccounts,
  presentAuditRows,
  presentChain,
  presentCircular,
  presentCirculars,
  presentIssueProblems,
  presentStateOptions,
  presentTiming,
  type ChainView,
} from './presenters/secretariat.presenter.js';
import { seeOther, sendPage } from './render.js';
import {
  AccountParams,
  AccountsQuery,
  AuditQuery,
  blankCircular,
  blankText,
  BLANK_INVITE,
  CIRCULAR_FORM_BODY_LIMIT,
  CIRCULAR_LABELS,
  circularFieldOfPointer,
  CircularForm,
  circularValues,
  ConsultationParams,
  IssueForm,
  InviteForm,
  patchOf,
  readCircularForm,
  readInviteForm,
  readTextForm,
  RemoveTextForm,
  SecCsrfOnlyForm,
  TEXT_FORM_BODY_LIMIT,
  TextForm,
  TextParams,
  textPatchOf,
  textValues,
  translationFieldName,
  translationLabel,
  type CircularValues,
  type InviteValues,
  type TextValues,
} from './secretariat.forms.js';
import type { SessionHooks, WebContext } from './web-session.js';

registerNotices({
  'sec-created': 'sec.notice.created',
  'sec-saved': 'sec.notice.saved',
  'sec-text-added': 'sec.notice.textAdded',
  'sec-text-saved': 'sec.notice.textSaved',
  'sec-text-removed': 'sec.notice.textRemoved',
  'sec-issued': 'sec.notice.issued',
  'sec-account-disabled': 'sec.notice.accountDisabled',
  'sec-account-enabled': 'sec.notice.accountEnabled',
});

/** Audit rows per page of the trail. */
const AUDIT_PAGE_SIZE = 50;
/** Rows read per call while walking the trail (the service's largest page). */
const AUDIT_BATCH = 1000;

const circularPath = (id: string) => `/secretariat/consultations/${encodeURIComponent(id)}`;

/** True when `error` is an AppError with this code. */
const hasCode = (error: unknown, code: AppError['code']): error is AppError => isAppError(error) && error.code === code;

/**
 * The whole audit trail the actor may read, oldest first, optionally of one circular. The
 * service pages by sequence number from the oldest row; newest-first paging and the filter by
 * action are done on what it returns.
 */
async function readTrail(
  web: WebContext,
  actor: Actor,
  consultationId: string | undefined,
): Promise<StoredAuditEvent[]> {
  const all: StoredAuditEvent[] = [];
  for (;;) {
    const batch = await listAuditEvents(web.ctx, {
      actor,
      consultationId,
      afterSeq: all.at(-1)?.seq,
      limit: AUDIT_BATCH,
    });
    all.push(...batch);
    if (batch.length < AUDIT_BATCH) return all;
  }
}

/** The codes of the Member States (forms check the codes typed or chosen). */
async function stateCodes(web: WebContext): Promise<Set<string>> {
  return new Set((await listMemberStates(web.ctx)).map((s) => s.code));
}

/** A language's name in the reader's words ("French"). */
const languageWords = (locale: Locale, language: string) =>
  new Intl.DisplayNames([locale], { type: 'language' }).of(language) ?? language;

/**
 * A problem with a translation (`/translations/fr`, `/translations/fr/summary`, or the same under
 * `/texts/<n>` when a circular is created with its texts), at the field of that language, or null
 * when `pointer` is not a translation's. `field`: the form's field a whole-language problem is
 * shown at (the subject; a text's title).
 */
function translationProblem(
  locale: Locale,
  pointer: string,
  field: 'subject' | 'title',
  languageOfRecord: string,
): FormError | null {
  const match = /^(?:\/texts\/\d+)?\/translations\/([^/]+)(?:\/(subject|title|summary))?$/.exec(pointer);
  if (!match) return null;
  const language = match[1]!;
  if (!isUnLanguage(language)) return { message: t(locale, 'sec.field.rejectedForm') };
  const at = (match[2] as 'subject' | 'title' | 'summary' | undefined) ?? field;
  const id = `field-${translationFieldName(at, language)}`;
  if (match[2] === undefined && language === languageOfRecord)
    return {
      field: id,
      message: t(locale, 'sec.translations.isRecord', { language: languageWords(locale, language) }),
    };
  if (at === 'summary')
    return {
      field: id,
      message: t(locale, 'sec.translations.summaryWithoutSummary', {
        language: languageWords(locale, language),
        record: languageWords(locale, languageOfRecord),
      }),
    };
  return { field: id, message: t(locale, 'sec.field.rejected', { field: translationLabel(locale, at, language) }) };
}

/**
 * Field problems of a consultation service, at their fields of the circular form, in the
 * catalogue's words. `languageOfRecord`: as posted; `texts`: the circular's texts, whose
 * translations into a new language of record stop the change (`/languageOfRecord`).
 */
function circularProblems(
  locale: Locale,
  problems: readonly FieldProblem[],
  languageOfRecord: string,
  texts: readonly DeterminedText[] = [],
): FormError[] {
  const errors: FormError[] = [];
  const push = (error: FormError) => {
    if (!errors.some((e) => e.message === error.message)) errors.push(error);
  };
  for (const problem of problems) {
    const translation = translationProblem(locale, problem.field, 'subject', languageOfRecord);
    if (translation) {
      push(translation);
      continue;
    }
    if (problem.field === '/languageOfRecord' && isUnLanguage(languageOfRecord)) {
      const translated = texts
        .filter((text) => text.translations[languageOfRecord] !== undefined)
        .map((text) => text.designation);
      const designations = new Intl.ListFormat([locale], { type: 'conjunction' }).format(translated);
      push({
        field: 'field-languageOfRecord',
        message: t(locale, 'sec.circular.languageOfRecord.translatedTexts', {
          designations,
          count: translated.length,
          language: languageWords(locale, languageOfRecord),
        }),
      });
      continue;
    }
    const field = circularFieldOfPointer(problem.field);
    const message =
      field === null
        ? t(locale, 'sec.field.rejectedForm')
        : t(locale, 'sec.field.rejected', { field: t(locale, CIRCULAR_LABELS[field]) });
    push(field === null ? { message } : { field: `field-${field}`, message });
  }
  return errors.length > 0 ? errors : [{ message: t(locale, 'sec.field.rejectedForm') }];
}

/**
 * Field problems of addText/editText at their fields of the text form: a translation's at that
 * language's field; anything else is a designation another text has (added meanwhile in another tab).
 */
function textProblems(
  locale: Locale,
  problems: readonly FieldProblem[],
  designation: string,
  languageOfRecord: string,
): FormError[] {
  const errors: FormError[] = [];
  for (const problem of problems) {
    const error = translationProblem(locale, problem.field, 'title', languageOfRecord) ?? {
      field: 'field-designation',
      message: t(locale, 'sec.text.designation.duplicate', { designation }),
    };
    if (!errors.some((e) => e.message === error.message)) errors.push(error);
  }
  return errors.length > 0
    ? errors
    : [{ field: 'field-designation', message: t(locale, 'sec.text.designation.duplicate', { designation }) }];
}

/**
 * The secretariat's pages for preparing and issuing circulars, the accounts and invitations
 * (administrators), and the audit trail. Every page needs a verified secretariat session (the
 * public is sent to sign in; focal points and observers get the 403 page); every form carries
 * the session's CSRF token; every successful post redirects (post-redirect-get).
 */
export const secretariatRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const staff = [hooks.loadSession, hooks.requireSecretariat];
  const staffPost = [hooks.loadSession, hooks.requireSecretariat, hooks.verifySessionCsrf];
  const admin = [hooks.loadSession, hooks.requireAdmin];
  const adminPost = [hooks.loadSession, hooks.requireAdmin, hooks.verifySessionCsrf];
  const actorOf = (request: FastifyRequest) => request.webSession!.actor;

  /* ---------------------------------------------------------------- the circulars */

  app.get('/secretariat', { schema: { querystring: NoticeQuery }, preHandler: staff }, async (request, reply) => {
    const page = pageContext(web, request);
    const actor = actorOf(request);
    const views = await listConsultations(ctx, { actor });
    const received = new Map<string, number>();
    for (const view of views) {
      if (view.state === 'draft') continue;
      const overview = await listReplies(ctx, { actor, consultationId: view.loaded.consultation.id });
      received.set(
        view.loaded.consultation.id,
        overview.rows.filter((row) => row.latest !== null && row.latest.status === 'submitted').length,
      );
    }
    const view = {
      ...presentCirculars(page.locale, views, received),
      notice: noticeOf(page.locale, request.query.notice),
    };
    return sendPage(reply, 200, <CircularsPage page={page} view={view} />);
  });

  /* ---------------------------------------------------------------- a new circular */

  function renderNew(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    values: CircularValues,
    errors: FormError[],
  ): FastifyReply {
    const page = pageContext(web, request);
    const form: CircularFormView = {
      values,
      errors,
      timing: formTiming(page.locale, values, ctx.calendar, ctx.timingPolicy),
      csrfToken: request.webSession!.csrfToken,
    };
    return sendPage(reply, status, <CircularNewPage page={page} view={form} />);
  }

  app.get('/secretariat/consultations/new', { preHandler: staff }, async (request, reply) =>
    renderNew(request, reply, 200, blankCircular(toIsoDay(ctx.clock())), []),
  );

  app.post(
    '/secretariat/consultations/new',
    { schema: { body: CircularForm }, bodyLimit: CIRCULAR_FORM_BODY_LIMIT, preHandler: staffPost },
    async (request, reply) => {
      const page = pageContext(web, request);
      const read = readCircularForm(page.locale, request.body, ctx.clock(), await stateCodes(web));
      if (read.input === null) return renderNew(request, reply, 400, read.values, read.errors);
      try {
        const created = await createConsultation(ctx, { actor: actorOf(request), input: read.input });
        return seeOther(reply, page.href(`${circularPath(created.id)}?notice=sec-created`));
      } catch (error) {
        if (hasCode(error, 'CONFLICT')) {
          const message = t(page.locale, 'sec.circular.number.taken', {
            bureau: read.values.bureau,
            number: read.values.number,
            year: read.values.date.slice(0, 4),
          });
          return renderNew(request, reply, 409, read.values, [{ field: 'field-number', message }]);
        }
        if (hasCode(error, 'VALIDATION_FAILED'))
          return renderNew(
            request,
            reply,
            400,
            read.values,
            circularProblems(page.locale, error.errors, read.values.languageOfRecord),
          );
        throw error;
      }
    },
  );

  /* ---------------------------------------------------------------- one circular */

  interface CircularRender {
    /** The form as typed (drafts), instead of the stored values. */
    readonly values?: CircularValues;
    readonly formErrors?: FormError[];
    readonly errors?: FormError[];
    readonly stale?: boolean;
    readonly notice?: string | null;
  }

  function circularPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    current: ConsultationView,
    options: CircularRender = {},
  ): FastifyReply {
    const page = pageContext(web, request);
    const { loaded } = current;
    const circular = presentCircular(page.locale, loaded, current.state, current.timing);
    const draft = loaded.consultation.issuedAt === null;
    const values = options.values ?? circularValues(loaded.consultation, loaded.revision);
    const form: CircularFormView | null = draft
      ? {
          values,
          errors: options.formErrors ?? [],
          timing: options.values
            ? formTiming(page.locale, values, ctx.calendar, ctx.timingPolicy)
            : presentTiming(page.locale, current.timing),
          csrfToken: request.webSession!.csrfToken,
        }
      : null;
    const view = {
      circular,
      form,
      errors: options.errors ?? [],
      stale: options.stale ?? false,
      notice: options.notice ?? null,
    };
    return sendPage(reply, status, <CircularPage page={page} view={view} />);
  }

  /** The issued circular's page, saying that it can no longer be changed (409). */
  function issuedRefusal(request: FastifyRequest, reply: FastifyReply, current: ConsultationView): FastifyReply {
    const locale = pageContext(web, request).locale;
    const clauses = tapClauses(current.loaded.consultation.resolutionEdition);
    const message = t(locale, 'sec.circular.issued.error', {
      reference: current.loaded.consultation.reference,
      clause: citeClause(clauses, '§9.3.1'),
    });
    return circularPage(request, reply, 409, current, { errors: [{ message }] });
  }

  const load = (request: FastifyRequest, id: string) =>
    getConsultation(ctx, { actor: actorOf(request), consultationId: id });

  app.get(
    '/secretariat/consultations/:id',
    { schema: { params: ConsultationParams, querystring: NoticeQuery }, preHandler: staff },
    async (request, reply) => {
      const current = await load(request, request.params.id);
      return circularPage(request, reply, 200, current, {
        notice: noticeOf(pageContext(web, request).locale, request.query.notice),
      });
    },
  );

  app.post(
    '/secretariat/consultations/:id',
    {
      schema: { params: ConsultationParams, body: CircularForm },
      bodyLimit: CIRCULAR_FORM_BODY_LIMIT,
      preHandler: staffPost,
    },
    async (request, reply) => {
      const page = pageContext(web, request);
      const id = request.params.id;
      const current = await load(request, id);
      if (current.loaded.consultation.issuedAt !== null) return issuedRefusal(request, reply, current);
      const read = readCircularForm(
        page.locale,
        request.body,
        ctx.clock(),
        await stateCodes(web),
        current.loaded.consultation,
      );
      if (read.input === null)
        return circularPage(request, reply, 400, current, { values: read.values, formErrors: read.errors });
      try {
        await updateConsultation(ctx, {
          actor: actorOf(request),
          consultationId: id,
          patch: patchOf(read.input),
          ...(read.revision !== undefined && { expectedRevision: read.revision }),
        });
        return seeOther(reply, page.href(`${circularPath(id)}?notice=sec-saved`));
      } catch (error) {
        if (hasCode(error, 'STALE_REPLY')) {
          // Saved by someone else meanwhile: nothing of this form was saved. The form keeps what was
          // typed, now at the stored revision, so that saving again (after checking) replaces it.
          const fresh = await load(request, id);
          const values = { ...read.values, revision: String(fresh.loaded.revision) };
          return circularPage(request, reply, 409, fresh, {
            values,
            stale: true,
            errors: [{ message: t(page.locale, 'sec.circular.stale.summary') }],
          });
        }
        if (hasCode(error, 'CONSULTATION_ISSUED')) return issuedRefusal(request, reply, await load(request, id));
        if (hasCode(error, 'VALIDATION_FAILED')) {
          return circularPage(request, reply, 400, current, {
            values: read.values,
            formErrors: circularProblems(page.locale, error.errors, read.values.languageOfRecord, current.loaded.texts),
          });
        }
        throw error;
      }
    },
  );

  /* ---------------------------------------------------------------- texts */

  function textPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    current: ConsultationView,
    textId: string | null,
    values: TextValues,
    errors: FormError[],
  ): FastifyReply {
    const page = pageContext(web, request);
    const c = current.loaded.consultation;
    const stored = textId === null ? null : current.loaded.texts.find((x) => x.id === textId);
    const view = {
      consultationId: c.id,
      reference: c.reference,
      textId,
      designation: stored?.designation ?? null,
      values,
      errors,
      summaryClause: citeClause(tapClauses(c.resolutionEdition), '§9.3.4'),
      languageOfRecord: c.languageOfRecord,
      csrfToken: request.webSession!.csrfToken,
    };
    return sendPage(reply, status, <TextPage page={page} view={view} />);
  }

  /** The text of a circular, or NOT_FOUND. */
  function textOf(current: ConsultationView, textId: string) {
    const text = current.loaded.texts.find((x) => x.id === textId);
    if (!text)
      throw new AppError('NOT_FOUND', `No text "${textId}" in consultation "${current.loaded.consultation.id}"`);
    return text;
  }

  /**
   * The text form again after the service refused it: a designation another text has (added
   * meanwhile in another tab: 409), or a translation it does not accept (400), at its field.
   */
  function textRefused(
    request: FastifyRequest,
    reply: FastifyReply,
    current: ConsultationView,
    textId: string | null,
    values: TextValues,
    problems: readonly FieldProblem[],
  ): FastifyReply {
    const locale = pageContext(web, request).locale;
    const errors = textProblems(locale, problems, values.designation, current.loaded.consultation.languageOfRecord);
    const status = errors.some((e) => e.field === 'field-designation') ? 409 : 400;
    return textPage(request, reply, status, current, textId, values, errors);
  }

  app.get(
    '/secretariat/consultations/:id/texts/new',
    { schema: { params: ConsultationParams }, preHandler: staff },
    async (request, reply) => {
      const current = await load(request, request.params.id);
      if (current.loaded.consultation.issuedAt !== null) return issuedRefusal(request, reply, current);
      const next = Math.max(0, ...current.loaded.texts.map((x) => x.order)) + 1;
      return textPage(request, reply, 200, current, null, blankText(next), []);
    },
  );

  app.post(
    '/secretariat/consultations/:id/texts/new',
    { schema: { params: ConsultationParams, body: TextForm }, bodyLimit: TEXT_FORM_BODY_LIMIT, preHandler: staffPost },
    async (request, reply) => {
      const page = pageContext(web, request);
      const id = request.params.id;
      const current = await load(request, id);
      if (current.loaded.consultation.issuedAt !== null) return issuedRefusal(request, reply, current);
      const read = readTextForm(page.locale, request.body, current.loaded.texts, { isNew: true });
      if (read.input === null) return textPage(request, reply, 400, current, null, read.values, read.errors);
      try {
        await addText(ctx, { actor: actorOf(request), consultationId: id, input: read.input });
        return seeOther(reply, page.href(`${circularPath(id)}?notice=sec-text-added`));
      } catch (error) {
        if (hasCode(error, 'CONSULTATION_ISSUED')) return issuedRefusal(request, reply, await load(request, id));
        if (hasCode(error, 'VALIDATION_FAILED'))
          return textRefused(request, reply, current, null, read.values, error.errors);
        throw error;
      }
    },
  );

  app.get(
    '/secretariat/consultations/:id/texts/:textId',
    { schema: { params: TextParams }, preHandler: staff },
    async (request, reply) => {
      const current = await load(request, request.params.id);
      const text = textOf(current, request.params.textId);
      if (current.loaded.consultation.issuedAt !== null) return issuedRefusal(request, reply, current);
      return textPage(request, reply, 200, current, text.id, textValues(text), []);
    },
  );

  app.post(
    '/secretariat/consultations/:id/texts/:textId',
    { schema: { params: TextParams, body: TextForm }, bodyLimit: TEXT_FORM_BODY_LIMIT, preHandler: staffPost },
    async (request, reply) => {
      const page = pageContext(web, request);
      const { id, textId } = request.params;
      const current = await load(request, id);
      const text = textOf(current, textId);
      if (current.loaded.consultation.issuedAt !== null) return issuedRefusal(request, reply, current);
      const read = readTextForm(
        page.locale,
        request.body,
        current.loaded.texts.filter((x) => x.id !== text.id),
        { isNew: false, stored: text },
      );
      if (read.input === null) return textPage(request, reply, 400, current, text.id, read.values, read.errors);
      const input = read.input;
      try {
        await editText(ctx, {
          actor: actorOf(request),
          consultationId: id,
          textId: text.id,
          patch: textPatchOf(input),
        });
        return seeOther(reply, page.href(`${circularPath(id)}?notice=sec-text-saved`));
      } catch (error) {
        if (hasCode(error, 'CONSULTATION_ISSUED')) return issuedRefusal(request, reply, await load(request, id));
        if (hasCode(error, 'VALIDATION_FAILED'))
          return textRefused(request, reply, current, text.id, read.values, error.errors);
        throw error;
      }
    },
  );

  app.post(
    '/secretariat/consultations/:id/texts/:textId/remove',
    { schema: { params: TextParams, body: RemoveTextForm }, preHandler: staffPost },
    async (request, reply) => {
      const page = pageContext(web, request);
      const { id, textId } = request.params;
      const current = await load(request, id);
      const text = textOf(current, textId);
      if (current.loaded.consultation.issuedAt !== null) return issuedRefusal(request, reply, current);
      if (request.body.confirm !== 'yes') {
        const view = {
          consultationId: id,
          reference: current.loaded.consultation.reference,
          textId: text.id,
          designation: text.designation,
          title: text.title,
          csrfToken: request.webSession!.csrfToken,
        };
        return sendPage(reply, 200, <RemoveTextPage page={page} view={view} />);
      }
      try {
        await removeText(ctx, { actor: actorOf(request), consultationId: id, textId: text.id });
      } catch (error) {
        if (hasCode(error, 'CONSULTATION_ISSUED')) return issuedRefusal(request, reply, await load(request, id));
        throw error;
      }
      return seeOther(reply, page.href(`${circularPath(id)}?notice=sec-text-removed`));
    },
  );

  /* ---------------------------------------------------------------- preview and issue */

  function previewPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    current: ConsultationView,
    errors: FormError[],
  ): FastifyReply {
    const page = pageContext(web, request);
    const view = {
      circular: presentCircular(page.locale, current.loaded, current.state, current.timing),
      blockers: issueBlockers(page.locale, current.loaded, ctx.clock()),
      errors,
      csrfToken: request.webSession!.csrfToken,
    };
    return sendPage(reply, status, <PreviewPage page={page} view={view} />);
  }

  app.get(
    '/secretariat/consultations/:id/preview',
    { schema: { params: ConsultationParams }, preHandler: staff },
    async (request, reply) => {
      const current = await load(request, request.params.id);
      // Once issued, the circular is what Member States see: its own page shows it.
      if (current.loaded.consultation.issuedAt !== null)
        return seeOther(reply, pageContext(web, request).href(circularPath(current.loaded.consultation.id)));
      return previewPage(request, reply, 200, current, []);
    },
  );

  app.post(
    '/secretariat/consultations/:id/issue',
    { schema: { params: ConsultationParams, body: IssueForm }, preHandler: staffPost },
    async (request, reply) => {
      const page = pageContext(web, request);
      const id = request.params.id;
      const revision = /^\d{1,9}$/.test(request.body.revision ?? '') ? Number(request.body.revision) : undefined;
      try {
        await issueConsultation(ctx, {
          actor: actorOf(request),
          consultationId: id,
          ...(revision !== undefined && { expectedRevision: revision }),
        });
        return seeOther(reply, page.href(`${circularPath(id)}?notice=sec-issued`));
      } catch (error) {
        if (hasCode(error, 'CONSULTATION_INCOMPLETE')) {
          const current = await load(request, id);
          const errors = presentIssueProblems(page.locale, current.loaded, error.errors).map((item) => ({
            message: item.message,
          }));
          return previewPage(request, reply, 422, current, [
            { message: t(page.locale, 'sec.issue.incomplete') },
            ...errors,
          ]);
        }
        if (hasCode(error, 'STALE_REPLY'))
          return previewPage(request, reply, 409, await load(request, id), [
            { message: t(page.locale, 'sec.issue.stale') },
          ]);
        if (hasCode(error, 'CONSULTATION_ISSUED')) return issuedRefusal(request, reply, await load(request, id));
        throw error;
      }
    },
  );

  /* ---------------------------------------------------------------- accounts */

  async function accountsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    options: { form?: InviteValues; errors?: FormError[]; notice?: string | null; invited?: string | undefined } = {},
  ): Promise<FastifyReply> {
    const page = pageContext(web, request);
    const actor = actorOf(request);
    const [accounts, states, trail] = await Promise.all([
      listAccounts(ctx, { actor }),
      listMemberStates(ctx),
      readTrail(web, actor, undefined),
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
    const view = {
      rows,
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
      }),
  );

  app.post(
    '/secretariat/accounts/invitations',
    { schema: { body: InviteForm }, preHandler: adminPost },
    async (request, reply) => {
      const page = pageContext(web, request);
      const { locale } = page;
      const read = readInviteForm(locale, request.body, await stateCodes(web));
      if (read.input === null) return accountsPage(request, reply, 400, { form: read.values, errors: read.errors });
      const actor = actorOf(request);
      // A new invitation to an existing account clears its password and authenticator: only on
      // purpose, from the account's own row, never by typing an address that is already in use.
      const existing = (await listAccounts(ctx, { actor })).find((a) => a.email === read.input!.email);
      if (existing && request.body.resend !== 'yes') {
        return accountsPage(request, reply, 409, {
          form: read.values,
          errors: [
            {
              field: 'field-email',
              message: t(locale, 'sec.invite.email.taken', { email: existing.email, name: existing.name }),
            },
          ],
        });
      }
      try {
        const { account } = await inviteAccount(ctx, { actor, ...read.input });
        return seeOther(reply, page.href(`/secretariat/accounts?invited=${encodeURIComponent(account.id)}`));
      } catch (error) {
        if (hasCode(error, 'CONFLICT'))
          return accountsPage(request, reply, 409, {
            form: read.values,
            errors: [{ field: 'field-email', message: t(locale, 'sec.invite.email.otherRole') }],
          });
        if (hasCode(error, 'UNKNOWN_MEMBER_STATE'))
          return accountsPage(request, reply, 422, {
            form: read.values,
            errors: [{ field: 'field-memberState', message: t(locale, 'sec.invite.memberState.unknown') }],
          });
        if (hasCode(error, 'VALIDATION_FAILED')) {
          const errors = error.errors.map((p) => ({
            field: `field-${p.field.replace(/^\//, '') || 'email'}`,
            message: t(locale, 'sec.invite.rejected'),
          }));
          return accountsPage(request, reply, 400, { form: read.values, errors });
        }
        throw error;
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

  /* ---------------------------------------------------------------- audit trail */

  async function auditPage(
    request: FastifyRequest,
    reply: FastifyReply,
    query: { consultation?: string | undefined; action?: string | undefined; page?: string | undefined },
    chain: { view: ChainView; seq: number | null } | null,
  ): Promise<FastifyReply> {
    const page = pageContext(web, request);
    const actor = actorOf(request);
    const consultation = (query.consultation ?? '').trim();
    const action = (query.action ?? '').trim();
    const [trail, consultations] = await Promise.all([
      readTrail(web, actor, consultation === '' ? undefined : consultation),
      listConsultations(ctx, { actor }),
    ]);
    const actions = [...new Set(trail.map((e) => e.action))].sort();
    const newestFirst = trail.filter((e) => action === '' || e.action === action).reverse();
    const pages = Math.max(1, Math.ceil(newestFirst.length / AUDIT_PAGE_SIZE));
    // On the chain's check, the page that holds the first broken row.
    const brokenIndex = chain?.seq == null ? -1 : newestFirst.findIndex((e) => e.seq === chain.seq);
    const asked = /^\d{1,6}$/.test(query.page ?? '') ? Number(query.page) : 1;
    const pageNumber =
      brokenIndex >= 0 ? Math.floor(brokenIndex / AUDIT_PAGE_SIZE) + 1 : Math.min(Math.max(1, asked), pages);
    // Names of accounts for administrators (who may list accounts); others read the recorded ids.
    const isAdmin = actor.kind === 'secretariat' && actor.admin === true;
    const names = new Map(isAdmin ? (await listAccounts(ctx, { actor })).map((a) => [a.id, a.name] as const) : []);
    const slice = newestFirst.slice((pageNumber - 1) * AUDIT_PAGE_SIZE, pageNumber * AUDIT_PAGE_SIZE);
    const view = {
      rows: presentAuditRows(page.locale, slice, names),
      consultation,
      action,
      consultations: consultations
        .map((c) => ({ id: c.loaded.consultation.id, reference: c.loaded.consultation.reference }))
        .sort((a, b) => a.reference.localeCompare(b.reference)),
      actions,
      page: pageNumber,
      pages,
      total: newestFirst.length,
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
