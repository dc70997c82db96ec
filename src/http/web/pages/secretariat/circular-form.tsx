import { t } from '../../../../i18n/i18n.js';
import {
  CheckboxField,
  CsrfField,
  errorAt,
  type FormError,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from '../../components/form.js';
import { UN_LANGUAGES } from '../../../../domain/member-states/designations.js';
import { keepData, LANGUAGE_NAMES, type PageContext } from '../../components/layout.js';
import { languageAttributes } from '../../presenters/content.presenter.js';
import type { TimingView } from '../../presenters/secretariat.presenter.js';
import { RESOLUTION_EDITIONS, type CircularValues } from '../../secretariat/circular.forms.js';
import { citeRoleIn, editionIn } from '../../../../i18n/citations.js';
import { DEFAULT_PROCEDURE_ID, procedureFor } from '../../../../procedures/registry.js';
import { TimingNotes } from './sec-parts.js';
import { TranslationFields } from './translation-fields.js';

export interface CircularFormView {
  readonly values: CircularValues;
  readonly errors: readonly FormError[];
  /** The timing checks of the dates as they stand (null while a date is missing or not a day). */
  readonly timing: readonly TimingView[] | null;
  readonly csrfToken: string;
}

/** The count of timing warnings, with a link to the first date concerned (warnings never block). */
export function TimingSummary({ page, timing }: { page: PageContext; timing: readonly TimingView[] | null }) {
  const warnings = (timing ?? []).filter((check) => check.severity === 'warning');
  if (warnings.length === 0) return null;
  const target =
    warnings[0]!.rule === 'announcement'
      ? '#field-meetingFirstDay'
      : warnings[0]!.rule === 'languages'
        ? '#field-languagesAvailableOn'
        : '#field-deadlineDay';
  return (
    <div class="warning sec-warning-summary">
      <p>
        {t(page.locale, 'sec.timing.summary', { count: warnings.length })}{' '}
        <a href={target}>{t(page.locale, 'sec.timing.summary.link')}</a>
      </p>
    </div>
  );
}

/**
 * Every field of a circular (src/schemas/consultation.schema.ts), grouped as the circular reads:
 * the circular, the meeting, the consultation and its dates, addressees and notes, signature,
 * settings. The timing checks of the rules sit next to the dates they concern.
 */
export function CircularForm({
  page,
  view,
  action,
  submit,
  offerRecord = false,
}: {
  page: PageContext;
  view: CircularFormView;
  action: string;
  submit: string;
  /** Offer to enter it as a record of a past circular (a new circular only: a draft stays what it was created as). */
  offerRecord?: boolean;
}) {
  const { locale } = page;
  const { values, errors, timing } = view;
  const err = (field: string) => errorAt(errors, `field-${field}`);
  const of = (rule: TimingView['rule'] | readonly TimingView['rule'][]) =>
    (timing ?? []).filter((check) => (typeof rule === 'string' ? check.rule === rule : rule.includes(check.rule)));
  const announcement = of('announcement');
  const deadline = of(['consultation_period', 'calendar_data']);
  const languages = of('languages');
  // The subject is written in the language of record: typed with its direction.
  const record = languageAttributes(locale, values.languageOfRecord);
  // A new circular takes the default procedure (as the form's reader does), in the edition chosen.
  const procedure = procedureFor(DEFAULT_PROCEDURE_ID);
  const edition = RESOLUTION_EDITIONS.includes(values.resolutionEdition)
    ? values.resolutionEdition
    : procedure.defaultEdition;
  return (
    <form method="post" action={page.href(action)} novalidate class="sec-form" {...keepData(locale)}>
      <CsrfField token={view.csrfToken} />
      <input type="hidden" name="revision" value={values.revision} />
      {offerRecord && <RecordFields page={page} view={view} />}

      <fieldset class="sec-fieldset">
        <legend>{t(locale, 'sec.circular.group.circular')}</legend>
        <TextField
          locale={locale}
          id="field-bureau"
          name="bureau"
          label={t(locale, 'sec.circular.bureau.label')}
          hint={t(locale, 'sec.circular.bureau.hint')}
          value={values.bureau}
          error={err('bureau')}
          maxlength={20}
          class="input-short"
          dir="ltr"
        />
        <TextField
          locale={locale}
          id="field-studyPeriod"
          name="studyPeriod"
          label={t(locale, 'sec.circular.studyPeriod.label')}
          hint={t(locale, 'sec.circular.studyPeriod.hint')}
          value={values.studyPeriod}
          error={err('studyPeriod')}
          maxlength={9}
          class="input-short"
          dir="ltr"
        />
        <TextField
          locale={locale}
          id="field-number"
          name="number"
          label={t(locale, 'sec.circular.number.label')}
          hint={t(locale, 'sec.circular.number.hint')}
          value={values.number}
          error={err('number')}
          maxlength={6}
          class="input-short"
          dir="ltr"
        />
        <TextField
          locale={locale}
          id="field-date"
          name="date"
          label={t(locale, 'sec.circular.date.label')}
          hint={t(locale, 'sec.field.day.hint')}
          value={values.date}
          error={err('date')}
          maxlength={10}
          class="sec-input-day"
          type="date"
          dir="ltr"
        />
        <TextField
          locale={locale}
          id="field-reference"
          name="reference"
          label={t(locale, 'sec.circular.reference.label')}
          hint={t(locale, 'sec.circular.reference.hint')}
          value={values.reference}
          error={err('reference')}
          maxlength={200}
        />
        <TextField
          locale={locale}
          id="field-studyGroup"
          name="studyGroup"
          label={t(locale, 'sec.circular.studyGroup.label')}
          hint={t(locale, 'sec.circular.studyGroup.hint')}
          value={values.studyGroup}
          error={err('studyGroup')}
          maxlength={50}
          class="input-short"
        />
        <SelectField
          locale={locale}
          id="field-languageOfRecord"
          name="languageOfRecord"
          label={t(locale, 'sec.circular.languageOfRecord.label')}
          hint={t(locale, 'sec.circular.languageOfRecord.hint')}
          selected={[values.languageOfRecord]}
          error={err('languageOfRecord')}
          options={UN_LANGUAGES.map((language) => ({
            value: language,
            label: LANGUAGE_NAMES[language] ?? language,
            lang: language,
          }))}
        />
        <TextAreaField
          class="sec-textarea"
          locale={locale}
          id="field-subject"
          name="subject"
          label={t(locale, 'sec.circular.subject.label')}
          hint={t(locale, 'sec.circular.subject.hint')}
          value={values.subject}
          error={err('subject')}
          rows={3}
          maxlength={2000}
          lang={record.lang}
          dir={record.dir}
        />
      </fieldset>

      <fieldset class="sec-fieldset">
        <legend>{t(locale, 'sec.circular.group.meeting')}</legend>
        <TextField
          locale={locale}
          id="field-meetingPlace"
          name="meetingPlace"
          label={t(locale, 'sec.circular.meetingPlace.label')}
          hint={t(locale, 'sec.circular.meetingPlace.hint')}
          value={values.meetingPlace}
          error={err('meetingPlace')}
          maxlength={200}
        />
        <TextField
          locale={locale}
          id="field-meetingFirstDay"
          name="meetingFirstDay"
          label={t(locale, 'sec.circular.meetingFirstDay.label')}
          hint={t(locale, 'sec.field.day.hint')}
          value={values.meetingFirstDay}
          error={err('meetingFirstDay')}
          maxlength={10}
          dir="ltr"
          class="sec-input-day"
          type="date"
          describedBy={announcement.length > 0 ? ['timing-announcement'] : []}
          after={<TimingNotes locale={locale} id="timing-announcement" checks={announcement} />}
        />
        <TextField
          locale={locale}
          id="field-meetingLastDay"
          name="meetingLastDay"
          label={t(locale, 'sec.circular.meetingLastDay.label')}
          hint={t(locale, 'sec.field.day.hint')}
          value={values.meetingLastDay}
          error={err('meetingLastDay')}
          maxlength={10}
          class="sec-input-day"
          type="date"
          dir="ltr"
        />
        <TextField
          locale={locale}
          id="field-collectiveLetter"
          name="collectiveLetter"
          label={t(locale, 'sec.circular.collectiveLetter.label')}
          hint={t(locale, 'sec.circular.collectiveLetter.hint')}
          value={values.collectiveLetter}
          error={err('collectiveLetter')}
          maxlength={200}
          optional
        />
        <TextField
          locale={locale}
          id="field-announcedOn"
          name="announcedOn"
          label={t(locale, 'sec.circular.announcedOn.label')}
          hint={t(locale, 'sec.circular.announcedOn.hint')}
          value={values.announcedOn}
          error={err('announcedOn')}
          maxlength={10}
          class="sec-input-day"
          type="date"
          dir="ltr"
          optional
          describedBy={announcement.length > 0 ? ['timing-announcement'] : []}
        />
      </fieldset>

      <fieldset class="sec-fieldset">
        <legend>{t(locale, 'sec.circular.group.consultation')}</legend>
        <TextField
          locale={locale}
          id="field-deadlineDay"
          name="deadlineDay"
          label={t(locale, 'sec.circular.deadlineDay.label')}
          hint={t(locale, 'sec.circular.deadlineDay.hint')}
          value={values.deadlineDay}
          error={err('deadlineDay')}
          maxlength={10}
          class="sec-input-day"
          type="date"
          dir="ltr"
          describedBy={deadline.length > 0 ? ['timing-deadline'] : []}
        />
        <RadioGroup
          locale={locale}
          id="field-deadlineWording"
          name="deadlineWording"
          legend={t(locale, 'sec.circular.deadlineWording.label')}
          hint={t(locale, 'sec.circular.deadlineWording.hint')}
          error={err('deadlineWording')}
          value={values.deadlineWording}
          options={[
            { value: 'hhmm', label: t(locale, 'sec.circular.deadlineWording.hhmm') },
            { value: '2400', label: t(locale, 'sec.circular.deadlineWording.2400') },
          ]}
        />
        <TextField
          locale={locale}
          id="field-deadlineTime"
          name="deadlineTime"
          type="time"
          label={t(locale, 'sec.circular.deadlineTime.label')}
          hint={t(locale, 'sec.circular.deadlineTime.hint')}
          value={values.deadlineTime}
          error={err('deadlineTime')}
          maxlength={5}
          dir="ltr"
          class="input-short"
          after={
            timing === null ? (
              <p class="hint">{t(locale, 'sec.timing.pending')}</p>
            ) : (
              <TimingNotes locale={locale} id="timing-deadline" checks={deadline} />
            )
          }
        />
        <TextField
          locale={locale}
          id="field-languagesAvailableOn"
          name="languagesAvailableOn"
          label={t(locale, 'sec.circular.languagesAvailableOn.label')}
          hint={t(locale, 'sec.circular.languagesAvailableOn.hint')}
          value={values.languagesAvailableOn}
          error={err('languagesAvailableOn')}
          maxlength={10}
          dir="ltr"
          class="sec-input-day"
          type="date"
          optional
          describedBy={languages.length > 0 ? ['timing-languages'] : []}
          after={<TimingNotes locale={locale} id="timing-languages" checks={languages} />}
        />
        <SelectField
          locale={locale}
          id="field-resolutionEdition"
          name="resolutionEdition"
          label={t(locale, 'sec.circular.resolutionEdition.label')}
          hint={t(locale, 'sec.circular.resolutionEdition.hint')}
          selected={[values.resolutionEdition]}
          error={err('resolutionEdition')}
          options={RESOLUTION_EDITIONS.map((edition) => ({
            value: edition,
            label: t(locale, 'sec.circular.resolutionEdition.option', {
              edition: editionIn(locale, procedure, edition),
            }),
          }))}
        />
      </fieldset>

      <fieldset class="sec-fieldset">
        <legend>{t(locale, 'sec.circular.group.letter')}</legend>
        <TextAreaField
          class="sec-textarea"
          locale={locale}
          id="field-addressees"
          name="addressees"
          label={t(locale, 'sec.circular.addressees.label')}
          hint={t(locale, 'sec.field.lines.hint')}
          value={values.addressees}
          error={err('addressees')}
          rows={3}
          optional
        />
        <TextAreaField
          class="sec-textarea"
          locale={locale}
          id="field-copies"
          name="copies"
          label={t(locale, 'sec.circular.copies.label')}
          hint={t(locale, 'sec.field.lines.hint')}
          value={values.copies}
          error={err('copies')}
          rows={5}
          optional
        />
        <TextAreaField
          class="sec-textarea"
          locale={locale}
          id="field-notes"
          name="notes"
          label={t(locale, 'sec.circular.notes.label')}
          hint={t(locale, 'sec.circular.notes.hint')}
          value={values.notes}
          error={err('notes')}
          rows={5}
          optional
        />
        <TextField
          locale={locale}
          id="field-signatoryName"
          name="signatoryName"
          label={t(locale, 'sec.circular.signatoryName.label')}
          value={values.signatoryName}
          error={err('signatoryName')}
          maxlength={200}
        />
        <TextField
          locale={locale}
          id="field-signatoryTitle"
          name="signatoryTitle"
          label={t(locale, 'sec.circular.signatoryTitle.label')}
          hint={t(locale, 'sec.circular.signatoryTitle.hint')}
          value={values.signatoryTitle}
          error={err('signatoryTitle')}
          maxlength={500}
        />
      </fieldset>

      <TranslationFields
        locale={locale}
        id="translations-circular"
        legend={t(locale, 'sec.translations.circular.legend')}
        hint={t(locale, 'sec.translations.circular.hint')}
        languageOfRecord={values.languageOfRecord}
        fieldsOf={(language) => {
          const given = values.translations[language];
          return [
            { field: 'subject', value: given.subject, rows: 3, maxlength: 2000 },
            { field: 'reference', value: given.reference, rows: 1, maxlength: 200, oneLine: true },
            { field: 'meetingPlace', value: given.meetingPlace, rows: 1, maxlength: 200, oneLine: true },
            { field: 'collectiveLetter', value: given.collectiveLetter, rows: 1, maxlength: 200, oneLine: true },
            { field: 'addressees', value: given.addressees, rows: 3 },
            { field: 'copies', value: given.copies, rows: 5 },
            { field: 'notes', value: given.notes, rows: 5 },
          ];
        }}
        errors={errors}
      />

      <fieldset class="sec-fieldset">
        <legend>{t(locale, 'sec.circular.group.settings')}</legend>
        <CheckboxField
          id="field-individualRepliesPublic"
          name="individualRepliesPublic"
          label={t(locale, 'sec.circular.individualRepliesPublic.label')}
          hint={t(locale, 'sec.circular.individualRepliesPublic.hint')}
          checked={values.individualRepliesPublic}
        />
        <TextField
          locale={locale}
          id="field-eligibleStates"
          name="eligibleStates"
          label={t(locale, 'sec.circular.eligibleStates.label')}
          hint={t(locale, 'sec.circular.eligibleStates.hint', {
            clause: citeRoleIn(locale, procedure, 'regionalGroup', edition),
          })}
          value={values.eligibleStates}
          error={err('eligibleStates')}
          maxlength={2000}
          optional
          spellcheck={false}
          dir="ltr"
        />
      </fieldset>

      <SubmitButton>{submit}</SubmitButton>
    </form>
  );
}

/**
 * A past circular entered as a record of an earlier circular, with the instant it was issued
 * (UTC, a day and a time as the deadline is typed). Without script the page cannot change as the
 * box is ticked: the box's hint says what a record means, and the page says it again plainly
 * when it comes back with the box ticked.
 */
function RecordFields({ page, view }: { page: PageContext; view: CircularFormView }) {
  const { locale } = page;
  const { values, errors } = view;
  const err = (field: string) => errorAt(errors, `field-${field}`);
  return (
    <fieldset class="sec-fieldset" id="record">
      <legend>{t(locale, 'sec.circular.group.record')}</legend>
      <CheckboxField
        id="field-enteredAfterwards"
        name="enteredAfterwards"
        label={t(locale, 'sec.circular.record.label')}
        hint={t(locale, 'sec.circular.record.hint')}
        checked={values.enteredAfterwards}
      />
      {values.enteredAfterwards && (
        <p class="warning" id="record-chosen">
          {t(locale, 'sec.circular.record.chosen')}
        </p>
      )}
      <TextField
        locale={locale}
        id="field-issuedDay"
        name="issuedDay"
        label={t(locale, 'sec.circular.issuedDay.label')}
        hint={t(locale, 'sec.circular.issuedDay.hint')}
        value={values.issuedDay}
        error={err('issuedDay')}
        maxlength={10}
        class="sec-input-day"
        type="date"
        dir="ltr"
      />
      <TextField
        locale={locale}
        id="field-issuedTime"
        name="issuedTime"
        type="time"
        label={t(locale, 'sec.circular.issuedTime.label')}
        hint={t(locale, 'sec.circular.issuedTime.hint')}
        value={values.issuedTime}
        error={err('issuedTime')}
        maxlength={5}
        class="input-short"
        dir="ltr"
        optional
      />
    </fieldset>
  );
}
