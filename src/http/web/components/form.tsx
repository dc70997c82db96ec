import type { ComponentChildren } from 'preact';
import { t, type Locale } from '../../../i18n/i18n.js';
import { CSRF_FIELD } from '../csrf.js';

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

export interface TextFieldProps {
  readonly locale: Locale;
  /** The element id, `field-…`: the error summary links here. */
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly value?: string | undefined;
  readonly type?: 'text' | 'email' | 'password';
  readonly autocomplete: string;
  readonly inputmode?: 'numeric' | 'email' | 'text';
  readonly pattern?: string;
  readonly maxlength?: number;
  readonly class?: string;
}

/**
 * A labelled input with its hint and its error, both tied to it by aria-describedby, and
 * aria-invalid when in error. A password field never echoes a value.
 */
export function TextField(props: TextFieldProps) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const type = props.type ?? 'text';
  const common = {
    class: props.class ? `input ${props.class}` : 'input',
    id: props.id,
    name: props.name,
    autocomplete: props.autocomplete,
    inputmode: props.inputmode,
    pattern: props.pattern,
    maxlength: props.maxlength,
    'aria-describedby': describedBy,
    'aria-invalid': props.error ? ('true' as const) : undefined,
  };
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <span class="hint" id={hintId}>
          {props.hint}
        </span>
      )}
      <FieldError locale={props.locale} id={errorId} message={props.error} />
      {type === 'password' && <input type="password" {...common} />}
      {type === 'email' && <input type="email" value={props.value} {...common} />}
      {type === 'text' && <input type="text" value={props.value} {...common} />}
    </div>
  );
}

export interface TextAreaFieldProps {
  readonly locale: Locale;
  /** The element id, `field-…`: the error summary links here. */
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly value: string;
  readonly rows?: number;
  readonly maxlength?: number;
  /** Extra class of the text area (its area's width and height). */
  readonly class?: string;
}

/** A labelled multi-line field, its hint and its error tied to it as in TextField. */
export function TextAreaField(props: TextAreaFieldProps) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <span class="hint" id={hintId}>
          {props.hint}
        </span>
      )}
      <FieldError locale={props.locale} id={errorId} message={props.error} />
      <textarea
        class={props.class ? `input ${props.class}` : 'input'}
        id={props.id}
        name={props.name}
        rows={props.rows ?? 3}
        maxlength={props.maxlength}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value}
      </textarea>
    </div>
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

/** A submit button. */
export function SubmitButton({ children, variant }: { children: ComponentChildren; variant?: 'secondary' | 'danger' }) {
  return (
    <button type="submit" class={variant ? `button button-${variant}` : 'button'}>
      {children}
    </button>
  );
}
