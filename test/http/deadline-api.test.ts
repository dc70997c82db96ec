import { expect, it } from 'vitest';
import type { ConsultationView } from '../../src/schemas/responses.schema.js';
import { describeEachDialect } from '../helpers/databases.js';
import { consultationInput } from '../helpers/world.js';
import { expectProblem, useApi } from './api-harness.js';

/**
 * The API states a deadline as the circular does: to the minute, in UTC, closing at the end of
 * that minute (docs/procedure.md, "The deadline"), with the circular's wording of it; and an
 * announcement date before the circular. Refusals name the field and a code of their own.
 */

const ID = 'tsb-79-2023';

describeEachDialect('deadlines and the announcement date through the API', (dialect) => {
  const api = useApi(dialect);

  const post = (overrides: Parameters<typeof consultationInput>[0]) =>
    api().send('POST', '/api/v1/consultations', {
      token: api().tokens.secretariat,
      body: consultationInput(overrides),
    });
  const stored = () => api().world.ctx.db.selectFrom('consultation').selectAll().execute();
  const errorsOf = (response: Awaited<ReturnType<typeof post>>) =>
    response
      .json<{ errors: { field: string; code?: string }[] }>()
      .errors.map((e) => ({ field: e.field, code: e.code }));

  it('takes …T23:59Z as the whole minute: the response gives 23:59:59.999, the wording and the words', async () => {
    const response = await post({ deadline: '2023-08-16T23:59Z' });
    expect(response.statusCode).toBe(201);
    expect(response.json<ConsultationView>()).toMatchObject({
      deadline: '2023-08-16T23:59:59.999Z',
      deadlineWording: 'hhmm',
      deadlineText: '2359 hours UTC on 16 August 2023',
      announcedOn: null,
    });
  });

  it('words a deadline "2400 hours UTC" when asked, for the end of a day', async () => {
    const response = await post({ deadline: '2023-08-16T23:59:00Z', deadlineWording: '2400' });
    expect(response.statusCode).toBe(201);
    expect(response.json<ConsultationView>()).toMatchObject({
      deadline: '2023-08-16T23:59:59.999Z',
      deadlineWording: '2400',
      deadlineText: '2400 hours UTC on 16 August 2023',
    });
    const read = await api().send('GET', `/api/v1/consultations/${ID}`, { token: api().tokens.secretariat });
    expect(read.json<ConsultationView>().deadlineText).toBe('2400 hours UTC on 16 August 2023');
  });

  it('refuses "2400 hours UTC" at another time: DEADLINE_WORDING_MISMATCH at /deadlineWording, nothing stored', async () => {
    const response = await post({ deadline: '2023-08-16T18:00Z', deadlineWording: '2400' });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(errorsOf(response)).toEqual([{ field: '/deadlineWording', code: 'DEADLINE_WORDING_MISMATCH' }]);
    expect(await stored()).toEqual([]);
  });

  it('refuses an instant that is not a minute: DEADLINE_NOT_A_MINUTE at /deadline, nothing stored', async () => {
    const response = await post({ deadline: '2023-08-16T23:59:30Z' });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(errorsOf(response)).toEqual([{ field: '/deadline', code: 'DEADLINE_NOT_A_MINUTE' }]);
    expect(await stored()).toEqual([]);
  });

  it('refuses a wording that is not one, naming /deadlineWording', async () => {
    const response = await api().send('POST', '/api/v1/consultations', {
      token: api().tokens.secretariat,
      body: { ...consultationInput(), deadlineWording: '2359' },
    });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect([...new Set(errorsOf(response).map((e) => e.field))]).toEqual(['/deadlineWording']);
  });

  it('a PATCH takes the same two fields with the same rules', async () => {
    expect((await post({})).statusCode).toBe(201);
    const patch = (body: object) =>
      api().send('PATCH', `/api/v1/consultations/${ID}`, { token: api().tokens.secretariat, body });
    const noon = await patch({ deadline: '2023-08-15T12:00Z' });
    expect(noon.statusCode).toBe(200);
    expect(noon.json<ConsultationView>()).toMatchObject({
      deadline: '2023-08-15T12:00:59.999Z',
      deadlineText: '1200 hours UTC on 15 August 2023',
    });
    const mismatch = await patch({ deadlineWording: '2400' });
    expectProblem(mismatch, 400, 'VALIDATION_FAILED');
    expect(errorsOf(mismatch)).toEqual([{ field: '/deadlineWording', code: 'DEADLINE_WORDING_MISMATCH' }]);
    const inside = await patch({ deadline: '2023-08-15T12:00:01Z' });
    expect(errorsOf(inside)).toEqual([{ field: '/deadline', code: 'DEADLINE_NOT_A_MINUTE' }]);
    const endOfDay = await patch({ deadline: '2023-08-15T23:59Z', deadlineWording: '2400' });
    expect(endOfDay.json<ConsultationView>()).toMatchObject({
      deadline: '2023-08-15T23:59:59.999Z',
      deadlineWording: '2400',
      deadlineText: '2400 hours UTC on 15 August 2023',
    });
  });

  it('records an announcement before the circular, and the timing check runs from it', async () => {
    // A circular of 1 June for a meeting on 29 August, announced by a collective letter of 15 May.
    const response = await post({ date: '2023-06-01', announcedOn: '2023-05-15' });
    expect(response.statusCode).toBe(201);
    const body = response.json<ConsultationView>();
    expect(body.announcedOn).toBe('2023-05-15');
    expect(body.timing?.find((check) => check.rule === 'announcement')).toMatchObject({
      severity: 'ok',
      clause: '§9.3.3',
    });
    const cleared = await api().send('PATCH', `/api/v1/consultations/${ID}`, {
      token: api().tokens.secretariat,
      body: { announcedOn: null },
    });
    expect(cleared.json<ConsultationView>().announcedOn).toBeNull();
    expect(cleared.json<ConsultationView>().timing?.find((check) => check.rule === 'announcement')?.severity).toBe(
      'warning',
    );
  });

  it('refuses an announcement after the circular with DATES_OUT_OF_ORDER at /announcedOn', async () => {
    const response = await post({ announcedOn: '2023-04-01' });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(errorsOf(response)).toEqual([{ field: '/announcedOn', code: 'DATES_OUT_OF_ORDER' }]);
    expect(await stored()).toEqual([]);
  });
});
