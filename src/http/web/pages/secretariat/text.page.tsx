import { TEXT_KINDS } from '../../../../domain/consultation/consultation.js';
import type { UnLanguage } from '../../../../domain/member-states/member-states.data.js';
import { t } from '../../../../i18n/i18n.js';
import {
  CheckboxField,
  CsrfField,
  errorAt,
  ErrorSummary,
  type FormError,
  RadioGroup,
  SubmitButton,
  TextAreaField,
  TextField,
} from '../../components/form.js';
import { isolateText, Ltr, LtrWithin } from '../../components/bidi.js';
import { languageName } from '../../components/content.js';
import { keepData, Layout, type PageContext } from '../../components/layout.js';
import { languageAttributes } from '../../presenters/content.presenter.js';
import type { TextValues } from '../../secretariat/text.forms.js';
import { CircularNav } from './sec-parts.js';
import { TranslationFields } from './translation-fields.js';

export interface TextPageView {
  readonly consultationId: string;
  readonly reference: string;
  /** Null for a new text. */
  readonly textId: string | null;
  /** The designation as stored (the page's title while editing). */
  readonly designation: string | null;
  readonly values: TextValues;
  readonly errors: readonly FormError[];
  /** The citation of the procedure's summary rule ("WTSA Resolution 1 (Rev. Geneva, 2022)" and its clause): why a summary is needed. */
  readonly summaryClause: string;
  /** The clause on the IPR statements listed with each text, in the reader's language. */
  readonly iprClause: string;
  /** The circular's language of record: the title and summary are written in it, the others are translations. */
  readonly languageOfRecord: UnLanguage;
  readonly csrfToken: string;
}

