import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { UnLanguage } from '../domain/member-states/member-states.data.js';
import { DEFAULT_PROCEDURE_ID, PROCEDURES } from '../procedures/registry.js';
import { AVOIDED_WORDINGS, GLOSSARY, GLOSSARY_SOURCES, GLOSSARY_TERM_IDS, type GlossarySource } from './glossary.js';
import { LOCALES, type MessageId, messageIds, messageSource } from './i18n.js';

const LANGUAGES: readonly UnLanguage[] = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
const DOC = new URL('../../docs/glossary.md', import.meta.url);

interface DocRow {
  readonly id: string;
  readonly terms: Readonly<Record<string, string>>;
  /** The "Source" column's word. */
  readonly source: string;
}

/** The "Source" column's word for each source. */
const SOURCE_WORDS: Readonly<Record<GlossarySource, string>> = {
  'itu-review': 'ITU (reviewed)',
  'itu-usage': 'ITU usage',
  drafted: 'drafted',
};

/**
 * The table between `<!-- glossary:start -->` and `<!-- glossary:end -->` in docs/glossary.md:
 * the header names each language column by its tag in parentheses ("French (fr)"), the first column
 * holds the term id in backticks.
 */
function readDocTable(): { languages: string[]; rows: DocRow[] } {
  const text = readFileSync(DOC, 'utf8');
  const start = text.indexOf('<!-- glossary:start -->');
  const end = text.indexOf('<!-- glossary:end -->');
  if (start < 0 || end < start) throw new Error('docs/glossary.md: glossary markers missing');
  const lines = text
    .slice(start, end)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('|'));
  const cells = (line: string) =>
    line
      .slice(1, line.endsWith('|') ? -1 : undefined)
      .split('|')
      .map((c) => c.trim());
  const [header, separator, ...body] = lines;
  if (header === undefined || separator === undefined) throw new Error('docs/glossary.md: table missing');
  // The last column is the term's source; the others after the id are languages.
  const columns = cells(header).slice(1);
  if (columns.at(-1) !== 'Source') throw new Error('docs/glossary.md: the last column must be "Source"');
  const languages = columns.slice(0, -1).map((c) => /\(([a-z]{2})\)$/u.exec(c)?.[1] ?? `?${c}`);
  const rows = body.map((line) => {
    const [idCell = '', ...values] = cells(line);
    const id = /^`([a-z-]+)`$/u.exec(idCell)?.[1] ?? `?${idCell}`;
    return {
      id,
      terms: Object.fromEntries(languages.map((l, i) => [l, values[i] ?? ''])),
      source: values[languages.length] ?? '',
    };
  });
  return { languages, rows };
}

describe('docs/glossary.md and src/i18n/glossary.ts', () => {
  const doc = readDocTable();

  it('has one column per UN language', () => {
    expect([...doc.languages].sort()).toEqual([...LANGUAGES].sort());
  });

  it('lists the same terms in the same order', () => {
    expect(doc.rows.map((r) => r.id)).toEqual([...GLOSSARY_TERM_IDS]);
  });

  it('gives every term the same six strings and the same source in the doc and in the data', () => {
    for (const row of doc.rows) {
      const id = row.id as (typeof GLOSSARY_TERM_IDS)[number];
      expect(row.terms, id).toEqual({ ...GLOSSARY[id] });
      expect(row.source, id).toBe(SOURCE_WORDS[GLOSSARY_SOURCES[id]]);
    }
  });
});

