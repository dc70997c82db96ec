import { t } from '../../../../i18n/i18n.js';
import { isolateText, LtrWithin } from '../../components/bidi.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type { HistoryView } from '../../presenters/reply.presenter.js';
import { replyPaths, UtcTime } from './reply-parts.js';

/**
 * Every version of the State's reply, newest first: submitted or withdrawn, when, by whom and
 * through which channel, and which one counts (the procedure's deadline rule: the latest received by the
 * deadline); each with its receipt.
 */
export function ReplyHistoryPage({ page, view }: { page: PageContext; view: HistoryView }) {
  const { locale } = page;
  const c = view.consultation;
  const paths = replyPaths(c.id);
  return (
    <Layout
      page={page}
      title={isolateText(
        t(locale, 'reply.history.title', { state: view.stateName, reference: c.reference }),
        [],
        [c.reference],
      )}
    >
      <p>{t(locale, 'reply.history.intro', { clause: view.citations.deadline })}</p>
      {view.rows.length === 0 ? (
        <p>{t(locale, 'reply.history.none')}</p>
      ) : (
        <table class="table reply-history">
          <caption>
            <LtrWithin
              text={t(locale, 'reply.history.caption', { state: view.stateName, reference: c.reference })}
              ltr={[]}
              auto={[c.reference]}
            />
          </caption>
          <thead>
            <tr>
              <th scope="col">{t(locale, 'reply.history.version')}</th>
              <th scope="col">{t(locale, 'reply.history.what')}</th>
              <th scope="col">{t(locale, 'reply.history.when')}</th>
              <th scope="col">{t(locale, 'reply.history.by')}</th>
              <th scope="col">{t(locale, 'reply.history.changed')}</th>
              <th scope="col">{t(locale, 'reply.history.counts')}</th>
              <th scope="col">{t(locale, 'reply.history.receipt')}</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <tr id={`version-${row.version}`}>
                <th scope="row">{row.version}</th>
                <td>{t(locale, row.status === 'submitted' ? 'reply.receipt.submitted' : 'reply.receipt.withdrawn')}</td>
                <td>
                  <UtcTime locale={locale} at={row.receivedAt} />
                  {row.late && <strong class="reply-late"> {t(locale, 'reply.history.late')}</strong>}
                </td>
                <td>{t(locale, 'reply.receipt.channelBy', { channel: row.channel, by: row.by })}</td>
                <td>
                  {row.changes === 'first' ? (
                    t(locale, 'reply.history.changed.first')
                  ) : row.changes === 'withdrawal' ? (
                    t(locale, 'reply.history.changed.withdrawal')
                  ) : row.changes.length === 0 ? (
                    t(locale, 'reply.history.changed.none')
                  ) : (
                    <ul class="reply-changes">
                      {row.changes.map((change) => (
                        <li>
                          <LtrWithin
                            text={t(locale, 'reply.history.changed.text', change)}
                            ltr={[change.designation]}
                          />
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {row.counts ? (
                    <strong class="tag">{t(locale, 'reply.history.countsYes')}</strong>
                  ) : (
                    t(locale, 'reply.history.countsNo')
                  )}
                </td>
                <td>
                  <a href={page.href(paths.receipt(row.version))}>
                    {t(locale, 'reply.history.receiptLink', { version: row.version })}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="reply-links">
        {!view.deadlinePassed && <a href={page.href(paths.form)}>{t(locale, 'reply.history.toForm')}</a>}
        <a href={page.href('/my')}>{t(locale, 'reply.back.my')}</a>
      </p>
    </Layout>
  );
}
