/** Who an account is: the secretariat (administrators and staff), a Member State focal point, an observer. */
export type AccountRole = 'secretariat_admin' | 'secretariat_staff' | 'focal_point' | 'observer';

/** A person who signs in. Secrets are stored hashed or encrypted; presenters never show them. */
export interface Account {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: AccountRole;
  readonly memberState: string | null;
  readonly focalPointRank: 'primary' | 'alternate' | null;
  readonly passwordHash: string | null;
  readonly totpSecret: string | null;
  readonly totpEnabledAt: number | null;
  readonly totpLastStep: number | null;
  readonly language: string;
  readonly disabledAt: number | null;
  /**
   * When an administrator reset the authenticator (a lost phone), until a new one is confirmed;
   * null otherwise. While set, the password alone signs nobody in: the e-mailed link is needed.
   */
  readonly authenticatorResetAt: number | null;
  readonly createdAt: number;
}

/** Why an administrator may not reset an account's authenticator, as the code a refusal carries. */
export const AUTHENTICATOR_RESET_REFUSALS = [
  'OWN_AUTHENTICATOR',
  'ACCOUNT_DISABLED',
  'INVITATION_NOT_ACCEPTED',
  'NO_AUTHENTICATOR',
] as const;
export type AuthenticatorResetRefusal = (typeof AUTHENTICATOR_RESET_REFUSALS)[number];

/**
 * Whether an administrator (`adminAccountId`: their account's id, null for another actor) may
 * reset an account's authenticator, and if not why: not their own (another administrator does
 * it), not a disabled account, not one that never accepted its invitation, and only one with an
 * authenticator enrolled or a reset pending (resetting again sends a new link). The service
 * refuses by it and the pages offer the action by it, so they cannot disagree.
 */
export function authenticatorResetRefusal(
  account: Pick<Account, 'id' | 'disabledAt' | 'passwordHash' | 'totpEnabledAt' | 'authenticatorResetAt'>,
  adminAccountId: string | null,
): AuthenticatorResetRefusal | null {
  if (adminAccountId === account.id) return 'OWN_AUTHENTICATOR';
  if (account.disabledAt !== null) return 'ACCOUNT_DISABLED';
  if (account.passwordHash === null) return 'INVITATION_NOT_ACCEPTED';
  if (account.totpEnabledAt === null && account.authenticatorResetAt === null) return 'NO_AUTHENTICATOR';
  return null;
}
