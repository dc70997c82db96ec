import Type, { type Static } from 'typebox';
import type { DeterminedText } from '../../../domain/consultation/consultation.js';
import { catalogueCodeOf, type ErrorCode, type FieldProblem } from '../../../domain/errors.js';
import { MAX_COMMENT_ROWS } from '../../../domain/reply/comment-table.js';
import { problemMessageKey, type ReplyFormSpec } from '../../../domain/procedure/presentation.js';
import { formatUtc, t, type Locale, type MessageId } from '../../../i18n/i18n.js';
import { hasProcedureText, procedureText, type ProcedureWords } from '../../../i18n/procedure-text.js';
import { optionOfChoice } from '../../../services/read-reply-draft.js';
import type { IntakeProposal } from '../../../services/intake/form-intake.js';
import type { StoredMemberState } from '../../../domain/member-states/member-state.js';
import { StateCode } from '../../../schemas/common.schema.js';
import { RecordedReplyInputSchema } from '../../../schemas/reply.schema.js';
import { maxLengthAt } from '../../../schemas/schema-problems.js';
import type { FormError } from '../components/form.js';
import { commentCellId, replyFieldId, type ReplyFieldKind } from '../components/reply-fields.js';
import type { RecordFormValues } from '../pages/secretariat-outcome/record-reply.page.js';
import { readReplyPositions, rowsAskedFor } from '../reply.forms.js';
import { clean, indexIn, instantOfInput, isReceiptZone } from './outcome.forms.js';
import { stateName } from '../presenters/secretariat-outcome.presenter.js';

/**
 * The form of a reply received by e-mail, fax or paper: what was typed (to show again), the
 * service's input made of it, and the service's problems at the form's fields in the catalogue's
 * words. The rules are the schema's (src/schemas/reply.schema.ts) and recordReplyWithOriginal's:
 * nothing here checks what they check.
 */

const { originalFile: _originalFile, ...recordedFields } = RecordedReplyInputSchema.properties;

/** The service's input as the form gives it: the State, and the recorded reply without its original (the scan travels with the form). */
export const RecordFormInputSchema = Type.Object(
  { memberState: StateCode, ...recordedFields },
  { additionalProperties: false },
);
export type RecordFormInput = Static<typeof RecordFormInputSchema>;

export const EMPTY_RECORD: RecordFormValues = {
  memberState: '',
  receivedAt: '',
  receivedZone: 'Z',
  channel: '',
  signatoryName: '',
  signatoryTitle: '',
  place: '',
  signedOn: '',
  positions: {},
};

/** What the reader makes of a posted form. */
export interface ReadRecordForm {
  readonly values: RecordFormValues;
  /** The service's input, to be parsed with RecordFormInputSchema. */
  readonly candidate: unknown;
  /** The text of each position sent, in order: `/positions/<n>` of a problem is `sent[n]`. */
  readonly sent: readonly string[];
  /** A comments table's "Show rows to fill in" (without the script): its text; nothing is recorded. */
  readonly rowsFor: string | null;
}

const orNull = (value: string) => (value.trim() === '' ? null : value);

/**
 * Reads the posted form. The reply block (components/reply-fields.tsx) names its fields
 * `position-<text>`, `option-<text>`…, read against the procedure's reply form with the choices
 * kept for recorded forms; a text with no choice ticked is not covered by the form.
 */
