import { t } from '../../../i18n/i18n.js';
import { CsrfField, ErrorSummary, errorAt, SubmitButton, TextField, type FormError } from '../components/form.js';
import { Layout, type PageContext } from '../components/layout.js';

export interface AuthenticatorLinkView {
  /** The link's own path: the form posts back to it. */
  readonly action: string;
  readonly errors: readonly FormError[];
  readonly csrfToken: string;
}

/**
 * The link an administrator's authenticator reset e-mails: the person gives the password they
 * have, then sets up the new authenticator on the invitation's enrolment page.
 */
export function AuthenticatorLinkPage({ page, view }: { page: PageContext; view: AuthenticatorLinkView }) {
  const { locale } = page;
  return (
    <Layout page={page} title={t(locale, 'authenticatorLink.title')} hasErrors={view.errors.length > 0}>
      <ErrorSummary locale={locale} errors={view.errors} />
      <p>{t(locale, 'authenticatorLink.intro')}</p>
      <form method="post" action={view.action} novalidate>
        <CsrfField token={view.csrfToken} />
        <TextField
          locale={locale}
          id="field-password"
          name="password"
          type="password"
          label={t(locale, 'login.password.label')}
          autocomplete="current-password"
          maxlength={1024}
          error={errorAt(view.errors, 'field-password')}
        />
        <SubmitButton>{t(locale, 'authenticatorLink.submit')}</SubmitButton>
      </form>
      <p>{t(locale, 'authenticatorLink.forgotten')}</p>
    </Layout>
  );
}
