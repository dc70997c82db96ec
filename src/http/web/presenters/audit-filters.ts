import type { StoredAuditEvent } from '../../../domain/audit/audit-event.js';
import { isIsoDay } from '../../../domain/time/instants.js';

/**
 * The audit trail's filters beyond the circular (which the service applies): the action, who acted,
 * the Member State an event concerns, and the days it falls in (UTC). A value that is not one the
 * page offers, or not a day, means "any", as on the other lists' filters.
 */
export interface AuditFilters {
  readonly action: string;
  /** The recorded id of who acted (`account:…`, `token:…`, `operator:…`). */
  readonly who: string;
  /** A Member State's code: its replies, its eligibility, what its focal points did. */
  readonly state: string;
  /** First and last day (YYYY-MM-DD, UTC), inclusive. */
  readonly from: string;
  readonly to: string;
}

const DAY_MS = 86_400_000;

/** Reads the filters as typed: trimmed, a day only when it is one, a State code in capitals. */
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
    state: /^[A-Z]{2}$/.test(state) ? state : '',
    from: day(query.from),
    to: day(query.to),
  };
}

/**
 * The Member States an event concerns, read from what the chain records: a reply's subject
 * (`reply:<consultation>/<State>/<version>`), a State's eligibility (`member-state:<State>`), a
 * `memberState` in its data (an invitation, a contact), or the State of the focal point who acted
 * (`statesOfActor`, where the reader may know it).
 */
export function statesOfEvent(
  event: StoredAuditEvent,
  statesOfActor: ReadonlyMap<string, string> = new Map(),
): string[] {
  const found = new Set<string>();
  const actorState = statesOfActor.get(event.actor);
  if (actorState !== undefined) found.add(actorState);
  const reply = /^reply:[^/]+\/([A-Z]{2})\//.exec(event.subject);
  if (reply) found.add(reply[1]!);
  const state = /^member-state:([A-Z]{2})$/.exec(event.subject);
  if (state) found.add(state[1]!);
  const data = event.data.memberState;
  if (typeof data === 'string' && /^[A-Z]{2}$/.test(data)) found.add(data);
  return [...found];
}

/** Whether an event passes the filters; `statesOfActor` names the State of a focal point's account, where known. */
export function auditEventMatches(
  event: StoredAuditEvent,
  filters: AuditFilters,
  statesOfActor: ReadonlyMap<string, string> = new Map(),
): boolean {
  if (filters.action !== '' && event.action !== filters.action) return false;
  if (filters.who !== '' && event.actor !== filters.who) return false;
  if (filters.from !== '' && event.at < Date.parse(`${filters.from}T00:00:00Z`)) return false;
  if (filters.to !== '' && event.at >= Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS) return false;
  if (filters.state !== '') return statesOfEvent(event, statesOfActor).includes(filters.state);
  return true;
}