export function readRecordForm(
  body: Record<string, unknown>,
  texts: readonly DeterminedText[],
  form: ReplyFormSpec,
): ReadRecordForm {
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) strings[name] = clean(value);
  const read = readReplyPositions(
    strings,
    texts.map((text) => text.id),
    form,
    true,
  );
  // The secretariat keys in no file per text: the scan of the whole form travels apart.
  const positions = Object.fromEntries(Object.entries(read).map(([id, v]) => [id, { ...v, attachment: null }]));
  const values: RecordFormValues = {
    memberState: clean(body.memberState).trim().toUpperCase(),
    receivedAt: clean(body.receivedAt).trim(),
    receivedZone: clean(body.receivedZone).trim() || 'Z',
    channel: clean(body.channel),
    signatoryName: clean(body.signatoryName).trim(),
    signatoryTitle: clean(body.signatoryTitle).trim(),
    place: clean(body.place).trim(),
    signedOn: clean(body.signedOn).trim(),
    positions,
  };
  const sent: string[] = [];
  const inputs = [];
  for (const text of texts) {
    const v = positions[text.id]!;
    if (v.position === null) continue;
    inputs.push({
      text: text.id,
      position: v.position,
      // A sub-option ticked before switching to another choice is a leftover of the form, not data.
      option: optionOfChoice(form, v.position, v.option),
      comments: orNull(v.comments),
      reasons: orNull(v.reasons),
      possibleChanges: orNull(v.possibleChanges),
      // The rows keyed in, blank cells as none: the rule refuses a row without its comment, at its index.
      ...(v.commentTable.length > 0 && {
        commentTable: v.commentTable.map((row) => ({
          clause: orNull(row.clause),
          comment: row.comment,
          proposedChange: orNull(row.proposedChange),
        })),
      }),
    });
    sent.push(text.id);
  }
  const candidate = {
    memberState: values.memberState,
    channel: values.channel,
    receivedAt: instantOfInput(values.receivedAt, values.receivedZone),
    positions: inputs,
    signatory: { name: values.signatoryName, title: values.signatoryTitle },
    place: values.place === '' ? null : values.place,
    signedOn: values.signedOn === '' ? null : values.signedOn,
  };
  return {
    values,
    candidate,
    sent,
    rowsFor: rowsAskedFor(
      body.rows,
      texts.map((text) => text.id),
    ),
  };
}

/** The refusals of recordReplyWithOriginal this form answers at its fields (anything else is the error page's). */
export const RECORD_REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'VALIDATION_FAILED',
  'UNKNOWN_MEMBER_STATE',
  'STATE_NOT_ELIGIBLE',
  'UNKNOWN_ATTACHMENT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'REPLY_OUT_OF_ORDER',
  'CONSULTATION_NOT_OPEN',
  'RESULTS_FROZEN',
  'NO_POSITIONS',
  'POSITION_INCOMPLETE',
  'POSITION_NOT_ALLOWED',
  'UNKNOWN_TEXT',
  'DUPLICATE_POSITION',
  'COMMENT_ROW_INCOMPLETE',
  'TOO_MANY_COMMENT_ROWS',
]);

/** What the messages need besides the problems. */
export interface RecordErrorContext {
  readonly values: RecordFormValues;
  readonly sent: readonly string[];
  readonly texts: readonly Pick<DeterminedText, 'id' | 'designation'>[];
  /** A State's name in the reader's words, or null for an unknown code. */
  readonly stateName: (code: string) => string | null;
  readonly issuedAt: number | null;
  readonly now: number;
  /** The attachment limit in MB, as the hint says it. */
  readonly sizeLimit: string;
  /** The consultation's procedure: its words for the problems of its reply rule, by code. */
  readonly procedure: ProcedureWords;
}

/** The form's field of each part of a position. */
const POSITION_PARTS: Readonly<Record<string, ReplyFieldKind>> = {
  comments: 'comments',
  reasons: 'reasons',
  possibleChanges: 'changes',
  option: 'option',
  commentTable: 'table',
};

/** The message at the scan for each code of the original's problems. */
const SCAN_MESSAGES: Partial<Record<ErrorCode, MessageId>> = {
  UNKNOWN_ATTACHMENT: 'outcome.record.scan.missing',
  VALIDATION_FAILED: 'outcome.record.scan.empty',
  PAYLOAD_TOO_LARGE: 'outcome.record.scan.tooLarge',
  UNSUPPORTED_MEDIA_TYPE: 'outcome.record.scan.unsupported',
};

