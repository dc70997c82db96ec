import { consultationIn, localiseConsultation } from '../domain/consultation/localise.js';
import type { Procedure } from '../domain/procedure/procedure.js';
import { procedureFor } from '../procedures/registry.js';
import { hasProcedureText, procedureText } from '../i18n/procedure-text.js';
import { tallySentenceValues } from '../i18n/tally-text.js';
import { figureLabelAt, outcomeWords } from '../presenters/procedure-words.js';
import { citeClauseIn, citeRoleIn, clauseIn } from '../i18n/citations.js';
import { dirOf, type Locale } from '../i18n/i18n.js';
import type { ConsultationResults, TextResult } from '../domain/consultation/results.js';
import { bureauProfile, studyGroupName } from './bureau.js';
import { headerRows } from './circular.js';
import { type Block, type DocumentContent, inLanguage, CLOSING_LINE } from './content.js';
import { buildDocx } from './docx.js';
import {
  documentFigureValue,
  formatDay,
  formatDayRange,
  formatDeadline,
  formatList,
  msg,
  textLabel,
  pageFurniture,
} from './format.js';
import { circularName } from './reply-form.js';

/**
 * The results notice after the meeting (the procedure's results-notice rule): per text the
 * consultation's figures and the meeting's decision with its clause — approved, not approved (and
 * by whose opposition), deferred, not considered — the reservations registered and the texts still
 * within the window for formal opposition after the meeting, with the instant it closes. Until the notice is issued it
 * is a draft, marked so, for the secretariat.
 */
export interface ResultsNoticeInput {
  /** The results as they stood when the notice was issued (or now, for a draft). */
  readonly results: ConsultationResults;
  /** Member State names by code. */
  readonly stateNames: ReadonlyMap<string, string>;
  /** When the notice was issued; null: a draft. */
  readonly issuedAt: number | null;
}

type NoticeOutcome =
  | 'approved'
  | 'not_approved'
  | 'pending_more_time'
  | 'deferred'
  | 'not_considered'
  | 'undecided'
  | 'failed';

/**
 * What the notice says of a text: under a procedure without a meeting the rule on the replies is
 * the result (approved, or `failed`); with a meeting, what the meeting decided, or that the text
 * did not go to it.
 */
function outcomeOf(procedure: Procedure, result: TextResult): NoticeOutcome {
  if (!procedure.hasMeeting) return result.tally.passes ? 'approved' : 'failed';
  if (!result.tally.passes) return 'not_considered';
  return result.decision?.outcome ?? 'undecided';
}

/** The notice's decision column: the meeting's decision, or, without a meeting, the outcome in the procedure's words. */
function decisionCell(locale: Locale, procedure: Procedure, result: TextResult): string {
  const outcome = outcomeOf(procedure, result);
  if (procedure.hasMeeting) return msg(locale, 'doc.decision', { outcome });
  return outcomeWords(locale, procedure, 'doc', result.tally.outcome);
}

/**
 * The consultation's figures on a text as the notice says them: the procedure's sentence for the
 * notice (its figures by name as values) where it has one, else each figure with its label.
 */
function figuresInWords(locale: Locale, procedure: Procedure, result: TextResult): string {
  const figures = result.tally.figures;
  if (hasProcedureText(procedure, NOTICE_FIGURES))
    return procedureText(
      locale,
      procedure,
      NOTICE_FIGURES,
      Object.fromEntries(figures.map((f) => [f.name, documentFigureValue(locale, f)])),
    );
  return figures
    .map((f) => `${figureLabelAt(locale, procedure, 'doc', f.name)}: ${documentFigureValue(locale, f)}`)
    .join('; ');
}
const NOTICE_FIGURES = 'doc.notice.figures';

