import { describe, expect, it } from 'vitest';
import type { Channel, PositionInput } from '../../domain/reply/reply.js';
import { tapClauses } from './tap-clauses.js';
import { MAX_FREE_TEXT } from '../../domain/reply/reply.js';
import { checkReplyPositions } from './tap-reply-rules.js';

const clauses = tapClauses('Rev. Geneva, 2022');
/** Texts of Circular 79. */
const TEXTS = ['x1333-cor1', 'x1353', 'x1471', 'x1645', 'x1771', 'x1817'];
const ONLINE: Channel[] = ['api', 'web'];
const RECORDED: Channel[] = ['paper', 'fax', 'email'];
const ATTACHMENT = 'a'.repeat(64);

function check(positions: PositionInput[], channel: Channel = 'api') {
  return checkReplyPositions(positions, TEXTS, channel, clauses);
}

function fields(positions: PositionInput[], channel: Channel = 'api'): string[] {
  return check(positions, channel).problems.map((p) => p.field);
}

/** Each problem as `<field> <code>`: where it is and which rule it breaks. */
function coded(positions: PositionInput[], channel: Channel = 'api'): string[] {
  return check(positions, channel).problems.map((p) => `${p.field} ${p.code}`);
}

const support = (overrides: Partial<PositionInput> = {}): PositionInput => ({
  text: 'x1353',
  position: 'assigns_authority',
  option: 'no_comments',
  ...overrides,
});
const nonSupport = (overrides: Partial<PositionInput> = {}): PositionInput => ({
  text: 'x1353',
  position: 'does_not_assign_authority',
  reasons: 'The text duplicates X.1352.',
  ...overrides,
});

describe('checkReplyPositions: valid replies', () => {
  it.each([...ONLINE, ...RECORDED])('accepts a complete reply on %s with no problem and no flag', (channel) => {
    const result = check(
      [
        support({ text: 'x1353' }),
        support({ text: 'x1471', option: 'comments_attached', comments: 'See clause 6.' }),
        nonSupport({ text: 'x1817', possibleChanges: 'Align with X.1352.' }),
      ],
      channel,
    );
    expect(result.problems).toEqual([]);
    expect(result.flags).toEqual([]);
  });

  it('normalises positions: sorted by text, blank strings to null, reasons dropped from support', () => {
    const result = check([
      nonSupport({ text: 'x1817', possibleChanges: '  ', attachment: '' }),
      support({ text: 'x1353', comments: null }),
    ]);
    expect(result.positions).toEqual([
      {
        text: 'x1353',
        position: 'assigns_authority',
        option: 'no_comments',
        comments: null,
        reasons: null,
        possibleChanges: null,
        attachment: null,
      },
      {
        text: 'x1817',
        position: 'does_not_assign_authority',
        option: null,
        comments: null,
        reasons: 'The text duplicates X.1352.',
        possibleChanges: null,
        attachment: null,
      },
    ]);
  });
});

describe('checkReplyPositions: structure of the reply', () => {
  it.each([...ONLINE, ...RECORDED])('refuses an empty list of positions on %s', (channel) => {
    expect(check([], channel).problems).toEqual([
      expect.objectContaining({ field: '/positions', code: 'NO_POSITIONS' }),
    ]);
  });

  it.each([...ONLINE, ...RECORDED])('refuses a text that is not in the consultation on %s', (channel) => {
    expect(check([support({ text: 'x9999' })], channel).problems).toEqual([
      expect.objectContaining({ field: '/positions/0/text', code: 'UNKNOWN_TEXT' }),
    ]);
  });

  it.each([...ONLINE, ...RECORDED])(
    'refuses a second position for the same text on %s, at the second position',
    (channel) => {
      expect(check([support(), nonSupport()], channel).problems).toEqual([
        expect.objectContaining({ field: '/positions/1/text', code: 'DUPLICATE_POSITION' }),
      ]);
    },
  );
});

