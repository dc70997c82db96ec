import type { Selectable } from 'kysely';
import type { ReplyPositionTable } from '../db/database.js';
import type { MeetingDecisionInput } from '../domain/procedure/outcomes.js';
import type { PositionKind, ReplyPosition } from '../domain/reply/reply.js';
import { fromJson, toJson } from './json-column.js';

/**
 * The procedure-owned parts of a position and of a meeting decision, as stored (migration 0013):
 * a position keeps its text, its kind and its file in columns, and everything else the
 * procedure's form asks for in `detail` (JSON); a decision is one JSON column. This file names no
 * procedure's fields: what the JSON holds is the procedure's schema, checked before it is written.
 */
export function positionColumns(
  position: ReplyPosition,
): Pick<Selectable<ReplyPositionTable>, 'text_id' | 'position' | 'detail' | 'attachment'> {
  const { text, position: kind, attachment, ...detail } = position;
  return { text_id: text, position: kind, detail: toJson(detail), attachment };
}

/** A stored position as the domain reads it. */
export function positionOfRow(
  row: Pick<Selectable<ReplyPositionTable>, 'text_id' | 'position' | 'detail' | 'attachment'>,
): ReplyPosition {
  const detail = fromJson<Omit<ReplyPosition, 'text' | 'position' | 'attachment'>>(row.detail);
  return { text: row.text_id, position: row.position as PositionKind, ...detail, attachment: row.attachment };
}

/** A meeting decision's procedure-owned content as stored. */
export function decisionColumn(input: MeetingDecisionInput): string {
  return toJson(input);
}

/** A stored meeting decision's content as the domain reads it. */
export function decisionOfColumn(text: string): MeetingDecisionInput {
  return fromJson<MeetingDecisionInput>(text);
}
