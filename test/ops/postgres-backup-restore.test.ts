import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../scripts/embedded-postgres.js';
import { main } from '../../src/cli/main.js';
import { migrateToLatest, openDatabase } from '../../src/db/connect.js';
import { serviceContext } from '../../src/services/service-context.js';
import { verifyAuditChain } from '../../src/services/verify-audit-chain.js';
import { openWithReplies, recordDecisions, recordLateReply } from '../documents/scenario.js';
import type { TestDatabase } from '../helpers/databases.js';
import { createWorld } from '../helpers/world.js';

/**
 * The PostgreSQL backup of docs/operations.md, done as written: a database filled through the
 * real services (a circular, replies with attachments, a late fax, the meeting's decisions) is
 * dumped with `pg_dump -Fc`, restored into a new, empty database with `pg_restore --no-owner`,
 * and the real CLI's `assent audit verify` passes on the copy at the original's chain head; every
 * table holds the same rows; the copy takes new writes after the original's (its sequences came
 * along); and an audit row changed in the copy makes `assent audit verify` fail naming the row.
 *
 * pg_dump refuses to dump a server of a newer major version than its own. Where the client tools
 * (on PATH or in /usr/lib/postgresql/N/bin) are at least as new as the suite's server, the suite's
 * server is used; otherwise, when a server of the tools' version sits beside them (initdb, pg_ctl,
 * postgres), a throwaway one is started on a free loopback port in a temporary folder (as the
 * `postgres` user when running as root) and removed at the end; otherwise the test is skipped, and
 * says why.
 */

const run = promisify(execFile);
/** Upper bound of each external command (initdb, pg_ctl, pg_dump, pg_restore). */
const COMMAND_TIMEOUT_MS = 60_000;

interface ClientTools {
  readonly dir: string;
  readonly major: number;
  readonly pgDump: string;
  readonly pgRestore: string;
}

type Plan =
  | { readonly kind: 'suite'; readonly tools: ClientTools; readonly adminUrl: string; readonly serverMajor: number }
  | { readonly kind: 'throwaway'; readonly tools: ClientTools; readonly serverMajor: number; readonly runAs: RunAs }
  | { readonly kind: 'skip'; readonly reason: string };

/** How the throwaway server's commands are run: directly, or as the `postgres` user (when root). */
interface RunAs {
  readonly wrap: (command: string, args: readonly string[]) => [string, string[]];
  /** uid and gid that must own the server's folder; undefined when running as oneself. */
  readonly owner?: { uid: number; gid: number };
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The major version a PostgreSQL program reports (`pg_dump (PostgreSQL) 15.18 …` → 15). */
function majorOf(program: string): number | undefined {
  try {
    const out = execFileSync(program, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: 'pipe' });
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(out);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** pg_dump/pg_restore pairs of one version: the folders of PATH, then /usr/lib/postgresql/N/bin. */
function findClientTools(): ClientTools[] {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '');
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) for (const version of fs.readdirSync(debian)) dirs.push(path.join(debian, version, 'bin'));
  const found: ClientTools[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    const pgDump = path.join(dir, 'pg_dump');
    const pgRestore = path.join(dir, 'pg_restore');
    if (seen.has(dir) || !isExecutable(pgDump) || !isExecutable(pgRestore)) continue;
    seen.add(dir);
    const major = majorOf(pgDump);
    if (major !== undefined && majorOf(pgRestore) === major) found.push({ dir, major, pgDump, pgRestore });
  }
  return found.sort((a, b) => b.major - a.major);
}

