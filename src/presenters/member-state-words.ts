import type { StoredMemberState } from '../domain/member-states/member-state.js';
import type { Locale } from '../i18n/i18n.js';

/** The name of a Member State in the reader's language (English where the data has none in it). */
export function stateName(locale: Locale, state: Pick<StoredMemberState, 'names'>): string {
  const names = state.names as Readonly<Record<string, string | undefined>>;
  return names[locale] ?? state.names.en;
}
