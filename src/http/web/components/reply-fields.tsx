import type { DeterminedText } from '../../../domain/consultation/consultation.js';
import type { ReplyChoice, ReplyFormSpec, ReplyTextField } from '../../../domain/procedure/presentation.js';
import { MAX_CLAUSE_LENGTH, MAX_COMMENT_ROWS } from '../../../domain/reply/comment-table.js';
import { MAX_FREE_TEXT } from '../../../domain/reply/reply.js';
import { intlFor, t, type Locale, type MessageId } from '../../../i18n/i18n.js';
import { hasProcedureText, procedureText, type ProcedureWords } from '../../../i18n/procedure-text.js';
import { titleOf, type ConsultationContent, type ContentView } from '../presenters/content.presenter.js';
import { IsolateWithin, LtrWithin } from './bidi.js';
import { Content, richMessage } from './content.js';
import { errorAt, FieldError, TextAreaField, type FormError } from './form.js';

/**
 * A procedure's reply block, one fieldset per determined text, rendered from the procedure's reply
 * form (`Procedure.replyForm`): a radio per choice, under it the choice's sub-options (a nested
 * fieldset) and its free-text fields, all in the procedure's words (`procedureText`, `{body}` the
 * body consulted). Everything is visible at once, so the form works without a script. Used by the
 * focal point's reply form and by the secretariat's page for a reply received by e-mail, fax or
 * post (which also offers the choices the procedure keeps for recorded forms).
 *
 * Field names and element ids are fixed by `replyFieldName`, `replyFieldId` and `choiceInputId`,
 * so that every page using the block reads it back the same way (reply.forms.ts
 * `readReplyPositions`).
 */

/** The fields of one text's block. */
export type ReplyFieldKind =
  | 'position'
  | 'option'
  | 'comments'
  | 'reasons'
  | 'changes'
  | 'file'
  | 'kept'
  | 'keptName'
  | 'remove'
  | 'table';

/** The form field name of one text's field: `position-x1353`. */
export function replyFieldName(kind: ReplyFieldKind, textId: string): string {
  return `${kind}-${textId}`;
}

/** The element id of one text's field (the error summary links to it): `field-x1353-position`. */
export function replyFieldId(kind: ReplyFieldKind, textId: string): string {
  return `field-${textId}-${kind}`;
}

/** The columns of the comments table, as its form fields name them. */
export const COMMENT_COLUMNS = ['clause', 'comment', 'change'] as const;
export type CommentColumn = (typeof COMMENT_COLUMNS)[number];

/** The form field of one cell of a text's comments table (rows from 0): `table-0-clause-x1353`. */
export function commentCellName(column: CommentColumn, textId: string, row: number): string {
  return `table-${row}-${column}-${textId}`;
}

/** A cell's field name read back: its row, column and text. */
export const COMMENT_CELL_NAME = /^table-(\d{1,4})-(clause|comment|change)-(.+)$/;

/** The element id of one cell (the error summary links to it): `field-x1353-table-0-clause`. */
export function commentCellId(column: CommentColumn, textId: string, row: number): string {
  return `${replyFieldId('table', textId)}-${row}-${column}`;
}

/**
 * The element id of one radio of a text's choices or sub-options: the first is the field's own id
 * (the error summary links to it), the others add their kind or id: `field-x1353-position-choice-unclear`.
 */
export function choiceInputId(kind: 'position' | 'option', textId: string, value: string, first: boolean): string {
  const base = replyFieldId(kind, textId);
  // `-choice-` keeps a kind named like a suffix of the block (`-hint`, `-error`) apart; kinds and
  // sub-option ids are lower snake case (the registry checks), so the slug is one per value.
  return first ? base : `${base}-choice-${value.replace(/_/g, '-')}`;
}

/** The form field of each stored free-text field of a position. */
export const TEXT_FIELD_KINDS: Readonly<Record<ReplyTextField, ReplyFieldKind>> = {
  comments: 'comments',
  reasons: 'reasons',
  possibleChanges: 'changes',
};

/** What the block needs of a procedure: its words and its reply form. */
export type ReplyFormProcedure = ProcedureWords & { readonly replyForm: ReplyFormSpec };

