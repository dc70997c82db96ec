import type { StatedDeadline } from '../../../../domain/consultation/deadline.js';
import { formatDeadline, formatUtc, isoInstant, t, type Locale } from '../../../../i18n/i18n.js';
import { Isolate, LtrWithin } from '../../components/bidi.js';
import { CommentRows } from '../../components/comment-rows.js';
import { Content, ContentNotice, richMessage } from '../../components/content.js';
import type { PageContext } from '../../components/layout.js';
import type { PositionView, ReplyStatusView, ReviewView, WorkspaceView } from '../../presenters/reply.presenter.js';

/** Pieces shared by the focal point's reply pages. */

/** The paths of one consultation's reply pages. */
export function replyPaths(consultationId: string) {
  const base = `/my/consultations/${encodeURIComponent(consultationId)}/reply`;
  return {
    form: base,
    review: `${base}/review`,
    submit: `${base}/submit`,
    withdraw: `${base}/withdraw`,
    discard: `${base}/draft/discard`,
    history: `${base}/history`,
    receipt: (version: number) => `${base}/receipt/${version}`,
    signedReceipt: (version: number) => `${base}/receipt/${version}/signed`,
  };
}

/** An instant in UTC; the script adds the reader's own time beside it. */
export function UtcTime({ locale, at }: { locale: Locale; at: number }) {
  return (
    <time datetime={isoInstant(at)} data-local data-local-label={t(locale, 'reply.time.localLabel')}>
      {formatUtc(locale, at)}
    </time>
  );
}

/** The deadline as the circular words it ("2359 hours UTC on …", or "2400 hours UTC on …"); the script adds the reader's own time. */
export function DeadlineTime({ locale, deadline }: { locale: Locale; deadline: StatedDeadline }) {
  return (
    <time datetime={isoInstant(deadline.deadlineAt)} data-local data-local-label={t(locale, 'reply.time.localLabel')}>
      {formatDeadline(locale, deadline)}
    </time>
  );
}

/** The time left until the deadline, as the server counts it; the script keeps it current. */
export function Countdown({ locale, deadlineAt, text }: { locale: Locale; deadlineAt: number; text: string | null }) {
  return (
    <span data-countdown={isoInstant(deadlineAt)} data-countdown-over={t(locale, 'reply.timeLeft.over')}>
      {text ?? t(locale, 'reply.timeLeft.over')}
    </span>
  );
}

/** The state of the State's reply in words ("Submitted: version 2", "Withdrawn (version 3)", "No reply yet"). */
export function replyStatusText(locale: Locale, status: ReplyStatusView): string {
  if (status.kind === 'submitted') return t(locale, 'reply.status.submitted', { version: status.version ?? 0 });
  if (status.kind === 'withdrawn') return t(locale, 'reply.status.withdrawn', { version: status.version ?? 0 });
  return t(locale, 'reply.status.none');
}

/** "Demonstration data" where it applies. */
export function DemoNotice({ locale, isDemo }: { locale: Locale; isDemo: boolean }) {
  if (!isDemo) return null;
  return <p class="warning">{t(locale, 'reply.demo')}</p>;
}

