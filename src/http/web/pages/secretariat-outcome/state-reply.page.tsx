import type { ComponentChildren } from 'preact';
import { t, type MessageId } from '../../../../i18n/i18n.js';
import { Isolate, isolateText, Ltr } from '../../components/bidi.js';
import { Content } from '../../components/content.js';
import { CommentRows } from '../../components/comment-rows.js';
import { Layout, type PageContext } from '../../components/layout.js';
import { documentPagePath } from '../../documents.routes.js';
import type {
  PositionField,
  StateReplyVersionView,
  StateReplyView,
  VersionPositionView,
} from '../../presenters/state-reply.presenter.js';
import type { ReminderSent } from '../../../../services/remind-state.js';
import { CsrfField, Notice } from '../../components/form.js';
import { channelLabel, ConsultationHead, Instant, outcomePath } from './outcome-parts.js';

/** The State's reminders: "remind now" while replies are open, and every reminder sent. */
export interface RemindersView {
  readonly history: readonly ReminderSent[];
  /** The form, while the consultation takes replies. */
  readonly canRemind: boolean;
  readonly csrfToken: string;
  readonly notice: string | null;
}

const REMINDER_STATUS: Readonly<Record<ReminderSent['state'], MessageId>> = {
  sent: 'outcome.remind.status.sent',
  pending: 'outcome.remind.status.pending',
  failed: 'outcome.remind.status.failed',
  skipped: 'outcome.remind.status.skipped',
};

