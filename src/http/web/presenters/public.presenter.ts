import type { ConsultationState } from '../../../domain/consultation/consultation-state.js';
import type { Consultation, DeterminedText } from '../../../domain/consultation/consultation.js';
import type { StatedDeadline } from '../../../domain/consultation/deadline.js';
import { MEMBER_STATES } from '../../../domain/member-states/member-states.data.js';
import type { Actor } from '../../../domain/policy/actor.js';
import { sectionNumber } from '../../../domain/procedure/procedure.js';
import { citeClauseIn, citeRoleIn, editionIn, formatShare, instrumentIn, sourceIn } from '../../../i18n/citations.js';
import { DEFAULT_PROCEDURE_ID, procedureFor } from '../../../procedures/registry.js';
import type { ClauseRole } from '../../../domain/procedure/clauses.js';
import type { MeetingDecision } from '../../../domain/procedure/outcomes.js';
import type { TextTally } from '../../../domain/procedure/outcomes.js';
import type { Procedure } from '../../../domain/procedure/procedure.js';
import { figureLabelAt, outcomeWords, positionWords } from '../../../presenters/procedure-words.js';
import { hasProcedureText, procedureText } from '../../../i18n/procedure-text.js';
import { tallySentence } from '../../../i18n/tally-text.js';
import { phaseAccepts, phaseRefusal } from '../../../domain/procedure/phases.js';
import { startOfDay, toIsoDay } from '../../../domain/time/instants.js';
import { formatDeadline, formatUtc, intlFor, isoInstant, t, type Locale } from '../../../i18n/i18n.js';
import type { ConsultationResults, TextResult } from '../../../services/compute-results.js';
import type { ConsultationView } from '../../../services/get-consultation.js';
import {
  presentContent,
  presentContentNotice,
  type ConsultationContent,
  type ContentListView,
  type ContentNoticeView,
  type ContentView,
  type LanguageAttributes,
} from './content.presenter.js';
import { type PhasesView, presentPhases } from './phases.presenter.js';

/**
 * View-models of the public pages (home, consultation, results, approved texts): every date,
 * number and sentence already formatted in the reader's locale, so the pages only lay them out.
 * Instants are shown in UTC (the zone of deadlines); the page script adds the reader's own time.
 */

/** An instant as the pages print it: UTC words, and ISO for `<time datetime>` and the script. */
export interface InstantView {
  readonly iso: string;
  readonly utc: string;
}

/** One consultation in the home page's lists. */
export interface ConsultationRow {
  readonly id: string;
  readonly reference: string;
  /** In the reader's language where translated, else in the language of record (marked so). */
  readonly subject: ContentView;
  readonly studyGroup: string;
  readonly date: string;
  readonly deadline: InstantView;
  /** Time left before the deadline ("141 days 15 hours"); null once it has passed. */
  readonly timeLeft: string | null;
  readonly state: ConsultationState;
  readonly stateLabel: string;
  readonly isDemo: boolean;
}

export interface HomeView {
  readonly open: readonly ConsultationRow[];
  readonly closed: readonly ConsultationRow[];
  /** Drafts, for the secretariat only (null: the reader may not see drafts). */
  readonly drafts: readonly ConsultationRow[] | null;
  /** The plain-words explanation of the procedure. */
  readonly intro: string;
  readonly steps: readonly string[];
  /** Subjects not yet available in the reader's language (one notice for the page). */
  readonly contentNotice: ContentNoticeView | null;
}

/** One determined text as Annex 1 of the circular lists it. */
export interface TextEntry {
  readonly id: string;
  readonly order: number;
  /** "Draft new Recommendation ITU-T X.1353 (X.ztd-iot)". */
  readonly heading: string;
  readonly designation: string;
  readonly workItem: string | null;
  readonly title: ContentView;
  /** The summary's paragraphs (empty when the text has none: a corrigendum), and its language. */
  readonly summary: { readonly paragraphs: readonly string[] } & LanguageAttributes;
  readonly location: string;
  /** Where the text can be read, when the circular gives it. */
  readonly locationUrl: string | null;
  readonly a5Justification: boolean;
  readonly iprStatements: readonly string[];
}

