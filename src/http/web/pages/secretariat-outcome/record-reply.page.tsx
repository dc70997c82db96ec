import { RECORDED_CHANNELS } from '../../../../domain/reply/reply.js';
import { formatDeadline, intlFor, t } from '../../../../i18n/i18n.js';
import {
  CsrfField,
  errorAt,
  ErrorSummary,
  FieldError,
  type FormError,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextField,
} from '../../components/form.js';
import { keepData, Layout, type PageContext } from '../../components/layout.js';
import {
  ReplyFields,
  SignatureFields,
  type ReplyFormProcedure,
  type ReplyFieldsText,
  type ReplyFieldsValue,
} from '../../components/reply-fields.js';
import type { ConsultationHeadView, StateOptionView } from '../../presenters/secretariat-outcome.presenter.js';
import { channelLabel, ConsultationHead, outcomePath, ZoneField } from './outcome-parts.js';
import { hasProcedureText, procedureText } from '../../../../i18n/procedure-text.js';

/** The form as typed (or empty). */
export interface RecordFormValues {
  readonly memberState: string;
  readonly receivedAt: string;
  /** The zone the time was typed in (RECEIPT_ZONES; `Z` is UTC). */
  readonly receivedZone: string;
  readonly channel: string;
  readonly signatoryName: string;
  readonly signatoryTitle: string;
  readonly place: string;
  readonly signedOn: string;
  /** By text id, in the shape of the shared reply block (components/reply-fields.tsx). */
  readonly positions: Readonly<Record<string, ReplyFieldsValue>>;
}

export interface RecordReplyView {
  readonly head: ConsultationHeadView;
  /** The texts as the reply form heads them. */
  readonly texts: readonly ReplyFieldsText[];
  /** The body consulted ("SG17"), as the procedure's words name it. */
  readonly studyGroup: string;
  /** The consultation's procedure: its reply form and words. */
  readonly procedure: ReplyFormProcedure;
  /** The States that may reply (the select's options). */
  readonly states: readonly StateOptionView[];
  readonly values: RecordFormValues;
  readonly errors: readonly FormError[];
  /** Why nothing can be recorded now (not issued, decisions recorded), or null. */
  readonly closed: 'not-issued' | 'frozen' | null;
  readonly maxBytes: number;
  /** True when the form comes back with errors: the file must be chosen again. */
  readonly chooseFileAgain: boolean;
  /** The text whose comments table was asked for (without the script), if any. */
  readonly rowsFor: string | null;
  readonly csrfToken: string;
  /** What a returned form said, when the form below was filled from one: its file and each value read, worded. */
  readonly readFromFile: { readonly filename: string; readonly lines: readonly string[] } | null;
  /** The message received by e-mail the form below is filled from: its form is the original. */
  readonly fromMessage: { readonly id: string; readonly subject: string; readonly from: string } | null;
}

/**
 * Entering a reply received by e-mail, fax or paper (Annex 2 keyed in as the form says), with
 * the scan of the original. A multipart form: it works with JavaScript off.
 */
