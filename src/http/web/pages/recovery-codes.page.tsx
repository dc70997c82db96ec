import { t } from '../../../i18n/i18n.js';
import { Layout, type PageContext } from '../components/layout.js';

/** The ten recovery codes, shown once, in answer to the enrolment POST (never stored in clear). */
export function RecoveryCodesPage({ page, codes }: { page: PageContext; codes: readonly string[] }) {
  const { locale } = page;
  return (
    <Layout page={page} title={t(locale, 'recovery.title')}>
      <p>{t(locale, 'recovery.intro')}</p>
      <p class="warning">{t(locale, 'recovery.warning')}</p>
      <h2 id="codes-title">{t(locale, 'recovery.listLabel')}</h2>
      <ol class="codes" aria-labelledby="codes-title">
        {codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <a class="button" href={page.localPath('/account')}>
          {t(locale, 'recovery.continue')}
        </a>
      </p>
    </Layout>
  );
}
