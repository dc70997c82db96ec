import { NOTICE_REFERENCE_MAX } from '../../../services/issue-results-notice.js';
import { REPORT_QUESTIONS_MAX, REPORT_TD_MAX } from '../../../services/results-report-header.js';
import Type, { type Static } from 'typebox';
import type { DeterminedText } from '../../../domain/consultation/consultation.js';
import { catalogueCodeOf, type ErrorCode, type FieldProblem } from '../../../domain/errors.js';
import type { ClauseRole } from '../../../domain/procedure/clauses.js';
import type { Procedure } from '../../../domain/procedure/procedure.js';
import { citeClauseIn, citeRoleIn } from '../../../i18n/citations.js';
import { procedureText } from '../../../i18n/procedure-text.js';
import { isIsoDay, startOfDay } from '../../../domain/time/instants.js';
import { intlFor, t, type Locale, type MessageId } from '../../../i18n/i18n.js';
import type { FormError } from '../components/form.js';
import { decisionFieldId, MAX_RESERVATION_ROWS } from '../pages/secretariat-outcome/decisions.page.js';
import type { StoredMemberState } from '../../../domain/member-states/member-state.js';
import { type DecisionFormValues, stateName } from '../presenters/secretariat-outcome.presenter.js';
import { clean, type DecisionForm, indexIn, instantOfInput, isReceiptZone, many } from './outcome.forms.js';

/**
 * The meeting's decision on one text (the procedure's meeting rules) as the decisions page posts it, and the
 * results notice: what was typed, the service's input made of it (parsed with
 * DecisionInputSchema), and the services' problems at the form's fields in the catalogue's words.
 * The rules are the procedure's (validateMeetingDecision) and recordDecision's.
 */

/** What the reader makes of a posted decision. */
export interface ReadDecisionForm {
  readonly textId: string;
  readonly values: DecisionFormValues;
  /** recordDecision's input, to be parsed with DecisionInputSchema. */
  readonly candidate: unknown;
  /** The form's row of each formal opposition sent (rows without a date are not sent). */
  readonly formalRows: readonly number[];
  /** "Add another reservation": show the form again with one more row, saving nothing. */
  readonly addReservation: boolean;
}

/** Member State codes as chosen or typed, upper case, each once (a select sends each once anyway). */
const codes = (value: unknown) => [
  ...new Set(
    many(value)
      .map((s) => s.trim().toUpperCase())
      .filter((s) => s !== ''),
  ),
];

/** Reads the posted decision. Empty reservation rows are the form's spare rows, not data. */
export function readDecisionForm(body: Static<typeof DecisionForm>): ReadDecisionForm {
  const stateRows = many(body.reservationState);
  const noteRows = many(body.reservationNote);
  const reservations = Array.from({ length: Math.max(stateRows.length, noteRows.length) }, (_, i) => ({
    state: (stateRows[i] ?? '').trim().toUpperCase(),
    note: (noteRows[i] ?? '').trim(),
  })).filter((r) => r.state !== '' || r.note !== '');
  const formalAt = many(body.formalReceivedAt);
  const formalZones = many(body.formalReceivedZone);
  const formalReasons = many(body.formalReasons);
  const formal = many(body.formalState).map((state, i) => ({
    state: state.trim().toUpperCase(),
    receivedAt: (formalAt[i] ?? '').trim(),
    receivedZone: (formalZones[i] ?? '').trim() || 'Z',
    reasons: formalReasons[i] ?? '',
  }));
  const values: DecisionFormValues = {
    deferred: clean(body.deferred) !== '',
    opposing: codes(body.opposing),
    abstaining: codes(body.abstaining),
    moreTime: codes(body.moreTime),
    reservations,
    formal,
    notes: clean(body.notes),
  };
  const addReservation = clean(body.addReservation) === 'yes';
  const shown = Number.parseInt(clean(body.reservationRows), 10);
  // A formal-opposition row is sent once its date is given (the form has one per State that asked for more time).
  const formalRows = formal.flatMap((f, i) => (f.receivedAt === '' ? [] : [i]));
  const candidate = {
    deferred: values.deferred,
    opposing: [...values.opposing],
    abstaining: [...values.abstaining],
    moreTime: [...values.moreTime],
    reservations: reservations.map((r) => ({ ...r })),
    formalOppositions: formalRows.map((i) => ({
      state: formal[i]!.state,
      receivedAt: instantOfInput(formal[i]!.receivedAt, formal[i]!.receivedZone),
      reasons: formal[i]!.reasons.trim() === '' ? null : formal[i]!.reasons,
    })),
    notes: values.notes.trim() === '' ? null : values.notes,
  };
  if (addReservation) {
    // One more row than were shown (or than are filled), within the form's limit.
    const rows = Math.max(Number.isSafeInteger(shown) ? shown : 0, reservations.length) + 1;
    return {
      textId: clean(body.text),
      values: { ...values, reservationRows: Math.min(rows, MAX_RESERVATION_ROWS) },
      candidate,
      formalRows,
      addReservation,
    };
  }
  return { textId: clean(body.text), values, candidate, formalRows, addReservation };
}

