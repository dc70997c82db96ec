import { t } from '../../../i18n/i18n.js';
import {
  CsrfField,
  ErrorSummary,
  errorAt,
  Notice,
  SubmitButton,
  TextField,
  type FormError,
} from '../components/form.js';
import { Layout, type PageContext } from '../components/layout.js';

export interface LoginView {
  /** The address as typed (kept on errors); the password never comes back. */
  readonly email: string;
  readonly errors: readonly FormError[];
  readonly notice: string | null;
  readonly csrfToken: string;
  /** The page to return to after signing in (a path of this site), carried by the form. */
  readonly next: string | null;
}

/** Sign-in, first step: e-mail address and password. */
export function LoginPage({ page, view }: { page: PageContext; view: LoginView }) {
  const { locale } = page;
  return (
    <Layout page={page} title={t(locale, 'login.title')} hasErrors={view.errors.length > 0}>
      <Notice message={view.notice} />
      <ErrorSummary locale={locale} errors={view.errors} />
      <p>{t(locale, 'login.intro')}</p>
      <form method="post" action={page.localPath('/login')} novalidate>
        <CsrfField token={view.csrfToken} />
        {view.next !== null && <input type="hidden" name="next" value={view.next} />}
        <TextField
          locale={locale}
          id="field-email"
          name="email"
          type="email"
          label={t(locale, 'login.email.label')}
          autocomplete="username"
          inputmode="email"
          maxlength={254}
          value={view.email}
          error={errorAt(view.errors, 'field-email')}
        />
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
        <SubmitButton>{t(locale, 'login.submit')}</SubmitButton>
      </form>
      <p class="link-line">
        <a href={page.localPath('/password-reset')}>{t(locale, 'login.forgotPassword')}</a>
      </p>
      <p>{t(locale, 'login.invitationHint')}</p>
    </Layout>
  );
}
