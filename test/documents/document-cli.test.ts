import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorCheck } from '../../src/cli/commands/doctor.js';
import { main } from '../../src/cli/main.js';
import type { DemoTokens } from '../../src/services/seed-demo.js';
import { docxText, normalise, pdfPages } from './document-harness.js';

/**
 * `assent document` and `assent doctor`, run in-process (`main(argv, io)`) against a folder with
 * the seeded demo database (TSB Circular 79 replayed, closed, without meeting decisions).
 */

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const folders: string[] = [];
let dir: string;

async function cli(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const dataDir = path.join(dir, 'data');
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${path.join(dataDir, 'assent.db')}`,
    LOG_LEVEL: 'silent',
    PATH: process.env.PATH,
    CHROMIUM_PATH: process.env.CHROMIUM_PATH,
    ...extraEnv,
  };
  const code = await main(['node', 'assent', ...args], {
    env,
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-document-cli-'));
  folders.push(dir);
  const seeded = await cli(['seed', '--demo']);
  if (seeded.code !== 0) throw new Error(`seed --demo failed: ${seeded.stderr}`);
}, 60_000);

afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

describe('assent document', () => {
  it('writes the circular as PDF to the file given, and the same bytes again on the second run (an issued circular is stored)', async () => {
    const first = await cli(['document', 'circular', 'tsb-79-2023', '--format', 'pdf', '-o', 'circular-79.pdf']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^Wrote circular-79\.pdf \([\d,]+ bytes, SHA-256 [0-9a-f]{64}\) — a closed record/);
    const bytes = fs.readFileSync(path.join(dir, 'circular-79.pdf'));
    expect(normalise((await pdfPages(bytes)).join('\n'))).toContain(
      'Member States are kindly requested to complete and return the form in Annex 2 by 2359 hours UTC on 16 August 2023.',
    );
    const second = await cli(['document', 'circular', 'tsb-79-2023', '--format', 'pdf', '-o', 'again.pdf']);
    expect(second.code).toBe(0);
    expect(Buffer.compare(fs.readFileSync(path.join(dir, 'again.pdf')), bytes)).toBe(0);
  });

  it("writes a State's filled reply form under its own file name by default, as KR's focal point", async () => {
    const tokens = JSON.parse(fs.readFileSync(path.join(dir, 'data', 'demo-tokens.json'), 'utf8')) as DemoTokens;
    const kr = tokens.focalPoints.find((f) => f.memberState === 'KR')!.token;
    const run = await cli(['document', 'reply', 'tsb-79-2023', '--state', 'kr', '--token', kr]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const text = normalise(docxText(fs.readFileSync(path.join(dir, 'tsb-79-2023-reply-KR-v1-en.docx'))));
    expect(text).toContain('Reply of Korea (Republic of) to TSB Circular 79');
    expect(text).toContain('12 April 2023 at 07:30:00 UTC');
    const other = await cli(['document', 'reply', 'tsb-79-2023', '--state', 'FR', '--token', kr, '-o', 'fr.docx']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('error [NOT_YOUR_MEMBER_STATE]');
    expect(fs.existsSync(path.join(dir, 'fr.docx'))).toBe(false);
  });

  it('refuses a reply document without --state, and --state on a document of the whole consultation (exit 2)', async () => {
    expect(await cli(['document', 'reply', 'tsb-79-2023'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('add --state XX'),
    });
    expect(await cli(['document', 'circular', 'tsb-79-2023', '--state', 'KR'])).toMatchObject({ code: 2 });
    expect(await cli(['document', 'minutes', 'tsb-79-2023'])).toMatchObject({ code: 2 });
  });

  it('says PDF_UNAVAILABLE when no Chromium can be found, and still writes the DOCX', async () => {
    const pdf = await cli(['document', 'results-report', 'tsb-79-2023', '--format', 'pdf', '-o', 'report.pdf'], {
      CHROMIUM_PATH: '/nonexistent/chromium',
    });
    expect(pdf.code).toBe(1);
    expect(pdf.stderr).toContain('error [PDF_UNAVAILABLE]: No Chromium was found');
    expect(fs.existsSync(path.join(dir, 'report.pdf'))).toBe(false);
    const docx = await cli(['document', 'results-report', 'tsb-79-2023', '--format', 'docx', '-o', 'report.docx'], {
      CHROMIUM_PATH: '/nonexistent/chromium',
    });
    expect(docx.code).toBe(0);
    expect(normalise(docxText(fs.readFileSync(path.join(dir, 'report.docx'))))).toContain(
      '11 Member States replied by the deadline.',
    );
  });

  it('answers NOTICE_NOT_ALLOWED for the results notice while the meeting has not decided', async () => {
    const run = await cli(['document', 'results-notice', 'tsb-79-2023']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [NOTICE_NOT_ALLOWED]');
  });
});

describe('assent doctor', () => {
  const checksOf = (run: Run) => (JSON.parse(run.stdout) as { ok: boolean; checks: DoctorCheck[] }).checks;

  it('reports Node, the database and its migrations, Chromium (path and source) printing a page, fonts, LibreOffice and e-mail', async () => {
    const run = await cli(['doctor', '--json']);
    expect(run.code).toBe(0);
    const checks = checksOf(run);
    expect(checks.map((c) => c.check)).toEqual([
      'node',
      'database',
      'migrations',
      'chromium',
      'pdf',
      'fonts',
      'libreoffice',
      'mail',
    ]);
    expect(checks.find((c) => c.check === 'node')).toMatchObject({ status: 'ok', detail: `Node ${process.version}` });
    expect(checks.find((c) => c.check === 'migrations')).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/applied, none pending/),
    });
    expect(checks.find((c) => c.check === 'chromium')).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining(String(process.env.CHROMIUM_PATH)),
    });
    expect(checks.find((c) => c.check === 'pdf')).toMatchObject({ status: 'ok' });
    expect(checks.find((c) => c.check === 'fonts')).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining('@fontsource/noto-sans-sc'),
    });
    expect(['ok', 'info']).toContain(checks.find((c) => c.check === 'libreoffice')!.status);
    expect(checks.find((c) => c.check === 'mail')).toMatchObject({
      status: 'info',
      detail: expect.stringContaining('.eml'),
    });
  });

  it('warns, without failing, when Chromium is missing; fails (exit 1) when the database cannot be reached', async () => {
    const noChromium = await cli(['doctor', '--json'], { CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(noChromium.code).toBe(0);
    expect(checksOf(noChromium).find((c) => c.check === 'chromium')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('PDF documents are unavailable (DOCX works)'),
    });
    const noDatabase = await cli(['doctor', '--no-print'], { DATABASE_URL: 'postgres://assent:x@127.0.0.1:1/assent' });
    expect(noDatabase.code).toBe(1);
    expect(noDatabase.stdout).toMatch(/FAIL {2}database/);
    expect(noDatabase.stderr).toContain('1 check failed: database');
  });
});
