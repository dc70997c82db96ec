import { t } from '../../../../i18n/i18n.js';
import { ErrorSummary } from '../../components/form.js';
import { Layout, type PageContext } from '../../components/layout.js';
import { CircularForm, TimingSummary, type CircularFormView } from './circular-form.js';

/** A new circular: every field; it is saved as a draft, texts are added next. */
export function CircularNewPage({ page, view }: { page: PageContext; view: CircularFormView }) {
  const { locale } = page;
  return (
    <Layout page={page} title={t(locale, 'sec.new.title')} hasErrors={view.errors.length > 0}>
      <ErrorSummary locale={locale} errors={view.errors} />
      <p>{t(locale, 'sec.new.intro')}</p>
      <TimingSummary page={page} timing={view.timing} />
      <CircularForm
        page={page}
        view={view}
        action="/secretariat/consultations/new"
        submit={t(locale, 'sec.new.submit')}
        offerRecord
      />
    </Layout>
  );
}