/** What the reader may do from the consultation page. */
export interface ConsultationActions {
  /**
   * A focal point's call to reply: open, upcoming (the phase for replies is still to come), closed
   * (deadline passed), or not consulted; for a reader not signed in while replies are open, the way
   * to sign in, and while they are to come, when; null for others.
   */
  readonly reply: 'open' | 'upcoming' | 'closed' | 'not_consulted' | 'sign_in' | null;
  /** When replies are to come: from when (null while it waits for an event), and the clause that sets it. */
  readonly replyFrom: { readonly at: InstantView | null; readonly clause: string } | null;
  /** The secretariat's link to its own page of the circular. */
  readonly manage: boolean;
  /** The results: final after the deadline, provisional for the secretariat before it, null otherwise. */
  readonly results: 'final' | 'provisional' | null;
}

export interface ConsultationPageView {
  readonly id: string;
  readonly reference: string;
  /** The reference with the language it is written in (marked when it is not the page's). */
  readonly referenceView: ContentView;
  readonly subject: ContentView;
  /** What of the subject, titles and summaries is not yet in the reader's language. */
  readonly contentNotice: ContentNoticeView | null;
  /** The language of the parts written once, in the language of record (the signatory). */
  readonly record: LanguageAttributes;
  /**
   * Clause citations and the instrument with its edition, in the reader's language: each isolated
   * inside the sentences, its direction its own (an Arabic citation right to left, one the
   * catalogue has only in English left to right).
   */
  readonly cited: readonly string[];
  readonly date: string;
  readonly studyGroup: string;
  readonly meeting: string;
  /** The meeting's place (translated, or as the record writes it), isolated inside the meeting's line. */
  readonly meetingPlace: string;
  /** The collective letter with the meeting's agenda; null when the circular names none. */
  readonly agenda: ContentView | null;
  readonly deadline: InstantView;
  readonly timeLeft: string | null;
  readonly state: ConsultationState;
  readonly stateLabel: string;
  /** The procedure's phases as steps with their days, and where the consultation stands in them. */
  readonly phases: PhasesView;
  readonly isDemo: boolean;
  /** For a past consultation entered afterwards, the day it was entered (in words); null when run live. */
  readonly enteredAfterwardsOn: string | null;
  readonly procedureName: string;
  /** The procedure in plain sentences, each citing its clause. */
  readonly ask: readonly string[];
  readonly texts: readonly TextEntry[];
  readonly notes: ContentListView;
  readonly addressees: ContentListView;
  readonly copies: ContentListView;
  readonly signatory: string;
  readonly actions: ConsultationActions;
}

/** The meeting's decision on one text, in words. */
export interface DecisionEntry {
  readonly outcome: MeetingDecision['outcome'];
  readonly label: string;
  readonly explanation: string;
  readonly citation: string;
  readonly mayRestart: boolean;
  /** Delegations that abstained, as a list in words; null when none. */
  readonly abstaining: string | null;
  readonly reservations: readonly string[];
  /** End of the window for formal opposition after the meeting, when more time was asked for. */
  readonly windowEndsAt: InstantView | null;
}

export interface TextResultEntry {
  readonly id: string;
  readonly heading: string;
  readonly designation: string;
  readonly workItem: string | null;
  readonly title: ContentView;
  /** The figures the procedure declares for the text's tally, with the public page's labels; a share with no replies reads "No replies". */
  readonly figures: readonly PublicFigure[];
  /** The figures that are shares (TAP: the share of support), for the overview table. */
  readonly shares: readonly PublicFigure[];
  /** The same figures per class of participant, when the procedure consults more than one (else empty). */
  readonly byClass: readonly ClassFiguresEntry[];
  /** The procedure's outcome id, and whether it lets the text go on (`passes`: the tag's colour). */
  readonly outcome: TextTally['outcome'];
  readonly passes: boolean;
  readonly outcomeLabel: string;
  /** The rule applied, in words, with its clause. */
  readonly explanation: string;
  readonly unclearNote: string | null;
  readonly citation: string;
  /**
   * The decision; `pending` until the meeting records it; `not_considered` when the text did not go
   * to the meeting; `none` under a procedure without a meeting (the outcome is the result).
   */
  readonly decision: DecisionEntry | 'pending' | 'not_considered' | 'none';
  /** The decision in two or three words, for the overview table. */
  readonly decisionSummary: string;
}

