import type { ReplyPosition } from '../../../domain/reply/reply.js';

/** A field of a position that a version may change from the one before it. */
export const POSITION_FIELDS = [
  'position',
  'comments',
  'reasons',
  'possibleChanges',
  'commentTable',
  'attachment',
] as const;
export type PositionField = (typeof POSITION_FIELDS)[number];

/**
 * The fields of a text's position that differ between two versions. No position on the text reads
 * as no position and nothing written: a position added marks the position and what it wrote, not
 * the fields both leave empty.
 */
export function changedFields(before: ReplyPosition | undefined, after: ReplyPosition | undefined): PositionField[] {
  const kind = (p: ReplyPosition | undefined) => (p === undefined ? null : `${p.position}:${p.option ?? ''}`);
  // The table by its rows' content (none and no rows read alike).
  const rows = (p: ReplyPosition | undefined) => JSON.stringify(p?.commentTable ?? []);
  return POSITION_FIELDS.filter((field) =>
    field === 'position'
      ? kind(before) !== kind(after)
      : field === 'commentTable'
        ? rows(before) !== rows(after)
        : (before?.[field] ?? null) !== (after?.[field] ?? null),
  );
}
