import { describe, expect, it } from 'vitest';
import type { Actor } from '../policy/actor.js';
import { decide, type Action } from '../policy/policy.js';
import { TOKEN_SCOPES, scopeOf } from './scopes.js';

/** Every action of the policy: the type makes leaving one out (or adding a new one) a compile error. */
const ACTIONS = {
  'consultation:read': 'read',
  'consultation:write': 'write',
  'consultation:issue': 'write',
  'reply:submit': 'write',
  'reply:record': 'write',
  'reply:read': 'read',
  'reply:list-all': 'read',
  'results:read': 'read',
  'decision:record': 'write',
  'notice:issue': 'write',
  'attachment:upload': 'write',
  'attachment:read': 'read',
  'token:manage': 'write',
  'audit:read': 'read',
  'member-state:write': 'write',
  'contact:manage': 'write',
  'job:read': 'read',
  'mail:read': 'read',
  'account:manage': 'write',
  'key:manage': 'write',
} as const satisfies Record<Action['action'], 'read' | 'write'>;

const NAMES = Object.keys(ACTIONS) as Action['action'][];

/** A subject of each action that the secretariat may act on. */
function subjectOf(action: Action['action']): Action {
  switch (action) {
    case 'consultation:read':
      return { action, issued: true };
    case 'reply:submit':
      return { action, memberState: 'KR' };
    case 'reply:read':
      return { action, memberState: 'KR', deadlinePassed: true, individualRepliesPublic: true };
    case 'reply:list-all':
      return { action, deadlinePassed: true, individualRepliesPublic: true };
    case 'results:read':
      return { action, deadlinePassed: true };
    case 'attachment:read':
      return { action, uploadedBy: [], memberStatesUsing: ['KR'] };
    default:
      return { action } as Action;
  }
}

describe('scopeOf', () => {
  it.each(NAMES)('gives %s one of the token scopes', (action) => {
    expect(TOKEN_SCOPES).toContain(scopeOf(action));
  });

  it('maps every read to "read" and no write to "read"', () => {
    for (const action of NAMES) expect(scopeOf(action) === 'read', action).toBe(ACTIONS[action] === 'read');
  });

  it('names the writes by what they change', () => {
    expect(scopeOf('reply:submit')).toBe('replies:write');
    expect(scopeOf('reply:record')).toBe('replies:write');
    expect(scopeOf('attachment:upload')).toBe('replies:write');
    expect(scopeOf('consultation:issue')).toBe('consultations:write');
    expect(scopeOf('decision:record')).toBe('decisions:write');
    expect(scopeOf('account:manage')).toBe('admin');
    expect(scopeOf('token:manage')).toBe('admin');
  });

  it('uses every scope for at least one action', () => {
    expect(new Set(NAMES.map(scopeOf))).toEqual(new Set(TOKEN_SCOPES));
  });
});

describe('scoped actors in the policy', () => {
  const admin = (scopes?: Actor['scopes']): Actor => ({
    kind: 'secretariat',
    id: 'token:t',
    label: 't',
    admin: true,
    ...(scopes && { scopes }),
  });
  const focal = (scopes: NonNullable<Actor['scopes']>): Actor => ({
    kind: 'focal_point',
    id: 'token:f',
    label: 'f',
    memberState: 'KR',
    scopes,
  });

  it.each(NAMES)('refuses %s (FORBIDDEN) to a token without its scope, and allows it with the scope', (action) => {
    const needed = scopeOf(action);
    const others = TOKEN_SCOPES.filter((s) => s !== needed);
    expect(decide(admin(others), subjectOf(action))).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
    if (action !== 'reply:submit') expect(decide(admin([needed]), subjectOf(action))).toEqual({ allowed: true });
  });

  it('lets an unscoped administrator token do everything it could before scopes existed', () => {
    for (const action of NAMES.filter((a) => a !== 'reply:submit'))
      expect(decide(admin(), subjectOf(action)), action).toEqual({ allowed: true });
  });

  it('lets a read made within a write pass on the write\'s scope, and nothing else pass without "read"', () => {
    const writes = [
      ['reply:submit', 'replies:write'],
      ['reply:record', 'replies:write'],
      ['consultation:write', 'consultations:write'],
      ['consultation:issue', 'consultations:write'],
      ['decision:record', 'decisions:write'],
      ['notice:issue', 'decisions:write'],
    ] as const;
    for (const [within, scope] of writes) {
      const inWrite = [
        { action: 'consultation:read', issued: true, within },
        { action: 'results:read', deadlinePassed: true, within },
      ] as const;
      for (const subject of inWrite) {
        expect(decide(admin([scope]), subject), `${subject.action} within ${within}`).toEqual({ allowed: true });
        // Within one write, another write's scope is no more use than "read" is outside it.
        for (const other of TOKEN_SCOPES.filter((s) => s !== scope))
          expect(decide(admin([other]), subject)).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
      }
      // The same read on its own needs "read".
      expect(decide(admin([scope]), { action: 'consultation:read', issued: true })).toMatchObject({
        allowed: false,
        code: 'FORBIDDEN',
      });
    }
    // `within` never widens what the role may see: a draft stays hidden from a focal point.
    expect(
      decide(focal(['replies:write']), { action: 'consultation:read', issued: false, within: 'reply:submit' }),
    ).toMatchObject({ allowed: false, code: 'NOT_FOUND' });
  });

  it('grants a focal point no more with scopes than without', () => {
    expect(decide(focal([...TOKEN_SCOPES]), { action: 'reply:submit', memberState: 'FR' })).toMatchObject({
      allowed: false,
      code: 'NOT_YOUR_MEMBER_STATE',
    });
    expect(decide(focal([...TOKEN_SCOPES]), { action: 'account:manage' })).toMatchObject({
      allowed: false,
      code: 'FORBIDDEN',
    });
    expect(decide(focal(['replies:write']), { action: 'reply:submit', memberState: 'KR' })).toEqual({ allowed: true });
  });
});
