/** The role a service token acts in (personal tokens act as their account). */
export type TokenRole = 'secretariat' | 'focal_point' | 'observer';

/** An API token as stored (its secret only as a hash, which this type does not carry). */
export interface StoredToken {
  readonly id: string;
  readonly label: string;
  readonly role: TokenRole;
  readonly memberState: string | null;
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly revokedAt: number | null;
  /** Personal tokens: the account they act as (null: a service token with a role). */
  readonly accountId: string | null;
  /** Scopes (null: every action of the role or account). */
  readonly scopes: readonly string[] | null;
}
