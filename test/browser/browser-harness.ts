import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { AccountRole } from '../../src/db/database.js';
import { type BuildAppOptions, buildApp } from '../../src/http/app.js';
import { launchChromium } from '../../src/platform/chromium.js';
import { inviteAccount, type Invited } from '../../src/services/identity/accounts.js';
import { totpCode } from '../../src/services/identity/totp.js';
import type { TestDialect } from '../helpers/databases.js';
import { SECRETARIAT, useWorld, type World } from '../helpers/world.js';

/**
 * Real-browser tests: a real Chromium (located by test/setup/chromium.global.ts: a system one or
 * the one from npm) driven by playwright-core against the app listening on loopback over the
 * test's own database. Every page a test visits can be checked with axe-core (WCAG 2.x A/AA
 * rules) and weighed as the network saw it (compressed bytes of HTML, CSS and JS).
 */

export const PASSWORD = 'correct horse battery staple';

/** The axe rule sets the issue asks for: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** The page-weight budget of issue #4: HTML + CSS + JS of one page as transferred (compressed), fonts excluded. */
export const PAGE_BUDGET_BYTES = 60 * 1024;

/** One page load as the network saw it. */
export interface PageWeight {
  readonly url: string;
  /** Bytes transferred for the document, its stylesheets and scripts (bodies as sent, compressed). */
  readonly bytes: number;
}

export interface RealBrowser {
  readonly world: World;
  readonly app: FastifyInstance;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** A new browser context (own cookies: a person) with one page; in Zurich's zone unless `timezoneId` says otherwise. */
  newPerson(options?: { locale?: string; timezoneId?: string }): Promise<{ context: BrowserContext; page: Page }>;
  /** Runs axe on the page as it is now; a violation is recorded with `label` and fails the test at its end. */
  checkAccessibility(page: Page, label: string): Promise<void>;
  /** The weight of every document loaded so far in every context, fonts excluded. */
  readonly weights: PageWeight[];
  /** Invites a person as the secretariat would. */
  invite(options: {
    email: string;
    name: string;
    role?: AccountRole;
    memberState?: string;
    admin?: boolean;
  }): Promise<Invited>;
  /** The TOTP code of a key at the server's clock. */
  code(seed: string): string;
}

/**
 * One Chromium per test file, one app and database per test (SQLite unless told otherwise: the
 * storage itself is tested on both dialects elsewhere; browser tests test the pages).
 */
export function useRealBrowser(
  dialect: TestDialect = 'sqlite',
  appOptions: Partial<Omit<BuildAppOptions, 'ctx'>> = {},
): () => RealBrowser {
  const world = useWorld(dialect);
  let chromium: Browser | undefined;
  let current: RealBrowser | undefined;
  let contexts: BrowserContext[] = [];
  let violations: string[] = [];

  beforeAll(async () => {
    ({ browser: chromium } = await launchChromium());
  });
  afterAll(async () => {
    await chromium?.close();
  });

  beforeEach(async () => {
    const w = world();
    const app = await buildApp({ ctx: w.ctx, logger: false, rateLimitPerMinute: 0, ...appOptions });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const weights: PageWeight[] = [];
    violations = [];
    contexts = [];
    current = {
      world: w,
      app,
      origin: address,
      weights,
      async newPerson(options = {}) {
        const context = await chromium!.newContext({
          baseURL: address,
          locale: options.locale ?? 'en-GB',
          timezoneId: options.timezoneId ?? 'Europe/Zurich',
        });
        contexts.push(context);
        // A step that cannot happen fails in seconds, naming the step, instead of at the test's timeout.
        context.setDefaultTimeout(10_000);
        // The browser's clock reads the server's (the world's) time, so countdowns agree with the pages.
        await context.clock.setFixedTime(new Date(w.clock.now()));
        // Nothing leaves loopback.
        await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
        const page = await context.newPage();
        trackWeight(page, weights);
        return { context, page };
      },
      async checkAccessibility(page, label) {
        // A test may find what it waits for while the new page is still loading: axe measures the
        // page as laid out by its stylesheet (target sizes, contrast), so it waits for the load.
        await page.waitForLoadState('load');
        const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        for (const v of result.violations) {
          violations.push(
            `${label} (${page.url()}): ${v.id} [${v.impact}] ${v.help} — ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
          );
        }
      },
      invite: (options) =>
        inviteAccount(w.ctx, {
          actor: SECRETARIAT,
          email: options.email,
          name: options.name,
          role: options.role ?? 'focal_point',
          ...((options.role ?? 'focal_point') === 'focal_point' && { memberState: options.memberState ?? 'KR' }),
        }),
      code: (seed) => totpCode(seed, w.clock.now()),
    };
  });

  afterEach(async () => {
    for (const context of contexts) await context.close();
    await current?.app.close();
    current = undefined;
    // Every axe violation met during the test, all at once.
    expect(violations, 'axe-core violations (WCAG 2.x A/AA)').toEqual([]);
  });

  return () => {
    if (!current) throw new Error('browser used outside a test');
    return current;
  };
}

/** Sums, per document load, the transferred bytes of the document, its stylesheets and scripts. */
function trackWeight(page: Page, weights: PageWeight[]): void {
  const pending: Promise<void>[] = [];
  let currentWeight: { url: string; bytes: number } | null = null;
  page.on('response', (response: Response) => {
    const type = response.request().resourceType();
    if (!['document', 'stylesheet', 'script'].includes(type)) return;
    if (type === 'document' && response.request().frame() === page.mainFrame()) {
      currentWeight = { url: response.url(), bytes: 0 };
      weights.push(currentWeight);
    }
    const target = currentWeight;
    if (!target) return;
    pending.push(
      response
        .request()
        .sizes()
        .then((sizes) => {
          // The body as it travelled (compressed when the server compressed it) plus headers.
          (target as { bytes: number }).bytes += sizes.responseBodySize + sizes.responseHeadersSize;
        })
        .catch(() => undefined),
    );
  });
}

/**
 * Walks an invitation in the browser: choose the password, read the key from the page, type the
 * current code; returns the key. The page ends on the recovery codes.
 */
export async function enrolInBrowser(b: RealBrowser, page: Page, invitationPath: string): Promise<string> {
  await page.goto(invitationPath);
  await page.getByLabel('New password').fill(PASSWORD);
  await page.getByLabel('Enter the password again').fill(PASSWORD);
  await page.getByRole('button', { name: /choose|save|continue|set/i }).click();
  await page.waitForURL(/\/account\/authenticator/);
  const seed = ((await page.locator('#totp-key').textContent()) ?? '').replace(/\s+/g, '');
  await page.getByLabel(/code/i).first().fill(b.code(seed));
  await page.getByRole('button', { name: /confirm|verify|continue|turn on/i }).click();
  return seed;
}

/** Signs in through the pages: e-mail and password, then the authenticator's code. */
export async function signInInBrowser(
  b: RealBrowser,
  page: Page,
  email: string,
  seed: string,
  path = '/login',
): Promise<void> {
  await page.goto(path);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/login\/verify/);
  await page.getByLabel(/code/i).first().fill(b.code(seed));
  await page
    .getByRole('button', { name: /verify|continue|sign in/i })
    .first()
    .click();
}
