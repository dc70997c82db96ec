import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentContent } from '../../src/documents/content.js';
import { buildDocx } from '../../src/documents/docx.js';
import { createPdfEngine, loadPrintView, PRINT_CONTEXT_OPTIONS, routePrintRequests } from '../../src/documents/pdf.js';
import { renderPrintHtml } from '../../src/documents/print/document.print.js';
import { FONT_HOST } from '../../src/documents/print/fonts.js';
import { launchChromium } from '../../src/platform/chromium.js';
import { docxXml, fontsOfPrintView, normalise, pdfPages } from './document-harness.js';

/**
 * The PDF printer on its own: JavaScript off, every request but the embedded fonts refused,
 * every character drawn from the embedded fonts (the six UN scripts), right-to-left layout, and
 * one browser per engine that comes back after it died.
 */

const SIX_LANGUAGES: DocumentContent = {
  kind: 'circular',
  lang: 'en',
  dir: 'ltr',
  title: 'Six languages',
  subject: 'Fonts',
  pages: {
    runningHeader: { reference: 'Six languages', pageOf: [{ text: 'Page ' }, { count: 'page' }] },
    firstPageFooter: null,
  },
  blocks: [
    { type: 'heading', level: 1, text: 'Consultation – Consultation – Consulta – Консультация – 磋商 – مشاورة' },
    { type: 'paragraph', text: 'English: the Member States are consulted.' },
    { type: 'paragraph', text: 'Français : les États Membres sont consultés.' },
    { type: 'paragraph', text: 'Español: se consulta a los Estados Miembros.' },
    { type: 'paragraph', text: 'Русский: консультации с Государствами-Членами.' },
    { type: 'paragraph', text: '中文：与成员国进行磋商。' },
    { type: 'paragraph', text: 'العربية: التشاور مع الدول الأعضاء.' },
    {
      type: 'form',
      corner: '',
      header: 'Select one of the two boxes',
      of: { consultationId: 'six', procedure: 'itu-t-tap' },
      texts: [
        {
          id: 'x1353',
          label: 'ITU‑T X.1353',
          choices: [
            {
              id: 'assigns_authority',
              checked: true,
              text: 'assigns',
              options: [
                { id: 'no_comments', checked: false, text: 'no comments' },
                { id: 'comments_attached', checked: true, text: 'comments' },
              ],
            },
            { id: 'does_not_assign_authority', checked: false, text: 'does not assign' },
          ],
          details: [],
        },
      ],
    },
  ],
};

