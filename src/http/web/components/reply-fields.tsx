import type { DeterminedText } from '../../../domain/consultation/consultation.js';
import { intlFor, t, type Locale, type MessageId } from '../../../i18n/i18n.js';
import { titleOf, type ConsultationContent, type ContentView } from '../presenters/content.presenter.js';
import { IsolateWithin, LtrWithin } from './bidi.js';
import { Content } from './content.js';
import { errorAt, FieldError, TextAreaField, type FormError } from './form.js';

/**
 * The Annex 2 block of a reply, one fieldset per determined text, as the circular prints it:
 * "assigns authority to SG… to consider this text for approval" (then "no comments or suggested
 * changes" or "comments and suggested changes are attached") or "does not assign authority…
 * (reasons for this opinion and an outline of possible changes… are attached)". Everything is
 * visible at once, so the form works without a script. Used by the focal point's reply form and
 * by the secretariat's page for a reply received on paper (which may also record "unclear").
 *
 * Field names and element ids are fixed by `replyFieldName` and `replyFieldId`, so that every
 * page using the block reads it back the same way (reply.forms.ts `readReplyPositions`).
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
  | 'remove';

/** The form field name of one text's field: `position-x1353`. */
export function replyFieldName(kind: ReplyFieldKind, textId: string): string {
  return `${kind}-${textId}`;
}

/** The element id of one text's field (the error summary links to it): `field-x1353-position`. */
export function replyFieldId(kind: ReplyFieldKind, textId: string): string {
  return `field-${textId}-${kind}`;
}

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
}

/** A file already stored for a text (kept across pages and drafts). */
export interface ReplyFieldsFile {
  readonly sha256: string;
  readonly filename: string;
}

/** One text's values as the block shows them. */
export interface ReplyFieldsValue {
  readonly position: 'assigns_authority' | 'does_not_assign_authority' | 'unclear' | null;
  readonly option: 'no_comments' | 'comments_attached' | null;
  readonly comments: string;
  readonly reasons: string;
  readonly possibleChanges: string;
  readonly attachment: ReplyFieldsFile | null;
}

export const EMPTY_REPLY_FIELDS_VALUE: ReplyFieldsValue = {
  position: null,
  option: null,
  comments: '',
  reasons: '',
  possibleChanges: '',
  attachment: null,
};

