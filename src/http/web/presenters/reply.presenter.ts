import { stateName } from '../../../presenters/member-state-words.js';
import type { Consultation, DeterminedText } from '../../../domain/consultation/consultation.js';
import type { DeadlineWording } from '../../../domain/consultation/deadline.js';
import type { FieldProblem } from '../../../domain/errors.js';
import {
  choiceOf,
  problemMessageKey,
  readingKeyOf,
  type ReplyFormSpec,
} from '../../../domain/procedure/presentation.js';
import { type CommentRow, MAX_CLAUSE_LENGTH, MAX_COMMENT_ROWS } from '../../../domain/reply/comment-table.js';
import { MAX_FREE_TEXT } from '../../../domain/reply/reply.js';
import type { Receipt } from '../../../domain/receipt/receipt.js';
import type {
  Channel,
  PositionInput,
  ReplyPosition,
  ReplyVersion,
  ReplyVersionStatus,
} from '../../../domain/reply/reply.js';
import { citeClauseIn, citeRoleIn } from '../../../i18n/citations.js';
import { intlFor, t, type Locale, type MessageId } from '../../../i18n/i18n.js';
import { isIsoDay, startOfDay } from '../../../domain/time/instants.js';
import { hasProcedureText, procedureText } from '../../../i18n/procedure-text.js';
import type { OwedReplies, Person, ReplyWorkspace } from '../../../services/my-state-replies.js';
import { SIGNATURE_LIMITS, type DraftPosition, type ReplyDraftContent } from '../../../services/read-reply-draft.js';
import type { FormError } from '../components/form.js';
import { changedFields, type PositionField } from './position-changes.js';
import {
  COMMENT_COLUMNS,
  type CommentColumn,
  commentCellId,
  replyFieldId,
  textHeading,
  type ReplyFieldKind,
  type ReplyFieldsValue,
  type ReplyFormProcedure,
} from '../components/reply-fields.js';
import type { PostedReplyForm } from '../reply.forms.js';
import {
  presentContent,
  presentContentNotice,
  titleOf,
  type ConsultationContent,
  type ContentNoticeView,
  type ContentView,
} from './content.presenter.js';

/**
 * View-models of a focal point's pages: what the State owes, the reply form and its review, the
 * receipt and the history. Pages are pure functions of these; every word comes from the
 * catalogue (ids `reply.…`), instants stay numbers for the pages to print in UTC.
 */

/** The name of a Member State in the reader's language: one definition for the API, the files and the pages. */
export { stateName };

/** The time left until `deadlineAt` ("3 days 4 hours"), or null when it has passed. */
export function timeLeft(locale: Locale, deadlineAt: number, now: number): string | null {
  let rest = deadlineAt - now;
  if (rest < 0) return null;
  const intl = intlFor(locale);
  const parts: string[] = [];
  for (const [unit, ms] of [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
  ] as const) {
    const n = Math.floor(rest / ms);
    rest -= n * ms;
    if (n > 0 || unit === 'minute') parts.push(intl.formatNumber(n, { style: 'unit', unit, unitDisplay: 'long' }));
  }
  return parts.slice(0, 2).join(' ');
}

/** The consultation as the pages head it. */
export interface ConsultationHead {
  readonly id: string;
  readonly reference: string;
  /** In the reader's language where translated, else in the language of record (marked so). */
  readonly subject: ContentView;
  readonly studyGroup: string;
  readonly deadlineAt: number;
  readonly deadlineWording: DeadlineWording;
  readonly isDemo: boolean;
}

/** The few facts of a consultation every reply page heads with (the reference and subject as `presentContent` gives them). */
export function consultationHead(c: Consultation, content: ConsultationContent): ConsultationHead {
  return {
    id: c.id,
    reference: content.reference,
    subject: content.subject,
    studyGroup: c.studyGroup,
    deadlineAt: c.deadlineAt,
    deadlineWording: c.deadlineWording,
    isDemo: c.isDemo,
  };
}

/** Who did something, as the State is told ("Kim Min-jun", "the secretariat", "a program using the API"). */
export function personLabel(locale: Locale, person: Person | undefined): string {
  if (person?.kind === 'colleague') return person.name;
  if (person?.kind === 'secretariat') return t(locale, 'reply.person.secretariat');
  return t(locale, 'reply.person.program');
}

/** How a version reached TSB. */
export function channelLabel(locale: Locale, channel: Channel): string {
  return t(locale, `reply.channel.${channel}` as MessageId);
}

/**
 * One position in words: how the procedure reads a stored position (its choice, or its choice's
 * sub-option), with `{body}` the body consulted; a kind the procedure does not know reads as stored.
 */