/**
 * The problems of a refused form at its fields. `problems` are the schema's (no code) or the
 * service's (`code`: the problem's own, else `errorCode`, the refusal's): each at its field,
 * once; a refusal without problems (not issued, frozen) at the top of the page.
 */
export function recordErrors(
  locale: Locale,
  errorCode: ErrorCode,
  problems: readonly FieldProblem[],
  context: RecordErrorContext,
): FormError[] {
  const errors: FormError[] = [];
  const { values } = context;
  const add = (field: string, id: MessageId, v?: Record<string, string | number>) => {
    if (!errors.some((e) => e.field === field)) errors.push({ field, message: t(locale, id, v) });
  };
  const tooLongField = (field: string, pointer: string) =>
    add(field, 'outcome.record.tooLongField', { max: maxLengthAt(RecordFormInputSchema, pointer) ?? 0 });
  // A refusal without problems speaks of the consultation as a whole.
  if (problems.length === 0 && errorCode === 'CONSULTATION_NOT_OPEN')
    return [{ message: t(locale, 'outcome.record.closed.notIssued') }];
  if (problems.length === 0 && errorCode === 'RESULTS_FROZEN')
    return [{ message: t(locale, 'outcome.record.closed.frozen') }];
  for (const problem of problems) {
    const code = catalogueCodeOf(problem, errorCode);
    const field = problem.field;
    if (field === '/memberState') {
      if (code === 'STATE_NOT_ELIGIBLE')
        add('field-memberState', 'outcome.record.memberState.notEligible', {
          name: context.stateName(values.memberState) ?? values.memberState,
        });
      else if (values.memberState === '') add('field-memberState', 'outcome.record.memberState.missing');
      else add('field-memberState', 'outcome.record.memberState.unknown', { code: values.memberState });
    } else if (field === '/receivedAt') {
      if (!isReceiptZone(values.receivedZone)) add('field-receivedZone', 'outcome.zone.invalid');
      else if (code === 'RECEIVED_IN_FUTURE')
        add('field-receivedAt', 'outcome.record.receivedAt.future', { now: formatUtc(locale, context.now) });
      else if (code === 'RECEIVED_BEFORE_ISSUE')
        add('field-receivedAt', 'outcome.record.receivedAt.beforeIssue', {
          issued: context.issuedAt === null ? '' : formatUtc(locale, context.issuedAt),
        });
      else if (code === 'REPLY_OUT_OF_ORDER') add('field-receivedAt', 'outcome.record.receivedAt.outOfOrder');
      else if (values.receivedAt === '') add('field-receivedAt', 'outcome.record.receivedAt.missing');
      else add('field-receivedAt', 'outcome.record.receivedAt.invalid');
    } else if (field === '/channel') add('field-channel', 'outcome.record.channel.missing');
    else if (field === '/signatory/name')
      if (values.signatoryName === '') add('field-signatoryName', 'outcome.record.signatoryName.missing');
      else tooLongField('field-signatoryName', field);
    else if (field === '/signatory/title')
      if (values.signatoryTitle === '') add('field-signatoryTitle', 'outcome.record.signatoryTitle.missing');
      else tooLongField('field-signatoryTitle', field);
    else if (field === '/place') tooLongField('field-place', field);
    else if (field === '/signedOn') add('field-signedOn', 'outcome.record.signedOn.invalid');
    else if (field === '/originalFile')
      add('field-scan', SCAN_MESSAGES[code ?? 'VALIDATION_FAILED'] ?? 'outcome.record.scan.missing', {
        size: context.sizeLimit,
      });
    else if (field.startsWith('/positions')) positionError(problem, code);
  }
  // Something this form has no field for: said in general words rather than not at all.
  return errors.length > 0 ? errors : [{ message: t(locale, 'error.VALIDATION_FAILED.body') }];

  /** A problem of the positions: at the field of its text, or at the positions as a whole. */
  function positionError(problem: FieldProblem, code: ErrorCode) {
    const index = indexIn(problem.field, 'positions');
    const textId = index === null ? undefined : context.sent[index];
    if (textId === undefined) {
      add('field-positions', 'outcome.record.positions.missing');
      return;
    }
    const designation = context.texts.find((x) => x.id === textId)?.designation ?? textId;
    const cell = /^\/positions\/\d+\/commentTable\/(\d{1,4})\/(clause|comment|proposedChange)$/.exec(problem.field);
    if (cell) {
      const row = Number(cell[1]);
      const id = commentCellId(
        cell[2] === 'proposedChange' ? 'change' : (cell[2] as 'clause' | 'comment'),
        textId,
        row,
      );
      if (code === 'COMMENT_ROW_INCOMPLETE')
        add(id, 'reply.error.commentRowIncomplete', { row: row + 1, text: designation });
      else add(id, 'outcome.record.tooLong', { designation });
      return;
    }
    const part = problem.field.split('/')[3] ?? 'position';
    if (code === 'TOO_MANY_COMMENT_ROWS') {
      add(replyFieldId('table', textId), 'reply.error.tooManyRows', { max: MAX_COMMENT_ROWS, text: designation });
      return;
    }
    const kind = POSITION_PARTS[part];
    // The schema's problems at a free text (VALIDATION_FAILED) and the procedure's TEXT_TOO_LONG are its length.
    if (kind !== undefined && kind !== 'option' && (code === 'VALIDATION_FAILED' || code === 'TEXT_TOO_LONG')) {
      add(replyFieldId(kind, textId), 'outcome.record.tooLong', { designation });
      return;
    }
    // The procedure's rule problems, in its words, by code: its wording for a form received on
    // paper (`recorded.error.<CODE>`: "the form says…") where it has one, else the reply form's;
    // anything else asks for a choice again.
    const recordedKey = problem.code === undefined ? null : `recorded.${problemMessageKey(problem.code)}`;
    const key =
      recordedKey !== null && hasProcedureText(context.procedure, recordedKey)
        ? recordedKey
        : problem.code === undefined
          ? null
          : problemMessageKey(problem.code);
    const field = replyFieldId(kind ?? 'position', textId);
    if (key !== null && hasProcedureText(context.procedure, key)) {
      if (!errors.some((e) => e.field === field))
        errors.push({ field, message: procedureText(locale, context.procedure, key, { text: designation }) });
    } else add(replyFieldId('position', textId), 'outcome.record.position.invalid', { designation });
  }
}

