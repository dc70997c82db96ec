import { locateChromium } from '../../src/platform/chromium.js';

/**
 * Finds Chromium once for the run, before the test workers start: a configured or system one, or
 * the one inside the @sparticuz/chromium npm package, unpacked here once (two workers unpacking it
 * at the same time could race). The workers inherit CHROMIUM_PATH and the library path it needs.
 * With none found, the browser tests fail, saying so: they are part of what "done" means.
 */
export default async function setup(): Promise<void> {
  const location = await locateChromium();
  if (location) {
    process.env.CHROMIUM_PATH = location.executablePath;
    process.env.ASSENT_CHROMIUM_SOURCE = location.source;
  } else {
    console.warn(
      '\n[assent] No Chromium found: browser tests and PDF tests will fail. Set CHROMIUM_PATH or keep @sparticuz/chromium installed.\n',
    );
  }
}