export function positionLabel(
  locale: Locale,
  procedure: ReplyFormProcedure,
  position: Pick<ReplyPosition, 'position' | 'option'>,
  body: string,
): string {
  const key = readingKeyOf(procedure.replyForm, position.position, position.option);
  return key === null ? position.position : procedureText(locale, procedure, key, { body });
}

/** One text's position as the review, receipt and closed pages list it. */
export interface PositionView {
  readonly textId: string;
  readonly heading: string;
  readonly designation: string;
  readonly workItem: string | null;
  readonly title: ContentView;
  /** Null when the version gives no position on the text. */
  readonly position: string | null;
  readonly comments: string | null;
  readonly reasons: string | null;
  readonly possibleChanges: string | null;
  /** The comments table's rows (none when it was not used). */
  readonly commentTable: readonly CommentRow[];
  readonly file: { readonly filename: string; readonly sha256: string } | null;
}

/** The positions of a version (or of a checked draft), one per text of the consultation; titles as `content` shows them. */
export function presentPositions(
  locale: Locale,
  procedure: ReplyFormProcedure,
  texts: readonly DeterminedText[],
  positions: readonly ReplyPosition[],
  studyGroup: string,
  fileName: (sha256: string) => string,
  content: ConsultationContent,
): PositionView[] {
  return texts.map((text) => {
    const p = positions.find((q) => q.text === text.id);
    return {
      textId: text.id,
      heading: textHeading(locale, text),
      designation: text.designation,
      workItem: text.workItem,
      title: titleOf(content, text),
      position: p ? positionLabel(locale, procedure, p, studyGroup) : null,
      comments: p?.comments ?? null,
      reasons: p?.reasons ?? null,
      possibleChanges: p?.possibleChanges ?? null,
      commentTable: p?.commentTable ?? [],
      file: p?.attachment ? { sha256: p.attachment, filename: fileName(p.attachment) } : null,
    };
  });
}

// ---------------------------------------------------------------- what the State owes (/my)

/** The state of the State's reply, in words, for the list and the form. */
export interface ReplyStatusView {
  readonly kind: 'none' | ReplyVersionStatus;
  readonly version: number | null;
  readonly at: number | null;
}

export interface OwedRowView {
  readonly consultation: ConsultationHead;
  readonly timeLeft: string | null;
  /** Replies are not taken yet (a phase for replies still to come): from when, or null when it waits for an event. */
  readonly notYetOpen: { readonly from: number | null } | null;
  readonly eligible: boolean;
  readonly ineligibleReason: string | null;
  readonly reply: ReplyStatusView;
  /** When a draft is saved: when. */
  readonly draft: { readonly at: number } | null;
  /** Headings of the texts the State has not answered (no current position), with their designation and work item. */
  readonly unanswered: readonly { readonly text: string; readonly ltr: readonly (string | null)[] }[];
  readonly textCount: number;
  /** The version that counts, with its positions (closed consultations). */
  readonly counted: {
    readonly version: number;
    readonly receivedAt: number;
    readonly positions: readonly PositionView[];
  } | null;
}

export interface MyStateView {
  readonly stateName: string;
  readonly open: readonly OwedRowView[];
  readonly closed: readonly OwedRowView[];
  readonly notice: string | null;
  /** Subjects and titles not yet available in the reader's language. */
  readonly contentNotice: ContentNoticeView | null;
}

function statusOf(latest: ReplyVersion | null): ReplyStatusView {
  if (!latest) return { kind: 'none', version: null, at: null };
  return { kind: latest.status, version: latest.version, at: latest.receivedAt };
}

/** "What my State owes": open consultations first (deadline soonest first), then closed ones. */
export function presentOwed(locale: Locale, owed: OwedReplies, now: number, notice: string | null): MyStateView {
  const contents: ConsultationContent[] = [];
  const rows = owed.consultations.map((c): OwedRowView & { open: boolean } => {
    const { consultation, texts } = c.loaded;
    const answered = new Set(c.latest?.status === 'submitted' ? c.latest.positions.map((p) => p.text) : []);
    // Titles are shown with the positions that counted, in the list of closed consultations only.
    const content = presentContent(locale, consultation, c.deadlinePassed && c.counted ? texts : []);
    contents.push(content);
    return {
      open: !c.deadlinePassed,
      consultation: consultationHead(consultation, content),
      timeLeft: timeLeft(locale, consultation.deadlineAt, now),
      notYetOpen: c.replyWindowToCome === null ? null : { from: c.replyWindowToCome.startsAt },
      eligible: c.eligibility.eligible,
      ineligibleReason: c.eligibility.eligible ? null : c.eligibility.reason,
      reply: statusOf(c.latest),
      draft: c.draft ? { at: c.draft.updatedAt } : null,
      unanswered: texts
        .filter((text) => !answered.has(text.id))
        .map((text) => ({ text: textHeading(locale, text), ltr: [text.designation, text.workItem] })),
      textCount: texts.length,
      counted: c.counted
        ? {
            version: c.counted.version,
            receivedAt: c.counted.receivedAt,
            positions: presentPositions(
              locale,
              c.loaded.procedure,
              texts,
              c.counted.positions,
              consultation.studyGroup,
              () => '',
              content,
            ),
          }
        : null,
    };
  });
  const strip = ({ open: _open, ...row }: OwedRowView & { open: boolean }): OwedRowView => row;
  return {
    stateName: stateName(locale, owed.memberState),
    open: rows
      .filter((r) => r.open)
      .sort((a, b) => a.consultation.deadlineAt - b.consultation.deadlineAt)
      .map(strip),
    closed: rows.filter((r) => !r.open).map(strip),
    notice,
    contentNotice: presentContentNotice(contents, { subject: true, titles: true, summaries: false, list: true }),
  };
}

