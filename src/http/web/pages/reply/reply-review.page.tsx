import { t } from '../../../../i18n/i18n.js';
import { CsrfField } from '../../components/form.js';
import { isolateText, LtrWithin } from '../../components/bidi.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type { ReviewView } from '../../presenters/reply.presenter.js';
import { PositionList, replyPaths, WorkspaceSummary } from './reply-parts.js';

/**
 * What will be submitted, exactly, text by text, with the signature; "Submit reply" sends that
 * (the draft revision shown), "Change" goes back to the form. The final form asks for
 * confirmation when scripts run.
 */
export function ReplyReviewPage({ page, view, csrfToken }: { page: PageContext; view: ReviewView; csrfToken: string }) {
  const { locale } = page;
  const ws = view.workspace;
  const c = ws.consultation;
  const paths = replyPaths(c.id);
  const s = view.signature;
  return (
    <Layout page={page} title={t(locale, 'reply.review.title')}>
      <p>
        <LtrWithin
          text={t(locale, view.amending ? 'reply.review.introAmend' : 'reply.review.intro', {
            state: ws.stateName,
            reference: c.reference,
          })}
          ltr={[]}
          auto={[c.reference]}
        />
      </p>
      <WorkspaceSummary page={page} view={ws} />
      <h2>{t(locale, 'reply.review.positions.title')}</h2>
      {view.unanswered > 0 && (
        <p class="warning" id="review-partial">
          {t(locale, 'reply.review.partial', { count: view.unanswered })}
        </p>
      )}
      <PositionList locale={locale} positions={view.positions} dropped={view.dropped} />
      <h2>{t(locale, 'reply.review.signature.title')}</h2>
      <dl class="summary-list">
        <dt>{t(locale, 'reply.signature.name')}</dt>
        <dd>{s.signatoryName}</dd>
        <dt>{t(locale, 'reply.signature.titleShort')}</dt>
        <dd>{s.signatoryTitle}</dd>
        <dt>{t(locale, 'reply.signature.placeShort')}</dt>
        <dd>{s.place === '' ? t(locale, 'reply.review.notGiven') : s.place}</dd>
        <dt>{t(locale, 'reply.signature.dateShort')}</dt>
        <dd>{s.signedOn === '' ? t(locale, 'reply.review.notGiven') : s.signedOn}</dd>
      </dl>
      <p>
        <a href={page.href(paths.form)}>{t(locale, 'reply.review.change')}</a>
      </p>
      <h2>{t(locale, 'reply.review.send.title')}</h2>
      <p id="submit-hint">{t(locale, 'reply.review.send.hint')}</p>
      <form
        method="post"
        action={page.href(paths.submit)}
        data-confirm={isolateText(
          t(locale, 'reply.review.confirm', { state: ws.stateName, reference: c.reference }),
          [],
          [c.reference],
        )}
      >
        <CsrfField token={csrfToken} />
        <input type="hidden" name="draftRevision" value={String(view.draftRevision)} />
        <button type="submit" class="button" aria-describedby="submit-hint">
          {t(locale, 'reply.review.submit')}
        </button>
      </form>
    </Layout>
  );
}
