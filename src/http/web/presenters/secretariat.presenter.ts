import { stateName } from '../../../presenters/member-state-words.js';
import type { HolidayCalendar } from '../../../domain/calendar/itu-geneva-holidays.js';
import { studyGroupName } from '../../../documents/bureau.js';
import type { ConsultationState } from '../../../domain/consultation/consultation-state.js';
import type { Consultation, DeterminedText, TextKind } from '../../../domain/consultation/consultation.js';
import type { DeadlineWording } from '../../../domain/consultation/deadline.js';
import type { FieldProblem } from '../../../domain/errors.js';
import { DEFAULT_PROCEDURE_ID, procedureFor } from '../../../procedures/registry.js';
import type { TimingCheck, TimingPolicy } from '../../../domain/procedure/timing.js';
import { type Procedure, sectionNumber } from '../../../domain/procedure/procedure.js';
import { startOfDay } from '../../../domain/time/instants.js';
import { intlFor, t, type Locale, type MessageId } from '../../../i18n/i18n.js';
import { citeClauseIn, citeRoleIn, editionIn, formatShare } from '../../../i18n/citations.js';
import { hasProcedureText, procedureText } from '../../../i18n/procedure-text.js';
import {
  type Account,
  type AuthenticatorResetRefusal,
  authenticatorResetRefusal,
} from '../../../domain/identity/account.js';
import type { StoredAuditEvent } from '../../../domain/audit/audit-event.js';
import type { StoredMemberState } from '../../../domain/member-states/member-state.js';
import type { ChainVerification } from '../../../services/verify-audit-chain.js';
import type { ConsultationView } from '../../../services/get-consultation.js';
import type { LoadedConsultation } from '../../../services/load-consultation.js';
import { UN_LANGUAGES } from '../../../domain/member-states/designations.js';
import type { UnLanguage } from '../../../domain/member-states/member-states.data.js';
import { timingFactsOf, type CircularValues } from '../secretariat/circular.forms.js';
import type { InviteRole } from '../secretariat/invite.forms.js';
import { presentContent, presentContentNotice, type ContentNoticeView, type ContentView } from './content.presenter.js';

/* ------------------------------------------------------------------ shared */