// ---------------------------------------------------------------- the form

/** The form's values and where they came from. */
export interface ReplyFormValues {
  readonly values: Record<string, ReplyFieldsValue>;
  readonly signature: PostedReplyForm['signature'];
  readonly basedOnVersion: number;
  readonly draftRevision: number;
}

/** A draft's content as the form shows it. */
export function valuesOfDraft(content: ReplyDraftContent): Pick<ReplyFormValues, 'values' | 'signature'> {
  return {
    values: Object.fromEntries(
      Object.entries(content.positions).map(([text, p]) => [text, { ...p, commentTable: p.commentTable ?? [] }]),
    ),
    signature: {
      signatoryName: content.signatoryName,
      signatoryTitle: content.signatoryTitle,
      place: content.place,
      signedOn: content.signedOn,
    },
  };
}

/**
 * Whether a focal point may tick this kind on the form: one of the procedure's choices that is not
 * kept for forms the secretariat records.
 */
function focalPointChoice(form: ReplyFormSpec, kind: string | null): string | null {
  const choice = kind === null ? null : choiceOf(form, kind);
  return choice && !choice.recordedOnly ? choice.kind : null;
}

/**
 * A submitted version as the form shows it (to amend it): a position of a choice the focal point
 * does not have (one kept for recorded forms, such as "unclear") must be chosen again.
 */
export function valuesOfVersion(
  version: ReplyVersion,
  fileNames: ReadonlyMap<string, string>,
  form: ReplyFormSpec,
): Pick<ReplyFormValues, 'values' | 'signature'> {
  const values: Record<string, ReplyFieldsValue> = {};
  for (const p of version.positions) {
    values[p.text] = {
      position: focalPointChoice(form, p.position),
      option: p.option,
      comments: p.comments ?? '',
      reasons: p.reasons ?? '',
      possibleChanges: p.possibleChanges ?? '',
      attachment: p.attachment
        ? { sha256: p.attachment, filename: fileNames.get(p.attachment) ?? p.attachment.slice(0, 12) }
        : null,
      commentTable: (p.commentTable ?? []).map((row) => ({
        clause: row.clause ?? '',
        comment: row.comment,
        proposedChange: row.proposedChange ?? '',
      })),
    };
  }
  return {
    values,
    signature: {
      signatoryName: version.signatoryName,
      signatoryTitle: version.signatoryTitle,
      place: version.place ?? '',
      signedOn: version.signedOn ?? '',
    },
  };
}

/**
 * The form as it opens: the saved draft; else the current submitted version (amending); else
 * empty. It carries the reply version and the draft revision it was built from.
 */
export function initialFormValues(ws: ReplyWorkspace): ReplyFormValues {
  const latest = ws.versions.at(-1);
  if (ws.draft)
    return {
      ...valuesOfDraft(ws.draft.content),
      basedOnVersion: ws.draft.basedOnVersion,
      draftRevision: ws.draft.revision,
    };
  const filled =
    latest?.status === 'submitted'
      ? valuesOfVersion(latest, ws.fileNames, ws.loaded.procedure.replyForm)
      : { values: {}, signature: { signatoryName: '', signatoryTitle: '', place: '', signedOn: '' } };
  return { ...filled, basedOnVersion: ws.currentVersion, draftRevision: 0 };
}

/** The form's values as a draft stores them (a choice kept for recorded forms is not a focal point's). */
export function draftContentOf(
  values: Readonly<Record<string, ReplyFieldsValue>>,
  signature: PostedReplyForm['signature'],
  form: ReplyFormSpec,
): ReplyDraftContent {
  const positions: Record<string, DraftPosition> = {};
  for (const [text, v] of Object.entries(values))
    positions[text] = { ...v, position: focalPointChoice(form, v.position) };
  return { positions, ...signature };
}

