import { describe, expect, it } from 'vitest';
import type { DocumentContent } from '../content.js';
import { pageFurniture } from '../format.js';
import { cssString, renderPrintHtml } from './document.print.js';

/** The print view's page furniture: the running header and the first page's footer as page margin boxes. */

const content = (reference: string, dir: 'ltr' | 'rtl' = 'ltr', footer: string | null = null): DocumentContent => ({
  kind: 'circular',
  lang: dir === 'rtl' ? 'ar' : 'en',
  dir,
  title: reference,
  subject: 'Test',
  pages: pageFurniture(dir === 'rtl' ? 'ar' : 'en', reference, footer),
  blocks: [{ type: 'paragraph', text: 'Body' }],
});

const styleOf = (html: string) => html.slice(html.indexOf('<style>') + 7, html.indexOf('</style>'));

describe('the print view’s page furniture', () => {
  it('splits "Page {page} of {pages}" into words and page counters, in each locale’s order', () => {
    expect(pageFurniture('en', 'TSB Circular 79').runningHeader.pageOf).toEqual([
      { text: 'Page ' },
      { count: 'page' },
      { text: ' of ' },
      { count: 'pages' },
    ]);
    expect(pageFurniture('zh', 'TSB第79号通函').runningHeader.pageOf).toEqual([
      { text: '第 ' },
      { count: 'page' },
      { text: ' 页，共 ' },
      { count: 'pages' },
      { text: ' 页' },
    ]);
    expect(pageFurniture('en', 'x', 'Address').firstPageFooter).toBe('Address');
  });

  it('heads the pages after the first with the reference and the page counters, and puts the footer on the first page only', () => {
    const css = styleOf(renderPrintHtml(content('TSB Circular 79', 'ltr', 'Place des Nations')));
    expect(css).toContain('@top-left { content: "TSB Circular 79";');
    expect(css).toContain('@top-right { content: "Page " counter(page) " of " counter(pages);');
    expect(css).toMatch(
      /@page :first \{ @top-left \{ content: none; \} @top-right \{ content: none; \} @bottom-center \{ content: "Place des Nations";/,
    );
  });

  it('swaps the two ends of the running header in a right-to-left document, and writes no footer where there is none', () => {
    const css = styleOf(renderPrintHtml(content('الرسالة المعممة 79', 'rtl')));
    expect(css).toContain('@top-right { content: "الرسالة المعممة 79"; direction: rtl;');
    expect(css).toContain('@top-left { content: "الصفحة " counter(page) " من " counter(pages); direction: rtl;');
    expect(css).not.toContain('@bottom-center');
  });

  it('keeps words from the data as words: quotes, backslashes, markup and line breaks escaped', () => {
    expect(cssString('Reply of "Côte d\'Ivoire"')).toBe('"Reply of \\22 Côte d\'Ivoire\\22 "');
    expect(cssString('a\\b\nc')).toBe('"a\\5c b\\a c"');
    const html = renderPrintHtml(content('x</style><script>alert(1)</script>; } body { display: none'));
    expect(html).not.toContain('<script>');
    expect(styleOf(html)).toContain(
      '"x\\3c /style\\3e \\3c script\\3e alert(1)\\3c /script\\3e ; } body { display: none"',
    );
  });
});
