/**
 * A participant as stored: a Member State (eligibility may differ from the shipped data: the
 * secretariat changes it) or an organisation of another class the secretariat registered.
 */
export interface StoredMemberState {
  readonly code: string;
  /** `member-state`, or the class of an organisation (domain/procedure/participants.ts). */
  readonly participantClass: string;
  readonly iso3: string;
  readonly names: Readonly<Record<string, string>> & { readonly en: string };
  readonly membership: 'member_state' | 'observer';
  readonly mayReply: boolean;
  readonly eligibilityNote: string | null;
  readonly eligibilitySince: string | null;
}
