import { PASSWORD_MIN } from '../../../domain/identity/password-policy.js';
import { type Locale, t } from '../../../i18n/i18n.js';
import { CsrfField, ErrorSummary, errorAt, SubmitButton, TextField, type FormError } from '../components/form.js';
import { Layout, type PageContext } from '../components/layout.js';

export interface InvitationView {
  /** The invitation's own path: the form posts back to it. */
  readonly action: string;
  readonly errors: readonly FormError[];
  readonly csrfToken: string;
}

/**
 * A new password typed twice (never echoed back), with the policy's rule in the hint: the
 * invitation's and the password reset's.
 */
export function NewPasswordFields({ locale, errors }: { locale: Locale; errors: readonly FormError[] }) {
  return (
    <>
      <TextField
        locale={locale}
        id="field-password"
        name="password"
        type="password"
        label={t(locale, 'invitation.password.label')}
        hint={t(locale, 'invitation.password.hint', { min: PASSWORD_MIN })}
        autocomplete="new-password"
        maxlength={1024}
        error={errorAt(errors, 'field-password')}
      />
      <TextField
        locale={locale}
        id="field-password-confirm"
        name="passwordConfirm"
        type="password"
        label={t(locale, 'invitation.confirm.label')}
        autocomplete="new-password"
        maxlength={1024}
        error={errorAt(errors, 'field-password-confirm')}
      />
    </>
  );
}

/** The invitation link: the invited person chooses a password (typed twice; never echoed back). */
export function InvitationPage({ page, view }: { page: PageContext; view: InvitationView }) {
  const { locale } = page;
  return (
    <Layout page={page} title={t(locale, 'invitation.title')} hasErrors={view.errors.length > 0}>
      <ErrorSummary locale={locale} errors={view.errors} />
      <p>{t(locale, 'invitation.intro')}</p>
      <form method="post" action={view.action} novalidate>
        <CsrfField token={view.csrfToken} />
        <NewPasswordFields locale={locale} errors={view.errors} />
        <SubmitButton>{t(locale, 'invitation.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}