/** The refusals of recordDecision this form answers (anything else is the error page's). */
export const DECISION_REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'VALIDATION_FAILED',
  'UNKNOWN_MEMBER_STATE',
  'DECISION_CONFLICT',
  'DECISION_NOT_ALLOWED',
]);

/**
 * What the page knows of a State a refused decision names, to say in the reader's words why it is
 * not a participant: the refusal itself (NOT_A_PARTICIPANT) is the service's, by the procedure's
 * own rule; the State's standing only chooses the message.
 */
export interface NamedState {
  /** The State's name in the reader's language. */
  readonly name: string;
  /** What its data says: an observer, a State whose right to reply is suspended, one a regional circular does not consult; null when none of these. */
  readonly standing: 'observer' | 'suspended' | 'not_consulted' | null;
  /** Its class of participant (null for a code the registry does not hold). */
  readonly participantClass: string | null;
}

/** The standing of each State, from the Member States' data and the consultation's consulted list. */
export function namedStates(
  locale: Locale,
  states: readonly StoredMemberState[],
  consulted: readonly string[] | null,
): (code: string) => NamedState {
  const byCode = new Map(states.map((s) => [s.code, s]));
  return (code) => {
    const state = byCode.get(code);
    if (!state) return { name: code, standing: null, participantClass: null };
    const standing =
      state.membership === 'observer'
        ? 'observer'
        : !state.mayReply
          ? 'suspended'
          : consulted !== null && !consulted.includes(code)
            ? 'not_consulted'
            : null;
    return { name: stateName(locale, state), standing, participantClass: state.participantClass };
  };
}

/** Why a State named in a decision is not a participant, by its standing. */
const NOT_A_PARTICIPANT: Readonly<Record<NonNullable<NamedState['standing']> | 'other', MessageId>> = {
  observer: 'outcome.decisions.error.observer',
  suspended: 'outcome.decisions.error.suspended',
  not_consulted: 'outcome.decisions.error.notConsulted',
  other: 'outcome.decisions.error.notParticipant',
};

/** Why no decision may be recorded now, by the code of recordDecision's problem. */
const NOT_ALLOWED: Partial<Record<ErrorCode, MessageId>> = {
  CONSULTATION_NOT_OPEN: 'outcome.decisions.error.notified',
  RESULTS_NOTICE_ISSUED: 'outcome.decisions.error.notified',
  DEADLINE_NOT_PASSED: 'outcome.decisions.error.open',
  MEETING_NOT_STARTED: 'outcome.decisions.error.meeting',
  TEXT_MAY_NOT_BE_CONSIDERED: 'outcome.decisions.error.notConsidered',
};

/** The lists of States, each one select of the form. */
const LISTS = ['opposing', 'abstaining', 'moreTime'] as const;

/**
 * A refused decision's problems at the fields of its text's form. `problems` are the schema's
 * (under VALIDATION_FAILED) or recordDecision's; a problem's own code, when it has one, is more
 * specific than the refusal's. `stateOf` names a State that is not a participant (NOT_A_PARTICIPANT)
 * and tells why (namedStates). Clauses are cited from the consultation's procedure and edition:
 * the clause a rule's problem names, else the clause of the role the message is about.
 */
