import { t } from '../../../../i18n/i18n.js';
import { CsrfField, ErrorSummary, Notice, type FormError } from '../../components/form.js';
import { isolateText, LtrWithin } from '../../components/bidi.js';
import { keepData, Layout, type PageContext } from '../../components/layout.js';
import { ReplyFields, replyFieldsTexts, SignatureFields } from '../../components/reply-fields.js';
import type { ReplyFormValues, WorkspaceView } from '../../presenters/reply.presenter.js';
import { replyPaths, WorkspaceSummary } from './reply-parts.js';

export interface ReplyFormView {
  readonly workspace: WorkspaceView;
  readonly form: ReplyFormValues;
  /** The text whose comments table was asked for (without the script), if any. */
  readonly rowsFor: string | null;
  readonly errors: readonly FormError[];
  readonly notice: string | null;
  readonly csrfToken: string;
  /** The largest file accepted. */
  readonly maxBytes: number;
  /** The State has a current, submitted reply (it may be withdrawn). */
  readonly canWithdraw: boolean;
  /** The reply version the page shows as current (the withdrawal refuses another). */
  readonly currentVersion: number;
}

/**
 * The reply form, mirroring Annex 2 of the circular: per text "assigns authority" (with no
 * comments, or comments attached) or "does not assign authority" (with reasons and possible
 * changes), typed and/or attached; then the signatory, place and date. "Save draft" keeps it
 * for later (for any focal point of the State); "Review before submitting" checks it and shows
 * what will be sent. Posted as multipart/form-data; it works without a script.
 */
export function ReplyFormPage({ page, view }: { page: PageContext; view: ReplyFormView }) {
  const { locale } = page;
  const ws = view.workspace;
  const c = ws.consultation;
  const paths = replyPaths(c.id);
  const hasFileErrors = view.errors.some((e) => e.field?.endsWith('-file'));
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
      <Notice message={view.notice} />
      <ErrorSummary locale={locale} errors={view.errors} />
      <WorkspaceSummary page={page} view={ws} />

      <form
        method="post"
        action={page.href(paths.form)}
        enctype="multipart/form-data"
        novalidate
        class="reply-form"
        {...keepData(locale)}
      >
        <CsrfField token={view.csrfToken} />
        <input type="hidden" name="basedOnVersion" value={String(view.form.basedOnVersion)} />
        <input type="hidden" name="draftRevision" value={String(view.form.draftRevision)} />
        <h2>{t(locale, 'reply.form.opinion.title')}</h2>
        <p>
          <LtrWithin
            text={t(locale, 'reply.form.opinion.intro', { reference: c.reference })}
            ltr={[]}
            auto={[c.reference]}
          />
        </p>
        {ws.formHint !== null && <p class="hint">{ws.formHint}</p>}
        {hasFileErrors && <p class="warning">{t(locale, 'reply.form.filesAgain')}</p>}
        <ReplyFields
          locale={locale}
          texts={replyFieldsTexts(locale, ws.texts, ws.content)}
          values={view.form.values}
          errors={view.errors}
          procedure={ws.procedure}
          body={c.studyGroup}
          uploads={{ maxBytes: view.maxBytes }}
          rowsFor={view.rowsFor}
        />
        <h2>{t(locale, 'reply.form.signature.title')}</h2>
        <SignatureFields locale={locale} values={view.form.signature} errors={view.errors} />
        <div class="reply-actions">
          <button type="submit" name="action" value="review" class="button">
            {t(locale, 'reply.form.review')}
          </button>
          <button type="submit" name="action" value="save" class="button button-secondary">
            {t(locale, 'reply.form.save')}
          </button>
        </div>
        <p class="hint">{t(locale, 'reply.form.saveHint')}</p>
      </form>

      {(ws.draft || view.canWithdraw) && <h2>{t(locale, 'reply.form.other.title')}</h2>}
      {ws.draft && (
        <form
          method="post"
          action={page.href(paths.discard)}
          data-confirm={t(locale, 'reply.draft.discard.confirm')}
          class="reply-side-form"
        >
          <CsrfField token={view.csrfToken} />
          <input type="hidden" name="draftRevision" value={String(ws.draft.revision)} />
          <p id="discard-hint">{t(locale, 'reply.draft.discard.hint')}</p>
          <button type="submit" class="button button-secondary" aria-describedby="discard-hint">
            {t(locale, 'reply.draft.discard')}
          </button>
        </form>
      )}
      {view.canWithdraw && (
        <form
          method="post"
          action={page.href(paths.withdraw)}
          data-confirm={t(locale, 'reply.withdraw.confirm', { state: ws.stateName })}
          class="reply-side-form"
        >
          <CsrfField token={view.csrfToken} />
          <input type="hidden" name="basedOnVersion" value={String(view.currentVersion)} />
          <p id="withdraw-hint">{t(locale, 'reply.withdraw.hint')}</p>
          <button type="submit" class="button button-danger" aria-describedby="withdraw-hint">
            {t(locale, 'reply.withdraw.button')}
          </button>
        </form>
      )}
    </Layout>
  );
}
