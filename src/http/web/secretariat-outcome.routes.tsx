import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError, type FieldProblem } from '../../domain/errors.js';
import type { Actor } from '../../domain/policy/actor.js';
import type { MeetingDecisionInput } from '../../domain/procedure/tap/tap-meeting.js';
import { RECORDED_CHANNELS, type PositionInput, type RecordedChannel } from '../../domain/reply/reply.js';
import { isIsoDay } from '../../domain/time/instants.js';
import { formatUtc, t, type MessageId } from '../../i18n/i18n.js';
import { sniffMediaType, uploadAttachment } from '../../services/attachments.js';
import { computeResults, type ConsultationResults } from '../../services/compute-results.js';
import { issueResultsNotice } from '../../services/issue-results-notice.js';
import { listMemberStates } from '../../services/member-states.js';
import { listReplies } from '../../services/read-replies.js';
import { recordDecision } from '../../services/record-decision.js';
import { recordReply } from '../../services/record-reply.js';
import type { FormError } from './components/form.js';
import { localeHref } from './locale-url.js';
import { uploadsOf } from './multipart.js';
import { noticeOf, pageContext, registerNotices } from './page-context.js';
import { DecisionsPage, decisionFieldId } from './pages/secretariat-outcome/decisions.page.js';
import { outcomePath } from './pages/secretariat-outcome/outcome-parts.js';
import { RecordReplyPage, type RecordFormValues } from './pages/secretariat-outcome/record-reply.page.js';
import { replyFieldId, replyFieldName, replyFieldsTexts, type ReplyFieldsValue } from './components/reply-fields.js';
import { presentContent } from './presenters/content.presenter.js';
import { RepliesPage } from './pages/secretariat-outcome/replies.page.js';
import { ResultsPage } from './pages/secretariat-outcome/results.page.js';
import {
  decisionsClosed,
  presentDashboard,
  presentDecisionsPage,
  presentHead,
  presentResultsPage,
  presentStateOptions,
  stateName,
  type DecisionFormValues,
} from './presenters/secretariat-outcome.presenter.js';
import { seeOther, sendPage } from './render.js';
import {
  DecisionForm,
  OutcomeCsrfForm,
  OutcomeNoticeQuery,
  OutcomeParams,
  RecordReplyForm,
  RepliesQuery,
} from './secretariat-outcome.forms.js';
import type { SessionHooks, WebContext } from './web-session.js';

registerNotices({
  'outcome-recorded': 'outcome.notice.recorded',
  'outcome-recorded-late': 'outcome.notice.recordedLate',
  'outcome-recorded-unclear': 'outcome.notice.recordedUnclear',
  'outcome-decision-recorded': 'outcome.notice.decisionRecorded',
  'outcome-notice-issued': 'outcome.notice.noticeIssued',
});

/** Text typed in a form, without NUL characters (no field needs one; PostgreSQL refuses them). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const clean = (value: unknown): string => (typeof value === 'string' ? value.replace(/\u0000/g, '') : '');
/** A field that may come once or several times, as a list of strings. */
const many = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(clean) : typeof value === 'string' ? [clean(value)] : [];

/** `YYYY-MM-DDTHH:MM[:SS]` typed as UTC → epoch ms, or null when it is not a real instant. */
export function parseUtcInput(value: string): number | null {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [, day, hh, mm, ss] = match;
  if (!isIsoDay(day!) || Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) return null;
  return Date.parse(`${day}T${hh}:${mm}:${ss ?? '00'}Z`);
}

/** The index in a field path such as `/positions/2/reasons`. */
const indexIn = (field: string | undefined, list: string): number | null => {
  const match = new RegExp(`^/${list}/(\\d+)`).exec(field ?? '');
  return match ? Number(match[1]) : null;
};

const EMPTY_RECORD: RecordFormValues = {
  memberState: '',
  receivedAt: '',
  channel: '',
  signatoryName: '',
  signatoryTitle: '',
  place: '',
  signedOn: '',
  positions: {},
};

/**
 * The secretariat's pages that follow the replies and record the outcome: the replies dashboard,
 * a reply received by e-mail, fax or paper, the results per text, the meeting's decisions
 * (Res. 1 §9.5) and the results notice (§9.6.1). Staff and administrators alike.
 */
