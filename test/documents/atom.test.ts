import { describe, expect, it } from 'vitest';
import { renderAtom, xmlEscape } from '../../src/documents/atom.js';

describe('Atom feeds (RFC 4287)', () => {
  it('escapes text for XML and leaves out what XML 1.0 cannot hold', () => {
    expect(xmlEscape('a & b < c > d "e"')).toBe('a &amp; b &lt; c &gt; d &quot;e&quot;');
    expect(xmlEscape('bell\u0007 tab\t new\nline \ud800lone')).toBe('bell tab\t new\nline lone');
    expect(xmlEscape('😀 مرحبا')).toBe('😀 مرحبا');
  });

  it('writes the feed and its entries with RFC 3339 dates, the newest update as the feed’s', () => {
    const xml = renderAtom({
      id: 'https://x.example/feed',
      title: 'Circulars <issued>',
      lang: 'fr',
      self: 'https://x.example/feed?lang=fr',
      link: 'https://x.example/fr/',
      author: 'Assent',
      entries: [
        {
          id: 'urn:a',
          title: 'A & B',
          updated: Date.UTC(2023, 2, 28, 8),
          published: Date.UTC(2023, 2, 28, 8),
          link: 'https://x.example/a',
        },
        {
          id: 'urn:b',
          title: 'B',
          updated: Date.UTC(2023, 7, 16, 23, 59, 59, 999),
          link: 'https://x.example/b',
          summary: 'S',
        },
      ],
    });
    expect(xml).toContain('<title>Circulars &lt;issued&gt;</title>');
    expect(xml).toContain('<updated>2023-08-16T23:59:59Z</updated>\n  <link rel="self"');
    expect(xml).toContain('<title>A &amp; B</title>');
    expect(xml).toContain('<published>2023-03-28T08:00:00Z</published>');
    expect(xml.match(/<entry>/g)).toHaveLength(2);
    expect(xml.endsWith('</feed>\n')).toBe(true);
    expect(renderAtom({ id: 'i', title: 't', lang: 'en', self: 's', link: 'l', author: 'a', entries: [] })).toContain(
      '<updated>1970-01-01T00:00:00Z</updated>',
    );
  });
});
