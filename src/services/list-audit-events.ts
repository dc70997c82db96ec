import {
  auditFilterProblems,
  auditInstantRange,
  type SomeAuditFilters,
  statesOfEvent,
} from '../domain/audit/audit-filters.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { accountMemberStates } from '../repositories/account.repository.js';
import {
  type AuditSelection,
  auditFacets,
  countAudit,
  listAudit,
  type StoredAuditEvent,
} from '../repositories/audit.repository.js';
import type { ServiceContext } from './service-context.js';

/** Which events of the trail a reader asks for: one consultation's or all, and the filters (empty or absent: any). */
export interface AuditSearch {
  readonly consultationId?: string | undefined;
  readonly filters?: SomeAuditFilters | undefined;
}

/**
 * The search as the repository's selection: the filters checked (VALIDATION_FAILED at the field
 * otherwise), empty ones dropped, the days turned into instants. A range of days that ends before
 * it starts selects nothing (the API refuses it before: auditRangeProblem).
 */
function selectionOf(search: AuditSearch): AuditSelection {
  const filters = search.filters ?? {};
  const problems = auditFilterProblems(filters);
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', 'The filters of the audit trail are not valid', { errors: problems });
  const given = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
  return {
    consultationId: search.consultationId,
    action: given(filters.action),
    actor: given(filters.who),
    state: given(filters.state),
    ...auditInstantRange(filters),
  };
}

/**
 * The audit trail, oldest first, optionally for one consultation and filtered (action, who acted,
 * Member State concerned, days), paged by sequence number after the filters: `afterSeq` and
 * `limit` page through the events the filters select.
 * @throws FORBIDDEN, VALIDATION_FAILED (a limit out of 1–1,000, a filter that is not valid)
 */
export async function listAuditEvents(
  ctx: ServiceContext,
  options: AuditSearch & {
    actor: Actor;
    afterSeq?: number | undefined;
    limit?: number | undefined;
  },
): Promise<StoredAuditEvent[]> {
  authorize(options.actor, { action: 'audit:read' });
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new AppError('VALIDATION_FAILED', 'limit is between 1 and 1000', {
      errors: [{ field: '/limit', message: 'Between 1 and 1000' }],
    });
  return listAudit(ctx.db, { ...selectionOf(options), afterSeq: options.afterSeq, limit });
}

/** Rows read per call while walking the whole trail (the largest page). */
const TRAIL_BATCH = 1000;

/**
 * Every event of the trail the search selects, oldest first, after a sequence number if given,
 * read in pages of 1,000 rows (for the exports).
 * @throws FORBIDDEN, VALIDATION_FAILED (a filter that is not valid)
 */
export async function readAuditTrail(
  ctx: ServiceContext,
  options: AuditSearch & { actor: Actor; afterSeq?: number | undefined },
): Promise<StoredAuditEvent[]> {
  const all: StoredAuditEvent[] = [];
  for (;;) {
    const batch = await listAuditEvents(ctx, {
      actor: options.actor,
      consultationId: options.consultationId,
      filters: options.filters,
      afterSeq: all.at(-1)?.seq ?? options.afterSeq,
      limit: TRAIL_BATCH,
    });
    all.push(...batch);
    if (batch.length < TRAIL_BATCH) return all;
  }
}

/** One page of the selected events, newest first, and where it stands among them. */
export interface AuditEventsPage {
  /** The page's events, newest first. */
  readonly events: StoredAuditEvent[];
  /** The page shown, 1 … pages. */
  readonly page: number;
  /** How many pages the selected events fill (1 when there is none). */
  readonly pages: number;
  /** How many events the search selects. */
  readonly total: number;
}

/**
 * A page of the selected events, newest first, as the secretariat reads the trail: the page asked
 * for (kept within 1 … pages), or the one that holds the event `focusSeq` when the search selects
 * it (the first broken row, after a check of the chain). Counted and sliced in the database.
 * @throws FORBIDDEN, VALIDATION_FAILED (a filter that is not valid, a page size out of 1–1,000)
 */
export async function pageAuditEvents(
  ctx: ServiceContext,
  options: AuditSearch & {
    actor: Actor;
    page: number;
    pageSize: number;
    focusSeq?: number | undefined;
  },
): Promise<AuditEventsPage> {
  authorize(options.actor, { action: 'audit:read' });
  const size = options.pageSize;
  if (!Number.isInteger(size) || size < 1 || size > 1000)
    throw new AppError('VALIDATION_FAILED', 'pageSize is between 1 and 1000', {
      errors: [{ field: '/pageSize', message: 'Between 1 and 1000' }],
    });
  const selection = selectionOf(options);
  const total = await countAudit(ctx.db, selection);
  const pages = Math.max(1, Math.ceil(total / size));
  let page = Math.min(Math.max(1, Math.trunc(options.page) || 1), pages);
  if (options.focusSeq !== undefined) {
    const focus = options.focusSeq;
    const [found] = await listAudit(ctx.db, { ...selection, afterSeq: focus - 1, limit: 1 });
    // Newest first, the event comes after every selected event numbered above it.
    if (found?.seq === focus)
      page = Math.floor((await countAudit(ctx.db, { ...selection, afterSeq: focus })) / size) + 1;
  }
  const events = await listAudit(ctx.db, { ...selection, newestFirst: true, offset: (page - 1) * size, limit: size });
  return { events, page, pages, total };
}

/** What the trail's filters can offer: the values that occur in it. */
export interface AuditFacets {
  /** The actions, sorted by code. */
  readonly actions: string[];
  /** Who acted (recorded ids), in no order. */
  readonly actors: string[];
  /** The Member States the events concern (statesOfEvent), in no order. */
  readonly states: string[];
}

/**
 * The actions, actors and Member States that occur in the trail (of one consultation, or all), for
 * the choices of the filters, read as distinct values rather than the whole trail. The States of
 * the focal points who acted come from their accounts, read without names or addresses.
 * @throws FORBIDDEN
 */
export async function listAuditFacets(
  ctx: ServiceContext,
  options: { actor: Actor; consultationId?: string | undefined },
): Promise<AuditFacets> {
  authorize(options.actor, { action: 'audit:read' });
  const facets = await auditFacets(ctx.db, { consultationId: options.consultationId });
  const statesOfActor = new Map<string, string>();
  for (const [id, state] of await accountMemberStates(ctx.db)) statesOfActor.set(`account:${id}`, state);
  const states = new Set<string>();
  const add = (found: string[]) => {
    for (const state of found) states.add(state);
  };
  for (const actor of facets.actors) add(statesOfEvent({ actor, subject: '', data: {} }, statesOfActor));
  for (const subject of facets.stateSubjects) add(statesOfEvent({ actor: '', subject, data: {} }));
  for (const data of facets.stateData) add(statesOfEvent({ actor: '', subject: '', data }));
  return { actions: [...facets.actions].sort(), actors: facets.actors, states: [...states] };
}