/** The choices a page offers: all of them when the secretariat records a form, else not the recorded-only ones. */
export function offeredChoices(form: ReplyFormSpec, recorded: boolean): readonly ReplyChoice[] {
  return form.choices.filter((choice) => recorded || !choice.recordedOnly);
}

/** A procedure's hint under a text's heading ("Select one of the two boxes."), when it has one; else the core's. */
const CHOICE_HINT = 'choice.hint';

/** A determined text as the block heads it. */
export interface ReplyFieldsText {
  readonly id: string;
  /** "Draft new Recommendation ITU-T X.1353 (X.ztd-iot)". */
  readonly heading: string;
  /** The designation and work item, isolated inside the heading in a right-to-left page. */
  readonly designation: string;
  readonly workItem: string | null;
  /** In the reader's language where translated, else in the language of record (marked so). */
  readonly title: ContentView;
  /** The document consulted ("R35") and where it can be read, if the circular gives the address. */
  readonly document?: { readonly location: string; readonly url: string | null };
}

/** A file already stored for a text (kept across pages and drafts). */
export interface ReplyFieldsFile {
  readonly sha256: string;
  readonly filename: string;
}

/** One row of the comments table as typed. */
export interface CommentRowValue {
  readonly clause: string;
  readonly comment: string;
  readonly proposedChange: string;
}

/** One text's values as the block shows them: a choice's kind and sub-option id, as the procedure's form names them. */
export interface ReplyFieldsValue {
  readonly position: string | null;
  readonly option: string | null;
  readonly comments: string;
  readonly reasons: string;
  readonly possibleChanges: string;
  readonly attachment: ReplyFieldsFile | null;
  /** The rows of the comments table that hold something, in order (the block adds empty ones). */
  readonly commentTable: readonly CommentRowValue[];
}

export const EMPTY_REPLY_FIELDS_VALUE: ReplyFieldsValue = {
  position: null,
  option: null,
  comments: '',
  reasons: '',
  possibleChanges: '',
  attachment: null,
  commentTable: [],
};

/** Empty rows the comments table offers below the rows that hold something (the script adds more). */
export const SPARE_COMMENT_ROWS = 2;

export interface ReplyFieldsProps {
  readonly locale: Locale;
  readonly texts: readonly ReplyFieldsText[];
  /** By text id; a missing text shows empty. */
  readonly values: Readonly<Record<string, ReplyFieldsValue>>;
  /** Problems, by the field ids of `replyFieldId`. */
  readonly errors: readonly FormError[];
  /** The consultation's procedure: its reply form and words. */
  readonly procedure: ReplyFormProcedure;
  /** The body consulted ("SG17"): the `{body}` of the procedure's words. */
  readonly body: string;
  /** File inputs, with the largest file accepted; null for a form without uploads (or a procedure without attachments). */
  readonly uploads: { readonly maxBytes: number } | null;
  /** The secretariat records a form received by e-mail, fax or post: the recorded-only choices are offered too. */
  readonly recorded?: boolean;
  /** The text whose comments table the person asked to fill in (its button, without the script), if any. */
  readonly rowsFor?: string | null;
}

/** Headings of the texts in the words of the circular (kind, designation, work item), with their titles as `content` shows them. */
export function replyFieldsTexts(
  locale: Locale,
  texts: readonly DeterminedText[],
  content: ConsultationContent,
): ReplyFieldsText[] {
  return texts.map((text) => ({
    id: text.id,
    heading: textHeading(locale, text),
    designation: text.designation,
    workItem: text.workItem,
    title: titleOf(content, text),
    document: { location: text.location, url: text.locationUrl },
  }));
}

/** "Draft new Recommendation ITU-T X.1353 (X.ztd-iot)", "Draft Corrigendum 1 to…" as Annex 2 heads a text. */
export function textHeading(locale: Locale, text: Pick<DeterminedText, 'kind' | 'designation' | 'workItem'>): string {
  const heading = t(locale, `reply.text.kind.${text.kind}` as MessageId, { designation: text.designation });
  return text.workItem ? t(locale, 'reply.text.withWorkItem', { heading, workItem: text.workItem }) : heading;
}

/** A file size as people read it ("10 MB", "512 kB"). */
export function fileSize(locale: Locale, bytes: number): string {
  const intl = intlFor(locale);
  if (bytes >= 1024 * 1024)
    return intl.formatNumber(bytes / (1024 * 1024), { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });
  return intl.formatNumber(Math.max(1, Math.round(bytes / 1024)), { style: 'unit', unit: 'kilobyte' });
}

