import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

/** The operator commands: audit verify, backup/restore, contacts, jobs. In-process, SQLite. */

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

const folders: string[] = [];
let template: string;

function envOf(dir: string): NodeJS.ProcessEnv {
  const dataDir = path.join(dir, 'data');
  return { DATA_DIR: dataDir, DATABASE_URL: `sqlite:${path.join(dataDir, 'assent.db')}`, LOG_LEVEL: 'silent' };
}

async function cli(dir: string, ...args: string[]) {
  const stdout = collector();
  const stderr = collector();
  const code = await main(['node', 'assent', ...args], { env: envOf(dir), stdout, stderr, cwd: dir });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function seeded(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-ops-cli-'));
  folders.push(dir);
  fs.cpSync(template, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  template = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-ops-cli-template-'));
  folders.push(template);
  const seed = await cli(template, 'seed', '--demo');
  expect(seed.code, seed.stderr).toBe(0);
});

afterAll(() => {
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

describe('assent audit verify', () => {
  it('verifies an untouched database and exits 0', async () => {
    const run = await cli(seeded(), 'audit', 'verify');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Audit chain verified: \d+ rows/);
  });

  it('fails with exit 1 naming the row when an audit row was changed directly in the database', async () => {
    const dir = seeded();
    const db = new SQLite(path.join(dir, 'data', 'assent.db'));
    db.prepare('update audit_event set data = \'{"forged":true}\' where seq = 7').run();
    db.close();
    const run = await cli(dir, 'audit', 'verify');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('row #7 was changed after it was written');
  });
});

describe('assent backup and restore', () => {
  it('backs up while the data stays usable, and restores the copy over a changed database', async () => {
    const dir = seeded();
    const backup = await cli(dir, 'backup', 'backup/assent-copy.db');
    expect(backup.code, backup.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, 'backup', 'assent-copy.db'))).toBe(true);

    // A change after the backup: a new contact.
    expect(
      (
        await cli(
          dir,
          'contact',
          'add',
          '--role',
          'observer',
          '--email',
          'late@demo.example',
          '--name',
          'Added after the backup',
        )
      ).code,
    ).toBe(0);
    expect((await cli(dir, 'contact', 'list')).stdout).toContain('late@demo.example');

    const refused = await cli(dir, 'restore', 'backup/assent-copy.db');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');

    const restored = await cli(dir, 'restore', 'backup/assent-copy.db', '--force');
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Audit chain verified: \d+ rows/);
    expect((await cli(dir, 'contact', 'list')).stdout).not.toContain('late@demo.example');
    expect((await cli(dir, 'audit', 'verify')).code).toBe(0);
  });

  it('refuses to overwrite an existing backup file, and to restore a file whose audit chain is broken', async () => {
    const dir = seeded();
    expect((await cli(dir, 'backup', 'b.db')).code).toBe(0);
    const again = await cli(dir, 'backup', 'b.db');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists already');
    const db = new SQLite(path.join(dir, 'b.db'));
    db.prepare("update audit_event set actor = 'forger' where seq = 3").run();
    db.close();
    const restore = await cli(dir, 'restore', 'b.db', '--force');
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('does not verify');
  });
});

describe('assent contact and jobs', () => {
  it('adds a focal point, refuses a malformed address with the field named, and lists jobs with their counts', async () => {
    const dir = seeded();
    const added = await cli(
      dir,
      'contact',
      'add',
      '--role',
      'focal_point',
      '--state',
      'DE',
      '--email',
      'fp.de@demo.example',
      '--name',
      'Focal point DE',
      '--json',
    );
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ role: 'focal_point', memberState: 'DE', active: true });

    const bad = await cli(
      dir,
      'contact',
      'add',
      '--role',
      'focal_point',
      '--state',
      'DE',
      '--email',
      'not-an-address',
      '--name',
      'X',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('/email: Not an e-mail address');

    const run = await cli(dir, 'jobs', 'run');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\d+ jobs? run\./);
    const list = await cli(dir, 'jobs', 'list', '--kind', 'mail', '--json');
    const body = JSON.parse(list.stdout) as {
      counts: Record<string, number>;
      items: { state: string; result: { to?: string } | null }[];
    };
    // The demo's open consultation notified its two focal points and the observer.
    const sent = body.items
      .filter((j) => j.state === 'done' && j.result?.to)
      .map((j) => j.result!.to)
      .sort();
    expect(sent).toEqual(
      expect.arrayContaining(['focal-point.kr@demo.example', 'observer@demo.example', 'point-focal.fr@demo.example']),
    );
    expect(fs.readdirSync(path.join(dir, 'data', 'mail')).some((f) => f.endsWith('.eml'))).toBe(true);
  });
});

describe('assent receipt', () => {
  it('writes a receipt that verifies, and fails (exit 1) on a copy with one changed byte', async () => {
    const dir = seeded();
    // Circular 79's simulated reply of KR, version 1.
    const get = await cli(dir, 'receipt', 'get', 'tsb-79-2023', 'KR', '1', '-o', 'kr.json');
    expect(get.code, get.stderr).toBe(0);
    const ok = await cli(dir, 'receipt', 'verify', 'kr.json');
    expect(ok.code, ok.stderr + ok.stdout).toBe(0);
    expect(ok.stdout).toContain('The receipt verifies.');

    const text = fs.readFileSync(path.join(dir, 'kr.json'), 'utf8');
    const at = text.indexOf('"version": 1') + '"version": '.length;
    fs.writeFileSync(path.join(dir, 'kr-altered.json'), `${text.slice(0, at)}2${text.slice(at + 1)}`);
    const bad = await cli(dir, 'receipt', 'verify', 'kr-altered.json');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/FAIL\s+signature/);
  });
});
