import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { CLAUSE_ROLES } from '../../src/domain/procedure/clauses.js';
import { DecisionInputSchema } from '../../src/schemas/decision.schema.js';
import { PositionSchema } from '../../src/schemas/reply.schema.js';
import type { ProcedureView } from '../../src/schemas/responses.schema.js';
import { expectProblem, useApi } from './api-harness.js';

/**
 * GET /api/v1/procedures: the registered approval procedures, read by anyone. The answers come
 * from the registry (src/procedures/registry.ts), not from storage, so one dialect is enough.
 */
describe('procedures API', () => {
  const api = useApi('sqlite');

  /** The clause numbering of WTSA Resolution 1 Section 9 (Rev. Geneva, 2022; Circular 79 cites "clause 9.4"). */
  const GENEVA_2022 = {
    edition: 'Rev. Geneva, 2022',
    instrument: 'WTSA Resolution 1',
    clauses: {
      issue: '§9.3.1',
      textSummary: '§9.3.4',
      replySection: '§9.4',
      announcement: '§9.3.3',
      languages: '§9.3.5',
      consultationPeriod: '§9.4.1',
      iprStatements: '§9.4.2',
      memberStatesOnly: '§9.4.3',
      reasons: '§9.4.4',
      consultationPasses: '§9.4.5',
      consultationFails: '§9.4.6',
      regionalGroup: '§9.2.1 NOTE',
      meetingChanges: '§9.5.2',
      unopposed: '§9.5.3',
      reservation: '§9.5.4',
      moreTime: '§9.5.5',
      restart: '§9.5.5.2',
      abstention: '§9.5.6',
      notification: '§9.6.1',
    },
    roles: {
      issue: '§9.3.1',
      textSummary: '§9.3.4',
      replySection: '§9.4',
      replyPeriod: '§9.4.1',
      reasons: '§9.4.4',
      consultationPasses: '§9.4.5',
      consultationFails: '§9.4.6',
      afterMeeting: '§9.5.5',
      resultsNotice: '§9.6.1',
      eligibility: '§9.4.3',
      regionalGroup: '§9.2.1 NOTE',
      iprStatements: '§9.4.2',
      meetingDeferral: '§9.5.2',
      meetingUnopposed: '§9.5.3',
      meetingReservation: '§9.5.4',
      meetingAbstention: '§9.5.6',
    },
  };

  it('lets anyone read the procedures, with or without a token, and every reader gets the same list', async () => {
    const { tokens } = api();
    const bodies = [];
    for (const token of [undefined, tokens.observer, tokens.kr, tokens.secretariat]) {
      const response = await api().send('GET', '/api/v1/procedures', token === undefined ? {} : { token });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      bodies.push(response.json());
    }
    for (const body of bodies.slice(1)) expect(body).toEqual(bodies[0]);
  });

  it('describes TAP: its editions, phases, position kinds, threshold and the clause table of each edition', async () => {
    const { items } = (await api().send('GET', '/api/v1/procedures')).json<{ items: ProcedureView[] }>();
    expect(items.map((p) => p.id)).toEqual(['itu-t-tap']);
    const tap = items[0]!;
    expect(tap).toMatchObject({
      id: 'itu-t-tap',
      name: 'ITU-T Traditional Approval Procedure (WTSA Resolution 1, Section 9)',
      editions: ['Rev. Geneva, 2022', 'Rev. Hammamet, 2016'],
      defaultEdition: 'Rev. Geneva, 2022',
      positionKinds: ['assigns_authority', 'does_not_assign_authority', 'unclear'],
      passThreshold: 0.7,
    });
    expect(tap.phases.map((p) => p.id)).toEqual(['consultation', 'meeting', 'more_time', 'notified']);
    for (const phase of tap.phases)
      expect(phase).toEqual({
        id: phase.id,
        name: expect.any(String),
        actors: expect.any(String),
        accepts: expect.any(Array),
      });
    expect(tap.phases.map((p) => p.accepts)).toEqual([['reply'], ['meeting_decision'], ['formal_opposition'], []]);
    expect(tap.clauseTables.map((t) => t.edition)).toEqual(tap.editions);
    // The numbers of Rev. Geneva, 2022 (a clause or a role added later only adds entries).
    const geneva = tap.clauseTables[0]!;
    expect(geneva).toMatchObject(GENEVA_2022);
    // Every role the core cites, each answered by a clause of the same table.
    expect(Object.keys(geneva.roles).sort()).toEqual([...CLAUSE_ROLES].sort());
    for (const clause of Object.values(geneva.roles)) expect(Object.values(geneva.clauses)).toContain(clause);
    expect(tap.clauseTables[1]).toMatchObject({ edition: 'Rev. Hammamet, 2016', instrument: 'WTSA Resolution 1' });
  });

  it('gives the JSON Schemas of a position and of a decision: the very ones the reply and decision routes check', async () => {
    const tap = (await api().send('GET', '/api/v1/procedures/itu-t-tap')).json<ProcedureView>();
    expect(tap.positionSchema).toEqual(JSON.parse(JSON.stringify(PositionSchema)));
    expect(tap.decisionSchema).toEqual(JSON.parse(JSON.stringify(DecisionInputSchema)));
    expect(tap.positionSchema).toMatchObject({
      title: 'Position',
      additionalProperties: false,
      required: ['text', 'position'],
    });
    expect(Object.keys(tap.decisionSchema.properties as object).sort()).toEqual(
      ['abstaining', 'deferred', 'formalOppositions', 'moreTime', 'notes', 'opposing', 'reservations'].sort(),
    );
    // A client can validate with them as served.
    const position = Compile(tap.positionSchema as unknown as TSchema);
    expect(position.Check({ text: 'x1353', position: 'assigns_authority', option: 'no_comments' })).toBe(true);
    expect(position.Check({ text: 'x1353', position: 'approve' })).toBe(false);
    const decision = Compile(tap.decisionSchema as unknown as TSchema);
    expect(decision.Check({ opposing: ['FR'], reservations: [{ state: 'DE', note: 'Clause 7' }] })).toBe(true);
    expect(decision.Check({ opposing: ['France'] })).toBe(false);
  });

  it('answers one procedure by its id, as the list gives it', async () => {
    const one = await api().send('GET', '/api/v1/procedures/itu-t-tap');
    expect(one.statusCode).toBe(200);
    const { items } = (await api().send('GET', '/api/v1/procedures')).json<{ items: ProcedureView[] }>();
    expect(one.json()).toEqual(items[0]);
  });

  it('answers an id no module implements with a 404 NOT_FOUND problem naming the known ids, and a malformed one with 400', async () => {
    const unknown = expectProblem(await api().send('GET', '/api/v1/procedures/iso-ballot'), 404, 'NOT_FOUND');
    expect(unknown.detail).toContain('iso-ballot');
    expect(unknown.detail).toContain('itu-t-tap');
    expect(unknown.instance).toBe('/api/v1/procedures/iso-ballot');
    expectProblem(await api().send('GET', '/api/v1/procedures/ITU%20TAP'), 400, 'VALIDATION_FAILED');
  });
});
