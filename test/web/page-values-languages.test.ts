import { expect, it } from 'vitest';
import { LOCALES } from '../../src/i18n/i18n.js';
import { recordDecision } from '../../src/services/record-decision.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { SECRETARIAT, focalPoint, replyInput } from '../helpers/world.js';
import { visibleText } from '../helpers/untranslated.js';
import { useWeb } from './web-harness.js';

/**
 * What a reader reads on the public pages, in each of the six languages: dates and times in
 * words, never an ISO day or timestamp (those stay in `datetime` attributes for the page script),
 * and outside English no deadline written "2359 hours" and no clause cited in English (issue 20).
 */

/** Circular 79's deadline on its page in each language. */
const DEADLINES = {
  en: '2359 hours UTC on 16 August 2023',
  fr: '16 août 2023 à 23\u00a0h\u00a059 UTC',
  es: '16 de agosto de 2023 a las 23.59 horas UTC',
  ru: '23:59 UTC 16 августа 2023 г.',
  zh: '2023年8月16日UTC时间23:59',
  ar: 'الساعة 23:59 بالتوقيت العالمي المنسق (UTC) يوم 16 أغسطس 2023',
} as const;

describeEachDialect('public pages in the six languages', (dialect) => {
  const web = useWeb(dialect);

  it('write every date and time in words, and the deadline in the language’s style', async () => {
    const { ctx, clock } = web().world;
    const id = await web().world.openConsultation();
    await submitReply(ctx, {
      actor: focalPoint('KR'),
      consultationId: id,
      memberState: 'KR',
      input: replyInput(),
      channel: 'api',
    });
    clock.set('2023-09-08T12:00:00Z');
    await recordDecision(ctx, { actor: SECRETARIAT, consultationId: id, textId: 'x1353', input: { moreTime: ['DE'] } });
    clock.set('2023-09-20T12:00:00Z');
    for (const locale of LOCALES)
      for (const path of ['', `/consultations/${id}`, `/consultations/${id}/results`, '/approved']) {
        const page = await web().browser().get(`/${locale}${path}`);
        expect(page.statusCode, `${locale}${path}`).toBe(200);
        const text = visibleText(page.body);
        expect(text.match(/\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?\b/g), `${locale}${path}`).toBeNull();
        if (locale !== 'en') {
          expect(text, `${locale}${path}`).not.toMatch(/\b2359\b/);
          // Citations in the reader's language: no English instrument, edition or "§9.4.5" (issue 20 item 1).
          expect(text, `${locale}${path}`).not.toMatch(/WTSA Resolution|Rev\. Geneva|§9\./);
        }
        if (path === `/consultations/${id}`) expect(text, locale).toContain(DEADLINES[locale]);
      }
  });
});
