import { t } from '../../../../i18n/i18n.js';
import { Isolate, IsolateWithin, LtrWithin } from '../../components/bidi.js';
import { Content, ContentNotice } from '../../components/content.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type { ApprovedView } from '../../presenters/public.presenter.js';
import { consultationPath } from './public-parts.js';

/** The texts approved by the study group meetings, newest first, each linking to its results. */
export function ApprovedPage({ page, view }: { page: PageContext; view: ApprovedView }) {
  const { locale } = page;
  const { rows } = view;
  return (
    <Layout page={page} title={t(locale, 'public.approved.title')}>
      <p>{t(locale, 'public.approved.intro')}</p>
      <ContentNotice locale={locale} notice={view.contentNotice} />
      {rows.length === 0 ? (
        <p>{t(locale, 'public.approved.none')}</p>
      ) : (
        <section class="table-scroll" aria-labelledby="approved-caption" tabindex={0}>
          <table class="table" id="approved-texts">
            <caption id="approved-caption">{t(locale, 'public.approved.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t(locale, 'public.approved.text')}</th>
                <th scope="col">{t(locale, 'public.approved.titleColumn')}</th>
                <th scope="col">{t(locale, 'public.approved.consultation')}</th>
                <th scope="col">{t(locale, 'public.approved.meeting')}</th>
                <th scope="col">{t(locale, 'public.approved.reservations')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <th scope="row">
                    <LtrWithin text={row.heading} ltr={[row.designation, row.workItem]} />
                  </th>
                  <Content as="td" of={row.title} />
                  <td>
                    <a href={page.href(consultationPath(row.consultationId, '/results'))}>
                      <Isolate>{row.reference}</Isolate>
                    </a>
                  </td>
                  <td>
                    <IsolateWithin text={row.meeting} values={[row.meetingPlace]} />
                  </td>
                  <td>
                    {row.reservations.length === 0 ? (
                      t(locale, 'public.decision.reservations.none')
                    ) : (
                      <ul class="plain-list">
                        {row.reservations.map((r) => (
                          <li>{r}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Layout>
  );
}
