import type { FieldProblem } from '../errors.js';
import { DAY_MS, isIsoDay, startOfDay } from '../time/instants.js';
import type { StoredAuditEvent } from './audit-event.js';
import { isParticipantCode } from '../procedure/participants.js';

/**
 * The audit trail's filters beyond the circular: the action, who acted, the Member State an event
 * concerns, and the days it falls in (UTC). An empty value means "any". The repository applies
 * them in its query (`listAudit`); `auditEventMatches` is the same rule over one event, the
 * definition that query is tested against.
 */
export interface AuditFilters {
  /** The action's code (`reply.submitted`), compared whole: no pattern. */
  readonly action: string;
  /** The recorded id of who acted (`account:…`, `token:…`, `operator:…`, `public`), compared whole. */
  readonly who: string;
  /** A Member State's code: its replies, its eligibility, what its focal points did. */
  readonly state: string;
  /** First and last day (YYYY-MM-DD, UTC), inclusive. */
  readonly from: string;
  readonly to: string;
}

/** Some of the filters: one absent, or empty, means "any". */
export type SomeAuditFilters = { readonly [K in keyof AuditFilters]?: string | undefined };

/** The longest action or actor id a filter takes (the longest the chain records is far shorter). */
export const AUDIT_FILTER_MAX_LENGTH = 200;

/**
 * Reads the filters as typed on the secretariat's page, forgivingly: trimmed, a day only when it is
 * one, a State code in capitals. A value that is not one the filter takes means "any", as on the
 * other lists' filters; the API refuses such a value instead (its query's schema).
 */
export function readAuditFilters(query: {
  action?: string | undefined;
  who?: string | undefined;
  state?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}): AuditFilters {
  const day = (value: string | undefined) => {
    const trimmed = (value ?? '').trim();
    return isIsoDay(trimmed) ? trimmed : '';
  };
  const state = (query.state ?? '').trim().toUpperCase();
  return {
    action: (query.action ?? '').trim(),
    who: (query.who ?? '').trim(),
    state: isParticipantCode(state) ? state : '',
    from: day(query.from),
    to: day(query.to),
  };
}

/**
 * What makes filters unusable, each at its field (`/state`, `/from`…): a State that is not a code,
 * a day that is not one, an action or actor too long or holding a NUL (which PostgreSQL cannot
 * compare). The service refuses them; the API's schema and the page's reader never pass them on.
 */
export function auditFilterProblems(filters: SomeAuditFilters): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['action', 'who'] as const) {
    const value = filters[field] ?? '';
    if (value.length > AUDIT_FILTER_MAX_LENGTH || value.includes('\u0000'))
      problems.push({ field: `/${field}`, message: `At most ${AUDIT_FILTER_MAX_LENGTH} characters, no NUL` });
  }
  if ((filters.state ?? '') !== '' && !isParticipantCode(filters.state!))
    problems.push({
      field: '/state',
      message: "A participant's code: a Member State's two capital letters, or an organisation's code",
    });
  for (const field of ['from', 'to'] as const) {
    const value = filters[field] ?? '';
    if (value !== '' && !isIsoDay(value)) problems.push({ field: `/${field}`, message: 'A calendar day, YYYY-MM-DD' });
  }
  return problems;
}

/**
 * The problem of a range of days that ends before it starts, at `/to`. Such a range selects no
 * event: the page shows none, as it always has; the API answers it as the mistake it must be.
 */
export function auditRangeProblem(filters: SomeAuditFilters): FieldProblem | undefined {
  const from = filters.from ?? '';
  const to = filters.to ?? '';
  // Days written YYYY-MM-DD compare as strings in calendar order.
  if (from === '' || to === '' || from <= to) return undefined;
  return { field: '/to', message: 'The last day cannot come before the first', code: 'DATES_OUT_OF_ORDER' };
}

/**
 * The instants the days select: from the first instant of `from` (inclusive) to the first instant
 * of the day after `to` (exclusive), so the last millisecond of `to` is in and midnight after it
 * is out. Undefined bounds are open. The days must be valid (`auditFilterProblems`).
 */
export function auditInstantRange(filters: SomeAuditFilters): {
  readonly atFrom: number | undefined;
  readonly atBefore: number | undefined;
} {
  const from = filters.from ?? '';
  const to = filters.to ?? '';
  return {
    atFrom: from === '' ? undefined : startOfDay(from),
    atBefore: to === '' ? undefined : startOfDay(to) + DAY_MS,
  };
}

/** The parts of an event that say which Member States it concerns. */
export type AuditEventMentions = Pick<StoredAuditEvent, 'actor' | 'subject' | 'data'>;

/**
 * The Member States an event concerns, read from what the chain records: a reply's subject
 * (`reply:<consultation>/<State>/<version>`), a State's eligibility (`member-state:<State>`), a
 * `memberState` in its data (an invitation, a token, a contact, a reminder), or the State of the
 * focal point whose account acted (`statesOfActor`, `account:<id>` → code).
 */
export function statesOfEvent(
  event: AuditEventMentions,
  statesOfActor: ReadonlyMap<string, string> = new Map(),
): string[] {
  const found = new Set<string>();
  const actorState = statesOfActor.get(event.actor);
  if (actorState !== undefined) found.add(actorState);
  const reply = /^reply:[^/]+\/([^/]+)\//.exec(event.subject);
  if (reply && isParticipantCode(reply[1]!)) found.add(reply[1]!);
  const state = /^member-state:(.+)$/.exec(event.subject);
  if (state && isParticipantCode(state[1]!)) found.add(state[1]!);
  const data = event.data.memberState;
  if (typeof data === 'string' && isParticipantCode(data)) found.add(data);
  return [...found];
}

/**
 * Whether an event passes the filters; `statesOfActor` names the State of a focal point's account.
 * The rule the repository's query implements, kept as its specification: the tests compare the two.
 */
export function auditEventMatches(
  event: StoredAuditEvent,
  filters: AuditFilters,
  statesOfActor: ReadonlyMap<string, string> = new Map(),
): boolean {
  const { atFrom, atBefore } = auditInstantRange(filters);
  if (filters.action !== '' && event.action !== filters.action) return false;
  if (filters.who !== '' && event.actor !== filters.who) return false;
  if (atFrom !== undefined && event.at < atFrom) return false;
  if (atBefore !== undefined && event.at >= atBefore) return false;
  if (filters.state !== '') return statesOfEvent(event, statesOfActor).includes(filters.state);
  return true;
}