describe('the PDF printer', () => {
  const engines: ReturnType<typeof createPdfEngine>[] = [];
  const engine = (options: Parameters<typeof createPdfEngine>[0] = {}) => {
    const created = createPdfEngine(options);
    engines.push(created);
    return created;
  };
  afterAll(async () => {
    for (const e of engines) await e.close();
  });

  it('prints with JavaScript off and refuses every request but the embedded fonts', async () => {
    const requests: { url: string; served: boolean }[] = [];
    const printer = engine({ onRequest: (url, served) => requests.push({ url, served }) });
    const html = renderPrintHtml(SIX_LANGUAGES).replace(
      '<main>',
      '<main><script>document.write("SCRIPT RAN")</script><img src="https://example.com/pixel.png" alt=""><link rel="stylesheet" href="http://127.0.0.1:9/x.css"><iframe src="file:///etc/passwd"></iframe><style>@import url(https://tracker.example/x.css);</style>',
    );
    const pdf = await printer.print(html);
    const text = normalise((await pdfPages(pdf)).join('\n'));
    expect(text).toContain('English: the Member States are consulted.');
    expect(text).not.toContain('SCRIPT RAN');
    expect(text).not.toMatch(/root:/);
    const outside = requests.filter((r) => !r.url.startsWith(`https://${FONT_HOST}/fonts/`));
    expect(outside.map((r) => r.url)).toEqual(
      expect.arrayContaining([
        'https://example.com/pixel.png',
        'http://127.0.0.1:9/x.css',
        'https://tracker.example/x.css',
      ]),
    );
    expect(outside.every((r) => !r.served)).toBe(true);
    expect(requests.filter((r) => r.served).length).toBeGreaterThan(2);
    expect(requests.filter((r) => r.url.startsWith(`https://${FONT_HOST}/fonts/`)).every((r) => r.served)).toBe(true);
  });

  it('draws every character of the six UN languages and the boxes from the embedded fonts, none from the system', async () => {
    const { families, systemTexts } = await fontsOfPrintView(renderPrintHtml(SIX_LANGUAGES));
    expect(systemTexts).toEqual([]);
    expect(families.get('Noto Sans')).toBe(true);
    expect([...families.keys()].some((f) => f.startsWith('Noto Naskh Arabic'))).toBe(true);
    expect([...families.keys()].some((f) => f.startsWith('Noto Sans SC'))).toBe(true);
    const text = normalise((await pdfPages(await engine().print(renderPrintHtml(SIX_LANGUAGES)))).join('\n'));
    for (const phrase of [
      'Français : les États Membres sont consultés.',
      'Русский: консультации с Государствами-Членами.',
      '中文：与成员国进行磋商。',
      '▣ assigns',
      '○ no comments',
      '◉ comments',
      '□ does not assign',
    ])
      expect(text).toContain(phrase);
  });

  it('lays a right-to-left document out from the right, in the print view and in the DOCX', async () => {
    const arabic: DocumentContent = {
      ...SIX_LANGUAGES,
      lang: 'ar',
      dir: 'rtl',
      blocks: [{ type: 'fields', rows: [{ label: 'إلى:', lines: ['الدول الأعضاء'] }] }, ...SIX_LANGUAGES.blocks],
    };
    const html = renderPrintHtml(arabic);
    expect(html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    const { browser } = await launchChromium();
    try {
      const context = await browser.newContext(PRINT_CONTEXT_OPTIONS);
      await routePrintRequests(context);
      const page = await loadPrintView(context, html);
      const label = page.locator('table.fields th').first();
      const value = page.locator('table.fields td').first();
      const [labelBox, valueBox] = [await label.boundingBox(), await value.boundingBox()];
      // The label column comes first in reading order, so it is on the right.
      expect(labelBox!.x).toBeGreaterThan(valueBox!.x);
      expect(await label.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    } finally {
      await browser.close();
    }
    const xml = docxXml(await buildDocx(arabic));
    expect(xml).toContain('<w:bidi/>');
    expect(xml).toContain('<w:rtl/>');
    expect(xml).toContain('<w:bidiVisual/>');
  });

  it('starts its browser again after it was closed, and after it died', async () => {
    const printer = engine();
    const html = renderPrintHtml({ ...SIX_LANGUAGES, blocks: SIX_LANGUAGES.blocks.slice(0, 2) });
    await printer.print(html);
    await printer.close();
    expect((await printer.print(html)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Kill the browser this engine started: the other engines are closed first, so the only
    // Chromium among this process's children (found by parent pid) is this engine's.
    for (const other of engines) if (other !== printer) await other.close();
    const children = execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    let killed = 0;
    for (const pid of children) {
      const name = execFileSync('ps', ['-o', 'comm=', '-p', pid], { encoding: 'utf8' }).trim();
      if (/chrom/i.test(name)) {
        process.kill(Number(pid), 'SIGKILL');
        killed++;
      }
    }
    expect(killed).toBe(1);
    expect((await printer.print(html)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('a filled reply form’s long row', () => {
  const engine = createPdfEngine();
  afterAll(() => engine.close());

  /** Half a page of letter, then a form row whose comments run for most of a page. */
  const content = (dir: 'ltr' | 'rtl'): DocumentContent => ({
    kind: 'reply',
    lang: dir === 'rtl' ? 'ar' : 'en',
    dir,
    title: 'Reply',
    subject: 'Reply',
    pages: { runningHeader: { reference: 'Reply', pageOf: [{ count: 'page' }] }, firstPageFooter: null },
    blocks: [
      ...Array.from({ length: 24 }, (_, i) => ({ type: 'paragraph' as const, text: `Line ${i + 1} of the letter.` })),
      {
        type: 'form',
        corner: '',
        header: 'Select one of the two boxes',
        of: { consultationId: 'long', procedure: 'itu-t-tap' },
        texts: [
          {
            id: 'x1353',
            label: 'Draft new Recommendation ITU-T X.1353',
            choices: [{ id: 'does_not_assign_authority', checked: true, text: 'does not assign authority' }],
            details: [{ label: 'Reasons:', text: 'FIRST-WORDS '.concat('The text should be aligned. '.repeat(160)) }],
          },
        ],
      },
    ],
  });

  it('breaks across pages instead of leaving half of the first page blank, in the PDF and the DOCX', async () => {
    for (const dir of ['ltr', 'rtl'] as const) {
      const pages = await pdfPages(await engine.print(renderPrintHtml(content(dir))));
      expect(pages.length, dir).toBeGreaterThan(1);
      expect(pages[0], dir).toContain('FIRST-WORDS');
    }
    const xml = docxXml(await buildDocx(content('ltr')));
    const row = xml.slice(xml.indexOf('Draft new Recommendation ITU-T X.1353') - 2000);
    expect(row.slice(0, row.indexOf('FIRST-WORDS'))).not.toContain('<w:cantSplit/>');
  });
});
