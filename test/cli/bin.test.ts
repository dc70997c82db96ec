import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

/** The real `assent` executable, run as a child process the way a person or a service manager runs it. */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'assent.js');

const children: ChildProcess[] = [];
const folders: string[] = [];

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A clean environment: nothing from the developer's shell (DATABASE_URL, ASSENT_TOKEN…) leaks in. */
function childEnv(dataDir: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME ?? os.tmpdir(), DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
}

/** Resolves with everything the child wrote to stdout once `marker` appears; rejects at the deadline or on exit. */
function waitForOutput(child: ChildProcess, marker: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`no "${marker}" within ${timeoutMs} ms; stdout: ${out}; stderr: ${err}`)),
      timeoutMs,
    );
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes(marker)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before "${marker}"; stdout: ${out}; stderr: ${err}`));
    });
  });
}

describe('bin/assent.js', () => {
  it('runs as a program: --help exits 0 and lists the commands', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-bin-'));
    folders.push(dir);
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, '--help'], { cwd: ROOT, env: childEnv(dir) });
    expect(stdout).toContain('Usage: assent');
    expect(stdout).toContain('reply');
  });

  it('exits 2 on an unknown command', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-bin-'));
    folders.push(dir);
    const failure = await promisify(execFile)(process.execPath, [BIN, 'frobnicate'], {
      cwd: ROOT,
      env: childEnv(dir),
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain("unknown command 'frobnicate'");
  });

  it('serve --demo, started from another folder, prints a banner with working demo tokens, serves its pages, and stops cleanly on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-bin-'));
    folders.push(dir);
    // Not the project folder: the command must not depend on the directory it is run from.
    const child = spawn(process.execPath, [BIN, 'serve', '--demo', '--port', '0'], {
      cwd: dir,
      env: childEnv(path.join(dir, 'data')),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const banner = await waitForOutput(child, 'Press Ctrl+C to stop.', 60_000);

    const url = /URL\s+(http:\/\/\S+)/.exec(banner)?.[1];
    const observer = /observer\s+(assent_\S+)/.exec(banner)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(banner).toContain(`${url}/api/docs`);
    expect(banner).toMatch(/Database\s+SQLite, /);
    expect(banner).toMatch(/focal point KR\s+assent_/);
    expect(banner).toMatch(/focal point FR\s+assent_/);
    expect(banner).toContain(
      `curl -H "Authorization: Bearer ${observer}" ${url}/api/v1/consultations/tsb-79-2023/results`,
    );

    const response = await fetch(`${url}/api/v1/consultations/tsb-79-2023/results`, {
      headers: { authorization: `Bearer ${observer}` },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { texts: unknown[] }).texts).toHaveLength(6);
    expect(fs.statSync(path.join(dir, 'data', 'demo-tokens.json')).mode & 0o777).toBe(0o600);
    // The server-rendered pages (TSX) work too, whatever the working directory.
    const login = await fetch(`${url}/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('<html lang="en" dir="ltr"');

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
