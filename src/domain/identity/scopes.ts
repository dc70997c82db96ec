import type { Action } from '../policy/action.js';

/**
 * Scopes of personal API tokens: a token does what its account may do, and only within its
 * scopes. `read` covers every read of consultations, replies, results, documents, the audit trail
 * and jobs; the others name the writes they allow (`admin` also the reading of accounts, tokens and
 * contacts). A write carries the reads it is made of (see `scopeFor`), nothing more.
 */
export const TOKEN_SCOPES = ['read', 'replies:write', 'consultations:write', 'decisions:write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/**
 * The scope a request for `subject` needs: its action's, or, for a read made within a write (the
 * consultation a reply is for, the record a write answers with), the write's.
 */
export function scopeFor(subject: Action): TokenScope {
  return scopeOf('within' in subject && subject.within !== undefined ? subject.within : subject.action);
}

/** The scope an action needs. */
export function scopeOf(action: Action['action']): TokenScope {
  switch (action) {
    case 'consultation:read':
    case 'reply:read':
    case 'reply:list-all':
    case 'results:read':
    case 'attachment:read':
    case 'audit:read':
    case 'job:read':
    case 'mail:read':
      return 'read';
    case 'reply:submit':
    case 'reply:record':
    case 'attachment:upload':
      return 'replies:write';
    case 'consultation:write':
    case 'consultation:issue':
      return 'consultations:write';
    case 'decision:record':
    case 'notice:issue':
      return 'decisions:write';
    case 'token:manage':
    case 'member-state:write':
    case 'contact:manage':
    case 'account:manage':
    case 'key:manage':
      return 'admin';
  }
}