/** A calendar day as people read it ("29 August 2023"); days are UTC days. */
export function formatDay(locale: Locale, day: string): string {
  return intlFor(locale).formatDate(startOfDay(day), {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** A whole number as the reader writes it. */
export function formatCount(locale: Locale, n: number): string {
  return intlFor(locale).formatNumber(n);
}

/** The name of a Member State in the reader's language: one definition for the API, the files and the pages. */
export { stateName };

/* ------------------------------------------------------------------ timing */

/** One timing check, as a sentence with its clause, next to the dates it concerns. */
export interface TimingView {
  readonly rule: TimingCheck['rule'];
  readonly severity: TimingCheck['severity'];
  readonly message: string;
}

const TIMING_MESSAGES: Readonly<Record<string, MessageId>> = {
  'announcement.ok': 'sec.timing.announcement.ok',
  'announcement.warning': 'sec.timing.announcement.warning',
  'consultation_period.ok': 'sec.timing.consultationPeriod.ok',
  'consultation_period.warning': 'sec.timing.consultationPeriod.warning',
  'languages.ok': 'sec.timing.languages.ok',
  'languages.warning': 'sec.timing.languages.warning',
  'languages.info': 'sec.timing.languages.info',
  'calendar_data.warning': 'sec.timing.calendarData.warning',
};

/**
 * The timing checks of the rules (the procedure's rules on dates and periods) in the reader's language, each
 * citing its clause. Days are formatted; the counts stay numbers for the plural rules.
 */
export function presentTiming(
  locale: Locale,
  procedure: Procedure,
  edition: string,
  checks: readonly TimingCheck[],
): TimingView[] {
  return checks.map((check) => {
    const id = TIMING_MESSAGES[`${check.rule}.${check.severity}`];
    const values: Record<string, string | number> = {
      clause: check.clause === null ? '' : citeClauseIn(locale, procedure, edition, check.clause),
    };
    for (const [key, value] of Object.entries(check.params)) {
      values[key] =
        typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
          ? formatDay(locale, value)
          : typeof value === 'number' && /Year$/.test(key)
            ? String(value)
            : value;
    }
    // A rule this page does not know yet still shows, in the procedure's own words.
    return {
      rule: check.rule,
      severity: check.severity,
      message: id === undefined ? check.message : t(locale, id, values),
    };
  });
}

/**
 * The timing checks of the dates of a circular form as typed (nothing saved yet), or null while a
 * date is missing or not a real day. Warnings never block: the secretariat may have reasons.
 */
export function formTiming(
  locale: Locale,
  values: CircularValues,
  calendar: HolidayCalendar,
  policy: TimingPolicy,
): TimingView[] | null {
  const facts = timingFactsOf(values);
  if (facts === null) return null;
  const procedure = procedureFor(DEFAULT_PROCEDURE_ID);
  return presentTiming(
    locale,
    procedure,
    values.resolutionEdition,
    procedure.checkTiming(facts, values.resolutionEdition, calendar, policy),
  );
}

/* ------------------------------------------------------------------ the circulars */

/** The groups of the circulars page. */
export const CIRCULAR_GROUPS = ['draft', 'open', 'closed', 'decided'] as const;
export type CircularGroup = (typeof CIRCULAR_GROUPS)[number];

export interface CircularRow {
  readonly id: string;
  readonly reference: string;
  /** In the reader's language where translated, else in the language of record (marked so). */
  readonly subject: ContentView;
  readonly deadlineAt: number;
  readonly deadlineWording: DeadlineWording;
  readonly state: ConsultationState;
  readonly texts: number;
  /** Member States whose current reply stands (drafts: null). */
  readonly repliesReceived: number | null;
  /** Timing warnings of its dates. */
  readonly warnings: number;
  readonly isDemo: boolean;
}

/** The group a state belongs to: decided and notified circulars are both past the meeting. */
function groupOf(state: ConsultationState): CircularGroup {
  return state === 'notified' ? 'decided' : state;
}

/** The circulars by group (drafts first; within a group the latest deadline first), and the page's notice of subjects not yet in the reader's language. */
export function presentCirculars(
  locale: Locale,
  views: readonly ConsultationView[],
  repliesReceived: ReadonlyMap<string, number>,
): { groups: Record<CircularGroup, CircularRow[]>; contentNotice: ContentNoticeView | null } {
  const groups: Record<CircularGroup, CircularRow[]> = { draft: [], open: [], closed: [], decided: [] };
  const contents = views.map((view) => presentContent(locale, view.loaded.consultation, []));
  for (const [index, view] of views.entries()) {
    const c = view.loaded.consultation;
    groups[groupOf(view.state)].push({
      id: c.id,
      reference: c.reference,
      subject: contents[index]!.subject,
      deadlineAt: c.deadlineAt,
      deadlineWording: c.deadlineWording,
      state: view.state,
      texts: view.loaded.texts.length,
      repliesReceived: view.state === 'draft' ? null : (repliesReceived.get(c.id) ?? 0),
      warnings: view.timing.filter((check) => check.severity === 'warning').length,
      isDemo: c.isDemo,
    });
  }
  for (const rows of Object.values(groups))
    rows.sort((a, b) => b.deadlineAt - a.deadlineAt || a.reference.localeCompare(b.reference));
  return {
    groups,
    contentNotice: presentContentNotice(contents, { subject: true, titles: false, summaries: false, list: true }),
  };
}

/* ------------------------------------------------------------------ one circular */

export interface TextRow {
  readonly id: string;
  readonly order: number;
  readonly kind: TextKind;
  readonly kindLabel: string;
  readonly designation: string;
  readonly workItem: string | null;
  /** In the reader's language where translated, else in the language of record (marked so). */
  readonly title: ContentView;
  /** As the title; null when the text has no summary (in its language of record). */
  readonly summary: ContentView | null;
  readonly location: string;
  readonly a5Justification: boolean;
  readonly iprStatements: readonly string[];
}

/** The texts of Annex 1, in their order, their titles and summaries in the reader's language where translated. */
export function presentTexts(locale: Locale, consultation: Consultation, texts: readonly DeterminedText[]): TextRow[] {
  const content = presentContent(locale, consultation, texts);
  return [...texts]
    .sort((a, b) => a.order - b.order || a.designation.localeCompare(b.designation))
    .map((text) => ({
      id: text.id,
      order: text.order,
      kind: text.kind,
      kindLabel: t(locale, `sec.text.kind.${text.kind}` as MessageId),
      designation: text.designation,
      workItem: text.workItem,
      title: content.texts[text.id]!.title,
      summary: text.summary === null || text.summary.trim() === '' ? null : content.texts[text.id]!.summary,
      location: text.location,
      a5Justification: text.a5Justification,
      iprStatements: text.iprStatements,
    }));
}

/** A circular as its page and its preview show it. */
export interface CircularView {
  readonly id: string;
  readonly state: ConsultationState;
  readonly stateLabel: string;
  readonly revision: number;
  readonly bureau: string;
  readonly number: number;
  readonly studyPeriod: string;
  readonly date: string;
  readonly reference: string;
  readonly studyGroup: string;
  /** In the reader's language where translated, else in the language of record (marked so). */
  readonly subject: ContentView;
  /** The subject, titles and summaries not yet in the reader's language (the page's one notice). */
  readonly contentNotice: ContentNoticeView | null;
  readonly languageOfRecord: UnLanguage;
  /** For each other UN language, what is not yet translated into it (null: everything is). */
  readonly translationStatus: readonly { readonly language: UnLanguage; readonly missing: ContentNoticeView | null }[];
  /** `lang`/`dir` of the parts written in the language of record only (notes, addressees…). */
  readonly record: { readonly lang: string | undefined; readonly dir: 'ltr' | 'rtl' | undefined };
  readonly meetingPlace: string;
  readonly meetingFirstDay: string;
  readonly meetingLastDay: string;
  readonly collectiveLetter: string | null;
  /** The day of the announcement, when before the circular (null: the circular is the announcement). */
  readonly announcedOn: string | null;
  readonly deadlineAt: number;
  readonly deadlineWording: DeadlineWording;
  readonly addressees: readonly string[];
  readonly copies: readonly string[];
  readonly notes: readonly string[];
  readonly signatoryName: string;
  readonly signatoryTitle: string;
  readonly languagesAvailableOn: string | null;
  readonly resolutionEdition: string;
  /** The edition of the instrument the circular applies, in the reader's language ("Rév. Genève, 2022"), isolated inside the letter. */
  readonly edition: string;
  /**
   * The letter's paragraphs in the procedure's words: what the body intends to do under which
   * procedure, what the circular asks (followed on the page by the deadline), and the rule the
   * replies are held to where the procedure's circular states one (TAP: its share; else null).
   */
  readonly letter: { readonly purpose: string; readonly request: string; readonly rule: string | null };
  readonly individualRepliesPublic: boolean;
  readonly eligibleStates: readonly string[] | null;
  readonly issuedAt: number | null;
  /** For a past consultation entered afterwards, the day it was entered (in words); null when run live. */
  readonly enteredAfterwardsOn: string | null;
  readonly isDemo: boolean;
  readonly texts: readonly TextRow[];
  readonly timing: readonly TimingView[];
}

/** The words of a state. */
export function stateLabel(locale: Locale, state: ConsultationState): string {
  return t(locale, `sec.state.${state}` as MessageId);
}

/** A loaded circular, its state and timing, for its page. */
export function presentCircular(
  locale: Locale,
  loaded: LoadedConsultation,
  state: ConsultationState,
  timing: readonly TimingCheck[],
): CircularView {
  const c: Consultation = loaded.consultation;
  const procedure = procedureFor(c.procedure);
  const shown = { subject: true, titles: true, summaries: true };
  const content = presentContent(locale, c, loaded.texts);
  return {
    id: c.id,
    state,
    stateLabel: stateLabel(locale, state),
    revision: loaded.revision,
    bureau: c.bureau,
    number: c.number,
    studyPeriod: c.studyPeriod,
    date: c.date,
    reference: c.reference,
    studyGroup: c.studyGroup,
    subject: content.subject,
    contentNotice: presentContentNotice([content], shown),
    languageOfRecord: c.languageOfRecord,
    translationStatus: UN_LANGUAGES.filter((language) => language !== c.languageOfRecord).map((language) => ({
      language,
      // Per language, the circular's own fields too: the preview shows what each reader will get.
      missing: presentContentNotice([presentContent(language, c, loaded.texts)], { ...shown, circular: true }),
    })),
    record: content.record,
    meetingPlace: c.meeting.place,
    meetingFirstDay: c.meeting.firstDay,
    meetingLastDay: c.meeting.lastDay,
    collectiveLetter: c.meeting.collectiveLetter,
    announcedOn: c.announcedOn,
    deadlineAt: c.deadlineAt,
    deadlineWording: c.deadlineWording,
    addressees: c.addressees,
    copies: c.copies,
    notes: c.notes,
    signatoryName: c.signatory.name,
    signatoryTitle: c.signatory.title,
    languagesAvailableOn: c.languagesAvailableOn,
    resolutionEdition: c.resolutionEdition,
    edition: editionIn(locale, procedure, c.resolutionEdition),
    letter: {
      purpose: procedureText(locale, procedure, 'sec.preview.purpose', {
        section: sectionNumber(procedure, 'procedureSection', c.resolutionEdition),
        // As the circular names it: "Study Group 17 (Security)", "la Commission d’études 17 (Sécurité)".
        studyGroup: studyGroupName(locale, c.studyGroup),
        edition: editionIn(locale, procedure, c.resolutionEdition),
        place: c.meeting.place,
        first: formatDay(locale, c.meeting.firstDay),
        last: formatDay(locale, c.meeting.lastDay),
      }),
      request: procedureText(locale, procedure, 'sec.preview.request', {
        clause: sectionNumber(procedure, 'replySection', c.resolutionEdition),
      }),
      rule: hasProcedureText(procedure, 'sec.preview.rule')
        ? procedureText(locale, procedure, 'sec.preview.rule', {
            threshold: formatShare(locale, procedure.passThreshold ?? 0),
          })
        : null,
    },
    individualRepliesPublic: c.settings.individualRepliesPublic,
    eligibleStates: c.settings.eligibleStates,
    issuedAt: c.issuedAt,
    enteredAfterwardsOn:
      c.enteredAfterwardsAt === null
        ? null
        : intlFor(locale).formatDate(c.enteredAfterwardsAt, { dateStyle: 'long', timeZone: 'UTC' }),
    isDemo: c.isDemo,
    texts: presentTexts(locale, c, loaded.texts),
    timing: presentTiming(locale, procedure, c.resolutionEdition, timing),
  };
}

/** One item of the checklist before issuing. */
export interface ChecklistItem {
  readonly message: string;
  /** Where to fix it. */
  readonly href: string;
}

/**
 * What stops the circular from being issued now, as issueConsultation checks it: at least one
 * text, a summary for every text but a corrigendum (the procedure's summary rule), a deadline still in
 * the future. The service checks again when the button is pressed (and its problems are shown
 * with `presentIssueProblems`).
 */
export function issueBlockers(locale: Locale, loaded: LoadedConsultation, now: number): ChecklistItem[] {
  const { consultation, texts } = loaded;
  const problems: FieldProblem[] = [];
  if (texts.length === 0) problems.push({ field: '/texts', message: '' });
  for (const text of [...texts].sort((a, b) => a.order - b.order)) {
    if (text.kind !== 'corrigendum' && (text.summary === null || text.summary.trim() === ''))
      problems.push({ field: `/texts/${text.id}/summary`, message: '' });
  }
  if (consultation.deadlineAt <= now) problems.push({ field: '/deadline', message: '' });
  return presentIssueProblems(locale, loaded, problems);
}

/** The problems of CONSULTATION_INCOMPLETE, each with where to fix it. */
export function presentIssueProblems(
  locale: Locale,
  loaded: LoadedConsultation,
  problems: readonly FieldProblem[],
): ChecklistItem[] {
  const id = loaded.consultation.id;
  const base = `/secretariat/consultations/${encodeURIComponent(id)}`;
  const { procedure, consultation } = loaded;
  return problems.map((problem) => {
    if (problem.field === '/texts')
      return { message: t(locale, 'sec.issue.blocker.noTexts'), href: `${base}/texts/new` };
    const summary = /^\/texts\/([^/]+)\/summary$/.exec(problem.field);
    if (summary) {
      const text = loaded.texts.find((x) => x.id === summary[1]);
      return {
        message: t(locale, 'sec.issue.blocker.summary', {
          designation: text?.designation ?? summary[1]!,
          clause: citeRoleIn(locale, procedure, 'textSummary', consultation.resolutionEdition),
        }),
        href: `${base}/texts/${encodeURIComponent(summary[1]!)}#field-summary`,
      };
    }
    if (problem.field === '/deadline')
      return { message: t(locale, 'sec.issue.blocker.deadline'), href: `${base}#field-deadlineDay` };
    return { message: t(locale, 'sec.issue.blocker.other'), href: base };
  });
}

/* ------------------------------------------------------------------ accounts */

export interface AccountRow {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
  /** The form's role and flags, for "send a new invitation". */
  readonly inviteRole: InviteRole;
  readonly admin: boolean;
  readonly rank: Account['focalPointRank'];
  readonly memberStateCode: string | null;
  readonly memberState: string | null;
  readonly status: 'active' | 'invited' | 'disabled';
  readonly statusLabel: string;
  readonly twoFactor: boolean;
  /** An administrator reset the authenticator; the person has not set up the new one yet. */
  readonly authenticatorReset: boolean;
  /** "Reset authenticator" applies: an enabled account with an authenticator, or one already reset (to send a new link). */
  readonly mayResetAuthenticator: boolean;
  /** Why it does not (authenticatorResetRefusal), or null. */
  readonly resetRefusal: AuthenticatorResetRefusal | null;
  readonly lastSignInAt: number | null;
  readonly isMe: boolean;
  readonly language: string;
}

/** The audit actions that end with a signed-in, verified session. */
const SIGN_IN_ACTIONS = new Set(['login.2fa', 'login.recovery-code', '2fa.enabled', 'account.password-reset']);

/** The last verified sign-in of each account, read from the audit trail (the accounts store none). */
export function lastSignIns(events: readonly StoredAuditEvent[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const event of events) {
    if (!SIGN_IN_ACTIONS.has(event.action) || !event.subject.startsWith('account:')) continue;
    const id = event.subject.slice('account:'.length);
    last.set(id, Math.max(last.get(id) ?? 0, event.at));
  }
  return last;
}

/** The accounts, secretariat first, then focal points by State, then observers. */
export function presentAccounts(
  locale: Locale,
  accounts: readonly Account[],
  states: ReadonlyMap<string, StoredMemberState>,
  signIns: ReadonlyMap<string, number>,
  myAccountId: string | null,
): AccountRow[] {
  const roleOrder = { secretariat_admin: 0, secretariat_staff: 1, focal_point: 2, observer: 3 } as const;
  return [...accounts]
    .map((a): AccountRow & { sortKey: string } => {
      const state = a.memberState === null ? undefined : states.get(a.memberState);
      const status = a.disabledAt !== null ? 'disabled' : a.passwordHash === null ? 'invited' : 'active';
      return {
        id: a.id,
        name: a.name,
        email: a.email,
        role: t(locale, `role.${a.role}` as const, { rank: a.focalPointRank ?? 'alternate' }),
        inviteRole: a.role === 'secretariat_admin' || a.role === 'secretariat_staff' ? 'secretariat' : a.role,
        admin: a.role === 'secretariat_admin',
        rank: a.focalPointRank,
        memberStateCode: a.memberState,
        memberState: a.memberState === null ? null : state ? stateName(locale, state) : a.memberState,
        status,
        statusLabel: t(locale, `sec.accounts.status.${status}`),
        twoFactor: a.totpEnabledAt !== null,
        authenticatorReset: a.authenticatorResetAt !== null,
        mayResetAuthenticator: authenticatorResetRefusal(a, myAccountId) === null,
        resetRefusal: authenticatorResetRefusal(a, myAccountId),
        lastSignInAt: signIns.get(a.id) ?? null,
        isMe: a.id === myAccountId,
        language: a.language,
        sortKey: `${roleOrder[a.role]}|${state ? stateName(locale, state) : ''}|${a.name.toLocaleLowerCase()}`,
      };
    })
    .sort((a, b) => a.sortKey.localeCompare(b.sortKey))
    .map(({ sortKey: _key, ...row }) => row);
}

/** Member States for a select, sorted by their name in the reader's language. */
export function presentStateOptions(
  locale: Locale,
  states: readonly StoredMemberState[],
): { code: string; name: string }[] {
  const collator = new Intl.Collator(locale);
  return states
    .map((s) => ({ code: s.code, name: stateName(locale, s) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/* ------------------------------------------------------------------ audit */

export interface AuditRow {
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  /** The secretariat's page of the circular the row concerns, if any. */
  readonly consultationId: string | null;
}

/** Who acted, in words: a named account when known, the public, or the id as recorded. */
/** Who acted, as the audit trail's filter lists them: a name where the reader may know it, else the recorded id. */
export function auditActorLabel(locale: Locale, actor: string, names: ReadonlyMap<string, string>): string {
  return actorWords(locale, actor, names);
}

function actorWords(locale: Locale, actor: string, names: ReadonlyMap<string, string>): string {
  if (actor === 'public') return t(locale, 'sec.audit.actor.public');
  if (actor.startsWith('account:')) {
    const name = names.get(actor.slice('account:'.length));
    if (name !== undefined) return t(locale, 'sec.audit.actor.account', { name, id: actor });
  }
  return actor;
}

/** Audit rows, newest first, with actors named where the reader may know their names. */
export function presentAuditRows(
  locale: Locale,
  events: readonly StoredAuditEvent[],
  names: ReadonlyMap<string, string>,
): AuditRow[] {
  return events.map((e) => ({
    seq: e.seq,
    at: e.at,
    actor: actorWords(locale, e.actor, names),
    action: e.action,
    subject: e.subject.startsWith('account:') ? actorWords(locale, e.subject, names) : e.subject,
    consultationId: e.consultationId,
  }));
}

export interface ChainView {
  readonly ok: boolean;
  readonly message: string;
  /** The first row that does not match (its page in the trail), when any. */
  readonly brokenSeq: number | null;
}

/** The chain's state in words: intact up to its head, or the first row changed, removed or inserted. */
export function presentChain(locale: Locale, verification: ChainVerification): ChainView {
  if (verification.ok)
    return {
      ok: true,
      message: t(locale, 'sec.audit.chain.ok', {
        rows: verification.verifiedRows,
        head: verification.head.hash.slice(0, 16),
      }),
      brokenSeq: null,
    };
  const broken = verification.break!;
  const id: MessageId = {
    gap: 'sec.audit.chain.gap',
    prev_hash_mismatch: 'sec.audit.chain.link',
    hash_mismatch: 'sec.audit.chain.hash',
    checkpoint_mismatch: 'sec.audit.chain.checkpoint',
    checkpoint_signature: 'sec.audit.chain.checkpointSignature',
    truncated: 'sec.audit.chain.truncated',
  }[broken.problem] as MessageId;
  return {
    ok: false,
    message: t(locale, id, {
      seq: broken.seq,
      expected: broken.problem === 'gap' ? broken.expectedSeq : 0,
      good: verification.head.seq,
    }),
    brokenSeq: broken.seq,
  };
}

/** Text as a search compares it: no case, no accents (`Côte` finds `cote`). */
function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/**
 * The accounts a search finds: every word of `query` in the account's name, e-mail address, Member
 * State (code or name in the reader's language) or role, whatever the case or the accents. An empty
 * query finds every account.
 */
export function searchAccounts(rows: readonly AccountRow[], query: string): AccountRow[] {
  const words = searchable(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((row) => {
    const haystack = searchable(
      [row.name, row.email, row.memberStateCode ?? '', row.memberState ?? '', row.role, row.statusLabel].join(' '),
    );
    return words.every((word) => haystack.includes(word));
  });
}