export function RecordReplyPage({ page, view }: { page: PageContext; view: RecordReplyView }) {
  const { locale } = page;
  const { values, errors } = view;
  const at = (field: string) => errorAt(errors, field);
  const sizeLimit = intlFor(locale).formatNumber(view.maxBytes / (1024 * 1024), { maximumFractionDigits: 1 });
  return (
    <Layout page={page} title={t(locale, 'outcome.record.title')} hasErrors={errors.length > 0}>
      <ErrorSummary locale={locale} errors={errors} />
      <ConsultationHead page={page} head={view.head} current="record" />
      {view.closed !== null ? (
        <p class="warning" id="record-closed">
          {t(locale, view.closed === 'not-issued' ? 'outcome.record.closed.notIssued' : 'outcome.record.closed.frozen')}
        </p>
      ) : (
        <>
          {view.fromMessage === null && (
            <section class="stack read-form" aria-labelledby="read-form-title" id="read-form">
              <h2 id="read-form-title">{t(locale, 'outcome.record.read.title')}</h2>
              <form
                method="post"
                action={page.href(`${outcomePath(view.head.id, 'record')}/read`)}
                enctype="multipart/form-data"
                novalidate
                class="stack"
              >
                <CsrfField token={view.csrfToken} />
                <TextField
                  locale={locale}
                  id="field-readForm"
                  name="form"
                  type="file"
                  accept=".docx,.pdf,.eml,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/pdf,message/rfc822"
                  label={t(locale, 'outcome.record.read.label')}
                  hint={t(locale, 'outcome.record.read.hint')}
                  error={at('field-readForm')}
                />
                <SubmitButton>{t(locale, 'outcome.record.read.submit')}</SubmitButton>
              </form>
            </section>
          )}
          {view.readFromFile !== null && (
            <section class="notice stack" role="status" aria-labelledby="read-result-title" id="read-result">
              <h2 id="read-result-title">
                {t(locale, 'outcome.record.read.result', { file: view.readFromFile.filename })}
              </h2>
              <p>
                {t(
                  locale,
                  view.fromMessage === null ? 'outcome.record.read.check' : 'outcome.record.fromMessage.check',
                )}
              </p>
              <ul>
                {view.readFromFile.lines.map((line) => (
                  <li dir="auto">{line}</li>
                ))}
              </ul>
            </section>
          )}
          <form
            method="post"
            action={page.href(outcomePath(view.head.id, 'record'))}
            enctype="multipart/form-data"
            novalidate
            class="stack"
            {...keepData(locale)}
          >
            <CsrfField token={view.csrfToken} />
            {view.fromMessage !== null && <input type="hidden" name="message" value={view.fromMessage.id} />}
            <p>{t(locale, 'outcome.record.intro')}</p>

            <SelectField
              locale={locale}
              id="field-memberState"
              name="memberState"
              label={t(locale, 'outcome.record.memberState.label')}
              hint={t(locale, 'outcome.record.memberState.hint')}
              error={at('field-memberState')}
              placeholder={t(locale, 'outcome.record.memberState.choose')}
              options={view.states.map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))}
              selected={values.memberState === '' ? [] : [values.memberState]}
            />
            <TextField
              locale={locale}
              id="field-receivedAt"
              name="receivedAt"
              type="datetime-local"
              label={t(locale, 'outcome.record.receivedAt.label')}
              hint={t(locale, 'outcome.record.receivedAt.hint', { deadline: formatDeadline(locale, view.head) })}
              error={at('field-receivedAt')}
              value={values.receivedAt}
            />
            <ZoneField
              locale={locale}
              id="field-receivedZone"
              name="receivedZone"
              label={t(locale, 'outcome.zone.label')}
              error={at('field-receivedZone')}
              value={values.receivedZone}
            />
            <RadioGroup
              locale={locale}
              id="field-channel"
              name="channel"
              legend={t(locale, 'outcome.record.channel.legend')}
              error={at('field-channel')}
              options={RECORDED_CHANNELS.map((c) => ({ value: c, label: channelLabel(locale, c) }))}
              value={values.channel}
            />

            <section class="outcome-positions" aria-labelledby="field-positions">
              <h2 id="field-positions" tabindex={-1}>
                {t(locale, 'outcome.record.positions.legend')}
              </h2>
              <p class="hint" id="positions-hint">
                {t(locale, 'outcome.record.positions.hint')}
                {/* What the procedure tolerates on a form received otherwise (TAP: a missing sub-option, an unclear form). */}
                {hasProcedureText(view.procedure, 'recorded.hint') &&
                  `${locale === 'zh' ? '' : ' '}${procedureText(locale, view.procedure, 'recorded.hint')}`}
              </p>
              <FieldError
                locale={locale}
                id={at('field-positions') ? 'field-positions-error' : undefined}
                message={at('field-positions')}
              />
              <ReplyFields
                locale={locale}
                texts={view.texts}
                values={values.positions}
                errors={errors}
                procedure={view.procedure}
                body={view.studyGroup}
                uploads={null}
                recorded
                rowsFor={view.rowsFor}
              />
            </section>

            <SignatureFields locale={locale} values={values} errors={errors} />
            {view.fromMessage === null ? (
              <TextField
                locale={locale}
                id="field-scan"
                name="scan"
                type="file"
                accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff,.txt,.docx,.odt,application/pdf,image/png,image/jpeg,image/tiff"
                label={t(locale, 'outcome.record.scan.label')}
                hint={`${t(locale, 'outcome.record.scan.hint', { size: sizeLimit })}${view.chooseFileAgain ? ` ${t(locale, 'outcome.record.scan.again')}` : ''}`}
                error={at('field-scan')}
              />
            ) : (
              <p id="field-scan">
                {t(locale, 'outcome.record.fromMessage.original', {
                  subject: view.fromMessage.subject,
                  from: view.fromMessage.from,
                })}
              </p>
            )}
            <SubmitButton>{t(locale, 'outcome.record.submit')}</SubmitButton>
          </form>
        </>
      )}
    </Layout>
  );
}
