import type { Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import type { AccountRole } from '../../src/db/database.js';
import { inLocale, localeHref } from '../../src/http/web/locale-url.js';
import { safeNext } from '../../src/http/web/next-page.js';
import { dirOf, LOCALES, type Locale } from '../../src/i18n/i18n.js';
import { acceptInvitation, enrollmentSeed, verifySecondFactor } from '../../src/services/identity/sign-in.js';
import { PASSWORD, type RealBrowser } from './browser-harness.js';

/**
 * Helpers for the browser tests that walk the pages in every served language: nothing here
 * reads a visible English word. Fields and buttons are found by name, id and form action, so the
 * same journey runs in Arabic, Chinese or Russian.
 */

/** The six UN languages in the UN order; the tests run those among them that are served (have a catalogue). */
export const UN_LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;

/** Whether a locale has a catalogue and is served (src/i18n/catalogues.ts). */
export function isServed(locale: string): locale is Locale {
  return (LOCALES as readonly string[]).includes(locale);
}

/** The locale prefix taken off a page's path: `/ar/my?x` → `/my`, `/ar/` → `/`. */
export function pathWithoutLocale(url: string, locale: string): string {
  const { pathname } = new URL(url);
  const rest = pathname.startsWith(`/${locale}`) ? pathname.slice(locale.length + 1) : pathname;
  return rest === '' ? '/' : rest;
}

/**
 * Checks the page as it is now in `locale`: `<html lang dir>` (rtl for Arabic only), the
 * language switcher (one link per served locale to the same page in that language, each marked
 * with its language, the current one marked current), and axe (recorded by the harness; the test
 * fails at its end on any violation). `switcherPath` overrides the path the switcher's links are expected to
 * lead to. Returns the label, for the test's list of pages seen.
 */
export async function checkLocalisedPage(
  b: RealBrowser,
  page: Page,
  locale: Locale,
  label: string,
  options: { switcherPath?: string } = {},
): Promise<string> {
  // Measure a settled page: loaded, its fonts (system fallbacks for other scripts included) in place.
  // (Once, in a busy run, axe's target-size met the switcher mid-layout: its first row too close to a second.)
  await page.waitForLoadState('load');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // The not-found page of an unknown address offers each language's home page instead.
  const path = options.switcherPath ?? pathWithoutLocale(page.url(), locale);
  // A page asked with `?next=` (where signing in returns to) keeps it in each language's link.
  const next = safeNext(new URL(page.url()).searchParams.get('next'));
  // Read in one round trip: what the page says about its language, its switcher, its headings.
  const seen = await page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    dir: document.documentElement.getAttribute('dir'),
    switcher: Array.from(document.querySelectorAll('nav.language-switcher a')).map((a) => ({
      href: a.getAttribute('href'),
      lang: a.getAttribute('lang'),
      hreflang: a.getAttribute('hreflang'),
      current: a.getAttribute('aria-current'),
    })),
    h1: document.querySelectorAll('h1').length,
    title: document.title,
  }));
  expect({ lang: seen.lang, dir: seen.dir }, `${label}: <html lang dir>`).toEqual({ lang: locale, dir: dirOf(locale) });
  expect(seen.switcher, `${label}: language switcher`).toEqual(
    LOCALES.map((other) => ({
      href: localeHref(other, path) + (next ? `?next=${encodeURIComponent(inLocale(other, next))}` : ''),
      lang: other,
      hreflang: other,
      current: other === locale ? 'true' : null,
    })),
  );
  // Exactly one h1, and a document title.
  expect(seen.h1, `${label}: one h1`).toBe(1);
  expect(seen.title.length, `${label}: title`).toBeGreaterThan(0);
  await b.checkAccessibility(page, `[${locale}] ${label}`);
  return label;
}

/** Goes to `/${locale}${path}` and expects the status. */
export async function visit(page: Page, locale: Locale, path: string, status = 200): Promise<Response> {
  const response = await page.goto(localeHref(locale, path));
  if (response?.status() !== status) {
    // Say what the page said: the assertion alone would only give the two numbers.
    const text = await page
      .locator('body')
      .innerText()
      .catch(() => '');
    expect(response?.status(), `${path} in ${locale}: ${text.slice(0, 500)}`).toBe(status);
  }
  return response!;
}

/** The text of the error summary, once it shows. */
export const errorSummary = (page: Page): Promise<string> => page.locator('.error-summary[role="alert"]').innerText();

/**
 * An account set up as a person would have done it (invitation accepted, authenticator
 * confirmed), through the services: returns its TOTP key. The clock moves on by a code step so
 * that the next sign-in's code is a fresh one.
 */
