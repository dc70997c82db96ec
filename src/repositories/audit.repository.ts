import type { Executor } from '../db/dialect.js';
import { fromJson, toJson } from './json-column.js';

/** One security- or ballot-relevant event. Written in the transaction of the change it records. */
export interface AuditEvent {
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly consultationId: string | null;
  readonly subject: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface StoredAuditEvent extends AuditEvent {
  readonly seq: number;
}

/** Appends an event (the table is append-only: nothing updates or deletes rows). */
export async function appendAudit(db: Executor, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      at: event.at,
      actor: event.actor,
      action: event.action,
      consultation_id: event.consultationId,
      subject: event.subject,
      data: toJson(event.data),
    })
    .execute();
}

export async function listAudit(
  db: Executor,
  filter: { consultationId?: string; afterSeq?: number; limit: number },
): Promise<StoredAuditEvent[]> {
  const rows = await db
    .selectFrom('audit_event')
    .selectAll()
    .$if(filter.consultationId !== undefined, (qb) => qb.where('consultation_id', '=', filter.consultationId!))
    .$if(filter.afterSeq !== undefined, (qb) => qb.where('seq', '>', filter.afterSeq!))
    .orderBy('seq')
    .limit(filter.limit)
    .execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    consultationId: row.consultation_id,
    subject: row.subject,
    data: fromJson(row.data),
  }));
}
