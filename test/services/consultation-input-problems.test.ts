import { expect, it } from 'vitest';
import type { AppError } from '../../src/domain/errors.js';
import type { ConsultationInput } from '../../src/schemas/consultation.schema.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { addText } from '../../src/services/manage-texts.js';
import { updateConsultation } from '../../src/services/update-consultation.js';
import { describeEachDialect } from '../helpers/databases.js';
import { consultationInput, SECRETARIAT, useWorld } from '../helpers/world.js';
import { tableCounts } from './probes.js';

/** The AppError a call is refused with. */
async function refusal(call: () => Promise<unknown>): Promise<AppError> {
  try {
    await call();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describeEachDialect('what the consultation services refuse, all at once and coded', (dialect) => {
  const world = useWorld(dialect);

  it('answers the schema’s problems and the rules’ together, each at its field, storing nothing', async () => {
    const { ctx } = world();
    // What a page hands over as typed: a number that is not one, an empty reference, an unknown State.
    const input = {
      ...consultationInput({ texts: [] }),
      number: Number.NaN,
      reference: '',
      date: '2023-02-30',
      eligibleStates: ['KR', 'XX'],
    } as ConsultationInput;
    const refused = await refusal(() => createConsultation(ctx, { actor: SECRETARIAT, input }));
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.errors.map((e) => e.field).sort()).toEqual(['/date', '/eligibleStates/1', '/number', '/reference']);
    expect(refused.errors.find((e) => e.field === '/eligibleStates/1')?.code).toBe('UNKNOWN_MEMBER_STATE');
    // The rule's problem, not the schema's, where both refuse a field.
    expect(refused.errors.find((e) => e.field === '/date')?.message).toBe('2023-02-30 is not a calendar day');
    expect((await tableCounts(ctx.db)).consultation).toBe(0);
  });

  it('refuses a deadline already passed when asked to (DEADLINE_PASSED), and days out of order (DATES_OUT_OF_ORDER)', async () => {
    const { ctx, clock } = world();
    clock.set('2023-08-20T00:00:00Z');
    const late = await refusal(() =>
      createConsultation(ctx, { actor: SECRETARIAT, input: consultationInput({ texts: [] }), deadlineAhead: true }),
    );
    expect(late.errors).toEqual([expect.objectContaining({ field: '/deadline', code: 'DEADLINE_PASSED' })]);
    // A past circular may still be recorded as a draft (the CLI imports them); issuing it is refused.
    await expect(
      createConsultation(ctx, { actor: SECRETARIAT, input: consultationInput({ number: 81, texts: [] }) }),
    ).resolves.toMatchObject({ id: 'tsb-81-2023' });
    clock.set('2023-03-28T08:00:00Z');
    const order = await refusal(() =>
      createConsultation(ctx, {
        actor: SECRETARIAT,
        input: consultationInput({
          texts: [],
          meeting: { place: 'Geneva', firstDay: '2023-08-29', lastDay: '2023-08-28', collectiveLetter: null },
        }),
      }),
    );
    expect(order.errors).toEqual([expect.objectContaining({ field: '/meeting/lastDay', code: 'DATES_OUT_OF_ORDER' })]);
  });

  it('leaves a passed deadline alone in a patch that does not set it, and refuses a new one already passed', async () => {
    const { ctx, clock } = world();
    const { id } = await createConsultation(ctx, { actor: SECRETARIAT, input: consultationInput({ texts: [] }) });
    clock.set('2023-08-20T00:00:00Z');
    await expect(
      updateConsultation(ctx, { actor: SECRETARIAT, consultationId: id, patch: { subject: 'Later' } }),
    ).resolves.toMatchObject({ subject: 'Later' });
    const refused = await refusal(() =>
      updateConsultation(ctx, {
        actor: SECRETARIAT,
        consultationId: id,
        patch: { deadline: '2023-08-19T23:59:59.999Z', eligibleStates: ['ZZ'] },
        deadlineAhead: true,
      }),
    );
    expect(refused.errors.map((e) => e.code)).toEqual(['DEADLINE_PASSED', 'UNKNOWN_MEMBER_STATE']);
  });

  it('says which text has the designation or short name already (CONFLICT), with the schema’s problems', async () => {
    const { ctx } = world();
    const { id } = await createConsultation(ctx, { actor: SECRETARIAT, input: consultationInput() });
    const refused = await refusal(() =>
      addText(ctx, {
        actor: SECRETARIAT,
        consultationId: id,
        input: { kind: 'new', designation: 'X.1353', title: '', location: 'R1' },
      }),
    );
    expect(refused.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: '/designation', code: 'CONFLICT' }),
        expect.objectContaining({ field: '/title' }),
      ]),
    );
  });
});
