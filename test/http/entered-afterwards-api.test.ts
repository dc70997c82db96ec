import { expect, it } from 'vitest';
import type { ConsultationView, ResultsView } from '../../src/schemas/responses.schema.js';
import { recordDecision } from '../../src/services/record-decision.js';
import { describeEachDialect } from '../helpers/databases.js';
import { consultationInput, SECRETARIAT } from '../helpers/world.js';
import { expectProblem, storageSnapshot, useApi } from './api-harness.js';

const ID = 'tsb-79-2023';
const ENTERED = '2024-06-03T09:00:00.000Z';

describeEachDialect('a past consultation entered afterwards, through the API', (dialect) => {
  const api = useApi(dialect);
  const create = (body: unknown) =>
    api().send('POST', '/api/v1/consultations', { token: api().tokens.secretariat, body });
  const notice = (body?: unknown) =>
    api().send('POST', `/api/v1/consultations/${ID}/results-notice`, {
      token: api().tokens.secretariat,
      ...(body !== undefined && { body }),
    });

  it('creates a record with a past deadline, issues it at its recorded instant, and shows enteredAfterwardsAt', async () => {
    api().world.clock.set(ENTERED);
    const created = await create(consultationInput({ enteredAfterwards: { issuedAt: '2023-03-28T10:00Z' } }));
    expect(created.statusCode).toBe(201);
    expect(created.json<ConsultationView>()).toMatchObject({
      issuedAt: null,
      enteredAfterwardsAt: ENTERED,
      recordedIssuedAt: '2023-03-28T10:00:00.000Z',
    });
    const issued = await api().send('POST', `/api/v1/consultations/${ID}/issue`, { token: api().tokens.secretariat });
    expect(issued.statusCode).toBe(200);
    const view = await api().send('GET', `/api/v1/consultations/${ID}`);
    expect(view.json<ConsultationView>()).toMatchObject({
      state: 'closed',
      issuedAt: '2023-03-28T10:00:00.000Z',
      enteredAfterwardsAt: ENTERED,
    });

    for (const textId of ['x1333-cor1', 'x1353', 'x1471'])
      await recordDecision(api().world.ctx, { actor: SECRETARIAT, consultationId: ID, textId, input: {} });
    const before = await storageSnapshot(api().world.ctx.db);
    const early = expectProblem(await notice({ issuedOn: '2023-09-01' }), 400, 'VALIDATION_FAILED');
    expect(early.errors).toEqual([expect.objectContaining({ field: '/issuedOn', code: 'NOTICE_BEFORE_MEETING_END' })]);
    const future = expectProblem(await notice({ issuedOn: '2024-06-04' }), 400, 'VALIDATION_FAILED');
    expect(future.errors).toEqual([expect.objectContaining({ field: '/issuedOn', code: 'NOTICE_IN_FUTURE' })]);
    expect(await storageSnapshot(api().world.ctx.db)).toEqual(before);
    const issuedNotice = await notice({ issuedOn: '2023-09-20' });
    expect(issuedNotice.statusCode).toBe(200);
    expect(issuedNotice.json<ResultsView>()).toMatchObject({
      state: 'notified',
      resultsNoticeAt: '2023-09-20T00:00:00.000Z',
    });
  });

  it('refuses an issue instant out of range with its code at /enteredAfterwards/issuedAt, storing nothing', async () => {
    api().world.clock.set(ENTERED);
    const before = await storageSnapshot(api().world.ctx.db);
    for (const [issuedAt, code] of [
      ['2024-06-03T09:01Z', 'ISSUED_IN_FUTURE'],
      ['2023-03-27T12:00Z', 'ISSUED_BEFORE_CIRCULAR'],
      ['2023-08-17T00:00Z', 'ISSUED_AFTER_DEADLINE'],
    ] as const) {
      const problem = expectProblem(
        await create(consultationInput({ enteredAfterwards: { issuedAt } })),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors).toEqual([expect.objectContaining({ field: '/enteredAfterwards/issuedAt', code })]);
    }
    expect(await storageSnapshot(api().world.ctx.db)).toEqual(before);
  });

  it('keeps a live circular as it was: enteredAfterwardsAt null, the notice issued now, refusing a notice date', async () => {
    await api().world.openConsultation();
    const view = await api().send('GET', `/api/v1/consultations/${ID}`);
    expect(view.json<ConsultationView>()).toMatchObject({ enteredAfterwardsAt: null, recordedIssuedAt: null });
    api().world.clock.set('2023-09-20T10:00:00Z');
    for (const textId of ['x1333-cor1', 'x1353', 'x1471'])
      await recordDecision(api().world.ctx, { actor: SECRETARIAT, consultationId: ID, textId, input: {} });
    const refused = expectProblem(await notice({ issuedOn: '2023-09-20' }), 400, 'VALIDATION_FAILED');
    expect(refused.errors).toEqual([expect.objectContaining({ field: '/issuedOn', code: 'NOT_ENTERED_AFTERWARDS' })]);
    expect((await notice()).statusCode).toBe(200);
  });
});
