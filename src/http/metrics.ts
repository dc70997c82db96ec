import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppError } from '../domain/errors.js';
import { sameSecret } from '../services/identity/secrets.js';
import { readMetrics } from '../services/read-metrics.js';
import type { ServiceContext } from '../services/service-context.js';
import type { PublicCacheStats } from './public-cache.js';

/**
 * Prometheus metrics at /metrics. Request figures are per instance; replies, jobs and e-mails
 * are read from the database at scrape time, so every instance reports the same, true totals.
 * A scrape needs the bearer `token`; with none, only an operator who opened the metrics on
 * purpose (`open`, METRICS_PUBLIC) has them answered without one, and otherwise nobody does.
 */
export function registerMetrics(
  app: FastifyInstance,
  ctx: ServiceContext,
  options: { token: string | null; open: boolean; publicCache?: () => PublicCacheStats },
): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'assent_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'assent_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const positions = new Gauge({
    name: 'assent_counted_positions',
    help: 'Positions of counted replies, consultations whose deadline has passed (never an open one)',
    labelNames: ['position'],
    registers: [registry],
  });
  const replyVersions = new Gauge({
    name: 'assent_reply_versions',
    help: 'Reply versions received, all consultations (no positions)',
    registers: [registry],
  });
  const jobs = new Gauge({
    name: 'assent_jobs',
    help: 'Background jobs by state',
    labelNames: ['state'],
    registers: [registry],
  });
  const mails = new Gauge({
    name: 'assent_mails',
    help: 'E-mails by state (done: sent, dead: failed for good)',
    labelNames: ['state'],
    registers: [registry],
  });

  const auditPending = new Gauge({
    name: 'assent_audit_pending_events',
    help: 'Audit events committed and not yet sealed into the hash chain (near 0 unless sealing fails)',
    registers: [registry],
  });
  const auditPendingAge = new Gauge({
    name: 'assent_audit_pending_oldest_seconds',
    help: 'Age of the oldest audit event waiting to be sealed, seconds (0: none)',
    registers: [registry],
  });

  const publicCache = options.publicCache;
  if (publicCache) {
    // Read at scrape time from the cache of this instance (src/http/public-cache.ts).
    new Counter({
      name: 'assent_public_cache_answers_total',
      help: 'Public GET answers for readers without a session or token: served from memory (hit) or rendered (miss)',
      labelNames: ['result'],
      registers: [registry],
      collect() {
        const stats = publicCache();
        this.reset();
        this.inc({ result: 'hit' }, stats.hits);
        this.inc({ result: 'miss' }, stats.misses);
      },
    });
    new Gauge({
      name: 'assent_public_cache_bytes',
      help: 'Bytes of the public answers kept in memory, compressed forms included',
      registers: [registry],
      collect() {
        this.set(publicCache().bytes);
      },
    });
  }

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (options.token === null && !options.open)
      throw new AppError('UNAUTHENTICATED', 'Metrics need the metrics token, and none is configured (METRICS_TOKEN)');
    if (options.token !== null && !sameSecret(request.headers.authorization ?? '', `Bearer ${options.token}`))
      throw new AppError('UNAUTHENTICATED', 'Metrics need the metrics token');
    const stored = await readMetrics(ctx);
    positions.reset();
    for (const row of stored.countedPositions) positions.set({ position: row.position }, row.count);
    replyVersions.set(stored.replyVersions);
    for (const [state, n] of Object.entries(stored.jobs)) jobs.set({ state }, n);
    for (const [state, n] of Object.entries(stored.mails)) mails.set({ state }, n);
    auditPending.set(stored.auditPending.count);
    auditPendingAge.set(stored.auditPending.oldestAgeSeconds);
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
