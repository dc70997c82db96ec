import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { formatReport, runCrashTest } from '../../scripts/crash-test.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../helpers/databases.js';

/**
 * A reply is acknowledged only after the transaction that stores it has committed: killing the
 * server (SIGKILL, no shutdown at all) in the middle of a burst of replies loses none that were
 * acknowledged, and leaves the audit chain whole. The same code runs as
 * `npx tsx scripts/crash-test.ts --db sqlite|postgres`; runCrashTest kills every server it starts.
 */

describeEachDialect('crash safety', (dialect) => {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;

  afterEach(async () => {
    await database?.destroy();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    database = undefined;
    dataDir = undefined;
  });

  it('keeps every acknowledged reply, with the hash of its receipt, across two SIGKILLs in mid-burst', {
    timeout: 120_000,
  }, async () => {
    database = await createTestDatabase(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-crash-'));
    const killAfter = 10;
    const report = await runCrashTest({
      databaseUrl: database.url,
      dataDir,
      rounds: 2,
      killAfter,
      concurrency: 4,
      states: 60,
      timeLimitMs: 100_000,
    });
    console.info(formatReport(report));

    expect(report.rounds).toHaveLength(2);
    for (const round of report.rounds) {
      // The kill came mid-burst: after `killAfter` acknowledgements, with requests still in flight.
      expect(round.acknowledged, `round ${round.round}`).toBeGreaterThanOrEqual(killAfter);
      expect(round.sent, `round ${round.round}`).toBeLessThanOrEqual(30);
      expect(round.refused, `round ${round.round}`).toEqual({});
      expect(round.lost, `round ${round.round}`).toEqual([]);
      expect(round.survived, `round ${round.round}`).toBe(round.acknowledged);
    }
    expect(report.lostAtEnd).toEqual([]);
    expect(report.survivedAtEnd).toBe(report.acknowledged);
    // Nothing half-written: each stored version has its audit row, and the chain verifies.
    expect(report.storedVersions).toBeGreaterThanOrEqual(report.acknowledged);
    expect(report.storedVersions).toBe(report.replyAuditRows);
    expect(report.auditChain.ok).toBe(true);
    expect(report.finalExitCode).toBe(0);
    expect(report.ok).toBe(true);
  });
});
