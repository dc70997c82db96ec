import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppError, isAppError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/policy/actor.js';
import { citeRoleIn } from '../../../i18n/citations.js';
import { t } from '../../../i18n/i18n.js';
import { getConsultation, type ConsultationView } from '../../../services/get-consultation.js';
import type { FormError } from '../components/form.js';
import { pageContext } from '../page-context.js';
import type { CircularFormView } from '../pages/secretariat/circular-form.js';
import { CircularPage } from '../pages/secretariat/circular.page.js';
import { formTiming, presentCircular, presentTiming } from '../presenters/secretariat.presenter.js';
import { presentPhases } from '../presenters/phases.presenter.js';
import { sendPage } from '../render.js';
import { circularValues, type CircularValues } from './circular.forms.js';
import type { SessionHooks, WebContext } from '../web-session.js';

/** The path of a circular's page. */
export const circularPath = (id: string) => `/secretariat/consultations/${encodeURIComponent(id)}`;

/** True when `error` is an AppError with this code. */
export const hasCode = (error: unknown, code: AppError['code']): error is AppError =>
  isAppError(error) && error.code === code;

/** Who is acting: the signed-in member of the secretariat (every route here requires one). */
export const actorOf = (request: FastifyRequest): Actor => request.webSession!.actor;

/**
 * The guards of the secretariat's routes: a verified secretariat session to read, its CSRF token
 * to post; accounts for administrators only.
 */
export function secretariatGuards(hooks: SessionHooks) {
  return {
    staff: [hooks.loadSession, hooks.requireSecretariat],
    staffPost: [hooks.loadSession, hooks.requireSecretariat, hooks.verifySessionCsrf],
    admin: [hooks.loadSession, hooks.requireAdmin],
    adminPost: [hooks.loadSession, hooks.requireAdmin, hooks.verifySessionCsrf],
  };
}

/** The page of one circular (its form while a draft), shared by the sub-areas that refuse a change to it. */
export interface CircularRender {
  /** The form as typed (drafts), instead of the stored values. */
  readonly values?: CircularValues;
  readonly formErrors?: FormError[];
  readonly errors?: FormError[];
  readonly stale?: boolean;
  readonly notice?: string | null;
}

/** The circular's page, its refusal once issued, and the loading of a circular, for one web context. */
export function circularPages(web: WebContext) {
  const { ctx } = web;
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
            : presentTiming(page.locale, loaded.procedure, loaded.consultation.resolutionEdition, current.timing),
          csrfToken: request.webSession!.csrfToken,
        }
      : null;
    const view = {
      circular,
      phases: presentPhases(page.locale, current, ctx.clock()),
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
    const message = t(locale, 'sec.circular.issued.error', {
      reference: current.loaded.consultation.reference,
      clause: citeRoleIn(locale, current.loaded.procedure, 'issue', current.loaded.consultation.resolutionEdition),
    });
    return circularPage(request, reply, 409, current, { errors: [{ message }] });
  }

  const load = (request: FastifyRequest, id: string) =>
    getConsultation(ctx, { actor: actorOf(request), consultationId: id });

  return { circularPage, issuedRefusal, load };
}
