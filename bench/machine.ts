import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import SQLite from 'better-sqlite3';
import type { MachineInfo } from './bench-result.js';
import { loadAverage } from './proc-stats.js';

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) return match[1]!.trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

/** What the figures were measured on. */
export function describeMachine(postgresVersion: string | null): MachineInfo {
  const memory = new SQLite(':memory:');
  const sqlite = (memory.prepare('select sqlite_version() as v').get() as { v: string }).v;
  memory.close();
  return {
    cpuModel: cpuModel(),
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite: `${sqlite} (better-sqlite3 ${packageVersion('better-sqlite3')})`,
    postgres: postgresVersion,
    fastify: packageVersion('fastify'),
    autocannon: packageVersion('autocannon'),
    loadAverageAtStart: loadAverage(),
  };
}
