import { describe, expect, it } from 'vitest';
import type { StoredMemberState } from '../../../domain/member-states/member-state.js';
import { LOCALES } from '../../../i18n/i18n.js';
import { citeRole } from '../../../domain/procedure/procedure.js';
import { citeRoleIn } from '../../../i18n/citations.js';
import { DEFAULT_PROCEDURE_ID, procedureFor } from '../../../procedures/registry.js';
import { decisionErrors, namedStates, noticeErrors, readDecisionForm, readNoticeForm } from './decisions.forms.js';

const TAP = procedureFor(DEFAULT_PROCEDURE_ID);

/** A posted decision on X.1353 with the given fields over an empty form. */
const posted = (fields: Record<string, string | string[]>) => readDecisionForm({ text: 'x1353', ...fields });
const TEXT = {
  designation: 'X.1353',
  meetingFirstDay: '2023-08-29',
  procedure: procedureFor(DEFAULT_PROCEDURE_ID),
  edition: 'Rev. Geneva, 2022',
};

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

  it('reads a formal opposition’s time in the zone chosen for its row, and refuses a zone not in the list at that zone', () => {
    const form = posted({
      moreTime: ['BR', 'CN'],
      formalState: ['BR', 'CN'],
      formalReceivedAt: ['2023-09-20T10:00', '2023-09-21T01:30'],
      formalReceivedZone: ['Z', '+08:00'],
    });
    expect(form.candidate).toMatchObject({
      formalOppositions: [{ receivedAt: '2023-09-20T10:00:00Z' }, { receivedAt: '2023-09-20T17:30:00Z' }],
    });
    const tampered = posted({
      formalState: ['BR'],
      formalReceivedAt: ['2023-09-20T10:00'],
      formalReceivedZone: ['CET'],
    });
    const errors = decisionErrors(
      'en',
      'VALIDATION_FAILED',
      [{ field: '/formalOppositions/0/receivedAt', message: 'not an instant' }],
      tampered,
      TEXT,
    );
    expect(errors).toEqual([
      { field: 'field-x1353-formal-0-receivedZone', message: 'Choose a time zone from the list' },
    ]);
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

  describe('a State that is not a participant (NOT_A_PARTICIPANT), at the field it was named in', () => {
    const state = (
      code: string,
      en: string,
      fr: string,
      extra: Partial<StoredMemberState> = {},
    ): StoredMemberState => ({
      code,
      participantClass: 'member-state',
      iso3: `${code}X`,
      names: { en, fr },
      membership: 'member_state',
      mayReply: true,
      eligibilityNote: null,
      eligibilitySince: null,
      ...extra,
    });
    const STATES = [
      state('PS', 'Palestine', 'Palestine', { membership: 'observer', mayReply: false }),
      state('DE', 'Germany', 'Allemagne', { mayReply: false, eligibilityNote: 'Right suspended' }),
      state('FR', 'France', 'France'),
      state('SN', 'Senegal', 'Sénégal'),
    ];
    // The clauses the procedure cites for who takes part and for a regional group's circular: the
    // problems carry the clause numbers, the page cites them in its language.
    const G94 = citeRole(TAP, 'replyPeriod', TAP.defaultEdition);
    const NOTE = citeRole(TAP, 'regionalGroup', TAP.defaultEdition);
    const G94_CLAUSE = TAP.clauseFor('replyPeriod', TAP.defaultEdition)!;
    const NOTE_CLAUSE = TAP.clauseFor('regionalGroup', TAP.defaultEdition)!;
    // The service's English is not read: only the code, the field and the clause are.
    const outsider = (field: string, clause = G94_CLAUSE) => ({
      field,
      message: '—',
      code: 'NOT_A_PARTICIPANT' as const,
      clause,
    });

    it('tells each State’s standing from the data: observer, suspended, not consulted by a regional circular, or none', () => {
      const stateOf = namedStates('fr', STATES, ['SN', 'DE']);
      expect(stateOf('PS')).toEqual({ name: 'Palestine', standing: 'observer', participantClass: 'member-state' });
      expect(stateOf('DE')).toEqual({ name: 'Allemagne', standing: 'suspended', participantClass: 'member-state' });
      expect(stateOf('FR')).toEqual({ name: 'France', standing: 'not_consulted', participantClass: 'member-state' });
      expect(stateOf('SN')).toEqual({ name: 'Sénégal', standing: null, participantClass: 'member-state' });
      expect(namedStates('en', STATES, null)('FR')).toEqual({
        name: 'France',
        standing: null,
        participantClass: 'member-state',
      });
    });

    it('says an observer named as opposing is one, at its list, with the clause', () => {
      const form = posted({ opposing: ['FR', 'PS'] });
      const errors = decisionErrors(
        'en',
        'DECISION_CONFLICT',
        [outsider('/opposing/1')],
        form,
        TEXT,
        namedStates('en', STATES, null),
      );
      expect(errors).toEqual([
        {
          field: 'field-x1353-opposing',
          message: `Palestine (PS) is an observer, not a Member State: it has no voice in the decision on X.1353 and may not be named in it (${G94})`,
        },
      ]);
    });

    it('says why at each list and row: abstaining, more time, a reservation, a formal opposition', () => {
      const form = posted({
        abstaining: ['DE'],
        moreTime: ['FR', 'PS'],
        reservationState: ['FR', 'DE'],
        reservationNote: ['Clause 7', 'Clause 9'],
        formalState: ['FR', 'PS'],
        formalReceivedAt: ['', '2023-09-20T10:00'],
      });
      const errors = decisionErrors(
        'en',
        'DECISION_CONFLICT',
        [
          outsider('/abstaining/0'),
          outsider('/moreTime/0', NOTE_CLAUSE),
          outsider('/reservations/1/state'),
          outsider('/formalOppositions/0/state'),
        ],
        form,
        TEXT,
        namedStates('en', STATES, ['DE', 'PS', 'SN']),
      );
      expect(errors.map((e) => [e.field, e.message.split(':')[0]])).toEqual([
        ['field-x1353-abstaining', 'The right of Germany (DE) to reply is suspended'],
        [
          'field-x1353-moreTime',
          'France (FR) is not among the Member States this circular consults (a regional group)',
        ],
        ['field-x1353-res-1-state', 'The right of Germany (DE) to reply is suspended'],
        ['field-x1353-formal-1-receivedAt', 'Palestine (PS) is an observer, not a Member State'],
      ]);
      expect(errors[1]!.message).toContain(`(${NOTE})`);
    });

    it('says it in each of the six languages, naming the State in that language', () => {
      const form = posted({ opposing: ['PS', 'DE'] });
      const problems = [outsider('/opposing/0'), outsider('/opposing/1')];
      const seen = new Set<string>();
      for (const locale of LOCALES) {
        const errors = decisionErrors(
          locale,
          'DECISION_CONFLICT',
          problems,
          form,
          TEXT,
          namedStates(locale, STATES, null),
        );
        expect(errors).toHaveLength(2);
        for (const error of errors) {
          expect(error.field).toBe('field-x1353-opposing');
          expect(error.message).toContain('X.1353');
          // The clause cited in the page's language ("Résolution 1 de l’AMNT (Rév. Genève, 2022), § 9.4.1").
          expect(error.message).toContain(citeRoleIn(locale, TAP, 'replyPeriod', TAP.defaultEdition));
          seen.add(error.message);
        }
        expect(errors[0]!.message).toContain('(PS)');
        expect(errors[1]!.message).toContain('(DE)');
      }
      expect(seen.size).toBe(2 * LOCALES.length);
      const fr = decisionErrors('fr', 'DECISION_CONFLICT', problems, form, TEXT, namedStates('fr', STATES, null));
      expect(fr[1]!.message).toContain('Allemagne (DE)');
    });

    it('falls back to "not a participant" when the data tells nothing more', () => {
      const form = posted({ opposing: ['SN'] });
      const [error] = decisionErrors(
        'en',
        'DECISION_CONFLICT',
        [outsider('/opposing/0')],
        form,
        TEXT,
        namedStates('en', STATES, null),
      );
      expect(error!.message).toBe(
        `Senegal (SN) is not a participant in this consultation: it has no voice in the decision on X.1353 and may not be named in it (${G94})`,
      );
    });
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

  it('reads the day of a record’s notice and the notice’s reference, each absent when left empty', () => {
    expect(readNoticeForm({ issuedOn: ' 2023-09-20 ' })).toEqual({
      issuedOn: '2023-09-20',
      reference: '',
      input: { issuedOn: '2023-09-20' },
    });
    expect(readNoticeForm({ issuedOn: '', reference: ' TSB Circular 140 ' })).toEqual({
      issuedOn: '',
      reference: 'TSB Circular 140',
      input: { reference: 'TSB Circular 140' },
    });
    expect(readNoticeForm({ issuedOn: '', reference: '  ' }).input).toEqual({});
    expect(readNoticeForm({}).input).toEqual({});
  });

  it('places the refused day of a record’s notice at its field, by code, in each language', () => {
    const at = (code: string | undefined, locale: 'en' | 'fr' | 'zh' = 'en') =>
      noticeErrors(locale, [{ field: '/issuedOn', message: 'x', ...(code && { code }) }], [], {
        meetingLastDay: '2023-09-08',
      });
    expect(at('NOTICE_BEFORE_MEETING_END')).toEqual([
      {
        field: 'field-issuedOn',
        message: 'The results notice cannot be dated before the meeting ended (8 September 2023)',
      },
    ]);
    expect(at('NOTICE_IN_FUTURE', 'fr')).toEqual([
      { field: 'field-issuedOn', message: 'La notification des résultats ne peut pas être datée dans le futur' },
    ]);
    expect(at('NOT_ENTERED_AFTERWARDS')[0]?.message).toContain('Only a consultation entered afterwards');
    expect(at(undefined, 'zh')).toEqual([
      { field: 'field-issuedOn', message: '请以年-月-日格式输入真实的通知发布日期，例如2001-12-10' },
    ]);
  });
});
