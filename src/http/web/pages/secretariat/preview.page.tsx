import { t } from '../../../../i18n/i18n.js';
import { CsrfField, ErrorSummary, type FormError } from '../../components/form.js';
import { isolateText, Ltr, LtrWithin } from '../../components/bidi.js';
import { Content, ContentNotice, languageName, noticeFields, richMessage } from '../../components/content.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type { PreviewMail } from '../../presenters/mail-preview.presenter.js';
import { formatDay, type ChecklistItem, type CircularView } from '../../presenters/secretariat.presenter.js';
import { CircularNav, Deadline, TimingNotes } from './sec-parts.js';

export interface PreviewView {
  readonly circular: CircularView;
  /** What stops issuing now (empty: it may be issued). */
  readonly blockers: readonly ChecklistItem[];
  /** Problems of a refused issue (CONSULTATION_INCOMPLETE, a stale preview). */
  readonly errors: readonly FormError[];
  readonly csrfToken: string;
  /**
   * The e-mails the circular will send, in the page's language (each recipient gets its own): at
   * issue, the request to the focal points and the copy to observers; later, a receipt and a
   * reminder (examples). None for a record entered afterwards (it sends nothing).
   */
  readonly mails: readonly PreviewMail[];
}

/** The heading of each e-mail but the reminder (whose heading says when it is sent). */
const MAIL_LABELS = {
  focal_point: 'sec.preview.mails.focalPoints',
  observer: 'sec.preview.mails.observers',
  receipt: 'sec.preview.mails.receipt',
} as const;

/**
 * The draft circular as Member States will read it once issued (the letter, the TSB notes and
 * Annex 1 with the texts' summaries and locations), what still blocks issuing, the timing
 * warnings, and the button that issues it.
 */
