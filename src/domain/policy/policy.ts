import type { ErrorCode } from '../errors.js';
import { AppError } from '../errors.js';
import { scopeFor } from '../identity/scopes.js';
import type { Action } from './action.js';
import type { Actor } from './actor.js';

export type { Action } from './action.js';

/**
 * Authorisation in one place: `can(actor, action, subject)`. Routes ask before acting; services
 * ask again, so the CLI and any future caller get the same answers.
 *
 * Confidentiality (Res. 1 is silent; Assent's default, see docs/procedure.md): an individual
 * reply is visible to the secretariat and to its own State; aggregate results to everyone once
 * the deadline has passed (the secretariat sees provisional results before); individual replies
 * of other States only after the deadline and only where the consultation makes them public.
 */

export type Decision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly code: ErrorCode; readonly reason: string };

const ALLOW: Decision = { allowed: true };
const deny = (code: ErrorCode, reason: string): Decision => ({ allowed: false, code, reason });

/** Answers whether `actor` may do `subject.action`, and if not, with which error. */
export function decide(actor: Actor, subject: Action): Decision {
  // A scoped token may do no more than its scopes allow, whatever its account may do.
  const scope = scopeFor(subject);
  if (actor.scopes !== undefined && !actor.scopes.includes(scope)) {
    return deny('FORBIDDEN', `This token's scopes do not include "${scope}"`);
  }
  const secretariat = actor.kind === 'secretariat';
  const admin = actor.kind === 'secretariat' && actor.admin !== false;
  switch (subject.action) {
    case 'consultation:read':
      return subject.issued || secretariat
        ? ALLOW
        : deny('NOT_FOUND', 'Draft consultations are visible to the secretariat only');
    case 'consultation:write':
    case 'consultation:issue':
    case 'reply:record':
    case 'decision:record':
    case 'notice:issue':
    case 'audit:read':
    case 'job:read':
    case 'mail:read':
      return secretariat ? ALLOW : denyNonSecretariat(actor);
    case 'token:manage':
    case 'member-state:write':
    case 'contact:manage':
    case 'account:manage':
    case 'key:manage':
      if (admin) return ALLOW;
      return secretariat
        ? deny('FORBIDDEN', 'This action is reserved to secretariat administrators')
        : denyNonSecretariat(actor);
    case 'reply:submit':
      // Only Member States reply (the procedure's eligibility rule decides which, per
      // consultation); the secretariat records forms it receives (reply:record) but never replies itself.
      if (actor.kind === 'public')
        return deny('UNAUTHENTICATED', 'Sign in as a focal point of the Member State to reply');
      if (actor.kind !== 'focal_point') return deny('ROLE_MAY_NOT_REPLY', 'Only a Member State focal point may reply');
      return actor.memberState === subject.memberState
        ? ALLOW
        : deny('NOT_YOUR_MEMBER_STATE', `You are a focal point of ${actor.memberState}, not of ${subject.memberState}`);
    case 'reply:read':
      if (secretariat) return ALLOW;
      if (actor.kind === 'focal_point' && actor.memberState === subject.memberState) return ALLOW;
      if (subject.deadlinePassed && subject.individualRepliesPublic) return ALLOW;
      return actor.kind === 'public'
        ? deny('UNAUTHENTICATED', 'Sign in to read replies')
        : deny(
            actor.kind === 'focal_point' ? 'NOT_YOUR_MEMBER_STATE' : 'FORBIDDEN',
            "Another State's reply is not visible to you",
          );
    case 'reply:list-all':
      if (secretariat) return ALLOW;
      if (subject.deadlinePassed && subject.individualRepliesPublic) return ALLOW;
      return deny(
        actor.kind === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN',
        'Individual replies are not public for this consultation',
      );
    case 'results:read':
      return subject.deadlinePassed || secretariat
        ? ALLOW
        : deny('RESULTS_NOT_AVAILABLE', 'Results are published when the deadline has passed');
    case 'attachment:upload':
      return secretariat || actor.kind === 'focal_point' ? ALLOW : denyNonSecretariat(actor);
    case 'attachment:read':
      if (secretariat || subject.uploadedBy.includes(actor.id)) return ALLOW;
      if (actor.kind === 'focal_point' && subject.memberStatesUsing.includes(actor.memberState)) return ALLOW;
      return deny('NOT_FOUND', 'No such attachment');
  }
}

/** Boolean form of `decide`. */
export function can(actor: Actor, subject: Action): boolean {
  return decide(actor, subject).allowed;
}

/** Throws the catalogued error when `actor` may not do `subject.action`. */
export function authorize(actor: Actor, subject: Action): void {
  const decision = decide(actor, subject);
  if (!decision.allowed) throw new AppError(decision.code, decision.reason);
}

function denyNonSecretariat(actor: Actor): Decision {
  return actor.kind === 'public'
    ? deny('UNAUTHENTICATED', 'Authentication is required')
    : deny('FORBIDDEN', 'This action is reserved to the secretariat');
}
