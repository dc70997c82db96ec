import { t } from '../../../../i18n/i18n.js';
import { Isolate, Ltr } from '../../components/bidi.js';
import {
  CsrfField,
  errorAt,
  ErrorSummary,
  type FormError,
  Notice,
  SubmitButton,
  TextAreaField,
} from '../../components/form.js';
import { Layout, type PageContext } from '../../components/layout.js';
import { formatCount } from '../../presenters/secretariat.presenter.js';
import { Instant } from './sec-parts.js';

/** One message received by e-mail, as the inbox shows it. */
export interface InboxRow {
  readonly id: string;
  readonly receivedAt: number;
  readonly channel: 'smtp' | 'imap' | 'pipe';
  /** "Name <address>", or the address, or null. */
  readonly from: string | null;
  readonly subject: string | null;
  readonly verdict: 'authenticated' | 'failed' | 'unknown';
  /** The State its sender's address is registered for (its name), or why none. */
  readonly state: string | null;
  readonly senderProblem: string | null;
  /** The circular whose form it carries, or why none. */
  readonly consultation: { readonly id: string; readonly reference: string } | null;
  readonly formProblem: string | null;
  readonly status: 'pending' | 'recorded' | 'dismissed';
  readonly handledAt: number | null;
  readonly note: string | null;
  /** The reply recorded from it: the State's name and the version. */
  readonly reply: { readonly state: string; readonly version: number } | null;
  /** Where the secretariat records the reply it carries (the record page filled from it), while it waits and carries a form. */
  readonly recordHref: string | null;
}

export interface InboxView {
  /** True: the messages handled; false: those waiting. */
  readonly handled: boolean;
  readonly pending: number;
  readonly rows: readonly InboxRow[];
  readonly notice: string | null;
}

export interface InboxMessageView {
  readonly row: InboxRow;
  readonly envelopeFrom: string | null;
  readonly messageId: string | null;
  readonly sentAt: number | null;
  readonly authentication: readonly {
    readonly method: string;
    readonly result: string;
    readonly domain: string | null;
  }[];
  readonly attachments: readonly { readonly filename: string; readonly mediaType: string; readonly size: string }[];
  /** The message's words (its plain text), cut to a readable length. */
  readonly text: string;
  readonly sha256: string;
  readonly handledBy: string | null;
  readonly note: string;
  readonly errors: readonly FormError[];
  readonly csrfToken: string;
}

const messageHref = (page: PageContext, id: string) => page.href(`/secretariat/inbox/${encodeURIComponent(id)}`);

/** Whose message it is: the State its sender is registered for, or why none (words). */
function SenderState({ page, row }: { page: PageContext; row: InboxRow }) {
  const { locale } = page;
  return (
    <>
      {row.state !== null ? (
        <Isolate>{row.state}</Isolate>
      ) : (
        <span class="sec-flag">{t(locale, 'sec.inbox.senderProblem', { problem: row.senderProblem ?? '' })}</span>
      )}
      <br />
      <span class={row.verdict === 'failed' ? 'sec-flag' : 'hint'}>
        {t(locale, 'sec.inbox.verdict', { verdict: row.verdict })}
      </span>
    </>
  );
}

/** Which circular's form it carries, or why none. */
function Carried({ page, row }: { page: PageContext; row: InboxRow }) {
  return row.consultation !== null ? (
    <Isolate>{row.consultation.reference}</Isolate>
  ) : (
    <span class="sec-flag">{t(page.locale, 'sec.inbox.formProblem', { problem: row.formProblem ?? '' })}</span>
  );
}

/** What became of a handled message. */
function Outcome({ page, row }: { page: PageContext; row: InboxRow }) {
  const { locale } = page;
  if (row.status === 'recorded' && row.reply !== null)
    return <>{t(locale, 'sec.inbox.recorded', { state: row.reply.state, version: row.reply.version })}</>;
  if (row.status === 'dismissed') return <>{t(locale, 'sec.inbox.dismissed', { note: row.note ?? '' })}</>;
  return <>{t(locale, 'sec.inbox.waiting')}</>;
}

