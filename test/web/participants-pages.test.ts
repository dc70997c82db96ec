import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerProcedure } from '../../src/procedures/registry.js';
import { listAuditEvents } from '../../src/services/list-audit-events.js';
import { createApiToken } from '../../src/services/api-tokens.js';
import { listParticipants } from '../../src/services/member-states.js';
import { storageSnapshot } from '../http/api-harness.js';
import { describeEachDialect } from '../helpers/databases.js';
import { SECRETARIAT } from '../helpers/world.js';
import { TOY_PROCEDURE } from '../engine/toy-procedure.js';
import { type Browser, csrfOf, decode, expectSeeOther, useWeb } from './web-harness.js';

/**
 * The participants page (administrators), on SQLite and PostgreSQL: the Member States and the
 * registered organisations with their class and whether each may reply; a participant's right to
 * reply changed with its reason and day (audited), refused without a reason; an organisation
 * registered in a class a procedure consults (the toy procedure's associates), its mistakes shown
 * at their fields in the reader's language, nothing stored.
 */
describeEachDialect('the participants page', (dialect) => {
  const web = useWeb(dialect);
  let admin: Browser;

  beforeEach(async () => {
    const { invitationPath } = await web().invite({ role: 'secretariat_admin', email: 'admin@itu.test' });
    admin = web().browser();
    await web().enrol(admin, invitationPath);
  });

  it('lists the Member States with whether each may reply, filters them, and is for administrators only', async () => {
    const page = await admin.get('/en/secretariat/participants');
    expect(page.statusCode).toBe(200);
    const body = decode(page.body);
    expect(body).toContain('<a href="/en/secretariat/participants" aria-current="page">Participants</a>');
    expect(body).toMatch(/<tr id="participant-PS">\s*<th scope="row">[^<]*Palestine[^<]*<\/th>/);
    // Palestine: an observer, who may not reply, with the reason from the data.
    const ps = /<tr id="participant-PS">[\s\S]*?<\/tr>/.exec(body)![0];
    expect(ps).toContain('<td>Observer</td>');
    expect(ps).toContain('<strong>No</strong>');
    // TAP alone consults nobody but the Member States: nothing to register an organisation in.
    expect(body).toContain('No procedure that Assent runs consults participants other than the Member States');
    expect(body).not.toContain('name="participantClass"');

    const found = decode((await admin.get('/en/secretariat/participants?q=kor')).body);
    expect(found).toContain('id="participant-KR"');
    expect(found).not.toContain('id="participant-FR"');
    expect(found).toMatch(/Shown: \d of \d{3}\./);

    const { invitationPath } = await web().invite({ role: 'secretariat_staff', email: 'staff@itu.test' });
    const staff = web().browser();
    await web().enrol(staff, invitationPath);
    expect((await staff.get('/en/secretariat/participants')).statusCode).toBe(403);
  });

  it("changes a State's right to reply with its reason and day, audited; refuses it without a reason", async () => {
    const path = '/fr/secretariat/participants/DE';
    const page = decode((await admin.get(path)).body);
    expect(page).toContain('Droit de réponse\u00a0: Allemagne');

    const refused = await admin.submit(path, '/fr/secretariat/participants/DE/eligibility', {
      mayReply: 'no',
      note: ' ',
      since: '2026-02-30',
    });
    expect(refused.statusCode).toBe(400);
    const words = decode(refused.body);
    expect(words).toContain('En vigueur depuis le');
    expect(words).toContain('sous la forme d’un jour valide');
    expect((await listParticipants(web().world.ctx)).find((p) => p.code === 'DE')!.mayReply).toBe(true);
    const noReason = await admin.submit(path, '/fr/secretariat/participants/DE/eligibility', {
      mayReply: 'no',
      note: '',
      since: '',
    });
    expect(noReason.statusCode).toBe(400);
    expect(decode(noReason.body)).toContain('Indiquez pourquoi il ne peut pas répondre');
    const noChoice = await admin.submit(path, '/fr/secretariat/participants/DE/eligibility', { note: 'x' });
    expect(decode(noChoice.body)).toContain('Indiquez si le participant peut répondre');

    const saved = await admin.submit(path, '/fr/secretariat/participants/DE/eligibility', {
      mayReply: 'no',
      note: 'Droit suspendu (CS n° 169)',
      since: '2026-01-15',
    });
    expectSeeOther(saved, '/fr/secretariat/participants?notice=sec-participant-eligibility#participant-DE');
    const de = (await listParticipants(web().world.ctx)).find((p) => p.code === 'DE')!;
    expect(de).toMatchObject({
      mayReply: false,
      eligibilityNote: 'Droit suspendu (CS n° 169)',
      eligibilitySince: '2026-01-15',
    });
    const list = decode((await admin.get('/fr/secretariat/participants?notice=sec-participant-eligibility')).body);
    expect(list).toContain('Le droit de réponse est modifié et consigné dans le journal d’audit.');
    expect(/<tr id="participant-DE">[\s\S]*?<\/tr>/.exec(list)![0]).toContain('Droit suspendu (CS n° 169) (depuis le');
    const audit = (await listAuditEvents(web().world.ctx, { actor: SECRETARIAT, limit: 1000 })).filter(
      (e) => e.action === 'member-state.eligibility',
    );
    expect(audit.map((e) => e.subject)).toEqual(['member-state:DE']);
    expect((await admin.get('/en/secretariat/participants/ZZZZ')).statusCode).toBe(404);
    // A change addressed to a code nobody has is answered as the page is: not found, nothing written.
    const before = await storageSnapshot(web().world.ctx.db);
    const nobody = await admin.post('/en/secretariat/participants/ZZZZ/eligibility', {
      _csrf: csrfOf(
        (await admin.get('/en/secretariat/participants/DE')).body,
        '/en/secretariat/participants/DE/eligibility',
      ),
      mayReply: 'no',
      note: 'Nobody',
    });
    expect(nobody.statusCode).toBe(404);
    expect(await storageSnapshot(web().world.ctx.db)).toEqual(before);
    const api = await web().app.inject({
      method: 'PUT',
      url: '/api/v1/member-states/XQ/eligibility',
      headers: {
        authorization: `Bearer ${
          (
            await createApiToken(web().world.ctx, {
              actor: SECRETARIAT,
              role: 'secretariat',
              label: 'Registry',
            })
          ).secret
        }`,
      },
      payload: { mayReply: false, note: 'Nobody' },
    });
    expect({ status: api.statusCode, code: api.json<{ code: string }>().code }).toEqual({
      status: 404,
      code: 'NOT_FOUND',
    });
    // An observer is not given the right to reply.
    const observer = await admin.submit(
      '/en/secretariat/participants/PS',
      '/en/secretariat/participants/PS/eligibility',
      {
        mayReply: 'yes',
      },
    );
    expect(observer.statusCode).toBe(400);
    expect(decode(observer.body)).toContain('An observer does not reply to the consultations');
    expect((await listParticipants(web().world.ctx)).find((p) => p.code === 'PS')!.mayReply).toBe(false);
  });

  describe('with a procedure that consults a class besides the Member States', () => {
    let unregister: () => void = () => {};
    beforeAll(() => {
      unregister = registerProcedure(TOY_PROCEDURE);
    });
    afterAll(() => unregister());

    it('registers an organisation, and shows its mistakes at their fields without storing anything', async () => {
      const before = (await listParticipants(web().world.ctx)).length;
      const refused = await admin.submit('/en/secretariat/participants', '/en/secretariat/participants/register', {
        code: 'AC',
        name_en: '',
        name_fr: 'Un\nDeux',
      });
      expect(refused.statusCode).toBe(400);
      const errors = decode(refused.body);
      for (const [field, message] of [
        ['field-code', 'Enter a code of 3 to 24 capital letters and digits'],
        ['field-participantClass', 'Choose the class of the organisation'],
        ['field-name_en', 'Enter the name of the organisation in English'],
        ['field-name_fr', 'A name is one line of at most 200 characters'],
      ])
        expect(errors).toMatch(new RegExp(`<a href="#${field}">${message}`));
      expect((await listParticipants(web().world.ctx)).length).toBe(before);

      const added = await admin.submit('/en/secretariat/participants', '/en/secretariat/participants/register', {
        participantClass: 'associate',
        code: 'uni-geneva',
        name_en: 'University of Geneva',
        name_fr: 'Université de Genève',
      });
      expectSeeOther(added, '/en/secretariat/participants?notice=sec-participant-registered#participant-UNI-GENEVA');
      const list = decode((await admin.get('/en/secretariat/participants?class=associate')).body);
      expect(list).toMatch(/<tr id="participant-UNI-GENEVA">\s*<th scope="row">University of Geneva<\/th>/);
      expect(list).toContain('Shown: 1 of');
      expect(list).not.toContain('id="participant-KR"');
      const fr = decode((await admin.get('/fr/secretariat/participants?class=associate')).body);
      expect(fr).toContain('<th scope="row">Université de Genève</th>');
      expect(fr).toContain('<td>Associés</td>');
      // The audit trail's filter by participant names it as registered, in the reader's language.
      const audit = decode((await admin.get('/fr/secretariat/audit')).body);
      expect(audit).toMatch(/<option value="UNI-GENEVA"[^>]*>Université de Genève<\/option>/);

      const again = await admin.submit('/en/secretariat/participants', '/en/secretariat/participants/register', {
        participantClass: 'associate',
        code: 'UNI-GENEVA',
        name_en: 'Another',
      });
      expect(again.statusCode).toBe(409);
      expect(decode(again.body)).toContain('A participant with this code exists already: choose another code');

      // The organisation's focal point: its organisation named on its account page, and a TAP
      // circular that does not offer it the reply (TAP consults the Member States alone).
      const id = await web().world.openConsultation();
      web().world.clock.set('2023-05-02T09:00:00Z');
      const { invitationPath } = await web().invite({
        role: 'focal_point',
        email: 'fp@unige.test',
        memberState: 'UNI-GENEVA',
      });
      const fp = web().browser();
      await web().enrol(fp, invitationPath);
      expect(decode((await fp.get('/fr/account')).body)).toContain('Université de Genève');
      const circular = decode((await fp.get(`/en/consultations/${id}`)).body);
      expect(circular).toContain('This circular does not ask you to reply');
      expect(circular).not.toContain(`/my/consultations/${id}/reply`);
    });
  });
});
