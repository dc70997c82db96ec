import type { MeetingOutcome } from '../../../../domain/procedure/outcomes.js';
import type { ComponentChildren } from 'preact';
import { CHANNELS, type Channel } from '../../../../domain/reply/reply.js';
import { startOfDay } from '../../../../domain/time/instants.js';
import {
  formatDeadline,
  formatUtc,
  intlFor,
  isoInstant,
  t,
  type Locale,
  type MessageId,
} from '../../../../i18n/i18n.js';
import { IsolateWithin } from '../../components/bidi.js';
import { Content, ContentNotice } from '../../components/content.js';
import { SelectField } from '../../components/form.js';
import type { PageContext } from '../../components/layout.js';
import type { ConsultationHeadView, PositionSummary } from '../../presenters/secretariat-outcome.presenter.js';
import { RECEIPT_ZONES } from '../../secretariat-outcome/outcome.forms.js';

/** The outcome pages of one consultation, in the order the work goes. */
export const OUTCOME_SECTIONS = [
  { key: 'replies', path: '/replies', label: 'outcome.nav.replies' },
  { key: 'comments', path: '/comments', label: 'outcome.nav.comments' },
  { key: 'record', path: '/replies/record', label: 'outcome.nav.record' },
  { key: 'results', path: '/results', label: 'outcome.nav.results' },
  { key: 'decisions', path: '/decisions', label: 'outcome.nav.decisions' },
] as const satisfies readonly { key: string; path: string; label: MessageId }[];
export type OutcomeSection = (typeof OUTCOME_SECTIONS)[number]['key'];

/** The path of one of a consultation's outcome pages. */
export function outcomePath(consultationId: string, section: OutcomeSection): string {
  const found = OUTCOME_SECTIONS.find((s) => s.key === section)!;
  return `/secretariat/consultations/${encodeURIComponent(consultationId)}${found.path}`;
}

/** An instant in UTC, with the reader's local time added by the script. */
export function Instant({ locale, at }: { locale: Locale; at: number }) {
  return (
    <time datetime={isoInstant(at)} data-local data-local-label={t(locale, 'outcome.localTime')}>
      {formatUtc(locale, at)}
    </time>
  );
}

/**
 * The zone a time received was typed in, beside its date-time field: UTC first and chosen unless
 * said, then the offsets in use ("UTC+05:30"). The time is stored and shown in UTC.
 */
export function ZoneField(props: {
  locale: Locale;
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
}) {
  const { locale } = props;
  return (
    <SelectField
      locale={locale}
      id={props.id}
      name={props.name}
      label={props.label}
      hint={t(locale, 'outcome.zone.hint')}
      error={props.error}
      class="outcome-zone"
      selected={[props.value]}
      options={RECEIPT_ZONES.map((zone) => ({
        value: zone,
        label: zone === 'Z' ? t(locale, 'outcome.zone.utc') : `UTC${zone}`,
      }))}
    />
  );
}

/** A calendar day (UTC), e.g. a meeting day. */
export function Day({ locale, day }: { locale: Locale; day: string }) {
  return (
    <time datetime={day}>
      {intlFor(locale).formatDate(startOfDay(day), { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })}
    </time>
  );
}