/**
 * The replies received by e-mail (issue 18, part 2): the messages waiting for the secretariat,
 * oldest first, each with what Assent made of it — the State its sender's registered address
 * belongs to (and whether the mail server authenticated the sender), the circular whose form it
 * carries — and the way to record the reply it carries, or to open it and set it aside. The
 * messages handled are one link away.
 */
export function InboxPage({ page, view }: { page: PageContext; view: InboxView }) {
  const { locale } = page;
  return (
    <Layout wide page={page} title={t(locale, 'sec.inbox.title')}>
      <Notice message={view.notice} />
      <p>{t(locale, 'sec.inbox.intro')}</p>
      <p>
        {view.handled ? (
          <a href={page.href('/secretariat/inbox')}>
            {t(locale, 'sec.inbox.showWaiting', { count: formatCount(locale, view.pending) })}
          </a>
        ) : (
          <a href={page.href('/secretariat/inbox?handled=1')}>{t(locale, 'sec.inbox.showHandled')}</a>
        )}
      </p>
      {view.rows.length === 0 ? (
        <p id="inbox-empty">{t(locale, view.handled ? 'sec.inbox.noneHandled' : 'sec.inbox.none')}</p>
      ) : (
        <div class="sec-table-wrap">
          <table class="table" id="inbox">
            <caption>
              {view.handled
                ? t(locale, 'sec.inbox.caption.handled')
                : t(locale, 'sec.inbox.caption.waiting', { count: view.pending })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(locale, 'sec.inbox.col.received')}</th>
                <th scope="col">{t(locale, 'sec.inbox.col.from')}</th>
                <th scope="col">{t(locale, 'sec.inbox.col.state')}</th>
                <th scope="col">{t(locale, 'sec.inbox.col.circular')}</th>
                <th scope="col">
                  {view.handled ? t(locale, 'sec.inbox.col.outcome') : t(locale, 'sec.inbox.col.action')}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => (
                <tr id={`message-${row.id}`}>
                  <td>
                    <Instant locale={locale} at={row.receivedAt} local={false} />
                  </td>
                  <th scope="row" class="sec-wrap">
                    <a href={messageHref(page, row.id)}>
                      <Isolate>{row.subject ?? t(locale, 'sec.inbox.noSubject')}</Isolate>
                    </a>
                    <br />
                    <Isolate>{row.from ?? t(locale, 'sec.inbox.noSender')}</Isolate>
                  </th>
                  <td>
                    <SenderState page={page} row={row} />
                  </td>
                  <td>
                    <Carried page={page} row={row} />
                  </td>
                  <td>
                    {view.handled ? (
                      <Outcome page={page} row={row} />
                    ) : row.recordHref !== null ? (
                      <a class="button" href={row.recordHref}>
                        {t(locale, 'sec.inbox.record')}
                      </a>
                    ) : (
                      <a href={messageHref(page, row.id)}>{t(locale, 'sec.inbox.open')}</a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

/**
 * One message received by e-mail: who sent it and how the mail server vouched for the sender,
 * what it carries (its files and words), what Assent made of it; the message as received to
 * download; and, while it waits, recording the reply it carries or setting it aside with a reason.
 */
export function InboxMessagePage({ page, view }: { page: PageContext; view: InboxMessageView }) {
  const { locale } = page;
  const { row } = view;
  return (
    <Layout
      page={page}
      title={t(locale, 'sec.inbox.message.title', { subject: row.subject ?? t(locale, 'sec.inbox.noSubject') })}
      hasErrors={view.errors.length > 0}
    >
      <ErrorSummary locale={locale} errors={view.errors} />
      <p>
        <a href={page.href('/secretariat/inbox')}>{t(locale, 'sec.inbox.back')}</a>
      </p>
      <dl class="summary-list">
        <dt>{t(locale, 'sec.inbox.col.received')}</dt>
        <dd>
          <Instant locale={locale} at={row.receivedAt} local={false} />{' '}
          {t(locale, 'sec.inbox.channel', { channel: row.channel })}
        </dd>
        <dt>{t(locale, 'sec.inbox.col.from')}</dt>
        <dd>
          <Isolate>{row.from ?? t(locale, 'sec.inbox.noSender')}</Isolate>
          {view.envelopeFrom !== null && (
            <>
              {' '}
              {t(locale, 'sec.inbox.envelopeFrom')} <Ltr>{view.envelopeFrom}</Ltr>
            </>
          )}
        </dd>
        {view.sentAt !== null && (
          <>
            <dt>{t(locale, 'sec.inbox.sentAt')}</dt>
            <dd>
              <Instant locale={locale} at={view.sentAt} local={false} />
            </dd>
          </>
        )}
        <dt>{t(locale, 'sec.inbox.col.state')}</dt>
        <dd>
          <SenderState page={page} row={row} />
          {view.authentication.length > 0 && (
            <ul>
              {view.authentication.map((result) => (
                <li>
                  <Ltr>
                    {result.method}={result.result}
                    {result.domain !== null ? ` (${result.domain})` : ''}
                  </Ltr>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t(locale, 'sec.inbox.col.circular')}</dt>
        <dd>
          <Carried page={page} row={row} />
        </dd>
        <dt>{t(locale, 'sec.inbox.attachments')}</dt>
        <dd>
          {view.attachments.length === 0 ? (
            t(locale, 'sec.inbox.noAttachments')
          ) : (
            <ul>
              {view.attachments.map((file) => (
                <li>
                  <Isolate>{file.filename}</Isolate> (<Ltr>{file.mediaType}</Ltr>, {file.size})
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t(locale, 'sec.inbox.status')}</dt>
        <dd>
          <Outcome page={page} row={row} />
          {view.handledBy !== null && row.handledAt !== null && (
            <>
              {' '}
              (<Isolate>{view.handledBy}</Isolate>, <Instant locale={locale} at={row.handledAt} local={false} />)
            </>
          )}
        </dd>
        <dt>{t(locale, 'sec.inbox.sha256')}</dt>
        <dd>
          <Ltr as="code">{view.sha256}</Ltr>
        </dd>
      </dl>
      <p>
        <a href={`${messageHref(page, row.id)}/message.eml`} download>
          {t(locale, 'sec.inbox.download')}
        </a>
      </p>
      {view.text !== '' && (
        <section aria-labelledby="message-text-title">
          <h2 id="message-text-title">{t(locale, 'sec.inbox.text')}</h2>
          <pre class="sec-message-text" dir="auto">
            {view.text}
          </pre>
        </section>
      )}
      {row.status === 'pending' && (
        <>
          {row.recordHref !== null && (
            <p>
              <a class="button" href={row.recordHref}>
                {t(locale, 'sec.inbox.record')}
              </a>
            </p>
          )}
          <section class="stack" aria-labelledby="dismiss-title">
            <h2 id="dismiss-title">{t(locale, 'sec.inbox.dismiss.title')}</h2>
            <form method="post" action={`${messageHref(page, row.id)}/dismiss`} novalidate class="stack">
              <CsrfField token={view.csrfToken} />
              <TextAreaField
                locale={locale}
                id="field-note"
                name="note"
                label={t(locale, 'sec.inbox.dismiss.label')}
                hint={t(locale, 'sec.inbox.dismiss.hint')}
                error={errorAt(view.errors, 'field-note')}
                value={view.note}
                maxlength={500}
              />
              <SubmitButton variant="secondary">{t(locale, 'sec.inbox.dismiss.submit')}</SubmitButton>
            </form>
          </section>
        </>
      )}
    </Layout>
  );
}
