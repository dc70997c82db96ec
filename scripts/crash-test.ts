/**
 * Crash test: does Assent keep every reply it acknowledged when its process is killed mid-burst?
 *
 *   npx tsx scripts/crash-test.ts [--db sqlite|postgres] [--rounds 2] [--kill-after 12]
 *
 * Prepares a fresh database (schema, Member States, an issued consultation whose deadline is a
 * month away by the real clock, one focal-point token per State), starts `node bin/assent.js
 * serve --port 0` on it, sends replies from distinct States a few at a time, and SIGKILLs the
 * server once `--kill-after` replies have been acknowledged (2xx with a receipt) while others
 * are still in flight. It restarts the server and checks, through the API, that every
 * acknowledged reply is there with the content hash of its receipt; then, after the last round,
 * that the audit chain verifies and that no reply version exists without its audit row (or the
 * other way round). Everything listens on 127.0.0.1.
 *
 * With --db postgres it uses DATABASE_URL when that is a postgres:// URL of an empty database,
 * otherwise TEST_DATABASE_URL (an admin URL: a new database is created and dropped), otherwise it
 * starts an embedded PostgreSQL in a temporary folder. Exit code 0 when nothing acknowledged was
 * lost, 1 otherwise. test/ops/crash-safety.test.ts runs the same code on both dialects.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { migrateToLatest, openDatabase, parseDatabaseUrl } from '../src/db/connect.js';
import { operatorActor } from '../src/domain/policy/actor.js';
import { DAY_MS } from '../src/domain/time/instants.js';
import { systemClock } from '../src/domain/time/clock.js';
import { createApiToken } from '../src/services/api-tokens.js';
import { createConsultation } from '../src/services/create-consultation.js';
import { issueConsultation } from '../src/services/issue-consultation.js';
import { listMemberStates, seedMemberStates } from '../src/services/member-states.js';
import { serviceContext } from '../src/services/service-context.js';
import { verifyAuditChain } from '../src/services/verify-audit-chain.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'assent.js');
const OPERATOR = operatorActor('crash-test');
const TEXTS = ['x1333-cor1', 'x1353', 'x1471'] as const;

export interface CrashTestOptions {
  /** DATABASE_URL of the database to use (an empty or migrated one; the test writes into it). */
  readonly databaseUrl: string;
  /** DATA_DIR of the server (its .eml files). */
  readonly dataDir: string;
  /** How many times the server is killed (each time on a fresh set of States). Default 2. */
  readonly rounds?: number;
  /** Acknowledged replies after which the server is killed, per round. Default 12. */
  readonly killAfter?: number;
  /** Requests in flight at once. Default 4. */
  readonly concurrency?: number;
  /** States (and tokens) prepared; each round uses its share of them. Default 60. */
  readonly states?: number;
  /** Upper bound on the whole run; the burst of a round that has not reached killAfter ends at its share. Default 150 s. */
  readonly timeLimitMs?: number;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

/** A reply acknowledged by the server: what its receipt said. */
export interface AcknowledgedReply {
  readonly memberState: string;
  readonly version: number;
  readonly contentHash: string;
  readonly round: number;
}

export interface CrashRound {
  readonly round: number;
  /** Requests sent in the burst. */
  readonly sent: number;
  /** 2xx answers carrying a receipt. */
  readonly acknowledged: number;
  /** Requests cut by the kill (no answer): their outcome is unknown to the client. */
  readonly cut: number;
  /** Other answers, by status (e.g. 503 under contention). */
  readonly refused: Record<string, number>;
  /** Acknowledged replies found after the restart with the hash of their receipt. */
  readonly survived: number;
  /** Acknowledged replies missing, or stored with another hash, after the restart. */
  readonly lost: string[];
  /** Requests cut by the kill whose reply was nevertheless stored (committed before the kill). */
  readonly cutButStored: number;
  /** Milliseconds from spawn to banner, of the restart. */
  readonly restartMs: number;
}

export interface CrashTestReport {
  readonly dialect: 'sqlite' | 'postgres';
  readonly rounds: CrashRound[];
  readonly acknowledged: number;
  /** Acknowledged replies present with their hash at the very end (after every kill). */
  readonly survivedAtEnd: number;
  readonly lostAtEnd: string[];
  readonly storedVersions: number;
  readonly replyAuditRows: number;
  readonly auditChain: { ok: boolean; verifiedRows: number };
  /** Exit code of the final, graceful stop (SIGTERM). */
  readonly finalExitCode: number | null;
  readonly elapsedMs: number;
  /** True when nothing acknowledged was lost and the audit trail is whole. */
  readonly ok: boolean;
}

