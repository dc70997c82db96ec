import { t } from '../../../../i18n/i18n.js';
import {
  CheckboxField,
  CsrfField,
  errorAt,
  ErrorSummary,
  type FormError,
  Notice,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextField,
} from '../../components/form.js';
import { Ltr } from '../../components/bidi.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type { AccountRow } from '../../presenters/secretariat.presenter.js';
import { ACCOUNT_LANGUAGES, INVITE_ROLES, type InviteValues } from '../../secretariat/invite.forms.js';
import { Instant } from './sec-parts.js';

export interface AccountsView {
  /** The accounts the search finds (every account without one). */
  readonly rows: readonly AccountRow[];
  /** How many accounts there are in all. */
  readonly total: number;
  /** The search as typed (empty: none). */
  readonly search: string;
  readonly notice: string | null;
  /** The invitation just sent, in words ("An invitation e-mail to … is queued"). */
  readonly invited: string | null;
  readonly form: InviteValues;
  readonly errors: readonly FormError[];
  readonly states: readonly { readonly code: string; readonly name: string }[];
  readonly csrfToken: string;
}

/** Language names in their own language (an account's e-mails go out in it). */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
};

/**
 * The accounts of Assent (administrators only): who has which role and State, whether they have
 * set up their second factor and when they last signed in; disable or enable an account; reset a
 * lost authenticator (on a page of its own, with the reason); invite a person. The invitation's link is e-mailed, never shown (issue 3: a page shows no secret).
 */
