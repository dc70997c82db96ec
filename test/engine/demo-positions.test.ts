import { describe, expect, it } from 'vitest';
import type { Procedure } from '../../src/domain/procedure/procedure.js';
import { PROCEDURES } from '../../src/procedures/registry.js';
import { inputProblems } from '../../src/schemas/schema-problems.js';
import { TOY_PROCEDURE } from './toy-procedure.js';

/** The demo's contract, for every registered procedure and the toy: demo replies are valid replies. */
const procedures: Procedure[] = [...Object.values(PROCEDURES), TOY_PROCEDURE];

describe.each(procedures.map((p) => [p.id, p] as const))('demoPosition of %s', (_id, procedure) => {
  const tallyOf = (index: number) => {
    const check = procedure.checkReply([procedure.demoPosition('t', index)], ['t'], 'email', procedure.defaultEdition);
    const byKind: Record<string, number> = {};
    for (const p of check.positions) byKind[p.position] = (byKind[p.position] ?? 0) + 1;
    return procedure.tally(byKind, procedure.defaultEdition);
  };

  it('gives positions that follow the form and pass the reply rules, on every channel', () => {
    for (const index of [0, 1, 2, 3, 7]) {
      const position = procedure.demoPosition('t', index);
      expect(position.text).toBe('t');
      expect(inputProblems(procedure.positionSchema, position)).toEqual([]);
      for (const channel of ['web', 'api', 'email', 'fax', 'paper'] as const) {
        const check = procedure.checkReply([position], ['t'], channel, procedure.defaultEdition);
        expect(check.problems).toEqual([]);
        expect(check.flags).toEqual([]);
      }
    }
  });

  it('supports the text at index 0 and does not at index 1, the same every time', () => {
    // One counted reply each: the supporting one carries the text, the other does not.
    expect(tallyOf(0)).toMatchObject({ replies: 1, unclear: 0, passes: true });
    expect(tallyOf(1)).toMatchObject({ replies: 1, unclear: 0, passes: false });
    expect(procedure.demoPosition('t', 1)).toEqual(procedure.demoPosition('t', 1));
  });
});
