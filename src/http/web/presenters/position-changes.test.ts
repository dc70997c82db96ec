import { describe, expect, it } from 'vitest';
import type { ReplyPosition } from '../../../domain/reply/reply.js';
import { changedFields, POSITION_FIELDS } from './position-changes.js';

const position = (overrides: Partial<ReplyPosition> = {}): ReplyPosition => ({
  text: 'x1353',
  position: 'yes',
  option: 'plain',
  comments: null,
  reasons: null,
  possibleChanges: null,
  attachment: null,
  ...overrides,
});

describe('what a version changed on a text', () => {
  it('names each field that differs, a sub-option counting as the position', () => {
    expect(changedFields(position(), position())).toEqual([]);
    expect(changedFields(position(), position({ option: 'with_words', comments: 'See annex.' }))).toEqual([
      'position',
      'comments',
    ]);
    expect(
      changedFields(
        position({ position: 'no', option: null, reasons: 'Not mature.' }),
        position({
          position: 'no',
          option: null,
          reasons: 'Not mature yet.',
          attachment: 'a'.repeat(64),
        }),
      ),
    ).toEqual(['reasons', 'attachment']);
  });

  it('marks a position added or taken away, and only the words it wrote; nothing where neither version has one', () => {
    expect(changedFields(undefined, position())).toEqual(['position']);
    expect(changedFields(undefined, position({ comments: 'Editorial.', attachment: 'b'.repeat(64) }))).toEqual([
      'position',
      'comments',
      'attachment',
    ]);
    expect(changedFields(position({ reasons: 'Not mature.' }), undefined)).toEqual(['position', 'reasons']);
    expect(changedFields(undefined, undefined)).toEqual([]);
    expect(POSITION_FIELDS).toHaveLength(6);
  });

  it('marks the comments table when a row was added, taken away or changed, not when neither version has one', () => {
    const row = { clause: '6.2', comment: 'Key length missing.', proposedChange: null };
    const tabled = (rows: NonNullable<ReplyPosition['commentTable']>) =>
      position({ option: 'with_words', commentTable: rows });
    expect(changedFields(tabled([row]), tabled([row]))).toEqual([]);
    expect(changedFields(tabled([row]), tabled([row, { ...row, clause: null }]))).toEqual(['commentTable']);
    expect(changedFields(tabled([row]), tabled([{ ...row, proposedChange: 'State 256 bits.' }]))).toEqual([
      'commentTable',
    ]);
    expect(changedFields(position(), tabled([row]))).toEqual(['position', 'commentTable']);
    expect(changedFields(tabled([]), position({ option: 'with_words' }))).toEqual([]);
  });
});
