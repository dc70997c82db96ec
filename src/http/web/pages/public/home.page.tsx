import { t, type Locale } from '../../../../i18n/i18n.js';
import { Isolate, Ltr, LtrWithin } from '../../components/bidi.js';
import { Content, ContentNotice } from '../../components/content.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type { ConsultationRow, HomeView } from '../../presenters/public.presenter.js';
import { consultationPath, Countdown, Instant, StatusTag } from './public-parts.js';

/** One consultation in a list: its reference as the link, the subject, and where it stands. */
function ConsultationItem({ page, row }: { page: PageContext; row: ConsultationRow }) {
  const { locale } = page;
  return (
    <li class="consultation-item">
      <h3>
        <a href={page.href(consultationPath(row.id))}>
          <Isolate>{row.reference}</Isolate>
        </a>
        {row.isDemo && <span class="demo-tag">{t(locale, 'public.demo')}</span>}
      </h3>
      <Content as="p" class="consultation-subject" of={row.subject} />
      <dl class="summary-list">
        <dt>{t(locale, 'public.row.status')}</dt>
        <dd>
          <StatusTag label={row.stateLabel} kind={row.state} />
        </dd>
        <dt>{t(locale, 'public.row.studyGroup')}</dt>
        <dd>
          <Ltr>{row.studyGroup}</Ltr>
        </dd>
        <dt>{t(locale, 'public.row.date')}</dt>
        <dd>{row.date}</dd>
        <dt>{t(locale, 'public.row.deadline')}</dt>
        <dd>
          <Instant locale={locale} at={row.deadline} />
        </dd>
        {row.timeLeft !== null && (
          <>
            <dt>{t(locale, 'public.row.timeLeft')}</dt>
            <dd>
              <Countdown locale={locale} deadline={row.deadline} text={row.timeLeft} />
            </dd>
          </>
        )}
      </dl>
      {row.state !== 'open' && row.state !== 'draft' && (
        <p>
          <a href={page.href(consultationPath(row.id, '/results'))}>
            <LtrWithin
              text={t(locale, 'public.row.results', { reference: row.reference })}
              ltr={[]}
              auto={[row.reference]}
            />
          </a>
        </p>
      )}
    </li>
  );
}

function ConsultationList({
  page,
  id,
  title,
  rows,
  none,
  hint,
}: {
  page: PageContext;
  id: string;
  title: string;
  rows: readonly ConsultationRow[];
  none: string;
  hint?: string;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {hint && <p class="hint">{hint}</p>}
      {rows.length === 0 ? (
        <p>{none}</p>
      ) : (
        <ul class="consultation-list">
          {rows.map((row) => (
            <ConsultationItem page={page} row={row} />
          ))}
        </ul>
      )}
    </section>
  );
}

function HowItWorks({ locale, steps }: { locale: Locale; steps: readonly string[] }) {
  return (
    <section aria-labelledby="how-title">
      <h2 id="how-title">{t(locale, 'public.home.how.title')}</h2>
      <ol class="procedure-steps">
        {steps.map((step) => (
          <li>{step}</li>
        ))}
      </ol>
    </section>
  );
}

/**
 * The home page: what Assent is, the open consultations with their deadline and time left, the
 * closed ones with their results, drafts for the secretariat, and the procedure in plain words.
 */
export function HomePage({ page, view }: { page: PageContext; view: HomeView }) {
  const { locale } = page;
  return (
    <Layout
      page={page}
      title={t(locale, 'public.home.title')}
      feeds={[{ href: feedHref(locale), title: t(locale, 'public.home.follow.feed') }]}
    >
      <p class="lead">{view.intro}</p>
      <ContentNotice locale={locale} notice={view.contentNotice} />
      <ConsultationList
        page={page}
        id="open-title"
        title={t(locale, 'public.home.open.title')}
        rows={view.open}
        none={t(locale, 'public.home.open.none')}
      />
      <ConsultationList
        page={page}
        id="closed-title"
        title={t(locale, 'public.home.closed.title')}
        rows={view.closed}
        none={t(locale, 'public.home.closed.none')}
      />
      <p>
        <a href={page.href('/approved')}>{t(locale, 'public.home.approved.link')}</a>
      </p>
      <p id="follow">
        {t(locale, 'public.home.follow')}{' '}
        <a href={`/api/v1/consultations/calendar.ics?lang=${locale}`} type="text/calendar">
          {t(locale, 'public.home.follow.calendar')}
        </a>
        {' · '}
        <a href={feedHref(locale)} type="application/atom+xml">
          {t(locale, 'public.home.follow.feed')}
        </a>
      </p>
      {view.drafts !== null && view.drafts.length > 0 && (
        <ConsultationList
          page={page}
          id="drafts-title"
          title={t(locale, 'public.home.drafts.title')}
          rows={view.drafts}
          none=""
          hint={t(locale, 'public.home.drafts.hint')}
        />
      )}
      <HowItWorks locale={locale} steps={view.steps} />
    </Layout>
  );
}

/** The Atom feed of the circulars issued, in the page's language. */
function feedHref(locale: string): string {
  return `/api/v1/consultations/feed.atom?lang=${locale}`;
}