describe('GLOSSARY', () => {
  it('has exactly one entry per term id', () => {
    expect(Object.keys(GLOSSARY).sort()).toEqual([...GLOSSARY_TERM_IDS].sort());
    expect(new Set(GLOSSARY_TERM_IDS).size).toBe(GLOSSARY_TERM_IDS.length);
  });

  it('gives every term in all six languages, non-empty, trimmed, without a table separator', () => {
    for (const id of GLOSSARY_TERM_IDS) {
      expect(Object.keys(GLOSSARY[id]).sort(), id).toEqual([...LANGUAGES].sort());
      for (const lang of LANGUAGES) {
        const term = GLOSSARY[id][lang];
        expect(term.length, `${id}/${lang}`).toBeGreaterThan(0);
        expect(term, `${id}/${lang}`).toBe(term.trim());
        expect(term, `${id}/${lang}`).not.toContain('|');
      }
    }
  });

  it('writes Arabic terms in Arabic script, Chinese in Han characters, Russian in Cyrillic', () => {
    for (const id of GLOSSARY_TERM_IDS) {
      const t = GLOSSARY[id];
      // Latin acronyms (TAP, AAP, TSB) may appear inside; the term itself must be in the language's script.
      expect(t.ar.replace(/\([A-Z]+\)/gu, ''), id).toMatch(/^[\p{Script=Arabic}\p{Mn} ()-]+$/u); // \p{Mn}: vowel marks such as the shadda
      expect(t.zh.replace(/（[A-Z]+）/gu, ''), id).toMatch(/^[\p{Script=Han}（）]+$/u);
      expect(t.ru.replace(/\([A-Z]+\)/gu, ''), id).toMatch(/^[\p{Script=Cyrillic} ()-]+$/u);
    }
  });

  it.each([
    ['member-state', { fr: 'Etat Membre', es: 'Estado Miembro', ru: 'Государство-Член', ar: 'دولة عضو', zh: '成员国' }],
    [
      'sector-member',
      { fr: 'Membre du Secteur', es: 'Miembro de Sector', ru: 'Член Сектора', ar: 'عضو القطاع', zh: '部门成员' },
    ],
    [
      'tsb',
      {
        fr: 'Bureau de la normalisation des télécommunications (TSB)',
        es: 'Oficina de Normalización de las Telecomunicaciones (TSB)',
        ru: 'Бюро стандартизации электросвязи (БСЭ)',
      },
    ],
  ] as const)("uses ITU's established term for %s", (id, expected) => {
    expect(GLOSSARY[id]).toMatchObject(expected);
  });

  it('keeps the ITU terms for TAP and the Bureau inside longer terms', () => {
    expect(GLOSSARY.tap.fr).toMatch(/^Procédure d'approbation traditionnelle/u);
    expect(GLOSSARY.tap.es).toMatch(/^Procedimiento de aprobación tradicional/u);
    expect(GLOSSARY.tap.ru).toMatch(/^традиционная процедура утверждения/u);
    expect(GLOSSARY.tap.ar).toMatch(/^عملية الموافقة التقليدية/u);
    expect(GLOSSARY.tap.zh).toMatch(/^传统批准程序/u);
    expect(GLOSSARY.tsb.ar).toMatch(/^مكتب تقييس الاتصالات/u);
    expect(GLOSSARY.tsb.zh).toMatch(/^电信标准化局/u);
  });
});

describe('the catalogues and the glossary', () => {
  /** Lower case, with the typographic apostrophe the catalogues use read as the plain one. */
  const folded = (text: string) => text.toLowerCase().replaceAll('\u2019', "'");

  it('use none of the wordings ITU does not use, in any message of the core or of a procedure', () => {
    const found: string[] = [];
    for (const locale of LOCALES) {
      const messages: [string, string][] = [
        ...messageIds(locale).map((id): [string, string] => [id, messageSource(locale, id as MessageId)]),
        ...Object.values(PROCEDURES).flatMap((procedure) =>
          Object.entries(procedure.messages[locale] ?? {}).map(([id, source]): [string, string] => [
            `${procedure.id}:${id}`,
            source,
          ]),
        ),
      ];
      for (const { avoid, use } of AVOIDED_WORDINGS[locale])
        for (const [id, source] of messages)
          if (folded(source).includes(folded(avoid))) found.push(`${locale} ${id}: "${avoid}" (use "${use}")`);
    }
    expect(found).toEqual([]);
  });

  it('would find an avoided wording written with the typographic apostrophe, in the default procedure’s messages too', () => {
    const french = AVOIDED_WORDINGS.fr.find((w) => w.term === 'aap')!;
    expect(folded('La Procédure d\u2019approbation alternative')).toContain(folded(french.avoid));
    expect(Object.keys(PROCEDURES)).toContain(DEFAULT_PROCEDURE_ID);
  });
});