describe('checkReplyPositions on the api and web channels (the State fills in the form itself)', () => {
  it.each(ONLINE)('%s: "assigns authority" without a sub-option is refused at /positions/0/option', (channel) => {
    const result = check([support({ option: null })], channel);
    expect(result.problems.map((p) => p.field)).toEqual(['/positions/0/option']);
    expect(coded([{ text: 'x1353', position: 'assigns_authority' }], channel)).toEqual([
      '/positions/0/option OPTION_MISSING',
    ]);
  });

  it.each(ONLINE)(
    '%s: "comments attached" without comments or attachment is refused at /positions/0/comments',
    (channel) => {
      expect(coded([support({ option: 'comments_attached' })], channel)).toEqual([
        '/positions/0/comments COMMENTS_MISSING',
      ]);
      expect(coded([support({ option: 'comments_attached', comments: '  \t ' })], channel)).toEqual([
        '/positions/0/comments COMMENTS_MISSING',
      ]);
    },
  );

  it.each(ONLINE)(
    '%s: "does not assign authority" without reasons is refused at /positions/0/reasons with §9.4.4',
    (channel) => {
      const result = check([nonSupport({ reasons: null })], channel);
      expect(result.problems).toEqual([
        expect.objectContaining({ field: '/positions/0/reasons', clause: '§9.4.4', code: 'REASONS_MISSING' }),
      ]);
    },
  );

  it.each(ONLINE)('%s: whitespace-only reasons count as missing', (channel) => {
    expect(coded([nonSupport({ reasons: '   \n\t' })], channel)).toEqual(['/positions/0/reasons REASONS_MISSING']);
  });

  it.each(ONLINE)('%s: "unclear" is refused at /positions/0/position', (channel) => {
    expect(check([{ text: 'x1353', position: 'unclear' }], channel).problems).toEqual([
      expect.objectContaining({ field: '/positions/0/position', code: 'POSITION_NOT_ALLOWED' }),
    ]);
  });

  it.each(ONLINE)('%s: an attachment satisfies the reasons of "does not assign authority"', (channel) => {
    const result = check([nonSupport({ reasons: null, attachment: ATTACHMENT })], channel);
    expect(result.problems).toEqual([]);
    expect(result.flags).toEqual([]);
  });

  it.each(ONLINE)('%s: an attachment satisfies the comments of "comments attached"', (channel) => {
    expect(check([support({ option: 'comments_attached', attachment: ATTACHMENT })], channel).problems).toEqual([]);
  });

  it.each([...ONLINE, ...RECORDED])('%s: a kind that is not TAP’s is refused at /position, not ignored', (channel) => {
    const result = check([{ text: 'x1353', position: 'yes' }], channel);
    expect(result.problems.map((p) => `${p.field} ${p.code}`)).toEqual(['/positions/0/position POSITION_NOT_ALLOWED']);
    expect(result.positions).toEqual([]);
  });

  it.each(ONLINE)('%s: problems are reported at the index of the offending position', (channel) => {
    expect(
      fields(
        [support({ text: 'x1353' }), support({ text: 'x1471' }), nonSupport({ text: 'x1817', reasons: null })],
        channel,
      ),
    ).toEqual(['/positions/2/reasons']);
  });
});

describe('checkReplyPositions on paper, fax and e-mail (the secretariat records what the State sent)', () => {
  it.each(RECORDED)(
    '%s: a missing sub-option is tolerated, counted as support and flagged missing_sub_option',
    (channel) => {
      const result = check([support({ option: null })], channel);
      expect(result.problems).toEqual([]);
      expect(result.flags).toEqual(['missing_sub_option']);
      expect(result.positions[0]).toMatchObject({ position: 'assigns_authority', option: null });
    },
  );

  it.each(RECORDED)('%s: "comments attached" without comments is tolerated and flagged missing_comments', (channel) => {
    const result = check([support({ option: 'comments_attached' })], channel);
    expect(result.problems).toEqual([]);
    expect(result.flags).toEqual(['missing_comments']);
  });

  it.each(RECORDED)(
    '%s: "does not assign authority" without reasons is tolerated, counted as non-support and flagged missing_reasons',
    (channel) => {
      const result = check([nonSupport({ reasons: '  ' })], channel);
      expect(result.problems).toEqual([]);
      expect(result.flags).toEqual(['missing_reasons']);
      expect(result.positions[0]).toMatchObject({ position: 'does_not_assign_authority', reasons: null });
    },
  );

  it.each(RECORDED)('%s: "unclear" is accepted and flagged unclear_position', (channel) => {
    const result = check([{ text: 'x1353', position: 'unclear' }], channel);
    expect(result.problems).toEqual([]);
    expect(result.flags).toEqual(['unclear_position']);
    expect(result.positions[0]).toMatchObject({ position: 'unclear', option: null });
  });

  it.each(RECORDED)('%s: every flag is listed once, sorted', (channel) => {
    const result = check(
      [
        { text: 'x1353', position: 'unclear' },
        nonSupport({ text: 'x1471', reasons: null }),
        nonSupport({ text: 'x1645', reasons: null }),
        support({ text: 'x1771', option: null }),
        support({ text: 'x1817', option: 'comments_attached' }),
      ],
      channel,
    );
    expect(result.problems).toEqual([]);
    expect(result.flags).toEqual(['missing_comments', 'missing_reasons', 'missing_sub_option', 'unclear_position']);
  });

  it.each(RECORDED)('%s: an attachment satisfies reasons and comments, so nothing is flagged', (channel) => {
    const result = check(
      [
        nonSupport({ reasons: null, attachment: ATTACHMENT }),
        support({ text: 'x1471', option: 'comments_attached', attachment: ATTACHMENT }),
      ],
      channel,
    );
    expect(result.flags).toEqual([]);
  });
});

