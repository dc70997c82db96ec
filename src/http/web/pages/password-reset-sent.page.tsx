import { t } from '../../../i18n/i18n.js';
import { Layout, type PageContext } from '../components/layout.js';

/**
 * The answer to "Forgot your password?", the same for every address (no account enumeration):
 * a link went out if the address has an account that may reset its password by e-mail.
 */
export function PasswordResetSentPage({ page, minutes }: { page: PageContext; minutes: number }) {
  const { locale } = page;
  return (
    <Layout page={page} title={t(locale, 'passwordReset.sent.title')}>
      <div class="notice" role="status">
        <p>{t(locale, 'passwordReset.sent.body', { minutes })}</p>
      </div>
      <p>{t(locale, 'passwordReset.sent.nothing')}</p>
      <ul>
        <li>
          <a href={page.localPath('/password-reset')}>{t(locale, 'passwordReset.sent.again')}</a>
        </li>
        <li>
          <a href={page.localPath('/login')}>{t(locale, 'passwordReset.backToSignIn')}</a>
        </li>
      </ul>
    </Layout>
  );
}
