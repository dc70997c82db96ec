import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/app-context.js';
import { formatCsv } from '../../src/cli/output.js';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import type { ResultsView } from '../../src/schemas/responses.schema.js';
import { totpCode } from '../../src/services/identity/totp.js';
import type { DemoTokens } from '../../src/services/seed-demo.js';
import { withFigures } from '../helpers/tally.js';
import { cli, envOf, tempFolders, type Run, writeJson } from './cli-harness.js';

/**
 * The CLI run in-process (test/cli/cli-harness.ts). Each test works in its own folder (a SQLite
 * file and the demo tokens), copied from one seeded template to keep the suite fast.
 */

const folders = tempFolders();
const tempFolder = folders.create;

let template: string;
let templateSeed: Run;

/** A folder holding a copy of the seeded demo database and its tokens file. */
function seededFolder(): string {
  const dir = tempFolder();
  fs.cpSync(template, dir, { recursive: true });
  return dir;
}

function demoTokens(dir: string): DemoTokens {
  return JSON.parse(fs.readFileSync(path.join(dir, 'data', 'demo-tokens.json'), 'utf8')) as DemoTokens;
}

function krToken(dir: string): string {
  return demoTokens(dir).focalPoints.find((f) => f.memberState === 'KR')!.token;
}

/** A reply to the demo consultation assigning authority to its three texts. */
function demoReply(overrides: Record<string, unknown> = {}) {
  return {
    positions: ['x9990-cor1', 'x9991', 'x9992'].map((text) => ({
      text,
      position: 'assigns_authority',
      option: 'no_comments',
    })),
    signatory: { name: 'A. Official', title: 'Director, Ministry of Science and ICT' },
    place: 'Seoul',
    ...overrides,
  };
}

