import { t } from '../../../../i18n/i18n.js';
import { Ltr } from '../../components/bidi.js';
import { CsrfField, ErrorSummary, errorAt, SubmitButton, TextField, type FormError } from '../../components/form.js';
import { Layout, type PageContext } from '../../components/layout.js';

export interface AuthenticatorResetView {
  readonly account: {
    readonly id: string;
    readonly name: string;
    readonly email: string;
    readonly role: string;
    readonly memberState: string | null;
  };
  /** The reason as typed (kept on errors). */
  readonly reason: string;
  readonly errors: readonly FormError[];
  /** Why this account's authenticator cannot be reset (then there is no form), or null. */
  readonly refusal: string | null;
  readonly csrfToken: string;
}

/**
 * An administrator resets a person's lost authenticator: who, what happens, the reason (required:
 * it goes into the audit trail with the administrator's name), and a confirmation before the post.
 */
export function AuthenticatorResetPage({ page, view }: { page: PageContext; view: AuthenticatorResetView }) {
  const { locale } = page;
  const { account } = view;
  const action = page.href(`/secretariat/accounts/${encodeURIComponent(account.id)}/authenticator-reset`);
  return (
    <Layout
      page={page}
      title={t(locale, 'sec.resetAuthenticator.title', { name: account.name })}
      hasErrors={view.errors.length > 0}
    >
      <ErrorSummary locale={locale} errors={view.errors} />
      <dl class="summary-list">
        <dt>{t(locale, 'sec.accounts.col.name')}</dt>
        <dd>
          {account.name} <Ltr as="span">{account.email}</Ltr>
        </dd>
        <dt>{t(locale, 'sec.accounts.col.role')}</dt>
        <dd>{account.role}</dd>
        {account.memberState !== null && (
          <>
            <dt>{t(locale, 'sec.accounts.col.state')}</dt>
            <dd>{account.memberState}</dd>
          </>
        )}
      </dl>
      {view.refusal !== null ? (
        <p>
          <strong>{view.refusal}</strong>
        </p>
      ) : (
        <>
          <p>{t(locale, 'sec.resetAuthenticator.intro')}</p>
          <form
            method="post"
            action={action}
            novalidate
            class="sec-form"
            data-confirm={t(locale, 'sec.resetAuthenticator.confirm', { name: account.name })}
          >
            <CsrfField token={view.csrfToken} />
            <TextField
              locale={locale}
              id="field-reason"
              name="reason"
              label={t(locale, 'sec.resetAuthenticator.reason.label')}
              hint={t(locale, 'sec.resetAuthenticator.reason.hint')}
              value={view.reason}
              maxlength={500}
              error={errorAt(view.errors, 'field-reason')}
            />
            <SubmitButton variant="danger">{t(locale, 'sec.resetAuthenticator.submit')}</SubmitButton>
          </form>
        </>
      )}
      <p class="link-line">
        <a href={page.href('/secretariat/accounts')}>{t(locale, 'sec.resetAuthenticator.back')}</a>
      </p>
    </Layout>
  );
}
