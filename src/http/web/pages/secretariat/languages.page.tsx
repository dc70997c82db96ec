import { t, type Locale } from '../../../../i18n/i18n.js';
import { IsolateWithin, Ltr } from '../../components/bidi.js';
import { Layout, type PageContext } from '../../components/layout.js';
import { formatCount } from '../../presenters/secretariat.presenter.js';

/** One language's counts. */
export interface LanguageSummaryRow {
  readonly locale: Locale;
  /** The language's name in the reader's language. */
  readonly name: string;
  readonly total: number;
  readonly reviewed: number;
  readonly stale: number;
  readonly unreviewed: number;
}

/** A message to review, as the page lists it. */
export interface MessageToReview {
  readonly id: string;
  readonly english: string;
  readonly text: string;
  /** Null: never reviewed; else the stale review's reviewer and day. */
  readonly staleReview: { readonly reviewer: string; readonly date: string } | null;
}

export interface LanguagesView {
  readonly summaries: readonly LanguageSummaryRow[];
  /** The language chosen (`?language=fr`), its messages to review on this page, by catalogue file. */
  readonly selected: {
    readonly locale: Locale;
    readonly name: string;
    readonly count: number;
    readonly page: number;
    readonly pages: number;
    readonly groups: readonly { readonly fileId: string; readonly messages: readonly MessageToReview[] }[];
  } | null;
}

function languageHref(page: PageContext, locale: Locale, pageNumber = 1): string {
  return page.href(`/secretariat/languages?language=${locale}${pageNumber > 1 ? `&page=${pageNumber}` : ''}`);
}

/**
 * The review of the languages: per language, how many messages a language service has reviewed,
 * how many reviews are stale (the English changed since) and how many are not reviewed; for a
 * chosen language, its messages to review with their English and current text, by catalogue file,
 * paged; and how to export them for review and import them back (docs/translations.md).
 */
export function LanguagesPage({ page, view }: { page: PageContext; view: LanguagesView }) {
  const { locale } = page;
  const selected = view.selected;
  const example = selected?.locale ?? 'fr';
  return (
    <Layout wide page={page} title={t(locale, 'sec.languages.title')}>
      <p>{t(locale, 'sec.languages.intro')}</p>
      <div class="sec-table-wrap">
        <table class="table">
          <caption>{t(locale, 'sec.languages.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(locale, 'sec.languages.col.language')}</th>
              <th scope="col">{t(locale, 'sec.languages.col.total')}</th>
              <th scope="col">{t(locale, 'sec.languages.col.reviewed')}</th>
              <th scope="col">{t(locale, 'sec.languages.col.stale')}</th>
              <th scope="col">{t(locale, 'sec.languages.col.unreviewed')}</th>
            </tr>
          </thead>
          <tbody>
            {view.summaries.map((s) => (
              <tr id={`language-${s.locale}`}>
                <th scope="row">
                  <a
                    href={languageHref(page, s.locale)}
                    aria-current={selected?.locale === s.locale ? 'page' : undefined}
                  >
                    {s.name}
                  </a>
                </th>
                <td>{formatCount(locale, s.total)}</td>
                <td>{formatCount(locale, s.reviewed)}</td>
                <td>{formatCount(locale, s.stale)}</td>
                <td>{formatCount(locale, s.unreviewed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {selected === null ? (
        <p>{t(locale, 'sec.languages.choose')}</p>
      ) : (
        <section aria-labelledby="to-review-title">
          <h2 id="to-review-title">{t(locale, 'sec.languages.list.title', { language: selected.name })}</h2>
          {selected.count === 0 ? (
            <p>{t(locale, 'sec.languages.none', { language: selected.name })}</p>
          ) : (
            <>
              <p>
                {t(locale, 'sec.languages.list.count', {
                  count: selected.count,
                  page: selected.page,
                  pages: selected.pages,
                })}
              </p>
              {selected.groups.map((group) => (
                <div class="sec-table-wrap">
                  <table class="table">
                    <caption>
                      {t(locale, 'sec.languages.list.caption', { catalogue: group.fileId, language: selected.name })}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t(locale, 'sec.languages.col.message')}</th>
                        <th scope="col">{t(locale, 'sec.languages.col.english')}</th>
                        <th scope="col">{t(locale, 'sec.languages.col.text')}</th>
                        <th scope="col">{t(locale, 'sec.languages.col.status')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {group.messages.map((m) => (
                        <tr>
                          <th scope="row">
                            <Ltr as="code">{m.id}</Ltr>
                          </th>
                          <td class="sec-wrap" lang="en" dir="ltr">
                            {m.english}
                          </td>
                          <td class="sec-wrap" lang={selected.locale} dir="auto">
                            {m.text}
                          </td>
                          <td>
                            {m.staleReview === null ? (
                              t(locale, 'sec.languages.status.unreviewed')
                            ) : (
                              <IsolateWithin
                                text={t(locale, 'sec.languages.status.stale', {
                                  reviewer: m.staleReview.reviewer,
                                  date: m.staleReview.date,
                                })}
                                values={[m.staleReview.reviewer]}
                              />
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ))}
              {selected.pages > 1 && (
                <nav class="sec-pager" aria-label={t(locale, 'sec.languages.pager.label')}>
                  <ul>
                    {selected.page > 1 && (
                      <li>
                        <a href={languageHref(page, selected.locale, selected.page - 1)} rel="prev">
                          {t(locale, 'sec.languages.pager.previous')}
                        </a>
                      </li>
                    )}
                    <li aria-current="page">
                      {t(locale, 'sec.audit.pager.position', { page: selected.page, pages: selected.pages })}
                    </li>
                    {selected.page < selected.pages && (
                      <li>
                        <a href={languageHref(page, selected.locale, selected.page + 1)} rel="next">
                          {t(locale, 'sec.languages.pager.next')}
                        </a>
                      </li>
                    )}
                  </ul>
                </nav>
              )}
            </>
          )}
        </section>
      )}

      <section aria-labelledby="howto-title">
        <h2 id="howto-title">{t(locale, 'sec.languages.howto.title')}</h2>
        <p>{t(locale, 'sec.languages.howto.body')}</p>
        <p>{t(locale, 'sec.languages.howto.export')}</p>
        <pre dir="ltr">
          <code>{`npx assent i18n export --locale ${example} --to-review --out ${example}.xlf`}</code>
        </pre>
        <p>{t(locale, 'sec.languages.howto.import')}</p>
        <pre dir="ltr">
          <code>{`npx assent i18n import ${example}.xlf --reviewer "…"`}</code>
        </pre>
      </section>
    </Layout>
  );
}
