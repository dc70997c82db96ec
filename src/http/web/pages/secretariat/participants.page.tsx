import { languageWords, t } from '../../../../i18n/i18n.js';
import { Ltr } from '../../components/bidi.js';
import {
  CsrfField,
  errorAt,
  ErrorSummary,
  type FormError,
  Notice,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from '../../components/form.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type { ParticipantRow } from '../../presenters/participants.presenter.js';
import type { EligibilityValues, RegisterValues } from '../../secretariat/participants.forms.js';

export interface ParticipantsView {
  readonly rows: readonly ParticipantRow[];
  readonly total: number;
  /** The filters as chosen (empty: none). */
  readonly participantClass: string;
  readonly search: string;
  /** Every class the registry holds or a procedure consults, with its words, for the filter. */
  readonly classes: readonly { readonly id: string; readonly label: string }[];
  /** The classes an organisation may be registered in (some procedure consults them); empty: none. */
  readonly registrable: readonly { readonly id: string; readonly label: string }[];
  readonly notice: string | null;
  readonly form: RegisterValues;
  readonly errors: readonly FormError[];
  readonly csrfToken: string;
}

/** The UN languages in the order the names are asked: English (required) first. */
const NAME_LANGUAGES = ['en', 'fr', 'es', 'ru', 'zh', 'ar'] as const;

/**
 * Who Assent may consult (administrators): the Member States and the organisations registered in
 * a class some procedure consults, with whether each may reply and why not; a link to change a
 * participant's right to reply; a form to register an organisation (only when a procedure
 * consults a class besides the Member States).
 */
export function ParticipantsPage({ page, view }: { page: PageContext; view: ParticipantsView }) {
  const { locale } = page;
  const err = (field: string) => errorAt(view.errors, `field-${field}`);
  const filtered = view.participantClass !== '' || view.search !== '';
  return (
    <Layout wide page={page} title={t(locale, 'sec.participants.title')} hasErrors={view.errors.length > 0}>
      <Notice message={view.notice} />
      <ErrorSummary locale={locale} errors={view.errors} />
      <p>{t(locale, 'sec.participants.intro')}</p>

      <section aria-labelledby="participants-list-title">
        <h2 id="participants-list-title">{t(locale, 'sec.participants.list.title')}</h2>
        <form method="get" action={page.href('/secretariat/participants')} class="sec-filters">
          <SelectField
            locale={locale}
            id="field-class"
            name="class"
            label={t(locale, 'sec.participants.filter.class')}
            selected={[view.participantClass]}
            placeholder={t(locale, 'sec.participants.filter.allClasses')}
            options={view.classes.map((c) => ({ value: c.id, label: c.label }))}
          />
          <TextField
            locale={locale}
            id="field-q"
            name="q"
            label={t(locale, 'sec.participants.filter.search')}
            value={view.search}
            maxlength={200}
          />
          <button type="submit" class="button button-secondary">
            {t(locale, 'sec.participants.filter.submit')}
          </button>
        </form>
        <p id="participants-shown">
          {t(locale, 'sec.participants.shown', { shown: view.rows.length, total: view.total })}
          {filtered && (
            <>
              {' '}
              <a href={page.href('/secretariat/participants')}>{t(locale, 'sec.participants.filter.clear')}</a>
            </>
          )}
        </p>
        <div class="sec-table-wrap">
          <table class="table sec-participants">
            <caption class="visually-hidden">{t(locale, 'sec.participants.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t(locale, 'sec.participants.col.name')}</th>
                <th scope="col">{t(locale, 'sec.participants.col.code')}</th>
                <th scope="col">{t(locale, 'sec.participants.col.class')}</th>
                <th scope="col">{t(locale, 'sec.participants.col.mayReply')}</th>
                <th scope="col">{t(locale, 'sec.participants.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => (
                <tr id={`participant-${row.code}`}>
                  <th scope="row">{row.name}</th>
                  <td>
                    <Ltr as="span" class="participant-code">
                      {row.code}
                    </Ltr>
                  </td>
                  <td>{row.observer ? t(locale, 'sec.participants.class.observer') : row.classLabel}</td>
                  <td>
                    {row.mayReply ? (
                      t(locale, 'sec.participants.mayReply.yes')
                    ) : (
                      <>
                        <strong>{t(locale, 'sec.participants.mayReply.no')}</strong>
                        {row.standing !== null && row.standing !== '' && <> {row.standing}</>}
                      </>
                    )}
                  </td>
                  <td>
                    <a href={page.href(`/secretariat/participants/${encodeURIComponent(row.code)}`)}>
                      {t(locale, 'sec.participants.change')}
                      <span class="visually-hidden"> {row.name}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="register-title">
        <h2 id="register-title">{t(locale, 'sec.participants.register.title')}</h2>
        {view.registrable.length === 0 ? (
          <p>{t(locale, 'sec.participants.register.none')}</p>
        ) : (
          <form method="post" action={page.href('/secretariat/participants/register')} novalidate class="sec-form">
            <p>{t(locale, 'sec.participants.register.intro')}</p>
            <CsrfField token={view.csrfToken} />
            <RadioGroup
              locale={locale}
              id="field-participantClass"
              name="participantClass"
              legend={t(locale, 'sec.participants.register.class')}
              error={err('participantClass')}
              value={view.form.participantClass}
              options={view.registrable.map((c) => ({ value: c.id, label: c.label }))}
            />
            <TextField
              locale={locale}
              id="field-code"
              name="code"
              label={t(locale, 'sec.participants.register.code')}
              hint={t(locale, 'sec.participants.register.code.hint')}
              value={view.form.code}
              error={err('code')}
              maxlength={24}
              spellcheck={false}
              dir="ltr"
            />
            {NAME_LANGUAGES.map((language) => (
              <TextField
                locale={locale}
                id={`field-name_${language}`}
                name={`name_${language}`}
                label={t(locale, 'sec.participants.register.name', { language: languageWords(locale, language) })}
                optional={language !== 'en'}
                value={view.form.names[language] ?? ''}
                error={err(`name_${language}`)}
                maxlength={200}
                lang={language}
                dir={language === 'ar' ? 'rtl' : 'ltr'}
              />
            ))}
            <SubmitButton>{t(locale, 'sec.participants.register.submit')}</SubmitButton>
          </form>
        )}
      </section>
    </Layout>
  );
}

export interface EligibilityView {
  readonly code: string;
  readonly name: string;
  readonly classLabel: string;
  readonly form: EligibilityValues;
  readonly errors: readonly FormError[];
  readonly csrfToken: string;
}

/** Whether one participant may reply, why not and since when (administrators; audited). */
export function EligibilityPage({ page, view }: { page: PageContext; view: EligibilityView }) {
  const { locale } = page;
  const err = (field: string) => errorAt(view.errors, `field-${field}`);
  return (
    <Layout
      page={page}
      title={t(locale, 'sec.participants.eligibility.title', { name: view.name })}
      hasErrors={view.errors.length > 0}
    >
      <ErrorSummary locale={locale} errors={view.errors} />
      <p>
        <a href={page.href('/secretariat/participants')}>{t(locale, 'sec.participants.back')}</a>
      </p>
      <p>
        {t(locale, 'sec.participants.eligibility.who', { class: view.classLabel })}{' '}
        <Ltr as="span" class="participant-code">
          {view.code}
        </Ltr>
      </p>
      <form
        method="post"
        action={page.href(`/secretariat/participants/${encodeURIComponent(view.code)}/eligibility`)}
        novalidate
        class="sec-form"
      >
        <CsrfField token={view.csrfToken} />
        <RadioGroup
          locale={locale}
          id="field-mayReply"
          name="mayReply"
          legend={t(locale, 'sec.participants.eligibility.legend')}
          error={err('mayReply')}
          value={view.form.mayReply}
          options={[
            { value: 'yes', label: t(locale, 'sec.participants.mayReply.yes') },
            {
              value: 'no',
              label: t(locale, 'sec.participants.mayReply.no'),
              hint: t(locale, 'sec.participants.eligibility.no.hint'),
            },
          ]}
        />
        <TextAreaField
          locale={locale}
          id="field-note"
          name="note"
          label={t(locale, 'sec.participants.eligibility.note')}
          hint={t(locale, 'sec.participants.eligibility.note.hint')}
          value={view.form.note}
          error={err('note')}
          maxlength={2000}
        />
        <TextField
          locale={locale}
          id="field-since"
          name="since"
          label={t(locale, 'sec.participants.eligibility.since')}
          hint={t(locale, 'sec.participants.eligibility.since.hint')}
          optional
          value={view.form.since}
          error={err('since')}
          maxlength={10}
          class="sec-input-day"
          type="date"
          dir="ltr"
        />
        <SubmitButton>{t(locale, 'sec.participants.eligibility.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}