/** One class of participant's figures on a text, with whether they count in the text's own. */
export interface ClassFiguresEntry {
  readonly id: string;
  /** The class in the procedure's words ("Member States"). */
  readonly label: string;
  readonly figures: readonly PublicFigure[];
  /** Whether the class's replies count, in words. */
  readonly counted: string;
}

/** A figure as the public page prints it. */
export interface PublicFigure {
  readonly name: string;
  readonly label: string;
  readonly value: string;
}

/** The counted reply of each Member State, per text (only where the circular publishes them). */
export interface StatesTable {
  readonly texts: readonly { readonly id: string; readonly designation: string }[];
  readonly rows: readonly { readonly code: string; readonly name: string; readonly positions: readonly string[] }[];
}

export interface ResultsPageView {
  readonly id: string;
  readonly reference: string;
  readonly subject: ContentView;
  readonly contentNotice: ContentNoticeView | null;
  readonly isDemo: boolean;
  /** For a past consultation entered afterwards, the day it was entered (in words); null when run live. */
  readonly enteredAfterwardsOn: string | null;
  readonly stateLabel: string;
  /** True before the deadline (the secretariat's view): the figures may still change. */
  readonly provisional: boolean;
  readonly closedAt: InstantView;
  readonly computedAt: InstantView;
  readonly meeting: string;
  readonly meetingPlace: string;
  /** The results notice (the procedure's results-notice rule): issued, due, or null before the deadline. */
  readonly notice: string | null;
  readonly texts: readonly TextResultEntry[];
  /** The labels of the procedure's shares (the overview's columns). */
  readonly shareLabels: readonly string[];
  /** Whether a meeting decides after the replies (the decision sections and column are shown only then). */
  readonly hasMeeting: boolean;
  /** The replying States' positions; null when the circular keeps them confidential. */
  readonly states: StatesTable | null;
}

export interface ResultsPendingView {
  readonly id: string;
  readonly reference: string;
  readonly deadline: InstantView;
  readonly timeLeft: string | null;
}

/** One approved text in the list of approved texts. */
export interface ApprovedRow {
  readonly consultationId: string;
  readonly reference: string;
  readonly heading: string;
  readonly designation: string;
  readonly workItem: string | null;
  readonly title: ContentView;
  readonly meeting: string;
  readonly meetingPlace: string;
  readonly reservations: readonly string[];
}

/** The approved texts, and what of their titles is not yet in the reader's language. */
export interface ApprovedView {
  readonly rows: readonly ApprovedRow[];
  readonly contentNotice: ContentNoticeView | null;
}

/** A counted reply: the State and its positions on the texts. */
export interface CountedReply {
  readonly memberState: string;
  /** The participant's names by language as registered (an organisation's are not in the curated list). */
  readonly names: Readonly<Record<string, string>> & { readonly en: string };
  /** The stored position kind of each text (the procedure's reply form reads it). */
  readonly positions: readonly { readonly text: string; readonly position: string }[];
}

const STATE_NAMES = new Map(
  MEMBER_STATES.map((s) => [s.code, s.names as Readonly<Record<string, string | undefined>> & { en: string }]),
);

/** A Member State's ITU designation in the reader's language (English until the others are added). */
export function stateName(locale: Locale, code: string): string {
  const names = STATE_NAMES.get(code);
  return names?.[locale] ?? names?.en ?? code;
}

/**
 * The names, as registered, of the organisations a page names (the Member States' are the curated
 * list's): by code, by language, English required.
 */
export type ParticipantNames = ReadonlyMap<string, Readonly<Record<string, string>> & { readonly en: string }>;

const NO_NAMES: ParticipantNames = new Map();

/** A participant's name in the reader's language: a Member State's from the curated list, an organisation's as registered. */
function participantName(locale: Locale, code: string, names: ParticipantNames): string {
  if (STATE_NAMES.has(code)) return stateName(locale, code);
  const registered = names.get(code);
  return registered?.[locale] ?? registered?.en ?? code;
}

function stateNames(locale: Locale, codes: readonly string[], names: ParticipantNames): string {
  return intlFor(locale).formatList(
    codes.map((code) => participantName(locale, code, names)),
    { type: 'conjunction' },
  );
}

function instant(locale: Locale, at: number): InstantView {
  return { iso: isoInstant(at), utc: formatUtc(locale, at) };
}

