/** A signed-in browser session: the cookie holds a secret, the table its SHA-256 (`id`). */
export interface Session {
  readonly id: string;
  readonly accountId: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly expiresAt: number;
  readonly mfaVerifiedAt: number | null;
  readonly csrfSecret: string;
  readonly userAgent: string | null;
  readonly ip: string | null;
}
