import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { checkMessage } from './message-checks.js';
import { buildXliff, checkAgainst, parseXliff, XLIFF_NAMESPACE, type XliffDocument } from './xliff.js';

const ICU =
  '{count, plural, =0 {No reply} one {# reply & <one> “text”} other {# replies}} for {state}\n  — kept  as typed\t';

const DOC: XliffDocument = {
  srcLang: 'en',
  trgLang: 'fr',
  files: [
    {
      id: 'core.secretariat',
      original: 'src/i18n/messages/fr/secretariat.json',
      units: [
        {
          id: 'sec.count',
          source: ICU,
          target: '{count, plural, one {# réponse} other {# réponses}} pour {state} — R&D <b>',
          state: 'translated',
          notes: [{ category: 'placeholders', text: '{count}, {state}' }],
        },
        { id: 'sec.none', source: 'None', target: null, state: 'initial', notes: [] },
      ],
    },
    { id: 'itu-t-tap.reply', units: [{ id: 'a', source: 'A', target: 'A', state: 'reviewed', notes: [] }] },
  ],
};

/** The document of `body` (units of one file `f`), for the refusals. */
const wrap = (body: string, attributes = 'version="2.0" srcLang="en" trgLang="fr"') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="${XLIFF_NAMESPACE}" ${attributes}><file id="f">${body}</file></xliff>`;
const unit = (inner: string, id = 'u') => `<unit id="${id}">${inner}</unit>`;
const codes = (text: string) => parseXliff(text).problems.map((p) => [p.code, p.path]);

describe('XLIFF 2.0', () => {
  it('round-trips a document exactly: ICU text, escapes, whitespace, line breaks, states and notes', () => {
    const text = buildXliff(DOC);
    expect(text).toContain(`<xliff xmlns="${XLIFF_NAMESPACE}" version="2.0" srcLang="en" trgLang="fr">`);
    expect(text).toContain('one {# reply &amp; &lt;one&gt; “text”}');
    expect(text).toContain('<segment state="initial">');
    expect(text.endsWith('</xliff>\n')).toBe(true);
    expect(parseXliff(text)).toEqual({ document: DOC, problems: [] });
  });

  test.prop([fc.string({ unit: 'grapheme' }), fc.string()])('round-trips any text XML can carry', (a, b) => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML cannot carry
    const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu, '');
    const doc: XliffDocument = {
      srcLang: 'en',
      trgLang: 'ar',
      files: [{ id: 'f', units: [{ id: 'u', source: clean(a), target: clean(b), state: 'final', notes: [] }] }],
    };
    expect(parseXliff(buildXliff(doc)).document).toEqual(doc);
  });

  it('keeps a carriage return, written as a character reference', () => {
    const doc: XliffDocument = {
      srcLang: 'en',
      trgLang: 'fr',
      files: [{ id: 'f', units: [{ id: 'u', source: 'a\r\nb', target: 'c\rd', state: 'translated', notes: [] }] }],
    };
    expect(buildXliff(doc)).toContain('a&#xD;\nb');
    expect(parseXliff(buildXliff(doc)).document).toEqual(doc);
  });

  it('reads what tools may add: comments, CDATA, foreign modules, groups, several segments, single quotes', () => {
    const text = wrap(
      `<!-- a comment --><group id="g"><unit id="u" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" mtc:x="1">
        <mtc:matches><mtc:match ref="#x"><source>x</source></mtc:match></mtc:matches>
        <segment state='reviewed'><source>One. </source><target><![CDATA[Un <b> & ]]>.</target></segment>
        <ignorable><source> </source></ignorable>
        <segment state="final"><source>Two &#x7B;n&#125;</source><target>Deux {n}</target></segment>
      </unit></group>`,
    );
    expect(parseXliff(text).document?.files[0]?.units[0]).toEqual({
      id: 'u',
      source: 'One.  Two {n}',
      target: 'Un <b> & . Deux {n}',
      state: 'reviewed',
      notes: [],
    });
  });

  it('refuses text that is not well-formed XML, with the line and column', () => {
    expect(codes('<xliff')).toEqual([['XLIFF_MALFORMED', '1:7']]);
    expect(codes(wrap(unit('<segment><source>a & b</source></segment>')))[0]![0]).toBe('XLIFF_MALFORMED');
    expect(codes(wrap(unit('<segment><source>a</target></segment>')))[0]![0]).toBe('XLIFF_MALFORMED');
    expect(codes(wrap(unit('<segment><source>&nbsp;</source></segment>')))[0]![0]).toBe('XLIFF_MALFORMED');
    expect(codes(wrap(unit('<segment><source>&#0;</source></segment>')))[0]![0]).toBe('XLIFF_MALFORMED');
    expect(codes(`${wrap('')}<more/>`)[0]![0]).toBe('XLIFF_MALFORMED');
    expect(codes('<?xml version="1.0" encoding="ISO-8859-1"?><xliff/>')[0]![0]).toBe('XLIFF_MALFORMED');
    expect(codes(wrap('', 'version="2.0" version="2.0" srcLang="en" trgLang="fr"'))[0]![0]).toBe('XLIFF_MALFORMED');
  });

  it('refuses a DOCTYPE (no entity is ever expanded)', () => {
    const text = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${wrap('')}`;
    expect(parseXliff(text).problems[0]).toMatchObject({
      code: 'XLIFF_MALFORMED',
      detail: 'a DOCTYPE is not accepted',
    });
  });

  it('refuses elements nested deeper than any tool writes, and a file too long, as a coded problem', () => {
    const deep = `${'<mrk id="m">'.repeat(20_000)}${'</mrk>'.repeat(20_000)}`;
    const nested = parseXliff(wrap(unit(`<segment><source>a</source><target>${deep}</target></segment>`)));
    expect(nested.document).toBeNull();
    expect(nested.problems[0]).toMatchObject({ code: 'XLIFF_MALFORMED', detail: 'elements nested deeper than 64' });
    const long = parseXliff(`${wrap('')}${' '.repeat(20_000_001)}`);
    expect(long.problems[0]).toMatchObject({ code: 'XLIFF_MALFORMED', detail: expect.stringContaining('longer than') });
  });

  it('gives the line and column of a problem far into a file', () => {
    const lines = Array.from({ length: 3000 }, (_, n) =>
      unit(`<segment><source>s${n}</source></segment>`).replace('id="u"', `id="u${n}"`),
    );
    const text = wrap(`\n${lines.join('\n')}\n<unit id="bad"><segment><source>a & b</source></segment></unit>`);
    expect(parseXliff(text).problems[0]).toMatchObject({
      code: 'XLIFF_MALFORMED',
      path: expect.stringMatching(/^3003:\d+$/),
    });
  });

  it('refuses another root, namespace or version, and missing languages', () => {
    expect(codes('<xliff version="2.0"/>')).toEqual([['XLIFF_MALFORMED', 'xliff']]);
    expect(codes(wrap('', 'version="2.1" srcLang="en" trgLang="fr"'))).toEqual([['XLIFF_NOT_SUPPORTED', 'xliff']]);
    expect(codes(wrap('', 'version="2.0" srcLang="en"'))).toEqual([['XLIFF_MALFORMED', 'xliff']]);
  });

  it('refuses missing and duplicate ids, naming the unit', () => {
    const ok = '<segment><source>a</source></segment>';
    expect(codes(wrap(`<unit>${ok}</unit>`))).toEqual([['XLIFF_MALFORMED', 'f/2:107']]);
    expect(codes(wrap(unit(ok) + unit(ok)))).toEqual([['XLIFF_DUPLICATE_ID', 'f/u']]);
    expect(
      codes(
        `<xliff xmlns="${XLIFF_NAMESPACE}" version="2.0" srcLang="en" trgLang="fr"><file id="f"/><file id="f"/><file/></xliff>`,
      ),
    ).toEqual([
      ['XLIFF_DUPLICATE_ID', 'f'],
      ['XLIFF_MALFORMED', '1:122'],
    ]);
  });

  it('refuses an unknown state, a state past initial without a target, and a unit without a segment', () => {
    expect(codes(wrap(unit('<segment state="done"><source>a</source><target>b</target></segment>')))).toEqual([
      ['XLIFF_MALFORMED', 'f/u'],
    ]);
    expect(codes(wrap(unit('<segment state="reviewed"><source>a</source></segment>')))).toEqual([
      ['XLIFF_MALFORMED', 'f/u'],
    ]);
    expect(codes(wrap(unit('<notes><note>n</note></notes>')))).toEqual([['XLIFF_MALFORMED', 'f/u']]);
  });

  it('refuses inline markup in a source or target: an ICU message is text', () => {
    expect(
      codes(wrap(unit('<segment state="translated"><source>a</source><target>b <ph id="1"/></target></segment>'))),
    ).toEqual([['XLIFF_NOT_SUPPORTED', 'f/u']]);
  });

  it('checks a file against what was exported: languages, known units, unchanged sources', () => {
    const sources: Record<string, string> = {
      'core.secretariat/sec.count': ICU,
      'core.secretariat/sec.none': 'Nothing',
    };
    const problems = checkAgainst(DOC, {
      srcLang: 'en',
      trgLang: 'es',
      sourceOf: (file, id) => sources[`${file}/${id}`],
    });
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['XLIFF_WRONG_LANGUAGE', 'xliff/@trgLang'],
      ['XLIFF_SOURCE_CHANGED', 'core.secretariat/sec.none'],
      ['XLIFF_UNKNOWN_UNIT', 'itu-t-tap.reply/a'],
    ]);
  });
});

describe('the checks of a translated message', () => {
  it('passes a good translation and names each problem with its code', () => {
    const english = '{count, plural, one {# reply} other {# replies}} from {state}';
    expect(
      checkMessage('fr', '{count, plural, one {# réponse} many {# réponses} other {# réponses}} de {state}', english),
    ).toEqual([]);
    expect(checkMessage('fr', '   ', english).map((p) => p.code)).toEqual(['MESSAGE_EMPTY']);
    expect(checkMessage('fr', '{count, plural, one {# x}', english).map((p) => p.code)).toEqual(['MESSAGE_SYNTAX']);
    expect(checkMessage('fr', '{count, plural, one {#} many {#} other {#}} de {pays}', english)).toEqual([
      { code: 'MESSAGE_PLACEHOLDERS', detail: 'count, state', found: 'count, pays' },
    ]);
    expect(checkMessage('ru', '{count, plural, one {#} other {#}} {state}', english)).toEqual([
      { code: 'MESSAGE_PLURAL_CATEGORIES', detail: 'count', found: 'few, many' },
    ]);
  });
});