export async function enrolledAccount(
  b: RealBrowser,
  options: { email: string; name: string; role?: AccountRole; memberState?: string },
): Promise<string> {
  const invited = await b.invite(options);
  const secret = invited.invitationPath.split('/').pop()!;
  const grant = await acceptInvitation(b.world.ctx, { secret, password: PASSWORD, client: {} });
  const { seed } = await enrollmentSeed(b.world.ctx, grant.sessionSecret);
  await verifySecondFactor(b.world.ctx, { sessionSecret: grant.sessionSecret, code: b.code(seed), client: {} });
  b.world.clock.advance(30_000);
  return seed;
}

/**
 * Walks an invitation in `locale` through the pages: the empty form once (its error state), the
 * password, the authenticator's key and code, the recovery codes. `check` is called on each page.
 * Returns the TOTP key; the page ends on the recovery codes.
 */
export async function enrolInLocale(
  b: RealBrowser,
  page: Page,
  locale: Locale,
  invitationPath: string,
  check: (label: string) => Promise<unknown>,
): Promise<string> {
  await visit(page, locale, invitationPath);
  await check('invitation');
  await page.locator('main form button[type="submit"]').click();
  await expect.poll(() => errorSummary(page)).not.toBe('');
  await check('invitation with errors');
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('input[name="passwordConfirm"]').fill(PASSWORD);
  await page.locator('main form button[type="submit"]').click();
  await page.waitForURL(new RegExp(`/${locale}/account/authenticator$`));
  await check('authenticator');
  const seed = ((await page.locator('#totp-key').textContent()) ?? '').replace(/\s+/g, '');
  await page.locator('input[name="code"]').fill(b.code(seed));
  await page.locator('form[action$="/account/authenticator"] button[type="submit"]').click();
  await expect.poll(() => page.locator('ol.codes li').count()).toBe(10);
  await check('recovery codes');
  return seed;
}

/**
 * Signs in through the pages of `locale`: e-mail and password, then the authenticator's code;
 * ends on the account page. `check` is called on the second step's page.
 */
export async function signInInLocale(
  b: RealBrowser,
  page: Page,
  locale: Locale,
  email: string,
  seed: string,
  check: (label: string) => Promise<unknown> = async () => undefined,
): Promise<void> {
  await visit(page, locale, '/login');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('form[action$="/login"] button[type="submit"]').click();
  await page.waitForURL(new RegExp(`/${locale}/login/verify$`));
  await check('sign-in: second step');
  await page.locator('input[name="code"]').fill(b.code(seed));
  await page.locator('form[action$="/login/verify"] button[type="submit"]').first().click();
  // Each role lands on its work: what a focal point's State owes, or the secretariat's circulars.
  await page.waitForURL(new RegExp(`/${locale}/(my|secretariat)$`));
}

/** Signs out with the header's form (a POST); ends on the sign-in page. */
export async function signOutInLocale(page: Page, locale: Locale): Promise<void> {
  await page.locator('form[action$="/logout"] button[type="submit"]').click();
  await page.waitForURL(new RegExp(`/${locale}/login`));
}

/**
 * The text of the first element matching `selector` as a reader's eye meets it: line by line,
 * each line's characters sorted by their boxes' positions, left to right. A left-to-right run
 * inside a right-to-left line reads in it as typed ("ITU-T X.1353"); a run broken by the bidi
 * algorithm does not ("X.1353 ITU-T"). Characters keep their code points (a mirrored parenthesis
 * is listed as typed, not as drawn).
 */
export async function visualLines(page: Page, selector: string): Promise<string[]> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const boxes: { mid: number; height: number; x: number; ch: string }[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const box = range.getClientRects()[0];
          if (!box || box.width === 0) continue;
          boxes.push({ mid: (box.top + box.bottom) / 2, height: box.height, x: box.left, ch: text[i]! });
        }
      }
      // Lines: boxes whose middles are closer than half a box's height (fonts of two scripts differ a little).
      const lines: (typeof boxes)[] = [];
      for (const box of boxes.sort((a, b) => a.mid - b.mid)) {
        const line = lines.at(-1);
        if (line && Math.abs(box.mid - line[0]!.mid) < box.height / 2) line.push(box);
        else lines.push([box]);
      }
      return lines.map((line) =>
        line
          .sort((a, b) => a.x - b.x)
          .map((b) => b.ch)
          .join(''),
      );
    });
}

/**
 * Expects a text's designation to read as one run with the word before it (the sector, in the
 * page's language: "ITU-T X.1353", "UIT-T X.1353", "МСЭ-T X.1353"), as typed, wherever the line's
 * direction: the failure it catches is an Arabic heading drawn as "X.1353 ITU-T".
 */
export async function expectDesignationReadsWhole(page: Page, selector: string, designation: string): Promise<void> {
  const logical = (await page.locator(selector).first().textContent()) ?? '';
  const withSector = new RegExp(`\\S+ ${designation.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(logical)?.[0];
  expect(withSector, `"${designation}" with the word before it in "${logical}"`).toBeDefined();
  const seen = (await visualLines(page, selector)).join(' ');
  expect(seen, `${selector} as seen`).toContain(withSector);
}
