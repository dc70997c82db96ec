import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/app-context.js';
import { loadConfig } from '../../src/config.js';
import { backupSqlite } from '../../src/db/backup.js';
import { openDatabase } from '../../src/db/connect.js';
import { emlTransport } from '../../src/mail/mail-transport.js';

/**
 * What a single-machine installation writes to disk holds secrets: the SQLite database (sessions,
 * encrypted authenticator keys, every reply), the server key, and .eml files carrying live
 * invitation links. Each is readable by the account that runs Assent only (files 0600, folders
 * 0700), whatever the umask, and a file left readable by an older version is tightened when it is
 * opened again.
 */

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function tempRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-perms-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8).padStart(4, '0');

/** Runs `work` under a permissive umask, as a careless service manager might start the server. */
async function withUmask<T>(mask: number, work: () => Promise<T>): Promise<T> {
  const previous = process.umask(mask);
  try {
    return await work();
  } finally {
    process.umask(previous);
  }
}

describe('files of a single-machine installation are private to its account', () => {
  it('creates the data folder 0700, the database, its WAL and the secret key 0600, under umask 022', async () => {
    const dataDir = path.join(tempRoot(), 'data');
    const context = await withUmask(0o022, () => createAppContext(loadConfig({ DATA_DIR: dataDir })));
    try {
      expect({
        dataDir: modeOf(dataDir),
        database: modeOf(path.join(dataDir, 'assent.db')),
        wal: modeOf(path.join(dataDir, 'assent.db-wal')),
        secretKey: modeOf(path.join(dataDir, 'secret.key')),
      }).toEqual({ dataDir: '0700', database: '0600', wal: '0600', secretKey: '0600' });
    } finally {
      await context.close();
    }
  });

  it('writes each .eml file 0600 in a mail folder 0700 (they carry live invitation links)', async () => {
    const mailDir = path.join(tempRoot(), 'data', 'mail');
    const transport = emlTransport(mailDir);
    try {
      const sent = await withUmask(0o022, () =>
        transport.send({
          from: 'assent@example.org',
          to: 'someone@example.org',
          subject: 'Your invitation',
          text: 'https://assent.example.org/invitation/secret',
          reference: 'invitation:1',
          language: 'en',
        }),
      );
      expect({ folder: modeOf(mailDir), file: modeOf(sent.location) }).toEqual({ folder: '0700', file: '0600' });
    } finally {
      transport.close();
    }
  });

  it('tightens a database and a secret key left 0644 by an older version when it opens them', async () => {
    const dataDir = path.join(tempRoot(), 'data');
    await (await createAppContext(loadConfig({ DATA_DIR: dataDir }))).close();
    for (const file of ['assent.db', 'secret.key']) fs.chmodSync(path.join(dataDir, file), 0o644);
    fs.chmodSync(dataDir, 0o755);
    const context = await createAppContext(loadConfig({ DATA_DIR: dataDir }));
    try {
      expect({
        dataDir: modeOf(dataDir),
        database: modeOf(path.join(dataDir, 'assent.db')),
        secretKey: modeOf(path.join(dataDir, 'secret.key')),
      }).toEqual({ dataDir: '0700', database: '0600', secretKey: '0600' });
    } finally {
      await context.close();
    }
  });

  it('writes a backup 0600 (it holds everything the database holds)', async () => {
    const root = tempRoot();
    const file = path.join(root, 'assent.db');
    const db = openDatabase({ kind: 'sqlite', file });
    await db.destroy();
    const out = path.join(root, 'backups', 'copy.db');
    await withUmask(0o022, () => backupSqlite({ kind: 'sqlite', file }, out));
    expect({ folder: modeOf(path.dirname(out)), file: modeOf(out) }).toEqual({ folder: '0700', file: '0600' });
  });
});
