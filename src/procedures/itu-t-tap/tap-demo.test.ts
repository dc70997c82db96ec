import { describe, expect, it } from 'vitest';
import { TAP_PROCEDURE } from './tap-procedure.js';
import { tapDemoPosition } from './tap-demo.js';

describe('TAP demo positions', () => {
  it('spreads over supporting, not supporting (with reasons and changes) and supporting with comments', () => {
    expect(tapDemoPosition('x1', 0)).toEqual({ text: 'x1', position: 'assigns_authority', option: 'no_comments' });
    expect(tapDemoPosition('x1', 1)).toMatchObject({
      text: 'x1',
      position: 'does_not_assign_authority',
      reasons: expect.stringMatching(/^Simulated reasons: /),
      possibleChanges: expect.stringMatching(/^Simulated changes: /),
    });
    expect(tapDemoPosition('x2', 2)).toMatchObject({
      text: 'x2',
      position: 'assigns_authority',
      option: 'comments_attached',
      comments: expect.stringMatching(/^Simulated comments: /),
    });
  });

  it('wraps around and stays deterministic', () => {
    expect(tapDemoPosition('x1', 3)).toEqual(tapDemoPosition('x1', 0));
    expect(tapDemoPosition('x1', 5)).toEqual(tapDemoPosition('x1', 2));
    expect(tapDemoPosition('x1', -1)).toEqual(tapDemoPosition('x1', 2));
  });

  it('gives replies that TAP’s own reply rules accept, on a recorded form and online', () => {
    for (const index of [0, 1, 2]) {
      for (const channel of ['email', 'web'] as const) {
        const check = TAP_PROCEDURE.checkReply(
          [TAP_PROCEDURE.demoPosition('t', index)],
          ['t'],
          channel,
          TAP_PROCEDURE.defaultEdition,
        );
        expect(check.problems).toEqual([]);
        expect(check.flags).toEqual([]);
      }
    }
  });
});