export const secretariatOutcomeRoutes: FastifyPluginAsyncTypebox<{ web: WebContext; hooks: SessionHooks }> = async (
  app,
  { web, hooks },
) => {
  const { ctx } = web;
  const read = [hooks.loadSession, hooks.requireSecretariat];
  const write = [hooks.loadSession, hooks.requireSecretariat, hooks.verifySessionCsrf];
  const actorOf = (request: FastifyRequest): Actor => request.webSession!.actor;
  const base = '/secretariat/consultations/:id';

  // ---- The replies dashboard -------------------------------------------------------------

  app.get(
    `${base}/replies`,
    { schema: { params: OutcomeParams, querystring: RepliesQuery }, preHandler: read },
    async (request, reply) => {
      const page = pageContext(web, request);
      const overview = await listReplies(ctx, { actor: actorOf(request), consultationId: request.params.id });
      const view = presentDashboard(
        page.locale,
        overview,
        request.query,
        ctx.clock(),
        noticeOf(page.locale, request.query.notice),
      );
      return sendPage(reply, 200, <RepliesPage page={page} view={view} />);
    },
  );

  // ---- A reply received by e-mail, fax or paper --------------------------------------------

  async function renderRecord(
    request: FastifyRequest,
    reply: FastifyReply,
    consultationId: string,
    status: number,
    values: RecordFormValues,
    errors: FormError[],
  ) {
    const page = pageContext(web, request);
    const actor = actorOf(request);
    const [results, overview] = await Promise.all([
      computeResults(ctx, { actor, consultationId }),
      listReplies(ctx, { actor, consultationId }),
    ]);
    const { consultation, texts } = results.loaded;
    const consulted = consultation.settings.eligibleStates;
    const eligible = overview.rows
      .map((r) => r.state)
      .filter((s) => s.mayReply && (consulted === null || consulted.includes(s.code)));
    const frozen = consultation.resultsNoticeAt !== null || results.texts.some((r) => r.decisionRecord !== null);
    const content = presentContent(page.locale, consultation, texts);
    const view = {
      head: presentHead(consultation, results.computedAt, content),
      texts: replyFieldsTexts(page.locale, texts, content),
      studyGroup: consultation.studyGroup,
      states: presentStateOptions(page.locale, eligible),
      values,
      errors,
      closed: consultation.issuedAt === null ? ('not-issued' as const) : frozen ? ('frozen' as const) : null,
      maxBytes: ctx.attachmentMaxBytes,
      chooseFileAgain: errors.length > 0,
      csrfToken: request.webSession!.csrfToken,
    };
    return sendPage(reply, status, <RecordReplyPage page={page} view={view} />);
  }

  app.get(`${base}/replies/record`, { schema: { params: OutcomeParams }, preHandler: read }, async (request, reply) =>
    renderRecord(request, reply, request.params.id, 200, EMPTY_RECORD, []),
  );

  app.post(
    `${base}/replies/record`,
    { schema: { params: OutcomeParams, body: RecordReplyForm }, preHandler: write },
    async (request, reply) => {
      const locale = pageContext(web, request).locale;
      const actor = actorOf(request);
      const consultationId = request.params.id;
      const body = request.body as Record<string, unknown>;
      const [results, allStates] = await Promise.all([
        computeResults(ctx, { actor, consultationId }),
        listMemberStates(ctx),
      ]);
      const { consultation, texts, procedure } = results.loaded;
      // The Annex 2 block (components/reply-fields.tsx) names its fields `position-<text>`…
      const positions: Record<string, ReplyFieldsValue> = {};
      for (const text of texts) {
        const field = (kind: 'position' | 'option' | 'comments' | 'reasons' | 'changes') =>
          clean(body[replyFieldName(kind, text.id)]);
        const position = field('position');
        const option = field('option');
        positions[text.id] = {
          position:
            position === 'assigns_authority' || position === 'does_not_assign_authority' || position === 'unclear'
              ? position
              : null,
          option: option === 'no_comments' || option === 'comments_attached' ? option : null,
          comments: field('comments'),
          reasons: field('reasons'),
          possibleChanges: field('changes'),
          attachment: null,
        };
      }
      const values: RecordFormValues = {
        memberState: clean(body.memberState).trim().toUpperCase(),
        receivedAt: clean(body.receivedAt).trim(),
        channel: clean(body.channel),
        signatoryName: clean(body.signatoryName).trim(),
        signatoryTitle: clean(body.signatoryTitle).trim(),
        place: clean(body.place).trim(),
        signedOn: clean(body.signedOn).trim(),
        positions,
      };
      const errors: FormError[] = [];
      const add = (field: string, id: MessageId, v?: Record<string, string | number>) =>
        errors.push({ field, message: t(locale, id, v) });

      // The State: known, and one that may reply to this consultation.
      const consulted = consultation.settings.eligibleStates;
      const state = allStates.find((s) => s.code === values.memberState);
      if (values.memberState === '') add('field-memberState', 'outcome.record.memberState.missing');
      else if (!state) add('field-memberState', 'outcome.record.memberState.unknown', { code: values.memberState });
      else if (!state.mayReply || (consulted !== null && !consulted.includes(state.code)))
        add('field-memberState', 'outcome.record.memberState.notEligible', { name: stateName(locale, state) });

      // When TSB received it: a real instant, not in the future, not before the circular.
      const receivedAt = parseUtcInput(values.receivedAt);
      const now = ctx.clock();
      if (values.receivedAt === '') add('field-receivedAt', 'outcome.record.receivedAt.missing');
      else if (receivedAt === null) add('field-receivedAt', 'outcome.record.receivedAt.invalid');
      else if (receivedAt > now)
        add('field-receivedAt', 'outcome.record.receivedAt.future', { now: formatUtc(locale, now) });
      else if (consultation.issuedAt !== null && receivedAt < consultation.issuedAt)
        add('field-receivedAt', 'outcome.record.receivedAt.beforeIssue', {
          issued: formatUtc(locale, consultation.issuedAt),
        });

      if (!(RECORDED_CHANNELS as readonly string[]).includes(values.channel))
        add('field-channel', 'outcome.record.channel.missing');

      // The positions, checked by the consultation's procedure as the service will check them.
      const inputs: PositionInput[] = [];
      const textOfInput: string[] = [];
      for (const text of texts) {
        const v = positions[text.id]!;
        if (v.position === null) continue;
        inputs.push({
          text: text.id,
          position: v.position,
          // A sub-option ticked before switching to another box is a leftover of the form, not data.
          option: v.position === 'assigns_authority' ? v.option : null,
          comments: v.comments.trim() === '' ? null : v.comments,
          reasons: v.reasons.trim() === '' ? null : v.reasons,
          possibleChanges: v.possibleChanges.trim() === '' ? null : v.possibleChanges,
        });
        textOfInput.push(text.id);
      }
      const positionErrors = (problems: readonly FieldProblem[]) => {
        for (const problem of problems) {
          const index = indexIn(problem.field, 'positions');
          const textId = index === null ? undefined : textOfInput[index];
          if (textId === undefined) {
            add('field-positions', 'outcome.record.positions.missing');
            continue;
          }
          const designation = texts.find((x) => x.id === textId)!.designation;
          const part = (problem.field ?? '').split('/')[3];
          const assigns = positions[textId]!.position === 'assigns_authority';
          if (/At most \d+ characters/.test(problem.message)) {
            const key =
              part === 'possibleChanges' ? 'changes' : part === 'comments' || part === 'reasons' ? part : 'comments';
            add(replyFieldId(key, textId), 'outcome.record.tooLong', { designation });
          } else if (part === 'reasons')
            add(replyFieldId('reasons', textId), 'outcome.record.error.reasonsWithAssigns', { designation });
          else if (part === 'comments')
            add(
              replyFieldId('comments', textId),
              assigns
                ? 'outcome.record.error.commentsWithNoComments'
                : 'outcome.record.error.commentsWithDoesNotAssign',
              { designation },
            );
          else add(replyFieldId('position', textId), 'outcome.record.position.invalid', { designation });
        }
      };
      if (inputs.length === 0) add('field-positions', 'outcome.record.positions.missing');
      else if (inputs.length > 0)
        positionErrors(
          procedure.checkReply(
            inputs,
            texts.map((x) => x.id),
            'paper',
            consultation.resolutionEdition,
          ).problems,
        );

      // The signature block.
      if (values.signatoryName === '') add('field-signatoryName', 'outcome.record.signatoryName.missing');
      else if (values.signatoryName.length > 200)
        add('field-signatoryName', 'outcome.record.tooLongField', { max: 200 });
      if (values.signatoryTitle === '') add('field-signatoryTitle', 'outcome.record.signatoryTitle.missing');
      else if (values.signatoryTitle.length > 500)
        add('field-signatoryTitle', 'outcome.record.tooLongField', { max: 500 });
      if (values.place.length > 200) add('field-place', 'outcome.record.tooLongField', { max: 200 });
      if (values.signedOn !== '' && !isIsoDay(values.signedOn))
        add('field-signedOn', 'outcome.record.signedOn.invalid');

      // The scan of the original: judged by its content before anything is stored.
      const [scan] = uploadsOf(request, 'scan');
      const scanBytes = scan && !scan.tooLarge ? await scan.read() : Buffer.alloc(0);
      const sizeLimit = `${Math.round((ctx.attachmentMaxBytes / (1024 * 1024)) * 10) / 10}`;
      if (!scan) add('field-scan', 'outcome.record.scan.missing');
      else if (scan.tooLarge) add('field-scan', 'outcome.record.scan.tooLarge', { size: sizeLimit });
      else if (scanBytes.length === 0) add('field-scan', 'outcome.record.scan.empty');
      else if (sniffMediaType(scanBytes) === null) add('field-scan', 'outcome.record.scan.unsupported');

      // Nothing to record into (a draft), or results frozen by the meeting: said before any file is stored.
      if (consultation.issuedAt === null)
        return renderRecord(request, reply, consultationId, 409, values, [
          { message: t(locale, 'outcome.record.closed.notIssued') },
        ]);
      if (consultation.resultsNoticeAt !== null || results.texts.some((r) => r.decisionRecord !== null))
        return renderRecord(request, reply, consultationId, 409, values, [
          { message: t(locale, 'outcome.record.closed.frozen') },
        ]);
      if (errors.length > 0) return renderRecord(request, reply, consultationId, 400, values, errors);

      try {
        const stored = await uploadAttachment(ctx, { actor, filename: scan!.filename, content: scanBytes });
        const receipt = await recordReply(ctx, {
          actor,
          consultationId,
          memberState: values.memberState,
          input: {
            channel: values.channel as RecordedChannel,
            receivedAt: new Date(receivedAt!).toISOString(),
            originalFile: stored.sha256,
            positions: inputs,
            signatory: { name: values.signatoryName, title: values.signatoryTitle },
            place: values.place === '' ? null : values.place,
            signedOn: values.signedOn === '' ? null : values.signedOn,
          },
        });
        const notice = receipt.flags.includes('received_after_deadline')
          ? 'outcome-recorded-late'
          : receipt.flags.includes('unclear_position')
            ? 'outcome-recorded-unclear'
            : 'outcome-recorded';
        return seeOther(reply, localeHref(locale, `${outcomePath(consultationId, 'replies')}?notice=${notice}`));
      } catch (error) {
        if (!isAppError(error)) throw error;
        const problems = error.errors ?? [];
        switch (error.code) {
          case 'UNSUPPORTED_MEDIA_TYPE':
            add('field-scan', 'outcome.record.scan.unsupported');
            break;
          case 'PAYLOAD_TOO_LARGE':
            add('field-scan', 'outcome.record.scan.tooLarge', { size: sizeLimit });
            break;
          case 'UNKNOWN_ATTACHMENT':
            add('field-scan', 'outcome.record.scan.missing');
            break;
          case 'UNKNOWN_MEMBER_STATE':
            add('field-memberState', 'outcome.record.memberState.unknown', { code: values.memberState });
            break;
          case 'STATE_NOT_ELIGIBLE':
            add('field-memberState', 'outcome.record.memberState.notEligible', {
              name: state ? stateName(locale, state) : values.memberState,
            });
            break;
          case 'REPLY_OUT_OF_ORDER':
            add('field-receivedAt', 'outcome.record.receivedAt.outOfOrder');
            break;
          case 'VALIDATION_FAILED':
            if (problems.some((p) => p.field === '/receivedAt'))
              add('field-receivedAt', 'outcome.record.receivedAt.invalid');
            else if (problems.some((p) => p.field === '/file')) add('field-scan', 'outcome.record.scan.empty');
            else positionErrors(problems);
            break;
          case 'CONSULTATION_NOT_OPEN':
            errors.push({ message: t(locale, 'outcome.record.closed.notIssued') });
            break;
          case 'RESULTS_FROZEN':
            errors.push({ message: t(locale, 'outcome.record.closed.frozen') });
            break;
          case 'NO_POSITIONS':
          case 'POSITION_INCOMPLETE':
          case 'POSITION_NOT_ALLOWED':
          case 'UNKNOWN_TEXT':
          case 'DUPLICATE_POSITION':
            positionErrors(problems.length > 0 ? problems : [{ field: '/positions', message: error.message }]);
            break;
          default:
            throw error;
        }
        return renderRecord(request, reply, consultationId, error.status, values, errors);
      }
    },
  );

  // ---- Results per text ----------------------------------------------------------------------

  app.get(
    `${base}/results`,
    { schema: { params: OutcomeParams, querystring: OutcomeNoticeQuery }, preHandler: read },
    async (request, reply) => {
      const page = pageContext(web, request);
      const results = await computeResults(ctx, { actor: actorOf(request), consultationId: request.params.id });
      const view = presentResultsPage(page.locale, results, noticeOf(page.locale, request.query.notice));
      return sendPage(reply, 200, <ResultsPage page={page} view={view} />);
    },
  );

  // ---- The meeting's decisions and the results notice --------------------------------------

  async function renderDecisions(
    request: FastifyRequest,
    reply: FastifyReply,
    consultationId: string,
    status: number,
    options: {
      errors?: FormError[];
      typed?: { textId: string; values: DecisionFormValues } | null;
      notice?: string | null;
      results?: ConsultationResults;
    } = {},
  ) {
    const page = pageContext(web, request);
    const results = options.results ?? (await computeResults(ctx, { actor: actorOf(request), consultationId }));
    const states = presentStateOptions(
      page.locale,
      (await listMemberStates(ctx)).filter((s) => s.membership === 'member_state'),
    );
    const view = {
      ...presentDecisionsPage(page.locale, results, states, options.notice ?? null, options.typed ?? null),
      errors: options.errors ?? [],
      csrfToken: request.webSession!.csrfToken,
    };
    return sendPage(reply, status, <DecisionsPage page={page} view={view} />);
  }

  app.get(
    `${base}/decisions`,
    { schema: { params: OutcomeParams, querystring: OutcomeNoticeQuery }, preHandler: read },
    async (request, reply) =>
      renderDecisions(request, reply, request.params.id, 200, {
        notice: noticeOf(pageContext(web, request).locale, request.query.notice),
      }),
  );

  app.post(
    `${base}/decisions`,
    { schema: { params: OutcomeParams, body: DecisionForm }, preHandler: write },
    async (request, reply) => {
      const locale = pageContext(web, request).locale;
      const actor = actorOf(request);
      const consultationId = request.params.id;
      const body = request.body;
      const results = await computeResults(ctx, { actor, consultationId });
      const target = results.texts.find((r) => r.text.id === body.text);
      if (!target) throw new AppError('NOT_FOUND', `No text "${body.text ?? ''}" in this consultation`);
      const textId = target.text.id;
      const designation = target.text.designation;
      const fid = (field: string) => decisionFieldId(textId, field);
      const known = new Set((await listMemberStates(ctx)).map((s) => s.code));
      const codes = (value: unknown) => [
        ...new Set(
          many(value)
            .map((s) => s.trim().toUpperCase())
            .filter((s) => s !== ''),
        ),
      ];

      const stateRows = many(body.reservationState);
      const noteRows = many(body.reservationNote);
      const reservations = Array.from({ length: Math.max(stateRows.length, noteRows.length) }, (_, i) => ({
        state: (stateRows[i] ?? '').trim().toUpperCase(),
        note: (noteRows[i] ?? '').trim(),
      }));
      const formalStates = many(body.formalState);
      const formalAt = many(body.formalReceivedAt);
      const formalReasons = many(body.formalReasons);
      const formal = formalStates.map((state, i) => ({
        state: state.trim().toUpperCase(),
        receivedAt: (formalAt[i] ?? '').trim(),
        reasons: formalReasons[i] ?? '',
      }));
      const typedValues: DecisionFormValues = {
        deferred: clean(body.deferred) !== '',
        opposing: codes(body.opposing),
        abstaining: codes(body.abstaining),
        moreTime: codes(body.moreTime),
        reservations: reservations.filter((r) => r.state !== '' || r.note !== ''),
        formal,
        notes: clean(body.notes),
      };
      const errors: FormError[] = [];
      const add = (field: string, id: MessageId, v?: Record<string, string | number>) =>
        errors.push({ field: fid(field), message: t(locale, id, { designation, ...v }) });

      for (const [list, field] of [
        [typedValues.opposing, 'opposing'],
        [typedValues.abstaining, 'abstaining'],
        [typedValues.moreTime, 'moreTime'],
      ] as const) {
        const unknown = list.filter((code) => !known.has(code));
        if (unknown.length > 0) add(field, 'outcome.decisions.error.unknownState', { code: unknown.join(', ') });
      }
      typedValues.reservations.forEach((r, i) => {
        if (r.state === '') add(`res-${i}-state`, 'outcome.decisions.error.reservationState');
        else if (!known.has(r.state)) add(`res-${i}-state`, 'outcome.decisions.error.unknownState', { code: r.state });
        if (r.note === '') add(`res-${i}-note`, 'outcome.decisions.error.reservationNote', { state: r.state });
      });
      const formalInput: { state: string; receivedAt: string; reasons: string | null }[] = [];
      const formalRow: number[] = [];
      formal.forEach((f, i) => {
        if (f.receivedAt === '') return;
        const at = parseUtcInput(f.receivedAt);
        if (at === null) add(`formal-${i}-receivedAt`, 'outcome.decisions.error.formalInvalid', { state: f.state });
        else {
          formalInput.push({
            state: f.state,
            receivedAt: new Date(at).toISOString(),
            reasons: f.reasons.trim() === '' ? null : f.reasons,
          });
          formalRow.push(i);
        }
      });
      const typed = { textId, values: typedValues };
      if (errors.length > 0) return renderDecisions(request, reply, consultationId, 400, { errors, typed, results });

      try {
        await recordDecision(ctx, {
          actor,
          consultationId,
          textId,
          input: {
            deferred: typedValues.deferred,
            opposing: [...typedValues.opposing],
            abstaining: [...typedValues.abstaining],
            moreTime: [...typedValues.moreTime],
            reservations: typedValues.reservations.map((r) => ({ ...r })),
            formalOppositions: formalInput,
            notes: typedValues.notes.trim() === '' ? null : typedValues.notes,
          },
        });
        return seeOther(
          reply,
          localeHref(locale, `${outcomePath(consultationId, 'decisions')}?notice=outcome-decision-recorded`),
        );
      } catch (error) {
        if (!isAppError(error)) throw error;
        const input: MeetingDecisionInput = { ...typedValues, formalOppositions: [] };
        if (error.code === 'DECISION_NOT_ALLOWED') {
          const closed = decisionsClosed(results.loaded.consultation, ctx.clock());
          const id: MessageId =
            closed === 'open'
              ? 'outcome.decisions.error.open'
              : closed === 'meeting-not-started'
                ? 'outcome.decisions.error.meeting'
                : closed === 'notified' || closed === 'not-issued'
                  ? 'outcome.decisions.error.notified'
                  : 'outcome.decisions.error.notConsidered';
          errors.push({
            link: `text-${textId}`,
            message: t(locale, id, { designation, day: results.loaded.consultation.meeting.firstDay }),
          });
        } else if (
          error.code === 'DECISION_CONFLICT' ||
          error.code === 'UNKNOWN_MEMBER_STATE' ||
          error.code === 'VALIDATION_FAILED'
        ) {
          for (const problem of error.errors ?? []) {
            const field = problem.field ?? '';
            const twice = problem.message.includes('appears twice');
            const at = {
              abstaining: indexIn(field, 'abstaining'),
              moreTime: indexIn(field, 'moreTime'),
              opposing: indexIn(field, 'opposing'),
              reservations: indexIn(field, 'reservations'),
              formalOppositions: indexIn(field, 'formalOppositions'),
            };
            if (at.abstaining !== null)
              add('abstaining', twice ? 'outcome.decisions.error.twice' : 'outcome.decisions.error.opposeAndAbstain', {
                state: input.abstaining[at.abstaining] ?? '',
              });
            else if (at.moreTime !== null)
              add('moreTime', twice ? 'outcome.decisions.error.twice' : 'outcome.decisions.error.opposeAndMoreTime', {
                state: input.moreTime[at.moreTime] ?? '',
              });
            else if (at.opposing !== null)
              add('opposing', 'outcome.decisions.error.twice', { state: input.opposing[at.opposing] ?? '' });
            else if (at.reservations !== null) {
              const i = at.reservations;
              const state = input.reservations[i]?.state ?? '';
              if (field.endsWith('/note')) add(`res-${i}-note`, 'outcome.decisions.error.reservationNote', { state });
              else
                add(
                  `res-${i}-state`,
                  twice ? 'outcome.decisions.error.twice' : 'outcome.decisions.error.opposeAndReserve',
                  { state },
                );
            } else if (at.formalOppositions !== null) {
              const i = at.formalOppositions;
              const row = formalRow[i] ?? i;
              const state = formalInput[i]?.state ?? '';
              if (error.code === 'VALIDATION_FAILED')
                add(`formal-${row}-receivedAt`, 'outcome.decisions.error.formalFuture', { state });
              else if (field.endsWith('/receivedAt'))
                add(`formal-${row}-receivedAt`, 'outcome.decisions.error.formalLate', { state });
              else
                add(
                  `formal-${row}-receivedAt`,
                  twice ? 'outcome.decisions.error.twice' : 'outcome.decisions.error.formalNotMoreTime',
                  { state },
                );
            } else
              errors.push({
                link: `text-${textId}`,
                message: t(locale, 'outcome.decisions.error.conflict', { designation }),
              });
          }
          if (errors.length === 0)
            errors.push({
              link: `text-${textId}`,
              message: t(locale, 'outcome.decisions.error.conflict', { designation }),
            });
        } else throw error;
        return renderDecisions(request, reply, consultationId, error.status, { errors, typed });
      }
    },
  );

  app.post(
    `${base}/notice`,
    { schema: { params: OutcomeParams, body: OutcomeCsrfForm }, preHandler: write },
    async (request, reply) => {
      const locale = pageContext(web, request).locale;
      const consultationId = request.params.id;
      try {
        await issueResultsNotice(ctx, { actor: actorOf(request), consultationId });
        return seeOther(
          reply,
          localeHref(locale, `${outcomePath(consultationId, 'results')}?notice=outcome-notice-issued`),
        );
      } catch (error) {
        if (!isAppError(error) || error.code !== 'NOTICE_NOT_ALLOWED') throw error;
        const results = await computeResults(ctx, { actor: actorOf(request), consultationId });
        const c = results.loaded.consultation;
        const errors: FormError[] = [];
        if (c.resultsNoticeAt !== null)
          errors.push({ link: 'results-notice', message: t(locale, 'outcome.notice.error.already') });
        else if (!results.final)
          errors.push({ link: 'results-notice', message: t(locale, 'outcome.notice.error.open') });
        else
          for (const r of results.texts.filter((x) => x.tally.outcome === 'may_proceed' && x.decision === null))
            errors.push({
              link: `text-${r.text.id}`,
              message: t(locale, 'outcome.notice.error.missing', { designation: r.text.designation }),
            });
        if (errors.length === 0)
          errors.push({ link: 'results-notice', message: t(locale, 'outcome.notice.error.other') });
        return renderDecisions(request, reply, consultationId, error.status, { errors, results });
      }
    },
  );
};