describe('checkReplyPositions: what a box does not allow is refused on every channel', () => {
  it.each([...ONLINE, ...RECORDED])('%s: reasons with "assigns authority" are refused at /reasons', (channel) => {
    expect(coded([support({ reasons: 'Because.' })], channel)).toEqual(['/positions/0/reasons REASONS_WITH_ASSIGNS']);
    expect(coded([support({ possibleChanges: 'Change clause 3.' })], channel)).toEqual([
      '/positions/0/reasons REASONS_WITH_ASSIGNS',
    ]);
  });

  it.each([...ONLINE, ...RECORDED])(
    '%s: a sub-option with "does not assign authority" is refused at /option',
    (channel) => {
      expect(coded([nonSupport({ option: 'no_comments' })], channel)).toEqual([
        '/positions/0/option OPTION_NOT_ALLOWED',
      ]);
      expect(coded([nonSupport({ option: 'comments_attached' })], channel)).toEqual([
        '/positions/0/option OPTION_NOT_ALLOWED',
      ]);
    },
  );

  it.each([...ONLINE, ...RECORDED])(
    '%s: comments with "does not assign authority" are refused at /comments',
    (channel) => {
      expect(coded([nonSupport({ comments: 'Some comments.' })], channel)).toEqual([
        '/positions/0/comments COMMENTS_WITH_DOES_NOT_ASSIGN',
      ]);
    },
  );

  it.each([...ONLINE, ...RECORDED])(
    '%s: comments with "no comments" are refused at /comments, a file alone at /attachment',
    (channel) => {
      expect(coded([support({ comments: 'A comment.' })], channel)).toEqual([
        '/positions/0/comments COMMENTS_WITH_NO_COMMENTS',
      ]);
      expect(coded([support({ comments: 'A comment.', attachment: ATTACHMENT })], channel)).toEqual([
        '/positions/0/comments COMMENTS_WITH_NO_COMMENTS',
      ]);
      expect(coded([support({ attachment: ATTACHMENT })], channel)).toEqual([
        '/positions/0/attachment ATTACHMENT_WITH_NO_COMMENTS',
      ]);
    },
  );

  it.each([...ONLINE, ...RECORDED])(
    '%s: free text longer than MAX_FREE_TEXT is refused, and exactly MAX_FREE_TEXT is accepted',
    (channel) => {
      const tooLong = 'x'.repeat(MAX_FREE_TEXT + 1);
      const longest = 'x'.repeat(MAX_FREE_TEXT);
      expect(coded([support({ option: 'comments_attached', comments: tooLong })], channel)).toEqual([
        '/positions/0/comments TEXT_TOO_LONG',
      ]);
      expect(coded([nonSupport({ reasons: tooLong })], channel)).toEqual(['/positions/0/reasons TEXT_TOO_LONG']);
      expect(coded([nonSupport({ possibleChanges: tooLong })], channel)).toEqual([
        '/positions/0/possibleChanges TEXT_TOO_LONG',
      ]);
      expect(fields([support({ option: 'comments_attached', comments: longest })], channel)).toEqual([]);
      expect(fields([nonSupport({ reasons: longest, possibleChanges: longest })], channel)).toEqual([]);
    },
  );
});

