import { t, type Locale } from '../../../../i18n/i18n.js';
import { Isolate, IsolateWithin, Ltr, LtrWithin, isolateText } from '../../components/bidi.js';
import { Content, ContentNotice } from '../../components/content.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type {
  DecisionEntry,
  ResultsPageView,
  StatesTable,
  TextResultEntry,
} from '../../presenters/public.presenter.js';
import { consultationPath, DemoNotice, EnteredAfterwardsNotice, Instant, StatusTag } from './public-parts.js';

/** The meeting's decision on one text: outcome, why (with the clause), reservations, windows. */
function Decision({
  locale,
  id,
  meeting,
  decision,
}: {
  locale: Locale;
  id: string;
  meeting: string;
  decision: TextResultEntry['decision'];
}) {
  if (decision === 'none') return null;
  if (decision === 'not_considered') return <p>{t(locale, 'public.decision.notConsidered')}</p>;
  if (decision === 'pending') return <p>{t(locale, 'public.decision.pending', { dates: meeting })}</p>;
  const d: DecisionEntry = decision;
  return (
    <dl class="summary-list" id={`decision-${id}`}>
      <dt>{t(locale, 'public.results.outcome')}</dt>
      <dd>
        <StatusTag label={d.label} kind={d.outcome} />
      </dd>
      <dt>{t(locale, 'public.results.rule')}</dt>
      <dd>
        <LtrWithin text={d.explanation} ltr={[]} auto={[d.citation]} />
        {d.mayRestart && <> {t(locale, 'public.decision.restart')}</>}
      </dd>
      {d.windowEndsAt !== null && (
        <>
          <dt>{t(locale, 'public.decision.window')}</dt>
          <dd>
            <Instant locale={locale} at={d.windowEndsAt} />
          </dd>
        </>
      )}
      {d.abstaining !== null && (
        <>
          <dt>{t(locale, 'public.decision.abstaining')}</dt>
          <dd>{d.abstaining}</dd>
        </>
      )}
      <dt>{t(locale, 'public.decision.reservations')}</dt>
      <dd>
        {d.reservations.length === 0 ? (
          t(locale, 'public.decision.reservations.none')
        ) : (
          <ul class="plain-list">
            {d.reservations.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
        )}
      </dd>
      <dt>{t(locale, 'public.results.clause')}</dt>
      <dd>
        <Isolate>{d.citation}</Isolate>
      </dd>
    </dl>
  );
}

/** A text's figures per class of participant, and whether each class counts (a procedure that consults several). */
function ByClass({ locale, text }: { locale: Locale; text: TextResultEntry }) {
  return (
    <table class="table by-class" data-by-class={text.id}>
      <caption>
        <LtrWithin
          text={t(locale, 'public.results.byClass.caption', { designation: text.designation })}
          ltr={[text.designation]}
        />
      </caption>
      <thead>
        <tr>
          <th scope="col">{t(locale, 'public.results.byClass.class')}</th>
          {text.byClass[0]!.figures.map((figure) => (
            <th scope="col">{figure.label}</th>
          ))}
          <th scope="col">{t(locale, 'public.results.byClass.counts')}</th>
        </tr>
      </thead>
      <tbody>
        {text.byClass.map((entry) => (
          <tr data-class={entry.id}>
            <th scope="row">{entry.label}</th>
            {entry.figures.map((figure) => (
              <td data-figure={figure.name}>{figure.value}</td>
            ))}
            <td>{entry.counted}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One text's figures, outcome and the rule in words. */
function TextResult({ locale, meeting, text }: { locale: Locale; meeting: string; text: TextResultEntry }) {
  const headingId = `result-${text.id}`;
  return (
    <section aria-labelledby={headingId} class="text-result">
      <h2 id={headingId}>
        <LtrWithin text={text.heading} ltr={[text.designation, text.workItem]} />
      </h2>
      <Content as="p" class="text-title" of={text.title} />
      <table class="table figures">
        <caption>
          <LtrWithin
            text={t(locale, 'public.results.caption', { designation: text.designation })}
            ltr={[text.designation]}
          />
        </caption>
        <tbody>
          {text.figures.map((figure) => (
            <tr data-figure={figure.name}>
              <th scope="row">{figure.label}</th>
              <td>{figure.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {text.byClass.length > 0 && <ByClass locale={locale} text={text} />}
      <dl class="summary-list">
        <dt>{t(locale, 'public.results.outcome')}</dt>
        <dd>
          <StatusTag label={text.outcomeLabel} kind={text.passes ? 'passes' : 'fails'} />
        </dd>
        <dt>{t(locale, 'public.results.rule')}</dt>
        <dd id={`explanation-${text.id}`}>
          <LtrWithin text={text.explanation} ltr={[]} auto={[text.citation]} />
          {text.unclearNote !== null && <> {text.unclearNote}</>}
        </dd>
        <dt>{t(locale, 'public.results.clause')}</dt>
        <dd>
          <Isolate>{text.citation}</Isolate>
        </dd>
      </dl>
      {text.decision !== 'none' && (
        <>
          <h3>{t(locale, 'public.decision.title')}</h3>
          <Decision locale={locale} id={text.id} meeting={meeting} decision={text.decision} />
        </>
      )}
    </section>
  );
}

/** One line per text: its shares (the procedure's figures that are shares), outcome and decision, each text linking to its section. */
function Overview({
  locale,
  texts,
  shareLabels,
  hasMeeting,
}: {
  locale: Locale;
  texts: readonly TextResultEntry[];
  shareLabels: readonly string[];
  hasMeeting: boolean;
}) {
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">{t(locale, 'public.overview.title')}</h2>
      <section class="table-scroll" aria-labelledby="overview-caption" tabindex={0}>
        <table class="table" id="overview">
          <caption id="overview-caption">{t(locale, 'public.overview.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(locale, 'public.overview.text')}</th>
              {shareLabels.map((label) => (
                <th scope="col">{label}</th>
              ))}
              <th scope="col">{t(locale, 'public.results.outcome')}</th>
              {hasMeeting && <th scope="col">{t(locale, 'public.decision.title')}</th>}
            </tr>
          </thead>
          <tbody>
            {texts.map((text) => (
              <tr>
                <th scope="row">
                  <a href={`#result-${text.id}`}>
                    <Ltr>{text.designation}</Ltr>
                  </a>
                </th>
                {text.shares.map((share) => (
                  <td>{share.value}</td>
                ))}
                <td>{text.outcomeLabel}</td>
                {hasMeeting && <td>{text.decisionSummary}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

/** The counted reply of each State, per text: a wide table in a focusable scrolling region. */
function StatesSection({ locale, states }: { locale: Locale; states: StatesTable | null }) {
  return (
    <section aria-labelledby="states-title">
      <h2 id="states-title">{t(locale, 'public.states.title')}</h2>
      {states === null ? (
        <p>{t(locale, 'public.states.private')}</p>
      ) : states.rows.length === 0 ? (
        <p>{t(locale, 'public.states.none')}</p>
      ) : (
        <>
          <p>{t(locale, 'public.states.intro')}</p>
          <section class="table-scroll" aria-label={t(locale, 'public.states.region')} tabindex={0}>
            <table class="table" id="state-replies">
              <caption>{t(locale, 'public.states.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(locale, 'public.states.state')}</th>
                  {states.texts.map((text) => (
                    <th scope="col">
                      <Ltr>{text.designation}</Ltr>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {states.rows.map((row) => (
                  <tr>
                    <th scope="row">{row.name}</th>
                    {row.positions.map((p) => (
                      <td>{p}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </section>
  );
}

/**
 * The results of a consultation: per text the replies, support, share, outcome and the rule in
 * words with its clause; after the meeting its decisions; the States' replies where published.
 */
export function ResultsPage({ page, view }: { page: PageContext; view: ResultsPageView }) {
  const { locale } = page;
  return (
    <Layout
      page={page}
      title={isolateText(t(locale, 'public.results.title', { reference: view.reference }), [], [view.reference])}
    >
      <DemoNotice locale={locale} isDemo={view.isDemo} />
      <EnteredAfterwardsNotice locale={locale} on={view.enteredAfterwardsOn} />
      {view.provisional && <p class="warning">{t(locale, 'public.results.provisional')}</p>}
      <Content as="p" class="lead" of={view.subject} />
      <ContentNotice locale={locale} notice={view.contentNotice} />
      <dl class="summary-list">
        <dt>{t(locale, 'public.consultation.status')}</dt>
        <dd>{view.stateLabel}</dd>
        <dt>{t(locale, 'public.results.closedAt')}</dt>
        <dd>
          <Instant locale={locale} at={view.closedAt} />
        </dd>
        {view.provisional && (
          <>
            <dt>{t(locale, 'public.results.computedAt')}</dt>
            <dd>
              <Instant locale={locale} at={view.computedAt} />
            </dd>
          </>
        )}
        <dt>{t(locale, 'public.consultation.meeting')}</dt>
        <dd>
          <IsolateWithin text={view.meeting} values={[view.meetingPlace]} />
        </dd>
        {view.notice !== null && (
          <>
            <dt>{t(locale, 'public.results.notice')}</dt>
            <dd>{view.notice}</dd>
          </>
        )}
      </dl>
      <p>{t(locale, 'public.results.intro')}</p>
      <p>
        <a href={page.href(consultationPath(view.id))}>{t(locale, 'public.results.back')}</a>
      </p>
      <Overview locale={locale} texts={view.texts} shareLabels={view.shareLabels} hasMeeting={view.hasMeeting} />
      {view.texts.map((text) => (
        <TextResult locale={locale} meeting={view.meeting} text={text} />
      ))}
      <StatesSection locale={locale} states={view.states} />
    </Layout>
  );
}