/** What the form's page says about the State's reply and draft, above the form. */
export interface WorkspaceView {
  readonly consultation: ConsultationHead;
  readonly stateName: string;
  readonly timeLeft: string | null;
  readonly reply: ReplyStatusView;
  readonly replyBy: string | null;
  readonly countedVersion: number | null;
  readonly draft: { readonly at: number; readonly by: string; readonly revision: number } | null;
  /** The reply changed after the draft was started: the version now current, when and by whom. */
  readonly draftOutdated: { readonly version: number; readonly at: number; readonly by: string } | null;
  readonly texts: readonly DeterminedText[];
  /** The subject and the texts' titles and summaries in the reader's language where translated. */
  readonly content: ConsultationContent;
  /** The page's notice of what is not yet in the reader's language (subject and titles: what these pages show). */
  readonly contentNotice: ContentNoticeView | null;
  readonly citations: ReplyCitations;
  /** The consultation's procedure: its reply form and words. */
  readonly procedure: ReplyFormProcedure;
  /** The procedure's note above the form (TAP: reasons go with non-support), with its clause; null when it has none. */
  readonly formHint: string | null;
}

/** The message key of a procedure's note above its reply form, when it has one. */
const FORM_HINT = 'form.hint';

/** The clauses the reply pages cite, from the consultation's procedure and edition, in the reader's language. */
export interface ReplyCitations {
  /** A participant that does not support a text gives reasons. */
  readonly reasons: string;
  /** Only replies received by the deadline count (the latest version received by then). */
  readonly deadline: string;
}

/** The reply pages' citations for a workspace's consultation. */
export function presentReplyCitations(locale: Locale, ws: ReplyWorkspace): ReplyCitations {
  const { procedure, consultation } = ws.loaded;
  return {
    reasons: citeRoleIn(locale, procedure, 'reasons', consultation.resolutionEdition),
    deadline: citeRoleIn(locale, procedure, 'consultationFails', consultation.resolutionEdition),
  };
}

/** The state of the State's reply and draft, as the form, review and closed pages show it above their content. */
export function presentWorkspace(locale: Locale, ws: ReplyWorkspace, now: number): WorkspaceView {
  const latest = ws.versions.at(-1) ?? null;
  const procedure = ws.loaded.procedure;
  const citations = presentReplyCitations(locale, ws);
  const content = presentContent(locale, ws.loaded.consultation, ws.loaded.texts);
  return {
    consultation: consultationHead(ws.loaded.consultation, content),
    stateName: stateName(locale, ws.memberState),
    timeLeft: timeLeft(locale, ws.loaded.consultation.deadlineAt, now),
    reply: statusOf(latest),
    replyBy: latest ? personLabel(locale, ws.people.get(latest.enteredBy)) : null,
    countedVersion: ws.countedVersion,
    draft: ws.draft
      ? {
          at: ws.draft.updatedAt,
          by: personLabel(locale, ws.people.get(ws.draft.updatedBy)),
          revision: ws.draft.revision,
        }
      : null,
    draftOutdated:
      ws.draft && latest && ws.draft.basedOnVersion !== ws.currentVersion
        ? { version: latest.version, at: latest.receivedAt, by: personLabel(locale, ws.people.get(latest.enteredBy)) }
        : null,
    texts: ws.loaded.texts,
    content,
    contentNotice: presentContentNotice([content], { subject: true, titles: true, summaries: false }),
    citations,
    procedure,
    formHint: hasProcedureText(procedure, FORM_HINT)
      ? procedureText(locale, procedure, FORM_HINT, {
          clause: citations.reasons,
          body: ws.loaded.consultation.studyGroup,
        })
      : null,
  };
}

// ---------------------------------------------------------------- problems at the fields

/**
 * A rule problem of the procedure in the reader's words: its `error.<CODE>` message in the
 * procedure's catalogue, with `{text}` the text's heading; null when the procedure has none.
 */
function procedureProblem(
  locale: Locale,
  procedure: ReplyFormProcedure,
  code: string | undefined,
  text: string,
): string | null {
  if (code === undefined) return null;
  const key = problemMessageKey(code);
  return hasProcedureText(procedure, key) ? procedureText(locale, procedure, key, { text }) : null;
}

/** "Select a choice for {text}": the procedure's POSITION_MISSING, else the core's words. */
function choiceMissing(locale: Locale, procedure: ReplyFormProcedure, text: string): string {
  return (
    procedureProblem(locale, procedure, 'POSITION_MISSING', text) ?? t(locale, 'reply.error.choiceMissing', { text })
  );
}