export function decisionErrors(
  locale: Locale,
  errorCode: ErrorCode,
  problems: readonly FieldProblem[],
  form: ReadDecisionForm,
  text: {
    readonly designation: string;
    readonly meetingFirstDay: string;
    readonly procedure: Procedure;
    readonly edition: string;
  },
  stateOf: (code: string) => NamedState = (code) => ({ name: code, standing: null, participantClass: null }),
): FormError[] {
  const { textId, values } = form;
  const { designation, procedure, edition } = text;
  const errors: FormError[] = [];
  /** The clause of a rule's problem (a clause number of the procedure's table), else the role's. */
  const cite = (problem: FieldProblem, role: ClauseRole) =>
    problem.clause === undefined
      ? citeRoleIn(locale, procedure, role, edition)
      : citeClauseIn(locale, procedure, edition, problem.clause);
  const add = (field: string | null, id: MessageId, v: Record<string, string | number> = {}) => {
    const message = t(locale, id, { designation, ...v });
    const error =
      field === null ? { link: `text-${textId}`, message } : { field: decisionFieldId(textId, field), message };
    // Said once per place: one State named in two lists is told at both.
    if (!errors.some((e) => e.message === message && e.field === error.field && e.link === error.link))
      errors.push(error);
  };
  /** A State that is not a participant, at the field it was named in, with why and the clause. */
  const outsider = (at: string, code: string, clause: string | undefined) => {
    const state = stateOf(code);
    add(at, NOT_A_PARTICIPANT[state.standing ?? 'other'], {
      state: `${state.name} (${code})`,
      clause: clause === undefined || clause === '' ? '' : citeClauseIn(locale, procedure, edition, clause),
    });
  };
  /**
   * A participant named as opposing whose class may not oppose (MAY_NOT_OPPOSE): its class and the
   * classes that may, in the procedure's words.
   */
  const mayNotOppose = (at: string, code: string, clause: string | undefined) => {
    const state = stateOf(code);
    const className = (id: string) => procedureText(locale, procedure, `class.${id}`);
    add(at, 'outcome.decisions.error.mayNotOppose', {
      state: `${state.name} (${code})`,
      class: state.participantClass === null ? code : className(state.participantClass),
      opposers: intlFor(locale).formatList(
        procedure.participantClasses.filter((c) => c.mayOppose).map((c) => className(c.id)),
        { type: 'conjunction' },
      ),
      clause:
        clause === undefined || clause === ''
          ? citeRoleIn(locale, procedure, 'meetingUnopposed', edition)
          : citeClauseIn(locale, procedure, edition, clause),
    });
  };
  /** A State named in a sentence: its designation in the reader's language, with its code as typed. */
  const named = (code: string) => {
    const { name } = stateOf(code);
    return code === '' || name === code ? code : `${name} (${code})`;
  };
  /** Unknown codes are said once per list, together. */
  const unknown = new Map<string, string[]>();
  const unknownAt = (field: string, code: string) => unknown.set(field, [...(unknown.get(field) ?? []), code]);

  for (const problem of problems) {
    const code = catalogueCodeOf(problem, errorCode);
    const field = problem.field;
    if (field === '/') {
      add(null, NOT_ALLOWED[code] ?? 'outcome.decisions.error.conflict', {
        day: text.meetingFirstDay,
        clause: citeRoleIn(locale, procedure, 'consultationFails', edition),
      });
      continue;
    }
    const list = LISTS.find((name) => indexIn(field, name) !== null);
    if (list !== undefined) {
      const state = values[list][indexIn(field, list)!] ?? '';
      if (code === 'NOT_A_PARTICIPANT') outsider(list, state, problem.clause);
      else if (code === 'MAY_NOT_OPPOSE') mayNotOppose(list, state, problem.clause);
      else if (code === 'UNKNOWN_MEMBER_STATE' || errorCode === 'VALIDATION_FAILED') unknownAt(list, state);
      else if (code === 'STATE_LISTED_TWICE') add(list, 'outcome.decisions.error.twice', { state: named(state) });
      else if (list === 'abstaining')
        add(list, 'outcome.decisions.error.opposeAndAbstain', {
          state: named(state),
          clause: cite(problem, 'meetingAbstention'),
        });
      else if (list === 'moreTime')
        add(list, 'outcome.decisions.error.opposeAndMoreTime', {
          state: named(state),
          clause: cite(problem, 'afterMeeting'),
        });
      else add(null, 'outcome.decisions.error.conflict');
      continue;
    }
    const reservation = indexIn(field, 'reservations');
    if (reservation !== null) {
      const state = values.reservations[reservation]?.state ?? '';
      const at = `res-${reservation}-state`;
      if (field.endsWith('/note'))
        add(`res-${reservation}-note`, 'outcome.decisions.error.reservationNote', { state: named(state) });
      else if (code === 'NOT_A_PARTICIPANT') outsider(at, state, problem.clause);
      else if (code === 'MAY_NOT_OPPOSE') mayNotOppose(at, state, problem.clause);
      else if (code === 'STATE_LISTED_TWICE') add(at, 'outcome.decisions.error.twice', { state: named(state) });
      else if (code === 'UNKNOWN_MEMBER_STATE' || (errorCode === 'VALIDATION_FAILED' && state !== ''))
        add(at, 'outcome.decisions.error.unknownState', { code: state });
      else if (errorCode === 'VALIDATION_FAILED') add(at, 'outcome.decisions.error.reservationState');
      else
        add(at, 'outcome.decisions.error.opposeAndReserve', {
          state: named(state),
          clause: cite(problem, 'meetingReservation'),
        });
      continue;
    }
    const opposition = indexIn(field, 'formalOppositions');
    if (opposition !== null) {
      const row = form.formalRows[opposition] ?? opposition;
      const state = values.formal[row]?.state ?? '';
      const at = `formal-${row}-receivedAt`;
      if (field.endsWith('/receivedAt') && !isReceiptZone(values.formal[row]?.receivedZone ?? 'Z'))
        add(`formal-${row}-receivedZone`, 'outcome.zone.invalid');
      else if (field.endsWith('/receivedAt'))
        add(
          at,
          code === 'RECEIVED_IN_FUTURE'
            ? 'outcome.decisions.error.formalFuture'
            : code === 'VALIDATION_FAILED'
              ? 'outcome.decisions.error.formalInvalid'
              : 'outcome.decisions.error.formalLate',
          { state: named(state), clause: cite(problem, 'afterMeeting') },
        );
      else if (code === 'NOT_A_PARTICIPANT') outsider(at, state, problem.clause);
      else if (code === 'MAY_NOT_OPPOSE') mayNotOppose(at, state, problem.clause);
      else if (code === 'STATE_LISTED_TWICE') add(at, 'outcome.decisions.error.twice', { state: named(state) });
      else if (code === 'UNKNOWN_MEMBER_STATE') add(at, 'outcome.decisions.error.unknownState', { code: state });
      else
        add(at, 'outcome.decisions.error.formalNotMoreTime', {
          state: named(state),
          clause: cite(problem, 'afterMeeting'),
        });
      continue;
    }
    add(null, 'outcome.decisions.error.conflict');
  }
  for (const [list, states] of unknown)
    add(list, 'outcome.decisions.error.unknownState', {
      code: intlFor(locale).formatList(
        states.filter((s) => s !== ''),
        { type: 'conjunction' },
      ),
    });
  if (errors.length === 0) add(null, 'outcome.decisions.error.conflict');
  return errors;
}

