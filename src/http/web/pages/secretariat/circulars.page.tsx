import { t } from '../../../../i18n/i18n.js';
import { Notice } from '../../components/form.js';
import { Ltr } from '../../components/bidi.js';
import { Content, ContentNotice } from '../../components/content.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type { ContentNoticeView } from '../../presenters/content.presenter.js';
import {
  CIRCULAR_GROUPS,
  formatCount,
  type CircularGroup,
  type CircularRow,
} from '../../presenters/secretariat.presenter.js';
import { Deadline } from './sec-parts.js';

export interface CircularsView {
  readonly groups: Readonly<Record<CircularGroup, readonly CircularRow[]>>;
  readonly notice: string | null;
  /** Subjects not yet available in the reader's language. */
  readonly contentNotice: ContentNoticeView | null;
}

/** The secretariat's circulars: drafts, open, closed and decided, each with its deadline and replies. */
export function CircularsPage({ page, view }: { page: PageContext; view: CircularsView }) {
  const { locale } = page;
  return (
    <Layout wide page={page} title={t(locale, 'sec.circulars.title')}>
      <Notice message={view.notice} />
      <ContentNotice locale={locale} notice={view.contentNotice} />
      <p>
        <a class="button" href={page.href('/secretariat/consultations/new')}>
          {t(locale, 'sec.circulars.new')}
        </a>
      </p>
      {CIRCULAR_GROUPS.map((group) => {
        const rows = view.groups[group];
        const headingId = `group-${group}`;
        return (
          <section aria-labelledby={headingId}>
            <h2 id={headingId}>
              {t(locale, `sec.circulars.group.${group}`)}{' '}
              <span class="sec-count">({formatCount(locale, rows.length)})</span>
            </h2>
            {rows.length === 0 ? (
              <p>{t(locale, `sec.circulars.none.${group}`)}</p>
            ) : (
              <div class="sec-table-wrap">
                <table class="table">
                  <caption class="visually-hidden">{t(locale, `sec.circulars.caption.${group}`)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t(locale, 'sec.circulars.col.reference')}</th>
                      <th scope="col">{t(locale, 'sec.circulars.col.subject')}</th>
                      <th scope="col">{t(locale, 'sec.circulars.col.deadline')}</th>
                      <th scope="col">
                        {group === 'draft'
                          ? t(locale, 'sec.circulars.col.texts')
                          : t(locale, 'sec.circulars.col.replies')}
                      </th>
                      <th scope="col">{t(locale, 'sec.circulars.col.links')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => {
                      const base = `/secretariat/consultations/${encodeURIComponent(row.id)}`;
                      return (
                        <tr>
                          <th scope="row">
                            <a href={page.href(base)}>
                              <Ltr>{row.reference}</Ltr>
                            </a>
                            {row.isDemo && (
                              <>
                                {' '}
                                <strong class="tag">{t(locale, 'sec.demo')}</strong>
                              </>
                            )}
                          </th>
                          <Content as="td" of={row.subject} />
                          <td>
                            <Deadline locale={locale} deadline={row} />
                            {row.warnings > 0 && (
                              <span class="sec-flag">
                                {t(locale, 'sec.circulars.warnings', { count: row.warnings })}
                              </span>
                            )}
                          </td>
                          <td>
                            {row.repliesReceived === null
                              ? formatCount(locale, row.texts)
                              : formatCount(locale, row.repliesReceived)}
                          </td>
                          <td>
                            <ul class="sec-links">
                              {group === 'draft' ? (
                                <>
                                  <li>
                                    <a href={page.href(base)}>
                                      {t(locale, 'sec.circulars.link.edit')}
                                      <span class="visually-hidden"> {row.reference}</span>
                                    </a>
                                  </li>
                                  <li>
                                    <a href={page.href(`${base}/preview`)}>
                                      {t(locale, 'sec.circulars.link.preview')}
                                      <span class="visually-hidden"> {row.reference}</span>
                                    </a>
                                  </li>
                                </>
                              ) : (
                                <>
                                  <li>
                                    <a href={page.href(`${base}/replies`)}>
                                      {t(locale, 'sec.circulars.link.replies')}
                                      <span class="visually-hidden"> {row.reference}</span>
                                    </a>
                                  </li>
                                  <li>
                                    <a href={page.href(`${base}/results`)}>
                                      {t(locale, 'sec.circulars.link.results')}
                                      <span class="visually-hidden"> {row.reference}</span>
                                    </a>
                                  </li>
                                  {group !== 'open' && (
                                    <li>
                                      <a href={page.href(`${base}/decisions`)}>
                                        {t(locale, 'sec.circulars.link.decisions')}
                                        <span class="visually-hidden"> {row.reference}</span>
                                      </a>
                                    </li>
                                  )}
                                </>
                              )}
                            </ul>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </Layout>
  );
}
