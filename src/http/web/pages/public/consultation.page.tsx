import { t, type Locale } from '../../../../i18n/i18n.js';
import { PhaseSteps } from '../../components/phases.js';
import { Isolate, IsolateWithin, Ltr, LtrWithin } from '../../components/bidi.js';
import { Content, ContentNotice, richMessage } from '../../components/content.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type { ConsultationPageView, TextEntry } from '../../presenters/public.presenter.js';
import { documentPagePath } from '../../documents.routes.js';
import {
  consultationPath,
  Countdown,
  DemoNotice,
  EnteredAfterwardsNotice,
  Instant,
  StatusTag,
} from './public-parts.js';

/** What the reader may do next: reply (focal point), manage (secretariat), read the results. */
function Actions({ page, view }: { page: PageContext; view: ConsultationPageView }) {
  const { locale } = page;
  const { reply, replyFrom, manage, results } = view.actions;
  return (
    <section aria-labelledby="actions-title" class="consultation-actions">
      <h2 id="actions-title">{t(locale, 'public.consultation.actions.title')}</h2>
      {reply === 'open' && (
        <p>
          <a class="button" href={page.href(`/my${consultationPath(view.id, '/reply')}`)}>
            {t(locale, 'public.consultation.reply')}
          </a>
        </p>
      )}
      {reply === 'sign_in' && (
        <p>
          <a href={page.href('/login')}>{t(locale, 'public.consultation.signIn')}</a>
        </p>
      )}
      {reply === 'upcoming' && replyFrom !== null && (
        <p>
          {replyFrom.at === null
            ? t(locale, 'reply.notYet.bodyEvent', { clause: replyFrom.clause })
            : richMessage(locale, 'reply.notYet.body', {
                clause: replyFrom.clause,
                time: <Instant locale={locale} at={replyFrom.at} />,
              })}
        </p>
      )}
      {reply === 'closed' && <p>{t(locale, 'public.consultation.replyClosed')}</p>}
      {reply === 'not_consulted' && <p>{t(locale, 'public.consultation.notConsulted')}</p>}
      {results === null ? (
        <p>{t(locale, 'public.consultation.resultsLater')}</p>
      ) : (
        <p>
          <a href={page.href(consultationPath(view.id, '/results'))}>
            {t(locale, results === 'final' ? 'public.consultation.results' : 'public.consultation.provisional')}
          </a>
        </p>
      )}
      {manage && (
        <p>
          <a href={page.href(`/secretariat${consultationPath(view.id)}`)}>{t(locale, 'public.consultation.manage')}</a>
        </p>
      )}
      <h3 id="documents-title">{t(locale, 'public.documents.title')}</h3>
      <ul aria-labelledby="documents-title">
        <DocumentLinks page={page} kind="circular" id={view.id} label={t(locale, 'public.documents.circular')} />
        {results === 'final' && (
          <DocumentLinks
            page={page}
            kind="results-report"
            id={view.id}
            label={t(locale, 'public.documents.resultsReport')}
          />
        )}
        {results === 'final' && <ResultsTableLinks locale={locale} id={view.id} />}
        {view.state === 'notified' && (
          <DocumentLinks
            page={page}
            kind="results-notice"
            id={view.id}
            label={t(locale, 'public.documents.resultsNotice')}
          />
        )}
        <li>
          <a
            href={`/api/v1/consultations/${encodeURIComponent(view.id)}/calendar.ics?lang=${locale}`}
            type="text/calendar"
          >
            {t(locale, 'public.documents.calendar')}
          </a>
        </li>
      </ul>
    </section>
  );
}

/** A document of the consultation in both formats, in the page's language (documents.routes.ts). */
function DocumentLinks({
  page,
  kind,
  id,
  label,
}: {
  page: PageContext;
  kind: 'circular' | 'results-report' | 'results-notice';
  id: string;
  label: string;
}) {
  const { locale } = page;
  return (
    <li>
      {label}:{' '}
      <a href={page.href(documentPagePath(kind, id, { format: 'pdf' }))}>{t(locale, 'public.documents.pdf')}</a>
      {' · '}
      <a href={page.href(documentPagePath(kind, id, { format: 'docx' }))}>{t(locale, 'public.documents.docx')}</a>
    </li>
  );
}

