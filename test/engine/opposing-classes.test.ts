import Type from 'typebox';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { IsoInstant, StateCode } from '../../src/schemas/common.schema.js';
import type { Procedure } from '../../src/domain/procedure/procedure.js';
import { tapEligibility, TAP_PROCEDURE } from '../../src/procedures/itu-t-tap/tap-procedure.js';
import { registerProcedure } from '../../src/procedures/registry.js';
import type { ReplyInput } from '../../src/schemas/reply.schema.js';
import { computeResults } from '../../src/services/compute-results.js';
import { registerParticipant, setEligibility } from '../../src/services/member-states.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { focalPoint, replyInput, SECRETARIAT } from '../helpers/world.js';
import { expectProblem, storageSnapshot, useApi } from '../http/api-harness.js';
import { type Browser, decode, useWeb } from '../web/web-harness.js';

/**
 * Who may oppose at the meeting is the procedure's class definition (issue 12; A.8 §5.4 will need
 * it: a Sector Member's opposition is not counted). The test procedure is TAP with one more class,
 * Sector Members, who may reply (not counted) and be named at the meeting as abstaining or with a
 * reservation, but never as opposing, asking for more time or formally opposing. No core file
 * knows the class: the core reads `mayOppose` and the procedure's `namedInDecision`.
 */
const SECTOR_MEMBER_NAMES: Readonly<Record<string, string>> = {
  en: 'Sector Members',
  fr: 'Membres de Secteur',
  es: 'Miembros de Sector',
  ru: 'Члены Сектора',
  zh: '部门成员',
  ar: 'أعضاء القطاع',
};

const TAP_WITH_SECTOR_MEMBERS: Procedure = {
  ...TAP_PROCEDURE,
  id: 'tap-sector-members',
  name: 'TAP with Sector Members heard (test)',
  participantClasses: [
    { id: 'member-state', counted: true, mayOppose: true },
    { id: 'sector-member', counted: false, mayOppose: false },
  ],
  eligibility: (code, facts, edition) =>
    facts.participantClass === 'sector-member'
      ? facts.mayReply
        ? { eligible: true, reason: null, clause: null }
        : { eligible: false, reason: facts.note ?? 'May not take part', clause: '§9.4.3' }
      : tapEligibility(code, facts, edition),
  // Its decisions name organisations too: TAP's decision schema with a participant's code.
  decisionSchema: Type.Object(
    {
      deferred: Type.Optional(Type.Boolean()),
      opposing: Type.Optional(Type.Array(StateCode)),
      abstaining: Type.Optional(Type.Array(StateCode)),
      reservations: Type.Optional(
        Type.Array(Type.Object({ state: StateCode, note: Type.String() }, { additionalProperties: false })),
      ),
      moreTime: Type.Optional(Type.Array(StateCode)),
      formalOppositions: Type.Optional(
        Type.Array(
          Type.Object(
            {
              state: StateCode,
              receivedAt: IsoInstant,
              reasons: Type.Optional(Type.Union([Type.String(), Type.Null()])),
            },
            { additionalProperties: false },
          ),
        ),
      ),
      notes: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    },
    { additionalProperties: false },
  ),
  messages: Object.fromEntries(
    Object.entries(TAP_PROCEDURE.messages).map(([locale, messages]) => [
      locale,
      { ...messages, 'class.sector-member': SECTOR_MEMBER_NAMES[locale]! },
    ]),
  ),
};

const ID = 'tsb-79-2023';

/** The rows of an RFC 4180 CSV text (quoted cells with commas, doubled quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
/** A day of the SG17 meeting (Goyang, 29 August – 8 September 2023). */
const DURING_MEETING = '2023-08-30T09:00:00Z';
const SUPPORT = replyInput(['x1353']);

let unregister: () => void = () => {};
beforeAll(() => {
  unregister = registerProcedure(TAP_WITH_SECTOR_MEMBERS);
});
afterAll(() => unregister());

