import type { MeetingDecision } from '../domain/procedure/tap/tap-meeting.js';
import type { TextTally } from '../domain/procedure/tap/tap-tally.js';
import type { StoredDecision } from '../domain/consultation/meeting-decision.js';
import type { ConsultationResults } from '../services/compute-results.js';
import type { DecisionView, ResultsView } from '../schemas/responses.schema.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** The rule applied to one text, in words, with the clause. */
export function explainTally(t: TextTally): string {
  if (t.basis === 'no_replies')
    return `No replies were received: approval may be considered at the meeting (${t.citation}).`;
  const share = `${t.support} of ${t.replies} replies (${t.percent} %) support consideration for approval`;
  if (t.basis === 'threshold_met')
    return `${share}; 70 % or more is needed: approval may be considered at the meeting (${t.citation}).`;
  return `${share}; 70 % or more is needed: the text may not be considered at this meeting (${t.citation}). ${t.neededMoreSupport} more supporting ${t.neededMoreSupport === 1 ? 'reply' : 'replies'} would have been needed.`;
}

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
    texts: results.texts.map(({ text, tally, decision, decisionRecord }) => ({
      text: {
        id: text.id,
        designation: text.designation,
        workItem: text.workItem,
        title: text.title,
        order: text.order,
      },
      replies: tally.replies,
      support: tally.support,
      nonSupport: tally.nonSupport,
      unclear: tally.unclear,
      percent: tally.percent,
      threshold: '70 %',
      outcome: tally.outcome,
      basis: tally.basis,
      neededMoreSupport: tally.neededMoreSupport,
      clause: tally.clause,
      citation: tally.citation,
      explanation: explainTally(tally),
      decision: decision === null ? null : presentDecision(decision, decisionRecord),
    })),
  };
}
