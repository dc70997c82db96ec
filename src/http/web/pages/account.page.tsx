import { formatUtc, isoInstant, t, type Locale, type MessageId } from '../../../i18n/i18n.js';
import {
  CsrfField,
  ErrorSummary,
  errorAt,
  FieldError,
  Notice,
  SubmitButton,
  TextField,
  type FormError,
} from '../components/form.js';
import { LANGUAGE_NAMES, Layout, type PageContext } from '../components/layout.js';
import type { PersonView, SessionView, TokenView } from '../presenters/account.presenter.js';

/** What the token form holds: as typed, on errors. */
export interface TokenFormView {
  readonly label: string;
  readonly scopes: readonly string[];
  readonly days: string;
  readonly errors: readonly FormError[];
}

export interface AccountView {
  readonly person: PersonView;
  readonly sessions: readonly SessionView[];
  readonly tokens: readonly TokenView[];
  readonly scopes: readonly string[];
  readonly tokenForm: TokenFormView;
  /** The preferred language (e-mails, documents) and the form to change it. */
  readonly language: {
    readonly current: string;
    readonly choices: readonly string[];
    readonly errors: readonly FormError[];
  };
  readonly notice: string | null;
  readonly csrfToken: string;
}

function Instant({ locale, at }: { locale: Locale; at: number }) {
  return <time datetime={isoInstant(at)}>{formatUtc(locale, at)}</time>;
}