/** The deadline as the circular words it ("2359 hours UTC on 16 August 2023", or "2400 hours UTC on …"). */
function deadlineOf(locale: Locale, c: StatedDeadline): InstantView {
  return { iso: isoInstant(c.deadlineAt), utc: formatDeadline(locale, c) };
}

/** A calendar day (`YYYY-MM-DD`, UTC) in words. */
function day(locale: Locale, value: string): string {
  return intlFor(locale).formatDate(startOfDay(value), { dateStyle: 'long', timeZone: 'UTC' });
}

function percent(locale: Locale, share: number): string {
  return intlFor(locale).formatNumber(share, { style: 'percent', maximumFractionDigits: 2 });
}

function count(locale: Locale, n: number): string {
  return intlFor(locale).formatNumber(n);
}

/**
 * Time left before `deadlineAt`, as the page script writes it (the two largest of days, hours
 * and minutes), so the server's text and the script's updates read alike. Null once passed.
 */
export function timeLeft(locale: Locale, deadlineAt: number, now: number): string | null {
  let rest = deadlineAt - now;
  if (rest <= 0) return null;
  const parts: string[] = [];
  for (const [unit, ms] of [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
  ] as const) {
    const n = Math.floor(rest / ms);
    rest -= n * ms;
    if (n > 0 || unit === 'minute')
      parts.push(intlFor(locale).formatNumber(n, { style: 'unit', unit, unitDisplay: 'long' }));
  }
  return parts.slice(0, 2).join(' ');
}

/**
 * The state in words; under a procedure without a meeting, "decided" is the replies' doing, not a
 * meeting's; an open consultation whose phase for replies is still to come does not take them yet.
 */
function stateLabel(locale: Locale, state: ConsultationState, procedure: Procedure, repliesToCome = false): string {
  if (state === 'decided' && !procedure.hasMeeting) return t(locale, 'public.state.decidedByReplies');
  if (state === 'open' && repliesToCome) return t(locale, 'public.state.upcoming');
  return t(locale, `public.state.${state}`);
}

/** Whether an open consultation's phase for replies is still to come at `now` (it runs, but takes no reply yet). */
function repliesToCome(view: ConsultationView, now: number): boolean {
  return view.state === 'open' && !phaseAccepts(view.loaded.procedure.phases, view.timeline, 'reply', now);
}

/** The meeting's line: its place (in the reader's language where translated: `place`) and days. */
function meetingLine(locale: Locale, c: Consultation, place: string): string {
  const dates = t(locale, 'public.meeting.dates', {
    first: day(locale, c.meeting.firstDay),
    last: day(locale, c.meeting.lastDay),
  });
  return t(locale, 'public.meeting.line', { place, dates });
}

/** "Draft new Recommendation ITU-T X.1353 (X.ztd-iot)", as Annex 1 names a text. */
export function textHeading(locale: Locale, text: DeterminedText): string {
  const designation = text.workItem
    ? t(locale, 'public.text.designation.workItem', { designation: text.designation, workItem: text.workItem })
    : text.designation;
  return t(locale, 'public.text.heading', { kind: text.kind, designation });
}

function row(locale: Locale, view: ConsultationView, now: number, content: ConsultationContent): ConsultationRow {
  const c = view.loaded.consultation;
  return {
    id: c.id,
    reference: content.reference,
    subject: content.subject,
    studyGroup: c.studyGroup,
    date: day(locale, c.date),
    deadline: deadlineOf(locale, c),
    timeLeft: view.state === 'open' && !repliesToCome(view, now) ? timeLeft(locale, c.deadlineAt, now) : null,
    state: view.state,
    stateLabel: stateLabel(locale, view.state, view.loaded.procedure, repliesToCome(view, now)),
    isDemo: c.isDemo,
  };
}

/**
 * The home page: open consultations, closed ones (results available or decided) and, for the
 * secretariat, drafts; each list newest first (as the service returns them).
 */