describe('checkReplyPositions: every problem has a code, and TAP words each in its catalogue', () => {
  it('gives a code to every problem it raises, each one of TAP_REPLY_PROBLEM_CODES or the core’s', async () => {
    const { TAP_REPLY_PROBLEM_CODES } = await import('./tap-reply-rules.js');
    const { TAP_MESSAGES } = await import('./tap-presentation.js');
    const tooLong = 'x'.repeat(MAX_FREE_TEXT + 1);
    const all = [...ONLINE, ...RECORDED].flatMap(
      (channel) =>
        check(
          [
            support({ text: 'x1353', option: null }),
            support({ text: 'x1471', option: 'comments_attached' }),
            support({ text: 'x1645', comments: 'c', reasons: 'r' }),
            support({ text: 'x1771', attachment: ATTACHMENT }),
            nonSupport({ text: 'x1817', reasons: null, option: 'no_comments', comments: 'c' }),
            { text: 'x1333-cor1', position: 'unclear', comments: tooLong },
            { text: 'x9999', position: 'assigns_authority', option: 'no_comments' },
          ],
          channel,
        ).problems,
    );
    expect(all.filter((p) => p.code === undefined)).toEqual([]);
    const codes = new Set(all.map((p) => p.code));
    const core = new Set(['NO_POSITIONS', 'UNKNOWN_TEXT', 'DUPLICATE_POSITION']);
    expect(
      [...codes].filter((c) => !core.has(c!) && !(TAP_REPLY_PROBLEM_CODES as readonly string[]).includes(c!)),
    ).toEqual([]);
    // Every code but the core's length limit has TAP's words in every language.
    for (const code of TAP_REPLY_PROBLEM_CODES.filter((c) => c !== 'TEXT_TOO_LONG'))
      for (const locale of Object.keys(TAP_MESSAGES)) expect(TAP_MESSAGES[locale]![`error.${code}`]).toBeTruthy();
  });
});

describe('checkReplyPositions: the comments table', () => {
  const ROWS = [
    { clause: '6.2', comment: 'The key length is not stated.', proposedChange: 'State 256 bits.' },
    { clause: null, comment: 'General: align the terms with X.1252.', proposedChange: null },
  ];

  it('takes rows as the comments of "comments attached", kept in order, and keeps them on the position', () => {
    const result = check([support({ option: 'comments_attached', commentTable: ROWS })]);
    expect(result.problems).toEqual([]);
    expect(result.positions[0]?.commentTable).toEqual(ROWS);
    expect(result.positions[0]?.comments).toBeNull();
  });

  it('takes rows as the reasons of "does not assign authority" (§9.4.4: reasons and possible changes)', () => {
    const result = check([nonSupport({ reasons: null, commentTable: ROWS })]);
    expect(result.problems).toEqual([]);
    expect(result.positions[0]?.commentTable).toEqual(ROWS);
  });

  it('drops rows left blank, and a position with none has no table at all (its hash is as before)', () => {
    const result = check([
      support({ option: 'comments_attached', comments: 'See clause 6.', commentTable: [{ clause: ' ', comment: '' }] }),
    ]);
    expect(result.problems).toEqual([]);
    expect(result.positions[0]).not.toHaveProperty('commentTable');
  });

  it('refuses rows with "no comments", at the table', () => {
    expect(coded([support({ option: 'no_comments', commentTable: ROWS })])).toEqual([
      '/positions/0/commentTable COMMENTS_WITH_NO_COMMENTS',
    ]);
  });

  it('refuses a row with a clause or a proposed change but no comment, at its comment, by its index as sent', () => {
    expect(
      coded([
        support({
          option: 'comments_attached',
          commentTable: [
            { clause: '', comment: '' },
            { clause: '7.1', comment: '  ', proposedChange: 'Delete.' },
          ],
        }),
      ]),
    ).toEqual(['/positions/0/commentTable/1/comment COMMENT_ROW_INCOMPLETE', '/positions/0/comments COMMENTS_MISSING']);
  });

  it('refuses a clause longer than 100 characters and a comment longer than the free-text limit', () => {
    expect(
      coded([
        support({
          option: 'comments_attached',
          commentTable: [
            { clause: 'c'.repeat(101), comment: 'ok' },
            { clause: '1', comment: 'c'.repeat(MAX_FREE_TEXT + 1) },
          ],
        }),
      ]),
    ).toEqual([
      '/positions/0/commentTable/0/clause TEXT_TOO_LONG',
      '/positions/0/commentTable/1/comment TEXT_TOO_LONG',
    ]);
  });

  it('accepts 200 rows and refuses 201, at the table', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ clause: `${i + 1}`, comment: 'Typo.' }));
    expect(coded([support({ option: 'comments_attached', commentTable: rows(200) })])).toEqual([]);
    expect(coded([support({ option: 'comments_attached', commentTable: rows(201) })])).toEqual([
      '/positions/0/commentTable TOO_MANY_COMMENT_ROWS',
    ]);
  });
});
