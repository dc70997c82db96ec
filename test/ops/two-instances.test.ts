import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createAppContext } from '../../src/app-context.js';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/http/server.js';
import { addContact } from '../../src/services/contacts.js';
import { createApiToken } from '../../src/services/api-tokens.js';
import { verifyAuditChain } from '../../src/services/verify-audit-chain.js';
import { describeEachDialect } from '../helpers/databases.js';
import { runUntilIdle } from '../jobs/run-until-idle.js';
import { SECRETARIAT, replyInput, useWorld } from '../helpers/world.js';

/**
 * Two app instances behind one load balancer: each its own process state (pool, worker, data
 * folder), one shared database. Whatever one instance acknowledges, the other sees; a retried
 * request sent to both is carried out once; a job is run by one of them.
 */

interface Instance {
  readonly server: RunningServer;
  readonly dataDir: string;
}

describeEachDialect('two instances on one database', (dialect) => {
  const world = useWorld(dialect);
  let instances: Instance[] = [];
  let tokens: { secretariat: string; states: Record<string, string> };
  const folders: string[] = [];

  async function startInstance(): Promise<Instance> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-instance-'));
    folders.push(dataDir);
    const config = loadConfig({
      DATABASE_URL: world().database.url,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '0',
      WORKER: 'off',
      DATA_DIR: dataDir,
      DATABASE_POOL_MAX: '5',
    });
    // Its own context: its own pool (SQLite: its own connection to the same file), its own worker.
    const context = await createAppContext(config, world().clock.now);
    const server = await startServer(config, { context, handleSignals: false, logger: false });
    return { server, dataDir };
  }

  beforeEach(async () => {
    const { ctx } = world();
    const token = async (role: 'secretariat' | 'focal_point', memberState?: string) =>
      (await createApiToken(ctx, { actor: SECRETARIAT, role, memberState, label: `${role} ${memberState ?? ''}` }))
        .secret;
    tokens = { secretariat: await token('secretariat'), states: {} };
    for (const state of ['KR', 'FR', 'DE', 'BR', 'JP', 'IN']) tokens.states[state] = await token('focal_point', state);
    instances = [await startInstance(), await startInstance()];
  });
  afterEach(async () => {
    for (const instance of instances.splice(0)) await instance.server.close();
    for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  const call = (
    instance: Instance,
    method: string,
    url: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${instance.server.url}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  it('listens on two different ports', () => {
    const [a, b] = instances;
    expect(a!.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(b!.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a!.server.url).not.toBe(b!.server.url);
  });

  it('shows through one instance a reply acknowledged by the other', async () => {
    const id = await world().openConsultation();
    const [a, b] = instances as [Instance, Instance];
    const put = await call(a, 'PUT', `/api/v1/consultations/${id}/replies/KR`, tokens.states.KR!, replyInput());
    expect(put.status).toBe(201);
    const receipt = (await put.json()) as { version: number; contentHash: string };

    const seen = await call(b, 'GET', `/api/v1/consultations/${id}/replies/KR`, tokens.states.KR!);
    expect(seen.status).toBe(200);
    const reply = (await seen.json()) as {
      currentVersion: number;
      countedVersion: number;
      versions: { version: number; contentHash: string }[];
    };
    expect(reply).toMatchObject({ currentVersion: 1, countedVersion: 1 });
    expect(reply.versions.map((v) => [v.version, v.contentHash])).toEqual([[1, receipt.contentHash]]);

    const overview = await call(b, 'GET', `/api/v1/consultations/${id}/replies`, tokens.secretariat);
    expect(((await overview.json()) as { summary: { replied: number } }).summary.replied).toBe(1);
  });

  it('carries out once a reply sent with one Idempotency-Key to both instances at the same moment', async () => {
    const id = await world().openConsultation();
    const [a, b] = instances as [Instance, Instance];
    for (const state of ['KR', 'FR', 'DE', 'BR', 'JP', 'IN']) {
      const key = `retry-${state}-0001`;
      const send = (instance: Instance) =>
        call(instance, 'PUT', `/api/v1/consultations/${id}/replies/${state}`, tokens.states[state]!, replyInput(), {
          'idempotency-key': key,
        });
      const [ra, rb] = await Promise.all([send(a), send(b)]);
      const [ba, bb] = (await Promise.all([ra.json(), rb.json()])) as [
        Record<string, unknown>,
        Record<string, unknown>,
      ];
      expect([ra.status, rb.status], state).toEqual([201, 201]);
      // The same receipt; only `replayed` tells the second answer from the first (by design).
      const { replayed: replayedA, ...receiptA } = ba;
      const { replayed: replayedB, ...receiptB } = bb;
      expect(receiptA, state).toEqual(receiptB);
      expect([replayedA, replayedB].sort(), state).toEqual([false, true]);
      expect(receiptA).toMatchObject({ memberState: state, version: 1 });

      const versions = await world()
        .ctx.db.selectFrom('reply_version')
        .select('version')
        .where('consultation_id', '=', id)
        .where('member_state', '=', state)
        .execute();
      expect(versions, state).toHaveLength(1);
    }
    const audit = await world()
      .ctx.db.selectFrom('audit_event')
      .select('action')
      .where('consultation_id', '=', id)
      .where('action', 'like', 'reply.%')
      .execute();
    expect(audit.map((e) => e.action)).toEqual(Array(6).fill('reply.submitted'));
    expect((await verifyAuditChain(world().ctx)).ok).toBe(true);
  });

  it('runs a job once when both instances drain the queue at the same moment', async () => {
    const id = await world().openConsultation();
    const [a, b] = instances as [Instance, Instance];
    // Only the issue notice is due (no contacts: its fan-out sends nothing).
    const [ranA, ranB] = await Promise.all([a.server.context.worker.drain(), b.server.context.worker.drain()]);
    expect([ranA, ranB].sort()).toEqual([0, 1]);
    const job = await world()
      .ctx.db.selectFrom('job')
      .select(['state', 'attempts', 'locked_by'])
      .where('id', '=', `notify-issue:${id}`)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ state: 'done', attempts: 1, locked_by: (ranA === 1 ? a : b).server.context.worker.id });
  });

  it('has each job enqueued once run by exactly one of the two instances', async () => {
    const { ctx } = world();
    const emails = ['fp1@msit.kr.test', 'fp2@msit.kr.test', 'fp@anfr.fr.test', 'observer@vendor.test'];
    for (const email of emails) {
      await addContact(ctx, {
        actor: SECRETARIAT,
        email,
        name: email,
        role: email.startsWith('observer') ? 'observer' : 'focal_point',
        memberState: email.includes('.kr.') ? 'KR' : email.includes('.fr.') ? 'FR' : undefined,
      });
    }
    // Three circulars issued at once: three notices to fan out, then one e-mail per contact each.
    const ids = [
      await world().openConsultation(),
      await world().openConsultation({ number: 80, reference: 'TSB Circular 80' }),
      await world().openConsultation({ number: 81, reference: 'TSB Circular 81' }),
    ];
    const [a, b] = instances as [Instance, Instance];

    // Both instances' background workers, as `assent serve` runs them.
    await runUntilIdle([a.server.context.worker, b.server.context.worker], ctx.db, world().clock.now);

    const jobs = await ctx.db
      .selectFrom('job')
      .select(['id', 'state', 'attempts', 'locked_by'])
      .where('state', '!=', 'queued')
      .execute();
    expect(jobs).toHaveLength(ids.length * (1 + emails.length));
    for (const job of jobs) expect(job, job.id).toMatchObject({ state: 'done', attempts: 1 });
    const workers = [a.server.context.worker.id, b.server.context.worker.id];
    expect(workers[0]).not.toBe(workers[1]);
    for (const job of jobs) expect(workers, job.id).toContain(job.locked_by);
    expect(new Set(jobs.map((j) => j.locked_by)), 'both instances took part').toEqual(new Set(workers));

    // Each instance writes .eml files to its own data folder: together, one message per job and contact.
    const files = instances.flatMap((i) => {
      const dir = path.join(i.dataDir, 'mail');
      return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    });
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(ids.length * emails.length);
    expect(new Set(files).size).toBe(files.length);
  });
});