/**
 * The results notice as the decisions page posts it: for a consultation entered afterwards, the
 * day it was issued from the records (`issuedOn`, a day, UTC); a live one's notice is issued now.
 */
export const NoticeForm = Type.Object({
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  issuedOn: Type.Optional(Type.String({ maxLength: 40 })),
  reference: Type.Optional(Type.String({ maxLength: 1000 })),
});

/**
 * The notice's form as typed, and issueResultsNotice's `issuedOn` (absent when left empty: dated
 * now) and `reference` (the notice's own circular; absent when left empty).
 */
export function readNoticeForm(body: Static<typeof NoticeForm>): {
  readonly issuedOn: string;
  readonly reference: string;
  readonly input: { issuedOn?: string; reference?: string };
} {
  const issuedOn = clean(body.issuedOn).trim();
  const reference = clean(body.reference).trim();
  return {
    issuedOn,
    reference,
    input: { ...(issuedOn !== '' && { issuedOn }), ...(reference !== '' && { reference }) },
  };
}

/** The id of the field of the day a record's results notice was issued. */
export const NOTICE_DAY_FIELD = 'field-issuedOn';
/** The id of the field of the notice's own reference. */
export const NOTICE_REFERENCE_FIELD = 'field-noticeReference';

/** The day of a record's notice refused by issueResultsNotice's rules, by code (the rest is not a day). */
const NOTICE_DAY_REFUSED: Partial<Record<ErrorCode, MessageId>> = {
  NOTICE_BEFORE_MEETING_END: 'outcome.notice.issuedOn.beforeMeetingEnd',
  NOTICE_IN_FUTURE: 'outcome.notice.issuedOn.future',
  NOT_ENTERED_AFTERWARDS: 'outcome.notice.issuedOn.notRecord',
};

