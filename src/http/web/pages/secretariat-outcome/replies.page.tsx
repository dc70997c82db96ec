import { CHANNELS } from '../../../../domain/reply/reply.js';
import { t, type MessageId } from '../../../../i18n/i18n.js';
import { Notice } from '../../components/form.js';
import { isolateText, Ltr } from '../../components/bidi.js';
import { Layout, type PageContext } from '../../components/layout.js';
import { STATUS_FILTERS, type DashboardView } from '../../presenters/secretariat-outcome.presenter.js';
import {
  ChannelFilter,
  channelLabel,
  ConsultationHead,
  Downloads,
  FilterForm,
  FilterSelect,
  formatCount,
  Instant,
  outcomePath,
  positionLabel,
} from './outcome-parts.js';

/**
 * The replies dashboard of the secretariat: counts, positions per text, then every State that
 * may reply with its latest version (or "not replied"), filtered by a plain GET form.
 */
export function RepliesPage({ page, view }: { page: PageContext; view: DashboardView }) {
  const { locale } = page;
  const { counts, filters } = view;
  const action = page.href(outcomePath(view.head.id, 'replies'));
  return (
    <Layout
      wide
      page={page}
      title={isolateText(t(locale, 'outcome.replies.title', { reference: view.head.reference }), [view.head.reference])}
    >
      <Notice message={view.notice} />
      <ConsultationHead page={page} head={view.head} current="replies" />

      <section aria-labelledby="counts-title">
        <h2 id="counts-title">{t(locale, 'outcome.replies.counts.title')}</h2>
        <dl class="summary-list outcome-counts" id="reply-counts">
          <dt>{t(locale, 'outcome.replies.counts.consulted')}</dt>
          <dd>{formatCount(locale, counts.consulted)}</dd>
          <dt>{t(locale, 'outcome.replies.counts.replied')}</dt>
          <dd>{formatCount(locale, counts.replied)}</dd>
          <dt>{t(locale, 'outcome.replies.counts.notReplied')}</dt>
          <dd>
            {formatCount(locale, counts.notReplied)}{' '}
            {counts.notReplied > 0 && (
              <a href={`${action}?status=not-replied`}>{t(locale, 'outcome.replies.counts.showNotReplied')}</a>
            )}
          </dd>
          <dt>{t(locale, 'outcome.replies.counts.counted')}</dt>
          <dd>{formatCount(locale, counts.counted)}</dd>
          <dt>{t(locale, 'outcome.replies.counts.late')}</dt>
          <dd>{formatCount(locale, counts.late)}</dd>
          <dt>{t(locale, 'outcome.replies.counts.unclear')}</dt>
          <dd>{formatCount(locale, counts.unclear)}</dd>
          <dt>{t(locale, 'outcome.replies.counts.byChannel')}</dt>
          <dd>
            {CHANNELS.map((c) =>
              t(locale, 'outcome.replies.counts.channel', {
                channel: channelLabel(locale, c),
                count: counts.byChannel[c],
              }),
            ).join(' · ')}
          </dd>
        </dl>

        <section class="outcome-scroll" aria-labelledby="per-text-caption" tabindex={0}>
          <table class="table outcome-table">
            <caption id="per-text-caption">{t(locale, 'outcome.replies.perText.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t(locale, 'outcome.replies.perText.text')}</th>
                {view.summaries.map((s) => (
                  <th scope="col">{s.label}</th>
                ))}
                <th scope="col">{positionLabel(locale, view.summaryLabels, undefined)}</th>
              </tr>
            </thead>
            <tbody>
              {view.perText.map((row) => (
                <tr>
                  <th scope="row">
                    <Ltr>{row.text.designation}</Ltr>
                  </th>
                  {view.summaries.map((s) => (
                    <td class="outcome-number">{formatCount(locale, row.counts[s.id] ?? 0)}</td>
                  ))}
                  <td class="outcome-number">{formatCount(locale, row.counts.none ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>

      <Downloads
        locale={locale}
        entries={[
          { label: t(locale, 'outcome.export.replies'), href: action, xlsx: true },
          { label: t(locale, 'outcome.export.notReplied'), href: `${action}?rows=not-replied`, xlsx: false },
        ]}
      />

      <FilterForm locale={locale} action={action} filtered={view.filtered}>
        <FilterSelect
          locale={locale}
          name="status"
          label={t(locale, 'outcome.replies.filters.status')}
          options={STATUS_FILTERS.map((s) => ({
            value: s,
            label: t(locale, `outcome.replies.filters.status.${s}` as MessageId),
          }))}
          selected={filters.status}
        />
        <FilterSelect
          locale={locale}
          name="text"
          label={t(locale, 'outcome.replies.filters.text')}
          anyLabel={t(locale, 'outcome.replies.filters.anyText')}
          options={view.texts.map((text) => ({ value: text.id, label: text.designation }))}
          selected={filters.text}
        />
        <FilterSelect
          locale={locale}
          name="position"
          label={t(locale, 'outcome.replies.filters.position')}
          options={[
            ...view.positionFilters.map((p) => ({ value: p.id, label: p.label })),
            { value: 'none', label: t(locale, 'outcome.replies.filters.position.none') },
          ]}
          selected={filters.position}
        />
        <ChannelFilter locale={locale} selected={filters.channel} />
      </FilterForm>

      <section aria-labelledby="states-title">
        <h2 id="states-title">{t(locale, 'outcome.replies.states.title')}</h2>
        <p id="states-shown">
          {t(locale, 'outcome.replies.states.shown', { shown: view.rows.length, total: counts.consulted })}
        </p>
        {view.rows.length === 0 ? (
          <p>{t(locale, 'outcome.replies.states.none')}</p>
        ) : (
          <section class="outcome-scroll" aria-labelledby="states-caption" tabindex={0}>
            <table class="table outcome-table" id="replies-table">
              <caption id="states-caption" class="visually-hidden">
                {t(locale, 'outcome.replies.states.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t(locale, 'outcome.replies.states.state')}</th>
                  <th scope="col">{t(locale, 'outcome.replies.states.reply')}</th>
                  {view.texts.map((text) => (
                    <th scope="col">
                      <Ltr>{text.designation}</Ltr>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.rows.map((row) => (
                  <tr id={`state-${row.code}`}>
                    <th scope="row">
                      <a href={`${action}/${row.code}`}>{row.name}</a>{' '}
                      <Ltr as="span" class="outcome-code">
                        {row.code}
                      </Ltr>
                    </th>
                    <td>
                      {row.reply === null ? (
                        <strong class="outcome-missing">{t(locale, 'outcome.replies.notReplied')}</strong>
                      ) : (
                        <>
                          {t(locale, 'outcome.replies.version', {
                            version: row.reply.version,
                            channel: channelLabel(locale, row.reply.channel),
                          })}
                          <br />
                          <Instant locale={locale} at={row.reply.receivedAt} />
                          <span class="outcome-tags">
                            {row.reply.status === 'withdrawn' && (
                              <strong class="tag outcome-tag-warn">{t(locale, 'outcome.replies.withdrawn')}</strong>
                            )}
                            {row.reply.late && (
                              <strong class="tag outcome-tag-warn">{t(locale, 'outcome.replies.late')}</strong>
                            )}
                            {row.reply.unclear && (
                              <strong class="tag outcome-tag-warn">{t(locale, 'outcome.replies.unclear')}</strong>
                            )}
                            {row.reply.flags.map((f) => (
                              <strong class="tag outcome-tag-neutral">
                                {t(locale, `outcome.flag.${f}` as MessageId)}
                              </strong>
                            ))}
                            {row.reply.simulated && (
                              <strong class="tag outcome-tag-neutral">{t(locale, 'outcome.replies.simulated')}</strong>
                            )}
                          </span>
                          {row.reply.countedVersion !== row.reply.version && (
                            <span class="outcome-note">
                              {row.reply.countedVersion === null
                                ? t(locale, 'outcome.replies.countedNone')
                                : t(locale, 'outcome.replies.countedVersion', { version: row.reply.countedVersion })}
                            </span>
                          )}
                        </>
                      )}
                    </td>
                    {view.texts.map((text) => (
                      <td>
                        {row.reply === null ? (
                          <span aria-hidden="true">–</span>
                        ) : (
                          positionLabel(locale, view.summaryLabels, row.positions[text.id])
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
    </Layout>
  );
}