/** The signed-in person's page: who they are, their sessions, their personal API tokens. */
export function AccountPage({ page, view }: { page: PageContext; view: AccountView }) {
  const { locale } = page;
  const { person, tokenForm } = view;
  const scopesError = errorAt(tokenForm.errors, 'field-scopes');
  return (
    <Layout
      page={page}
      title={t(locale, 'account.title')}
      hasErrors={tokenForm.errors.length > 0 || view.language.errors.length > 0}
    >
      <Notice message={view.notice} />
      <ErrorSummary locale={locale} errors={[...view.language.errors, ...tokenForm.errors]} />

      <section aria-labelledby="who-title">
        <h2 id="who-title">{t(locale, 'account.who.title')}</h2>
        <dl class="summary-list">
          <dt>{t(locale, 'account.name')}</dt>
          <dd>{person.name}</dd>
          <dt>{t(locale, 'account.email')}</dt>
          <dd>{person.email}</dd>
          <dt>{t(locale, 'account.role')}</dt>
          <dd>{person.role}</dd>
          {person.memberState !== null && (
            <>
              <dt>{t(locale, 'account.memberState')}</dt>
              <dd>{person.memberState}</dd>
            </>
          )}
        </dl>
      </section>

      <section aria-labelledby="language-title">
        <h2 id="language-title">{t(locale, 'account.language.title')}</h2>
        <form method="post" action={page.localPath('/account/language')} novalidate>
          <CsrfField token={view.csrfToken} />
          <div class={view.language.errors.length > 0 ? 'field has-error' : 'field'}>
            <label for="field-language">{t(locale, 'account.language.label')}</label>
            <span class="hint" id="field-language-hint">
              {t(locale, 'account.language.hint')}
            </span>
            <FieldError
              locale={locale}
              id={view.language.errors.length > 0 ? 'field-language-error' : undefined}
              message={errorAt(view.language.errors, 'field-language')}
            />
            <select
              class="input"
              id="field-language"
              name="language"
              aria-describedby={
                view.language.errors.length > 0 ? 'field-language-hint field-language-error' : 'field-language-hint'
              }
              aria-invalid={view.language.errors.length > 0 ? 'true' : undefined}
            >
              {view.language.choices.map((code) => (
                <option value={code} lang={code} selected={code === view.language.current}>
                  {LANGUAGE_NAMES[code] ?? code}
                </option>
              ))}
            </select>
          </div>
          <SubmitButton variant="secondary">{t(locale, 'account.language.submit')}</SubmitButton>
        </form>
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t(locale, 'sessions.title')}</h2>
        <table class="table">
          <caption class="visually-hidden">{t(locale, 'sessions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(locale, 'sessions.device')}</th>
              <th scope="col">{t(locale, 'sessions.created')}</th>
              <th scope="col">{t(locale, 'sessions.lastSeen')}</th>
            </tr>
          </thead>
          <tbody>
            {view.sessions.map((s) => (
              <tr>
                <td>
                  {s.userAgent ?? t(locale, 'sessions.unknownDevice')}
                  {s.current && (
                    <>
                      {' '}
                      <strong class="tag">{t(locale, 'sessions.current')}</strong>
                    </>
                  )}
                </td>
                <td>
                  <Instant locale={locale} at={s.createdAt} />
                </td>
                <td>
                  <Instant locale={locale} at={s.lastSeenAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p id="sign-out-others-hint">{t(locale, 'sessions.signOutOthers.hint')}</p>
        <form method="post" action={page.localPath('/account/sessions/sign-out-others')}>
          <CsrfField token={view.csrfToken} />
          <button type="submit" class="button button-secondary" aria-describedby="sign-out-others-hint">
            {t(locale, 'sessions.signOutOthers')}
          </button>
        </form>
      </section>

      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">{t(locale, 'tokens.title')}</h2>
        <p>{t(locale, 'tokens.intro')}</p>
        {view.tokens.length === 0 ? (
          <p>{t(locale, 'tokens.none')}</p>
        ) : (
          <table class="table">
            <caption class="visually-hidden">{t(locale, 'tokens.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t(locale, 'tokens.label')}</th>
                <th scope="col">{t(locale, 'tokens.scopes')}</th>
                <th scope="col">{t(locale, 'tokens.expires')}</th>
                <th scope="col">{t(locale, 'tokens.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {view.tokens.map((token) => (
                <tr>
                  <td>{token.label}</td>
                  <td>{token.scopes.join(', ')}</td>
                  <td>
                    {token.expiresAt !== null && <Instant locale={locale} at={token.expiresAt} />}
                    {token.expired && (
                      <>
                        {' '}
                        <strong>{t(locale, 'tokens.expired')}</strong>
                      </>
                    )}
                  </td>
                  <td>
                    <form
                      method="post"
                      action={page.localPath(`/account/tokens/${encodeURIComponent(token.id)}/revoke`)}
                    >
                      <CsrfField token={view.csrfToken} />
                      <button
                        type="submit"
                        class="button button-danger"
                        aria-label={t(locale, 'tokens.revoke.named', { label: token.label })}
                      >
                        {t(locale, 'tokens.revoke')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <h3>{t(locale, 'tokens.create.title')}</h3>
        <form method="post" action={page.localPath('/account/tokens')} novalidate>
          <CsrfField token={view.csrfToken} />
          <TextField
            locale={locale}
            id="field-label"
            name="label"
            label={t(locale, 'tokens.create.label.label')}
            hint={t(locale, 'tokens.create.label.hint')}
            autocomplete="off"
            maxlength={200}
            value={tokenForm.label}
            error={errorAt(tokenForm.errors, 'field-label')}
          />
          <div class={scopesError ? 'field has-error' : 'field'}>
            <fieldset aria-describedby={scopesError ? 'field-scopes-hint field-scopes-error' : 'field-scopes-hint'}>
              <legend>{t(locale, 'tokens.create.scopes.legend')}</legend>
              <span class="hint" id="field-scopes-hint">
                {t(locale, 'tokens.create.scopes.hint')}
              </span>
              <FieldError locale={locale} id="field-scopes-error" message={scopesError} />
              {view.scopes.map((scope, i) => (
                <div class="checkbox">
                  <input
                    type="checkbox"
                    id={i === 0 ? 'field-scopes' : `field-scopes-${scope.replace(':', '-')}`}
                    name="scopes"
                    value={scope}
                    checked={tokenForm.scopes.includes(scope)}
                  />
                  <label for={i === 0 ? 'field-scopes' : `field-scopes-${scope.replace(':', '-')}`}>
                    {t(locale, `scope.${scope}` as MessageId)}
                  </label>
                </div>
              ))}
            </fieldset>
          </div>
          <TextField
            locale={locale}
            id="field-days"
            name="days"
            type="text"
            inputmode="numeric"
            label={t(locale, 'tokens.create.days.label')}
            hint={t(locale, 'tokens.create.days.hint')}
            autocomplete="off"
            maxlength={3}
            class="input-short"
            value={tokenForm.days}
            error={errorAt(tokenForm.errors, 'field-days')}
          />
          <SubmitButton>{t(locale, 'tokens.create.submit')}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}