/** Consultation, State, deadline, time left and the state of the reply and its draft. */
export function WorkspaceSummary({
  page,
  view,
  showDraft = true,
}: {
  page: PageContext;
  view: WorkspaceView;
  showDraft?: boolean;
}) {
  const { locale } = page;
  const c = view.consultation;
  return (
    <>
      <DemoNotice locale={locale} isDemo={c.isDemo} />
      <ContentNotice locale={locale} notice={view.contentNotice} />
      <dl class="summary-list reply-summary">
        <dt>{t(locale, 'reply.summary.consultation')}</dt>
        <dd>
          <a href={page.href(`/consultations/${encodeURIComponent(c.id)}`)}>
            <Isolate>{c.reference}</Isolate>
          </a>
          : <Content of={c.subject} />
        </dd>
        <dt>{t(locale, 'reply.summary.memberState')}</dt>
        <dd>{view.stateName}</dd>
        <dt>{t(locale, 'reply.summary.deadline')}</dt>
        <dd>
          <DeadlineTime locale={locale} deadline={c} />
        </dd>
        <dt>{t(locale, 'reply.summary.timeLeft')}</dt>
        <dd>
          <Countdown locale={locale} deadlineAt={c.deadlineAt} text={view.timeLeft} />
        </dd>
        <dt>{t(locale, 'reply.summary.reply')}</dt>
        <dd>
          {replyStatusText(locale, view.reply)}
          {view.reply.at !== null && (
            <>
              {' '}
              {richMessage(locale, 'reply.summary.replyAt', {
                by: view.replyBy ?? '',
                time: <UtcTime locale={locale} at={view.reply.at} />,
              })}
            </>
          )}
          {view.reply.kind !== 'none' && (
            <>
              {' '}
              <a id="history-link" href={page.href(replyPaths(c.id).history)}>
                {t(locale, 'reply.summary.history')}
              </a>
            </>
          )}
        </dd>
        {showDraft && (
          <>
            <dt>{t(locale, 'reply.summary.draft')}</dt>
            <dd>
              {view.draft
                ? richMessage(locale, 'reply.summary.draftSaved', {
                    by: view.draft.by,
                    time: <UtcTime locale={locale} at={view.draft.at} />,
                  })
                : t(locale, 'reply.summary.noDraft')}
            </dd>
          </>
        )}
      </dl>
      {showDraft && view.draftOutdated && (
        <p class="warning" id="draft-outdated">
          {richMessage(locale, 'reply.draft.outdated', {
            version: String(view.draftOutdated.version),
            by: view.draftOutdated.by,
            time: <UtcTime locale={locale} at={view.draftOutdated.at} />,
          })}
        </p>
      )}
    </>
  );
}

/** The positions of a reply, text by text, as they were (or will be) sent. */
export function PositionList({
  locale,
  positions,
  headingLevel = 3,
  dropped = {},
}: {
  locale: Locale;
  positions: readonly PositionView[];
  headingLevel?: 2 | 3 | 4;
  /** On the review: by text, the earlier position that a text left without one stops counting. */
  dropped?: ReviewView['dropped'];
}) {
  const Heading = headingLevel === 2 ? 'h2' : headingLevel === 3 ? 'h3' : 'h4';
  return (
    <ol class="reply-positions">
      {positions.map((p) => (
        <li id={`position-${p.textId}`}>
          <Heading class="reply-position-heading">
            <LtrWithin text={p.heading} ltr={[p.designation, p.workItem]} />{' '}
            <Content class="reply-text-title" of={p.title} />
          </Heading>
          <dl class="summary-list">
            <dt>{t(locale, 'reply.review.position')}</dt>
            <dd>
              {p.position ?? t(locale, 'reply.review.noPosition')}
              {p.position === null && dropped[p.textId] !== undefined && (
                <strong class="reply-dropped"> {t(locale, 'reply.review.dropped', dropped[p.textId]!)}</strong>
              )}
            </dd>
            {p.comments !== null && (
              <>
                <dt>{t(locale, 'reply.review.comments')}</dt>
                <dd class="reply-typed">{p.comments}</dd>
              </>
            )}
            {p.reasons !== null && (
              <>
                <dt>{t(locale, 'reply.review.reasons')}</dt>
                <dd class="reply-typed">{p.reasons}</dd>
              </>
            )}
            {p.possibleChanges !== null && (
              <>
                <dt>{t(locale, 'reply.review.changes')}</dt>
                <dd class="reply-typed">{p.possibleChanges}</dd>
              </>
            )}
            {p.commentTable.length > 0 && (
              <>
                <dt>{t(locale, 'reply.review.table')}</dt>
                <dd>
                  <CommentRows locale={locale} rows={p.commentTable} />
                </dd>
              </>
            )}
            {p.file !== null && (
              <>
                <dt>{t(locale, 'reply.review.file')}</dt>
                <dd>
                  <Isolate>{p.file.filename}</Isolate>{' '}
                  <span class="reply-hash">
                    <LtrWithin
                      text={t(locale, 'reply.review.fileHash', { sha256: p.file.sha256 })}
                      ltr={[p.file.sha256]}
                    />
                  </span>
                </dd>
              </>
            )}
          </dl>
        </li>
      ))}
    </ol>
  );
}