/** The consultation the page is about, its deadline and where it stands, then the outcome pages' navigation. */
export function ConsultationHead({
  page,
  head,
  current,
}: {
  page: PageContext;
  head: ConsultationHeadView;
  current: OutcomeSection;
}) {
  const { locale } = page;
  return (
    <>
      <p class="outcome-lede">
        <Content of={head.subject} />
        {head.isDemo && (
          <>
            {' '}
            <strong class="tag outcome-tag-neutral">{t(locale, 'outcome.demo')}</strong>
          </>
        )}
      </p>
      <ContentNotice locale={locale} notice={head.contentNotice} />
      <dl class="summary-list outcome-facts">
        <dt>{t(locale, 'outcome.head.deadline')}</dt>
        <dd>
          <time datetime={isoInstant(head.deadlineAt)} data-local data-local-label={t(locale, 'outcome.localTime')}>
            {formatDeadline(locale, head)}
          </time>{' '}
          <strong class={head.deadlinePassed ? 'tag outcome-tag-neutral' : 'tag'}>
            {t(locale, head.deadlinePassed ? 'outcome.head.closed' : 'outcome.head.open')}
          </strong>
        </dd>
        <dt>{t(locale, 'outcome.head.meeting')}</dt>
        <dd>
          <IsolateWithin
            text={t(locale, 'outcome.head.meetingAt', { place: head.meetingPlace })}
            values={[head.meetingPlace]}
          />{' '}
          <Day locale={locale} day={head.meetingFirstDay} /> – <Day locale={locale} day={head.meetingLastDay} />
        </dd>
        {head.resultsNoticeAt !== null && (
          <>
            <dt>{t(locale, 'outcome.head.notice')}</dt>
            <dd>
              <Instant locale={locale} at={head.resultsNoticeAt} />
            </dd>
          </>
        )}
      </dl>
      <nav class="outcome-nav" aria-label={t(locale, 'outcome.nav.label')}>
        <ul>
          <li>
            <a href={page.href(`/secretariat/consultations/${encodeURIComponent(head.id)}`)}>
              {t(locale, 'outcome.nav.circular')}
            </a>
          </li>
          {OUTCOME_SECTIONS.map((section) => (
            <li>
              <a
                href={page.href(outcomePath(head.id, section.key))}
                aria-current={section.key === current ? 'page' : undefined}
              >
                {t(locale, section.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

/** The words of a position in the grid (never colour alone): the procedure's, by summary; "no position" the page's. */
export function positionLabel(
  locale: Locale,
  labels: Readonly<Record<string, string>>,
  summary: PositionSummary | undefined,
): string {
  if (summary === undefined) return t(locale, 'outcome.position.none');
  return labels[summary] ?? summary;
}

/** The words of a channel. */
export function channelLabel(locale: Locale, channel: Channel): string {
  return t(locale, `outcome.channel.${channel}` as MessageId);
}

/** The words of a meeting outcome. */
export function meetingOutcomeLabel(locale: Locale, outcome: MeetingOutcome): string {
  return t(locale, `outcome.meeting.${outcome}` as MessageId);
}

/** A number in the reader's locale. */
export function formatCount(locale: Locale, n: number): string {
  return intlFor(locale).formatNumber(n);
}

/** One list a page offers as a file: what it holds, and its address (`?format=` is added per format). */
export interface DownloadEntry {
  readonly label: string;
  /** The page's address with the list's own query, if any (`?rows=not-replied`). */
  readonly href: string;
  /** The formats offered: a CSV file always, a workbook where it adds something. */
  readonly xlsx: boolean;
}

/** The lists of a page as files for spreadsheet software (issue #16 item 3): CSV and Excel workbooks. */
export function Downloads({ locale, entries }: { locale: Locale; entries: readonly DownloadEntry[] }) {
  const withFormat = (href: string, format: 'csv' | 'xlsx') =>
    `${href}${href.includes('?') ? '&' : '?'}format=${format}`;
  return (
    <section aria-labelledby="downloads-title">
      <h2 id="downloads-title">{t(locale, 'outcome.export.title')}</h2>
      <ul class="plain-list" id="downloads">
        {entries.map((entry) => (
          <li>
            {entry.label}:{' '}
            <a href={withFormat(entry.href, 'csv')} type="text/csv" download>
              {t(locale, 'outcome.export.csv')}
            </a>
            {entry.xlsx && (
              <>
                {' · '}
                <a
                  href={withFormat(entry.href, 'xlsx')}
                  type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  download
                >
                  {t(locale, 'outcome.export.xlsx')}
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One filter of an outcome page's form: a select whose empty choice means any value. */
export function FilterSelect({
  locale,
  name,
  label,
  anyLabel = t(locale, 'outcome.replies.filters.any'),
  options,
  selected,
}: {
  locale: Locale;
  name: string;
  label: string;
  anyLabel?: string;
  options: readonly { value: string; label: string }[];
  selected: string | null;
}) {
  return (
    <SelectField
      locale={locale}
      id={`filter-${name}`}
      name={name}
      label={label}
      placeholder={anyLabel}
      options={options}
      selected={selected === null ? [] : [selected]}
    />
  );
}

/** The filter of the channel a reply came by, as every outcome page offers it. */
export function ChannelFilter({ locale, selected }: { locale: Locale; selected: Channel | null }) {
  return (
    <FilterSelect
      locale={locale}
      name="channel"
      label={t(locale, 'outcome.replies.filters.channel')}
      options={CHANNELS.map((c) => ({ value: c, label: channelLabel(locale, c) }))}
      selected={selected}
    />
  );
}

/** An outcome page's filters: a plain GET form (no script needed), applied with a button and cleared with a link. */
export function FilterForm({
  locale,
  action,
  filtered,
  children,
}: {
  locale: Locale;
  action: string;
  filtered: boolean;
  children: ComponentChildren;
}) {
  return (
    <section aria-labelledby="filters-title">
      <h2 id="filters-title">{t(locale, 'outcome.replies.filters.title')}</h2>
      <form method="get" action={action} class="outcome-filters">
        {children}
        <div class="outcome-actions">
          <button type="submit" class="button button-secondary">
            {t(locale, 'outcome.replies.filters.apply')}
          </button>
          {filtered && <a href={action}>{t(locale, 'outcome.replies.filters.clear')}</a>}
        </div>
      </form>
    </section>
  );
}
