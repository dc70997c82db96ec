import { describe, expect, it } from 'vitest';
import type { DeterminedText } from '../../../domain/consultation/consultation.js';
import { sortErrors } from './reply.presenter.js';

const texts = [{ id: 'x1333-cor1' }, { id: 'x1353' }] as unknown as DeterminedText[];

describe('the error summary in the order of the reply form', () => {
  it('lists the whole form first, then text by text: fields, the table, its cells row by row, the file; then the signature; then the rest', () => {
    const ids = [
      'field-signatoryName',
      'field-x1353-file',
      'field-x1353-table-10-clause',
      'field-x1353-table-2-change',
      'field-x1353-table-2-comment',
      'field-x1353-table',
      'field-x1353-reasons',
      'field-somewhere-else',
      'field-x1333-cor1-table-0-comment',
      'field-x1333-cor1-position',
    ];
    const sorted = sortErrors(
      [...ids.map((field) => ({ field, message: field })), { message: 'about the whole form' }],
      texts,
    );
    expect(sorted.map((e) => e.field ?? '(form)')).toEqual([
      '(form)',
      'field-x1333-cor1-position',
      'field-x1333-cor1-table-0-comment',
      'field-x1353-reasons',
      'field-x1353-table',
      'field-x1353-table-2-comment',
      'field-x1353-table-2-change',
      'field-x1353-table-10-clause',
      'field-x1353-file',
      'field-signatoryName',
      'field-somewhere-else',
    ]);
  });
});