export interface ReplyFieldsProps {
  readonly locale: Locale;
  readonly texts: readonly ReplyFieldsText[];
  /** By text id; a missing text shows empty. */
  readonly values: Readonly<Record<string, ReplyFieldsValue>>;
  /** Problems, by the field ids of `replyFieldId`. */
  readonly errors: readonly FormError[];
  /** The study group the authority is assigned to ("SG17"), as Annex 2 names it. */
  readonly studyGroup: string;
  /** File inputs, with the largest file accepted; null for a form without uploads. */
  readonly uploads: { readonly maxBytes: number } | null;
  /** Offer "unclear" (a paper form with both boxes or neither ticked): the secretariat's recording only. */
  readonly allowUnclear?: boolean;
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

/** The Annex 2 fieldsets, one per text. */
export function ReplyFields(props: ReplyFieldsProps) {
  return (
    <div class="reply-fields">
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
  const { locale, text, value, errors, studyGroup } = props;
  const id = (kind: ReplyFieldKind) => replyFieldId(kind, text.id);
  const name = (kind: ReplyFieldKind) => replyFieldName(kind, text.id);
  const positionError = errorAt(errors, id('position'));
  const optionError = errorAt(errors, id('option'));
  const hintId = `${id('position')}-hint`;
  const positionErrorId = positionError ? `${id('position')}-error` : undefined;
  const radio = (
    suffix: string,
    kind: 'position' | 'option',
    radioValue: string,
    checked: boolean,
    label: string,
    extra?: string,
  ) => (
    <div class="reply-choice">
      <input
        type="radio"
        id={`${id(kind)}${suffix}`}
        name={name(kind)}
        value={radioValue}
        checked={checked}
        aria-describedby={
          kind === 'position'
            ? describedBy(hintId, positionErrorId)
            : describedBy(optionError && `${id('option')}-error`)
        }
      />
      <label for={`${id(kind)}${suffix}`}>
        {label}
        {extra && <span class="reply-choice-extra">{extra}</span>}
      </label>
    </div>
  );
  return (
    <fieldset class={positionError ? 'reply-text has-error' : 'reply-text'} id={`text-${text.id}`}>
      <legend class="reply-text-legend">
        <span class="reply-text-number">{t(locale, 'reply.fields.number', { number: props.number })}</span>
        <span class="reply-text-heading">
          <LtrWithin text={text.heading} ltr={[text.designation, text.workItem]} />
        </span>
        <Content class="reply-text-title" of={text.title} />
      </legend>
      <span class="hint" id={hintId}>
        {t(locale, 'reply.fields.selectOne')}
      </span>
      <FieldError locale={locale} id={positionErrorId} message={positionError} />

      {radio(
        '',
        'position',
        'assigns_authority',
        value.position === 'assigns_authority',
        t(locale, 'reply.fields.assigns', { studyGroup }),
      )}
      <div class="reply-conditional">
        <fieldset class={optionError ? 'reply-options field has-error' : 'reply-options field'}>
          <legend>{t(locale, 'reply.fields.option.legend')}</legend>
          <FieldError locale={locale} id={optionError ? `${id('option')}-error` : undefined} message={optionError} />
          {radio(
            '',
            'option',
            'no_comments',
            value.option === 'no_comments',
            t(locale, 'reply.fields.option.noComments'),
          )}
          {radio(
            '-attached',
            'option',
            'comments_attached',
            value.option === 'comments_attached',
            t(locale, 'reply.fields.option.commentsAttached'),
          )}
        </fieldset>
        <TextAreaField
          locale={locale}
          id={id('comments')}
          name={name('comments')}
          label={t(locale, 'reply.fields.comments.label')}
          hint={t(locale, 'reply.fields.comments.hint')}
          value={value.comments}
          error={errorAt(errors, id('comments'))}
          rows={4}
          maxlength={20_000}
          class="reply-textarea"
        />
      </div>

      {radio(
        '-dna',
        'position',
        'does_not_assign_authority',
        value.position === 'does_not_assign_authority',
        t(locale, 'reply.fields.doesNotAssign', { studyGroup }),
      )}
      <div class="reply-conditional">
        <TextAreaField
          locale={locale}
          id={id('reasons')}
          name={name('reasons')}
          label={t(locale, 'reply.fields.reasons.label')}
          hint={t(locale, 'reply.fields.reasons.hint')}
          value={value.reasons}
          error={errorAt(errors, id('reasons'))}
          rows={4}
          maxlength={20_000}
          class="reply-textarea"
        />
        <TextAreaField
          locale={locale}
          id={id('changes')}
          name={name('changes')}
          label={t(locale, 'reply.fields.changes.label')}
          hint={t(locale, 'reply.fields.changes.hint')}
          value={value.possibleChanges}
          error={errorAt(errors, id('changes'))}
          rows={4}
          maxlength={20_000}
          class="reply-textarea"
        />
      </div>

      {props.allowUnclear &&
        radio('-unclear', 'position', 'unclear', value.position === 'unclear', t(locale, 'reply.fields.unclear'))}

      {props.uploads && (
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
        <input
          type="text"
          class={options.class ? `input ${options.class}` : 'input'}
          id={id}
          name={name}
          value={value}
          maxlength={options.maxlength}
          autocomplete={options.autocomplete}
          inputmode={options.inputmode}
          dir={options.dir}
          aria-describedby={describedBy(hintId, errorId)}
          aria-invalid={error ? 'true' : undefined}
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
        inputmode: 'numeric',
        class: 'input-short reply-date',
        dir: 'ltr',
      })}
    </fieldset>
  );
}
