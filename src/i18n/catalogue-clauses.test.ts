import { describe, expect, it } from 'vitest';
import { DEFAULT_PROCEDURE_ID, procedureFor } from '../procedures/registry.js';
import { citeClauseIn, citeRoleIn, formatCitation, formatShare } from './citations.js';
import { LOCALES, type MessageId, messageIds, messageSource, t } from './i18n.js';

/**
 * Issue 12: no catalogue message writes a clause number or the threshold itself. A sentence takes
 * them as parameters, from the consultation's procedure and edition (its clause table) and from the
 * tally, so another procedure or a renumbered edition changes no message.
 */
describe('the catalogues cite no clause and no threshold themselves', () => {
  /** What a clause number or the TAP threshold looks like written into a message. */
  const LITERALS: readonly [string, RegExp][] = [
    ['a section sign', /§/u],
    ['a 70 % threshold', /70[\s\u00a0\u202f]?(%|٪|％|per cent|pour cent|por ciento|процент)/u],
    ['a clause number of Section 9', /\b9\.[456]\b/u],
  ];

  it('holds no "§", no "70 %" and no 9.4/9.5/9.6 clause number in any message of any language', () => {
    const found: string[] = [];
    for (const locale of LOCALES)
      for (const id of messageIds(locale)) {
        const source = messageSource(locale, id as MessageId);
        for (const [what, pattern] of LITERALS) if (pattern.test(source)) found.push(`${locale} ${id}: ${what}`);
      }
    expect(found).toEqual([]);
  });

  it('refuses, outside production, a message that takes a clause rendered without it', () => {
    expect(() => t('en', 'mail.reminder.due', { deadline: '2359 hours UTC on August 16, 2023' })).toThrow(/clause/);
    expect(() => t('fr', 'outcome.results.rule.met', { support: 7, replies: 10, percent: '70 %' })).toThrow(
      /threshold/,
    );
  });
});

describe('citations and thresholds in the reader’s language', () => {
  const tap = procedureFor(DEFAULT_PROCEDURE_ID);
  const citation = { instrument: 'WTSA Resolution 1', edition: 'Rev. Geneva, 2022', clause: '§9.4.5' };

  it('writes the instrument, edition and clause as the clause table has them, in every language', () => {
    for (const locale of LOCALES)
      expect(formatCitation(locale, citation)).toBe('WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.5');
    expect(formatCitation('en', { ...citation, clause: '' })).toBe('WTSA Resolution 1 (Rev. Geneva, 2022)');
  });

  it('cites a role or a rule’s clause number from the procedure’s table of the consultation’s edition', () => {
    expect(citeRoleIn('en', tap, 'meetingUnopposed', 'Rev. Hammamet, 2016')).toBe(
      'WTSA Resolution 1 (Rev. Hammamet, 2016) §9.5.3',
    );
    expect(citeClauseIn('fr', tap, 'Rev. Geneva, 2022', '§9.5.6')).toBe('WTSA Resolution 1 (Rev. Geneva, 2022) §9.5.6');
  });

  it('puts the cited clause and the threshold into the sentence', () => {
    const clause = citeRoleIn('en', tap, 'consultationFails', 'Rev. Geneva, 2022');
    expect(t('en', 'mail.reminder.due', { deadline: 'the deadline', clause })).toBe(
      'Replies are due by the deadline. Replies received after the deadline are not counted (WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.6).',
    );
    expect(formatShare('en', tap.passThreshold ?? 0)).toBe('70%');
    expect(
      t('fr', 'outcome.results.rule.notMet', {
        support: 6,
        replies: 10,
        percent: '60 %',
        threshold: formatShare('fr', 0.7),
      }),
    ).toMatch(/6 sur 10 \(60 %\), soit moins de 70\u00a0%\.$/u);
  });
});
