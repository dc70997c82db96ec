import { describe, expect, it } from 'vitest';
import { DEFAULT_PROCEDURE_ID, procedureFor } from '../procedures/registry.js';
import { citeClauseIn, citeRoleIn, formatCitation, formatShare, formatShareFigure, sourceIn } from './citations.js';
import { intlFor, LOCALES, type MessageId, messageIds, messageSource, t } from './i18n.js';
import { procedureText } from './procedure-text.js';

/**
 * Issue 12: no catalogue message writes a clause number or the threshold itself. A sentence takes
 * them as parameters, from the consultation's procedure and edition (its clause table) and from the
 * tally, so another procedure or a renumbered edition changes no message.
 */
describe('the catalogues cite no clause and no threshold themselves', () => {
  /** What a clause number or the TAP threshold looks like written into a message. */
  const LITERALS: readonly [string, RegExp][] = [
    ['a section sign', /§/u],
    ['a 70-per-cent threshold', /70[\s\u00a0\u202f]?(%|٪|％|per cent|pour cent|por ciento|процент)/u],
    ['a clause number of Section 9', /\b9\.[456]\b/u],
    ['a section number', /(Section|Sección|раздел[а-я]*|القسم)\s+\d|第\d+节/u],
  ];

  it('holds no "§", no 70-per-cent threshold and no 9.4/9.5/9.6 clause number in any message of any language', () => {
    const found: string[] = [];
    for (const locale of LOCALES)
      for (const id of messageIds(locale)) {
        const source = messageSource(locale, id as MessageId);
        // The citation's own form ("§{number}", "§ {number}") writes the sign a language numbers clauses with, never a number.
        const literals = id.startsWith('citation.') ? LITERALS.filter(([what]) => what !== 'a section sign') : LITERALS;
        for (const [what, pattern] of literals) if (pattern.test(source)) found.push(`${locale} ${id}: ${what}`);
      }
    expect(found).toEqual([]);
  });

  it('refuses, outside production, a message that takes a clause rendered without it', () => {
    expect(() => t('en', 'mail.reminder.due', { deadline: '2359 hours UTC on 16 August 2023' })).toThrow(/clause/);
    // A procedure's message too (TAP's rule on the home page takes the threshold).
    expect(() => procedureText('fr', procedureFor(DEFAULT_PROCEDURE_ID), 'public.home.rule', {})).toThrow(/threshold/);
  });
});

describe('citations and thresholds in the reader’s language', () => {
  const procedure = procedureFor(DEFAULT_PROCEDURE_ID);
  /** An edition of the default procedure other than its default, when it knows one. */
  const older = procedure.editions.find((e) => e !== procedure.defaultEdition) ?? procedure.defaultEdition;
  /** The clause number a role has in an edition (each role used here has one in the default procedure). */
  const clauseOf = (role: Parameters<typeof procedure.clauseFor>[0], edition: string) => {
    const clause = procedure.clauseFor(role, edition);
    expect(clause, role).not.toBeNull();
    return clause!;
  };

  it('writes the instrument and edition as the clause table has them when no procedure words them, and the clause as each language numbers it', () => {
    const citation = { instrument: 'Toy rules', edition: 'Rev. 2026', clause: '§2.1 NOTE' };
    const expected: Record<(typeof LOCALES)[number], string> = {
      en: 'Toy rules (Rev. 2026) §2.1 NOTE',
      fr: 'Toy rules (Rev. 2026), §\u00a02.1, NOTE',
      es: 'Toy rules (Rev. 2026), §\u00a02.1, NOTA',
      ru: 'Toy rules (Rev. 2026), п.\u00a02.1, ПРИМЕЧАНИЕ',
      zh: 'Toy rules（Rev. 2026）第2.1段注',
      ar: 'Toy rules (Rev. 2026)، ملاحظة الفقرة 2.1',
    };
    for (const locale of LOCALES) expect(formatCitation(locale, citation), locale).toBe(expected[locale]);
    expect(formatCitation('en', { ...citation, clause: '' })).toBe('Toy rules (Rev. 2026)');
    // A clause of another form than "§<number>" is written as the table has it.
    expect(formatCitation('fr', { ...citation, clause: 'Annex A' })).toBe('Toy rules (Rev. 2026), Annex A');
  });

  it('cites a role or a rule’s clause number from the procedure’s table of the consultation’s edition', () => {
    const { instrument } = procedure.clauses(older);
    expect(citeRoleIn('en', procedure, 'meetingUnopposed', older)).toBe(
      `${instrument} (${older}) ${clauseOf('meetingUnopposed', older)}`,
    );
    const abstention = clauseOf('meetingAbstention', procedure.defaultEdition);
    expect(citeClauseIn('en', procedure, procedure.defaultEdition, abstention)).toBe(
      `${procedure.clauses(procedure.defaultEdition).instrument} (${procedure.defaultEdition}) ${abstention}`,
    );
    expect(citeClauseIn('fr', procedure, procedure.defaultEdition, abstention)).toBe(
      `${sourceIn('fr', procedure, procedure.defaultEdition)}, ${abstention.replace('§', '§\u00a0')}`,
    );
    // A clause the procedure's table does not hold is still cited as the rule gave it.
    expect(citeClauseIn('en', procedure, older, '§0.0')).toBe(`${instrument} (${older}) §0.0`);
  });

  it('puts the cited clause and the threshold into the sentence', () => {
    const edition = procedure.defaultEdition;
    const clause = citeRoleIn('en', procedure, 'consultationFails', edition);
    expect(clause).toBe(
      `${procedure.clauses(edition).instrument} (${edition}) ${clauseOf('consultationFails', edition)}`,
    );
    expect(t('en', 'mail.reminder.due', { deadline: 'the deadline', clause })).toBe(
      `Replies are due by the deadline. Replies received after the deadline are not counted (${clause}).`,
    );
    expect(formatShare('en', 0.7)).toBe('70%');
    expect(formatShare('en', 2 / 3)).toBe('66.67%');
    // Arabic running text writes a share in words (issue 20): "70 في المائة", not with a percent sign.
    expect(formatShare('ar', 0.7)).toBe('70 في المائة');
    // A tally's share figure in a sentence: two decimals, the same words.
    expect(formatShareFigure('ar', 69.5652)).toBe('69.57 في المائة');
    for (const locale of LOCALES)
      if (locale !== 'ar')
        expect(formatShareFigure(locale, 69.5652), locale).toBe(
          intlFor(locale).formatNumber(0.695652, {
            style: 'percent',
            minimumFractionDigits: 2,
            maximumFractionDigits: 2,
          }),
        );
    // A procedure's sentence takes the threshold formatted the same way.
    expect(
      procedureText('fr', procedure, 'results.rule.threshold_not_met', {
        support: 6,
        replies: 10,
        percent: '60\u00a0%',
        threshold: formatShare('fr', 0.7),
      }),
    ).toMatch(/6 sur 10 \(60\u00a0%\), soit moins de 70\u00a0%\.$/u);
  });
});