describeEachDialect('who may oppose at the meeting, by class (API)', (dialect) => {
  const api = useApi(dialect);
  const decide = (body: object) =>
    api().send('PUT', `/api/v1/consultations/${ID}/decisions/x1353`, { token: api().tokens.secretariat, body });

  beforeEach(async () => {
    const { world, send, tokens } = api();
    await world.openConsultation({ procedure: 'tap-sector-members' });
    const registered = await send('POST', '/api/v1/participants', {
      token: tokens.secretariat,
      body: { code: 'ERICSSON', participantClass: 'sector-member', names: { en: 'Ericsson' } },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    world.clock.set('2023-05-02T10:00:00Z');
    for (const state of ['KR', 'FR', 'DE', 'JP'])
      await submitReply(world.ctx, {
        actor: focalPoint(state),
        consultationId: ID,
        memberState: state,
        input: SUPPORT,
        channel: 'api',
      });
    world.clock.set(DURING_MEETING);
  });

  it('lists whether each class may oppose', async () => {
    const tap = (await api().send('GET', '/api/v1/procedures/itu-t-tap')).json<{ participantClasses: unknown }>();
    expect(tap.participantClasses).toEqual([{ id: 'member-state', counted: true, mayOppose: true }]);
    const test = (await api().send('GET', '/api/v1/procedures/tap-sector-members')).json<{
      participantClasses: unknown;
    }>();
    expect(test.participantClasses).toEqual([
      { id: 'member-state', counted: true, mayOppose: true },
      { id: 'sector-member', counted: false, mayOppose: false },
    ]);
  });

  it('records a Sector Member as abstaining or with a reservation: it does not oppose, the text is approved', async () => {
    const response = await decide({
      abstaining: ['ERICSSON'],
      reservations: [{ state: 'ERICSSON', note: 'Clause 7 should be informative' }],
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      decision: { outcome: 'approved', clause: '§9.5.3', opposedBy: [] },
    });
    // The public pages name it as registered, in the reader's language where it has a name in it.
    await api().send('POST', '/api/v1/participants', {
      token: api().tokens.secretariat,
      body: {
        code: 'UNI-GENEVA',
        participantClass: 'sector-member',
        names: { en: 'University of Geneva', fr: 'Université de Genève' },
      },
    });
    const again = await decide({
      abstaining: ['ERICSSON', 'UNI-GENEVA'],
      reservations: [{ state: 'UNI-GENEVA', note: 'Clause 7 should be informative' }],
    });
    expect(again.statusCode, again.body).toBe(200);
    const results = decode((await api().send('GET', `/fr/consultations/${ID}/results`)).body);
    expect(results).toContain('Ericsson et Université de Genève');
    expect(results).toContain('Université de Genève\u00a0: Clause 7 should be informative');
    expect(results).not.toContain('UNI-GENEVA:');
    const approved = decode((await api().send('GET', '/en/approved')).body);
    expect(approved).toContain('University of Geneva: Clause 7 should be informative');

    // The results CSV of a procedure with a meeting and two classes: every row as wide as the header.
    const csv = await api().send('GET', `/api/v1/consultations/${ID}/results?format=csv`, {
      token: api().tokens.secretariat,
    });
    expect(csv.statusCode).toBe(200);
    const rows = parseCsv(csv.body.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(
      expect.arrayContaining(['Class of participant', 'Counted', 'Meeting decision', 'Reservations']),
    );
    for (const row of rows.slice(1)) expect(row.length).toBe(rows[0]!.length);
    const x1353 = rows.filter((row) => row[0] === 'X.1353');
    expect(x1353.map((row) => row[2])).toEqual(['Classes that count', 'Member States', 'Sector Members']);
    // The decision is the text's row's; a class's row carries the rule on its replies alone.
    const decision = rows[0]!.indexOf('Meeting decision');
    expect(x1353.map((row) => row[decision] !== '')).toEqual([true, false, false]);
  });

  it('refuses a Sector Member named as opposing, asking for more time or formally opposing: MAY_NOT_OPPOSE at each field, nothing stored', async () => {
    const { world } = api();
    const before = await storageSnapshot(world.ctx.db);
    const problem = expectProblem(
      await decide({
        opposing: ['FR', 'ERICSSON'],
        moreTime: ['ERICSSON'],
        formalOppositions: [{ state: 'ERICSSON', receivedAt: '2023-09-01T10:00:00Z', reasons: 'No' }],
      }),
      422,
      'DECISION_CONFLICT',
    );
    const mayNotOppose = problem.errors?.filter((e) => e.code === 'MAY_NOT_OPPOSE');
    expect(mayNotOppose?.map((e) => [e.field, e.clause])).toEqual([
      ['/opposing/1', '§9.5.3'],
      ['/moreTime/0', '§9.5.3'],
      ['/formalOppositions/0/state', '§9.5.3'],
    ]);
    expect(mayNotOppose?.[0]?.message).toContain('Ericsson (ERICSSON)');
    expect(await storageSnapshot(world.ctx.db)).toEqual(before);
    // France, a Member State, opposes alone: refused only for the Sector Member, recorded on its own.
    const france = await decide({ opposing: ['FR'] });
    expect(france.statusCode, france.body).toBe(200);
    expect(france.json()).toMatchObject({ decision: { outcome: 'not_approved', opposedBy: ['FR'] } });
  });

  it('asks first whether one named is a participant: a Sector Member without the right to take part is NOT_A_PARTICIPANT, not MAY_NOT_OPPOSE', async () => {
    const { world } = api();
    await registerParticipant(world.ctx, {
      actor: SECRETARIAT,
      participant: { code: 'NOKIA', participantClass: 'sector-member', names: { en: 'Nokia' } },
    });
    await setEligibility(world.ctx, {
      actor: SECRETARIAT,
      code: 'NOKIA',
      mayReply: false,
      note: 'Membership lapsed',
      since: '2023-06-01',
    });
    const problem = expectProblem(
      await decide({ opposing: ['NOKIA', 'PS'], reservations: [{ state: 'NOKIA', note: 'Clause 7' }] }),
      422,
      'DECISION_CONFLICT',
    );
    expect(problem.errors?.map((e) => [e.field, e.code])).toEqual([
      ['/opposing/0', 'NOT_A_PARTICIPANT'],
      ['/opposing/1', 'NOT_A_PARTICIPANT'],
      ['/reservations/0/state', 'NOT_A_PARTICIPANT'],
      // TAP's own rule on top: only a delegation that does not oppose may register a reservation.
      ['/reservations/0/state', undefined],
    ]);
    expect(problem.errors?.[0]?.message).toContain('Membership lapsed');
  });

  it('keeps TAP as it was: its own decision schema names Member States only, checked for a TAP consultation whatever the route takes', async () => {
    const { world } = api();
    world.clock.set('2023-05-02T09:00:00Z');
    await world.openConsultation({ number: 80, reference: 'TSB Circular 80' });
    world.clock.set('2023-05-02T10:00:00Z');
    await submitReply(world.ctx, {
      actor: focalPoint('KR'),
      consultationId: 'tsb-80-2023',
      memberState: 'KR',
      input: SUPPORT,
      channel: 'api',
    });
    world.clock.set(DURING_MEETING);
    const problem = expectProblem(
      await api().send('PUT', '/api/v1/consultations/tsb-80-2023/decisions/x1353', {
        token: api().tokens.secretariat,
        body: { abstaining: ['ERICSSON'] },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.errors?.map((e) => e.field)).toEqual(['/abstaining/0']);
    expect(problem.errors?.[0]?.message).toMatch(/two-letter Member State code/);
  });
});

describeEachDialect('who may oppose at the meeting, by class (pages)', (dialect) => {
  const web = useWeb(dialect);
  let officer: Browser;
  const base = `/secretariat/consultations/${ID}/decisions`;

  beforeEach(async () => {
    const { world } = web();
    await world.openConsultation({ procedure: 'tap-sector-members' });
    await registerParticipant(world.ctx, {
      actor: SECRETARIAT,
      participant: { code: 'ERICSSON', participantClass: 'sector-member', names: { en: 'Ericsson', fr: 'Ericsson' } },
    });
    world.clock.set('2023-05-02T10:00:00Z');
    const support: ReplyInput = SUPPORT;
    for (const state of ['KR', 'FR'])
      await submitReply(world.ctx, {
        actor: focalPoint(state),
        consultationId: ID,
        memberState: state,
        input: support,
        channel: 'web',
      });
    world.clock.set(DURING_MEETING);
    const { invitationPath } = await web().invite({ role: 'secretariat_staff', email: 'officer@itu.test' });
    officer = web().browser();
    await web().enrol(officer, invitationPath);
  });

  /** The options of one select of the X.1353 form. */
  const optionsOf = (html: string, field: string) => {
    const select = new RegExp(`<select[^>]*id="field-x1353-${field}"[\\s\\S]*?</select>`).exec(html)![0];
    return [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
  };

  it('offers a Sector Member as abstaining only, and says why a forged opposition is refused, in English and French', async () => {
    const page = (await officer.get(`/en${base}`)).body;
    expect(optionsOf(page, 'abstaining')).toContain('ERICSSON');
    expect(optionsOf(page, 'opposing')).not.toContain('ERICSSON');
    expect(optionsOf(page, 'moreTime')).not.toContain('ERICSSON');
    expect(optionsOf(page, 'opposing')).toContain('FR');

    const refused = await officer.submit(`/en${base}`, `/en${base}`, { text: 'x1353', opposing: 'ERICSSON' });
    expect(refused.statusCode).toBe(422);
    expect(decode(refused.body)).toContain(
      '<a href="#field-x1353-opposing">Ericsson (ERICSSON) (Sector Members) may not be named as opposing X.1353: only Member States may oppose (WTSA Resolution 1 (Rev. Geneva, 2022) §9.5.3)</a>',
    );
    const french = await officer.submit(`/fr${base}`, `/fr${base}`, { text: 'x1353', moreTime: 'ERICSSON' });
    expect(french.statusCode).toBe(422);
    expect(decode(french.body)).toContain(
      'Ericsson (ERICSSON) (Membres de Secteur) ne peut pas figurer parmi les opposants à X.1353\u00a0: seuls peuvent s’opposer les États Membres',
    );
    const results = await computeResults(web().world.ctx, { actor: SECRETARIAT, consultationId: ID });
    expect(results.texts.find((r) => r.text.id === 'x1353')!.decisionRecord).toBeNull();
  });
});
