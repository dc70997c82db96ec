import type { Consultation } from '../domain/consultation/consultation.js';
import { AppError, type FieldProblem } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { citeRole } from '../domain/procedure/procedure.js';
import type { TimingCheck } from '../domain/procedure/timing.js';
import { appendAudit } from '../repositories/audit.repository.js';
import { findConsultation, markIssued } from '../repositories/consultation.repository.js';
import { checkRecordedIssue } from './consultation-input.js';
import { assertDraft, assertRevision } from './draft-guard.js';
import { enqueueIssueJobs } from './jobs/enqueue.js';
import { loadConsultation } from './load-consultation.js';
import { inTransaction, type ServiceContext } from './service-context.js';

export interface IssueConsultationOptions {
  readonly actor: Actor;
  readonly consultationId: string;
  readonly expectedRevision?: number;
}

export interface IssuedConsultation {
  readonly consultation: Consultation;
  /** The timing checks at the moment of issue; warnings do not block (the secretariat decides). */
  readonly timing: TimingCheck[];
}

/**
 * Issues a draft circular: from this instant Member States may reply and the texts are frozen.
 * Requires at least one text, a summary for every text but a corrigendum (the procedure's
 * textSummary rule, cited with the problem: no Recommendation is complete without its summary)
 * and a deadline still in the future.
 *
 * A past consultation entered afterwards (createConsultation with `enteredAfterwards`) goes
 * through the same checks but the deadline: it is issued at the instant its records give
 * (still not in the future, not before the circular's day, before the deadline), enqueues no
 * e-mail and no reminder (its States replied long ago, on paper), and the trail says
 * `consultation.entered_afterwards`, at the moment it was entered.
 * @throws CONSULTATION_ISSUED, CONSULTATION_INCOMPLETE, STALE_CONSULTATION
 */
export async function issueConsultation(
  ctx: ServiceContext,
  options: IssueConsultationOptions,
): Promise<IssuedConsultation> {
  authorize(options.actor, { action: 'consultation:issue' });
  const now = ctx.clock();
  return inTransaction(ctx, async (trx) => {
    const loaded = await loadConsultation(trx, options.consultationId, options.actor, {
      lock: true,
      within: 'consultation:issue',
    });
    assertDraft(loaded);
    assertRevision(loaded, options.expectedRevision);
    const { consultation, texts, procedure } = loaded;
    const problems: FieldProblem[] = [];
    if (texts.length === 0)
      problems.push({ field: '/texts', message: 'A circular lists at least one determined text' });
    const summaryClause =
      procedure.clauseFor('textSummary', consultation.resolutionEdition) === null
        ? null
        : citeRole(procedure, 'textSummary', consultation.resolutionEdition);
    texts.forEach((text) => {
      if (text.kind !== 'corrigendum' && (text.summary === null || text.summary.trim() === ''))
        problems.push({
          field: `/texts/${text.id}/summary`,
          message: `${text.designation} needs its summary`,
          ...(summaryClause === null ? {} : { clause: summaryClause }),
        });
    });
    const recorded = consultation.recordedIssuedAt;
    if (recorded !== null) problems.push(...checkRecordedIssue(recorded, consultation, now));
    else if (consultation.deadlineAt <= now)
      problems.push({ field: '/deadline', message: 'The deadline has already passed; set a deadline in the future' });
    if (problems.length > 0)
      throw new AppError('CONSULTATION_INCOMPLETE', 'The circular cannot be issued as it stands', { errors: problems });

    await markIssued(trx, consultation.id, recorded ?? now, now);
    // The issue notice and the reminder slots commit (or roll back) with the issue itself; a
    // record was issued long ago, by other means: nothing is sent.
    if (recorded === null) await enqueueIssueJobs(trx, consultation, ctx.reminderDays, now);
    const timing = procedure.checkTiming(
      {
        circularDate: consultation.date,
        announcedOn: consultation.announcedOn,
        meetingFirstDay: consultation.meeting.firstDay,
        deadlineAt: consultation.deadlineAt,
        languagesAvailableOn: consultation.languagesAvailableOn,
      },
      consultation.resolutionEdition,
      ctx.calendar,
      ctx.timingPolicy,
    );
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: recorded === null ? 'consultation.issued' : 'consultation.entered_afterwards',
      consultationId: consultation.id,
      subject: `consultation:${consultation.id}`,
      data: {
        ...(recorded !== null && { issuedAt: new Date(recorded).toISOString() }),
        deadlineAt: new Date(consultation.deadlineAt).toISOString(),
        texts: texts.map((t) => t.id),
        warnings: timing.filter((t) => t.severity === 'warning').map((t) => t.rule),
      },
    });
    return { consultation: (await findConsultation(trx, consultation.id))!.consultation, timing };
  });
}
