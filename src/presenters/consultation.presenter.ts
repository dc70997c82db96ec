import type { DeterminedText, Translations } from '../domain/consultation/consultation.js';
import { localiseConsultation } from '../domain/consultation/localise.js';
import type { UnLanguage } from '../domain/member-states/member-states.data.js';
import type { Actor } from '../domain/policy/actor.js';
import type { StoredMemberState } from '../domain/member-states/member-state.js';
import type { ConsultationView as ServiceConsultationView } from '../services/get-consultation.js';
import type {
  ConsultationSummaryView,
  ConsultationView,
  MemberStateView,
  PhaseWindowView,
  TextView,
} from '../schemas/responses.schema.js';
import type { PhaseWindow } from '../domain/procedure/phases.js';
import { citeClauseOf } from '../domain/procedure/procedure.js';
import type { StatedDeadline } from '../domain/consultation/deadline.js';
import { deadlineInEnglish } from '../services/jobs/mail-messages.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/**
 * The deadline as the circular words it: "2359 hours UTC on 16 August 2023" (the last on-time
 * instant is 23:59:59.999 of that day), or "2400 hours UTC on 16 August 2023" when so chosen.
 */
export function deadlineText(deadline: StatedDeadline): string {
  return deadlineInEnglish(deadline);
}

/** A copy of a translations map (the stored objects are shared; responses must not alias them). */
/** A copy of a translations object, its lists copied too (the view's types are mutable). */
function copyTranslations<T extends object>(
  translations: Translations<T>,
): Partial<Record<string, { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] }>> {
  return Object.fromEntries(
    Object.entries(translations).map(([language, value]) => [
      language,
      Object.fromEntries(Object.entries(value as object).map(([field, v]) => [field, Array.isArray(v) ? [...v] : v])),
    ]),
  ) as never;
}

export function presentText(text: DeterminedText): TextView {
  return {
    id: text.id,
    order: text.order,
    kind: text.kind,
    designation: text.designation,
    workItem: text.workItem,
    title: text.title,
    summary: text.summary,
    location: text.location,
    locationUrl: text.locationUrl,
    a5Justification: text.a5Justification,
    iprStatements: [...text.iprStatements],
    translations: copyTranslations(text.translations),
  };
}

/**
 * A consultation for the API; the timing checks are shown to the secretariat only. With `language`
 * (`?lang=`), the circular's own fields (subject, reference, meeting place, collective letter,
 * addressees, copies, notes), titles and summaries are given in that language where translated and in
 * the language of record otherwise, with `requestedLanguage` and `missingTranslations` saying which
 * fell back (issue #8 item 6).
 */
export function presentConsultation(
  view: ServiceConsultationView,
  actor: Actor,
  language?: UnLanguage,
): ConsultationView {
  const c = view.loaded.consultation;
  const result: ConsultationView = {
    id: c.id,
    procedure: c.procedure,
    resolutionEdition: c.resolutionEdition,
    bureau: c.bureau,
    studyPeriod: c.studyPeriod,
    number: c.number,
    date: c.date,
    announcedOn: c.announcedOn,
    reference: c.reference,
    studyGroup: c.studyGroup,
    meeting: { ...c.meeting },
    subject: c.subject,
    languageOfRecord: c.languageOfRecord,
    translations: copyTranslations(c.translations),
    deadline: iso(c.deadlineAt),
    deadlineWording: c.deadlineWording,
    deadlineText: deadlineText(c),
    state: view.state,
    phase: {
      current: phaseWindowOf(view, view.phase.current),
      next: phaseWindowOf(view, view.phase.next),
    },
    timeline: view.timeline.map((window) => phaseWindowOf(view, window)!),
    addressees: [...c.addressees],
    copies: [...c.copies],
    notes: [...c.notes],
    signatory: { ...c.signatory },
    languagesAvailableOn: c.languagesAvailableOn,
    settings: {
      individualRepliesPublic: c.settings.individualRepliesPublic,
      eligibleStates: c.settings.eligibleStates ? [...c.settings.eligibleStates] : null,
    },
    issuedAt: isoOrNull(c.issuedAt),
    resultsNoticeAt: isoOrNull(c.resultsNoticeAt),
    resultsNoticeReference: c.resultsNoticeReference,
    resultsReport: { ...c.resultsReport },
    enteredAfterwardsAt: isoOrNull(c.enteredAfterwardsAt),
    recordedIssuedAt: isoOrNull(c.recordedIssuedAt),
    isDemo: c.isDemo,
    revision: view.loaded.revision,
    texts: view.loaded.texts.map(presentText),
  };
  if (language !== undefined) {
    const localised = localiseConsultation(c, view.loaded.texts, language);
    result.subject = localised.subject.value;
    result.reference = localised.reference.value;
    result.meeting = {
      ...result.meeting,
      place: localised.meetingPlace.value,
      collectiveLetter: localised.collectiveLetter.value,
    };
    result.addressees = [...localised.addressees.value];
    result.copies = [...localised.copies.value];
    result.notes = [...localised.notes.value];
    result.texts = result.texts.map((text, index) => {
      const l = localised.texts[index]!;
      return { ...text, title: l.title.value, summary: l.summary.value };
    });
    result.requestedLanguage = localised.language;
    result.missingTranslations = localised.missing.map((m) => ({ field: m.field, textId: m.textId }));
  }
  if (actor.kind === 'secretariat') {
    result.timing = view.timing.map((t) => ({
      rule: t.rule,
      severity: t.severity,
      clause: t.clause,
      citation: t.citation,
      message: t.message,
    }));
  }
  return result;
}

/** A phase window for the API, with its clause cited in the consultation's edition. */
function phaseWindowOf(view: ServiceConsultationView, window: PhaseWindow | null): PhaseWindowView | null {
  if (window === null) return null;
  const { procedure, consultation } = view.loaded;
  return {
    id: window.id,
    startsAt: isoOrNull(window.startsAt),
    endsAt: isoOrNull(window.endsAt),
    dueBy: isoOrNull(window.dueBy),
    clause: window.clause,
    citation: citeClauseOf(procedure, consultation.resolutionEdition, window.clause),
  };
}

export function presentConsultationSummary(view: ServiceConsultationView): ConsultationSummaryView {
  const c = view.loaded.consultation;
  return {
    id: c.id,
    reference: c.reference,
    studyGroup: c.studyGroup,
    subject: c.subject,
    date: c.date,
    deadline: iso(c.deadlineAt),
    state: view.state,
    isDemo: c.isDemo,
    texts: view.loaded.texts.map((t) => ({ id: t.id, designation: t.designation, title: t.title })),
  };
}

export function presentMemberState(state: StoredMemberState): MemberStateView {
  return {
    code: state.code,
    participantClass: state.participantClass,
    iso3: state.iso3,
    name: state.names.en,
    names: { ...state.names },
    membership: state.membership,
    mayReply: state.mayReply,
    eligibilityNote: state.eligibilityNote,
    eligibilitySince: state.eligibilitySince,
  };
}
