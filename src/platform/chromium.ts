import { accessSync, constants } from 'node:fs';
import type { Browser, LaunchOptions } from 'playwright-core';

/**
 * Finding and starting Chromium, for PDFs (documents) and browser tests. In order: the program
 * named by `CHROMIUM_PATH`; a system Chromium (Debian's /usr/bin/chromium and the usual names);
 * the Chromium shipped inside the `@sparticuz/chromium` npm package, unpacked to the temporary
 * folder on first use — so a fresh machine with only Node and npm has one. Nothing is downloaded.
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

let located: Promise<ChromiumLocation | null> | undefined;

/** The Chromium to use, or null when none can be found (then PDFs are unavailable; DOCX still works). */
export function locateChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumLocation | null> {
  if (env === process.env && located) return located;
  const search = (async (): Promise<ChromiumLocation | null> => {
    const configured = env.CHROMIUM_PATH?.trim();
    if (configured) return isExecutable(configured) ? { executablePath: configured, source: 'CHROMIUM_PATH' } : null;
    const system = SYSTEM_PATHS.find(isExecutable);
    if (system) return { executablePath: system, source: 'system' };
    try {
      const { default: packaged } = await import('@sparticuz/chromium');
      const executablePath = await packaged.executablePath();
      return isExecutable(executablePath) ? { executablePath, source: 'npm (@sparticuz/chromium)' } : null;
    } catch {
      return null;
    }
  })();
  if (env === process.env) located = search;
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
      `No Chromium found: set CHROMIUM_PATH, install a system Chromium (${SYSTEM_PATHS[0]}), or keep the @sparticuz/chromium npm package`,
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
