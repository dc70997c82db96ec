import type { ResultsReportHeader } from '../domain/consultation/consultation.js';
import { AppError, type FieldProblem } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { blankToNull } from '../domain/text/input-text.js';
import { appendAudit } from '../repositories/audit.repository.js';
import { setResultsReportHeader } from '../repositories/consultation.repository.js';
import { loadConsultation } from './load-consultation.js';
import { inTransaction, type ServiceContext } from './service-context.js';

/** The longest TD number and list of Questions the report's header takes. */
export const REPORT_TD_MAX = 60;
export const REPORT_QUESTIONS_MAX = 200;

/**
 * Sets the header of the results report: the report goes to the meeting as one of its TDs, whose
 * number the secretariat gives ("SG17-TD1234"), with the Questions it concerns ("6/17, 10/17").
 * The report prints the rest of a TD's header from the consultation (study group and period,
 * source, title, contact, original language). Blank values clear; the header may change at any
 * time, as TDs are renumbered before a meeting. An audited act of the secretariat.
 * @throws FORBIDDEN, NOT_FOUND; VALIDATION_FAILED with TEXT_TOO_LONG at `/td` or `/questions`
 */
export async function setReportHeader(
  ctx: ServiceContext,
  options: {
    readonly actor: Actor;
    readonly consultationId: string;
    readonly td?: string | null | undefined;
    readonly questions?: string | null | undefined;
  },
): Promise<ResultsReportHeader> {
  authorize(options.actor, { action: 'decision:record' });
  const header: ResultsReportHeader = {
    td: blankToNull(options.td)?.trim() ?? null,
    questions: blankToNull(options.questions)?.trim() ?? null,
  };
  const problems: FieldProblem[] = [];
  if (header.td !== null && header.td.length > REPORT_TD_MAX)
    problems.push({ field: '/td', message: `Use at most ${REPORT_TD_MAX} characters`, code: 'TEXT_TOO_LONG' });
  if (header.questions !== null && header.questions.length > REPORT_QUESTIONS_MAX)
    problems.push({
      field: '/questions',
      message: `Use at most ${REPORT_QUESTIONS_MAX} characters`,
      code: 'TEXT_TOO_LONG',
    });
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', 'The header of the results report is not valid', { errors: problems });
  const now = ctx.clock();
  await inTransaction(ctx, async (trx) => {
    const loaded = await loadConsultation(trx, options.consultationId, options.actor, {
      lock: true,
      within: 'decision:record',
    });
    await setResultsReportHeader(trx, loaded.consultation.id, header, now);
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'report.header.set',
      consultationId: loaded.consultation.id,
      subject: `consultation:${loaded.consultation.id}`,
      data: { td: header.td, questions: header.questions },
    });
  });
  return header;
}
