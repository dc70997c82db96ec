import type { StoredMemberState } from '../../../domain/member-states/member-state.js';
import { t, type Locale } from '../../../i18n/i18n.js';
import { hasProcedureText, procedureText } from '../../../i18n/procedure-text.js';
import { stateName } from '../../../presenters/member-state-words.js';
import { PROCEDURES } from '../../../procedures/registry.js';
import { formatDay } from './secretariat.presenter.js';

/** One participant as the participants page lists it. */
export interface ParticipantRow {
  readonly code: string;
  readonly name: string;
  readonly participantClass: string;
  readonly classLabel: string;
  readonly mayReply: boolean;
  /** Why it may not reply, and since when, in words; null when it may. */
  readonly standing: string | null;
  readonly observer: boolean;
}

/**
 * A class of participant in the reader's language: the words of the first registered procedure
 * that consults it (`class.<id>`); the id itself when none does (a class left from a procedure no
 * longer registered).
 */
export function classLabel(locale: Locale, participantClass: string): string {
  for (const procedure of Object.values(PROCEDURES)) {
    const key = `class.${participantClass}`;
    if (procedure.participantClasses.some((c) => c.id === participantClass) && hasProcedureText(procedure, key))
      return procedureText(locale, procedure, key);
  }
  return participantClass;
}

/** The participants, by name in the reader's language, optionally of one class and matching words of a code or name. */
export function presentParticipants(
  locale: Locale,
  participants: readonly StoredMemberState[],
  filters: { participantClass: string; q: string },
): ParticipantRow[] {
  const collator = new Intl.Collator(locale);
  const words = filters.q.trim().toLocaleLowerCase(locale);
  return participants
    .filter((p) => filters.participantClass === '' || p.participantClass === filters.participantClass)
    .map((p) => ({
      code: p.code,
      name: stateName(locale, p),
      participantClass: p.participantClass,
      classLabel: classLabel(locale, p.participantClass),
      mayReply: p.mayReply,
      observer: p.membership === 'observer',
      standing: p.mayReply
        ? null
        : p.eligibilitySince === null
          ? (p.eligibilityNote ?? '')
          : t(locale, 'sec.participants.standing.since', {
              note: p.eligibilityNote ?? '',
              since: formatDay(locale, p.eligibilitySince),
            }),
    }))
    .filter(
      (row) =>
        words === '' ||
        row.code.toLocaleLowerCase(locale).includes(words) ||
        row.name.toLocaleLowerCase(locale).includes(words),
    )
    .sort((a, b) => collator.compare(a.name, b.name));
}
