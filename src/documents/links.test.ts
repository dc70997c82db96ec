import { describe, expect, it } from 'vitest';
import { linkPieces } from './content.js';

describe('linkPieces', () => {
  it('links web and e-mail addresses written in a text, without the sentence’s closing punctuation', () => {
    expect(linkPieces('consult the IPR database at www.itu.int/ipr/.')).toEqual([
      { text: 'consult the IPR database at ', href: null },
      { text: 'www.itu.int/ipr/', href: 'https://www.itu.int/ipr/' },
      { text: '.', href: null },
    ]);
    expect(linkPieces('(see https://www.itu.int/md/T22-SG17-R-0034/en), or write to tsbsg17@itu.int.')).toEqual([
      { text: '(see ', href: null },
      { text: 'https://www.itu.int/md/T22-SG17-R-0034/en', href: 'https://www.itu.int/md/T22-SG17-R-0034/en' },
      { text: '), or write to ', href: null },
      { text: 'tsbsg17@itu.int', href: 'mailto:tsbsg17@itu.int' },
      { text: '.', href: null },
    ]);
  });

  it('links the stretches a block names, before any address, and leaves a text without either whole', () => {
    const links = [{ text: 'R34', href: 'https://www.itu.int/md/T22-SG17-R-0034/en' }];
    expect(linkPieces('1 Draft Corrigendum 1 to Recommendation ITU-T X.1333 [R34]', links)).toEqual([
      { text: '1 Draft Corrigendum 1 to Recommendation ITU-T X.1333 [', href: null },
      { text: 'R34', href: 'https://www.itu.int/md/T22-SG17-R-0034/en' },
      { text: ']', href: null },
    ]);
    expect(linkPieces('No address here: X.1353 (X.ztd-iot).')).toEqual([
      { text: 'No address here: X.1353 (X.ztd-iot).', href: null },
    ]);
    expect(linkPieces('Missing [R99]', links)).toEqual([{ text: 'Missing [R99]', href: null }]);
  });

  it('keeps Arabic words around an address out of it', () => {
    expect(linkPieces('البريد الإلكتروني tsbdir@itu.int للاتصال')).toEqual([
      { text: 'البريد الإلكتروني ', href: null },
      { text: 'tsbdir@itu.int', href: 'mailto:tsbdir@itu.int' },
      { text: ' للاتصال', href: null },
    ]);
  });
});

describe('linkPieces on long words', () => {
  it('stays linear on a long run of dots and letters without an address (a comment typed or pasted)', () => {
    const text = 'a.'.repeat(20_000);
    expect(linkPieces(text)).toEqual([{ text, href: null }]);
    const withAddress = `${'x.'.repeat(20_000)} write to tsbsg17@itu.int`;
    expect(linkPieces(withAddress).at(-1)).toEqual({ text: 'tsbsg17@itu.int', href: 'mailto:tsbsg17@itu.int' });
  });
});