export function presentHome(locale: Locale, views: readonly ConsultationView[], actor: Actor, now: number): HomeView {
  // The subjects the reader is shown (drafts only to the secretariat), each in the reader's language where translated.
  const shown = views.filter((v) => v.state !== 'draft' || actor.kind === 'secretariat');
  const contents = shown.map((v) => presentContent(locale, v.loaded.consultation, []));
  const rows = shown.map((v, index) => row(locale, v, now, contents[index]!));
  // How a consultation goes, as the default procedure runs it: its rule in its words.
  const procedure = procedureFor(DEFAULT_PROCEDURE_ID);
  const threshold = formatShare(locale, procedure.passThreshold ?? 0);
  return {
    open: rows.filter((r) => r.state === 'open'),
    closed: rows.filter((r) => r.state !== 'open' && r.state !== 'draft'),
    drafts: actor.kind === 'secretariat' ? rows.filter((r) => r.state === 'draft') : null,
    intro: t(locale, 'public.home.intro', {
      instrument: instrumentIn(locale, procedure, procedure.clauses(procedure.defaultEdition).instrument),
      section: sectionNumber(procedure, 'procedureSection', procedure.defaultEdition),
    }),
    steps: [
      t(locale, 'public.home.how.issue'),
      t(locale, 'public.home.how.reply'),
      ...(hasProcedureText(procedure, 'public.home.rule')
        ? [procedureText(locale, procedure, 'public.home.rule', { threshold })]
        : []),
      t(locale, 'public.home.how.meeting'),
    ],
    contentNotice: presentContentNotice(contents, { subject: true, titles: false, summaries: false, list: true }),
  };
}

function textEntry(locale: Locale, text: DeterminedText, title: ContentView, summary: ContentView | null): TextEntry {
  return {
    id: text.id,
    order: text.order,
    heading: textHeading(locale, text),
    designation: text.designation,
    workItem: text.workItem,
    title,
    summary: {
      paragraphs: (summary?.value ?? '')
        .split('\n')
        .map((p) => p.trim())
        .filter((p) => p !== ''),
      lang: summary?.lang,
      dir: summary?.dir,
    },
    location: text.location,
    locationUrl: text.locationUrl,
    a5Justification: text.a5Justification,
    iprStatements: [...text.iprStatements],
  };
}

/** What the reader may do, by who they are and where the consultation stands. */
function actionsFor(
  locale: Locale,
  view: ConsultationView,
  actor: Actor,
  participates: boolean | undefined,
  now: number,
): ConsultationActions {
  const c = view.loaded.consultation;
  const { procedure } = view.loaded;
  const passed = view.state !== 'open' && view.state !== 'draft';
  // Open but not taking replies yet: the phase for replies is still to come (the procedure's timeline).
  const refusal = view.state === 'open' ? phaseRefusal(procedure.phases, view.timeline, 'reply', now) : null;
  const toCome = refusal?.reason === 'not_yet' ? refusal.window : null;
  let reply: ConsultationActions['reply'] = null;
  if (actor.kind === 'focal_point') {
    const consulted =
      participates ?? (c.settings.eligibleStates === null || c.settings.eligibleStates.includes(actor.memberState));
    reply = !consulted
      ? 'not_consulted'
      : toCome !== null
        ? 'upcoming'
        : view.state === 'open'
          ? 'open'
          : passed
            ? 'closed'
            : null;
  } else if (actor.kind === 'public' && view.state === 'open') {
    reply = toCome !== null ? 'upcoming' : 'sign_in';
  }
  const secretariat = actor.kind === 'secretariat';
  return {
    reply,
    replyFrom:
      toCome === null
        ? null
        : {
            at: toCome.startsAt === null ? null : instant(locale, toCome.startsAt),
            clause: citeClauseIn(locale, procedure, c.resolutionEdition, toCome.clause),
          },
    manage: secretariat,
    results: passed ? 'final' : secretariat ? 'provisional' : null,
  };
}

/**
 * The consultation page, mirroring the circular: reference, date, subject, meeting, deadline,
 * the procedure in plain sentences with their clauses (cited from its clause table), Annex 1, the TSB notes.
 */
