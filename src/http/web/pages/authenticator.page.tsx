import { t } from '../../../i18n/i18n.js';
import { CsrfField, ErrorSummary, SubmitButton, type FormError } from '../components/form.js';
import { AuthenticatorCodeField } from '../components/authenticator-code-field.js';
import { Layout, type PageContext } from '../components/layout.js';

export interface AuthenticatorView {
  /** The otpauth:// URI as an SVG QR code, as a data: URI (the CSP allows data: images, no inline markup needed). */
  readonly qrDataUri: string;
  /** The base32 key in groups of four, for typing by hand. */
  readonly keyGroups: readonly string[];
  readonly email: string;
  readonly errors: readonly FormError[];
  readonly csrfToken: string;
}

/** Enrolment of the authenticator app: scan (or type) the key, then prove it with a code. */
export function AuthenticatorPage({ page, view }: { page: PageContext; view: AuthenticatorView }) {
  const { locale } = page;
  return (
    <Layout page={page} title={t(locale, 'authenticator.title')} hasErrors={view.errors.length > 0}>
      <ErrorSummary locale={locale} errors={view.errors} />
      <p>{t(locale, 'authenticator.intro')}</p>
      <h2>{t(locale, 'authenticator.scan')}</h2>
      <img class="qr" src={view.qrDataUri} alt={t(locale, 'authenticator.qr.alt')} width={224} height={224} />
      <details>
        <summary>{t(locale, 'authenticator.manual.title')}</summary>
        <dl class="summary-list">
          <dt>{t(locale, 'authenticator.manual.key')}</dt>
          <dd>
            <code class="secret" id="totp-key">
              {view.keyGroups.join(' ')}
            </code>
          </dd>
          <dt>{t(locale, 'authenticator.manual.account')}</dt>
          <dd>{view.email}</dd>
          <dt>{t(locale, 'authenticator.manual.type')}</dt>
          <dd>{t(locale, 'authenticator.manual.typeValue')}</dd>
        </dl>
      </details>
      <h2>{t(locale, 'authenticator.confirm')}</h2>
      <form method="post" action={page.localPath('/account/authenticator')} novalidate>
        <CsrfField token={view.csrfToken} />
        <AuthenticatorCodeField locale={locale} errors={view.errors} />
        <SubmitButton>{t(locale, 'authenticator.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}
