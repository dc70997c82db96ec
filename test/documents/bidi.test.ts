import { describe, expect, it } from 'vitest';
import { bidiSegments, placement, textDirection } from '../../src/documents/bidi.js';

/**
 * Which stretches of right-to-left text the documents isolate (src/documents/bidi.ts): every
 * left-to-right snippet whole — designation with its work item, telephone number with its sign,
 * clause with its §, reference, file name — and nothing of the sentence around it.
 */

const ltrOf = (text: string) =>
  bidiSegments(text, 'rtl')
    .filter((s) => s.ltr)
    .map((s) => s.text);

describe('left-to-right snippets in Arabic text', () => {
  it('keeps designations, references, codes and addresses whole, with their brackets and leading signs', () => {
    expect(ltrOf('مشروع التوصية الجديدة ITU-T X.1353 (X.ztd-iot)')).toEqual(['ITU-T X.1353 (X.ztd-iot)']);
    expect(ltrOf('لقطاع تقييس الاتصالات (ITU-T) تطبيق')).toEqual(['(ITU-T)']);
    expect(ltrOf('الهاتف +41 22 730 5853')).toEqual(['+41 22 730 5853']);
    expect(ltrOf('وفقاً للفقرة §9.4.5 من القرار')).toEqual(['§9.4.5']);
    expect(ltrOf('البريد tsbsg17@itu.int.')).toEqual(['tsbsg17@itu.int']);
    expect(ltrOf('الرسالة المعممة 79 لمكتب TSB')).toEqual(['79', 'TSB']);
  });

  it('leaves the punctuation of the sentence to the sentence', () => {
    expect(bidiSegments('في Collective letter 5/17.', 'rtl')).toEqual([
      { text: 'في ', ltr: false },
      { text: 'Collective letter 5/17', ltr: true },
      { text: '.', ltr: false },
    ]);
    expect(ltrOf('في Goyang, Korea، 29 أغسطس')).toEqual(['Goyang, Korea', '29']);
  });

  it('orders two bracketed groups as two, and a parenthesis of the sentence as the sentence’s', () => {
    expect(ltrOf('للاتصالات (WTSA) (Rev. Geneva, 2022) للموافقة')).toEqual(['(WTSA)', '(Rev. Geneva, 2022)']);
    expect(bidiSegments('simulated.txt (90 بايت، SHA-256 d1c2)', 'rtl')).toEqual([
      { text: 'simulated.txt', ltr: true },
      { text: ' (', ltr: false },
      { text: '90', ltr: true },
      { text: ' بايت، ', ltr: false },
      { text: 'SHA-256 d1c2', ltr: true },
      { text: ')', ltr: false },
    ]);
  });

  it('isolates a value with no Arabic at all as one snippet, and nothing in left-to-right text', () => {
    expect(bidiSegments('Administrations of Member States', 'rtl')).toEqual([
      { text: 'Administrations of Member States', ltr: true },
    ]);
    expect(bidiSegments('Reply of Korea (Republic of) to TSB Circular 79', 'ltr')).toEqual([
      { text: 'Reply of Korea (Republic of) to TSB Circular 79', ltr: false },
    ]);
    expect(bidiSegments('', 'rtl')).toEqual([]);
  });

  it('gives typed words the direction of their first strong character, and marked fields their language’s', () => {
    expect(textDirection('تقترح المملكة X.1353')).toBe('rtl');
    expect(textDirection('12 – Korea proposes')).toBe('ltr');
    expect(textDirection('2023-05-01')).toBeNull();
    const arabic = { lang: 'ar', dir: 'rtl' as const };
    expect(placement(arabic, 'Seizo Onoe', { lang: 'en' })).toEqual({ lang: 'en', dir: 'ltr' });
    expect(placement(arabic, 'Korea proposes', { typed: true })).toEqual({ lang: null, dir: 'ltr' });
    expect(placement(arabic, '12345', { typed: true })).toEqual({ lang: null, dir: 'rtl' });
    expect(placement({ lang: 'fr', dir: 'ltr' }, 'تقترح', { typed: true })).toEqual({ lang: null, dir: 'rtl' });
    expect(placement(arabic, 'نص', { lang: 'ar' })).toEqual({ lang: 'ar', dir: 'rtl' });
  });
});
