import { describe, expect, it } from 'vitest';
import { DEFAULT_PROCEDURE_ID, procedureFor } from '../../../procedures/registry.js';
import { circularErrors, patchOf, readCircularForm } from './circular.forms.js';
import { inviteErrors, readInviteForm } from './invite.forms.js';
import { readTextForm, textErrors } from './text.forms.js';
import { languageWords } from './secretariat.forms.js';

/** A circular as the form posts it, with `fields` over a valid one. */
const posted = (fields: Record<string, string>) =>
  readCircularForm({
    bureau: 'TSB',
    studyPeriod: '2022-2024',
    number: '80',
    date: '2023-03-28',
    reference: 'TSB Circular 80',
    studyGroup: 'SG17',
    subject: 'A subject',
    meetingPlace: 'Geneva',
    meetingFirstDay: '2023-08-29',
    meetingLastDay: '2023-09-08',
    deadlineDay: '2023-08-16',
    deadlineTime: '23:59',
    signatoryName: 'Seizo Onoe',
    signatoryTitle: 'Director',
    resolutionEdition: 'Rev. Geneva, 2022',
    ...fields,
  });

describe('the circular form', () => {
  it('makes the service input of what was typed: the deadline as the API takes it (the minute), each State once', () => {
    const { input, revision } = posted({ eligibleStates: 'kr, fr;KR', number: 'eighty', revision: '3' });
    expect(input).toMatchObject({
      // The service closes the minute at its end (23:59:59.999), as for the API.
      deadline: '2023-08-16T23:59Z',
      deadlineWording: 'hhmm',
      announcedOn: null,
      eligibleStates: ['KR', 'FR'],
      meeting: { collectiveLetter: null },
    });
    expect(input.number).toBeNaN();
    expect(revision).toBe(3);
  });

  it('states "2400 hours UTC" as the end of the day typed, whatever the time field says', () => {
    const { input } = posted({ deadlineWording: '2400', deadlineTime: '' });
    expect(input).toMatchObject({ deadline: '2023-08-16T23:59Z', deadlineWording: '2400' });
    expect(posted({ announcedOn: '2023-03-01' }).input.announcedOn).toBe('2023-03-01');
  });

  it('places the deadline’s and the announcement’s coded problems at their fields, in the catalogue’s words', () => {
    const read = posted({ deadlineTime: '23:59' });
    const at = (problem: Parameters<typeof circularErrors>[1][number]) =>
      circularErrors('fr', [problem], read.values)[0];
    expect(at({ field: '/deadline', message: 'x', code: 'DEADLINE_NOT_A_MINUTE' })).toEqual({
      field: 'field-deadlineTime',
      message:
        'Indiquez l’heure de la date limite à la minute près, par exemple 23:59 : les réponses sont prises en compte jusqu’à la fin de cette minute',
    });
    expect(at({ field: '/deadlineWording', message: 'x', code: 'DEADLINE_WORDING_MISMATCH' })?.field).toBe(
      'field-deadlineWording',
    );
    expect(at({ field: '/deadlineWording', message: 'Not one of the allowed values' })?.message).toBe(
      'Choisissez la formulation de la date limite dans la circulaire',
    );
    expect(at({ field: '/announcedOn', message: 'x', code: 'DATES_OUT_OF_ORDER' })).toEqual({
      field: 'field-announcedOn',
      message: 'L’annonce doit dater au plus tard du jour de la circulaire et précéder le premier jour de la réunion',
    });
    expect(at({ field: '/announcedOn', message: '2023-02-30 is not a calendar day' })?.field).toBe('field-announcedOn');
    // With "2400 hours UTC" the time is not asked for: a day that is not one is the day's problem.
    const noTime = posted({ deadlineWording: '2400', deadlineTime: '', deadlineDay: '2023-02-30' });
    expect(circularErrors('en', [{ field: '/deadline', message: 'x' }], noTime.values)).toEqual([
      { field: 'field-deadlineDay', message: expect.stringContaining('as a real day') },
    ]);
  });

  it('places the service’s coded problems of the dates at the fields the person typed', () => {
    const read = posted({ deadlineTime: '24:00' });
    const at = (problem: Parameters<typeof circularErrors>[1][number]) =>
      circularErrors('en', [problem], read.values)[0];
    expect(at({ field: '/deadline', message: 'Not a valid instant' })).toEqual({
      field: 'field-deadlineTime',
      message: 'Enter the time of the deadline in UTC as hours and minutes, such as 23:59',
    });
    // The clause the service's problem gives, else the procedure's reply-period rule, in the
    // circular's edition of the default procedure's instrument.
    const procedure = procedureFor(DEFAULT_PROCEDURE_ID);
    const edition = read.values.resolutionEdition;
    const source = `${procedure.clauses(edition).instrument} (${edition})`;
    expect(at({ field: '/deadline', message: 'x', code: 'DATES_OUT_OF_ORDER', clause: '§0.1' })?.message).toBe(
      `The deadline must fall before the first day of the meeting (${source} §0.1)`,
    );
    expect(at({ field: '/deadline', message: 'x', code: 'DATES_OUT_OF_ORDER' })?.message).toBe(
      `The deadline must fall before the first day of the meeting (${source} ${procedure.clauseFor('replyPeriod', edition)})`,
    );
    expect(procedure.clauseFor('replyPeriod', edition)).not.toBeNull();
    expect(at({ field: '/deadline', message: 'x', code: 'DEADLINE_PASSED' })?.field).toBe('field-deadlineDay');
    expect(at({ field: '/meeting/lastDay', message: 'x', code: 'DATES_OUT_OF_ORDER' })?.message).toBe(
      'The last day of the meeting cannot come before its first day',
    );
    expect(at({ field: '/meeting/lastDay', message: '2023-09-31 is not a calendar day' })?.message).toContain(
      'as a real day',
    );
  });

  it('reads a past circular entered as a record: the instant it was issued as the API takes it, the start of the day without a time', () => {
    const record = posted({ enteredAfterwards: 'yes', issuedDay: ' 2023-03-28 ', issuedTime: '10:00' });
    expect(record.values).toMatchObject({ enteredAfterwards: true, issuedDay: '2023-03-28', issuedTime: '10:00' });
    expect(record.input.enteredAfterwards).toEqual({ issuedAt: '2023-03-28T10:00Z' });
    expect(posted({ enteredAfterwards: 'yes', issuedDay: '2023-03-28' }).input.enteredAfterwards).toEqual({
      issuedAt: '2023-03-28T00:00Z',
    });
    // Not ticked: a circular run live, whatever day was typed (the deadline must then be ahead).
    const live = posted({ issuedDay: '2023-03-28', issuedTime: '10:00' });
    expect(live.values.enteredAfterwards).toBe(false);
    expect(live.input).not.toHaveProperty('enteredAfterwards');
    // A draft's form never changes what the circular was created as.
    expect(patchOf(record.input)).not.toHaveProperty('enteredAfterwards');
    // Nothing typed: the service refuses the instant at /enteredAfterwards/issuedAt.
    expect(posted({ enteredAfterwards: 'yes' }).input.enteredAfterwards).toEqual({ issuedAt: 'T00:00Z' });
  });

  it('places every problem of the record’s issue at the day or the time typed, by its code', () => {
    const at = (fields: Record<string, string>, code?: string, locale: 'en' | 'fr' = 'en') => {
      const read = posted({ enteredAfterwards: 'yes', ...fields });
      return circularErrors(
        locale,
        [{ field: '/enteredAfterwards/issuedAt', message: 'whatever the service says', ...(code && { code }) }],
        read.values,
      );
    };
    const day = { issuedDay: '2023-08-17', issuedTime: '' };
    expect(at(day, 'ISSUED_AFTER_DEADLINE')).toEqual([
      { field: 'field-issuedDay', message: 'The circular must have been issued before its deadline for replies' },
    ]);
    expect(at(day, 'ISSUED_BEFORE_CIRCULAR', 'fr')).toEqual([
      { field: 'field-issuedDay', message: 'La circulaire ne peut pas avoir été publiée avant sa date (28 mars 2023)' },
    ]);
    expect(at(day, 'ISSUED_IN_FUTURE')[0]?.message).toBe(
      'A past circular has already been issued: the day it was issued cannot be in the future',
    );
    // A record's draft edited later has no issue fields: the date or the deadline that broke the rule.
    const edited = posted({});
    const onEdit = (code: string) =>
      circularErrors('en', [{ field: '/enteredAfterwards/issuedAt', message: 'x', code }], edited.values);
    expect(onEdit('ISSUED_BEFORE_CIRCULAR')).toEqual([
      { field: 'field-date', message: 'The circular cannot have been issued before its date (28 March 2023)' },
    ]);
    expect(onEdit('ISSUED_AFTER_DEADLINE')).toEqual([
      { field: 'field-deadlineDay', message: 'The circular must have been issued before its deadline for replies' },
    ]);
    // The schema's refusals of the instant: at the part that is wrong.
    expect(at({ issuedDay: '' })).toEqual([
      { field: 'field-issuedDay', message: 'Enter the day the past circular was issued' },
    ]);
    expect(at({ issuedDay: '2023-03-28', issuedTime: '9h' })).toEqual([
      {
        field: 'field-issuedTime',
        message: 'Enter the time the circular was issued in UTC as hours and minutes, such as 10:00',
      },
    ]);
    expect(at({ issuedDay: '2023-02-30', issuedTime: '10:00' })[0]).toEqual({
      field: 'field-issuedDay',
      message: 'Enter “Day the circular was issued (UTC)” as a real day written year-month-day, such as 2023-08-29',
    });
    // Listed first in the summary: the choice comes first on the page.
    const read = posted({ enteredAfterwards: 'yes', issuedDay: '', bureau: '' });
    const both = circularErrors(
      'en',
      [
        { field: '/bureau', message: 'x' },
        { field: '/enteredAfterwards/issuedAt', message: 'x' },
      ],
      read.values,
    );
    expect(both.map((e) => e.field)).toEqual(['field-issuedDay', 'field-bureau']);
  });

  it('names the unknown States as typed, and says a limit the schema sets', () => {
    const read = posted({ eligibleStates: 'KR XX KR YY', reference: 'x'.repeat(201) });
    const errors = circularErrors(
      'en',
      [
        { field: '/reference', message: 'Must not have more than 200 characters', code: 'TEXT_TOO_LONG' },
        { field: '/eligibleStates/1', message: 'No Member State "XX"', code: 'UNKNOWN_MEMBER_STATE' },
        { field: '/eligibleStates/2', message: 'No Member State "YY"', code: 'UNKNOWN_MEMBER_STATE' },
      ],
      read.values,
    );
    expect(errors).toEqual([
      { field: 'field-reference', message: '“Reference” must be at most 200 characters' },
      {
        field: 'field-eligibleStates',
        message: expect.stringContaining('These are not codes of Member States: XX and YY.'),
      },
    ]);
  });
});

