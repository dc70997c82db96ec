import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { migrateToLatest } from '../../src/db/connect.js';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import { afterEach, expect, it } from 'vitest';
import { chainHash } from '../../src/domain/audit/audit-chain.js';
import type { Receipt } from '../../src/domain/receipt/receipt.js';
import { emlTransport } from '../../src/mail/mail-transport.js';
import { createJobHandlers } from '../../src/services/jobs/handlers.js';
import { createWorker } from '../../src/services/jobs/worker.js';
import { getReceipt, verifyReceipt } from '../../src/services/receipts.js';
import type { ServiceContext } from '../../src/services/service-context.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { verifyAuditChain } from '../../src/services/verify-audit-chain.js';
import { main } from '../../src/cli/main.js';
import { fillAuditTrail, readCounter } from '../helpers/audit-trail.js';
import { describeEachDialect } from '../helpers/databases.js';
import { focalPoint, replyInput, useWorld } from '../helpers/world.js';

/** Rows of the trail in these tests: long enough that reading it whole is unmistakable. */
const TRAIL = 20_000;

describeEachDialect('audit checkpoints and the cost of verifying a receipt', (dialect) => {
  const world = useWorld(dialect);
  const folders: string[] = [];
  afterEach(() => {
    for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function reply(state: string): Promise<Receipt> {
    const { ctx, clock } = world();
    clock.set('2023-05-01T10:00:00Z');
    await submitReply(ctx, {
      actor: focalPoint(state),
      consultationId: 'tsb-79-2023',
      memberState: state,
      input: replyInput(),
      channel: 'api',
    });
    return getReceipt(ctx, { actor: focalPoint(state), consultationId: 'tsb-79-2023', memberState: state, version: 1 });
  }

  /** The background worker of an instance, run until nothing is due (e-mails go to .eml files). */
  async function runJobs(ctx: ServiceContext): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-checkpoint-mail-'));
    folders.push(dir);
    const worker = createWorker(ctx, {
      handlers: createJobHandlers(ctx, { transport: emlTransport(dir), from: 'a@b.example', baseUrl: 'http://x' }),
    });
    await worker.drain();
  }

  /** A trail of TRAIL rows: KR's reply near the start, FR's at the end, the worker run as an instance runs it. */
  async function longTrail() {
    const { ctx, openConsultation } = world();
    await openConsultation();
    const early = await reply('KR');
    // Filler rows, then FR's reply: its audit row is the TRAIL-th, written by the services.
    await fillAuditTrail(ctx.db, TRAIL - 1);
    const late = await reply('FR');
    expect(late.audit.seq).toBe(TRAIL);
    await runJobs(ctx);
    return { ctx, early, late };
  }

  /** Verifies a receipt through a database handle that counts what it reads. */
  async function verifyCounting(ctx: ServiceContext, receipt: Receipt) {
    const counter = readCounter();
    const result = await verifyReceipt({ ...ctx, db: ctx.db.withPlugin(counter) }, receipt);
    return { result, rows: counter.rows, queries: counter.queries };
  }

  it(`verifies a receipt near the start and one at the end of a ${TRAIL}-row trail reading at most about 1,000 audit rows each, not the whole trail`, async () => {
    const { ctx, early, late } = await longTrail();
    for (const receipt of [early, late]) {
      const { result, rows, queries } = await verifyCounting(ctx, receipt);
      expect(result.checks.filter((c) => !c.ok)).toEqual([]);
      expect({ seq: receipt.audit.seq, boundedRows: rows <= 1_100, boundedQueries: queries <= 25 }).toEqual({
        seq: receipt.audit.seq,
        boundedRows: true,
        boundedQueries: true,
      });
    }
  });

  it('refuses to vouch for the chain around a receipt when no checkpoint is within reach, after reading a bounded number of rows', async () => {
    const { ctx, openConsultation } = world();
    await openConsultation();
    const early = await reply('KR');
    // No worker has run: nothing checkpoints the 20,000 rows after KR's.
    await fillAuditTrail(ctx.db, TRAIL);
    const { result, rows } = await verifyCounting(ctx, early);
    expect(rows).toBeLessThanOrEqual(1_100);
    expect(result.ok).toBe(false);
    expect(result.checks.find((c) => c.check === 'audit_chain')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('assent audit verify'),
    });
    // The operator's full verification checkpoints the trail; then the receipt verifies, cheaply.
    expect((await verifyAuditChain(ctx, { writeCheckpoints: true })).ok).toBe(true);
    const after = await verifyCounting(ctx, early);
    expect(after.result.ok).toBe(true);
    expect(after.rows).toBeLessThanOrEqual(1_100);
  });

  it('assent audit verify recomputes the whole chain and leaves signed checkpoints for receipts to rely on', async () => {
    const { ctx, openConsultation, database } = world();
    await openConsultation();
    const early = await reply('KR');
    await fillAuditTrail(ctx.db, TRAIL);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-checkpoint-cli-'));
    folders.push(dir);
    let out = '';
    const io = {
      write: (chunk: string) => {
        out += chunk;
        return true;
      },
    };
    const code = await main(['node', 'assent', 'audit', 'verify'], {
      env: {
        DATABASE_URL: database.url,
        DATA_DIR: dir,
        ASSENT_SECRET_KEY: ctx.secretKey.toString('base64'),
        LOG_LEVEL: 'silent',
      },
      stdout: io,
      stderr: io,
      cwd: dir,
    });
    expect(code, out).toBe(0);
    expect(out).toMatch(/checkpoint/i);
    const { result, rows } = await verifyCounting(ctx, early);
    expect(result.ok).toBe(true);
    expect(rows).toBeLessThanOrEqual(1_100);
  });

  it('a segment of the chain rewritten consistently after a checkpoint is found by the receipt, and by full verification, at the checkpoint', async () => {
    const { ctx, early } = await longTrail();
    // Rewrite row 500 and recompute every hash after it, as someone with the database (but not
    // the server's key) would to hide an edit: the chain is consistent again, the checkpoint is not.
    await sql`update audit_event set actor = 'forger' where seq = 500`.execute(ctx.db);
    const rows = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('seq', '>=', 500)
      .where('seq', '<=', 1_000)
      .orderBy('seq')
      .execute();
    let prev = rows[0]!.prev_hash!;
    for (const row of rows) {
      const hash = chainHash(prev, {
        seq: Number(row.seq),
        at: Number(row.at),
        actor: row.actor,
        action: row.action,
        consultationId: row.consultation_id,
        subject: row.subject,
        data: JSON.parse(row.data),
      });
      await sql`update audit_event set prev_hash = ${prev}, hash = ${hash} where seq = ${row.seq}`.execute(ctx.db);
      prev = hash;
    }
    const receipt = await verifyCounting(ctx, early);
    expect(receipt.result.checks.find((c) => c.check === 'audit_chain')).toMatchObject({ ok: false });
    const full = await verifyAuditChain(ctx);
    expect(full).toMatchObject({ ok: false, break: { seq: 1_000, problem: 'checkpoint_mismatch' } });
  });

  it('rows cut from the end of the trail are found: a signed checkpoint names a row that is gone', async () => {
    const { ctx } = await longTrail();
    await sql`delete from audit_event where seq > ${TRAIL - 10}`.execute(ctx.db);
    const full = await verifyAuditChain(ctx);
    expect(full).toMatchObject({ ok: false, break: { seq: TRAIL, problem: 'truncated' } });
  });

  it('a checkpoint not signed by the server is refused', async () => {
    const { ctx } = await longTrail();
    await sql`update audit_checkpoint set signature = ${Buffer.alloc(64).toString('base64')} where seq = 2000`.execute(
      ctx.db,
    );
    const full = await verifyAuditChain(ctx);
    expect(full).toMatchObject({ ok: false, break: { seq: 2_000, problem: 'checkpoint_signature' } });
  });

  it('an installation upgraded with a trail already written gets a first checkpoint job, which checkpoints it all', async () => {
    const { ctx, openConsultation } = world();
    await openConsultation();
    const early = await reply('KR');
    const migrator = new Migrator({ db: ctx.db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
    expect((await migrator.migrateTo('2026-11-27-0010-sealed-signing-keys')).error).toBeUndefined();
    await fillAuditTrail(ctx.db, 5_500);
    await migrateToLatest(ctx.db);
    const job = await ctx.db.selectFrom('job').selectAll().where('kind', '=', 'audit-checkpoint').execute();
    expect(job.map((j) => j.id)).toEqual(['audit-checkpoint:upgrade']);
    await runJobs(ctx);
    const seqs = (await ctx.db.selectFrom('audit_checkpoint').select('seq').orderBy('seq').execute()).map((r) =>
      Number(r.seq),
    );
    expect(seqs).toEqual([1_000, 2_000, 3_000, 4_000, 5_000, 5_500]);
    expect((await verifyCounting(ctx, early)).result.ok).toBe(true);
  });
});