/**
 * The choices the form still needs before review. Where the procedure asks for every text
 * (`replyForm.everyText`): "Select … for X.1353…", one per text with no choice ticked. Otherwise a
 * State may answer some texts now and the others in a later version (TAP), so only a form with no
 * choice at all is refused, once, at the first text; the review then says which texts have none.
 */
export function missingChoiceErrors(
  locale: Locale,
  procedure: ReplyFormProcedure,
  texts: readonly DeterminedText[],
  values: Readonly<Record<string, ReplyFieldsValue>>,
): FormError[] {
  const without = texts.filter((text) => (values[text.id]?.position ?? null) === null);
  if (procedure.replyForm.everyText)
    return without.map((text) => ({
      field: replyFieldId('position', text.id),
      message: choiceMissing(locale, procedure, textHeading(locale, text)),
    }));
  const [first] = texts;
  if (first === undefined || without.length < texts.length) return [];
  return [{ field: replyFieldId('position', first.id), message: t(locale, 'reply.error.noneChosen') }];
}

const SIGNATURE_FIELDS: Readonly<Record<string, { id: string; missing: MessageId | null; max: number }>> = {
  '/signatory/name': {
    id: 'field-signatoryName',
    missing: 'reply.error.signatoryName.missing',
    max: SIGNATURE_LIMITS.name,
  },
  '/signatory/title': {
    id: 'field-signatoryTitle',
    missing: 'reply.error.signatoryTitle.missing',
    max: SIGNATURE_LIMITS.title,
  },
  '/place': { id: 'field-place', missing: null, max: SIGNATURE_LIMITS.place },
  '/signedOn': { id: 'field-signedOn', missing: null, max: 10 },
};

/**
 * The services' problems (English, for the API) in the reader's words, at their fields: the
 * procedure's problems point into `sent` (`/positions/<index>/<field>`), the draft's by text id
 * (`/positions/<text>/<field>`), the signature's by name. A problem of the procedure's rule is
 * worded by its code (`error.<CODE>` in the procedure's catalogue), else in the core's general words.
 */
export function problemErrors(
  locale: Locale,
  procedure: ReplyFormProcedure,
  problems: readonly FieldProblem[],
  sent: readonly PositionInput[],
  texts: readonly DeterminedText[],
): FormError[] {
  const errors: FormError[] = [];
  for (const problem of problems) {
    const signature = SIGNATURE_FIELDS[problem.field];
    if (signature) {
      const tooLong = problem.code === 'TEXT_TOO_LONG';
      const message = tooLong
        ? t(locale, 'reply.error.tooLong', { max: signature.max })
        : signature.missing
          ? t(locale, signature.missing)
          : t(locale, problem.field === '/signedOn' ? 'reply.error.signedOn.format' : 'reply.error.field');
      errors.push({ field: signature.id, message });
      continue;
    }
    const match = /^\/positions\/([^/]+)(?:\/([A-Za-z]+)(?:\/(\d{1,4})\/(clause|comment|proposedChange))?)?$/.exec(
      problem.field,
    );
    if (!match) {
      errors.push({
        message: problem.field === '/positions' ? t(locale, 'reply.error.noPositions') : t(locale, 'reply.error.field'),
      });
      continue;
    }
    const textId = /^\d+$/.test(match[1]!) ? sent[Number(match[1])]?.text : match[1];
    const text = texts.find((x) => x.id === textId);
    if (!text) {
      errors.push({ message: t(locale, 'reply.error.field') });
      continue;
    }
    const heading = textHeading(locale, text);
    if (match[3] !== undefined) {
      errors.push(cellProblem(locale, text.id, heading, Number(match[3]), match[4] as CommentCell, problem));
      continue;
    }
    const kind = (match[2] ?? 'position') as string;
    errors.push(fieldProblem(locale, procedure, text.id, heading, kind, problem));
  }
  // One message per field: the first.
  return errors.filter((e, i) => e.field === undefined || errors.findIndex((f) => f.field === e.field) === i);
}

/** The form's field of each part of a position a problem points to. */
const FIELD_OF: Readonly<Record<string, ReplyFieldKind>> = {
  position: 'position',
  option: 'option',
  comments: 'comments',
  reasons: 'reasons',
  possibleChanges: 'changes',
  attachment: 'file',
  commentTable: 'table',
};

/** A cell of the comments table, as a problem names it. */
type CommentCell = 'clause' | 'comment' | 'proposedChange';

