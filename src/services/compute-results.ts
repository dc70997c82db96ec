import type { Kysely } from 'kysely';
import type { DB } from '../db/database.js';
import { dialectOf, type Executor } from '../db/dialect.js';
import { consultationState } from '../domain/consultation/consultation-state.js';
import type { ClassTally, MeetingDecisionInput } from '../domain/procedure/outcomes.js';
import { type PhaseWindow, phasePosition } from '../domain/procedure/phases.js';
import type { ConsultationResults, TextResult } from '../domain/consultation/results.js';
import type { ConsultationWrite } from '../domain/policy/action.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { listDecisions } from '../repositories/decision.repository.js';
import { countCountedPositions } from '../repositories/reply.repository.js';
import { chainMarker } from '../repositories/audit.repository.js';
import { sealAudit } from './audit-seal.js';
import { deadlinePassed, loadConsultation, type LoadedConsultation } from './load-consultation.js';
import type { ServiceContext } from './service-context.js';

export type { ConsultationResults, TextResult } from '../domain/consultation/results.js';

/**
 * The per-text results of a consultation from its counted replies (one aggregate query), with
 * the meeting's decisions applied at the current instant, and the state that follows.
 */
export async function evaluateConsultation(
  db: Executor,
  loaded: LoadedConsultation,
  now: number,
): Promise<ConsultationResults> {
  const { consultation, procedure } = loaded;
  const classes = procedure.participantClasses;
  const { counts, decisions, auditHead } = await readAtOneHead(db, consultation.id, classes.length > 1);
  // Counted replies per text and position kind, of the classes whose replies count, and per class
  // (with one class, every counted reply is of it); the procedure says what each kind counts as.
  const counting = new Set(classes.filter((c) => c.counted).map((c) => c.id));
  const byText = new Map<string, Record<string, number>>();
  const byTextAndClass = new Map<string, Record<string, number>>();
  for (const text of loaded.texts) byText.set(text.id, {});
  for (const row of counts) {
    const entry = byText.get(row.textId);
    if (!entry) continue;
    const participantClass = row.participantClass ?? classes[0]?.id ?? '';
    if (counting.has(participantClass)) entry[row.position] = (entry[row.position] ?? 0) + row.count;
    const key = `${row.textId}\u0000${participantClass}`;
    const ofClass = byTextAndClass.get(key) ?? {};
    ofClass[row.position] = (ofClass[row.position] ?? 0) + row.count;
    byTextAndClass.set(key, ofClass);
  }
  const decisionByText = new Map(decisions.map((d) => [d.textId, d]));
  const texts: TextResult[] = loaded.texts.map((text) => {
    const tally = procedure.tally(byText.get(text.id)!, consultation.resolutionEdition);
    const byClass: ClassTally[] =
      classes.length < 2
        ? []
        : classes.map((c) => ({
            participantClass: c.id,
            counted: c.counted,
            tally: procedure.tally(byTextAndClass.get(`${text.id}\u0000${c.id}`) ?? {}, consultation.resolutionEdition),
          }));
    const record = decisionByText.get(text.id) ?? null;
    const decision =
      record === null
        ? null
        : procedure.decideAtMeeting(record.input, consultation.meeting.lastDay, now, consultation.resolutionEdition);
    return { text, tally, byClass, decision, decisionRecord: record };
  });
  const isFinal = deadlinePassed(consultation, now);
  // Without a meeting, the decision rule on the replies is the outcome: nothing more is awaited.
  const decisionsComplete =
    isFinal && (!procedure.hasMeeting || texts.filter((t) => t.tally.passes).every((t) => t.decision !== null));
  const timeline = timelineOf(
    loaded,
    decisions.map((d) => d.input),
  );
  const state = consultationState(
    {
      issuedAt: consultation.issuedAt,
      phases: procedure.phases,
      timeline,
      decisionsComplete,
      resultsNoticeAt: consultation.resultsNoticeAt,
    },
    now,
  );
  return {
    loaded,
    state,
    timeline,
    phase: phasePosition(timeline, now),
    final: isFinal,
    computedAt: now,
    texts,
    resultsNoticeDueAt: isFinal
      ? procedure.resultsNoticeDueAt(
          consultation.meeting.lastDay,
          decisions.map((d) => d.input),
        )
      : null,
    auditHead,
  };
}

