import { describe, expect, it } from 'vitest';
import { editionIn, editionMessageKey, citeRoleIn, sourceIn } from '../../i18n/citations.js';
import { LOCALES } from '../../i18n/i18n.js';
import { hasProcedureText } from '../../i18n/procedure-text.js';
import { procedureFor } from '../registry.js';

/** TAP's citations in the six languages, as ITU writes them (the core's formatting, src/i18n/citations.ts, with TAP's words). */
describe('TAP cited in the reader’s language', () => {
  const tap = procedureFor('itu-t-tap');

  it('cites TAP in each language as ITU writes its Resolution 1, edition and paragraph', () => {
    const edition = 'Rev. Geneva, 2022';
    const cited = Object.fromEntries(
      LOCALES.map((locale) => [locale, citeRoleIn(locale, tap, 'consultationFails', edition)]),
    );
    expect(cited).toEqual({
      en: 'WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.6',
      fr: 'Résolution 1 de l’AMNT (Rév. Genève, 2022), §\u00a09.4.6',
      es: 'Resolución 1 de la AMNT (Rev. Ginebra, 2022), §\u00a09.4.6',
      ru: 'Резолюция 1 ВАСЭ (Пересм. Женева, 2022\u00a0г.), п.\u00a09.4.6',
      zh: 'WTSA第1号决议（2022年，日内瓦，修订版）第9.4.6段',
      ar: 'القرار 1 للجمعية العالمية لتقييس الاتصالات (المراجَع في جنيف، 2022)، الفقرة 9.4.6',
    });
    expect(sourceIn('ru', tap, 'Rev. Hammamet, 2016')).toBe('Резолюция 1 ВАСЭ (Пересм. Хаммамет, 2016\u00a0г.)');
    // Every edition the procedure knows has its name in its catalogue (src/i18n/procedure-text.test.ts holds each message to six languages).
    for (const known of tap.editions) expect(hasProcedureText(tap, editionMessageKey(known)), known).toBe(true);
    expect(editionIn('fr', tap, 'Rev. Hammamet, 2016')).toBe('Rév. Hammamet, 2016');
    // An edition without words is written as the table has it.
    expect(editionIn('fr', tap, 'Rev. Nowhere, 1999')).toBe('Rev. Nowhere, 1999');
    expect(editionMessageKey('Rev. Geneva, 2022')).toBe('edition.rev-geneva-2022');
  });
});