/** A problem at one cell of a text's comments table (`row`: from 0, as the form numbers its rows). */
function cellProblem(
  locale: Locale,
  textId: string,
  heading: string,
  row: number,
  cell: CommentCell,
  problem: FieldProblem,
): FormError {
  const field = commentCellId(cell === 'proposedChange' ? 'change' : cell, textId, row);
  if (problem.code === 'TEXT_TOO_LONG')
    return {
      field,
      message: t(locale, 'reply.error.tooLong', { max: cell === 'clause' ? MAX_CLAUSE_LENGTH : MAX_FREE_TEXT }),
    };
  if (problem.code === 'COMMENT_ROW_INCOMPLETE')
    return { field, message: t(locale, 'reply.error.commentRowIncomplete', { row: row + 1, text: heading }) };
  return { field, message: t(locale, 'reply.error.positionProblem', { text: heading }) };
}

function fieldProblem(
  locale: Locale,
  procedure: ReplyFormProcedure,
  textId: string,
  heading: string,
  kind: string,
  problem: FieldProblem,
): FormError {
  const field = replyFieldId(FIELD_OF[kind] ?? 'position', textId);
  if (problem.code === 'TEXT_TOO_LONG')
    return { field, message: t(locale, 'reply.error.tooLong', { max: MAX_FREE_TEXT }) };
  if (problem.code === 'TOO_MANY_COMMENT_ROWS')
    return { field, message: t(locale, 'reply.error.tooManyRows', { max: MAX_COMMENT_ROWS, text: heading }) };
  const words = procedureProblem(locale, procedure, problem.code, heading);
  if (words !== null) return { field, message: words };
  // A file the State no longer has (the services' UNKNOWN_ATTACHMENT) names no code of the rule.
  if (kind === 'attachment') return { field, message: t(locale, 'reply.error.file.unknown', { text: heading }) };
  if (kind === 'position') return { field, message: choiceMissing(locale, procedure, heading) };
  return { field, message: t(locale, 'reply.error.positionProblem', { text: heading }) };
}

/**
 * The problems in the order of the page (text by text, field by field, then the signature), so
 * the error summary reads like the form; messages about the whole form come first.
 */
export function sortErrors(errors: readonly FormError[], texts: readonly DeterminedText[]): FormError[] {
  // Per text: its five fields, its table, each cell row by row, its file.
  const slots = 7 + MAX_COMMENT_ROWS * COMMENT_COLUMNS.length;
  const ranks = new Map<string, number>();
  const tables = new Map<string, number>();
  texts.forEach((text, index) => {
    const base = index * slots;
    for (const [offset, kind] of (['position', 'option', 'comments', 'reasons', 'changes', 'table'] as const).entries())
      ranks.set(replyFieldId(kind, text.id), base + offset);
    ranks.set(replyFieldId('file', text.id), base + slots - 1);
    tables.set(replyFieldId('table', text.id), base + 6);
  });
  for (const [offset, id] of ['field-signatoryName', 'field-signatoryTitle', 'field-place', 'field-signedOn'].entries())
    ranks.set(id, texts.length * slots + offset);
  const last = texts.length * slots + 4;
  const rank = (e: FormError): number => {
    if (e.field === undefined) return -1;
    const fixed = ranks.get(e.field);
    if (fixed !== undefined) return fixed;
    // A cell of a comments table: `<table id>-<row>-<column>`.
    const cell = /^(.*)-(\d{1,4})-(clause|comment|change)$/.exec(e.field);
    const table = cell ? tables.get(cell[1]!) : undefined;
    return table === undefined
      ? last
      : table + Number(cell![2]) * COMMENT_COLUMNS.length + COMMENT_COLUMNS.indexOf(cell![3] as CommentColumn);
  };
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map(({ e }) => e);
}

// ---------------------------------------------------------------- review, receipt, history

export interface ReviewView {
  readonly workspace: WorkspaceView;
  readonly positions: readonly PositionView[];
  readonly signature: PostedReplyForm['signature'];
  readonly draftRevision: number;
  readonly amending: boolean;
  /** How many texts the reply leaves without a position (a partial reply, where the procedure allows it). */
  readonly unanswered: number;
  /**
   * By text id, the position of the version now current that this reply, leaving the text without
   * one, stops counting (the latest version counts as a whole).
   */
  readonly dropped: Readonly<Record<string, { readonly version: number; readonly position: string }>>;
}

