import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { figureMessageKey, readingKeyOf } from '../domain/procedure/presentation.js';
import { PROCEDURES, procedureFor, DEFAULT_PROCEDURE_ID } from '../procedures/registry.js';
import { LOCALES } from './i18n.js';
import { placeholdersOf } from './message-checks.js';
import { bodyInSentence, figureLabel, formatFigureValue, hasProcedureText, procedureText } from './procedure-text.js';

/** The placeholders a message takes (its top-level and nested arguments), as the catalogue checks see them. */
const argumentsOf = (elements: readonly MessageFormatElement[]) => new Set(placeholdersOf(elements));

describe('a procedure brings its own words, in the six languages', () => {
  for (const procedure of Object.values(PROCEDURES)) {
    describe(procedure.id, () => {
      const english = procedure.messages.en ?? {};

      it('has a catalogue per UN language with English’s keys, each with English’s placeholders', () => {
        const problems: string[] = [];
        for (const locale of LOCALES) {
          const catalogue = procedure.messages[locale];
          if (!catalogue) {
            problems.push(`${locale}: no catalogue`);
            continue;
          }
          for (const key of Object.keys(english)) {
            const source = catalogue[key];
            if (source === undefined) {
              problems.push(`${locale} ${key}: missing`);
              continue;
            }
            const mine = [...argumentsOf(parse(source))].sort();
            const reference = [...argumentsOf(parse(english[key]!))].sort();
            if (mine.join() !== reference.join()) problems.push(`${locale} ${key}: {${mine}} ≠ {${reference}}`);
          }
          for (const key of Object.keys(catalogue))
            if (!(key in english)) problems.push(`${locale} ${key}: not in English`);
        }
        expect(problems).toEqual([]);
      });

      it('words a place (`<place>.<key>`) with no placeholder its plain key does not take: the core passes both the same values', () => {
        // A group heading (`group.*`) is the exception: it takes the group's {count} instead.
        const problems: string[] = [];
        for (const [key, source] of Object.entries(english)) {
          const place = /^(public|grid|filter|doc)\.(.+)$/u.exec(key);
          const plain = place ? english[place[2]!] : undefined;
          if (!place || plain === undefined) continue;
          const allowed = argumentsOf(parse(plain));
          const extra = [...argumentsOf(parse(source))].filter((name) => !allowed.has(name));
          if (extra.length > 0) problems.push(`${key}: {${extra}} not in ${place[2]}`);
        }
        expect(problems).toEqual([]);
      });

      it('writes no clause number and no threshold into a message', () => {
        const found: string[] = [];
        for (const [locale, catalogue] of Object.entries(procedure.messages))
          for (const [key, source] of Object.entries(catalogue))
            if (
              /§|\b9\.[456]\b|\d+[\s\u00a0\u202f]?(%|٪|％)|(Section|Sección|раздел[а-я]*|القسم)\s+\d|第\d+节/u.test(
                source,
              )
            )
              found.push(`${locale} ${key}`);
        expect(found).toEqual([]);
      });

      it('has a message for every label, hint, legend and reading of its reply form', () => {
        const keys: string[] = [];
        for (const choice of procedure.replyForm.choices) {
          keys.push(choice.label, ...Object.values(choice.reads));
          if (choice.options) keys.push(choice.options.legend, ...choice.options.choices.map((c) => c.label));
          for (const field of choice.fields) keys.push(field.label, ...(field.hint ? [field.hint] : []));
        }
        expect(keys.filter((key) => !hasProcedureText(procedure, key))).toEqual([]);
      });

      it('labels every figure of its tally', () => {
        const figures = procedure.tally({}, procedure.defaultEdition).figures;
        expect(figures.length).toBeGreaterThan(0);
        expect(figures.map((f) => figureMessageKey(f.name)).filter((key) => !hasProcedureText(procedure, key))).toEqual(
          [],
        );
      });

      it('words its circular, its rule and every outcome and basis of it, where the core prints them', () => {
        expect(procedure.tallyOutcomes.length).toBeGreaterThan(0);
        expect(procedure.tallyBases.length).toBeGreaterThan(0);
        const keys = [
          // The circular's paragraphs on the procedure and its request, as the document and the
          // secretariat's preview say them; the rule, on the public page and in the results report.
          'procedure.name',
          'doc.circular.purpose',
          'doc.circular.request',
          'sec.preview.purpose',
          'sec.preview.request',
          'public.ask.consult',
          'public.ask.rule',
          'doc.report.rule',
          'results.explain',
          ...procedure.tallyOutcomes.map((o) => `outcome.${o.id}`),
          ...procedure.tallyBases.flatMap((basis) => [`results.rule.${basis}`, `public.explain.${basis}`]),
          // Every phase, by name, where the pages show the consultation's steps.
          ...procedure.phases.map((phase) => `phase.${phase.id}`),
          // Every class it consults, where results are split by class and participants are listed.
          ...procedure.participantClasses.map((c) => `class.${c.id}`),
          // With a meeting: the decisions page's sentence per outcome, and the notice's line for a
          // text the replies kept from the meeting.
          ...(procedure.hasMeeting
            ? [...procedure.tallyOutcomes.map((o) => `decisions.tally.${o.id}`), 'doc.notice.notConsidered']
            : []),
        ];
        expect(keys.filter((key) => !hasProcedureText(procedure, key))).toEqual([]);
      });

      it('gives only outcomes and bases it declares, reaches each of them, and passes exactly when its outcome does', () => {
        // Counted replies of its first two kinds (TAP: assigns, does not assign; the toy: yes, no).
        const [first, second] = procedure.positionKinds;
        const inputs = [
          {},
          { [first!]: 1 },
          { [second!]: 1 },
          { [first!]: 1, [second!]: 1 },
          { [first!]: 7, [second!]: 3 },
        ];
        const outcomes = new Set<string>();
        const bases = new Set<string>();
        for (const input of inputs) {
          const tally = procedure.tally(input, procedure.defaultEdition);
          const outcome = procedure.tallyOutcomes.find((o) => o.id === tally.outcome);
          expect(outcome, tally.outcome).toBeDefined();
          expect(tally.passes).toBe(outcome!.passes);
          expect(procedure.tallyBases).toContain(tally.basis);
          outcomes.add(tally.outcome);
          bases.add(tally.basis);
        }
        expect([...outcomes].sort()).toEqual(procedure.tallyOutcomes.map((o) => o.id).sort());
        expect([...bases].sort()).toEqual([...procedure.tallyBases].sort());
      });
    });
  }
});

