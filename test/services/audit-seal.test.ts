import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openDatabase, parseDatabaseUrl } from '../../src/db/connect.js';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import { figureValue } from '../../src/domain/procedure/outcomes.js';
import { findVersionAuditPosition } from '../../src/repositories/reply.repository.js';
import type { AuditSealMode } from '../../src/services/audit-seal.js';
import { computeResults, evaluateConsultation } from '../../src/services/compute-results.js';
import { generateDocument } from '../../src/services/documents/generate-document.js';
import { issueResultsNotice } from '../../src/services/issue-results-notice.js';
import { loadConsultation } from '../../src/services/load-consultation.js';
import { recordDecision } from '../../src/services/record-decision.js';
import { readMetrics } from '../../src/services/read-metrics.js';
import { inspectBackup } from '../../src/services/restore-backup.js';
import { createWorker } from '../../src/services/jobs/worker.js';
import { getReceipt } from '../../src/services/receipts.js';
import type { ServiceContext } from '../../src/services/service-context.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { verifyAuditChain } from '../../src/services/verify-audit-chain.js';
import { verifyStoredRecords } from '../../src/services/verify-stored-records.js';
import { docxText } from '../documents/document-harness.js';
import { describeEachDialect } from '../helpers/databases.js';
import { focalPoint, replyInput, SECRETARIAT, useWorld } from '../helpers/world.js';

const STATES = ['KR', 'FR', 'DE', 'BR', 'JP', 'IN', 'EG', 'MX', 'CN', 'US', 'GB', 'ZA'];

const reply = (ctx: ServiceContext, consultationId: string, state: string) =>
  submitReply(ctx, {
    actor: focalPoint(state),
    consultationId,
    memberState: state,
    input: replyInput(),
    channel: 'api',
  });

