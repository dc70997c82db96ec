import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../../domain/errors.js';
import { t } from '../../../i18n/i18n.js';
import { stateName } from '../../../presenters/member-state-words.js';
import {
  findParticipant,
  listParticipants,
  registerParticipant,
  registrableClasses,
  setEligibility,
} from '../../../services/member-states.js';
import type { FormError } from '../components/form.js';
import { noticeOf, pageContext } from '../page-context.js';
import { EligibilityPage, ParticipantsPage } from '../pages/secretariat/participants.page.js';
import { classLabel, presentParticipants } from '../presenters/participants.presenter.js';
import { seeOther, sendPage } from '../render.js';
import type { SessionHooks, WebContext } from '../web-session.js';
import { actorOf, secretariatGuards } from './circular-pages.js';
import {
  BLANK_REGISTER,
  EligibilityForm,
  type EligibilityValues,
  eligibilityErrors,
  ParticipantParams,
  ParticipantsQuery,
  readEligibilityForm,
  readRegisterForm,
  REGISTER_REFUSALS,
  RegisterParticipantForm,
  type RegisterValues,
  registerErrors,
} from './participants.forms.js';

/**
 * Who Assent may consult (administrators): the participants with their class and whether each
 * may reply; a participant's right to reply (setEligibility: its reason and day, audited); and
 * registering an organisation in a class some procedure consults (registerParticipant, audited).
 */
export const participantsRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const { admin, adminPost } = secretariatGuards(hooks);

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    options: {
      filters?: { participantClass: string; q: string };
      notice?: string | null;
      form?: RegisterValues;
      errors?: FormError[];
    } = {},
  ): Promise<FastifyReply> {
    const page = pageContext(web, request);
    const all = await listParticipants(ctx);
    const filters = options.filters ?? { participantClass: '', q: '' };
    const registrable = registrableClasses();
    const classes = [...new Set([...all.map((p) => p.participantClass), ...registrable])];
    const label = (id: string) => ({ id, label: classLabel(page.locale, id) });
    const view = {
      rows: presentParticipants(page.locale, all, filters),
      total: all.length,
      participantClass: filters.participantClass,
      search: filters.q,
      classes: classes.map(label),
      registrable: registrable.map(label),
      notice: options.notice ?? null,
      form: options.form ?? BLANK_REGISTER,
      errors: options.errors ?? [],
      csrfToken: request.webSession!.csrfToken,
    };
    return sendPage(reply, status, <ParticipantsPage page={page} view={view} />);
  }

  app.get(
    '/secretariat/participants',
    { schema: { querystring: ParticipantsQuery }, preHandler: admin },
    async (request, reply) =>
      listPage(request, reply, 200, {
        filters: { participantClass: request.query.class ?? '', q: request.query.q ?? '' },
        notice: noticeOf(pageContext(web, request).locale, request.query.notice),
      }),
  );

  app.post(
    '/secretariat/participants/register',
    { schema: { body: RegisterParticipantForm }, preHandler: adminPost },
    async (request, reply) => {
      const page = pageContext(web, request);
      const read = readRegisterForm(request.body as Record<string, string | undefined>);
      try {
        const added = await registerParticipant(ctx, { actor: actorOf(request), participant: read.input });
        return seeOther(
          reply,
          page.href(`/secretariat/participants?notice=sec-participant-registered#participant-${added.code}`),
        );
      } catch (error) {
        if (!isAppError(error) || !REGISTER_REFUSALS.has(error.code)) throw error;
        return listPage(request, reply, error.status, {
          form: read.values,
          errors: registerErrors(page.locale, error.errors),
        });
      }
    },
  );

  async function eligibilityPage(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    status: number,
    options: { form?: EligibilityValues; errors?: FormError[] } = {},
  ): Promise<FastifyReply> {
    const page = pageContext(web, request);
    const participant = await findParticipant(ctx, code);
    if (!participant) throw new AppError('NOT_FOUND', `No participant "${code}"`);
    const view = {
      code: participant.code,
      name: stateName(page.locale, participant),
      classLabel:
        participant.membership === 'observer'
          ? t(page.locale, 'sec.participants.class.observer')
          : classLabel(page.locale, participant.participantClass),
      form: options.form ?? {
        mayReply: participant.mayReply ? 'yes' : 'no',
        note: participant.eligibilityNote ?? '',
        since: participant.eligibilitySince ?? '',
      },
      errors: options.errors ?? [],
      csrfToken: request.webSession!.csrfToken,
    };
    return sendPage(reply, status, <EligibilityPage page={page} view={view} />);
  }

  app.get(
    '/secretariat/participants/:code',
    { schema: { params: ParticipantParams }, preHandler: admin },
    async (request, reply) => eligibilityPage(request, reply, request.params.code, 200),
  );

  app.post(
    '/secretariat/participants/:code/eligibility',
    { schema: { params: ParticipantParams, body: EligibilityForm }, preHandler: adminPost },
    async (request, reply) => {
      const page = pageContext(web, request);
      const { code } = request.params;
      const read = readEligibilityForm(request.body);
      if (read.input === null)
        return eligibilityPage(request, reply, code, 400, {
          form: read.values,
          errors: [{ field: 'field-mayReply', message: t(page.locale, 'sec.participants.error.mayReply') }],
        });
      try {
        await setEligibility(ctx, { actor: actorOf(request), code, ...read.input });
      } catch (error) {
        if (!isAppError(error) || error.code !== 'VALIDATION_FAILED') throw error;
        return eligibilityPage(request, reply, code, error.status, {
          form: read.values,
          errors: eligibilityErrors(page.locale, error.errors),
        });
      }
      return seeOther(
        reply,
        page.href(
          `/secretariat/participants?notice=sec-participant-eligibility#participant-${encodeURIComponent(code)}`,
        ),
      );
    },
  );
};