/** The review page: the checked (normalised) positions of the draft, exactly as they will be submitted, and its signature. */
export function presentReview(
  locale: Locale,
  ws: ReplyWorkspace,
  positions: readonly ReplyPosition[],
  content: ReplyDraftContent,
  draftRevision: number,
  now: number,
): ReviewView {
  const files = new Map(
    Object.values(content.positions).flatMap((p) =>
      p.attachment ? [[p.attachment.sha256, p.attachment.filename] as const] : [],
    ),
  );
  const consultation = ws.loaded.consultation;
  const workspace = presentWorkspace(locale, ws, now);
  // The version this reply replaces, when the State has one that stands.
  const latest = ws.versions.at(-1);
  const current = latest?.status === 'submitted' ? latest : undefined;
  return {
    workspace,
    positions: presentPositions(
      locale,
      ws.loaded.procedure,
      ws.loaded.texts,
      positions,
      consultation.studyGroup,
      (sha) => files.get(sha) ?? sha.slice(0, 12),
      workspace.content,
    ),
    signature: {
      signatoryName: content.signatoryName.trim(),
      signatoryTitle: content.signatoryTitle.trim(),
      place: content.place.trim(),
      // The day it will be signed, in words as on the receipt (checked before the review: an ISO day, or empty).
      signedOn: isIsoDay(content.signedOn.trim())
        ? intlFor(locale).formatDate(startOfDay(content.signedOn.trim()), { dateStyle: 'long', timeZone: 'UTC' })
        : content.signedOn.trim(),
    },
    draftRevision,
    amending: current !== undefined,
    unanswered: ws.loaded.texts.filter((text) => !positions.some((p) => p.text === text.id)).length,
    dropped: Object.fromEntries(
      (current?.positions ?? [])
        .filter((earlier) => !positions.some((p) => p.text === earlier.text))
        .map((earlier) => [
          earlier.text,
          {
            version: current!.version,
            position: positionLabel(locale, ws.loaded.procedure, earlier, consultation.studyGroup),
          },
        ]),
    ),
  };
}

export interface ReceiptPageView {
  readonly consultation: ConsultationHead;
  readonly stateName: string;
  readonly stateCode: string;
  readonly version: number;
  readonly status: ReplyVersionStatus;
  readonly receivedAt: number;
  readonly channel: string;
  readonly by: string;
  readonly receivedByDeadline: boolean;
  readonly counts: boolean;
  readonly contentSha256: string;
  readonly signature: Receipt['signature'];
  readonly audit: Receipt['audit'];
  readonly signatory: {
    readonly name: string;
    readonly title: string;
    readonly place: string | null;
    /** The day it was signed, in words. */
    readonly signedOn: string | null;
  };
  readonly positions: readonly PositionView[];
  readonly notice: string | null;
  readonly contentNotice: ContentNoticeView | null;
}

/** The receipt page: the signed receipt of one version with the version's own fields (signatory, positions, files). */
export function presentReceipt(
  locale: Locale,
  ws: ReplyWorkspace,
  receipt: Receipt,
  version: ReplyVersion,
  notice: string | null,
): ReceiptPageView {
  const consultation = ws.loaded.consultation;
  const submitted = version.status === 'submitted';
  // A withdrawal lists no positions: only the subject is shown then.
  const content = presentContent(locale, consultation, submitted ? ws.loaded.texts : []);
  return {
    consultation: consultationHead(consultation, content),
    stateName: stateName(locale, ws.memberState),
    stateCode: ws.memberState.code,
    version: receipt.version,
    status: receipt.status,
    receivedAt: version.receivedAt,
    channel: channelLabel(locale, version.channel),
    by: personLabel(locale, ws.people.get(version.enteredBy)),
    receivedByDeadline: receipt.receivedByDeadline,
    counts: ws.countedVersion === version.version,
    contentSha256: receipt.contentSha256,
    signature: receipt.signature,
    audit: receipt.audit,
    signatory: {
      name: version.signatoryName,
      title: version.signatoryTitle,
      place: version.place,
      // The day the form was signed, in words (it is stored as an ISO day).
      signedOn:
        version.signedOn === null
          ? null
          : intlFor(locale).formatDate(startOfDay(version.signedOn), { dateStyle: 'long', timeZone: 'UTC' }),
    },
    positions: submitted
      ? presentPositions(
          locale,
          ws.loaded.procedure,
          ws.loaded.texts,
          version.positions,
          consultation.studyGroup,
          (sha) => ws.fileNames.get(sha) ?? sha.slice(0, 12),
          content,
        )
      : [],
    notice,
    contentNotice: presentContentNotice([content], { subject: true, titles: true, summaries: false }),
  };
}

export interface HistoryRowView {
  readonly version: number;
  readonly status: ReplyVersionStatus;
  readonly receivedAt: number;
  readonly by: string;
  readonly channel: string;
  readonly counts: boolean;
  readonly late: boolean;
  /**
   * What the version changed from the latest submitted one before it (issue #16 item 1, for the
   * State's own focal points): the texts whose position or words changed, each with the parts
   * that did, in the page's words; `first` for the first version, `withdrawal` for a withdrawal.
   */
  readonly changes: 'first' | 'withdrawal' | readonly { readonly designation: string; readonly parts: string }[];
}

