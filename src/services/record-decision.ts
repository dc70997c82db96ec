import { AppError, type ErrorCode, type FieldProblem } from '../domain/errors.js';
import { decisionContentHash } from '../domain/audit/record-hashes.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import type { MeetingDecision, MeetingDecisionInput } from '../domain/procedure/outcomes.js';
import { citeRole, type Procedure } from '../domain/procedure/procedure.js';
import { startOfDay } from '../domain/time/instants.js';
import { appendAudit } from '../repositories/audit.repository.js';
import { saveDecision } from '../repositories/decision.repository.js';
import { listMemberStates } from '../repositories/member-state.repository.js';
import type { DecisionInput } from '../schemas/decision.schema.js';
import { inputProblems } from '../schemas/schema-problems.js';
import { evaluateConsultation } from './compute-results.js';
import { parseInstant } from './consultation-input.js';
import { loadConsultation } from './load-consultation.js';
import { classMayOppose, participationOf } from './participants.js';
import { inTransaction, type ServiceContext } from './service-context.js';

export interface RecordDecisionOptions {
  readonly actor: Actor;
  readonly consultationId: string;
  readonly textId: string;
  /**
   * The decision as sent (a DecisionInput for the default procedure): checked here against the
   * consultation's own procedure's decision schema before anything of it is read.
   */
  readonly input: unknown;
}

/**
 * Records what the study group meeting decided on one text (the procedure's meeting rule) and returns the
 * outcome that follows at this instant. Recording again replaces the earlier record (e.g. to add
 * a formal opposition received within the 4-week window).
 * @throws FORBIDDEN, NOT_FOUND; DECISION_NOT_ALLOWED with one problem whose code says why
 *   (CONSULTATION_NOT_OPEN, RESULTS_NOTICE_ISSUED, DEADLINE_NOT_PASSED, MEETING_NOT_STARTED,
 *   TEXT_MAY_NOT_BE_CONSIDERED under the procedure's consultationFails rule);
 *   UNKNOWN_MEMBER_STATE (one problem per unknown code);
 *   DECISION_CONFLICT (NOT_A_PARTICIPANT at each entry naming a State that is not a participant by
 *   the procedure's eligibility rule — an observer, a State whose rights are suspended, one outside
 *   a regional consultation's list; MAY_NOT_OPPOSE at each entry naming as opposing a participant
 *   whose class may not oppose — then the procedure's problems: STATE_LISTED_TWICE for a State
 *   named twice in one list); VALIDATION_FAILED (an instant that is not one; RECEIVED_IN_FUTURE for a formal
 *   opposition dated after now; the problems of the procedure's decision schema)
 */
