import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openDatabase } from '../../src/db/connect.js';
import { systemClock } from '../../src/domain/time/clock.js';
import { buildApp } from '../../src/http/app.js';
import { serviceContext } from '../../src/services/service-context.js';

/**
 * `assent procedure list|show`: the registered approval procedures, printed from the presenter the
 * API uses (GET /api/v1/procedures). They come from the registry, so no database is opened.
 */

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

async function cli(args: readonly string[]): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-cli-procedure-'));
  folders.push(dir);
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'assent', ...args], {
    // A database the commands must not need: nothing is created there.
    env: {
      DATA_DIR: path.join(dir, 'data'),
      DATABASE_URL: `sqlite:${path.join(dir, 'data', 'assent.db')}`,
      LOG_LEVEL: 'silent',
    },
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd: dir,
  });
  expect(fs.existsSync(path.join(dir, 'data', 'assent.db'))).toBe(false);
  return { code, stdout, stderr };
}

/** What the API answers at `url` (an in-memory database; the procedures routes read none). */
async function apiJson(url: string): Promise<unknown> {
  const db = openDatabase({ kind: 'sqlite', file: ':memory:' });
  const app = await buildApp({ ctx: serviceContext(db, systemClock), logger: false });
  try {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    return response.json();
  } finally {
    await app.close();
    await db.destroy();
  }
}

describe('assent procedure', () => {
  it('is listed in the help', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\s+procedure\b/m);
  });

  it('lists the registered procedures as a table, and with --json exactly as GET /api/v1/procedures', async () => {
    const table = await cli(['procedure', 'list']);
    expect(table).toMatchObject({ code: 0, stderr: '' });
    expect(table.stdout).toMatch(/^Id\s+Name\s+Editions\s+Default edition$/m);
    expect(table.stdout).toMatch(
      /^itu-t-tap\s+ITU-T Traditional Approval Procedure \(WTSA Resolution 1, Section 9\)\s+Rev\. Geneva, 2022; Rev\. Hammamet, 2016\s+Rev\. Geneva, 2022$/m,
    );
    expect(table.stdout).toContain('1 procedure.');
    const json = await cli(['procedure', 'list', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(await apiJson('/api/v1/procedures'));
  });

  it('shows a procedure: editions, positions, threshold, phases and the clause table of its default edition', async () => {
    const run = await cli(['procedure', 'show', 'itu-t-tap']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('ITU-T Traditional Approval Procedure (WTSA Resolution 1, Section 9) (itu-t-tap)');
    expect(run.stdout).toMatch(/Editions:\s+Rev\. Geneva, 2022 \(default\); Rev\. Hammamet, 2016/);
    expect(run.stdout).toMatch(/Positions:\s+assigns_authority, does_not_assign_authority, unclear/);
    expect(run.stdout).toMatch(/Pass threshold:\s+70 % of the counted replies/);
    expect(run.stdout).toContain('1. Consultation of Member States (consultation)');
    expect(run.stdout).toContain('4. Results notified (notified)');
    expect(run.stdout).toContain('Clauses of WTSA Resolution 1 (Rev. Geneva, 2022):');
    expect(run.stdout).toMatch(/^\s+§9\.4\.5\s+consultationPasses\s+consultationPasses$/m);
    expect(run.stdout).toMatch(/^\s+§9\.4\.1\s+consultationPeriod\s+replyPeriod$/m);
    expect(run.stdout).toMatch(/^\s+§9\.2\.1 NOTE\s+regionalGroup\b/m);
    // A clause the core cites for no role shows a dash.
    expect(run.stdout).toMatch(/^\s+§[\d.]+\s+\w+\s+—$/m);
  });

  it('shows the clause table of another edition it knows, and refuses one it does not, naming the known editions', async () => {
    const hammamet = await cli(['procedure', 'show', 'itu-t-tap', '--edition', 'Rev. Hammamet, 2016']);
    expect(hammamet.code).toBe(0);
    expect(hammamet.stdout).toContain('Clauses of WTSA Resolution 1 (Rev. Hammamet, 2016):');
    const unknown = await cli(['procedure', 'show', 'itu-t-tap', '--edition', 'Rev. Dubai, 2012']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'knows no edition "Rev. Dubai, 2012"; known: Rev. Geneva, 2022; Rev. Hammamet, 2016',
    );
  });

  it('with --json prints the procedure exactly as GET /api/v1/procedures/{procedureId}', async () => {
    const run = await cli(['procedure', 'show', 'itu-t-tap', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(await apiJson('/api/v1/procedures/itu-t-tap'));
  });

  it('refuses an id no module implements with exit code 1 and NOT_FOUND, naming the known ids', async () => {
    const run = await cli(['procedure', 'show', 'iso-ballot']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [NOT_FOUND]: No procedure "iso-ballot"; known: itu-t-tap');
  });
});
