import { t } from '../../../i18n/i18n.js';
import { CsrfField, ErrorSummary, errorAt, SubmitButton, TextField, type FormError } from '../components/form.js';
import { Layout, type PageContext } from '../components/layout.js';
import { NewPasswordFields } from './invitation.page.js';

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
        <NewPasswordFields locale={locale} errors={view.errors} />
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