/** "The text consulted: Document R35", a link where the circular gives the document's address. */
function DocumentLine({ locale, document }: { locale: Locale; document: NonNullable<ReplyFieldsText['document']> }) {
  const words = (
    <LtrWithin
      text={t(locale, 'public.text.location.value', { location: document.location })}
      ltr={[document.location]}
    />
  );
  return (
    <p class="reply-document">
      {richMessage(locale, 'reply.fields.document', {
        document: document.url === null ? words : <a href={document.url}>{words}</a>,
      })}
    </p>
  );
}

/** The procedure's fieldsets, one per text. */
export function ReplyFields(props: ReplyFieldsProps) {
  const { locale } = props;
  return (
    // The script's words: the button that gives the first text's answer to every text, and what it says after.
    <div
      class="reply-fields"
      data-same={props.texts.length > 1 ? t(locale, 'reply.fields.same') : undefined}
      data-same-done={
        props.texts.length > 1 ? t(locale, 'reply.fields.sameDone', { count: props.texts.length - 1 }) : undefined
      }
      {...(offeredChoices(props.procedure.replyForm, props.recorded === true).some((c) => c.commentTable) &&
        commentTableData(locale))}
    >
      {props.texts.map((text, index) => (
        <TextBlock
          {...props}
          text={text}
          number={index + 1}
          value={props.values[text.id] ?? EMPTY_REPLY_FIELDS_VALUE}
        />
      ))}
    </div>
  );
}

