import type { ConsultationWrite } from '../domain/policy/action.js';
import { authorize } from '../domain/policy/policy.js';
import type { Actor } from '../domain/policy/actor.js';
import type { PhasePosition, PhaseWindow } from '../domain/procedure/phases.js';
import type { TimingCheck } from '../domain/procedure/timing.js';
import type { ConsultationState } from '../domain/consultation/consultation-state.js';
import { listConsultations as findAll, listTextsOf } from '../repositories/consultation.repository.js';
import { procedureFor } from '../procedures/registry.js';
import { type ConsultationResults, evaluateConsultation } from './compute-results.js';
import { loadConsultation, type LoadedConsultation } from './load-consultation.js';
import type { ServiceContext } from './service-context.js';

export interface ConsultationView {
  readonly loaded: LoadedConsultation;
  readonly state: ConsultationState;
  /** The consultation's phases as windows in time, and where it stands in them now. */
  readonly timeline: readonly PhaseWindow[];
  readonly phase: PhasePosition;
  readonly timing: TimingCheck[];
}

/**
 * One consultation with its texts, its state at this instant and the timing checks of its dates
 * (the procedure's timing rules, each with its clause). `within`: the write this read answers for (its token scope
 * suffices).
 * @throws NOT_FOUND (also for drafts, to anyone but the secretariat), FORBIDDEN (a token without the scope)
 */
export async function getConsultation(
  ctx: ServiceContext,
  options: { actor: Actor; consultationId: string; within?: ConsultationWrite },
): Promise<ConsultationView> {
  const now = ctx.clock();
  const loaded = await loadConsultation(
    ctx.db,
    options.consultationId,
    options.actor,
    options.within ? { within: options.within } : {},
  );
  const evaluation = await evaluateConsultation(ctx.db, loaded, now);
  return { loaded, ...phaseOf(evaluation), timing: timingOf(ctx, loaded) };
}

/**
 * Every consultation the actor may see, newest first, with state.
 * @throws FORBIDDEN (a token without the `read` scope)
 */
export async function listConsultations(ctx: ServiceContext, options: { actor: Actor }): Promise<ConsultationView[]> {
  // Issued circulars are everyone's to see, drafts the secretariat's (below); a token still needs `read`.
  authorize(options.actor, { action: 'consultation:read', issued: true });
  const now = ctx.clock();
  const consultations = await findAll(ctx.db, { includeDrafts: options.actor.kind === 'secretariat' });
  const texts = await listTextsOf(
    ctx.db,
    consultations.map((c) => c.id),
  );
  const views: ConsultationView[] = [];
  for (const consultation of consultations) {
    const loaded: LoadedConsultation = {
      consultation,
      revision: 0,
      texts: texts.filter((t) => t.consultationId === consultation.id),
      procedure: procedureFor(consultation.procedure),
    };
    const evaluation = await evaluateConsultation(ctx.db, loaded, now);
    views.push({ loaded, ...phaseOf(evaluation), timing: timingOf(ctx, loaded) });
  }
  return views;
}

function phaseOf(evaluation: ConsultationResults) {
  return { state: evaluation.state, timeline: evaluation.timeline, phase: evaluation.phase };
}

function timingOf(ctx: ServiceContext, loaded: LoadedConsultation): TimingCheck[] {
  const { consultation, procedure } = loaded;
  return procedure.checkTiming(
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
}