/** Adds a determined text to a draft circular (Annex 1), or changes or removes one. */
export function TextPage({ page, view }: { page: PageContext; view: TextPageView }) {
  const { locale } = page;
  const { values, errors } = view;
  const err = (field: string) => errorAt(errors, `field-${field}`);
  const base = `/secretariat/consultations/${encodeURIComponent(view.consultationId)}`;
  const action = view.textId === null ? `${base}/texts/new` : `${base}/texts/${encodeURIComponent(view.textId)}`;
  const title = isolateText(
    view.textId === null
      ? t(locale, 'sec.text.title.new', { reference: view.reference })
      : t(locale, 'sec.text.title.edit', { designation: view.designation ?? '', reference: view.reference }),
    [view.designation, view.reference],
  );
  const record = languageAttributes(locale, view.languageOfRecord);
  return (
    <Layout page={page} title={title} hasErrors={errors.length > 0}>
      <CircularNav page={page} id={view.consultationId} issued={false} current={action} />
      <ErrorSummary locale={locale} errors={errors} />
      <form method="post" action={page.href(action)} novalidate class="sec-form" {...keepData(locale)}>
        <CsrfField token={view.csrfToken} />
        <TextField
          locale={locale}
          id="field-designation"
          name="designation"
          label={t(locale, 'sec.text.designation.label')}
          hint={t(locale, 'sec.text.designation.hint')}
          value={values.designation}
          error={err('designation')}
          maxlength={100}
          dir="ltr"
        />
        <TextField
          locale={locale}
          id="field-workItem"
          name="workItem"
          label={t(locale, 'sec.text.workItem.label')}
          hint={t(locale, 'sec.text.workItem.hint')}
          value={values.workItem}
          error={err('workItem')}
          maxlength={100}
          optional
          dir="ltr"
        />
        <RadioGroup
          locale={locale}
          id="field-kind"
          name="kind"
          legend={t(locale, 'sec.text.kind.legend')}
          error={err('kind')}
          value={values.kind}
          options={TEXT_KINDS.map((kind) => ({ value: kind, label: t(locale, `sec.text.kind.${kind}`) }))}
        />
        <p class="hint" id="record-language">
          {t(locale, 'sec.text.recordLanguage', { language: languageName(locale, view.languageOfRecord) })}
        </p>
        <TextAreaField
          class="sec-textarea"
          locale={locale}
          id="field-title"
          name="title"
          label={t(locale, 'sec.text.title.label')}
          value={values.title}
          error={err('title')}
          rows={2}
          maxlength={1000}
          lang={record.lang}
          dir={record.dir}
          describedBy={['record-language']}
        />
        <TextAreaField
          class="sec-textarea"
          locale={locale}
          id="field-summary"
          name="summary"
          label={t(locale, 'sec.text.summary.label')}
          hint={t(locale, 'sec.text.summary.hint', { clause: view.summaryClause })}
          value={values.summary}
          error={err('summary')}
          rows={8}
          optional
          lang={record.lang}
          dir={record.dir}
          describedBy={['record-language']}
        />
        <TranslationFields
          locale={locale}
          id="translations-text"
          legend={t(locale, 'sec.translations.text.legend')}
          hint={t(locale, 'sec.translations.text.hint')}
          languageOfRecord={view.languageOfRecord}
          fieldsOf={(language) => [
            { field: 'title', value: values.translations[language].title, rows: 2, maxlength: 1000 },
            { field: 'summary', value: values.translations[language].summary, rows: 6, maxlength: 20_000 },
          ]}
          errors={errors}
        />
        <TextField
          locale={locale}
          id="field-location"
          name="location"
          label={t(locale, 'sec.text.location.label')}
          hint={t(locale, 'sec.text.location.hint')}
          value={values.location}
          error={err('location')}
          maxlength={200}
          class="input-short"
          dir="ltr"
        />
        <TextField
          locale={locale}
          id="field-locationUrl"
          name="locationUrl"
          type="text"
          label={t(locale, 'sec.text.locationUrl.label')}
          hint={t(locale, 'sec.text.locationUrl.hint')}
          value={values.locationUrl}
          error={err('locationUrl')}
          maxlength={2000}
          dir="ltr"
          optional
        />
        <TextField
          locale={locale}
          id="field-order"
          name="order"
          label={t(locale, 'sec.text.order.label')}
          hint={t(locale, 'sec.text.order.hint')}
          value={values.order}
          error={err('order')}
          maxlength={4}
          class="input-short"
          dir="ltr"
        />
        <CheckboxField
          id="field-a5Justification"
          name="a5Justification"
          label={t(locale, 'sec.text.a5Justification.label')}
          hint={t(locale, 'sec.text.a5Justification.hint')}
          checked={values.a5Justification}
        />
        <TextAreaField
          class="sec-textarea"
          locale={locale}
          id="field-iprStatements"
          name="iprStatements"
          label={t(locale, 'sec.text.iprStatements.label')}
          hint={t(locale, 'sec.text.iprStatements.hint', { clause: view.iprClause })}
          value={values.iprStatements}
          error={err('iprStatements')}
          rows={3}
          optional
        />
        <div class="sec-actions">
          <SubmitButton>
            {view.textId === null ? t(locale, 'sec.text.submit.new') : t(locale, 'sec.text.submit.edit')}
          </SubmitButton>
          <a href={page.href(base)}>{t(locale, 'sec.text.cancel')}</a>
        </div>
      </form>
      {view.textId !== null && (
        <section aria-labelledby="remove-title">
          <h2 id="remove-title">{t(locale, 'sec.text.remove.title')}</h2>
          <form method="post" action={page.href(`${action}/remove`)}>
            <CsrfField token={view.csrfToken} />
            <SubmitButton variant="danger">
              {t(locale, 'sec.text.remove.button')}
              <span class="visually-hidden">
                {' '}
                <Ltr>{view.designation}</Ltr>
              </span>
            </SubmitButton>
          </form>
        </section>
      )}
    </Layout>
  );
}

export interface RemoveTextView {
  readonly consultationId: string;
  readonly reference: string;
  readonly textId: string;
  readonly designation: string;
  readonly title: string;
  readonly csrfToken: string;
}

/** Asks before a text leaves the draft (the first post of "remove" lands here; works without script). */
export function RemoveTextPage({ page, view }: { page: PageContext; view: RemoveTextView }) {
  const { locale } = page;
  const base = `/secretariat/consultations/${encodeURIComponent(view.consultationId)}`;
  const action = `${base}/texts/${encodeURIComponent(view.textId)}/remove`;
  return (
    <Layout
      page={page}
      title={isolateText(t(locale, 'sec.text.remove.confirmTitle', { designation: view.designation }), [
        view.designation,
      ])}
    >
      <p>
        <LtrWithin
          text={t(locale, 'sec.text.remove.confirmBody', {
            designation: view.designation,
            title: view.title,
            reference: view.reference,
          })}
          ltr={[view.designation, view.reference]}
          auto={[view.title]}
        />
      </p>
      <form method="post" action={page.href(action)} class="sec-actions">
        <CsrfField token={view.csrfToken} />
        <input type="hidden" name="confirm" value="yes" />
        <SubmitButton variant="danger">{t(locale, 'sec.text.remove.confirm')}</SubmitButton>
        <a href={page.href(`${base}/texts/${encodeURIComponent(view.textId)}`)}>{t(locale, 'sec.text.remove.keep')}</a>
      </form>
    </Layout>
  );
}
