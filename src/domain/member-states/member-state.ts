/** A Member State as stored (eligibility may differ from the shipped data: the secretariat changes it). */
export interface StoredMemberState {
  readonly code: string;
  readonly iso3: string;
  readonly names: Readonly<Record<string, string>> & { readonly en: string };
  readonly membership: 'member_state' | 'observer';
  readonly mayReply: boolean;
  readonly eligibilityNote: string | null;
  readonly eligibilitySince: string | null;
}
