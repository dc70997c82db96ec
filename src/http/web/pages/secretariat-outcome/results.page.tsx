import { t } from '../../../../i18n/i18n.js';
import { clauseIn } from '../../../../i18n/citations.js';
import { Notice } from '../../components/form.js';
import { Isolate, Ltr, isolateText } from '../../components/bidi.js';
import { Content, richMessage } from '../../components/content.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type { ResultsPageView } from '../../presenters/secretariat-outcome.presenter.js';
import { ConsultationHead, Downloads, Instant, meetingOutcomeLabel, outcomePath } from './outcome-parts.js';

/**
 * Results per text for the secretariat: the figures the procedure declares for its tally (TAP:
 * replies, support, ratio, and how many more supporting replies a text that fell short needed),
 * the outcome and the rule in words; before the deadline, a provisional tally labelled as such.
 */
export function ResultsPage({ page, view }: { page: PageContext; view: ResultsPageView }) {
  const { locale } = page;
  return (
    <Layout
      wide
      page={page}
      title={isolateText(t(locale, 'outcome.results.title', { reference: view.head.reference }), [view.head.reference])}
    >
      <Notice message={view.notice} />
      <ConsultationHead page={page} head={view.head} current="results" />
      {view.final ? (
        <p id="results-status">{t(locale, 'outcome.results.final')}</p>
      ) : (
        <p class="warning" id="results-status">
          {t(locale, 'outcome.results.provisional')} <Instant locale={locale} at={view.head.deadlineAt} />
        </p>
      )}
      <p>{view.explain}</p>

      <section class="outcome-scroll" aria-labelledby="results-caption" tabindex={0}>
        <table class="table outcome-table" id="results-table">
          <caption id="results-caption">
            {t(locale, view.final ? 'outcome.results.caption' : 'outcome.results.caption.provisional')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t(locale, 'outcome.results.text')}</th>
              {view.figureLabels.map((label) => (
                <th scope="col">{label}</th>
              ))}
              <th scope="col">
                {t(locale, view.final ? 'outcome.results.outcome' : 'outcome.results.outcome.provisional')}
              </th>
            </tr>
          </thead>
          <tbody>
            {view.texts.map((r) => (
              <tr id={`result-${r.text.id}`}>
                <th scope="row">
                  <Ltr>{r.text.designation}</Ltr>
                  <Content class="outcome-note" of={r.text.title} />
                </th>
                {r.figures.map((figure) => (
                  <td class="outcome-number" data-figure={figure.name}>
                    {figure.value ?? t(locale, 'outcome.results.noRatio')}
                  </td>
                ))}
                <td>
                  <strong class={r.passes ? 'tag' : 'tag outcome-tag-warn'}>{r.outcomeLabel}</strong>
                  {r.needed !== null && <span class="outcome-note outcome-needed">{r.needed}</span>}
                  <span class="outcome-note">{r.rule}</span>
                  <span class="outcome-note">
                    <Isolate>{r.citation}</Isolate>
                  </span>
                  {r.decision !== null && (
                    <span class="outcome-note">
                      {t(locale, 'outcome.results.decision', {
                        outcome: meetingOutcomeLabel(locale, r.decision.outcome),
                      })}{' '}
                      (<Isolate>{clauseIn(locale, r.decision.clause)}</Isolate>)
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {view.resultsNoticeDueAt !== null && view.head.resultsNoticeAt === null && (
        <p>
          {richMessage(locale, 'outcome.results.noticeDue', {
            time: <Instant locale={locale} at={view.resultsNoticeDueAt} />,
          })}
        </p>
      )}
      <Downloads
        locale={locale}
        entries={[
          {
            label: t(locale, 'outcome.export.results'),
            href: page.href(outcomePath(view.head.id, 'results')),
            xlsx: true,
          },
        ]}
      />
      {view.final && (
        <p>
          <a href={page.href(outcomePath(view.head.id, 'decisions'))}>{t(locale, 'outcome.results.toDecisions')}</a>
        </p>
      )}
    </Layout>
  );
}