function Reminders({ page, view, reminders }: { page: PageContext; view: StateReplyView; reminders: RemindersView }) {
  const { locale } = page;
  const state = view.name;
  return (
    <section aria-labelledby="reminders-title" id="reminders">
      <h2 id="reminders-title">{t(locale, 'outcome.remind.title')}</h2>
      {reminders.canRemind && (
        <form
          method="post"
          action={page.href(`${outcomePath(view.head.id, 'replies')}/${view.code}/remind`)}
          class="sec-actions remind-form"
        >
          <CsrfField token={reminders.csrfToken} />
          <p class="hint" id="remind-hint">
            {t(locale, 'outcome.remind.hint', { state })}
          </p>
          <button type="submit" class="button button-secondary" aria-describedby="remind-hint">
            {t(locale, 'outcome.remind.submit', { state })}
          </button>
        </form>
      )}
      {reminders.history.length === 0 ? (
        <p id="reminders-none">{t(locale, 'outcome.remind.none', { state })}</p>
      ) : (
        <div class="sec-table-wrap">
          <table class="table" id="reminders-list">
            <caption class="visually-hidden">{t(locale, 'outcome.remind.caption', { state })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(locale, 'outcome.remind.when')}</th>
                <th scope="col">{t(locale, 'outcome.remind.kind')}</th>
                <th scope="col">{t(locale, 'outcome.remind.to')}</th>
                <th scope="col">{t(locale, 'outcome.remind.status')}</th>
              </tr>
            </thead>
            <tbody>
              {reminders.history.map((r) => (
                <tr>
                  <td>
                    <Instant locale={locale} at={r.at} />
                  </td>
                  <td>
                    {r.byHand
                      ? t(locale, 'outcome.remind.byHand')
                      : t(locale, 'outcome.remind.scheduled', { days: r.daysBefore })}
                  </td>
                  <td>{r.to === null ? '—' : <Ltr as="span">{r.to}</Ltr>}</td>
                  <td>{t(locale, REMINDER_STATUS[r.state])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A file a reply cites, opened from the secretariat's file route. */
function FileLink({ page, file }: { page: PageContext; file: { filename: string; sha256: string } }) {
  return (
    <a href={page.href(`/secretariat/files/${file.sha256}`)}>
      <Isolate>{file.filename}</Isolate>
    </a>
  );
}

/** The words of one position field, marked when they changed from the version before. */
function Field({
  page,
  label,
  field,
  changed,
  children,
}: {
  page: PageContext;
  label: string;
  field: PositionField;
  changed: readonly PositionField[];
  children: ComponentChildren;
}) {
  return (
    <>
      <dt>
        {label}
        {changed.includes(field) && (
          <>
            {' '}
            <span class="tag outcome-tag-warn">{t(page.locale, 'outcome.state.changedTag')}</span>
          </>
        )}
      </dt>
      <dd class="reply-typed" dir="auto">
        {children}
      </dd>
    </>
  );
}

function Position({ page, p, headingId }: { page: PageContext; p: VersionPositionView; headingId: string }) {
  const { locale } = page;
  return (
    <section class="comment-entry" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Ltr>{p.designation}</Ltr>: <Content of={p.title} />
      </h3>
      <dl class="summary-list">
        <Field page={page} label={t(locale, 'outcome.comments.position')} field="position" changed={p.changed}>
          {p.position ?? t(locale, 'outcome.position.none')}
        </Field>
        {(p.comments !== null || p.changed.includes('comments')) && (
          <Field page={page} label={t(locale, 'outcome.comments.comments')} field="comments" changed={p.changed}>
            {p.comments ?? '—'}
          </Field>
        )}
        {(p.reasons !== null || p.changed.includes('reasons')) && (
          <Field page={page} label={t(locale, 'outcome.comments.reasons')} field="reasons" changed={p.changed}>
            {p.reasons ?? '—'}
          </Field>
        )}
        {(p.possibleChanges !== null || p.changed.includes('possibleChanges')) && (
          <Field
            page={page}
            label={t(locale, 'outcome.comments.possibleChanges')}
            field="possibleChanges"
            changed={p.changed}
          >
            {p.possibleChanges ?? '—'}
          </Field>
        )}
        {(p.commentTable.length > 0 || p.changed.includes('commentTable')) && (
          <Field page={page} label={t(locale, 'reply.review.table')} field="commentTable" changed={p.changed}>
            {p.commentTable.length === 0 ? '—' : <CommentRows locale={locale} rows={p.commentTable} />}
          </Field>
        )}
        {(p.file !== null || p.changed.includes('attachment')) && (
          <Field page={page} label={t(locale, 'outcome.comments.attachment')} field="attachment" changed={p.changed}>
            {p.file === null ? '—' : <FileLink page={page} file={p.file} />}
          </Field>
        )}
      </dl>
    </section>
  );
}

function Version({ page, view, v }: { page: PageContext; view: StateReplyView; v: StateReplyVersionView }) {
  const { locale } = page;
  const id = `version-${v.version}`;
  const documentHref = (kind: 'reply' | 'receipt', format: 'pdf' | 'docx') =>
    page.href(documentPagePath(kind, view.head.id, { format, memberState: view.code, version: v.version }));
  return (
    <section class="comment-text" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {t(locale, 'outcome.state.version', { version: v.version })}{' '}
        <span class="outcome-tags">
          {v.counts && <span class="tag">{t(locale, 'outcome.state.counts')}</span>}
          {v.status === 'withdrawn' && (
            <span class="tag outcome-tag-neutral">{t(locale, 'outcome.replies.withdrawn')}</span>
          )}
          {v.flags.map((flag) => (
            <span class="tag outcome-tag-warn">{t(locale, `outcome.flag.${flag}` as MessageId)}</span>
          ))}
          {v.simulated && <span class="tag outcome-tag-neutral">{t(locale, 'outcome.replies.simulated')}</span>}
        </span>
      </h2>
      {v.comparedWith !== null && (
        <p class="comment-meta">
          {v.changedTexts.length === 0
            ? t(locale, 'outcome.state.unchanged', { version: v.comparedWith })
            : // The designations joined as the language joins a list, each isolated in a right-to-left page.
              isolateText(
                t(locale, 'outcome.state.changed', {
                  version: v.comparedWith,
                  texts: new Intl.ListFormat(locale, { type: 'conjunction' }).format(v.changedTexts),
                }),
                v.changedTexts,
              )}
        </p>
      )}
      <dl class="summary-list">
        <dt>{t(locale, 'outcome.state.received')}</dt>
        <dd>
          <Instant locale={locale} at={v.receivedAt} />, {channelLabel(locale, v.channel)}
        </dd>
        <dt>{t(locale, 'outcome.state.enteredBy')}</dt>
        <dd>
          {'name' in v.enteredBy ? (
            <Isolate>{v.enteredBy.name}</Isolate>
          ) : (
            // An id the pages cannot name (a program, the command line), as the audit trail records it.
            <code class="sec-audit-code">{v.enteredBy.id}</code>
          )}
        </dd>
        <dt>{t(locale, 'outcome.state.signatory')}</dt>
        <dd>
          <Isolate>{v.signatoryName}</Isolate>, <Isolate>{v.signatoryTitle}</Isolate>
          {v.signedAt !== '' && (
            <>
              {' '}
              (<Isolate>{v.signedAt}</Isolate>)
            </>
          )}
        </dd>
        {v.originalFile !== null && (
          <>
            <dt>{t(locale, 'outcome.comments.originalFile')}</dt>
            <dd>
              <FileLink page={page} file={v.originalFile} />
            </dd>
          </>
        )}
        <dt>{t(locale, 'outcome.state.documents')}</dt>
        <dd>
          {t(locale, 'outcome.state.replyForm')}: <a href={documentHref('reply', 'pdf')}>PDF</a> ·{' '}
          <a href={documentHref('reply', 'docx')}>DOCX</a>
          <br />
          {t(locale, 'outcome.state.receipt')}: <a href={documentHref('receipt', 'pdf')}>PDF</a> ·{' '}
          <a href={documentHref('receipt', 'docx')}>DOCX</a>
        </dd>
        <dt>{t(locale, 'outcome.state.hash')}</dt>
        <dd>
          <Ltr as="span" class="outcome-code">
            {v.contentHash}
          </Ltr>
        </dd>
      </dl>
      {v.status === 'submitted' &&
        v.positions.map((p) => <Position page={page} p={p} headingId={`${id}-${p.textId}`} />)}
    </section>
  );
}

/**
 * One State's reply as the secretariat reads it: every version, newest first, with its positions
 * and words, its files, who entered it and how it arrived, its documents, and what changed from the
 * version before (each changed field marked).
 */
export function StateReplyPage({
  page,
  view,
  reminders,
}: {
  page: PageContext;
  view: StateReplyView;
  reminders?: RemindersView;
}) {
  const { locale } = page;
  const title = t(locale, 'outcome.state.title', { state: view.name, reference: view.head.reference });
  const versions = view.versions;
  return (
    <Layout page={page} title={isolateText(title, [view.head.reference])}>
      <Notice message={reminders?.notice ?? null} />
      <ConsultationHead page={page} head={view.head} current="replies" />
      <p>
        <a href={page.href(outcomePath(view.head.id, 'replies'))}>{t(locale, 'outcome.state.back')}</a>
      </p>
      {versions.length === 0 ? (
        <p id="state-none">{t(locale, 'outcome.state.none', { state: view.name })}</p>
      ) : (
        <p id="state-summary">
          {view.countedVersion === null
            ? t(locale, 'outcome.replies.countedNone')
            : t(locale, 'outcome.replies.countedVersion', { version: view.countedVersion })}{' '}
          {t(locale, 'outcome.state.versions', { count: versions.length })}
        </p>
      )}
      {versions.map((v) => (
        <Version page={page} view={view} v={v} />
      ))}
      {reminders && <Reminders page={page} view={view} reminders={reminders} />}
    </Layout>
  );
}
