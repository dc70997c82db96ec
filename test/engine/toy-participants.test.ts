import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultsReportContent } from '../../src/documents/results-report.js';
import { registerProcedure } from '../../src/procedures/registry.js';
import { computeResults } from '../../src/services/compute-results.js';
import { createApiToken } from '../../src/services/api-tokens.js';
import { registerParticipant } from '../../src/services/member-states.js';
import { listAuditEvents } from '../../src/services/list-audit-events.js';
import { remindStateNow } from '../../src/services/remind-state.js';
import { submitReply } from '../../src/services/submit-reply.js';
import type { ReplyInput } from '../../src/schemas/reply.schema.js';
import { describeEachDialect } from '../helpers/databases.js';
import { readXlsx } from '../helpers/xlsx.js';
import { consultationInput, DEADLINE, focalPoint, SECRETARIAT } from '../helpers/world.js';
import { expectProblem, storageSnapshot, useApi } from '../http/api-harness.js';
import { TOY_PROCEDURE } from './toy-procedure.js';

/**
 * Participants in classes (issue 12): the toy procedure (test/engine/toy-procedure.ts) consults
 * the Member States, whose votes count, and associates, whose votes are shown by class and do not
 * count. An associate is registered through the API, replies through it, and the results split
 * the figures by class — on both databases, with no core file knowing the toy or its classes.
 */
