/**
 * `npx tsx bench/receipt-verify.ts [--rows 1000000] [--runs 20]`: what one receipt verification
 * costs on SQLite when the audit trail is long (finding 1 of the attack test: it recomputed the
 * whole chain, 10–15 s per call at 300,000 rows). Builds a fresh database in a temporary folder:
 * an open consultation, KR's reply near the start of the trail, `--rows` rows in all (filled fast,
 * in one transaction), FR's reply as the last row; runs the checkpoint job as an instance's
 * worker would; then times verifyReceipt on both receipts (median and maximum of `--runs`) and
 * counts the statements and rows each verification reads. For comparison it times one full
 * verification of the chain, which is what every call used to do. Writes
 * bench/results/receipt-verify-<date>.json. Not part of `npm run bench` (filling 10^6 rows takes
 * about a minute).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrateToLatest, openDatabase } from '../src/db/connect.js';
import { CIRCULAR_79 } from '../src/db/seed/circular-79.data.js';
import type { Actor } from '../src/domain/policy/actor.js';
import { operatorActor } from '../src/domain/policy/actor.js';
import { mutableClock } from '../src/domain/time/clock.js';
import { addDays, DAY_MS, toIsoDay } from '../src/domain/time/instants.js';
import { checkpointAuditChain } from '../src/services/audit-checkpoints.js';
import { createConsultation } from '../src/services/create-consultation.js';
import { issueConsultation } from '../src/services/issue-consultation.js';
import { seedMemberStates } from '../src/services/member-states.js';
import { getReceipt, verifyReceipt } from '../src/services/receipts.js';
import { serviceContext, type ServiceContext } from '../src/services/service-context.js';
import { submitReply } from '../src/services/submit-reply.js';
import { verifyAuditChain } from '../src/services/verify-audit-chain.js';
import type { Receipt } from '../src/domain/receipt/receipt.js';
import { fillAuditTrail, readCounter } from './audit-trail.js';
import { replyBody } from './scenario-data.js';
import { PROJECT_DIR } from './server-process.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '20' } },
});
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);
if (!Number.isInteger(ROWS) || ROWS < 100 || !Number.isInteger(RUNS) || RUNS < 1) {
  process.stderr.write('usage: tsx bench/receipt-verify.ts [--rows N ≥ 100] [--runs N ≥ 1]\n');
  process.exit(2);
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const focalPoint = (state: string): Actor => ({
  kind: 'focal_point',
  id: `bench:fp:${state}`,
  label: `Focal point ${state}`,
  memberState: state,
});

async function timeVerification(ctx: ServiceContext, receipt: Receipt) {
  const times: number[] = [];
  const counter = readCounter();
  const counted = { ...ctx, db: ctx.db.withPlugin(counter) };
  let ok = true;
  for (let run = 0; run < RUNS; run += 1) {
    counter.reset();
    const start = process.hrtime.bigint();
    const result = await verifyReceipt(counted, receipt);
    times.push(ms(start));
    ok &&= result.ok;
  }
  times.sort((a, b) => a - b);
  return {
    auditSeq: receipt.audit.seq,
    ok,
    medianMs: Number(times[Math.floor(times.length / 2)]!.toFixed(2)),
    maxMs: Number(times[times.length - 1]!.toFixed(2)),
    statements: counter.queries,
    rowsRead: counter.rows,
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-receipt-bench-'));
  const db = openDatabase({ kind: 'sqlite', file: path.join(dir, 'assent.db') });
  try {
    await migrateToLatest(db);
    const now = Date.now();
    const clock = mutableClock(new Date(now).toISOString());
    const ctx = serviceContext(db, clock.now);
    await seedMemberStates(ctx);
    const operator = operatorActor('bench');
    const today = toIsoDay(now);
    const { id } = await createConsultation(ctx, {
      actor: operator,
      input: {
        ...CIRCULAR_79,
        id: 'bench-receipts',
        bureau: 'BENCH',
        studyPeriod: '2025-2028',
        number: 2,
        date: addDays(today, -20),
        reference: 'Benchmark circular (a copy of TSB Circular 79, not an ITU document)',
        meeting: {
          place: 'Geneva (benchmark)',
          firstDay: addDays(today, 45),
          lastDay: addDays(today, 54),
          collectiveLetter: null,
        },
        // A circular states its deadline to the minute: the end of the day a month ahead.
        deadline: `${toIsoDay(now + 30 * DAY_MS)}T23:59:59.999Z`,
      },
    });
    await issueConsultation(ctx, { actor: operator, consultationId: id });
    const textIds = CIRCULAR_79.texts!.map((t, i) => t.id ?? `text-${i + 1}`);
    const reply = async (state: string) => {
      await submitReply(ctx, {
        actor: focalPoint(state),
        consultationId: id,
        memberState: state,
        input: replyBody(state, textIds, 0, today),
        channel: 'api',
      });
      return getReceipt(ctx, { actor: focalPoint(state), consultationId: id, memberState: state, version: 1 });
    };

    const early = await reply('KR');
    let start = process.hrtime.bigint();
    await fillAuditTrail(db, ROWS - 1);
    const fillMs = ms(start);
    const late = await reply('FR');

    start = process.hrtime.bigint();
    const checkpointRun = await checkpointAuditChain(ctx);
    const checkpointMs = ms(start);

    const verifications = [await timeVerification(ctx, early), await timeVerification(ctx, late)];

    // What every verification did before: the whole chain.
    start = process.hrtime.bigint();
    const full = await verifyAuditChain(ctx);
    const fullMs = ms(start);

    const result = {
      date: new Date().toISOString(),
      database: 'sqlite',
      node: process.version,
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`,
      auditRows: ROWS,
      runs: RUNS,
      fillMs: Math.round(fillMs),
      checkpointJob: {
        ms: Math.round(checkpointMs),
        verifiedRows: checkpointRun.verifiedRows,
        written: checkpointRun.written,
      },
      receiptVerification: verifications,
      fullChainVerification: { ms: Math.round(fullMs), verifiedRows: full.verifiedRows, ok: full.ok },
    };
    const file = path.join(PROJECT_DIR, 'bench', 'results', `receipt-verify-${result.date.slice(0, 10)}.json`);
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\nwritten to ${path.relative(PROJECT_DIR, file)}\n`);
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