/** The server's major version (`SHOW server_version_num` 180001 → 18). */
async function serverMajorOf(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const result = await client.query<{ server_version_num: string }>('show server_version_num');
    return Math.floor(Number(result.rows[0]!.server_version_num) / 10_000);
  } finally {
    await client.end();
  }
}

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** initdb and postgres refuse to run as root: as root, run them as `postgres` (via runuser, else su). */
function runAsServerUser(): RunAs | string {
  if (process.getuid?.() !== 0) return { wrap: (command, args) => [command, [...args]] };
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', timeout: 5_000, stdio: 'pipe' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', timeout: 5_000, stdio: 'pipe' }).trim());
  } catch {
    return 'running as root and there is no `postgres` system user to run initdb and postgres as';
  }
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find(isExecutable);
  if (runuser)
    return { wrap: (command, args) => [runuser, ['-u', 'postgres', '--', command, ...args]], owner: { uid, gid } };
  const su = ['/usr/bin/su', '/bin/su'].find(isExecutable);
  if (su)
    return {
      wrap: (command, args) => [su, ['-s', '/bin/sh', 'postgres', '-c', [command, ...args].map(shellQuote).join(' ')]],
      owner: { uid, gid },
    };
  return 'running as root and neither runuser nor su is available to run initdb and postgres as `postgres`';
}

async function planRun(): Promise<Plan> {
  const adminUrl = inject('pgAdminUrl');
  if (adminUrl === '') return { kind: 'skip', reason: 'this run has no PostgreSQL (ASSENT_TEST_PG=off)' };
  const tools = findClientTools();
  if (tools.length === 0)
    return { kind: 'skip', reason: 'pg_dump and pg_restore are not on PATH nor in /usr/lib/postgresql/*/bin' };
  const serverMajor = await serverMajorOf(adminUrl);
  const newEnough = tools.find((t) => t.major >= serverMajor);
  if (newEnough) return { kind: 'suite', tools: newEnough, adminUrl, serverMajor };
  const withServer = tools.find(
    (t) =>
      isExecutable(path.join(t.dir, 'initdb')) &&
      isExecutable(path.join(t.dir, 'pg_ctl')) &&
      majorOf(path.join(t.dir, 'postgres')) === t.major,
  );
  const newest = tools[0]!;
  if (!withServer)
    return {
      kind: 'skip',
      reason: `pg_dump ${newest.major} (${newest.dir}) refuses to dump the suite's PostgreSQL ${serverMajor}, and no PostgreSQL ${newest.major} server (initdb, pg_ctl, postgres) sits beside it`,
    };
  const runAs = runAsServerUser();
  if (typeof runAs === 'string')
    return {
      kind: 'skip',
      reason: `pg_dump ${newest.major} refuses to dump the suite's PostgreSQL ${serverMajor}, and a PostgreSQL ${withServer.major} server cannot be started: ${runAs}`,
    };
  return { kind: 'throwaway', tools: withServer, serverMajor, runAs };
}

const plan = await planRun();
const title =
  plan.kind === 'skip'
    ? `skipped: ${plan.reason}`
    : plan.kind === 'suite'
      ? `pg_dump ${plan.tools.major} (${plan.tools.dir}) on the suite's PostgreSQL ${plan.serverMajor}`
      : `pg_dump ${plan.tools.major} (${plan.tools.dir}) on a throwaway PostgreSQL ${plan.tools.major}, as pg_dump ${plan.tools.major} cannot dump the suite's PostgreSQL ${plan.serverMajor}`;
if (plan.kind === 'skip')
  console.warn(
    `\n[assent] The PostgreSQL backup/restore round trip is NOT tested in this run (test/ops/postgres-backup-restore.test.ts is skipped): ${plan.reason}.\n`,
  );

interface Server {
  readonly adminUrl: string;
  stop(): Promise<void>;
}

