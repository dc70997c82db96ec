import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerProcedure } from '../../src/procedures/registry.js';
import { getConsultation } from '../../src/services/get-consultation.js';
import { issueNotice } from '../../src/services/jobs/mail-messages.js';
import { consultationInput, SECRETARIAT } from '../helpers/world.js';
import { useApi } from '../http/api-harness.js';
import { TOY_PROCEDURE } from './toy-procedure.js';

/**
 * The e-mail that asks the focal points to reply, for a consultation run under the toy procedure:
 * the core's plain request, without TAP's threshold or its "do not assign authority"; a TAP
 * consultation's keeps them (its own words).
 */
describe('the issue mail of a toy ballot', () => {
  let unregister: () => void = () => {};
  beforeAll(() => {
    unregister = registerProcedure(TOY_PROCEDURE);
  });
  afterAll(() => unregister());
  const api = useApi('sqlite');

  it("asks the focal points to reply in the core's words, not TAP's, in each language", async () => {
    const { send, tokens, world } = api();
    const created = await send('POST', '/api/v1/consultations', {
      token: tokens.secretariat,
      body: consultationInput({ procedure: 'toy-majority', resolutionEdition: '2026' }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    const { loaded } = await getConsultation(world.ctx, { actor: SECRETARIAT, consultationId: id });
    for (const locale of ['en', 'fr'] as const) {
      const mail = issueNotice(locale, loaded.consultation, loaded.texts, 'focal_point', 'https://assent.test');
      expect(mail.text).toContain(locale === 'en' ? 'Please reply for your administration' : 'Veuillez répondre');
      expect(mail.text).not.toMatch(/authority|pouvoir|50\s?%|70\s?%/);
    }
    const tap = await world.openConsultation({ number: 80, reference: 'TSB Circular 80' });
    const tapLoaded = await getConsultation(world.ctx, { actor: SECRETARIAT, consultationId: tap });
    const tapMail = issueNotice(
      'en',
      tapLoaded.loaded.consultation,
      tapLoaded.loaded.texts,
      'focal_point',
      'https://assent.test',
    );
    expect(tapMail.text).toContain('Member States that do not assign authority should give their reasons');
    expect(tapMail.text).toMatch(/If 70\s?% or more of the replies/);
  });
});
