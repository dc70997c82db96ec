import { t } from '../../../../i18n/i18n.js';
import { ErrorSummary, Notice, type FormError } from '../../components/form.js';
import { IsolateWithin, isolateText, Ltr } from '../../components/bidi.js';
import { Content, ContentNotice, richMessage } from '../../components/content.js';
import { Layout, type PageContext } from '../../components/layout.js';
import { PhaseSteps } from '../../components/phases.js';
import type { PhasesView } from '../../presenters/phases.presenter.js';
import { formatDay, type CircularView } from '../../presenters/secretariat.presenter.js';
import { CircularForm, TimingSummary, type CircularFormView } from './circular-form.js';
import { CircularNav, Deadline, Instant, TimingNotes } from './sec-parts.js';
import { TextsTable } from './texts-table.js';

export interface CircularPageView {
  readonly circular: CircularView;
  /** The procedure's phases with their days, and where the circular stands in them (none while a draft). */
  readonly phases: PhasesView;
  /** The edit form, while a draft. */
  readonly form: CircularFormView | null;
  /** Problems that are not a field's (an issued circular, a stale form). */
  readonly errors: readonly FormError[];
  /** True when the form was saved by someone else since it was opened. */
  readonly stale: boolean;
  readonly notice: string | null;
}

/**
 * One circular. A draft: its texts (Annex 1) and the form of every field, with the timing
 * warnings next to the dates. Once issued: what was issued, frozen, and links to its replies,
 * results, decisions and notice.
 */
export function CircularPage({ page, view }: { page: PageContext; view: CircularPageView }) {
  const { locale } = page;
  const c = view.circular;
  const draft = c.issuedAt === null;
  const base = `/secretariat/consultations/${encodeURIComponent(c.id)}`;
  const errors = [...view.errors, ...(view.form?.errors ?? [])];
  return (
    <Layout
      page={page}
      title={
        draft
          ? isolateText(t(locale, 'sec.circular.title.draft', { reference: c.reference }), [c.reference])
          : c.reference
      }
      hasErrors={errors.length > 0}
    >
      <CircularNav page={page} id={c.id} issued={!draft} current={base} />
      <Notice message={view.notice} />
      <ErrorSummary locale={locale} errors={errors} />
      <ContentNotice locale={locale} notice={c.contentNotice} />
      {view.stale && (
        <div class="warning">
          <p>
            {t(locale, 'sec.circular.stale.body')} <a href={page.href(base)}>{t(locale, 'sec.circular.stale.link')}</a>
          </p>
        </div>
      )}
      <p class="sec-status">
        <strong class="tag">{c.stateLabel}</strong>{' '}
        {draft
          ? t(locale, 'sec.circular.status.draft')
          : richMessage(locale, 'sec.circular.status.issued', { time: <Instant locale={locale} at={c.issuedAt!} /> })}
      </p>
      {c.isDemo && <p class="warning">{t(locale, 'sec.demo.body')}</p>}
      {c.enteredAfterwardsOn !== null && (
        <p class="entered-afterwards">
          <strong>{t(locale, 'sec.circular.enteredAfterwards', { date: c.enteredAfterwardsOn })}</strong>
        </p>
      )}

      {draft ? (
        <>
          <TimingSummary page={page} timing={view.form?.timing ?? c.timing} />
          <p>
            <a class="button" href={page.href(`${base}/preview`)}>
              {t(locale, 'sec.circular.previewAndIssue')}
            </a>
          </p>
          <section aria-labelledby="texts-title">
            <h2 id="texts-title">{t(locale, 'sec.texts.title')}</h2>
            <TextsTable page={page} consultationId={c.id} texts={c.texts} editable />
            <p>
              <a class="button button-secondary" href={page.href(`${base}/texts/new`)}>
                {t(locale, 'sec.texts.add')}
              </a>
            </p>
          </section>
          {view.form && (
            <section aria-labelledby="details-title">
              <h2 id="details-title">{t(locale, 'sec.circular.details')}</h2>
              <CircularForm page={page} view={view.form} action={base} submit={t(locale, 'sec.circular.save')} />
            </section>
          )}
        </>
      ) : (
        <>
          <section aria-labelledby="details-title">
            <h2 id="details-title">{t(locale, 'sec.circular.details')}</h2>
            <dl class="summary-list">
              <dt>{t(locale, 'sec.circular.reference.label')}</dt>
              <dd>
                <Ltr>{c.reference}</Ltr>
              </dd>
              <dt>{t(locale, 'sec.circular.date.label')}</dt>
              <dd>{formatDay(locale, c.date)}</dd>
              <dt>{t(locale, 'sec.circular.studyGroup.label')}</dt>
              <dd>
                <Ltr>{c.studyGroup}</Ltr>
              </dd>
              <dt>{t(locale, 'sec.circular.subject.label')}</dt>
              <Content as="dd" of={c.subject} />
              <dt>{t(locale, 'sec.circular.group.meeting')}</dt>
              <dd>
                <IsolateWithin
                  text={t(locale, 'sec.preview.meeting', {
                    place: c.meetingPlace,
                    first: formatDay(locale, c.meetingFirstDay),
                    last: formatDay(locale, c.meetingLastDay),
                  })}
                  values={[c.meetingPlace]}
                />
              </dd>
              {c.announcedOn !== null && (
                <>
                  <dt>{t(locale, 'sec.circular.summary.announcedOn')}</dt>
                  <dd>{formatDay(locale, c.announcedOn)}</dd>
                </>
              )}
              <dt>{t(locale, 'sec.circular.summary.deadline')}</dt>
              <dd>
                <Deadline locale={locale} deadline={c} />
              </dd>
              <dt>{t(locale, 'sec.circular.summary.repliesPublic')}</dt>
              <dd>{c.individualRepliesPublic ? t(locale, 'sec.yes') : t(locale, 'sec.no')}</dd>
              {c.eligibleStates !== null && (
                <>
                  <dt>{t(locale, 'sec.circular.summary.eligibleStates')}</dt>
                  <dd>
                    <Ltr>{c.eligibleStates.join(', ')}</Ltr>
                  </dd>
                </>
              )}
            </dl>
            <h3>{t(locale, 'sec.timing.title')}</h3>
            <TimingNotes locale={locale} id="timing" checks={c.timing} />
          </section>
          <PhaseSteps locale={locale} phases={view.phases} />
          <section aria-labelledby="texts-title">
            <h2 id="texts-title">{t(locale, 'sec.texts.title')}</h2>
            <TextsTable page={page} consultationId={c.id} texts={c.texts} editable={false} />
          </section>
        </>
      )}
    </Layout>
  );
}
