import { stateName } from '../../../presenters/member-state-words.js';
import type { Consultation, DeterminedText } from '../../../domain/consultation/consultation.js';
import type { DeadlineWording } from '../../../domain/consultation/deadline.js';
import type { MeetingDecision, MeetingOutcome, Reservation } from '../../../domain/procedure/outcomes.js';
import { CHANNELS, type Channel, type ReplyFlag, type ReplyVersionStatus } from '../../../domain/reply/reply.js';
import { startOfDay } from '../../../domain/time/instants.js';
import { citeClauseIn, citeRoleIn, formatShare } from '../../../i18n/citations.js';
import type { Locale } from '../../../i18n/i18n.js';
import { hasProcedureText, procedureText } from '../../../i18n/procedure-text.js';
import { tallySentence, tallySentenceValues } from '../../../i18n/tally-text.js';
import type { Procedure } from '../../../domain/procedure/procedure.js';
import type { TextTally } from '../../../domain/procedure/outcomes.js';
import {
  figureLabels,
  filterMatches,
  outcomeWords,
  positionFilters,
  positionSummaries,
  positionWords,
  presentFigures,
  summaryIdOf,
  type FigureView,
  type PositionSummarySpec,
} from '../../../presenters/procedure-words.js';
import type { StoredMemberState } from '../../../domain/member-states/member-state.js';
import type { ConsultationResults } from '../../../services/compute-results.js';
import { deadlinePassed } from '../../../services/load-consultation.js';
import type { ReplyOverview } from '../../../services/read-replies.js';
import {
  presentContent,
  presentContentNotice,
  titleOf,
  type ConsultationContent,
  type ContentNoticeView,
  type ContentView,
} from './content.presenter.js';

/**
 * View-models of the secretariat's outcome pages: who replied and how (the dashboard), the
 * tally per text (results), the meeting's decisions and the results notice. Pure functions of
 * what the services return and the clock: the pages only lay them out.
 */

/** What every outcome page shows of its consultation. */
export interface ConsultationHeadView {
  readonly id: string;
  readonly reference: string;
  /** In the reader's language where translated, else in the language of record (marked so). */
  readonly subject: ContentView;
  /** The page's notice of the subject and titles it shows that are not yet in the reader's language. */
  readonly contentNotice: ContentNoticeView | null;
  readonly deadlineAt: number;
  readonly deadlineWording: DeadlineWording;
  readonly deadlinePassed: boolean;
  readonly issued: boolean;
  readonly resultsNoticeAt: number | null;
  readonly meetingPlace: string;
  readonly meetingFirstDay: string;
  readonly meetingLastDay: string;
  readonly isDemo: boolean;
}

/** The head of a consultation at `now`; `content` holds the texts whose titles the page shows (their notice is the head's). */
export function presentHead(
  consultation: Consultation,
  now: number,
  content: ConsultationContent,
): ConsultationHeadView {
  return {
    id: consultation.id,
    reference: consultation.reference,
    subject: content.subject,
    contentNotice: presentContentNotice([content], { subject: true, titles: true, summaries: false }),
    deadlineAt: consultation.deadlineAt,
    deadlineWording: consultation.deadlineWording,
    deadlinePassed: deadlinePassed(consultation, now),
    issued: consultation.issuedAt !== null,
    resultsNoticeAt: consultation.resultsNoticeAt,
    meetingPlace: consultation.meeting.place,
    meetingFirstDay: consultation.meeting.firstDay,
    meetingLastDay: consultation.meeting.lastDay,
    isDemo: consultation.isDemo,
  };
}

/** A text as the outcome pages name it: id, designation, title. */
export interface TextRefView {
  readonly id: string;
  readonly designation: string;
  readonly title: ContentView;
}

/** A text as the outcome pages name it, its title as `content` shows it. */
export function presentTextRef(text: DeterminedText, content: ConsultationContent): TextRefView {
  return { id: text.id, designation: text.designation, title: titleOf(content, text) };
}

/** A Member State as a list or a select shows it. */
export interface StateOptionView {
  readonly code: string;
  readonly name: string;
}

