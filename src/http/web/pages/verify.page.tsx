import { t } from '../../../i18n/i18n.js';
import { CsrfField, ErrorSummary, errorAt, SubmitButton, TextField, type FormError } from '../components/form.js';
import { AuthenticatorCodeField } from '../components/authenticator-code-field.js';
import { Layout, type PageContext } from '../components/layout.js';

export interface VerifyView {
  readonly errors: readonly FormError[];
  readonly csrfToken: string;
  /** The recovery-code form is open (it was the one used). */
  readonly recoveryOpen: boolean;
  /** The page to return to after signing in (a path of this site), carried by both forms. */
  readonly next: string | null;
}

/**
 * Sign-in, second step: a code of the authenticator app or, behind a disclosure that needs no
 * script, a recovery code (its own field, because recovery codes contain letters and a numeric
 * keypad would stand in the way).
 */
export function VerifyPage({ page, view }: { page: PageContext; view: VerifyView }) {
  const { locale } = page;
  return (
    <Layout page={page} title={t(locale, 'verify.title')} hasErrors={view.errors.length > 0}>
      <ErrorSummary locale={locale} errors={view.errors} />
      <p>{t(locale, 'verify.intro')}</p>
      <form method="post" action={page.localPath('/login/verify')} novalidate>
        <CsrfField token={view.csrfToken} />
        {view.next !== null && <input type="hidden" name="next" value={view.next} />}
        <input type="hidden" name="method" value="totp" />
        <AuthenticatorCodeField locale={locale} errors={view.errors} />
        <SubmitButton>{t(locale, 'verify.submit')}</SubmitButton>
      </form>
      <details open={view.recoveryOpen}>
        <summary>{t(locale, 'verify.recovery.title')}</summary>
        <p>{t(locale, 'verify.recovery.intro')}</p>
        <form method="post" action={page.localPath('/login/verify')} novalidate>
          <CsrfField token={view.csrfToken} />
          {view.next !== null && <input type="hidden" name="next" value={view.next} />}
          <input type="hidden" name="method" value="recovery" />
          <TextField
            locale={locale}
            id="field-recovery-code"
            name="recoveryCode"
            label={t(locale, 'verify.recovery.label')}
            hint={t(locale, 'verify.recovery.hint')}
            autocomplete="off"
            maxlength={40}
            class="input-short"
            error={errorAt(view.errors, 'field-recovery-code')}
          />
          <SubmitButton variant="secondary">{t(locale, 'verify.recovery.submit')}</SubmitButton>
        </form>
      </details>
    </Layout>
  );
}
