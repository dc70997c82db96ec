import { beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/databases.js';
import { consultationInput, replyInput } from '../helpers/world.js';
import { expectProblem, useApi } from './api-harness.js';

/**
 * Days and instants are checked by one validator, the domain's (`isIsoDay`, `isIsoInstant`),
 * declared once in the request schemas (formats `date` and `utc-instant`), so the API, the CLI
 * and the pages refuse the same impossible dates: 30 February, month 13, year 0000, hour 24.
 */

const ID = 'tsb-79-2023';
const IMPOSSIBLE_DAYS = ['2023-02-30', '2023-02-29', '2023-13-01', '2023-04-31', '0000-01-01'];

describeEachDialect('impossible dates are refused by the API', (dialect) => {
  const api = useApi(dialect);

  beforeEach(async () => {
    await api().world.openConsultation();
    api().world.clock.set('2023-05-02T10:00:00Z');
  });

  const versions = async () =>
    Number(
      (
        await api()
          .world.ctx.db.selectFrom('reply_version')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses a reply signed on a day that does not exist, naming /signedOn, and stores nothing', async () => {
    for (const signedOn of IMPOSSIBLE_DAYS) {
      const response = await api().send('PUT', `/api/v1/consultations/${ID}/replies/KR`, {
        token: api().tokens.kr,
        body: replyInput(undefined, { signedOn }),
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      const fields = [...new Set(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field))];
      expect({ signedOn, fields }).toEqual({
        signedOn,
        fields: ['/signedOn'],
      });
    }
    expect(await versions()).toBe(0);
    const leap = await api().send('PUT', `/api/v1/consultations/${ID}/replies/KR`, {
      token: api().tokens.kr,
      body: replyInput(undefined, { signedOn: '2024-02-29' }),
    });
    expect(leap.statusCode).toBe(201);
  });

  it('refuses a circular dated on a day that does not exist, naming /date', async () => {
    for (const date of IMPOSSIBLE_DAYS) {
      const response = await api().send('POST', '/api/v1/consultations', {
        token: api().tokens.secretariat,
        body: consultationInput({ number: 80, reference: 'TSB Circular 80', date, texts: [] }),
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain('/date');
    }
  });

  it('refuses a formal opposition received at an instant that does not exist, naming the field', async () => {
    for (const receivedAt of [
      '2023-02-30T10:00:00Z',
      '2023-09-01T24:00:00Z',
      '2023-09-01T10:60Z',
      '0000-01-01T00:00Z',
    ]) {
      const response = await api().send('PUT', `/api/v1/consultations/${ID}/decisions/x1353`, {
        token: api().tokens.secretariat,
        body: { formalOppositions: [{ state: 'FR', receivedAt }] },
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      const fields = [...new Set(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field))];
      expect({ receivedAt, fields }).toEqual({ receivedAt, fields: ['/formalOppositions/0/receivedAt'] });
    }
  });
});