interface Prepared {
  readonly consultationId: string;
  readonly secretariat: string;
  readonly states: { code: string; token: string }[];
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Schema, Member States, an issued consultation due in 30 days, and one focal-point token per State. */
async function prepare(databaseUrl: string, dataDir: string, stateCount: number): Promise<Prepared> {
  const db = openDatabase(parseDatabaseUrl(databaseUrl, dataDir, 5));
  try {
    await migrateToLatest(db);
    const ctx = serviceContext(db, systemClock);
    await seedMemberStates(ctx);
    const now = Date.now();
    const deadline = Date.parse(`${isoDay(now + 30 * DAY_MS)}T23:59:59.999Z`);
    const number = 1000 + (randomBytes(2).readUInt16BE(0) % 90_000);
    const created = await createConsultation(ctx, {
      actor: OPERATOR,
      input: {
        id: `crash-${number}`,
        bureau: 'TSB',
        studyPeriod: '2025-2028',
        number,
        date: isoDay(now),
        reference: `TSB Circular ${number}`,
        studyGroup: 'SG17',
        meeting: { place: 'Geneva', firstDay: isoDay(deadline + 12 * DAY_MS), lastDay: isoDay(deadline + 20 * DAY_MS) },
        subject: 'Crash test consultation',
        deadline: new Date(deadline).toISOString(),
        addressees: ['Administrations of Member States of the Union'],
        copies: [],
        notes: [],
        signatory: { name: 'Crash Test', title: 'Operator' },
        texts: [
          { kind: 'corrigendum', designation: 'X.1333 Cor.1', title: 'Remote access tools', location: 'R34' },
          {
            kind: 'new',
            designation: 'X.1353',
            title: 'Zero-touch deployment',
            summary: 'A summary.',
            location: 'R35',
          },
          { kind: 'new', designation: 'X.1471', title: 'Reference monitor', summary: 'A summary.', location: 'R36' },
        ],
      },
    });
    await issueConsultation(ctx, { actor: OPERATOR, consultationId: created.id });
    const secretariat = (
      await createApiToken(ctx, { actor: OPERATOR, role: 'secretariat', label: 'crash test secretariat' })
    ).secret;
    const codes = (await listMemberStates(ctx))
      .filter((s) => s.mayReply)
      .map((s) => s.code)
      .slice(0, stateCount);
    const states = [];
    for (const code of codes)
      states.push({
        code,
        token: (
          await createApiToken(ctx, {
            actor: OPERATOR,
            role: 'focal_point',
            memberState: code,
            label: `crash test ${code}`,
          })
        ).secret,
      });
    return { consultationId: created.id, secretariat, states };
  } finally {
    await db.destroy();
  }
}

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  readonly startMs: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `assent serve --port 0` and resolves with its URL once the banner is printed. */
async function startServer(databaseUrl: string, dataDir: string, live: Set<ChildProcess>): Promise<Server> {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? os.tmpdir(),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '0',
      DATABASE_POOL_MAX: '5',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no banner within 60 s; stdout: ${out}; stderr: ${err}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const found = /URL\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (found && out.includes('Press Ctrl+C to stop.')) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before its banner; stderr: ${err}`));
    });
  });
  return { child, url, startMs: Date.now() - started, exited };
}

/** The reply each State sends: authority assigned to every text, without comments. */
function replyBody(code: string) {
  return {
    positions: TEXTS.map((text) => ({ text, position: 'assigns_authority', option: 'no_comments' })),
    signatory: { name: `Focal point ${code}`, title: 'Director' },
    place: 'Capital',
    signedOn: isoDay(Date.now()),
  };
}

/**
 * Sends one reply per State, `concurrency` at a time, and SIGKILLs the server once `killAfter`
 * were acknowledged (or at `until`). Requests cut by the kill are reported, not retried.
 */
async function burst(
  server: Server,
  prepared: Prepared,
  states: { code: string; token: string }[],
  options: { concurrency: number; killAfter: number; until: number; round: number },
): Promise<{ acks: AcknowledgedReply[]; sent: number; cut: string[]; refused: Record<string, number> }> {
  const acks: AcknowledgedReply[] = [];
  const cut: string[] = [];
  const refused: Record<string, number> = {};
  let next = 0;
  let sent = 0;
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    server.child.kill('SIGKILL');
  };
  const runner = async () => {
    while (!killed && next < states.length && Date.now() < options.until) {
      const state = states[next++]!;
      sent += 1;
      try {
        const response = await fetch(
          `${server.url}/api/v1/consultations/${prepared.consultationId}/replies/${state.code}`,
          {
            method: 'PUT',
            headers: { authorization: `Bearer ${state.token}`, 'content-type': 'application/json' },
            body: JSON.stringify(replyBody(state.code)),
            signal: AbortSignal.timeout(20_000),
          },
        );
        const body = (await response.json()) as { version?: number; contentHash?: string };
        if (response.ok && typeof body.contentHash === 'string' && typeof body.version === 'number') {
          acks.push({
            memberState: state.code,
            version: body.version,
            contentHash: body.contentHash,
            round: options.round,
          });
          if (acks.length >= options.killAfter) kill();
        } else {
          refused[String(response.status)] = (refused[String(response.status)] ?? 0) + 1;
        }
      } catch {
        cut.push(state.code);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, runner));
  kill();
  await server.exited;
  return { acks, sent, cut, refused };
}

/** The stored versions of a State's reply, read through the API of the (restarted) server. */
async function storedVersions(
  server: Server,
  prepared: Prepared,
  state: string,
): Promise<{ version: number; contentHash: string }[]> {
  const response = await fetch(`${server.url}/api/v1/consultations/${prepared.consultationId}/replies/${state}`, {
    headers: { authorization: `Bearer ${prepared.secretariat}` },
    signal: AbortSignal.timeout(20_000),
  });
  if (!response.ok) throw new Error(`GET replies/${state}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { versions: { version: number; contentHash: string }[] }).versions;
}

