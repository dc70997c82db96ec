import { UN_REGIONS } from '../../../../domain/member-states/regions.js';
import { t } from '../../../../i18n/i18n.js';
import { Isolate, isolateText, Ltr } from '../../components/bidi.js';
import { Content } from '../../components/content.js';
import { CommentRows } from '../../components/comment-rows.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type { CitedFileView, CommentEntryView, CommentsView } from '../../presenters/comments.presenter.js';
import {
  ChannelFilter,
  channelLabel,
  ConsultationHead,
  FilterForm,
  FilterSelect,
  Instant,
  outcomePath,
} from './outcome-parts.js';

/** A file a reply cites, opened from the secretariat's file route. */
function FileLink({ page, file }: { page: PageContext; file: CitedFileView }) {
  return (
    <a href={page.href(`/secretariat/files/${file.sha256}`)}>
      <Isolate>{file.name}</Isolate>
    </a>
  );
}

/** What one State wrote on one text: its position, its words, its file, and where they came from. */
function Entry({
  page,
  entry,
  consultationId,
  textId,
}: {
  page: PageContext;
  entry: CommentEntryView;
  consultationId: string;
  textId: string;
}) {
  const { locale } = page;
  // Unique on the page: a State may write on several texts.
  const id = `${textId}-${entry.code}-v${entry.version}`;
  const field = (label: string, text: string | null) =>
    text === null ? null : (
      <>
        <dt>{label}</dt>
        <dd class="reply-typed" dir="auto">
          {text}
        </dd>
      </>
    );
  return (
    <article class="comment-entry" id={`comment-${id}`} aria-labelledby={`who-${id}`}>
      <h3 id={`who-${id}`}>
        <a href={`${page.href(outcomePath(consultationId, 'replies'))}/${entry.code}#version-${entry.version}`}>
          {entry.name}
        </a>{' '}
        <Ltr as="span" class="outcome-code">
          {entry.code}
        </Ltr>
      </h3>
      <p class="comment-meta">
        {t(locale, 'outcome.replies.version', { version: entry.version, channel: channelLabel(locale, entry.channel) })}
        {', '}
        <Instant locale={locale} at={entry.receivedAt} />
        <span class="outcome-tags">
          {entry.late && <span class="tag outcome-tag-warn">{t(locale, 'outcome.replies.late')}</span>}
          {!entry.counted && !entry.late && (
            <span class="tag outcome-tag-neutral">{t(locale, 'outcome.comments.notCounted')}</span>
          )}
        </span>
      </p>
      <dl class="summary-list">
        {field(t(locale, 'outcome.comments.position'), entry.position)}
        {field(t(locale, 'outcome.comments.comments'), entry.comments)}
        {field(t(locale, 'outcome.comments.reasons'), entry.reasons)}
        {field(t(locale, 'outcome.comments.possibleChanges'), entry.possibleChanges)}
        {entry.commentTable.length > 0 && (
          <>
            <dt>{t(locale, 'reply.review.table')}</dt>
            <dd>
              <CommentRows locale={locale} rows={entry.commentTable} />
            </dd>
          </>
        )}
        {entry.attachment !== null && (
          <>
            <dt>{t(locale, 'outcome.comments.attachment')}</dt>
            <dd>
              <FileLink page={page} file={entry.attachment} />
            </dd>
          </>
        )}
        {entry.originalFile !== null && (
          <>
            <dt>{t(locale, 'outcome.comments.originalFile')}</dt>
            <dd>
              <FileLink page={page} file={entry.originalFile} />
            </dd>
          </>
        )}
      </dl>
    </article>
  );
}

/**
 * The comments of a consultation, text by text: everything the States wrote (comments, reasons,
 * possible changes) and attached, by State name, with filters by text, position, State and channel,
 * printable as it is (the print stylesheet drops the header and the forms).
 */
export function CommentsPage({ page, view }: { page: PageContext; view: CommentsView }) {
  const { locale } = page;
  const { filters } = view;
  const action = page.href(outcomePath(view.head.id, 'comments'));
  return (
    <Layout
      page={page}
      title={isolateText(t(locale, 'outcome.comments.title', { reference: view.head.reference }), [
        view.head.reference,
      ])}
    >
      <ConsultationHead page={page} head={view.head} current="comments" />
      <p>{t(locale, 'outcome.comments.intro')}</p>

      <FilterForm locale={locale} action={action} filtered={view.filtered}>
        <FilterSelect
          locale={locale}
          name="text"
          label={t(locale, 'outcome.replies.filters.text')}
          anyLabel={t(locale, 'outcome.replies.filters.anyText')}
          options={view.options.texts.map((text) => ({ value: text.id, label: text.designation }))}
          selected={filters.text}
        />
        <FilterSelect
          locale={locale}
          name="position"
          label={t(locale, 'outcome.replies.filters.position')}
          options={view.options.positions.map((p) => ({ value: p.id, label: p.label }))}
          selected={filters.position}
        />
        <FilterSelect
          locale={locale}
          name="state"
          label={t(locale, 'outcome.comments.filters.state')}
          options={view.options.states.map((s) => ({ value: s.code, label: s.name }))}
          selected={filters.state}
        />
        <FilterSelect
          locale={locale}
          name="region"
          label={t(locale, 'outcome.comments.filters.region')}
          options={UN_REGIONS.map((region) => ({ value: region, label: t(locale, `region.${region}`) }))}
          selected={filters.region}
        />
        <ChannelFilter locale={locale} selected={filters.channel} />
      </FilterForm>

      <p id="comments-shown">{t(locale, 'outcome.comments.shown', { count: view.total })}</p>
      {view.texts.map(({ text, entries, silent }) => (
        <section aria-labelledby={`text-${text.id}`} class="comment-text" id={`comments-${text.id}`}>
          <h2 id={`text-${text.id}`}>
            <Ltr>{text.designation}</Ltr>: <Content of={text.title} />
          </h2>
          {entries.length === 0 ? (
            <p>{t(locale, 'outcome.comments.none')}</p>
          ) : (
            entries.map((entry) => <Entry page={page} entry={entry} consultationId={view.head.id} textId={text.id} />)
          )}
          {silent > 0 && <p class="comment-silent">{t(locale, 'outcome.comments.silent', { count: silent })}</p>}
        </section>
      ))}
    </Layout>
  );
}
