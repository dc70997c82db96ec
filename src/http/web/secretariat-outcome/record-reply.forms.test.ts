import { describe, expect, it } from 'vitest';
import { procedureFor } from '../../../procedures/registry.js';
import { parseInput } from '../../../schemas/schema-problems.js';
import { readRecordForm, RecordFormInputSchema, recordErrors, type RecordErrorContext } from './record-reply.forms.js';

const TEXTS = [
  { id: 'x1353', designation: 'X.1353' },
  { id: 'x1471', designation: 'X.1471' },
] as const;
const texts = TEXTS.map((t) => ({ ...t })) as never;
const TAP = procedureFor('itu-t-tap');
// TAP's choices as its form declares them (first: supports, with its sub-options; second: does not).
const [SUPPORTS, OPPOSES] = TAP.replyForm.choices.map((choice) => choice.kind) as [string, string];
const NO_COMMENTS = TAP.replyForm.choices[0]!.options!.choices[0]!.id;

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
    TAP.replyForm,
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
  procedure: TAP,
});

describe('the recorded-reply form', () => {
  it('reads the time in the zone chosen, UTC unless said, and stores it in UTC', () => {
    const zoned = (receivedZone: string | undefined) => {
      const form = read({ 'position-x1471': SUPPORTS, ...(receivedZone === undefined ? {} : { receivedZone }) });
      return parseInput(RecordFormInputSchema, form.candidate).input?.receivedAt;
    };
    expect(zoned(undefined)).toBe('2023-03-28T08:45:00Z');
    expect(zoned('Z')).toBe('2023-03-28T08:45:00Z');
    expect(zoned('+02:00')).toBe('2023-03-28T06:45:00Z');
    expect(zoned('+05:45')).toBe('2023-03-28T03:00:00Z');
    expect(zoned('-03:30')).toBe('2023-03-28T12:15:00Z');
    // Across midnight, the UTC day is the one stored.
    expect(read({ receivedAt: '2023-03-29T01:00', receivedZone: '+09:00' }).candidate).toMatchObject({
      receivedAt: '2023-03-28T16:00:00Z',
    });
  });

  it('refuses a zone not in the list at the zone, and a day that does not exist at the time, changing nothing', () => {
    const badZone = read({ 'position-x1471': SUPPORTS, receivedZone: 'Europe/Geneva' });
    const parsed = parseInput(RecordFormInputSchema, badZone.candidate);
    expect(new Set(parsed.problems.map((p) => p.field))).toEqual(new Set(['/receivedAt']));
    expect(recordErrors('en', 'VALIDATION_FAILED', parsed.problems, context(badZone))).toEqual([
      { field: 'field-receivedZone', message: 'Choose a time zone from the list' },
    ]);
    const noSuchDay = read({ 'position-x1471': SUPPORTS, receivedAt: '2023-02-30T10:00', receivedZone: '+02:00' });
    const refused = parseInput(RecordFormInputSchema, noSuchDay.candidate);
    expect(recordErrors('en', 'VALIDATION_FAILED', refused.problems, context(noSuchDay))).toEqual([
      { field: 'field-receivedAt', message: 'Enter a real date and time, for example 2023-08-10 14:30' },
    ]);
  });

  it('makes the service input of what was typed: the instant in UTC, no sub-option left from another box', () => {
    const form = read({
      'position-x1471': OPPOSES,
      'option-x1471': NO_COMMENTS,
      'reasons-x1471': 'See the letter.',
    });
    const parsed = parseInput(RecordFormInputSchema, form.candidate);
    expect(parsed.problems).toEqual([]);
    expect(parsed.input).toMatchObject({
      memberState: 'BR',
      receivedAt: '2023-03-28T08:45:00Z',
      positions: [{ text: 'x1471', position: OPPOSES, option: null, reasons: 'See the letter.' }],
      place: null,
    });
    expect(form.sent).toEqual(['x1471']);
  });

  it('reads the choices of the procedure’s form, those kept for recorded forms included, and nothing else', () => {
    const form = read({
      'position-x1353': 'unclear',
      'position-x1471': 'approve',
      'option-x1471': 'maybe',
    });
    expect(form.values.positions.x1353).toMatchObject({ position: 'unclear', option: null });
    expect(form.values.positions.x1471).toMatchObject({ position: null, option: null });
    expect(form.sent).toEqual(['x1353']);
  });

  it('puts a position problem of the service at the field of the text it was sent for, in the procedure’s words by code', () => {
    const form = read({
      'position-x1353': SUPPORTS,
      'option-x1353': NO_COMMENTS,
      'position-x1471': SUPPORTS,
      'option-x1471': NO_COMMENTS,
      'comments-x1471': 'A comment',
    });
    const errors = recordErrors(
      'en',
      'POSITION_INCOMPLETE',
      [
        {
          field: '/positions/1/comments',
          message: 'With "no comments" leave comments empty',
          code: 'COMMENTS_WITH_NO_COMMENTS',
        },
      ],
      context(form),
    );
    expect(errors).toEqual([
      {
        field: 'field-x1471-comments',
        message: expect.stringContaining('The form says “no comments” on X.1471'),
      },
    ]);
    expect(
      recordErrors(
        'fr',
        'POSITION_INCOMPLETE',
        [{ field: '/positions/0/reasons', message: 'x', code: 'REASONS_WITH_ASSIGNS' }],
        context(form),
      ),
    ).toEqual([{ field: 'field-x1353-reasons', message: expect.stringContaining('ne confère pas le pouvoir') }]);
    // A problem the procedure has no words for asks for the text's position again.
    expect(
      recordErrors('en', 'POSITION_INCOMPLETE', [{ field: '/positions/1/option', message: 'x' }], context(form)),
    ).toEqual([{ field: 'field-x1471-position', message: 'Choose one of the positions for X.1471' }]);
  });

  it('tells the State’s, the instant’s and the scan’s problems apart by their codes', () => {
    const form = read({ memberState: 'PS' });
    const at = (code: Parameters<typeof recordErrors>[1], field: string, problemCode?: string) =>
      recordErrors('en', code, [{ field, message: 'x', ...(problemCode && { code: problemCode }) }], context(form))[0];
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