/** Which acknowledged replies are not stored as acknowledged. */
async function checkAcknowledged(
  server: Server,
  prepared: Prepared,
  acks: readonly AcknowledgedReply[],
): Promise<string[]> {
  const lost: string[] = [];
  for (const ack of acks) {
    const versions = await storedVersions(server, prepared, ack.memberState);
    const stored = versions.find((v) => v.version === ack.version);
    if (!stored) lost.push(`${ack.memberState} v${ack.version}: missing`);
    else if (stored.contentHash !== ack.contentHash)
      lost.push(`${ack.memberState} v${ack.version}: hash ${stored.contentHash} ≠ receipt ${ack.contentHash}`);
  }
  return lost;
}

/** Runs the crash test against the database at `databaseUrl`; always kills the servers it started. */
export async function runCrashTest(options: CrashTestOptions): Promise<CrashTestReport> {
  const started = Date.now();
  const rounds = options.rounds ?? 2;
  const killAfter = options.killAfter ?? 12;
  const concurrency = options.concurrency ?? 4;
  const timeLimitMs = options.timeLimitMs ?? 150_000;
  const log = options.log ?? (() => undefined);
  const target = parseDatabaseUrl(options.databaseUrl, options.dataDir);
  const dialect = target.kind;
  const live = new Set<ChildProcess>();
  try {
    const prepared = await prepare(options.databaseUrl, options.dataDir, options.states ?? 60);
    log(`[${dialect}] prepared ${prepared.consultationId} with ${prepared.states.length} focal-point tokens`);
    const perRound = Math.floor(prepared.states.length / rounds);
    const results: CrashRound[] = [];
    const allAcks: AcknowledgedReply[] = [];
    let server = await startServer(options.databaseUrl, options.dataDir, live);
    log(`[${dialect}] server up at ${server.url} in ${server.startMs} ms`);
    for (let round = 1; round <= rounds; round += 1) {
      const states = prepared.states.slice((round - 1) * perRound, round * perRound);
      // Each round's burst stops at its share of the time left (it normally ends much sooner, at the kill).
      const roundEnds = Date.now() + (started + timeLimitMs - Date.now()) / (rounds - round + 2);
      const result = await burst(server, prepared, states, { concurrency, killAfter, until: roundEnds, round });
      allAcks.push(...result.acks);
      log(
        `[${dialect}] round ${round}: sent ${result.sent}, acknowledged ${result.acks.length}, cut ${result.cut.length}, refused ${JSON.stringify(result.refused)}; SIGKILL`,
      );
      server = await startServer(options.databaseUrl, options.dataDir, live);
      const lost = await checkAcknowledged(server, prepared, result.acks);
      let cutButStored = 0;
      for (const code of result.cut) if ((await storedVersions(server, prepared, code)).length > 0) cutButStored += 1;
      results.push({
        round,
        sent: result.sent,
        acknowledged: result.acks.length,
        cut: result.cut.length,
        refused: result.refused,
        survived: result.acks.length - lost.length,
        lost,
        cutButStored,
        restartMs: server.startMs,
      });
      log(
        `[${dialect}] restarted in ${server.startMs} ms: ${result.acks.length - lost.length}/${result.acks.length} acknowledged replies present with their hash; ${cutButStored}/${result.cut.length} cut requests had committed`,
      );
    }
    const lostAtEnd = await checkAcknowledged(server, prepared, allAcks);
    server.child.kill('SIGTERM');
    const { code: finalExitCode } = await server.exited;

    const db = openDatabase(target.kind === 'postgres' ? { ...target, poolMax: 2 } : target);
    try {
      const ctx = serviceContext(db, systemClock);
      const chain = await verifyAuditChain(ctx);
      const versions = await db
        .selectFrom('reply_version')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('consultation_id', '=', prepared.consultationId)
        .executeTakeFirstOrThrow();
      const audits = await db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('consultation_id', '=', prepared.consultationId)
        .where('action', 'in', ['reply.submitted', 'reply.amended'])
        .executeTakeFirstOrThrow();
      const report: CrashTestReport = {
        dialect,
        rounds: results,
        acknowledged: allAcks.length,
        survivedAtEnd: allAcks.length - lostAtEnd.length,
        lostAtEnd,
        storedVersions: Number(versions.n),
        replyAuditRows: Number(audits.n),
        auditChain: { ok: chain.ok, verifiedRows: chain.verifiedRows },
        finalExitCode,
        elapsedMs: Date.now() - started,
        ok:
          lostAtEnd.length === 0 &&
          results.every((r) => r.lost.length === 0) &&
          chain.ok &&
          Number(versions.n) === Number(audits.n),
      };
      return report;
    } finally {
      await db.destroy();
    }
  } finally {
    for (const child of live) child.kill('SIGKILL');
  }
}

