import { PASSWORD_MIN } from '../../../domain/identity/password-policy.js';
import { t } from '../../../i18n/i18n.js';
import { CsrfField, ErrorSummary, errorAt, SubmitButton, TextField, type FormError } from '../components/form.js';
import { Layout, type PageContext } from '../components/layout.js';

export interface PasswordResetView {
  /** The link's own path: the form posts back to it. */
  readonly action: string;
  readonly errors: readonly FormError[];
  readonly csrfToken: string;
  /** The account has an authenticator: a code of it (or a recovery code) is asked too. */
  readonly needsCode: boolean;
}

/**
 * The password reset link: a new password, typed twice (never echoed back), and for an account
 * with an authenticator one of its codes or a recovery code, in one field (recovery codes hold
 * letters, so no numeric keypad).
 */
export function PasswordResetPage({ page, view }: { page: PageContext; view: PasswordResetView }) {
  const { locale } = page;
  return (
    <Layout page={page} title={t(locale, 'passwordReset.title')} hasErrors={view.errors.length > 0}>
      <ErrorSummary locale={locale} errors={view.errors} />
      <p>{t(locale, 'passwordReset.intro')}</p>
      <form method="post" action={view.action} novalidate>
        <CsrfField token={view.csrfToken} />
        <TextField
          locale={locale}
          id="field-password"
          name="password"
          type="password"
          label={t(locale, 'invitation.password.label')}
          hint={t(locale, 'invitation.password.hint', { min: PASSWORD_MIN })}
          autocomplete="new-password"
          maxlength={1024}
          error={errorAt(view.errors, 'field-password')}
        />
        <TextField
          locale={locale}
          id="field-password-confirm"
          name="passwordConfirm"
          type="password"
          label={t(locale, 'invitation.confirm.label')}
          autocomplete="new-password"
          maxlength={1024}
          error={errorAt(view.errors, 'field-password-confirm')}
        />
        {view.needsCode && (
          <TextField
            locale={locale}
            id="field-code"
            name="code"
            label={t(locale, 'passwordReset.code.label')}
            hint={t(locale, 'passwordReset.code.hint')}
            autocomplete="one-time-code"
            maxlength={40}
            spellcheck={false}
            class="input-short"
            dir="ltr"
            error={errorAt(view.errors, 'field-code')}
          />
        )}
        <SubmitButton>{t(locale, 'passwordReset.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}
