import { AppError, type ErrorCode } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { appendAudit } from '../repositories/audit.repository.js';
import { markResultsNoticeIssued } from '../repositories/consultation.repository.js';
import { evaluateConsultation, type ConsultationResults } from './compute-results.js';
import { loadConsultation } from './load-consultation.js';
import { inTransaction, type ServiceContext } from './service-context.js';
import { enqueueResultsJob } from './jobs/enqueue.js';

/**
 * Issues the results notice (Res. 1 §9.6.1): once every text that could be considered has a
 * recorded decision. Texts still within a §9.5.5 window are announced as pending with the date
 * their window closes. The notice is issued once.
 * @throws FORBIDDEN, NOT_FOUND; NOTICE_NOT_ALLOWED whose problems say why: RESULTS_NOTICE_ISSUED,
 *   DEADLINE_NOT_PASSED, or one DECISION_MISSING per text (`/texts/<id>/decision`)
 */
export async function issueResultsNotice(
  ctx: ServiceContext,
  options: { actor: Actor; consultationId: string },
): Promise<ConsultationResults> {
  authorize(options.actor, { action: 'notice:issue' });
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock();
    const loaded = await loadConsultation(trx, options.consultationId, options.actor, {
      lock: true,
      within: 'notice:issue',
    });
    const refuse = (code: ErrorCode, detail: string): never => {
      throw new AppError('NOTICE_NOT_ALLOWED', detail, { errors: [{ field: '/', message: detail, code }] });
    };
    if (loaded.consultation.resultsNoticeAt !== null)
      refuse('RESULTS_NOTICE_ISSUED', 'The results notice was already issued');
    const evaluation = await evaluateConsultation(trx, loaded, now);
    if (!evaluation.final) refuse('DEADLINE_NOT_PASSED', 'The consultation is still open');
    const missing = loaded.procedure.hasMeeting
      ? evaluation.texts.filter((t) => t.tally.outcome === 'may_proceed' && t.decision === null)
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
    await markResultsNoticeIssued(trx, loaded.consultation.id, now);
    await enqueueResultsJob(trx, loaded.consultation.id, now);
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'notice.issued',
      consultationId: loaded.consultation.id,
      subject: `consultation:${loaded.consultation.id}`,
      data: Object.fromEntries(evaluation.texts.map((t) => [t.text.id, t.decision?.outcome ?? t.tally.outcome])),
    });
    const reloaded = await loadConsultation(trx, options.consultationId, options.actor, { within: 'notice:issue' });
    return evaluateConsultation(trx, reloaded, now);
  });
}
