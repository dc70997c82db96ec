import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerProcedure } from '../../src/procedures/registry.js';
import { DEADLINE, consultationInput } from '../helpers/world.js';
import { expectProblem, storageSnapshot, useApi } from '../http/api-harness.js';
import { TOY_PROCEDURE } from './toy-procedure.js';

/**
 * The toy procedure (test/engine/toy-procedure.ts), registered from the test folder before the
 * app is built, through the HTTP API: listed, created, issued, replied to in its own positions,
 * its results and notice — with no change to any core file.
 */
describe('a procedure registered from the test folder runs through the API', () => {
  let unregister: () => void = () => {};
  beforeAll(() => {
    unregister = registerProcedure(TOY_PROCEDURE);
  });
  afterAll(() => unregister());
  const api = useApi('sqlite');

  async function openToyBallot(): Promise<string> {
    const { send, tokens } = api();
    const created = await send('POST', '/api/v1/consultations', {
      token: tokens.secretariat,
      body: consultationInput({ procedure: 'toy-majority', resolutionEdition: '2026' }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    const issued = await send('POST', `/api/v1/consultations/${id}/issue`, { token: tokens.secretariat });
    expect(issued.statusCode, issued.body).toBe(200);
    return id;
  }

  const ballot = (votes: Record<string, string>) => ({
    positions: Object.entries(votes).map(([text, position]) => ({ text, position })),
    signatory: { name: 'A. Official', title: 'Head of delegation' },
  });

  it('is listed by GET /api/v1/procedures with its editions, phases and position schema', async () => {
    const listed = await api().send('GET', '/api/v1/procedures/toy-majority');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toMatchObject({
      id: 'toy-majority',
      editions: ['2026'],
      phases: [{ id: 'ballot' }],
      positionKinds: ['yes', 'no'],
    });
  });

  it('takes ballots in its own positions, tallies by majority and needs no meeting before the notice', async () => {
    const { send, tokens, world } = api();
    const id = await openToyBallot();
    world.clock.set('2023-05-02T09:00:00Z');
    const kr = await send('PUT', `/api/v1/consultations/${id}/replies/KR`, {
      token: tokens.kr,
      body: ballot({ x1353: 'yes', x1471: 'no' }),
    });
    expect(kr.statusCode, kr.body).toBe(201);
    const fr = await send('PUT', `/api/v1/consultations/${id}/replies/FR`, {
      token: tokens.fr,
      body: ballot({ x1353: 'yes', x1471: 'yes' }),
    });
    expect(fr.statusCode, fr.body).toBe(201);

    world.clock.set(Date.parse(DEADLINE) + 1);
    const results = await send('GET', `/api/v1/consultations/${id}/results`);
    expect(results.statusCode, results.body).toBe(200);
    const texts = results.json<{
      state: string;
      texts: { text: { id: string }; passes: boolean; outcome: string; explanation: string; figures: unknown[] }[];
    }>();
    expect(texts.state).toBe('decided');
    const x1353 = texts.texts.find((t) => t.text.id === 'x1353')!;
    expect(x1353).toMatchObject({
      passes: true,
      outcome: 'passes',
      explanation: '2 yes and 0 no: passes (Toy rules (2026) §2).',
    });
    expect(x1353.figures).toContainEqual({ name: 'yes', value: 2, format: 'count' });

    const notice = await send('POST', `/api/v1/consultations/${id}/results-notice`, { token: tokens.secretariat });
    expect(notice.statusCode, notice.body).toBe(200);
  });

  it("refuses a TAP position on a toy ballot and a toy position on a TAP consultation, each by that consultation's own procedure, storing nothing", async () => {
    const { send, tokens, world } = api();
    const toy = await openToyBallot();
    const tap = await world.openConsultation({ number: 80, reference: 'TSB Circular 80' });
    world.clock.set('2023-05-02T09:00:00Z');
    const before = await storageSnapshot(world.ctx.db);

    const tapOnToy = await send('PUT', `/api/v1/consultations/${toy}/replies/KR`, {
      token: tokens.kr,
      body: { ...ballot({}), positions: [{ text: 'x1353', position: 'assigns_authority', option: 'no_comments' }] },
    });
    const problem = expectProblem(tapOnToy, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.[0]?.field).toMatch(/^\/positions\/0/);

    const toyOnTap = await send('PUT', `/api/v1/consultations/${tap}/replies/KR`, {
      token: tokens.kr,
      body: ballot({ x1353: 'yes' }),
    });
    const tapProblem = expectProblem(toyOnTap, 400, 'VALIDATION_FAILED');
    expect(tapProblem.errors?.[0]?.field).toMatch(/^\/positions\/0/);

    expect(await storageSnapshot(world.ctx.db)).toEqual(before);
  });
});
