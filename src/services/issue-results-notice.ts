import { AppError, type ErrorCode } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { appendAudit } from '../repositories/audit.repository.js';
import { markResultsNoticeIssued } from '../repositories/consultation.repository.js';
import { blankToNull } from '../domain/text/input-text.js';
import { isIsoDay, startOfDay, toIsoDay } from '../domain/time/instants.js';
import { evaluateConsultation, type ConsultationResults } from './compute-results.js';
import { loadConsultation } from './load-consultation.js';
import { inTransaction, type ServiceContext } from './service-context.js';
import { enqueueResultsJob } from './jobs/enqueue.js';

/** The longest reference a notice may take ("TSB Circular 140" and the like). */
export const NOTICE_REFERENCE_MAX = 100;

/**
 * Issues the results notice (the procedure's resultsNotice rule): once every text that could be
 * considered has a recorded decision. Texts still within a window after the meeting (the
 * procedure's afterMeeting rule, e.g. TAP's more time) are announced as pending with the date
 * their window closes. The notice is issued once.
 *
 * For a consultation entered afterwards, `issuedOn` gives the day the notice was issued, from the
 * records (the notice is then dated at the start of that day): not before the last day of the
 * meeting (NOTICE_BEFORE_MEETING_END), not after today (NOTICE_IN_FUTURE); without it, now. No
 * e-mail is sent for a record's notice. A live consultation's notice is issued now
 * (NOT_ENTERED_AFTERWARDS for an `issuedOn`). TSB issues the notice as a circular of its own:
 * `reference` is its number ("TSB Circular 140"), printed on the notice and kept with the
 * consultation; left blank, the notice names the consultation's circular only.
 * @throws FORBIDDEN, NOT_FOUND; VALIDATION_FAILED at `/issuedOn` (not a calendar day,
 *   NOT_ENTERED_AFTERWARDS, NOTICE_BEFORE_MEETING_END, NOTICE_IN_FUTURE) or `/reference`
 *   (TEXT_TOO_LONG); NOTICE_NOT_ALLOWED whose
 *   problems say why: RESULTS_NOTICE_ISSUED, DEADLINE_NOT_PASSED, or one DECISION_MISSING per text
 *   (`/texts/<id>/decision`)
 */
export async function issueResultsNotice(
  ctx: ServiceContext,
  options: {
    actor: Actor;
    consultationId: string;
    issuedOn?: string | undefined;
    /** The notice's own reference, as a circular of its own ("TSB Circular 140"); blank: none. */
    reference?: string | undefined;
  },
): Promise<ConsultationResults> {
  authorize(options.actor, { action: 'notice:issue' });
  const now = ctx.clock();
  const reference = blankToNull(options.reference)?.trim() ?? null;
  if (reference !== null && reference.length > NOTICE_REFERENCE_MAX)
    throw new AppError('VALIDATION_FAILED', 'The reference of the notice is too long', {
      errors: [
        {
          field: '/reference',
          message: `Use at most ${NOTICE_REFERENCE_MAX} characters`,
          code: 'TEXT_TOO_LONG',
        },
      ],
    });
  await inTransaction(ctx, async (trx) => {
    const loaded = await loadConsultation(trx, options.consultationId, options.actor, {
      lock: true,
      within: 'notice:issue',
    });
    const refuse = (code: ErrorCode, detail: string): never => {
      throw new AppError('NOTICE_NOT_ALLOWED', detail, { errors: [{ field: '/', message: detail, code }] });
    };
    if (loaded.consultation.resultsNoticeAt !== null)
      refuse('RESULTS_NOTICE_ISSUED', 'The results notice was already issued');
    const issuedAt = options.issuedOn === undefined ? now : noticeDay(options.issuedOn, loaded.consultation, now);
    const evaluation = await evaluateConsultation(trx, loaded, now);
    if (!evaluation.final) refuse('DEADLINE_NOT_PASSED', 'The consultation is still open');
    const missing = loaded.procedure.hasMeeting
      ? evaluation.texts.filter((t) => t.tally.passes && t.decision === null)
      : [];
    if (missing.length > 0) {
      throw new AppError(
        'NOTICE_NOT_ALLOWED',
        'Record the meeting decision on every text that could be considered first',
        {
          errors: missing.map((t) => ({
            field: `/texts/${t.text.id}/decision`,
            message: `${t.text.designation} has no recorded decision`,
            code: 'DECISION_MISSING' as const,
          })),
        },
      );
    }
    await markResultsNoticeIssued(trx, loaded.consultation.id, issuedAt, now, reference);
    // A record's notice was issued long ago, by other means: nothing is sent.
    if (loaded.consultation.enteredAfterwardsAt === null) await enqueueResultsJob(trx, loaded.consultation.id, now);
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'notice.issued',
      consultationId: loaded.consultation.id,
      subject: `consultation:${loaded.consultation.id}`,
      data: {
        ...Object.fromEntries(evaluation.texts.map((t) => [t.text.id, t.decision?.outcome ?? t.tally.outcome])),
        ...(options.issuedOn !== undefined && { issuedOn: options.issuedOn }),
        ...(reference !== null && { reference }),
      },
    });
  });
  // The results as issued, read once the notice and its audit event are committed and sealed, so
  // they name the audit head that records the notice. Nothing can change them any more: after
  // the notice, decisions are final and replies are closed.
  const reloaded = await loadConsultation(ctx.db, options.consultationId, options.actor, { within: 'notice:issue' });
  return evaluateConsultation(ctx.db, reloaded, now);
}

/**
 * The instant of a results notice dated from the records: the start of `issuedOn`, for a
 * consultation entered afterwards only, not before the meeting's last day nor after today.
 */
function noticeDay(
  issuedOn: string,
  consultation: { readonly enteredAfterwardsAt: number | null; readonly meeting: { readonly lastDay: string } },
  now: number,
): number {
  const refuse = (message: string, code?: ErrorCode): never => {
    throw new AppError('VALIDATION_FAILED', message, {
      errors: [{ field: '/issuedOn', message, ...(code !== undefined && { code }) }],
    });
  };
  if (!isIsoDay(issuedOn)) refuse(`${issuedOn} is not a calendar day`);
  if (consultation.enteredAfterwardsAt === null)
    refuse(
      'Only a consultation entered afterwards takes the date of its notice; this one is issued now',
      'NOT_ENTERED_AFTERWARDS',
    );
  if (issuedOn < consultation.meeting.lastDay)
    refuse(
      `The results notice cannot be dated before the meeting ended (${consultation.meeting.lastDay})`,
      'NOTICE_BEFORE_MEETING_END',
    );
  if (issuedOn > toIsoDay(now)) refuse('The results notice cannot be dated in the future', 'NOTICE_IN_FUTURE');
  return startOfDay(issuedOn);
}