/** A PostgreSQL server of the tools' version in a new temporary folder, on a free loopback port. */
async function startThrowawayServer(tools: ClientTools, runAs: RunAs): Promise<Server> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-pg-backup-server-'));
  if (runAs.owner) fs.chownSync(base, runAs.owner.uid, runAs.owner.gid);
  const data = path.join(base, 'data');
  const log = path.join(base, 'server.log');
  const asServer = (program: string, args: readonly string[]) => {
    const [command, full] = runAs.wrap(path.join(tools.dir, program), args);
    return run(command, full, { timeout: COMMAND_TIMEOUT_MS });
  };
  let started = false;
  const stop = async () => {
    try {
      if (started) await asServer('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
    } catch (error) {
      // pg_ctl could not stop it: end the postmaster by the pid it wrote (ours alone).
      const pidFile = path.join(data, 'postmaster.pid');
      const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]) : Number.NaN;
      if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGKILL');
      console.error('[assent] pg_ctl stop failed:', (error as Error).message);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  };
  try {
    const password = randomBytes(18).toString('hex');
    const pwfile = path.join(base, 'pwfile');
    fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (runAs.owner) fs.chownSync(pwfile, runAs.owner.uid, runAs.owner.gid);
    await asServer('initdb', [
      '-D',
      data,
      '-U',
      'assent',
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '-E',
      'UTF8',
      '--no-locale',
      '--no-sync',
    ]);
    fs.rmSync(pwfile);
    const port = await freePort();
    // Loopback only, no Unix socket; fsync off: the server and its data are thrown away.
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories='' -c fsync=off -c max_connections=40`;
    await asServer('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '30', '-o', options, 'start']);
    started = true;
    return { adminUrl: `postgres://assent:${password}@127.0.0.1:${port}/postgres`, stop };
  } catch (error) {
    const serverLog = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '(no server log)';
    await stop();
    throw new Error(`the throwaway PostgreSQL ${tools.major} did not start: ${(error as Error).message}\n${serverLog}`);
  }
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database (no migrations): its name and URL. */
async function createEmptyDatabase(adminUrl: string, prefix: string): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin(adminUrl, (client) => client.query(`create database ${name}`));
  return { name, url: databaseUrl(adminUrl, name) };
}

/** Row count and a hash of every row (as text, sorted) of each table of the public schema. */
async function fingerprint(url: string): Promise<Record<string, { rows: number; md5: string }>> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
    );
    const result: Record<string, { rows: number; md5: string }> = {};
    for (const { table_name: table } of tables.rows) {
      const row = await client.query<{ rows: number; md5: string }>(
        `select count(*)::int as rows, coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '') as md5 from "${table}" t`,
      );
      result[table] = row.rows[0]!;
    }
    return result;
  } finally {
    await client.end();
  }
}

/** Each reply version's content hash and the audit row that recorded it. */
async function replyHashes(url: string): Promise<unknown[]> {
  return admin(url, async (client) => {
    const result = await client.query(
      'select consultation_id, member_state, version, status, content_hash, audit_seq, audit_hash from reply_version order by consultation_id, member_state, version',
    );
    return result.rows;
  });
}

function collector() {
  let text = '';
  return {
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
    get text() {
      return text;
    },
  };
}

