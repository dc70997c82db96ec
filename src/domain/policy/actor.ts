import type { TokenScope } from '../identity/scopes.js';

/**
 * Who is acting. API tokens (and, later, signed-in accounts) resolve to one of these; the CLI
 * acts as the local operator, a secretariat actor.
 */
export type Actor =
  | {
      readonly kind: 'secretariat';
      readonly id: string;
      readonly label: string;
      /** Administrators manage accounts, tokens, contacts and eligibility; staff run consultations. */
      readonly admin?: boolean;
      readonly scopes?: readonly TokenScope[];
    }
  | {
      readonly kind: 'focal_point';
      readonly id: string;
      readonly label: string;
      readonly memberState: string;
      readonly scopes?: readonly TokenScope[];
    }
  | { readonly kind: 'observer'; readonly id: string; readonly label: string; readonly scopes?: readonly TokenScope[] }
  | { readonly kind: 'public'; readonly id: 'public'; readonly label: 'public'; readonly scopes?: undefined };

export const PUBLIC_ACTOR: Actor = { kind: 'public', id: 'public', label: 'public' };

/** The secretariat actor used by the seed and by operators running the CLI on the server. */
export function operatorActor(name: string): Actor {
  return { kind: 'secretariat', id: `operator:${name}`, label: `operator ${name}`, admin: true };
}
