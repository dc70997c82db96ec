import type { ComponentChildren } from 'preact';
import { t, type Locale } from '../../../i18n/i18n.js';
import { CSRF_FIELD } from '../csrf.js';

/**
 * The form kit of every page: the error summary, the notice after a redirect, the CSRF field, and
 * the controls. Every control is built on one shell: a label (or a fieldset's legend), an optional
 * hint and an error, both tied to the control by aria-describedby, and aria-invalid when in error;
 * the error summary links to the control's id (`field-…`).
 */

/** One problem of a submitted form: the id of the field it belongs to (if any) and its message. */
export interface FormError {
  /** The field the message is shown at (and the summary links to). */
  readonly field?: string;
  /** A field the summary links to without a message at the field (e.g. wrong credentials: which one is not said). */
  readonly link?: string;
  readonly message: string;
}

/** The message of the first error at `field`, if any. */
export function errorAt(errors: readonly FormError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

/**
 * The GOV.UK-style error summary at the top of a form: announced at once (role="alert"), focused
 * on load without script (`autofocus` on a focusable container), each problem a link to its field.
 */
export function ErrorSummary({ locale, errors }: { locale: Locale; errors: readonly FormError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title">{t(locale, 'form.errorSummary.title')}</h2>
      <ul>
        {errors.map((error) => (
          <li>
            {(error.field ?? error.link) ? (
              <a href={`#${error.field ?? error.link}`}>{error.message}</a>
            ) : (
              error.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A status message after a post-redirect-get (signed out, token revoked…). */
export function Notice({ message }: { message: string | null }) {
  if (message === null) return null;
  return (
    <div class="notice" role="status">
      <p>{message}</p>
    </div>
  );
}

/** The hidden CSRF token every POST form carries. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

/** A submit button. */
export function SubmitButton({ children, variant }: { children: ComponentChildren; variant?: 'secondary' | 'danger' }) {
  return (
    <button type="submit" class={variant ? `button button-${variant}` : 'button'}>
      {children}
    </button>
  );
}

/** The message at a field, with a visually hidden "Error:" for screen readers. */
export function FieldError({
  locale,
  id,
  message,
}: {
  locale: Locale;
  id: string | undefined;
  message: string | undefined;
}) {
  if (!message) return null;
  return (
    <span class="field-error" id={id}>
      <span class="visually-hidden">{t(locale, 'form.errorPrefix')} </span>
      {message}
    </span>
  );
}

/** What every labelled control has. */
export interface FieldProps {
  readonly locale: Locale;
  /** The element id, `field-…`: the error summary links here. */
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  /** More ids describing the control (timing notes next to a date). */
  readonly describedBy?: readonly string[] | undefined;
  /** Marks the label "(optional)". */
  readonly optional?: boolean | undefined;
  /** Extra class of the control (its width or height). */
  readonly class?: string | undefined;
  /** The language of what is typed, when not the page's (a translation: `lang` and `dir` of the control). */
  readonly lang?: string | undefined;
  /**
   * The control's direction when not the page's: a translation's (Arabic typed on an English
   * page), or `ltr` for values that are always left to right (days, codes, designations), so
   * that they stay readable in a right-to-left page.
   */
  readonly dir?: 'ltr' | 'rtl' | undefined;
}

/** The ids that describe a control: its hint, its error, then any others. */
function describedByOf(props: Pick<FieldProps, 'id' | 'hint' | 'error' | 'describedBy'>): string | undefined {
  const ids = [
    props.hint ? `${props.id}-hint` : undefined,
    props.error ? `${props.id}-error` : undefined,
    ...(props.describedBy ?? []),
  ].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** The state of a control: described by its hint and error, invalid when in error. */
function ariaOf(props: FieldProps) {
  return {
    'aria-describedby': describedByOf(props),
    'aria-invalid': props.error ? ('true' as const) : undefined,
  };
}

const inputClass = (extra: string | undefined) => (extra ? `input ${extra}` : 'input');

/** The shell of a labelled control: label, hint, error, the control, then anything that goes after it. */
function FieldShell({
  props,
  children,
  after,
}: {
  props: FieldProps;
  children: ComponentChildren;
  after?: ComponentChildren;
}) {
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>
        {props.label}
        {props.optional && <span class="sec-optional"> {t(props.locale, 'form.optional')}</span>}
      </label>
      {props.hint && (
        <span class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      )}
      <FieldError locale={props.locale} id={props.error ? `${props.id}-error` : undefined} message={props.error} />
      {children}
      {after}
    </div>
  );
}

export interface TextFieldProps extends FieldProps {
  readonly value?: string | undefined;
  /** `text` by default; a password field never echoes a value, a file field has none. */
  readonly type?: 'text' | 'email' | 'password' | 'date' | 'time' | 'datetime-local' | 'file';
  /** `off` by default. */
  readonly autocomplete?: string;
  readonly inputmode?: 'numeric' | 'email' | 'text';
  readonly pattern?: string;
  readonly maxlength?: number;
  readonly spellcheck?: boolean;
  /** Accepted file types (a file field). */
  readonly accept?: string;
  /** The id of a datalist of suggestions. */
  readonly list?: string;
  /** What follows the control inside its field (timing notes next to a date). */
  readonly after?: ComponentChildren;
  /** Focused on load (the row just added to a form). */
  readonly autofocus?: boolean;
}

/** A labelled one-line input (text, e-mail, password, day, date and time, file). */
export function TextField(props: TextFieldProps) {
  const type = props.type ?? 'text';
  const attributes = {
    type,
    value: type === 'password' || type === 'file' ? undefined : props.value,
    class: inputClass(props.class),
    id: props.id,
    name: props.name,
    autocomplete: props.autocomplete ?? 'off',
    inputmode: props.inputmode,
    pattern: props.pattern,
    maxlength: props.maxlength,
    spellcheck: props.spellcheck,
    lang: props.lang,
    dir: props.dir,
    accept: props.accept,
    autofocus: props.autofocus,
    list: props.list,
    ...ariaOf(props),
  };
  return (
    <FieldShell props={props} after={props.after}>
      {/* The attribute set varies with the type (preact types each type's attributes apart). */}
      <input {...(attributes as object)} />
    </FieldShell>
  );
}

export interface TextAreaFieldProps extends FieldProps {
  readonly value: string;
  /** 3 by default. */
  readonly rows?: number;
  readonly maxlength?: number;
}

/** A labelled multi-line field. */
export function TextAreaField(props: TextAreaFieldProps) {
  return (
    <FieldShell props={props}>
      <textarea
        class={inputClass(props.class)}
        id={props.id}
        name={props.name}
        rows={props.rows ?? 3}
        maxlength={props.maxlength}
        lang={props.lang}
        dir={props.dir}
        {...ariaOf(props)}
      >
        {props.value}
      </textarea>
    </FieldShell>
  );
}

export interface SelectFieldProps extends FieldProps {
  /**
   * `dir: 'auto'` for a label whose script may differ from the page's: a closed select shows its
   * chosen option in that option's direction, so a Latin label on an Arabic page starts at its
   * beginning instead of being cut there ("…a61f09b0b11b)" instead of "TSB Officer (account:…").
   */
  readonly options: readonly {
    readonly value: string;
    readonly label: string;
    readonly lang?: string;
    readonly dir?: 'auto';
  }[];
  /** The chosen values (one for a single select). */
  readonly selected: readonly string[];
  readonly multiple?: boolean;
  readonly size?: number;
  /** The first, empty option of a single select ("Choose…"). */
  readonly placeholder?: string;
  /**
   * A multiple select the script turns into a search box with the chosen options listed, each
   * removable (public/assets/app.js); its words, in the page's language. Without the script it
   * stays a select.
   */
  readonly picker?: { readonly remove: string; readonly none: string; readonly chosen: string };
}

/** A labelled select, single or multiple. */
export function SelectField(props: SelectFieldProps) {
  const chosen = new Set(props.selected);
  return (
    <FieldShell props={props}>
      <select
        class={inputClass(props.class)}
        id={props.id}
        name={props.name}
        multiple={props.multiple}
        size={props.size}
        data-picker={props.picker ? '' : undefined}
        data-picker-remove={props.picker?.remove}
        data-picker-none={props.picker?.none}
        data-picker-chosen={props.picker?.chosen}
        {...ariaOf(props)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={chosen.has(o.value)} lang={o.lang} dir={o.dir}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A checkbox with its label (and hint), posting `yes` when checked. */
export function CheckboxField({
  id,
  name,
  label,
  hint,
  checked,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  checked: boolean;
}) {
  return (
    <div class="field">
      <div class="checkbox">
        <input
          type="checkbox"
          id={id}
          name={name}
          value="yes"
          checked={checked}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        <label for={id}>{label}</label>
      </div>
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}

export interface RadioGroupProps {
  readonly locale: Locale;
  /** The first radio's id: the error summary links here. */
  readonly id: string;
  readonly name: string;
  readonly legend: ComponentChildren;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly options: readonly { readonly value: string; readonly label: string; readonly hint?: string }[];
  readonly value: string;
}

/** A fieldset of radios with its legend, hint and error (the group is described by both); the first radio carries the field's id. */
export function RadioGroup(props: RadioGroupProps) {
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <fieldset aria-describedby={describedByOf(props)}>
        <legend>{props.legend}</legend>
        {props.hint && (
          <span class="hint" id={`${props.id}-hint`}>
            {props.hint}
          </span>
        )}
        <FieldError locale={props.locale} id={props.error ? `${props.id}-error` : undefined} message={props.error} />
        {props.options.map((o, i) => {
          const id = i === 0 ? props.id : `${props.id}-${o.value.replace(/[^a-z0-9]+/gi, '-') || 'blank'}`;
          return (
            <div class="checkbox">
              <input
                type="radio"
                id={id}
                name={props.name}
                value={o.value}
                checked={o.value === props.value}
                aria-describedby={o.hint ? `${id}-hint` : undefined}
              />
              <label for={id}>{o.label}</label>
              {o.hint && (
                <span class="hint sec-option-hint" id={`${id}-hint`}>
                  {o.hint}
                </span>
              )}
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}