describe('the text form', () => {
  it('tells a designation another text has from one whose short name another text has', () => {
    const { values } = readTextForm({ designation: 'X 1999', kind: 'new', title: 'T', location: 'R1' });
    const others = [{ id: 'x-1999', designation: 'X-1999' }] as never;
    const errors = textErrors(
      'en',
      [
        { field: '/id', message: 'Two texts have the id "x-1999"', code: 'CONFLICT' },
        { field: '/kind', message: 'Not one of the allowed values' },
      ],
      values,
      'en',
      others,
    );
    expect(errors.map((e) => e.field)).toEqual(['field-designation', 'field-kind']);
    expect(errors[0]!.message).toContain('too close to that of X-1999');
  });
});

describe('the invitation form', () => {
  it('asks the service not to invite an address in use again unless from its row, and says who has it', () => {
    expect(readInviteForm({ email: 'A@B.test', name: 'A', role: 'observer' }).input).toMatchObject({
      email: 'a@b.test',
      role: 'observer',
      reinvite: false,
    });
    const { values, input } = readInviteForm({ email: 'a@b.test', name: 'A', role: 'focal_point', resend: 'yes' });
    expect(input).toMatchObject({ role: 'focal_point', reinvite: true, rank: 'alternate' });
    expect(input).not.toHaveProperty('memberState');
    const errors = inviteErrors('en', 'CONFLICT', [{ field: '/email', message: 'in use', code: 'CONFLICT' }], values, [
      { email: 'a@b.test', name: 'Ann' },
    ]);
    expect(errors).toEqual([
      { field: 'field-email', message: expect.stringContaining('a@b.test already has an account (Ann)') },
    ]);
  });
});

describe('a language named in a message', () => {
  it('is named in the reader’s words, and a posted value that is no language at all is shown as it came', () => {
    expect(languageWords('en', 'fr')).toBe('French');
    expect(languageWords('fr', 'ar')).toBe('arabe');
    // A tampered form's language of record (the fuzz test found it: Intl throws a RangeError on it).
    expect(languageWords('en', '!')).toBe('!');
  });
});