describe('procedureText', () => {
  const tap = procedureFor(DEFAULT_PROCEDURE_ID);

  it('formats a procedure’s message in the reader’s language, with its values', () => {
    expect(procedureText('en', tap, 'choice.assigns', { body: 'SG17' })).toBe(
      'assigns authority to SG17 to consider this text for approval',
    );
    expect(procedureText('fr', tap, 'choice.assigns', { body: 'SG17' })).toBe(
      'confère à la Commission d’études 17 le pouvoir d’examiner ce texte en vue de son approbation',
    );
  });

  it('names the body consulted as each language does in a sentence; another code as it is', () => {
    const words = (locale: (typeof LOCALES)[number], body: string) =>
      procedureText(locale, tap, 'choice.assigns', { body });
    expect(words('es', 'SG17')).toBe(
      'otorga a la Comisión de Estudio 17 autoridad para examinar este texto con miras a su aprobación',
    );
    expect(words('ru', 'SG17')).toBe('предоставляет полномочия ИК17 рассмотреть этот текст для утверждения');
    expect(words('zh', 'SG3')).toBe('授权第3研究组审议该文本以便批准');
    expect(words('ar', 'SG17')).toBe('تمنح السلطة للجنة الدراسات 17 للنظر في هذا النص بغرض الموافقة عليه');
    expect(bodyInSentence('fr', 'TSAG')).toBe('TSAG');
    expect(bodyInSentence('en', 'SG 5')).toBe('SG5');
  });

  it('falls back to English for a key a language lacks, and refuses a key English lacks', () => {
    const words = { id: 'fallback-test', messages: { en: { only: 'Only in {what}' }, fr: {} } };
    expect(procedureText('fr', words, 'only', { what: 'English' })).toBe('Only in English');
    expect(() => procedureText('en', words, 'nowhere')).toThrow(/fallback-test.*nowhere/);
    expect(hasProcedureText(words, 'only')).toBe(true);
    expect(hasProcedureText(words, 'nowhere')).toBe(false);
  });

  it('reads a stored TAP position through its form: the sub-option’s reading, else the choice’s', () => {
    const [supports, opposes] = tap.replyForm.choices;
    const noComments = supports!.options!.choices[0]!.id;
    expect(readingKeyOf(tap.replyForm, supports!.kind, noComments)).toBe('reads.noComments');
    expect(readingKeyOf(tap.replyForm, supports!.kind, null)).toBe('reads.assigns');
    expect(readingKeyOf(tap.replyForm, supports!.kind, 'no_such_option')).toBe('reads.assigns');
    expect(readingKeyOf(tap.replyForm, opposes!.kind, null)).toBe('reads.doesNotAssign');
    expect(readingKeyOf(tap.replyForm, 'no_such_kind', null)).toBeNull();
  });

  it('writes figures per locale: counts, per cent with two decimals, not applicable', () => {
    const [supports, opposes, unclear] = tap.replyForm.choices.map((c) => c.kind);
    const tally = tap.tally({ [supports!]: 16, [opposes!]: 7, [unclear!]: 1 }, tap.defaultEdition);
    const figures = Object.fromEntries(tally.figures.map((f) => [f.name, f]));
    expect(formatFigureValue('en', figures.replies!)).toBe('23');
    expect(formatFigureValue('en', figures.percent!)).toBe('69.57%');
    expect(formatFigureValue('fr', figures.percent!)).toMatch(/^69,57\s?%$/u);
    expect(formatFigureValue('en', figures.neededMore!)).toBe('1');
    const none = Object.fromEntries(tap.tally({}, tap.defaultEdition).figures.map((f) => [f.name, f]));
    expect(formatFigureValue('en', none.percent!)).toBe('not applicable');
    expect(figureLabel('en', tap, { name: 'replies' })).toBe('Replies');
  });
});