async function pendingCount(ctx: ServiceContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('audit_pending')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The seq and hash of the audit row that recorded version 1 of `state`'s reply. */
async function recordingRow(ctx: ServiceContext, consultationId: string, state: string) {
  const row = await ctx.db
    .selectFrom('audit_event')
    .select(['seq', 'hash'])
    .where('subject', '=', `reply:${consultationId}/${state}/1`)
    .executeTakeFirstOrThrow();
  return { seq: Number(row.seq), hash: row.hash };
}

/**
 * A reply committed by a writer that stopped before sealing (a crash between commit and seal):
 * written in a transaction of the test's own, which the service joins, so nothing seals it.
 */
async function replyLeftPending(ctx: ServiceContext, consultationId: string, state: string) {
  await ctx.db.transaction().execute((trx) => reply({ ...ctx, db: trx }, consultationId, state));
}

describeEachDialect('audit events sealed into the chain', (dialect) => {
  const world = useWorld(dialect);

  for (const mode of ['before-commit', 'after-commit'] as AuditSealMode[])
    it(`${mode}: concurrent replies make one unbroken chain, each version positioned at the row that recorded it, nothing left pending`, async () => {
      const { ctx: base, openConsultation, clock } = world();
      const ctx = { ...base, auditSeal: mode };
      const id = await openConsultation();
      clock.set('2023-05-01T10:00:00Z');
      await Promise.all(STATES.map((state) => reply(ctx, id, state)));
      // Every call answered after its event was sealed.
      expect(await pendingCount(ctx)).toBe(0);
      const chain = await verifyAuditChain(ctx);
      expect(chain).toMatchObject({ ok: true, verifiedRows: 2 + STATES.length });
      for (const state of STATES)
        expect(await findVersionAuditPosition(ctx.db, id, state, 1)).toEqual(await recordingRow(ctx, id, state));
      expect((await verifyStoredRecords(ctx)).problems).toEqual([]);
    });

  it('an event left pending by a writer that stopped after its commit is sealed by the receipt that needs it', async () => {
    const { ctx, openConsultation, clock } = world();
    const id = await openConsultation();
    clock.set('2023-05-01T10:00:00Z');
    await replyLeftPending(ctx, id, 'KR');
    expect(await pendingCount(ctx)).toBe(1);
    expect(await findVersionAuditPosition(ctx.db, id, 'KR', 1)).toBeUndefined();
    const receipt = await getReceipt(ctx, {
      actor: focalPoint('KR'),
      consultationId: id,
      memberState: 'KR',
      version: 1,
    });
    expect(receipt.audit).toEqual(await recordingRow(ctx, id, 'KR'));
    expect(receipt.audit.seq).toBe(3);
    expect(await pendingCount(ctx)).toBe(0);
    expect((await verifyAuditChain(ctx)).ok).toBe(true);
  });

  it('results computed while a counted reply waits to be sealed name a head at or after its row', async () => {
    const { ctx, openConsultation, clock } = world();
    const id = await openConsultation();
    clock.set('2023-05-01T10:00:00Z');
    await reply(ctx, id, 'FR');
    await replyLeftPending(ctx, id, 'KR');
    const results = await computeResults(ctx, { actor: SECRETARIAT, consultationId: id });
    expect(figureValue(results.texts[0]!.tally, 'replies')).toBe(2);
    const row = await recordingRow(ctx, id, 'KR');
    expect(results.auditHead!.seq).toBeGreaterThanOrEqual(row.seq);
    expect(await pendingCount(ctx)).toBe(0);
  });

  it('the job worker, when idle, seals events left pending', async () => {
    const { ctx, openConsultation, clock } = world();
    const id = await openConsultation();
    clock.set('2023-05-01T10:00:00Z');
    await replyLeftPending(ctx, id, 'KR');
    await replyLeftPending(ctx, id, 'FR');
    const worker = createWorker(ctx, { handlers: {}, pollMs: 10 });
    worker.start();
    try {
      for (let waited = 0; waited < 10_000 && (await pendingCount(ctx)) > 0; waited += 20)
        await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      await worker.stop();
    }
    expect(await pendingCount(ctx)).toBe(0);
    // Sealed in the order they were written.
    expect((await recordingRow(ctx, id, 'KR')).seq).toBe(3);
    expect((await recordingRow(ctx, id, 'FR')).seq).toBe(4);
    expect(await findVersionAuditPosition(ctx.db, id, 'FR', 1)).toEqual(await recordingRow(ctx, id, 'FR'));
    expect((await verifyAuditChain(ctx)).ok).toBe(true);
  });

  it('full verification seals what is pending first, so a record committed a moment ago is not reported as missing from the trail', async () => {
    const { ctx, openConsultation, clock } = world();
    const id = await openConsultation();
    clock.set('2023-05-01T10:00:00Z');
    await replyLeftPending(ctx, id, 'KR');
    const records = await verifyStoredRecords(ctx);
    expect(records.problems).toEqual([]);
    expect(records.checked.replyVersions).toBe(1);
  });

  it('a reply document asked for before its event is sealed is stored with its audit position, never without', async () => {
    const { ctx, openConsultation, clock } = world();
    const id = await openConsultation();
    clock.set('2023-05-01T10:00:00Z');
    await replyLeftPending(ctx, id, 'KR');
    const options = {
      actor: focalPoint('KR'),
      consultationId: id,
      kind: 'reply',
      format: 'docx',
      memberState: 'KR',
    } as const;
    const first = await generateDocument(ctx, options);
    const position = await findVersionAuditPosition(ctx.db, id, 'KR', 1);
    expect(position).toEqual(await recordingRow(ctx, id, 'KR'));
    expect(docxText(first.bytes)).toContain(position!.hash);
    // Served again as stored.
    expect((await generateDocument(ctx, options)).sha256).toBe(first.sha256);
  });

  it('results read inside a transaction while a change they count waits to be sealed name no head', async () => {
    const { ctx, openConsultation, clock } = world();
    const id = await openConsultation();
    clock.set('2023-05-01T10:00:00Z');
    await replyLeftPending(ctx, id, 'KR');
    const results = await ctx.db
      .transaction()
      .execute(async (trx) => evaluateConsultation(trx, await loadConsultation(trx, id, SECRETARIAT), ctx.clock()));
    expect(figureValue(results.texts[0]!.tally, 'replies')).toBe(1);
    expect(results.auditHead).toBeNull();
  });

  it('the results of a notice name the audit row that records the notice', async () => {
    const { ctx, openConsultation, clock } = world();
    const id = await openConsultation();
    clock.set('2023-08-30T10:00:00Z');
    for (const text of ['x1333-cor1', 'x1353', 'x1471'])
      await recordDecision(ctx, { actor: SECRETARIAT, consultationId: id, textId: text, input: {} });
    const results = await issueResultsNotice(ctx, { actor: SECRETARIAT, consultationId: id });
    const notice = await ctx.db
      .selectFrom('audit_event')
      .select(['seq', 'hash'])
      .where('action', '=', 'notice.issued')
      .executeTakeFirstOrThrow();
    expect(results.auditHead).toEqual({ seq: Number(notice.seq), hash: notice.hash });
  });

  it('metrics show events waiting to be sealed and the age of the oldest', async () => {
    const { ctx, openConsultation, clock } = world();
    const id = await openConsultation();
    clock.set('2023-05-01T10:00:00Z');
    expect((await readMetrics(ctx)).auditPending).toEqual({ count: 0, oldestAgeSeconds: 0 });
    await replyLeftPending(ctx, id, 'KR');
    clock.advance(90_000);
    expect((await readMetrics(ctx)).auditPending).toEqual({ count: 1, oldestAgeSeconds: 90 });
  });

  // PostgreSQL only: two SQLite connections in one process block each other (better-sqlite3 waits
  // synchronously for the file lock), and a SQLite installation runs one server anyway.
  it.skipIf(dialect === 'sqlite')(
    'two instances on the same database, each sealing after its commits, write one unbroken chain',
    async () => {
      const { ctx, openConsultation, clock, database } = world();
      const id = await openConsultation();
      clock.set('2023-05-01T10:00:00Z');
      const other = openDatabase(parseDatabaseUrl(database.url, os.tmpdir(), 5));
      try {
        const contexts = [
          { ...ctx, auditSeal: 'after-commit' as const },
          { ...ctx, db: other, auditSeal: 'after-commit' as const },
        ];
        await Promise.all(STATES.map((state, i) => reply(contexts[i % 2]!, id, state)));
        expect(await pendingCount(ctx)).toBe(0);
        expect(await verifyAuditChain(ctx)).toMatchObject({ ok: true, verifiedRows: 2 + STATES.length });
        for (const state of STATES)
          expect(await findVersionAuditPosition(ctx.db, id, state, 1)).toEqual(await recordingRow(ctx, id, state));
        const seqs = await sql<{ seq: number }>`select seq from audit_event order by seq`.execute(ctx.db);
        expect(seqs.rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 2 + STATES.length }, (_, i) => i + 1));
      } finally {
        await other.destroy();
      }
    },
  );
});

it('a backup taken before audit events were sealed apart (migration 0015) is inspected as it is, without writing to it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-old-backup-'));
  try {
    const file = path.join(dir, 'old.db');
    const db = openDatabase({ kind: 'sqlite', file });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
    expect((await migrator.migrateTo('2026-12-06-0014-entered-afterwards')).error).toBeUndefined();
    await db.destroy();
    const inspected = await inspectBackup(file);
    expect(inspected).toMatchObject({ migrations: 14, chain: { ok: true } });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