export interface HistoryView {
  readonly consultation: ConsultationHead;
  readonly stateName: string;
  /** Newest first. */
  readonly rows: readonly HistoryRowView[];
  readonly countedVersion: number | null;
  readonly deadlinePassed: boolean;
  readonly citations: ReplyCitations;
}

/** The words of each part of a position, as the review names them. */
const PART_WORDS: Readonly<Record<PositionField, MessageId>> = {
  position: 'reply.review.position',
  comments: 'reply.review.comments',
  reasons: 'reply.review.reasons',
  possibleChanges: 'reply.review.changes',
  commentTable: 'reply.review.table',
  attachment: 'reply.review.file',
};

/** What version `index` of the State's reply changed from the latest submitted one before it. */
function versionChanges(locale: Locale, ws: ReplyWorkspace, index: number): HistoryRowView['changes'] {
  const version = ws.versions[index]!;
  if (version.status === 'withdrawn') return 'withdrawal';
  const previous = ws.versions
    .slice(0, index)
    .reverse()
    .find((v) => v.status === 'submitted');
  if (previous === undefined) return 'first';
  const intl = intlFor(locale);
  return ws.loaded.texts.flatMap((text) => {
    const changed = changedFields(
      previous.positions.find((p) => p.text === text.id),
      version.positions.find((p) => p.text === text.id),
    );
    return changed.length === 0
      ? []
      : [
          {
            designation: text.designation,
            parts: intl.formatList(
              changed.map((field) => t(locale, PART_WORDS[field])),
              { type: 'conjunction' },
            ),
          },
        ];
  });
}

/** The history page: every version of the State's reply, newest first, with the one that counts. */
export function presentHistory(locale: Locale, ws: ReplyWorkspace): HistoryView {
  const consultation = ws.loaded.consultation;
  return {
    consultation: consultationHead(consultation, presentContent(locale, consultation, [])),
    stateName: stateName(locale, ws.memberState),
    rows: ws.versions
      .map((v, index) => ({
        version: v.version,
        status: v.status,
        receivedAt: v.receivedAt,
        by: personLabel(locale, ws.people.get(v.enteredBy)),
        channel: channelLabel(locale, v.channel),
        counts: v.version === ws.countedVersion,
        late: v.receivedAt > consultation.deadlineAt,
        changes: versionChanges(locale, ws, index),
      }))
      .reverse(),
    countedVersion: ws.countedVersion,
    deadlinePassed: ws.deadlinePassed,
    citations: presentReplyCitations(locale, ws),
  };
}

/** The closed form: the deadline, and the version that counts with its positions. */
export interface ClosedView {
  readonly workspace: WorkspaceView;
  /** Why: the deadline passed, replies are not taken yet (a phase for replies still to come), or the State is not consulted. */
  readonly reason: 'deadline' | 'not-yet' | 'not-eligible';
  /** When replies will be taken (not-yet), with the clause that sets it; null otherwise or when it waits for an event. */
  readonly opensAt: number | null;
  readonly opensClause: string | null;
  readonly ineligibleReason: string | null;
  readonly counted: {
    readonly version: number;
    readonly receivedAt: number;
    readonly positions: readonly PositionView[];
  } | null;
  /** The refusal of a late post (DEADLINE_PASSED), shown as the page's problem. */
  readonly errors: readonly FormError[];
}

/** The closed form: why it is closed, and the version that counts with its positions. */
export function presentClosed(
  locale: Locale,
  ws: ReplyWorkspace,
  now: number,
  errors: readonly FormError[],
): ClosedView {
  const consultation = ws.loaded.consultation;
  const counted = ws.versions.find((v) => v.version === ws.countedVersion) ?? null;
  const workspace = presentWorkspace(locale, ws, now);
  return {
    workspace,
    reason: ws.deadlinePassed ? 'deadline' : ws.replyWindowToCome !== null ? 'not-yet' : 'not-eligible',
    opensAt: ws.replyWindowToCome?.startsAt ?? null,
    opensClause:
      ws.replyWindowToCome === null
        ? null
        : citeClauseIn(locale, ws.loaded.procedure, consultation.resolutionEdition, ws.replyWindowToCome.clause),
    ineligibleReason: ws.eligibility.reason,
    counted: counted
      ? {
          version: counted.version,
          receivedAt: counted.receivedAt,
          positions: presentPositions(
            locale,
            ws.loaded.procedure,
            ws.loaded.texts,
            counted.positions,
            consultation.studyGroup,
            (sha) => ws.fileNames.get(sha) ?? sha.slice(0, 12),
            workspace.content,
          ),
        }
      : null,
    errors,
  };
}
