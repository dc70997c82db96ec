import { MEMBER_STATES } from '../../../domain/member-states/member-states.data.js';
import { t, type Locale } from '../../../i18n/i18n.js';
import type { Account } from '../../../domain/identity/account.js';
import type { StoredToken } from '../../../domain/identity/api-token.js';
import type { Session } from '../../../domain/identity/session.js';

/** Who the signed-in person is, as the account page shows it. */
export interface PersonView {
  readonly name: string;
  readonly email: string;
  readonly role: string;
  /** The Member State's ITU designation, for focal points. */
  readonly memberState: string | null;
}

/** One session of the account (its id, a hash of the cookie, is not shown). */
export interface SessionView {
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly userAgent: string | null;
  readonly current: boolean;
}

/** One personal token (never its secret, which is not stored). */
export interface TokenView {
  readonly id: string;
  readonly label: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number | null;
  readonly expired: boolean;
}

/**
 * Who the person is, in the reader's language. `registered` is the person's participant as stored:
 * an organisation's names are not in the curated list of Member States.
 */
export function presentPerson(
  locale: Locale,
  account: Account,
  registered?: { readonly names: Readonly<Record<string, string>> & { readonly en: string } },
): PersonView {
  const state =
    account.memberState === null
      ? undefined
      : (MEMBER_STATES.find((s) => s.code === account.memberState) ?? registered);
  const names = state?.names as Partial<Record<string, string>> | undefined;
  return {
    name: account.name,
    email: account.email,
    role: t(locale, `role.${account.role}` as const, { rank: account.focalPointRank ?? 'alternate' }),
    memberState: account.memberState === null ? null : (names?.[locale] ?? state?.names.en ?? account.memberState),
  };
}

/** The account's sessions, most recently active first, the current one marked. */
export function presentSessions(sessions: readonly Session[], currentId: string): SessionView[] {
  return sessions.map((s) => ({
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    userAgent: s.userAgent,
    current: s.id === currentId,
  }));
}

/** The account's tokens that are not revoked, newest first. */
export function presentTokens(tokens: readonly StoredToken[], now: number): TokenView[] {
  return tokens
    .filter((token) => token.revokedAt === null)
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((token) => ({
      id: token.id,
      label: token.label,
      scopes: token.scopes ?? [],
      expiresAt: token.expiresAt,
      expired: token.expiresAt !== null && token.expiresAt <= now,
    }));
}