/**
 * A consultation's phases as windows in time, from its dates and the meeting decisions recorded so
 * far (its procedure's timeline: pure).
 */
export function timelineOf(loaded: LoadedConsultation, decisions: readonly MeetingDecisionInput[]): PhaseWindow[] {
  const { consultation, procedure } = loaded;
  return procedure.timeline(
    {
      issuedAt: consultation.issuedAt,
      deadlineAt: consultation.deadlineAt,
      meeting: { firstDay: consultation.meeting.firstDay, lastDay: consultation.meeting.lastDay },
      decisions,
      resultsNoticeAt: consultation.resultsNoticeAt,
    },
    consultation.resolutionEdition,
  );
}

/**
 * The counted positions and the decisions, with the audit head they reflect. Every change that
 * decides them (a reply version, a moved counted mark, a decision) commits with its audit event,
 * and the event is sealed into the chain when it commits or right after (services/audit-seal.ts).
 * The figures are read between two reads of the chain head and of the pending events; when
 * neither moved, no change committed in between. Under a burst of writes the reads are repeated
 * (a few times), then done in one snapshot. The head named is read once every event pending at
 * the reads is sealed, so every change the figures reflect was recorded at or before it.
 */
async function readAtOneHead(db: Executor, consultationId: string, byClass: boolean) {
  const read = async (executor: Executor) => {
    const before = await chainMarker(executor);
    const [counts, decisions] = await Promise.all([
      countCountedPositions(executor, consultationId, { byClass }),
      listDecisions(executor, consultationId),
    ]);
    const after = await chainMarker(executor);
    return { counts, decisions, head: after.head, pending: after.pending > 0, stable: before.key === after.key };
  };
  let result: Awaited<ReturnType<typeof read>> | undefined;
  for (let attempt = 0; attempt < 3 && !result?.stable; attempt += 1) result = await read(db);
  if (!result!.stable) result = await inSnapshot(db, read);
  const { counts, decisions } = result!;
  if (!result!.pending) return { counts, decisions, auditHead: result!.head ?? null };
  // Events pending at the reads (committed, not yet sealed) are sealed first. Inside a
  // transaction nothing can be sealed yet: no head can vouch for the figures, and none is named.
  if (db.isTransaction) return { counts, decisions, auditHead: null };
  await sealAudit(db as Kysely<DB>);
  return { counts, decisions, auditHead: (await chainMarker(db)).head ?? null };
}

/**
 * Runs reads on one snapshot: a REPEATABLE READ transaction on PostgreSQL, a transaction on SQLite
 * (whose transactions are serial). Inside a caller's transaction, that transaction is the snapshot.
 */
async function inSnapshot<T>(db: Executor, work: (executor: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  const builder = (db as Kysely<DB>).transaction();
  return (dialectOf(db) === 'postgres' ? builder.setIsolationLevel('repeatable read') : builder).execute(work);
}

export interface ComputeResultsOptions {
  readonly actor: Actor;
  readonly consultationId: string;
  /** The write these results answer for (recording a decision): its token scope suffices. */
  readonly within?: ConsultationWrite | undefined;
}

/**
 * Results per text (the procedure's decision rule on the replies received by the deadline) for
 * an actor: everyone after the deadline; the secretariat also before it, marked provisional.
 * @throws NOT_FOUND, RESULTS_NOT_AVAILABLE, FORBIDDEN (a token without the scope)
 */
export async function computeResults(
  ctx: ServiceContext,
  options: ComputeResultsOptions,
): Promise<ConsultationResults> {
  const now = ctx.clock();
  const within = options.within ? { within: options.within } : {};
  const loaded = await loadConsultation(ctx.db, options.consultationId, options.actor, within);
  authorize(options.actor, {
    action: 'results:read',
    deadlinePassed: deadlinePassed(loaded.consultation, now),
    ...within,
  });
  return evaluateConsultation(ctx.db, loaded, now);
}