/** The results as a file for spreadsheet software, from the API in the page's language (public once final). */
function ResultsTableLinks({ locale, id }: { locale: Locale; id: string }) {
  const href = (format: 'csv' | 'xlsx') =>
    `/api/v1/consultations/${encodeURIComponent(id)}/results?format=${format}&lang=${locale}`;
  return (
    <li>
      {t(locale, 'public.documents.resultsTable')}:{' '}
      <a href={href('csv')} type="text/csv" download>
        {t(locale, 'public.documents.csv')}
      </a>
      {' · '}
      <a href={href('xlsx')} type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" download>
        {t(locale, 'public.documents.xlsx')}
      </a>
    </li>
  );
}

/** One determined text, as Annex 1 of the circular gives it. */
function DeterminedText({ locale, text }: { locale: Locale; text: TextEntry }) {
  const headingId = `text-${text.id}`;
  return (
    <li class="determined-text">
      <h3 id={headingId}>
        <span class="text-number">{t(locale, 'public.text.number', { order: text.order })}</span>{' '}
        <LtrWithin text={text.heading} ltr={[text.designation, text.workItem]} />
      </h3>
      <Content as="p" class="text-title" of={text.title} />
      <dl class="summary-list">
        <dt>{t(locale, 'public.text.location')}</dt>
        <dd>
          {text.locationUrl === null ? (
            <LtrWithin
              text={t(locale, 'public.text.location.value', { location: text.location })}
              ltr={[text.location]}
            />
          ) : (
            <a href={text.locationUrl}>
              <LtrWithin
                text={t(locale, 'public.text.location.value', { location: text.location })}
                ltr={[text.location]}
              />
            </a>
          )}
        </dd>
        <dt>{t(locale, 'public.text.a5')}</dt>
        <dd>{t(locale, text.a5Justification ? 'public.text.a5.yes' : 'public.text.a5.no')}</dd>
        <dt>{t(locale, 'public.text.ipr')}</dt>
        <dd>
          {text.iprStatements.length === 0 ? (
            t(locale, 'public.text.ipr.none')
          ) : (
            <ul>
              {text.iprStatements.map((s) => (
                <li>
                  <Isolate>{s}</Isolate>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <h4>{t(locale, 'public.text.summary')}</h4>
      {text.summary.paragraphs.length === 0 ? (
        <p>{t(locale, 'public.text.noSummary')}</p>
      ) : (
        <div class="text-summary" lang={text.summary.lang} dir={text.summary.dir}>
          {text.summary.paragraphs.map((p) => (
            <p>{p}</p>
          ))}
        </div>
      )}
    </li>
  );
}

/**
 * The consultation page, mirroring the circular: the facts of the circular, the deadline in UTC
 * (and the reader's time, by script) with the time left, the procedure in plain words with its
 * clauses, the determined texts of Annex 1 and the TSB notes.
 */
export function ConsultationPage({ page, view }: { page: PageContext; view: ConsultationPageView }) {
  const { locale } = page;
  return (
    <Layout page={page} title={view.reference} description={view.subject.value}>
      <DemoNotice locale={locale} isDemo={view.isDemo} />
      <EnteredAfterwardsNotice locale={locale} on={view.enteredAfterwardsOn} />
      <Content as="p" class="lead" of={view.subject} />
      <ContentNotice locale={locale} notice={view.contentNotice} />
      <dl class="summary-list circular-facts">
        <dt>{t(locale, 'public.consultation.status')}</dt>
        <dd>
          <StatusTag label={view.stateLabel} kind={view.state} />
        </dd>
        {view.phases.now !== null && (
          <>
            <dt>{t(locale, 'public.consultation.phase')}</dt>
            <dd id="phase">{view.phases.now}</dd>
          </>
        )}
        <dt>{t(locale, 'public.consultation.reference')}</dt>
        <dd lang={view.referenceView.lang} dir={view.referenceView.dir}>
          <Isolate>{view.reference}</Isolate>
        </dd>
        <dt>{t(locale, 'public.consultation.date')}</dt>
        <dd>{view.date}</dd>
        <dt>{t(locale, 'public.consultation.studyGroup')}</dt>
        <dd>
          <Ltr>{view.studyGroup}</Ltr>
        </dd>
        <dt>{t(locale, 'public.consultation.meeting')}</dt>
        <dd>
          <IsolateWithin text={view.meeting} values={[view.meetingPlace]} />
        </dd>
        {view.agenda !== null && (
          <>
            <dt>{t(locale, 'public.consultation.agenda')}</dt>
            <dd lang={view.agenda.lang} dir={view.agenda.dir}>
              <Isolate>{view.agenda.value}</Isolate>
            </dd>
          </>
        )}
        <dt>{t(locale, 'public.consultation.deadline')}</dt>
        <dd id="deadline">
          <Instant locale={locale} at={view.deadline} />
        </dd>
        {view.timeLeft !== null && (
          <>
            <dt>{t(locale, 'public.consultation.timeLeft')}</dt>
            <dd>
              <Countdown locale={locale} deadline={view.deadline} text={view.timeLeft} />
            </dd>
          </>
        )}
        <dt>{t(locale, 'public.consultation.procedure')}</dt>
        <dd>
          <LtrWithin text={view.procedureName} ltr={[]} auto={view.cited} />
        </dd>
      </dl>

      <Actions page={page} view={view} />

      <section aria-labelledby="ask-title">
        <h2 id="ask-title">{t(locale, 'public.consultation.ask.title')}</h2>
        {view.ask.map((sentence) => (
          <p>
            <LtrWithin text={sentence} ltr={[]} auto={view.cited} />
          </p>
        ))}
      </section>

      <PhaseSteps locale={locale} phases={view.phases} />

      <section aria-labelledby="texts-title">
        <h2 id="texts-title">{t(locale, 'public.consultation.texts.title')}</h2>
        <p>{t(locale, 'public.consultation.texts.intro', { count: view.texts.length })}</p>
        <ol class="determined-texts">
          {view.texts.map((text) => (
            <DeterminedText locale={locale} text={text} />
          ))}
        </ol>
      </section>

      <section aria-labelledby="notes-title">
        <h2 id="notes-title">{t(locale, 'public.consultation.notes.title')}</h2>
        {view.notes.entries.length === 0 ? (
          <p>{t(locale, 'public.consultation.notes.none')}</p>
        ) : (
          view.notes.entries.map((note) => (
            <p class="tsb-note" lang={view.notes.lang} dir={view.notes.dir}>
              {note}
            </p>
          ))
        )}
      </section>

      <section aria-labelledby="circular-title">
        <h2 id="circular-title">{t(locale, 'public.consultation.details.label')}</h2>
        <dl class="summary-list">
          <dt>{t(locale, 'public.consultation.addressees')}</dt>
          <dd>
            <ul class="plain-list" lang={view.addressees.lang} dir={view.addressees.dir}>
              {view.addressees.entries.map((a) => (
                <li>{a}</li>
              ))}
            </ul>
          </dd>
          {view.copies.entries.length > 0 && (
            <>
              <dt>{t(locale, 'public.consultation.copies')}</dt>
              <dd>
                <ul class="plain-list" lang={view.copies.lang} dir={view.copies.dir}>
                  {view.copies.entries.map((c) => (
                    <li>{c}</li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          <dt>{t(locale, 'public.consultation.signatory')}</dt>
          <dd>{view.signatory}</dd>
        </dl>
      </section>
    </Layout>
  );
}