export async function recordDecision(ctx: ServiceContext, options: RecordDecisionOptions): Promise<MeetingDecision> {
  authorize(options.actor, { action: 'decision:record' });
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock();
    const loaded = await loadConsultation(trx, options.consultationId, options.actor, {
      lock: true,
      within: 'decision:record',
    });
    const { consultation, procedure } = loaded;
    const { input, notes } = meetingDecisionInput(procedure, options.input);
    const evaluation = await evaluateConsultation(trx, loaded, now);
    const text = evaluation.texts.find((t) => t.text.id === options.textId);
    if (!text) throw new AppError('NOT_FOUND', `No text "${options.textId}" in consultation "${consultation.id}"`);
    // Why a decision cannot be recorded now, each with its field-level code (a page says it in its words).
    const refuse = (code: ErrorCode, detail: string, clause?: string): never => {
      throw new AppError('DECISION_NOT_ALLOWED', detail, {
        errors: [{ field: '/', message: detail, code, ...(clause !== undefined && { clause }) }],
        ...(clause !== undefined && { clause }),
      });
    };
    if (consultation.issuedAt === null) refuse('CONSULTATION_NOT_OPEN', 'The circular has not been issued');
    if (consultation.resultsNoticeAt !== null)
      refuse('RESULTS_NOTICE_ISSUED', 'The results notice has been issued; decisions are final');
    if (!evaluation.final)
      refuse('DEADLINE_NOT_PASSED', 'The consultation is still open; the meeting decides after the deadline');
    if (now < startOfDay(consultation.meeting.firstDay))
      refuse(
        'MEETING_NOT_STARTED',
        `The meeting starts on ${consultation.meeting.firstDay}; decisions are recorded from then on`,
      );
    if (!text.tally.passes)
      refuse(
        'TEXT_MAY_NOT_BE_CONSIDERED',
        `${text.text.designation} did not obtain the support needed; it may not be considered at this meeting`,
        citeRole(procedure, 'consultationFails', consultation.resolutionEdition),
      );
    // Every delegation the decision names, with its field and whether as opposing (the procedure says).
    const named = procedure.namedInDecision(input);
    const states = new Map((await listMemberStates(trx)).map((s) => [s.code, s]));
    const unknown = named.filter((mention) => !states.has(mention.code));
    if (unknown.length > 0)
      throw new AppError('UNKNOWN_MEMBER_STATE', 'Unknown Member State code', {
        errors: unknown.map(({ code, field }) => ({
          field,
          message: `No Member State${procedure.participantClasses.length > 1 ? ' or other participant' : ''} "${code}"`,
          code: 'UNKNOWN_MEMBER_STATE' as const,
        })),
      });
    // Observers never count and can never oppose: only a participant, by the procedure's own rule
    // (the one that says who may reply), has a voice in the meeting's decision; and only one of a
    // class that may oppose (the procedure's class definition) is named as opposing.
    const outsiders = named.flatMap(({ code, field, as, opposes }): { code: string; problem: FieldProblem }[] => {
      const state = states.get(code)!;
      const answer = participationOf(loaded, state);
      if (!answer.eligible) {
        const why = answer.reason ?? `${code} may not take part in this consultation`;
        const problem: FieldProblem = {
          field,
          message: `${state.names.en} (${code}) is not a participant in this consultation and may not be named ${as}: ${why}`,
          code: 'NOT_A_PARTICIPANT',
          clause: answer.clause ?? procedure.clauseFor('replyPeriod', consultation.resolutionEdition) ?? '',
        };
        return [{ code, problem }];
      }
      if (opposes && !classMayOppose(loaded, state)) {
        const problem: FieldProblem = {
          field,
          message: `${state.names.en} (${code}) is a participant of the class ${state.participantClass}, which may not oppose a text; it may not be named ${as}`,
          code: 'MAY_NOT_OPPOSE',
          clause: procedure.clauseFor('meetingUnopposed', consultation.resolutionEdition) ?? '',
        };
        return [{ code, problem }];
      }
      return [];
    });
    const problems = [
      ...outsiders.map((o) => o.problem),
      ...procedure.validateMeetingDecision(input, consultation.meeting.lastDay, consultation.resolutionEdition),
    ];
    if (problems.length > 0) {
      const names = [...new Set(outsiders.filter((o) => o.problem.code === 'NOT_A_PARTICIPANT').map((o) => o.code))];
      const detail =
        names.length === 0
          ? problems[0]!.message
          : `The decision names ${names.length === 1 ? 'a delegation that is not a participant' : 'delegations that are not participants'} in this consultation: ${names.join(', ')}`;
      throw new AppError('DECISION_CONFLICT', detail, { errors: problems });
    }
    const future = input.formalOppositions.flatMap((o, i) =>
      o.receivedAt > now
        ? [
            {
              field: `/formalOppositions/${i}/receivedAt`,
              message: 'Formal opposition cannot have been received in the future',
              code: 'RECEIVED_IN_FUTURE' as const,
            },
          ]
        : [],
    );
    if (future.length > 0) throw new AppError('VALIDATION_FAILED', future[0]!.message, { errors: future });

    const record = {
      textId: options.textId,
      input,
      notes,
      recordedAt: now,
      recordedBy: options.actor.id,
    };
    await saveDecision(trx, consultation.id, record);
    const decision = procedure.decideAtMeeting(
      input,
      consultation.meeting.lastDay,
      now,
      consultation.resolutionEdition,
    );
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'decision.recorded',
      consultationId: consultation.id,
      subject: `decision:${consultation.id}/${options.textId}`,
      data: {
        outcome: decision.outcome,
        clause: decision.clause,
        opposing: input.opposing,
        moreTime: input.moreTime,
        reservations: input.reservations.map((r) => r.state),
        // The record it wrote, every field, for `assent audit verify` to recompute.
        contentSha256: decisionContentHash(record),
      },
    });
    return decision;
  });
}

/**
 * The decision as the procedure's rules take it, once `input` is checked against the consultation's
 * own procedure's decision schema: validation lives in one place per procedure, whatever the edge
 * (the API's route takes any registered meeting procedure's decision, the pages and the CLI send what was typed).
 * @throws VALIDATION_FAILED with the schema's problems, or an instant that is not one
 */
function meetingDecisionInput(
  procedure: Procedure,
  sent: unknown,
): { input: MeetingDecisionInput; notes: string | null } {
  const problems = inputProblems(procedure.decisionSchema, sent);
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', 'The decision is not valid', { errors: problems });
  const input = sent as DecisionInput;
  return {
    input: {
      deferred: input.deferred ?? false,
      opposing: input.opposing ?? [],
      abstaining: input.abstaining ?? [],
      reservations: input.reservations ?? [],
      moreTime: input.moreTime ?? [],
      formalOppositions: (input.formalOppositions ?? []).map((o, index) => ({
        state: o.state,
        receivedAt: parseInstant(o.receivedAt, `/formalOppositions/${index}/receivedAt`),
        reasons: o.reasons ?? null,
      })),
    },
    notes: input.notes ?? null,
  };
}
