import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { AppError } from '../domain/errors.js';
import { CHROMIUM_ARGS, locateChromium, type ChromiumLocation } from '../platform/chromium.js';
import { FONT_HOST, fontFile } from './print/fonts.js';

/**
 * Prints print views to PDF with Chromium. One browser per process, started on the first PDF and
 * started again if it died; each PDF in a fresh context of its own (nothing shared between two
 * documents) with JavaScript off and every request intercepted: the embedded fonts are answered
 * from node_modules, anything else — a link to the Internet, a file:// URL, an image — is
 * aborted, so a print view can neither fetch nor leak anything. PDFs are tagged (structure for
 * screen readers and text extraction) with an outline from the headings.
 */
export interface PdfEngine {
  /**
   * The PDF of an HTML page.
   * @throws PDF_UNAVAILABLE when no Chromium can be found or started
   */
  print(html: string): Promise<Buffer>;
  /** Where Chromium was found, or null (for `assent doctor` and the API's error message). */
  locate(): Promise<ChromiumLocation | null>;
  /** Closes the browser (the process can then exit); the next print starts a new one. */
  close(): Promise<void>;
}

export interface PdfEngineOptions {
  /** How to find Chromium (default: `locateChromium()`: CHROMIUM_PATH, the system's, the npm package's). */
  readonly locate?: () => Promise<ChromiumLocation | null>;
  /** Sees every request a print view makes, and whether it was served (only embedded fonts are). */
  readonly onRequest?: (url: string, served: boolean) => void;
}

const NO_CHROMIUM =
  'No Chromium was found on the server, so PDFs cannot be produced; the DOCX of the same document can (format=docx). The operator can set CHROMIUM_PATH or install Chromium (assent doctor tells what is missing).';

/** What a print view's context allows: no JavaScript, no downloads, no service workers. */
export const PRINT_CONTEXT_OPTIONS = {
  javaScriptEnabled: false,
  acceptDownloads: false,
  serviceWorkers: 'block',
} as const;

/**
 * Intercepts every request of a print context: the embedded fonts are served from node_modules,
 * everything else is aborted. `onRequest` sees each URL and whether it was served (tests, doctor).
 */
export async function routePrintRequests(
  context: BrowserContext,
  onRequest?: (url: string, served: boolean) => void,
): Promise<void> {
  await context.route('**/*', async (route: Route) => {
    const url = new URL(route.request().url());
    const bytes = url.protocol === 'https:' && url.hostname === FONT_HOST ? fontFile(url.pathname) : undefined;
    onRequest?.(url.href, bytes !== undefined);
    if (bytes)
      await route.fulfill({
        status: 200,
        contentType: 'font/woff2',
        body: bytes,
        headers: { 'access-control-allow-origin': '*' },
      });
    else await route.abort('blockedbyclient');
  });
}

/** Loads a print view into a fresh page of `context` and waits until its fonts are ready. */
export async function loadPrintView(context: BrowserContext, html: string): Promise<Page> {
  const page = await context.newPage();
  await page.setContent(html, { waitUntil: 'load' });
  // Page scripts are off; this runs in the inspector's world and only waits for the fonts.
  await page.evaluate('document.fonts.ready.then(() => true)');
  return page;
}

/** A PDF engine; `defaultPdfEngine()` is the process's shared one. */
export function createPdfEngine(options: PdfEngineOptions = {}): PdfEngine {
  const locate = options.locate ?? (() => locateChromium());
  let browser: Promise<Browser> | null = null;

  const start = (): Promise<Browser> => {
    const starting = (async () => {
      const location = await locate();
      if (!location) throw new AppError('PDF_UNAVAILABLE', NO_CHROMIUM);
      try {
        const { chromium } = await import('playwright-core');
        const launched = await chromium.launch({
          executablePath: location.executablePath,
          args: CHROMIUM_ARGS,
          headless: true,
        });
        // A browser that crashed or was killed is forgotten, so the next PDF starts another.
        launched.on('disconnected', () => {
          if (browser === starting) browser = null;
        });
        return launched;
      } catch (error) {
        throw new AppError(
          'PDF_UNAVAILABLE',
          `Chromium at ${location.executablePath} could not be started: ${(error as Error).message.split('\n')[0]}`,
        );
      }
    })();
    browser = starting;
    // A failed start is not kept: the next request tries again (Chromium may have been installed since).
    starting.catch(() => {
      if (browser === starting) browser = null;
    });
    return starting;
  };

  const newContext = async (): Promise<BrowserContext> => {
    const current = await (browser ?? start());
    try {
      if (!current.isConnected()) throw new Error('disconnected');
      return await current.newContext(PRINT_CONTEXT_OPTIONS);
    } catch {
      // The browser died between two documents: start another once.
      if (browser !== null && (await browser.catch(() => null)) === current) browser = null;
      return (await start()).newContext(PRINT_CONTEXT_OPTIONS);
    }
  };

  return {
    async print(html) {
      const context = await newContext();
      try {
        await routePrintRequests(context, options.onRequest);
        const page = await loadPrintView(context, html);
        return await page.pdf({
          format: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
          tagged: true,
          outline: true,
        });
      } finally {
        await context.close().catch(() => undefined);
      }
    },
    locate,
    async close() {
      const current = browser;
      browser = null;
      if (current) await (await current.catch(() => null))?.close().catch(() => undefined);
    },
  };
}

let shared: PdfEngine | undefined;

/** The process's PDF engine (one browser per process, started lazily). */
export function defaultPdfEngine(): PdfEngine {
  shared ??= createPdfEngine();
  return shared;
}
