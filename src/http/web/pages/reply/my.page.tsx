import { t, type Locale } from '../../../../i18n/i18n.js';
import { Notice } from '../../components/form.js';
import { Isolate, LtrWithin } from '../../components/bidi.js';
import { Content, ContentNotice, richMessage } from '../../components/content.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type { MyStateView, OwedRowView } from '../../presenters/reply.presenter.js';
import {
  Countdown,
  DeadlineTime,
  DemoNotice,
  PositionList,
  replyPaths,
  replyStatusText,
  UtcTime,
} from './reply-parts.js';

/**
 * "What my State owes": the consultations open for replies with the texts the State has not
 * answered, the time left, the state of its reply and draft, and where to go; then the closed
 * ones with the reply that counted.
 */
export function MyStatePage({ page, view }: { page: PageContext; view: MyStateView }) {
  const { locale } = page;
  return (
    <Layout page={page} title={t(locale, 'reply.my.title', { state: view.stateName })}>
      <Notice message={view.notice} />
      <p>{t(locale, 'reply.my.intro')}</p>
      <ContentNotice locale={locale} notice={view.contentNotice} />

      <section aria-labelledby="open-title">
        <h2 id="open-title">{t(locale, 'reply.my.open.title')}</h2>
        {view.open.length === 0 ? (
          <p>{t(locale, 'reply.my.open.none')}</p>
        ) : (
          view.open.map((row) => <OpenRow page={page} row={row} />)
        )}
      </section>

      <section aria-labelledby="closed-title">
        <h2 id="closed-title">{t(locale, 'reply.my.closed.title')}</h2>
        {view.closed.length === 0 ? (
          <p>{t(locale, 'reply.my.closed.none')}</p>
        ) : (
          view.closed.map((row) => <ClosedRow page={page} row={row} />)
        )}
      </section>
    </Layout>
  );
}

function RowHeading({ locale, row }: { locale: Locale; row: OwedRowView }) {
  return (
    <>
      <h3 id={`consultation-${row.consultation.id}`}>
        <Isolate>{row.consultation.reference}</Isolate>
        <Content class="reply-card-subject" of={row.consultation.subject} />
      </h3>
      <DemoNotice locale={locale} isDemo={row.consultation.isDemo} />
    </>
  );
}

function OpenRow({ page, row }: { page: PageContext; row: OwedRowView }) {
  const { locale } = page;
  const paths = replyPaths(row.consultation.id);
  const started = row.reply.kind === 'submitted';
  return (
    <article class="reply-card" aria-labelledby={`consultation-${row.consultation.id}`}>
      <RowHeading locale={locale} row={row} />
      <dl class="summary-list">
        <dt>{t(locale, 'reply.summary.deadline')}</dt>
        <dd>
          <DeadlineTime locale={locale} deadline={row.consultation} />
        </dd>
        <dt>{t(locale, 'reply.summary.timeLeft')}</dt>
        <dd>
          <Countdown locale={locale} deadlineAt={row.consultation.deadlineAt} text={row.timeLeft} />
        </dd>
        <dt>{t(locale, 'reply.summary.reply')}</dt>
        <dd>
          {replyStatusText(locale, row.reply)}
          {row.reply.at !== null && (
            <> {richMessage(locale, 'reply.my.at', { time: <UtcTime locale={locale} at={row.reply.at} /> })}</>
          )}
        </dd>
        <dt>{t(locale, 'reply.summary.draft')}</dt>
        <dd>
          {row.draft
            ? richMessage(locale, 'reply.my.draftSaved', { time: <UtcTime locale={locale} at={row.draft.at} /> })
            : t(locale, 'reply.summary.noDraft')}
        </dd>
        <dt>{t(locale, 'reply.my.unanswered')}</dt>
        <dd>
          {row.unanswered.length === 0 ? (
            t(locale, 'reply.my.allAnswered', { count: row.textCount })
          ) : (
            <>
              {t(locale, 'reply.my.unansweredCount', { count: row.unanswered.length, total: row.textCount })}
              <ul class="reply-unanswered">
                {row.unanswered.map((heading) => (
                  <li>
                    <LtrWithin text={heading.text} ltr={heading.ltr} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </dd>
      </dl>
      {row.eligible && row.notYetOpen !== null ? (
        <p>
          {row.notYetOpen.from === null
            ? t(locale, 'reply.my.notYetOpenEvent')
            : richMessage(locale, 'reply.my.notYetOpen', {
                time: <UtcTime locale={locale} at={row.notYetOpen.from} />,
              })}
        </p>
      ) : row.eligible ? (
        <p class="reply-links">
          <a class="button" href={page.href(paths.form)}>
            <LtrWithin
              text={t(locale, row.draft ? 'reply.my.continueDraft' : started ? 'reply.my.amend' : 'reply.my.reply', {
                reference: row.consultation.reference,
              })}
              ltr={[]}
              auto={[row.consultation.reference]}
            />
          </a>
          {row.reply.version !== null && (
            <>
              <a href={page.href(paths.receipt(row.reply.version))}>
                {t(locale, 'reply.my.receipt', { version: row.reply.version })}
              </a>
              <a href={page.href(paths.history)}>{t(locale, 'reply.my.history')}</a>
            </>
          )}
        </p>
      ) : (
        <p>{t(locale, 'reply.my.notConsulted', { reason: row.ineligibleReason ?? '' })}</p>
      )}
    </article>
  );
}

function ClosedRow({ page, row }: { page: PageContext; row: OwedRowView }) {
  const { locale } = page;
  const paths = replyPaths(row.consultation.id);
  return (
    <article class="reply-card" aria-labelledby={`consultation-${row.consultation.id}`}>
      <RowHeading locale={locale} row={row} />
      <p>
        {richMessage(locale, 'reply.my.closedOn', {
          deadline: <DeadlineTime locale={locale} deadline={row.consultation} />,
        })}
      </p>
      {row.counted ? (
        <>
          <p>
            {richMessage(locale, 'reply.my.counted', {
              version: String(row.counted.version),
              time: <UtcTime locale={locale} at={row.counted.receivedAt} />,
            })}
          </p>
          <details>
            <summary>
              <LtrWithin
                text={t(locale, 'reply.my.countedPositions', { reference: row.consultation.reference })}
                ltr={[]}
                auto={[row.consultation.reference]}
              />
            </summary>
            <PositionList locale={locale} positions={row.counted.positions} headingLevel={4} />
          </details>
        </>
      ) : (
        <p>{t(locale, 'reply.my.nothingCounted')}</p>
      )}
      {row.reply.version !== null && (
        <p class="reply-links">
          {row.counted && (
            <a href={page.href(paths.receipt(row.counted.version))}>
              {t(locale, 'reply.my.receipt', { version: row.counted.version })}
            </a>
          )}
          <a href={page.href(paths.history)}>{t(locale, 'reply.my.history')}</a>
        </p>
      )}
    </article>
  );
}
