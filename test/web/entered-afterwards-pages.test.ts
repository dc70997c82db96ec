import { expect, it } from 'vitest';
import { circularContent } from '../../src/documents/circular.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { getConsultation } from '../../src/services/get-consultation.js';
import { issueConsultation } from '../../src/services/issue-consultation.js';
import { describeEachDialect } from '../helpers/databases.js';
import { consultationInput, SECRETARIAT } from '../helpers/world.js';
import { decode, useWeb } from './web-harness.js';

const ID = 'tsb-79-2023';

describeEachDialect('pages of a past consultation entered afterwards', (dialect) => {
  const web = useWeb(dialect);

  const readable = (html: string) => decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

  it('say on the consultation and its results that it was entered afterwards, in the reader’s language', async () => {
    const { ctx, clock } = web().world;
    clock.set('2024-06-03T09:00:00Z');
    await createConsultation(ctx, {
      actor: SECRETARIAT,
      input: consultationInput({ enteredAfterwards: { issuedAt: '2023-03-28T10:00Z' } }),
    });
    await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
    const page = readable((await web().browser().get(`/en/consultations/${ID}`)).body);
    expect(page).toContain('Entered afterwards on June 3, 2024 from the records of the secretariat');
    const results = readable((await web().browser().get(`/en/consultations/${ID}/results`)).body);
    expect(results).toContain('Entered afterwards on June 3, 2024 from the records of the secretariat');
    const french = readable((await web().browser().get(`/fr/consultations/${ID}`)).body);
    expect(french).toContain('Saisie après coup le 3 juin 2024');
  });

  it('say it on the secretariat circular page too', async () => {
    const { ctx, clock } = web().world;
    clock.set('2024-06-03T09:00:00Z');
    await createConsultation(ctx, {
      actor: SECRETARIAT,
      input: consultationInput({ enteredAfterwards: { issuedAt: '2023-03-28T10:00Z' } }),
    });
    const { invitationPath } = await web().invite({ role: 'secretariat_staff' });
    const staff = web().browser();
    await web().enrol(staff, invitationPath);
    const draft = readable((await staff.get(`/en/secretariat/consultations/${ID}`)).body);
    expect(draft).toContain('Entered afterwards on June 3, 2024 from the records of the secretariat');
  });

  it('and so does the circular as a document, in each language', async () => {
    const { ctx, clock } = web().world;
    clock.set('2024-06-03T09:00:00Z');
    await createConsultation(ctx, {
      actor: SECRETARIAT,
      input: consultationInput({ enteredAfterwards: { issuedAt: '2023-03-28T10:00Z' } }),
    });
    await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
    const { loaded } = await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
    const marks = (locale: 'en' | 'fr') =>
      circularContent(locale, { consultation: loaded.consultation, texts: loaded.texts })
        .blocks.filter((b) => b.type === 'mark')
        .map((b) => (b as { text: string }).text);
    expect(marks('en')).toContain('Entered afterwards on 3 June 2024 from the records of the secretariat');
    expect(marks('fr').join(' ')).toContain('Saisie après coup le 3 juin 2024');
  });

  it('say nothing of the kind on a consultation run live', async () => {
    await web().world.openConsultation();
    const page = readable((await web().browser().get(`/en/consultations/${ID}`)).body);
    expect(page).not.toContain('Entered afterwards');
  });
});
