import type { MeetingDecision } from '../domain/procedure/outcomes.js';
import type { StoredDecision } from '../domain/consultation/meeting-decision.js';
import type { ConsultationResults } from '../services/compute-results.js';
import type { DecisionView, ResultsView } from '../schemas/responses.schema.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function presentDecision(decision: MeetingDecision, record: StoredDecision | null): DecisionView {
  return {
    outcome: decision.outcome,
    clause: decision.clause,
    citation: decision.citation,
    moreTimeWindowEndsAt: decision.moreTimeWindowEndsAt === null ? null : iso(decision.moreTimeWindowEndsAt),
    mayRestartWithoutNewDetermination: decision.mayRestartWithoutNewDetermination,
    opposedBy: [...decision.opposedBy],
    reservations: decision.reservations.map((r) => ({ ...r })),
    recorded:
      record === null
        ? null
        : {
            deferred: record.input.deferred,
            opposing: [...record.input.opposing],
            abstaining: [...record.input.abstaining],
            moreTime: [...record.input.moreTime],
            formalOppositions: record.input.formalOppositions.map((o) => ({
              state: o.state,
              receivedAt: iso(o.receivedAt),
              reasons: o.reasons,
            })),
            notes: record.notes,
            recordedAt: iso(record.recordedAt),
            recordedBy: record.recordedBy,
          },
  };
}

export function presentResults(results: ConsultationResults): ResultsView {
  const c = results.loaded.consultation;
  return {
    consultationId: c.id,
    state: results.state,
    final: results.final,
    computedAt: iso(results.computedAt),
    deadline: iso(c.deadlineAt),
    resultsNoticeDueAt: results.resultsNoticeDueAt === null ? null : iso(results.resultsNoticeDueAt),
    resultsNoticeAt: c.resultsNoticeAt === null ? null : iso(c.resultsNoticeAt),
    auditHead: results.auditHead === null ? null : { seq: results.auditHead.seq, hash: results.auditHead.hash },
    texts: results.texts.map(({ text, tally, byClass, decision, decisionRecord }) => ({
      text: {
        id: text.id,
        designation: text.designation,
        workItem: text.workItem,
        title: text.title,
        order: text.order,
      },
      replies: tally.replies,
      unclear: tally.unclear,
      passes: tally.passes,
      outcome: tally.outcome,
      basis: tally.basis,
      clause: tally.clause,
      citation: tally.citation,
      explanation: tally.explanation,
      figures: tally.figures.map((f) => ({ name: f.name, value: f.value, format: f.format })),
      byClass: byClass.map((c) => ({
        participantClass: c.participantClass,
        counted: c.counted,
        replies: c.tally.replies,
        unclear: c.tally.unclear,
        passes: c.tally.passes,
        outcome: c.tally.outcome,
        basis: c.tally.basis,
        figures: c.tally.figures.map((f) => ({ name: f.name, value: f.value, format: f.format })),
      })),
      decision: decision === null ? null : presentDecision(decision, decisionRecord),
    })),
  };
}
