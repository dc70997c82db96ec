import { Compile } from 'typebox/compile';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { PositionInput } from '../../domain/reply/reply.js';
import { type DecisionInput, DecisionInputSchema } from '../../schemas/decision.schema.js';
import { PositionSchema } from '../../schemas/reply.schema.js';
import { procedureFor } from '../registry.js';
import { TAP_PROCEDURE } from './tap-procedure.js';
import { TAP_REPLY_FORM } from './tap-presentation.js';
import {
  TAP_ASSIGN_OPTIONS,
  TAP_POSITION_KINDS,
  type TapDecisionInput,
  TapDecisionSchema,
  type TapPositionInput,
  TapPositionSchema,
} from './tap-schemas.js';

describe('the schemas TAP owns', () => {
  it('are the procedure’s position and decision schemas, reached through the registry', () => {
    expect(TAP_PROCEDURE.positionSchema).toBe(TapPositionSchema);
    expect(TAP_PROCEDURE.decisionSchema).toBe(TapDecisionSchema);
    expect(procedureFor('itu-t-tap').decisionSchema).toBe(TapDecisionSchema);
  });

  it('are what the API’s request schemas embed, to the letter', () => {
    expect(JSON.parse(JSON.stringify(PositionSchema))).toEqual(JSON.parse(JSON.stringify(TapPositionSchema)));
    expect(JSON.parse(JSON.stringify(DecisionInputSchema))).toEqual(JSON.parse(JSON.stringify(TapDecisionSchema)));
  });

  it('produce the shapes the core reads (a position, a decision)', () => {
    expectTypeOf<TapPositionInput>().toExtend<PositionInput>();
    expectTypeOf<TapDecisionInput>().toEqualTypeOf<DecisionInput>();
  });

  it('take the two boxes of Annex 2 and unclear, and refuse any other position or field', () => {
    const position = Compile(TapPositionSchema);
    expect(position.Check({ text: 'x1353', position: 'assigns_authority', option: 'no_comments' })).toBe(true);
    expect(position.Check({ text: 'x1353', position: 'does_not_assign_authority', reasons: 'r' })).toBe(true);
    expect(position.Check({ text: 'x1353', position: 'unclear' })).toBe(true);
    expect(position.Check({ text: 'x1353', position: 'approve' })).toBe(false);
    expect(position.Check({ text: 'x1353', position: 'unclear', vote: 'yes' })).toBe(false);
  });

  it('name the kinds and sub-options of TAP’s reply form, and only those', () => {
    expect(TAP_REPLY_FORM.choices.map((c) => c.kind)).toEqual([...TAP_POSITION_KINDS]);
    expect(TAP_PROCEDURE.positionKinds).toEqual([...TAP_POSITION_KINDS]);
    expect(TAP_REPLY_FORM.choices.flatMap((c) => c.options?.choices.map((o) => o.id) ?? [])).toEqual([
      ...TAP_ASSIGN_OPTIONS,
    ]);
    const position = Compile(TapPositionSchema);
    for (const option of TAP_ASSIGN_OPTIONS)
      expect(position.Check({ text: 'x1353', position: 'assigns_authority', option })).toBe(true);
    expect(position.Check({ text: 'x1353', position: 'assigns_authority', option: 'maybe' })).toBe(false);
  });

  it('take a decision’s lists of State codes and refuse anything that is not one', () => {
    const decision = Compile(TapDecisionSchema);
    expect(
      decision.Check({
        deferred: false,
        opposing: ['FR'],
        abstaining: ['DE'],
        reservations: [{ state: 'US', note: 'Annex A' }],
        moreTime: ['CN'],
        formalOppositions: [{ state: 'CN', receivedAt: '2023-09-20T10:00:00Z', reasons: null }],
        notes: null,
      }),
    ).toBe(true);
    expect(decision.Check({ opposing: ['fr'] })).toBe(false);
    expect(decision.Check({ opposing: ['FRA'] })).toBe(false);
    expect(decision.Check({ approved: true })).toBe(false);
  });
});
