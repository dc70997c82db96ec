import { describe, expect, it } from 'vitest';
import { describeTextFault, normaliseInputText, textFault } from './input-text.js';

/** What a text of each kind may hold; where the rule comes from is in input-text.ts. */

const faultKind = (value: string, kind: 'line' | 'block') => textFault(value, kind)?.kind ?? null;

describe('textFault', () => {
  it('refuses a lone surrogate, high or low, in any text, and accepts a pair', () => {
    for (const kind of ['line', 'block'] as const) {
      expect(faultKind('reply \ud800 text', kind)).toBe('ill_formed');
      expect(faultKind('\udc00', kind)).toBe('ill_formed');
      expect(faultKind('a pair: \ud83d\ude00', kind)).toBeNull();
    }
    expect(textFault('ab\ud800', 'block')).toEqual({ kind: 'ill_formed', codePoint: 0xd800, position: 3 });
  });

  it('refuses bidi embeddings, overrides and isolates in any text', () => {
    for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069])
      for (const kind of ['line', 'block'] as const)
        expect({ cp, kind, fault: faultKind(`pay ${String.fromCodePoint(cp)}lapyap`, kind) }).toEqual({
          cp,
          kind,
          fault: 'bidi_control',
        });
  });

  it('refuses control characters in any text, but line breaks and tabs only in one-line text', () => {
    for (const kind of ['line', 'block'] as const) {
      expect(faultKind('a\u0000b', kind)).toBe('control');
      expect(faultKind('a\u0007b', kind)).toBe('control');
      expect(faultKind('a\u007fb', kind)).toBe('control');
      expect(faultKind('a\u0085b', kind)).toBe('control');
    }
    expect(faultKind('Kim\nMin-jun', 'line')).toBe('line_break');
    expect(faultKind('Kim\r\nMin-jun', 'line')).toBe('line_break');
    expect(faultKind('Kim\u2028Min-jun', 'line')).toBe('line_break');
    expect(faultKind('Kim\tMin-jun', 'line')).toBe('control');
    expect(faultKind('First paragraph.\r\n\r\n\tSecond\u2029third.', 'block')).toBeNull();
  });

  it('refuses invisible format characters and bidi marks in one-line text, keeps them in multi-line text', () => {
    for (const cp of [0x200b, 0x2060, 0xfeff, 0x00ad, 0x200e, 0x200f, 0x061c, 0xe0041]) {
      expect({ cp, fault: faultKind(`Seizo${String.fromCodePoint(cp)} Onoe`, 'line') }).not.toEqual({
        cp,
        fault: null,
      });
      expect({ cp, fault: faultKind(`Seizo${String.fromCodePoint(cp)} Onoe`, 'block') }).toEqual({ cp, fault: null });
    }
  });

  it('accepts the joiners scripts need and visible Arabic marks in names', () => {
    expect(faultKind('محمد\u200cرضا', 'line')).toBeNull();
    expect(faultKind('👩\u200d💻', 'line')).toBeNull();
    expect(faultKind('\u0600١٢٣', 'line')).toBeNull();
    expect(faultKind('وزارة الاتصالات وتقانة المعلومات', 'line')).toBeNull();
    expect(faultKind('中华人民共和国工业和信息化部', 'line')).toBeNull();
  });

  it('says what is wrong and where', () => {
    expect(describeTextFault(textFault('ab\u202ecd', 'line')!)).toBe(
      'Contains the bidirectional control U+202E at character 3, which can make text display in another order than it is stored',
    );
    expect(describeTextFault(textFault('\ud800', 'block')!)).toBe(
      'Not well-formed Unicode: a lone surrogate (U+D800) at character 1',
    );
  });
});

describe('normaliseInputText', () => {
  it('composes every string to NFC, at any depth', () => {
    const { value, problems } = normaliseInputText({
      signatory: { name: 'Rene\u0301 Dupont' },
      positions: [{ comments: 'cafe\u0301\nsecond line' }],
    });
    expect(problems).toEqual([]);
    expect(value).toEqual({ signatory: { name: 'René Dupont' }, positions: [{ comments: 'café\nsecond line' }] });
  });

  it('names each string it refuses by its JSON pointer', () => {
    const { problems } = normaliseInputText({
      positions: [{ text: 'x1353' }, { comments: 'bad \ud800' }],
      'a/b': '\u202e',
    });
    expect(problems.map((p) => p.field)).toEqual(['/positions/1/comments', '/a~1b']);
  });

  it('leaves skipped fields exactly as they came, and bytes alone', () => {
    const bytes = new Uint8Array([0, 1, 2]);
    const { value, problems } = normaliseInputText(
      { password: 'e\u0301\u202e', file: bytes },
      { skip: (key) => key === 'password' },
    );
    expect(problems).toEqual([]);
    expect(value).toEqual({ password: 'e\u0301\u202e', file: bytes });
  });

  it('keeps a key named __proto__ as data, never as a prototype', () => {
    const input = JSON.parse('{"__proto__": {"admin": true}, "name": "x"}');
    const { value } = normaliseInputText(input);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect((value as { admin?: boolean }).admin).toBeUndefined();
  });
});
