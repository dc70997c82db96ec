import type { Selectable } from 'kysely';
import type { MeetingDecisionTable } from '../db/database.js';
import type { Executor } from '../db/dialect.js';
import type { StoredDecision } from '../domain/consultation/meeting-decision.js';
import { decisionColumn, decisionOfColumn } from './procedure-records.js';

export type { StoredDecision } from '../domain/consultation/meeting-decision.js';

function toStored(row: Selectable<MeetingDecisionTable>): StoredDecision {
  return {
    textId: row.text_id,
    input: decisionOfColumn(row.decision),
    notes: row.notes,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  };
}

/** Records (or replaces) what the meeting decided on one text. */
export async function saveDecision(db: Executor, consultationId: string, decision: StoredDecision): Promise<void> {
  const values = {
    decision: decisionColumn(decision.input),
    notes: decision.notes,
    recorded_at: decision.recordedAt,
    recorded_by: decision.recordedBy,
  };
  await db
    .insertInto('meeting_decision')
    .values({ consultation_id: consultationId, text_id: decision.textId, ...values })
    .onConflict((oc) => oc.columns(['consultation_id', 'text_id']).doUpdateSet(values))
    .execute();
}

export async function listDecisions(db: Executor, consultationId: string): Promise<StoredDecision[]> {
  const rows = await db
    .selectFrom('meeting_decision')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .orderBy('text_id')
    .execute();
  return rows.map(toStored);
}
