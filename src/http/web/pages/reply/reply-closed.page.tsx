import { t } from '../../../../i18n/i18n.js';
import { ErrorSummary } from '../../components/form.js';
import { isolateText } from '../../components/bidi.js';
import { richMessage } from '../../components/content.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type { ClosedView } from '../../presenters/reply.presenter.js';
import { DeadlineTime, PositionList, replyPaths, UtcTime, WorkspaceSummary } from './reply-parts.js';

/**
 * The reply form when it cannot be used: after the deadline (the procedure's deadline rule: replies
 * received after it are not counted), before a phase that takes replies has opened, or for a State
 * that is not consulted. Not an error page: it
 * says why, and shows the version that counts. A post that came too late is named as the problem.
 */
export function ReplyClosedPage({ page, view }: { page: PageContext; view: ClosedView }) {
  const { locale } = page;
  const ws = view.workspace;
  const c = ws.consultation;
  const paths = replyPaths(c.id);
  return (
    <Layout
      page={page}
      title={isolateText(
        t(locale, 'reply.form.title', { state: ws.stateName, reference: c.reference }),
        [],
        [c.reference],
      )}
      hasErrors={view.errors.length > 0}
    >
      <ErrorSummary locale={locale} errors={view.errors} />
      <div class="reply-closed" id="reply-closed">
        <h2>
          {t(
            locale,
            view.reason === 'deadline'
              ? 'reply.closed.title'
              : view.reason === 'not-yet'
                ? 'reply.notYet.title'
                : 'reply.notConsulted.title',
          )}
        </h2>
        {view.reason === 'deadline' ? (
          <p>
            {richMessage(locale, 'reply.closed.body', {
              clause: ws.citations.deadline,
              deadline: <DeadlineTime locale={locale} deadline={c} />,
            })}
          </p>
        ) : view.reason === 'not-yet' ? (
          <p>
            {view.opensAt === null
              ? t(locale, 'reply.notYet.bodyEvent', { clause: view.opensClause ?? '' })
              : richMessage(locale, 'reply.notYet.body', {
                  clause: view.opensClause ?? '',
                  time: <UtcTime locale={locale} at={view.opensAt} />,
                })}
          </p>
        ) : (
          <p>{t(locale, 'reply.notConsulted.body', { reason: view.ineligibleReason ?? '' })}</p>
        )}
      </div>
      <WorkspaceSummary page={page} view={ws} showDraft={false} />
      <h2>{t(locale, 'reply.closed.counted.title')}</h2>
      {view.counted ? (
        <>
          <p>
            {richMessage(locale, 'reply.closed.counted', {
              version: String(view.counted.version),
              time: <UtcTime locale={locale} at={view.counted.receivedAt} />,
            })}{' '}
            <a href={page.href(paths.receipt(view.counted.version))}>
              {t(locale, 'reply.my.receipt', { version: view.counted.version })}
            </a>
          </p>
          <PositionList locale={locale} positions={view.counted.positions} />
        </>
      ) : (
        <p>{t(locale, 'reply.my.nothingCounted')}</p>
      )}
      <p>
        <a href={page.href('/my')}>{t(locale, 'reply.back.my')}</a>
      </p>
    </Layout>
  );
}
