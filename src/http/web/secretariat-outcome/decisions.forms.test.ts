import { describe, expect, it } from 'vitest';
import { decisionErrors, noticeErrors, readDecisionForm } from './decisions.forms.js';

/** A posted decision on X.1353 with the given fields over an empty form. */
const posted = (fields: Record<string, string | string[]>) => readDecisionForm({ text: 'x1353', ...fields });
const TEXT = { designation: 'X.1353', meetingFirstDay: '2023-08-29' };

describe('the decisions form', () => {
  it('sends a formal opposition only once its date is given, written as a UTC instant, and keeps its row', () => {
    const form = posted({
      moreTime: ['cn', 'BR', 'CN'],
      formalState: ['BR', 'CN'],
      formalReceivedAt: ['', '2023-09-20T10:00'],
      formalReasons: ['', 'Not ready'],
      reservationState: ['us', ''],
      reservationNote: ['Annex A', ''],
    });
    expect(form.values.moreTime).toEqual(['CN', 'BR']);
    expect(form.formalRows).toEqual([1]);
    expect(form.candidate).toMatchObject({
      moreTime: ['CN', 'BR'],
      reservations: [{ state: 'US', note: 'Annex A' }],
      formalOppositions: [{ state: 'CN', receivedAt: '2023-09-20T10:00:00Z', reasons: 'Not ready' }],
      notes: null,
    });
  });

  it('puts a State listed twice (STATE_LISTED_TWICE) at its list, not as a contradiction', () => {
    const form = posted({ abstaining: ['DE', 'FR'] });
    const errors = decisionErrors(
      'en',
      'DECISION_CONFLICT',
      [{ field: '/abstaining/1', message: 'FR appears twice', code: 'STATE_LISTED_TWICE' }],
      form,
      TEXT,
    );
    expect(errors).toEqual([{ field: 'field-x1353-abstaining', message: 'FR appears twice for X.1353' }]);
  });

  it('says why no decision may be recorded from the code of the service’s problem', () => {
    const errors = decisionErrors(
      'en',
      'DECISION_NOT_ALLOWED',
      [{ field: '/', message: 'The meeting starts on 2023-08-29', code: 'MEETING_NOT_STARTED' }],
      posted({}),
      TEXT,
    );
    expect(errors).toEqual([
      { link: 'text-x1353', message: expect.stringContaining('The meeting has not started: decisions on X.1353') },
    ]);
  });

  it('tells a formal opposition dated in the future from one not a real instant, at the row it was typed in', () => {
    const form = posted({ formalState: ['BR', 'CN'], formalReceivedAt: ['', '2023-09-31T10:00'] });
    const future = decisionErrors(
      'en',
      'VALIDATION_FAILED',
      [{ field: '/formalOppositions/0/receivedAt', message: 'future', code: 'RECEIVED_IN_FUTURE' }],
      form,
      TEXT,
    );
    expect(future).toEqual([
      { field: 'field-x1353-formal-1-receivedAt', message: expect.stringContaining('in the future') },
    ]);
    const invalid = decisionErrors(
      'en',
      'VALIDATION_FAILED',
      [{ field: '/formalOppositions/0/receivedAt', message: 'not an instant' }],
      form,
      TEXT,
    );
    expect(invalid[0]).toMatchObject({ field: 'field-x1353-formal-1-receivedAt' });
    expect(invalid[0]!.message).toContain('Enter a real date and time for the formal opposition of CN');
  });

  it('names every unknown code of a list once, and asks for the State of a reservation without one', () => {
    const form = posted({ opposing: ['GBR', 'XX'], reservationState: [''], reservationNote: ['A note'] });
    const errors = decisionErrors(
      'en',
      'VALIDATION_FAILED',
      [
        { field: '/opposing/0', message: 'Wrong form' },
        { field: '/reservations/0/state', message: 'Wrong form' },
      ],
      form,
      TEXT,
    );
    expect(errors.map((e) => e.field)).toEqual(['field-x1353-res-0-state', 'field-x1353-opposing']);
    expect(errors[1]!.message).toBe('There is no Member State with the code GBR');
  });

  it('links each text whose decision the notice waits for', () => {
    const errors = noticeErrors(
      'en',
      [{ field: '/texts/x1471/decision', message: 'X.1471 has no recorded decision', code: 'DECISION_MISSING' }],
      [{ id: 'x1471', designation: 'X.1471' }],
    );
    expect(errors).toEqual([
      { link: 'text-x1471', message: 'Record the meeting’s decision on X.1471 before issuing the results notice' },
    ]);
    expect(noticeErrors('en', [{ field: '/', message: 'x', code: 'RESULTS_NOTICE_ISSUED' }], [])).toEqual([
      { link: 'results-notice', message: 'The results notice has already been issued' },
    ]);
  });
});
