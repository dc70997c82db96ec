import { describe, expect, it } from 'vitest';
import { parseInput } from '../../../schemas/schema-problems.js';
import { readRecordForm, RecordFormInputSchema, recordErrors, type RecordErrorContext } from './record-reply.forms.js';

const TEXTS = [
  { id: 'x1353', designation: 'X.1353' },
  { id: 'x1471', designation: 'X.1471' },
] as const;
const texts = TEXTS.map((t) => ({ ...t })) as never;

/** A posted form over sensible defaults. */
function read(fields: Record<string, string>) {
  return readRecordForm(
    {
      memberState: 'br',
      receivedAt: '2023-03-28T08:45',
      channel: 'paper',
      signatoryName: 'C. Ministro',
      signatoryTitle: 'Secretary',
      ...fields,
    },
    texts,
  );
}

const context = (form: ReturnType<typeof read>): RecordErrorContext => ({
  values: form.values,
  sent: form.sent,
  texts: TEXTS,
  stateName: (code) => (code === 'PS' ? 'Palestine' : null),
  issuedAt: Date.parse('2023-03-28T08:00:00Z'),
  now: Date.parse('2023-03-28T09:00:00Z'),
  sizeLimit: '10',
});

describe('the recorded-reply form', () => {
  it('makes the service input of what was typed: the instant in UTC, no sub-option left from another box', () => {
    const form = read({
      'position-x1471': 'does_not_assign_authority',
      'option-x1471': 'no_comments',
      'reasons-x1471': 'See the letter.',
    });
    const parsed = parseInput(RecordFormInputSchema, form.candidate);
    expect(parsed.problems).toEqual([]);
    expect(parsed.input).toMatchObject({
      memberState: 'BR',
      receivedAt: '2023-03-28T08:45:00Z',
      positions: [{ text: 'x1471', position: 'does_not_assign_authority', option: null, reasons: 'See the letter.' }],
      place: null,
    });
    expect(form.sent).toEqual(['x1471']);
  });

  it('puts a position problem of the service at the field of the text it was sent for', () => {
    const form = read({
      'position-x1353': 'assigns_authority',
      'option-x1353': 'no_comments',
      'position-x1471': 'assigns_authority',
      'option-x1471': 'no_comments',
      'comments-x1471': 'A comment',
    });
    const errors = recordErrors(
      'en',
      'POSITION_INCOMPLETE',
      [{ field: '/positions/1/comments', message: 'With "no comments" leave comments empty' }],
      context(form),
    );
    expect(errors).toEqual([
      { field: 'field-x1471-comments', message: expect.stringContaining('The form says “no comments” on X.1471') },
    ]);
  });

  it('tells the State’s, the instant’s and the scan’s problems apart by their codes', () => {
    const form = read({ memberState: 'PS' });
    const at = (code: Parameters<typeof recordErrors>[1], field: string, problemCode?: string) =>
      recordErrors(
        'en',
        code,
        [{ field, message: 'x', ...(problemCode && { code: problemCode as never }) }],
        context(form),
      )[0];
    expect(at('STATE_NOT_ELIGIBLE', '/memberState')).toEqual({
      field: 'field-memberState',
      message: 'Palestine may not reply to this consultation',
    });
    expect(at('VALIDATION_FAILED', '/receivedAt', 'RECEIVED_BEFORE_ISSUE')?.message).toContain(
      'before the circular was issued',
    );
    expect(at('VALIDATION_FAILED', '/receivedAt')?.message).toContain('Enter a real date and time');
    expect(at('UNSUPPORTED_MEDIA_TYPE', '/originalFile', 'UNSUPPORTED_MEDIA_TYPE')).toMatchObject({
      field: 'field-scan',
      message: expect.stringContaining('The file must be a PDF'),
    });
    expect(at('PAYLOAD_TOO_LARGE', '/originalFile', 'PAYLOAD_TOO_LARGE')?.message).toBe(
      'The file is larger than 10 MB',
    );
  });

  it('says the limit the schema sets on a signature field', () => {
    const form = read({ signatoryName: 'x'.repeat(201) });
    const parsed = parseInput(RecordFormInputSchema, form.candidate);
    expect(recordErrors('en', 'VALIDATION_FAILED', parsed.problems, context(form))).toEqual([
      { field: 'field-signatoryName', message: 'Use at most 200 characters' },
    ]);
  });

  it('says a closed consultation once, without a field', () => {
    expect(recordErrors('en', 'RESULTS_FROZEN', [], context(read({})))).toEqual([
      { message: 'The meeting’s decisions are recorded: replies can no longer change the results.' },
    ]);
  });
});
