import { formatShare } from '../../../../i18n/citations.js';
import { t, type Locale } from '../../../../i18n/i18n.js';
import { Notice } from '../../components/form.js';
import { isolateText, Ltr } from '../../components/bidi.js';
import { Content } from '../../components/content.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type { ResultsPageView, TextResultView } from '../../presenters/secretariat-outcome.presenter.js';
import {
  ConsultationHead,
  formatCount,
  formatPercent,
  Instant,
  meetingOutcomeLabel,
  outcomePath,
} from './outcome-parts.js';

/** The rule applied to one text, in words (Res. 1 §9.4.5–9.4.6). */
export function ruleInWords(locale: Locale, r: TextResultView): string {
  if (r.basis === 'no_replies') return t(locale, 'outcome.results.rule.noReplies');
  const values = {
    support: r.support,
    replies: r.replies,
    percent: r.percent === null ? '' : formatPercent(locale, r.percent),
    threshold: formatShare(locale, r.threshold),
  };
  return r.basis === 'threshold_met'
    ? t(locale, 'outcome.results.rule.met', values)
    : t(locale, 'outcome.results.rule.notMet', values);
}

/**
 * Results per text for the secretariat: replies, support, ratio, outcome, and how many more
 * supporting replies a text that fell short needed; before the deadline, a provisional tally
 * labelled as such.
 */
export function ResultsPage({ page, view }: { page: PageContext; view: ResultsPageView }) {
  const { locale } = page;
  return (
    <Layout
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
      <p>{t(locale, 'outcome.results.explain', { threshold: view.threshold })}</p>

      <section class="outcome-scroll" aria-labelledby="results-caption" tabindex={0}>
        <table class="table outcome-table" id="results-table">
          <caption id="results-caption">
            {t(locale, view.final ? 'outcome.results.caption' : 'outcome.results.caption.provisional')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t(locale, 'outcome.results.text')}</th>
              <th scope="col">{t(locale, 'outcome.results.replies')}</th>
              <th scope="col">{t(locale, 'outcome.results.support')}</th>
              <th scope="col">{t(locale, 'outcome.results.nonSupport')}</th>
              <th scope="col">{t(locale, 'outcome.results.unclear')}</th>
              <th scope="col">{t(locale, 'outcome.results.ratio')}</th>
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
                <td class="outcome-number">{formatCount(locale, r.replies)}</td>
                <td class="outcome-number">{formatCount(locale, r.support)}</td>
                <td class="outcome-number">{formatCount(locale, r.nonSupport)}</td>
                <td class="outcome-number">{formatCount(locale, r.unclear)}</td>
                <td class="outcome-number">
                  {r.percent === null ? t(locale, 'outcome.results.noRatio') : formatPercent(locale, r.percent)}
                </td>
                <td>
                  <strong class={r.outcome === 'may_proceed' ? 'tag' : 'tag outcome-tag-warn'}>
                    {t(
                      locale,
                      r.outcome === 'may_proceed' ? 'outcome.results.mayProceed' : 'outcome.results.notAtMeeting',
                    )}
                  </strong>
                  {r.neededMoreSupport > 0 && (
                    <span class="outcome-note outcome-needed">
                      {t(locale, 'outcome.results.needed', { count: r.neededMoreSupport })}
                    </span>
                  )}
                  <span class="outcome-note">{ruleInWords(locale, r)}</span>
                  <span class="outcome-note">
                    <Ltr>{r.citation}</Ltr>
                  </span>
                  {r.decision !== null && (
                    <span class="outcome-note">
                      {t(locale, 'outcome.results.decision', {
                        outcome: meetingOutcomeLabel(locale, r.decision.outcome),
                      })}{' '}
                      (<Ltr>{r.decision.clause}</Ltr>)
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
          {t(locale, 'outcome.results.noticeDue')} <Instant locale={locale} at={view.resultsNoticeDueAt} />
        </p>
      )}
      {view.final && (
        <p>
          <a href={page.href(outcomePath(view.head.id, 'decisions'))}>{t(locale, 'outcome.results.toDecisions')}</a>
        </p>
      )}
    </Layout>
  );
}