export function AccountsPage({ page, view }: { page: PageContext; view: AccountsView }) {
  const { locale } = page;
  const { form, errors } = view;
  const err = (field: string) => errorAt(errors, `field-${field}`);
  return (
    <Layout wide page={page} title={t(locale, 'sec.accounts.title')} hasErrors={errors.length > 0}>
      <Notice message={view.invited ?? view.notice} />
      <ErrorSummary locale={locale} errors={errors} />
      <p>
        <a href="#invite-title">{t(locale, 'sec.accounts.jumpToInvite')}</a>
      </p>

      <section aria-labelledby="accounts-list-title">
        <h2 id="accounts-list-title">{t(locale, 'sec.accounts.list.title')}</h2>
        <form method="get" action={page.href('/secretariat/accounts')} class="sec-filters">
          <TextField
            locale={locale}
            id="field-q"
            name="q"
            label={t(locale, 'sec.accounts.search.label')}
            value={view.search}
            maxlength={200}
          />
          <button type="submit" class="button button-secondary">
            {t(locale, 'sec.accounts.search.submit')}
          </button>
        </form>
        {view.search !== '' && (
          <p id="accounts-shown">
            {t(locale, 'sec.accounts.search.shown', { shown: view.rows.length, total: view.total })}{' '}
            <a href={page.href('/secretariat/accounts')}>{t(locale, 'sec.accounts.search.clear')}</a>
          </p>
        )}
        <div class="sec-table-wrap">
          <table class="table sec-accounts">
            <caption class="visually-hidden">{t(locale, 'sec.accounts.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t(locale, 'sec.accounts.col.name')}</th>
                <th scope="col">{t(locale, 'sec.accounts.col.role')}</th>
                <th scope="col">{t(locale, 'sec.accounts.col.state')}</th>
                <th scope="col">{t(locale, 'sec.accounts.col.status')}</th>
                <th scope="col">{t(locale, 'sec.accounts.col.twoFactor')}</th>
                <th scope="col">{t(locale, 'sec.accounts.col.lastSignIn')}</th>
                <th scope="col">{t(locale, 'sec.accounts.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => (
                <tr>
                  <th scope="row">
                    {row.name}
                    <Ltr as="span" class="sec-email">
                      {row.email}
                    </Ltr>
                    {row.isMe && <span class="sec-you">{t(locale, 'sec.accounts.you')}</span>}
                  </th>
                  <td>{row.role}</td>
                  <td>{row.memberState ?? '—'}</td>
                  <td>{row.status === 'active' ? row.statusLabel : <strong>{row.statusLabel}</strong>}</td>
                  <td>
                    {row.authenticatorReset ? (
                      <strong>{t(locale, 'sec.accounts.twoFactor.reset')}</strong>
                    ) : row.twoFactor ? (
                      t(locale, 'sec.accounts.twoFactor.yes')
                    ) : (
                      t(locale, 'sec.accounts.twoFactor.no')
                    )}
                  </td>
                  <td>
                    {row.lastSignInAt === null ? (
                      t(locale, 'sec.accounts.never')
                    ) : (
                      <Instant locale={locale} at={row.lastSignInAt} local={false} />
                    )}
                  </td>
                  <td>
                    {row.isMe ? (
                      t(locale, 'sec.accounts.noActionOnSelf')
                    ) : (
                      <div class="sec-row-actions">
                        {row.status === 'disabled' ? (
                          <form
                            method="post"
                            action={page.href(`/secretariat/accounts/${encodeURIComponent(row.id)}/enable`)}
                          >
                            <CsrfField token={view.csrfToken} />
                            <button type="submit" class="button button-secondary">
                              {t(locale, 'sec.accounts.enable')}
                              <span class="visually-hidden"> {row.name}</span>
                            </button>
                          </form>
                        ) : (
                          <>
                            <form
                              method="post"
                              action={page.href(`/secretariat/accounts/${encodeURIComponent(row.id)}/disable`)}
                              data-confirm={t(locale, 'sec.accounts.disable.confirm', { name: row.name })}
                            >
                              <CsrfField token={view.csrfToken} />
                              <button type="submit" class="button button-danger">
                                {t(locale, 'sec.accounts.disable')}
                                <span class="visually-hidden"> {row.name}</span>
                              </button>
                            </form>
                            <form
                              method="post"
                              action={page.href('/secretariat/accounts/invitations')}
                              data-confirm={t(locale, 'sec.accounts.resend.confirm', { name: row.name })}
                            >
                              <CsrfField token={view.csrfToken} />
                              <input type="hidden" name="resend" value="yes" />
                              <input type="hidden" name="email" value={row.email} />
                              <input type="hidden" name="name" value={row.name} />
                              <input type="hidden" name="role" value={row.inviteRole} />
                              {row.admin && <input type="hidden" name="admin" value="yes" />}
                              {row.memberStateCode !== null && (
                                <input type="hidden" name="memberState" value={row.memberStateCode} />
                              )}
                              {row.rank !== null && <input type="hidden" name="rank" value={row.rank} />}
                              <input type="hidden" name="language" value={row.language} />
                              <button type="submit" class="button-link">
                                {t(locale, 'sec.accounts.resend')}
                                <span class="visually-hidden"> {row.name}</span>
                              </button>
                            </form>
                            {row.mayResetAuthenticator && (
                              <a
                                href={page.href(
                                  `/secretariat/accounts/${encodeURIComponent(row.id)}/authenticator-reset`,
                                )}
                              >
                                {t(locale, 'sec.accounts.resetAuthenticator')}
                                <span class="visually-hidden"> {row.name}</span>
                              </a>
                            )}
                          </>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="invite-title">
        <h2 id="invite-title">{t(locale, 'sec.invite.title')}</h2>
        <p>{t(locale, 'sec.invite.intro')}</p>
        <form method="post" action={page.href('/secretariat/accounts/invitations')} novalidate class="sec-form">
          <CsrfField token={view.csrfToken} />
          <TextField
            locale={locale}
            id="field-email"
            name="email"
            type="email"
            label={t(locale, 'sec.invite.email.label')}
            value={form.email}
            error={err('email')}
            maxlength={254}
            autocomplete="off"
            spellcheck={false}
            dir="ltr"
          />
          <TextField
            locale={locale}
            id="field-name"
            name="name"
            label={t(locale, 'sec.invite.name.label')}
            value={form.name}
            error={err('name')}
            maxlength={200}
            autocomplete="off"
          />
          <RadioGroup
            locale={locale}
            id="field-role"
            name="role"
            legend={t(locale, 'sec.invite.role.legend')}
            error={err('role')}
            value={form.role}
            options={INVITE_ROLES.map((role) => ({
              value: role,
              label: t(locale, `sec.invite.role.${role}`),
              hint: t(locale, `sec.invite.role.${role}.hint`),
            }))}
          />
          <CheckboxField
            id="field-admin"
            name="admin"
            label={t(locale, 'sec.invite.admin.label')}
            hint={t(locale, 'sec.invite.admin.hint')}
            checked={form.admin}
          />
          <SelectField
            locale={locale}
            id="field-memberState"
            name="memberState"
            label={t(locale, 'sec.invite.memberState.label')}
            hint={t(locale, 'sec.invite.memberState.hint')}
            selected={[form.memberState]}
            error={err('memberState')}
            placeholder={t(locale, 'sec.invite.memberState.placeholder')}
            options={view.states.map((s) => ({ value: s.code, label: s.name }))}
          />
          <RadioGroup
            locale={locale}
            id="field-rank"
            name="rank"
            legend={t(locale, 'sec.invite.rank.legend')}
            hint={t(locale, 'sec.invite.rank.hint')}
            error={err('rank')}
            value={form.rank}
            options={[
              { value: 'primary', label: t(locale, 'sec.invite.rank.primary') },
              { value: 'alternate', label: t(locale, 'sec.invite.rank.alternate') },
            ]}
          />
          <SelectField
            locale={locale}
            id="field-language"
            name="language"
            label={t(locale, 'sec.invite.language.label')}
            hint={t(locale, 'sec.invite.language.hint')}
            selected={[form.language]}
            error={err('language')}
            options={ACCOUNT_LANGUAGES.map((code) => ({
              value: code,
              label: LANGUAGE_NAMES[code] ?? code,
              lang: code,
            }))}
          />
          <SubmitButton>{t(locale, 'sec.invite.submit')}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}
