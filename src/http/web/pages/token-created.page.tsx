import { formatUtc, isoInstant, t } from '../../../i18n/i18n.js';
import { Layout, type PageContext } from '../components/layout.js';

export interface TokenCreatedView {
  readonly label: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
  /** The secret: in this response only; only its SHA-256 is stored. */
  readonly secret: string;
}

/** The answer to creating a personal token: the secret, once. */
export function TokenCreatedPage({ page, view }: { page: PageContext; view: TokenCreatedView }) {
  const { locale } = page;
  return (
    <Layout page={page} title={t(locale, 'tokenCreated.title')}>
      <p class="warning">{t(locale, 'tokenCreated.warning')}</p>
      <dl class="summary-list">
        <dt>{t(locale, 'tokens.label')}</dt>
        <dd>{view.label}</dd>
        <dt>{t(locale, 'tokens.scopes')}</dt>
        <dd>{view.scopes.join(', ')}</dd>
        <dt>{t(locale, 'tokens.expires')}</dt>
        <dd>
          <time datetime={isoInstant(view.expiresAt)}>{formatUtc(locale, view.expiresAt)}</time>
        </dd>
        <dt>{t(locale, 'tokenCreated.secret')}</dt>
        <dd>
          <code class="secret" id="token-secret">
            {view.secret}
          </code>
        </dd>
      </dl>
      <p>{t(locale, 'tokenCreated.usage')}</p>
      <p>
        <a href={page.localPath('/account')}>{t(locale, 'tokenCreated.back')}</a>
      </p>
    </Layout>
  );
}