export function PreviewPage({ page, view }: { page: PageContext; view: PreviewView }) {
  const { locale } = page;
  const c = view.circular;
  const base = `/secretariat/consultations/${encodeURIComponent(c.id)}`;
  const warnings = c.timing.filter((check) => check.severity === 'warning');
  return (
    <Layout
      page={page}
      title={isolateText(t(locale, 'sec.preview.title', { reference: c.reference }), [c.reference])}
      hasErrors={view.errors.length > 0}
    >
      <CircularNav page={page} id={c.id} issued={false} current={`${base}/preview`} />
      <ErrorSummary locale={locale} errors={view.errors} />
      <ContentNotice locale={locale} notice={c.contentNotice} />

      <section aria-labelledby="checklist-title">
        <h2 id="checklist-title">{t(locale, 'sec.preview.checklist.title')}</h2>
        {view.blockers.length === 0 ? (
          <p class="sec-ready">
            <strong>{t(locale, 'sec.preview.checklist.ready')}</strong>
          </p>
        ) : (
          <>
            <p>{t(locale, 'sec.preview.checklist.blocked', { count: view.blockers.length })}</p>
            <ul class="sec-checklist">
              {view.blockers.map((item) => (
                <li>
                  <a href={page.href(item.href)}>{item.message}</a>
                </li>
              ))}
            </ul>
          </>
        )}
        {warnings.length > 0 && (
          <>
            <p>{t(locale, 'sec.preview.checklist.warnings')}</p>
            <TimingNotes locale={locale} id="timing" checks={warnings} />
          </>
        )}
      </section>

      <section aria-labelledby="languages-title">
        <h2 id="languages-title">{t(locale, 'sec.preview.languages.title')}</h2>
        <p>{t(locale, 'sec.preview.languages.intro', { language: languageName(locale, c.languageOfRecord) })}</p>
        <ul class="sec-languages" id="translation-status">
          {c.translationStatus.map(({ language, missing }) => (
            <li>
              {missing === null
                ? t(locale, 'sec.preview.languages.complete', { language: languageName(locale, language) })
                : richMessage(locale, 'sec.preview.languages.missing', {
                    language: languageName(locale, language),
                    fields: noticeFields(
                      locale,
                      missing.groups.flatMap((g) => g.items),
                    ),
                  })}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="letter-title">
        <h2 id="letter-title">{t(locale, 'sec.preview.letter.title')}</h2>
        <article class="sec-letter" aria-labelledby="letter-subject">
          {c.isDemo && <p class="warning">{t(locale, 'sec.demo.body')}</p>}
          <p>{t(locale, 'sec.preview.placeDate', { date: formatDay(locale, c.date) })}</p>
          <dl class="summary-list">
            <dt>{t(locale, 'sec.preview.ref')}</dt>
            <dd>
              <Ltr>{c.reference}</Ltr>
            </dd>
            <dt>{t(locale, 'sec.preview.to')}</dt>
            <dd>
              <ul class="sec-plain-list" lang={c.record.lang} dir={c.record.dir}>
                {c.addressees.map((a) => (
                  <li>{a}</li>
                ))}
              </ul>
            </dd>
            {c.copies.length > 0 && (
              <>
                <dt>{t(locale, 'sec.preview.copies')}</dt>
                <dd>
                  <ul class="sec-plain-list" lang={c.record.lang} dir={c.record.dir}>
                    {c.copies.map((a) => (
                      <li>{a}</li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
            <dt>{t(locale, 'sec.preview.subject')}</dt>
            <dd>
              <Content as="strong" id="letter-subject" of={c.subject} />
            </dd>
          </dl>
          <p>{t(locale, 'sec.preview.salutation')}</p>
          <ol class="sec-paragraphs">
            <li>
              <LtrWithin text={c.letter.purpose} ltr={[c.studyGroup]} auto={[c.edition, c.meetingPlace]} />
              {c.collectiveLetter !== null && (
                <>
                  {' '}
                  <LtrWithin
                    text={t(locale, 'sec.preview.p1.letter', { letter: c.collectiveLetter })}
                    ltr={[]}
                    auto={[c.collectiveLetter]}
                  />
                </>
              )}
            </li>
            <li>
              {t(locale, 'sec.preview.p2')}
              {c.notes.map((note) => (
                <p class="sec-note" lang={c.record.lang} dir={c.record.dir}>
                  {note}
                </p>
              ))}
            </li>
            <li>
              {c.letter.request} <strong>{<Deadline locale={locale} deadline={c} />}</strong>.
            </li>
            {c.letter.rule !== null && <li>{c.letter.rule}</li>}
          </ol>
          <p>{t(locale, 'sec.preview.closing')}</p>
          <p>
            {c.signatoryName}
            <br />
            {c.signatoryTitle}
          </p>

          <h3>{t(locale, 'sec.preview.annex1')}</h3>
          {c.texts.length === 0 ? (
            <p>{t(locale, 'sec.texts.none')}</p>
          ) : (
            c.texts.map((text) => (
              <div class="sec-annex-text">
                <h4>
                  <LtrWithin
                    text={t(locale, 'sec.preview.textHeading', {
                      order: text.order,
                      kind: text.kindLabel,
                      designation: text.designation,
                      workItem: text.workItem ?? '',
                      hasWorkItem: text.workItem === null ? 'no' : 'yes',
                      location: text.location,
                    })}
                    ltr={[text.designation, text.workItem, text.location]}
                  />
                </h4>
                <Content as="p" of={text.title} />
                {text.summary !== null && (
                  <>
                    <p>
                      <strong>{t(locale, 'sec.preview.summary')}</strong>
                    </p>
                    <div lang={text.summary.lang} dir={text.summary.dir}>
                      {text.summary.value.split(/\n\s*\n/).map((paragraph) => (
                        <p class="sec-summary">{paragraph}</p>
                      ))}
                    </div>
                  </>
                )}
                {text.a5Justification && <p>{t(locale, 'sec.preview.a5')}</p>}
                {text.iprStatements.length > 0 && (
                  <ul>
                    {text.iprStatements.map((s) => (
                      <li>{s}</li>
                    ))}
                  </ul>
                )}
              </div>
            ))
          )}
        </article>
      </section>

      {view.mails.length > 0 && (
        <section aria-labelledby="mails-title" id="mails">
          <h2 id="mails-title">{t(locale, 'sec.preview.mails.title')}</h2>
          <p>{t(locale, 'sec.preview.mails.intro')}</p>
          {view.mails.map((mail) => (
            <details class="sec-mail" id={`mail-${mail.kind}`}>
              <summary>
                {mail.kind === 'reminder'
                  ? t(locale, 'sec.preview.mails.reminder', { days: mail.days ?? 0 })
                  : t(locale, MAIL_LABELS[mail.kind])}
              </summary>
              <dl class="summary-list">
                <dt>{t(locale, 'sec.preview.mails.subject')}</dt>
                <dd dir="auto">{mail.subject}</dd>
              </dl>
              <pre class="sec-mail-text" dir="auto">
                {mail.text}
              </pre>
            </details>
          ))}
        </section>
      )}

      <section aria-labelledby="issue-title">
        <h2 id="issue-title">{t(locale, 'sec.issue.title')}</h2>
        <p id="issue-hint">{t(locale, c.enteredAfterwardsOn === null ? 'sec.issue.hint' : 'sec.issue.hint.record')}</p>
        <form
          method="post"
          action={page.href(`${base}/issue`)}
          data-confirm={isolateText(t(locale, 'sec.issue.confirm', { reference: c.reference }), [c.reference])}
        >
          <CsrfField token={view.csrfToken} />
          <input type="hidden" name="revision" value={String(c.revision)} />
          <button type="submit" class="button" aria-describedby="issue-hint">
            {t(locale, 'sec.issue.submit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
