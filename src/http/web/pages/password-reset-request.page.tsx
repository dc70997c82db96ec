import { t } from '../../../i18n/i18n.js';
import { CsrfField, ErrorSummary, errorAt, SubmitButton, TextField, type FormError } from '../components/form.js';
import { Layout, type PageContext } from '../components/layout.js';

export interface PasswordResetRequestView {
  /** The address as typed (kept on errors). */
  readonly email: string;
  readonly errors: readonly FormError[];
  readonly csrfToken: string;
}

/** "Forgot your password?": the e-mail address of the account to send a link to. */
export function PasswordResetRequestPage({ page, view }: { page: PageContext; view: PasswordResetRequestView }) {
  const { locale } = page;
  return (
    <Layout page={page} title={t(locale, 'passwordReset.request.title')} hasErrors={view.errors.length > 0}>
      <ErrorSummary locale={locale} errors={view.errors} />
      <p>{t(locale, 'passwordReset.request.intro')}</p>
      <form method="post" action={page.localPath('/password-reset')} novalidate>
        <CsrfField token={view.csrfToken} />
        <TextField
          locale={locale}
          id="field-email"
          name="email"
          type="email"
          label={t(locale, 'login.email.label')}
          autocomplete="username"
          inputmode="email"
          maxlength={254}
          spellcheck={false}
          dir="ltr"
          value={view.email}
          error={errorAt(view.errors, 'field-email')}
        />
        <SubmitButton>{t(locale, 'passwordReset.request.submit')}</SubmitButton>
      </form>
      <p class="link-line">
        <a href={page.localPath('/login')}>{t(locale, 'passwordReset.backToSignIn')}</a>
      </p>
    </Layout>
  );
}
