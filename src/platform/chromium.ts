import { accessSync, constants } from 'node:fs';
import type { Browser, LaunchOptions } from 'playwright-core';

/**
 * Finding and starting Chromium, for PDFs (documents) and browser tests: the program named by
 * `CHROMIUM_PATH` when set, and only it; otherwise, by default, the Chromium shipped inside the
 * `@sparticuz/chromium` npm package (unpacked to the temporary folder on first use, so a fresh
 * machine with only Node and npm has one), then a system Chromium (Debian's /usr/bin/chromium and
 * the usual names). `CHROMIUM=system` puts the system's first. Nothing is downloaded.
 *
 * Why the packaged one first (issue 18): its version is pinned with Assent's dependencies, so the
 * PDFs a server prints are the bytes the tests printed; Debian's Chromium, found first before,
 * printed three to five times slower on the same machine and changed the bytes of fresh renders.
 */

/** Where the Chromium in use came from. */
export type ChromiumSource = 'CHROMIUM_PATH' | 'system' | 'npm (@sparticuz/chromium)';

export interface ChromiumLocation {
  readonly executablePath: string;
  readonly source: ChromiumSource;
}

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];

/**
 * Flags for a headless Chromium run as root in a container, with no background traffic: no
 * sandbox (root), no GPU, no component updates, sync, first-run or crash reporting.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-breakpad',
  '--disable-domain-reliability',
  '--no-first-run',
  '--no-default-browser-check',
  '--no-pings',
  '--no-zygote',
  '--font-render-hinting=none',
];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Which Chromium comes first when `CHROMIUM_PATH` names none: the npm package's (default) or the system's. */
export const CHROMIUM_PREFERENCES = ['bundled', 'system'] as const;
export type ChromiumPreference = (typeof CHROMIUM_PREFERENCES)[number];

/**
 * The `CHROMIUM` setting: `bundled` (default) or `system`.
 * @throws Error naming the setting and its allowed values, for any other value (the start refuses it)
 */
export function chromiumPreference(env: NodeJS.ProcessEnv = process.env): ChromiumPreference {
  const value = env.CHROMIUM?.trim().toLowerCase() || 'bundled';
  if ((CHROMIUM_PREFERENCES as readonly string[]).includes(value)) return value as ChromiumPreference;
  throw new Error(`CHROMIUM must be one of ${CHROMIUM_PREFERENCES.join(', ')} (got "${env.CHROMIUM}")`);
}

/** The Chromium inside the @sparticuz/chromium npm package, unpacked on first use, or null. */
async function packagedChromium(): Promise<ChromiumLocation | null> {
  try {
    const { default: packaged } = await import('@sparticuz/chromium');
    const executablePath = await packaged.executablePath();
    return isExecutable(executablePath) ? { executablePath, source: 'npm (@sparticuz/chromium)' } : null;
  } catch {
    return null;
  }
}

let located: Promise<ChromiumLocation | null> | undefined;

/**
 * The Chromium to use, or null when none can be found (then PDFs are unavailable; DOCX still
 * works). `systemPaths` is where a system Chromium is looked for (tests give their own).
 * @throws Error for a `CHROMIUM` setting that is not one of CHROMIUM_PREFERENCES
 */
export function locateChromium(
  env: NodeJS.ProcessEnv = process.env,
  systemPaths: readonly string[] = SYSTEM_PATHS,
): Promise<ChromiumLocation | null> {
  const shared = env === process.env && systemPaths === SYSTEM_PATHS;
  if (shared && located) return located;
  const search = (async (): Promise<ChromiumLocation | null> => {
    const configured = env.CHROMIUM_PATH?.trim();
    if (configured) return isExecutable(configured) ? { executablePath: configured, source: 'CHROMIUM_PATH' } : null;
    const system = async (): Promise<ChromiumLocation | null> => {
      const found = systemPaths.find(isExecutable);
      return found ? { executablePath: found, source: 'system' } : null;
    };
    const order = chromiumPreference(env) === 'system' ? [system, packagedChromium] : [packagedChromium, system];
    for (const find of order) {
      const location = await find();
      if (location) return location;
    }
    return null;
  })();
  if (shared) located = search;
  return search;
}

/**
 * Starts a headless Chromium through playwright-core. @throws Error naming what was tried when
 * no Chromium can be found.
 */
export async function launchChromium(
  options: Omit<LaunchOptions, 'executablePath' | 'args'> = {},
): Promise<{ browser: Browser; location: ChromiumLocation }> {
  const location = await locateChromium();
  if (!location)
    throw new Error(
      `No Chromium found: keep the @sparticuz/chromium npm package, install a system Chromium (${SYSTEM_PATHS[0]}), or set CHROMIUM_PATH`,
    );
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    ...options,
    executablePath: location.executablePath,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  return { browser, location };
}
