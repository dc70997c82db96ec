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
