import { describe, expect, it } from 'vitest';
import { mailHtml } from './mail-html.js';

describe('the HTML alternative of a mail', () => {
  it('says what the text says: paragraphs, line breaks, links, and the footer apart', () => {
    const html = mailHtml(
      'TSB Circular 79: reply by 16 August 2023',
      'Dear colleagues,\n\nPlease reply:\n- X.1353\n- X.1471 (see https://assent.example/en/consultations/tsb-79-2023).\n--\nTSB Circular 79: https://assent.example/en/consultations/tsb-79-2023',
      'en',
    );
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain('<title>TSB Circular 79: reply by 16 August 2023</title>');
    expect(html).toContain('<p style="margin:0 0 1em;">Dear colleagues,</p>');
    expect(html).toContain(
      'Please reply:<br>\n- X.1353<br>\n- X.1471 (see <a href="https://assent.example/en/consultations/tsb-79-2023">',
    );
    // The closing parenthesis and the full stop end the sentence, not the address.
    expect(html).toContain('tsb-79-2023</a>).</p>');
    expect(html).toMatch(/<hr [^>]*>\n<p style="[^"]*font-size:14px[^"]*">TSB Circular 79: <a href=/);
  });

  it('escapes what it quotes, and runs right to left in Arabic', () => {
    const html = mailHtml('<b>x</b>', 'A & B <script>alert(1)</script> "q" \'s\'', 'ar-EG');
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('<title>&#60;b&#62;x&#60;/b&#62;</title>');
    expect(html).toContain('A &#38; B &#60;script&#62;alert(1)&#60;/script&#62; &#34;q&#34; &#39;s&#39;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<hr');
  });

  it('makes nothing but http and https addresses into links, and keeps an odd language tag harmless', () => {
    const html = mailHtml('s', 'javascript:alert(1) ftp://x.example http://a.example/?q="x"', 'x"><script>');
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).not.toContain('href="javascript');
    expect(html).not.toContain('href="ftp');
    expect(html).toContain('<a href="http://a.example/?q=">http://a.example/?q=</a>&#34;x&#34;');
  });
});
