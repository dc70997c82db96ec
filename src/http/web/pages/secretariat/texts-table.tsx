import { t } from '../../../../i18n/i18n.js';
import { Ltr } from '../../components/bidi.js';
import { Content } from '../../components/content.js';
import type { PageContext } from '../../components/layout.js';
import { formatCount, type TextRow } from '../../presenters/secretariat.presenter.js';

/** The texts of Annex 1 as a table; while a draft, each with a link to change (or remove) it. */
export function TextsTable({
  page,
  consultationId,
  texts,
  editable,
}: {
  page: PageContext;
  consultationId: string;
  texts: readonly TextRow[];
  editable: boolean;
}) {
  const { locale } = page;
  if (texts.length === 0) return <p>{t(locale, 'sec.texts.none')}</p>;
  const base = `/secretariat/consultations/${encodeURIComponent(consultationId)}/texts`;
  return (
    <div class="sec-table-wrap">
      <table class="table">
        <caption class="visually-hidden">{t(locale, 'sec.texts.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(locale, 'sec.texts.col.order')}</th>
            <th scope="col">{t(locale, 'sec.texts.col.designation')}</th>
            <th scope="col">{t(locale, 'sec.texts.col.title')}</th>
            <th scope="col">{t(locale, 'sec.texts.col.kind')}</th>
            <th scope="col">{t(locale, 'sec.texts.col.location')}</th>
            <th scope="col">{t(locale, 'sec.texts.col.summary')}</th>
            {editable && <th scope="col">{t(locale, 'sec.texts.col.action')}</th>}
          </tr>
        </thead>
        <tbody>
          {texts.map((text) => {
            const missing = text.kind !== 'corrigendum' && text.summary === null;
            return (
              <tr>
                <td>{formatCount(locale, text.order)}</td>
                <th scope="row">
                  <Ltr>{text.designation}</Ltr>
                  {text.workItem !== null && (
                    <span class="sec-work-item">
                      {' '}
                      (<Ltr>{text.workItem}</Ltr>)
                    </span>
                  )}
                </th>
                <Content as="td" of={text.title} />
                <td>{text.kindLabel}</td>
                <td>
                  <Ltr>{text.location}</Ltr>
                </td>
                <td>
                  {missing ? (
                    <strong class="sec-missing">{t(locale, 'sec.texts.summary.missing')}</strong>
                  ) : text.summary === null ? (
                    t(locale, 'sec.texts.summary.notNeeded')
                  ) : (
                    t(locale, 'sec.texts.summary.given')
                  )}
                </td>
                {editable && (
                  <td>
                    <a href={page.href(`${base}/${encodeURIComponent(text.id)}`)}>
                      {t(locale, 'sec.texts.change')}
                      <span class="visually-hidden">
                        {' '}
                        <Ltr>{text.designation}</Ltr>
                      </span>
                    </a>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
