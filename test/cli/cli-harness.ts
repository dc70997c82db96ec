import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';

/**
 * The CLI run in-process: `main(argv, io)` with its own environment and output collectors, so no
 * test touches process.env or the process streams. Each run works in a folder holding its SQLite
 * file (and the demo tokens, once seeded).
 */

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function collector() {
  let text = '';
  return {
    write(chunk: string | Uint8Array) {
      // Bytes kept one character each (latin1), so a test can compare them byte for byte.
      text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1');
      return true;
    },
    get text() {
      return text;
    },
  };
}

/** The environment of a CLI run in `dir`: its data folder and SQLite database, quiet logs. */
export function envOf(dir: string): NodeJS.ProcessEnv {
  const dataDir = path.join(dir, 'data');
  return { DATA_DIR: dataDir, DATABASE_URL: `sqlite:${path.join(dataDir, 'assent.db')}`, LOG_LEVEL: 'silent' };
}

/** Runs `assent <args>` in `dir`, with `stdin` as its standard input when given. */
export async function cli(
  dir: string,
  args: readonly string[],
  extraEnv: NodeJS.ProcessEnv = {},
  stdin?: Uint8Array,
): Promise<Run> {
  const stdout = collector();
  const stderr = collector();
  const code = await main(['node', 'assent', ...args], {
    env: { ...envOf(dir), ...extraEnv },
    stdout,
    stderr,
    cwd: dir,
    ...(stdin !== undefined && { stdin: [stdin] }),
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Writes `value` as JSON to `dir/name`; returns the name (the CLI resolves it against its folder). */
export function writeJson(dir: string, name: string, value: unknown): string {
  fs.writeFileSync(path.join(dir, name), JSON.stringify(value, null, 2));
  return name;
}

/** Temporary folders, removed by `removeAll` (call it from afterAll). */
export function tempFolders() {
  const folders: string[] = [];
  return {
    create(): string {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-cli-'));
      folders.push(dir);
      return dir;
    },
    removeAll(): void {
      for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
