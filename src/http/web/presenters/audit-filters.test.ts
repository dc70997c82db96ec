import { describe, expect, it } from 'vitest';
import type { StoredAuditEvent } from '../../../domain/audit/audit-event.js';
import { auditEventMatches, readAuditFilters, statesOfEvent } from './audit-filters.js';

const event = (overrides: Partial<StoredAuditEvent> = {}): StoredAuditEvent => ({
  seq: 1,
  at: Date.parse('2023-05-02T10:00:00Z'),
  actor: 'account:kim',
  action: 'reply.submitted',
  consultationId: 'tsb-79-2023',
  subject: 'reply:tsb-79-2023/KR/1',
  data: {},
  prevHash: null,
  hash: null,
  ...overrides,
});

describe("the audit trail's filters", () => {
  it('reads what was typed: days only when they are days, a State code in capitals', () => {
    expect(
      readAuditFilters({ action: ' reply.submitted ', state: 'kr', from: '2023-05-02', to: '02/05/2023' }),
    ).toEqual({
      action: 'reply.submitted',
      who: '',
      state: 'KR',
      from: '2023-05-02',
      to: '',
    });
    expect(readAuditFilters({ state: 'Korea', from: '2023-02-30' })).toMatchObject({ state: '', from: '' });
  });

  it('names the States an event concerns from its subject or its data', () => {
    expect(statesOfEvent(event())).toEqual(['KR']);
    expect(statesOfEvent(event({ subject: 'member-state:PS' }))).toEqual(['PS']);
    expect(statesOfEvent(event({ subject: 'account:x', data: { memberState: 'FR' } }))).toEqual(['FR']);
    expect(statesOfEvent(event({ subject: 'consultation:tsb-79-2023' }))).toEqual([]);
  });

  it('keeps the days from and to inclusive in UTC, who acted, and the State concerned or whose focal point acted', () => {
    const match = (query: Parameters<typeof readAuditFilters>[0], e = event()) =>
      auditEventMatches(e, readAuditFilters(query), new Map([['account:lee', 'KR']]));
    expect(match({})).toBe(true);
    expect(match({ from: '2023-05-02', to: '2023-05-02' })).toBe(true);
    expect(match({ from: '2023-05-03' })).toBe(false);
    expect(match({ to: '2023-05-01' })).toBe(false);
    expect(match({ to: '2023-05-02' }, event({ at: Date.parse('2023-05-02T23:59:59.999Z') }))).toBe(true);
    expect(match({ to: '2023-05-02' }, event({ at: Date.parse('2023-05-03T00:00:00Z') }))).toBe(false);
    expect(match({ who: 'account:kim' })).toBe(true);
    expect(match({ who: 'account:lee' })).toBe(false);
    expect(match({ state: 'KR' })).toBe(true);
    expect(match({ state: 'FR' })).toBe(false);
    // A focal point of Korea signing in concerns Korea.
    expect(
      match({ state: 'KR' }, event({ actor: 'account:lee', action: 'session.started', subject: 'session:s' })),
    ).toBe(true);
    expect(match({ action: 'reply.withdrawn' })).toBe(false);
  });
});