export function presentConsultationPage(
  locale: Locale,
  view: ConsultationView,
  actor: Actor,
  now: number,
  /** For a focal point, whether its participant takes part (the procedure's eligibility rule); unknown: by the consulted list. */
  participates?: boolean,
): ConsultationPageView {
  const c = view.loaded.consultation;
  // Clause numbers come from the consultation's procedure and edition (its clause table).
  const procedure = procedureFor(c.procedure);
  const clauses = procedure.clauses(c.resolutionEdition);
  const instrument = instrumentIn(locale, procedure, clauses.instrument);
  const edition = editionIn(locale, procedure, clauses.edition);
  const cited: string[] = [];
  const cite = (role: ClauseRole) => {
    const citation = citeRoleIn(locale, procedure, role, c.resolutionEdition);
    cited.push(citation);
    return citation;
  };
  const threshold = formatShare(locale, procedure.passThreshold ?? 0);
  const content = presentContent(locale, c, view.loaded.texts);
  const ask = [
    procedureText(locale, procedure, 'public.ask.consult', {
      clause: cite('replyPeriod'),
      deadline: formatDeadline(locale, c),
    }),
    procedureText(locale, procedure, 'public.ask.rule', {
      threshold,
      clause: cite('consultationPasses'),
      failClause: cite('consultationFails'),
    }),
    // What the procedure asks of a reply that does not support a text, where it asks something (TAP: reasons).
    ...(hasProcedureText(procedure, 'public.ask.reasons')
      ? [procedureText(locale, procedure, 'public.ask.reasons', { clause: cite('reasons') })]
      : []),
    t(locale, 'public.consultation.ask.who'),
  ];
  return {
    id: c.id,
    reference: content.reference,
    referenceView: content.referenceView,
    subject: content.subject,
    contentNotice: presentContentNotice([content], { subject: true, titles: true, summaries: true, circular: true }),
    record: content.record,
    // The instrument with its edition first: isolated apart, its two halves would swap in a right-to-left line.
    cited: [...cited, sourceIn(locale, procedure, c.resolutionEdition), instrument, edition],
    date: day(locale, c.date),
    studyGroup: c.studyGroup,
    meeting: meetingLine(locale, c, content.circular.meetingPlace.value),
    meetingPlace: content.circular.meetingPlace.value,
    agenda: content.circular.collectiveLetter,
    deadline: deadlineOf(locale, c),
    timeLeft: view.state === 'open' && !repliesToCome(view, now) ? timeLeft(locale, c.deadlineAt, now) : null,
    state: view.state,
    stateLabel: stateLabel(locale, view.state, view.loaded.procedure, repliesToCome(view, now)),
    phases: presentPhases(locale, view, now),
    isDemo: c.isDemo,
    enteredAfterwardsOn: enteredAfterwardsOn(locale, c.enteredAfterwardsAt),
    procedureName: procedureText(locale, procedure, 'procedure.name', {
      instrument,
      edition,
      section: sectionNumber(procedure, 'procedureSection', c.resolutionEdition),
    }),
    ask,
    texts: view.loaded.texts.map((text) =>
      textEntry(locale, text, content.texts[text.id]!.title, content.texts[text.id]!.summary),
    ),
    notes: content.circular.notes,
    addressees: content.circular.addressees,
    copies: content.circular.copies,
    signatory: t(locale, 'public.consultation.signatory.line', { name: c.signatory.name, title: c.signatory.title }),
    actions: actionsFor(locale, view, actor, participates, now),
  };
}

/** The rule applied to one text, in the procedure's words, with its clause (its sentence for the rule's basis). */
export function explainTallyInWords(locale: Locale, procedure: Procedure, tally: TextTally, edition: string): string {
  return tallySentence(locale, procedure, `public.explain.${tally.basis}`, tally, edition, {
    share: (value) => formatShare(locale, value / 100),
  });
}

function decisionEntry(
  locale: Locale,
  procedure: Procedure,
  edition: string,
  result: TextResult,
  decision: MeetingDecision,
  names: ParticipantNames,
): DecisionEntry {
  const clause = citeClauseIn(locale, procedure, edition, decision.clause);
  const moreTime = result.decisionRecord?.input.moreTime ?? [];
  const windowEnd = decision.moreTimeWindowEndsAt;
  let explanation: string;
  if (decision.outcome === 'approved') {
    explanation = t(
      locale,
      windowEnd === null ? 'public.decision.explain.approved' : 'public.decision.explain.approvedAfterWindow',
      { clause },
    );
  } else if (decision.outcome === 'not_approved') {
    explanation = t(locale, 'public.decision.explain.not_approved', {
      states: stateNames(locale, decision.opposedBy, names),
      clause,
    });
  } else if (decision.outcome === 'pending_more_time') {
    explanation = t(locale, 'public.decision.explain.pending_more_time', {
      states: stateNames(locale, moreTime, names),
      when: formatUtc(locale, windowEnd ?? 0),
      clause,
    });
  } else {
    explanation = t(locale, 'public.decision.explain.deferred', { clause });
  }
  const abstaining = result.decisionRecord?.input.abstaining ?? [];
  return {
    outcome: decision.outcome,
    label: t(locale, `public.decision.outcome.${decision.outcome}`),
    explanation,
    citation: clause,
    mayRestart: decision.outcome !== 'approved' && decision.mayRestartWithoutNewDetermination,
    abstaining: abstaining.length === 0 ? null : stateNames(locale, abstaining, names),
    reservations: decision.reservations.map((r) =>
      t(locale, 'public.decision.reservation', { state: participantName(locale, r.state, names), note: r.note }),
    ),
    windowEndsAt: windowEnd === null ? null : instant(locale, windowEnd),
  };
}