describeEachDialect('participants in classes, and results split by class', (dialect) => {
  let unregister: () => void = () => {};
  beforeAll(() => {
    unregister = registerProcedure(TOY_PROCEDURE);
  });
  afterAll(() => unregister());
  const api = useApi(dialect);

  const ballot = (votes: Record<string, string>) => ({
    positions: Object.entries(votes).map(([text, position]) => ({ text, position })),
    signatory: { name: 'A. Official', title: 'Head of delegation' },
  });

  /** Registers ACME-LABS as an associate (through the API) and gives its focal point a token. */
  async function acme(): Promise<string> {
    const { send, tokens, world } = api();
    const registered = await send('POST', '/api/v1/participants', {
      token: tokens.secretariat,
      body: {
        code: 'ACME-LABS',
        participantClass: 'associate',
        names: { en: 'Acme Laboratories', fr: 'Laboratoires Acme' },
      },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    expect(registered.json()).toMatchObject({
      code: 'ACME-LABS',
      participantClass: 'associate',
      iso3: '',
      name: 'Acme Laboratories',
      names: { en: 'Acme Laboratories', fr: 'Laboratoires Acme' },
      mayReply: true,
    });
    return (
      await createApiToken(world.ctx, {
        actor: SECRETARIAT,
        role: 'focal_point',
        memberState: 'ACME-LABS',
        label: 'Focal point of Acme',
      })
    ).secret;
  }

  async function openBallot(procedure: string, edition: string, number: number): Promise<string> {
    const { send, tokens } = api();
    const created = await send('POST', '/api/v1/consultations', {
      token: tokens.secretariat,
      body: consultationInput({
        procedure,
        resolutionEdition: edition,
        number,
        reference: `TSB Circular ${number}`,
        individualRepliesPublic: true,
      }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    const issued = await send('POST', `/api/v1/consultations/${id}/issue`, { token: tokens.secretariat });
    expect(issued.statusCode, issued.body).toBe(200);
    return id;
  }

  it('lists the classes each procedure consults: TAP the Member States alone, the toy two', async () => {
    const tap = (await api().send('GET', '/api/v1/procedures/itu-t-tap')).json<{ participantClasses: unknown }>();
    expect(tap.participantClasses).toEqual([{ id: 'member-state', counted: true, mayOppose: true }]);
    const toy = (await api().send('GET', '/api/v1/procedures/toy-majority')).json<{ participantClasses: unknown }>();
    expect(toy.participantClasses).toEqual([
      { id: 'member-state', counted: true, mayOppose: true },
      { id: 'associate', counted: false, mayOppose: false },
    ]);
  });

  it('registers an organisation of a class a procedure consults, lists it apart from the Member States, and audits it', async () => {
    const { send, tokens, world } = api();
    await acme();
    // A second organisation: each has its own place in the registry.
    const second = await send('POST', '/api/v1/participants', {
      token: tokens.secretariat,
      body: { code: 'UNI-GENEVA', participantClass: 'associate', names: { en: 'University of Geneva' } },
    });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ code: 'UNI-GENEVA', iso3: '' });
    const participants = (await send('GET', '/api/v1/participants?class=associate')).json<{ items: unknown[] }>();
    expect(participants.items).toEqual([
      expect.objectContaining({ code: 'ACME-LABS', participantClass: 'associate' }),
      expect.objectContaining({ code: 'UNI-GENEVA', participantClass: 'associate' }),
    ]);
    const all = (await send('GET', '/api/v1/participants')).json<{ items: { participantClass: string }[] }>();
    expect(all.items.filter((p) => p.participantClass === 'member-state').length).toBeGreaterThan(190);
    // GET /member-states stays the Member States.
    const states = (await send('GET', '/api/v1/member-states')).json<{ items: { code: string }[] }>();
    expect(states.items.map((s) => s.code)).not.toContain('ACME-LABS');
    const audit = (await listAuditEvents(world.ctx, { actor: SECRETARIAT, limit: 1000 })).filter(
      (e) => e.action === 'participant.registered',
    );
    expect(audit.map((e) => [e.subject, e.data.participantClass])).toEqual([
      ['member-state:ACME-LABS', 'associate'],
      ['member-state:UNI-GENEVA', 'associate'],
    ]);
  });

  it('refuses a bad registration at its field, with its code, changing nothing', async () => {
    const { send, tokens, world } = api();
    await acme();
    const before = await storageSnapshot(world.ctx.db);
    const post = (body: unknown) => send('POST', '/api/v1/participants', { token: tokens.secretariat, body });

    // A two-letter code is a Member State's; a class nobody consults; the Member States' own class.
    const twoLetters = expectProblem(
      await post({ code: 'AC', participantClass: 'associate', names: { en: 'Ac' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(twoLetters.errors).toEqual([expect.objectContaining({ field: '/code', code: 'VALIDATION_FAILED' })]);
    const unknownClass = expectProblem(
      await post({ code: 'ERICSSON', participantClass: 'sector-member', names: { en: 'Ericsson' } }),
      422,
      'UNKNOWN_PARTICIPANT_CLASS',
    );
    expect(unknownClass.errors).toEqual([
      expect.objectContaining({
        field: '/participantClass',
        code: 'UNKNOWN_PARTICIPANT_CLASS',
        message: expect.stringContaining('associate'),
      }),
    ]);
    const memberStateClass = expectProblem(
      await post({ code: 'ATLANTIS', participantClass: 'member-state', names: { en: 'Atlantis' } }),
      422,
      'UNKNOWN_PARTICIPANT_CLASS',
    );
    expect(memberStateClass.errors?.[0]?.message).toMatch(/curated list/);
    // No English name, two lines; a bidirectional override; a language that is not a UN language.
    const names = expectProblem(
      await post({ code: 'ROBOT-CO', participantClass: 'associate', names: { fr: 'Un\nDeux' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(names.errors?.map((e) => e.field)).toEqual(['/names/en', '/names/fr']);
    const override = expectProblem(
      await post({ code: 'ROBOT-CO', participantClass: 'associate', names: { en: 'Robot', es: 'Robot \u202eoc' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(override.errors?.map((e) => e.field)).toEqual(['/names/es']);
    const german = expectProblem(
      await post({ code: 'ROBOT-CO', participantClass: 'associate', names: { en: 'Robot', de: 'Roboter' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(german.errors?.[0]?.field).toMatch(/names/);
    // A code taken; a code in lower case is not a code (the API takes codes as written).
    expectProblem(
      await post({ code: 'ACME-LABS', participantClass: 'associate', names: { en: 'Acme again' } }),
      409,
      'PARTICIPANT_EXISTS',
    );
    expectProblem(
      await post({ code: 'acme-labs', participantClass: 'associate', names: { en: 'Acme again' } }),
      400,
      'VALIDATION_FAILED',
    );
    // Only an administrator registers.
    expectProblem(
      await send('POST', '/api/v1/participants', {
        token: tokens.kr,
        body: { code: 'KR-LABS', participantClass: 'associate', names: { en: 'KR Labs' } },
      }),
      403,
      'FORBIDDEN',
    );
    expect(await storageSnapshot(world.ctx.db)).toEqual(before);
  });

  it("splits a text's figures by class; only the classes that count enter its own tally", async () => {
    const { send, tokens, world } = api();
    const acmeToken = await acme();
    const id = await openBallot('toy-majority', '2026', 81);
    world.clock.set('2023-05-02T09:00:00Z');
    for (const [state, token, votes] of [
      ['KR', tokens.kr, { x1353: 'yes', x1471: 'no' }],
      ['FR', tokens.fr, { x1353: 'no', x1471: 'no' }],
      ['ACME-LABS', acmeToken, { x1353: 'yes', x1471: 'yes' }],
    ] as const) {
      const sent = await send('PUT', `/api/v1/consultations/${id}/replies/${state}`, { token, body: ballot(votes) });
      expect(sent.statusCode, sent.body).toBe(201);
    }
    // An associate acts for itself only, as a State's focal point does.
    expectProblem(
      await send('PUT', `/api/v1/consultations/${id}/replies/KR`, { token: acmeToken, body: ballot({ x1353: 'no' }) }),
      403,
      'NOT_YOUR_MEMBER_STATE',
    );

    world.clock.set(Date.parse(DEADLINE) + 1);
    const results = await send('GET', `/api/v1/consultations/${id}/results`);
    expect(results.statusCode, results.body).toBe(200);
    type Figures = { name: string; value: number | null }[];
    const texts = results.json<{
      texts: {
        text: { id: string };
        replies: number;
        outcome: string;
        figures: Figures;
        byClass: { participantClass: string; counted: boolean; replies: number; outcome: string; figures: Figures }[];
      }[];
    }>().texts;
    const x1353 = texts.find((t) => t.text.id === 'x1353')!;
    // The members' votes alone decide: one yes, one no, no majority. Acme's yes is not counted.
    expect(x1353).toMatchObject({ replies: 2, outcome: 'fails' });
    expect(x1353.figures).toEqual([
      { name: 'votes', value: 2, format: 'count' },
      { name: 'yes', value: 1, format: 'count' },
      { name: 'no', value: 1, format: 'count' },
    ]);
    expect(x1353.byClass.map((c) => [c.participantClass, c.counted, c.replies, c.outcome])).toEqual([
      ['member-state', true, 2, 'fails'],
      ['associate', false, 1, 'passes'],
    ]);
    expect(x1353.byClass[1]!.figures).toEqual([
      { name: 'votes', value: 1, format: 'count' },
      { name: 'yes', value: 1, format: 'count' },
      { name: 'no', value: 0, format: 'count' },
    ]);
    // A text no associate voted on still lists the class, with nothing counted.
    const cor = texts.find((t) => t.text.id === 'x1333-cor1')!;
    expect(cor.byClass.map((c) => [c.participantClass, c.replies])).toEqual([
      ['member-state', 0],
      ['associate', 0],
    ]);

    // The results report gives the same split, one row per text and class, in the reader's language.
    const computed = await computeResults(world.ctx, { actor: SECRETARIAT, consultationId: id });
    for (const [locale, caption, row] of [
      [
        'en',
        'Replies received by the deadline, per text and class of participant',
        ['Associates', '1', '1', '0', 'No, for information'],
      ],
      [
        'fr',
        'Réponses reçues avant la date limite, par texte et par catégorie de participants',
        ['Associés', '1', '1', '0', 'Non, pour information'],
      ],
    ] as const) {
      const report = resultsReportContent(locale, { results: computed, replies: null, files: new Map() });
      const table = report.blocks.find((b) => b.type === 'table' && b.caption === caption);
      expect(table, locale).toBeDefined();
      if (table?.type !== 'table') continue;
      expect(table.rows.length).toBe(2 * computed.texts.length);
      const ofX1353 = table.rows.filter((r) => r[0]!.includes('X.1353'));
      expect(ofX1353.map((r) => r[1])).toEqual(locale === 'en' ? ['Members', 'Associates'] : ['Membres', 'Associés']);
      expect(ofX1353[1]!.slice(1)).toEqual(row);
    }

    // The workbook has the split as a second sheet, in the reader's language.
    const workbook = await send('GET', `/api/v1/consultations/${id}/results?format=xlsx&lang=fr`);
    expect(workbook.statusCode).toBe(200);
    const sheets = readXlsx(workbook.rawPayload);
    expect(sheets.map((s) => s.name)).toEqual(['Résultats', 'Résultats par catégorie']);
    expect(sheets[1]!.rows[0]).toEqual([
      'Texte',
      'Catégorie de participants',
      'Votes exprimés',
      'Pour',
      'Contre',
      'Prise en compte',
    ]);
    expect(sheets[1]!.rows.filter((r) => r[0] === 'X.1353')).toEqual([
      ['X.1353', 'Membres', '2', '1', '1', 'Oui'],
      ['X.1353', 'Associés', '1', '1', '0', 'Non, pour information'],
    ]);
    // The CSV file holds one table: each text's row, then its rows per class, in the reader's language.
    const csv = await send('GET', `/api/v1/consultations/${id}/results?format=csv&lang=fr`);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^Texte,[^,]+,Catégorie de participants,Prise en compte,Votes exprimés,Pour,Contre,/);
    // The cells up to the figures (no title here has a comma; the one quoted cell is the last kept).
    const cells = (l: string) => /^([^,]*),([^,]*),([^,]*),("[^"]*"|[^,]*),(\d*),(\d*),(\d*),/.exec(l)!.slice(3, 8);
    expect(lines.filter((l) => l.startsWith('X.1353,')).map(cells)).toEqual([
      ['Catégories prises en compte', '', '2', '1', '1'],
      ['Membres', 'Oui', '2', '1', '1'],
      ['Associés', '"Non, pour information"', '1', '1', '0'],
    ]);

    // The public results page shows the split in the reader's language, the toy's class names included.
    for (const [locale, words] of [
      ['en', ['Replies on X.1353, by class of participant', 'Members', 'Associates', 'No, for information']],
      ['fr', ['Réponses sur X.1353, par catégorie de participants', 'Membres', 'Associés', 'Non, pour information']],
    ] as const) {
      const page = await send('GET', `/${locale}/consultations/${id}/results`);
      expect(page.statusCode, page.body).toBe(200);
      const table = /<table class="table by-class" data-by-class="x1353">[\s\S]*?<\/table>/.exec(page.body)?.[0];
      expect(table, locale).toBeDefined();
      const text = table!
        .replace(/<[^>]+>/g, ' ')
        .replace(/&#x27;|&#39;/g, "'")
        .replace(/\s+/g, ' ')
        .replace(/ ([,.])/g, '$1');
      for (const word of words) expect(text, locale).toContain(word);
      // The replies are public: the organisation is named as registered, in the reader's language.
      expect(page.body).toContain(locale === 'en' ? 'Acme Laboratories' : 'Laboratoires Acme');
      expect(page.body).not.toContain('>ACME-LABS<');
      expect(table).toMatch(
        /<tr data-class="associate">\s*<th scope="row">[^<]+<\/th>\s*<td data-figure="votes">1<\/td>/,
      );
    }
  });

  it('limits a consultation to participants of the classes its procedure consults: an associate in a TAP regional list is refused, in the toy’s accepted', async () => {
    const { send, tokens, world } = api();
    await acme();
    const before = await storageSnapshot(world.ctx.db);
    const create = (procedure: string, edition: string, number: number) =>
      send('POST', '/api/v1/consultations', {
        token: tokens.secretariat,
        body: consultationInput({
          procedure,
          resolutionEdition: edition,
          number,
          reference: `TSB Circular ${number}`,
          eligibleStates: ['KR', 'ACME-LABS', 'NOBODY-CO'],
        }),
      });
    const tap = expectProblem(await create('itu-t-tap', 'Rev. Geneva, 2022', 83), 400, 'VALIDATION_FAILED');
    expect(tap.errors?.map((e) => [e.field, e.code, e.message])).toEqual([
      ['/eligibleStates/1', 'UNKNOWN_MEMBER_STATE', 'No Member State "ACME-LABS"'],
      ['/eligibleStates/2', 'UNKNOWN_MEMBER_STATE', 'No Member State "NOBODY-CO"'],
    ]);
    expect(await storageSnapshot(world.ctx.db)).toEqual(before);
    // An unknown procedure is refused at its own field; the list is not judged by it.
    const unknown = expectProblem(await create('no-such-procedure', '2026', 85), 400, 'VALIDATION_FAILED');
    expect(unknown.errors?.map((e) => [e.field, e.code])).toEqual([['/procedure', 'UNKNOWN_PROCEDURE']]);
    const toy = expectProblem(await create('toy-majority', '2026', 84), 400, 'VALIDATION_FAILED');
    expect(toy.errors?.map((e) => [e.field, e.message])).toEqual([
      ['/eligibleStates/2', 'No Member State "NOBODY-CO", nor a participant of a class this procedure consults'],
    ]);
    const listed = await send('POST', '/api/v1/consultations', {
      token: tokens.secretariat,
      body: consultationInput({
        procedure: 'toy-majority',
        resolutionEdition: '2026',
        number: 84,
        reference: 'TSB Circular 84',
        eligibleStates: ['KR', 'ACME-LABS'],
      }),
    });
    expect(listed.statusCode, listed.body).toBe(201);
    // Moving that draft to TAP checks its list again against TAP's one class.
    const moved = expectProblem(
      await send('PATCH', `/api/v1/consultations/${listed.json<{ id: string }>().id}`, {
        token: tokens.secretariat,
        body: { procedure: 'itu-t-tap', resolutionEdition: 'Rev. Geneva, 2022' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(moved.errors?.map((e) => [e.field, e.code])).toEqual([['/eligibleStates/1', 'UNKNOWN_MEMBER_STATE']]);
  });

  it('keeps an organisation out of a consultation whose procedure does not consult its class (TAP: Member States only, §9.4.3)', async () => {
    const { send, world } = api();
    const acmeToken = await acme();
    const id = await openBallot('itu-t-tap', 'Rev. Geneva, 2022', 82);
    world.clock.set('2023-05-02T09:00:00Z');
    const before = await storageSnapshot(world.ctx.db);
    const refused = expectProblem(
      await send('PUT', `/api/v1/consultations/${id}/replies/ACME-LABS`, {
        token: acmeToken,
        body: {
          positions: [{ text: 'x1353', position: 'assigns_authority', option: 'no_comments' }],
          signatory: { name: 'A. Official', title: 'Director' },
        },
      }),
      422,
      'STATE_NOT_ELIGIBLE',
    );
    expect(refused.errors).toEqual([
      expect.objectContaining({
        field: '/memberState',
        code: 'STATE_NOT_ELIGIBLE',
        message: expect.stringContaining('only Member States reply'),
      }),
    ]);
    expect(refused.clause).toBe('WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.3');
    expect(await storageSnapshot(world.ctx.db)).toEqual(before);
    // Nor is it reminded of it by the secretariat.
    await expect(
      remindStateNow(world.ctx, { actor: SECRETARIAT, consultationId: id, memberState: 'ACME-LABS' }),
    ).rejects.toMatchObject({ code: 'STATE_NOT_ELIGIBLE' });

    // The TAP results have no split: one class.
    world.clock.set(Date.parse(DEADLINE) + 1);
    const results = (await send('GET', `/api/v1/consultations/${id}/results`)).json<{
      texts: { byClass: unknown[] }[];
    }>();
    expect(results.texts.every((t) => t.byClass.length === 0)).toBe(true);
    // And the organisation is not among those the circular asks (the replies overview).
    const replies = (
      await send('GET', `/api/v1/consultations/${id}/replies`, { token: api().tokens.secretariat })
    ).json<{ items: { memberState: string }[] }>();
    expect(replies.items.map((r) => r.memberState)).not.toContain('ACME-LABS');
  });
});

describe('a procedure whose eligibility rule forgets the classes', () => {
  let unregister: () => void = () => {};
  beforeAll(() => {
    // The toy registers the associates' class; the lax toy consults the members alone and its rule
    // lets anyone who may reply through: the core keeps the associate out all the same.
    const lax = {
      ...TOY_PROCEDURE,
      id: 'toy-lax',
      participantClasses: [{ id: 'member-state', counted: true, mayOppose: true }],
      eligibility: () => ({ eligible: true, reason: null, clause: null }),
    };
    const off = [registerProcedure(TOY_PROCEDURE), registerProcedure(lax)];
    unregister = () => {
      for (const undo of off) undo();
    };
  });
  afterAll(() => unregister());
  const api = useApi('sqlite');

  it("refuses a participant of a class the procedure does not declare, citing the procedure's eligibility clause", async () => {
    const { world } = api();
    await registerParticipant(world.ctx, {
      actor: SECRETARIAT,
      participant: { code: 'ACME-LABS', participantClass: 'associate', names: { en: 'Acme' } },
    });
    const id = await world.openConsultation({ procedure: 'toy-lax', resolutionEdition: '2026' });
    world.clock.set('2023-05-02T09:00:00Z');
    await expect(
      submitReply(world.ctx, {
        actor: focalPoint('ACME-LABS'),
        consultationId: id,
        memberState: 'ACME-LABS',
        input: {
          positions: [{ text: 'x1353', position: 'yes' }],
          signatory: { name: 'A. Official', title: 'Head' },
        } as unknown as ReplyInput,
        channel: 'api',
      }),
    ).rejects.toMatchObject({
      code: 'STATE_NOT_ELIGIBLE',
      errors: [expect.objectContaining({ message: expect.stringContaining('does not consult (associate)') })],
    });
  });
});

describe('registering a participant with no procedure consulting another class', () => {
  const api = useApi('sqlite');

  it('says no registered procedure consults a class besides the Member States', async () => {
    await expect(
      registerParticipant(api().world.ctx, {
        actor: SECRETARIAT,
        participant: { code: 'ERICSSON', participantClass: 'sector-member', names: { en: 'Ericsson' } },
      }),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_PARTICIPANT_CLASS',
      errors: [expect.objectContaining({ message: expect.stringMatching(/No registered procedure consults/) })],
    });
  });
});
