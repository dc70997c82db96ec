import type { Consultation } from '../domain/consultation/consultation.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { appendAudit } from '../repositories/audit.repository.js';
import { findConsultation, updateConsultation as storeConsultation } from '../repositories/consultation.repository.js';
import { listMemberStates } from '../repositories/member-state.repository.js';
import { type ConsultationPatch, ConsultationPatchSchema } from '../schemas/consultation.schema.js';
import {
  checkConsultationFields,
  checkConsultationTranslations,
  checkDeadlineAhead,
  checkRecordedIssue,
  checkEligibleStates,
  checkTextTranslations,
  inputAndRuleProblems,
  patchedDeadline,
  throwIfProblems,
} from './consultation-input.js';
import { assertDraft, assertRevision } from './draft-guard.js';
import { loadConsultation } from './load-consultation.js';
import { inTransaction, type ServiceContext } from './service-context.js';

export interface UpdateConsultationOptions {
  readonly actor: Actor;
  readonly consultationId: string;
  readonly patch: ConsultationPatch;
  /** The revision the client last read (If-Match); omitted: last write wins. */
  readonly expectedRevision?: number;
  /** Refuse a deadline being set that has already passed (DEADLINE_PASSED), as createConsultation's option. */
  readonly deadlineAhead?: boolean;
}

/**
 * Changes fields of a draft consultation.
 * `translations`, when given, replaces every translation of the subject.
 * `deadline` and `deadlineWording` follow createConsultation's rule; a wording given alone is
 * checked against the stored deadline, a deadline given alone keeps the stored wording.
 * @throws CONSULTATION_ISSUED once issued; STALE_CONSULTATION on a revision mismatch; VALIDATION_FAILED
 *   with every problem at once, as createConsultation's (the patch against ConsultationPatchSchema;
 *   with `deadlineAhead`, a deadline being set must be ahead), also for a translation in the language of record,
 *   including a text's after a change of it
 */
export async function updateConsultation(
  ctx: ServiceContext,
  options: UpdateConsultationOptions,
): Promise<Consultation> {
  authorize(options.actor, { action: 'consultation:write' });
  const now = ctx.clock();
  return inTransaction(ctx, async (trx) => {
    const loaded = await loadConsultation(trx, options.consultationId, options.actor, {
      lock: true,
      within: 'consultation:write',
    });
    assertDraft(loaded);
    assertRevision(loaded, options.expectedRevision);
    const current = loaded.consultation;
    const p = options.patch;
    const deadline = patchedDeadline(current, p);
    const next = {
      ...current,
      ...(p.procedure !== undefined && { procedure: p.procedure }),
      ...(p.resolutionEdition !== undefined && { resolutionEdition: p.resolutionEdition }),
      ...(p.bureau !== undefined && { bureau: p.bureau }),
      ...(p.studyPeriod !== undefined && { studyPeriod: p.studyPeriod }),
      ...(p.number !== undefined && { number: p.number }),
      ...(p.date !== undefined && { date: p.date }),
      ...(p.announcedOn !== undefined && { announcedOn: p.announcedOn }),
      ...(p.reference !== undefined && { reference: p.reference }),
      ...(p.studyGroup !== undefined && { studyGroup: p.studyGroup }),
      ...(p.meeting !== undefined && {
        meeting: {
          place: p.meeting.place,
          firstDay: p.meeting.firstDay,
          lastDay: p.meeting.lastDay,
          collectiveLetter: p.meeting.collectiveLetter ?? null,
        },
      }),
      ...(p.subject !== undefined && { subject: p.subject }),
      ...(p.languageOfRecord !== undefined && { languageOfRecord: p.languageOfRecord }),
      ...(p.translations !== undefined && { translations: p.translations }),
      ...(deadline !== null && { deadlineAt: deadline.deadlineAt, deadlineWording: deadline.deadlineWording }),
      ...(p.addressees !== undefined && { addressees: p.addressees }),
      ...(p.copies !== undefined && { copies: p.copies }),
      ...(p.notes !== undefined && { notes: p.notes }),
      ...(p.signatory !== undefined && { signatory: p.signatory }),
      ...(p.languagesAvailableOn !== undefined && { languagesAvailableOn: p.languagesAvailableOn }),
      ...(p.isDemo !== undefined && { isDemo: p.isDemo }),
      settings: {
        individualRepliesPublic: p.individualRepliesPublic ?? current.settings.individualRepliesPublic,
        eligibleStates: p.eligibleStates !== undefined ? p.eligibleStates : current.settings.eligibleStates,
      },
    };
    const participants = await listMemberStates(trx);
    throwIfProblems(
      inputAndRuleProblems(ConsultationPatchSchema, p, [
        ...(deadline?.problems ?? []),
        ...checkConsultationFields(next),
        // Only a deadline being set must be ahead: a patch of other fields leaves a passed one alone.
        // A record's deadline is history: its issue instant must still fit the dates instead.
        ...(current.recordedIssuedAt !== null
          ? checkRecordedIssue(current.recordedIssuedAt, next, now)
          : options.deadlineAhead === true && p.deadline !== undefined
            ? checkDeadlineAhead(next.deadlineAt, now)
            : []),
        // The list is checked when it changes, and when the procedure does (the classes it consults).
        ...(p.eligibleStates !== undefined || p.procedure !== undefined
          ? checkEligibleStates(next.settings.eligibleStates, participants, next.procedure)
          : []),
        ...checkConsultationTranslations(next),
        // A new language of record must not leave a text "translated" into it.
        ...loaded.texts.flatMap((text) =>
          checkTextTranslations(text, next.languageOfRecord).map((problem) => ({
            field: '/languageOfRecord',
            message: `${text.designation}: ${problem.message} (change or remove that translation first)`,
          })),
        ),
      ]),
    );
    await storeConsultation(trx, next, now);
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'consultation.updated',
      consultationId: current.id,
      subject: `consultation:${current.id}`,
      data: { fields: Object.keys(p).sort() },
    });
    return (await findConsultation(trx, current.id))!.consultation;
  });
}
