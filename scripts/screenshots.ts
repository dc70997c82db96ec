/**
 * Regenerates the screenshots of the main pages in docs/screenshots/ (npm run docs:screenshots).
 * Starts Assent with the demo data in a temporary folder (SQLite, loopback, a free port), signs
 * in as the demo accounts with their generated passwords and authenticator keys, and saves one
 * PNG per page, in English and, for the reply form, in every other language with a catalogue.
 * Uses the Chromium the project finds (src/platform/chromium.ts); nothing leaves loopback.
 *
 * The stylesheet names Noto fonts first and leaves the rest to the reader's system; the machine
 * taking the pictures may have no Chinese (or a poor Arabic) font, which would show boxes. So each
 * page is given the Noto fonts the PDFs embed (@fontsource packages, src/documents/print/fonts.ts)
 * through one extra same-origin stylesheet answered by the browser context itself (the server and
 * the pages' CSP stay as they are): the pictures show the pages as a reader with those fonts sees them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createAppContext } from '../src/app-context.js';
import { loadConfig } from '../src/config.js';
import { embeddedFonts, FONT_HOST, fontFile } from '../src/documents/print/fonts.js';
import { startServer } from '../src/http/server.js';
import { LOCALES } from '../src/i18n/i18n.js';
import { launchChromium } from '../src/platform/chromium.js';
import { totpCode } from '../src/services/identity/totp.js';
import { DEMO_CONSULTATION_ID, seedDemo, type DemoAccount } from '../src/services/seed-demo.js';

const OUT = path.resolve(process.argv[2] ?? 'docs/screenshots');
/** The reply form must be pictured in these languages (issue #8): the script fails when one is not served. */
const REQUIRED_LOCALES = ['ar', 'zh'];
/** Where the browser context answers the fonts' stylesheet and files (never reaches the server). */
const FONTS_PATH = '/__screenshot-fonts';

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-screenshots-'));
  const config = {
    ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', WORKER: 'off' }),
    port: 0,
    host: '127.0.0.1',
  };
  const context = await createAppContext(config);
  const demo = await seedDemo(context.services);
  if (!demo?.accounts) throw new Error('The demo seed created no accounts');
  const server = await startServer(config, { context, handleSignals: false, logger: false });
  const { browser } = await launchChromium();
  fs.mkdirSync(OUT, { recursive: true });
  const missing = REQUIRED_LOCALES.filter((l) => !(LOCALES as readonly string[]).includes(l));
  if (missing.length > 0)
    throw new Error(
      `No catalogue served for ${missing.join(', ')}: run npm run i18n:index once their catalogues are complete`,
    );
  const fontsCss = embeddedFonts().css.replaceAll(`https://${FONT_HOST}/`, `${server.url}${FONTS_PATH}/`);
  const shots: string[] = [];
  try {
    const person = async (locale = 'en-GB') => {
      const ctx = await browser.newContext({
        baseURL: server.url,
        viewport: { width: 1200, height: 900 },
        locale,
        timezoneId: 'Europe/Zurich',
        deviceScaleFactor: 1,
      });
      await ctx.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
      await ctx.route(`${server.url}${FONTS_PATH}/**`, (route) => {
        const urlPath = new URL(route.request().url()).pathname.slice(FONTS_PATH.length);
        if (urlPath === '/fonts.css') return route.fulfill({ contentType: 'text/css', body: fontsCss });
        const font = fontFile(urlPath);
        return font ? route.fulfill({ contentType: 'font/woff2', body: font }) : route.fulfill({ status: 404 });
      });
      return ctx.newPage();
    };
    /** Saves the page as a PNG: the full page, or its top `maxHeight` pixels for a page as long as a list of 194 States. */
    const shoot = async (page: Page, url: string, name: string, maxHeight = Infinity) => {
      const response = await page.goto(url);
      if (!response || response.status() >= 400) throw new Error(`${url} answered ${response?.status()}`);
      await page.addStyleTag({ url: `${FONTS_PATH}/fonts.css` });
      // Lay the page out with the fonts, then wait until every font it asked for has arrived.
      await page.evaluate(async () => {
        document.body.getBoundingClientRect();
        await document.fonts.ready;
      });
      const file = path.join(OUT, `${name}.png`);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.screenshot({
        path: file,
        fullPage: true,
        ...(height > maxHeight && { clip: { x: 0, y: 0, width: 1200, height: maxHeight } }),
      });
      shots.push(file);
    };
    const signIn = async (page: Page, account: DemoAccount, locale = 'en') => {
      await page.goto(`/${locale}/login`);
      await page.locator('input[name="email"]').fill(account.email);
      await page.locator('input[name="password"]').fill(account.password);
      await page.locator('form[action$="/login"] button[type="submit"]').click();
      await page.waitForURL(/\/login\/verify/);
      await page.locator('input[name="code"]').fill(totpCode(account.totpKey, Date.now()));
      await page.locator('form[action$="/login/verify"] button[type="submit"]').first().click();
      await page.waitForLoadState();
    };
    const account = (email: string) => demo.accounts!.find((a) => a.email === email)!;

    const visitor = await person();
    await shoot(visitor, '/en/', 'home');
    await shoot(visitor, '/en/consultations/tsb-79-2023', 'consultation-circular-79');
    await shoot(visitor, '/en/consultations/tsb-79-2023/results', 'results-circular-79');
    await shoot(visitor, '/en/login', 'sign-in');
    await shoot(visitor, '/en/password-reset', 'password-reset');

    const kr = await person();
    await signIn(kr, account('focal-point.kr@demo.example'));
    await shoot(kr, '/en/my', 'focal-point-dashboard');
    await shoot(kr, `/en/my/consultations/${DEMO_CONSULTATION_ID}/reply`, 'reply-form');
    // One text's comments as a table: opened, two rows typed (the script builds the rows).
    await kr.goto(`/en/my/consultations/${DEMO_CONSULTATION_ID}/reply`);
    await kr.addStyleTag({ url: `${FONTS_PATH}/fonts.css` });
    await kr.locator('#field-x9991-position').check();
    await kr.locator('#field-x9991-option-choice-comments-attached').check();
    if (!(await kr.locator('details[data-comment-table="x9991"]').evaluate((d) => (d as HTMLDetailsElement).open)))
      await kr.locator('#field-x9991-table').click();
    await kr.locator('[name="table-0-clause-x9991"]').fill('5.2');
    await kr.locator('[name="table-0-comment-x9991"]').fill('The term “trust anchor” is used before it is defined.');
    await kr.locator('[name="table-0-change-x9991"]').fill('Define it in clause 3.');
    await kr.locator('[name="table-1-clause-x9991"]').fill('General');
    await kr.locator('[name="table-1-comment-x9991"]').fill('Align the terms with Recommendation ITU-T X.1252.');
    await kr.evaluate(() => document.fonts.ready);
    const tableShot = path.join(OUT, 'reply-comments-table.png');
    await kr.locator('#text-x9991').screenshot({ path: tableShot });
    shots.push(tableShot);
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      await shoot(kr, `/${locale}/my/consultations/${DEMO_CONSULTATION_ID}/reply`, `reply-form-${locale}`);
    }

    // Sign-in codes are single-use per 30-second step: the second account signs in on its own key.
    const tsb = await person();
    await signIn(tsb, account('tsb@demo.example'));
    await shoot(tsb, '/en/secretariat', 'secretariat-circulars');
    await shoot(tsb, `/en/secretariat/consultations/${DEMO_CONSULTATION_ID}/replies`, 'secretariat-replies', 3000);
    await shoot(tsb, '/en/secretariat/consultations/tsb-79-2023/comments', 'secretariat-comments', 3000);
    await shoot(tsb, '/en/secretariat/consultations/tsb-79-2023/replies/BR', 'secretariat-state-reply', 2000);
    await shoot(tsb, '/en/secretariat/consultations/tsb-79-2023/results', 'secretariat-results');
    await shoot(tsb, '/en/secretariat/consultations/tsb-79-2023/decisions', 'secretariat-decisions', 3000);
    // An open consultation: a State's page with "Remind now" and its reminders.
    await shoot(tsb, `/en/secretariat/consultations/${DEMO_CONSULTATION_ID}/replies/BR`, 'secretariat-remind', 2000);
    await shoot(tsb, '/en/secretariat/accounts', 'secretariat-accounts', 3000);
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  for (const file of shots)
    console.log(`${path.relative(process.cwd(), file)}  ${(fs.statSync(file).size / 1024).toFixed(0)} KB`);
}

await main();
