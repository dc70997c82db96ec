import { describe, expect, it } from 'vitest';
import type { StoredAuditEvent } from './audit-event.js';
import {
  auditEventMatches,
  auditFilterProblems,
  auditInstantRange,
  auditRangeProblem,
  readAuditFilters,
  statesOfEvent,
} from './audit-filters.js';

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
    expect(readAuditFilters({ state: 'Rep. of Korea', from: '2023-02-30' })).toMatchObject({ state: '', from: '' });
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

  it('turns the days into instants: from midnight of `from`, to midnight after `to` (excluded)', () => {
    expect(auditInstantRange({ from: '2023-05-02', to: '2023-05-02' })).toEqual({
      atFrom: Date.parse('2023-05-02T00:00:00Z'),
      atBefore: Date.parse('2023-05-03T00:00:00Z'),
    });
    expect(auditInstantRange({ to: '2024-02-28' }).atBefore).toBe(Date.parse('2024-02-29T00:00:00Z'));
    expect(auditInstantRange({})).toEqual({ atFrom: undefined, atBefore: undefined });
  });

  it('names each filter that is not usable at its field, and a range that ends before it starts at /to', () => {
    expect(auditFilterProblems(readAuditFilters({ state: 'Korea', from: '2023-02-30', who: 'x' }))).toEqual([]);
    expect(
      auditFilterProblems({ state: 'kr', from: '2023-02-30', to: 'soon', who: 'x'.repeat(201), action: 'a\u0000' }).map(
        (p) => p.field,
      ),
    ).toEqual(['/action', '/who', '/state', '/from', '/to']);
    expect(auditRangeProblem({ from: '2023-05-03', to: '2023-05-02' })).toMatchObject({
      field: '/to',
      code: 'DATES_OUT_OF_ORDER',
    });
    expect(auditRangeProblem({ from: '2023-05-02', to: '2023-05-02' })).toBeUndefined();
    expect(auditRangeProblem({ from: '2023-05-03' })).toBeUndefined();
  });
});