/** A human summary of a report. */
export function formatReport(report: CrashTestReport): string {
  const lines = [
    `Crash test on ${report.dialect}: ${report.ok ? 'OK' : 'FAILED'} (${(report.elapsedMs / 1000).toFixed(1)} s)`,
  ];
  for (const r of report.rounds) {
    lines.push(
      `  SIGKILL ${r.round}: ${r.sent} sent, ${r.acknowledged} acknowledged, ${r.cut} cut by the kill (${r.cutButStored} of them committed), refused ${JSON.stringify(r.refused)}; ` +
        `after restart (${r.restartMs} ms) ${r.survived}/${r.acknowledged} acknowledged replies present with their hash${r.lost.length ? `; LOST: ${r.lost.join(', ')}` : ''}`,
    );
  }
  lines.push(
    `  at the end: ${report.survivedAtEnd}/${report.acknowledged} acknowledged replies present; ${report.storedVersions} reply versions stored, ${report.replyAuditRows} reply audit rows; ` +
      `audit chain ${report.auditChain.ok ? 'ok' : 'BROKEN'} (${report.auditChain.verifiedRows} rows); graceful stop exit code ${report.finalExitCode}`,
  );
  if (report.lostAtEnd.length) lines.push(`  LOST: ${report.lostAtEnd.join(', ')}`);
  return lines.join('\n');
}

/** A fresh PostgreSQL database for the CLI run, and how to get rid of it. */
async function postgresDatabase(work: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const given = process.env.DATABASE_URL?.trim();
  if (given && /^postgres(ql)?:\/\//.test(given)) return { url: given, drop: async () => undefined };
  let adminUrl = process.env.TEST_DATABASE_URL?.trim() || '';
  let stopServer: () => Promise<void> = async () => undefined;
  if (!adminUrl) {
    fs.chmodSync(work, 0o777);
    const server = await startEmbeddedPostgres(path.join(work, 'pg'), { maxConnections: 100 });
    adminUrl = server.adminUrl;
    stopServer = () => server.stop();
  }
  const name = `assent_crash_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
      await stopServer();
    },
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const dbKind = arg('--db') ?? 'sqlite';
  if (dbKind !== 'sqlite' && dbKind !== 'postgres') {
    process.stderr.write('usage: npx tsx scripts/crash-test.ts [--db sqlite|postgres] [--rounds N] [--kill-after N]\n');
    return 2;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-crash-'));
  try {
    const database =
      dbKind === 'sqlite'
        ? { url: `sqlite:${path.join(work, 'assent.db')}`, drop: async () => undefined }
        : await postgresDatabase(work);
    try {
      const report = await runCrashTest({
        databaseUrl: database.url,
        dataDir: path.join(work, 'data'),
        ...(arg('--rounds') !== undefined && { rounds: Number(arg('--rounds')) }),
        ...(arg('--kill-after') !== undefined && { killAfter: Number(arg('--kill-after')) }),
        log: (line) => process.stdout.write(`${line}\n`),
      });
      process.stdout.write(`\n${formatReport(report)}\n`);
      return report.ok ? 0 : 1;
    } finally {
      await database.drop();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