async function resultsJson(dir: string, consultation: string): Promise<ResultsView> {
  const run = await cli(dir, ['results', consultation, '--format', 'json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as ResultsView;
}

beforeAll(async () => {
  template = tempFolder();
  templateSeed = await cli(template, ['seed', '--demo']);
  if (templateSeed.code !== 0) throw new Error(`seed --demo failed: ${templateSeed.stderr}`);
});

afterAll(() => folders.removeAll());

describe('assent: usage', () => {
  it('prints the help with exit code 0', async () => {
    const run = await cli(tempFolder(), ['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: assent');
    for (const command of [
      'serve',
      'db',
      'seed',
      'consultation',
      'reply',
      'results',
      'decision',
      'notice',
      'token',
      'member-state',
      'audit',
    ]) {
      expect(run.stdout).toContain(command);
    }
  });

  it('prints the help of a subcommand with exit code 0', async () => {
    const run = await cli(tempFolder(), ['reply', 'submit', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--idempotency-key');
  });

  it('refuses an unknown command with exit code 2', async () => {
    const run = await cli(tempFolder(), ['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'frobnicate'");
  });

  it('refuses an option value outside its choices with exit code 2', async () => {
    const run = await cli(tempFolder(), ['results', 'tsb-79-2023', '--format', 'xml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--format');
  });

  it('reports a configuration error naming the variable, with exit code 2', async () => {
    const run = await cli(tempFolder(), ['consultation', 'list'], { DATABASE_URL: 'mysql://db/assent' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: DATABASE_URL must start with postgres:\/\//);
  });
});

describe('assent db', () => {
  it('applies the migrations once, then reports the schema up to date', async () => {
    const dir = tempFolder();
    const first = await cli(dir, ['db', 'migrate']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migrations? to the SQLite database/);
    expect(first.stdout).toContain('0001-init');
    const second = await cli(dir, ['db', 'migrate']);
    expect(second.stdout).toContain('up to date');
    const status = await cli(dir, ['db', 'status', '--json']);
    const migrations = (JSON.parse(status.stdout) as { migrations: { name: string; executedAt: string | null }[] })
      .migrations;
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.every((m) => m.executedAt !== null)).toBe(true);
  });
});

describe('assent seed', () => {
  it('seeds the demo once, prints its tokens and keeps them in a file only its owner can read', async () => {
    expect(templateSeed.stdout).toContain('Member States: ');
    expect(templateSeed.stdout).toMatch(/focal point KR\s+assent_/);
    const file = path.join(template, 'data', 'demo-tokens.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(templateSeed.stdout).toContain(demoTokens(template).secretariat);

    const again = await cli(seededFolder(), ['seed', '--demo']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('not seeded');
  });
});

describe('assent consultation', () => {
  it('lists the demo consultations', async () => {
    const dir = seededFolder();
    const run = await cli(dir, ['consultation', 'list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('tsb-79-2023');
    expect(run.stdout).toContain('demo-tap');
    const json = JSON.parse((await cli(dir, ['consultation', 'list', '--json'])).stdout) as {
      items: { id: string; state: string }[];
    };
    expect(json.items.map((c) => [c.id, c.state]).sort()).toEqual([
      ['demo-tap', 'open'],
      ['tsb-79-2023', 'closed'],
    ]);
  });

  it('shows Circular 79 with its deadline as the circular writes it and its six texts', async () => {
    const run = await cli(seededFolder(), ['consultation', 'show', 'tsb-79-2023']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2359 hours UTC on 16 August 2023');
    for (const designation of ['X.1333 Cor.1', 'X.1353', 'X.1471', 'X.1645', 'X.1771', 'X.1817'])
      expect(run.stdout).toContain(designation);
    expect(run.stdout).toContain('closed');
    expect(run.stdout).toContain('Timing checks');
    expect(run.stdout).toContain('WTSA Resolution 1 (Rev. Geneva, 2022)');
    // Circular 79's phases: the notice, due four weeks after the meeting, is not issued in the demo.
    expect(run.stdout).toMatch(
      /Phase:\s+between phases; next: Results notified \(§9\.6\.1\), due by 2023-10-06 23:59:59 UTC/,
    );
    expect(run.stdout).toMatch(
      /Consultation of Member States\s+2023-03-28 \d\d:\d\d:\d\d UTC\s+2023-08-16 23:59:59 UTC\s+—\s+§9\.4\.1/,
    );
    expect(run.stdout).toMatch(
      /Study group meeting\s+2023-08-29 00:00:00 UTC\s+2023-09-08 23:59:59 UTC\s+—\s+§9\.5\.3/,
    );
  });

  it('answers NOT_FOUND with exit code 1 for an unknown consultation', async () => {
    const run = await cli(seededFolder(), ['consultation', 'show', 'no-such-circular']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [NOT_FOUND]: No consultation "no-such-circular"');
  });

  it('creates a draft from a JSON file and issues it', async () => {
    const dir = seededFolder();
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const file = writeJson(dir, 'circular.json', {
      id: 'tsb-5-2026',
      bureau: 'TSB',
      studyPeriod: '2025-2028',
      number: 5,
      date: day(0),
      reference: 'TSB Circular 5',
      studyGroup: 'SG17',
      meeting: { place: 'Geneva', firstDay: day(120), lastDay: day(129) },
      subject: 'Member State consultation on determined draft new Recommendation X.1999',
      deadline: `${day(100)}T23:59:59.999Z`,
      addressees: ['Administrations of Member States of the Union'],
      copies: [],
      notes: [],
      signatory: { name: 'Seizo Onoe', title: 'Director of TSB' },
      texts: [
        {
          id: 'x1999',
          kind: 'new',
          designation: 'X.1999',
          title: 'A test text',
          summary: 'A summary.',
          location: 'R1',
        },
      ],
    });
    const created = await cli(dir, ['consultation', 'create', '--file', file]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created draft consultation tsb-5-2026');
    const issued = await cli(dir, ['consultation', 'issue', 'tsb-5-2026']);
    expect(issued.code).toBe(0);
    expect(issued.stdout).toContain('Issued tsb-5-2026');
    expect(issued.stdout).toContain('hours UTC on');
    const again = await cli(dir, ['consultation', 'issue', 'tsb-5-2026']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('error [CONSULTATION_ISSUED]');
  });

  it('enters a past circular as a record, issues it at its recorded instant and dates its notice from the records', async () => {
    const dir = seededFolder();
    const file = writeJson(dir, 'past.json', {
      id: 'tsb-12-2001',
      bureau: 'TSB',
      studyPeriod: '2001-2004',
      number: 12,
      date: '2001-06-01',
      reference: 'TSB Circular 12',
      studyGroup: 'SG17',
      meeting: { place: 'Geneva', firstDay: '2001-11-19', lastDay: '2001-11-28' },
      subject: 'Member State consultation on a determined draft new Recommendation',
      deadline: '2001-11-05T23:59Z',
      deadlineWording: '2400',
      addressees: ['Administrations of Member States of the Union'],
      copies: [],
      notes: [],
      signatory: { name: 'H. Zhao', title: 'Director of TSB' },
      texts: [{ id: 'x999', kind: 'new', designation: 'X.999', title: 'A past text', summary: 'S.', location: 'R1' }],
    });
    const refused = await cli(dir, [
      'consultation',
      'create',
      '--file',
      file,
      '--entered-afterwards',
      '2001-11-06T09:00Z',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error [VALIDATION_FAILED]');
    expect(refused.stderr).toContain('  /enteredAfterwards/issuedAt: The circular was issued before its deadline');
    const created = await cli(dir, [
      'consultation',
      'create',
      '--file',
      file,
      '--entered-afterwards',
      '2001-06-01T10:00Z',
    ]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Entered afterwards, as a record: issuing it dates it 2001-06-01T10:00:00.000Z');
    expect((await cli(dir, ['consultation', 'issue', 'tsb-12-2001'])).code).toBe(0);
    const shown = JSON.parse((await cli(dir, ['consultation', 'show', 'tsb-12-2001', '--json'])).stdout);
    expect(shown).toMatchObject({ state: 'closed', issuedAt: '2001-06-01T10:00:00.000Z' });
    expect(shown.enteredAfterwardsAt).not.toBeNull();
    expect((await cli(dir, ['decision', 'record', 'tsb-12-2001', 'x999'])).code).toBe(0);
    const early = await cli(dir, ['notice', 'issue', 'tsb-12-2001', '--issued-on', '2001-11-27']);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('  /issuedOn: The results notice cannot be dated before the meeting ended');
    const notice = await cli(dir, ['notice', 'issue', 'tsb-12-2001', '--issued-on', '2001-12-10']);
    expect(notice.stderr).toBe('');
    expect(notice.stdout).toContain('Results notice for tsb-12-2001 issued at 2001-12-10T00:00:00.000Z');
  });

  it('refuses a circular file that does not match the schema, naming each field', async () => {
    const dir = seededFolder();
    const file = writeJson(dir, 'circular.json', { bureau: 'TSB', number: 'five', colour: 'blue' });
    const run = await cli(dir, ['consultation', 'create', '--file', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [VALIDATION_FAILED]');
    expect(run.stderr).toContain('  /colour: Unknown field: remove it');
  });
});

describe('assent results', () => {
  it('prints a table with one row per text, the outcome and the clause', async () => {
    const run = await cli(seededFolder(), ['results', 'tsb-79-2023']);
    expect(run.code).toBe(0);
    const rows = run.stdout.split('\n').filter((l) => /^X\.\d{4}/.test(l));
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.startsWith('X.1353 '))).toMatch(
      // The procedure's figures (replies, support, non-support, unclear, per cent, needed more), then the outcome.
      /X\.1353\s+11\s+10\s+1\s+0\s+90\.91\s+0\s+May be considered at the meeting\s+§9\.4\.5/,
    );
  });

  it('prints CSV: a header row and one CRLF-terminated row per text', async () => {
    const run = await cli(seededFolder(), ['results', 'tsb-79-2023', '--format', 'csv']);
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith('\r\n')).toBe(true);
    const lines = run.stdout.split('\r\n').slice(0, -1);
    expect(lines).toHaveLength(7);
    // The procedure's figures by name between the designation and the outcome (TAP's six).
    expect(lines[0]).toBe(
      'text,designation,replies,support,non_support,unclear,percent,needed_more,outcome,clause,decision,decision_clause',
    );
    expect(lines[2]).toBe('x1353,X.1353,11,10,1,0,90.91,0,may_proceed,§9.4.5,,');
  });

  it('quotes CSV fields as RFC 4180 requires', () => {
    expect(formatCsv([['a', 'b,c', 'say "no"', 'two\nlines', null, 7]])).toBe(
      'a,"b,c","say ""no""","two\nlines",,7\r\n',
    );
  });

  it('prints JSON equal to the API response', async () => {
    const dir = seededFolder();
    const fromCli = await resultsJson(dir, 'tsb-79-2023');
    const context = await createAppContext(loadConfig(envOf(dir)));
    try {
      const app = await buildApp({ ctx: context.services, rateLimitPerMinute: 0 });
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/consultations/tsb-79-2023/results',
        headers: { authorization: `Bearer ${demoTokens(dir).secretariat}` },
      });
      await app.close();
      expect(response.statusCode).toBe(200);
      const fromApi = response.json<ResultsView>();
      expect({ ...fromCli, computedAt: 'now' }).toEqual({ ...fromApi, computedAt: 'now' });
      expect(fromCli.texts).toHaveLength(6);
    } finally {
      await context.close();
    }
  });

  it('prints the current sign-in code of a demo account, and refuses any other address', async () => {
    const dir = seededFolder();
    const tsb = demoTokens(dir).accounts!.find((a) => a.email === 'tsb@demo.example')!;
    const run = await cli(dir, ['demo-code', 'tsb@demo.example']);
    expect(run.code).toBe(0);
    const code = run.stdout.trim();
    // The code of this step or of the next one (the step may turn between the two readings).
    expect([totpCode(tsb.totpKey, Date.now() - 30_000), totpCode(tsb.totpKey, Date.now())]).toContain(code);
    const other = await cli(dir, ['demo-code', 'someone@ministry.example']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('not a demo account');
  });

  it('acts as the token holder with --token: an observer sees no results before the deadline', async () => {
    const dir = seededFolder();
    const run = await cli(dir, ['results', 'demo-tap', '--token', demoTokens(dir).observer]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [RESULTS_NOT_AVAILABLE]');
  });
});

describe('assent reply', () => {
  it('submits a reply with a new focal point token, prints the receipt, moves the results, and amends it as version 2', async () => {
    const dir = seededFolder();
    const created = await cli(dir, [
      'token',
      'create',
      '--role',
      'focal_point',
      '--state',
      'KR',
      '--label',
      'Focal point, Korea (Republic of)',
      '--json',
    ]);
    expect(created.code).toBe(0);
    const { secret, token } = JSON.parse(created.stdout) as { secret: string; token: { memberState: string } };
    expect(token.memberState).toBe('KR');
    const before = await resultsJson(dir, 'demo-tap');
    const file = writeJson(dir, 'reply.json', demoReply());

    const first = await cli(dir, ['reply', 'submit', 'demo-tap', '--file', file, '--token', secret]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Version:\s+1\n/);
    expect(first.stdout).toMatch(/Counted:\s+yes/);
    expect(first.stdout).toMatch(/Received:\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
    expect(first.stdout).toMatch(/Content hash:\s+[0-9a-f]{64}/);

    const after = await resultsJson(dir, 'demo-tap');
    const support = (r: ResultsView) => withFigures(r.texts.find((t) => t.text.id === 'x9992')!).support as number;
    expect(support(after)).toBe(support(before) + 1);

    // The token may also come from the environment.
    const second = await cli(dir, ['reply', 'submit', 'demo-tap', '--file', file, '--json'], { ASSENT_TOKEN: secret });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      consultationId: 'demo-tap',
      memberState: 'KR',
      version: 2,
      counted: true,
      replayed: false,
    });

    const shown = await cli(dir, ['reply', 'show', 'demo-tap', 'KR']);
    expect(shown.stdout).toContain('current version 2');
    const audit = await cli(dir, ['audit', 'list', '--consultation', 'demo-tap', '--json']);
    const actions = (JSON.parse(audit.stdout) as { items: { action: string; subject: string }[] }).items.map(
      (e) => e.action,
    );
    expect(actions.slice(-2)).toEqual(['reply.submitted', 'reply.amended']);
  });

  it('replays an idempotent retry instead of writing a second version', async () => {
    const dir = seededFolder();
    const file = writeJson(dir, 'reply.json', demoReply());
    const args = [
      'reply',
      'submit',
      'demo-tap',
      '--file',
      file,
      '--token',
      krToken(dir),
      '--idempotency-key',
      'kr-reply-1',
      '--json',
    ];
    const first = JSON.parse((await cli(dir, args)).stdout) as { version: number; replayed: boolean };
    const retry = JSON.parse((await cli(dir, args)).stdout) as { version: number; replayed: boolean };
    expect(first).toMatchObject({ version: 1, replayed: false });
    expect(retry).toMatchObject({ version: 1, replayed: true });
  });

  it('refuses a focal point of KR replying for FR with NOT_YOUR_MEMBER_STATE and exit code 1', async () => {
    const dir = seededFolder();
    const file = writeJson(dir, 'reply.json', demoReply());
    const run = await cli(dir, [
      'reply',
      'submit',
      'demo-tap',
      '--file',
      file,
      '--token',
      krToken(dir),
      '--state',
      'FR',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [NOT_YOUR_MEMBER_STATE]');
    expect(run.stdout).toBe('');
  });

  it('refuses a reply file with an unknown field, listing the field, and writes nothing', async () => {
    const dir = seededFolder();
    const file = writeJson(dir, 'reply.json', demoReply({ vote: 'yes' }));
    const run = await cli(dir, ['reply', 'submit', 'demo-tap', '--file', file, '--token', krToken(dir)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [VALIDATION_FAILED]');
    expect(run.stderr).toContain('  /vote: Unknown field: remove it');
    expect((await cli(dir, ['reply', 'show', 'demo-tap', 'KR'])).stdout).toContain('KR has not replied');
  });

  it('lists every problem of a reply file as field: message', async () => {
    const dir = seededFolder();
    const file = writeJson(dir, 'reply.json', {
      positions: [{ text: 'x9992', position: 'perhaps' }],
      signatory: { name: 'A. Official' },
    });
    const run = await cli(dir, ['reply', 'submit', 'demo-tap', '--file', file, '--token', krToken(dir)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('  /positions/0/position: Not one of the allowed values');
    expect(run.stderr).toContain('  /signatory/title: Required');
  });

  it('refuses a late reply to Circular 79 with DEADLINE_PASSED, exit code 1 and the clause', async () => {
    const dir = seededFolder();
    const file = writeJson(dir, 'reply.json', {
      positions: [{ text: 'x1353', position: 'assigns_authority', option: 'no_comments' }],
      signatory: { name: 'A. Official', title: 'Director' },
    });
    const run = await cli(dir, ['reply', 'submit', 'tsb-79-2023', '--file', file, '--token', krToken(dir)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [DEADLINE_PASSED]');
    expect(run.stderr).toContain('clause: WTSA Resolution 1');
    expect(run.stderr).toContain('§9.4.6');
  });

  it('asks for a token with exit code 2 when none is given', async () => {
    const dir = seededFolder();
    const file = writeJson(dir, 'reply.json', demoReply());
    const run = await cli(dir, ['reply', 'submit', 'demo-tap', '--file', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ASSENT_TOKEN');
  });

  it('refuses a revoked token with UNAUTHENTICATED', async () => {
    const dir = seededFolder();
    const created = JSON.parse(
      (await cli(dir, ['token', 'create', '--role', 'focal_point', '--state', 'kr', '--label', 'KR', '--json'])).stdout,
    ) as {
      secret: string;
      token: { id: string };
    };
    const listed = await cli(dir, ['token', 'list']);
    expect(listed.stdout).toContain(created.token.id);
    expect(listed.stdout).not.toContain(created.secret);
    expect((await cli(dir, ['token', 'revoke', created.token.id])).code).toBe(0);
    const file = writeJson(dir, 'reply.json', demoReply());
    const run = await cli(dir, ['reply', 'submit', 'demo-tap', '--file', file, '--token', created.secret]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [UNAUTHENTICATED]');
  });

  it('withdraws a reply: a new version that is not counted', async () => {
    const dir = seededFolder();
    const file = writeJson(dir, 'reply.json', demoReply());
    expect((await cli(dir, ['reply', 'submit', 'demo-tap', '--file', file, '--token', krToken(dir)])).code).toBe(0);
    const run = await cli(dir, ['reply', 'withdraw', 'demo-tap', '--token', krToken(dir), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ version: 2, status: 'withdrawn', counted: false });
  });
});

describe('assent member-state', () => {
  it('makes a State ineligible only with a reason, after which its replies are refused', async () => {
    const dir = seededFolder();
    const noReason = await cli(dir, ['member-state', 'eligibility', 'KR', '--may-reply', 'false']);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain('  /note: Required when the State may not reply');
    // Unknown, whatever else the change holds (here, no reason).
    const nobody = await cli(dir, ['member-state', 'eligibility', 'XQ', '--may-reply', 'false']);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('error [NOT_FOUND]: No Member State or other participant with code "XQ"');
    const set = await cli(dir, [
      'member-state',
      'eligibility',
      'KR',
      '--may-reply',
      'false',
      '--note',
      'Right to reply suspended',
      '--since',
      '2026-01-01',
    ]);
    expect(set.code).toBe(0);
    expect((await cli(dir, ['member-state', 'list', '--not-eligible'])).stdout).toContain('Right to reply suspended');
    const file = writeJson(dir, 'reply.json', demoReply());
    const run = await cli(dir, ['reply', 'submit', 'demo-tap', '--file', file, '--token', krToken(dir)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [STATE_NOT_ELIGIBLE]');
  });
});

describe('assent account', () => {
  it('resets a lost authenticator only with a reason, prints the link once, and lists the account as reset', async () => {
    const dir = seededFolder();
    const list = await cli(dir, ['account', 'list', '--json']);
    const kr = JSON.parse(list.stdout).items.find((a: { email: string }) => a.email === 'focal-point.kr@demo.example');
    expect(kr).toMatchObject({ secondFactor: true, authenticatorReset: false });

    const noReason = await cli(dir, ['account', 'reset-authenticator', kr.id]);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain("required option '--reason <text>' not specified");
    const blank = await cli(dir, ['account', 'reset-authenticator', kr.id, '--reason', ' ']);
    expect(blank.code).toBe(1);
    expect(blank.stderr).toContain('error [VALIDATION_FAILED]');
    expect(blank.stderr).toContain('/reason');

    const run = await cli(dir, [
      'account',
      'reset-authenticator',
      kr.id,
      '--reason',
      'Phone lost; checked by telephone',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('The authenticator of focal-point.kr@demo.example is reset; its sessions ended.');
    expect(run.stdout).toMatch(
      /Link \(single use, until \d{4}-\d{2}-\d{2}T[\d:.]+Z\): http:\/\/\S+\/invitations\/[\w-]{40,}\n/,
    );
    const table = await cli(dir, ['account', 'list', '--state', 'KR']);
    expect(table.stdout).toMatch(/focal-point\.kr@demo\.example.*\breset\b/);
    const again = await cli(dir, ['account', 'reset-authenticator', kr.id, '--reason', 'The link expired', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({
      account: { id: kr.id, authenticatorReset: true, secondFactor: false },
      enrolmentLink: expect.stringMatching(/\/invitations\//),
    });
    const unknown = await cli(dir, ['account', 'reset-authenticator', 'no-such-account', '--reason', 'Lost phone']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error [NOT_FOUND]');
  });
});

describe('assent decision and notice', () => {
  it('records an unopposed decision on X.1353 of Circular 79 as approved, with its clause', async () => {
    const dir = seededFolder();
    const run = await cli(dir, [
      'decision',
      'record',
      'tsb-79-2023',
      'x1353',
      '--reservation',
      'FR:Reservation on clause 7',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('approved');
    expect(run.stdout).toMatch(/Clause:\s+§9\.5/);
    const results = await resultsJson(dir, 'tsb-79-2023');
    expect(results.texts.find((t) => t.text.id === 'x1353')!.decision).toMatchObject({
      outcome: 'approved',
      reservations: [{ state: 'FR', note: 'Reservation on clause 7' }],
    });
  });

  it('takes a decision from a file, the options overriding it', async () => {
    const dir = seededFolder();
    const file = writeJson(dir, 'decision.json', { opposing: ['US'], notes: 'From the meeting report' });
    const run = await cli(dir, [
      'decision',
      'record',
      'tsb-79-2023',
      'x1471',
      '--file',
      file,
      '--opposing',
      '',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      text: { id: 'x1471' },
      decision: { outcome: 'approved', recorded: { opposing: [], notes: 'From the meeting report' } },
    });
  });

  it('refuses an observer named in a decision with exit code 1, naming the field, the State, why and the clause', async () => {
    const run = await cli(seededFolder(), ['decision', 'record', 'tsb-79-2023', 'x1353', '--opposing', 'FR,PS']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'error [DECISION_CONFLICT]: The decision names a delegation that is not a participant in this consultation: PS',
    );
    expect(run.stderr).toMatch(
      /^ {2}\/opposing\/1: State of Palestine \(PS\) is not a participant in this consultation and may not be named as opposing: Observer, not a Member State.*\(§9\.4\.1\)$/m,
    );
  });

  it('refuses a malformed state code in an option with exit code 2', async () => {
    // Not a participant's code of any form (a Member State's two letters, an organisation's words).
    const run = await cli(seededFolder(), ['decision', 'record', 'tsb-79-2023', 'x1353', '--opposing', 'Korea, Rep.']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--opposing');
  });

  it('issues the results notice only once every text has a decision', async () => {
    const dir = seededFolder();
    const early = await cli(dir, ['notice', 'issue', 'tsb-79-2023']);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('error [NOTICE_NOT_ALLOWED]');
    expect(early.stderr).toContain('  /texts/x1353/decision: X.1353 has no recorded decision');
    for (const text of ['x1333-cor1', 'x1353', 'x1471', 'x1645', 'x1771', 'x1817']) {
      expect((await cli(dir, ['decision', 'record', 'tsb-79-2023', text])).code).toBe(0);
    }
    const notice = await cli(dir, ['notice', 'issue', 'tsb-79-2023']);
    expect(notice.stderr).toBe('');
    expect(notice.code).toBe(0);
    expect(notice.stdout).toContain('Results notice for tsb-79-2023 issued');
    expect((await cli(dir, ['consultation', 'show', 'tsb-79-2023', '--json'])).stdout).toContain('"state": "notified"');
  });
});
