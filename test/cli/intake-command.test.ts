import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fill, tick } from '../documents/form-filling.js';
import { cli, envOf, tempFolders } from './cli-harness.js';

/**
 * `assent intake`: a reply form an Administration returned as a Word file, read back and printed
 * (--dry-run), then recorded once confirmed. In-process, SQLite, on the demo's open consultation.
 */
describe('assent intake', () => {
  const folders = tempFolders();
  let dir: string;

  beforeAll(async () => {
    dir = folders.create();
    expect((await cli(dir, ['seed', '--demo'])).code).toBe(0);
    const blank = await cli(dir, ['document', 'circular', 'demo-tap', '--format', 'docx', '-o', 'blank.docx']);
    expect(blank.code, blank.stderr).toBe(0);
    const form = tick(
      fill(fs.readFileSync(path.join(dir, 'blank.docx')), {
        'signatory.name': 'A. Ministro',
        'signatory.title': 'Secretary of Telecommunications',
        state: 'Brazil (Federative Republic of)',
        placeDate: 'Brasília, today',
      }),
      ['assent:x9991:assigns_authority', 'assent:x9991:assigns_authority:no_comments'],
    );
    fs.writeFileSync(path.join(dir, 'returned.docx'), form);
  }, 120_000);
  afterAll(() => folders.removeAll());

  it('prints what a returned form says, as text or as JSON, and records nothing with --dry-run', async () => {
    const text = await cli(dir, ['intake', 'returned.docx', '--consultation', 'demo-tap', '--dry-run']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('State:      BR (typed "Brazil (Federative Republic of)")');
    expect(text.stdout).toContain('Signatory:  A. Ministro, Secretary of Telecommunications');
    expect(text.stdout).toMatch(/X\.9991\s+assigns_authority\s+no_comments/);
    expect(text.stdout).toMatch(/X\.9992\s+—\s+—\s+NO_BOX_TICKED/);
    const json = await cli(dir, [
      'intake',
      'returned.docx',
      '--consultation',
      'demo-tap',
      '--dry-run',
      '--format',
      'json',
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      consultationId: 'demo-tap',
      state: { code: 'BR', problem: null },
      positions: [{ text: 'x9991', position: 'assigns_authority', option: 'no_comments' }],
    });
  });

  it('refuses to record without the instant it was received, and a file that is not a form, with the reason', async () => {
    const missing = await cli(dir, ['intake', 'returned.docx', '--consultation', 'demo-tap']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--received-at is needed to record the form');
    fs.writeFileSync(path.join(dir, 'letter.docx'), 'Dear Director, we support X.9991.');
    const foreign = await cli(dir, ['intake', 'letter.docx', '--consultation', 'demo-tap', '--dry-run']);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain('not a Word document');
  });

  it('records the reply once confirmed, and nothing when the operator says no', async () => {
    const receivedAt = new Date(Date.now() - 60_000).toISOString();
    const run = async (answer: boolean, ...extra: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(
        [
          'node',
          'assent',
          'intake',
          'returned.docx',
          '--consultation',
          'demo-tap',
          '--received-at',
          receivedAt,
          ...extra,
        ],
        {
          env: envOf(dir),
          cwd: dir,
          stdout: { write: (chunk: string) => out.push(chunk) },
          stderr: { write: (chunk: string) => err.push(chunk) },
          confirm: async () => answer,
        },
      );
      return { code, stdout: out.join(''), stderr: err.join('') };
    };
    const declined = await run(false);
    expect(declined.code).toBe(0);
    expect(declined.stderr).toContain('Nothing recorded');
    const recorded = await run(true);
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(recorded.stdout).toMatch(/Recorded version \d+ of BR's reply, with the file as its original/);
    const db = new SQLite(path.join(dir, 'data', 'assent.db'), { readonly: true });
    try {
      const versions = db
        .prepare(
          "select channel, original_file, signatory_name from reply_version where consultation_id = 'demo-tap' and member_state = 'BR'",
        )
        .all() as { channel: string; original_file: string; signatory_name: string }[];
      // Declined first: one version only, recorded from the file.
      expect(versions.filter((v) => v.signatory_name === 'A. Ministro')).toEqual([
        { channel: 'email', original_file: expect.stringMatching(/^[0-9a-f]{64}$/), signatory_name: 'A. Ministro' },
      ]);
    } finally {
      db.close();
    }
  });
});