/**
 * What a returned Word form said, worded for the secretariat: the State (matched, or why not),
 * the signatory, the place and date as typed, and each text the secretariat must look at.
 */
export function readLines(locale: Locale, proposal: IntakeProposal, states: readonly StoredMemberState[]): string[] {
  const none = t(locale, 'outcome.record.read.none');
  const { state, signatory } = proposal;
  const matched = state.code === null ? undefined : states.find((s) => s.code === state.code);
  const lines = [
    ...(proposal.email === null
      ? []
      : [
          t(locale, 'outcome.record.read.email', {
            from: proposal.email.from ?? none,
            subject: proposal.email.subject ?? none,
          }),
        ]),
    matched
      ? t(locale, 'outcome.record.read.state', { state: stateName(locale, matched), typed: state.typed ?? none })
      : state.typed === null
        ? t(locale, 'outcome.record.read.stateMissing')
        : t(
            locale,
            state.problem === 'STATE_AMBIGUOUS'
              ? 'outcome.record.read.stateAmbiguous'
              : 'outcome.record.read.stateNotFound',
            { typed: state.typed },
          ),
    t(locale, 'outcome.record.read.signatory', { name: signatory.name ?? none, title: signatory.title ?? none }),
  ];
  if (proposal.placeAndDate !== null)
    lines.push(t(locale, 'outcome.record.read.placeDate', { text: proposal.placeAndDate }));
  for (const text of proposal.texts)
    for (const flag of text.flags) lines.push(t(locale, 'outcome.record.read.flag', { text: text.designation, flag }));
  return lines;
}