/** The figures of a tally as the public page prints them: shares with up to two decimals ("69.57%"). */
function publicFigures(locale: Locale, procedure: Procedure, tally: TextTally): PublicFigure[] {
  return tally.figures.map((figure) => ({
    name: figure.name,
    label: figureLabelAt(locale, procedure, 'public', figure.name),
    value:
      figure.value === null
        ? t(locale, 'public.results.ratio.none')
        : figure.format === 'percent'
          ? percent(locale, figure.value / 100)
          : count(locale, figure.value),
  }));
}

function textResultEntry(
  locale: Locale,
  procedure: Procedure,
  edition: string,
  result: TextResult,
  title: ContentView,
  names: ParticipantNames,
): TextResultEntry {
  const { text, tally, decision } = result;
  const figures = publicFigures(locale, procedure, tally);
  const formats = new Map(tally.figures.map((f) => [f.name, f.format]));
  return {
    id: text.id,
    heading: textHeading(locale, text),
    designation: text.designation,
    workItem: text.workItem,
    title,
    figures,
    shares: figures.filter((f) => formats.get(f.name) === 'percent'),
    byClass: result.byClass.map((c) => ({
      id: c.participantClass,
      label: procedureText(locale, procedure, `class.${c.participantClass}`),
      figures: publicFigures(locale, procedure, c.tally),
      counted: t(locale, 'public.results.byClass.counted', { counted: c.counted ? 'yes' : 'no' }),
    })),
    outcome: tally.outcome,
    passes: tally.passes,
    outcomeLabel: outcomeWords(locale, procedure, 'public', tally.outcome),
    explanation: explainTallyInWords(locale, procedure, tally, edition),
    unclearNote: tally.unclear === 0 ? null : t(locale, 'public.explain.unclear', { count: tally.unclear }),
    citation: citeClauseIn(locale, procedure, edition, tally.clause),
    decision: !procedure.hasMeeting
      ? 'none'
      : !tally.passes
        ? 'not_considered'
        : decision === null
          ? 'pending'
          : decisionEntry(locale, procedure, edition, result, decision, names),
    decisionSummary: !procedure.hasMeeting
      ? ''
      : !tally.passes
        ? t(locale, 'public.overview.notConsidered')
        : decision === null
          ? t(locale, 'public.overview.pending')
          : t(locale, `public.decision.outcome.${decision.outcome}`),
  };
}

function statesTable(locale: Locale, results: ConsultationResults, counted: readonly CountedReply[]): StatesTable {
  const { texts, procedure, consultation } = results.loaded;
  // A position as the public grid reads it, in the procedure's words (TAP: "Supports").
  const positionLabel = (p: CountedReply['positions'][number] | undefined): string =>
    p === undefined
      ? t(locale, 'public.position.none')
      : positionWords(locale, procedure, { position: p.position, option: null }, consultation.studyGroup, 'public');
  return {
    texts: texts.map((text) => ({ id: text.id, designation: text.designation })),
    rows: [...counted]
      .map((reply) => ({
        code: reply.memberState,
        name: STATE_NAMES.has(reply.memberState)
          ? stateName(locale, reply.memberState)
          : (reply.names[locale] ?? reply.names.en),
        positions: texts.map((text) => positionLabel(reply.positions.find((p) => p.text === text.id))),
      }))
      // By name in the reader's language, as a reader looks for a State.
      .sort((a, b) => a.name.localeCompare(b.name, locale)),
  };
}

