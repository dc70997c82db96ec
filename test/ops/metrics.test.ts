import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { DEADLINE, focalPoint, replyInput, useWorld } from '../helpers/world.js';

/**
 * /metrics, as `assent serve` builds it from its configuration: what the monitoring needs (jobs,
 * e-mails, requests, how many replies came in), never the tally of a consultation whose deadline
 * has not passed (the results endpoint refuses it until then, and so do the metrics), and only
 * to the holder of the metrics token unless the operator opened it on purpose (METRICS_PUBLIC).
 */
describeEachDialect('/metrics', (dialect) => {
  const world = useWorld(dialect);
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  const TOKEN = 'scrape-secret-0123456789';

  /** The app of a server configured with `env`, listening on a free loopback port; returns its URL. */
  async function serverWith(env: Record<string, string>): Promise<string> {
    const config = loadConfig({ DATA_DIR: '/nonexistent/assent-metrics-test', ...env });
    const app = await buildApp({
      ctx: world().ctx,
      logger: false,
      rateLimitPerMinute: 0,
      metricsToken: config.metricsToken,
      metricsPublic: config.metricsPublic,
    });
    apps.push(app);
    return app.listen({ host: '127.0.0.1', port: 0 });
  }

  async function scrape(base: string): Promise<string> {
    const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    return response.text();
  }

  /** KR answers three texts and FR one, all "assigns authority", before the deadline. */
  async function twoReplies(): Promise<void> {
    const { ctx } = world();
    const id = await world().openConsultation();
    await submitReply(ctx, {
      actor: focalPoint('KR'),
      consultationId: id,
      memberState: 'KR',
      input: replyInput(),
      channel: 'api',
    });
    await submitReply(ctx, {
      actor: focalPoint('FR'),
      consultationId: id,
      memberState: 'FR',
      input: replyInput(['x1353']),
      channel: 'api',
    });
  }

  it('exposes jobs, e-mails, the replies received and HTTP requests, read from the database', async () => {
    await twoReplies();
    const base = await serverWith({ METRICS_TOKEN: TOKEN });
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const text = await scrape(base);
    for (const name of ['assent_jobs', 'assent_mails', 'assent_counted_positions', 'assent_reply_versions'])
      expect(text).toContain(`# TYPE ${name} gauge`);
    expect(text).toContain('# TYPE assent_http_requests_total counter');
    // notify-issue, four reminder slots and two receipts wait in the queue; no e-mail went yet.
    expect(text).toMatch(/^assent_jobs\{state="queued"\} 7$/m);
    expect(text).toMatch(/^assent_jobs\{state="done"\} 0$/m);
    expect(text).toMatch(/^assent_mails\{state="queued"\} 0$/m);
    expect(text).toMatch(/^assent_mails\{state="dead"\} 0$/m);
    expect(text).toMatch(/^assent_reply_versions 2$/m);
    expect(text).toMatch(/^assent_http_requests_total\{method="GET",route="\/health",status="200"\} 1$/m);
  });

  it('never shows the positions of a consultation before its deadline, and shows them once it has passed', async () => {
    await twoReplies();
    const base = await serverWith({ METRICS_TOKEN: TOKEN });
    world().clock.set(DEADLINE);
    // At the deadline instant replies are still on time (Res. 1 §9.4.6): the tally is not out yet.
    const atDeadline = await scrape(base);
    expect(atDeadline).toMatch(/^assent_reply_versions 2$/m);
    expect(atDeadline).not.toMatch(/^assent_counted_positions\{/m);
    world().clock.set(Date.parse(DEADLINE) + 1);
    const after = await scrape(base);
    expect(after).toMatch(/^assent_counted_positions\{position="assigns_authority"\} 4$/m);
  });

  it('refuses /metrics (401) to everyone when neither METRICS_TOKEN nor METRICS_PUBLIC is set', async () => {
    const base = await serverWith({});
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer anything' } })).status).toBe(401);
  });

  it('with METRICS_TOKEN, refuses /metrics without it or with another (401) and answers with it', async () => {
    const base = await serverWith({ METRICS_TOKEN: TOKEN });
    const none = await fetch(`${base}/metrics`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect(await scrape(base)).toContain('# TYPE assent_jobs gauge');
  });

  it('answers /metrics without a token only when METRICS_PUBLIC=on', async () => {
    await twoReplies();
    const base = await serverWith({ METRICS_PUBLIC: 'on' });
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    // Open metrics carry no more than closed ones: still no tally before the deadline.
    expect(await response.text()).not.toMatch(/^assent_counted_positions\{/m);
  });
});