describe.skipIf(plan.kind === 'skip')(`PostgreSQL backup and restore with pg_dump/pg_restore (${title})`, () => {
  let server: Server | undefined;
  let adminUrl = '';
  let tools: ClientTools;
  let work = '';
  let dumpFile: string;
  let original: TestDatabase | undefined;
  const databases: string[] = [];
  let originalHead: { verifiedRows: number; head: { seq: number; hash: string } };
  let krReplySeq: number;

  async function cli(url: string, ...args: string[]) {
    const stdout = collector();
    const stderr = collector();
    const env = { DATABASE_URL: url, DATA_DIR: path.join(work, 'data'), LOG_LEVEL: 'silent' };
    const code = await main(['node', 'assent', ...args], { env, stdout, stderr, cwd: work });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  /** `pg_restore -d URL --no-owner assent.dump` into a new, empty database; its URL. */
  async function restoreCopy(): Promise<string> {
    const restored = await createEmptyDatabase(adminUrl, 'assent_restored');
    databases.push(restored.name);
    await run(tools.pgRestore, ['-d', restored.url, '--no-owner', dumpFile], { timeout: COMMAND_TIMEOUT_MS });
    return restored.url;
  }

  beforeAll(async () => {
    if (plan.kind === 'skip') return;
    tools = plan.tools;
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-pg-backup-'));
    if (plan.kind === 'throwaway') {
      server = await startThrowawayServer(plan.tools, plan.runAs);
      adminUrl = server.adminUrl;
    } else adminUrl = plan.adminUrl;

    // The original: migrated, then filled through the services as the secretariat and focal points would.
    const created = await createEmptyDatabase(adminUrl, 'assent_original');
    databases.push(created.name);
    const db = openDatabase({ kind: 'postgres', url: created.url, poolMax: 4 });
    original = { dialect: 'postgres', db, url: created.url, destroy: () => db.destroy() };
    await migrateToLatest(db);
    const world = await createWorld(original);
    const { id } = await openWithReplies(world);
    await recordLateReply(world, id);
    await recordDecisions(world, id);
    const chain = await verifyAuditChain(serviceContext(db, world.clock.now));
    expect(chain.ok).toBe(true);
    originalHead = { verifiedRows: chain.verifiedRows, head: chain.head };
    const kr = await db
      .selectFrom('reply_version')
      .select('audit_seq')
      .where('member_state', '=', 'KR')
      .executeTakeFirstOrThrow();
    krReplySeq = Number(kr.audit_seq);

    // The backup, as docs/operations.md gives it, taken while the application's pool is open.
    dumpFile = path.join(work, 'assent.dump');
    await run(tools.pgDump, ['-Fc', '-d', created.url, '-f', dumpFile], { timeout: COMMAND_TIMEOUT_MS });
  }, 120_000);

  afterAll(async () => {
    await original?.destroy();
    if (adminUrl !== '' && plan.kind === 'suite')
      await admin(adminUrl, async (client) => {
        for (const name of databases) await client.query(`drop database if exists ${name} with (force)`);
      });
    await server?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('restores into an empty database with every row of every table, and assent audit verify passes at the same head', {
    timeout: 60_000,
  }, async () => {
    const url = await restoreCopy();
    // Compared before `audit verify`, which records a signed checkpoint (and its signing key) in the copy.
    const before = await fingerprint(original!.url);
    const after = await fingerprint(url);
    expect(after).toEqual(before);

    const verify = await cli(url, 'audit', 'verify');
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain(
      `Audit chain verified: ${originalHead.verifiedRows} rows, head #${originalHead.head.seq} ${originalHead.head.hash}`,
    );
    // The copy is of a realistic database, not of empty tables.
    expect(before.reply!.rows).toBe(6);
    expect(before.reply_version!.rows).toBe(6);
    expect(before.reply_position!.rows).toBe(18);
    expect(before.attachment!.rows).toBe(2);
    expect(before.meeting_decision!.rows).toBe(3);
    expect(before.audit_event!.rows).toBe(originalHead.verifiedRows);
    expect(before.audit_event!.rows).toBeGreaterThan(10);
    expect(await replyHashes(url)).toEqual(await replyHashes(original!.url));
  });

  it('continues the audit chain after the original head on the restored copy (its sequences were restored)', {
    timeout: 30_000,
  }, async () => {
    const url = await restoreCopy();
    const added = await cli(
      url,
      'contact',
      'add',
      '--role',
      'observer',
      '--email',
      'after-restore@example.org',
      '--name',
      'Added after the restore',
    );
    expect(added.code, added.stderr).toBe(0);
    const verify = await cli(url, 'audit', 'verify', '--json');
    expect(verify.code, verify.stderr).toBe(0);
    const result = JSON.parse(verify.stdout) as { ok: boolean; verifiedRows: number; head: { seq: number } };
    expect(result.ok).toBe(true);
    expect(result.head.seq).toBe(originalHead.head.seq + 1);
    expect(result.verifiedRows).toBe(originalHead.verifiedRows + 1);
  });

  it('fails assent audit verify on the restored copy when an audit row was changed in it, naming the row', {
    timeout: 30_000,
  }, async () => {
    const url = await restoreCopy();
    await admin(url, (client) =>
      client.query(`update audit_event set data = '{"forged":true}' where seq = $1`, [krReplySeq]),
    );
    const verify = await cli(url, 'audit', 'verify');
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain(`row #${krReplySeq} was changed after it was written`);
    expect(verify.stdout).not.toContain('Audit chain verified');
    // The original, which the change could not reach, still verifies.
    expect((await cli(original!.url, 'audit', 'verify')).code).toBe(0);
  });
});
