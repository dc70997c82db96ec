import { documentPagePath } from '../../documents.routes.js';
import { placeAndDate, t } from '../../../../i18n/i18n.js';
import { Notice } from '../../components/form.js';
import { Isolate, Ltr, LtrWithin } from '../../components/bidi.js';
import { Content, ContentNotice, richMessage } from '../../components/content.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type { ReceiptPageView } from '../../presenters/reply.presenter.js';
import { DeadlineTime, DemoNotice, PositionList, replyPaths, UtcTime } from './reply-parts.js';

/**
 * The receipt of one version of the State's reply: what TSB received, when (server clock, UTC),
 * its SHA-256 and the server's signature over the receipt, and its place in the audit chain; with
 * the signed JSON to keep. Printable (the print stylesheet leaves out the header).
 */
export function ReplyReceiptPage({ page, view }: { page: PageContext; view: ReceiptPageView }) {
  const { locale } = page;
  const c = view.consultation;
  const paths = replyPaths(c.id);
  const apiPath = `/api/v1/consultations/${encodeURIComponent(c.id)}/replies/${view.stateCode}/versions/${view.version}/receipt`;
  return (
    <Layout page={page} title={t(locale, 'reply.receipt.title', { version: view.version, state: view.stateName })}>
      <Notice message={view.notice} />
      <DemoNotice locale={locale} isDemo={c.isDemo} />
      <ContentNotice locale={locale} notice={view.contentNotice} />
      <div class="reply-receipt">
        <dl class="summary-list">
          <dt>{t(locale, 'reply.summary.memberState')}</dt>
          <dd>{view.stateName}</dd>
          <dt>{t(locale, 'reply.summary.consultation')}</dt>
          <dd>
            <Isolate>{c.reference}</Isolate>: <Content of={c.subject} />
          </dd>
          <dt>{t(locale, 'reply.receipt.version')}</dt>
          <dd>{view.version}</dd>
          <dt>{t(locale, 'reply.receipt.what')}</dt>
          <dd>{t(locale, view.status === 'submitted' ? 'reply.receipt.submitted' : 'reply.receipt.withdrawn')}</dd>
          <dt>{t(locale, 'reply.receipt.receivedAt')}</dt>
          <dd>
            <UtcTime locale={locale} at={view.receivedAt} />
          </dd>
          <dt>{t(locale, 'reply.receipt.channel')}</dt>
          <dd>{t(locale, 'reply.receipt.channelBy', { channel: view.channel, by: view.by })}</dd>
          <dt>{t(locale, 'reply.receipt.deadline')}</dt>
          <dd>
            {t(locale, view.receivedByDeadline ? 'reply.receipt.onTime' : 'reply.receipt.late')}{' '}
            <DeadlineTime locale={locale} deadline={c} />
          </dd>
          <dt>{t(locale, 'reply.receipt.counts')}</dt>
          <dd>
            {t(
              locale,
              view.counts
                ? 'reply.receipt.countsYes'
                : view.status === 'withdrawn'
                  ? 'reply.receipt.countsWithdrawn'
                  : 'reply.receipt.countsNo',
            )}
          </dd>
          {view.status === 'submitted' && (
            <>
              <dt>{t(locale, 'reply.receipt.signatory')}</dt>
              <dd>
                <Isolate>{view.signatory.name}</Isolate>, <Isolate>{view.signatory.title}</Isolate>
                {(view.signatory.place || view.signatory.signedOn) && (
                  <>
                    {' '}
                    (<Isolate>{placeAndDate(locale, view.signatory.place, view.signatory.signedOn)}</Isolate>)
                  </>
                )}
              </dd>
            </>
          )}
          <dt>{t(locale, 'reply.receipt.hash')}</dt>
          <dd>
            <Ltr as="code" class="reply-hash" id="receipt-hash">
              {view.contentSha256}
            </Ltr>
          </dd>
          <dt>{t(locale, 'reply.receipt.signature')}</dt>
          <dd>
            <LtrWithin
              text={t(locale, 'reply.receipt.signatureBy', {
                algorithm: view.signature.algorithm,
                keyId: view.signature.keyId,
              })}
              ltr={[view.signature.algorithm, view.signature.keyId]}
            />{' '}
            <Ltr as="code" class="reply-hash" id="receipt-signature">
              {view.signature.value}
            </Ltr>
          </dd>
          <dt>{t(locale, 'reply.receipt.audit')}</dt>
          <dd>
            {t(locale, 'reply.receipt.auditRow', { seq: view.audit.seq })}{' '}
            <Ltr as="code" class="reply-hash">
              {view.audit.hash}
            </Ltr>
          </dd>
        </dl>
        {view.positions.length > 0 && (
          <>
            <h2>{t(locale, 'reply.receipt.positions.title')}</h2>
            <PositionList locale={locale} positions={view.positions} />
          </>
        )}
      </div>
      <h2>{t(locale, 'reply.receipt.keep.title')}</h2>
      <ul>
        <li>
          {t(locale, 'reply.receipt.documents.form')}:{' '}
          <a
            href={page.href(
              documentPagePath('reply', c.id, { format: 'pdf', memberState: view.stateCode, version: view.version }),
            )}
          >
            {t(locale, 'public.documents.pdf')}
          </a>
          {' · '}
          <a
            href={page.href(
              documentPagePath('reply', c.id, { format: 'docx', memberState: view.stateCode, version: view.version }),
            )}
          >
            {t(locale, 'public.documents.docx')}
          </a>
        </li>
        <li>
          <a
            href={page.href(
              documentPagePath('receipt', c.id, { format: 'pdf', memberState: view.stateCode, version: view.version }),
            )}
          >
            {t(locale, 'reply.receipt.documents.receipt')}
          </a>{' '}
          ({t(locale, 'public.documents.pdf')})
        </li>
        <li>
          <a
            href={page.href(paths.signedReceipt(view.version))}
            download={`receipt-${c.id}-${view.stateCode}-v${view.version}.json`}
          >
            {t(locale, 'reply.receipt.download')}
          </a>
        </li>
        <li>
          {richMessage(locale, 'reply.receipt.api', {
            path: (
              <Ltr as="code" class="reply-hash">
                {apiPath}
              </Ltr>
            ),
          })}
        </li>
        <li>
          {t(locale, 'reply.receipt.verify')}{' '}
          <a href="/api/v1/receipts/public-key">{t(locale, 'reply.receipt.publicKey')}</a>
        </li>
        <li>{t(locale, 'reply.receipt.print')}</li>
      </ul>
      <p class="reply-links">
        <a href={page.href(paths.history)}>{t(locale, 'reply.my.history')}</a>
        <a href={page.href('/my')}>{t(locale, 'reply.back.my')}</a>
      </p>
    </Layout>
  );
}
