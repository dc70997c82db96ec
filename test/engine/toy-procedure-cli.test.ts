import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerProcedure } from '../../src/procedures/registry.js';
import type { DemoTokens } from '../../src/services/seed-demo.js';
import { cli, tempFolders, writeJson } from '../cli/cli-harness.js';
import { TOY_PROCEDURE } from './toy-procedure.js';

/**
 * The CLI runs a consultation under the toy procedure (test/engine/toy-procedure.ts) with no
 * change to a core file: created from a JSON file, issued, voted on with focal points' tokens, its
 * results printed as a table and as CSV with the toy's figures and words, none of TAP's.
 */
describe('the CLI under a toy procedure', () => {
  const folders = tempFolders();
  let unregister: () => void = () => {};
  let dir: string;
  let tokens: DemoTokens;

  beforeAll(async () => {
    unregister = registerProcedure(TOY_PROCEDURE);
    dir = folders.create();
    const seeded = await cli(dir, ['seed', '--demo']);
    if (seeded.code !== 0) throw new Error(`seed --demo failed: ${seeded.stderr}`);
    tokens = JSON.parse(fs.readFileSync(path.join(dir, 'data', 'demo-tokens.json'), 'utf8')) as DemoTokens;
  });
  afterAll(() => {
    unregister();
    folders.removeAll();
  });

  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  /** TAP's words: its options, its figures, its threshold, its meeting. */
  const TAP_WORDS = [/assign/i, /authority/i, /\b70\b/, /both boxes/i, /considered/i, /supporting/i];
  const tapWordsIn = (text: string) => TAP_WORDS.filter((pattern) => pattern.test(text)).map(String);

  it('creates, issues and takes votes on a toy ballot, then prints its provisional results in its own words', async () => {
    const file = writeJson(dir, 'ballot.json', {
      id: 'toy-1-2026',
      procedure: 'toy-majority',
      resolutionEdition: '2026',
      bureau: 'TSB',
      studyPeriod: '2025-2028',
      number: 1,
      date: day(0),
      reference: 'Toy ballot 1',
      studyGroup: 'SG17',
      meeting: { place: 'Geneva', firstDay: day(60), lastDay: day(61) },
      subject: 'A toy ballot on two texts',
      deadline: `${day(30)}T23:59Z`,
      addressees: ['Members'],
      copies: [],
      notes: [],
      signatory: { name: 'A. Secretary', title: 'Secretary' },
      texts: [
        { id: 'x1', kind: 'new', designation: 'X.1', title: 'First', summary: 'S.', location: 'R1' },
        { id: 'x2', kind: 'new', designation: 'X.2', title: 'Second', summary: 'S.', location: 'R2' },
      ],
    });
    const created = await cli(dir, ['consultation', 'create', '--file', file]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect((await cli(dir, ['consultation', 'issue', 'toy-1-2026'])).code).toBe(0);
    // Its one phase, in its own words and clause, no meeting or notice of TAP's.
    const shown = await cli(dir, ['consultation', 'show', 'toy-1-2026']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Phase:\s+Ballot \(§1\), until \d{4}-\d{2}-\d{2} 23:59:59 UTC/);
    expect(shown.stdout).toContain('Procedure:          toy-majority, Toy rules (2026)');
    expect(shown.stdout).toMatch(/Phases:\n\s+Phase\s+From\s+To\s+Due by\s+Clause\s*\n[ -]+\n\s+Ballot\s.*§1\s+now\n/);
    expect(shown.stdout).not.toContain('meeting');

    // Two members vote: both yes on X.1 (a majority), yes and no on X.2 (a tie).
    const [first, second] = tokens.focalPoints;
    for (const [focalPoint, x2] of [
      [first!, 'yes'],
      [second!, 'no'],
    ] as const) {
      const ballot = writeJson(dir, `vote-${focalPoint.memberState}.json`, {
        positions: [
          { text: 'x1', position: 'yes' },
          { text: 'x2', position: x2 },
        ],
        signatory: { name: 'A. Official', title: 'Head of delegation' },
      });
      const voted = await cli(dir, ['reply', 'submit', 'toy-1-2026', '--file', ballot, '--token', focalPoint.token]);
      expect(voted.stderr).toBe('');
      expect(voted.code).toBe(0);
    }
    // A TAP position on the toy ballot is refused by the toy's schema, naming the field.
    const tapBallot = writeJson(dir, 'tap-vote.json', {
      positions: [{ text: 'x1', position: 'assigns_authority', option: 'no_comments' }],
      signatory: { name: 'A. Official', title: 'Head of delegation' },
    });
    const refused = await cli(dir, ['reply', 'submit', 'toy-1-2026', '--file', tapBallot, '--token', first!.token]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error [VALIDATION_FAILED]: A position does not follow the form of Toy ballot');
    expect(refused.stderr).toContain('/positions/0/option: Unknown field');

    const table = await cli(dir, ['results', 'toy-1-2026']);
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('PROVISIONAL');
    // The toy's figures as columns, its outcomes in its words, and no meeting's decision column.
    expect(table.stdout).toMatch(/Text\s+Votes cast\s+Ayes\s+Noes\s+Outcome\s+Clause\s*\n/);
    expect(table.stdout).toMatch(/X\.1\s+2\s+2\s+0\s+Passes\s+§2/);
    expect(table.stdout).toMatch(/X\.2\s+2\s+1\s+1\s+Fails\s+§2/);
    expect(table.stdout).not.toContain('Decision');
    // The toy consults members and associates: the same figures per class, associates not counted.
    expect(table.stdout).toMatch(/By class of participant:\n\s*Text\s+Class\s+Votes cast\s+Ayes\s+Noes\s+Counted\s*\n/);
    expect(table.stdout).toMatch(/X\.1\s+Members\s+2\s+2\s+0\s+yes\n/);
    expect(table.stdout).toMatch(/X\.1\s+Associates\s+0\s+0\s+0\s+no, for information\n/);
    expect(table.stdout).toContain(
      'A text passes when more members vote yes than no (Toy rules (2026) §2); otherwise it fails (Toy rules (2026) §2).',
    );
    expect(tapWordsIn(table.stdout)).toEqual([]);

    const csv = await cli(dir, ['results', 'toy-1-2026', '--format', 'csv']);
    expect(csv.code).toBe(0);
    // One table: each text's own row (the classes that count), then a row per class.
    expect(csv.stdout.split('\r\n').slice(0, 7)).toEqual([
      'text,designation,class,counted,votes,yes,no,outcome,clause,decision,decision_clause',
      'x1,X.1,,,2,2,0,passes,§2,,',
      'x1,X.1,member-state,true,2,2,0,passes,,,',
      'x1,X.1,associate,false,0,0,0,fails,,,',
      'x2,X.2,,,2,1,1,fails,§2,,',
      'x2,X.2,member-state,true,2,1,1,fails,,,',
      'x2,X.2,associate,false,0,0,0,fails,,,',
    ]);
  });

  it('describes the toy procedure: its outcomes, bases and no threshold', async () => {
    const shown = await cli(dir, ['procedure', 'show', 'toy-majority', '--json']);
    expect(shown.stderr).toBe('');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      id: 'toy-majority',
      hasMeeting: false,
      tallyOutcomes: [
        { id: 'passes', passes: true },
        { id: 'fails', passes: false },
      ],
      tallyBases: ['no_votes', 'majority', 'no_majority'],
      passThreshold: null,
    });
  });

  it("registers an organisation of the toy's associate class, lists it by class, and refuses a class nobody consults", async () => {
    const added = await cli(dir, [
      'participant',
      'add',
      'acme-labs',
      '--class',
      'associate',
      '--name',
      'Acme Laboratories',
      '--name-in',
      'fr=Laboratoires Acme',
    ]);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toBe('ACME-LABS (Acme Laboratories) is registered as associate.\n');

    const listed = await cli(dir, ['participant', 'list', '--class', 'associate', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual({
      items: [
        expect.objectContaining({
          code: 'ACME-LABS',
          participantClass: 'associate',
          names: { en: 'Acme Laboratories', fr: 'Laboratoires Acme' },
        }),
      ],
    });
    const table = await cli(dir, ['participant', 'list', '--class', 'associate']);
    expect(table.stdout).toMatch(/ACME-LABS\s+associate\s+Acme Laboratories\s+yes/);
    // The Member States' list stays theirs.
    const states = await cli(dir, ['member-state', 'list', '--json']);
    expect(JSON.parse(states.stdout).items.map((s: { code: string }) => s.code)).not.toContain('ACME-LABS');

    const refused = await cli(dir, [
      'participant',
      'add',
      'ERICSSON',
      '--class',
      'sector-member',
      '--name',
      'Ericsson',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error \[UNKNOWN_PARTICIPANT_CLASS\]/);
    expect(refused.stderr).toContain('/participantClass: No registered procedure consults this class');
    const badName = await cli(dir, [
      'participant',
      'add',
      'ROBOT-CO',
      '--class',
      'associate',
      '--name',
      'R',
      '--name-in',
      'nope',
    ]);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('<language>=<name>');
  });
});
