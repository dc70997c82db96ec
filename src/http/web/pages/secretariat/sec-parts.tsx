import type { ComponentChildren } from 'preact';
import { formatUtc, isoInstant, t, type Locale } from '../../../../i18n/i18n.js';
import { FieldError } from '../../components/form.js';
import type { PageContext } from '../../components/layout.js';
import type { TimingView } from '../../presenters/secretariat.presenter.js';

/**
 * The form controls of the secretariat's pages that components/form.tsx does not have (text
 * areas, selects, inputs tied to notes), built the same way: a label, a hint and an error tied
 * to the control by aria-describedby, aria-invalid when in error.
 */

interface ControlProps {
  readonly locale: Locale;
  /** `field-…`: the error summary links here. */
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  /** More ids describing the control (timing notes next to a date). */
  readonly describedBy?: readonly string[];
  readonly optional?: boolean;
  /** The language of what is typed, when not the page's (a translation: `lang` and `dir` of the control). */
  readonly lang?: string | undefined;
  /**
   * The control's direction when not the page's: a translation's (Arabic typed on an English
   * page), or `ltr` for values that are always left to right (days, codes, designations), so
   * that they stay readable in a right-to-left page.
   */
  readonly dir?: 'ltr' | 'rtl' | undefined;
}

function describedByOf(props: ControlProps): string | undefined {
  const ids = [
    props.hint ? `${props.id}-hint` : undefined,
    props.error ? `${props.id}-error` : undefined,
    ...(props.describedBy ?? []),
  ].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Frame({
  props,
  children,
  after,
}: {
  props: ControlProps;
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

/** A one-line input. */
export function Input(
  props: ControlProps & {
    value: string;
    autocomplete?: string;
    maxlength?: number;
    class?: string;
    type?: 'text' | 'email';
    spellcheck?: boolean;
    after?: ComponentChildren;
  },
) {
  const common = {
    class: props.class ? `input ${props.class}` : 'input',
    id: props.id,
    name: props.name,
    autocomplete: props.autocomplete ?? 'off',
    maxlength: props.maxlength,
    spellcheck: props.spellcheck,
    lang: props.lang,
    dir: props.dir,
    'aria-describedby': describedByOf(props),
    'aria-invalid': props.error ? ('true' as const) : undefined,
  };
  return (
    <Frame props={props} after={props.after}>
      {props.type === 'email' ? (
        <input type="email" value={props.value} {...common} />
      ) : (
        <input type="text" value={props.value} {...common} />
      )}
    </Frame>
  );
}

/** A multi-line text. */
export function TextArea(props: ControlProps & { value: string; rows?: number; maxlength?: number }) {
  return (
    <Frame props={props}>
      <textarea
        class="input sec-textarea"
        id={props.id}
        name={props.name}
        rows={props.rows ?? 4}
        maxlength={props.maxlength}
        lang={props.lang}
        dir={props.dir}
        aria-describedby={describedByOf(props)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value}
      </textarea>
    </Frame>
  );
}

/** A select of options (value, words). */
export function Select(
  props: ControlProps & {
    value: string;
    options: readonly { value: string; label: string; lang?: string }[];
    placeholder?: string;
  },
) {
  return (
    <Frame props={props}>
      <select
        class="input"
        id={props.id}
        name={props.name}
        aria-describedby={describedByOf(props)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** A checkbox with its label (and hint). */
export function Checkbox({
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

/** A group of radio buttons in a fieldset with its legend; the first button carries the field's id. */
export function Radios(props: {
  locale: Locale;
  id: string;
  name: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  options: readonly { value: string; label: string; hint?: string }[];
}) {
  const describedBy =
    [props.hint ? `${props.id}-hint` : undefined, props.error ? `${props.id}-error` : undefined]
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <fieldset aria-describedby={describedBy}>
        <legend>{props.legend}</legend>
        {props.hint && (
          <span class="hint" id={`${props.id}-hint`}>
            {props.hint}
          </span>
        )}
        <FieldError locale={props.locale} id={props.error ? `${props.id}-error` : undefined} message={props.error} />
        {props.options.map((o, i) => {
          const id = i === 0 ? props.id : `${props.id}-${o.value.replace(/[^a-z0-9]+/gi, '-')}`;
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

/** The timing checks next to a date, each with its severity in words (never colour alone). */
export function TimingNotes({ locale, id, checks }: { locale: Locale; id: string; checks: readonly TimingView[] }) {
  if (checks.length === 0) return null;
  return (
    <ul class="sec-timing" id={id}>
      {checks.map((check) => (
        <li class={`sec-timing-${check.severity}`}>
          <strong>{t(locale, `sec.timing.severity.${check.severity}`)}</strong> {check.message}
        </li>
      ))}
    </ul>
  );
}

/** An instant in UTC, to which the script adds the reader's own time (unless `local` is false: columns already labelled UTC). */
export function Instant({ locale, at, local = true }: { locale: Locale; at: number; local?: boolean }) {
  if (!local) return <time datetime={isoInstant(at)}>{formatUtc(locale, at)}</time>;
  return (
    <time datetime={isoInstant(at)} data-local="" data-local-label={t(locale, 'sec.time.localLabel')}>
      {formatUtc(locale, at)}
    </time>
  );
}

/** The links between the pages of one circular (the outcome pages exist once it is issued). */
export function CircularNav({
  page,
  id,
  issued,
  current,
}: {
  page: PageContext;
  id: string;
  issued: boolean;
  current: string;
}) {
  const { locale } = page;
  const base = `/secretariat/consultations/${encodeURIComponent(id)}`;
  const links = issued
    ? [
        { path: base, label: t(locale, 'sec.nav.circular') },
        { path: `${base}/replies`, label: t(locale, 'sec.nav.replies') },
        { path: `${base}/results`, label: t(locale, 'sec.nav.results') },
        { path: `${base}/decisions`, label: t(locale, 'sec.nav.decisions') },
        { path: `${base}/notice`, label: t(locale, 'sec.nav.notice') },
        { path: `/secretariat/audit?consultation=${encodeURIComponent(id)}`, label: t(locale, 'sec.nav.audit') },
      ]
    : [
        { path: base, label: t(locale, 'sec.nav.edit') },
        { path: `${base}/preview`, label: t(locale, 'sec.nav.preview') },
        { path: `/secretariat/audit?consultation=${encodeURIComponent(id)}`, label: t(locale, 'sec.nav.audit') },
      ];
  return (
    <nav class="sec-subnav" aria-label={t(locale, 'sec.nav.label')}>
      <ul>
        {links.map((link) => (
          <li>
            <a href={page.href(link.path)} aria-current={link.path === current ? 'page' : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