function describedBy(...ids: (string | undefined | false)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

function TextBlock(props: ReplyFieldsProps & { text: ReplyFieldsText; number: number; value: ReplyFieldsValue }) {
  const { locale, text, value, errors, procedure } = props;
  const words = (key: string) => procedureText(locale, procedure, key, { body: props.body });
  const id = (kind: ReplyFieldKind) => replyFieldId(kind, text.id);
  const name = (kind: ReplyFieldKind) => replyFieldName(kind, text.id);
  const positionError = errorAt(errors, id('position'));
  const optionError = errorAt(errors, id('option'));
  const hintId = `${id('position')}-hint`;
  const positionErrorId = positionError ? `${id('position')}-error` : undefined;
  const optionErrorId = optionError ? `${id('option')}-error` : undefined;
  const choices = offeredChoices(procedure.replyForm, props.recorded === true);
  const radio = (kind: 'position' | 'option', radioValue: string, first: boolean, checked: boolean, label: string) => {
    const inputId = choiceInputId(kind, text.id, radioValue, first);
    return (
      <div class="reply-choice">
        <input
          type="radio"
          id={inputId}
          name={name(kind)}
          value={radioValue}
          checked={checked}
          aria-describedby={kind === 'position' ? describedBy(hintId, positionErrorId) : describedBy(optionErrorId)}
        />
        <label for={inputId}>{label}</label>
      </div>
    );
  };
  // The sub-options of the first choice that has some take the option field's id (the error links to it).
  const firstWithOptions = choices.find((choice) => choice.options !== null);
  // A free-text field is one form field: shown under the first choice that opens it.
  const shown = new Set<ReplyTextField>();
  const fieldsOf = (choice: ReplyChoice) =>
    choice.fields.filter((field) => !shown.has(field.field) && shown.add(field.field) !== undefined);
  return (
    <fieldset class={positionError ? 'reply-text has-error' : 'reply-text'} id={`text-${text.id}`}>
      <legend class="reply-text-legend">
        <span class="reply-text-number">{t(locale, 'reply.fields.number', { number: props.number })}</span>
        <span class="reply-text-heading">
          <LtrWithin text={text.heading} ltr={[text.designation, text.workItem]} />
        </span>
        <Content class="reply-text-title" of={text.title} />
      </legend>
      {text.document && <DocumentLine locale={locale} document={text.document} />}
      <span class="hint" id={hintId}>
        {hasProcedureText(procedure, CHOICE_HINT) ? words(CHOICE_HINT) : t(locale, 'reply.fields.selectOne')}
      </span>
      <FieldError locale={locale} id={positionErrorId} message={positionError} />

      {choices.map((choice, index) => {
        const fields = fieldsOf(choice);
        return (
          <>
            {radio('position', choice.kind, index === 0, value.position === choice.kind, words(choice.label))}
            {(choice.options !== null || fields.length > 0) && (
              <div class="reply-conditional">
                {choice.options !== null && (
                  <fieldset
                    class={optionError ? 'reply-options field has-error' : 'reply-options field'}
                    data-choices={choice.kind}
                  >
                    <legend>{words(choice.options.legend)}</legend>
                    {choice === firstWithOptions && (
                      <FieldError locale={locale} id={optionErrorId} message={optionError} />
                    )}
                    {choice.options.choices.map((option, optionIndex) =>
                      radio(
                        'option',
                        option.id,
                        choice === firstWithOptions && optionIndex === 0,
                        value.option === option.id,
                        words(option.label),
                      ),
                    )}
                  </fieldset>
                )}
                {fields.map((field) => {
                  const kind = TEXT_FIELD_KINDS[field.field];
                  // The choices this field belongs to: the script shows it while one of them is chosen.
                  const owners = choices.filter((c) => c.fields.some((f) => f.field === field.field));
                  return (
                    <div class="reply-field" data-choices={owners.map((c) => c.kind).join(' ')}>
                      <TextAreaField
                        locale={locale}
                        id={id(kind)}
                        name={name(kind)}
                        label={words(field.label)}
                        hint={field.hint === null ? undefined : words(field.hint)}
                        value={value[field.field]}
                        error={errorAt(errors, id(kind))}
                        rows={4}
                        maxlength={MAX_FREE_TEXT}
                        class="reply-textarea"
                      />
                    </div>
                  );
                })}
              </div>
            )}
          </>
        );
      })}

      {choices.some((choice) => choice.commentTable) && (
        <CommentTableBlock
          locale={locale}
          textId={text.id}
          rows={value.commentTable}
          errors={errors}
          asked={props.rowsFor === text.id}
        />
      )}

      {props.uploads && procedure.replyForm.attachments && (
        <FileBlock
          locale={locale}
          textId={text.id}
          file={value.attachment}
          maxBytes={props.uploads.maxBytes}
          error={errorAt(errors, id('file'))}
        />
      )}
    </fieldset>
  );
}

/**
 * The structured comments table of a text (issue #16 item 7): one row per comment, with the clause
 * it is about and the change proposed, the way ITU's and ISO's comment templates lay them out. An
 * option beside free text and a file, so it is folded away (a `details`) until it holds a row or a
 * problem. A table in use comes back with SPARE_COMMENT_ROWS empty rows below its rows; an unused
 * one has no inputs at all (a six-text form stays light): the script builds its rows when it is
 * opened, and without the script its button shows the form again with empty rows for this text
 * (`rowsFor`), nothing saved. Each input is labelled by its column heading and its row number; the
 * script builds the same markup (the words it needs are on `.reply-fields`).
 */
function CommentTableBlock({
  locale,
  textId,
  rows,
  errors,
  asked,
}: {
  locale: Locale;
  textId: string;
  rows: readonly CommentRowValue[];
  errors: readonly FormError[];
  /** The person asked for this table's rows (without the script): show them and put the focus there. */
  asked: boolean;
}) {
  const tableId = replyFieldId('table', textId);
  const tableError = errorAt(errors, tableId);
  const tableErrorId = tableError ? `${tableId}-error` : undefined;
  const hintId = `${tableId}-hint`;
  const cellError = errors.some((e) => e.field?.startsWith(`${tableId}-`) === true);
  const spare = rows.length > 0 || asked || tableError !== undefined || cellError ? SPARE_COMMENT_ROWS : 0;
  const shown = [...rows, ...Array.from({ length: spare }, () => EMPTY_COMMENT_ROW)].slice(
    0,
    Math.max(rows.length, MAX_COMMENT_ROWS),
  );
  const headId = (column: CommentColumn | 'row') => `${tableId}-head-${column}`;
  const value = (row: CommentRowValue, column: CommentColumn) =>
    column === 'clause' ? row.clause : column === 'comment' ? row.comment : row.proposedChange;
  // Always there, folded, like the file: rows under a choice that takes none are pointed out at the table.
  return (
    <details open={shown.length > 0} data-comment-table={textId}>
      <summary id={tableId}>{t(locale, 'reply.table.summary')}</summary>
      <FieldError locale={locale} id={tableErrorId} message={tableError} />
      {shown.length === 0 ? (
        // Named apart from the form's own actions: the route shows the form again with these rows.
        <button type="submit" name="rows" value={textId} class="button button-secondary">
          {t(locale, 'reply.table.show')}
        </button>
      ) : (
        <>
          <p class="hint" id={hintId}>
            {t(locale, 'reply.table.hint')}
          </p>
          <div class="table-scroll">
            <table class="rows comment-rows" aria-describedby={describedBy(hintId, tableErrorId)}>
              <thead>
                <tr>
                  <th scope="col" id={headId('row')}>
                    {t(locale, 'reply.table.row')}
                  </th>
                  {COMMENT_COLUMNS.map((column) => (
                    <th scope="col" id={headId(column)}>
                      {t(locale, COLUMN_WORDS[column])}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((row, index) => {
                  const rowId = `${tableId}-${index}-head`;
                  return (
                    <tr>
                      <th scope="row" id={rowId}>
                        {t(locale, 'reply.table.rowNumber', { number: index + 1 })}
                      </th>
                      {COMMENT_COLUMNS.map((column) => {
                        const id = commentCellId(column, textId, index);
                        const error = errorAt(errors, id);
                        const errorId = error ? `${id}-error` : undefined;
                        const attributes = {
                          id,
                          name: commentCellName(column, textId, index),
                          'aria-labelledby': `${headId(column)} ${rowId}`,
                          'aria-describedby': errorId,
                          'aria-invalid': error ? ('true' as const) : undefined,
                          // Without the script, the rows asked for are where the person goes on.
                          autofocus: asked && index === rows.length && column === 'clause' ? true : undefined,
                        };
                        return (
                          <td class={error ? 'has-error' : undefined}>
                            <FieldError locale={locale} id={errorId} message={error} />
                            {column === 'clause' ? (
                              <input
                                type="text"
                                class="input"
                                maxlength={MAX_CLAUSE_LENGTH}
                                value={value(row, column)}
                                {...attributes}
                              />
                            ) : (
                              <textarea class="input" rows={3} maxlength={MAX_FREE_TEXT} {...attributes}>
                                {value(row, column)}
                              </textarea>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </details>
  );
}

/** The message of each column's heading. */
const COLUMN_WORDS = {
  clause: 'reply.table.clause',
  comment: 'reply.table.comment',
  change: 'reply.table.change',
} as const satisfies Record<CommentColumn, MessageId>;

/**
 * What the script needs to build a comments table's rows like the block's, said once for the
 * form: the headings, the row label, the limits, the button and what it says after a paste.
 */
function commentTableData(locale: Locale): Record<string, string> {
  return {
    'data-table-hint': t(locale, 'reply.table.hint'),
    'data-table-headings': [
      t(locale, 'reply.table.row'),
      ...COMMENT_COLUMNS.map((c) => t(locale, COLUMN_WORDS[c])),
    ].join('\n'),
    'data-table-row': t(locale, 'reply.table.rowNumber', { number: '{number}' }),
    'data-table-limits': `${MAX_COMMENT_ROWS} ${MAX_CLAUSE_LENGTH} ${MAX_FREE_TEXT}`,
    'data-table-add': t(locale, 'reply.table.addRow'),
    'data-table-pasted': t(locale, 'reply.table.pasted', { count: '{count}' }),
    'data-table-paste-hint': t(locale, 'reply.table.pasteHint'),
  };
}

const EMPTY_COMMENT_ROW: CommentRowValue = { clause: '', comment: '', proposedChange: '' };

/** The file of a text: the stored one (kept, with a box to remove it) and an input for a new one. */
function FileBlock({
  locale,
  textId,
  file,
  maxBytes,
  error,
}: {
  locale: Locale;
  textId: string;
  file: ReplyFieldsFile | null;
  maxBytes: number;
  error: string | undefined;
}) {
  const id = replyFieldId('file', textId);
  const hintId = `${id}-hint`;
  const errorId = error ? `${id}-error` : undefined;
  const keptId = `${id}-kept`;
  return (
    <div class={error ? 'field reply-file has-error' : 'field reply-file'}>
      {file && (
        <div class="reply-kept">
          <p id={keptId}>
            <IsolateWithin
              text={t(locale, 'reply.fields.file.kept', { filename: file.filename })}
              values={[file.filename]}
            />
          </p>
          <input type="hidden" name={replyFieldName('kept', textId)} value={file.sha256} />
          <input type="hidden" name={replyFieldName('keptName', textId)} value={file.filename} />
          <div class="checkbox">
            <input
              type="checkbox"
              id={replyFieldId('remove', textId)}
              name={replyFieldName('remove', textId)}
              value="yes"
            />
            <label for={replyFieldId('remove', textId)}>
              {t(locale, 'reply.fields.file.remove', { filename: file.filename })}
            </label>
          </div>
        </div>
      )}
      <label for={id}>{t(locale, file ? 'reply.fields.file.replace' : 'reply.fields.file.label')}</label>
      <span class="hint" id={hintId}>
        {t(locale, 'reply.fields.file.hint', { size: fileSize(locale, maxBytes) })}
      </span>
      <FieldError locale={locale} id={errorId} message={error} />
      <input
        type="file"
        class="input reply-file-input"
        id={id}
        name={replyFieldName('file', textId)}
        accept=".pdf,.docx,.odt,.txt,.png,.jpg,.jpeg,.tif,.tiff"
        aria-describedby={describedBy(hintId, errorId, file !== null && keptId)}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

/** The signature block of Annex 2: "[Name] [Official role/title]", "[Place,] [Date]". */
export interface SignatureValues {
  readonly signatoryName: string;
  readonly signatoryTitle: string;
  readonly place: string;
  readonly signedOn: string;
}

/** The signatory's name and title (required), the place and the date signed (optional). */
export function SignatureFields({
  locale,
  values,
  errors,
}: {
  locale: Locale;
  values: SignatureValues;
  errors: readonly FormError[];
}) {
  const field = (
    id: string,
    name: string,
    label: string,
    value: string,
    options: {
      hint?: string;
      maxlength: number;
      autocomplete: string;
      inputmode?: 'numeric';
      type?: 'date';
      class?: string;
      dir?: 'ltr';
    },
  ) => {
    const error = errorAt(errors, id);
    const hintId = options.hint ? `${id}-hint` : undefined;
    const errorId = error ? `${id}-error` : undefined;
    return (
      <div class={error ? 'field has-error' : 'field'}>
        <label for={id}>{label}</label>
        {options.hint && (
          <span class="hint" id={hintId}>
            {options.hint}
          </span>
        )}
        <FieldError locale={locale} id={errorId} message={error} />
        {/* The attribute set varies with the type (preact types each type's attributes apart). */}
        <input
          {...({
            type: options.type ?? 'text',
            class: options.class ? `input ${options.class}` : 'input',
            id,
            name,
            value,
            maxlength: options.maxlength,
            autocomplete: options.autocomplete,
            inputmode: options.inputmode,
            dir: options.dir,
            'aria-describedby': describedBy(hintId, errorId),
            'aria-invalid': error ? 'true' : undefined,
          } as object)}
        />
      </div>
    );
  };
  return (
    <fieldset class="reply-signature">
      <legend>{t(locale, 'reply.signature.legend')}</legend>
      {field('field-signatoryName', 'signatoryName', t(locale, 'reply.signature.name'), values.signatoryName, {
        maxlength: 200,
        autocomplete: 'name',
      })}
      {field('field-signatoryTitle', 'signatoryTitle', t(locale, 'reply.signature.title'), values.signatoryTitle, {
        hint: t(locale, 'reply.signature.title.hint'),
        maxlength: 500,
        autocomplete: 'organization-title',
      })}
      {field('field-place', 'place', t(locale, 'reply.signature.place'), values.place, {
        maxlength: 200,
        autocomplete: 'address-level2',
      })}
      {field('field-signedOn', 'signedOn', t(locale, 'reply.signature.date'), values.signedOn, {
        hint: t(locale, 'reply.signature.date.hint'),
        maxlength: 10,
        autocomplete: 'off',
        type: 'date',
        class: 'input-short reply-date',
        dir: 'ltr',
      })}
    </fieldset>
  );
}