/**
 * The results page: per text the replies, the support, the share, the outcome and the rule in
 * words with its clause; the meeting's decisions; the replying States' positions when the
 * circular publishes them (`counted` is null when it does not).
 */
export function presentResultsPage(
  locale: Locale,
  results: ConsultationResults,
  counted: readonly CountedReply[] | null,
  names: ParticipantNames = NO_NAMES,
): ResultsPageView {
  const c = results.loaded.consultation;
  const notice =
    c.resultsNoticeAt !== null
      ? t(locale, 'public.results.notice.issued', { when: formatUtc(locale, c.resultsNoticeAt) })
      : results.resultsNoticeDueAt !== null
        ? t(locale, 'public.results.notice.due', { when: formatUtc(locale, results.resultsNoticeDueAt) })
        : null;
  const content = presentContent(
    locale,
    c,
    results.texts.map((r) => r.text),
  );
  return {
    id: c.id,
    reference: content.reference,
    subject: content.subject,
    contentNotice: presentContentNotice([content], { subject: true, titles: true, summaries: false }),
    isDemo: c.isDemo,
    enteredAfterwardsOn: enteredAfterwardsOn(locale, c.enteredAfterwardsAt),
    stateLabel: stateLabel(locale, results.state, results.loaded.procedure),
    provisional: !results.final,
    closedAt: deadlineOf(locale, c),
    computedAt: instant(locale, results.computedAt),
    meeting: meetingLine(locale, c, content.circular.meetingPlace.value),
    meetingPlace: content.circular.meetingPlace.value,
    notice,
    texts: results.texts.map((r) =>
      textResultEntry(locale, results.loaded.procedure, c.resolutionEdition, r, content.texts[r.text.id]!.title, names),
    ),
    shareLabels: results.texts[0]
      ? results.texts[0].tally.figures
          .filter((f) => f.format === 'percent')
          .map((f) => figureLabelAt(locale, results.loaded.procedure, 'public', f.name))
      : [],
    hasMeeting: results.loaded.procedure.hasMeeting,
    states: counted === null ? null : statesTable(locale, results, counted),
  };
}

/** The page saying results come after the deadline. */
export function presentResultsPending(locale: Locale, view: ConsultationView, now: number): ResultsPendingView {
  const c = view.loaded.consultation;
  return {
    id: c.id,
    reference: presentContent(locale, c, []).reference,
    deadline: deadlineOf(locale, c),
    timeLeft: timeLeft(locale, c.deadlineAt, now),
  };
}

/**
 * The texts the meetings approved (unopposed at the meeting, or after the window for formal
 * opposition), newest meeting first, then in the circular's order.
 */
export function presentApproved(
  locale: Locale,
  all: readonly ConsultationResults[],
  names: ParticipantNames = NO_NAMES,
): ApprovedView {
  const sorted = [...all].sort((a, b) =>
    b.loaded.consultation.meeting.lastDay.localeCompare(a.loaded.consultation.meeting.lastDay),
  );
  const contents = [];
  const rows: ApprovedRow[] = [];
  for (const results of sorted) {
    const c = results.loaded.consultation;
    const approved = results.texts.filter((r) => r.decision?.outcome === 'approved');
    if (approved.length === 0) continue;
    const content = presentContent(
      locale,
      c,
      approved.map((r) => r.text),
    );
    contents.push(content);
    for (const r of approved) {
      rows.push({
        consultationId: c.id,
        reference: content.reference,
        heading: textHeading(locale, r.text),
        designation: r.text.designation,
        workItem: r.text.workItem,
        title: content.texts[r.text.id]!.title,
        meeting: meetingLine(locale, c, content.circular.meetingPlace.value),
        meetingPlace: content.circular.meetingPlace.value,
        reservations: r.decision!.reservations.map((res) =>
          t(locale, 'public.decision.reservation', {
            state: participantName(locale, res.state, names),
            note: res.note,
          }),
        ),
      });
    }
  }
  return { rows, contentNotice: presentContentNotice(contents, { subject: false, titles: true, summaries: false }) };
}

/** The day a past consultation was entered afterwards, in words; null for one run live. */
function enteredAfterwardsOn(locale: Locale, at: number | null): string | null {
  return at === null ? null : day(locale, toIsoDay(at));
}
