import { intlFor, type Locale, t } from '../../../../i18n/i18n.js';
import { designation } from '../../../../domain/member-states/designations.js';
import { clauseIn } from '../../../../i18n/citations.js';
import type { MailText } from '../../../../services/jobs/mail-messages.js';
import {
  CsrfField,
  errorAt,
  ErrorSummary,
  type FormError,
  Notice,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from '../../components/form.js';
import { Isolate, Ltr, isolateText } from '../../components/bidi.js';
import { Content, richMessage } from '../../components/content.js';
import { Layout, type PageContext } from '../../components/layout.js';
import type {
  DecisionsPageView,
  DecisionTextView,
  StateOptionView,
} from '../../presenters/secretariat-outcome.presenter.js';
import { ConsultationHead, Day, Instant, meetingOutcomeLabel, outcomePath, ZoneField } from './outcome-parts.js';

export interface DecisionsView extends DecisionsPageView {
  /** Problems of the last post (one text's form, or the notice). */
  readonly errors: readonly FormError[];
  readonly csrfToken: string;
  /** Entered afterwards, as a record of an earlier circular: its notice takes its day from the records, and nothing is sent. */
  readonly enteredAfterwards: boolean;
  /** The day typed for a record's notice (shown again when refused). */
  readonly noticeIssuedOn: string;
  /** The notice's own reference as typed (a refused form). */
  readonly noticeReference: string;
  /** The results report's header: as stored, or as typed (a refused form). */
  readonly reportHeader: { readonly td: string; readonly questions: string };
  /** The notice's e-mail as it would go now (while it can be issued; none for a record). */
  readonly noticeMail: MailText | null;
}

/** Empty reservation rows offered below the recorded ones ("Add another reservation" gives more). */
export const BLANK_RESERVATION_ROWS = 2;

/** The most reservation rows a form shows: more than the delegations at a meeting, fewer than a page can hold. */
export const MAX_RESERVATION_ROWS = 300;

/** The id of a field of one text's decision form. */
export const decisionFieldId = (textId: string, field: string) => `field-${textId}-${field}`;

/**
 * Recording what the study group meeting decided on each text (the procedure's meeting rules): deferral,
 * opposing and abstaining delegations, reservations, requests for more time and the formal
 * oppositions received within the 4-week window; the outcome that follows and the windows'
 * ends; then the results notice (the procedure's results-notice rule).
 */
export function DecisionsPage({ page, view }: { page: PageContext; view: DecisionsView }) {
  const { locale } = page;
  const { head } = view;
  return (
    <Layout
      wide
      page={page}
      title={isolateText(t(locale, 'outcome.decisions.title', { reference: head.reference }), [head.reference])}
      hasErrors={view.errors.length > 0}
    >
      <ErrorSummary locale={locale} errors={view.errors} />
      <Notice message={view.notice} />
      <ConsultationHead page={page} head={head} current="decisions" />
      {view.closed !== null && (
        <p class="warning" id="decisions-closed">
          {view.closed === 'open' && (
            <>
              {t(locale, 'outcome.decisions.closed.open')} <Instant locale={locale} at={head.deadlineAt} />
            </>
          )}
          {view.closed === 'meeting-not-started' &&
            richMessage(locale, 'outcome.decisions.closed.meeting', {
              day: <Day locale={locale} day={head.meetingFirstDay} />,
            })}
          {view.closed === 'notified' && t(locale, 'outcome.decisions.closed.notified')}
          {view.closed === 'not-issued' && t(locale, 'outcome.decisions.closed.notIssued')}
        </p>
      )}
      <p>
        {t(locale, 'outcome.decisions.intro', {
          unopposedClause: view.citations.unopposed,
          abstentionClause: view.citations.abstention,
          reservationClause: view.citations.reservation,
          moreTimeClause: view.citations.moreTime,
        })}
      </p>
      <datalist id="member-states">
        {view.states.map((s) => (
          <option value={s.code}>{s.name}</option>
        ))}
      </datalist>
      {view.texts.map((text) => (
        <TextDecision page={page} view={view} text={text} />
      ))}
      <ReportHeaderSection page={page} view={view} />
      <NoticeSection page={page} view={view} />
    </Layout>
  );
}

function TextDecision({ page, view, text }: { page: PageContext; view: DecisionsView; text: DecisionTextView }) {
  const { locale } = page;
  const id = text.text.id;
  const titleId = `text-${id}-title`;
  return (
    <section class="outcome-decision" id={`text-${id}`} aria-labelledby={titleId} tabindex={-1}>
      <h2 id={titleId}>
        <Ltr>{text.text.designation}</Ltr> <Content class="outcome-subtitle" of={text.text.title} />
      </h2>
      <p>
        {text.tally.summary} (<Isolate>{clauseIn(locale, text.tally.clause)}</Isolate>)
      </p>
      <ul class="plain-list outcome-figures">
        {text.tally.figures.map((figure) => (
          <li data-figure={figure.name}>
            {figure.label}: {figure.value ?? t(locale, 'outcome.results.noRatio')}
          </li>
        ))}
      </ul>
      {text.mayBeConsidered && <DecisionOutcome page={page} text={text} states={view.states} />}
      {text.mayBeConsidered && view.closed === null && text.decision === null && (
        <UnopposedForm page={page} view={view} text={text} />
      )}
      {text.mayBeConsidered && view.closed === null && <DecisionForm page={page} view={view} text={text} />}
    </section>
  );
}

/** States by their names in the page's language, joined as the language joins a list ("A, B and C"). */
/**
 * The States chosen in a list, by name: those the form offers by their option's name, any other
 * (an observer or a State without a voice, posted anyway and refused) by its designation with its
 * code, as the refusal names it; an unknown code as typed.
 */
function stateNames(locale: Locale, states: readonly StateOptionView[], codes: readonly string[]): string {
  const names = codes.map((code) => {
    const offered = states.find((s) => s.code === code)?.name;
    if (offered !== undefined) return offered;
    const known = designation(code, locale);
    return known === undefined ? code : `${known} (${code})`;
  });
  return intlFor(locale).formatList(names, { type: 'conjunction' });
}

function DecisionOutcome({
  page,
  text,
  states,
}: {
  page: PageContext;
  text: DecisionTextView;
  states: readonly StateOptionView[];
}) {
  const { locale } = page;
  const d = text.decision;
  if (d === null) return <p id={`decision-${text.text.id}`}>{t(locale, 'outcome.decisions.none')}</p>;
  return (
    <dl class="summary-list" id={`decision-${text.text.id}`}>
      <dt>{t(locale, 'outcome.decisions.outcome')}</dt>
      <dd>
        <strong class={d.outcome === 'approved' ? 'tag' : 'tag outcome-tag-warn'}>
          {meetingOutcomeLabel(locale, d.outcome)}
        </strong>{' '}
        <Isolate>{d.citation}</Isolate>
      </dd>
      {d.opposedBy.length > 0 && (
        <>
          <dt>{t(locale, 'outcome.decisions.opposedBy')}</dt>
          <dd>{stateNames(locale, states, d.opposedBy)}</dd>
        </>
      )}
      {d.reservations.length > 0 && (
        <>
          <dt>{t(locale, 'outcome.decisions.reservations')}</dt>
          <dd>
            <ul class="outcome-list">
              {d.reservations.map((r) => (
                <li>
                  {t(locale, 'public.decision.reservation', {
                    state: stateNames(locale, states, [r.state]),
                    note: r.note,
                  })}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {d.windowEndsAt !== null && (
        <>
          <dt>{t(locale, 'outcome.decisions.window')}</dt>
          <dd>
            <Instant locale={locale} at={d.windowEndsAt} />
          </dd>
        </>
      )}
      {d.mayRestart && (
        <>
          <dt>{t(locale, 'outcome.decisions.next')}</dt>
          <dd>{t(locale, 'outcome.decisions.mayRestart')}</dd>
        </>
      )}
      {text.recordedAt !== null && (
        <>
          <dt>{t(locale, 'outcome.decisions.recordedAt')}</dt>
          <dd>
            <Instant locale={locale} at={text.recordedAt} />
          </dd>
        </>
      )}
    </dl>
  );
}

/**
 * The usual decision in one step: no delegation opposed, abstained, asked for more time or made a
 * reservation (the procedure's unopposed-approval rule). It posts the empty decision.
 */
function UnopposedForm({ page, view, text }: { page: PageContext; view: DecisionsView; text: DecisionTextView }) {
  const { locale } = page;
  const designation = text.text.designation;
  return (
    <form
      method="post"
      action={page.href(outcomePath(view.head.id, 'decisions'))}
      class="outcome-unopposed"
      id={`unopposed-${text.text.id}`}
    >
      <CsrfField token={view.csrfToken} />
      <input type="hidden" name="text" value={text.text.id} />
      <p>{t(locale, 'outcome.decisions.unopposed.hint', { designation, clause: view.citations.unopposed })}</p>
      <SubmitButton>{t(locale, 'outcome.decisions.unopposed.submit', { designation })}</SubmitButton>
    </form>
  );
}

function DecisionForm({ page, view, text }: { page: PageContext; view: DecisionsView; text: DecisionTextView }) {
  const { locale } = page;
  const id = text.text.id;
  const designation = text.text.designation;
  const { citations } = view;
  const v = text.values;
  const fid = (field: string) => decisionFieldId(id, field);
  const at = (field: string) => errorAt(view.errors, fid(field));
  const options = view.states.map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }));
  // Only a delegation whose class may oppose is offered as opposing or as asking for more time.
  const mayOppose = new Set(view.opposers);
  const opposerOptions = options.filter((o) => mayOppose.has(o.value));
  const multiHint = t(locale, 'outcome.decisions.multiHint');
  // The script's words for its search box ({state} is filled in by the script).
  const picker = {
    remove: t(locale, 'outcome.picker.remove', { state: '{state}' }),
    none: t(locale, 'outcome.picker.none'),
    chosen: t(locale, 'outcome.picker.chosen'),
  };
  // A long list scrolls: say which States are chosen, so nobody has to scroll to find them.
  const hintWith = (hint: string, chosen: readonly string[]) =>
    chosen.length === 0
      ? hint
      : `${hint} ${t(locale, 'outcome.decisions.chosen', { states: stateNames(locale, view.states, chosen) })}`;
  // The filled rows, then empty ones: two, or as many as "Add another reservation" asked for.
  const rows = Math.max(v.reservationRows ?? 0, v.reservations.length + BLANK_RESERVATION_ROWS);
  // After "Add another reservation", the first empty row has the focus.
  const added = v.reservationRows !== undefined ? v.reservations.length : -1;
  const reservations = [
    ...v.reservations,
    ...Array.from({ length: rows - v.reservations.length }, () => ({ state: '', note: '' })),
  ];
  return (
    <form
      method="post"
      action={page.href(outcomePath(view.head.id, 'decisions'))}
      class="outcome-decision-form"
      id={`form-${id}`}
    >
      <CsrfField token={view.csrfToken} />
      <input type="hidden" name="text" value={id} />
      <h3>{t(locale, 'outcome.decisions.form.title', { designation })}</h3>
      <div class={at('deferred') ? 'field has-error' : 'field'}>
        <div class="checkbox">
          <input type="checkbox" id={fid('deferred')} name="deferred" value="yes" checked={v.deferred} />
          <label for={fid('deferred')}>
            {t(locale, 'outcome.decisions.deferred', { designation, clause: citations.deferral })}
          </label>
        </div>
      </div>
      <SelectField
        locale={locale}
        id={fid('opposing')}
        name="opposing"
        multiple
        size={6}
        label={t(locale, 'outcome.decisions.opposing', { designation, clause: citations.unopposed })}
        hint={hintWith(multiHint, v.opposing)}
        error={at('opposing')}
        options={opposerOptions}
        selected={v.opposing}
        class="outcome-multi"
        picker={picker}
      />
      <SelectField
        locale={locale}
        id={fid('abstaining')}
        name="abstaining"
        multiple
        size={6}
        label={t(locale, 'outcome.decisions.abstaining', { designation, clause: citations.abstention })}
        hint={hintWith(multiHint, v.abstaining)}
        error={at('abstaining')}
        options={options}
        selected={v.abstaining}
        class="outcome-multi"
        picker={picker}
      />
      <SelectField
        locale={locale}
        id={fid('moreTime')}
        name="moreTime"
        multiple
        size={6}
        label={t(locale, 'outcome.decisions.moreTime', { designation, clause: citations.moreTime })}
        hint={hintWith(`${t(locale, 'outcome.decisions.moreTime.hint')} ${multiHint}`, v.moreTime)}
        error={at('moreTime')}
        options={opposerOptions}
        selected={v.moreTime}
        class="outcome-multi"
        picker={picker}
      />
      <fieldset class="field outcome-rows" aria-describedby={`${fid('reservations')}-hint`}>
        <legend id={fid('reservations')}>
          {t(locale, 'outcome.decisions.reservations.legend', { designation, clause: citations.reservation })}
        </legend>
        <span class="hint" id={`${fid('reservations')}-hint`}>
          {t(locale, 'outcome.decisions.reservations.hint')}
        </span>
        {reservations.map((r, index) => (
          <div class="outcome-row">
            <TextField
              locale={locale}
              id={fid(`res-${index}-state`)}
              name="reservationState"
              type="text"
              list="member-states"
              label={t(locale, 'outcome.decisions.reservations.state', { n: index + 1 })}
              error={at(`res-${index}-state`)}
              value={r.state}
              autofocus={index === added}
              maxlength={2}
              class="input-short"
            />
            <TextField
              locale={locale}
              id={fid(`res-${index}-note`)}
              name="reservationNote"
              type="text"
              label={t(locale, 'outcome.decisions.reservations.note', { n: index + 1 })}
              error={at(`res-${index}-note`)}
              value={r.note}
              maxlength={5000}
            />
          </div>
        ))}
        <input type="hidden" name="reservationRows" value={String(rows)} />
        {rows < MAX_RESERVATION_ROWS && (
          <button type="submit" name="addReservation" value="yes" class="button button-secondary">
            {t(locale, 'outcome.decisions.reservations.add')}
          </button>
        )}
      </fieldset>
      {v.formal.length > 0 && (
        <fieldset class="field outcome-rows" aria-describedby={`${fid('formal')}-hint`}>
          <legend id={fid('formal')}>
            {t(locale, 'outcome.decisions.formal.legend', { designation, clause: citations.moreTime })}
          </legend>
          <span class="hint" id={`${fid('formal')}-hint`}>
            {t(locale, 'outcome.decisions.formal.hint')}
          </span>
          {v.formal.map((f, index) => (
            <div class="outcome-row">
              <input type="hidden" name="formalState" value={f.state} />
              <TextField
                locale={locale}
                id={fid(`formal-${index}-receivedAt`)}
                name="formalReceivedAt"
                type="datetime-local"
                label={t(locale, 'outcome.decisions.formal.receivedAt', {
                  state: stateNames(locale, view.states, [f.state]),
                })}
                error={at(`formal-${index}-receivedAt`) ?? at(`formal-${index}-state`)}
                value={f.receivedAt}
              />
              <ZoneField
                locale={locale}
                id={fid(`formal-${index}-receivedZone`)}
                name="formalReceivedZone"
                label={t(locale, 'outcome.zone.formal', { state: stateNames(locale, view.states, [f.state]) })}
                error={at(`formal-${index}-receivedZone`)}
                value={f.receivedZone}
              />
              <TextAreaField
                class="outcome-textarea"
                locale={locale}
                id={fid(`formal-${index}-reasons`)}
                name="formalReasons"
                label={t(locale, 'outcome.decisions.formal.reasons', {
                  state: stateNames(locale, view.states, [f.state]),
                })}
                value={f.reasons}
                rows={2}
              />
            </div>
          ))}
        </fieldset>
      )}
      <TextAreaField
        class="outcome-textarea"
        locale={locale}
        id={fid('notes')}
        name="notes"
        label={`${t(locale, 'outcome.decisions.notes')} ${t(locale, 'form.optional')}`}
        value={v.notes}
        maxlength={5000}
        rows={2}
      />
      <SubmitButton>{t(locale, 'outcome.decisions.submit', { designation })}</SubmitButton>
    </form>
  );
}

/**
 * The results report's header: the report goes to the meeting as one of its TDs, whose number and
 * Questions the secretariat gives; the report prints them (setReportHeader).
 */
function ReportHeaderSection({ page, view }: { page: PageContext; view: DecisionsView }) {
  const { locale } = page;
  const { head } = view;
  return (
    <section aria-labelledby="report-title" id="results-report" tabindex={-1}>
      <h2 id="report-title">{t(locale, 'outcome.report.title')}</h2>
      <p>{t(locale, 'outcome.report.intro')}</p>
      <form method="post" action={page.href(`/secretariat/consultations/${encodeURIComponent(head.id)}/report-header`)}>
        <CsrfField token={view.csrfToken} />
        <TextField
          locale={locale}
          id="field-reportTd"
          name="td"
          label={t(locale, 'outcome.report.td.label')}
          hint={t(locale, 'outcome.report.td.hint')}
          value={view.reportHeader.td}
          error={errorAt(view.errors, 'field-reportTd')}
          maxlength={60}
          dir="ltr"
          optional
        />
        <TextField
          locale={locale}
          id="field-reportQuestions"
          name="questions"
          label={t(locale, 'outcome.report.questions.label')}
          hint={t(locale, 'outcome.report.questions.hint')}
          value={view.reportHeader.questions}
          error={errorAt(view.errors, 'field-reportQuestions')}
          maxlength={200}
          dir="ltr"
          optional
        />
        <SubmitButton>{t(locale, 'outcome.report.submit')}</SubmitButton>
      </form>
    </section>
  );
}

function NoticeSection({ page, view }: { page: PageContext; view: DecisionsView }) {
  const { locale } = page;
  const { head } = view;
  return (
    <section aria-labelledby="notice-title" id="results-notice" tabindex={-1}>
      <h2 id="notice-title">{t(locale, 'outcome.notice.title')}</h2>
      {head.resultsNoticeAt !== null ? (
        <p>
          {richMessage(locale, 'outcome.notice.issuedAt', {
            time: <Instant locale={locale} at={head.resultsNoticeAt} />,
          })}
        </p>
      ) : !head.deadlinePassed || !head.issued ? (
        <p>{t(locale, 'outcome.notice.notYet', { clause: view.citations.resultsNotice })}</p>
      ) : (
        <>
          {view.missing.length > 0 ? (
            <p id="notice-missing">
              {t(locale, 'outcome.notice.missing', {
                texts: intlFor(locale).formatList(
                  view.missing.map((m) => m.designation),
                  { type: 'conjunction' },
                ),
              })}
            </p>
          ) : (
            <p>{t(locale, 'outcome.notice.ready')}</p>
          )}
          {view.resultsNoticeDueAt !== null && (
            <p>
              {richMessage(locale, 'outcome.notice.due', {
                time: <Instant locale={locale} at={view.resultsNoticeDueAt} />,
              })}
            </p>
          )}
          {view.noticeMail !== null && (
            <details class="sec-mail" id="mail-results">
              <summary>{t(locale, 'outcome.notice.mail')}</summary>
              <dl class="summary-list">
                <dt>{t(locale, 'sec.preview.mails.subject')}</dt>
                <dd dir="auto">{view.noticeMail.subject}</dd>
              </dl>
              <pre class="sec-mail-text" dir="auto">
                {view.noticeMail.text}
              </pre>
            </details>
          )}
          <form
            method="post"
            action={page.href(`/secretariat/consultations/${encodeURIComponent(head.id)}/notice`)}
            data-confirm={t(locale, view.enteredAfterwards ? 'outcome.notice.confirmRecord' : 'outcome.notice.confirm')}
          >
            <CsrfField token={view.csrfToken} />
            <TextField
              locale={locale}
              id="field-noticeReference"
              name="reference"
              label={t(locale, 'outcome.notice.reference.label')}
              hint={t(locale, 'outcome.notice.reference.hint', { reference: head.reference })}
              value={view.noticeReference}
              error={errorAt(view.errors, 'field-noticeReference')}
              maxlength={100}
              optional
            />
            {view.enteredAfterwards && (
              <TextField
                locale={locale}
                id="field-issuedOn"
                name="issuedOn"
                label={t(locale, 'outcome.notice.issuedOn.label')}
                hint={t(locale, 'outcome.notice.issuedOn.hint')}
                value={view.noticeIssuedOn}
                error={errorAt(view.errors, 'field-issuedOn')}
                maxlength={10}
                class="sec-input-day"
                type="date"
                dir="ltr"
                optional
              />
            )}
            <SubmitButton>{t(locale, 'outcome.notice.submit')}</SubmitButton>
          </form>
        </>
      )}
    </section>
  );
}
