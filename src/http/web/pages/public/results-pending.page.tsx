import { t } from '../../../../i18n/i18n.js';
import { LtrWithin } from '../../components/bidi.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type { ResultsPendingView } from '../../presenters/public.presenter.js';
import { consultationPath, Countdown, Instant } from './public-parts.js';

/**
 * What a reader gets asking for results before the deadline (sent with 409, as the API's
 * RESULTS_NOT_AVAILABLE): why there are none yet, when they come, and the way back.
 */
export function ResultsPendingPage({ page, view }: { page: PageContext; view: ResultsPendingView }) {
  const { locale } = page;
  return (
    <Layout page={page} title={t(locale, 'error.RESULTS_NOT_AVAILABLE.title')}>
      <p>
        <LtrWithin
          text={t(locale, 'public.pending.intro', { reference: view.reference })}
          ltr={[]}
          auto={[view.reference]}
        />
      </p>
      <dl class="summary-list">
        <dt>{t(locale, 'public.consultation.deadline')}</dt>
        <dd>
          <Instant locale={locale} at={view.deadline} />
        </dd>
        {view.timeLeft !== null && (
          <>
            <dt>{t(locale, 'public.consultation.timeLeft')}</dt>
            <dd>
              <Countdown locale={locale} deadline={view.deadline} text={view.timeLeft} />
            </dd>
          </>
        )}
      </dl>
      <p>
        <a href={page.href(consultationPath(view.id))}>{t(locale, 'public.results.back')}</a>
      </p>
    </Layout>
  );
}