/** The name of a Member State in the reader's language: one definition for the API, the files and the pages. */
export { stateName };

/** Member States, sorted by name in the reader's language. */
export function presentStateOptions(locale: Locale, states: readonly StoredMemberState[]): StateOptionView[] {
  return states
    .map((s) => ({ code: s.code, name: stateName(locale, s) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

// ---------------------------------------------------------------------------------------------
// The replies dashboard

/**
 * One cell of the position grid: a summary of the position (src/presenters/procedure-words.ts),
 * `kind` or `kind:option`, from the procedure's reply form.
 */
export type PositionSummary = string;

/** A value of the dashboard's position filter: a choice (any sub-option), a choice with a sub-option, or `none` (no position on the text). */
export type PositionFilter = string;

/** A position summary or filter with its words, as the dashboard lists it. */
export interface PositionChoiceView {
  readonly id: string;
  readonly label: string;
}

export const STATUS_FILTERS = ['replied', 'not-replied'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** The filters as the page applies them: unknown values mean "any". */
export interface DashboardFilters {
  readonly status: StatusFilter | null;
  readonly text: string | null;
  readonly position: PositionFilter | null;
  readonly channel: Channel | null;
}

/** A summary id's kind and sub-option. */
function splitSummary(summary: string): [string, string | null] {
  const at = summary.indexOf(':');
  return at < 0 ? [summary, null] : [summary.slice(0, at), summary.slice(at + 1)];
}

const isOneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  value !== undefined && (list as readonly string[]).includes(value);

/** Reads the filters of the query string; a value the page does not offer is ignored. */
export function readFilters(
  query: {
    status?: string | undefined;
    text?: string | undefined;
    position?: string | undefined;
    channel?: string | undefined;
  },
  textIds: readonly string[],
  positionFilters: readonly string[],
): DashboardFilters {
  return {
    status: isOneOf(STATUS_FILTERS, query.status) ? query.status : null,
    text: isOneOf(textIds, query.text) ? query.text : null,
    position: isOneOf([...positionFilters, 'none'], query.position) ? query.position : null,
    channel: isOneOf(CHANNELS, query.channel) ? query.channel : null,
  };
}

export interface DashboardReplyView {
  readonly version: number;
  readonly status: ReplyVersionStatus;
  readonly receivedAt: number;
  readonly channel: Channel;
  /** The version that counts (null: none, e.g. only a late form). */
  readonly countedVersion: number | null;
  readonly late: boolean;
  readonly unclear: boolean;
  readonly flags: readonly ReplyFlag[];
  readonly signatory: string;
  /** SHA-256 of the scan of a recorded form. */
  readonly originalFile: string | null;
  readonly simulated: boolean;
}

export interface DashboardRowView {
  readonly code: string;
  readonly name: string;
  readonly reply: DashboardReplyView | null;
  /** Position per text id (absent: no position on that text). */
  readonly positions: Readonly<Record<string, PositionSummary>>;
}

export interface TextCountsView {
  readonly text: TextRefView;
  /** By summary id, and `none`. */
  readonly counts: Readonly<Record<string, number>>;
}

export interface DashboardView {
  readonly head: ConsultationHeadView;
  readonly texts: readonly TextRefView[];
  readonly filters: DashboardFilters;
  readonly filtered: boolean;
  readonly counts: {
    readonly consulted: number;
    readonly replied: number;
    readonly notReplied: number;
    readonly counted: number;
    readonly late: number;
    readonly unclear: number;
    readonly byChannel: Readonly<Record<Channel, number>>;
  };
  readonly perText: readonly TextCountsView[];
  readonly rows: readonly DashboardRowView[];
  readonly notice: string | null;
  /** The summaries of the procedure's positions (the grid's columns and cells), in its words. */
  readonly summaries: readonly PositionChoiceView[];
  /** The position filter's values, in the procedure's words (`none` is the page's). */
  readonly positionFilters: readonly PositionChoiceView[];
  /** The words of each summary, by id, for the grid's cells. */
  readonly summaryLabels: Readonly<Record<string, string>>;
}

/**
 * Whether a row passes the filters. A text with a position: that position on that text; a
 * position alone: on any text; a text alone: those who gave a position on it. `none` is a
 * State that replied without a position on the text (one that did not reply is "not replied").
 */
function matches(
  row: DashboardRowView,
  filters: DashboardFilters,
  textIds: readonly string[],
  filterSpecs: readonly PositionSummarySpec[],
): boolean {
  if (filters.status === 'replied' && row.reply === null) return false;
  if (filters.status === 'not-replied' && row.reply !== null) return false;
  if (filters.channel !== null && row.reply?.channel !== filters.channel) return false;
  const texts = filters.text === null ? textIds : [filters.text];
  if (filters.position !== null) {
    const wanted = filters.position;
    const spec = filterSpecs.find((f) => f.id === wanted);
    return texts.some((id) => {
      const summary = row.positions[id];
      if (wanted === 'none') return row.reply !== null && summary === undefined;
      if (summary === undefined || spec === undefined) return false;
      const [kind, option] = splitSummary(summary);
      return filterMatches(spec, { position: kind, option });
    });
  }
  if (filters.text !== null) return row.positions[filters.text] !== undefined;
  return true;
}

/** The dashboard: every State that may reply, its latest version and positions, filtered; counts over all. */
export function presentDashboard(
  locale: Locale,
  overview: ReplyOverview,
  query: Parameters<typeof readFilters>[0],
  now: number,
  notice: string | null,
): DashboardView {
  const { consultation, texts, procedure } = overview.loaded;
  const content = presentContent(locale, consultation, texts);
  const textIds = texts.map((t) => t.id);
  const summarySpecs = positionSummaries(procedure);
  const filterSpecs = positionFilters(procedure);
  const filters = readFilters(
    query,
    textIds,
    filterSpecs.map((f) => f.id),
  );
  const wordsOf = (spec: PositionSummarySpec, place: 'grid' | 'filter') =>
    positionWords(locale, procedure, { position: spec.kind, option: spec.option }, consultation.studyGroup, place);
  const summaryLabels = Object.fromEntries(summarySpecs.map((spec) => [spec.id, wordsOf(spec, 'grid')]));
  const all: DashboardRowView[] = overview.rows
    .map((row) => {
      const latest = row.latest;
      const positions: Record<string, PositionSummary> = {};
      if (latest !== null && latest.status === 'submitted')
        for (const p of latest.positions) positions[p.text] = summaryIdOf(p);
      const reply: DashboardReplyView | null =
        latest === null
          ? null
          : {
              version: latest.version,
              status: latest.status,
              receivedAt: latest.receivedAt,
              channel: latest.channel,
              countedVersion: row.countedVersion,
              late: latest.flags.includes('received_after_deadline'),
              unclear: latest.flags.includes('unclear_position'),
              flags: latest.flags.filter((f) => f !== 'received_after_deadline' && f !== 'unclear_position'),
              signatory: latest.signatoryName,
              originalFile: latest.originalFile,
              simulated: latest.simulated,
            };
      return { code: row.state.code, name: stateName(locale, row.state), reply, positions };
    })
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  const replied = all.filter((r) => r.reply !== null);
  const byChannel = Object.fromEntries(
    CHANNELS.map((c) => [c, replied.filter((r) => r.reply!.channel === c).length]),
  ) as Record<Channel, number>;
  const perText = texts.map((text) => {
    const counts: Record<string, number> = Object.fromEntries([...summarySpecs.map((s) => [s.id, 0]), ['none', 0]]);
    for (const row of replied) {
      const summary = row.positions[text.id] ?? 'none';
      counts[summary] = (counts[summary] ?? 0) + 1;
    }
    return { text: presentTextRef(text, content), counts };
  });
  const filtered =
    filters.status !== null || filters.text !== null || filters.position !== null || filters.channel !== null;
  return {
    // The dashboard names texts by their designations: only the subject is localised there.
    head: presentHead(consultation, now, presentContent(locale, consultation, [])),
    texts: texts.map((text) => presentTextRef(text, content)),
    filters,
    filtered,
    counts: {
      consulted: all.length,
      replied: replied.length,
      notReplied: all.length - replied.length,
      counted: all.filter((r) => r.reply?.countedVersion != null).length,
      late: replied.filter((r) => r.reply!.late).length,
      unclear: replied.filter((r) => r.reply!.unclear).length,
      byChannel,
    },
    perText,
    rows: all.filter((row) => matches(row, filters, textIds, filterSpecs)),
    notice,
    summaries: summarySpecs.map((spec) => ({ id: spec.id, label: summaryLabels[spec.id]! })),
    positionFilters: filterSpecs.map((spec) => ({ id: spec.id, label: wordsOf(spec, 'filter') })),
    summaryLabels,
  };
}

// ---------------------------------------------------------------------------------------------
// Results

export interface TextResultView {
  readonly text: TextRefView;
  /** The figures the procedure declares for the text's tally, labelled and formatted. */
  readonly figures: readonly FigureView[];
  /** The rule applied to the text, in words (the procedure's sentence where it has one). */
  readonly rule: string;
  /** The decisions page's sentence on what the consultation allows for the text (null without a meeting). */
  readonly summary: string | null;
  /** How many more supporting replies a text that fell short needed, in the procedure's sentence (null: none, or no sentence). */
  readonly needed: string | null;
  readonly replies: number;
  readonly unclear: number;
  /** Whether the replies let the text go on (to the meeting, or approved without one). */
  readonly passes: boolean;
  /** The procedure's outcome id and its words. */
  readonly outcome: string;
  readonly outcomeLabel: string;
  /** The procedure's basis id (why the outcome is what it is). */
  readonly basis: string;
  readonly clause: string;
  readonly citation: string;
  readonly decision: DecisionOutcomeView | null;
}

/** The meeting's decision on a text as it stands now. */
export interface DecisionOutcomeView {
  readonly outcome: MeetingOutcome;
  readonly clause: string;
  readonly citation: string;
  readonly windowEndsAt: number | null;
  readonly mayRestart: boolean;
  readonly opposedBy: readonly string[];
  readonly reservations: readonly Reservation[];
}

/** The meeting's decision on a text as the pages show it: outcome, clause (cited in the reader's language), window end. */
export function presentDecisionOutcome(
  locale: Locale,
  procedure: Procedure,
  edition: string,
  decision: MeetingDecision,
): DecisionOutcomeView {
  return {
    outcome: decision.outcome,
    clause: decision.clause,
    citation: citeClauseIn(locale, procedure, edition, decision.clause),
    windowEndsAt: decision.moreTimeWindowEndsAt,
    mayRestart: decision.mayRestartWithoutNewDetermination,
    opposedBy: decision.opposedBy,
    reservations: decision.reservations,
  };
}

export interface ResultsPageView {
  readonly head: ConsultationHeadView;
  /** False before the deadline: a provisional tally. */
  readonly final: boolean;
  readonly computedAt: number;
  readonly texts: readonly TextResultView[];
  readonly resultsNoticeDueAt: number | null;
  readonly notice: string | null;
  /** How the procedure's rule reads the figures, in the reader's language (its own sentence where it has one). */
  readonly explain: string;
  /** The labels of the procedure's figures, the table's columns. */
  readonly figureLabels: readonly string[];
}

/** The rule applied to one text, in the procedure's words for the rule's basis: what the replies were against what it needs. */
function ruleInWords(locale: Locale, procedure: Procedure, tally: TextTally, edition: string): string {
  return tallySentence(locale, procedure, `results.rule.${tally.basis}`, tally, edition);
}

/** What the consultation allows for a text, as the decisions page says it (the procedure's sentence for the outcome). */
function decisionSummary(locale: Locale, procedure: Procedure, tally: TextTally, edition: string): string {
  return tallySentence(locale, procedure, `decisions.tally.${tally.outcome}`, tally, edition, { notApplicable: '–' });
}

/** The procedure's note on how far a text that fell short was from passing, where it has one (TAP: more supporting replies needed). */
function shortfallInWords(locale: Locale, procedure: Procedure, tally: TextTally, edition: string): string | null {
  if (tally.passes || !hasProcedureText(procedure, 'results.needed')) return null;
  return procedureText(locale, procedure, 'results.needed', tallySentenceValues(locale, procedure, tally, edition));
}

/** The tally of every text, with the meeting's decision where recorded; titles as `content` shows them. */
export function presentTextResults(
  locale: Locale,
  results: ConsultationResults,
  content: ConsultationContent,
): TextResultView[] {
  const procedure = results.loaded.procedure;
  const edition = results.loaded.consultation.resolutionEdition;
  return results.texts.map(({ text, tally, decision }) => ({
    text: presentTextRef(text, content),
    figures: presentFigures(locale, procedure, tally),
    rule: ruleInWords(locale, procedure, tally, edition),
    // Only a procedure with a meeting has a decisions page to say what the consultation allows.
    summary: procedure.hasMeeting ? decisionSummary(locale, procedure, tally, edition) : null,
    needed: shortfallInWords(locale, procedure, tally, edition),
    replies: tally.replies,
    unclear: tally.unclear,
    passes: tally.passes,
    outcome: tally.outcome,
    outcomeLabel: outcomeWords(locale, procedure, null, tally.outcome),
    basis: tally.basis,
    clause: tally.clause,
    citation: citeClauseIn(locale, procedure, edition, tally.clause),
    decision: decision === null ? null : presentDecisionOutcome(locale, procedure, edition, decision),
  }));
}

/** The secretariat's results page: final after the deadline, provisional before it. */
export function presentResultsPage(
  locale: Locale,
  results: ConsultationResults,
  notice: string | null,
): ResultsPageView {
  const content = presentContent(locale, results.loaded.consultation, results.loaded.texts);
  const procedure = results.loaded.procedure;
  return {
    head: presentHead(results.loaded.consultation, results.computedAt, content),
    final: results.final,
    computedAt: results.computedAt,
    texts: presentTextResults(locale, results, content),
    resultsNoticeDueAt: results.resultsNoticeDueAt,
    notice,
    // Every procedure states which replies its rule counts (procedure-text test).
    explain: procedureText(locale, procedure, 'results.explain', {
      threshold: formatShare(locale, procedure.passThreshold ?? 0),
    }),
    figureLabels: results.texts[0] ? figureLabels(locale, procedure, results.texts[0].tally) : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Meeting decisions

/** Why decisions cannot be recorded now (null: they can). */
export type DecisionsClosed = 'not-issued' | 'open' | 'meeting-not-started' | 'notified';

/** The decision form of one text, as saved or as typed. */
export interface DecisionFormValues {
  readonly deferred: boolean;
  readonly opposing: readonly string[];
  readonly abstaining: readonly string[];
  readonly moreTime: readonly string[];
  readonly reservations: readonly Reservation[];
  /** The reservation rows to show, filled and empty, when more were asked for ("Add another reservation"). */
  readonly reservationRows?: number;
  /** One row per State that asked for more time; `receivedZone` is the zone the time was typed in (`Z`: UTC). */
  readonly formal: readonly {
    readonly state: string;
    readonly receivedAt: string;
    readonly receivedZone: string;
    readonly reasons: string;
  }[];
  readonly notes: string;
}

export interface DecisionTextView {
  readonly text: TextRefView;
  readonly tally: TextResultView;
  /** False when the consultation did not let the meeting consider the text (the procedure's rule). */
  readonly mayBeConsidered: boolean;
  readonly decision: DecisionOutcomeView | null;
  readonly recordedAt: number | null;
  readonly values: DecisionFormValues;
}

export interface DecisionsPageView {
  readonly head: ConsultationHeadView;
  readonly closed: DecisionsClosed | null;
  readonly texts: readonly DecisionTextView[];
  readonly states: readonly StateOptionView[];
  /** The codes of those among `states` whose class may oppose (the only ones offered as opposing or asking for more time). */
  readonly opposers: readonly string[];
  /** Texts that may be considered and have no decision yet: the notice waits for them. */
  readonly missing: readonly TextRefView[];
  readonly resultsNoticeDueAt: number | null;
  readonly notice: string | null;
  /** The clauses the page cites, from the consultation's procedure and edition, in the reader's language. */
  readonly citations: DecisionCitations;
}

/** The clauses of the meeting's rule the decisions page cites, each written in the reader's language. */
export interface DecisionCitations {
  readonly unopposed: string;
  readonly abstention: string;
  readonly reservation: string;
  readonly moreTime: string;
  readonly deferral: string;
  readonly resultsNotice: string;
}

/** The decisions page's citations for a consultation's procedure and edition. */
export function presentDecisionCitations(locale: Locale, results: ConsultationResults): DecisionCitations {
  const { procedure, consultation } = results.loaded;
  const cite = (role: Parameters<typeof citeRoleIn>[2]) =>
    citeRoleIn(locale, procedure, role, consultation.resolutionEdition);
  return {
    unopposed: cite('meetingUnopposed'),
    abstention: cite('meetingAbstention'),
    reservation: cite('meetingReservation'),
    moreTime: cite('afterMeeting'),
    deferral: cite('meetingDeferral'),
    resultsNotice: cite('resultsNotice'),
  };
}

/** The date-time input's value for an instant: `YYYY-MM-DDTHH:MM` in UTC. */
export function utcInputValue(at: number): string {
  return new Date(at).toISOString().slice(0, 16);
}

/** Why decisions may not be recorded at `now`, as recordDecision would refuse (null: they may). */
export function decisionsClosed(consultation: Consultation, now: number): DecisionsClosed | null {
  if (consultation.issuedAt === null) return 'not-issued';
  if (consultation.resultsNoticeAt !== null) return 'notified';
  if (!deadlinePassed(consultation, now)) return 'open';
  if (now < startOfDay(consultation.meeting.firstDay)) return 'meeting-not-started';
  return null;
}

/**
 * The decisions page: per text, its tally, the decision as it stands now and the form's values
 * (as saved, or as just typed for the text whose post failed); the texts the notice waits for.
 */
export function presentDecisionsPage(
  locale: Locale,
  results: ConsultationResults,
  states: readonly StateOptionView[],
  opposers: readonly string[],
  notice: string | null,
  typed: { readonly textId: string; readonly values: DecisionFormValues } | null,
): DecisionsPageView {
  const content = presentContent(locale, results.loaded.consultation, results.loaded.texts);
  const tallies = presentTextResults(locale, results, content);
  const texts = results.texts.map((r, index): DecisionTextView => {
    const record = r.decisionRecord;
    const saved: DecisionFormValues =
      record === null
        ? { deferred: false, opposing: [], abstaining: [], moreTime: [], reservations: [], formal: [], notes: '' }
        : {
            deferred: record.input.deferred,
            opposing: record.input.opposing,
            abstaining: record.input.abstaining,
            moreTime: record.input.moreTime,
            reservations: record.input.reservations,
            formal: record.input.moreTime.map((state) => {
              const found = record.input.formalOppositions.find((o) => o.state === state);
              return {
                state,
                receivedAt: found ? utcInputValue(found.receivedAt) : '',
                receivedZone: 'Z',
                reasons: found?.reasons ?? '',
              };
            }),
            notes: record.notes ?? '',
          };
    return {
      text: presentTextRef(r.text, content),
      tally: tallies[index]!,
      mayBeConsidered: r.tally.passes,
      decision:
        r.decision === null
          ? null
          : presentDecisionOutcome(
              locale,
              results.loaded.procedure,
              results.loaded.consultation.resolutionEdition,
              r.decision,
            ),
      recordedAt: record?.recordedAt ?? null,
      values: typed !== null && typed.textId === r.text.id ? typed.values : saved,
    };
  });
  return {
    head: presentHead(results.loaded.consultation, results.computedAt, content),
    closed: decisionsClosed(results.loaded.consultation, results.computedAt),
    texts,
    states,
    opposers,
    missing: texts.filter((t) => t.mayBeConsidered && t.decision === null).map((t) => t.text),
    resultsNoticeDueAt: results.resultsNoticeDueAt,
    notice,
    citations: presentDecisionCitations(locale, results),
  };
}