/** The notice's content in `locale`. */
export function resultsNoticeContent(locale: Locale, input: ResultsNoticeInput): DocumentContent {
  // The circular's own fields (reference, meeting place) in the notice's language where translated.
  const { consultation: c, localised } = consultationIn(input.results.loaded.consultation, locale);
  const procedure = procedureFor(c.procedure);
  const circular = circularName(locale, c);
  const title = msg(locale, 'doc.notice.title', { circular });
  const name = (code: string) => input.stateNames.get(code) ?? code;
  const texts = input.results.texts;
  const label = (r: TextResult) => textLabel(locale, r.text);
  // The clause of the meeting's decision on a text, cited in the notice's language.
  const decisionCitation = (r: TextResult) =>
    r.decision ? citeClauseIn(locale, procedure, c.resolutionEdition, r.decision.clause) : '';
  const bullets = (items: string[]): Block =>
    items.length > 0 ? { type: 'bullets', items } : { type: 'paragraph', text: msg(locale, 'doc.notice.none') };

  const blocks: Block[] = [];
  if (input.issuedAt === null) blocks.push({ type: 'mark', text: msg(locale, 'doc.mark.draftNotice') });
  if (c.isDemo) blocks.push({ type: 'mark', text: msg(locale, 'doc.mark.demo') });
  if (c.enteredAfterwardsAt !== null)
    blocks.push({
      type: 'mark',
      text: msg(locale, 'doc.mark.enteredAfterwards', { date: formatDay(locale, c.enteredAfterwardsAt) }),
    });
  // Laid out as TSB issues it: a circular of its own (letterhead, place and date, reference,
  // addressees, contact, subject, the letter, the signature), to the circular's addressees.
  const profile = bureauProfile(locale, c);
  const ownReference = c.resultsNoticeReference;
  blocks.push(
    { type: 'letterhead', lines: profile.letterhead },
    {
      type: 'paragraph',
      variant: 'end',
      text: msg(locale, 'doc.circular.placeDate', {
        date: input.issuedAt === null ? msg(locale, 'doc.notice.notIssued') : formatDay(locale, input.issuedAt),
      }),
    },
    { type: 'fields', rows: headerRows(locale, c, localised, ownReference) },
    {
      type: 'fields',
      rows: [
        { label: msg(locale, 'doc.subject'), lines: [title] },
        // The consultation it concludes, when the notice has a reference of its own.
        ...(ownReference === null
          ? []
          : [
              {
                label: msg(locale, 'doc.notice.consultation'),
                lines: [inLanguage(c.reference, localised.reference.language, locale)],
              },
            ]),
        {
          label: msg(locale, 'doc.report.meeting'),
          lines: [
            msg(locale, 'doc.report.meetingValue', {
              studyGroup: studyGroupName(locale, c.studyGroup),
              place: c.meeting.place,
              dates: formatDayRange(locale, c.meeting.firstDay, c.meeting.lastDay),
            }),
          ],
        },
      ],
    },
    { type: 'paragraph', text: msg(locale, 'doc.salutation') },
    {
      type: 'paragraph',
      text: msg(locale, 'doc.notice.intro', {
        circular,
        clause: citeRoleIn(locale, procedure, 'resultsNotice', c.resolutionEdition),
      }),
    },
    {
      type: 'table',
      caption: msg(locale, 'doc.notice.table.caption'),
      headers: [
        msg(locale, 'doc.report.col.text'),
        msg(locale, 'doc.notice.col.consultation'),
        msg(locale, 'doc.notice.col.decision'),
        msg(locale, 'doc.report.col.clause'),
      ],
      rows: texts.map((r) => [
        label(r),
        r.tally.replies === 0 ? msg(locale, 'doc.notice.noReplies') : figuresInWords(locale, procedure, r),
        decisionCell(locale, procedure, r),
        clauseIn(locale, r.decision?.clause ?? r.tally.clause),
      ]),
    },
    { type: 'heading', level: 2, text: msg(locale, 'doc.notice.approvedHeading') },
    bullets(texts.filter((r) => outcomeOf(procedure, r) === 'approved').map(label)),
    { type: 'heading', level: 2, text: msg(locale, 'doc.notice.notApprovedHeading') },
    bullets(
      texts.flatMap((r) => {
        const outcome = outcomeOf(procedure, r);
        if (outcome === 'not_approved')
          return [
            msg(locale, 'doc.notice.opposed', {
              text: label(r),
              states: formatList(locale, (r.decision?.opposedBy ?? []).map(name)),
              clause: decisionCitation(r),
            }),
          ];
        if (outcome === 'failed')
          return [
            msg(locale, 'doc.notice.failed', {
              text: label(r),
              clause: citeClauseIn(locale, procedure, c.resolutionEdition, r.tally.clause),
            }),
          ];
        if (outcome === 'deferred')
          return [msg(locale, 'doc.notice.deferred', { text: label(r), clause: decisionCitation(r) })];
        if (outcome === 'not_considered')
          // The procedure says why the replies kept the text from the meeting (TAP: its share).
          return [
            procedureText(locale, procedure, 'doc.notice.notConsidered', {
              ...tallySentenceValues(locale, procedure, r.tally, c.resolutionEdition),
              text: label(r),
              clause: citeClauseIn(locale, procedure, c.resolutionEdition, r.tally.clause),
            }),
          ];
        return [];
      }),
    ),
    { type: 'heading', level: 2, text: msg(locale, 'doc.notice.reservationsHeading') },
    bullets(
      texts.flatMap((r) =>
        (r.decision?.reservations ?? []).map((reservation) =>
          msg(locale, 'doc.notice.reservation', {
            text: label(r),
            state: name(reservation.state),
            note: reservation.note,
          }),
        ),
      ),
    ),
    { type: 'heading', level: 2, text: msg(locale, 'doc.notice.pendingHeading') },
    bullets(
      texts
        .filter((r) => outcomeOf(procedure, r) === 'pending_more_time')
        .map((r) =>
          msg(locale, 'doc.notice.pending', {
            text: label(r),
            states: formatList(locale, (r.decisionRecord?.input.moreTime ?? []).map(name)),
            until: r.decision?.moreTimeWindowEndsAt ? formatDeadline(locale, r.decision.moreTimeWindowEndsAt) : '—',
            clause: r.decision
              ? decisionCitation(r)
              : citeRoleIn(locale, procedure, 'afterMeeting', c.resolutionEdition),
          }),
        ),
    ),
  );
  const ofRecord = (text: string) => inLanguage(text, c.languageOfRecord, locale);
  blocks.push(
    { type: 'paragraph', text: msg(locale, 'doc.closing') },
    { type: 'signature', lines: [ofRecord(c.signatory.name), ofRecord(c.signatory.title)] },
  );
  // The metadata's subject: the circular's, translated where it is (else in the language of record).
  const subject = localiseConsultation(c, [], locale).subject.value;
  return {
    kind: 'results-notice',
    lang: locale,
    dir: dirOf(locale),
    title,
    subject,
    pages: pageFurniture(locale, ownReference ?? title, profile.footer),
    blocks: [...blocks, CLOSING_LINE],
  };
}

/** The notice as a Word document. */
export function resultsNoticeDocx(locale: Locale, input: ResultsNoticeInput): Promise<Buffer> {
  return buildDocx(resultsNoticeContent(locale, input));
}