/** Why the results notice cannot be issued now, by the code of issueResultsNotice's problem. */
const NOTICE_REFUSED: Partial<Record<ErrorCode, MessageId>> = {
  RESULTS_NOTICE_ISSUED: 'outcome.notice.error.already',
  DEADLINE_NOT_PASSED: 'outcome.notice.error.open',
};

/** A refused results notice: why, or each text whose decision is missing (`/texts/<id>/decision`), linked to its form. */
export function noticeErrors(
  locale: Locale,
  problems: readonly FieldProblem[],
  texts: readonly Pick<DeterminedText, 'id' | 'designation'>[],
  consultation: { readonly meetingLastDay: string } = { meetingLastDay: '' },
): FormError[] {
  const errors: FormError[] = [];
  for (const problem of problems) {
    if (problem.field === '/reference') {
      errors.push({
        field: NOTICE_REFERENCE_FIELD,
        message: t(locale, 'outcome.notice.reference.tooLong', { max: NOTICE_REFERENCE_MAX }),
      });
      continue;
    }
    if (problem.field === '/issuedOn') {
      // The day of a record's notice, at its field: a rule by its code, else not a day.
      const code = catalogueCodeOf(problem, undefined);
      const id = (code === undefined ? undefined : NOTICE_DAY_REFUSED[code]) ?? 'outcome.notice.issuedOn.invalid';
      const day = !isIsoDay(consultation.meetingLastDay)
        ? consultation.meetingLastDay
        : intlFor(locale).formatDate(startOfDay(consultation.meetingLastDay), { dateStyle: 'long', timeZone: 'UTC' });
      errors.push({ field: NOTICE_DAY_FIELD, message: t(locale, id, { day }) });
      continue;
    }
    const missing = /^\/texts\/([^/]+)\/decision$/.exec(problem.field);
    const text = missing ? texts.find((x) => x.id === missing[1]) : undefined;
    if (text)
      errors.push({
        link: `text-${text.id}`,
        message: t(locale, 'outcome.notice.error.missing', { designation: text.designation }),
      });
    else {
      const code = catalogueCodeOf(problem, undefined);
      const id = code === undefined ? undefined : NOTICE_REFUSED[code];
      if (id !== undefined) errors.push({ link: 'results-notice', message: t(locale, id) });
    }
  }
  return errors.length > 0 ? errors : [{ link: 'results-notice', message: t(locale, 'outcome.notice.error.other') }];
}

/** The header of the results report as the decisions page posts it (its TD number and Questions). */
export const ReportHeaderForm = Type.Object({
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  td: Type.Optional(Type.String({ maxLength: 1000 })),
  questions: Type.Optional(Type.String({ maxLength: 1000 })),
});

/** The report header's form as typed (setReportHeader clears a blank value). */
export function readReportHeaderForm(body: Static<typeof ReportHeaderForm>): { td: string; questions: string } {
  return { td: clean(body.td).trim(), questions: clean(body.questions).trim() };
}

/** The ids of the report header's fields. */
export const REPORT_TD_FIELD = 'field-reportTd';
export const REPORT_QUESTIONS_FIELD = 'field-reportQuestions';

/** A refused report header: each field too long, at its field. */
export function reportHeaderErrors(locale: Locale, problems: readonly FieldProblem[]): FormError[] {
  return problems.map((problem) =>
    problem.field === '/questions'
      ? {
          field: REPORT_QUESTIONS_FIELD,
          message: t(locale, 'outcome.report.questions.tooLong', { max: REPORT_QUESTIONS_MAX }),
        }
      : { field: REPORT_TD_FIELD, message: t(locale, 'outcome.report.td.tooLong', { max: REPORT_TD_MAX }) },
  );
}
